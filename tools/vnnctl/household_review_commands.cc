// vnnctl household submit|override|review|resubmit|candidacies|rank: a commune's list for a
// campaign and the district's review.

#include <chrono>
#include <iostream>

#include "commands_common.h"
#include "format.h"
#include "household_commands.h"
#include "household_labels.h"
#include "output.h"
#include "table.h"

namespace vnn::cli {

void add_household_review_commands(CLI::App* household, const GlobalOptions& options,
                                   const std::shared_ptr<HouseholdInputs>& in,
                                   HouseholdCommandSet& commands) {
  auto* submit = household->add_subcommand("submit", "submit a commune's list for a campaign");
  add_request_id_option(submit, in->request_id);
  submit->add_option("--campaign", in->campaign, "campaign id")->required();
  submit->add_option("--unit", in->unit, "the commune")->required();
  submit->add_option("--proposal", in->proposal, "the tờ trình, e.g. 15/TTr-MTTQ")->required();
  submit->add_option("ids", in->ids, "household ids")->required();
  submit->add_option("--received-on", in->received_on,
                     "the day the district office received the list (YYYY-MM-DD; default "
                     "today): lateness is judged on it");
  add_json_flag(submit, in->json);
  add_example(submit,
              "vnnctl household submit --campaign dot-cao-diem-2024 --unit 26242 \\\n"
              "    --proposal 15/TTr-MTTQ --received-on 2024-02-20 \\\n"
              "    $(vnnctl household list --unit 26242 --ids | cut -f1)");

  auto* override_late =
      household->add_subcommand("override", "district: let a late list be reviewed");
  add_request_id_option(override_late, in->request_id);
  override_late->add_option("--submission", in->submission, "submission (list) number")->required();
  override_late->add_option("--reason", in->reason, "why it is let through")->required();
  add_json_flag(override_late, in->json);
  add_example(override_late,
              "vnnctl household override --submission 9 \\\n"
              "    --reason 'Xã báo cáo lũ cục bộ, Ban Thường trực đồng ý nhận muộn'");

  auto* review = household->add_subcommand("review", "district: decide on a submitted household");
  add_request_id_option(review, in->request_id);
  review->add_option("--campaign", in->campaign, "campaign id")->required();
  review->add_option("--id", in->id, "household id")->required();
  review->add_option("decision", in->decision, "approve|reject|return")
      ->required()
      ->check(CLI::IsMember({"approve", "reject", "return"}));
  review->add_option("--reason", in->reason, "required to reject or return");
  add_json_flag(review, in->json);
  add_example(review,
              "vnnctl household review --campaign dot-cao-diem-2024 --id 41 approve\n"
              "vnnctl household review --campaign dot-cao-diem-2024 --id 57 return \\\n"
              "    --reason 'Thiếu biên bản bình xét của ấp'");

  auto* resubmit = household->add_subcommand(
      "resubmit", "commune: send a returned household back for review with what was asked for");
  add_request_id_option(resubmit, in->request_id);
  resubmit->add_option("--campaign", in->campaign, "campaign id")->required();
  resubmit->add_option("--id", in->id, "household id")->required();
  resubmit->add_option("--note", in->reason, "the information the district asked for")->required();
  add_json_flag(resubmit, in->json);
  add_example(resubmit,
              "vnnctl household resubmit --campaign dot-cao-diem-2024 --id 45 \\\n"
              "    --note 'Đã bổ sung biên bản bình xét ấp 3 ngày 28/02/2024'");

  auto* candidacies = household->add_subcommand(
      "candidacies", "the households submitted for a campaign and where each review stands");
  candidacies->add_option("--campaign", in->campaign, "campaign id")->required();
  candidacies->add_option("--unit", in->unit, "commune or district (default: all yours)");
  candidacies->add_option("--state", in->status, "submitted|approved|rejected|returned|withdrawn")
      ->check(CLI::IsMember({"submitted", "approved", "rejected", "returned", "withdrawn"}));
  add_json_flag(candidacies, in->json);
  add_example(candidacies,
              "vnnctl household candidacies --campaign dot-cao-diem-2024 --unit 26242 --state "
              "returned");

  auto* rank = household->add_subcommand(
      "rank", "approved households in priority order (meritorious, temporary housing first)");
  rank->add_option("--campaign", in->campaign, "campaign id")->required();
  rank->add_option("--unit", in->unit, "commune or district (default: all yours)");
  rank->add_option("--limit", in->limit, "at most this many (default: all)");
  add_json_flag(rank, in->json);
  add_example(rank, "vnnctl household rank --campaign dot-cao-diem-2024 --unit 736 --limit 20");

  commands.add(submit, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    v1::SubmitListRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_campaign_id(in->campaign);
    r.set_unit_code(in->unit);
    r.set_proposal_reference(in->proposal);
    if (!in->received_on.empty()) {
      *r.mutable_received_on() = parse_date_option(in->received_on, "--received-on");
    }
    for (auto id : in->ids) r.add_household_ids(id);
    auto context = options.context();
    v1::Submission out;
    auto status = stub->SubmitList(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) return print_json(out);
    print_submission(out, en);
    return 0;
  });

