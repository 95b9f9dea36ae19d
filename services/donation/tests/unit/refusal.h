#pragma once
// What the rules' tests check of a refusal: its code, the field at fault and its reason code.

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>

#include "vnn/platform/errors.h"

namespace vnn::donation::rules {

struct Refusal {
  platform::ErrorCode code;
  std::string field;
  std::string reason;
};

// The refusal `act` throws, or nullopt when it throws nothing.
inline std::optional<Refusal> refusal_of(const std::function<void()>& act) {
  try {
    act();
  } catch (const platform::Error& e) {
    return Refusal{e.code(), e.field(), e.reason()};
  }
  return std::nullopt;
}

// An INVALID_ARGUMENT naming `field`.
inline ::testing::AssertionResult refuses_field(const std::function<void()>& act,
                                                const std::string& field) {
  const auto refusal = refusal_of(act);
  if (!refusal) return ::testing::AssertionFailure() << "nothing refused; expected " << field;
  if (refusal->code != platform::ErrorCode::kInvalidArgument || refusal->field != field) {
    return ::testing::AssertionFailure()
           << "refused " << platform::error_code_name(refusal->code) << " on '" << refusal->field
           << "'; expected INVALID_ARGUMENT on '" << field << "'";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace vnn::donation::rules
