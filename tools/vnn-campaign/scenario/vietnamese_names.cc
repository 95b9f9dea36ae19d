#include "scenario/vietnamese_names.h"

#include <algorithm>
#include <array>
#include <vector>

namespace vnn::campaign {
namespace {

struct Weighted {
  const char* name;
  int weight;  // per thousand people, roughly
};

// Family names in the South, roughly at their frequencies.
const std::vector<Weighted> kFamilies{
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95},    {"Phạm", 70}, {"Huỳnh", 45}, {"Hoàng", 30},
    {"Phan", 45},    {"Võ", 40},    {"Vũ", 20},    {"Đặng", 21}, {"Bùi", 20},   {"Đỗ", 14},
    {"Hồ", 13},      {"Ngô", 13},   {"Dương", 10}, {"Lý", 5},    {"Đinh", 6},   {"Trương", 8},
    {"Lâm", 5},      {"Mai", 4},    {"Tô", 3},     {"Cao", 4},   {"Hà", 4},     {"Châu", 3},
    {"Thái", 3},     {"Lương", 3},  {"Tạ", 2},     {"La", 2},    {"Kiều", 1},   {"Triệu", 2}};

const std::vector<Weighted> kMiddleMale{{"Văn", 45}, {"Hữu", 8},   {"Đức", 8},  {"Minh", 10},
                                        {"Quốc", 6}, {"Thanh", 7}, {"Công", 6}, {"Ngọc", 4},
                                        {"Xuân", 3}, {"Tấn", 5},   {"Hoàng", 3}};
const std::vector<Weighted> kMiddleFemale{{"Thị", 60}, {"Ngọc", 8},  {"Thu", 5},  {"Thanh", 6},
                                          {"Kim", 5},  {"Mỹ", 4},    {"Hồng", 4}, {"Bích", 3},
                                          {"Thùy", 3}, {"Phương", 2}};

const std::vector<std::string> kGivenMale{
    "Hùng", "Dũng",  "Tuấn",  "Minh",  "Hải",   "Nam", "Long",  "Phúc", "Thắng", "Sơn",
    "Bình", "Cường", "Quang", "Tài",   "Lợi",   "Hòa", "Trung", "Khoa", "Vinh",  "Đạt",
    "Hiếu", "Toàn",  "Tâm",   "Nghĩa", "Thành", "Tú",  "Hưng",  "Lộc",  "Phong", "Khánh",
    "An",   "Bảo",   "Danh",  "Định",  "Giàu",  "Hậu", "Kiệt",  "Lâm",  "Mến",   "Nhân",
    "Phát", "Quý",   "Sang",  "Thiện", "Trí",   "Út",  "Vũ",    "Xuân", "Tuấn",  "Hoàng"};
const std::vector<std::string> kGivenFemale{
    "Lan",   "Hoa",   "Hương", "Mai",   "Hạnh",   "Thảo",  "Trang", "Nga",  "Hằng",   "Loan",
    "Yến",   "Nhung", "Tuyết", "Liên",  "Phượng", "Duyên", "Ngân",  "Vân",  "Thúy",   "Hiền",
    "Dung",  "Oanh",  "Xuân",  "Cúc",   "Hồng",   "Diệu",  "My",    "Linh", "Quyên",  "Nhàn",
    "Bích",  "Châu",  "Đào",   "Giang", "Huệ",    "Kiều",  "Lệ",    "Mơ",   "Nguyệt", "Phấn",
    "Sương", "Tâm",   "Thắm",  "Tiên",  "Trinh",  "Uyên",  "Vy",    "Xoan", "Ánh",    "Bé"};

const char* pick_weighted(Rng& rng, const std::vector<Weighted>& list) {
  std::vector<int> weights;
  weights.reserve(list.size());
  for (const auto& w : list) weights.push_back(w.weight);
  return list[rng.weighted(weights)].name;
}

// Each precomposed Vietnamese letter (NFC, UTF-8) and the ASCII letter it is written without
// its marks.
struct Plain {
  std::string_view letters;  // UTF-8, each a two- or three-byte sequence
  char base;
};
const std::array<Plain, 14> kPlain{{
    {"àáảãạăằắẳẵặâầấẩẫậ", 'a'},
    {"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'},
    {"èéẻẽẹêềếểễệ", 'e'},
    {"ÈÉẺẼẸÊỀẾỂỄỆ", 'E'},
    {"ìíỉĩị", 'i'},
    {"ÌÍỈĨỊ", 'I'},
    {"òóỏõọôồốổỗộơờớởỡợ", 'o'},
    {"ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'},
    {"ùúủũụưừứửữự", 'u'},
    {"ÙÚỦŨỤƯỪỨỬỮỰ", 'U'},
    {"ỳýỷỹỵ", 'y'},
    {"ỲÝỶỸỴ", 'Y'},
    {"đ", 'd'},
    {"Đ", 'D'},
}};

std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  return 4;
}

char plain_letter(std::string_view letter) {
  for (const auto& p : kPlain) {
    for (std::size_t i = 0; i < p.letters.size(); i += sequence_length(p.letters[i])) {
      if (p.letters.substr(i, sequence_length(p.letters[i])) == letter) return p.base;
    }
  }
  return '\0';
}

}  // namespace

std::string random_family_name(Rng& rng) { return pick_weighted(rng, kFamilies); }

std::string random_middle_name(Rng& rng, bool female) {
  return pick_weighted(rng, female ? kMiddleFemale : kMiddleMale);
}

std::string random_given_name(Rng& rng, bool female) {
  return rng.pick(female ? kGivenFemale : kGivenMale);
}

PersonName random_name(Rng& rng, bool female) {
  PersonName name;
  name.family = random_family_name(rng);
  name.middle = random_middle_name(rng, female);
  name.given = random_given_name(rng, female);
  return name;
}

std::string without_diacritics(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t n =
        std::min(sequence_length(static_cast<unsigned char>(name[i])), name.size() - i);
    const std::string_view letter = name.substr(i, n);
    if (n == 1) {
      out.push_back(name[i]);
    } else if (const char base = plain_letter(letter); base != '\0') {
      out.push_back(base);
    } else {
      out.append(letter);
    }
    i += n;
  }
  return out;
}

}  // namespace vnn::campaign
