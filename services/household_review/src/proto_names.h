#pragma once
// The words the database stores for the protobuf enums, both ways. Unknown words map to the
// UNSPECIFIED value, which every handler refuses on input.

#include <string>
#include <string_view>

#include "vnn/household_review/v1/household_review.pb.h"

namespace vnn::household_review {

std::string poverty_status_name(v1::PovertyStatus status);
v1::PovertyStatus parse_poverty_status(std::string_view name);
std::string housing_name(v1::Housing housing);
v1::Housing parse_housing(std::string_view name);
std::string candidacy_state_name(v1::CandidacyState state);
v1::CandidacyState parse_candidacy_state(std::string_view name);
std::string duplicate_reason_name(v1::DuplicateReason reason);
v1::DuplicateReason parse_duplicate_reason(std::string_view name);
std::string duplicate_decision_name(v1::DuplicateDecision decision);
v1::DuplicateDecision parse_duplicate_decision(std::string_view name);

}  // namespace vnn::household_review
