// Submissions by communes and review by the district: deadlines and late overrides, returns and
// resubmissions, maker–checker, and the priority ranking of approved households.

#include <map>
#include <optional>

#include "duplicate_finder.h"
#include "household_events.h"
#include "household_registry.h"
#include "household_service.h"
#include "policies.h"
#include "proto_names.h"
#include "review_rows.h"
#include "rules/candidacy.h"
#include "rules/duplicates.h"
#include "rules/maker_checker.h"
#include "rules/scope.h"
#include "rules/submission_deadline.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/filtered_query.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/received_day.h"
#include "vnn/platform/rpc/paging.h"
#include "vnn/platform/rpc/read_handler.h"
#include "vnn/platform/text/text.h"

namespace vnn::household_review {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;
using rules::CandidacyEvent;
using rules::CandidacyState;

constexpr int kMaxListHouseholds = 20000;

std::string required_reason(const std::string& value, const std::string& field) {
  platform::text::require_text(value, field, 500, true);
  return value;
}

rules::ListSubmission list_submission(const v1::Submission& submission) {
  return {.late = submission.late(), .override_by = submission.override_by()};
}

CandidacyEvent decision_event(v1::ReviewDecision decision) {
  switch (decision) {
    case v1::REVIEW_DECISION_APPROVE:
      return CandidacyEvent::kApprove;
    case v1::REVIEW_DECISION_REJECT:
      return CandidacyEvent::kReject;
    case v1::REVIEW_DECISION_RETURN:
      return CandidacyEvent::kReturn;
    default:
      throw invalid_argument("decision", "is required (approve, reject or return)",
                             "bắt buộc (duyệt, không duyệt hoặc trả lại)");
  }
}

void emit_submitted(pqxx::transaction_base& tx, const platform::events::OutboxWriter& outbox,
                    std::int64_t household_id, const HouseholdSummary& summary,
                    const std::string& campaign_id, std::int64_t submission_id, bool late,
                    const platform::Date& received_on) {
  v1::HouseholdSubmitted event;
  event.set_household_id(household_id);
  event.set_unit_code(summary.unit_code);
  event.set_masked_name(summary.masked_name);
  event.set_campaign_id(campaign_id);
  event.set_submission_id(submission_id);
  event.set_late(late);
  platform::to_proto(received_on, event.mutable_received_on());
  *event.mutable_flags() = summary.flags;
  emit_household_event(tx, outbox, household_id, "submitted", event);
}

}  // namespace

