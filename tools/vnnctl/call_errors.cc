#include "call_errors.h"

#include <iostream>
#include <string>

#include "vnn/platform/rpc/error_details.h"

namespace vnn::cli {
namespace {

bool english_errors = false;

// What an officer reads when the refusal came without the services' details: no answer at all,
// or a method the service at that address does not have (yet).
std::string vietnamese_without_details(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNAVAILABLE:
      return "Không kết nối được tới dịch vụ; kiểm tra địa chỉ dịch vụ hoặc thử lại sau.";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "Dịch vụ không trả lời kịp; hãy thử lại.";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "Dịch vụ ở địa chỉ này chưa hỗ trợ thao tác này.";
    default:
      return "";
  }
}

std::string code_name(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    default:
      return "code " + std::to_string(static_cast<int>(code));
  }
}

}  // namespace

void set_error_language(bool english) { english_errors = english; }

int fail(const grpc::Status& status) {
  auto details = platform::rpc::read_error_details(status);
  // Without details the gRPC code is all there is to tell; it is shown beside the message.
  const bool bare = details.vietnamese.empty() && details.reason.empty();
  if (details.vietnamese.empty()) {
    details.vietnamese = vietnamese_without_details(status.error_code());
  }
  const bool vietnamese = !english_errors && !details.vietnamese.empty();
  std::cerr << "vnnctl: " << (vietnamese ? details.vietnamese : status.error_message());
  if (!vietnamese && bare) std::cerr << " (" << code_name(status.error_code()) << ")";
  std::cerr << "\n";
  if (!details.field.empty()) {
    std::cerr << (english_errors ? "  field: " : "  trường: ") << details.field << "\n";
  }
  if (!details.reason.empty()) {
    std::cerr << (english_errors ? "  reason: " : "  mã lỗi: ") << details.reason << "\n";
  }
  // The service's own words stay visible beside the translation: they name the exact value.
  if (vietnamese) {
    std::string words = status.error_message();
    if (bare) words = code_name(status.error_code()) + (words.empty() ? "" : ": " + words);
    std::cerr << "  (" << words << ")\n";
  }
  return 1;
}

}  // namespace vnn::cli
