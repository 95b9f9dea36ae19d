// vnnctl household import|list|get|outcome: the registry of poor and near-poor households.

#include <chrono>
#include <iostream>

#include "commands_common.h"
#include "format.h"
#include "household_commands.h"
#include "household_labels.h"
#include "import_problems.h"
#include "output.h"
#include "progress_bar.h"
#include "table.h"

namespace vnn::cli {

void add_household_registry_commands(CLI::App* household, const GlobalOptions& options,
                                     const std::shared_ptr<HouseholdInputs>& in,
                                     HouseholdCommandSet& commands) {
  auto* import = household->add_subcommand(
      "import", "import a commune's official household list (CSV, see docs/import-formats.md)");
  add_request_id_option(import, in->request_id);
  import->add_option("--unit", in->unit, "the commune whose list it is")->required();
  import->add_option("--file", in->file, "CSV file (UTF-8)")->required()->check(CLI::ExistingFile);
  add_json_flag(import, in->json);
  add_example(import, "vnnctl household import --unit 26242 --file ho-ngheo-phu-tuc-2024.csv");

  auto* list = household->add_subcommand("list", "list households of a commune or district");
  list->add_option("--unit", in->unit, "commune, or district for all its communes")->required();
  list->add_option("--hamlet", in->hamlet, "only this hamlet (ấp, thôn)");
  list->add_option("--status", in->status, "poor|near_poor")
      ->check(CLI::IsMember({"poor", "near_poor"}));
  list->add_option("--housing", in->housing, "temporary|non_durable|durable")
      ->check(CLI::IsMember({"temporary", "non_durable", "durable"}));
  list->add_option("--name", in->name, "a member's name contains this (diacritics ignored)");
  list->add_flag("--ids", in->ids_only, "print only id and household code, for scripts");
  add_json_flag(list, in->json);
  add_example(list,
              "vnnctl household list --unit 26242 --housing temporary\n"
              "vnnctl household list --unit 736 --status poor --name 'Nguyễn Văn'");

  auto* get = household->add_subcommand("get", "one household with its members");
  get->add_option("id", in->id, "household id")->required();
  add_json_flag(get, in->json);
  add_example(get, "vnnctl household get 41");

  auto* outcome = household->add_subcommand("outcome", "record that a household escaped poverty");
  add_request_id_option(outcome, in->request_id);
  outcome->add_option("--id", in->id, "household id")->required();
  outcome->add_option("--date", in->date, "date it escaped poverty (YYYY-MM-DD)")->required();
  outcome->add_option("--summary", in->summary, "the support that helped")->required();
  outcome->add_option("--reference", in->references, "a support or donation reference (repeat)");
  outcome->add_flag("--exemplary", in->exemplary, "a case to spread (điển hình)");
  add_json_flag(outcome, in->json);
  add_example(outcome,
              "vnnctl household outcome --id 41 --date 2024-05-10 \\\n"
              "    --summary 'Xây mới nhà, hỗ trợ bò giống' --reference 12 --exemplary");

  commands.add(import, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    auto context = options.context();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::hours(1));
    v1::ImportHouseholdsReport report;
    auto writer = stub->ImportHouseholds(context.get(), &report);
    v1::ImportHouseholdsChunk header;
    auto* h = header.mutable_header();
    h->set_request_id(request_id_or_new(in->request_id));
    h->set_unit_code(in->unit);
    h->set_file_name(in->file.substr(in->file.find_last_of('/') + 1));
    writer->Write(header);
    auto progress = send_file(in->file, en ? "importing" : "đang nhập", en,
                              [&](const char* data, std::size_t size) {
                                v1::ImportHouseholdsChunk chunk;
                                chunk.set_data(data, size);
                                return writer->Write(chunk);
                              });
    writer->WritesDone();
    auto status = writer->Finish();
    progress.reset();
    if (!status.ok()) return fail(status);
    if (in->json) return print_json(report);
    std::cout << (en ? "rows: " : "số dòng: ") << report.rows()
              << (en ? ", households created: " : ", hộ mới: ") << report.households_created()
              << (en ? ", already imported: " : ", đã có từ trước: ")
              << report.households_existing() << (en ? ", rejected rows: " : ", dòng bị từ chối: ")
              << report.rejected_rows()
              << (en ? ", new duplicate candidates: " : ", cặp nghi trùng mới: ")
              << report.duplicate_candidates() << "\n";
    if (report.problems_size() > 0) {
      Table problems(headers(en, {"Line", "Field", "Reason"}, {"Dòng", "Cột", "Lý do"}));
      for (const auto& p : report.problems()) {
        problems.add_row(
            {std::to_string(p.line()), p.field(),
             import_problem_text(ImportKind::kHouseholds, p.code(), p.field(), p.reason(), en)});
      }
      problems.print(std::cout);
    }
    return 0;
  });

  commands.add(list, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    v1::ListHouseholdsRequest r;
    r.set_unit_code(in->unit);
    r.set_hamlet(in->hamlet);
    r.set_poverty_status(parse_status(in->status));
    r.set_housing(parse_housing(in->housing));
    r.set_name_contains(in->name);
    r.mutable_page()->set_page_size(1000);
    Table table(headers(en,
                        {"ID", "Code", "Unit", "Head", "Hamlet", "Status", "Housing", "Meritorious",
                         "Sudden hardship", "Persons", "Note"},
                        {"ID", "Mã hộ", "Đơn vị", "Chủ hộ", "Ấp", "Diện", "Nhà ở", "Người có công",
                         "Khó khăn đột xuất", "Nhân khẩu", "Ghi chú"}));
    int count = 0, poor = 0, near_poor = 0;
    v1::ListHouseholdsResponse all;  // every page, for --json
    do {
      auto context = options.context();
      v1::ListHouseholdsResponse out;
      auto status = stub->ListHouseholds(context.get(), r, &out);
      if (!status.ok()) return fail(status);
      all.mutable_households()->MergeFrom(out.households());
      for (const auto& h : out.households()) {
        ++count;
        if (h.poverty_status() == v1::POVERTY_STATUS_POOR) ++poor;
        if (h.poverty_status() == v1::POVERTY_STATUS_NEAR_POOR) ++near_poor;
        if (in->ids_only && !in->json) {
          std::cout << h.id() << "\t" << h.household_code() << "\n";
          continue;
        }
        std::string note;
        if (h.merged_into_id() != 0) {
          note = (en ? "merged into " : "đã gộp vào hộ ") + std::to_string(h.merged_into_id());
        } else if (h.escaped_poverty()) {
          note = en ? "escaped poverty" : "đã thoát nghèo";
        }
        table.add_row({std::to_string(h.id()), h.household_code(), h.unit_code(),
                       h.head().full_name(), h.hamlet(), poverty_label(h.poverty_status(), en),
                       housing_label(h.housing(), en), yes(h.meritorious_member(), en),
                       h.sudden_hardship(), std::to_string(1 + h.members_size()), note});
      }
      r.mutable_page()->set_page_token(out.page().next_page_token());
    } while (!r.page().page_token().empty());
    if (in->json) return print_json(all);
    if (in->ids_only) return 0;
    if (count == 0) {
      std::cout << (en ? "no households\n" : "không có hộ nào\n");
      return 0;
    }
    table.print(std::cout);
    std::cout << count << (en ? " households (poor " : " hộ (hộ nghèo ") << poor
              << (en ? ", near-poor " : ", hộ cận nghèo ") << near_poor << ")\n";
    return 0;
  });

  commands.add(get, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    v1::GetHouseholdRequest r;
    r.set_id(in->id);
    auto context = options.context();
    v1::Household h;
    auto status = stub->GetHousehold(context.get(), r, &h);
    if (!status.ok()) return fail(status);
    if (in->json) return print_json(h);
    Table facts(headers(en, {"Field", "Value"}, {"Thông tin", "Nội dung"}));
    facts.add_row({en ? "Household" : "Hộ", std::to_string(h.id())});
    facts.add_row({en ? "Code" : "Mã hộ", h.household_code()});
    facts.add_row({en ? "Unit" : "Đơn vị", h.unit_code()});
    facts.add_row({en ? "Hamlet" : "Ấp", h.hamlet()});
    facts.add_row({en ? "Address" : "Địa chỉ", h.address()});
    facts.add_row({en ? "Status" : "Diện", poverty_label(h.poverty_status(), en) + " (" +
                                               h.poverty_standard() + ", " +
                                               std::to_string(h.classified_year()) + ")"});
    facts.add_row({en ? "Housing" : "Nhà ở", housing_label(h.housing(), en)});
    facts.add_row({en ? "Meritorious member" : "Người có công",
                   h.meritorious_member() ? (en ? "yes" : "có") : (en ? "no" : "không")});
    facts.add_row({en ? "Sudden hardship" : "Khó khăn đột xuất", h.sudden_hardship()});
    std::string vulnerable;
    for (const auto& v : h.vulnerabilities()) vulnerable += (vulnerable.empty() ? "" : "; ") + v;
    facts.add_row({en ? "Vulnerabilities" : "Đối tượng yếu thế", vulnerable});
    if (h.merged_into_id() != 0) {
      facts.add_row({en ? "Merged into" : "Đã gộp vào hộ", std::to_string(h.merged_into_id())});
    }
    if (h.escaped_poverty()) {
      facts.add_row({en ? "Escaped poverty" : "Thoát nghèo", en ? "yes" : "đã thoát nghèo"});
    }
    facts.add_row({en ? "Registered" : "Đăng ký",
                   format_time(h.registered_at()) + (en ? " by " : " bởi ") + h.registered_by()});
    facts.print(std::cout);
    std::cout << "\n";
    Table persons(headers(en, {"Name", "Relation", "Born", "Citizen id"},
                          {"Họ tên", "Quan hệ", "Năm sinh", "Số CCCD"}));
    auto add = [&](const v1::Person& p) {
      persons.add_row(
          {p.full_name(), p.relation(), std::to_string(p.birth_year()), p.citizen_id()});
    };
    add(h.head());
    for (const auto& m : h.members()) add(m);
    persons.print(std::cout);
    return 0;
  });

  commands.add(outcome, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    v1::RecordOutcomeRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_household_id(in->id);
    *r.mutable_escaped_on() = parse_date_option(in->date, "--date");
    r.set_support_summary(in->summary);
    for (const auto& ref : in->references) r.add_support_references(ref);
    r.set_exemplary(in->exemplary);
    auto context = options.context();
    v1::Outcome out;
    auto status = stub->RecordOutcome(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) return print_json(out);
    std::cout << (en ? "household " : "hộ ") << out.household_id()
              << (en ? " escaped poverty on " : " thoát nghèo ngày ")
              << format_date(out.escaped_on());
    if (out.exemplary()) std::cout << (en ? " (exemplary)" : " (điển hình)");
    std::cout << " — " << out.support_summary() << "\n";
    return 0;
  });
}

}  // namespace vnn::cli
