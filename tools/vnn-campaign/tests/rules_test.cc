// The generated campaign against the services' rules: identifiers well formed and matching
// their holders, transfers into the fund with an account, duplicates across two communes with
// one citizen id, and supports within DQ-2024-01 and within what their funds hold on the day.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "scenario/generator.h"
#include "scenario/supports_plan.h"
#include "scenario/vietnamese_names.h"
#include "vnn/platform/text/identifiers.h"

namespace vnn::campaign {
namespace {

using platform::Date;
namespace text = platform::text;

const Scenario& seeded() {
  static const Scenario s = generate(GeneratorOptions{});
  return s;
}

void expect_citizen_id(const std::string& id, int birth_year, const std::string& what) {
  ASSERT_EQ(text::normalize_citizen_id(id), id) << what;
  const auto facts = text::citizen_id_facts(id);
  ASSERT_TRUE(facts.has_value()) << what;
  EXPECT_EQ(facts->province_code, "075") << what;
  if (birth_year != 0) {
    EXPECT_EQ(facts->birth_year, birth_year) << what;
  }
}

TEST(Rules, IdentifiersAreWellFormedAndUniqueToTheirHolder) {
  for (const std::uint64_t seed : {20240203ull, 1ull, 42ull}) {
    const Scenario s = generate(GeneratorOptions{.seed = seed});
    std::map<std::string, std::string> holder;  // citizen id → name (one person only)
    const auto one_holder = [&](const std::string& id, const std::string& name) {
      const auto [it, fresh] = holder.emplace(id, name);
      if (!fresh) {
        EXPECT_EQ(it->second, name) << id;
      }
    };
    std::set<std::string> duplicated;
    for (const auto& d : s.duplicates) duplicated.insert(d.drop_key);
    for (const auto& h : s.households) {
      for (const auto& p : h.members) {
        ASSERT_FALSE(p.citizen_id.empty()) << h.key;
        expect_citizen_id(p.citizen_id, p.birth_year, h.key);
        // The planted copies carry their original's ids under another spelling.
        if (duplicated.count(h.key) == 0) one_holder(p.citizen_id, p.full_name);
      }
    }
    std::map<std::string, std::string> tax_holder;
    for (const auto& d : s.donations) {
      if (!d.donor.citizen_id.empty()) {
        expect_citizen_id(d.donor.citizen_id, 0, d.key);
        one_holder(d.donor.citizen_id, d.donor.name);
      }
      if (!d.donor.phone.empty()) {
        EXPECT_EQ(text::normalize_phone(d.donor.phone), d.donor.phone);
      }
      if (d.donor.kind == DonorKind::kBusiness) {
        ASSERT_EQ(d.donor.tax_code.size(), 10u) << d.key;
        EXPECT_EQ(text::normalize_tax_code(d.donor.tax_code), d.donor.tax_code) << d.key;
        const auto [it, fresh] = tax_holder.emplace(d.donor.tax_code, d.donor.name);
        if (!fresh) {
          EXPECT_EQ(it->second, d.donor.name) << d.key;
        }
      }
      if (d.donor.kind == DonorKind::kAnonymous) {
        EXPECT_TRUE(d.donor.name.empty() && d.donor.citizen_id.empty() && d.donor.phone.empty() &&
                    d.donor.tax_code.empty());
      } else {
        EXPECT_FALSE(d.donor.name.empty()) << d.key;
      }
    }
    for (const auto& l : s.payroll_lists) {
      for (const auto& line : l.lines) {
        if (!line.citizen_id.empty()) {
          expect_citizen_id(line.citizen_id, 0, l.key);
          one_holder(line.citizen_id, line.full_name);
        }
      }
    }
  }
}

TEST(Rules, DonationsHaveTheShapeTheServiceAsks) {
  const auto& s = seeded();
  const auto& account = s.funds.front().account_number;
  std::set<std::string> references;
  std::map<std::string, const Pledge*> pledges;
  for (const auto& p : s.pledges) pledges[p.key] = &p;
  std::map<std::string, std::int64_t> fulfilled;
  for (const auto& d : s.donations) {
    EXPECT_GT(d.amount, 0) << d.key;
    if (d.channel == Channel::kBankTransfer) {
      EXPECT_EQ(d.fund_id, "fund-736") << d.key;
      EXPECT_EQ(d.bank_account_number, account) << d.key;
      EXPECT_FALSE(d.bank_reference.empty());
      EXPECT_TRUE(references.insert(d.bank_reference).second) << d.bank_reference;
    } else {
      EXPECT_TRUE(d.bank_reference.empty() && d.bank_account_number.empty()) << d.key;
    }
    if (d.channel == Channel::kInKind || !d.items.empty()) {
      ASSERT_TRUE(d.channel == Channel::kInKind || d.channel == Channel::kDirectToHousehold);
      std::int64_t sum = 0;
      for (const auto& item : d.items) {
        EXPECT_GT(item.quantity, 0);
        EXPECT_FALSE(item.description.empty());
        EXPECT_FALSE(item.unit.empty());
        sum += item.assessed_value;
      }
      EXPECT_EQ(sum, d.amount) << d.key;
      if (d.channel == Channel::kInKind) {
        EXPECT_FALSE(d.items.empty());
      }
    }
    if (d.channel == Channel::kDirectToHousehold) {
      const std::set<std::string> needs{"housing", "livelihood", "education",
                                        "health",  "food",       "hardship"};
      EXPECT_EQ(needs.count(d.support_need), 1u) << d.key;
      EXPECT_TRUE(d.pledge_key.empty());
    } else {
      EXPECT_TRUE(d.support_need.empty());
    }
    if (!d.pledge_key.empty()) {
      const Pledge& p = *pledges.at(d.pledge_key);
      EXPECT_EQ(d.fund_id, p.fund_id);
      EXPECT_GE(d.received_on, p.pledged_on);
      EXPECT_EQ(d.donor.name, p.donor.name);
      EXPECT_EQ(d.donor.tax_code, p.donor.tax_code);
      fulfilled[p.key] += d.amount;
    }
  }
  int in_full = 0, in_part = 0;
  for (const auto& p : s.pledges) {
    EXPECT_LE(fulfilled[p.key], p.amount);
    (fulfilled[p.key] == p.amount ? in_full : in_part) += 1;
  }
  EXPECT_GE(in_full, 2);
  EXPECT_GE(in_part, 1);
  for (const auto& l : s.payroll_lists) {
    EXPECT_FALSE(l.list_reference.empty());
    for (const auto& line : l.lines) {
      EXPECT_GE(line.amount, 150'000);
      EXPECT_LE(line.amount, 700'000);
      EXPECT_EQ(line.amount % 1000, 0);
    }
  }
  // Reversals: at most one of a donation, none of a pledge's, one of them corrected.
  std::set<std::string> reversed;
  for (const auto& r : s.reversals) {
    EXPECT_TRUE(reversed.insert(r.donation_key).second);
    EXPECT_FALSE(r.reason.empty());
  }
  EXPECT_GE(s.reversals.size(), 1u);
  EXPECT_LE(s.reversals.size(), 2u);
}

TEST(Rules, DuplicatesAreAcrossTwoCommunesWithOneCitizenId) {
  const auto& s = seeded();
  ASSERT_GE(s.duplicates.size(), 2u);
  std::map<std::string, const Household*> by_key;
  for (const auto& h : s.households) by_key[h.key] = &h;
  for (const auto& d : s.duplicates) {
    const Household& keep = *by_key.at(d.keep_key);
    const Household& drop = *by_key.at(d.drop_key);
    EXPECT_NE(keep.unit_code, drop.unit_code);
    EXPECT_EQ(keep.members.front().citizen_id, drop.members.front().citizen_id);
    EXPECT_EQ(keep.members.front().birth_year, drop.members.front().birth_year);
    // Written differently, but the same name once the marks are gone (or one name shorter).
    EXPECT_NE(keep.members.front().full_name, drop.members.front().full_name);
    EXPECT_FALSE(d.reason.empty());
  }
  // No other two households share a head.
  std::map<std::string, int> heads;
  for (const auto& h : s.households) ++heads[h.members.front().citizen_id];
  int shared = 0;
  for (const auto& [id, n] : heads) shared += n > 1 ? 1 : 0;
  EXPECT_EQ(shared, static_cast<int>(s.duplicates.size()));
}

TEST(Rules, NamesWithoutMarks) {
  EXPECT_EQ(without_diacritics("Nguyễn Văn Hùng"), "Nguyen Van Hung");
  EXPECT_EQ(without_diacritics("Đặng Thị Ánh Tuyết"), "Dang Thi Anh Tuyet");
  EXPECT_EQ(without_diacritics("Trương Ngọc Lợi"), "Truong Ngoc Loi");
}

TEST(Rules, HouseholdsAsTheListFormatAllows) {
  const auto& s = seeded();
  std::map<std::string, int> housing;
  int meritorious = 0, hardship = 0;
  for (const auto& h : s.households) {
    EXPECT_TRUE(h.poverty_status == "nghèo" || h.poverty_status == "cận nghèo");
    EXPECT_TRUE(h.classified_year >= 2022 && h.classified_year <= 2025);
    ++housing[h.housing];
    meritorious += h.meritorious ? 1 : 0;
    hardship += h.sudden_hardship.empty() ? 0 : 1;
    ASSERT_FALSE(h.members.empty());
    EXPECT_LE(h.members.size(), 31u);
    EXPECT_EQ(h.members.front().relation, "chủ hộ");
    EXPECT_TRUE(h.hamlet.starts_with("Ấp ") || h.hamlet.starts_with("Khu phố ")) << h.hamlet;
    EXPECT_LE(h.code.size(), 40u);
    EXPECT_TRUE(h.key == h.unit_code + "/" + h.code);
    for (const auto& p : h.members) {
      EXPECT_GE(p.birth_year, 1900);
      EXPECT_LE(p.birth_year, 2024);
    }
  }
  EXPECT_EQ(housing.size(), 3u);
  EXPECT_GT(housing["nhà tạm"] + housing["nhà thiếu kiên cố"], housing["nhà kiên cố"] * 2);
  EXPECT_GT(meritorious, 0);
  EXPECT_GT(hardship, 0);
}

TEST(Rules, SupportsWithinTheRegulation) {
  for (const std::uint64_t seed : {20240203ull, 3ull, 11ull, 2024ull}) {
    const Scenario s = generate(GeneratorOptions{.seed = seed});
    std::map<std::string, const Household*> by_key;
    for (const auto& h : s.households) by_key[h.key] = &h;
    std::map<std::string, std::int64_t> housing_gifts;
    for (const auto& d : s.donations) {
      if (d.channel == Channel::kDirectToHousehold && d.support_need == "housing") {
        housing_gifts[d.household_key] += d.amount;
      }
    }
    std::map<std::pair<std::string, std::string>, int> per_kind;
    std::map<SupportEnd, int> ends;
    for (const auto& sp : s.supports) {
      const Household& h = *by_key.at(sp.household_key);
      ++ends[sp.end];
      const int held = ++per_kind[std::make_pair(sp.household_key, sp.kind)];
      EXPECT_LE(held, max_per_campaign(sp.kind)) << sp.key;
      ASSERT_FALSE(sp.funding.empty());
      EXPECT_LE(sp.funding.size(), 10u);
      std::int64_t funds = 0, sponsors = 0, total = 0;
      std::set<std::string> fund_ids;
      for (const auto& part : sp.funding) {
        EXPECT_TRUE(source_allowed(sp.kind, part.source)) << sp.key << " " << part.source;
        EXPECT_GT(part.amount, 0);
        total += part.amount;
        const bool fund_part = part.source == "district_fund" || part.source == "commune_fund";
        EXPECT_EQ(fund_part, !part.fund_id.empty()) << sp.key;
        if (fund_part) {
          funds += part.amount;
          EXPECT_TRUE(fund_ids.insert(part.fund_id).second);
        }
        if (part.source == "district_fund") {
          EXPECT_EQ(part.fund_id, "fund-736");
        }
        if (part.source == "commune_fund") {
          EXPECT_EQ(part.fund_id, "fund-" + h.unit_code);
        }
        EXPECT_EQ(part.source == "sponsor", !part.sponsor.empty()) << sp.key;
        if (part.source == "sponsor") sponsors += part.amount;
        if (part.source == "state_budget") {
          EXPECT_FALSE(part.reference.empty());
        }
      }
      if (sp.kind == "new_house" || sp.kind == "house_repair") {
        EXPECT_TRUE(h.housing == "nhà tạm" || h.housing == "nhà thiếu kiên cố") << sp.key;
        EXPECT_FALSE(sp.land_use_certificate.empty()) << sp.key;
        EXPECT_LE(funds, norm_of(sp.kind) - sponsors - housing_gifts[h.key]) << sp.key;
      } else {
        EXPECT_TRUE(sp.land_use_certificate.empty());
        if (norm_of(sp.kind) > 0) {
          EXPECT_LE(total, norm_of(sp.kind)) << sp.key;
        }
      }
      if (sp.kind == "sudden_hardship") {
        EXPECT_FALSE(h.sudden_hardship.empty());
      }
      if (sp.end == SupportEnd::kPartlyDisbursed) {
        std::int64_t handed = 0;
        for (const auto& part : sp.partial_fund_parts) {
          EXPECT_FALSE(part.fund_id.empty());
          EXPECT_TRUE(fund_ids.count(part.fund_id) == 1);
          handed += part.amount;
        }
        EXPECT_LT(handed, funds);
        EXPECT_GT(handed, 0);
      }
      if (sp.end == SupportEnd::kCancelledApproved) {
        EXPECT_FALSE(sp.cancel_reason.empty());
      }
    }
    EXPECT_GT(ends[SupportEnd::kCompleted], 5) << seed;
    EXPECT_GT(ends[SupportEnd::kDisbursed], 5) << seed;
    EXPECT_EQ(ends[SupportEnd::kPartlyDisbursed], 1) << seed;
    EXPECT_EQ(ends[SupportEnd::kCancelledApproved], 1) << seed;
    EXPECT_EQ(ends[SupportEnd::kLeftProposed], 3) << seed;
  }
}

// Replaying the campaign by date, no fund ever promises more than it holds net of reversals
// (each taken back on its donation's day: it can come no earlier), counting every proposal as
// promised on its day and never released.
TEST(Rules, FundPartsWithinEachFundsNetReceipts) {
  for (const std::uint64_t seed : {20240203ull, 5ull, 17ull, 31337ull}) {
    const Scenario s = generate(GeneratorOptions{.seed = seed});
    std::map<std::string, std::map<Date, std::int64_t>> moves;  // fund → day → net change
    std::map<std::string, const Donation*> by_key;
    for (const auto& d : s.donations) {
      by_key[d.key] = &d;
      if (d.channel == Channel::kCash || d.channel == Channel::kBankTransfer) {
        moves[d.fund_id][d.received_on] += d.amount;
      }
    }
    for (const auto& l : s.payroll_lists) {
      for (const auto& line : l.lines) moves[l.fund_id][l.received_on] += line.amount;
    }
    for (const auto& r : s.reversals) {
      const Donation& d = *by_key.at(r.donation_key);
      if (d.channel != Channel::kInKind) moves[d.fund_id][d.received_on] -= d.amount;
    }
    for (const auto& sp : s.supports) {
      for (const auto& part : sp.funding) {
        if (!part.fund_id.empty()) moves[part.fund_id][sp.proposed_on] -= part.amount;
      }
    }
    for (const auto& [fund, days] : moves) {
      std::int64_t held = 0;
      for (const auto& [day, change] : days) {
        held += change;
        EXPECT_GE(held, 0) << fund << " on " << day.iso() << " seed " << seed;
      }
    }
  }
}

}  // namespace
}  // namespace vnn::campaign
