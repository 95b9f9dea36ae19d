// vnn-payroll-import: bulk intake of an agency's payroll list through ImportDonations, against
// the real vnn-donation process. The target: at least 50,000 rows/s for a 1,000,000-row list.
//
// It makes a synthetic list (Vietnamese names, a citizen id for a share of the staff, one day's
// salary each), streams it as one agency's list to the district fund, and times it on the wall
// clock from the first message sent to the report received. Each further --imports is another
// month's list (a new list reference, so a new donation) into the same fund and campaign. Then it
// checks what was written: every row a line of its list's donation, which holds their sum, the
// fund's receipt numbers without gaps or duplicates; it times a re-import of the first list
// (which must record nothing), and how long the outbox relay took to publish the events after
// the last import answered.
// Needs the stack of tests/bench/run.sh (the variables of deploy/local/stack.sh env).

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <pqxx/pqxx>
#include <thread>

#include "cpu_meter.h"
#include "donation_seed.h"
#include "household_list.h"
#include "vnn/platform/log.h"
#include "vnn/platform/mutex_checks.h"
#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;
using namespace std::chrono_literals;

struct Options {
  std::int64_t rows = 1'000'000;
  int imports = 3;
  double citizen_share = 0.6;
  int chunk_kib = 256;
  std::uint64_t seed = 20240320;
  bool reimport = true;
  std::string service_binary = VNN_DONATION_BINARY;
};

// One list: a header, then `rows` staff with one day's salary (90,000–900,000 đồng, in
// thousands), a citizen id for `citizen_share` of them, and their school or office as the note.
std::string payroll_csv(std::int64_t rows, double citizen_share, PersonMaker& people) {
  static const std::vector<std::string> kOffices{
      "Trường THCS Phú Túc",        "Trường Tiểu học Phú Cường",    "Trường Mầm non La Ngà",
      "Phòng Tài chính – Kế hoạch", "Văn phòng HĐND và UBND huyện", ""};
  std::uniform_int_distribution<int> thousands(90, 900);
  std::uniform_real_distribution<double> unit(0, 1);
  std::uniform_int_distribution<std::size_t> office(0, kOffices.size() - 1);
  std::string csv = "full_name,citizen_id,amount_dong,note\n";
  csv.reserve(static_cast<std::size_t>(rows) * 60);
  for (std::int64_t i = 0; i < rows; ++i) {
    auto person = people.adult(1964, 2001);
    const bool with_id = unit(people.random()) < citizen_share;
    if (with_id && person.citizen_id.empty()) {
      person.citizen_id = people.citizen_id(person.birth_year, person.female);
    }
    csv += person.full_name;
    csv += ',';
    if (with_id) csv += person.citizen_id;
    csv += ',';
    csv += std::to_string(thousands(people.random()) * 1000);
    csv += ',';
    csv += kOffices[office(people.random())];
    csv += '\n';
  }
  return csv;
}

struct ImportFigures {
  double seconds = 0;
  v1::ImportReport report;
  grpc::Status status;
};

ImportFigures stream_list(v1::DonationService::Stub& stub, const std::string& bearer,
                          const v1::ImportHeader& header, const std::string& csv,
                          std::size_t chunk_bytes) {
  ImportFigures out;
  auto context = bench_context(bearer, 3600s);
  const auto started = SteadyClock::now();
  auto writer = stub.ImportDonations(context.get(), &out.report);
  v1::ImportChunk first;
  *first.mutable_header() = header;
  writer->Write(first);
  for (std::size_t at = 0; at < csv.size(); at += chunk_bytes) {
    v1::ImportChunk chunk;
    chunk.set_csv(csv.substr(at, chunk_bytes));
    if (!writer->Write(chunk)) break;
  }
  writer->WritesDone();
  out.status = writer->Finish();
  out.seconds = seconds_between(started, SteadyClock::now());
  return out;
}

v1::ImportHeader list_header(const DonationSeed& seeded, const std::string& agency, int month) {
  v1::ImportHeader h;
  h.set_request_id(unique_name("payroll"));
  h.set_format(v1::IMPORT_FORMAT_PAYROLL);
  h.set_campaign_id(seeded.campaign_id);
  h.set_fund_id(seeded.fund_ids.front());
  h.set_mobiliser_id(agency);
  set_date(h.mutable_received_on(), 2024, 2 + month % 3, 20);
  h.set_list_reference("Một ngày lương, danh sách " + std::to_string(month + 1));
  return h;
}

