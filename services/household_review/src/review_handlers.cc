// Submissions by communes and review by the district: deadlines and late overrides, returns and
// resubmissions, maker–checker, and the priority ranking of approved households.

#include <map>

#include "duplicate_finder.h"
#include "household_events.h"
#include "household_registry.h"
#include "household_service.h"
#include "policies.h"
#include "proto_names.h"
#include "review_rows.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/paging.h"
#include "vnn/platform/text/text.h"

namespace vnn::household_review {
namespace {

using platform::failed_precondition;
using platform::invalid_argument;
using platform::rpc::CallContext;

constexpr int kMaxListHouseholds = 20000;

std::string required_reason(const std::string& value, const std::string& field) {
  platform::text::require_text(value, field, 500, true);
  return value;
}

std::string vietnamese_date(const platform::Date& d) {
  char out[16];
  std::snprintf(out, sizeof out, "%02d/%02d/%04d", d.day, d.month, d.year);
  return out;
}

void emit_submitted(pqxx::transaction_base& tx, const platform::events::OutboxWriter& outbox,
                    std::int64_t household_id, const HouseholdSummary& summary,
                    const std::string& campaign_id, std::int64_t submission_id, bool late) {
  v1::HouseholdSubmitted event;
  event.set_household_id(household_id);
  event.set_unit_code(summary.unit_code);
  event.set_masked_name(summary.masked_name);
  event.set_campaign_id(campaign_id);
  event.set_submission_id(submission_id);
  event.set_late(late);
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
        // One list per commune and campaign at a time: concurrent submissions queue here.
        tx.exec_prepared("submission_lock", r.campaign_id(), r.unit_code());
        const auto now = std::chrono::system_clock::now();
        const bool late = campaign.lists_closed(now);
        int version = 1;
        auto previous = tx.exec_prepared("submission_latest", r.campaign_id(), r.unit_code());
        if (!previous.empty()) {
          if (late) {
            throw failed_precondition("the deadline for household lists (" +
                                      vietnamese_date(*campaign.household_lists_due) +
                                      ") has passed: the submitted list can no longer be changed");
          }
          if (!tx.exec_prepared("candidacy_reviewed_in_unit", r.campaign_id(), r.unit_code())
                   .empty()) {
            throw failed_precondition(
                "the district has already reviewed households of this list: it can no longer "
                "be changed");
          }
          version = previous[0][1].as<int>() + 1;
        }
        const auto deadline =
            campaign.household_lists_due ? campaign.household_lists_due->iso() : std::string();
        const auto submission_id =
            tx.exec_prepared("submission_insert", r.campaign_id(), r.unit_code(), version,
                             r.proposal_reference(), late,
                             deadline.empty() ? nullptr : deadline.c_str(),
                             call.principal().subject)[0][0]
                .as<std::int64_t>();
        std::vector<std::int64_t> ids(r.household_ids().begin(), r.household_ids().end());
        tx.exec_prepared("submission_households_insert", submission_id,
                         platform::db::bigint_array(ids));
        // A replacing list withdraws what it leaves out.
        for (const auto& left : tx.exec_prepared("candidacy_left_out", r.campaign_id(),
                                                 r.unit_code(), platform::db::bigint_array(ids))) {
          record_transition(tx, r.campaign_id(), left[0].as<std::int64_t>(), left[1].c_str(),
                            "withdrawn", call.principal().subject,
                            "left out of list version " + std::to_string(version));
        }
        for (const auto id : ids) {
          auto before = tx.exec_prepared("candidacy_upsert", r.campaign_id(), id, submission_id,
                                         r.unit_code(), call.principal().subject);
          const std::string from = before[0][0].is_null() ? "" : before[0][0].c_str();
          if (from != "submitted") {
            tx.exec_prepared("candidacy_transition_insert", r.campaign_id(), id,
                             from.empty() ? nullptr : from.c_str(), "submitted",
                             call.principal().subject, late ? "submitted after the deadline" : "");
          }
          emit_submitted(tx, context_.outbox(), id, summaries.at(id), r.campaign_id(),
                         submission_id, late);
        }
        load_submission(tx, submission_id, response);
        call.audit("submission_id", submission_id);
        call.audit("households", ids.size());
        call.audit("late", late);
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
        if (!submission.late()) throw failed_precondition("the submission was not late");
        if (!submission.override_by().empty()) {
          throw failed_precondition("the late submission was already let through by " +
                                    submission.override_by());
        }
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
        if (!load_candidacy(tx, r.campaign_id(), r.household_id(), &candidacy)) {
          throw invalid_argument("household_id", "was not submitted for this campaign");
        }
        require_scope(call, candidacy.unit_code());
        const auto note = required_reason(r.note(), "note");
        if (candidacy.state() != v1::CANDIDACY_STATE_RETURNED) {
          throw failed_precondition(
              "only a household returned for more information can be "
              "resubmitted; it is " +
              candidacy_state_name(candidacy.state()));
        }
        tx.exec_prepared("candidacy_set_submitter", r.campaign_id(), r.household_id(),
                         call.principal().subject);
        record_transition(tx, r.campaign_id(), r.household_id(), "returned", "submitted",
                          call.principal().subject, note);
        emit_submitted(tx, context_.outbox(), r.household_id(),
                       *household_summary(tx, r.household_id()), r.campaign_id(),
                       candidacy.submission_id(), false);
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
        if (r.decision() == v1::REVIEW_DECISION_UNSPECIFIED ||
            !v1::ReviewDecision_IsValid(r.decision())) {
          throw invalid_argument("decision", "is required (approve, reject or return)");
        }
        std::string reason = r.reason();
        if (r.decision() != v1::REVIEW_DECISION_APPROVE) {
          reason = required_reason(r.reason(), "reason");
        }
        // Locks the household: two reviewers racing on it are served one after the other.
        lock_household(tx, r.household_id());
        v1::Candidacy candidacy;
        if (!load_candidacy(tx, r.campaign_id(), r.household_id(), &candidacy)) {
          throw invalid_argument("household_id", "was not submitted for this campaign");
        }
        require_scope(call, candidacy.unit_code());
        if (candidacy.state() != v1::CANDIDACY_STATE_SUBMITTED) {
          throw failed_precondition("the household is already " +
                                    candidacy_state_name(candidacy.state()) + " in this campaign");
        }
        v1::Submission submission;
        load_submission(tx, candidacy.submission_id(), &submission);
        if (submission.late() && submission.override_by().empty()) {
          throw failed_precondition(
              "the list was submitted after the deadline: a district officer must let it "
              "through (OverrideLateSubmission) before it is reviewed");
        }
        // Maker–checker: whoever put the household forward cannot also decide on it.
        auto submitter = tx.exec_prepared("candidacy_submitter", r.campaign_id(), r.household_id());
        if (call.principal().subject == submitter[0][0].c_str() ||
            call.principal().subject == submission.submitted_by()) {
          throw platform::permission_denied(
              "the officer who submitted a household cannot review it");
        }
        std::string to;
        switch (r.decision()) {
          case v1::REVIEW_DECISION_APPROVE:
            if (has_open_duplicate(tx, r.household_id())) {
              throw failed_precondition(
                  "the household has an open duplicate question: resolve it first");
            }
            to = "approved";
            break;
          case v1::REVIEW_DECISION_REJECT:
            to = "rejected";
            break;
          default:
            to = "returned";
        }
        record_transition(tx, r.campaign_id(), r.household_id(), "submitted", to,
                          call.principal().subject, reason);
        const auto summary = household_summary(tx, r.household_id());
        v1::HouseholdReviewed event;
        event.set_household_id(r.household_id());
        event.set_unit_code(summary->unit_code);
        event.set_masked_name(summary->masked_name);
        event.set_campaign_id(r.campaign_id());
        event.set_state(parse_candidacy_state(to));
        *event.mutable_flags() = summary->flags;
        emit_household_event(tx, context_.outbox(), r.household_id(), "reviewed", event);
        response->Clear();
        load_candidacy(tx, r.campaign_id(), r.household_id(), response);
        call.audit("household_id", r.household_id());
        call.audit("decision", to);
      });
}

