#include "call_errors.h"

#include <iostream>
#include <string>

#include "vnn/platform/rpc/error_details.h"

namespace vnn::cli {
namespace {

bool english_errors = false;

// What an officer reads when the refusal came without the services' details: no answer at all,
// a method the service at that address does not have (yet), or a service (or a proxy before
// it) that answered with the bare code.
std::string vietnamese_without_details(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNAVAILABLE:
      return "Không kết nối được tới dịch vụ; kiểm tra địa chỉ dịch vụ hoặc thử lại sau.";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "Dịch vụ không trả lời kịp; hãy thử lại.";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "Dịch vụ ở địa chỉ này chưa hỗ trợ thao tác này.";
    case grpc::StatusCode::NOT_FOUND:
      return "Không tìm thấy; kiểm tra lại mã số đã nhập.";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "Mã truy cập không hợp lệ hoặc đã hết hạn; hãy đặt lại VNN_TOKEN.";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "Vai trò hoặc đơn vị của mã truy cập không được làm thao tác này.";
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
      return "Dữ liệu không hợp lệ; sửa giá trị dịch vụ nêu dưới đây.";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "Chưa làm được thao tác này ở tình trạng hiện tại.";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "Đã có từ trước.";
    case grpc::StatusCode::ABORTED:
      return "Dữ liệu vừa được người khác thay đổi; hãy xem lại rồi làm lại.";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "Dịch vụ đang quá tải; hãy thử lại sau.";
    case grpc::StatusCode::CANCELLED:
      return "Thao tác đã bị hủy.";
    default:
      return "Dịch vụ gặp lỗi; báo cho quản trị hệ thống.";
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
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    default:
      return "code " + std::to_string(static_cast<int>(code));
  }
}

}  // namespace

int exit_code_for(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::NOT_FOUND:
      return kExitNotFound;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return kExitRefused;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
      return kExitInvalid;
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
      return kExitConflict;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::CANCELLED:
      return kExitUnavailable;
    case grpc::StatusCode::UNIMPLEMENTED:
      return kExitUnsupported;
    default:
      return kExitFailed;
  }
}

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
  return exit_code_for(status.error_code());
}

}  // namespace vnn::cli
