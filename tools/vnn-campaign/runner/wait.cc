#include "runner/wait.h"

#include <stdexcept>
#include <string>
#include <thread>

namespace vnn::campaign {

void wait_until(Play& play, std::string_view what, const std::function<bool()>& ready) {
  auto deadline = std::chrono::steady_clock::now() + play.options.propagation_timeout;
  while (!ready()) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("timed out after " +
                               std::to_string(play.options.propagation_timeout.count()) +
                               " s waiting until " + std::string(what));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

bool answered(std::string_view method, const grpc::ClientContext& context,
              const grpc::Status& status) {
  if (status.ok()) return true;
  switch (status.error_code()) {
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::FAILED_PRECONDITION:
      return false;
    default:
      if (is_transient(status.error_code())) return false;
  }
  const auto& trailers = context.GetServerTrailingMetadata();
  auto field = trailers.find("vnn-error-field");
  throw CallError(std::string(method), status,
                  field == trailers.end()
                      ? std::string()
                      : std::string(field->second.data(), field->second.size()));
}

}  // namespace vnn::campaign
