#pragma once
// Page tokens for list methods (AIP-158). A token is opaque to the client: the last id of the
// page it continues and its expiry, signed (HMAC-SHA256) under the service's page-token key
// together with who asked (subject, role, units, organisation), the method and the query's
// filters. So a token only continues the query it came from, for the caller it was issued to,
// until it expires; a tampered, foreign or stale one is refused. Replicas sharing the key accept
// each other's tokens. Pages are keyset-ordered by id (stable while rows are added).

#include <google/protobuf/message.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <vector>

#include "vnn/common/v1/paging.pb.h"

namespace vnn::platform::rpc {

class CallContext;

// Signs and checks page tokens. The first key signs; every key verifies (the previous key is
// kept for one TTL after a rotation, so pages in flight continue).
class PageTokenSigner {
 public:
  PageTokenSigner(std::vector<std::string> keys, std::chrono::seconds ttl);
  // A signer with a random key of its own: tokens are good for this process only.
  static PageTokenSigner ephemeral(std::chrono::seconds ttl);

  // `binding` names the caller and the query (see read_page).
  std::string issue(std::string_view binding, std::int64_t last_id,
                    std::chrono::system_clock::time_point now) const;
  // The last id, or nullopt when the token is malformed, signed under no key of this signer,
  // issued for another binding, or expired.
  std::optional<std::int64_t> verify(std::string_view token, std::string_view binding,
                                     std::chrono::system_clock::time_point now) const;
  std::chrono::seconds ttl() const { return ttl_; }

 private:
  std::string mac(std::string_view key, std::string_view payload, std::string_view binding) const;

  std::vector<std::string> keys_;
  std::chrono::seconds ttl_;
};

struct Page {
  int size = 0;                             // rows to return
  std::int64_t after = 0;                   // ids greater than this
  std::string binding;                      // the caller and the request's filters
  const PageTokenSigner* signer = nullptr;  // the service's
};

// What a token is bound to: the caller's subject, role, units and organisation, the method, and
// `filters` (the request with its page cleared).
std::string page_binding(const CallContext& call, const google::protobuf::Message& filters);

// Throws INVALID_ARGUMENT on page.page_size (negative) or page.page_token (PAGE_TOKEN_INVALID:
// not from this query and caller, altered, or expired).
Page read_page(const CallContext& call, const common::v1::PageRequest& request,
               const google::protobuf::Message& filters, int default_size, int max_size);

// Sets the next token when `more` rows exist after `last_id`.
void set_next_page(const Page& page, std::int64_t last_id, bool more,
                   common::v1::PageResponse* out);

// Walks a keyset page: `rows` come from a query ordered by id (the first column) that asked for
// page.size + 1 rows and holds only rows the caller may see (the scope is part of the query);
// `take(row, id)` sees the first page.size of them, and the next token is set when more exist.
template <typename Take>
void take_page(const pqxx::result& rows, const Page& page, common::v1::PageResponse* out,
               Take take) {
  std::int64_t last = page.after;
  int taken = 0;
  for (const auto& row : rows) {
    if (taken == page.size) break;
    ++taken;
    last = row[0].as<std::int64_t>();
    take(row, last);
  }
  set_next_page(page, last, static_cast<int>(rows.size()) > page.size, out);
}

}  // namespace vnn::platform::rpc
