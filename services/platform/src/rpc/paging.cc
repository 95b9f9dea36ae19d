#include "vnn/platform/rpc/paging.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

#include "vnn/platform/auth/principal.h"
#include "vnn/platform/crypto/secrets.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/call_context.h"

namespace vnn::platform::rpc {
namespace {

constexpr char kVersion = '\x01';
constexpr std::size_t kPayloadBytes = 1 + 8 + 8;  // version, last id, expiry (Unix seconds)
constexpr std::size_t kMacBytes = 32;

void put_u64(std::string& out, std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(value >> shift));
}
std::uint64_t get_u64(std::string_view in) {
  std::uint64_t value = 0;
  for (unsigned char c : in.substr(0, 8)) value = (value << 8) | c;
  return value;
}

// Length-prefixed, so no two different tuples give the same text.
void add_part(std::string& out, std::string_view part) {
  put_u64(out, part.size());
  out.append(part);
}

Error bad_token() {
  return invalid_argument("page.page_token", "is not a valid token for this query and caller",
                          "không phải mã trang hợp lệ của truy vấn này")
      .with_reason(reason::kPageTokenInvalid);
}

}  // namespace

PageTokenSigner::PageTokenSigner(std::vector<std::string> keys, std::chrono::seconds ttl)
    : keys_(std::move(keys)), ttl_(ttl) {
  if (keys_.empty()) throw std::invalid_argument("a page-token signer needs a key");
  if (ttl_.count() <= 0) throw std::invalid_argument("page tokens need a positive lifetime");
}

PageTokenSigner PageTokenSigner::ephemeral(std::chrono::seconds ttl) {
  std::string key(32, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(key.size())) != 1) {
    throw std::runtime_error("no random bytes for a page-token key");
  }
  return PageTokenSigner({std::move(key)}, ttl);
}

std::string PageTokenSigner::mac(std::string_view key, std::string_view payload,
                                 std::string_view binding) const {
  std::string message = "vnn-page-token";
  add_part(message, payload);
  add_part(message, binding);
  return crypto::keyed_hash(key, message);
}

std::string PageTokenSigner::issue(std::string_view binding, std::int64_t last_id,
                                   std::chrono::system_clock::time_point now) const {
  std::string payload(1, kVersion);
  put_u64(payload, static_cast<std::uint64_t>(last_id));
  const auto expires =
      std::chrono::duration_cast<std::chrono::seconds>((now + ttl_).time_since_epoch()).count();
  put_u64(payload, static_cast<std::uint64_t>(expires));
  return db::to_hex(payload + mac(keys_.front(), payload, binding));
}

std::optional<std::int64_t> PageTokenSigner::verify(
    std::string_view token, std::string_view binding,
    std::chrono::system_clock::time_point now) const {
  std::string raw;
  try {
    raw = db::from_hex(token);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  if (raw.size() != kPayloadBytes + kMacBytes || raw[0] != kVersion) return std::nullopt;
  const std::string_view payload(raw.data(), kPayloadBytes);
  const std::string_view given(raw.data() + kPayloadBytes, kMacBytes);
  const bool signed_here = std::any_of(keys_.begin(), keys_.end(), [&](const std::string& key) {
    const auto expected = mac(key, payload, binding);
    return CRYPTO_memcmp(expected.data(), given.data(), kMacBytes) == 0;
  });
  if (!signed_here) return std::nullopt;
  const auto expires = static_cast<std::int64_t>(get_u64(payload.substr(9)));
  const auto at = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (at > expires) return std::nullopt;
  const auto last = static_cast<std::int64_t>(get_u64(payload.substr(1)));
  if (last < 0) return std::nullopt;
  return last;
}

std::string page_binding(const CallContext& call, const google::protobuf::Message& filters) {
  const auto& who = call.principal();
  std::string binding;
  add_part(binding, who.subject);
  add_part(binding, auth::role_name(who.role));
  put_u64(binding, who.unit_codes.size());
  for (const auto& unit : who.unit_codes) add_part(binding, unit);
  add_part(binding, who.organisation_id);
  add_part(binding, call.method());
  add_part(binding, filters.GetTypeName());
  add_part(binding, filters.SerializeAsString());
  return binding;
}

Page read_page(const CallContext& call, const common::v1::PageRequest& request,
               const google::protobuf::Message& filters, int default_size, int max_size) {
  Page page;
  if (request.page_size() < 0) {
    throw invalid_argument("page.page_size", "is negative", "không được là số âm");
  }
  page.size = request.page_size() == 0 ? default_size : std::min(request.page_size(), max_size);
  page.binding = page_binding(call, filters);
  page.signer = &call.service().page_tokens();
  if (request.page_token().empty()) return page;
  const auto after =
      page.signer->verify(request.page_token(), page.binding, std::chrono::system_clock::now());
  if (!after) throw bad_token();
  page.after = *after;
  return page;
}

void set_next_page(const Page& page, std::int64_t last_id, bool more,
                   common::v1::PageResponse* out) {
  if (!more) return;
  if (page.signer == nullptr) throw std::logic_error("a page read without read_page");
  out->set_next_page_token(
      page.signer->issue(page.binding, last_id, std::chrono::system_clock::now()));
}

}  // namespace vnn::platform::rpc
