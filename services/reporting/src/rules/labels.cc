#include "rules/labels.h"

#include <array>

namespace vnn::reporting::rules {
namespace {

struct Label {
  std::string_view word;
  std::string_view vietnamese;
  std::string_view english;
};

constexpr std::array<Label, 31> kLabels{{
    {"bank_transfer", "Chuyển khoản", "Bank transfer"},
    {"cash", "Tiền mặt", "Cash"},
    {"in_kind", "Hiện vật", "In kind"},
    {"payroll", "Ngày lương (cơ quan)", "Payroll list"},
    {"direct", "Trao trực tiếp cho hộ", "Given directly to households"},
    {"individual", "Cá nhân", "Individuals"},
    {"household", "Hộ gia đình", "Households"},
    {"organisation", "Tổ chức", "Organisations"},
    {"business", "Doanh nghiệp", "Businesses"},
    {"agency", "Cơ quan, đơn vị", "Agencies"},
    {"anonymous", "Ẩn danh", "Anonymous"},
    {"new_house", "Xây mới nhà", "New house"},
    {"house_repair", "Sửa chữa nhà", "House repair"},
    {"production_capital", "Vốn sản xuất, kinh doanh", "Production or business capital"},
    {"livestock_seedlings", "Cây, con giống", "Livestock and seedlings"},
    {"production_materials", "Vật tư sản xuất", "Production materials"},
    {"sudden_hardship", "Hỗ trợ đột xuất", "Sudden hardship"},
    {"scholarship", "Học bổng", "Scholarship"},
    {"bicycle", "Xe đạp", "Bicycle"},
    {"health_insurance", "Thẻ bảo hiểm y tế", "Health-insurance card"},
    {"food_and_gifts", "Lương thực, quà", "Food and gifts"},
    {"proposed", "Đề xuất", "Proposed"},
    {"approved", "Đã duyệt", "Approved"},
    {"disbursed", "Đã trao", "Handed over"},
    {"completed", "Hoàn thành", "Completed"},
    {"cancelled", "Đã hủy", "Cancelled"},
    {"submitted", "Đã gửi danh sách", "Submitted"},
    {"rejected", "Không duyệt", "Rejected"},
    {"returned", "Trả lại bổ sung", "Returned for more information"},
    {"withdrawn", "Rút khỏi danh sách", "Withdrawn"},
    {"unknown", "Không rõ", "Unknown"},
}};

template <std::size_t N>
std::string_view word_at(const std::array<std::string_view, N>& words, int number) {
  return number > 0 && static_cast<std::size_t>(number) < N ? words[number] : "unknown";
}

}  // namespace

std::string_view channel_word(int channel) {
  static constexpr std::array<std::string_view, 6> kWords{"unknown", "bank_transfer", "cash",
                                                          "in_kind", "payroll",       "direct"};
  return word_at(kWords, channel);
}

std::string_view donor_kind_word(int kind) {
  static constexpr std::array<std::string_view, 7> kWords{
      "unknown", "individual", "household", "organisation", "business", "agency", "anonymous"};
  return word_at(kWords, kind);
}

std::string_view support_kind_word(int kind) {
  static constexpr std::array<std::string_view, 11> kWords{"unknown",
                                                           "new_house",
                                                           "house_repair",
                                                           "production_capital",
                                                           "livestock_seedlings",
                                                           "production_materials",
                                                           "sudden_hardship",
                                                           "scholarship",
                                                           "bicycle",
                                                           "health_insurance",
                                                           "food_and_gifts"};
  return word_at(kWords, kind);
}

std::string_view support_state_word(int state) {
  static constexpr std::array<std::string_view, 6> kWords{"unknown",   "proposed",  "approved",
                                                          "disbursed", "completed", "cancelled"};
  return word_at(kWords, state);
}

std::string_view candidacy_word(int state) {
  static constexpr std::array<std::string_view, 6> kWords{"unknown",  "submitted", "approved",
                                                          "rejected", "returned",  "withdrawn"};
  return word_at(kWords, state);
}

std::string label(std::string_view word, Language language) {
  for (const auto& l : kLabels) {
    if (l.word == word) {
      return std::string(language == Language::kVietnamese ? l.vietnamese : l.english);
    }
  }
  return std::string(word);
}

}  // namespace vnn::reporting::rules
