#include "vnn/platform/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace vnn::platform::log {
namespace {

thread_local std::string t_correlation_id;

std::shared_ptr<spdlog::logger>& logger() {
  static std::shared_ptr<spdlog::logger> instance = spdlog::stderr_logger_mt("vnn");
  return instance;
}

// The message part of the line: the fields of one JSON object without its braces, so spdlog's
// pattern can put the timestamp and level in front without re-encoding anything.
std::string body(std::string_view message, const nlohmann::json& fields) {
  nlohmann::ordered_json line = nlohmann::ordered_json::object();
  line["msg"] = message;
  if (!t_correlation_id.empty()) line["correlation_id"] = t_correlation_id;
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) line[key] = value;
  }
  // Invalid UTF-8 must not throw from a log call: replace it.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return text.substr(1, text.size() - 2);
}

void write(spdlog::level::level_enum level, std::string_view message,
           const nlohmann::json& fields) {
  auto& target = logger();
  if (!target->should_log(level)) return;
  target->log(level, "{}", body(message, fields));
}

}  // namespace

void init(std::string_view service, std::string_view level) {
  std::string service_json = nlohmann::json(std::string(service)).dump();
  logger()->set_pattern(
      R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","service":)" + service_json + ",%v}",
      spdlog::pattern_time_type::utc);
  logger()->set_level(spdlog::level::from_str(std::string(level)));
  logger()->flush_on(spdlog::level::info);
}

void debug(std::string_view message, const nlohmann::json& fields) {
  write(spdlog::level::debug, message, fields);
}
void info(std::string_view message, const nlohmann::json& fields) {
  write(spdlog::level::info, message, fields);
}
void warn(std::string_view message, const nlohmann::json& fields) {
  write(spdlog::level::warn, message, fields);
}
void error(std::string_view message, const nlohmann::json& fields) {
  write(spdlog::level::err, message, fields);
}

const std::string& correlation_id() { return t_correlation_id; }

CorrelationScope::CorrelationScope(std::string id) : previous_(std::move(t_correlation_id)) {
  t_correlation_id = std::move(id);
}

CorrelationScope::~CorrelationScope() { t_correlation_id = std::move(previous_); }

}  // namespace vnn::platform::log
