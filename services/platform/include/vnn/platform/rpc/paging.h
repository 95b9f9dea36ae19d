#pragma once
// Page tokens for list methods (AIP-158): "<last id>.<fingerprint of the filters>", so a token
// only continues the query it came from, and pages are keyset-ordered by id (stable while rows
// are added).

#include <google/protobuf/message.h>

#include <cstdint>
#include <pqxx/pqxx>
#include <string>

#include "vnn/common/v1/paging.pb.h"

namespace vnn::platform::rpc {

struct Page {
  int size = 0;             // rows to return
  std::int64_t after = 0;   // ids greater than this
  std::string fingerprint;  // of the request's filters
};

// `filters` is the request with its page cleared. Throws INVALID_ARGUMENT on page.page_size
// (negative) or page.page_token (not from this query).
Page read_page(const common::v1::PageRequest& request, const google::protobuf::Message& filters,
               int default_size, int max_size);

// Sets the next token when `more` rows exist after `last_id`.
void set_next_page(const Page& page, std::int64_t last_id, bool more,
                   common::v1::PageResponse* out);

// Walks a keyset page: `rows` come from a query ordered by id (the first column) that asked for
// page.size + 1 rows; `take(row, id)` sees the first page.size of them (and may leave a row out
// of the response, e.g. outside the caller's units), and the next token is set when more exist.
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
