#pragma once
// What a service's handlers share: the pool, the outbox writer, the token verifier, the unit
// tree, metrics, and the service's own credentials for calling other services.

#include <grpcpp/client_context.h>

#include <atomic>
#include <cstddef>
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
namespace detail {
class AuditWriter;
}  // namespace detail

// How much refused or waiting work the service keeps (config.h, AdmissionSettings).
struct AdmissionLimits {
  std::size_t audit_queue = 1000;
  std::chrono::seconds refusal_log_interval{60};
  std::size_t group_commit_max_queued = 10000;
};

class ServiceContext {
 public:
  ServiceContext(std::string service_name, db::ConnectionPool& pool,
                 const auth::TokenVerifier& verifier, Metrics& metrics,
                 std::chrono::milliseconds default_statement_timeout,
                 events::OutboxNotifier* notifier,
                 std::unique_ptr<auth::TokenMinter> own_credentials = nullptr);
  ~ServiceContext();  // writes the queued audit entries first

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
  // The statement-timeout ceilings (VNN_DB_STATEMENT_TIMEOUT_CEILING_MS, and for imports
  // VNN_DB_IMPORT_STATEMENT_TIMEOUT_CEILING_MS).
  void set_statement_timeout_ceilings(std::chrono::milliseconds ordinary,
                                      std::chrono::milliseconds imports) {
    statement_timeout_ceiling_ = ordinary;
    import_statement_timeout_ceiling_ = imports;
  }
  std::chrono::milliseconds statement_timeout_ceiling() const { return statement_timeout_ceiling_; }
  std::chrono::milliseconds import_statement_timeout_ceiling() const {
    return import_statement_timeout_ceiling_;
  }

  // Starts the background audit writer (before serving); without it refusals are audited
  // synchronously, as tools that make a context of their own expect.
  void set_admission(const AdmissionLimits& limits);
  const AdmissionLimits& admission() const { return admission_; }
  // Null until set_admission.
  detail::AuditWriter* audit_writer() const { return audit_writer_.get(); }
  // A call refused for want of a valid token: counted by method, and logged at most once per
  // refusal_log_interval (with how many there were since the last line). Never audited: rows
  // per anonymous call would let anyone fill the disk.
  void note_unauthenticated(const std::string& method) const;

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
  std::chrono::milliseconds statement_timeout_ceiling_{10000};
  std::chrono::milliseconds import_statement_timeout_ceiling_{600000};
  AdmissionLimits admission_;
  std::unique_ptr<detail::AuditWriter> audit_writer_;
  mutable std::atomic<std::int64_t> unauthenticated_since_log_{0};
  mutable std::atomic<std::int64_t> last_refusal_log_ms_{0};  // steady clock; 0: never
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