grpc::Status HouseholdReviewServiceImpl::ListCandidacies(grpc::ServerContext* context,
                                                         const v1::ListCandidaciesRequest* request,
                                                         v1::ListCandidaciesResponse* response) {
  return platform::rpc::query(
      context_, context, policies::kListCandidacies, [&](CallContext& call) {
        const auto& r = *request;
        v1::ListCandidaciesRequest filters = r;
        filters.clear_page();
        const auto page = platform::rpc::read_page(r.page(), filters, 100, 1000);
        if (!r.unit_code().empty()) {
          call.require_unit("unit_code", r.unit_code(), unit_date(context_, r.unit_code()));
        }
        const std::string state =
            r.state() == v1::CANDIDACY_STATE_UNSPECIFIED ? "" : candidacy_state_name(r.state());
        platform::db::with_transaction(
            context_.pool(), call.tx_options(), [&](pqxx::transaction_base& tx) {
              response->Clear();
              require_campaign(tx, r.campaign_id(), "campaign_id");
              auto rows = tx.exec_prepared("candidacy_page", r.campaign_id(), page.after, state,
                                           page.size + 1);
              platform::rpc::take_page(
                  rows, page, response->mutable_page(),
                  [&](const pqxx::row& row, std::int64_t last) {
                    const std::string unit = row[1].c_str();
                    if (!call.may_act_for(unit, unit_date(context_, unit))) return;
                    if (!r.unit_code().empty() &&
                        !context_.units().covers(r.unit_code(), unit, unit_date(context_, unit))) {
                      return;
                    }
                    load_candidacy(tx, r.campaign_id(), last, response->add_candidacies());
                  });
            });
      });
}

