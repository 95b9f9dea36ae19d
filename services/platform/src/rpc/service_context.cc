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

void ServiceContext::authorize_outgoing(grpc::ClientContext& context) const {
  if (!minter_) {
    throw Error(ErrorCode::kFailedPrecondition,
                "no signing key configured for calls to other services (--jwt-signing-key)");
  }
  std::string token;
  {
    std::lock_guard lock(token_mutex_);
    auto now = std::chrono::system_clock::now();
    if (token_.empty() || now >= token_renew_at_) {
      auth::Principal self;
      self.subject = "service:" + service_name_;
      self.role = auth::Role::kService;
      token_ = minter_->mint(self, kServiceTokenLifetime);
      token_renew_at_ = now + kServiceTokenLifetime / 2;
    }
    token = token_;
  }
  context.AddMetadata("authorization", "Bearer " + token);
  if (!log::correlation_id().empty()) {
    context.AddMetadata("x-correlation-id", log::correlation_id());
  }
}

}  // namespace vnn::platform::rpc
