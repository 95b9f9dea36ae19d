#include "token_command.h"

#include <iostream>
#include <memory>

#include "call_errors.h"
#include "output.h"
#include "token_request.h"

namespace vnn::cli {

std::function<int()> add_token_command(CLI::App& app) {
  auto request = std::make_shared<token::TokenRequest>();
  auto* command = app.add_subcommand(
      "token", "mint a bearer token for local development (as vnn-token does); prints it");
  // --key is the TLS client key among vnnctl's own options, hence --signing-key here.
  token::add_token_options(*command, *request, "--signing-key");
  add_example(command,
              "export VNN_TOKEN=$(vnnctl token --signing-key "
              "kid=local-officers,alg=ES256,file=.local/keys/officers-es256.key \\\n"
              "    --subject vp-mttq-dinh-quan --role district_office --unit 736 --ttl 8h)");
  return [command, request]() -> int {
    if (!command->parsed()) return -1;
    try {
      std::cout << token::mint_token(*request) << "\n";
      return kExitOk;
    } catch (const token::UsageError& error) {
      std::cerr << "vnnctl token: " << error.what() << "\n";
      return kExitUsage;
    } catch (const std::exception& error) {
      std::cerr << "vnnctl token: " << error.what() << "\n";
      return kExitFailed;
    }
  };
}

}  // namespace vnn::cli
