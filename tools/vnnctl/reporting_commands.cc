// vnnctl report progress|lagging|watch: how the campaign stands, as the reporting service keeps
// it from the other services' events.

#include "reporting_commands.h"

#include <atomic>
#include <csignal>
#include <iostream>
#include <thread>

#include "allocation_labels.h"
#include "call_errors.h"
#include "format.h"
#include "output.h"
#include "reporting_labels.h"

namespace vnn::cli {
namespace {

std::atomic<bool> interrupted{false};
extern "C" void on_interrupt(int) { interrupted = true; }

rep::UnitView view_of(const ReportingInputs& in) {
  return in.restated ? rep::UNIT_VIEW_RESTATED : rep::UNIT_VIEW_AS_OF_THEN;
}

}  // namespace

std::unique_ptr<grpc::ClientContext> reporting_context(
    const GlobalOptions& options, std::optional<std::chrono::seconds> deadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!options.token.empty()) context->AddMetadata("authorization", "Bearer " + options.token);
  if (deadline) context->set_deadline(std::chrono::system_clock::now() + *deadline);
  return context;
}

std::function<int(const std::shared_ptr<grpc::Channel>&)> add_reporting_commands(
    CLI::App& app, const GlobalOptions& options) {
  auto in = std::make_shared<ReportingInputs>();
  auto commands = std::make_shared<ReportingCommandSet>();
  auto* report = app.add_subcommand("report", "campaign progress and reports (reporting service)")
                     ->require_subcommand(1);

  auto* progress = report->add_subcommand(
      "progress", "a campaign's progress for a unit and the units below it, with its funds");
  progress->add_option("--campaign", in->campaign, "campaign id")->required();
  progress->add_option("--unit", in->unit, "unit code (default: the campaign's organising unit)");
  progress->add_flag("--restated", in->restated,
                     "count communes merged since in today's units (default: as they were then)");
  add_json_flag(progress, in->json);
  add_example(progress, "vnnctl report progress --campaign dot-cao-diem-2024 --unit 736");

  auto* lagging = report->add_subcommand(
      "lagging", "units below a unit that have not sent their household list or results report");
  lagging->add_option("--campaign", in->campaign, "campaign id")->required();
  lagging->add_option("--unit", in->unit, "the district (or a commune); default: the campaign's");
  lagging->add_option("--as-of", in->as_of, "date YYYY-MM-DD (default: today in Vietnam)");
  add_json_flag(lagging, in->json);
  add_example(lagging, "vnnctl report lagging --campaign dot-cao-diem-2024 --unit 736");

  auto* watch = report->add_subcommand(
      "watch", "print the campaign's progress again whenever it changes, until Ctrl-C");
  watch->add_option("--campaign", in->campaign, "campaign id")->required();
  watch->add_option("--unit", in->unit, "unit code (default: the campaign's organising unit)");
  watch->add_flag("--restated", in->restated, "count communes merged since in today's units");
  watch->add_flag("--json", in->json, "one JSON document per line and snapshot, for scripts");
  add_example(watch, "vnnctl report watch --campaign dot-cao-diem-2024 --unit 26242");

  add_reporting_report_commands(report, options, in, *commands);

  commands->add(progress, [in, &options](ReportingStub* stub) -> int {
    rep::GetCampaignProgressRequest r;
    r.set_campaign_id(in->campaign);
    r.set_unit_code(in->unit);
    r.set_view(view_of(*in));
    rep::CampaignProgress out;
    auto status = stub->GetCampaignProgress(options.context().get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) {
      std::cout << to_json(out) << "\n";
    } else {
      print_progress(std::cout, out, options.english());
    }
    return 0;
  });

  commands->add(lagging, [in, &options](ReportingStub* stub) -> int {
    rep::ListLaggingUnitsRequest r;
    r.set_campaign_id(in->campaign);
    r.set_unit_code(in->unit);
    *r.mutable_as_of() = parse_date_option(in->as_of, "--as-of");
    if (!r.as_of().year()) r.clear_as_of();
    rep::LaggingUnits out;
    auto status = stub->ListLaggingUnits(options.context().get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) {
      std::cout << to_json(out) << "\n";
    } else {
      print_lagging(std::cout, out, options.english());
    }
    return 0;
  });

  commands->add(watch, [in, &options](ReportingStub* stub) -> int {
    const bool en = options.english();
    rep::WatchCampaignProgressRequest r;
    r.set_campaign_id(in->campaign);
    r.set_unit_code(in->unit);
    r.set_view(view_of(*in));
    auto context = reporting_context(options, std::nullopt);
    // Ctrl-C ends the watch cleanly: the stream is cancelled and the command exits 0.
    interrupted = false;
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    std::atomic<bool> done{false};
    std::thread canceller([&] {
      while (!done) {
        if (interrupted) {
          context->TryCancel();
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    });
    auto reader = stub->WatchCampaignProgress(context.get(), r);
    rep::CampaignProgress snapshot;
    int snapshots = 0;
    while (reader->Read(&snapshot)) {
      ++snapshots;
      if (in->json) {
        std::cout << to_json(snapshot) << std::endl;
      } else {
        if (snapshots > 1) std::cout << "\n";
        std::cout << "── " << (en ? "snapshot " : "cập nhật lần ") << snapshots << " ──\n";
        print_progress(std::cout, snapshot, en);
        std::cout.flush();
      }
    }
    auto status = reader->Finish();
    done = true;
    canceller.join();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (interrupted) return 0;
    if (!status.ok()) return fail(status);
    return 0;
  });

  return [commands](const std::shared_ptr<grpc::Channel>& channel) -> int {
    auto stub = reporting::v1::ReportingService::NewStub(channel);
    return commands->run_parsed(stub.get());
  };
}

}  // namespace vnn::cli
