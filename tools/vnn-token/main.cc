// vnn-token: signs bearer tokens for local development and tests, and makes the HS256 key they
// are signed with. Production callers get tokens from the identity provider, never from here.
//
//   vnn-token --generate-hs256-key dev.key
//   vnn-token --key kid=local,alg=HS256,file=dev.key --subject officer-17
//             --role commune_officer --unit 26242 --ttl 8h
//
// Exit codes: 0 success, 1 failure (file system, signing), 2 bad usage.

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>

#include "token_request.h"

namespace {

using vnn::token::UsageError;

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// O_EXCL: an existing key is never overwritten, since tokens signed with it would stop working.
// Mode 0600 from the start, so the secret is never readable by others, even briefly.
int generate_hs256_key(const std::string& path) {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    std::cerr << "vnn-token: no randomness available to make a key\n";
    return kExitFailure;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : bytes) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0x0F]);
  }
  hex.push_back('\n');

  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) {
    std::cerr << "vnn-token: " << path << " already exists; remove it first to make a new key\n";
    return kExitFailure;
  }
  if (fd < 0) {
    std::cerr << "vnn-token: cannot create " << path << ": " << std::strerror(errno) << "\n";
    return kExitFailure;
  }
  bool ok = ::fchmod(fd, 0600) == 0;
  std::size_t written = 0;
  while (ok && written < hex.size()) {
    const ssize_t n = ::write(fd, hex.data() + written, hex.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  const int saved_errno = errno;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    std::cerr << "vnn-token: cannot write " << path << ": " << std::strerror(saved_errno) << "\n";
    ::unlink(path.c_str());
    return kExitFailure;
  }
  std::cerr << "vnn-token: wrote a new HS256 key to " << path << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Signs a bearer token for local development (or makes the HS256 key to sign with).",
               "vnn-token"};
  vnn::token::TokenRequest request;
  std::string generate_path;
  const auto token_options = vnn::token::add_token_options(app, request, "--key");
  auto* generate =
      app.add_option("--generate-hs256-key", generate_path,
                     "write a new random 32-byte HS256 key (hex, mode 0600) to this path and exit");
  for (auto* claim : token_options.claims) generate->excludes(claim);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help
    std::cerr << "vnn-token: " << error.what() << " (see --help)\n";
    return kExitUsage;
  }

  if (!generate_path.empty()) return generate_hs256_key(generate_path);

  try {
    std::cout << vnn::token::mint_token(request) << "\n";
    return 0;
  } catch (const UsageError& error) {
    std::cerr << "vnn-token: " << error.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& error) {
    std::cerr << "vnn-token: " << error.what() << "\n";
    return kExitFailure;
  }
}
