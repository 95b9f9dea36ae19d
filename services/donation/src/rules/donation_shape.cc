#include "rules/donation_shape.h"

#include <algorithm>
#include <array>

#include "vnn/platform/errors.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation::rules {
namespace {

using platform::invalid_argument;

constexpr std::array<std::string_view, 6> kSupportNeeds{"housing", "livelihood", "education",
                                                        "health",  "food",       "hardship"};

void check_channel(const DonationShape& d) {
  if (d.channel == Channel::kUnspecified) {
    throw invalid_argument("channel", "is required", "chưa chọn hình thức ủng hộ");
  }
  if (d.channel == Channel::kPayroll) {
    throw invalid_argument("channel", "payroll lists arrive through ImportDonations",
                           "danh sách trích lương được nhập qua chức năng nhập danh sách");
  }
}

void check_bank_transfer(const DonationShape& d) {
  if (d.channel == Channel::kBankTransfer) {
    if (d.bank_account_number.empty()) {
      throw invalid_argument("bank_account_number", "is required for a bank transfer",
                             "chuyển khoản cần số tài khoản nhận");
    }
    if (d.bank_reference.empty()) {
      throw invalid_argument("bank_reference", "is required for a bank transfer",
                             "chuyển khoản cần mã giao dịch của ngân hàng");
    }
    platform::text::require_text(d.bank_reference, "bank_reference", kMaxBankReference, false);
  } else if (!d.bank_reference.empty() || !d.bank_account_number.empty()) {
    throw invalid_argument("bank_reference", "is only for bank transfers",
                           "chỉ dùng cho khoản chuyển khoản");
  }
}

void check_direct_support(const DonationShape& d) {
  if (d.channel == Channel::kDirectToHousehold) {
    if (d.household_id <= 0) {
      throw invalid_argument("household_id", "is required for direct support",
                             "hỗ trợ trực tiếp cần chọn hộ được hỗ trợ");
    }
    if (!is_support_need(d.support_need)) {
      throw invalid_argument("support_need",
                             "must be housing, livelihood, education, health, food or hardship",
                             "phải là nhà ở, sinh kế, giáo dục, y tế, lương thực hoặc khó khăn");
    }
    if (d.pledge_id != 0) {
      throw invalid_argument("pledge_id", "a pledge is to a fund, not to a household",
                             "cam kết ủng hộ là cho quỹ, không cho một hộ");
    }
  } else if (d.household_id != 0 || !d.support_need.empty()) {
    throw invalid_argument("household_id", "is only for direct support to a household",
                           "chỉ dùng cho hỗ trợ trực tiếp đến hộ");
  }
}

// Gifts in kind go to a fund or straight to a household; either way the items are listed, and
// their assessed values add up to the amount.
void check_items(const DonationShape& d, Dong max_amount) {
  const bool listed = d.channel == Channel::kInKind ||
                      (d.channel == Channel::kDirectToHousehold && !d.items.empty());
  if (!listed) {
    if (!d.items.empty()) {
      throw invalid_argument("items", "are only for in-kind donations",
                             "chỉ dùng cho ủng hộ bằng hiện vật");
    }
    return;
  }
  if (d.items.empty()) {
    throw invalid_argument("items", "an in-kind donation lists its items",
                           "ủng hộ bằng hiện vật cần liệt kê hiện vật");
  }
  Dong sum = 0;
  for (std::size_t i = 0; i < d.items.size(); ++i) {
    const auto& item = d.items[i];
    const std::string field = "items[" + std::to_string(i) + "]";
    platform::text::require_text(item.description, field + ".description", kMaxItemDescription,
                                 true);
    if (item.quantity <= 0) {
      throw invalid_argument(field + ".quantity", "must be positive", "số lượng phải lớn hơn 0");
    }
    platform::text::require_text(item.unit, field + ".unit", kMaxItemUnit, false);
    platform::money::require_positive(item.assessed_value, max_amount,
                                      field + ".assessed_value.dong");
    sum = platform::money::add(sum, item.assessed_value, "amount.dong");
  }
  if (sum != d.amount) {
    throw invalid_argument(
        "amount.dong",
        "must equal the sum of the items' assessed values (" + std::to_string(sum) + ")",
        "phải bằng tổng giá trị quy đổi của hiện vật (" + platform::money::format_vietnamese(sum) +
            ")");
  }
}

}  // namespace

bool is_support_need(std::string_view need) {
  return std::find(kSupportNeeds.begin(), kSupportNeeds.end(), need) != kSupportNeeds.end();
}

void check_donation_shape(const DonationShape& d, Dong max_amount) {
  check_channel(d);
  platform::money::require_positive(d.amount, max_amount, "amount.dong");
  if (!d.received_on.valid()) {
    throw invalid_argument("received_on", "is required and must be a calendar date",
                           "cần ngày nhận và phải là ngày có thật");
  }
  platform::text::require_text(d.note, "note", kMaxDonationNote, false);
  check_bank_transfer(d);
  check_direct_support(d);
  check_items(d, max_amount);
}

}  // namespace vnn::donation::rules
