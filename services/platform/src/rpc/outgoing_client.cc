#include "vnn/platform/rpc/outgoing_client.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "vnn/platform/log.h"
#include "vnn/platform/rpc/error_details.h"

namespace vnn::platform::rpc {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::shared_ptr<grpc::ChannelCredentials> credentials(const OutgoingSettings& settings) {
  if (settings.ca_file.empty()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = read_file(settings.ca_file);
  if (!settings.cert_file.empty()) {
    options.pem_cert_chain = read_file(settings.cert_file);
    options.pem_private_key = read_file(settings.key_file);
  }
  return grpc::SslCredentials(options);
}

bool readable(const std::string& path) { return std::ifstream(path).good(); }

}  // namespace

void add_outgoing_options(CLI::App& app, OutgoingSettings& settings, const std::string& peer,
                          const std::string& description) {
  settings.audience = peer;
  std::string env = "VNN_";
  for (char c : peer) env += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  app.add_option("--" + peer + "-target", settings.target,
                 description + " (host:port); without it those calls are refused")
      ->envname(env + "_TARGET");
  app.add_option("--" + peer + "-ca", settings.ca_file,
                 "CA certificate for TLS to the " + description)
      ->envname(env + "_CA");
  app.add_option("--" + peer + "-cert", settings.cert_file,
                 "this service's client certificate, for mutual TLS to the " + description)
      ->envname(env + "_CERT");
  app.add_option("--" + peer + "-key", settings.key_file, "the client certificate's key")
      ->envname(env + "_KEY");
  app.add_option("--" + peer + "-deadline-ms", settings.deadline,
                 "deadline of each call to the " + description)
      ->envname(env + "_DEADLINE_MS")
      ->capture_default_str();
}

void validate_outgoing_settings(const OutgoingSettings& settings, const std::string& peer) {
  const std::string option_prefix = "--" + peer;
  for (const auto& [path, suffix] :
       {std::pair{settings.ca_file, "-ca"}, std::pair{settings.cert_file, "-cert"},
        std::pair{settings.key_file, "-key"}}) {
    if (!path.empty() && !readable(path)) {
      throw std::invalid_argument(option_prefix + suffix + ": cannot read " + path);
    }
  }
  if (settings.cert_file.empty() != settings.key_file.empty()) {
    throw std::invalid_argument(option_prefix + "-cert and " + option_prefix +
                                "-key: give both or neither");
  }
  if (!settings.cert_file.empty() && settings.ca_file.empty()) {
    throw std::invalid_argument(option_prefix + "-ca: required with a client certificate");
  }
  if (settings.deadline <= std::chrono::milliseconds::zero()) {
    throw std::invalid_argument(option_prefix + "-deadline-ms: must be positive");
  }
}

OutgoingClient::OutgoingClient(const ServiceContext& service, std::string peer,
                               OutgoingSettings settings)
    : service_(service), peer_(std::move(peer)), settings_(std::move(settings)) {
  if (!settings_.target.empty()) {
    channel_ = grpc::CreateChannel(settings_.target, credentials(settings_));
  }
}

std::shared_ptr<grpc::Channel> OutgoingClient::channel() const {
  if (!channel_) {
    throw failed_precondition("the " + peer_ + " service is not configured")
        .with_reason("DEPENDENCY_NOT_CONFIGURED")
        .with_vietnamese("Chưa cấu hình kết nối tới dịch vụ " + peer_ + ".");
  }
  return channel_;
}

std::unique_ptr<grpc::ClientContext> OutgoingClient::context() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + settings_.deadline);
  service_.authorize_outgoing(*context, settings_.audience, settings_.methods);
  return context;
}

Error OutgoingClient::error(const grpc::Status& status) const {
  const auto details = read_error_details(status);
  log::warn("call to another service failed", {{"peer", peer_},
                                               {"code", static_cast<int>(status.error_code())},
                                               {"reason", details.reason}});
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::ABORTED:
      return Error(ErrorCode::kUnavailable, "the " + peer_ + " service did not answer; retry")
          .with_reason("DEPENDENCY_UNAVAILABLE")
          .with_vietnamese("Dịch vụ " + peer_ + " chưa phản hồi; hãy thử lại.");
    default:
      return Error(ErrorCode::kInternal, "the " + peer_ + " service refused a call");
  }
}

}  // namespace vnn::platform::rpc
