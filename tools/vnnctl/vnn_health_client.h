#pragma once
// A minimal client of the standard gRPC health service (grpc.health.v1.Health/Check). Debian's
// gRPC ships no generated client for it, and its two messages are tiny, so they are encoded by
// hand: HealthCheckRequest{service=1:string}, HealthCheckResponse{status=1:enum}.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <string>

namespace vnn::cli {

// "SERVING", "NOT_SERVING", "UNKNOWN", "SERVICE_UNKNOWN" or "UNREACHABLE: <reason>".
std::string check_health(const std::shared_ptr<grpc::Channel>& channel,
                         const std::string& service = "");

}  // namespace vnn::cli
