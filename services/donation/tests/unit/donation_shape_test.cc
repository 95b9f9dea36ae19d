#include "rules/donation_shape.h"

#include <gtest/gtest.h>

#include <limits>

#include "refusal.h"

namespace vnn::donation::rules {
namespace {

constexpr Dong kMax = 10'000'000'000;  // the service's default ceiling for one donation

DonationShape cash() {
  return {.channel = Channel::kCash, .amount = 500'000, .received_on = {2024, 3, 5}};
}

DonationShape bank_transfer() {
  auto d = cash();
  d.channel = Channel::kBankTransfer;
  d.bank_account_number = "0123456789";
  d.bank_reference = "FT24065123";
  return d;
}

DonationShape in_kind() {
  auto d = cash();
  d.channel = Channel::kInKind;
  d.amount = 1'500'000;
  d.items = {{.description = "Gạo", .quantity = 100, .unit = "kg", .assessed_value = 1'200'000},
             {.description = "Mì gói", .quantity = 20, .unit = "thùng", .assessed_value = 300'000}};
  return d;
}

DonationShape direct_support() {
  auto d = cash();
  d.channel = Channel::kDirectToHousehold;
  d.household_id = 42;
  d.support_need = "housing";
  return d;
}

void check(const DonationShape& d) { check_donation_shape(d, kMax); }

TEST(DonationShape, AcceptsEachChannelWellFormed) {
  EXPECT_NO_THROW(check(cash()));
  EXPECT_NO_THROW(check(bank_transfer()));
  EXPECT_NO_THROW(check(in_kind()));
  EXPECT_NO_THROW(check(direct_support()));
  auto goods_to_household = direct_support();
  goods_to_household.items = in_kind().items;
  goods_to_household.amount = 1'500'000;
  EXPECT_NO_THROW(check(goods_to_household));
}

TEST(DonationShape, RefusesAMissingChannel) {
  auto d = cash();
  d.channel = Channel::kUnspecified;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "channel"));
}

TEST(DonationShape, RefusesAPayrollListOutsideImport) {
  auto d = cash();
  d.channel = Channel::kPayroll;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "channel"));
}

TEST(DonationShape, RefusesANonPositiveAmount) {
  auto d = cash();
  d.amount = 0;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "amount.dong"));
  d.amount = -1;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "amount.dong"));
}

TEST(DonationShape, TakesTheCeilingItselfButNotOneDongMore) {
  auto d = cash();
  d.amount = kMax;
  EXPECT_NO_THROW(check(d));
  d.amount = kMax + 1;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "amount.dong"));
  d.amount = std::numeric_limits<Dong>::max();
  EXPECT_TRUE(refuses_field([&] { check(d); }, "amount.dong"));
}

TEST(DonationShape, RefusesAMissingOrImpossibleReceivedDate) {
  auto d = cash();
  d.received_on = {};
  EXPECT_TRUE(refuses_field([&] { check(d); }, "received_on"));
  d.received_on = {2023, 2, 29};
  EXPECT_TRUE(refuses_field([&] { check(d); }, "received_on"));
}

TEST(DonationShape, RefusesANoteTooLong) {
  auto d = cash();
  d.note = std::string(kMaxDonationNote + 1, 'a');
  EXPECT_TRUE(refuses_field([&] { check(d); }, "note"));
}

TEST(DonationShape, RefusesABankTransferWithoutItsAccount) {
  auto d = bank_transfer();
  d.bank_account_number.clear();
  EXPECT_TRUE(refuses_field([&] { check(d); }, "bank_account_number"));
}

TEST(DonationShape, RefusesABankTransferWithoutItsReference) {
  auto d = bank_transfer();
  d.bank_reference.clear();
  EXPECT_TRUE(refuses_field([&] { check(d); }, "bank_reference"));
  d.bank_reference = std::string(kMaxBankReference + 1, '7');
  EXPECT_TRUE(refuses_field([&] { check(d); }, "bank_reference"));
}

TEST(DonationShape, RefusesBankFieldsOnAnotherChannel) {
  auto d = cash();
  d.bank_reference = "FT24065123";
  EXPECT_TRUE(refuses_field([&] { check(d); }, "bank_reference"));
  d = cash();
  d.bank_account_number = "0123456789";
  EXPECT_TRUE(refuses_field([&] { check(d); }, "bank_reference"));
}

TEST(DonationShape, RefusesDirectSupportWithoutAHousehold) {
  auto d = direct_support();
  d.household_id = 0;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "household_id"));
}

TEST(DonationShape, RefusesDirectSupportForAnUnknownNeed) {
  auto d = direct_support();
  d.support_need = "travel";
  EXPECT_TRUE(refuses_field([&] { check(d); }, "support_need"));
  d.support_need.clear();
  EXPECT_TRUE(refuses_field([&] { check(d); }, "support_need"));
  for (const char* need : {"housing", "livelihood", "education", "health", "food", "hardship"}) {
    EXPECT_TRUE(is_support_need(need)) << need;
  }
}

TEST(DonationShape, RefusesDirectSupportNamingAPledge) {
  auto d = direct_support();
  d.pledge_id = 7;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "pledge_id"));
}

TEST(DonationShape, RefusesAHouseholdOrNeedOnAnotherChannel) {
  auto d = cash();
  d.household_id = 42;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "household_id"));
  d = cash();
  d.support_need = "food";
  EXPECT_TRUE(refuses_field([&] { check(d); }, "household_id"));
}

TEST(DonationShape, RefusesAnInKindGiftWithoutItems) {
  auto d = in_kind();
  d.items.clear();
  EXPECT_TRUE(refuses_field([&] { check(d); }, "items"));
}

TEST(DonationShape, RefusesItemsOnACashDonation) {
  auto d = cash();
  d.items = in_kind().items;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "items"));
}

TEST(DonationShape, RefusesAnItemWithoutDescription) {
  auto d = in_kind();
  d.items[1].description.clear();
  EXPECT_TRUE(refuses_field([&] { check(d); }, "items[1].description"));
}

TEST(DonationShape, RefusesAnItemWithoutQuantity) {
  auto d = in_kind();
  d.items[0].quantity = 0;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "items[0].quantity"));
}

TEST(DonationShape, RefusesAnItemUnitTooLong) {
  auto d = in_kind();
  d.items[0].unit = std::string(kMaxItemUnit + 1, 'k');
  EXPECT_TRUE(refuses_field([&] { check(d); }, "items[0].unit"));
}

TEST(DonationShape, RefusesAnItemValueNotPositiveOrAboveTheCeiling) {
  auto d = in_kind();
  d.items[1].assessed_value = 0;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "items[1].assessed_value.dong"));
  d.items[1].assessed_value = kMax + 1;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "items[1].assessed_value.dong"));
}

TEST(DonationShape, RefusesAnAmountOtherThanTheItemsSum) {
  auto d = in_kind();
  d.amount = 1'500'001;
  EXPECT_TRUE(refuses_field([&] { check(d); }, "amount.dong"));
}

TEST(DonationShape, RefusesItemsWhoseSumDoesNotFitInsteadOfWrappingAround) {
  const Dong huge = std::numeric_limits<Dong>::max() / 2 + 1;
  auto d = in_kind();
  d.items[0].assessed_value = huge;
  d.items[1].assessed_value = huge;
  d.amount = 1;  // whatever a wrapped sum would have come to
  EXPECT_TRUE(refuses_field([&] { check_donation_shape(d, std::numeric_limits<Dong>::max()); },
                            "amount.dong"));
}

}  // namespace
}  // namespace vnn::donation::rules