  commands.add(override_late, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    v1::OverrideLateSubmissionRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_submission_id(in->submission);
    r.set_reason(in->reason);
    auto context = options.context();
    v1::Submission out;
    auto status = stub->OverrideLateSubmission(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) return print_json(out);
    print_submission(out, en);
    return 0;
  });

  commands.add(review, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    v1::ReviewHouseholdRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_campaign_id(in->campaign);
    r.set_household_id(in->id);
    r.set_decision(in->decision == "approve"  ? v1::REVIEW_DECISION_APPROVE
                   : in->decision == "reject" ? v1::REVIEW_DECISION_REJECT
                                              : v1::REVIEW_DECISION_RETURN);
    r.set_reason(in->reason);
    auto context = options.context();
    v1::Candidacy out;
    auto status = stub->ReviewHousehold(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) return print_json(out);
    print_candidacy(out, en);
    return 0;
  });

  commands.add(resubmit, [in, &options](HouseholdStub* stub) -> int {
    v1::ResubmitHouseholdRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_campaign_id(in->campaign);
    r.set_household_id(in->id);
    r.set_note(in->reason);
    auto context = options.context();
    v1::Candidacy out;
    auto status = stub->ResubmitHousehold(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) return print_json(out);
    print_candidacy(out, options.english());
    return 0;
  });

  commands.add(candidacies, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    v1::ListCandidaciesRequest r;
    r.set_campaign_id(in->campaign);
    r.set_unit_code(in->unit);
    r.set_state(in->status == "submitted"   ? v1::CANDIDACY_STATE_SUBMITTED
                : in->status == "approved"  ? v1::CANDIDACY_STATE_APPROVED
                : in->status == "rejected"  ? v1::CANDIDACY_STATE_REJECTED
                : in->status == "returned"  ? v1::CANDIDACY_STATE_RETURNED
                : in->status == "withdrawn" ? v1::CANDIDACY_STATE_WITHDRAWN
                                            : v1::CANDIDACY_STATE_UNSPECIFIED);
    r.mutable_page()->set_page_size(1000);
    v1::ListCandidaciesResponse all;  // every page
    do {
      auto context = options.context();
      v1::ListCandidaciesResponse page;
      auto status = stub->ListCandidacies(context.get(), r, &page);
      if (!status.ok()) return fail(status);
      all.mutable_candidacies()->MergeFrom(page.candidacies());
      r.mutable_page()->set_page_token(page.page().next_page_token());
    } while (!r.page().page_token().empty());
    if (in->json) return print_json(all);
    if (all.candidacies().empty()) {
      std::cout << (en ? "no households submitted\n" : "chưa có hộ nào được gửi\n");
      return 0;
    }
    Table table(headers(
        en, {"ID", "Unit", "Head", "List", "State", "Assigned to", "Last reason"},
        {"ID", "Đơn vị", "Chủ hộ", "Danh sách số", "Tình trạng", "Giao cho", "Lý do gần nhất"}));
    for (const auto& c : all.candidacies()) {
      table.add_row({std::to_string(c.household_id()), c.unit_code(), c.masked_name(),
                     std::to_string(c.submission_id()), state_label(c.state(), en),
                     c.assigned_organisation_id(),
                     c.history().empty() ? "" : c.history().rbegin()->reason()});
    }
    table.print(std::cout);
    std::cout << all.candidacies_size() << (en ? " households\n" : " hộ\n");
    return 0;
  });

  commands.add(rank, [in, &options](HouseholdStub* stub) -> int {
    const bool en = options.english();
    v1::RankApprovedRequest r;
    r.set_campaign_id(in->campaign);
    r.set_unit_code(in->unit);
    r.set_limit(in->limit);
    // Every page of the ranking.
    v1::RankApprovedResponse out;
    do {
      auto context = options.context();
      v1::RankApprovedResponse page;
      auto status = stub->RankApproved(context.get(), r, &page);
      if (!status.ok()) return fail(status);
      for (auto& h : *page.mutable_households()) *out.add_households() = std::move(h);
      r.mutable_page()->set_page_token(page.page().next_page_token());
    } while (!r.page().page_token().empty());
    if (in->json) return print_json(out);
    Table table(headers(
        en, {"Rank", "ID", "Unit", "Head", "Meritorious", "Housing", "Status", "Sudden hardship"},
        {"Thứ tự", "ID", "Đơn vị", "Chủ hộ", "Người có công", "Nhà ở", "Diện",
         "Khó khăn đột xuất"}));
    for (const auto& h : out.households()) {
      table.add_row({std::to_string(h.rank()), std::to_string(h.household_id()), h.unit_code(),
                     h.masked_name(), yes(h.meritorious_member(), en),
                     housing_label(h.housing(), en), poverty_label(h.poverty_status(), en),
                     yes(h.sudden_hardship(), en)});
    }
    table.print(std::cout);
    std::cout << out.households_size() << (en ? " approved households\n" : " hộ đã duyệt\n");
    return 0;
  });
}

}  // namespace vnn::cli
