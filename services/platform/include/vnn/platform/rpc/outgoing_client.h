#pragma once
// Calling another VNN service: the channel (plaintext, TLS, or mutual TLS with this service's
// client certificate), a deadline on every call, this service's own bearer token, and errors
// mapped to this service's own — the downstream message never reaches our caller, only
// whether to retry.
//
//   OutgoingClient household_review(context, "household_review", settings);
//   auto stub = HouseholdReviewService::NewStub(household_review.channel());
//   auto call = household_review.context();
//   auto status = stub->GetEligibility(call.get(), request, &response);
//   if (!status.ok()) throw household_review.error(status);

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/service_context.h"

namespace CLI {
class App;
}

namespace vnn::platform::rpc {

struct OutgoingSettings {
  std::string target;     // host:port; empty: the peer is not configured
  std::string ca_file;    // TLS, verifying the peer against this CA; empty: plaintext
  std::string cert_file;  // with key_file: mutual TLS, this service's client certificate
  std::string key_file;
  std::chrono::milliseconds deadline{3000};
  // This service's token for the peer names the peer as its audience ("aud") and carries only
  // these methods ("scope"): the peer refuses it for anything else, and no other service
  // accepts it. add_outgoing_options sets the audience to the peer's name; the methods are
  // the calling code's to set.
  std::string audience;
  std::vector<std::string> methods;
};

// Adds --<peer>-target, -ca, -cert, -key and -deadline-ms with the environment variables
// VNN_<PEER>_TARGET, _CA, _CERT, _KEY, _DEADLINE_MS; `peer` is the flag form,
// e.g. "household-review", and becomes the audience of this service's tokens for it.
void add_outgoing_options(CLI::App& app, OutgoingSettings& settings, const std::string& peer,
                          const std::string& description);
// Checks the files named in `settings` exist and pair up; std::invalid_argument naming the
// option otherwise, so a service stops at start with one line.
void validate_outgoing_settings(const OutgoingSettings& settings, const std::string& peer);

class OutgoingClient {
 public:
  // `peer` is the called service's name ("household_review"), used in errors and logs.
  OutgoingClient(const ServiceContext& service, std::string peer, OutgoingSettings settings);

  bool configured() const { return channel_ != nullptr; }
  const std::string& peer() const { return peer_; }
  // FAILED_PRECONDITION when the peer is not configured.
  std::shared_ptr<grpc::Channel> channel() const;
  // A context with the deadline, this service's token and the correlation id.
  std::unique_ptr<grpc::ClientContext> context() const;
  // The error to throw for a failed call: UNAVAILABLE (reason DEPENDENCY_UNAVAILABLE) when
  // the peer could not answer in time and a retry may help, INTERNAL otherwise (a refusal
  // between our own services is our fault, not the caller's). The peer's reason code is logged.
  Error error(const grpc::Status& status) const;

 private:
  const ServiceContext& service_;
  std::string peer_;
  OutgoingSettings settings_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace vnn::platform::rpc
