#pragma once
// A fresh, migrated probe schema in the test cluster, with its runtime role and a pool, for
// tests that exercise the platform in-process against the real PostgreSQL.

#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "vnn/platform/db/pool.h"
#include "vnn/platform/service_main.h"

namespace vnn::testing {

class ProbeDatabase {
 public:
  ProbeDatabase();  // a new schema "probe_<pid>_<n>", migrated

  const std::string& schema() const { return schema_; }
  const std::string& runtime_role() const { return role_; }
  std::string runtime_dsn() const;
  const platform::ServiceDefinition& definition() const { return definition_; }
  // A pool as the service would have it (platform statements prepared).
  platform::db::ConnectionPool& pool();
  // One query as the superuser, in this schema; returns the first column of the first row.
  std::string scalar(const std::string& sql) const;

 private:
  std::string schema_;
  std::string role_;
  platform::ServiceDefinition definition_;
  std::unique_ptr<platform::db::ConnectionPool> pool_;
};

}  // namespace vnn::testing
