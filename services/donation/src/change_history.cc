#include "change_history.h"

#include <google/protobuf/util/json_util.h>

#include "vnn/platform/errors.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation {

namespace {
constexpr std::size_t kMaxReason = 500;
}  // namespace

void require_change_reason(const std::string& reason) {
  platform::text::require_text(reason, "reason", kMaxReason, true);
}

std::string history_json(const google::protobuf::Message& message) {
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json).ok()) {
    // Only a message with invalid UTF-8 fails, and requests are checked before they get here.
    throw platform::Error(platform::ErrorCode::kInternal, "history state not serialisable");
  }
  return json;
}

}  // namespace vnn::donation