grpc::Status HouseholdReviewServiceImpl::SubmitList(grpc::ServerContext* context,
                                                    const v1::SubmitListRequest* request,
                                                    v1::Submission* response) {
  return platform::rpc::mutation(
      context_, context, policies::kSubmitList, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        const auto campaign = require_campaign(tx, r.campaign_id(), "campaign_id");
        require_commune(call, "unit_code", r.unit_code());
        platform::text::require_text(r.proposal_reference(), "proposal_reference", 100, true);
        if (r.household_ids().empty()) throw invalid_argument("household_ids", "is empty");
        if (r.household_ids_size() > kMaxListHouseholds) {
          throw invalid_argument("household_ids", "at most 20000 households per list");
        }
        // Lateness is judged on the day the district office received the paper list.
        const auto received =
            platform::received_day(platform::optional_date(r.received_on(), "received_on"),
                                   campaign.starts_on, platform::Date::today_in_vietnam());
        // One list per commune and campaign at a time: concurrent submissions queue here. Then
        // the households — those listed and those the commune put forward before — are locked,
        // in id order, as ReviewHousehold and ResolveDuplicate lock theirs: a review or merger
        // of any of them finishes first, and everything below reads it.
        tx.exec_prepared("submission_lock", r.campaign_id(), r.unit_code());
        tx.exec_prepared("households_lock_for_list", r.campaign_id(), r.unit_code(),
                         platform::db::bigint_array(std::vector<std::int64_t>(
                             r.household_ids().begin(), r.household_ids().end())));
        // Read once here, for the checks and for each household's event below.
        std::map<std::int64_t, HouseholdSummary> summaries;
        for (int i = 0; i < r.household_ids_size(); ++i) {
          const auto id = r.household_ids(i);
          const std::string field = "household_ids[" + std::to_string(i) + "]";
          if (summaries.contains(id)) throw invalid_argument(field, "repeats a household");
          const auto summary = household_summary(tx, id);
          if (!summary || summary->unit_code != r.unit_code()) {
            throw invalid_argument(field, "is not a household of " + r.unit_code());
          }
          if (summary->merged) throw invalid_argument(field, "was merged into another household");
          summaries.emplace(id, *summary);
        }
        rules::ListBefore before;
        auto previous = tx.exec_prepared("submission_latest", r.campaign_id(), r.unit_code());
        if (!previous.empty()) {
          before.latest_version = previous[0][1].as<int>();
          before.district_reviewed_any =
              !tx.exec_prepared("candidacy_reviewed_in_unit", r.campaign_id(), r.unit_code())
                   .empty();
        }
        std::vector<std::int64_t> ids(r.household_ids().begin(), r.household_ids().end());
        std::map<std::int64_t, CandidacyState> states;
        for (const auto& row : tx.exec_prepared("candidacy_states", r.campaign_id(),
                                                platform::db::bigint_array(ids))) {
          states.emplace(row[0].as<std::int64_t>(), *rules::parse_candidacy_state(row[1].c_str()));
        }
        const auto list = rules::accept_list(campaign.household_lists_due, before, received);
        // Where each listed household stands now (nullopt: not put forward yet).
        std::vector<std::pair<std::int64_t, std::optional<CandidacyState>>> listed;
        for (const auto id : ids) {
          const auto found = states.find(id);
          listed.emplace_back(id,
                              found == states.end() ? std::nullopt : std::optional(found->second));
          rules::next_candidacy_state(listed.back().second, CandidacyEvent::kSubmit);
        }
        auto left_out = tx.exec_prepared("candidacy_left_out", r.campaign_id(), r.unit_code(),
                                         platform::db::bigint_array(ids));
        std::vector<std::pair<std::int64_t, CandidacyState>> withdrawn;
        for (const auto& left : left_out) {
          const auto from = *rules::parse_candidacy_state(left[1].c_str());
          rules::next_candidacy_state(from, CandidacyEvent::kLeftOutOfList);
          withdrawn.emplace_back(left[0].as<std::int64_t>(), from);
        }

        const auto deadline =
            campaign.household_lists_due ? campaign.household_lists_due->iso() : std::string();
        const auto submission_id =
            tx.exec_prepared("submission_insert", r.campaign_id(), r.unit_code(), list.version,
                             r.proposal_reference(), list.late,
                             deadline.empty() ? nullptr : deadline.c_str(),
                             call.principal().subject, received.iso())[0][0]
                .as<std::int64_t>();
        tx.exec_prepared("submission_households_insert", submission_id,
                         platform::db::bigint_array(ids));
        // A replacing list withdraws what it leaves out.
        for (const auto& [id, from] : withdrawn) {
          record_transition(tx, r.campaign_id(), id, from, CandidacyState::kWithdrawn,
                            call.principal().subject,
                            "left out of list version " + std::to_string(list.version));
        }
        for (const auto& [id, from] : listed) {
          tx.exec_prepared("candidacy_upsert", r.campaign_id(), id, submission_id, r.unit_code(),
                           call.principal().subject);
          // Named again by a replacing list: still submitted, nothing new in its history.
          if (from != CandidacyState::kSubmitted) {
            const auto from_word = from ? rules::word_of(*from) : std::string();
            tx.exec_prepared("candidacy_transition_insert", r.campaign_id(), id,
                             from ? from_word.c_str() : nullptr,
                             rules::word_of(CandidacyState::kSubmitted), call.principal().subject,
                             list.late ? std::string(rules::kLateTransitionReason) : std::string());
          }
          emit_submitted(tx, context_.outbox(), id, summaries.at(id), r.campaign_id(),
                         submission_id, list.late, received);
        }
        load_submission(tx, submission_id, response);
        call.audit("submission_id", submission_id);
        call.audit("households", ids.size());
        call.audit("late", list.late);
        // The day claimed, beside who entered it and when (the entry's own): a back-dated list
        // shows here.
        call.audit("received_on", received.iso());
      });
}

