#pragma once
// Structured JSON logs, one object per line on stderr, carrying the correlation id of the
// request or event being handled. Never pass secrets or personal data as fields.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace vnn::platform::log {

void init(std::string_view service, std::string_view level);

void debug(std::string_view message, const nlohmann::json& fields = nlohmann::json::object());
void info(std::string_view message, const nlohmann::json& fields = nlohmann::json::object());
void warn(std::string_view message, const nlohmann::json& fields = nlohmann::json::object());
void error(std::string_view message, const nlohmann::json& fields = nlohmann::json::object());

// The correlation id of the work this thread is doing; empty if none.
const std::string& correlation_id();

// Sets this thread's correlation id for the scope's lifetime.
class CorrelationScope {
 public:
  explicit CorrelationScope(std::string id);
  ~CorrelationScope();
  CorrelationScope(const CorrelationScope&) = delete;
  CorrelationScope& operator=(const CorrelationScope&) = delete;

 private:
  std::string previous_;
};

}  // namespace vnn::platform::log
