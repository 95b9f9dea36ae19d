#include "vnn/platform/db/after_commit.h"

#include <vector>

namespace vnn::platform::db {
namespace {

struct Pending {
  bool active = false;
  std::vector<std::function<void()>> actions;
};
thread_local Pending t_pending;
// A nested scope (a transaction run from inside another's body) keeps its own list.
thread_local std::vector<Pending> t_outer;

}  // namespace

void after_commit(std::function<void()> action) {
  if (t_pending.active) {
    t_pending.actions.push_back(std::move(action));
  } else {
    action();
  }
}

namespace internal {

AfterCommitScope::AfterCommitScope() {
  t_outer.push_back(std::move(t_pending));
  t_pending = Pending{.active = true};
}

AfterCommitScope::~AfterCommitScope() {
  t_pending = std::move(t_outer.back());
  t_outer.pop_back();
}

void AfterCommitScope::discard() { t_pending.actions.clear(); }

void AfterCommitScope::run() {
  auto actions = std::move(t_pending.actions);
  t_pending.actions.clear();
  for (auto& action : actions) action();
}

}  // namespace internal
}  // namespace vnn::platform::db
