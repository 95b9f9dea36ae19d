#include "household_list.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace vnn::testing {
namespace {

// Shares of the population (approximate, from the 2009 census lists of common family names):
// a registry where a third of all people are Nguyễn is what the similar-name search must bear.
struct Weighted {
  const char* value;
  int weight;
};
constexpr std::array<Weighted, 16> kFamilyNames{{{"Nguyễn", 38},
                                                 {"Trần", 11},
                                                 {"Lê", 9},
                                                 {"Phạm", 7},
                                                 {"Hoàng", 4},
                                                 {"Huỳnh", 4},
                                                 {"Phan", 4},
                                                 {"Vũ", 3},
                                                 {"Võ", 3},
                                                 {"Đặng", 2},
                                                 {"Bùi", 2},
                                                 {"Đỗ", 2},
                                                 {"Hồ", 2},
                                                 {"Ngô", 2},
                                                 {"Dương", 1},
                                                 {"Lý", 1}}};
constexpr std::array<const char*, 8> kMaleMiddle{"Văn", "Văn",  "Văn",  "Hữu",
                                                 "Đức", "Minh", "Quốc", "Thanh"};
constexpr std::array<const char*, 8> kFemaleMiddle{"Thị",  "Thị", "Thị", "Thị",
                                                   "Ngọc", "Thu", "Kim", "Mỹ"};
constexpr std::array<const char*, 30> kMaleGiven{
    "An",    "Bình",  "Cường", "Dũng", "Hùng",  "Hải",  "Khánh", "Long", "Minh", "Nam",
    "Phúc",  "Quang", "Sơn",   "Tài",  "Thắng", "Tuấn", "Việt",  "Vinh", "Hòa",  "Lợi",
    "Phước", "Tâm",   "Trung", "Tùng", "Hiếu",  "Đạt",  "Khoa",  "Lâm",  "Tư",   "Sáu"};
constexpr std::array<const char*, 30> kFemaleGiven{
    "Anh",  "Bích", "Chi",   "Dung",  "Giang", "Hà",   "Hạnh",  "Hằng", "Hoa",    "Hương",
    "Lan",  "Liên", "Loan",  "Mai",   "Nga",   "Ngọc", "Nhung", "Oanh", "Phương", "Quyên",
    "Thảo", "Thủy", "Trang", "Tuyết", "Vân",   "Xuân", "Yến",   "Hồng", "Huệ",    "Cúc"};
// Hamlet names of the kind the district's communes use; some communes number theirs instead.
constexpr std::array<const char*, 14> kHamletFirst{"Phú",   "Hòa",  "Tân",  "Hiệp", "Ngọc",
                                                   "Thanh", "Bình", "Suối", "Bàu",  "Gia",
                                                   "Thọ",   "Đức",  "Mỹ",   "Trà"};
constexpr std::array<const char*, 16> kHamletSecond{
    "Lâm",  "Thuận", "Lập",   "Quyết", "Lợi", "Trung", "Đông", "Tây",
    "Hưng", "Thịnh", "Nghĩa", "Hàm",   "Son", "Cổ",    "Yên",  "Hiệp"};
constexpr std::array<const char*, 6> kVulnerabilities{"người cao tuổi",  "khuyết tật",
                                                      "bệnh hiểm nghèo", "phụ nữ đơn thân",
                                                      "trẻ mồ côi",      "dân tộc thiểu số"};
constexpr std::array<const char*, 3> kHardships{"thiên tai", "tai nạn lao động", "ốm đau dài ngày"};
constexpr int kListYear = 2024;        // the list is of the 2024 review
constexpr int kAdultBornBy = 2006;     // 18 in 2024
constexpr double kAdultIdShare = 0.8;  // adults with a citizen id on the list
constexpr double kChildIdShare = 0.15;

template <std::size_t N>
const char* pick(const std::array<const char*, N>& values, std::mt19937_64& random) {
  return values[random() % N];
}

const char* pick_family(std::mt19937_64& random) {
  static const int total = [] {
    int sum = 0;
    for (const auto& f : kFamilyNames) sum += f.weight;
    return sum;
  }();
  int at = static_cast<int>(random() % total);
  for (const auto& f : kFamilyNames) {
    if ((at -= f.weight) < 0) return f.value;
  }
  return kFamilyNames[0].value;
}

bool chance(std::mt19937_64& random, double p) {
  return std::uniform_real_distribution<double>(0, 1)(random) < p;
}

int between(std::mt19937_64& random, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(random);
}

std::string name_of(const std::string& family, bool female, std::mt19937_64& random) {
  return family + " " + (female ? pick(kFemaleMiddle, random) : pick(kMaleMiddle, random)) + " " +
         (female ? pick(kFemaleGiven, random) : pick(kMaleGiven, random));
}

std::string family_of(const std::string& full_name) {
  return full_name.substr(0, full_name.find(' '));
}

// The copy of a name as another list wrote it: without diacritics, or with the spaces changed.
std::string variant_of(const std::string& name, std::mt19937_64& random) {
  switch (random() % 3) {
    case 0:
      return without_diacritics(name);
    case 1: {  // "NguyễnVăn An"
      std::string out = name;
      out.erase(out.find(' '), 1);
      return out;
    }
    default: {  // "Nguyễn  Văn An"
      std::string out = name;
      out.insert(out.find(' '), " ");
      return out;
    }
  }
}

std::vector<std::string> hamlets_of(std::size_t commune, std::mt19937_64& random) {
  const int count = between(random, 10, 20);
  std::vector<std::string> out;
  if (commune % 3 == 2) {  // "Ấp 1" … : the same names recur across communes
    for (int i = 1; i <= count; ++i) out.push_back("Ấp " + std::to_string(i));
    return out;
  }
  while (static_cast<int>(out.size()) < count) {
    std::string name =
        std::string("Ấp ") + pick(kHamletFirst, random) + " " + pick(kHamletSecond, random);
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

// Spouse, children, sometimes a parent or a grandchild: 1–5 people, the head first.
void add_members(ListHousehold& h, PersonMaker& people) {
  auto& random = people.random();
  const auto& head = h.persons.front();
  static constexpr std::array<int, 5> kSizeWeights{15, 25, 25, 20, 15};  // 1 … 5 people
  int at = static_cast<int>(random() % 100), size = 1;
  while (size < 5 && (at -= kSizeWeights[size - 1]) >= 0) ++size;
  std::string children_family = family_of(head.full_name);
  if (size >= 2 && chance(random, 0.75)) {
    ListPerson spouse;
    spouse.female = !head.female;
    spouse.relation = spouse.female ? "vợ" : "chồng";
    spouse.birth_year = std::clamp(head.birth_year + between(random, -6, 6), 1925, kAdultBornBy);
    spouse.full_name = name_of(pick_family(random), spouse.female, random);
    if (!spouse.female) children_family = family_of(spouse.full_name);
    h.persons.push_back(spouse);
  }
  if (static_cast<int>(h.persons.size()) < size && head.birth_year < 1965 && chance(random, 0.2)) {
    ListPerson parent;
    parent.female = chance(random, 0.7);  // widowed mothers outnumber fathers
    parent.relation = parent.female ? "mẹ" : "bố";
    parent.birth_year = std::max(1920, head.birth_year - between(random, 20, 32));
    parent.full_name = name_of(parent.female ? pick_family(random) : family_of(head.full_name),
                               parent.female, random);
    h.persons.push_back(parent);
  }
  while (static_cast<int>(h.persons.size()) < size) {
    ListPerson child;
    child.female = chance(random, 0.5);
    const bool grandchild = head.birth_year < 1960 && chance(random, 0.3);
    child.relation = grandchild ? "cháu" : "con";
    child.birth_year = head.birth_year + between(random, 20, 36) + (grandchild ? 24 : 0);
    // Drawn again rather than capped: a cap would pile the young heads' children on one year,
    // and one crowded (hamlet, year) makes the similar-name search look slower than it is.
    if (child.birth_year >= kListYear) {
      child.birth_year =
          between(random, std::min(head.birth_year + 18, kListYear - 1), kListYear - 1);
    }
    child.full_name = name_of(children_family, child.female, random);
    h.persons.push_back(child);
  }
  for (std::size_t i = 1; i < h.persons.size(); ++i) {
    auto& p = h.persons[i];
    if (chance(random, p.birth_year <= kAdultBornBy ? kAdultIdShare : kChildIdShare)) {
      p.citizen_id = people.citizen_id(p.birth_year, p.female);
    }
  }
}

void set_household_fields(ListHousehold& h, std::mt19937_64& random) {
  h.address = "Tổ " + std::to_string(between(random, 1, 12)) + ", " + h.hamlet;
  h.poverty_status = chance(random, 0.55) ? "nghèo" : "cận nghèo";
  const int housing = between(random, 0, 99);
  h.housing = housing < 20 ? "nhà tạm" : housing < 55 ? "nhà thiếu kiên cố" : "nhà kiên cố";
  h.merit = chance(random, 0.04) ? "có" : "không";
  h.hardship = chance(random, 0.03) ? pick(kHardships, random) : "";
  h.classified_year = between(random, 2022, kListYear);
  const int vulnerable = between(random, 0, 9) < 6 ? 0 : between(random, 1, 2);
  for (int i = 0; i < vulnerable; ++i) {
    std::string item = pick(kVulnerabilities, random);
    if (h.vulnerabilities.find(item) != std::string::npos) continue;
    h.vulnerabilities += (h.vulnerabilities.empty() ? "" : "; ") + item;
  }
}

ListHousehold household_with_head(const std::string& unit, const std::string& hamlet,
                                  ListPerson head, PersonMaker& people) {
  ListHousehold h;
  h.unit_code = unit;
  h.hamlet = hamlet;
  head.relation = "chủ hộ";
  h.persons.push_back(std::move(head));
  set_household_fields(h, people.random());
  add_members(h, people);
  return h;
}

void append_field(std::string& out, const std::string& value, char after) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    out += value;
  } else {
    out += '"';
    for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
  }
  out += after;
}

}  // namespace

