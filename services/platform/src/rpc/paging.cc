#include "vnn/platform/rpc/paging.h"

#include <algorithm>

#include "vnn/platform/errors.h"

namespace vnn::platform::rpc {

Page read_page(const common::v1::PageRequest& request, const google::protobuf::Message& filters,
               int default_size, int max_size) {
  Page page;
  if (request.page_size() < 0) throw invalid_argument("page.page_size", "is negative");
  page.size = request.page_size() == 0 ? default_size : std::min(request.page_size(), max_size);
  // FNV-1a: stable across builds, so replicas of different versions accept each other's tokens.
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : filters.SerializeAsString()) hash = (hash ^ c) * 1099511628211ULL;
  page.fingerprint = std::to_string(hash % 1'000'000'007);
  const auto& token = request.page_token();
  if (token.empty()) return page;
  const auto dot = token.find('.');
  try {
    if (dot == std::string::npos || token.substr(dot + 1) != page.fingerprint) {
      throw std::invalid_argument("foreign token");
    }
    page.after = std::stoll(token.substr(0, dot));
  } catch (const std::exception&) {
    throw invalid_argument("page.page_token", "is not a token from this query");
  }
  return page;
}

void set_next_page(const Page& page, std::int64_t last_id, bool more,
                   common::v1::PageResponse* out) {
  if (more) out->set_next_page_token(std::to_string(last_id) + "." + page.fingerprint);
}

}  // namespace vnn::platform::rpc
