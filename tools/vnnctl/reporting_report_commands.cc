// vnnctl report final|submit|commendation|disclosure|reconcile: the campaign's reports, the
// results report a commune sends, commendation, public disclosure and reconciliation.

#include <cstdio>
#include <fstream>
#include <iostream>

#include "allocation_labels.h"
#include "commands_common.h"
#include "format.h"
#include "household_labels.h"
#include "output.h"
#include "reporting_commands.h"
#include "reporting_labels.h"

namespace vnn::cli {
namespace {

// An export is streamed in chunks; a large district report may take a while.
constexpr std::chrono::seconds kExportDeadline{300};

rep::GetFinalReportRequest final_request(const ReportingInputs& in, bool en) {
  rep::GetFinalReportRequest r;
  r.set_campaign_id(in.campaign);
  r.set_unit_code(in.unit);
  r.set_view(in.restated ? rep::UNIT_VIEW_RESTATED : rep::UNIT_VIEW_AS_OF_THEN);
  r.set_language(en ? "en" : "vi");
  return r;
}

// ExportFinalReport into `path`: written to "<path>.part" and renamed when the whole file has
// arrived, so a broken stream never leaves a file that looks complete.
int export_final_report(ReportingStub* stub, const GlobalOptions& options,
                        const ReportingInputs& in) {
  const bool en = options.english();
  rep::ExportFinalReportRequest r;
  *r.mutable_report() = final_request(in, en);
  r.set_format(*export_format_of(in.out));
  const std::string part = in.out + ".part";
  std::ofstream file(part, std::ios::binary | std::ios::trunc);
  if (!file) {
    std::cerr << "vnnctl: " << (en ? "cannot write " : "không ghi được tệp ") << part << "\n";
    return kExitUsage;
  }
  auto context = reporting_context(options, kExportDeadline);
  auto reader = stub->ExportFinalReport(context.get(), r);
  rep::ExportChunk chunk;
  std::string file_name;
  std::size_t bytes = 0;
  while (reader->Read(&chunk)) {
    if (file_name.empty()) file_name = chunk.file_name();
    file.write(chunk.data().data(), static_cast<std::streamsize>(chunk.data().size()));
    bytes += chunk.data().size();
  }
  auto status = reader->Finish();
  file.close();
  if (!status.ok()) {
    std::remove(part.c_str());
    return fail(status);
  }
  if (!file || std::rename(part.c_str(), in.out.c_str()) != 0) {
    std::remove(part.c_str());
    std::cerr << "vnnctl: " << (en ? "cannot write " : "không ghi được tệp ") << in.out << "\n";
    return kExitUsage;
  }
  std::cout << (en ? "wrote " : "đã ghi ") << in.out << " (" << bytes << " byte";
  if (!file_name.empty())
    std::cout << (en ? ", named by the service " : ", tên gợi ý ") << file_name;
  std::cout << ")\n";
  return 0;
}

}  // namespace

void add_reporting_report_commands(CLI::App* report, const GlobalOptions& options,
                                   const std::shared_ptr<ReportingInputs>& in,
                                   ReportingCommandSet& commands) {
  auto* final_report = report->add_subcommand(
      "final", "the campaign's final results report for a commune or the district");
  final_report->add_option("--campaign", in->campaign, "campaign id")->required();
  final_report->add_option("--unit", in->unit, "a commune or the district")->required();
  final_report->add_flag("--restated", in->restated, "in today's units (communes merged since)");
  final_report
      ->add_option("--out", in->out, "write the report to this file instead: FILE.csv or FILE.xlsx")
      ->check(CLI::Validator(
          [](std::string& path) -> std::string {
            return export_format_of(path) ? "" : "expected a file name ending in .csv or .xlsx";
          },
          "FILE.csv|FILE.xlsx"));
  add_json_flag(final_report, in->json);
  add_example(final_report,
              "vnnctl report final --campaign dot-cao-diem-2024 --unit 736 --out bao-cao-736.xlsx");

  auto* submit = report->add_subcommand(
      "submit", "send the unit's results report: the figures as they are now are kept");
  submit->add_option("--campaign", in->campaign, "campaign id")->required();
  submit->add_option("--unit", in->unit, "your commune (or the district)")->required();
  submit->add_option("--note", in->note, "a note to the report");
  submit->add_option("--received-on", in->received_on,
                     "the day the district office received the report (YYYY-MM-DD; default "
                     "today): lateness is judged on it");
  add_request_id_option(submit, in->request_id);
  add_json_flag(submit, in->json);
  add_example(submit,
              "vnnctl report submit --campaign dot-cao-diem-2024 --unit 26242 "
              "--received-on 2024-05-17");

  auto* commendation = report->add_subcommand(
      "commendation", "who gave the most (or, with --mobilisers, who mobilised the most)");
  commendation->add_option("--campaign", in->campaign, "campaign id")->required();
  commendation->add_option("--unit", in->unit, "a unit and those below it (default: all yours)");
  commendation->add_flag("--mobilisers", in->mobilisers,
                         "member organisations, agencies and board members instead of donors");
  commendation->add_option("--limit", in->limit, "how many (default 20, at most 200)")
      ->check(CLI::Range(1, 200));
  add_json_flag(commendation, in->json);
  add_example(commendation,
              "vnnctl report commendation --campaign dot-cao-diem-2024 --mobilisers --limit 10");

  auto* disclosure = report->add_subcommand(
      "disclosure", "what a fund received (or, with --used, how it was used), as made public");
  disclosure->add_option("--fund", in->fund, "fund id")->required();
  disclosure->add_option("--campaign", in->campaign, "only this campaign");
  disclosure->add_flag("--used", in->used, "how the fund was used (default: what it received)");
  disclosure->add_option("--unit", in->unit, "with --used: only households of this commune");
  disclosure->add_flag("--all", in->all, "every page (default: the first 100 entries)");
  disclosure->add_option("--page-token", in->page_token,
                         "the page after the one that gave this token");
  add_json_flag(disclosure, in->json);
  add_example(disclosure, "vnnctl report disclosure --fund fund-736 --used --all");

  auto* reconcile = report->add_subcommand(
      "reconcile",
      "compare the reports with donation's and allocation's own totals (exit code 1 if they "
      "differ)");
  reconcile->add_option("--campaign", in->campaign, "campaign id")->required();
  add_json_flag(reconcile, in->json);
  add_example(reconcile, "vnnctl report reconcile --campaign dot-cao-diem-2024");

  commands.add(final_report, [in, &options](ReportingStub* stub) -> int {
    const bool en = options.english();
    if (!in->out.empty()) return export_final_report(stub, options, *in);
    rep::FinalReport out;
    auto status = stub->GetFinalReport(options.context().get(), final_request(*in, en), &out);
    if (!status.ok()) return fail(status);
    if (in->json) {
      std::cout << to_json(out) << "\n";
    } else {
      print_final_report(std::cout, out, en);
    }
    return 0;
  });

  commands.add(submit, [in, &options](ReportingStub* stub) -> int {
    const bool en = options.english();
    rep::SubmitResultsReportRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_campaign_id(in->campaign);
    r.set_unit_code(in->unit);
    r.set_note(in->note);
    if (!in->received_on.empty()) {
      *r.mutable_received_on() = parse_date_option(in->received_on, "--received-on");
    }
    rep::ResultsReportReceipt out;
    auto status = stub->SubmitResultsReport(options.context().get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) {
      std::cout << to_json(out) << "\n";
      return 0;
    }
    std::cout << (en ? "results report of " : "đã gửi báo cáo kết quả của ") << out.unit_code()
              << (en ? " for campaign " : " — đợt ") << out.campaign_id()
              << (en ? " sent at " : " lúc ") << format_time(out.submitted_at())
              << (en ? " by " : " bởi ") << out.submitted_by() << "\n";
    if (out.late()) std::cout << (en ? "LATE: after the deadline\n" : "NỘP TRỄ: sau hạn báo cáo\n");
    std::cout << freshness_line(out.freshness(), en) << "\n";
    return 0;
  });

  commands.add(commendation, [in, &options](ReportingStub* stub) -> int {
    rep::GetCommendationRequest r;
    r.set_campaign_id(in->campaign);
    r.set_unit_code(in->unit);
    r.set_kind(in->mobilisers ? rep::COMMENDATION_KIND_MOBILISERS : rep::COMMENDATION_KIND_DONORS);
    r.set_limit(in->limit);
    rep::Commendation out;
    auto status = stub->GetCommendation(options.context().get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) {
      std::cout << to_json(out) << "\n";
    } else {
      print_commendation(std::cout, out, options.english());
    }
    return 0;
  });

  commands.add(disclosure, [in, &options](ReportingStub* stub) -> int {
    rep::GetDisclosureRequest r;
    r.set_fund_id(in->fund);
    r.set_campaign_id(in->campaign);
    r.set_side(in->used ? rep::DISCLOSURE_SIDE_USED : rep::DISCLOSURE_SIDE_RECEIVED);
    r.set_unit_code(in->unit);
    if (in->all) r.mutable_page()->set_page_size(1000);
    r.mutable_page()->set_page_token(in->page_token);
    rep::Disclosure all;
    do {
      rep::Disclosure page;
      auto status = stub->GetDisclosure(options.context().get(), r, &page);
      if (!status.ok()) return fail(status);
      auto received = std::move(*all.mutable_received());
      auto used = std::move(*all.mutable_used());
      for (auto& e : *page.mutable_received()) *received.Add() = std::move(e);
      for (auto& e : *page.mutable_used()) *used.Add() = std::move(e);
      all = std::move(page);
      *all.mutable_received() = std::move(received);
      *all.mutable_used() = std::move(used);
      r.mutable_page()->set_page_token(all.page().next_page_token());
    } while (in->all && !r.page().page_token().empty());
    if (in->json) {
      std::cout << to_json(all) << "\n";
    } else {
      print_disclosure(std::cout, all, options.english());
    }
    return 0;
  });

  commands.add(reconcile, [in, &options](ReportingStub* stub) -> int {
    rep::ReconcileRequest r;
    r.set_campaign_id(in->campaign);
    rep::Reconciliation out;
    // It asks two services in turn: give it longer than a plain read.
    auto status =
        stub->Reconcile(reporting_context(options, std::chrono::seconds(60)).get(), r, &out);
    if (!status.ok()) return fail(status);
    const int code = out.differences().empty() ? kExitOk : kExitFailed;
    if (in->json) {
      std::cout << to_json(out) << "\n";
    } else {
      print_reconciliation(std::cout, out, options.english());
    }
    return code;
  });
}

}  // namespace vnn::cli
