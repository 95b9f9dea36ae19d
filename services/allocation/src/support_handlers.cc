// Proposing a support, completing or cancelling it, and reading supports.

#include <map>

#include "allocation_service.h"
#include "decisions.h"
#include "policies.h"
#include "rules/fund_scope.h"
#include "rules/proposal.h"
#include "rules/regulation.h"
#include "support_rows.h"
#include "vnn/platform/date.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/filtered_query.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/rpc/paging.h"
#include "vnn/platform/rpc/read_handler.h"

namespace vnn::allocation {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;

rules::SupportKind required_kind(int number) {
  const auto kind = rules::kind_from_number(number);
  if (!kind)
    throw invalid_argument("kind", "is not a known kind of support", "loại hỗ trợ không hợp lệ");
  return *kind;
}

std::vector<rules::ProposedPart> proposed_parts(const v1::ProposeSupportRequest& r) {
  std::vector<rules::ProposedPart> parts;
  for (int i = 0; i < r.funding_size(); ++i) {
    const auto& p = r.funding(i);
    const auto source = rules::source_from_number(p.source());
    if (!source) {
      throw invalid_argument("funding[" + std::to_string(i) + "].source",
                             "is not a known funding source", "nguồn kinh phí không hợp lệ");
    }
    parts.push_back({.source = *source,
                     .fund_id = p.fund_id(),
                     .amount = p.amount().dong(),
                     .sponsor = p.sponsor(),
                     .reference = p.reference()});
  }
  return parts;
}

}  // namespace

grpc::Status AllocationServiceImpl::GetRegulation(grpc::ServerContext* context,
                                                  const v1::GetRegulationRequest* request,
                                                  v1::Regulation* response) {
  return platform::rpc::query(context_, context, policies::kGetRegulation, [&](CallContext&) {
    const auto day = platform::date_or_today(request->as_of(), "as_of");
    regulation_to_proto(rules::Regulation::builtin().in_force(day), response);
  });
}

