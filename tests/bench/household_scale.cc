// vnn-household-scale: the household registry at a province's size. The targets (the issue's):
// importing 100,000 households, with the duplicate search, takes under a minute, and a
// duplicate check for one new household answers in under 50 ms (p99) at that size.
//
// It starts the real vnn-household-review process and imports a synthetic official list
// (household_list.h) through ImportHouseholds, one stream per commune as each commune's officer,
// timed on the wall clock from the first byte sent to the last report received. It then counts
// the duplicate pairs planted in the list that the service recorded, and times CheckDuplicates
// for one new household (a head and two members) in rounds of sequential calls: a third of the
// probes repeat a registered head's citizen id, a third a head's name without diacritics in the
// same hamlet and year, a third match no one.
//
// Around each phase it reads the CPU of the service, PostgreSQL, nats-server and the bench from
// /proc: the machine may be shared, and "other" says how much of it something else took.
// Needs the stack of tests/bench/run.sh (the variables of deploy/local/stack.sh env).

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "bench_figures.h"
#include "cpu_meter.h"
#include "household_list.h"
#include "vnn/household_review/v1/household_review.grpc.pb.h"
#include "vnn/platform/log.h"
#include "vnn/platform/mutex_checks.h"
#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

namespace v1 = household_review::v1;
using namespace std::chrono_literals;

constexpr std::int64_t kTargetHouseholds = 100'000;
constexpr double kImportTargetSeconds = 60;
constexpr double kCheckTargetMs = 50;

struct Options {
  std::int64_t households = kTargetHouseholds;
  double planted_share = 0.01;
  std::uint64_t seed = 20240203;
  int streams = 1;
  int chunk_kib = 64;
  int rounds = 5;
  int calls = 200;
  int warmup_calls = 20;
  std::string service_binary = VNN_HOUSEHOLD_REVIEW_BINARY;
};

std::string commune_bearer(const std::string& unit) {
  platform::auth::Principal officer{.subject = "cb-xa-" + unit,
                                    .role = platform::auth::Role::kCommuneOfficer,
                                    .unit_codes = {unit}};
  // Long enough for any run: an expired token would show up as errors, not as a figure.
  return test_tokens().bearer(officer, std::chrono::hours(12));
}

// ------------------------------------------------------------------------------------------
// The import.

struct ImportResult {
  double seconds = 0;
  std::int64_t rows = 0, created = 0, existing = 0, rejected = 0, candidates = 0;
  std::vector<std::string> errors, problems;
};

v1::ImportHouseholdsReport import_commune(v1::HouseholdReviewService::Stub& stub,
                                          const std::string& unit, const std::string& csv,
                                          std::size_t chunk, grpc::Status* status) {
  grpc::ClientContext context;
  context.AddMetadata("authorization", commune_bearer(unit));
  context.set_deadline(std::chrono::system_clock::now() + 30min);
  v1::ImportHouseholdsReport report;
  auto writer = stub.ImportHouseholds(&context, &report);
  v1::ImportHouseholdsChunk header;
  header.mutable_header()->set_request_id("scale-import-" + unit + "-" + unique_name("run"));
  header.mutable_header()->set_unit_code(unit);
  header.mutable_header()->set_file_name("danh-sach-ho-ngheo-" + unit + ".csv");
  bool open = writer->Write(header);
  for (std::size_t at = 0; open && at < csv.size(); at += chunk) {
    v1::ImportHouseholdsChunk data;
    data.set_data(csv.substr(at, chunk));
    open = writer->Write(data);
  }
  writer->WritesDone();
  *status = writer->Finish();
  return report;
}

