#pragma once
// What a service's handlers share: the pool, the outbox writer, the token verifier, the unit
// tree, metrics, and the service's own credentials for calling other services.

#include <grpcpp/client_context.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "vnn/platform/auth/token_minter.h"
#include "vnn/platform/auth/token_verifier.h"
#include "vnn/platform/db/pool.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/metrics.h"
#include "vnn/platform/rpc/paging.h"
#include "vnn/platform/text/csv_import.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::platform::rpc {

class ServiceContext {
 public:
  ServiceContext(std::string service_name, db::ConnectionPool& pool,
                 const auth::TokenVerifier& verifier, Metrics& metrics,
                 std::chrono::milliseconds default_statement_timeout,
                 events::OutboxNotifier* notifier,
                 std::unique_ptr<auth::TokenMinter> own_credentials = nullptr);

  const std::string& service_name() const { return service_name_; }
  db::ConnectionPool& pool() const { return pool_; }
  const events::OutboxWriter& outbox() const { return outbox_; }
  const auth::TokenVerifier& verifier() const { return verifier_; }
  Metrics& metrics() const { return metrics_; }
  const units::AdminUnitTree& units() const { return units::AdminUnitTree::builtin(); }
  std::chrono::milliseconds default_statement_timeout() const { return default_timeout_; }
  // The limits every CSV import of the service starts from (VNN_IMPORT_MAX_ROWS, …).
  const text::ImportLimits& import_limits() const { return import_limits_; }
  void set_import_limits(const text::ImportLimits& limits) { import_limits_ = limits; }
  // Signs and checks the page tokens of list methods (VNN_PAGE_TOKEN_KEY_FILE, …); until one is
  // set, a random key of this process.
  const PageTokenSigner& page_tokens() const { return page_tokens_; }
  void set_page_tokens(PageTokenSigner signer) { page_tokens_ = std::move(signer); }

  // Adds this service's bearer token (role "service", "aud" `audience`, "scope" `methods`) and
  // the current correlation id to an outgoing call. Throws Error(kFailedPrecondition) if no
  // signing key is configured or no audience or method is named.
  void authorize_outgoing(grpc::ClientContext& context, const std::string& audience,
                          const std::vector<std::string>& methods) const;

  // The name a service token for this service carries as "aud" and a token from it as "iss":
  // the name in flag form ("household-review").
  static std::string token_name(const std::string& service_name);

 private:
  std::string service_name_;
  db::ConnectionPool& pool_;
  const auth::TokenVerifier& verifier_;
  Metrics& metrics_;
  std::chrono::milliseconds default_timeout_;
  events::OutboxWriter outbox_;
  text::ImportLimits import_limits_;
  PageTokenSigner page_tokens_ = PageTokenSigner::ephemeral(std::chrono::hours(1));
  std::unique_ptr<auth::TokenMinter> minter_;
  struct CachedToken {
    std::string token;
    std::chrono::system_clock::time_point renew_at{};
  };
  mutable std::mutex token_mutex_;
  // By audience and methods.
  mutable std::map<std::pair<std::string, std::vector<std::string>>, CachedToken> tokens_;
};

}  // namespace vnn::platform::rpc
