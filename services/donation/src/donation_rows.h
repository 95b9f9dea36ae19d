#pragma once
// Reading donations back: one row to the API message, and who may see it.

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "vnn/donation/v1/donation.pb.h"
#include "vnn/platform/db/filtered_query.h"
#include "vnn/platform/rpc/call_context.h"

namespace vnn::donation {

// The columns every donation read selects, in the order row_to_donation expects.
extern const char* const kDonationColumns;

// Fills `out` from a row of kDonationColumns; the donor is loaded as `viewer` may see it.
void row_to_donation(pqxx::transaction_base& tx, const pqxx::row& row,
                     const platform::auth::Principal& viewer, v1::Donation* out);

// The in-kind items as stored (donation.items), added to `out`.
void add_items(const nlohmann::json& items, v1::Donation* out);

// Whether the caller may see a record (donation or pledge) of a fund's unit, mobilised by
// `mobiliser_id`, dated `on`: auditors and services all; district and commune officers those of
// funds in their units; member organisations and agencies what they mobilised.
bool may_see_record(const platform::rpc::CallContext& call, const std::string& unit_code,
                    const std::string& mobiliser_id, const common::v1::Date& on);
inline bool may_read(const platform::rpc::CallContext& call, const v1::Donation& donation) {
  return may_see_record(call, donation.unit_code(), donation.mobiliser_id(),
                        donation.received_on());
}

// What a caller lists, as conditions of the query itself (before its LIMIT), the same rule as
// may_see_record: auditors and services everything; member organisations and agencies what
// they mobilised (`mobiliser_column`; nothing if the token names no organisation); district and
// commune officers records of funds in their units (`unit_column` on `date_column`); others
// nothing.
void restrict_to_visible(platform::db::FilteredQuery& query, const platform::rpc::CallContext& call,
                         const std::string& unit_column, const std::string& mobiliser_column,
                         const std::string& date_column);

// Notes a read of the donor's contact in clear (phone unmasked for this caller), for the
// personal-data read log; nothing for callers who see it masked.
void note_donor_read(platform::rpc::CallContext& call, const v1::Donation& donation);

// Loads one donation if it exists and the caller may see it.
std::optional<v1::Donation> load_visible_donation(pqxx::transaction_base& tx,
                                                  const platform::rpc::CallContext& call,
                                                  std::int64_t id);

}  // namespace vnn::donation
