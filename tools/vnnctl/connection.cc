#include "connection.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace vnn::cli {
namespace {

std::string read_pem(const std::string& path, const std::string& option) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(option + ": không đọc được tệp " + path);
  std::string content(std::istreambuf_iterator<char>(in), {});
  if (content.find("-----BEGIN") == std::string::npos) {
    throw std::invalid_argument(option + ": tệp " + path + " không phải PEM");
  }
  return content;
}

}  // namespace

void add_tls_options(CLI::App& app, TlsOptions& options) {
  app.add_flag("--tls", options.tls, "TLS, verifying the server with the system's CAs")
      ->envname("VNN_CTL_TLS");
  app.add_option("--ca", options.ca_file, "CA certificate (PEM) the services' TLS is verified with")
      ->envname("VNN_CTL_CA");
  app.add_option("--cert", options.cert_file, "your client certificate (PEM), for mutual TLS")
      ->envname("VNN_CTL_CERT");
  app.add_option("--key", options.key_file, "the client certificate's private key (PEM)")
      ->envname("VNN_CTL_KEY");
}

std::shared_ptr<grpc::ChannelCredentials> channel_credentials(const TlsOptions& options) {
  if (options.cert_file.empty() != options.key_file.empty()) {
    throw std::invalid_argument("--cert và --key: phải có cả hai");
  }
  if (!options.enabled()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  if (!options.ca_file.empty()) ssl.pem_root_certs = read_pem(options.ca_file, "--ca");
  if (!options.cert_file.empty()) {
    ssl.pem_cert_chain = read_pem(options.cert_file, "--cert");
    ssl.pem_private_key = read_pem(options.key_file, "--key");
  }
  return grpc::SslCredentials(ssl);
}

}  // namespace vnn::cli
