#pragma once
// How vnnctl reaches the services: plaintext (local development), TLS verifying the server
// against a CA (or the system's roots), or mutual TLS with the officer's client certificate.

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace vnn::cli {

struct TlsOptions {
  bool tls = false;       // --tls: TLS with the system's root certificates
  std::string ca_file;    // --ca / VNN_CTL_CA: TLS, verifying the server with this CA
  std::string cert_file;  // --cert / VNN_CTL_CERT: with --key, mutual TLS
  std::string key_file;   // --key / VNN_CTL_KEY
  bool enabled() const { return tls || !ca_file.empty() || !cert_file.empty(); }
};

// Adds --tls, --ca, --cert and --key with their environment variables.
void add_tls_options(CLI::App& app, TlsOptions& options);

// The credentials for a channel; throws std::invalid_argument (in Vietnamese, naming the
// option) when a file cannot be read or --cert and --key do not come together.
std::shared_ptr<grpc::ChannelCredentials> channel_credentials(const TlsOptions& options);

}  // namespace vnn::cli