int run(const Options& options) {
  platform::log::init("bench", "warn");
  const auto& stack = TestStack::get();
  pqxx::connection admin(stack.admin_dsn);
  CpuMeter meter(postmaster_pid(admin), nats_pid());
  std::cout << "vnn-payroll-import: " << options.imports << " list(s) of " << options.rows
            << " rows, " << options.citizen_share * 100 << " % with a citizen id, "
            << options.chunk_kib << " KiB per message, " << sysconf(_SC_NPROCESSORS_ONLN)
            << " cores\n";

  PersonMaker people(options.seed);
  const auto generated_at = SteadyClock::now();
  std::vector<std::string> lists;
  for (int i = 0; i < options.imports; ++i) {
    lists.push_back(payroll_csv(options.rows, options.citizen_share, people));
  }
  std::cout << "lists: " << lists.front().size() / 1024 / 1024 << " MiB of CSV each (made in "
            << fixed(seconds_between(generated_at, SteadyClock::now()), 1) << " s, not counted)\n";

  ServiceProcess service(options.service_binary, {}, donation_service_env(16));
  const int port = service.wait_for_port(60s);  // the first start on a stack migrates
  meter.set_service(service.pid());
  const std::string bearer = district_officer_bearer();
  auto channel =
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials());
  auto stub = v1::DonationService::NewStub(channel);
  const auto seeded = seed_funds_and_campaign(*stub, bearer, 1);
  const auto agency = seed_agency(*stub, bearer);
  const std::size_t chunk = static_cast<std::size_t>(options.chunk_kib) * 1024;

  std::vector<double> rates;
  std::vector<v1::ImportHeader> headers;
  std::vector<v1::ImportReport> reports;
  bool complete = true;
  for (int i = 0; i < options.imports; ++i) {
    headers.push_back(list_header(seeded, agency, i));
    const auto before = meter.sample();
    const auto figures = stream_list(*stub, bearer, headers.back(), lists[i], chunk);
    const auto after = meter.sample();
    if (!figures.status.ok()) {
      std::cerr << "ImportDonations: " << figures.status.error_message() << "\n";
      return 1;
    }
    const auto& r = figures.report;
    rates.push_back(static_cast<double>(r.rows()) / figures.seconds);
    complete = complete && r.recorded() == options.rows && r.rejected() == 0;
    reports.push_back(r);
    std::cout << "import " << i + 1 << ": " << r.recorded() << " lines recorded ("
              << r.already_recorded() << " already, " << r.rejected() << " rejected) from "
              << r.rows() << " rows in " << fixed(figures.seconds, 1)
              << " s: " << static_cast<long>(rates.back()) << " rows/s; donation "
              << r.donation_id() << ", receipt " << r.receipt().number() << "\n"
              << "        " << describe(CpuMeter::split(before, after), "bench") << "\n";
  }

  // Each list's lines are its donation, to the đồng.
  for (const auto& r : reports) {
    const auto lines = pqxx::work(admin).exec_params1(
        "SELECT count(*), COALESCE(sum(l.amount_dong), 0), min(d.amount_dong) FROM "
        "donation.payroll_line l JOIN donation.donation d ON d.id = l.donation_id WHERE "
        "l.donation_id = $1",
        r.donation_id());
    const bool whole = lines[0].as<std::int64_t>() == r.recorded() &&
                       lines[1].as<std::int64_t>() == r.recorded_amount().dong() &&
                       lines[2].as<std::int64_t>() == r.recorded_amount().dong();
    complete = complete && whole;
    std::cout << "donation " << r.donation_id() << ": " << lines[0].as<std::int64_t>() << " lines, "
              << lines[1].as<std::int64_t>() << " đồng"
              << (whole ? ", its amount" : ", NOT ITS AMOUNT") << "\n";
  }

  // Every receipt of the fund's year once, without a gap.
  const auto numbers = pqxx::work(admin).exec_params1(
      "SELECT count(*), count(DISTINCT receipt_number), min(receipt_number), "
      "max(receipt_number) FROM donation.donation WHERE fund_id = $1",
      seeded.fund_ids.front());
  const auto count = numbers[0].as<std::int64_t>();
  const bool gapless = count == numbers[1].as<std::int64_t>() &&
                       numbers[3].as<std::int64_t>() - numbers[2].as<std::int64_t>() + 1 == count;
  std::cout << "receipts: " << count << " in the fund, "
            << (gapless ? "numbered without gaps or duplicates" : "NOT GAPLESS") << "\n";

  const auto answered = SteadyClock::now();
  for (;;) {
    const auto left =
        pqxx::work(admin)
            .exec1("SELECT count(*) FROM donation.outbox WHERE published_at IS NULL")[0]
            .as<std::int64_t>();
    if (left == 0) break;
    std::this_thread::sleep_for(200ms);
  }
  std::cout << "outbox: every event published "
            << fixed(seconds_between(answered, SteadyClock::now()), 1)
            << " s after the checks above began\n";

  bool reimport_clean = true;
  if (options.reimport) {
    const auto again = stream_list(*stub, bearer, headers.front(), lists.front(), chunk);
    reimport_clean = again.status.ok() && again.report.recorded() == 0 &&
                     again.report.already_recorded() == options.rows;
    std::cout << "re-import of list 1: " << again.report.recorded() << " recorded, "
              << again.report.already_recorded() << " already recorded, in "
              << fixed(again.seconds, 1) << " s: "
              << static_cast<long>(static_cast<double>(again.report.rows()) / again.seconds)
              << " rows/s\n";
  }

  const double rate = median(rates);
  std::cout << "payroll import: " << static_cast<long>(rate) << " rows/s (median of "
            << rates.size() << " lists of " << options.rows << " rows)\n"
            << verdict(rate >= 50000) << ": payroll import " << static_cast<long>(rate)
            << " rows/s, target >= 50000\n";
  return complete && gapless && reimport_clean ? 0 : 1;
}

}  // namespace
}  // namespace vnn::testing

int main(int argc, char** argv) {
  vnn::platform::skip_mutex_deadlock_detection();  // as the service does
  CLI::App app("Bulk intake of payroll lists through ImportDonations");
  vnn::testing::Options options;
  app.add_option("--rows", options.rows, "rows per list")
      ->check(CLI::Range(1, 20'000'000))
      ->capture_default_str();
  app.add_option("--imports", options.imports, "lists imported one after another")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--citizen-share", options.citizen_share, "share of staff with a citizen id")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--chunk-kib", options.chunk_kib, "CSV bytes per stream message, in KiB")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  app.add_option("--seed", options.seed, "seed of the synthetic lists")->capture_default_str();
  app.add_flag("!--no-reimport", options.reimport, "skip the timed re-import of list 1");
  app.add_option("--service-binary", options.service_binary, "the vnn-donation binary")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  try {
    return vnn::testing::run(options);
  } catch (const std::exception& e) {
    std::cerr << "vnn-payroll-import: " << e.what() << "\n";
    return 1;
  }
}
