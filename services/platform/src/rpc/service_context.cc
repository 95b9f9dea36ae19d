#include "vnn/platform/rpc/service_context.h"

#include "vnn/platform/errors.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/log.h"

namespace vnn::platform::rpc {
namespace {
constexpr auto kServiceTokenLifetime = std::chrono::minutes(10);
}

ServiceContext::ServiceContext(std::string service_name, db::ConnectionPool& pool,
                               const auth::TokenVerifier& verifier, Metrics& metrics,
                               std::chrono::milliseconds default_statement_timeout,
                               events::OutboxNotifier* notifier,
                               std::unique_ptr<auth::TokenMinter> own_credentials)
    : service_name_(std::move(service_name)),
      pool_(pool),
      verifier_(verifier),
      metrics_(metrics),
      default_timeout_(default_statement_timeout),
      outbox_(service_name_, notifier),
      minter_(std::move(own_credentials)) {}

std::string ServiceContext::token_name(const std::string& service_name) {
  std::string name = service_name;
  for (char& c : name) {
    if (c == '_') c = '-';
  }
  return name;
}

void ServiceContext::authorize_outgoing(grpc::ClientContext& context, const std::string& audience,
                                        const std::vector<std::string>& methods) const {
  if (!minter_) {
    throw Error(ErrorCode::kFailedPrecondition,
                "no signing key configured for calls to other services (--jwt-signing-key)");
  }
  if (audience.empty() || methods.empty()) {
    throw Error(ErrorCode::kInternal, "a call to another service names no audience or method");
  }
  std::string token;
  {
    std::lock_guard lock(token_mutex_);
    auto now = std::chrono::system_clock::now();
    CachedToken& cached = tokens_[{audience, methods}];
    if (cached.token.empty() || now >= cached.renew_at) {
      auth::Principal self;
      self.subject = "service:" + minter_->issuer();
      self.role = auth::Role::kService;
      self.methods = methods;
      cached.token = minter_->mint(self, kServiceTokenLifetime, audience);
      cached.renew_at = now + kServiceTokenLifetime / 2;
    }
    token = cached.token;
  }
  context.AddMetadata("authorization", "Bearer " + token);
  if (!log::correlation_id().empty()) {
    context.AddMetadata("x-correlation-id", log::correlation_id());
  }
}

}  // namespace vnn::platform::rpc
