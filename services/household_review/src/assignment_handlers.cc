// Assignment of approved households to one member organisation each, the coverage report (no
// one left out, nothing supported twice), outcomes, and eligibility facts for other services.

#include <map>

#include "duplicate_finder.h"
#include "household_events.h"
#include "household_registry.h"
#include "household_service.h"
#include "policies.h"
#include "proto_names.h"
#include "review_rows.h"
#include "rules/assignment.h"
#include "rules/scope.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/rpc/paging.h"
#include "vnn/platform/rpc/read_handler.h"
#include "vnn/platform/text/text.h"

namespace vnn::household_review {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;

}  // namespace

grpc::Status HouseholdReviewServiceImpl::AssignHousehold(grpc::ServerContext* context,
                                                         const v1::AssignHouseholdRequest* request,
                                                         v1::Assignment* response) {
  return platform::rpc::mutation(
      context_, context, policies::kAssignHousehold, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        require_campaign(tx, r.campaign_id(), "campaign_id");
        rules::require_organisation_id(r.organisation_id());
        lock_household(tx, r.household_id());
        v1::Candidacy candidacy;
        if (load_candidacy(tx, r.campaign_id(), r.household_id(), &candidacy)) {
          require_scope(call, candidacy.unit_code());
        }
        const std::string previous = candidacy.assigned_organisation_id();
        const std::string reason = r.reason();
        rules::require_assignable(candidacy_state(candidacy), previous, r.organisation_id(),
                                  reason);
        // One organisation per household and campaign: the primary key keeps it so.
        tx.exec_prepared("assignment_upsert", r.campaign_id(), r.household_id(),
                         r.organisation_id(), call.principal().subject);
        auto at = tx.exec_prepared(
            "assignment_history_insert", r.campaign_id(), r.household_id(), r.organisation_id(),
            previous.empty() ? nullptr : previous.c_str(), reason, call.principal().subject);
        const auto summary = household_summary(tx, r.household_id());
        v1::HouseholdAssigned event;
        event.set_household_id(r.household_id());
        event.set_unit_code(summary->unit_code);
        event.set_masked_name(summary->masked_name);
        event.set_campaign_id(r.campaign_id());
        event.set_organisation_id(r.organisation_id());
        event.set_previous_organisation_id(previous);
        emit_household_event(tx, context_.outbox(), r.household_id(), "assigned", event);
        response->set_campaign_id(r.campaign_id());
        response->set_household_id(r.household_id());
        response->set_organisation_id(r.organisation_id());
        response->set_previous_organisation_id(previous);
        response->set_reason(reason);
        response->set_assigned_by(call.principal().subject);
        response->mutable_assigned_at()->set_seconds(at[0][0].as<std::int64_t>());
        call.audit("household_id", r.household_id());
        call.audit("organisation_id", r.organisation_id());
      });
}

grpc::Status HouseholdReviewServiceImpl::GetCoverage(grpc::ServerContext* context,
                                                     const v1::GetCoverageRequest* request,
                                                     v1::Coverage* response) {
  return platform::rpc::read(
      context_, context, policies::kGetCoverage, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        const std::string scope = r.unit_code();
        if (scope.empty()) throw invalid_argument("unit_code", "is required");
        call.require_unit("unit_code", scope, unit_date(context_, scope));
        v1::GetCoverageRequest filters = r;
        filters.clear_page();
        const auto page = platform::rpc::read_page(call, r.page(), filters, 1000, 10000);
        const auto campaign = require_campaign(tx, r.campaign_id(), "campaign_id");
        response->set_campaign_id(r.campaign_id());
        if (campaign.household_lists_due) {
          platform::to_proto(*campaign.household_lists_due,
                             response->mutable_household_lists_due());
        }
        // The unit asked for (in the caller's scope, checked above) and those below it, as a
        // condition of the queries rather than a filter over the whole campaign.
        const auto within =
            platform::db::text_array(rules::household_units_below(context_.units(), scope));
        for (const auto& row : tx.exec_prepared("coverage_totals", r.campaign_id(), within)) {
          auto* u = response->add_units();
          u->set_unit_code(row[0].c_str());
          u->set_approved(row[1].as<std::int32_t>());
          u->set_assigned(row[2].as<std::int32_t>());
          u->set_unassigned(u->approved() - u->assigned());
        }
        // A page of gaps; the overlaps of households up to its last gap (all after it on the
        // last page), so every household is reported on one page.
        const auto gaps =
            tx.exec_prepared("coverage_gaps", r.campaign_id(), within, page.after, page.size + 1);
        const bool more = static_cast<int>(gaps.size()) > page.size;
        std::int64_t last = page.after;
        for (const auto& row : gaps) {
          if (response->unassigned_size() == page.size) break;
          auto* gap = response->add_unassigned();
          last = row[0].as<std::int64_t>();
          gap->set_household_id(last);
          gap->set_unit_code(row[1].c_str());
          gap->set_masked_name(row[2].c_str());
        }
        platform::rpc::set_next_page(page, last, more, response->mutable_page());
        for (const auto& row : tx.exec_prepared("coverage_overlaps", r.campaign_id(), within,
                                                page.after, !more, last)) {
          const std::string unit = row[1].c_str();
          auto* overlap = response->add_overlaps();
          overlap->set_household_id(row[0].as<std::int64_t>());
          overlap->set_unit_code(unit);
          overlap->set_masked_name(row[2].c_str());
          overlap->set_need(row[3].c_str());
          for (const auto& part : {std::pair{4, overlap->mutable_channels()},
                                   std::pair{5, overlap->mutable_references()}}) {
            auto array = row[part.first].as_array();
            for (auto item = array.get_next(); item.first != pqxx::array_parser::done;
                 item = array.get_next()) {
              if (item.first == pqxx::array_parser::string_value)
                part.second->Add(std::string(item.second));
            }
          }
        }
      });
}

