#include "global_options.h"

#include <chrono>

namespace vnn::cli {

std::unique_ptr<grpc::ClientContext> GlobalOptions::context() const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

}  // namespace vnn::cli