grpc::Status HouseholdReviewServiceImpl::RankApproved(grpc::ServerContext* context,
                                                      const v1::RankApprovedRequest* request,
                                                      v1::RankApprovedResponse* response) {
  return platform::rpc::query(context_, context, policies::kRankApproved, [&](CallContext& call) {
    const auto& r = *request;
    if (r.limit() < 0) throw invalid_argument("limit", "is negative");
    const int limit = r.limit() == 0 ? 10000 : std::min(r.limit(), 10000);
    const std::string scope = r.unit_code();
    if (!scope.empty()) call.require_unit("unit_code", scope, unit_date(context_, scope));
    platform::db::with_transaction(
        context_.pool(), call.tx_options(), [&](pqxx::transaction_base& tx) {
          response->Clear();
          require_campaign(tx, r.campaign_id(), "campaign_id");
          int rank = 0;
          for (const auto& row : tx.exec_prepared("approved_ranked", r.campaign_id())) {
            const std::string unit = row[1].c_str();
            const auto on = unit_date(context_, unit);
            if (!call.may_act_for(unit, on)) continue;
            if (!scope.empty() && !context_.units().covers(scope, unit, on)) continue;
            auto* out = response->add_households();
            out->set_rank(++rank);
            out->set_household_id(row[0].as<std::int64_t>());
            out->set_unit_code(unit);
            out->set_masked_name(row[2].c_str());
            out->set_meritorious_member(row[3].as<bool>());
            out->set_housing(parse_housing(row[4].c_str()));
            out->set_poverty_status(parse_poverty_status(row[5].c_str()));
            out->set_sudden_hardship(row[6].as<bool>());
            if (rank == limit) break;
          }
        });
  });
}

}  // namespace vnn::household_review
