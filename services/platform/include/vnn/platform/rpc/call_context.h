#pragma once
// One authenticated call: who is calling, for which request, until when; and what a mutating
// call changed, for the audit trail.

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/date.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::platform::rpc {

class CallContext {
 public:
  CallContext(const ServiceContext& service, auth::Principal principal, std::string method,
              std::string correlation_id, std::optional<db::Clock::time_point> deadline)
      : service_(service),
        principal_(std::move(principal)),
        method_(std::move(method)),
        correlation_id_(std::move(correlation_id)),
        deadline_(deadline) {}

  const ServiceContext& service() const { return service_; }
  const auth::Principal& principal() const { return principal_; }
  const std::string& method() const { return method_; }
  const std::string& correlation_id() const { return correlation_id_; }
  std::optional<db::Clock::time_point> deadline() const { return deadline_; }

  // Transaction options bound to this call's deadline, with statements capped at the service's
  // statement-timeout ceiling whatever the deadline.
  db::TxOptions tx_options(db::Isolation isolation = db::Isolation::kReadCommitted) const;
  // The same for an import's transactions, capped at the import ceiling instead: the payroll
  // list is one transaction whose statements write the whole list.
  db::TxOptions import_tx_options(db::Isolation isolation = db::Isolation::kReadCommitted) const;

  // True when the caller may act for `unit_code` on `date`: auditors and services everywhere;
  // everyone else for the units in their token and the units below them.
  bool may_act_for(std::string_view unit_code, const Date& date) const;
  // Throws INVALID_ARGUMENT (naming `field`) for a unit unknown on `date`, PERMISSION_DENIED for
  // a unit outside the caller's scope.
  void require_unit(std::string_view field, std::string_view unit_code, const Date& date) const;

  // What the call changed, recorded with it in the audit trail (ids, amounts; no personal data).
  void audit(std::string key, nlohmann::json value) { changes_[std::move(key)] = std::move(value); }
  const nlohmann::json& audit_changes() const { return changes_; }
  void clear_audit() { changes_ = nlohmann::json::object(); }

  // Notes that the response carries unmasked personal data of a record (`kind` "household",
  // "donor"): rpc::read writes one personal_data_read row per record in the read's own
  // transaction. Handlers call it only for what they return in clear.
  void note_personal_read(std::string kind, std::int64_t id) {
    personal_reads_.push_back({std::move(kind), id});
  }
  const std::vector<std::pair<std::string, std::int64_t>>& personal_reads() const {
    return personal_reads_;
  }
  void clear_personal_reads() { personal_reads_.clear(); }

 private:
  const ServiceContext& service_;
  auth::Principal principal_;
  std::string method_;
  std::string correlation_id_;
  std::optional<db::Clock::time_point> deadline_;
  nlohmann::json changes_ = nlohmann::json::object();
  std::vector<std::pair<std::string, std::int64_t>> personal_reads_;
};

}  // namespace vnn::platform::rpc
