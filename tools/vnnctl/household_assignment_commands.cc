// vnnctl household assign and coverage: member organisations responsible for approved households.

#include <chrono>
#include <iostream>

#include "commands_common.h"
#include "format.h"
#include "household_commands.h"
#include "household_labels.h"
#include "output.h"
#include "table.h"

namespace vnn::cli {

void add_household_assignment_commands(CLI::App& app, CLI::App* household,
                                       const GlobalOptions& options,
                                       const std::shared_ptr<HouseholdInputs>& in,
                                       HouseholdCommandSet& commands) {
  auto* assign = household->add_subcommand(
      "assign", "district: give an approved household to one member organisation");
  add_request_id_option(assign, in->request_id);
  assign->add_option("--campaign", in->campaign, "campaign id")->required();
  assign->add_option("--id", in->id, "household id")->required();
  assign->add_option("--org", in->organisation, "member organisation id, e.g. hoi-lhpn")
      ->required();
  assign->add_option("--reason", in->reason, "required when reassigning");
  add_json_flag(assign, in->json);
  add_example(
      assign,
      "vnnctl household assign --campaign dot-cao-diem-2024 --id 41 --org hoi-lhpn-huyen\n"
      "vnnctl household assign --campaign dot-cao-diem-2024 --id 41 --org hoi-nong-dan-huyen \\\n"
      "    --reason 'Hội Nông dân nhận hỗ trợ bò giống'");

  auto* coverage = app.add_subcommand(
      "coverage", "approved households per commune: assigned, left out, supported twice");
  coverage->add_option("--campaign", in->campaign, "campaign id")->required();
  coverage->add_option("--unit", in->unit, "commune or district")->required();
  add_json_flag(coverage, in->json);
  add_example(coverage, "vnnctl coverage --campaign dot-cao-diem-2024 --unit 736");

  commands.add(assign, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    v1::AssignHouseholdRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_campaign_id(in->campaign);
    r.set_household_id(in->id);
    r.set_organisation_id(in->organisation);
    r.set_reason(in->reason);
    auto context = options.context();
    v1::Assignment out;
    auto status = stub->AssignHousehold(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) return print_json(out);
    std::cout << (en ? "household " : "hộ ") << out.household_id()
              << (en ? " assigned to " : " giao cho ") << out.organisation_id();
    if (!out.previous_organisation_id().empty()) {
      std::cout << (en ? " (was " : " (trước đây: ") << out.previous_organisation_id()
                << (en ? "; reason: " : "; lý do: ") << out.reason() << ")";
    }
    std::cout << "\n";
    return 0;
  });

  commands.add(coverage, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    v1::GetCoverageRequest r;
    r.set_campaign_id(in->campaign);
    r.set_unit_code(in->unit);
    // Every page: the totals come with the first, the gaps and overlaps with each.
    v1::Coverage out;
    for (bool first = true; first || !r.page().page_token().empty(); first = false) {
      auto context = options.context();
      v1::Coverage page;
      auto status = stub->GetCoverage(context.get(), r, &page);
      if (!status.ok()) return fail(status);
      if (first) {
        out = page;
      } else {
        for (auto& g : *page.mutable_unassigned()) *out.add_unassigned() = std::move(g);
        for (auto& o : *page.mutable_overlaps()) *out.add_overlaps() = std::move(o);
      }
      r.mutable_page()->set_page_token(page.page().next_page_token());
    }
    if (in->json) {
      out.clear_page();  // every page is in it
      return print_json(out);
    }
    std::cout << (en ? "campaign " : "đợt vận động ") << out.campaign_id();
    if (out.household_lists_due().year() != 0) {
      std::cout << (en ? " — household lists due " : " — Hạn nộp danh sách: ")
                << format_date(out.household_lists_due());
    }
    std::cout << "\n";
    Table units(headers(en, {"Unit", "Approved", "Assigned", "Unassigned"},
                        {"Đơn vị", "Đã duyệt", "Đã phân công", "Chưa phân công"}));
    int approved = 0, assigned = 0, unassigned = 0;
    for (const auto& u : out.units()) {
      units.add_row({u.unit_code(), std::to_string(u.approved()), std::to_string(u.assigned()),
                     std::to_string(u.unassigned())});
      approved += u.approved();
      assigned += u.assigned();
      unassigned += u.unassigned();
    }
    units.add_row({en ? "Total" : "Tổng cộng", std::to_string(approved), std::to_string(assigned),
                   std::to_string(unassigned)});
    units.print(std::cout);
    if (out.unassigned().empty()) {
      std::cout << (en ? "Every approved household is assigned.\n"
                       : "Mọi hộ đã duyệt đều đã phân công.\n");
    } else {
      std::cout << (en ? "Unassigned (no member organisation yet):\n"
                       : "Chưa phân công (chưa có tổ chức thành viên nhận giúp):\n");
      Table gaps(headers(en, {"ID", "Unit", "Head"}, {"ID", "Đơn vị", "Chủ hộ"}));
      for (const auto& g : out.unassigned()) {
        gaps.add_row({std::to_string(g.household_id()), g.unit_code(), g.masked_name()});
      }
      gaps.print(std::cout);
    }
    if (out.overlaps().empty()) {
      std::cout << (en ? "No household is supported twice for the same need.\n"
                       : "Không có hộ nào được hỗ trợ trùng cho cùng một nhu cầu.\n");
    } else {
      std::cout << (en ? "Supported twice for the same need:\n"
                       : "Hỗ trợ trùng cho cùng một nhu cầu:\n");
      Table overlaps(headers(en, {"ID", "Unit", "Head", "Need", "Channels", "References"},
                             {"ID", "Đơn vị", "Chủ hộ", "Nhu cầu", "Kênh", "Tham chiếu"}));
      for (const auto& o : out.overlaps()) {
        std::string channels, references;
        for (const auto& c : o.channels()) {
          channels += (channels.empty() ? "" : ", ") + channel_word(c, en);
        }
        for (const auto& x : o.references()) references += (references.empty() ? "" : ", ") + x;
        overlaps.add_row({std::to_string(o.household_id()), o.unit_code(), o.masked_name(),
                          need_word(o.need(), en), channels, references});
      }
      overlaps.print(std::cout);
    }
    return 0;
  });
}

}  // namespace vnn::cli
