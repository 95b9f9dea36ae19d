#pragma once
// Reading pledges back: the row with its fulfilment (summed from the donations naming it, never
// stored), and who may see it — by the same rule as donations.

#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "donation_rows.h"
#include "vnn/donation/v1/donation.pb.h"
#include "vnn/platform/date.h"
#include "vnn/platform/rpc/call_context.h"

namespace vnn::donation {

// The columns every pledge read selects (FROM pledge p), in the order row_to_pledge expects.
extern const char* const kPledgeColumns;

// Fills `out` from a row of kPledgeColumns; the donor is loaded as `viewer` may see it.
void row_to_pledge(pqxx::transaction_base& tx, const pqxx::row& row,
                   const platform::auth::Principal& viewer, v1::Pledge* out);

v1::PledgeStatus pledge_status(std::int64_t amount_dong, std::int64_t fulfilled_dong);

// Visible as a donation of the same fund, mobiliser and date (the day it was pledged) would be.
inline bool may_read(const platform::rpc::CallContext& call, const v1::Pledge& pledge) {
  return may_see_record(call, pledge.unit_code(), pledge.mobiliser_id(), pledge.pledged_on());
}

// Loads one pledge if it exists and the caller may see it.
std::optional<v1::Pledge> load_visible_pledge(pqxx::transaction_base& tx,
                                              const platform::rpc::CallContext& call,
                                              std::int64_t id);

// What a donation naming a pledge is checked against.
struct PledgeTerms {
  std::int64_t id = 0;
  std::string campaign_id, fund_id;
  std::int64_t donor_id = 0;
  std::int64_t amount_dong = 0;
  platform::Date pledged_on;
};
std::optional<PledgeTerms> load_pledge_terms(pqxx::transaction_base& tx, std::int64_t id);

}  // namespace vnn::donation
