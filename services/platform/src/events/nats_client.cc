#include "vnn/platform/events/nats_client.h"

#include <atomic>
#include <fstream>
#include <string>
#include <vector>

#include "vnn/platform/errors.h"
#include "vnn/platform/log.h"

namespace vnn::platform::events {

// What the connection callbacks see: the name, and whether we are closing on purpose.
struct ConnectionLabel {
  std::string name;
  std::atomic<bool> closing{false};
};

namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;

void on_disconnected(natsConnection*, void* closure) {
  auto* label = static_cast<ConnectionLabel*>(closure);
  if (label->closing) return;
  log::warn("NATS disconnected; reconnecting", {{"connection", label->name}});
}
void on_connected(natsConnection*, void* closure) {
  log::info("NATS connected", {{"connection", static_cast<ConnectionLabel*>(closure)->name}});
}
void on_reconnected(natsConnection*, void* closure) {
  log::info("NATS reconnected", {{"connection", static_cast<ConnectionLabel*>(closure)->name}});
}

// Errors the server sends asynchronously, above all "Permissions Violation for Publish to …":
// without this a too-narrow permission shows only as a timeout somewhere else.
void on_error(natsConnection* connection, natsSubscription*, natsStatus status, void* closure) {
  const auto* label = static_cast<ConnectionLabel*>(closure);
  const char* detail = nullptr;
  natsConnection_GetLastError(connection, &detail);
  log::error("NATS error", {{"connection", label->name},
                            {"status", natsStatus_GetText(status)},
                            {"detail", detail != nullptr ? detail : ""}});
}

// The password file's content without the line end that editors and Secrets often add.
std::string read_password(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read the NATS password file " + path);
  std::string password(std::istreambuf_iterator<char>(in), {});
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) {
    password.pop_back();
  }
  return password;
}

void apply_authentication(natsOptions* options, const NatsSettings& settings) {
  if (!settings.credentials_file.empty()) {
    check_nats(natsOptions_SetUserCredentialsFromFiles(options, settings.credentials_file.c_str(),
                                                       nullptr),
               "NATS credentials file");
  } else if (!settings.user.empty()) {
    const std::string password = read_password(settings.password_file);
    check_nats(natsOptions_SetUserInfo(options, settings.user.c_str(), password.c_str()),
               "NATS user");
    // Replies (publish acks, fetched events) come to this user's own inboxes, so its
    // permissions can allow subscribing to _INBOX_<user>.> only, not to every client's replies.
    check_nats(natsOptions_SetCustomInboxPrefix(options, ("_INBOX_" + settings.user).c_str()),
               "NATS inbox prefix");
  }
  if (!settings.ca_file.empty()) {
    check_nats(natsOptions_LoadCATrustedCertificates(options, settings.ca_file.c_str()),
               "NATS CA file");
    check_nats(natsOptions_SetSecure(options, true), "NATS TLS");
  }
}

}  // namespace

void check_nats(natsStatus status, const char* what) {
  if (status != NATS_OK) {
    throw Error(ErrorCode::kUnavailable,
                std::string(what) + " failed: " + natsStatus_GetText(status));
  }
}

NatsClient::NatsClient(const NatsSettings& settings, const std::string& connection_name,
                       NatsWrites writes)
    : settings_(settings) {
  natsOptions* options = nullptr;
  check_nats(natsOptions_Create(&options), "NATS options");
  label_ = std::make_unique<ConnectionLabel>();
  label_->name = connection_name;
  void* label = label_.get();
  natsOptions_SetName(options, connection_name.c_str());
  natsOptions_SetServers(options, nullptr, 0);
  natsOptions_SetURL(options, settings.url.c_str());
  natsOptions_SetMaxReconnect(options, -1);  // for ever
  natsOptions_SetReconnectWait(options, 250);
  natsOptions_SetReconnectBufSize(options, 64 * 1024 * 1024);
  natsOptions_SetSendAsap(options, writes == NatsWrites::kAtOnce);
  // With a connected callback the first connect does not block: it goes on in the background.
  natsOptions_SetRetryOnFailedConnect(options, true, on_connected, label);
  natsOptions_SetDisconnectedCB(options, on_disconnected, label);
  natsOptions_SetReconnectedCB(options, on_reconnected, label);
  natsOptions_SetErrorHandler(options, on_error, label);
  try {
    apply_authentication(options, settings);
  } catch (...) {
    natsOptions_Destroy(options);
    throw;
  }
  natsStatus status = natsConnection_Connect(&connection_, options);
  natsOptions_Destroy(options);
  if (status == NATS_NOT_YET_CONNECTED) {
    log::warn("NATS not reachable yet; will keep trying", {{"url", settings.url}});
  } else {
    check_nats(status, "NATS connect");
  }
}

NatsClient::~NatsClient() {
  if (connection_ != nullptr) {
    label_->closing = true;
    natsConnection_FlushTimeout(connection_, 1000);
    natsConnection_Close(connection_);
    natsConnection_Destroy(connection_);
  }
}

bool NatsClient::connected() const {
  return connection_ != nullptr && natsConnection_Status(connection_) == NATS_CONN_STATUS_CONNECTED;
}

jsCtx* NatsClient::new_context(jsPubAckHandler ack_handler, void* closure) const {
  jsOptions options;
  jsOptions_Init(&options);
  options.Wait = 5000;
  options.PublishAsync.MaxPending = 0;  // bounded by the relay's batch size instead
  options.PublishAsync.AckHandler = ack_handler;
  options.PublishAsync.AckHandlerClosure = closure;
  jsCtx* js = nullptr;
  check_nats(natsConnection_JetStream(&js, connection_, &options), "JetStream context");
  return js;
}

void NatsClient::ensure_stream() const {
  jsCtx* js = new_context();
  jsStreamConfig config;
  jsStreamConfig_Init(&config);
  const char* subjects[] = {"vnn.>"};
  config.Name = settings_.stream.c_str();
  config.Subjects = subjects;
  config.SubjectsLen = 1;
  config.Storage = settings_.storage == "memory" ? js_MemoryStorage : js_FileStorage;
  config.Retention = js_LimitsPolicy;
  config.Replicas = settings_.stream_replicas;
  config.Duplicates = settings_.duplicate_window.count() * kNanosPerSecond;
  config.MaxAge =
      std::chrono::duration_cast<std::chrono::seconds>(settings_.stream_max_age).count() *
      kNanosPerSecond;
  jsStreamInfo* info = nullptr;
  jsErrCode error = static_cast<jsErrCode>(0);
  natsStatus status = js_GetStreamInfo(&info, js, config.Name, nullptr, &error);
  if (status == NATS_NOT_FOUND) {
    status = js_AddStream(&info, js, &config, nullptr, &error);
    if (status == NATS_OK) log::info("stream created", {{"stream", settings_.stream}});
  } else if (status == NATS_OK) {
    jsStreamInfo_Destroy(info);
    info = nullptr;
    status = js_UpdateStream(&info, js, &config, nullptr, &error);
  }
  if (info != nullptr) jsStreamInfo_Destroy(info);
  jsCtx_Destroy(js);
  check_nats(status, "JetStream stream bootstrap");
}

}  // namespace vnn::platform::events