grpc::Status HouseholdReviewServiceImpl::OverrideLateSubmission(
    grpc::ServerContext* context, const v1::OverrideLateSubmissionRequest* request,
    v1::Submission* response) {
  return platform::rpc::mutation(
      context_, context, policies::kOverrideLate, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        v1::Submission submission;
        if (!load_submission(tx, request->submission_id(), &submission)) {
          throw invalid_argument("submission_id", "unknown submission");
        }
        require_scope(call, submission.unit_code());
        const auto reason = required_reason(request->reason(), "reason");
        rules::require_overridable(list_submission(submission));
        tx.exec_prepared("late_override_insert", request->submission_id(), call.principal().subject,
                         reason);
        load_submission(tx, request->submission_id(), response);
        call.audit("submission_id", request->submission_id());
      });
}

grpc::Status HouseholdReviewServiceImpl::ResubmitHousehold(
    grpc::ServerContext* context, const v1::ResubmitHouseholdRequest* request,
    v1::Candidacy* response) {
  return platform::rpc::mutation(
      context_, context, policies::kResubmitHousehold, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        require_campaign(tx, r.campaign_id(), "campaign_id");
        lock_household(tx, r.household_id());
        v1::Candidacy candidacy;
        if (load_candidacy(tx, r.campaign_id(), r.household_id(), &candidacy)) {
          require_scope(call, candidacy.unit_code());
        }
        const auto note = required_reason(r.note(), "note");
        const auto from = candidacy_state(candidacy);
        const auto to = rules::next_candidacy_state(from, CandidacyEvent::kResubmit);
        tx.exec_prepared("candidacy_set_submitter", r.campaign_id(), r.household_id(),
                         call.principal().subject);
        record_transition(tx, r.campaign_id(), r.household_id(), *from, to,
                          call.principal().subject, note);
        // Back on the list it was on: the event carries that list's received day.
        const auto received = *platform::Date::parse_iso(
            tx.exec_prepared1("submission_received_on", candidacy.submission_id())[0].c_str());
        emit_submitted(tx, context_.outbox(), r.household_id(),
                       *household_summary(tx, r.household_id()), r.campaign_id(),
                       candidacy.submission_id(), false, received);
        response->Clear();
        load_candidacy(tx, r.campaign_id(), r.household_id(), response);
        call.audit("household_id", r.household_id());
      });
}

grpc::Status HouseholdReviewServiceImpl::ReviewHousehold(grpc::ServerContext* context,
                                                         const v1::ReviewHouseholdRequest* request,
                                                         v1::Candidacy* response) {
  return platform::rpc::mutation(
      context_, context, policies::kReviewHousehold, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        require_campaign(tx, r.campaign_id(), "campaign_id");
        const auto decision = decision_event(r.decision());
        std::string reason = r.reason();
        if (decision != CandidacyEvent::kApprove) reason = required_reason(r.reason(), "reason");
        // Locks the household: two reviewers racing on it are served one after the other.
        lock_household(tx, r.household_id());
        v1::Candidacy candidacy;
        v1::Submission submission;
        if (load_candidacy(tx, r.campaign_id(), r.household_id(), &candidacy)) {
          require_scope(call, candidacy.unit_code());
          load_submission(tx, candidacy.submission_id(), &submission);
        }
        const auto from = candidacy_state(candidacy);
        const auto to = rules::next_candidacy_state(from, decision);
        rules::require_reviewable(list_submission(submission));
        auto submitter = tx.exec_prepared("candidacy_submitter", r.campaign_id(), r.household_id());
        rules::require_other_officer(call.principal().subject,
                                     {.candidacy_submitter = submitter[0][0].c_str(),
                                      .submission_submitter = submission.submitted_by()});
        rules::require_no_open_duplicate(decision, has_open_duplicate(tx, r.household_id()),
                                         r.household_id());
        record_transition(tx, r.campaign_id(), r.household_id(), *from, to,
                          call.principal().subject, reason);
        const auto summary = household_summary(tx, r.household_id());
        v1::HouseholdReviewed event;
        event.set_household_id(r.household_id());
        event.set_unit_code(summary->unit_code);
        event.set_masked_name(summary->masked_name);
        event.set_campaign_id(r.campaign_id());
        event.set_state(parse_candidacy_state(rules::word_of(to)));
        *event.mutable_flags() = summary->flags;
        emit_household_event(tx, context_.outbox(), r.household_id(), "reviewed", event);
        response->Clear();
        load_candidacy(tx, r.campaign_id(), r.household_id(), response);
        call.audit("household_id", r.household_id());
        call.audit("decision", rules::word_of(to));
      });
}

