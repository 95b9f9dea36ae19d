#include "page_token.h"

#include <algorithm>
#include <exception>

#include "vnn/platform/errors.h"

namespace vnn::donation {
namespace {

constexpr int kDefaultPage = 100;
constexpr int kMaxPage = 1000;

}  // namespace

PageCursor::PageCursor(const google::protobuf::Message& filters,
                       const common::v1::PageRequest& page) {
  size_ = page.page_size() == 0 ? kDefaultPage : page.page_size();
  if (size_ < 0) throw platform::invalid_argument("page.page_size", "is negative");
  size_ = std::min(size_, kMaxPage);
  // FNV-1a: stable across builds, so replicas of different versions accept each other's tokens.
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : filters.SerializeAsString()) hash = (hash ^ c) * 1099511628211ULL;
  fingerprint_ = std::to_string(hash % 1'000'000'007);
  if (page.page_token().empty()) return;
  const auto& token = page.page_token();
  const auto dot = token.find('.');
  try {
    if (dot == std::string::npos || token.substr(dot + 1) != fingerprint_) throw std::exception();
    after_ = std::stoll(token.substr(0, dot));
  } catch (const std::exception&) {
    throw platform::invalid_argument("page.page_token", "is not a token from this query");
  }
}

std::string PageCursor::next_token(std::int64_t last_id) const {
  return std::to_string(last_id) + "." + fingerprint_;
}

}  // namespace vnn::donation
