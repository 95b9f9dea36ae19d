#pragma once
// What every change to reference data (a campaign, a fund) carries into its history table: a
// reason the caller must give, and the state before the change, kept as protobuf JSON so the
// history reads the same as the API.

#include <google/protobuf/message.h>

#include <string>

namespace vnn::donation {

// The reason of a change: required text of at most 500 characters, INVALID_ARGUMENT on
// "reason" otherwise.
void require_change_reason(const std::string& reason);

// `message` as protobuf JSON, for a history table's jsonb column.
std::string history_json(const google::protobuf::Message& message);

}  // namespace vnn::donation
