#include "vnn/testing/calls.h"

#include <pqxx/pqxx>

#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {

std::string bearer_for(platform::auth::Role role, std::vector<std::string> units,
                       std::string organisation, std::string subject) {
  // A service is the donation service, with its own key and scope (test_tokens.h).
  if (role == platform::auth::Role::kService) return test_tokens().bearer(role);
  platform::auth::Principal principal;
  principal.subject = std::move(subject);
  principal.role = role;
  principal.unit_codes = std::move(units);
  principal.organisation_id = std::move(organisation);
  return test_tokens().bearer(principal);
}

std::unique_ptr<grpc::ClientContext> client_context(const std::string& bearer) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!bearer.empty()) context->AddMetadata("authorization", bearer);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return context;
}

std::string error_field(const grpc::ClientContext& context) {
  const auto& trailers = context.GetServerTrailingMetadata();
  auto found = trailers.find("vnn-error-field");
  return found == trailers.end() ? "" : std::string(found->second.data(), found->second.size());
}

std::string schema_scalar(const std::string& schema, const std::string& sql) {
  pqxx::connection c(TestStack::get().admin_dsn);
  pqxx::work tx(c);
  tx.exec("SET LOCAL search_path = " + tx.quote_name(schema) + ", public");
  auto rows = tx.exec(sql);
  tx.commit();
  if (rows.empty() || rows[0][0].is_null()) return {};
  return rows[0][0].c_str();
}

}  // namespace vnn::testing