grpc::Status AllocationServiceImpl::ProposeSupport(grpc::ServerContext* context,
                                                   const v1::ProposeSupportRequest* request,
                                                   v1::Support* response) {
  return platform::rpc::mutation(
      context_, context, policies::kProposeSupport, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        if (r.campaign_id().empty()) {
          throw invalid_argument("campaign_id", "is required", "bắt buộc");
        }
        if (r.household_id() <= 0) {
          throw invalid_argument("household_id", "is required", "bắt buộc");
        }
        const auto kind = required_kind(r.kind());
        const auto proposed_on = platform::date_or_today(r.proposed_on(), "proposed_on");
        // A day still to come would pick a regulation version not yet in force (a new version
        // is added before its first day) and move the once-in-years count.
        if (proposed_on > platform::Date::today_in_vietnam()) {
          throw invalid_argument("proposed_on", "must not be after today",
                                 "không được sau ngày hôm nay");
        }
        const auto campaign = tx.exec_prepared("campaign_get", r.campaign_id());
        if (campaign.empty()) {
          throw invalid_argument("campaign_id", "is not a known campaign",
                                 "không có đợt vận động này");
        }
        const auto facts = eligibility_.facts(r.household_id(), r.campaign_id(), call.deadline());
        const auto household_on = context_.units().reference_date(facts.unit_code);
        // A household the caller may not act for is answered as one that does not exist.
        if (!facts.exists ||
            !rules::may_propose_for(call.principal(), context_.units(), facts.unit_code,
                                    household_on, facts.assigned_organisation_id)) {
          throw household_not_found(r.household_id());
        }
        const auto& regulation = rules::Regulation::builtin().in_force(proposed_on);
        const auto* norm = regulation.norm(kind);

        // One proposal per household at a time: its places per kind are counted, then taken.
        tx.exec_prepared("household_lock", r.household_id());
        const std::string kind_word(rules::kind_word(kind));
        rules::ProposalFacts proposal;
        proposal.kind = kind;
        proposal.funding = proposed_parts(r);
        proposal.land_use_certificate = r.land_use_certificate();
        proposal.direct_support_same_need =
            tx.exec_prepared1("direct_support_same_need", r.household_id(), r.campaign_id(),
                              std::string(rules::kind_need(kind)))[0]
                .as<std::int64_t>();
        proposal.active_same_kind =
            tx.exec_prepared1("active_same_kind", r.campaign_id(), r.household_id(), kind_word)[0]
                .as<int>();
        const auto last = tx.exec_prepared1("last_same_kind_on", r.household_id(), kind_word)[0];
        if (!last.is_null()) proposal.last_same_kind_on = platform::Date::parse_iso(last.c_str());
        proposal.proposed_on = proposed_on;
        const auto checked = rules::check_proposal(regulation, facts, proposal);
        check_fund_parts(tx, proposal.funding, facts.unit_code, household_on);

        const int places = norm != nullptr ? std::max(1, norm->max_per_campaign) : 1;
        const auto slot =
            tx.exec_prepared("free_slot", r.campaign_id(), r.household_id(), kind_word, places);
        if (slot.empty()) throw support_limit_reached(r.household_id(), kind);
        const auto masked = tx.exec_prepared("household_masked_name", r.household_id());
        const std::string organisation =
            call.principal().role == platform::auth::Role::kMemberOrganisation
                ? call.principal().organisation_id
                : std::string();
        const auto id =
            tx.exec_prepared1("support_insert", r.campaign_id(), r.household_id(), facts.unit_code,
                              masked.empty() ? std::string() : std::string(masked[0][0].c_str()),
                              kind_word, slot[0][0].as<int>(), regulation.version,
                              r.land_use_certificate(), organisation, r.note(), checked.total,
                              checked.from_funds, call.principal().subject, proposed_on.iso(),
                              household_on.iso())[0]
                .as<std::int64_t>();
        insert_funding(tx, id, proposal.funding);
        tx.exec_prepared("support_transition_insert", id, nullptr, "proposed",
                         call.principal().subject, r.note());
        *response = *load_support(tx, id);
        emit_support_event(tx, context_.outbox(), *response, rules::SupportState::kProposed, 1);
        call.audit("support_id", id);
        call.audit("household_id", r.household_id());
        call.audit("kind", kind_word);
        call.audit("total_dong", checked.total);
        call.audit("regulation_version", regulation.version);
      });
}

grpc::Status AllocationServiceImpl::CompleteSupport(grpc::ServerContext* context,
                                                    const v1::CompleteSupportRequest* request,
                                                    v1::Support* response) {
  return platform::rpc::mutation(
      context_, context, policies::kCompleteSupport, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        const auto row = visible_locked_support(call, tx, r.support_id());
        rules::transition(row.id, row.state, rules::Action::kComplete);
        const auto completed_on = platform::required_date(r.completed_on(), "completed_on");
        // Completed after it was handed over, and not on a day still to come.
        const auto current = load_support(tx, row.id);
        const auto disbursed_on = platform::from_proto(current->disbursed_on());
        if (completed_on > platform::Date::today_in_vietnam() || completed_on < disbursed_on) {
          throw invalid_argument(
              "completed_on",
              "must lie between the handover (" + disbursed_on.iso() + ") and today",
              "phải từ ngày bàn giao (" + disbursed_on.vietnamese() + ") đến ngày hôm nay");
        }
        if (rules::is_house(row.kind) && r.evidence().empty()) {
          throw invalid_argument("evidence", "is required for a house (its acceptance record)",
                                 "bắt buộc với nhà (biên bản nghiệm thu, bàn giao)");
        }
        const auto version =
            tx.exec_prepared1("support_set_completed", row.id, completed_on.iso(), r.evidence())[0]
                .as<std::int64_t>();
        tx.exec_prepared("support_transition_insert", row.id, "disbursed", "completed",
                         call.principal().subject, r.evidence());
        *response = *load_support(tx, row.id);
        emit_support_event(tx, context_.outbox(), *response, rules::SupportState::kCompleted,
                           version);
        call.audit("support_id", row.id);
      });
}

