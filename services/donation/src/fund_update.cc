// Changing a fund after it was created: the board renames it, opens an account at another bank,
// or closes one. What donations were recorded against stays true: an account is never removed
// and its number never passes to another fund, and it is closed only from a day after the last
// transfer recorded into it. Every change is kept with its reason and announced.

#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "campaign_details.h"
#include "change_history.h"
#include "donation_service.h"
#include "fund_details.h"
#include "policies.h"
#include "rules/fund_accounts.h"
#include "rules/fund_scope.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/text/identifiers.h"

namespace vnn::donation {
namespace {

using platform::invalid_argument;

// The event's view of the fund: the accounts without their holders' names.
v1::FundChanged fund_changed(const v1::Fund& fund) {
  v1::FundChanged event;
  event.set_fund_id(fund.id());
  event.set_unit_code(fund.unit_code());
  event.set_name(fund.name());
  event.set_version(fund.version());
  for (const auto& a : fund.accounts()) {
    auto* account = event.add_accounts();
    account->set_account_number(a.account_number());
    account->set_bank(a.bank());
    account->set_branch(a.branch());
    if (a.has_closed_on()) *account->mutable_closed_on() = a.closed_on();
  }
  return event;
}

// Closes the accounts the request names; returns what was closed, for the history.
nlohmann::json close_accounts(pqxx::transaction_base& tx, const v1::UpdateFundRequest& r) {
  nlohmann::json closed = nlohmann::json::array();
  std::set<std::string> seen;
  for (int i = 0; i < r.close_accounts_size(); ++i) {
    const auto& closure = r.close_accounts(i);
    const std::string field = "close_accounts[" + std::to_string(i) + "]";
    auto number = platform::text::normalize_bank_account_number(closure.account_number());
    if (!number) throw invalid_argument(field + ".account_number", "must be 6–19 digits");
    if (!seen.insert(*number).second) {
      throw invalid_argument(field + ".account_number", "appears twice");
    }
    const auto on = platform::required_date(closure.closed_on(), field + ".closed_on");
    auto state = tx.exec_prepared("fund_account_lock", r.fund_id(), *number);
    if (state.empty()) {
      throw invalid_argument(field + ".account_number", "is not an account of fund " + r.fund_id());
    }
    std::optional<platform::Date> closed_before, last_transfer;
    if (!state[0][0].is_null()) closed_before = platform::Date::parse_iso(state[0][0].c_str());
    auto last = tx.exec_prepared("fund_account_last_transfer", *number);
    if (!last[0][0].is_null()) last_transfer = platform::Date::parse_iso(last[0][0].c_str());
    rules::require_closable(closed_before, last_transfer, on, field);
    tx.exec_prepared("fund_account_close", r.fund_id(), *number, on.iso());
    closed.push_back({{"account_number", *number}, {"closed_on", on.iso()}});
  }
  return closed;
}

}  // namespace

grpc::Status DonationServiceImpl::UpdateFund(grpc::ServerContext* context,
                                             const v1::UpdateFundRequest* request,
                                             v1::Fund* response) {
  return platform::rpc::mutation(
      context_, context, policies::kUpdateFund, request->request_id(), *request, response,
      [&](platform::rpc::CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        require_change_reason(r.reason());
        require_reference_id(r.fund_id(), "fund_id");
        if (r.expected_version() <= 0) {
          throw invalid_argument("expected_version", "is required: the version the change is for");
        }
        if (!r.name().empty()) require_reference_text(r.name(), "name");
        auto locked = tx.exec_prepared("fund_lock_version", r.fund_id());
        if (locked.empty()) throw platform::not_found("no fund " + r.fund_id());
        // The fund's unit is read on the date it was created with, as CreateFund checked it.
        rules::require_fund_scope(call.principal(), call.service().units(), locked[0][1].c_str(),
                                  *platform::Date::parse_iso(locked[0][2].c_str()), "fund_id");
        rules::require_fund_version(r.fund_id(), locked[0][0].as<std::int64_t>(),
                                    r.expected_version());
        v1::Fund before;
        load_fund(tx, r.fund_id(), &before);
        const bool renamed = !r.name().empty() && r.name() != before.name();
        if (!renamed && r.add_accounts().empty() && r.close_accounts().empty()) {
          throw platform::Error(platform::ErrorCode::kInvalidArgument,
                                "the request changes nothing: give a new name, accounts to add "
                                "or accounts to close");
        }
        nlohmann::json changes = nlohmann::json::object();
        if (renamed) changes["name"] = r.name();
        // Closings first: an account closed here cannot be opened again in the same breath,
        // because a number stays with the fund.
        changes["closed"] = close_accounts(tx, r);
        changes["added"] = nlohmann::json::array();
        for (int i = 0; i < r.add_accounts_size(); ++i) {
          changes["added"].push_back(add_fund_account(tx, r.fund_id(), r.add_accounts(i),
                                                      "add_accounts[" + std::to_string(i) + "]"));
        }
        const auto version =
            tx.exec_prepared("fund_update", r.fund_id(), renamed ? r.name() : before.name())[0][0]
                .as<std::int64_t>();
        tx.exec_prepared("fund_change_insert", r.fund_id(), version, r.reason(),
                         call.principal().subject, history_json(before), changes.dump());
        response->Clear();
        load_fund(tx, r.fund_id(), response);
        const auto event = fund_changed(*response);
        context_.outbox().append(tx, {.aggregate_type = "fund",
                                      .event_name = "changed",
                                      .aggregate_id = r.fund_id(),
                                      .aggregate_version = version,
                                      .payload = &event});
        call.audit("fund_id", r.fund_id());
        call.audit("version", version);
        call.audit("accounts_added", changes["added"]);
        call.audit("accounts_closed", changes["closed"]);
      });
}

}  // namespace vnn::donation