ListPerson PersonMaker::adult(int first_year, int last_year) {
  ListPerson p;
  p.female = chance(random_, 0.4);  // heads of poor households: many widows
  p.birth_year = between(random_, first_year, last_year);
  p.full_name = name_of(pick_family(random_), p.female, random_);
  if (chance(random_, kAdultIdShare)) p.citizen_id = citizen_id(p.birth_year, p.female);
  return p;
}

// 075 (Đồng Nai), the century and sex digit (0/1 for 1900–1999, 2/3 for 2000–2099, odd for
// women), the last two digits of the birth year and a six-digit serial.
std::string PersonMaker::citizen_id(int birth_year, bool female) {
  const int century = (birth_year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  for (;;) {
    char id[16];
    std::snprintf(id, sizeof id, "075%d%02d%06d", century, birth_year % 100,
                  static_cast<int>(random_() % 1000000));
    if (used_.insert(id).second) return id;
  }
}

const std::vector<std::string>& bench_communes() {
  // Phú Túc, Phú Cường, Phú Tân, Phú Lợi, Ngọc Định, Gia Canh, Phú Ngọc, Túc Trưng, Suối Nho.
  static const std::vector<std::string> codes{"26242", "26236", "26212", "26218", "26224",
                                              "26230", "26233", "26239", "26245"};
  return codes;
}

HouseholdList make_household_list(std::int64_t households, double planted_share,
                                  PersonMaker& people) {
  auto& random = people.random();
  const auto& communes = bench_communes();
  HouseholdList list;
  std::vector<double> weights;  // communes differ in size
  for (std::size_t i = 0; i < communes.size(); ++i) {
    list.hamlets[communes[i]] = hamlets_of(i, random);
    weights.push_back(std::uniform_real_distribution<double>(0.6, 1.4)(random));
  }
  std::discrete_distribution<std::size_t> commune_of(weights.begin(), weights.end());
  const auto planted_each = static_cast<std::int64_t>(households * planted_share);
  const std::int64_t originals = households - 2 * planted_each;
  if (originals <= planted_each) throw std::invalid_argument("too few households to plant in");

  std::vector<ListHousehold> all;
  all.reserve(households);
  for (std::int64_t i = 0; i < originals; ++i) {
    const auto& unit = communes[commune_of(random)];
    const auto& hamlets = list.hamlets[unit];
    all.push_back(household_with_head(unit, hamlets[random() % hamlets.size()],
                                      people.adult(1935, 1998), people));
  }
  // Copies of distinct originals' heads; an original is copied at most once.
  std::vector<std::size_t> order(all.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), random);
  std::size_t next = 0;
  std::vector<std::pair<std::size_t, PlantedPair::Kind>> copies;  // original index, kind
  for (std::int64_t i = 0; i < planted_each; ++i) {
    while (all[order[next]].persons.front().citizen_id.empty()) ++next;
    copies.emplace_back(order[next++], PlantedPair::Kind::kCitizenId);
  }
  for (std::int64_t i = 0; i < planted_each; ++i) {
    copies.emplace_back(order[next++], PlantedPair::Kind::kSimilarName);
  }
  for (const auto& [original, kind] : copies) {
    ListPerson head = all[original].persons.front();
    std::string unit = all[original].unit_code, hamlet = all[original].hamlet;
    if (kind == PlantedPair::Kind::kCitizenId) {  // moved, and listed again where they live now
      while (unit == all[original].unit_code) unit = communes[commune_of(random)];
      const auto& hamlets = list.hamlets[unit];
      hamlet = hamlets[random() % hamlets.size()];
    } else {  // the same person, typed again without the citizen id
      head.full_name = variant_of(head.full_name, random);
      head.citizen_id.clear();
    }
    all.push_back(household_with_head(unit, hamlet, head, people));
  }

  // Codes in the order of creation, then each commune's list in a random order: copies are
  // not all at the end, and some come before their original.
  std::map<std::string, int> counters;
  for (auto& h : all) {
    char code[32];
    std::snprintf(code, sizeof code, "DQ-%s-%06d", h.unit_code.c_str(), ++counters[h.unit_code]);
    h.code = code;
    list.rows += static_cast<std::int64_t>(h.persons.size());
  }
  for (std::size_t i = 0; i < copies.size(); ++i) {
    const auto& a = all[copies[i].first];
    const auto& b = all[static_cast<std::size_t>(originals) + i];
    list.planted.push_back({copies[i].second, a.unit_code, a.code, b.unit_code, b.code});
  }
  for (auto& h : all) list.by_unit[h.unit_code].push_back(std::move(h));
  for (auto& [unit, households_of_unit] : list.by_unit) {
    std::shuffle(households_of_unit.begin(), households_of_unit.end(), random);
  }
  return list;
}

