// The expected report: a small campaign made by hand gives the figures worked out by hand, and
// for a generated campaign the district's total is the sum of its units' figures.

#include "scenario/expected_report.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "scenario/generator.h"

namespace vnn::campaign {
namespace {

using platform::Date;
using A = ExpectedAmount;

Donation donation(std::string key, Channel channel, std::string fund, DonorKind kind,
                  std::int64_t amount, std::string mobiliser = {}) {
  Donation d;
  d.key = std::move(key);
  d.channel = channel;
  d.fund_id = std::move(fund);
  d.donor = Donor{.kind = kind, .name = kind == DonorKind::kAnonymous ? "" : "Người ủng hộ"};
  d.amount = amount;
  d.received_on = Date{2024, 3, 1};
  d.mobiliser_id = std::move(mobiliser);
  return d;
}

Household household(std::string unit, std::string code) {
  Household h;
  h.unit_code = unit;
  h.code = code;
  h.key = unit + "/" + code;
  h.housing = "nhà tạm";
  return h;
}

FundingPart fund_part(std::string fund, std::int64_t amount) {
  return FundingPart{.source = fund == "fund-736" ? "district_fund" : "commune_fund",
                     .fund_id = fund,
                     .amount = amount};
}

// Three funds, seven donations (one reversed, one corrected, one handed to a household), a
// payroll list, four households over two communes (one a merged duplicate, one list late),
// and five supports ending five ways.
Scenario hand_made() {
  Scenario s;
  s.campaign.unit_code = "736";
  s.campaign.lists_due = Date{2024, 2, 22};
  s.campaign.targets = {Target{.unit_code = "26239", .amount = 100'000'000, .houses = 1},
                        Target{.unit_code = "26242", .amount = 150'000'000, .houses = 2}};
  s.funds = {Fund{.id = "fund-736", .unit_code = "736", .name = "Quỹ huyện"},
             Fund{.id = "fund-26239", .unit_code = "26239", .name = "Quỹ xã Túc Trưng"},
             Fund{.id = "fund-26242", .unit_code = "26242", .name = "Quỹ xã Phú Túc"}};
  using C = Channel;
  using K = DonorKind;
  s.donations = {
      donation("d1", C::kBankTransfer, "fund-736", K::kBusiness, 100'000'000, "bvd-a"),
      donation("d2", C::kCash, "fund-26242", K::kIndividual, 500'000, "hoi-lhpn-huyen"),
      donation("d3", C::kCash, "fund-26242", K::kHousehold, 30'000, "hoi-lhpn-huyen"),
      donation("d4", C::kInKind, "fund-26239", K::kOrganisation, 1'600'000),
      donation("d5", C::kCash, "fund-736", K::kIndividual, 5'000'000),
      donation("d6", C::kCash, "fund-736", K::kIndividual, 500'000),
      donation("d7", C::kDirectToHousehold, "fund-26242", K::kBusiness, 45'000'000),
  };
  s.donations[6].household_key = "26242/PT-001";
  s.donations[6].support_need = "housing";
  s.reversals = {Reversal{.donation_key = "d5", .reason = "Ghi nhầm số tiền"}};
  s.payroll_lists = {PayrollList{.key = "p1",
                                 .fund_id = "fund-736",
                                 .mobiliser_id = "phong-gddt",
                                 .lines = {PayrollLine{.full_name = "A", .amount = 200'000},
                                           PayrollLine{.full_name = "B", .amount = 300'000}}}};
  s.households = {household("26242", "PT-001"), household("26242", "PT-002"),
                  household("26239", "TT-001"), household("26239", "TT-002")};
  s.submissions = {ListSubmission{.unit_code = "26242",
                                  .received_on = Date{2024, 2, 20},
                                  .household_keys = {"26242/PT-001", "26242/PT-002"}},
                   ListSubmission{.unit_code = "26239",
                                  .received_on = Date{2024, 2, 27},
                                  .household_keys = {"26239/TT-001", "26239/TT-002"},
                                  .late_override_reason = "Gửi chậm"}};
  s.duplicates = {DuplicatePair{.keep_key = "26242/PT-002", .drop_key = "26239/TT-002"}};
  s.reviews = {Review{.household_key = "26242/PT-001"}, Review{.household_key = "26242/PT-002"},
               Review{.household_key = "26239/TT-001",
                      .decision = ReviewDecision::kReject,
                      .reason = "Không đủ điều kiện"}};
  s.assignments = {
      Assignment{.household_key = "26242/PT-001", .organisation_id = "hoi-lhpn-huyen"},
      Assignment{.household_key = "26242/PT-002", .organisation_id = "hoi-nong-dan-huyen"}};
  Support s1{.key = "s1", .household_key = "26242/PT-001", .kind = "new_house"};
  s1.funding = {fund_part("fund-736", 15'000'000),
                FundingPart{.source = "household", .amount = 10'000'000}};
  s1.end = SupportEnd::kCompleted;
  Support s2{.key = "s2", .household_key = "26242/PT-002", .kind = "house_repair"};
  s2.funding = {fund_part("fund-736", 20'000'000), fund_part("fund-26242", 200'000)};
  s2.end = SupportEnd::kPartlyDisbursed;
  s2.partial_fund_parts = {fund_part("fund-736", 16'000'000), fund_part("fund-26242", 200'000)};
  Support s3{.key = "s3", .household_key = "26242/PT-002", .kind = "food_and_gifts"};
  s3.funding = {fund_part("fund-26242", 300'000)};
  s3.end = SupportEnd::kCancelledApproved;
  Support s4{.key = "s4", .household_key = "26242/PT-001", .kind = "scholarship"};
  s4.funding = {FundingPart{.source = "sponsor", .amount = 1'000'000, .sponsor = "Hội Khuyến học"}};
  s4.end = SupportEnd::kLeftProposed;
  Support s5{.key = "s5", .household_key = "26242/PT-001", .kind = "production_capital"};
  s5.funding = {fund_part("fund-736", 5'000'000),
                FundingPart{.source = "state_budget", .amount = 2'000'000, .reference = "QĐ"}};
  s5.end = SupportEnd::kDisbursed;
  s.supports = {s1, s2, s3, s4, s5};
  return s;
}

TEST(ExpectedReport, HandMadeCampaignDistrictFund) {
  const auto report = expected_report(hand_made());
  ASSERT_EQ(report.by_unit.count("736"), 1u);
  const auto& r = report.by_unit.at("736").received;
  // d1, d6 and the payroll list; d5 in and out again.
  EXPECT_EQ(r.count, 3);
  EXPECT_EQ(r.cash, 101'000'000);
  EXPECT_EQ(r.in_kind, 0);
  EXPECT_EQ(r.by_channel,
            (std::vector<A>{
                {"bank_transfer", 1, 100'000'000}, {"cash", 1, 500'000}, {"payroll", 1, 500'000}}));
  EXPECT_EQ(r.by_donor_kind,
            (std::vector<A>{
                {"agency", 1, 500'000}, {"business", 1, 100'000'000}, {"individual", 1, 500'000}}));
  EXPECT_EQ(r.by_mobiliser,
            (std::vector<A>{{"bvd-a", 1, 100'000'000}, {"phong-gddt", 1, 500'000}}));
  EXPECT_EQ(r.direct_count, 0);
}

TEST(ExpectedReport, HandMadeCampaignCommunes) {
  const auto report = expected_report(hand_made());
  const auto& phu_tuc = report.by_unit.at("26242");
  EXPECT_EQ(phu_tuc.received.count, 2);
  EXPECT_EQ(phu_tuc.received.cash, 530'000);
  EXPECT_EQ(phu_tuc.received.by_channel, (std::vector<A>{{"cash", 2, 530'000}}));
  EXPECT_EQ(phu_tuc.received.by_donor_kind,
            (std::vector<A>{{"household", 1, 30'000}, {"individual", 1, 500'000}}));
  EXPECT_EQ(phu_tuc.received.by_mobiliser, (std::vector<A>{{"hoi-lhpn-huyen", 2, 530'000}}));
  EXPECT_EQ(phu_tuc.received.direct_count, 1);
  EXPECT_EQ(phu_tuc.received.direct_to_households, 45'000'000);
  EXPECT_EQ(phu_tuc.households, (ExpectedHouseholds{.submitted = 2,
                                                    .approved = 2,
                                                    .rejected = 0,
                                                    .returned = 0,
                                                    .assigned = 2,
                                                    .supported = 2,
                                                    .late = 0}));
  const auto& sp = phu_tuc.supports;
  // The cancelled support leaves its kind at zero; the one left proposed counts nowhere.
  EXPECT_EQ(sp.approved_by_kind, (std::vector<A>{{"food_and_gifts", 0, 0},
                                                 {"house_repair", 1, 20'200'000},
                                                 {"new_house", 1, 15'000'000},
                                                 {"production_capital", 1, 5'000'000}}));
  EXPECT_EQ(sp.disbursed_by_kind, (std::vector<A>{{"house_repair", 1, 16'200'000},
                                                  {"new_house", 1, 15'000'000},
                                                  {"production_capital", 1, 5'000'000}}));
  EXPECT_EQ(sp.approved, 40'200'000);
  EXPECT_EQ(sp.disbursed, 36'200'000);
  EXPECT_EQ(sp.total_value, 25'000'000 + 16'200'000 + 7'000'000);
  EXPECT_EQ(sp.houses_built, 1);
  EXPECT_EQ(sp.houses_repaired, 0);
  EXPECT_EQ(phu_tuc.target_amount, 150'000'000);
  EXPECT_EQ(phu_tuc.target_houses, 2);

  const auto& tuc_trung = report.by_unit.at("26239");
  EXPECT_EQ(tuc_trung.received.count, 1);
  EXPECT_EQ(tuc_trung.received.cash, 0);
  EXPECT_EQ(tuc_trung.received.in_kind, 1'600'000);
  EXPECT_EQ(tuc_trung.received.by_channel, (std::vector<A>{{"in_kind", 1, 1'600'000}}));
  EXPECT_EQ(tuc_trung.received.by_donor_kind, (std::vector<A>{{"organisation", 1, 1'600'000}}));
  EXPECT_TRUE(tuc_trung.received.by_mobiliser.empty());
  // The merged copy was submitted (and late) all the same.
  EXPECT_EQ(tuc_trung.households, (ExpectedHouseholds{.submitted = 2,
                                                      .approved = 0,
                                                      .rejected = 1,
                                                      .returned = 0,
                                                      .assigned = 0,
                                                      .supported = 0,
                                                      .late = 2}));
  EXPECT_TRUE(tuc_trung.supports.approved_by_kind.empty());
}

TEST(ExpectedReport, HandMadeCampaignTotalAndFunds) {
  const auto report = expected_report(hand_made());
  const auto& t = report.total;
  EXPECT_EQ(t.unit_code, "736");
  EXPECT_EQ(t.received.count, 6);
  EXPECT_EQ(t.received.cash, 101'530'000);
  EXPECT_EQ(t.received.in_kind, 1'600'000);
  EXPECT_EQ(t.received.by_channel, (std::vector<A>{{"bank_transfer", 1, 100'000'000},
                                                   {"cash", 3, 1'030'000},
                                                   {"in_kind", 1, 1'600'000},
                                                   {"payroll", 1, 500'000}}));
  EXPECT_EQ(t.received.by_mobiliser, (std::vector<A>{{"bvd-a", 1, 100'000'000},
                                                     {"hoi-lhpn-huyen", 2, 530'000},
                                                     {"phong-gddt", 1, 500'000}}));
  EXPECT_EQ(t.received.direct_to_households, 45'000'000);
  EXPECT_EQ(t.households.submitted, 4);
  EXPECT_EQ(t.households.late, 2);
  EXPECT_EQ(t.supports.approved, 40'200'000);
  EXPECT_EQ(t.target_amount, 250'000'000);
  EXPECT_EQ(t.target_houses, 3);

  ASSERT_EQ(report.funds.size(), 3u);
  EXPECT_EQ(report.funds[0], (ExpectedFund{.fund_id = "fund-736",
                                           .unit_code = "736",
                                           .name = "Quỹ huyện",
                                           .received = 106'000'000,
                                           .reversed = 5'000'000,
                                           .reserved = 0,
                                           .disbursed = 36'000'000,
                                           .available = 65'000'000,
                                           .in_kind_stock = 0}));
  EXPECT_EQ(report.funds[1], (ExpectedFund{.fund_id = "fund-26239",
                                           .unit_code = "26239",
                                           .name = "Quỹ xã Túc Trưng",
                                           .in_kind_stock = 1'600'000}));
  // The cancelled support's 300,000 was released; the repair's commune part handed in full.
  EXPECT_EQ(report.funds[2], (ExpectedFund{.fund_id = "fund-26242",
                                           .unit_code = "26242",
                                           .name = "Quỹ xã Phú Túc",
                                           .received = 530'000,
                                           .disbursed = 200'000,
                                           .available = 330'000}));
}

// Adds `from`'s list into `into`, key by key.
void add_list(std::map<std::string, std::pair<std::int64_t, std::int64_t>>& into,
              const std::vector<A>& from) {
  for (const auto& a : from) {
    into[a.key].first += a.count;
    into[a.key].second += a.amount;
  }
}

std::map<std::string, std::pair<std::int64_t, std::int64_t>> as_map(const std::vector<A>& list) {
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> out;
  add_list(out, list);
  return out;
}

TEST(ExpectedReport, TotalIsTheSumOfTheUnits) {
  const Scenario s = generate(GeneratorOptions{});
  const auto report = expected_report(s);
  ExpectedReceived r;
  ExpectedHouseholds h;
  ExpectedSupports sp;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> channel, kind, mobiliser, approved,
      disbursed;
  std::int64_t target = 0;
  for (const auto& [unit, p] : report.by_unit) {
    EXPECT_EQ(p.unit_code, unit);
    r.count += p.received.count;
    r.cash += p.received.cash;
    r.in_kind += p.received.in_kind;
    r.direct_count += p.received.direct_count;
    r.direct_to_households += p.received.direct_to_households;
    add_list(channel, p.received.by_channel);
    add_list(kind, p.received.by_donor_kind);
    add_list(mobiliser, p.received.by_mobiliser);
    add_list(approved, p.supports.approved_by_kind);
    add_list(disbursed, p.supports.disbursed_by_kind);
    h.submitted += p.households.submitted;
    h.approved += p.households.approved;
    h.rejected += p.households.rejected;
    h.returned += p.households.returned;
    h.assigned += p.households.assigned;
    h.supported += p.households.supported;
    h.late += p.households.late;
    sp.approved += p.supports.approved;
    sp.disbursed += p.supports.disbursed;
    sp.total_value += p.supports.total_value;
    sp.houses_built += p.supports.houses_built;
    sp.houses_repaired += p.supports.houses_repaired;
    target += p.target_amount;
  }
  const auto& t = report.total;
  EXPECT_EQ(t.received.count, r.count);
  EXPECT_EQ(t.received.cash, r.cash);
  EXPECT_EQ(t.received.in_kind, r.in_kind);
  EXPECT_EQ(t.received.direct_count, r.direct_count);
  EXPECT_EQ(t.received.direct_to_households, r.direct_to_households);
  EXPECT_EQ(as_map(t.received.by_channel), channel);
  EXPECT_EQ(as_map(t.received.by_donor_kind), kind);
  EXPECT_EQ(as_map(t.received.by_mobiliser), mobiliser);
  EXPECT_EQ(as_map(t.supports.approved_by_kind), approved);
  EXPECT_EQ(as_map(t.supports.disbursed_by_kind), disbursed);
  EXPECT_EQ(t.households, h);
  EXPECT_EQ(t.supports.approved, sp.approved);
  EXPECT_EQ(t.supports.disbursed, sp.disbursed);
  EXPECT_EQ(t.supports.total_value, sp.total_value);
  EXPECT_EQ(t.supports.houses_built, sp.houses_built);
  EXPECT_EQ(t.supports.houses_repaired, sp.houses_repaired);
  EXPECT_EQ(t.target_amount, target);

  // And the figures agree with the scenario's own counts.
  EXPECT_EQ(t.households.submitted, static_cast<std::int64_t>(s.households.size()));
  EXPECT_EQ(t.households.assigned, static_cast<std::int64_t>(s.assignments.size()));
  std::int64_t cash = 0, funds_received = 0, funds_reversed = 0, funds_disbursed = 0;
  for (const auto& [key, value] : channel) {
    if (key != "in_kind") cash += value.second;
  }
  for (const auto& f : report.funds) {
    funds_received += f.received;
    funds_reversed += f.reversed;
    funds_disbursed += f.disbursed;
    EXPECT_EQ(f.available, f.received - f.reversed - f.reserved - f.disbursed);
    EXPECT_GE(f.available, 0) << f.fund_id;
  }
  EXPECT_EQ(cash, funds_received - funds_reversed);
  EXPECT_EQ(t.supports.disbursed, funds_disbursed);
}

}  // namespace
}  // namespace vnn::campaign

namespace vnn::campaign {
namespace {

TEST(ExpectedReport, ListsSentAfterTheDeadlineAreAllLate) {
  const Scenario s = generate(GeneratorOptions{});
  const auto as_dated = expected_report(s);
  EXPECT_LT(as_dated.total.households.late, as_dated.total.households.submitted);
  EXPECT_GT(as_dated.total.households.late, 0);
  const auto played_later =
      expected_report(s, ExpectedReportOptions{.lists_sent_on = Date{2026, 1, 5}});
  EXPECT_EQ(played_later.total.households.late, played_later.total.households.submitted);
  // Nothing else changes.
  EXPECT_EQ(played_later.total.received, as_dated.total.received);
  EXPECT_EQ(played_later.total.supports, as_dated.total.supports);
}

// Restated to the communes of 2025: the 2024 units merged on 2025-07-01 add up under the
// commune that took them in (Định Quán's data: 26206 took in the township, Ngọc Định, Gia
// Canh and Phú Ngọc; 26299 Thống Nhất took Phú Cường and Phú Túc …).
TEST(ExpectedReport, RestatedIntoTheCommunesOf2025) {
  const Scenario s = generate(GeneratorOptions{});
  const auto report = expected_report(s);
  const auto before = restated_by_unit(report, Date{2025, 6, 30});
  ASSERT_EQ(before.size(), report.by_unit.size());
  for (const auto& [code, figures] : report.by_unit) EXPECT_EQ(before.at(code), figures);

  const auto after = restated_by_unit(report, Date{2026, 1, 5});
  std::set<std::string> codes;
  for (const auto& [code, figures] : after) codes.insert(code);
  EXPECT_EQ(codes, (std::set<std::string>{"26206", "26209", "26215", "26221", "26227", "26299",
                                          "26428", "736"}));
  const auto& dinh_quan = after.at("26206");
  std::int64_t cash = 0, submitted = 0, approved = 0, target = 0;
  for (const char* old : {"26206", "26224", "26230", "26233"}) {
    cash += report.by_unit.at(old).received.cash;
    submitted += report.by_unit.at(old).households.submitted;
    approved += report.by_unit.at(old).supports.approved;
    target += report.by_unit.at(old).target_amount;
  }
  EXPECT_EQ(dinh_quan.received.cash, cash);
  EXPECT_EQ(dinh_quan.households.submitted, submitted);
  EXPECT_EQ(dinh_quan.supports.approved, approved);
  EXPECT_EQ(dinh_quan.target_amount, target);
  EXPECT_EQ(after.at("26428"), [&] {
    auto suoi_nho = report.by_unit.at("26245");
    suoi_nho.unit_code = "26428";
    return suoi_nho;
  }());
  // The restated units still add up to the district's total.
  std::int64_t total_cash = 0, total_submitted = 0, total_disbursed = 0;
  for (const auto& [code, figures] : after) {
    total_cash += figures.received.cash;
    total_submitted += figures.households.submitted;
    total_disbursed += figures.supports.disbursed;
  }
  EXPECT_EQ(total_cash, report.total.received.cash);
  EXPECT_EQ(total_submitted, report.total.households.submitted);
  EXPECT_EQ(total_disbursed, report.total.supports.disbursed);
}

}  // namespace
}  // namespace vnn::campaign
