#include "donation_checks.h"

#include <algorithm>
#include <array>

#include "vnn/platform/errors.h"
#include "vnn/platform/text/identifiers.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation {
namespace {

using platform::invalid_argument;

constexpr std::size_t kMaxNote = 1000;
constexpr std::size_t kMaxReference = 64;
// The needs direct support meets; household review's coverage report compares them across
// channels, so the words are fixed.
constexpr std::array<std::string_view, 6> kSupportNeeds{"housing", "livelihood", "education",
                                                        "health",  "food",       "hardship"};

// Checks of a RecordDonation request that need no database; returns the in-kind items as JSON.
nlohmann::json check_request_shape(const v1::RecordDonationRequest& r, std::int64_t max_amount) {
  if (r.channel() == v1::CHANNEL_UNSPECIFIED || !v1::Channel_IsValid(r.channel())) {
    throw invalid_argument("channel", "is required");
  }
  if (r.channel() == v1::CHANNEL_PAYROLL) {
    throw invalid_argument("channel", "payroll lists arrive through ImportDonations");
  }
  if (r.amount().dong() <= 0) throw invalid_argument("amount.dong", "must be positive");
  if (r.amount().dong() > max_amount) {
    throw invalid_argument("amount.dong", "is above the ceiling of " + std::to_string(max_amount) +
                                              " đồng for one donation");
  }
  if (!to_date(r.received_on()).valid()) {
    throw invalid_argument("received_on", "is required and must be a calendar date");
  }
  platform::text::require_text(r.note(), "note", kMaxNote, false);
  nlohmann::json items = nlohmann::json::array();
  if (r.channel() == v1::CHANNEL_BANK_TRANSFER) {
    if (r.bank_account_number().empty()) {
      throw invalid_argument("bank_account_number", "is required for a bank transfer");
    }
    if (r.bank_reference().empty()) {
      throw invalid_argument("bank_reference", "is required for a bank transfer");
    }
    platform::text::require_text(r.bank_reference(), "bank_reference", kMaxReference, false);
  } else if (!r.bank_reference().empty() || !r.bank_account_number().empty()) {
    throw invalid_argument("bank_reference", "is only for bank transfers");
  }
  const bool direct = r.channel() == v1::CHANNEL_DIRECT_TO_HOUSEHOLD;
  if (direct) {
    if (r.household_id() <= 0) {
      throw invalid_argument("household_id", "is required for direct support");
    }
    if (std::find(kSupportNeeds.begin(), kSupportNeeds.end(), r.support_need()) ==
        kSupportNeeds.end()) {
      throw invalid_argument("support_need",
                             "must be housing, livelihood, education, health, food or hardship");
    }
    if (r.pledge_id() != 0) {
      throw invalid_argument("pledge_id", "a pledge is to a fund, not to a household");
    }
  } else if (r.household_id() != 0 || !r.support_need().empty()) {
    throw invalid_argument("household_id", "is only for direct support to a household");
  }
  // Gifts in kind go to a fund or straight to a household; either way the items are listed.
  if (r.channel() == v1::CHANNEL_IN_KIND || (direct && !r.items().empty())) {
    if (r.items().empty()) throw invalid_argument("items", "an in-kind donation lists its items");
    std::int64_t sum = 0;
    for (int i = 0; i < r.items_size(); ++i) {
      const auto& item = r.items(i);
      const std::string field = "items[" + std::to_string(i) + "]";
      platform::text::require_text(item.description(), field + ".description", 200, true);
      if (item.quantity() <= 0) throw invalid_argument(field + ".quantity", "must be positive");
      platform::text::require_text(item.unit(), field + ".unit", 50, false);
      if (item.assessed_value().dong() <= 0 || item.assessed_value().dong() > max_amount) {
        throw invalid_argument(field + ".assessed_value.dong", "must be positive and plausible");
      }
      sum += item.assessed_value().dong();
      items.push_back({{"description", item.description()},
                       {"quantity", item.quantity()},
                       {"unit", item.unit()},
                       {"value", item.assessed_value().dong()}});
    }
    if (sum != r.amount().dong()) {
      throw invalid_argument("amount.dong", "must equal the sum of the items' assessed values (" +
                                                std::to_string(sum) + ")");
    }
  } else if (!r.items().empty()) {
    throw invalid_argument("items", "are only for in-kind donations");
  }
  return items;
}

}  // namespace

platform::Date to_date(const common::v1::Date& date) {
  return {date.year(), date.month(), date.day()};
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
  const auto closed = account_closed_on(tx, fund_id, account, field);
  if (closed && received >= *closed) {
    throw invalid_argument(field, "account " + account + " was closed on " + closed->iso() +
                                      " and takes no transfer from that day on");
  }
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
  checked.items = check_request_shape(r, max_amount);
  checked.received = to_date(r.received_on());
  const platform::Date& received = checked.received;
  const IntakeLookups::Target* target = nullptr;
  if (!r.campaign_id().empty()) target = &lookups.target(r.campaign_id(), r.fund_id());
  if (target == nullptr || !target->campaign_known) {
    throw invalid_argument("campaign_id", "unknown campaign");
  }
  if (received < target->starts_on || target->ends_on < received) {
    throw invalid_argument("received_on", "is outside the campaign's period " +
                                              target->starts_on.iso() + " – " +
                                              target->ends_on.iso());
  }
  if (r.fund_id().empty() || !target->fund_known) {
    throw invalid_argument("fund_id", "unknown fund");
  }
  checked.unit_code = target->unit_code;
  if (!target->fund_in_campaign) {
    throw invalid_argument("fund_id", "does not take part in campaign " + r.campaign_id());
  }
  // A commune officer records only for its own commune's fund; the district for its own fund
  // and those below it.
  call.require_unit("fund_id", checked.unit_code, received);
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
