#pragma once
// Many independent calls at once (donations, reviews, proposals): each service handles them in
// parallel and commits them in groups, so the campaign's thousands of calls take seconds.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace vnn::campaign {

// Calls fn(item) for every item on `threads` threads; rethrows the first exception after all
// threads stopped (the others stop taking new items once one failed).
template <class Item, class Fn>
void for_each_parallel(const std::vector<Item>& items, int threads, Fn fn) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto work = [&] {
    for (;;) {
      if (failed.load()) return;
      std::size_t i = next.fetch_add(1);
      if (i >= items.size()) return;
      try {
        fn(items[i]);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  int n = std::max(1, std::min<int>(threads, static_cast<int>(items.size())));
  for (int t = 0; t < n; ++t) pool.emplace_back(work);
  for (auto& thread : pool) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace vnn::campaign
