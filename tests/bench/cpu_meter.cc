#include "cpu_meter.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

namespace vnn::testing {
namespace {

// The fields of /proc/<pid>/stat from the state on (field 3 is [0]): the command name before
// them may hold spaces and parentheses.
std::vector<long long> stat_fields(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  std::vector<long long> fields;
  if (close == std::string::npos || close + 2 >= text.size()) return fields;
  std::istringstream rest(text.substr(close + 2));
  std::string field;
  rest >> field;  // the state letter
  fields.push_back(0);
  while (rest >> field) fields.push_back(std::atoll(field.c_str()));
  return fields;
}

// utime + stime (fields 14, 15), and with `reaped` the children already waited for (16, 17):
// a postmaster's exited backends, a shell's pgbench.
long long cpu_ticks(pid_t pid, bool reaped) {
  if (pid <= 0) return 0;
  auto f = stat_fields(pid);
  if (f.size() < 15) return 0;
  return f[11] + f[12] + (reaped ? f[13] + f[14] : 0);
}

}  // namespace

CpuSample CpuMeter::sample() const {
  CpuSample s;
  s.at = SteadyClock::now();
  s.service = cpu_ticks(service_, false);
  s.nats = cpu_ticks(nats_, false);
  // This process and what it has reaped: pgbench runs as a child of a shell it waits for.
  s.client = cpu_ticks(getpid(), true);
  if (postmaster_ > 0) {
    s.postgres = cpu_ticks(postmaster_, true);
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
      const std::string name = entry.path().filename();
      if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
      const pid_t pid = std::stoi(name);
      auto f = stat_fields(pid);
      if (f.size() >= 15 && f[1] == postmaster_) s.postgres += f[11] + f[12];
    }
  }
  std::ifstream in("/proc/stat");
  std::string cpu;
  long long user = 0, nice = 0, system = 0, idle = 0, irq = 0, softirq = 0;
  in >> cpu >> user >> nice >> system >> idle >> s.iowait >> irq >> softirq >> s.steal;
  s.busy = user + nice + system + irq + softirq;
  return s;
}

CpuSplit CpuMeter::split(const CpuSample& a, const CpuSample& b) {
  static const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double wall = seconds_between(a.at, b.at) * tick;
  auto cores = [&](long long from, long long to) { return wall > 0 ? (to - from) / wall : 0; };
  return {cores(a.service, b.service), cores(a.postgres, b.postgres), cores(a.nats, b.nats),
          cores(a.client, b.client),   cores(a.busy, b.busy),         cores(a.iowait, b.iowait),
          cores(a.steal, b.steal)};
}

// "other" is what the rest of the machine used meanwhile: on a shared machine, a figure taken
// while something else ran is worth less, and this says so.
std::string describe(const CpuSplit& c, const std::string& client_name) {
  static const long cores = sysconf(_SC_NPROCESSORS_ONLN);
  const double other = std::max(0.0, c.busy - c.service - c.postgres - c.nats - c.client);
  return "CPU in cores: service " + fixed(c.service, 2) + ", postgres " + fixed(c.postgres, 2) +
         ", nats " + fixed(c.nats, 2) + ", " + client_name + " " + fixed(c.client, 2) + ", other " +
         fixed(other, 2) + "; machine busy " + fixed(c.busy, 2) + " of " + std::to_string(cores) +
         ", iowait " + fixed(c.iowait, 2) + ", steal " + fixed(c.steal, 2);
}

CpuPerUnit per_unit(const CpuSplit& c, double units_per_second) {
  if (units_per_second <= 0) return {};
  const double us = 1e6 / units_per_second;
  return {c.service * us, c.postgres * us, c.nats * us, c.client * us};
}

std::string describe(const CpuPerUnit& c, const std::string& unit, const std::string& client_name) {
  return "CPU per " + unit + ": service " + fixed(c.service, 0) + " µs, postgres " +
         fixed(c.postgres, 0) + " µs, nats " + fixed(c.nats, 0) + " µs, " + client_name + " " +
         fixed(c.client, 0) + " µs; all " + fixed(c.all(), 0) + " µs";
}

pid_t postmaster_pid(pqxx::connection& admin) {
  pqxx::nontransaction tx(admin);
  const std::string data = tx.exec1("SELECT current_setting('data_directory')")[0].c_str();
  std::ifstream in(data + "/postmaster.pid");
  pid_t pid = 0;
  in >> pid;
  return pid;
}

pid_t nats_pid() {
  const char* dir = std::getenv("VNN_STACK_DIR");
  if (dir == nullptr) return 0;
  std::ifstream in(std::string(dir) + "/nats.pid");
  pid_t pid = 0;
  in >> pid;
  return pid;
}

long status_kib(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

}  // namespace vnn::testing
