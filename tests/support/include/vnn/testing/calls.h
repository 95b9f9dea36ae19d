#pragma once
// What every service's integration tests do to call it: a bearer for a principal, a client
// context carrying it, the field named by an INVALID_ARGUMENT error, and a look into a schema.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "vnn/platform/auth/principal.h"

namespace vnn::testing {

std::string bearer_for(platform::auth::Role role, std::vector<std::string> units = {},
                       std::string organisation = {}, std::string subject = "officer");

// A context with the bearer (none if empty) and a 20 s deadline.
std::unique_ptr<grpc::ClientContext> client_context(const std::string& bearer);

// The "vnn-error-field" trailer of a finished call; empty if none.
std::string error_field(const grpc::ClientContext& context);

// First column of the first row of `sql`, run as the superuser with `schema` on the search
// path; empty for no row or NULL.
std::string schema_scalar(const std::string& schema, const std::string& sql);

}  // namespace vnn::testing
