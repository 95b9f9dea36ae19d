// vnnctl: the command line for officers and operators. Tables are in Vietnamese by default
// (--lang en for English), and so are the errors services return (their Vietnamese message
// and the field at fault, from the error details).
//
//   vnnctl [--target host:port] [--household-target host:port] [--allocation-target host:port]
//          [--reporting-target host:port] [--token T] [--lang vi|en] [--tls] [--ca CA.pem] [--cert
//          CERT.pem --key KEY.pem] …
//     units list [--parent CODE] [--on YYYY-MM-DD] | units get CODE [--on …]
//     fund create|list|update · campaign create · mobiliser create
//     donation record|list|get|receipt|import|lines|reverse|decide · pledge record|list · totals
//     household import|list|get|submit|override|review|resubmit|candidacies|rank|assign|outcome
//     duplicates list|resolve · coverage --campaign ID --unit CODE   (household review)
//     regulation · support propose|approve|preview-batch|approve-batch|disburse|complete|cancel|
//     show|list · fund balance|balances|ledger|verify · allocation totals   (allocation; --json)
//     report progress|lagging|watch|final|submit|commendation|disclosure|reconcile
//                                                                         (reporting; --json)
//     health [--wait SECONDS] · token (a local development token, as vnn-token mints it)
// Every command that prints data takes --json; the exit codes are in call_errors.h and
// docs/cli.md.

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "allocation_commands.h"
#include "call_errors.h"
#include "connection.h"
#include "donation_commands.h"
#include "format.h"
#include "household_commands.h"
#include "output.h"
#include "pledge_commands.h"
#include "reporting_commands.h"
#include "reversal_commands.h"
#include "table.h"
#include "token_command.h"
#include "vnn/donation/v1/admin_units.grpc.pb.h"
#include "vnn_health_client.h"

namespace {

using vnn::cli::fail;
using vnn::cli::kExitUsage;
using vnn::cli::Table;

std::string kind_label(vnn::common::v1::AdminUnitKind kind, bool english) {
  using namespace vnn::common::v1;
  switch (kind) {
    case ADMIN_UNIT_KIND_PROVINCE:
      return english ? "province" : "tỉnh";
    case ADMIN_UNIT_KIND_CITY:
      return english ? "city" : "thành phố";
    case ADMIN_UNIT_KIND_DISTRICT:
      return english ? "district" : "huyện";
    case ADMIN_UNIT_KIND_TOWNSHIP:
      return english ? "township" : "thị trấn";
    case ADMIN_UNIT_KIND_COMMUNE:
      return english ? "commune" : "xã";
    case ADMIN_UNIT_KIND_WARD:
      return english ? "ward" : "phường";
    default:
      return "?";
  }
}

void add_unit_row(Table& table, const vnn::common::v1::AdminUnit& unit, bool english) {
  using vnn::cli::format_date;
  std::string validity = format_date(unit.valid_from());
  if (!validity.empty() || unit.valid_to().year() != 0) {
    validity = (validity.empty() ? "…" : validity) + " – " + format_date(unit.valid_to());
  }
  table.add_row({unit.code(), unit.name(), kind_label(unit.kind(), english), unit.parent_code(),
                 validity, unit.successor_code()});
}

Table unit_table(bool english) {
  if (english) return Table({"Code", "Name", "Kind", "Parent", "Valid", "Merged into"});
  return Table({"Mã", "Tên", "Cấp", "Trực thuộc", "Hiệu lực", "Sáp nhập vào"});
}

}  // namespace

