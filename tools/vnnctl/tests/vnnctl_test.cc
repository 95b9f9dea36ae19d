// vnnctl as officers run it: citizen ids come from a file or standard input, never from the
// command line; TLS and mutual TLS to a real vnn-donation (certificates made here with openssl),
// by option and by environment variable.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "connection.h"
#include "secret_input.h"
#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

struct CommandRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs a shell command line; `input` goes to its standard input.
CommandRun run(const std::string& command, const std::string& input = {}) {
  const std::string input_file = "/tmp/" + unique_name("vnnctl-input");
  std::ofstream(input_file) << input;
  CommandRun result;
  FILE* pipe = popen((command + " <" + input_file + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.output += buffer.data();
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::filesystem::remove(input_file);
  return result;
}

std::string vnnctl() { return VNN_VNNCTL_BINARY; }

TEST(VnnctlSecretInput, CitizenIdIsReadFromAFileOrStandardInput) {
  const std::string path = "/tmp/" + unique_name("citizen-id");
  std::ofstream(path) << "  075062001234\n";
  std::istringstream unused;
  EXPECT_EQ(cli::read_secret_value(path, unused, "--citizen-id-file"), "075062001234");
  std::istringstream standard_input("075062009876\nanything else\n");
  EXPECT_EQ(cli::read_secret_value("-", standard_input, "--citizen-id-file"), "075062009876");
  std::istringstream empty("\n");
  EXPECT_THROW(cli::read_secret_value("-", empty, "--citizen-id-file"), std::invalid_argument);
  EXPECT_THROW(cli::read_secret_value("/tmp/does-not-exist-" + unique_name("x"), unused,
                                      "--citizen-id-file"),
               std::invalid_argument);
  std::filesystem::remove(path);
}

TEST(VnnctlSecretInput, CitizenIdOnTheCommandLineIsRefused) {
  const CommandRun refused =
      run(vnnctl() +
          " --target 127.0.0.1:1 donation record --request-id r1 --fund f "
          "--campaign c --amount 100000 --on 2024-03-01 --citizen-id 075062001234");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("--citizen-id-file"), std::string::npos) << refused.output;
  EXPECT_EQ(refused.output.find("075062001234"), std::string::npos) << refused.output;
}

TEST(VnnctlTls, MismatchedClientCertificateOptionsAreRefused) {
  cli::TlsOptions only_cert;
  only_cert.cert_file = "/tmp/cert.pem";
  EXPECT_THROW(cli::channel_credentials(only_cert), std::invalid_argument);
  cli::TlsOptions missing_ca;
  missing_ca.ca_file = "/tmp/does-not-exist-" + unique_name("ca");
  EXPECT_THROW(cli::channel_credentials(missing_ca), std::invalid_argument);
  EXPECT_FALSE(cli::TlsOptions{}.enabled());
}

// A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA.
class Certificates {
 public:
  Certificates() : dir_("/tmp/" + unique_name("vnnctl-tls")) {
    std::filesystem::create_directories(dir_);
    const std::string script =
        "set -e; cd " + dir_ +
        "; openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
        "-subj /CN=vnn-test-ca -keyout ca.key -out ca.pem 2>/dev/null"
        "; printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > server.ext"
        "; openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost "
        "-keyout server.key -out server.csr 2>/dev/null"
        "; openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
        "-extfile server.ext -out server.pem 2>/dev/null"
        "; openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=officer "
        "-keyout client.key -out client.csr 2>/dev/null"
        "; openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
        "-out client.pem 2>/dev/null";
    ok_ = std::system(("bash -c \"" + script + "\"").c_str()) == 0;
  }
  ~Certificates() { std::filesystem::remove_all(dir_); }
  bool ok() const { return ok_; }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

 private:
  std::string dir_;
  bool ok_ = false;
};

class VnnctlTlsTest : public ::testing::Test {
 protected:
  // Starts vnn-donation serving TLS (mutual TLS when `mutual`); returns its port.
  int start(bool mutual) {
    const auto& stack = TestStack::get();
    auto env = stack.service_env("vnn_donation");
    env.insert({{"VNN_JWT_KEYS", test_tokens().key_spec()},
                {"VNN_DONOR_ID_HASH_KEY_FILE", write_secret_file("vnn_donor_key")},
                {"VNN_TLS_CERT", certificates_.path("server.pem")},
                {"VNN_TLS_KEY", certificates_.path("server.key")}});
    if (mutual) env["VNN_TLS_CLIENT_CA"] = certificates_.path("ca.pem");
    process_ = std::make_unique<ServiceProcess>(VNN_DONATION_BINARY, std::vector<std::string>{},
                                                std::move(env));
    return process_->wait_for_port();
  }
  std::string health(int port, const std::string& options, const std::string& env = {}) {
    return env + " " + vnnctl() + " --target 127.0.0.1:" + std::to_string(port) + " " + options +
           " health --wait 3";
  }

  Certificates certificates_;
  std::unique_ptr<ServiceProcess> process_;
};

TEST_F(VnnctlTlsTest, TalksTlsToAServerItVerifies) {
  ASSERT_TRUE(certificates_.ok());
  const int port = start(/*mutual=*/false);
  const CommandRun verified = run(health(port, "--ca " + certificates_.path("ca.pem")));
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_NE(verified.output.find("SERVING"), std::string::npos) << verified.output;
  // The same by environment variable.
  const CommandRun by_env = run(health(port, "", "VNN_CTL_CA=" + certificates_.path("ca.pem")));
  EXPECT_EQ(by_env.exit_code, 0) << by_env.output;
  // Plaintext to a TLS port, or a server the CA did not sign: no answer.
  EXPECT_NE(run(health(port, "")).exit_code, 0);
  EXPECT_NE(run(health(port, "--ca " + certificates_.path("client.pem"))).exit_code, 0);
}

TEST_F(VnnctlTlsTest, PresentsAClientCertificateForMutualTls) {
  ASSERT_TRUE(certificates_.ok());
  const int port = start(/*mutual=*/true);
  EXPECT_NE(run(health(port, "--ca " + certificates_.path("ca.pem"))).exit_code, 0)
      << "mutual TLS let a client without a certificate in";
  const CommandRun with_cert = run(health(port, "--ca " + certificates_.path("ca.pem") +
                                                    " --cert " + certificates_.path("client.pem") +
                                                    " --key " + certificates_.path("client.key")));
  EXPECT_EQ(with_cert.exit_code, 0) << with_cert.output;
  const CommandRun by_env = run(health(port, "",
                                       "VNN_CTL_CA=" + certificates_.path("ca.pem") +
                                           " VNN_CTL_CERT=" + certificates_.path("client.pem") +
                                           " VNN_CTL_KEY=" + certificates_.path("client.key")));
  EXPECT_EQ(by_env.exit_code, 0) << by_env.output;
  // A real call with a token over mutual TLS.
  const std::string token = test_tokens().bearer(platform::auth::Role::kDistrictOffice, {"736"});
  const CommandRun units =
      run("VNN_TOKEN=" + token.substr(7) + " " + vnnctl() +
          " --target 127.0.0.1:" + std::to_string(port) + " --ca " + certificates_.path("ca.pem") +
          " --cert " + certificates_.path("client.pem") + " --key " +
          certificates_.path("client.key") + " units list --parent 736 --on 2024-03-01");
  EXPECT_EQ(units.exit_code, 0) << units.output;
  EXPECT_NE(units.output.find("26242"), std::string::npos) << units.output;
}

}  // namespace
}  // namespace vnn::testing