grpc::Status HouseholdReviewServiceImpl::ListCandidacies(grpc::ServerContext* context,
                                                         const v1::ListCandidaciesRequest* request,
                                                         v1::ListCandidaciesResponse* response) {
  return platform::rpc::read(
      context_, context, policies::kListCandidacies, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        v1::ListCandidaciesRequest filters = r;
        filters.clear_page();
        const auto page = platform::rpc::read_page(call, r.page(), filters, 100, 1000);
        if (!r.unit_code().empty()) {
          call.require_unit("unit_code", r.unit_code(), unit_date(context_, r.unit_code()));
        }
        const std::string state =
            r.state() == v1::CANDIDACY_STATE_UNSPECIFIED ? "" : candidacy_state_name(r.state());
        require_campaign(tx, r.campaign_id(), "campaign_id");
        platform::db::FilteredQuery query("SELECT c.household_id FROM candidacy c",
                                          "c.household_id", page.after);
        query.equals("c.campaign_id", r.campaign_id());
        if (!state.empty()) query.equals("c.state", state);
        // The unit asked for and the caller's units are part of the query, before its LIMIT.
        if (!r.unit_code().empty()) {
          query.unit_in("c.unit_code",
                        rules::household_units_below(context_.units(), r.unit_code()));
        }
        if (const auto units = rules::household_units(call.principal(), context_.units())) {
          query.unit_in("c.unit_code", *units);
        }
        auto rows = query.run(tx, page.size + 1);
        platform::rpc::take_page(
            rows, page, response->mutable_page(), [&](const pqxx::row&, std::int64_t last) {
              load_candidacy(tx, r.campaign_id(), last, response->add_candidacies());
            });
      });
}

grpc::Status HouseholdReviewServiceImpl::RankApproved(grpc::ServerContext* context,
                                                      const v1::RankApprovedRequest* request,
                                                      v1::RankApprovedResponse* response) {
  return platform::rpc::read(
      context_, context, policies::kRankApproved, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        if (r.limit() < 0) throw invalid_argument("limit", "is negative");
        v1::RankApprovedRequest filters = r;
        filters.clear_page();
        // A page's token carries the ranks already given (signed, so it cannot be moved).
        const auto page = platform::rpc::read_page(call, r.page(), filters, 1000, 10000);
        const std::string scope = r.unit_code();
        if (!scope.empty()) call.require_unit("unit_code", scope, unit_date(context_, scope));
        require_campaign(tx, r.campaign_id(), "campaign_id");
        const std::int64_t given = page.after;
        std::int64_t wanted = page.size;
        if (r.limit() > 0) wanted = std::min<std::int64_t>(wanted, r.limit() - given);
        if (wanted <= 0) return;
        // The caller's units and the unit asked for are part of the query: ranks count only
        // households the caller may see, and a page holds up to its size of them.
        const auto units = rules::household_units(call.principal(), context_.units());
        const std::vector<std::string> none;
        const auto below =
            scope.empty() ? none : rules::household_units_below(context_.units(), scope);
        const auto rows =
            tx.exec_prepared("approved_ranked", r.campaign_id(), !units.has_value(),
                             platform::db::text_array(units.value_or(none)), scope.empty(),
                             platform::db::text_array(below), given, wanted + 1);
        std::int64_t rank = given;
        for (const auto& row : rows) {
          if (rank - given == wanted) break;
          auto* out = response->add_households();
          out->set_rank(static_cast<std::int32_t>(++rank));
          out->set_household_id(row[0].as<std::int64_t>());
          out->set_unit_code(row[1].c_str());
          out->set_masked_name(row[2].c_str());
          out->set_meritorious_member(row[3].as<bool>());
          out->set_housing(parse_housing(row[4].c_str()));
          out->set_poverty_status(parse_poverty_status(row[5].c_str()));
          out->set_sudden_hardship(row[6].as<bool>());
        }
        const bool more =
            static_cast<std::int64_t>(rows.size()) > wanted && (r.limit() == 0 || rank < r.limit());
        platform::rpc::set_next_page(page, rank, more, response->mutable_page());
      });
}

}  // namespace vnn::household_review
