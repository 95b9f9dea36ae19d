#include "runner/progress.h"

#include <unistd.h>

#include <cstdio>

namespace vnn::campaign {

Progress::Progress(std::string label, long total)
    : label_(std::move(label)),
      total_(total),
      terminal_(::isatty(STDERR_FILENO) == 1),
      started_(std::chrono::steady_clock::now()) {
  if (!terminal_) std::fprintf(stderr, "  %s (%ld)…\n", label_.c_str(), total_);
  draw(0, false);
}

Progress::~Progress() { done(); }

void Progress::tick(long n) {
  long count = count_.fetch_add(n) + n;
  draw(count, false);
}

void Progress::done() {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (terminal_) std::fprintf(stderr, "\r\033[K");
  std::fprintf(stderr, "  %s: %ld/%ld, %.1f s\n", label_.c_str(), count_.load(), total_, seconds);
}

void Progress::draw(long count, bool final_line) {
  if (!terminal_) return;
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (finished_) return;
  // At most ten redraws a second: a terminal is slower than the calls.
  if (!final_line && count != 0 && count != total_ &&
      now - last_draw_ < std::chrono::milliseconds(100)) {
    return;
  }
  last_draw_ = now;
  constexpr int kWidth = 30;
  int filled = total_ > 0 ? static_cast<int>(kWidth * count / total_) : kWidth;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r\033[K  %s [%s] %ld/%ld", label_.c_str(), bar.c_str(), count, total_);
  std::fflush(stderr);
}

}  // namespace vnn::campaign
