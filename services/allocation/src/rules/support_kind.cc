#include "rules/support_kind.h"

#include <array>
#include <utility>

namespace vnn::allocation::rules {
namespace {

struct KindWords {
  SupportKind kind;
  std::string_view word;
  std::string_view vietnamese;
  std::string_view need;
};

constexpr std::array<KindWords, 10> kKinds{{
    {SupportKind::kNewHouse, "new_house", "Xây mới nhà", "housing"},
    {SupportKind::kHouseRepair, "house_repair", "Sửa chữa nhà", "housing"},
    {SupportKind::kProductionCapital, "production_capital", "Vốn sản xuất, kinh doanh",
     "livelihood"},
    {SupportKind::kLivestockSeedlings, "livestock_seedlings", "Cây, con giống", "livelihood"},
    {SupportKind::kProductionMaterials, "production_materials", "Vật tư sản xuất", "livelihood"},
    {SupportKind::kSuddenHardship, "sudden_hardship", "Hỗ trợ đột xuất", "hardship"},
    {SupportKind::kScholarship, "scholarship", "Học bổng", "education"},
    {SupportKind::kBicycle, "bicycle", "Xe đạp", "education"},
    {SupportKind::kHealthInsurance, "health_insurance", "Thẻ bảo hiểm y tế", "health"},
    {SupportKind::kFoodAndGifts, "food_and_gifts", "Lương thực, quà", "food"},
}};

constexpr std::array<std::pair<FundingSource, std::string_view>, 5> kSources{{
    {FundingSource::kDistrictFund, "district_fund"},
    {FundingSource::kCommuneFund, "commune_fund"},
    {FundingSource::kStateBudget, "state_budget"},
    {FundingSource::kSponsor, "sponsor"},
    {FundingSource::kHousehold, "household"},
}};

const KindWords& words(SupportKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k;
  }
  return kKinds[0];  // unreachable: every enumerator is listed
}

}  // namespace

std::string_view kind_word(SupportKind kind) { return words(kind).word; }
std::string_view kind_vietnamese(SupportKind kind) { return words(kind).vietnamese; }
std::string_view kind_need(SupportKind kind) { return words(kind).need; }
bool is_house(SupportKind kind) {
  return kind == SupportKind::kNewHouse || kind == SupportKind::kHouseRepair;
}

std::optional<SupportKind> parse_kind(std::string_view word) {
  for (const auto& k : kKinds) {
    if (k.word == word) return k.kind;
  }
  return std::nullopt;
}

std::optional<SupportKind> kind_from_number(int number) {
  for (const auto& k : kKinds) {
    if (static_cast<int>(k.kind) == number) return k.kind;
  }
  return std::nullopt;
}

std::string_view source_word(FundingSource source) {
  for (const auto& [s, word] : kSources) {
    if (s == source) return word;
  }
  return kSources[0].second;  // unreachable
}

std::optional<FundingSource> parse_source(std::string_view word) {
  for (const auto& [s, w] : kSources) {
    if (w == word) return s;
  }
  return std::nullopt;
}

std::optional<FundingSource> source_from_number(int number) {
  for (const auto& [s, w] : kSources) {
    if (static_cast<int>(s) == number) return s;
  }
  return std::nullopt;
}

bool is_fund(FundingSource source) {
  return source == FundingSource::kDistrictFund || source == FundingSource::kCommuneFund;
}

}  // namespace vnn::allocation::rules
