#pragma once
// What public disclosure may show of a free text (a donor's public name, a household's masked
// name, a note): digit runs long enough to be an account number, a phone number or a citizen
// id (6 digits or more, counted across the spaces, dots, dashes and slashes people write them
// with) and e-mail addresses are masked. Shorter numbers ("Tổ 5", "Công ty 123") stay.

#include <string>
#include <string_view>

namespace vnn::reporting::rules {

// The name anonymous donors are shown under.
inline constexpr std::string_view kAnonymousDonor = "Nhà hảo tâm ẩn danh";
// Shown for a household whose masked name is missing.
inline constexpr std::string_view kUnnamedHousehold = "Hộ gia đình";
// What replaces a masked number or address.
inline constexpr std::string_view kMask = "***";

// Digits counted in a run before it is masked.
inline constexpr int kMaskedDigits = 6;

std::string mask_public_text(std::string_view text);

// The donor as disclosure shows it: the public name, masked; anonymous when there is none.
std::string public_donor(std::string_view public_name);

// A household as disclosure shows it: only its masked name (given by the service that owns
// the household), masked again in case a number slipped into it.
std::string public_household(std::string_view masked_name);

}  // namespace vnn::reporting::rules
