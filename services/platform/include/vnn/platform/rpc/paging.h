#pragma once
// Page tokens for list methods (AIP-158): "<last id>.<fingerprint of the filters>", so a token
// only continues the query it came from, and pages are keyset-ordered by id (stable while rows
// are added).

#include <google/protobuf/message.h>

#include <cstdint>
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

}  // namespace vnn::platform::rpc
