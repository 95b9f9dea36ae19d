#include "vnn/platform/rpc/service_context.h"

#include "audit_writer.h"
#include "vnn/platform/db/transaction.h"
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

ServiceContext::~ServiceContext() = default;

void ServiceContext::set_admission(const AdmissionLimits& limits) {
  admission_ = limits;
  audit_writer_.reset();
  audit_writer_ = std::make_unique<detail::AuditWriter>(
      limits.audit_queue, 100,
      [this](std::vector<detail::OwnedAudit>& batch) {
        db::TxOptions options;
        options.default_statement_timeout = std::chrono::milliseconds(2000);
        options.statement_timeout_ceiling = statement_timeout_ceiling_;
        db::with_transaction(pool_, options, [&](pqxx::transaction_base& tx) {
          for (auto& audit : batch) {
            audit.entry.principal = audit.who ? &*audit.who : nullptr;
            detail::write_audit(tx, audit.entry);
          }
        });
      },
      [this] { metrics_.add_audit_dropped(); });
}

void ServiceContext::note_unauthenticated(const std::string& method) const {
  metrics_.add_unauthenticated(method);
  const std::int64_t count = ++unauthenticated_since_log_;
  const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now().time_since_epoch())
                               .count();
  std::int64_t last = last_refusal_log_ms_.load();
  const std::int64_t interval =
      std::chrono::duration_cast<std::chrono::milliseconds>(admission_.refusal_log_interval)
          .count();
  if (last != 0 && now - last < interval) return;
  // One thread wins the line for this interval.
  if (!last_refusal_log_ms_.compare_exchange_strong(last, now)) return;
  const std::int64_t calls = unauthenticated_since_log_.exchange(0);
  log::warn("unauthenticated calls refused",
            {{"method", method},
             {"calls", calls > 0 ? calls : count},
             {"interval_s", admission_.refusal_log_interval.count()}});
}

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
