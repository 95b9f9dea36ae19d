#include "proto_names.h"

#include <array>
#include <utility>

namespace vnn::household {
namespace {

template <typename Enum, std::size_t N>
std::string name_of(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "";
}

template <typename Enum, std::size_t N>
Enum parse(const std::array<std::pair<Enum, const char*>, N>& table, std::string_view name,
           Enum unspecified) {
  for (const auto& [e, word] : table) {
    if (name == word) return e;
  }
  return unspecified;
}

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

std::string poverty_status_name(v1::PovertyStatus s) { return name_of(kPoverty, s); }
v1::PovertyStatus parse_poverty_status(std::string_view n) {
  return parse(kPoverty, n, v1::POVERTY_STATUS_UNSPECIFIED);
}
std::string housing_name(v1::Housing h) { return name_of(kHousing, h); }
v1::Housing parse_housing(std::string_view n) {
  return parse(kHousing, n, v1::HOUSING_UNSPECIFIED);
}
std::string candidacy_state_name(v1::CandidacyState s) { return name_of(kState, s); }
v1::CandidacyState parse_candidacy_state(std::string_view n) {
  return parse(kState, n, v1::CANDIDACY_STATE_UNSPECIFIED);
}
std::string duplicate_reason_name(v1::DuplicateReason r) { return name_of(kReason, r); }
v1::DuplicateReason parse_duplicate_reason(std::string_view n) {
  return parse(kReason, n, v1::DUPLICATE_REASON_UNSPECIFIED);
}
std::string duplicate_decision_name(v1::DuplicateDecision d) { return name_of(kDecision, d); }
v1::DuplicateDecision parse_duplicate_decision(std::string_view n) {
  return parse(kDecision, n, v1::DUPLICATE_DECISION_UNSPECIFIED);
}

}  // namespace vnn::household
