#pragma once
// Cursor paging of list methods (AIP-158). The token is "<last id>.<fingerprint of the filters>":
// a token only continues the query it came from.

#include <google/protobuf/message.h>

#include <cstdint>
#include <string>

#include "vnn/common/v1/paging.pb.h"

namespace vnn::donation {

class PageCursor {
 public:
  // `filters` is the request without its page. Throws INVALID_ARGUMENT on `page.page_size` or
  // `page.page_token`.
  PageCursor(const google::protobuf::Message& filters, const common::v1::PageRequest& page);

  int size() const { return size_; }             // rows to return
  std::int64_t after() const { return after_; }  // ids above this one
  std::string next_token(std::int64_t last_id) const;

 private:
  std::string fingerprint_;
  int size_ = 0;
  std::int64_t after_ = 0;
};

}  // namespace vnn::donation