grpc::Status AllocationServiceImpl::CancelSupport(grpc::ServerContext* context,
                                                  const v1::CancelSupportRequest* request,
                                                  v1::Support* response) {
  return platform::rpc::mutation(
      context_, context, policies::kCancelSupport, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        const auto row = visible_locked_support(call, tx, r.support_id());
        rules::transition(row.id, row.state, rules::Action::kCancel);
        if (r.reason().empty()) throw invalid_argument("reason", "is required", "bắt buộc");
        // An approved support's reservations are voided: the money is available again.
        std::int64_t released = 0;
        for (const auto& res : tx.exec_prepared("reservations_of_support", row.id)) {
          const rules::FundUnit fund = fund_unit(tx, res[1].c_str(), "support_id");
          rules::require_keeps_fund(call.principal(), context_.units(), fund);
          const auto amount = res[2].as<std::int64_t>();
          ledger_.post(
              tx, fund.fund_id, rules::void_posting(amount),
              {.reference = "support " + std::to_string(row.id), .campaign_id = row.campaign_id});
          tx.exec_prepared("resolution_insert", res[0].as<std::int64_t>(), amount, "voided", 0,
                           amount);
          released += amount;
        }
        const auto version =
            tx.exec_prepared1("support_set_cancelled", row.id, r.reason())[0].as<std::int64_t>();
        tx.exec_prepared("support_transition_insert", row.id,
                         std::string(rules::state_word(row.state)), "cancelled",
                         call.principal().subject, r.reason());
        *response = *load_support(tx, row.id);
        emit_support_event(tx, context_.outbox(), *response, rules::SupportState::kCancelled,
                           version);
        call.audit("support_id", row.id);
        call.audit("released_dong", released);
      });
}

grpc::Status AllocationServiceImpl::GetSupport(grpc::ServerContext* context,
                                               const v1::GetSupportRequest* request,
                                               v1::Support* response) {
  return platform::rpc::read(context_, context, policies::kGetSupport, response,
                             [&](CallContext& call, pqxx::transaction_base& tx) {
                               auto support = load_support(tx, request->support_id());
                               if (!support || !may_see(call, *support))
                                 throw support_not_found(request->support_id());
                               *response = std::move(*support);
                             });
}

grpc::Status AllocationServiceImpl::ListSupports(grpc::ServerContext* context,
                                                 const v1::ListSupportsRequest* request,
                                                 v1::ListSupportsResponse* response) {
  return platform::rpc::read(
      context_, context, policies::kListSupports, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        v1::ListSupportsRequest filters = r;
        filters.clear_page();
        const auto page = platform::rpc::read_page(call, r.page(), filters, 100, 1000);
        platform::db::FilteredQuery query("SELECT s.id FROM support s", "s.id", page.after);
        restrict_supports(call, query);
        if (!r.campaign_id().empty()) query.equals("s.campaign_id", r.campaign_id());
        if (!r.unit_code().empty()) {
          query.unit_in("s.unit_code", units_below(r.unit_code()));
        }
        if (r.household_id() != 0) query.equals("s.household_id", std::to_string(r.household_id()));
        if (r.kind() != v1::SUPPORT_KIND_UNSPECIFIED) {
          query.equals("s.kind", std::string(rules::kind_word(required_kind(r.kind()))));
        }
        if (r.state() != v1::SUPPORT_STATE_UNSPECIFIED) {
          const auto state =
              rules::parse_state(rules::state_word(static_cast<rules::SupportState>(r.state())));
          if (!state) throw invalid_argument("state", "is not a known state");
          query.equals("s.state", std::string(rules::state_word(*state)));
        }
        const auto rows = query.run(tx, page.size + 1);
        platform::rpc::take_page(rows, page, response->mutable_page(),
                                 [&](const pqxx::row&, std::int64_t id) {
                                   *response->add_supports() = *load_support(tx, id, false);
                                 });
      });
}

}  // namespace vnn::allocation
