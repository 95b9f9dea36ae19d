#include "call_errors.h"

#include <iostream>

#include "vnn/platform/rpc/error_details.h"

namespace vnn::cli {
namespace {

bool english_errors = false;

}  // namespace

void set_error_language(bool english) { english_errors = english; }

int fail(const grpc::Status& status) {
  const auto details = platform::rpc::read_error_details(status);
  const bool vietnamese = !english_errors && !details.vietnamese.empty();
  std::cerr << "vnnctl: " << (vietnamese ? details.vietnamese : status.error_message()) << "\n";
  if (!details.field.empty()) {
    std::cerr << (english_errors ? "  field: " : "  trường: ") << details.field << "\n";
  }
  if (!details.reason.empty()) {
    std::cerr << (english_errors ? "  reason: " : "  mã lỗi: ") << details.reason << "\n";
  }
  // The service's own words stay visible beside the translation: they name the exact value.
  if (vietnamese) std::cerr << "  (" << status.error_message() << ")\n";
  return 1;
}

}  // namespace vnn::cli
