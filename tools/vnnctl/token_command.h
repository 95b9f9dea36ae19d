#pragma once
// vnnctl token: a bearer token for local development, signed as vnn-token signs it (the same
// options and checks, tools/vnn-token/token_request.h), so an officer trying the services
// locally needs one tool. Production tokens come from the identity provider, never from here.

#include <CLI/CLI.hpp>
#include <functional>

namespace vnn::cli {

// Adds "token"; returns the function that mints and prints the token when it was parsed
// (its exit code), or returns -1 when it was not. It calls no service.
std::function<int()> add_token_command(CLI::App& app);

}  // namespace vnn::cli
