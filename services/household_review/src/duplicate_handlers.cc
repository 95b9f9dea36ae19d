// Duplicates: checking a household before it is registered, listing candidate pairs, and the
// district's recorded decision on each (merge, or not a duplicate).

#include "duplicate_finder.h"
#include "household_registry.h"
#include "household_service.h"
#include "policies.h"
#include "proto_names.h"
#include "review_rows.h"
#include "rules/candidacy.h"
#include "rules/duplicates.h"
#include "rules/scope.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/filtered_query.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/paging.h"
#include "vnn/platform/rpc/read_handler.h"
#include "vnn/platform/text/text.h"

namespace vnn::household_review {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;

bool load_candidate(pqxx::transaction_base& tx, std::int64_t id, v1::DuplicateCandidate* out) {
  auto rows = tx.exec_prepared("duplicate_get", id);
  if (rows.empty()) return false;
  const auto& r = rows[0];
  out->set_id(id);
  out->set_household_id(r[0].as<std::int64_t>());
  out->set_other_household_id(r[1].as<std::int64_t>());
  out->set_reason(parse_duplicate_reason(r[2].c_str()));
  out->set_similarity(r[3].as<double>());
  out->set_household_unit_code(r[4].c_str());
  out->set_other_unit_code(r[5].c_str());
  out->set_masked_name(r[6].c_str());
  out->set_other_masked_name(r[7].c_str());
  if (!r[8].is_null()) {
    out->set_decision(parse_duplicate_decision(r[8].c_str()));
    out->set_decided_by(r[9].c_str());
    out->set_decision_reason(r[10].c_str());
    out->mutable_decided_at()->set_seconds(r[11].as<std::int64_t>());
  }
  return true;
}

rules::DuplicatePair pair_of(const v1::DuplicateCandidate& candidate) {
  return {.household_id = candidate.household_id(),
          .other_household_id = candidate.other_household_id(),
          .household_unit_code = candidate.household_unit_code(),
          .other_unit_code = candidate.other_unit_code(),
          .decided_by = candidate.decided_by()};
}

rules::DuplicateVerdict verdict_of(v1::DuplicateDecision decision) {
  switch (decision) {
    case v1::DUPLICATE_DECISION_DUPLICATE:
      return rules::DuplicateVerdict::kDuplicate;
    case v1::DUPLICATE_DECISION_NOT_DUPLICATE:
      return rules::DuplicateVerdict::kNotDuplicate;
    default:
      throw invalid_argument("decision", "is required (duplicate or not a duplicate)",
                             "bắt buộc (trùng lặp hoặc không trùng lặp)");
  }
}

}  // namespace

grpc::Status HouseholdReviewServiceImpl::CheckDuplicates(grpc::ServerContext* context,
                                                         const v1::CheckDuplicatesRequest* request,
                                                         v1::CheckDuplicatesResponse* response) {
  return platform::rpc::read(
      context_, context, policies::kCheckDuplicates, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        require_commune(call, "unit_code", request->unit_code());
        if (platform::text::check_text(request->hamlet(), 100, true) !=
            platform::text::TextProblem::kNone) {
          throw invalid_argument("hamlet", "is required (at most 100 characters)");
        }
        if (request->persons().empty()) throw invalid_argument("persons", "is empty");
        if (request->persons_size() > 30) throw invalid_argument("persons", "at most 30");
        std::vector<PersonProbe> probes;
        for (int i = 0; i < request->persons_size(); ++i) {
          auto person =
              validate_person(request->persons(i), vault_, "persons[" + std::to_string(i) + "]");
          probes.push_back({person.full_name, person.birth_year,
                            person.citizen_id ? person.citizen_id->hash_hex : std::string()});
        }
        // Only households the caller may see: a check is no way to learn that a citizen id is
        // registered in another commune. Names are compared in the hamlet of the unit checked.
        const DuplicateSearch search{
            .hamlet = request->hamlet(),
            .name_units = rules::household_units_below(context_.units(), request->unit_code()),
            .visible_units = rules::household_units(call.principal(), context_.units())};
        for (auto& match : find_duplicates(tx, search, probes, settings_.name_similarity)) {
          *response->add_matches() = std::move(match);
        }
      });
}

