#include "scenario/supports_plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "scenario/calendar.h"
#include "scenario/district_plan.h"
#include "scenario/donations_plan.h"
#include "scenario/fund_capacity.h"

namespace vnn::campaign {
namespace {

using platform::Date;

struct NormRow {
  const char* kind;
  std::int64_t max;
  int per_campaign;
  const char* sources;
};

// DQ-2024-01 as norms.csv states it.
const std::vector<NormRow> kNorms{
    {"new_house", 60'000'000, 1, "district_fund;commune_fund;state_budget;sponsor;household"},
    {"house_repair", 30'000'000, 1, "district_fund;commune_fund;state_budget;sponsor;household"},
    {"production_capital", 10'000'000, 1, "district_fund;commune_fund;state_budget;sponsor"},
    {"livestock_seedlings", 5'000'000, 1, "district_fund;commune_fund;state_budget;sponsor"},
    {"production_materials", 5'000'000, 1, "district_fund;commune_fund;state_budget;sponsor"},
    {"sudden_hardship", 5'000'000, 2, "district_fund;commune_fund;sponsor"},
    {"scholarship", 2'000'000, 3, "district_fund;commune_fund;sponsor"},
    {"bicycle", 2'500'000, 2, "district_fund;commune_fund;sponsor"},
    {"health_insurance", 0, 1, "district_fund;commune_fund;state_budget;sponsor"},
    {"food_and_gifts", 1'000'000, 2, "district_fund;commune_fund;sponsor"},
};

const NormRow* find_norm(const std::string& kind) {
  for (const auto& n : kNorms) {
    if (kind == n.kind) return &n;
  }
  return nullptr;
}

const char* kBudgetDecision = "Quyết định số 412/QĐ-UBND ngày 05/3/2024 của UBND huyện Định Quán";
// A health-insurance card for a year in 2024: 4.5 % of the 1,800,000 đ base salary, monthly.
constexpr std::int64_t kHealthCard = 972'000;

bool is_house(const std::string& kind) { return kind == "new_house" || kind == "house_repair"; }

std::int64_t round_to(std::int64_t amount, std::int64_t step) { return amount / step * step; }

class SupportPlanner {
 public:
  SupportPlanner(Scenario& s, Rng& rng) : s_(s), rng_(rng) {
    for (const auto& d : s_.donations) {
      if (d.donor.kind == DonorKind::kBusiness) businesses_.push_back(d.donor);
      if (d.donor.kind == DonorKind::kOrganisation) organisations_.push_back(d.donor);
    }
    std::set<std::string> approved;
    for (const auto& r : s_.reviews) {
      if (r.decision == ReviewDecision::kApprove) approved.insert(r.household_key);
    }
    for (const auto& h : s_.households) {
      if (approved.count(h.key) != 0) approved_.push_back(&h);
    }
  }

