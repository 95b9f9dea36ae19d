#include "progress_bar.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace vnn::cli {
namespace {

// Megabytes with one decimal, a comma as Vietnamese writes it: 1,2.
std::string megabytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / (1024.0 * 1024.0));
  std::string out = text;
  std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

}  // namespace

std::string progress_line(std::uint64_t done, std::uint64_t total, int width) {
  const double share = total == 0 ? 1.0 : std::min(1.0, static_cast<double>(done) / total);
  const int filled = static_cast<int>(share * width);
  std::string bar = "[";
  for (int i = 0; i < width; ++i) bar += i < filled ? "#" : "·";
  char percent[8];
  std::snprintf(percent, sizeof percent, "%3d%%", static_cast<int>(share * 100));
  return bar + "] " + percent + " " + megabytes(done) + "/" + megabytes(total) + " MB";
}

ProgressBar::ProgressBar(std::string label, std::uint64_t total, std::ostream& out, bool enabled)
    : label_(std::move(label)), total_(total), out_(out), enabled_(enabled) {
  draw();
}

ProgressBar::ProgressBar(std::string label, std::uint64_t total)
    : ProgressBar(std::move(label), total, std::cerr, ::isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() {
  if (enabled_ && drawn_) out_ << "\r\033[K" << std::flush;
}

void ProgressBar::advance(std::uint64_t bytes) {
  done_ += bytes;
  draw();
}

void ProgressBar::sent(const std::string& waiting_text) {
  if (!enabled_) return;
  // What was sent, not the whole file: the service may have ended the call early.
  out_ << "\r\033[K" << label_ << " " << progress_line(done_, total_) << " — " << waiting_text
       << std::flush;
  drawn_ = true;
}

void ProgressBar::draw() {
  if (!enabled_) return;
  const int percent =
      total_ == 0 ? 100 : static_cast<int>(std::min<std::uint64_t>(done_, total_) * 100 / total_);
  if (percent == last_percent_) return;  // a redraw per percent is enough
  last_percent_ = percent;
  out_ << "\r\033[K" << label_ << " " << progress_line(done_, total_) << std::flush;
  drawn_ = true;
}

std::unique_ptr<ProgressBar> send_file(const std::string& path, const std::string& label,
                                       bool english,
                                       const std::function<bool(const char*, std::size_t)>& write) {
  std::error_code size_error;
  const auto size = std::filesystem::file_size(path, size_error);
  auto bar = std::make_unique<ProgressBar>(label, size_error ? 0 : size);
  std::ifstream file(path, std::ios::binary);
  // 64 KiB: small enough for the bar to move on a list of a few megabytes.
  std::string buffer(64 * 1024, '\0');
  while (file.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) ||
         file.gcount() > 0) {
    const auto n = static_cast<std::size_t>(file.gcount());
    if (!write(buffer.data(), n)) break;
    bar->advance(n);
  }
  bar->sent(english ? "the service is checking it…" : "dịch vụ đang kiểm tra…");
  return bar;
}

}  // namespace vnn::cli