// `streams` communes at a time; each stream takes the next commune when its last one is done.
ImportResult import_all(v1::HouseholdReviewService::Stub& stub,
                        const std::map<std::string, std::string>& csv_by_unit, const Options& o) {
  ImportResult result;
  std::vector<const std::pair<const std::string, std::string>*> queue;
  for (const auto& entry : csv_by_unit) queue.push_back(&entry);
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  const auto start = SteadyClock::now();
  auto work = [&] {
    for (std::size_t i = next++; i < queue.size(); i = next++) {
      const auto& [unit, csv] = *queue[i];
      grpc::Status status;
      auto report =
          import_commune(stub, unit, csv, static_cast<std::size_t>(o.chunk_kib) * 1024, &status);
      std::lock_guard lock(mutex);
      if (!status.ok()) {
        result.errors.push_back(unit + ": code " + std::to_string(status.error_code()) + ": " +
                                status.error_message());
        continue;
      }
      result.rows += report.rows();
      result.created += report.households_created();
      result.existing += report.households_existing();
      result.rejected += report.rejected_rows();
      result.candidates += report.duplicate_candidates();
      for (const auto& p : report.problems()) {
        if (result.problems.size() < 5) {
          result.problems.push_back(unit + " line " + std::to_string(p.line()) + " " + p.field() +
                                    ": " + p.reason());
        }
      }
    }
  };
  std::vector<std::thread> threads;
  for (int s = 0; s < o.streams; ++s) threads.emplace_back(work);
  for (auto& t : threads) t.join();
  result.seconds = seconds_between(start, SteadyClock::now());
  return result;
}

// ------------------------------------------------------------------------------------------
// What the registry holds afterwards, read directly.

using HouseholdKey = std::pair<std::string, std::string>;  // unit, household code

std::map<HouseholdKey, std::int64_t> household_ids(pqxx::connection& admin) {
  pqxx::nontransaction tx(admin);
  std::map<HouseholdKey, std::int64_t> ids;
  for (const auto& row :
       tx.exec("SELECT unit_code, household_code, id FROM household_review.household")) {
    ids[{row[0].c_str(), row[1].c_str()}] = row[2].as<std::int64_t>();
  }
  return ids;
}

struct CandidateCounts {
  std::int64_t by_citizen_id = 0, by_name = 0;
  std::int64_t planted_citizen_id = 0, planted_name = 0;
  std::int64_t found_citizen_id = 0, found_name = 0, found_other_reason = 0;
};

CandidateCounts count_candidates(pqxx::connection& admin, const HouseholdList& list,
                                 const std::map<HouseholdKey, std::int64_t>& ids) {
  CandidateCounts counts;
  std::map<std::pair<std::int64_t, std::int64_t>, std::string> pairs;
  {
    pqxx::nontransaction tx(admin);
    for (const auto& row : tx.exec("SELECT household_id, other_household_id, reason "
                                   "FROM household_review.duplicate_candidate")) {
      const std::string reason = row[2].c_str();
      pairs[{row[0].as<std::int64_t>(), row[1].as<std::int64_t>()}] = reason;
      ++(reason == "citizen_id" ? counts.by_citizen_id : counts.by_name);
    }
  }
  for (const auto& p : list.planted) {
    const bool by_id = p.kind == PlantedPair::Kind::kCitizenId;
    ++(by_id ? counts.planted_citizen_id : counts.planted_name);
    auto a = ids.find({p.unit_a, p.code_a});
    auto b = ids.find({p.unit_b, p.code_b});
    if (a == ids.end() || b == ids.end()) continue;
    auto found = pairs.find({std::min(a->second, b->second), std::max(a->second, b->second)});
    if (found == pairs.end()) continue;
    if (found->second != (by_id ? "citizen_id" : "similar_name")) {
      ++counts.found_other_reason;
    } else {
      ++(by_id ? counts.found_citizen_id : counts.found_name);
    }
  }
  return counts;
}

// The relay publishes the import's events to JetStream after the import has answered; waits
// until it has (or `limit` passes) so that the check is timed on a quiet service.
double wait_for_outbox(pqxx::connection& admin, std::chrono::seconds limit, std::int64_t* left) {
  const auto start = SteadyClock::now();
  for (;;) {
    pqxx::nontransaction tx(admin);
    *left = tx.exec1("SELECT count(*) FROM household_review.outbox WHERE published_at IS NULL")[0]
                .as<std::int64_t>();
    if (*left == 0 || SteadyClock::now() - start > limit) break;
    std::this_thread::sleep_for(200ms);
  }
  return seconds_between(start, SteadyClock::now());
}

// ------------------------------------------------------------------------------------------
// CheckDuplicates for one new household.

struct Probe {
  v1::CheckDuplicatesRequest request;
  std::string bearer;
  std::int64_t expected = 0;  // the household it should find; 0 for none
};

