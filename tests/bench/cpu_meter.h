#pragma once
// Where the CPU goes during a benchmark: per-process times from /proc (the service, PostgreSQL
// with its backends, nats-server, the bench itself) and the whole machine's, so that a figure
// comes with its cost and with what else ran meanwhile, without a profiler.

#include <sys/types.h>

#include <pqxx/pqxx>
#include <string>

#include "bench_figures.h"

namespace vnn::testing {

struct CpuSample {
  SteadyClock::time_point at;
  long long service = 0, postgres = 0, nats = 0, client = 0;
  long long busy = 0, iowait = 0, steal = 0;  // the whole machine
};

struct CpuSplit {
  double service = 0, postgres = 0, nats = 0, client = 0, busy = 0, iowait = 0, steal = 0;
};

class CpuMeter {
 public:
  CpuMeter(pid_t postmaster, pid_t nats) : postmaster_(postmaster), nats_(nats) {}
  void set_service(pid_t pid) { service_ = pid; }

  CpuSample sample() const;
  // In cores: CPU seconds per wall second.
  static CpuSplit split(const CpuSample& a, const CpuSample& b);

 private:
  pid_t postmaster_ = 0;
  pid_t nats_ = 0;
  pid_t service_ = 0;
};

// "CPU in cores: service …, other …; machine busy … of 2, …"; `client_name` names the bench's
// own share.
std::string describe(const CpuSplit& c, const std::string& client_name);

// CPU time per unit of work, in µs, process by process: which one a change made cheaper, e.g.
// "CPU per donation: service 128 µs, …; all 420 µs".
struct CpuPerUnit {
  double service = 0, postgres = 0, nats = 0, client = 0;
  double all() const { return service + postgres + nats + client; }
};
CpuPerUnit per_unit(const CpuSplit& c, double units_per_second);
std::string describe(const CpuPerUnit& c, const std::string& unit, const std::string& client_name);

// The postmaster of the stack behind `admin`, and the stack's nats-server (0 if unknown).
pid_t postmaster_pid(pqxx::connection& admin);
pid_t nats_pid();

// A "VmRSS"/"VmHWM"-style field of /proc/<pid>/status, in KiB; -1 if absent.
long status_kib(pid_t pid, const std::string& field);

}  // namespace vnn::testing
