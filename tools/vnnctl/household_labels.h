#pragma once
// How the household commands word what the household review service returns: labels in
// Vietnamese (English with --lang en), and the printouts of a submission and a candidacy.

#include <google/protobuf/timestamp.pb.h>

#include <string>
#include <vector>

#include "vnn/household_review/v1/household_review.pb.h"

namespace vnn::cli {

namespace v1 = household_review::v1;

// The needs direct support and allocations meet, as officers say them.
std::string need_word(const std::string& need, bool en);
std::string channel_word(const std::string& channel, bool en);
std::string poverty_label(v1::PovertyStatus status, bool english);
std::string housing_label(v1::Housing housing, bool english);
std::string state_label(v1::CandidacyState state, bool english);
std::string reason_label(v1::DuplicateReason reason, bool english);
std::string decision_label(v1::DuplicateDecision decision, bool english);
std::string yes(bool value, bool english);
// dd/mm/yyyy hh:mm in Vietnam's time (UTC+7, no daylight saving); empty when unset.
std::string format_time(const google::protobuf::Timestamp& at);
std::string percent(double fraction);
v1::PovertyStatus parse_status(const std::string& text);
v1::Housing parse_housing(const std::string& text);
std::vector<std::string> headers(bool english, std::vector<std::string> en,
                                 std::vector<std::string> vi);
void print_submission(const v1::Submission& s, bool en);
void print_candidacy(const v1::Candidacy& c, bool en);

}  // namespace vnn::cli
