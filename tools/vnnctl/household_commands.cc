#include "household_commands.h"

#include <ctime>
#include <fstream>
#include <iostream>
#include <map>

#include "commands_common.h"
#include "format.h"
#include "import_problems.h"
#include "table.h"
#include "vnn/household_review/v1/household_review.grpc.pb.h"

namespace vnn::cli {
namespace {

// The needs direct support and allocations meet, as officers say them.
std::string need_word(const std::string& need, bool en) {
  static const std::map<std::string, std::string> words{
      {"housing", "nhà ở"}, {"livelihood", "sinh kế"}, {"education", "học tập"},
      {"health", "y tế"},   {"food", "lương thực"},    {"hardship", "khó khăn đột xuất"}};
  auto found = words.find(need);
  return en || found == words.end() ? need : found->second;
}

std::string channel_word(const std::string& channel, bool en) {
  if (channel == "donation.direct") return en ? "given directly" : "trao trực tiếp";
  if (channel == "allocation") return en ? "fund allocation" : "Quỹ hỗ trợ";
  return channel;
}

namespace v1 = household_review::v1;

std::string poverty_label(v1::PovertyStatus status, bool english) {
  switch (status) {
    case v1::POVERTY_STATUS_POOR:
      return english ? "poor" : "Hộ nghèo";
    case v1::POVERTY_STATUS_NEAR_POOR:
      return english ? "near-poor" : "Hộ cận nghèo";
    default:
      return "?";
  }
}

std::string housing_label(v1::Housing housing, bool english) {
  switch (housing) {
    case v1::HOUSING_TEMPORARY:
      return english ? "temporary" : "Nhà tạm";
    case v1::HOUSING_NON_DURABLE:
      return english ? "non-durable" : "Nhà thiếu kiên cố";
    case v1::HOUSING_DURABLE:
      return english ? "durable" : "Nhà kiên cố";
    default:
      return "?";
  }
}

std::string state_label(v1::CandidacyState state, bool english) {
  switch (state) {
    case v1::CANDIDACY_STATE_SUBMITTED:
      return english ? "submitted" : "Đã nộp";
    case v1::CANDIDACY_STATE_APPROVED:
      return english ? "approved" : "Đã duyệt";
    case v1::CANDIDACY_STATE_REJECTED:
      return english ? "rejected" : "Không duyệt";
    case v1::CANDIDACY_STATE_RETURNED:
      return english ? "returned" : "Trả lại";
    case v1::CANDIDACY_STATE_WITHDRAWN:
      return english ? "withdrawn" : "Đã rút";
    default:
      return english ? "not submitted" : "Chưa nộp";
  }
}

std::string reason_label(v1::DuplicateReason reason, bool english) {
  switch (reason) {
    case v1::DUPLICATE_REASON_CITIZEN_ID:
      return english ? "same citizen id" : "Trùng số CCCD";
    case v1::DUPLICATE_REASON_SIMILAR_NAME:
      return english ? "similar name" : "Họ tên gần giống";
    default:
      return "?";
  }
}

std::string decision_label(v1::DuplicateDecision decision, bool english) {
  switch (decision) {
    case v1::DUPLICATE_DECISION_DUPLICATE:
      return english ? "duplicate (merged)" : "Trùng (đã gộp)";
    case v1::DUPLICATE_DECISION_NOT_DUPLICATE:
      return english ? "not a duplicate" : "Không trùng";
    default:
      return english ? "open" : "Chưa quyết định";
  }
}

std::string yes(bool value, bool english) {
  if (!value) return "";
  return english ? "yes" : "có";
}

// dd/mm/yyyy hh:mm in Vietnam's time (UTC+7, no daylight saving); empty when unset.
std::string format_time(const google::protobuf::Timestamp& at) {
  if (at.seconds() == 0) return "";
  const std::time_t local = static_cast<std::time_t>(at.seconds() + 7 * 3600);
  std::tm parts{};
  gmtime_r(&local, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%d/%m/%Y %H:%M", &parts);
  return buffer;
}

std::string percent(double fraction) {
  return std::to_string(static_cast<int>(fraction * 100 + 0.5)) + "%";
}

v1::PovertyStatus parse_status(const std::string& text) {
  if (text == "poor") return v1::POVERTY_STATUS_POOR;
  if (text == "near_poor") return v1::POVERTY_STATUS_NEAR_POOR;
  return v1::POVERTY_STATUS_UNSPECIFIED;
}

v1::Housing parse_housing(const std::string& text) {
  if (text == "temporary") return v1::HOUSING_TEMPORARY;
  if (text == "non_durable") return v1::HOUSING_NON_DURABLE;
  if (text == "durable") return v1::HOUSING_DURABLE;
  return v1::HOUSING_UNSPECIFIED;
}

std::vector<std::string> headers(bool english, std::vector<std::string> en,
                                 std::vector<std::string> vi) {
  return english ? std::move(en) : std::move(vi);
}

void print_submission(const v1::Submission& s, bool en) {
  std::cout << (en ? "list " : "danh sách số ") << s.id() << (en ? " (version " : " (lần ")
            << s.version() << ") — " << (en ? "unit " : "đơn vị ") << s.unit_code() << " — "
            << (en ? "proposal " : "tờ trình ") << s.proposal_reference() << " — "
            << s.household_ids_size() << (en ? " households" : " hộ") << "\n";
  std::cout << "  " << (en ? "submitted " : "nộp lúc ") << format_time(s.submitted_at())
            << (en ? " by " : " bởi ") << s.submitted_by();
  if (s.deadline().year() != 0) {
    std::cout << (en ? "; household lists due " : "; Hạn nộp danh sách: ")
              << format_date(s.deadline());
  }
  std::cout << "\n";
  if (s.late() && s.override_by().empty()) {
    std::cout << (en ? "  LATE: submitted after the deadline; the district must let it through "
                       "before review (vnnctl household override --submission "
                     : "  NỘP TRỄ HẠN: nộp sau hạn nộp danh sách; huyện phải cho phép xét trước "
                       "khi duyệt (vnnctl household override --submission ")
              << s.id() << " --reason …)\n";
  } else if (s.late()) {
    std::cout << (en ? "  LATE, let through by " : "  NỘP TRỄ HẠN, được cho phép xét bởi ")
              << s.override_by() << (en ? " on " : " lúc ") << format_time(s.override_at())
              << (en ? " — reason: " : " — lý do: ") << s.override_reason() << "\n";
  } else {
    std::cout << (en ? "  on time\n" : "  đúng hạn\n");
  }
}

void print_candidacy(const v1::Candidacy& c, bool en) {
  std::cout << (en ? "household " : "hộ ") << c.household_id() << " — " << c.masked_name() << " — "
            << c.unit_code() << ": " << state_label(c.state(), en);
  if (!c.history().empty() && !c.history().rbegin()->reason().empty()) {
    std::cout << (en ? " — reason: " : " — lý do: ") << c.history().rbegin()->reason();
  }
  if (!c.assigned_organisation_id().empty()) {
    std::cout << (en ? " — assigned to " : " — giao cho ") << c.assigned_organisation_id();
  }
  std::cout << "\n";
}

struct Inputs {
  std::string request_id, unit, file, hamlet, status, housing, name, campaign, proposal, reason,
      organisation, date, summary, decision;
  std::vector<std::int64_t> ids;
  std::vector<std::string> references;
  std::int64_t id = 0, submission = 0, keep = 0;
  int limit = 0;
  bool exemplary = false, ids_only = false, open_only = false;
};

}  // namespace

std::function<int(const std::shared_ptr<grpc::Channel>&)> add_household_commands(
    CLI::App& app, const GlobalOptions& options) {
  auto in = std::make_shared<Inputs>();
  auto request_id = [in](CLI::App* command) {
    command->add_option("--request-id", in->request_id,
                        "idempotency key: the same id never records twice (default: new)");
  };

  auto* household = app.add_subcommand("household", "poor and near-poor households (hộ nghèo)")
                        ->require_subcommand(1);
  auto* import = household->add_subcommand(
      "import", "import a commune's official household list (CSV, see docs/import-formats.md)");
  request_id(import);
  import->add_option("--unit", in->unit, "the commune whose list it is")->required();
  import->add_option("--file", in->file, "CSV file (UTF-8)")->required()->check(CLI::ExistingFile);

  auto* list = household->add_subcommand("list", "list households of a commune or district");
  list->add_option("--unit", in->unit, "commune, or district for all its communes")->required();
  list->add_option("--hamlet", in->hamlet, "only this hamlet (ấp, thôn)");
  list->add_option("--status", in->status, "poor|near_poor")
      ->check(CLI::IsMember({"poor", "near_poor"}));
  list->add_option("--housing", in->housing, "temporary|non_durable|durable")
      ->check(CLI::IsMember({"temporary", "non_durable", "durable"}));
  list->add_option("--name", in->name, "a member's name contains this (diacritics ignored)");
  list->add_flag("--ids", in->ids_only, "print only id and household code, for scripts");

  auto* get = household->add_subcommand("get", "one household with its members");
  get->add_option("id", in->id, "household id")->required();

  auto* submit = household->add_subcommand("submit", "submit a commune's list for a campaign");
  request_id(submit);
  submit->add_option("--campaign", in->campaign, "campaign id")->required();
  submit->add_option("--unit", in->unit, "the commune")->required();
  submit->add_option("--proposal", in->proposal, "the tờ trình, e.g. 15/TTr-MTTQ")->required();
  submit->add_option("ids", in->ids, "household ids")->required();

  auto* override_late =
      household->add_subcommand("override", "district: let a late list be reviewed");
  request_id(override_late);
  override_late->add_option("--submission", in->submission, "submission (list) number")->required();
  override_late->add_option("--reason", in->reason, "why it is let through")->required();

  auto* review = household->add_subcommand("review", "district: decide on a submitted household");
  request_id(review);
  review->add_option("--campaign", in->campaign, "campaign id")->required();
  review->add_option("--id", in->id, "household id")->required();
  review->add_option("decision", in->decision, "approve|reject|return")
      ->required()
      ->check(CLI::IsMember({"approve", "reject", "return"}));
  review->add_option("--reason", in->reason, "required to reject or return");

  auto* rank = household->add_subcommand(
      "rank", "approved households in priority order (meritorious, temporary housing first)");
  rank->add_option("--campaign", in->campaign, "campaign id")->required();
  rank->add_option("--unit", in->unit, "commune or district (default: all yours)");
  rank->add_option("--limit", in->limit, "at most this many (default: all)");

  auto* assign = household->add_subcommand(
      "assign", "district: give an approved household to one member organisation");
  request_id(assign);
  assign->add_option("--campaign", in->campaign, "campaign id")->required();
  assign->add_option("--id", in->id, "household id")->required();
  assign->add_option("--org", in->organisation, "member organisation id, e.g. hoi-lhpn")
      ->required();
  assign->add_option("--reason", in->reason, "required when reassigning");

  auto* outcome = household->add_subcommand("outcome", "record that a household escaped poverty");
  request_id(outcome);
  outcome->add_option("--id", in->id, "household id")->required();
  outcome->add_option("--date", in->date, "date it escaped poverty (YYYY-MM-DD)")->required();
  outcome->add_option("--summary", in->summary, "the support that helped")->required();
  outcome->add_option("--reference", in->references, "a support or donation reference (repeat)");
  outcome->add_flag("--exemplary", in->exemplary, "a case to spread (điển hình)");

  auto* duplicates =
      app.add_subcommand("duplicates", "households that may be the same (nghi trùng)")
          ->require_subcommand(1);
  auto* duplicates_list = duplicates->add_subcommand("list", "list duplicate candidates");
  duplicates_list->add_option("--unit", in->unit, "either household under this unit");
  duplicates_list->add_flag("--open", in->open_only, "only those not decided yet");
  duplicates_list->add_flag("--ids", in->ids_only, "print only the candidate ids, for scripts");
  auto* resolve = duplicates->add_subcommand("resolve", "district: decide on a candidate pair");
  request_id(resolve);
  resolve->add_option("candidate", in->id, "candidate number")->required();
  resolve->add_option("decision", in->decision, "duplicate|not-duplicate")
      ->required()
      ->check(CLI::IsMember({"duplicate", "not-duplicate"}));
  resolve->add_option("--reason", in->reason, "why")->required();
  resolve->add_option("--keep", in->keep,
                      "duplicate: the household that stays (default: the first of the pair)");

  auto* coverage = app.add_subcommand(
      "coverage", "approved households per commune: assigned, left out, supported twice");
  coverage->add_option("--campaign", in->campaign, "campaign id")->required();
  coverage->add_option("--unit", in->unit, "commune or district")->required();

  return [=, &options](const std::shared_ptr<grpc::Channel>& channel) -> int {
    auto stub = v1::HouseholdReviewService::NewStub(channel);
    const bool en = options.english();
    if (import->parsed()) {
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
      std::ifstream file(in->file, std::ios::binary);
      std::string buffer(256 * 1024, '\0');
      while (file.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) ||
             file.gcount() > 0) {
        v1::ImportHouseholdsChunk chunk;
        chunk.set_data(buffer.data(), static_cast<std::size_t>(file.gcount()));
        if (!writer->Write(chunk)) break;  // the server ended the call; Finish says why
      }
      writer->WritesDone();
      auto status = writer->Finish();
      if (!status.ok()) return fail(status, *context);
      std::cout << (en ? "rows: " : "số dòng: ") << report.rows()
                << (en ? ", households created: " : ", hộ mới: ") << report.households_created()
                << (en ? ", already imported: " : ", đã có từ trước: ")
                << report.households_existing()
                << (en ? ", rejected rows: " : ", dòng bị từ chối: ") << report.rejected_rows()
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
    }
    if (list->parsed()) {
      v1::ListHouseholdsRequest r;
      r.set_unit_code(in->unit);
      r.set_hamlet(in->hamlet);
      r.set_poverty_status(parse_status(in->status));
      r.set_housing(parse_housing(in->housing));
      r.set_name_contains(in->name);
      r.mutable_page()->set_page_size(1000);
      Table table(headers(en,
                          {"ID", "Code", "Unit", "Head", "Hamlet", "Status", "Housing",
                           "Meritorious", "Sudden hardship", "Persons", "Note"},
                          {"ID", "Mã hộ", "Đơn vị", "Chủ hộ", "Ấp", "Diện", "Nhà ở",
                           "Người có công", "Khó khăn đột xuất", "Nhân khẩu", "Ghi chú"}));
      int count = 0, poor = 0, near_poor = 0;
      do {
        auto context = options.context();
        v1::ListHouseholdsResponse out;
        auto status = stub->ListHouseholds(context.get(), r, &out);
        if (!status.ok()) return fail(status, *context);
        for (const auto& h : out.households()) {
          ++count;
          if (h.poverty_status() == v1::POVERTY_STATUS_POOR) ++poor;
          if (h.poverty_status() == v1::POVERTY_STATUS_NEAR_POOR) ++near_poor;
          if (in->ids_only) {
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
      if (in->ids_only) return 0;
      if (count == 0) {
        std::cout << (en ? "no households\n" : "không có hộ nào\n");
        return 0;
      }
      table.print(std::cout);
      std::cout << count << (en ? " households (poor " : " hộ (hộ nghèo ") << poor
                << (en ? ", near-poor " : ", hộ cận nghèo ") << near_poor << ")\n";
      return 0;
    }
    if (get->parsed()) {
      v1::GetHouseholdRequest r;
      r.set_id(in->id);
      auto context = options.context();
      v1::Household h;
      auto status = stub->GetHousehold(context.get(), r, &h);
      if (!status.ok()) return fail(status, *context);
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
    }
    if (submit->parsed()) {
      v1::SubmitListRequest r;
      r.set_request_id(request_id_or_new(in->request_id));
      r.set_campaign_id(in->campaign);
      r.set_unit_code(in->unit);
      r.set_proposal_reference(in->proposal);
      for (auto id : in->ids) r.add_household_ids(id);
      auto context = options.context();
      v1::Submission out;
      auto status = stub->SubmitList(context.get(), r, &out);
      if (!status.ok()) return fail(status, *context);
      print_submission(out, en);
      return 0;
    }
    if (override_late->parsed()) {
      v1::OverrideLateSubmissionRequest r;
      r.set_request_id(request_id_or_new(in->request_id));
      r.set_submission_id(in->submission);
      r.set_reason(in->reason);
      auto context = options.context();
      v1::Submission out;
      auto status = stub->OverrideLateSubmission(context.get(), r, &out);
      if (!status.ok()) return fail(status, *context);
      print_submission(out, en);
      return 0;
    }
    if (review->parsed()) {
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
      if (!status.ok()) return fail(status, *context);
      print_candidacy(out, en);
      return 0;
    }
    if (rank->parsed()) {
      v1::RankApprovedRequest r;
      r.set_campaign_id(in->campaign);
      r.set_unit_code(in->unit);
      r.set_limit(in->limit);
      auto context = options.context();
      v1::RankApprovedResponse out;
      auto status = stub->RankApproved(context.get(), r, &out);
      if (!status.ok()) return fail(status, *context);
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
    }
    if (assign->parsed()) {
      v1::AssignHouseholdRequest r;
      r.set_request_id(request_id_or_new(in->request_id));
      r.set_campaign_id(in->campaign);
      r.set_household_id(in->id);
      r.set_organisation_id(in->organisation);
      r.set_reason(in->reason);
      auto context = options.context();
      v1::Assignment out;
      auto status = stub->AssignHousehold(context.get(), r, &out);
      if (!status.ok()) return fail(status, *context);
      std::cout << (en ? "household " : "hộ ") << out.household_id()
                << (en ? " assigned to " : " giao cho ") << out.organisation_id();
      if (!out.previous_organisation_id().empty()) {
        std::cout << (en ? " (was " : " (trước đây: ") << out.previous_organisation_id()
                  << (en ? "; reason: " : "; lý do: ") << out.reason() << ")";
      }
      std::cout << "\n";
      return 0;
    }
    if (outcome->parsed()) {
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
      if (!status.ok()) return fail(status, *context);
      std::cout << (en ? "household " : "hộ ") << out.household_id()
                << (en ? " escaped poverty on " : " thoát nghèo ngày ")
                << format_date(out.escaped_on());
      if (out.exemplary()) std::cout << (en ? " (exemplary)" : " (điển hình)");
      std::cout << " — " << out.support_summary() << "\n";
      return 0;
    }
    if (duplicates_list->parsed()) {
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
      do {
        auto context = options.context();
        v1::ListDuplicateCandidatesResponse out;
        auto status = stub->ListDuplicateCandidates(context.get(), r, &out);
        if (!status.ok()) return fail(status, *context);
        for (const auto& c : out.candidates()) {
          ++count;
          if (c.decision() == v1::DUPLICATE_DECISION_UNSPECIFIED) ++open;
          if (in->ids_only) {
            std::cout << c.id() << "\t" << c.household_id() << "\t" << c.other_household_id()
                      << "\n";
            continue;
          }
          table.add_row(
              {std::to_string(c.id()), std::to_string(c.household_id()), c.household_unit_code(),
               c.masked_name(), std::to_string(c.other_household_id()), c.other_unit_code(),
               c.other_masked_name(), reason_label(c.reason(), en), percent(c.similarity()),
               decision_label(c.decision(), en), c.decided_by()});
        }
        r.mutable_page()->set_page_token(out.page().next_page_token());
      } while (!r.page().page_token().empty());
      if (in->ids_only) return 0;
      if (count == 0) {
        std::cout << (en ? "no duplicate candidates\n" : "không có cặp nghi trùng nào\n");
        return 0;
      }
      table.print(std::cout);
      std::cout << count << (en ? " candidate pairs, open " : " cặp nghi trùng, chưa quyết định ")
                << open << "\n";
      return 0;
    }
    if (resolve->parsed()) {
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
      if (!status.ok()) return fail(status, *context);
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
    }
    if (coverage->parsed()) {
      v1::GetCoverageRequest r;
      r.set_campaign_id(in->campaign);
      r.set_unit_code(in->unit);
      auto context = options.context();
      v1::Coverage out;
      auto status = stub->GetCoverage(context.get(), r, &out);
      if (!status.ok()) return fail(status, *context);
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
    }
    return -1;
  };
}

}  // namespace vnn::cli
