#include "runner/play.h"

#include <stdexcept>

namespace vnn::campaign {

std::string Play::request_id(std::string_view what, std::string_view key) const {
  std::string id = scenario.campaign.id;
  id += '/';
  id += what;
  id += '/';
  id += key;
  return id;
}

void Play::set_id(std::string_view book, const std::string& key, std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto found = ids_.find(book);
  if (found == ids_.end())
    found = ids_.emplace(std::string(book), std::map<std::string, std::int64_t>{}).first;
  found->second[key] = id;
}

std::int64_t Play::id(std::string_view book, const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto found = ids_.find(book);
  if (found != ids_.end()) {
    auto id = found->second.find(key);
    if (id != found->second.end()) return id->second;
  }
  throw std::out_of_range("no " + std::string(book) + " id for " + key);
}

bool Play::has_id(std::string_view book, const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto found = ids_.find(book);
  return found != ids_.end() && found->second.count(key) > 0;
}

}  // namespace vnn::campaign