grpc::Status HouseholdReviewServiceImpl::RecordOutcome(grpc::ServerContext* context,
                                                       const v1::RecordOutcomeRequest* request,
                                                       v1::Outcome* response) {
  return platform::rpc::mutation(
      context_, context, policies::kRecordOutcome, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        lock_household(tx, r.household_id());
        const auto summary = household_summary(tx, r.household_id());
        require_scope(call, summary->unit_code);
        const auto escaped = platform::required_date(r.escaped_on(), "escaped_on");
        if (platform::Date::today_in_vietnam() < escaped) {
          throw invalid_argument("escaped_on", "is in the future");
        }
        platform::text::require_text(r.support_summary(), "support_summary", 1000, true);
        std::vector<std::string> references(r.support_references().begin(),
                                            r.support_references().end());
        if (references.size() > 50) throw invalid_argument("support_references", "at most 50");
        auto inserted = tx.exec_prepared("outcome_insert", r.household_id(), escaped.iso(),
                                         r.support_summary(), platform::db::text_array(references),
                                         r.exemplary(), call.principal().subject);
        if (inserted.empty()) {
          throw platform::Error(platform::ErrorCode::kAlreadyExists,
                                "the household's escape from poverty is recorded already",
                                "household_id");
        }
        tx.exec_prepared("household_mark_escaped", r.household_id());
        v1::OutcomeRecorded event;
        event.set_household_id(r.household_id());
        event.set_unit_code(summary->unit_code);
        event.set_masked_name(summary->masked_name);
        *event.mutable_escaped_on() = r.escaped_on();
        event.set_exemplary(r.exemplary());
        emit_household_event(tx, context_.outbox(), r.household_id(), "outcome_recorded", event);
        response->set_household_id(r.household_id());
        *response->mutable_escaped_on() = r.escaped_on();
        response->set_support_summary(r.support_summary());
        *response->mutable_support_references() = r.support_references();
        response->set_exemplary(r.exemplary());
        response->set_recorded_by(call.principal().subject);
        response->mutable_recorded_at()->set_seconds(inserted[0][0].as<std::int64_t>());
        call.audit("household_id", r.household_id());
      });
}

grpc::Status HouseholdReviewServiceImpl::GetEligibility(grpc::ServerContext* context,
                                                        const v1::GetEligibilityRequest* request,
                                                        v1::Eligibility* response) {
  return platform::rpc::read(
      context_, context, policies::kGetEligibility, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        response->set_household_id(request->household_id());
        const auto summary = household_summary(tx, request->household_id());
        // Unknown and out of scope look the same: "exists" is false.
        if (!summary ||
            !call.may_act_for(summary->unit_code, unit_date(context_, summary->unit_code))) {
          return;
        }
        response->set_exists(true);
        response->set_unit_code(summary->unit_code);
        response->set_poverty_status(summary->flags.poverty_status());
        response->set_housing(summary->flags.housing());
        response->set_meritorious_member(summary->flags.meritorious_member());
        response->set_sudden_hardship(summary->flags.sudden_hardship());
        auto facts = tx.exec_prepared("household_facts", request->household_id());
        if (!facts[0][0].is_null()) {
          response->set_merged(true);
          response->set_merged_into_id(facts[0][0].as<std::int64_t>());
        }
        response->set_escaped_poverty(facts[0][1].as<bool>());
        response->set_open_duplicate(has_open_duplicate(tx, request->household_id()));
        if (!request->campaign_id().empty()) {
          v1::Candidacy candidacy;
          if (load_candidacy(tx, request->campaign_id(), request->household_id(), &candidacy)) {
            response->set_state(candidacy.state());
            response->set_approved(candidacy.state() == v1::CANDIDACY_STATE_APPROVED);
            response->set_assigned_organisation_id(candidacy.assigned_organisation_id());
          }
        }
      });
}

}  // namespace vnn::household_review
