// The generated campaign: deterministic per seed, the seed's facts, sizes and kinds, and every
// key it references existing.

#include "scenario/generator.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <string>

namespace vnn::campaign {
namespace {

using platform::Date;

// Enough of a scenario to tell two apart: every key, name, amount and date, in order.
std::string fingerprint(const Scenario& s) {
  std::string out;
  for (const auto& d : s.donations) {
    out += d.key + "|" + d.donor.name + "|" + std::to_string(d.amount) + "|" + d.received_on.iso() +
           "|" + d.fund_id + "\n";
  }
  for (const auto& l : s.payroll_lists) {
    for (const auto& line : l.lines)
      out += line.full_name + line.citizen_id + std::to_string(line.amount);
  }
  for (const auto& h : s.households) {
    out += h.key + h.housing;
    for (const auto& p : h.members) out += p.full_name + p.citizen_id;
  }
  for (const auto& sp : s.supports) {
    out += sp.key + sp.household_key + sp.kind + sp.proposed_on.iso();
    for (const auto& part : sp.funding) out += part.source + std::to_string(part.amount);
  }
  for (const auto& t : s.campaign.targets) out += t.unit_code + std::to_string(t.amount);
  return out;
}

const Scenario& seeded() {
  static const Scenario s = generate(GeneratorOptions{});
  return s;
}

TEST(Generator, SameSeedSameScenario) {
  const Scenario again = generate(GeneratorOptions{});
  EXPECT_EQ(fingerprint(seeded()), fingerprint(again));
  EXPECT_EQ(seeded().donations.size(), again.donations.size());
  EXPECT_EQ(seeded().supports.size(), again.supports.size());
}

TEST(Generator, DifferentSeedDifferentScenario) {
  const Scenario other = generate(GeneratorOptions{.seed = 7});
  EXPECT_NE(fingerprint(seeded()), fingerprint(other));
  EXPECT_EQ(other.seed, 7u);
}

TEST(Generator, TakesWellUnderASecond) {
  const auto start = std::chrono::steady_clock::now();
  const Scenario s = generate(GeneratorOptions{.seed = 99});
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(took).count(), 1000);
  EXPECT_FALSE(s.donations.empty());
}

TEST(Generator, TheSeedsCampaignAndFunds) {
  const auto& s = seeded();
  EXPECT_EQ(s.campaign.id, "dot-cao-diem-2024");
  EXPECT_EQ(s.campaign.name,
            "Đợt cao điểm vận động Quỹ \"Vì người nghèo\" từ ngày 03/02 đến ngày 19/05/2024");
  EXPECT_EQ(s.campaign.unit_code, "736");
  EXPECT_EQ(s.campaign.starts_on, (Date{2024, 2, 3}));
  EXPECT_EQ(s.campaign.ends_on, (Date{2024, 5, 19}));
  EXPECT_EQ(s.campaign.lists_due, (Date{2024, 2, 22}));
  EXPECT_EQ(s.campaign.report_due, (Date{2024, 5, 19}));
  ASSERT_EQ(s.funds.size(), 15u);  // the district's and one per commune or township
  const auto& district = s.funds.front();
  EXPECT_EQ(district.id, "fund-736");
  EXPECT_EQ(district.unit_code, "736");
  EXPECT_EQ(district.name, "Quỹ \"Vì người nghèo\" huyện Định Quán");
  EXPECT_EQ(district.account_number, "1000007061600643");
  EXPECT_EQ(district.account_name, "Quỹ \"Vì người nghèo\" huyện Định Quán");
  EXPECT_EQ(district.bank, "Ngân hàng Chính sách xã hội");
  EXPECT_EQ(district.branch, "Phòng giao dịch huyện Định Quán");
  EXPECT_EQ(s.funds[1].id, "fund-26206");
  EXPECT_EQ(s.funds[1].name, "Quỹ \"Vì người nghèo\" thị trấn Định Quán");
  EXPECT_EQ(s.funds[13].name, "Quỹ \"Vì người nghèo\" xã Phú Túc");
  for (std::size_t i = 1; i < s.funds.size(); ++i) EXPECT_TRUE(s.funds[i].account_number.empty());
  EXPECT_EQ(s.campaign.fund_ids.size(), s.funds.size());
}

// Định Quán had 13 communes and 1 township in 2024: 14 units under 736 in the unit tree.
TEST(Generator, TheCommunesAreTheRealFourteenUnits) {
  const std::vector<std::pair<std::string, std::string>> expected{
      {"26206", "Thị trấn Định Quán"}, {"26209", "Xã Thanh Sơn"}, {"26212", "Xã Phú Tân"},
      {"26215", "Xã Phú Vinh"},        {"26218", "Xã Phú Lợi"},   {"26221", "Xã Phú Hòa"},
      {"26224", "Xã Ngọc Định"},       {"26227", "Xã La Ngà"},    {"26230", "Xã Gia Canh"},
      {"26233", "Xã Phú Ngọc"},        {"26236", "Xã Phú Cường"}, {"26239", "Xã Túc Trưng"},
      {"26242", "Xã Phú Túc"},         {"26245", "Xã Suối Nho"}};
  const auto& s = seeded();
  ASSERT_EQ(s.communes.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(s.communes[i].code, expected[i].first);
    EXPECT_EQ(s.communes[i].name, expected[i].second);
  }
  ASSERT_EQ(s.campaign.targets.size(), expected.size());
  std::int64_t total = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(s.campaign.targets[i].unit_code, expected[i].first);
    EXPECT_GE(s.campaign.targets[i].amount, 120'000'000);
    EXPECT_LE(s.campaign.targets[i].amount, 400'000'000);
    EXPECT_GE(s.campaign.targets[i].houses, 1);
    total += s.campaign.targets[i].amount;
  }
  EXPECT_GT(total, 2'500'000'000);
}

TEST(Generator, AtLeastTheDonorsAskedForOfEveryKindAndChannel) {
  for (const int donors : {1000, 1200, 2000}) {
    const Scenario s = generate(GeneratorOptions{.donors = donors});
    std::size_t count = s.donations.size();
    for (const auto& l : s.payroll_lists) count += l.lines.size();
    EXPECT_GE(count, static_cast<std::size_t>(donors));
    std::set<DonorKind> kinds;
    std::set<Channel> channels;
    for (const auto& d : s.donations) {
      kinds.insert(d.donor.kind);
      channels.insert(d.channel);
    }
    EXPECT_FALSE(s.payroll_lists.empty());  // the agencies' donations
    for (const auto kind : {DonorKind::kIndividual, DonorKind::kHousehold, DonorKind::kOrganisation,
                            DonorKind::kBusiness, DonorKind::kAnonymous}) {
      EXPECT_EQ(kinds.count(kind), 1u) << static_cast<int>(kind);
    }
    for (const auto channel :
         {Channel::kBankTransfer, Channel::kCash, Channel::kInKind, Channel::kDirectToHousehold}) {
      EXPECT_EQ(channels.count(channel), 1u) << static_cast<int>(channel);
    }
  }
}

TEST(Generator, AboutTheHouseholdsAskedFor) {
  const Scenario s = generate(GeneratorOptions{.households = 200});
  EXPECT_GE(s.households.size(), 195u);
  EXPECT_LE(s.households.size(), 205u);
  std::map<std::string, int> per_unit;
  for (const auto& h : s.households) ++per_unit[h.unit_code];
  EXPECT_EQ(per_unit.size(), 14u);
}

TEST(Generator, EveryReferencedKeyExists) {
  const auto& s = seeded();
  std::set<std::string> households, funds, mobilisers, pledges, donations, units;
  for (const auto& h : s.households) EXPECT_TRUE(households.insert(h.key).second) << h.key;
  for (const auto& f : s.funds) funds.insert(f.id);
  for (const auto& m : s.mobilisers) mobilisers.insert(m.id);
  for (const auto& p : s.pledges) pledges.insert(p.key);
  for (const auto& c : s.communes) units.insert(c.code);
  for (const auto& d : s.donations) {
    EXPECT_TRUE(donations.insert(d.key).second) << d.key;
    EXPECT_EQ(funds.count(d.fund_id), 1u) << d.key;
    if (!d.mobiliser_id.empty()) {
      EXPECT_EQ(mobilisers.count(d.mobiliser_id), 1u) << d.key;
    }
    if (!d.pledge_key.empty()) {
      EXPECT_EQ(pledges.count(d.pledge_key), 1u) << d.key;
    }
    if (d.channel == Channel::kDirectToHousehold) {
      EXPECT_EQ(households.count(d.household_key), 1u) << d.key;
    } else {
      EXPECT_TRUE(d.household_key.empty()) << d.key;
    }
  }
  for (const auto& l : s.payroll_lists) {
    EXPECT_EQ(funds.count(l.fund_id), 1u);
    EXPECT_EQ(mobilisers.count(l.mobiliser_id), 1u);
  }
  for (const auto& r : s.reversals) EXPECT_EQ(donations.count(r.donation_key), 1u);
  for (const auto& p : s.pledges) EXPECT_EQ(funds.count(p.fund_id), 1u);
  for (const auto& h : s.households) EXPECT_EQ(units.count(h.unit_code), 1u);
  std::set<std::string> submitted;
  for (const auto& list : s.submissions) {
    EXPECT_EQ(units.count(list.unit_code), 1u);
    for (const auto& key : list.household_keys) {
      EXPECT_EQ(households.count(key), 1u) << key;
      EXPECT_TRUE(submitted.insert(key).second) << key;
    }
  }
  EXPECT_EQ(submitted.size(), households.size());
  for (const auto& r : s.reviews) EXPECT_EQ(submitted.count(r.household_key), 1u);
  for (const auto& a : s.assignments) {
    EXPECT_EQ(households.count(a.household_key), 1u);
    EXPECT_EQ(mobilisers.count(a.organisation_id), 1u);
  }
  for (const auto& sp : s.supports) EXPECT_EQ(households.count(sp.household_key), 1u);
  for (const auto& o : s.outcomes) EXPECT_EQ(households.count(o.household_key), 1u);
  for (const auto& r : s.results_reports) EXPECT_EQ(units.count(r.unit_code), 1u);
  for (const auto& d : s.duplicates) {
    EXPECT_EQ(households.count(d.keep_key), 1u);
    EXPECT_EQ(households.count(d.drop_key), 1u);
  }
}

TEST(Generator, ReviewsAssignmentsAndDuplicatesFitTogether) {
  const auto& s = seeded();
  std::set<std::string> dropped;
  for (const auto& d : s.duplicates) dropped.insert(d.drop_key);
  std::map<std::string, ReviewDecision> decided;
  for (const auto& r : s.reviews) {
    EXPECT_EQ(dropped.count(r.household_key), 0u) << "merged households are not reviewed";
    EXPECT_TRUE(decided.emplace(r.household_key, r.decision).second);
    if (r.decision != ReviewDecision::kApprove) {
      EXPECT_FALSE(r.reason.empty());
    }
  }
  EXPECT_EQ(decided.size() + dropped.size(), s.households.size());
  std::map<ReviewDecision, int> counts;
  for (const auto& [key, decision] : decided) ++counts[decision];
  EXPECT_GT(counts[ReviewDecision::kApprove], static_cast<int>(decided.size()) * 7 / 10);
  EXPECT_GT(counts[ReviewDecision::kReturn], 0);
  EXPECT_GT(counts[ReviewDecision::kReject], 0);
  std::set<std::string> assigned;
  for (const auto& a : s.assignments) {
    EXPECT_TRUE(assigned.insert(a.household_key).second);
    EXPECT_EQ(decided.at(a.household_key), ReviewDecision::kApprove);
  }
  EXPECT_EQ(static_cast<int>(assigned.size()), counts[ReviewDecision::kApprove]);
  for (const auto& sp : s.supports) {
    EXPECT_EQ(decided.at(sp.household_key), ReviewDecision::kApprove) << sp.key;
  }
  for (const auto& d : s.donations) {
    if (d.channel == Channel::kDirectToHousehold) {
      EXPECT_EQ(decided.at(d.household_key), ReviewDecision::kApprove) << d.key;
    }
  }
}

TEST(Generator, ListsAndResultsReportsSomeLate) {
  const auto& s = seeded();
  ASSERT_EQ(s.submissions.size(), 14u);
  int late = 0;
  for (const auto& list : s.submissions) {
    EXPECT_GE(list.received_on, s.campaign.starts_on);
    if (list.received_on > s.campaign.lists_due) {
      ++late;
      EXPECT_FALSE(list.late_override_reason.empty());
    } else {
      EXPECT_TRUE(list.late_override_reason.empty());
    }
  }
  EXPECT_GE(late, 2);
  EXPECT_LE(late, 3);
  EXPECT_EQ(s.results_reports.size(), 13u);  // one commune never sends
  int reports_late = 0;
  for (const auto& r : s.results_reports) {
    if (r.received_on > s.campaign.report_due) ++reports_late;
  }
  EXPECT_GE(reports_late, 1);
  EXPECT_LE(reports_late, 2);
}

TEST(Generator, EveryDateWithinThePeriod) {
  const auto& s = seeded();
  const auto within = [&](const Date& d) {
    return d >= s.campaign.starts_on && d <= s.campaign.ends_on;
  };
  for (const auto& d : s.donations) EXPECT_TRUE(within(d.received_on)) << d.key;
  for (const auto& l : s.payroll_lists) EXPECT_TRUE(within(l.received_on)) << l.key;
  for (const auto& p : s.pledges) {
    EXPECT_TRUE(within(p.pledged_on));
    EXPECT_TRUE(within(p.due_on));
    EXPECT_LE(p.pledged_on, p.due_on);
  }
  for (const auto& sp : s.supports) {
    EXPECT_TRUE(within(sp.proposed_on)) << sp.key;
    if (sp.end == SupportEnd::kCompleted || sp.end == SupportEnd::kDisbursed ||
        sp.end == SupportEnd::kPartlyDisbursed) {
      EXPECT_TRUE(within(sp.disbursed_on)) << sp.key;
      EXPECT_LE(sp.proposed_on, sp.disbursed_on);
      EXPECT_FALSE(sp.disbursement_evidence.empty());
    }
    if (sp.end == SupportEnd::kCompleted) {
      EXPECT_TRUE(within(sp.completed_on)) << sp.key;
      EXPECT_LE(sp.disbursed_on, sp.completed_on);
      EXPECT_FALSE(sp.completion_evidence.empty());
    }
  }
  for (const auto& o : s.outcomes) EXPECT_TRUE(within(o.escaped_on));
}

}  // namespace
}  // namespace vnn::campaign
