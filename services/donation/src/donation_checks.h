#pragma once
// What RecordDonation checks before it writes anything, shared by the call that commits alone
// and the group commit: a call the checks refuse has written nothing, so in a batch it can fail
// alone without a savepoint.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>

#include "rules/donation_shape.h"
#include "vnn/donation/v1/donation.pb.h"
#include "vnn/platform/date.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/rpc/call_context.h"

namespace vnn::donation {

// The request as the shape checks see it (rules/donation_shape.h).
rules::DonationShape donation_shape(const v1::RecordDonationRequest& r);

// Campaign and fund facts a donation is checked against, read once per transaction: in a batch
// the calls mostly name the same campaign and fund. What they hold (a campaign's period, a
// fund's unit) may change only under the row's lock, so reading them in the transaction is all
// the freshness needed; a fund's accounts are checked per call (require_open_account).
class IntakeLookups {
 public:
  struct Target {
    bool campaign_known = false;
    platform::Date starts_on, ends_on;
    bool fund_known = false;
    std::string unit_code;
    bool fund_in_campaign = false;
  };

  explicit IntakeLookups(pqxx::transaction_base& tx) : tx_(tx) {}
  const Target& target(const std::string& campaign_id, const std::string& fund_id);
  // Takes a target read by another statement, from its first four columns in intake_target's
  // order, so that target() needs no round trip of its own for it.
  void remember(const std::string& campaign_id, const std::string& fund_id, const pqxx::row& row);
  bool mobiliser_exists(const std::string& mobiliser_id);

 private:
  static Target read_target(const pqxx::row& row);

  pqxx::transaction_base& tx_;
  std::map<std::pair<std::string, std::string>, Target> targets_;
  std::map<std::string, bool> mobilisers_;
};

struct CheckedDonation {
  nlohmann::json items;  // as stored in donation.items
  platform::Date received;
  std::string unit_code;               // the fund's
  std::optional<std::string> account;  // normalized, for a bank transfer
};

// Everything but the household (another service) and the pledge (a lock): the request's shape
// (rules/donation_shape.h), campaign, period, fund, the caller's scope (rules/fund_scope.h), the
// mobiliser, a transfer's account (rules/fund_accounts.h) and reference.
// Throws platform::Error for the first problem found.
CheckedDonation check_donation(pqxx::transaction_base& tx, IntakeLookups& lookups,
                               const platform::rpc::CallContext& call,
                               const v1::RecordDonationRequest& r, std::int64_t max_amount);

// The day `account` of the fund was closed, nullopt while it is open; INVALID_ARGUMENT on
// `field` when it is not the fund's account. The row stays locked (shared) until commit, so the
// account is not closed under a transfer being recorded.
std::optional<platform::Date> account_closed_on(pqxx::transaction_base& tx,
                                                const std::string& fund_id,
                                                const std::string& account,
                                                const std::string& field);
// The same, and INVALID_ARGUMENT (ACCOUNT_CLOSED) on `field` for a transfer received on or after
// the day the account was closed (rules/fund_accounts.h).
void require_open_account(pqxx::transaction_base& tx, const std::string& fund_id,
                          const std::string& account, const platform::Date& received,
                          const std::string& field);

// The error for a bank reference recorded twice on one account.
platform::Error bank_reference_taken(const std::string& reference, bool for_this_account);

}  // namespace vnn::donation
