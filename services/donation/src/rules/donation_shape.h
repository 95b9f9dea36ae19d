#pragma once
// What a RecordDonation request must look like before anything is read or written: its channel,
// amount, dates, in-kind items, bank-transfer and direct-support fields. Plain C++ over a struct
// the handler fills from the request, so each refusal has a unit test
// (tests/unit/donation_shape_test.cc). Field paths are the request's.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vnn/platform/date.h"
#include "vnn/platform/money.h"

namespace vnn::donation::rules {

using platform::money::Dong;

// The request's channel, as far as the shape checks tell channels apart.
enum class Channel {
  kUnspecified,  // missing or not a known channel
  kBankTransfer,
  kCash,
  kInKind,
  kPayroll,
  kDirectToHousehold,
};

struct DonationItemShape {
  std::string description;
  std::int64_t quantity = 0;
  std::string unit;
  Dong assessed_value = 0;
};

struct DonationShape {
  Channel channel = Channel::kUnspecified;
  Dong amount = 0;
  platform::Date received_on;  // {0,0,0} when the request has none
  std::string note;
  std::string bank_account_number;
  std::string bank_reference;
  std::int64_t household_id = 0;
  std::string support_need;
  std::int64_t pledge_id = 0;
  std::vector<DonationItemShape> items;
};

inline constexpr std::size_t kMaxDonationNote = 1000;
inline constexpr std::size_t kMaxBankReference = 64;
inline constexpr std::size_t kMaxItemDescription = 200;
inline constexpr std::size_t kMaxItemUnit = 50;

// The needs direct support meets; household review's coverage report compares them across
// channels, so the words are fixed.
bool is_support_need(std::string_view need);

// Throws INVALID_ARGUMENT on the first field at fault. `max_amount` is the ceiling for one
// donation (and for one item's assessed value).
void check_donation_shape(const DonationShape& donation, Dong max_amount);

}  // namespace vnn::donation::rules
