#pragma once
// The kinds of support and the sources that fund them, with the words the database, the
// regulation dataset and the officers use. The numbers are those of vnn.allocation.v1.

#include <optional>
#include <string>
#include <string_view>

namespace vnn::allocation::rules {

enum class SupportKind {
  kNewHouse = 1,
  kHouseRepair = 2,
  kProductionCapital = 3,
  kLivestockSeedlings = 4,
  kProductionMaterials = 5,
  kSuddenHardship = 6,
  kScholarship = 7,
  kBicycle = 8,
  kHealthInsurance = 9,
  kFoodAndGifts = 10,
};

enum class FundingSource {
  kDistrictFund = 1,
  kCommuneFund = 2,
  kStateBudget = 3,
  kSponsor = 4,
  kHousehold = 5,
};

// "new_house", "house_repair", … (database and dataset); nullopt for an unknown word.
std::string_view kind_word(SupportKind kind);
std::optional<SupportKind> parse_kind(std::string_view word);
std::optional<SupportKind> kind_from_number(int number);
// "Xây mới nhà", … for officers.
std::string_view kind_vietnamese(SupportKind kind);
// The need a kind meets, as direct support names it ("housing" for both house kinds): what
// sponsors gave a household for the same need lowers what a fund may add.
std::string_view kind_need(SupportKind kind);
bool is_house(SupportKind kind);

std::string_view source_word(FundingSource source);  // "district_fund", …
std::optional<FundingSource> parse_source(std::string_view word);
std::optional<FundingSource> source_from_number(int number);
bool is_fund(FundingSource source);  // district or commune fund: touches the ledger

}  // namespace vnn::allocation::rules