v1::Person as_person(const ListPerson& p) {
  v1::Person out;
  out.set_full_name(p.full_name);
  out.set_birth_year(p.birth_year);
  out.set_citizen_id(p.citizen_id);
  out.set_relation(p.relation);
  return out;
}

// Cycles through the three kinds; originals are taken from the planted list's first halves,
// which are registered heads with (kind 0) or without regard to (kind 1) a citizen id.
std::vector<Probe> make_probes(const HouseholdList& list,
                               const std::map<HouseholdKey, std::int64_t>& ids, int count,
                               PersonMaker& people) {
  std::vector<const ListHousehold*> with_id, any;
  for (const auto& [unit, households] : list.by_unit) {
    for (const auto& h : households) {
      any.push_back(&h);
      if (!h.persons.front().citizen_id.empty()) with_id.push_back(&h);
    }
  }
  const auto& communes = bench_communes();
  auto& random = people.random();
  std::map<std::string, std::string> bearers;
  std::vector<Probe> probes;
  for (int i = 0; i < count; ++i) {
    Probe probe;
    ListPerson head;
    std::string unit, hamlet;
    switch (i % 3) {
      case 0: {  // the head is already registered, by citizen id, in another commune
        const auto* h = with_id[random() % with_id.size()];
        head = h->persons.front();
        do unit = communes[random() % communes.size()];
        while (unit == h->unit_code);
        const auto& hamlets = list.hamlets.at(unit);
        hamlet = hamlets[random() % hamlets.size()];
        probe.expected = ids.at({h->unit_code, h->code});
        break;
      }
      case 1: {  // the head typed without diacritics, same hamlet and year, no citizen id
        const auto* h = any[random() % any.size()];
        head = h->persons.front();
        head.full_name = without_diacritics(head.full_name);
        head.citizen_id.clear();
        unit = h->unit_code;
        hamlet = h->hamlet;
        probe.expected = ids.at({h->unit_code, h->code});
        break;
      }
      default: {
        unit = communes[random() % communes.size()];
        const auto& hamlets = list.hamlets.at(unit);
        hamlet = hamlets[random() % hamlets.size()];
        head = people.adult(1940, 1995);
      }
    }
    head.relation = "chủ hộ";
    ListPerson spouse =
        people.adult(std::max(1930, head.birth_year - 5), std::min(2005, head.birth_year + 5));
    spouse.relation = "vợ";
    ListPerson child =
        people.adult(std::min(2010, head.birth_year + 22), std::min(2020, head.birth_year + 35));
    child.relation = "con";
    if (child.birth_year > 2006) child.citizen_id.clear();  // minors mostly have none yet
    probe.request.set_unit_code(unit);
    probe.request.set_hamlet(hamlet);
    for (const auto* p : {&head, &spouse, &child}) *probe.request.add_persons() = as_person(*p);
    auto [bearer, fresh] = bearers.try_emplace(unit);
    if (fresh) bearer->second = commune_bearer(unit);
    probe.bearer = bearer->second;
    probes.push_back(std::move(probe));
  }
  return probes;
}

struct Latencies {
  double p50 = 0, p95 = 0, p99 = 0, max = 0;
  int errors = 0, expected = 0, expected_found = 0, unexpected = 0;
  std::string first_error;
};

// Sequential calls: the latency of one officer's check, not of a queue.
Latencies time_checks(v1::HouseholdReviewService::Stub& stub, const std::vector<Probe>& probes,
                      bool counted) {
  Latencies out;
  std::vector<double> ms;
  for (const auto& probe : probes) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", probe.bearer);
    context.set_deadline(std::chrono::system_clock::now() + 10s);
    v1::CheckDuplicatesResponse response;
    const auto start = SteadyClock::now();
    auto status = stub.CheckDuplicates(&context, probe.request, &response);
    ms.push_back(seconds_between(start, SteadyClock::now()) * 1000);
    if (!status.ok()) {
      if (out.errors++ == 0) out.first_error = status.error_message();
      continue;
    }
    bool found = false;
    for (const auto& m : response.matches()) found |= m.household_id() == probe.expected;
    if (probe.expected != 0) {
      ++out.expected;
      out.expected_found += found ? 1 : 0;
    } else if (response.matches_size() > 0) {
      ++out.unexpected;  // a fresh household that resembles someone registered
    }
  }
  if (!counted || ms.empty()) return out;
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * (ms.size() - 1) + 0.5))];
  };
  out.p50 = at(0.50);
  out.p95 = at(0.95);
  out.p99 = at(0.99);
  out.max = ms.back();
  return out;
}

