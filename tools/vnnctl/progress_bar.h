#pragma once
// The progress of a long import on standard error: how much of the file has gone to the
// service, as a bar redrawn in place. Only when standard error is a terminal — a script's log
// or a pipe gets nothing, so its output stays the report alone.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

namespace vnn::cli {

// "[#########···········]  45% 1,2/2,6 MB" — a bar `width` characters wide for `done` of `total`
// bytes (sizes in the Vietnamese way, with a decimal comma).
std::string progress_line(std::uint64_t done, std::uint64_t total, int width = 30);

class ProgressBar {
 public:
  // Draws on `out` only when `enabled`; the default is whether standard error is a terminal.
  ProgressBar(std::string label, std::uint64_t total, std::ostream& out, bool enabled);
  ProgressBar(std::string label, std::uint64_t total);
  ~ProgressBar();  // ends the line, so later messages start on a clean one
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void advance(std::uint64_t bytes);
  // Sending has ended; the line says the service is checking the file (the report follows).
  void sent(const std::string& waiting_text);

 private:
  void draw();
  std::string label_;
  std::uint64_t total_ = 0, done_ = 0;
  std::ostream& out_;
  bool enabled_ = false, drawn_ = false;
  int last_percent_ = -1;
};

// Sends the file at `path` in chunks through `write` (false: the service ended the call early;
// its Finish says why), with a progress bar labelled `label`. Returns the bar, now saying the
// service is checking the file; the caller drops it once the service has answered.
std::unique_ptr<ProgressBar> send_file(const std::string& path, const std::string& label,
                                       bool english,
                                       const std::function<bool(const char*, std::size_t)>& write);

}  // namespace vnn::cli
