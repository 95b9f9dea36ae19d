#include "proto_names.h"

#include "vnn/platform/enum_words.h"

namespace vnn::household_review {
namespace {

using platform::value_of;
using platform::word_of;

constexpr std::array<std::pair<v1::PovertyStatus, const char*>, 2> kPoverty{
    {{v1::POVERTY_STATUS_POOR, "poor"}, {v1::POVERTY_STATUS_NEAR_POOR, "near_poor"}}};
constexpr std::array<std::pair<v1::Housing, const char*>, 3> kHousing{
    {{v1::HOUSING_TEMPORARY, "temporary"},
     {v1::HOUSING_NON_DURABLE, "non_durable"},
     {v1::HOUSING_DURABLE, "durable"}}};
constexpr std::array<std::pair<v1::CandidacyState, const char*>, 5> kState{
    {{v1::CANDIDACY_STATE_SUBMITTED, "submitted"},
     {v1::CANDIDACY_STATE_APPROVED, "approved"},
     {v1::CANDIDACY_STATE_REJECTED, "rejected"},
     {v1::CANDIDACY_STATE_RETURNED, "returned"},
     {v1::CANDIDACY_STATE_WITHDRAWN, "withdrawn"}}};
constexpr std::array<std::pair<v1::DuplicateReason, const char*>, 2> kReason{
    {{v1::DUPLICATE_REASON_CITIZEN_ID, "citizen_id"},
     {v1::DUPLICATE_REASON_SIMILAR_NAME, "similar_name"}}};
constexpr std::array<std::pair<v1::DuplicateDecision, const char*>, 2> kDecision{
    {{v1::DUPLICATE_DECISION_DUPLICATE, "duplicate"},
     {v1::DUPLICATE_DECISION_NOT_DUPLICATE, "not_duplicate"}}};

}  // namespace

std::string poverty_status_name(v1::PovertyStatus s) { return word_of(kPoverty, s); }
v1::PovertyStatus parse_poverty_status(std::string_view n) { return value_of(kPoverty, n); }
std::string housing_name(v1::Housing h) { return word_of(kHousing, h); }
v1::Housing parse_housing(std::string_view n) { return value_of(kHousing, n); }
std::string candidacy_state_name(v1::CandidacyState s) { return word_of(kState, s); }
v1::CandidacyState parse_candidacy_state(std::string_view n) { return value_of(kState, n); }
std::string duplicate_reason_name(v1::DuplicateReason r) { return word_of(kReason, r); }
v1::DuplicateReason parse_duplicate_reason(std::string_view n) { return value_of(kReason, n); }
std::string duplicate_decision_name(v1::DuplicateDecision d) { return word_of(kDecision, d); }
v1::DuplicateDecision parse_duplicate_decision(std::string_view n) {
  return value_of(kDecision, n);
}

}  // namespace vnn::household_review
