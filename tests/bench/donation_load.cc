// vnn-donation-load: RecordDonation under load, beside the PostgreSQL ceiling for the same rows.
// Figures are printed per round and as medians (the machine is shared and noisy).
//
// The service side starts the real vnn-donation process, creates a fund and a campaign through
// its API and keeps exactly --callers RecordDonation calls in flight (cash, a new individual
// donor per call, unique request ids) for --seconds per round. The client uses the callback API
// on gRPC's few threads: one blocking thread per caller measures the client's scheduling more
// than the service.
//
// The PostgreSQL side runs pgbench, one transaction per donation holding the rows RecordDonation
// writes (idempotency key, donor, receipt counter, donation, outbox, audit), in a scratch schema
// with copies of those tables: once with every transaction on one fund's receipt counter, as the
// service runs here, and once with a fund per pgbench client, which shows what the per-fund
// counter costs.
//
// Around every round it reads the CPU time of the service, PostgreSQL, nats-server and the
// client from /proc, samples pg_stat_activity for what the backends wait on, and counts WAL
// flushes per commit, so that a missed target comes with where the time went.
// Needs the stack of tests/bench/run.sh (the variables of deploy/local/stack.sh env).

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <random>
#include <sstream>
#include <thread>

#include "cpu_meter.h"
#include "donation_seed.h"
#include "vnn/donation/v1/donation.grpc.pb.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/log.h"
#include "vnn/platform/mutex_checks.h"
#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;
using namespace std::chrono_literals;

constexpr const char* kRecordMethod = "vnn.donation.v1.DonationService/RecordDonation";
constexpr auto kCallDeadline = 10s;
constexpr auto kWaitSamplePeriod = 50ms;

struct Options {
  int callers = 64;
  int seconds = 10;
  int rounds = 3;
  int pool_size = 16;
  int channels = 1;
  int funds = 1;
  int warmup_seconds = 2;
  bool skip_pgbench = false;
  int pgbench_clients = 8;
  std::string pgbench = "/usr/lib/postgresql/15/bin/pgbench";
  std::string service_binary = VNN_DONATION_BINARY;
};

// ------------------------------------------------------------------------------------------
// Where PostgreSQL's time goes: backend states and the WAL flushes behind the commits.

// Samples what one client's backends are doing. The average number of backends in a state over
// a round is, by Little's law, the share of a transaction's time spent there.
class WaitSampler {
 public:
  WaitSampler(const std::string& dsn, std::string filter) : filter_(std::move(filter)) {
    thread_ = std::thread([this, dsn] { loop(dsn); });
  }
  ~WaitSampler() { stop(); }

  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

  // "state wait_event_type:wait_event" → the average number of backends in it, largest first.
  std::string describe() const {
    std::vector<std::pair<double, std::string>> shares;
    double total = 0;
    for (const auto& [state, count] : counts_) {
      shares.emplace_back(samples_ ? static_cast<double>(count) / samples_ : 0, state);
      total += shares.back().first;
    }
    std::sort(shares.rbegin(), shares.rend());
    std::string out = "backends (average of " + fixed(total, 1) + "):";
    for (std::size_t i = 0; i < shares.size() && i < 6; ++i) {
      out += (i ? ", " : " ") + shares[i].second + " " + fixed(shares[i].first, 1);
    }
    return out;
  }

 private:
  void loop(const std::string& dsn) {
    try {
      pqxx::connection c(dsn);
      const std::string sql =
          "SELECT state || CASE WHEN wait_event IS NULL THEN ' (on CPU)' ELSE ' ' || "
          "wait_event_type || ':' || wait_event END, count(*) FROM pg_stat_activity "
          "WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' AND " +
          filter_ + " GROUP BY 1";
      while (!stop_) {
        pqxx::nontransaction tx(c);
        for (const auto& row : tx.exec(sql)) counts_[row[0].c_str()] += row[1].as<long>();
        ++samples_;
        std::this_thread::sleep_for(kWaitSamplePeriod);
      }
    } catch (const std::exception& e) {
      std::cerr << "wait sampler stopped: " << e.what() << "\n";
    }
  }

  std::string filter_;
  std::atomic<bool> stop_{false};
  std::map<std::string, long> counts_;  // read after stop(): the join orders it
  long samples_ = 0;
  std::thread thread_;
};

