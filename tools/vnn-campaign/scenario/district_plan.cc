#include "scenario/district_plan.h"

#include <algorithm>
#include <map>

#include "scenario/vietnamese_names.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::campaign {
namespace {

using platform::Date;

const Date kStarts{2024, 2, 3};

// "Xã Phú Túc" → "xã Phú Túc", as the unit is named inside a fund's name.
std::string lower_kind(const std::string& name) {
  for (const std::string kind : {"Xã ", "Thị trấn ", "Phường "}) {
    if (name.starts_with(kind)) {
      std::string lowered = kind;
      lowered[0] = static_cast<char>(lowered[0] - 'A' + 'a');
      return lowered + name.substr(kind.size());
    }
  }
  return name;
}

std::string without_kind(const std::string& name) {
  for (const std::string kind : {"Xã ", "Thị trấn ", "Phường "}) {
    if (name.starts_with(kind)) return name.substr(kind.size());
  }
  return name;
}

void add_mobiliser(Scenario& s, std::string id, MobiliserKind kind, std::string name) {
  s.mobilisers.push_back(
      Mobiliser{.id = std::move(id), .kind = kind, .name = std::move(name), .unit_code = "736"});
}

}  // namespace

std::string fund_of(const std::string& unit_code) { return "fund-" + unit_code; }

std::string commune_prefix(const Unit& unit) {
  const std::string plain = without_diacritics(without_kind(unit.name));
  std::string prefix;
  bool word_start = true;
  for (const char c : plain) {
    if (c == ' ') {
      word_start = true;
    } else if (word_start) {
      prefix.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
      word_start = false;
    }
  }
  return prefix;
}

std::vector<const Mobiliser*> mobilisers_of(const Scenario& s, MobiliserKind kind) {
  std::vector<const Mobiliser*> out;
  for (const auto& m : s.mobilisers) {
    if (m.kind == kind) out.push_back(&m);
  }
  return out;
}

void plan_district(Scenario& s) {
  const auto& tree = platform::units::AdminUnitTree::builtin();
  for (const auto* unit : tree.children(kDistrictCode, kStarts)) {
    s.communes.push_back(Unit{.code = unit->code, .name = unit->name});
  }
  std::sort(s.communes.begin(), s.communes.end(),
            [](const Unit& a, const Unit& b) { return a.code < b.code; });

  const std::string fund_name = "Quỹ \"Vì người nghèo\" huyện Định Quán";
  s.funds.push_back(Fund{.id = kDistrictFundId,
                         .unit_code = kDistrictCode,
                         .name = fund_name,
                         .account_number = "1000007061600643",
                         .account_name = fund_name,
                         .bank = "Ngân hàng Chính sách xã hội",
                         .branch = "Phòng giao dịch huyện Định Quán"});
  for (const auto& c : s.communes) {
    s.funds.push_back(Fund{.id = fund_of(c.code),
                           .unit_code = c.code,
                           .name = "Quỹ \"Vì người nghèo\" " + lower_kind(c.name)});
  }

  using K = MobiliserKind;
  add_mobiliser(s, "hoi-lhpn-huyen", K::kMemberOrganisation,
                "Hội Liên hiệp Phụ nữ huyện Định Quán");
  add_mobiliser(s, "hoi-nong-dan-huyen", K::kMemberOrganisation, "Hội Nông dân huyện Định Quán");
  add_mobiliser(s, "hoi-ccb-huyen", K::kMemberOrganisation, "Hội Cựu chiến binh huyện Định Quán");
  add_mobiliser(s, "huyen-doan", K::kMemberOrganisation,
                "Huyện đoàn Định Quán (Đoàn TNCS Hồ Chí Minh)");
  add_mobiliser(s, "ldld-huyen", K::kMemberOrganisation, "Liên đoàn Lao động huyện Định Quán");
  add_mobiliser(s, "phong-gddt", K::kAgency, "Phòng Giáo dục và Đào tạo huyện Định Quán");
  add_mobiliser(s, "phong-ldtbxh", K::kAgency,
                "Phòng Lao động – Thương binh và Xã hội huyện Định Quán");
  add_mobiliser(s, "vp-hdnd-ubnd", K::kAgency, "Văn phòng HĐND và UBND huyện Định Quán");
  add_mobiliser(s, "ttyt-huyen", K::kAgency, "Trung tâm Y tế huyện Định Quán");
  add_mobiliser(s, "cong-an-huyen", K::kAgency, "Công an huyện Định Quán");
  add_mobiliser(s, "phong-tckh", K::kAgency, "Phòng Tài chính – Kế hoạch huyện Định Quán");
  add_mobiliser(s, "phong-nnptnt", K::kAgency,
                "Phòng Nông nghiệp và Phát triển nông thôn huyện Định Quán");
  add_mobiliser(s, "thpt-dinh-quan", K::kAgency, "Trường THPT Định Quán");
  add_mobiliser(s, "thcs-phu-tuc", K::kAgency, "Trường THCS Phú Túc");
  add_mobiliser(s, "th-la-nga", K::kAgency, "Trường Tiểu học La Ngà");
  add_mobiliser(s, "bvd-pho-chu-tich", K::kBoardMember,
                "Bà Lê Thị Thu Hà, Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện, thành viên Ban vận "
                "động");
  add_mobiliser(s, "bvd-uy-vien", K::kBoardMember,
                "Ông Trần Quốc Bảo, Ủy viên Ban Thường trực Ủy ban MTTQ Việt Nam huyện, thành "
                "viên Ban vận động");

  auto& c = s.campaign;
  c.id = "dot-cao-diem-2024";
  c.name = "Đợt cao điểm vận động Quỹ \"Vì người nghèo\" từ ngày 03/02 đến ngày 19/05/2024";
  c.unit_code = kDistrictCode;
  c.starts_on = kStarts;
  c.ends_on = Date{2024, 5, 19};
  c.lists_due = Date{2024, 2, 22};
  c.report_due = Date{2024, 5, 19};
  for (const auto& f : s.funds) c.fund_ids.push_back(f.id);
}

void plan_targets(Scenario& s, Rng& rng) {
  std::map<std::string, int> households, houses;
  for (const auto& h : s.households) ++households[h.unit_code];
  for (const auto& sp : s.supports) {
    if (sp.kind == "new_house" || sp.kind == "house_repair") {
      for (const auto& h : s.households) {
        if (h.key == sp.household_key) ++houses[h.unit_code];
      }
    }
  }
  for (const auto& c : s.communes) {
    // A base of 120 million đồng and 5 million a listed household, in steps of 5 million.
    const std::int64_t amount =
        (120 + households[c.code] * 5 + rng.between(0, 4) * 5) / 5 * 5 * 1'000'000;
    s.campaign.targets.push_back(
        Target{.unit_code = c.code, .amount = amount, .houses = std::max(1, houses[c.code])});
  }
}

}  // namespace vnn::campaign
