#include "donation_checks.h"

#include "rules/campaign_period.h"
#include "rules/fund_accounts.h"
#include "rules/fund_scope.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/text/identifiers.h"

namespace vnn::donation {
namespace {

using platform::invalid_argument;

rules::Channel shape_channel(v1::Channel channel) {
  switch (channel) {
    case v1::CHANNEL_BANK_TRANSFER:
      return rules::Channel::kBankTransfer;
    case v1::CHANNEL_CASH:
      return rules::Channel::kCash;
    case v1::CHANNEL_IN_KIND:
      return rules::Channel::kInKind;
    case v1::CHANNEL_PAYROLL:
      return rules::Channel::kPayroll;
    case v1::CHANNEL_DIRECT_TO_HOUSEHOLD:
      return rules::Channel::kDirectToHousehold;
    default:
      return rules::Channel::kUnspecified;
  }
}

// The in-kind items as stored in donation.items (checked before).
nlohmann::json items_json(const v1::RecordDonationRequest& r) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : r.items()) {
    items.push_back({{"description", item.description()},
                     {"quantity", item.quantity()},
                     {"unit", item.unit()},
                     {"value", item.assessed_value().dong()}});
  }
  return items;
}

}  // namespace

rules::DonationShape donation_shape(const v1::RecordDonationRequest& r) {
  rules::DonationShape shape{.channel = shape_channel(r.channel()),
                             .amount = r.amount().dong(),
                             .received_on = platform::from_proto(r.received_on()),
                             .note = r.note(),
                             .bank_account_number = r.bank_account_number(),
                             .bank_reference = r.bank_reference(),
                             .household_id = r.household_id(),
                             .support_need = r.support_need(),
                             .pledge_id = r.pledge_id(),
                             .items = {}};
  for (const auto& item : r.items()) {
    shape.items.push_back({.description = item.description(),
                           .quantity = item.quantity(),
                           .unit = item.unit(),
                           .assessed_value = item.assessed_value().dong()});
  }
  return shape;
}

IntakeLookups::Target IntakeLookups::read_target(const pqxx::row& row) {
  Target t;
  t.campaign_known = !row[0].is_null();
  if (t.campaign_known) {
    t.starts_on = *platform::Date::parse_iso(row[0].c_str());
    t.ends_on = *platform::Date::parse_iso(row[1].c_str());
  }
  t.fund_known = !row[2].is_null();
  if (t.fund_known) t.unit_code = row[2].c_str();
  t.fund_in_campaign = row[3].as<bool>();
  return t;
}

// One statement for what were four: campaign, its period, the fund and whether it takes part.
const IntakeLookups::Target& IntakeLookups::target(const std::string& campaign_id,
                                                   const std::string& fund_id) {
  auto key = std::make_pair(campaign_id, fund_id);
  auto found = targets_.find(key);
  if (found != targets_.end()) return found->second;
  Target t = read_target(tx_.exec_prepared1("intake_target", campaign_id, fund_id));
  return targets_.emplace(std::move(key), std::move(t)).first->second;
}

void IntakeLookups::remember(const std::string& campaign_id, const std::string& fund_id,
                             const pqxx::row& row) {
  targets_.insert_or_assign(std::make_pair(campaign_id, fund_id), read_target(row));
}

bool IntakeLookups::mobiliser_exists(const std::string& mobiliser_id) {
  auto found = mobilisers_.find(mobiliser_id);
  if (found != mobilisers_.end()) return found->second;
  const bool exists = !tx_.exec_prepared("mobiliser_exists", mobiliser_id).empty();
  mobilisers_.emplace(mobiliser_id, exists);
  return exists;
}

std::optional<platform::Date> account_closed_on(pqxx::transaction_base& tx,
                                                const std::string& fund_id,
                                                const std::string& account,
                                                const std::string& field) {
  auto rows = tx.exec_prepared("account_of_fund", fund_id, account);
  if (rows.empty()) throw invalid_argument(field, "is not an account of fund " + fund_id);
  if (rows[0][0].is_null()) return std::nullopt;
  return platform::Date::parse_iso(rows[0][0].c_str());
}

void require_open_account(pqxx::transaction_base& tx, const std::string& fund_id,
                          const std::string& account, const platform::Date& received,
                          const std::string& field) {
  rules::require_open_for_transfer(account, account_closed_on(tx, fund_id, account, field),
                                   received, field);
}

platform::Error bank_reference_taken(const std::string& reference, bool for_this_account) {
  return platform::Error(platform::ErrorCode::kAlreadyExists,
                         "bank reference " + reference + " was already recorded" +
                             (for_this_account ? " for this account" : ""),
                         "bank_reference");
}

CheckedDonation check_donation(pqxx::transaction_base& tx, IntakeLookups& lookups,
                               const platform::rpc::CallContext& call,
                               const v1::RecordDonationRequest& r, std::int64_t max_amount) {
  CheckedDonation checked;
  rules::check_donation_shape(donation_shape(r), max_amount);
  checked.items = items_json(r);
  checked.received = platform::from_proto(r.received_on());
  const platform::Date& received = checked.received;
  const IntakeLookups::Target* target = nullptr;
  if (!r.campaign_id().empty()) target = &lookups.target(r.campaign_id(), r.fund_id());
  if (target == nullptr || !target->campaign_known) {
    throw invalid_argument("campaign_id", "unknown campaign");
  }
  rules::require_within_campaign(received, {target->starts_on, target->ends_on}, "received_on");
  if (r.fund_id().empty() || !target->fund_known) {
    throw invalid_argument("fund_id", "unknown fund");
  }
  checked.unit_code = target->unit_code;
  if (!target->fund_in_campaign) {
    throw invalid_argument("fund_id", "does not take part in campaign " + r.campaign_id());
  }
  rules::require_fund_scope(call.principal(), call.service().units(), checked.unit_code, received,
                            "fund_id");
  if (!r.mobiliser_id().empty() && !lookups.mobiliser_exists(r.mobiliser_id())) {
    throw invalid_argument("mobiliser_id", "unknown mobiliser");
  }
  if (r.channel() == v1::CHANNEL_BANK_TRANSFER) {
    checked.account = platform::text::normalize_bank_account_number(r.bank_account_number());
    if (!checked.account) {
      throw invalid_argument("bank_account_number", "is not an account of fund " + r.fund_id());
    }
    require_open_account(tx, r.fund_id(), *checked.account, received, "bank_account_number");
    if (!tx.exec_prepared("bank_reference_used", *checked.account, r.bank_reference()).empty()) {
      throw bank_reference_taken(r.bank_reference(), true);
    }
  }
  return checked;
}

}  // namespace vnn::donation
