#pragma once
// Reading donations back: one row to the API message, and who may see it.

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "vnn/donation/v1/donation.pb.h"
#include "vnn/platform/rpc/call_context.h"

namespace vnn::donation {

// The columns every donation read selects, in the order row_to_donation expects.
extern const char* const kDonationColumns;

// Fills `out` from a row of kDonationColumns; the donor is loaded as `viewer` may see it.
void row_to_donation(pqxx::transaction_base& tx, const pqxx::row& row,
                     const platform::auth::Principal& viewer, v1::Donation* out);

// Whether the caller may see this donation: auditors and services all; district and commune
// officers those of funds in their units; member organisations and agencies what they mobilised.
bool may_read(const platform::rpc::CallContext& call, const v1::Donation& donation);

// Loads one donation if it exists and the caller may see it.
std::optional<v1::Donation> load_visible_donation(pqxx::transaction_base& tx,
                                                  const platform::rpc::CallContext& call,
                                                  std::int64_t id);

}  // namespace vnn::donation
