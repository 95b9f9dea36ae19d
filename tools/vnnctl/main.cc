// vnnctl: the command line for officers and operators. Tables are in Vietnamese by default
// (--lang en for English); errors in English.
//
//   vnnctl [--target host:port] [--token T] units list [--parent CODE] [--on YYYY-MM-DD]
//   vnnctl ... units get CODE [--on YYYY-MM-DD]
//   vnnctl ... health [--wait SECONDS]

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "table.h"
#include "vnn/donation/v1/admin_units.grpc.pb.h"
#include "vnn/platform/date.h"
#include "vnn_health_client.h"

namespace {

using vnn::cli::Table;

struct Options {
  std::string target = "127.0.0.1:17051";
  std::string token;
  std::string lang = "vi";
  bool english() const { return lang == "en"; }
};

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

std::string date_text(const vnn::common::v1::Date& date) {
  if (date.year() == 0) return "";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", date.day(), date.month(), date.year());
  return buffer;
}

vnn::common::v1::Date parse_date(const std::string& text) {
  vnn::common::v1::Date out;
  if (text.empty()) return out;
  auto date = vnn::platform::Date::parse_iso(text);
  if (!date) throw CLI::ValidationError("--on", "expected YYYY-MM-DD, got " + text);
  out.set_year(date->year);
  out.set_month(date->month);
  out.set_day(date->day);
  return out;
}

std::unique_ptr<grpc::ClientContext> context_for(const Options& options) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!options.token.empty()) context->AddMetadata("authorization", "Bearer " + options.token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

int fail(const grpc::Status& status) {
  std::cerr << "vnnctl: " << status.error_message() << " (" << status.error_code() << ")\n";
  return 1;
}

void add_unit_row(Table& table, const vnn::common::v1::AdminUnit& unit, bool english) {
  std::string validity = date_text(unit.valid_from());
  if (!validity.empty() || unit.valid_to().year() != 0) {
    validity = (validity.empty() ? "…" : validity) + " – " +
               (unit.valid_to().year() == 0 ? "" : date_text(unit.valid_to()));
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
  Options options;
  CLI::App app("vnnctl: VNN command line");
  app.add_option("--target", options.target, "service address host:port")
      ->envname("VNN_TARGET")
      ->capture_default_str();
  app.add_option("--token", options.token, "bearer token (see vnn-token)")->envname("VNN_TOKEN");
  app.add_option("--lang", options.lang, "vi|en")
      ->check(CLI::IsMember({"vi", "en"}))
      ->capture_default_str();
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the subcommand

  auto* units = app.add_subcommand("units", "administrative units")->require_subcommand(1);
  auto* list = units->add_subcommand("list", "units below a parent on a date");
  std::string parent, on;
  list->add_option("--parent", parent, "parent unit code (empty: provinces)");
  list->add_option("--on", on, "date YYYY-MM-DD (default: today)");
  auto* get = units->add_subcommand("get", "one unit on a date");
  std::string code;
  get->add_option("code", code, "unit code")->required();
  get->add_option("--on", on, "date YYYY-MM-DD (default: today)");

  auto* health = app.add_subcommand("health", "health of a service (grpc.health.v1)");
  int wait_seconds = 0;
  health->add_option("--wait", wait_seconds, "wait up to this many seconds for SERVING");

  CLI11_PARSE(app, argc, argv);
  auto channel = grpc::CreateChannel(options.target, grpc::InsecureChannelCredentials());

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
      *request.mutable_valid_on() = parse_date(on);
      vnn::donation::v1::ListAdministrativeUnitsResponse response;
      auto context = context_for(options);
      auto status = stub->ListAdministrativeUnits(context.get(), request, &response);
      if (!status.ok()) return fail(status);
      Table table = unit_table(options.english());
      for (const auto& unit : response.units()) add_unit_row(table, unit, options.english());
      table.print(std::cout);
      std::cout << response.units_size() << (options.english() ? " units\n" : " đơn vị\n");
      return 0;
    }
    if (get->parsed()) {
      vnn::donation::v1::GetAdministrativeUnitRequest request;
      request.mutable_unit()->set_code(code);
      *request.mutable_unit()->mutable_valid_on() = parse_date(on);
      vnn::common::v1::AdminUnit unit;
      auto context = context_for(options);
      auto status = stub->GetAdministrativeUnit(context.get(), request, &unit);
      if (!status.ok()) return fail(status);
      Table table = unit_table(options.english());
      add_unit_row(table, unit, options.english());
      table.print(std::cout);
      return 0;
    }
  } catch (const CLI::Error& e) {
    return app.exit(e);
  }
  return 0;
}
