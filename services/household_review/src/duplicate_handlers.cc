// Duplicates: checking a household before it is registered, listing candidate pairs, and the
// district's recorded decision on each (merge, or not a duplicate).

#include "duplicate_finder.h"
#include "household_registry.h"
#include "household_service.h"
#include "policies.h"
#include "proto_names.h"
#include "review_rows.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/paging.h"
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

bool in_scope(const CallContext& call, const std::string& unit) {
  return call.may_act_for(unit, unit_date(call.service(), unit));
}

}  // namespace

grpc::Status HouseholdReviewServiceImpl::CheckDuplicates(grpc::ServerContext* context,
                                                         const v1::CheckDuplicatesRequest* request,
                                                         v1::CheckDuplicatesResponse* response) {
  return platform::rpc::query(
      context_, context, policies::kCheckDuplicates, [&](CallContext& call) {
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
        platform::db::with_transaction(
            context_.pool(), call.tx_options(), [&](pqxx::transaction_base& tx) {
              response->Clear();
              for (auto& match :
                   find_duplicates(tx, request->hamlet(), probes, settings_.name_similarity)) {
                *response->add_matches() = std::move(match);
              }
            });
      });
}

grpc::Status HouseholdReviewServiceImpl::ListDuplicateCandidates(
    grpc::ServerContext* context, const v1::ListDuplicateCandidatesRequest* request,
    v1::ListDuplicateCandidatesResponse* response) {
  return platform::rpc::query(context_, context, policies::kListDuplicates, [&](CallContext& call) {
    const auto& r = *request;
    v1::ListDuplicateCandidatesRequest filters = r;
    filters.clear_page();
    const auto page = platform::rpc::read_page(r.page(), filters, 100, 1000);
    if (!r.unit_code().empty()) {
      call.require_unit("unit_code", r.unit_code(), unit_date(context_, r.unit_code()));
    }
    platform::db::with_transaction(
        context_.pool(), call.tx_options(), [&](pqxx::transaction_base& tx) {
          response->Clear();
          auto rows = tx.exec_prepared("duplicate_page", page.after, r.open_only(), page.size + 1);
          platform::rpc::take_page(
              rows, page, response->mutable_page(), [&](const pqxx::row&, std::int64_t last) {
                v1::DuplicateCandidate candidate;
                load_candidate(tx, last, &candidate);
                // A pair across communes is visible to each side; the district sees both.
                const bool visible = in_scope(call, candidate.household_unit_code()) ||
                                     in_scope(call, candidate.other_unit_code());
                const auto covered = [&](const std::string& unit) {
                  return r.unit_code().empty() ||
                         context_.units().covers(r.unit_code(), unit, unit_date(context_, unit));
                };
                if (visible && (covered(candidate.household_unit_code()) ||
                                covered(candidate.other_unit_code()))) {
                  *response->add_candidates() = std::move(candidate);
                }
              });
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
        if (r.decision() == v1::DUPLICATE_DECISION_UNSPECIFIED ||
            !v1::DuplicateDecision_IsValid(r.decision())) {
          throw invalid_argument("decision", "is required (duplicate or not a duplicate)");
        }
        platform::text::require_text(r.reason(), "reason", 500, true);
        v1::DuplicateCandidate candidate;
        if (!load_candidate(tx, r.candidate_id(), &candidate)) {
          throw invalid_argument("candidate_id", "unknown duplicate candidate");
        }
        // Deciding merges across communes: the decider must cover both.
        if (!in_scope(call, candidate.household_unit_code()) ||
            !in_scope(call, candidate.other_unit_code())) {
          throw platform::permission_denied("the pair is not entirely within your units");
        }
        tx.exec_prepared("duplicate_lock", r.candidate_id());
        if (candidate.decision() != v1::DUPLICATE_DECISION_UNSPECIFIED) {
          throw platform::failed_precondition("the pair was already decided by " +
                                              candidate.decided_by());
        }
        std::int64_t keep = 0;
        std::int64_t merged = 0;
        if (r.decision() == v1::DUPLICATE_DECISION_DUPLICATE) {
          keep = r.keep_household_id() == 0 ? candidate.household_id() : r.keep_household_id();
          if (keep != candidate.household_id() && keep != candidate.other_household_id()) {
            throw invalid_argument("keep_household_id", "is neither household of the pair");
          }
          merged = keep == candidate.household_id() ? candidate.other_household_id()
                                                    : candidate.household_id();
          tx.exec_prepared("household_merge", merged, keep);
          // The merged household leaves every campaign it was put forward for.
          for (const auto& c : tx.exec_prepared("candidacy_active_of", merged)) {
            record_transition(tx, c[0].c_str(), merged, c[1].c_str(), "withdrawn",
                              call.principal().subject,
                              "merged into household " + std::to_string(keep));
          }
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