int main(int argc, char** argv) {
  vnn::cli::GlobalOptions options;
  CLI::App app("vnnctl: VNN command line");
  app.add_option("--target", options.target, "service address host:port")
      ->envname("VNN_TARGET")
      ->capture_default_str();
  app.add_option("--household-target", options.household_target,
                 "household-review service address host:port")
      ->envname("VNN_HOUSEHOLD_TARGET")
      ->capture_default_str();
  app.add_option("--allocation-target", options.allocation_target,
                 "allocation service address host:port")
      ->envname("VNN_ALLOCATION_TARGET")
      ->capture_default_str();
  app.add_option("--reporting-target", options.reporting_target,
                 "reporting service address host:port")
      ->envname("VNN_REPORTING_TARGET")
      ->capture_default_str();
  app.add_option("--token", options.token, "bearer token (see vnn-token)")->envname("VNN_TOKEN");
  app.add_option("--lang", options.lang, "vi|en")
      ->check(CLI::IsMember({"vi", "en"}))
      ->capture_default_str();
  vnn::cli::TlsOptions tls;
  vnn::cli::add_tls_options(app, tls);
  app.footer(
      "Every command that prints data takes --json. Exit codes: 0 done; 1 differences found or "
      "an internal failure; 2 usage; 3 not found; 4 refused (token, role, unit); 5 invalid "
      "value; 6 conflict (state, deadline, already done); 7 unavailable, retry; 8 not supported "
      "by that service. See docs/cli.md.");
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the subcommand

  auto* units = app.add_subcommand("units", "administrative units")->require_subcommand(1);
  auto* list = units->add_subcommand("list", "units below a parent on a date");
  std::string parent, on, code;
  list->add_option("--parent", parent, "parent unit code (empty: provinces)");
  list->add_option("--on", on, "date YYYY-MM-DD (default: today)");
  bool json = false;
  vnn::cli::add_json_flag(list, json);
  vnn::cli::add_example(list,
                        "vnnctl units list --parent 736 --on 2024-02-03\n"
                        "vnnctl units list --parent 75 --on 2025-07-01");
  auto* get = units->add_subcommand("get", "one unit on a date");
  get->add_option("code", code, "unit code")->required();
  get->add_option("--on", on, "date YYYY-MM-DD (default: today)");
  vnn::cli::add_json_flag(get, json);
  vnn::cli::add_example(get, "vnnctl units get 26242 --on 2024-02-03");

  auto* health = app.add_subcommand(
      "health", "health of a service (grpc.health.v1); exits 1 when it is not SERVING");
  int wait_seconds = 0;
  health->add_option("--wait", wait_seconds, "wait up to this many seconds for SERVING");
  vnn::cli::add_example(health,
                        "vnnctl health --wait 15 --target 127.0.0.1:17051\n"
                        "vnnctl health --target \"$VNN_REPORTING_TARGET\"");

  auto run_donation_command = vnn::cli::add_donation_commands(app, options);
  auto run_pledge_command = vnn::cli::add_pledge_commands(app, options);
  auto run_household_command = vnn::cli::add_household_commands(app, options);
  // After the donation commands: the ledger's fund commands join their "fund".
  auto run_allocation_command = vnn::cli::add_allocation_commands(app, options);
  auto run_reporting_command = vnn::cli::add_reporting_commands(app, options);
  auto run_reversal_command = vnn::cli::add_reversal_commands(app, options);
  auto run_token_command = vnn::cli::add_token_command(app);

  // Any mistake on the command line exits 2 (CLI11's own codes are not ours); --help exits 0.
  const auto usage_exit = [&app](const CLI::Error& e) {
    return app.exit(e) == 0 ? 0 : static_cast<int>(kExitUsage);
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return usage_exit(e);
  }
  if (const int rc = run_token_command(); rc >= 0) return rc;
  vnn::cli::set_error_language(options.english());
  const bool en = options.english();
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  try {
    credentials = vnn::cli::channel_credentials(tls);
  } catch (const std::invalid_argument& e) {
    std::cerr << "vnnctl: " << e.what() << "\n";
    return kExitUsage;
  }
  auto channel = grpc::CreateChannel(options.target, credentials);
  try {
    if (health->parsed()) {
      auto until = std::chrono::steady_clock::now() + std::chrono::seconds(wait_seconds);
      std::string status;
      do {
        status = vnn::cli::check_health(channel);
        if (status == "SERVING") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      } while (std::chrono::steady_clock::now() < until);
      std::cout << options.target << ": " << status << "\n";
      return status == "SERVING" ? 0 : 1;
    }
    auto stub = vnn::donation::v1::AdministrativeUnitService::NewStub(channel);
    if (list->parsed()) {
      vnn::donation::v1::ListAdministrativeUnitsRequest request;
      request.set_parent_code(parent);
      *request.mutable_valid_on() = vnn::cli::parse_date_option(on, "--on");
      vnn::donation::v1::ListAdministrativeUnitsResponse response;
      auto status = stub->ListAdministrativeUnits(options.context().get(), request, &response);
      if (!status.ok()) return fail(status);
      if (json) return vnn::cli::print_json(response);
      Table table = unit_table(en);
      for (const auto& unit : response.units()) add_unit_row(table, unit, en);
      table.print(std::cout);
      std::cout << response.units_size() << (en ? " units\n" : " đơn vị\n");
      return 0;
    }
    if (get->parsed()) {
      vnn::donation::v1::GetAdministrativeUnitRequest request;
      request.mutable_unit()->set_code(code);
      *request.mutable_unit()->mutable_valid_on() = vnn::cli::parse_date_option(on, "--on");
      vnn::common::v1::AdminUnit unit;
      auto status = stub->GetAdministrativeUnit(options.context().get(), request, &unit);
      if (!status.ok()) return fail(status);
      if (json) return vnn::cli::print_json(unit);
      Table table = unit_table(en);
      add_unit_row(table, unit, en);
      table.print(std::cout);
      return 0;
    }
    int rc = run_donation_command(channel);
    if (rc >= 0) return rc;
    rc = run_reversal_command(channel);
    if (rc >= 0) return rc;
    rc = run_pledge_command(channel);
    if (rc >= 0) return rc;
    rc = run_household_command(grpc::CreateChannel(options.household_target, credentials));
    if (rc >= 0) return rc;
    rc = run_allocation_command(grpc::CreateChannel(options.allocation_target, credentials));
    if (rc >= 0) return rc;
    rc = run_reporting_command(grpc::CreateChannel(options.reporting_target, credentials));
    if (rc >= 0) return rc;
  } catch (const CLI::Error& e) {
    return usage_exit(e);
  } catch (const std::invalid_argument& e) {
    std::cerr << "vnnctl: " << e.what() << "\n";
    return kExitUsage;
  }
  return 0;
}
