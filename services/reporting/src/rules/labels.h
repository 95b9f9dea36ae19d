#pragma once
// The words the read models store for the other services' enumerations (their proto numbers),
// and what officers read for them, in Vietnamese or English.

#include <string>
#include <string_view>

namespace vnn::reporting::rules {

enum class Language { kVietnamese, kEnglish };

// vnn.donation.v1.Channel: "bank_transfer", "cash", "in_kind", "payroll", "direct".
std::string_view channel_word(int channel);
// vnn.donation.v1.DonorKind: "individual", "household", "organisation", "business", "agency",
// "anonymous".
std::string_view donor_kind_word(int kind);
// vnn.allocation.v1.SupportKind: "new_house", "house_repair", …
std::string_view support_kind_word(int kind);
// vnn.allocation.v1.SupportState: "proposed", "approved", "disbursed", "completed", "cancelled".
std::string_view support_state_word(int state);
// vnn.household_review.v1.CandidacyState: "submitted", "approved", "rejected", "returned",
// "withdrawn".
std::string_view candidacy_word(int state);

// The label of a stored word (any of the above); the word itself when unknown.
std::string label(std::string_view word, Language language = Language::kVietnamese);

}  // namespace vnn::reporting::rules
