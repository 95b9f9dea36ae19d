#include "scenario/households_plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "scenario/calendar.h"
#include "scenario/district_plan.h"
#include "scenario/vietnamese_names.h"

namespace vnn::campaign {
namespace {

using platform::Date;

constexpr int kPlantedDuplicates = 3;

std::string padded(int number, int width) {
  std::string text = std::to_string(number);
  if (static_cast<int>(text.size()) < width) text.insert(0, width - text.size(), '0');
  return text;
}

const std::vector<std::string> kHardships{
    "cháy nhà tháng 01/2024", "chủ hộ bị tai nạn lao động", "mất trắng vụ điều do hạn hán",
    "chủ hộ mắc bệnh hiểm nghèo", "lốc xoáy làm tốc mái nhà tháng 02/2024"};
const std::vector<std::string> kVulnerabilities{"người cao tuổi",  "người khuyết tật",
                                                "bệnh hiểm nghèo", "phụ nữ đơn thân",
                                                "nuôi con nhỏ",    "trẻ em mồ côi"};

Person make_person(Rng& rng, Identifiers& ids, std::string relation, const std::string& family,
                   bool female, int birth_year) {
  PersonName name = random_name(rng, female);
  if (!family.empty()) name.family = family;
  return Person{.relation = std::move(relation),
                .full_name = name.full(),
                .birth_year = birth_year,
                .citizen_id = ids.citizen_id(female, birth_year)};
}

Household make_household(Rng& rng, Identifiers& ids, const Unit& unit, int number, bool township) {
  Household h;
  h.unit_code = unit.code;
  h.code = commune_prefix(unit) + "-" + padded(number, 3);
  h.key = unit.code + "/" + h.code;
  h.hamlet = (township ? "Khu phố " : "Ấp ") + std::to_string(rng.between(1, township ? 6 : 8));
  h.address = "Tổ " + std::to_string(rng.between(1, 12));
  h.poverty_status = rng.chance(60) ? "nghèo" : "cận nghèo";
  h.classified_year = rng.chance(85) ? 2023 : 2022;
  const std::size_t housing = rng.weighted({35, 45, 20});
  h.housing = housing == 0 ? "nhà tạm" : housing == 1 ? "nhà thiếu kiên cố" : "nhà kiên cố";
  h.meritorious = rng.chance(8);
  if (rng.chance(7)) h.sudden_hardship = rng.pick(kHardships);

  const bool head_female = rng.chance(30);
  const int head_born = static_cast<int>(rng.between(1942, 1996));
  std::set<std::string> vulnerable;
  if (head_born < 1964) vulnerable.insert("người cao tuổi");
  if (rng.chance(12)) vulnerable.insert(rng.pick(kVulnerabilities));

  PersonName head_name = random_name(rng, head_female);
  h.members.push_back(Person{.relation = "chủ hộ",
                             .full_name = head_name.full(),
                             .birth_year = head_born,
                             .citizen_id = ids.citizen_id(head_female, head_born)});
  std::string father_family = head_female ? std::string() : head_name.family;
  const bool spouse = head_female ? rng.chance(40) : rng.chance(85);
  if (spouse) {
    const int born = static_cast<int>(std::min<std::int64_t>(rng.between(-4, 6) + head_born, 2000));
    const bool female = !head_female;
    Person p = make_person(rng, ids, female ? "vợ" : "chồng", "", female, born);
    if (!female) father_family = p.full_name.substr(0, p.full_name.find(' '));
    h.members.push_back(std::move(p));
  } else if (head_female) {
    vulnerable.insert("phụ nữ đơn thân");
  }
  if (father_family.empty()) father_family = head_name.family;
  const int children = static_cast<int>(rng.between(0, head_born > 1980 ? 3 : 2));
  for (int i = 0; i < children; ++i) {
    const int born =
        static_cast<int>(std::min<std::int64_t>(head_born + rng.between(20, 38), 2023));
    const bool female = rng.chance(50);
    h.members.push_back(make_person(rng, ids, "con", father_family, female, born));
    if (born >= 2012) vulnerable.insert("nuôi con nhỏ");
  }
  if (head_born > 1975 && rng.chance(20)) {
    const int born = head_born - static_cast<int>(rng.between(22, 30));
    h.members.push_back(make_person(rng, ids, "mẹ", "", true, born));
  }
  if (h.members.size() == 1 && !head_female) vulnerable.insert("người cao tuổi");
  for (const auto& v : vulnerable) {
    if (!h.vulnerabilities.empty()) h.vulnerabilities += "; ";
    h.vulnerabilities += v;
  }
  return h;
}

// The copy a second commune listed of a household that moved: the same head (same citizen id
// and birth year), the name typed without marks or without the middle name.
Household planted_copy(const Household& original, const Unit& unit, int number, int variant) {
  Household copy = original;
  copy.unit_code = unit.code;
  copy.code = commune_prefix(unit) + "-" + padded(number, 3);
  copy.key = unit.code + "/" + copy.code;
  // The same hamlet number, named as the second commune names its hamlets.
  const std::string hamlet_number = original.hamlet.substr(original.hamlet.rfind(' ') + 1);
  copy.hamlet = (unit.name.starts_with("Thị trấn") ? "Khu phố " : "Ấp ") + hamlet_number;
  copy.address = "Tổ 2 (tạm trú)";
  copy.members.resize(std::min<std::size_t>(copy.members.size(), 2));
  auto& head = copy.members.front().full_name;
  if (variant == 1) {
    const auto first = head.find(' ');
    const auto last = head.rfind(' ');
    head = head.substr(0, first) + head.substr(last);
  } else {
    head = without_diacritics(head);
  }
  return copy;
}

const std::vector<std::string> kReturnReasons{
    "Bổ sung biên bản họp dân ấp bình xét hộ đề nghị hỗ trợ",
    "Bổ sung giấy xác nhận hoàn cảnh khó khăn của UBND xã",
    "Thiếu số định danh cá nhân của một số thành viên, đề nghị bổ sung"};
const std::vector<std::string> kRejectReasons{
    "Hộ đã có nhà kiên cố và thu nhập vượt chuẩn theo kết quả rà soát cuối năm 2023",
    "Hộ không thường trú tại địa phương, không đủ điều kiện xét hỗ trợ",
    "Hộ đã được hỗ trợ nhà ở từ chương trình khác trong năm 2023"};

}  // namespace

void plan_households(Scenario& s, Rng& rng, Identifiers& ids, int count) {
  // How many each commune lists: in proportion to a weight of its own.
  std::vector<int> weights;
  int total_weight = 0;
  for (std::size_t i = 0; i < s.communes.size(); ++i) {
    weights.push_back(static_cast<int>(rng.between(6, 14)));
    total_weight += weights.back();
  }
  const int planted = std::min<int>(kPlantedDuplicates, static_cast<int>(s.communes.size()) / 2);
  const int own = std::max(static_cast<int>(s.communes.size()), count - planted);
  std::map<std::string, int> numbers;  // commune → last household number used
  std::map<std::string, std::vector<std::string>> listed;
  int made = 0;
  for (std::size_t i = 0; i < s.communes.size(); ++i) {
    const auto& unit = s.communes[i];
    int n = i + 1 == s.communes.size() ? own - made : std::max(1, own * weights[i] / total_weight);
    n = std::max(1, n);
    const bool township = unit.name.starts_with("Thị trấn");
    for (int k = 0; k < n; ++k) {
      s.households.push_back(make_household(rng, ids, unit, ++numbers[unit.code], township));
      listed[unit.code].push_back(s.households.back().key);
    }
    made += n;
  }

  // Planted duplicates: a household of commune i listed again by commune i + 1.
  for (int d = 0; d < planted; ++d) {
    const std::size_t from = static_cast<std::size_t>(d) * 4 % s.communes.size();
    const std::size_t to = (from + 1) % s.communes.size();
    const auto& key = listed[s.communes[from].code].front();
    const auto it = std::find_if(s.households.begin(), s.households.end(),
                                 [&](const Household& h) { return h.key == key; });
    Household copy = planted_copy(*it, s.communes[to], ++numbers[s.communes[to].code], d % 2);
    s.duplicates.push_back(DuplicatePair{
        .keep_key = it->key,
        .drop_key = copy.key,
        .reason = "Cùng số định danh cá nhân của chủ hộ; hộ đã chuyển đến " + s.communes[to].name +
                  " và được lập danh sách ở cả hai nơi, giữ lại ở " + s.communes[from].name});
    listed[s.communes[to].code].push_back(copy.key);
    s.households.push_back(std::move(copy));
  }

  // One list per commune; two or three arrive after the deadline.
  std::set<std::size_t> late;
  const int late_count = static_cast<int>(rng.between(2, 3));
  while (static_cast<int>(late.size()) < late_count) {
    late.insert(
        static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(s.communes.size()) - 1)));
  }
  for (std::size_t i = 0; i < s.communes.size(); ++i) {
    const auto& unit = s.communes[i];
    ListSubmission list;
    list.unit_code = unit.code;
    list.proposal_reference = padded(static_cast<int>(rng.between(3, 28)), 2) + "/TTr-MTTQ";
    list.household_keys = listed[unit.code];
    if (late.count(i) != 0) {
      list.received_on = add_days(s.campaign.lists_due, static_cast<int>(rng.between(3, 12)));
      list.late_override_reason = "Danh sách của " + unit.name +
                                  " gửi chậm do phải tổ chức bình xét lại ở các ấp; Ban Thường "
                                  "trực đồng ý tiếp nhận để kịp hỗ trợ trong đợt cao điểm";
    } else {
      list.received_on = add_days(Date{2024, 2, 8}, static_cast<int>(rng.between(0, 14)));
    }
    s.submissions.push_back(std::move(list));
  }

  // Reviews of every submitted household but the merged ones.
  std::set<std::string> dropped, kept;
  for (const auto& d : s.duplicates) {
    dropped.insert(d.drop_key);
    kept.insert(d.keep_key);
  }
  const auto organisations = mobilisers_of(s, MobiliserKind::kMemberOrganisation);
  const std::vector<int> organisation_weights{30, 30, 15, 10, 15};
  for (const auto& h : s.households) {
    if (dropped.count(h.key) != 0) continue;
    Review r{.household_key = h.key};
    const bool durable = h.housing == "nhà kiên cố";
    const int roll = static_cast<int>(rng.between(1, 100));
    if (kept.count(h.key) == 0 && roll <= (durable ? 25 : 5)) {
      r.decision = ReviewDecision::kReject;
      r.reason = durable ? kRejectReasons[0] : rng.pick(kRejectReasons);
    } else if (kept.count(h.key) == 0 && roll >= 93) {
      r.decision = ReviewDecision::kReturn;
      r.reason = rng.pick(kReturnReasons);
    }
    s.reviews.push_back(r);
    if (r.decision == ReviewDecision::kApprove) {
      const auto* organisation =
          organisations[std::min(rng.weighted(organisation_weights), organisations.size() - 1)];
      s.assignments.push_back(
          Assignment{.household_key = h.key, .organisation_id = organisation->id});
    }
  }
}

void plan_results_reports(Scenario& s, Rng& rng) {
  const std::size_t silent =
      static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(s.communes.size()) - 1));
  std::size_t late_left = 2;
  for (std::size_t i = 0; i < s.communes.size(); ++i) {
    if (i == silent) continue;
    ResultsReport r{.unit_code = s.communes[i].code};
    if (late_left > 0 && (i % 5 == 3)) {
      --late_left;
      r.received_on = add_days(s.campaign.report_due, static_cast<int>(rng.between(2, 9)));
      r.note = "Báo cáo gửi chậm, đã nhắc qua điện thoại";
    } else {
      r.received_on = add_days(Date{2024, 5, 8}, static_cast<int>(rng.between(0, 11)));
      r.note = "Báo cáo kết quả đợt cao điểm của " + s.communes[i].name;
    }
    s.results_reports.push_back(std::move(r));
  }
}

}  // namespace vnn::campaign