// ------------------------------------------------------------------------------------------

int run(const Options& options) {
  platform::log::init("bench", "warn");
  const auto& stack = TestStack::get();
  pqxx::connection admin(stack.admin_dsn);
  CpuMeter meter(postmaster_pid(admin), nats_pid());
  std::cout << "vnn-household-scale: " << options.households << " households, "
            << options.planted_share * 100 << " % planted per kind, " << options.streams
            << " import stream(s) at a time, " << options.rounds << " rounds x " << options.calls
            << " checks, " << sysconf(_SC_NPROCESSORS_ONLN) << " cores\n";

  PersonMaker people(options.seed);
  auto generated_at = SteadyClock::now();
  const auto list = make_household_list(options.households, options.planted_share, people);
  std::map<std::string, std::string> csv_by_unit;
  std::size_t bytes = 0;
  for (const auto& [unit, households] : list.by_unit) {
    csv_by_unit[unit] = household_csv(households);
    bytes += csv_by_unit[unit].size();
  }
  std::cout << "list: " << list.rows << " person rows in " << list.by_unit.size() << " communes, "
            << bytes / 1024 / 1024 << " MiB of CSV, " << list.planted.size()
            << " planted pairs (made in "
            << fixed(seconds_between(generated_at, SteadyClock::now()), 1) << " s, not counted)\n";

  auto env = stack.service_env("vnn_household_review");
  env.insert({{"VNN_JWT_KEYS", test_tokens().key_spec()},
              {"VNN_LOG_LEVEL", "warn"},
              {"VNN_CITIZEN_ID_HASH_KEY_FILE", write_secret_file("vnn_citizen_key")},
              {"VNN_PERSONAL_DATA_KEY_FILE", write_secret_file("vnn_personal_key")}});
  ServiceProcess service(options.service_binary, {}, std::move(env));
  service.wait_for_port(60s);  // the first start on a stack migrates
  meter.set_service(service.pid());
  auto stub = v1::HouseholdReviewService::NewStub(service.channel());
  {
    pqxx::nontransaction tx(admin);
    const auto before =
        tx.exec1("SELECT count(*) FROM household_review.household")[0].as<std::int64_t>();
    if (before != 0)
      std::cout << "warning: the registry already held " << before << " households\n";
  }

  const auto cpu_before = meter.sample();
  const auto imported = import_all(*stub, csv_by_unit, options);
  const auto cpu_after = meter.sample();
  for (const auto& e : imported.errors) std::cout << "import error: " << e << "\n";
  for (const auto& p : imported.problems) std::cout << "import problem: " << p << "\n";
  std::cout << "import: " << imported.created << " households created (" << imported.existing
            << " existing, " << imported.rejected << " rows rejected) from " << imported.rows
            << " rows in " << fixed(imported.seconds, 1)
            << " s: " << static_cast<long>(imported.created / imported.seconds) << " households/s, "
            << static_cast<long>(imported.rows / imported.seconds) << " rows/s\n"
            << "        " << describe(CpuMeter::split(cpu_before, cpu_after), "bench") << "\n"
            << "        service peak RSS " << status_kib(service.pid(), "VmHWM") / 1024 << " MiB\n";

  const auto ids = household_ids(admin);
  const auto c = count_candidates(admin, list, ids);
  std::cout << "duplicates: the import reported " << imported.candidates
            << " new candidate pairs; the registry holds " << c.by_citizen_id << " by citizen id, "
            << c.by_name << " by similar name\n"
            << "            planted by citizen id: " << c.found_citizen_id << " of "
            << c.planted_citizen_id << " found; planted by name: " << c.found_name << " of "
            << c.planted_name << " found"
            << (c.found_other_reason
                    ? "; " + std::to_string(c.found_other_reason) + " found under the other reason"
                    : "")
            << "\n            not planted: "
            << c.by_citizen_id + c.by_name - c.found_citizen_id - c.found_name -
                   c.found_other_reason
            << " (different people with similar names, the same hamlet and birth year, and not "
               "two different citizen ids)\n";

  std::int64_t left = 0;
  const double drained = wait_for_outbox(admin, 300s, &left);
  std::cout << "outbox: " << (left == 0 ? "published" : std::to_string(left) + " events still")
            << " " << fixed(drained, 1) << " s after the import answered\n";

  const auto probes = make_probes(list, ids, options.calls, people);
  const std::vector<Probe> warmup(
      probes.begin(),
      probes.begin() + std::min<int>(options.warmup_calls, static_cast<int>(probes.size())));
  time_checks(*stub, warmup, false);  // plans, connections and index pages: not counted
  std::vector<double> p50s, p95s, p99s, maxes;
  int errors = 0;
  for (int r = 0; r < options.rounds; ++r) {
    const auto before = meter.sample();
    const auto l = time_checks(*stub, probes, true);
    const auto after = meter.sample();
    p50s.push_back(l.p50);
    p95s.push_back(l.p95);
    p99s.push_back(l.p99);
    maxes.push_back(l.max);
    errors += l.errors;
    std::cout << "  check round " << r + 1 << ": p50 " << fixed(l.p50, 2) << " ms, p95 "
              << fixed(l.p95, 2) << " ms, p99 " << fixed(l.p99, 2) << " ms, max " << fixed(l.max, 2)
              << " ms; planted matches found " << l.expected_found << " of " << l.expected
              << ", fresh households with a match " << l.unexpected << ", errors " << l.errors
              << (l.first_error.empty() ? "" : " (first: " + l.first_error + ")") << "\n           "
              << describe(CpuMeter::split(before, after), "bench") << "\n";
  }
  std::cout << "CheckDuplicates (head + 2 members, " << options.calls << " sequential calls, "
            << ids.size() << " households registered): p50 " << fixed(median(p50s), 2)
            << " ms, p95 " << fixed(median(p95s), 2) << " ms, p99 " << fixed(median(p99s), 2)
            << " ms, max " << fixed(median(maxes), 2) << " ms (medians of " << options.rounds
            << " rounds)\n";

  const bool at_size = options.households == kTargetHouseholds;
  const std::string size_note =
      at_size ? "" : " (at " + std::to_string(options.households) + ", not the target's 100000)";
  std::cout << verdict(imported.errors.empty() && imported.seconds < kImportTargetSeconds)
            << ": import of " << imported.created << " households in " << fixed(imported.seconds, 1)
            << " s, target < " << kImportTargetSeconds << " s" << size_note << "\n"
            << verdict(errors == 0 && median(p99s) < kCheckTargetMs) << ": CheckDuplicates p99 "
            << fixed(median(p99s), 2) << " ms, target < " << kCheckTargetMs << " ms" << size_note
            << "\n";
  service.signal(SIGTERM);
  service.wait();
  return imported.errors.empty() && errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace vnn::testing

int main(int argc, char** argv) {
  vnn::platform::skip_mutex_deadlock_detection();  // as the service does
  CLI::App app("The household registry at a province's size: import and duplicate check");
  vnn::testing::Options options;
  app.add_option("--households", options.households, "households on the synthetic list")
      ->check(CLI::Range(1000, 5'000'000))
      ->capture_default_str();
  app.add_option("--planted-share", options.planted_share,
                 "share of households planted as duplicates, per kind")
      ->check(CLI::Range(0.0, 0.1))
      ->capture_default_str();
  app.add_option("--seed", options.seed, "seed of the synthetic list")->capture_default_str();
  app.add_option("--streams", options.streams,
                 "communes imported at once (more than 1 may miss pairs between two imports "
                 "running at the same time)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--chunk-kib", options.chunk_kib, "CSV bytes per stream message, in KiB")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  app.add_option("--rounds", options.rounds, "rounds of checks (medians are reported)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--calls", options.calls, "CheckDuplicates calls per round")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--warmup-calls", options.warmup_calls, "uncounted calls before round 1")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--service-binary", options.service_binary,
                 "the vnn-household-review binary (e.g. one built from another revision)")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  try {
    return vnn::testing::run(options);
  } catch (const std::exception& e) {
    std::cerr << "vnn-household-scale: " << e.what() << "\n";
    return 1;
  }
}