std::string household_csv(const std::vector<ListHousehold>& households) {
  std::string out =
      "household_code,hamlet,address,poverty_status,poverty_standard,classified_year,housing,"
      "meritorious_member,sudden_hardship,vulnerabilities,relation,full_name,birth_year,"
      "citizen_id\n";
  for (const auto& h : households) {
    for (const auto& p : h.persons) {
      for (const auto* field : {&h.code, &h.hamlet, &h.address, &h.poverty_status}) {
        append_field(out, *field, ',');
      }
      out += "2022-2025," + std::to_string(h.classified_year) + ",";
      for (const auto* field :
           {&h.housing, &h.merit, &h.hardship, &h.vulnerabilities, &p.relation, &p.full_name}) {
        append_field(out, *field, ',');
      }
      out += std::to_string(p.birth_year) + "," + p.citizen_id + "\n";
    }
  }
  return out;
}

std::string without_diacritics(const std::string& text) {
  // Every Vietnamese letter with a diacritic, by the letter it is written as without one.
  static const std::unordered_map<std::string, char> kPlain = [] {
    std::unordered_map<std::string, char> map;
    const std::vector<std::pair<std::string_view, char>> groups{{"àáảãạăằắẳẵặâầấẩẫậ", 'a'},
                                                                {"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'},
                                                                {"đ", 'd'},
                                                                {"Đ", 'D'},
                                                                {"èéẻẽẹêềếểễệ", 'e'},
                                                                {"ÈÉẺẼẸÊỀẾỂỄỆ", 'E'},
                                                                {"ìíỉĩị", 'i'},
                                                                {"ÌÍỈĨỊ", 'I'},
                                                                {"òóỏõọôồốổỗộơờớởỡợ", 'o'},
                                                                {"ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'},
                                                                {"ùúủũụưừứửữự", 'u'},
                                                                {"ÙÚỦŨỤƯỪỨỬỮỰ", 'U'},
                                                                {"ỳýỷỹỵ", 'y'},
                                                                {"ỲÝỶỸỴ", 'Y'}};
    for (const auto& [letters, plain] : groups) {
      for (std::size_t at = 0; at < letters.size();) {
        std::size_t length = 1;  // a UTF-8 sequence: its lead byte's high bits give the length
        const auto lead = static_cast<unsigned char>(letters[at]);
        if (lead >= 0xE0)
          length = 3;
        else if (lead >= 0xC0)
          length = 2;
        map.emplace(std::string(letters.substr(at, length)), plain);
        at += length;
      }
    }
    return map;
  }();
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    const auto letter = text.substr(at, length);
    auto found = kPlain.find(letter);
    out += found == kPlain.end() ? letter : std::string(1, found->second);
    at += length;
  }
  return out;
}

}  // namespace vnn::testing