  // Gifts handed straight to approved households, recorded against their commune's fund.
  void direct_supports() {
    const Household* house = first_where([](const Household& h) { return h.housing == "nhà tạm"; });
    if (house != nullptr && !businesses_.empty()) {
      housing_gift_[house->key] = 45'000'000;
      direct(*house, businesses_.front(), 45'000'000, "housing", Date{2024, 3, 12},
             "Doanh nghiệp nhận xây tặng nhà Đại đoàn kết (phần vật liệu và nhân công)", {});
      gifted_house_ = house->key;
    }
    if (const Household* h = next_free(); h != nullptr && !organisations_.empty()) {
      direct(*h, organisations_.front(), 15'000'000, "livelihood", Date{2024, 3, 20},
             "Trao tặng bò cái giống",
             {InKindItem{.description = "Bò cái giống",
                         .quantity = 1,
                         .unit = "con",
                         .assessed_value = 15'000'000}});
    }
    if (const Household* h = next_free(); h != nullptr) {
      direct(*h, Donor{.kind = DonorKind::kIndividual, .name = "Phạm Thị Ngọc Hân"}, 2'000'000,
             "education", Date{2024, 4, 2}, "Hỗ trợ tiền học cho cháu đang học lớp 9", {});
    }
    if (const Household* h = next_free(); h != nullptr) {
      direct(*h, Donor{.kind = DonorKind::kOrganisation, .name = "Hội Chữ thập đỏ huyện Định Quán"},
             1'500'000, "health", Date{2024, 4, 9}, "Hỗ trợ chi phí điều trị tại bệnh viện", {});
    }
    if (const Household* h = next_free(); h != nullptr) {
      direct(*h, Donor{.kind = DonorKind::kOrganisation, .name = "Chùa Linh Quang"}, 1'280'000,
             "food", Date{2024, 4, 16}, "Trao quà gạo và dầu ăn",
             {InKindItem{
                  .description = "Gạo", .quantity = 50, .unit = "kg", .assessed_value = 800'000},
              InKindItem{.description = "Dầu ăn",
                         .quantity = 10,
                         .unit = "chai",
                         .assessed_value = 480'000}});
    }
    if (const Household* h = first_where([&](const Household& x) {
          return !x.sudden_hardship.empty() && gifted_.count(x.key) == 0;
        });
        h != nullptr) {
      direct(*h,
             Donor{.kind = DonorKind::kIndividual, .name = "Trần Văn Thọ", .phone = "0918234517"},
             3'000'000, "hardship", Date{2024, 4, 23}, "Thăm hỏi, hỗ trợ hộ gặp khó khăn đột xuất",
             {});
    }
  }

  void supports() {
    FundCapacity capacity(s_);
    int new_houses = 0, repairs = 0;
    const int max_new = std::max(4, static_cast<int>(approved_.size()) / 12);
    const int max_repairs = std::max(4, static_cast<int>(approved_.size()) / 10);
    for (const Household* h : approved_) {
      const bool temporary = h->housing == "nhà tạm";
      const bool non_durable = h->housing == "nhà thiếu kiên cố";
      if (h->key == gifted_house_ ||
          (temporary && new_houses < max_new && rng_.chance(h->meritorious ? 80 : 45))) {
        if (house(*h, "new_house", capacity)) ++new_houses;
      } else if ((temporary || non_durable) && repairs < max_repairs && rng_.chance(30)) {
        if (house(*h, "house_repair", capacity)) ++repairs;
      } else if (rng_.chance(35)) {
        const std::size_t k = rng_.weighted({40, 35, 25});
        small(*h,
              k == 0   ? "production_capital"
              : k == 1 ? "livestock_seedlings"
                       : "production_materials",
              capacity);
      }
      if (!h->sudden_hardship.empty()) small(*h, "sudden_hardship", capacity);
      if (has_pupil(*h) && rng_.chance(40)) small(*h, "scholarship", capacity);
      if (has_pupil(*h) && rng_.chance(15)) small(*h, "bicycle", capacity);
      if (h->poverty_status == "cận nghèo" && rng_.chance(15))
        small(*h, "health_insurance", capacity);
      if (rng_.chance(20)) small(*h, "food_and_gifts", capacity);
    }
  }

  // How each support ends: most houses completed, two only handed over, one repair handed over
  // in part, one house cancelled after approval; the other kinds handed over; the last three
  // proposed never approved.
  void ends() {
    int handed_only = 0;
    bool partly = false, cancelled = false;
    for (auto& sp : s_.supports) {
      const Date handed = add_days(sp.proposed_on, static_cast<int>(rng_.between(7, 15)));
      sp.disbursed_on = handed;
      sp.disbursement_evidence = "Biên bản bàn giao số " + std::to_string(rng_.between(10, 99)) +
                                 "/BB-BVĐ ngày " + handed.vietnamese();
      if (!is_house(sp.kind)) {
        sp.end = SupportEnd::kDisbursed;
        continue;
      }
      if (!cancelled && sp.kind == "new_house" && sp.household_key != gifted_house_ &&
          &sp != &s_.supports.front()) {
        cancelled = true;
        sp.end = SupportEnd::kCancelledApproved;
        sp.cancel_reason = "Hộ được con cái đứng ra xây nhà, xin rút đề nghị hỗ trợ";
        sp.disbursed_on = {};
        sp.disbursement_evidence.clear();
        continue;
      }
      if (!partly && sp.kind == "house_repair") {
        partly = true;
        sp.end = SupportEnd::kPartlyDisbursed;
        for (const auto& part : sp.funding) {
          if (part.fund_id.empty()) continue;
          sp.partial_fund_parts.push_back(FundingPart{
              .source = part.source,
              .fund_id = part.fund_id,
              .amount = std::max<std::int64_t>(100'000, round_to(part.amount * 4 / 5, 100'000))});
        }
        continue;
      }
      const Date done = add_days(handed, static_cast<int>(rng_.between(20, 40)));
      if (handed_only < 2 && rng_.chance(15)) {
        ++handed_only;
        sp.end = SupportEnd::kDisbursed;
      } else if (done <= s_.campaign.ends_on) {
        sp.end = SupportEnd::kCompleted;
        sp.completed_on = done;
        sp.completion_evidence = "Biên bản nghiệm thu, bàn giao nhà ngày " + done.vietnamese();
      } else {
        sp.end = SupportEnd::kDisbursed;
      }
    }
    int left = 0;
    for (auto it = s_.supports.rbegin(); it != s_.supports.rend() && left < 3; ++it) {
      if (!is_house(it->kind) && it->end == SupportEnd::kDisbursed) {
        it->end = SupportEnd::kLeftProposed;
        it->disbursed_on = {};
        it->disbursement_evidence.clear();
        ++left;
      }
    }
  }

  void outcomes() {
    int made = 0;
    for (const auto& sp : s_.supports) {
      if (sp.end != SupportEnd::kCompleted || made >= 4) continue;
      const bool exemplary = made == 0;
      s_.outcomes.push_back(HouseholdOutcome{
          .household_key = sp.household_key,
          .escaped_on = std::min(add_days(sp.completed_on, 3), s_.campaign.ends_on),
          .support_summary = sp.kind == "new_house"
                                 ? "Được hỗ trợ xây mới nhà Đại đoàn kết, ổn định chỗ ở để sản xuất"
                                 : "Được hỗ trợ sửa chữa nhà, yên tâm làm ăn",
          .exemplary = exemplary});
      if (exemplary) {
        s_.outcomes.back().support_summary +=
            "; hộ tiêu biểu vươn lên, tự nguyện xin ra khỏi danh sách hộ nghèo";
      }
      ++made;
    }
  }

 private:
  template <typename Pred>
  const Household* first_where(Pred pred) const {
    for (const Household* h : approved_) {
      if (pred(*h)) return h;
    }
    return nullptr;
  }

  const Household* next_free() {
    // Every seventh approved household is a candidate, so gifts spread across communes.
    for (std::size_t i = 7 * (gifted_.size() + 1); i < approved_.size(); i += 7) {
      if (gifted_.count(approved_[i]->key) == 0) return approved_[i];
    }
    return nullptr;
  }

  void direct(const Household& h, const Donor& donor, std::int64_t amount, const char* need,
              const Date& day, const char* note, std::vector<InKindItem> items) {
    Donation d;
    d.key = next_donation_key(s_);
    d.channel = Channel::kDirectToHousehold;
    d.fund_id = fund_of(h.unit_code);
    d.donor = donor;
    d.amount = amount;
    d.received_on = day;
    d.items = std::move(items);
    d.note = note;
    d.household_key = h.key;
    d.support_need = need;
    s_.donations.push_back(std::move(d));
    gifted_.insert(h.key);
  }

  static bool has_pupil(const Household& h) {
    return std::any_of(h.members.begin(), h.members.end(), [](const Person& p) {
      return p.relation == "con" && p.birth_year >= 2006 && p.birth_year <= 2017;
    });
  }

  Date proposal_day(int first, int last) {
    return add_days(Date{2024, 3, 1}, static_cast<int>(rng_.between(first, last)));
  }

  // A fund part if the fund has it on the day; the district's fund first, the commune's for
  // small sums it can carry.
  bool take(std::vector<FundingPart>& parts, FundCapacity& capacity, const std::string& fund,
            std::int64_t amount, const Date& day) {
    if (amount <= 0 || capacity.free_on(fund, day) < amount) return false;
    capacity.use(fund, amount);
    parts.push_back(
        FundingPart{.source = fund == kDistrictFundId ? "district_fund" : "commune_fund",
                    .fund_id = fund,
                    .amount = amount});
    return true;
  }

  bool house(const Household& h, const std::string& kind, FundCapacity& capacity) {
    const bool build = kind == "new_house";
    const std::int64_t gift = housing_gift_.count(h.key) != 0 ? housing_gift_[h.key] : 0;
    std::vector<FundingPart> parts;
    std::int64_t sponsor = 0;
    if (gift == 0 && rng_.chance(25) && !businesses_.empty()) {
      sponsor = (build ? rng_.between(10, 15) : rng_.between(3, 6)) * 1'000'000;
      parts.push_back(FundingPart{.source = "sponsor",
                                  .amount = sponsor,
                                  .sponsor = rng_.pick(businesses_).name,
                                  .reference = "Thư cam kết tài trợ"});
    }
    // Fund parts stay within the norm less what sponsors give for the same need.
    const std::int64_t room = norm_of(kind) - sponsor - gift;
    std::int64_t district =
        build ? round_to(std::min<std::int64_t>(room - 5'000'000, rng_.between(7, 10) * 5'000'000),
                         1'000'000)
              : round_to(std::min<std::int64_t>(room - 3'000'000, rng_.between(15, 22) * 1'000'000),
                         1'000'000);
    if (gift > 0) district = room;
    Date day = proposal_day(build ? 4 : 8, build ? 30 : 38);
    // Later in the month the fund holds more: wait for it, up to mid-April.
    while (capacity.free_on(kDistrictFundId, day) < district && day < Date{2024, 4, 12}) {
      day = add_days(day, 4);
    }
    if (!take(parts, capacity, kDistrictFundId, district, day)) return false;
    const std::int64_t commune = rng_.between(2, 5) * 1'000'000;
    if (gift == 0 && district + commune <= room) {
      take(parts, capacity, fund_of(h.unit_code), commune, day);
    }
    if (build && rng_.chance(50)) {
      parts.push_back(FundingPart{
          .source = "state_budget", .amount = 20'000'000, .reference = kBudgetDecision});
    }
    parts.push_back(
        FundingPart{.source = "household",
                    .amount = (build ? rng_.between(5, 25) : rng_.between(2, 8)) * 1'000'000});
    add(h, kind, std::move(parts), day);
    s_.supports.back().land_use_certificate =
        "Giấy chứng nhận QSDĐ số CS " + std::to_string(rng_.between(10000, 99999));
    return true;
  }

  void small(const Household& h, const std::string& kind, FundCapacity& capacity) {
    const Date day = proposal_day(14, 55);
    const std::int64_t norm = norm_of(kind);
    std::int64_t amount = 0;
    if (kind == "health_insurance") {
      amount = kHealthCard * static_cast<std::int64_t>(h.members.size());
    } else {
      amount = round_to(rng_.between(norm / 2, norm), 100'000);
    }
    std::vector<FundingPart> parts;
    if (kind == "health_insurance") {
      // The state pays 70 % of a near-poor household's card; the fund the rest.
      const std::int64_t state = amount * 7 / 10;
      parts.push_back(
          FundingPart{.source = "state_budget",
                      .amount = state,
                      .reference = "Nghị định 146/2018/NĐ-CP, hỗ trợ 70% mệnh giá thẻ"});
      amount -= state;
    }
    if (kind == "scholarship" && rng_.chance(40)) {
      parts.push_back(FundingPart{
          .source = "sponsor", .amount = amount, .sponsor = "Hội Khuyến học huyện Định Quán"});
      add(h, kind, std::move(parts), day);
      return;
    }
    const bool small_sum = amount <= 2'000'000;
    if (!(small_sum && take(parts, capacity, fund_of(h.unit_code), amount, day)) &&
        !take(parts, capacity, kDistrictFundId, amount, day)) {
      return;
    }
    add(h, kind, std::move(parts), day);
  }

  void add(const Household& h, const std::string& kind, std::vector<FundingPart> parts,
           const Date& day) {
    Support sp;
    sp.key = "sup-" + std::to_string(s_.supports.size() + 1);
    while (sp.key.size() < 8) sp.key.insert(4, "0");
    sp.household_key = h.key;
    sp.kind = kind;
    sp.funding = std::move(parts);
    sp.proposed_on = day;
    s_.supports.push_back(std::move(sp));
  }

  Scenario& s_;
  Rng& rng_;
  std::vector<const Household*> approved_;
  std::vector<Donor> businesses_, organisations_;
  std::map<std::string, std::int64_t> housing_gift_;
  std::set<std::string> gifted_;
  std::string gifted_house_;
};

}  // namespace

std::int64_t norm_of(const std::string& kind) {
  const auto* n = find_norm(kind);
  return n == nullptr ? 0 : n->max;
}

int max_per_campaign(const std::string& kind) {
  const auto* n = find_norm(kind);
  return n == nullptr ? 0 : n->per_campaign;
}

bool source_allowed(const std::string& kind, const std::string& source) {
  const auto* n = find_norm(kind);
  if (n == nullptr) return false;
  const std::string sources = std::string(";") + n->sources + ";";
  return sources.find(";" + source + ";") != std::string::npos;
}

void plan_supports(Scenario& s, Rng& rng) {
  SupportPlanner planner(s, rng);
  planner.direct_supports();
  planner.supports();
  planner.ends();
  planner.outcomes();
}

}  // namespace vnn::campaign
