#pragma once
// One line per step on stderr: on a terminal it counts up in place ("  Ghi nhận ủng hộ 412/1380"),
// elsewhere (logs, CI) it prints the step once when it starts and once with its time when done.

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

namespace vnn::campaign {

class Progress {
 public:
  Progress(std::string label, long total);
  ~Progress();  // prints the end line if done() was not called
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void tick(long n = 1);  // thread-safe
  void done();

 private:
  void draw(long count, bool final_line);

  std::string label_;
  long total_;
  std::atomic<long> count_{0};
  bool terminal_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_;
  std::mutex mutex_;
};

}  // namespace vnn::campaign