struct DbCounters {
  SteadyClock::time_point at;
  double commits = 0, wal_syncs = 0, wal_bytes = 0;
};

DbCounters db_counters(pqxx::connection& admin) {
  pqxx::nontransaction tx(admin);
  auto row = tx.exec1(
      "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()), "
      "wal_sync, wal_bytes FROM pg_stat_wal");
  return {SteadyClock::now(), row[0].as<double>(), row[1].as<double>(), row[2].as<double>()};
}

// Backends publish their statistics about once a second, so these are ratios over a round
// rather than exact counts; commits include the service's relay and health checks.
std::string describe(const DbCounters& a, const DbCounters& b) {
  const double seconds = seconds_between(a.at, b.at);
  const double commits = b.commits - a.commits;
  const double syncs = b.wal_syncs - a.wal_syncs;
  return "WAL: " + fixed(syncs / seconds, 0) + " flushes/s, " +
         fixed(syncs > 0 ? commits / syncs : 0, 2) + " commits per flush, " +
         fixed(commits > 0 ? (b.wal_bytes - a.wal_bytes) / commits : 0, 0) + " bytes per commit";
}

// ------------------------------------------------------------------------------------------
// The service under load.

struct LoadFigures {
  double calls_per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  long errors = 0;
  std::string first_error;
};

// Keeps exactly `callers` calls in flight: each completion starts the next call of its slot,
// until the round ends; then the slots drain.
class LoadDriver {
 public:
  LoadDriver(std::vector<std::unique_ptr<v1::DonationService::Stub>> stubs, DonationSeed seed,
             std::string bearer)
      : stubs_(std::move(stubs)),
        seed_(std::move(seed)),
        bearer_(std::move(bearer)),
        run_id_(platform::events::new_uuid()) {}

  LoadFigures run(int callers, std::chrono::duration<double> length) {
    latencies_.assign(callers, {});
    errors_ = 0;
    first_error_.clear();
    in_flight_ = callers;
    const auto start = SteadyClock::now();
    end_ = start + std::chrono::duration_cast<SteadyClock::duration>(length);
    for (int slot = 0; slot < callers; ++slot) start_call(slot);
    {
      std::unique_lock lock(mutex_);
      drained_.wait(lock, [&] { return in_flight_ == 0; });
    }
    std::vector<double> all;
    for (const auto& slot : latencies_) all.insert(all.end(), slot.begin(), slot.end());
    std::sort(all.begin(), all.end());
    LoadFigures figures;
    figures.calls_per_second = all.size() / length.count();
    if (!all.empty()) {
      figures.p50_ms = all[all.size() / 2];
      figures.p99_ms = all[all.size() * 99 / 100];
    }
    figures.errors = errors_;
    figures.first_error = first_error_;
    return figures;
  }

 private:
  struct Call {
    int slot = 0;
    grpc::ClientContext context;
    v1::RecordDonationRequest request;
    v1::Donation response;
    SteadyClock::time_point started;
  };

  void start_call(int slot) {
    auto* call = new Call;
    call->slot = slot;
    const long n = sequence_++;
    auto& r = call->request;
    r.set_request_id(run_id_ + "-" + std::to_string(n));
    r.set_campaign_id(seed_.campaign_id);
    // Slot i records into fund i mod --funds: with as many funds as callers, no two calls
    // queue on one receipt counter.
    r.set_fund_id(seed_.fund_ids[slot % seed_.fund_ids.size()]);
    // A donor known by a name only: found by no identifier, so each call creates one, as a
    // walk-in cash donation does.
    r.mutable_donor()->set_kind(v1::DONOR_KIND_INDIVIDUAL);
    r.mutable_donor()->set_name("Nguyễn Văn An");
    r.set_channel(v1::CHANNEL_CASH);
    r.mutable_amount()->set_dong(50'000 + (n % 100) * 10'000);
    set_date(r.mutable_received_on(), 2024, 3, 1);
    call->context.AddMetadata("authorization", bearer_);
    call->context.set_deadline(std::chrono::system_clock::now() + kCallDeadline);
    call->started = SteadyClock::now();
    stubs_[slot % stubs_.size()]->async()->RecordDonation(
        &call->context, &call->request, &call->response,
        [this, call](grpc::Status status) { finish(call, status); });
  }

