#include "vnn/platform/errors.h"

#include <map>

namespace vnn::platform {

// The canonical gRPC status names, so logs and metrics read the same as the status a caller sees.
const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case ErrorCode::kNotFound:
      return "NOT_FOUND";
    case ErrorCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case ErrorCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case ErrorCode::kAborted:
      return "ABORTED";
    case ErrorCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case ErrorCode::kUnauthenticated:
      return "UNAUTHENTICATED";
    case ErrorCode::kUnavailable:
      return "UNAVAILABLE";
    case ErrorCode::kDeadlineExceeded:
      return "DEADLINE_EXCEEDED";
    case ErrorCode::kResourceExhausted:
      return "RESOURCE_EXHAUSTED";
    case ErrorCode::kInternal:
      return "INTERNAL";
  }
  return "UNKNOWN";
}

}  // namespace vnn::platform

namespace vnn::platform {
namespace {

std::string_view default_reason(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return reason::kInvalidField;
    case ErrorCode::kNotFound:
      return reason::kNotFound;
    case ErrorCode::kAlreadyExists:
      return reason::kAlreadyExists;
    case ErrorCode::kFailedPrecondition:
      return reason::kFailedPrecondition;
    case ErrorCode::kAborted:
      return reason::kConflict;
    case ErrorCode::kPermissionDenied:
      return reason::kRoleNotAllowed;
    case ErrorCode::kUnauthenticated:
      return reason::kUnauthenticated;
    case ErrorCode::kUnavailable:
      return reason::kUnavailable;
    case ErrorCode::kDeadlineExceeded:
      return reason::kDeadlineExceeded;
    case ErrorCode::kResourceExhausted:
      return reason::kLimitExceeded;
    case ErrorCode::kInternal:
      return reason::kInternal;
  }
  return reason::kInternal;
}

// What an officer reads when the thrower gave no Vietnamese text of its own: said per reason,
// so it stays true for every error with that reason.
std::string default_vietnamese(std::string_view code, const std::string& field) {
  static const std::map<std::string_view, std::string_view> kByReason = {
      {reason::kNotFound, "Không tìm thấy đối tượng được yêu cầu."},
      {reason::kAlreadyExists, "Đối tượng này đã có trong hệ thống."},
      {reason::kFailedPrecondition, "Trạng thái hiện tại không cho phép thao tác này."},
      {reason::kConflict, "Dữ liệu vừa bị thay đổi đồng thời; hãy thử lại."},
      {reason::kRoleNotAllowed, "Vai trò của bạn không được phép thực hiện thao tác này."},
      {reason::kNotInScope, "Đơn vị này nằm ngoài phạm vi được giao cho bạn."},
      {reason::kPersonalDataRestricted, "Vai trò của bạn không được xem dữ liệu cá nhân."},
      {reason::kSameOfficer, "Cần một cán bộ khác duyệt (người lập không được tự duyệt)."},
      {reason::kUnauthenticated, "Chưa xác thực hoặc mã truy cập không hợp lệ."},
      {reason::kUnavailable, "Hệ thống tạm thời không phục vụ được; hãy thử lại sau."},
      {reason::kDeadlineExceeded, "Hết thời gian chờ xử lý; hãy thử lại."},
      {reason::kLimitExceeded, "Vượt quá giới hạn cho phép."},
      {reason::kInternal, "Lỗi nội bộ của hệ thống; đã ghi nhận để xử lý."},
      {reason::kDeadlinePassed, "Đã quá hạn."},
      {reason::kRequestIdReused, "Mã yêu cầu (request_id) đã được dùng cho một yêu cầu khác."},
      {reason::kServerBusy, "Hệ thống đang quá tải; hãy thử lại sau ít phút."},
      {reason::kDatabaseBusy, "Hệ thống đang bận; hãy thử lại sau ít phút."},
  };
  if (code == reason::kInvalidField) {
    return field.empty() ? std::string("Dữ liệu gửi lên không hợp lệ.")
                         : "Trường «" + field + "» không hợp lệ.";
  }
  auto found = kByReason.find(code);
  if (found != kByReason.end()) return std::string(found->second);
  return "Yêu cầu bị từ chối (" + std::string(code) + ").";
}

}  // namespace

std::string Error::reason() const {
  return reason_.empty() ? std::string(default_reason(code_)) : reason_;
}

std::string Error::vietnamese() const {
  return vietnamese_.empty() ? default_vietnamese(reason(), field_) : vietnamese_;
}

}  // namespace vnn::platform
