// vnnctl duplicates list|resolve: households that may be the same person's, across communes.

#include <chrono>
#include <iostream>

#include "commands_common.h"
#include "format.h"
#include "household_commands.h"
#include "household_labels.h"
#include "output.h"
#include "table.h"

namespace vnn::cli {

void add_duplicate_commands(CLI::App& app, const GlobalOptions& options,
                            const std::shared_ptr<HouseholdInputs>& in,
                            HouseholdCommandSet& commands) {
  auto* duplicates =
      app.add_subcommand("duplicates", "households that may be the same (nghi trùng)")
          ->require_subcommand(1);

  auto* duplicates_list = duplicates->add_subcommand("list", "list duplicate candidates");
  duplicates_list->add_option("--unit", in->unit, "either household under this unit");
  duplicates_list->add_flag("--open", in->open_only, "only those not decided yet");
  duplicates_list->add_flag("--ids", in->ids_only, "print only the candidate ids, for scripts");
  add_json_flag(duplicates_list, in->json);
  add_example(duplicates_list, "vnnctl duplicates list --unit 736 --open");

  auto* resolve = duplicates->add_subcommand("resolve", "district: decide on a candidate pair");
  add_request_id_option(resolve, in->request_id);
  resolve->add_option("candidate", in->id, "candidate number")->required();
  resolve->add_option("decision", in->decision, "duplicate|not-duplicate")
      ->required()
      ->check(CLI::IsMember({"duplicate", "not-duplicate"}));
  resolve->add_option("--reason", in->reason, "why")->required();
  resolve->add_option("--keep", in->keep,
                      "duplicate: the household that stays (default: the first of the pair)");
  add_json_flag(resolve, in->json);
  add_example(resolve,
              "vnnctl duplicates resolve 3 duplicate --keep 41 \\\n"
              "    --reason 'Cùng chủ hộ, chuyển từ Phú Túc sang Suối Nho'\n"
              "vnnctl duplicates resolve 4 not-duplicate --reason 'Hai hộ khác nhau, trùng tên'");

  commands.add(duplicates_list, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    v1::ListDuplicateCandidatesRequest r;
    r.set_unit_code(in->unit);
    r.set_open_only(in->open_only);
    r.mutable_page()->set_page_size(1000);
    Table table(headers(en,
                        {"No.", "Household", "Unit", "Head", "Other", "Unit", "Head", "Reason",
                         "Similarity", "Decision", "Decided by"},
                        {"Số", "Hộ", "Đơn vị", "Chủ hộ", "Hộ nghi trùng", "Đơn vị", "Chủ hộ",
                         "Lý do", "Mức giống", "Quyết định", "Người quyết định"}));
    int count = 0, open = 0;
    v1::ListDuplicateCandidatesResponse all;  // every page, for --json
    do {
      auto context = options.context();
      v1::ListDuplicateCandidatesResponse out;
      auto status = stub->ListDuplicateCandidates(context.get(), r, &out);
      if (!status.ok()) return fail(status);
      all.mutable_candidates()->MergeFrom(out.candidates());
      for (const auto& c : out.candidates()) {
        ++count;
        if (c.decision() == v1::DUPLICATE_DECISION_UNSPECIFIED) ++open;
        if (in->ids_only && !in->json) {
          std::cout << c.id() << "\t" << c.household_id() << "\t" << c.other_household_id() << "\n";
          continue;
        }
        table.add_row({std::to_string(c.id()), std::to_string(c.household_id()),
                       c.household_unit_code(), c.masked_name(),
                       std::to_string(c.other_household_id()), c.other_unit_code(),
                       c.other_masked_name(), reason_label(c.reason(), en), percent(c.similarity()),
                       decision_label(c.decision(), en), c.decided_by()});
      }
      r.mutable_page()->set_page_token(out.page().next_page_token());
    } while (!r.page().page_token().empty());
    if (in->json) return print_json(all);
    if (in->ids_only) return 0;
    if (count == 0) {
      std::cout << (en ? "no duplicate candidates\n" : "không có cặp nghi trùng nào\n");
      return 0;
    }
    table.print(std::cout);
    std::cout << count << (en ? " candidate pairs, open " : " cặp nghi trùng, chưa quyết định ")
              << open << "\n";
    return 0;
  });

  commands.add(resolve, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    v1::ResolveDuplicateRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_candidate_id(in->id);
    r.set_decision(in->decision == "duplicate" ? v1::DUPLICATE_DECISION_DUPLICATE
                                               : v1::DUPLICATE_DECISION_NOT_DUPLICATE);
    r.set_reason(in->reason);
    r.set_keep_household_id(in->keep);
    auto context = options.context();
    v1::DuplicateCandidate out;
    auto status = stub->ResolveDuplicate(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) return print_json(out);
    std::cout << (en ? "pair " : "cặp số ") << out.id() << ": "
              << decision_label(out.decision(), en);
    if (out.decision() == v1::DUPLICATE_DECISION_DUPLICATE) {
      const std::int64_t kept = in->keep != 0 ? in->keep : out.household_id();
      const std::int64_t merged =
          kept == out.household_id() ? out.other_household_id() : out.household_id();
      std::cout << (en ? " — household " : " — hộ ") << merged
                << (en ? " merged into household " : " gộp vào hộ ") << kept;
    }
    std::cout << (en ? " — reason: " : " — lý do: ") << out.decision_reason() << "\n";
    return 0;
  });
}

}  // namespace vnn::cli