  // Runs on a gRPC thread. A slot's calls follow one another, so its latency vector has one
  // writer at a time; the next call starts last, as it may complete before this returns.
  void finish(Call* call, const grpc::Status& status) {
    const auto now = SteadyClock::now();
    const int slot = call->slot;
    if (status.ok()) {
      if (now <= end_) latencies_[slot].push_back(seconds_between(call->started, now) * 1000);
    } else if (errors_++ == 0) {
      std::lock_guard lock(mutex_);
      first_error_ = "code " + std::to_string(status.error_code()) + ": " + status.error_message();
    }
    delete call;
    if (now < end_) {
      start_call(slot);
      return;
    }
    std::lock_guard lock(mutex_);
    if (--in_flight_ == 0) drained_.notify_all();
  }

  std::vector<std::unique_ptr<v1::DonationService::Stub>> stubs_;
  DonationSeed seed_;
  std::string bearer_;
  std::string run_id_;
  std::atomic<long> sequence_{0};
  SteadyClock::time_point end_;  // set before a round's first call starts
  std::vector<std::vector<double>> latencies_;
  std::atomic<long> errors_{0};
  std::mutex mutex_;
  std::condition_variable drained_;
  int in_flight_ = 0;
  std::string first_error_;
};

// Several channels, each its own TCP connection (a distinct argument keeps gRPC from sharing
// one subchannel between them).
std::vector<std::unique_ptr<v1::DonationService::Stub>> stubs_for(int port, int channels) {
  std::vector<std::unique_ptr<v1::DonationService::Stub>> stubs;
  for (int i = 0; i < channels; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("vnn.bench.channel", i);
    // The driver shares the machine with what it measures. gRPC's transparent retries keep a
    // copy of every call's messages for a retry this driver never wants (a failed call is
    // counted as an error), and that cost client CPU per call.
    args.SetInt(GRPC_ARG_ENABLE_RETRIES, 0);
    stubs.push_back(v1::DonationService::NewStub(grpc::CreateCustomChannel(
        "127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials(), args)));
  }
  return stubs;
}

// ------------------------------------------------------------------------------------------
// The PostgreSQL ceiling: pgbench with the same rows.

// Copies of the tables RecordDonation writes and those they reference, from
// services/donation/migrations/0002_funds_campaigns_donations.sql (with 0003's import key, 0004's
// pledge and 0005's direct support) and
// services/platform/migrations/0001_platform.sql: the foreign keys stay, because their key-share
// locks on the fund and campaign rows are part of the cost. check_copies() says when they drift.
constexpr const char* kScratchTables = R"sql(
CREATE TABLE fund (
  id            text PRIMARY KEY,
  unit_code     text NOT NULL,
  unit_valid_on date NOT NULL,
  name          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1
);
CREATE TABLE campaign (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  unit_code  text NOT NULL,
  starts_on  date NOT NULL,
  ends_on    date NOT NULL CHECK (ends_on >= starts_on),
  created_at timestamptz NOT NULL DEFAULT now(),
  version    integer NOT NULL DEFAULT 1
);
CREATE TABLE mobiliser (
  id        text PRIMARY KEY,
  kind      text NOT NULL CHECK (kind IN ('member_organisation', 'agency', 'board_member')),
  name      text NOT NULL,
  unit_code text NOT NULL
);
CREATE TABLE donor (
  id              bigserial PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('individual', 'household', 'organisation',
                                                'business', 'agency', 'anonymous')),
  name            text NOT NULL,
  tax_code        text,
  citizen_id_hash bytea,
  citizen_id_mask text,
  phone           text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX donor_tax_code ON donor (tax_code) WHERE tax_code IS NOT NULL;
CREATE UNIQUE INDEX donor_citizen_id_hash ON donor (citizen_id_hash)
  WHERE citizen_id_hash IS NOT NULL;
CREATE UNIQUE INDEX donor_phone ON donor (phone) WHERE kind <> 'anonymous' AND phone IS NOT NULL;
CREATE TABLE campaign_fund (
  campaign_id text NOT NULL REFERENCES campaign,
  fund_id     text NOT NULL REFERENCES fund,
  PRIMARY KEY (campaign_id, fund_id)
);
CREATE TABLE pledge (
  id           bigserial PRIMARY KEY,
  campaign_id  text NOT NULL,
  fund_id      text NOT NULL,
  unit_code    text NOT NULL,
  donor_id     bigint NOT NULL REFERENCES donor,
  amount_dong  bigint NOT NULL CHECK (amount_dong > 0),
  pledged_on   date NOT NULL,
  due_on       date CHECK (due_on >= pledged_on),
  mobiliser_id text REFERENCES mobiliser,
  note         text NOT NULL DEFAULT '',
  recorded_by  text NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (campaign_id, fund_id) REFERENCES campaign_fund
);
CREATE INDEX pledge_campaign ON pledge (campaign_id, id);
CREATE INDEX pledge_fund ON pledge (fund_id, id);
CREATE TABLE receipt_counter (
  fund_id     text NOT NULL REFERENCES fund,
  year        integer NOT NULL,
  last_number bigint NOT NULL,
  PRIMARY KEY (fund_id, year)
);
CREATE TABLE donation (
  id                   bigserial PRIMARY KEY,
  campaign_id          text NOT NULL,
  fund_id              text NOT NULL,
  unit_code            text NOT NULL,
  donor_id             bigint REFERENCES donor,
  channel              text NOT NULL
                       CONSTRAINT donation_channel_check
                       CHECK (channel IN ('bank_transfer', 'cash', 'in_kind', 'payroll',
                                          'direct_to_household')),
  amount_dong          bigint NOT NULL,
  received_on          date NOT NULL,
  mobiliser_id         text REFERENCES mobiliser,
  bank_account_number  text,
  bank_reference       text,
  items                jsonb NOT NULL DEFAULT '[]'::jsonb,
  note                 text NOT NULL DEFAULT '',
  receipt_year         integer,
  receipt_number       bigint,
  reverses_donation_id bigint REFERENCES donation,
  reversal_reason      text,
  recorded_by          text NOT NULL,
  recorded_at          timestamptz NOT NULL DEFAULT now(),
  pledge_id            bigint REFERENCES pledge,
  household_id         bigint,
  support_need         text,
  CONSTRAINT donation_direct_names_household
    CHECK ((channel = 'direct_to_household') = (household_id IS NOT NULL AND support_need IS NOT NULL)),
  CHECK ((reverses_donation_id IS NULL AND amount_dong > 0 AND receipt_number IS NOT NULL)
      OR (reverses_donation_id IS NOT NULL AND amount_dong < 0 AND receipt_number IS NULL
          AND reversal_reason IS NOT NULL)),
  CHECK (channel <> 'bank_transfer' OR reverses_donation_id IS NOT NULL
         OR (bank_account_number IS NOT NULL AND bank_reference IS NOT NULL)),
  CONSTRAINT donation_campaign_fund_fkey FOREIGN KEY (campaign_id, fund_id)
    REFERENCES campaign_fund
);
CREATE UNIQUE INDEX donation_reversal ON donation (reverses_donation_id)
  WHERE reverses_donation_id IS NOT NULL;
CREATE UNIQUE INDEX donation_receipt ON donation (fund_id, receipt_year, receipt_number)
  WHERE receipt_number IS NOT NULL;
CREATE UNIQUE INDEX donation_bank_reference ON donation (bank_account_number, bank_reference)
  WHERE reverses_donation_id IS NULL AND bank_reference IS NOT NULL;
CREATE INDEX donation_campaign ON donation (campaign_id, id);
CREATE INDEX donation_fund ON donation (fund_id, id);
CREATE INDEX donation_mobiliser ON donation (mobiliser_id, id);
CREATE INDEX donation_donor ON donation (donor_id, id);
CREATE INDEX donation_pledge ON donation (pledge_id, id) WHERE pledge_id IS NOT NULL;
CREATE INDEX donation_household ON donation (household_id) WHERE household_id IS NOT NULL;
CREATE TABLE outbox (
  seq               bigserial PRIMARY KEY,
  event_id          uuid NOT NULL UNIQUE,
  subject           text NOT NULL,
  aggregate_type    text NOT NULL,
  aggregate_id      text NOT NULL,
  aggregate_version bigint NOT NULL,
  envelope          bytea NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  published_at      timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;
CREATE TABLE idempotency_key (
  method       text NOT NULL,
  request_id   text NOT NULL,
  subject      text NOT NULL,
  request_hash bytea NOT NULL,
  response     bytea,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (method, request_id)
);
CREATE TABLE audit_log (
  id              bigserial PRIMARY KEY,
  occurred_at     timestamptz NOT NULL DEFAULT now(),
  subject         text NOT NULL,
  role            text NOT NULL,
  unit_codes      text[] NOT NULL,
  method          text NOT NULL,
  request_id      text NOT NULL,
  correlation_id  text NOT NULL,
  outcome         text NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
  status_code     text NOT NULL,
  detail          text NOT NULL DEFAULT '',
  changes         jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_subject ON audit_log (subject, occurred_at);
)sql";

// One RecordDonation's rows in the service's order: the receipt counter's row lock is taken
// after the idempotency key and the donor, and held through the donation, the outbox, the
// audit entry and the commit's WAL flush. FUND is the counter's fund. The response and the
// envelope have about the service's sizes.
constexpr const char* kDonationScript = R"sql(\set amount random(5, 100) * 10000
\set rid random(1, 9000000000000000000)
BEGIN;
INSERT INTO idempotency_key (method, request_id, subject, request_hash, response) VALUES ('METHOD', 'pg-' || :client_id || '-' || :rid, 'officer', decode(repeat('ab', 32), 'hex'), decode(repeat('5a', 220), 'hex'));
INSERT INTO donor (kind, name) VALUES ('individual', 'Nguyễn Văn An') RETURNING id AS donor_id \gset
INSERT INTO receipt_counter (fund_id, year, last_number) VALUES (FUND, 2024, 1) ON CONFLICT (fund_id, year) DO UPDATE SET last_number = receipt_counter.last_number + 1 RETURNING last_number AS receipt_number \gset
INSERT INTO donation (campaign_id, fund_id, unit_code, donor_id, channel, amount_dong, received_on, items, note, receipt_year, receipt_number, recorded_by) VALUES ('campaign-bench', FUND, '736', :donor_id, 'cash', :amount, '2024-03-01', '[]', '', 2024, :receipt_number, 'officer') RETURNING id AS donation_id \gset
INSERT INTO outbox (event_id, subject, aggregate_type, aggregate_id, aggregate_version, envelope) VALUES (gen_random_uuid(), 'vnn.donation.donation.recorded', 'donation', :donation_id, 1, decode(repeat('5a', 260), 'hex'));
INSERT INTO audit_log (subject, role, unit_codes, method, request_id, correlation_id, outcome, status_code, detail, changes) VALUES ('officer', 'district_office', '{736}', 'METHOD', 'pg-' || :client_id || '-' || :rid, gen_random_uuid()::text, 'ok', 'OK', '', jsonb_build_object('donation_id', :donation_id::bigint, 'amount_dong', :amount::bigint));
COMMIT;
)sql";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The scratch schema and the pgbench scripts, removed again when the run ends.
class PgScratch {
 public:
  PgScratch(pqxx::connection& admin, int clients)
      : admin_(admin), schema_("bench_pg_" + std::to_string(getpid())) {
    pqxx::work tx(admin_);
    tx.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    tx.exec("CREATE SCHEMA " + schema_);
    tx.exec("SET LOCAL search_path = " + schema_);
    tx.exec(kScratchTables);
    tx.exec(
        "INSERT INTO campaign (id, name, unit_code, starts_on, ends_on) VALUES "
        "('campaign-bench', 'Đợt cao điểm 2024', '736', '2024-02-03', '2024-05-19')");
    tx.exec_params(
        "INSERT INTO fund (id, unit_code, unit_valid_on, name) SELECT id, '736', '2024-02-03', "
        "'Quỹ \"Vì người nghèo\"' FROM (SELECT 'fund-shared' UNION ALL SELECT 'fund-' || g "
        "FROM generate_series(0, $1 - 1) g) f(id)",
        clients);
    tx.exec(
        "INSERT INTO campaign_fund (campaign_id, fund_id) SELECT 'campaign-bench', id FROM fund");
    tx.commit();
    check_copies();
    const std::string base = "/tmp/" + unique_name("vnn_pgbench");
    for (auto [variant, fund] : {std::pair{"one-fund", "'fund-shared'"},
                                 std::pair{"fund-per-client", "'fund-' || :client_id"}}) {
      const std::string path = base + "_" + variant + ".sql";
      std::ofstream(path) << replace_all(replace_all(kDonationScript, "METHOD", kRecordMethod),
                                         "FUND", fund);
      scripts_.push_back(path);
    }
  }

  ~PgScratch() {
    for (const auto& path : scripts_) std::remove(path.c_str());
    try {
      pqxx::work tx(admin_);
      tx.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      tx.commit();
    } catch (const std::exception& e) {
      std::cerr << "could not drop " << schema_ << ": " << e.what() << "\n";
    }
  }

  const std::string& schema() const { return schema_; }
  const std::string& one_fund_script() const { return scripts_[0]; }
  const std::string& fund_per_client_script() const { return scripts_[1]; }

 private:
  // Compares each copy with the service's table of that name: columns, indexes, constraints
  // and user triggers. A difference means the ceiling is no longer for the same rows.
  void check_copies() {
    pqxx::nontransaction tx(admin_);
    auto rows = tx.exec_params(
        "WITH shape AS ("
        " SELECT n.nspname AS s, c.relname AS t,"
        "  (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || "
        "   CASE WHEN a.attnotnull THEN ' not null' ELSE '' END, ', ' ORDER BY a.attnum) "
        "   FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)"
        "  || ' / ' || (SELECT count(*) FROM pg_index i WHERE i.indrelid = c.oid)"
        "  || ' / ' || (SELECT count(*) FROM pg_constraint k WHERE k.conrelid = c.oid)"
        "  || ' / ' || (SELECT count(*) FROM pg_trigger g WHERE g.tgrelid = c.oid AND NOT "
        "g.tgisinternal) AS shape"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind = 'r' AND n.nspname IN ($1, 'donation'))"
        "SELECT copy.t FROM shape copy LEFT JOIN shape live ON live.s = 'donation' AND "
        "live.t = copy.t WHERE copy.s = $1 AND live.shape IS DISTINCT FROM copy.shape",
        schema_);
    for (const auto& row : rows) {
      std::cerr << "warning: the scratch copy of table " << row[0].c_str()
                << " differs from donation." << row[0].c_str()
                << "; update kScratchTables in tests/bench/donation_load.cc\n";
    }
  }

  pqxx::connection& admin_;
  std::string schema_;
  std::vector<std::string> scripts_;
};

struct PgbenchFigures {
  double tps = 0;
  double latency_ms = 0;
  long failed = 0;
};

double number_after(const std::string& text, const std::string& label) {
  auto at = text.find(label);
  return at == std::string::npos ? -1 : std::atof(text.c_str() + at + label.size());
}

PgbenchFigures run_pgbench(const Options& options, const std::string& schema,
                           const std::string& script) {
  const std::string command =
      "PGOPTIONS='-c search_path=" + schema + "' '" + options.pgbench + "' -n -M prepared -f '" +
      script + "' -c " + std::to_string(options.pgbench_clients) + " -j " +
      std::to_string(std::min(2, options.pgbench_clients)) + " -T " +
      std::to_string(options.seconds) + " '" + TestStack::get().admin_dsn + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + options.pgbench);
  std::string output;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int rc = pclose(pipe);
  PgbenchFigures figures;
  figures.tps = number_after(output, "tps = ");
  figures.latency_ms = number_after(output, "latency average = ");
  figures.failed = static_cast<long>(number_after(output, "number of failed transactions: "));
  if (rc != 0 || figures.tps <= 0) throw std::runtime_error("pgbench failed:\n" + output);
  return figures;
}

// Every fund's receipts of the run: numbered 1..n with no gap and no number twice, and how many
// donations a commit carried (distinct xmin).
bool check_receipts(pqxx::connection& admin) {
  pqxx::nontransaction tx(admin);
  bool sound = true;
  for (const auto& row : tx.exec(
           "SELECT fund_id, receipt_year, count(*), count(DISTINCT receipt_number), "
           "min(receipt_number), max(receipt_number), count(DISTINCT xmin::text) "
           "FROM donation.donation WHERE receipt_number IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2")) {
    const auto n = row[2].as<long>();
    const bool gapless = row[3].as<long>() == n && row[4].as<long>() == 1 && row[5].as<long>() == n;
    sound = sound && gapless;
    std::cout << "receipts of " << row[0].c_str() << "/" << row[1].c_str() << ": " << n
              << (gapless ? ", numbered 1.." + std::to_string(n) + " without gaps or repeats"
                          : ", NOT gapless: distinct " + std::string(row[3].c_str()) + ", from " +
                                row[4].c_str() + " to " + row[5].c_str())
              << ", " << fixed(static_cast<double>(n) / row[6].as<double>(), 1)
              << " donations per commit\n";
  }
  return sound;
}

// ------------------------------------------------------------------------------------------

int run(const Options& options) {
  platform::log::init("bench", "warn");
  const auto& stack = TestStack::get();
  pqxx::connection admin(stack.admin_dsn);
  CpuMeter meter(postmaster_pid(admin), nats_pid());
  std::cout << "vnn-donation-load: " << options.callers << " callers on " << options.channels
            << " channel(s) into " << options.funds << " fund(s), pool " << options.pool_size
            << ", " << options.rounds << " rounds x " << options.seconds << " s, "
            << sysconf(_SC_NPROCESSORS_ONLN) << " cores\n";

  ServiceProcess service(options.service_binary, {}, donation_service_env(options.pool_size));
  const int port = service.wait_for_port(60s);  // the first start on a stack migrates
  meter.set_service(service.pid());
  const std::string bearer = district_officer_bearer();
  auto stubs = stubs_for(port, options.channels);
  const DonationSeed seeded = seed_funds_and_campaign(*stubs[0], bearer, options.funds);
  std::this_thread::sleep_for(2s);
  const long idle_kib = status_kib(service.pid(), "VmRSS");
  std::cout << "service idle RSS (after seeding, before load): " << idle_kib / 1024 << " MiB\n";

  LoadDriver driver(std::move(stubs), seeded, bearer);
  if (options.warmup_seconds > 0) {
    // Connections, prepared plans and the first pages of every index: not part of the figure.
    auto warm = driver.run(options.callers, std::chrono::seconds(options.warmup_seconds));
    std::cout << "  warm-up " << options.warmup_seconds
              << " s: " << static_cast<long>(warm.calls_per_second) << " calls/s (not counted)\n";
  }
  std::vector<double> rates, p50s, p99s;
  std::vector<CpuPerUnit> costs;
  long errors = 0;
  std::string first_error;
  for (int r = 0; r < options.rounds; ++r) {
    const auto db_before = db_counters(admin);
    const auto cpu_before = meter.sample();
    WaitSampler waits(stack.admin_dsn, "usename = 'vnn_donation'");
    auto figures = driver.run(options.callers, std::chrono::seconds(options.seconds));
    const auto cpu_after = meter.sample();
    waits.stop();
    const auto db_after = db_counters(admin);
    const CpuSplit cpu = CpuMeter::split(cpu_before, cpu_after);
    costs.push_back(per_unit(cpu, figures.calls_per_second));
    rates.push_back(figures.calls_per_second);
    p50s.push_back(figures.p50_ms);
    p99s.push_back(figures.p99_ms);
    errors += figures.errors;
    if (first_error.empty()) first_error = figures.first_error;
    std::cout << "  round " << r + 1 << ": " << static_cast<long>(figures.calls_per_second)
              << " calls/s, p50 " << fixed(figures.p50_ms, 1) << " ms, p99 "
              << fixed(figures.p99_ms, 1) << " ms, errors " << figures.errors
              << ", service peak RSS so far " << status_kib(service.pid(), "VmHWM") / 1024
              << " MiB\n"
              << "           " << describe(cpu, "client") << "\n"
              << "           " << describe(costs.back(), "donation", "client") << "\n"
              << "           " << describe(db_before, db_after) << "\n"
              << "           " << waits.describe() << "\n";
  }
  const double service_rate = median(rates);
  std::cout << "RecordDonation at " << options.callers
            << " callers: " << static_cast<long>(service_rate) << " calls/s, p50 "
            << fixed(median(p50s), 1) << " ms, p99 " << fixed(median(p99s), 1) << " ms (medians of "
            << options.rounds << " x " << options.seconds << " s), errors " << errors
            << (first_error.empty() ? "" : " (first: " + first_error + ")") << ", service idle RSS "
            << idle_kib / 1024 << " MiB, peak RSS " << status_kib(service.pid(), "VmHWM") / 1024
            << " MiB\n";
  // The round whose total is the median: its parts add up, as medians of each part would not.
  std::sort(costs.begin(), costs.end(),
            [](const CpuPerUnit& a, const CpuPerUnit& b) { return a.all() < b.all(); });
  std::cout << describe(costs[costs.size() / 2], "donation", "client")
            << " (the round with the median total)\n";
  service.signal(SIGTERM);
  service.wait();
  meter.set_service(0);
  const bool receipts_sound = check_receipts(admin);
  if (!receipts_sound) ++errors;
  if (options.skip_pgbench) return errors == 0 ? 0 : 1;

  // The service is gone: PostgreSQL has the machine to itself, as a ceiling should.
  PgScratch scratch(admin, options.pgbench_clients);
  auto pgbench_rounds = [&](const std::string& title, const std::string& script) {
    std::vector<double> tps;
    for (int r = 0; r < options.rounds; ++r) {
      const auto db_before = db_counters(admin);
      const auto cpu_before = meter.sample();
      WaitSampler waits(stack.admin_dsn, "application_name = 'pgbench'");
      auto figures = run_pgbench(options, scratch.schema(), script);
      const auto cpu_after = meter.sample();
      waits.stop();
      const auto db_after = db_counters(admin);
      tps.push_back(figures.tps);
      std::cout << "  " << title << " round " << r + 1 << ": " << static_cast<long>(figures.tps)
                << " tps, latency average " << fixed(figures.latency_ms, 2) << " ms, failed "
                << figures.failed << "\n"
                << "           " << describe(CpuMeter::split(cpu_before, cpu_after), "pgbench")
                << "\n"
                << "           " << describe(db_before, db_after) << "\n"
                << "           " << waits.describe() << "\n";
    }
    const double result = median(tps);
    std::cout << "pgbench, " << title << " (" << options.pgbench_clients
              << " clients, one transaction per donation): " << static_cast<long>(result)
              << " tps (median of " << options.rounds << " x " << options.seconds << " s)\n";
    return result;
  };
  const double one_fund = pgbench_rounds("one fund", scratch.one_fund_script());
  const double per_client = pgbench_rounds("a fund per client", scratch.fund_per_client_script());
  std::cout << "ratio service / pgbench (one fund, the same rows): "
            << fixed(service_rate / one_fund, 2) << "\n"
            << "ratio service / pgbench (a fund per client): "
            << fixed(service_rate / per_client, 2) << "\n"
            << "the per-fund receipt counter: one fund reaches " << fixed(one_fund / per_client, 2)
            << " of a fund per client\n";
  return errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace vnn::testing

int main(int argc, char** argv) {
  vnn::platform::skip_mutex_deadlock_detection();  // as the service does
  CLI::App app("RecordDonation under load, beside the PostgreSQL ceiling for the same rows");
  vnn::testing::Options options;
  app.add_option("--callers", options.callers, "RecordDonation calls kept in flight")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--seconds", options.seconds, "seconds per round (service and pgbench)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--rounds", options.rounds, "rounds per figure (medians are reported)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--pool-size", options.pool_size, "the service's PostgreSQL connections")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--channels", options.channels, "gRPC channels (TCP connections) the calls use")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--funds", options.funds,
                 "funds the calls spread over (1: every call on one receipt counter)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--warmup-seconds", options.warmup_seconds, "uncounted load before round 1")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_flag("--skip-pgbench", options.skip_pgbench, "measure the service only");
  app.add_option("--pgbench-clients", options.pgbench_clients, "pgbench clients (-c)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--pgbench", options.pgbench, "the pgbench binary")->capture_default_str();
  app.add_option("--service-binary", options.service_binary,
                 "the vnn-donation binary (e.g. one built from another revision)")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  try {
    return vnn::testing::run(options);
  } catch (const std::exception& e) {
    std::cerr << "vnn-donation-load: " << e.what() << "\n";
    return 1;
  }
}