grpc::Status HouseholdReviewServiceImpl::ListDuplicateCandidates(
    grpc::ServerContext* context, const v1::ListDuplicateCandidatesRequest* request,
    v1::ListDuplicateCandidatesResponse* response) {
  return platform::rpc::read(
      context_, context, policies::kListDuplicates, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        v1::ListDuplicateCandidatesRequest filters = r;
        filters.clear_page();
        const auto page = platform::rpc::read_page(call, r.page(), filters, 100, 1000);
        if (!r.unit_code().empty()) {
          call.require_unit("unit_code", r.unit_code(), unit_date(context_, r.unit_code()));
        }
        // A pair is listed when one of its households is in the caller's units (and in the unit
        // asked for): conditions of the query, before its LIMIT.
        platform::db::FilteredQuery query(
            "SELECT c.id FROM duplicate_candidate c JOIN household a ON a.id = c.household_id "
            "JOIN household b ON b.id = c.other_household_id",
            "c.id", page.after);
        if (r.open_only()) {
          query.where(
              "NOT EXISTS (SELECT 1 FROM duplicate_decision d WHERE d.candidate_id = c.id)");
        }
        const auto either_in = [&](const std::vector<std::string>& units) {
          const auto codes = query.param(platform::db::text_array(units));
          query.where("(a.unit_code = ANY(" + codes + "::text[]) OR b.unit_code = ANY(" + codes +
                      "::text[]))");
        };
        if (!r.unit_code().empty()) {
          either_in(rules::household_units_below(context_.units(), r.unit_code()));
        }
        if (const auto units = rules::household_units(call.principal(), context_.units())) {
          either_in(*units);
        }
        auto rows = query.run(tx, page.size + 1);
        platform::rpc::take_page(rows, page, response->mutable_page(),
                                 [&](const pqxx::row&, std::int64_t last) {
                                   load_candidate(tx, last, response->add_candidates());
                                 });
      });
}

grpc::Status HouseholdReviewServiceImpl::ResolveDuplicate(
    grpc::ServerContext* context, const v1::ResolveDuplicateRequest* request,
    v1::DuplicateCandidate* response) {
  return platform::rpc::mutation(
      context_, context, policies::kResolveDuplicate, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        const auto verdict = verdict_of(r.decision());
        platform::text::require_text(r.reason(), "reason", 500, true);
        // Locked before it is read, so two officers deciding one pair are served in turn.
        tx.exec_prepared("duplicate_lock", r.candidate_id());
        v1::DuplicateCandidate candidate;
        if (!load_candidate(tx, r.candidate_id(), &candidate)) {
          throw invalid_argument("candidate_id", "unknown duplicate candidate");
        }
        auto pair = pair_of(candidate);
        rules::require_covers_pair(call.principal(), context_.units(), pair);
        // Both households locked (in id order, as SubmitList locks its households), then read:
        // a merger of either in another pair, decided meanwhile, is seen here.
        for (const auto& row :
             tx.exec_prepared("household_pair_lock", pair.household_id, pair.other_household_id)) {
          const bool merged = row[1].as<bool>();
          if (row[0].as<std::int64_t>() == pair.household_id) pair.household_merged = merged;
          if (row[0].as<std::int64_t>() == pair.other_household_id) pair.other_merged = merged;
        }
        const auto outcome = rules::decide_pair(pair, verdict, r.keep_household_id());
        const auto keep = outcome.keep;
        const auto merged = outcome.merged;
        std::vector<std::pair<std::string, rules::CandidacyState>> leaving;
        if (merged != 0) {
          for (const auto& c : tx.exec_prepared("candidacy_active_of", merged)) {
            const auto from = *rules::parse_candidacy_state(c[1].c_str());
            rules::next_candidacy_state(from, rules::CandidacyEvent::kMergedAway);
            leaving.emplace_back(c[0].c_str(), from);
          }
          tx.exec_prepared("household_merge", merged, keep);
        }
        // The merged household leaves every campaign it was put forward for.
        for (const auto& [campaign_id, from] : leaving) {
          record_transition(tx, campaign_id, merged, from, rules::CandidacyState::kWithdrawn,
                            call.principal().subject,
                            "merged into household " + std::to_string(keep));
        }
        tx.exec_prepared("duplicate_decision_insert", r.candidate_id(),
                         duplicate_decision_name(r.decision()),
                         keep == 0 ? nullptr : std::to_string(keep).c_str(),
                         call.principal().subject, r.reason());
        v1::DuplicateResolved event;
        event.set_candidate_id(r.candidate_id());
        event.set_household_id(keep != 0 ? keep : candidate.household_id());
        event.set_other_household_id(merged != 0 ? merged : candidate.other_household_id());
        event.set_decision(r.decision());
        event.set_unit_code(candidate.household_unit_code());
        event.set_other_unit_code(candidate.other_unit_code());
        context_.outbox().append(tx, {.aggregate_type = "duplicate",
                                      .event_name = "resolved",
                                      .aggregate_id = std::to_string(r.candidate_id()),
                                      .aggregate_version = 1,
                                      .payload = &event});
        response->Clear();
        load_candidate(tx, r.candidate_id(), response);
        call.audit("candidate_id", r.candidate_id());
        call.audit("decision", duplicate_decision_name(r.decision()));
        if (merged != 0) call.audit("merged_household_id", merged);
      });
}

}  // namespace vnn::household_review
