#include "allocation_commands.h"

namespace vnn::cli {

std::function<int(const std::shared_ptr<grpc::Channel>&)> add_allocation_commands(
    CLI::App& app, const GlobalOptions& options) {
  auto in = std::make_shared<AllocationInputs>();
  auto commands = std::make_shared<AllocationCommandSet>();
  add_allocation_support_commands(app, options, in, *commands);
  add_allocation_ledger_commands(app, options, in, *commands);
  return [commands](const std::shared_ptr<grpc::Channel>& channel) -> int {
    auto stub = allocation::v1::AllocationService::NewStub(channel);
    return commands->run_parsed(stub.get());
  };
}

}  // namespace vnn::cli
