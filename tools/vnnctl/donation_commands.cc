#include "donation_commands.h"

#include <iostream>

#include "allocation_labels.h"
#include "commands_common.h"
#include "format.h"
#include "import_problems.h"
#include "output.h"
#include "progress_bar.h"
#include "table.h"
#include "vnn/donation/v1/donation.grpc.pb.h"

namespace vnn::cli {
namespace {

namespace v1 = donation::v1;

std::string channel_label(v1::Channel channel, bool english) {
  switch (channel) {
    case v1::CHANNEL_BANK_TRANSFER:
      return english ? "bank transfer" : "chuyển khoản";
    case v1::CHANNEL_CASH:
      return english ? "cash" : "tiền mặt";
    case v1::CHANNEL_IN_KIND:
      return english ? "in kind" : "hiện vật";
    case v1::CHANNEL_PAYROLL:
      return english ? "payroll" : "trích lương";
    case v1::CHANNEL_DIRECT_TO_HOUSEHOLD:
      return english ? "direct to household" : "trao trực tiếp cho hộ";
    default:
      return "?";
  }
}

v1::Channel parse_channel(const std::string& text) {
  if (text == "cash") return v1::CHANNEL_CASH;
  if (text == "transfer") return v1::CHANNEL_BANK_TRANSFER;
  if (text == "in-kind") return v1::CHANNEL_IN_KIND;
  if (text == "direct") return v1::CHANNEL_DIRECT_TO_HOUSEHOLD;
  return v1::CHANNEL_UNSPECIFIED;
}

// Splits "a|b|c|d" (a bank account on the command line).
std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : text) {
    if (c == separator) {
      parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(part);
  return parts;
}

// "number|account name|bank|branch" into an account; throws CLI::ValidationError on `option`.
void parse_account(const std::string& text, const std::string& option, v1::BankAccount* out) {
  auto parts = split(text, '|');
  if (parts.size() != 4) throw CLI::ValidationError(option, "number|name|bank|branch");
  out->set_account_number(parts[0]);
  out->set_account_name(parts[1]);
  out->set_bank(parts[2]);
  out->set_branch(parts[3]);
}

// "Gạo|500|kg|7500000" (description|quantity|unit|assessed value in đồng) into an in-kind item;
// throws CLI::ValidationError on --item.
void parse_item(const std::string& text, v1::InKindItem* out) {
  auto parts = split(text, '|');
  const auto whole = [&](const std::string& part) {
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos) {
      throw CLI::ValidationError("--item", "«" + text +
                                               "»: mô tả|số lượng|đơn vị tính|trị giá (đồng), "
                                               "số lượng và trị giá là số nguyên");
    }
    return std::stoll(part);
  };
  if (parts.size() != 4) whole("");
  out->set_description(parts[0]);
  out->set_quantity(whole(parts[1]));
  out->set_unit(parts[2]);
  out->mutable_assessed_value()->set_dong(whole(parts[3]));
}

// Where donations go now: the first open account, if any.
const v1::BankAccount* first_open_account(const v1::Fund& fund) {
  for (const auto& a : fund.accounts()) {
    if (!a.has_closed_on()) return &a;
  }
  return nullptr;
}

void print_milestones(const v1::Campaign& campaign, bool en) {
  for (const auto& m : campaign.milestones()) {
    std::cout << "  "
              << (m.kind() == v1::MILESTONE_KIND_HOUSEHOLD_LISTS_DUE
                      ? (en ? "household lists due " : "hạn gửi danh sách hộ: ")
                      : (en ? "results report due " : "hạn báo cáo kết quả: "))
              << format_date(m.due_on()) << "\n";
  }
}

// The campaign's milestone of `kind` due on `date` (YYYY-MM-DD, from `option`): changed if the
// campaign has one, added if not; nothing when `date` is empty.
void set_milestone(v1::MilestoneKind kind, const std::string& date, const char* option,
                   v1::Campaign* campaign) {
  if (date.empty()) return;
  v1::Milestone* milestone = nullptr;
  for (auto& m : *campaign->mutable_milestones()) {
    if (m.kind() == kind) milestone = &m;
  }
  if (milestone == nullptr) {
    milestone = campaign->add_milestones();
    milestone->set_kind(kind);
  }
  *milestone->mutable_due_on() = parse_date_option(date, option);
}

// "26242:150.000.000" or "26242:150000000:3" (unit:amount in đồng[:houses to build or repair])
// into a target; throws CLI::ValidationError on --target.
void parse_target(const std::string& text, v1::Target* out) {
  auto parts = split(text, ':');
  const auto refuse = [&] {
    throw CLI::ValidationError("--target", "«" + text +
                                               "»: mã đơn vị:số tiền (đồng)[:số nhà], "
                                               "ví dụ 26242:150.000.000:3");
  };
  if (parts.size() < 2 || parts.size() > 3 || parts[0].empty()) refuse();
  const auto amount = parse_dong(parts[1]);
  if (!amount) refuse();
  out->set_unit_code(parts[0]);
  out->mutable_amount()->set_dong(*amount);
  if (parts.size() == 3) {
    if (parts[2].empty() || parts[2].size() > 6 ||
        parts[2].find_first_not_of("0123456789") != std::string::npos) {
      refuse();
    }
    out->set_houses(std::stoi(parts[2]));
  }
}

void print_targets(const v1::Campaign& campaign, bool en) {
  if (campaign.targets().empty()) return;
  Table table(en ? std::vector<std::string>{"Unit", "Target", "Houses"}
                 : std::vector<std::string>{"Đơn vị", "Chỉ tiêu vận động", "Số nhà"});
  for (const auto& t : campaign.targets()) {
    table.add_row({t.unit_code(), format_dong(t.amount().dong()),
                   t.houses() ? std::to_string(t.houses()) : ""});
  }
  table.print(std::cout);
}

struct Inputs {
  std::string request_id, id, unit, on, name, from, to, lists_due, report_due, campaign, fund;
  std::vector<std::string> funds, accounts, closes, items, targets;
  bool json = false;
  std::string closed_on, reason;
  std::int64_t version = 0;
  DonorOptions donor;
  std::string channel = "cash", mobiliser, account, reference, note, kind = "member_organisation";
  std::int64_t amount = 0;
  std::int64_t pledge_id = 0;
  std::int64_t household_id = 0;
  std::int64_t donation_id = 0;
  std::string need;
};

void set_milestones(const Inputs& in, v1::Campaign* campaign) {
  set_milestone(v1::MILESTONE_KIND_HOUSEHOLD_LISTS_DUE, in.lists_due, "--lists-due", campaign);
  set_milestone(v1::MILESTONE_KIND_RESULTS_REPORT_DUE, in.report_due, "--report-due", campaign);
  // Targets given replace them all, as the service takes them.
  if (!in.targets.empty()) {
    campaign->clear_targets();
    for (const auto& text : in.targets) parse_target(text, campaign->add_targets());
  }
}

}  // namespace

std::function<int(const std::shared_ptr<grpc::Channel>&)> add_donation_commands(
    CLI::App& app, const GlobalOptions& options) {
  auto in = std::make_shared<Inputs>();
  auto request_id = [&, in](CLI::App* command) {
    command->add_option("--request-id", in->request_id,
                        "idempotency key: the same id never records twice (default: new)");
  };

  auto* fund = app.add_subcommand("fund", "funds (Quỹ)")->require_subcommand(1);
  auto* fund_create = fund->add_subcommand("create", "create a fund with its bank accounts");
  request_id(fund_create);
  fund_create->add_option("--id", in->id, "fund id, e.g. fund-736")->required();
  fund_create->add_option("--unit", in->unit, "unit code of its board")->required();
  fund_create->add_option("--on", in->on, "date the unit code is read on (YYYY-MM-DD)")->required();
  fund_create->add_option("--name", in->name, "fund name")->required();
  fund_create->add_option("--account", in->accounts, "number|account name|bank|branch");
  add_json_flag(fund_create, in->json);
  add_example(
      fund_create,
      "vnnctl fund create --id fund-736 --unit 736 --on 2024-02-03 \\\n"
      "    --name 'Quỹ \"Vì người nghèo\" huyện Định Quán' \\\n"
      "    --account '5900201001234|Ủy ban MTTQ Việt Nam huyện Định Quán|Agribank|Định Quán'");
  auto* fund_list = fund->add_subcommand("list", "list funds");
  add_json_flag(fund_list, in->json);
  add_example(fund_list, "vnnctl fund list");
  auto* fund_update = fund->add_subcommand(
      "update", "rename a fund, open or close its accounts (closed accounts stay on record)");
  request_id(fund_update);
  fund_update->add_option("--id", in->id, "fund id")->required();
  fund_update->add_option("--version", in->version, "the fund's version, as fund list shows it")
      ->required();
  fund_update->add_option("--reason", in->reason, "why, e.g. the standing board's decision")
      ->required();
  fund_update->add_option("--name", in->name, "new fund name");
  fund_update->add_option("--add-account", in->accounts, "number|account name|bank|branch");
  fund_update->add_option("--close", in->closes, "number of an account to close");
  fund_update->add_option("--closed-on", in->closed_on,
                          "first day the closed accounts take no transfer (YYYY-MM-DD)");
  add_json_flag(fund_update, in->json);
  add_example(fund_update,
              "vnnctl fund update --id fund-736 --version 1 --reason 'Quyết định 12/QĐ-MTTQ' \\\n"
              "    --close 5900201001234 --closed-on 2024-04-01 \\\n"
              "    --add-account '1020304050|Ủy ban MTTQ huyện Định Quán|Vietinbank|Đồng Nai'");

  auto* campaign =
      app.add_subcommand("campaign", "campaigns (đợt vận động)")->require_subcommand(1);
  auto* campaign_create = campaign->add_subcommand("create", "create a campaign");
  request_id(campaign_create);
  campaign_create->add_option("--id", in->id, "campaign id")->required();
  campaign_create->add_option("--name", in->name, "campaign name")->required();
  campaign_create->add_option("--unit", in->unit, "organising unit code")->required();
  campaign_create->add_option("--from", in->from, "first day (YYYY-MM-DD)")->required();
  campaign_create->add_option("--to", in->to, "last day (YYYY-MM-DD)")->required();
  campaign_create->add_option("--fund", in->funds, "participating fund id")->required();
  campaign_create->add_option("--lists-due", in->lists_due, "household lists due (YYYY-MM-DD)");
  campaign_create->add_option("--report-due", in->report_due, "results report due (YYYY-MM-DD)");
  campaign_create->add_option("--target", in->targets,
                              "unit:amount[:houses], e.g. 26242:150.000.000:3 (repeat per unit)");
  add_json_flag(campaign_create, in->json);
  add_example(campaign_create,
              "vnnctl campaign create --id dot-cao-diem-2024 \\\n"
              "    --name 'Đợt cao điểm vận động Quỹ \"Vì người nghèo\" năm 2024' --unit 736 \\\n"
              "    --from 2024-02-03 --to 2024-05-19 --fund fund-736 --fund fund-26242 \\\n"
              "    --lists-due 2024-02-22 --report-due 2024-05-19 \\\n"
              "    --target 736:2.000.000.000:40 --target 26242:150.000.000:3");
  auto* campaign_update = campaign->add_subcommand(
      "update", "change a campaign (what is not given stays as it is); a reason is required");
  request_id(campaign_update);
  campaign_update->add_option("--id", in->id, "campaign id")->required();
  campaign_update->add_option("--name", in->name, "new name");
  campaign_update->add_option("--from", in->from, "new first day (YYYY-MM-DD)");
  campaign_update->add_option("--to", in->to, "new last day (YYYY-MM-DD)");
  campaign_update->add_option("--fund", in->funds, "participating funds (all of them)");
  campaign_update->add_option("--lists-due", in->lists_due, "household lists due (YYYY-MM-DD)");
  campaign_update->add_option("--report-due", in->report_due, "results report due (YYYY-MM-DD)");
  campaign_update->add_option("--target", in->targets,
                              "unit:amount[:houses] (repeat; all the targets, replacing them)");
  campaign_update->add_option("--reason", in->reason, "why, e.g. the board's decision")->required();
  add_json_flag(campaign_update, in->json);
  add_example(campaign_update,
              "vnnctl campaign update --id dot-cao-diem-2024 --report-due 2024-05-17 \\\n"
              "    --reason 'Công văn 45/MTTQ-BTT gia hạn báo cáo'");
  auto* campaign_show = campaign->add_subcommand(
      "show", "a campaign: period, funds, milestones and targets per unit");
  campaign_show->add_option("id", in->id, "campaign id")->required();
  add_json_flag(campaign_show, in->json);
  add_example(campaign_show, "vnnctl campaign show dot-cao-diem-2024");

  auto* mobiliser =
      app.add_subcommand("mobiliser", "who mobilises donations")->require_subcommand(1);
  auto* mobiliser_create = mobiliser->add_subcommand("create", "add a mobiliser");
  request_id(mobiliser_create);
  mobiliser_create->add_option("--id", in->id, "mobiliser id")->required();
  mobiliser_create->add_option("--kind", in->kind, "member_organisation|agency|board_member")
      ->check(CLI::IsMember({"member_organisation", "agency", "board_member"}));
  mobiliser_create->add_option("--name", in->name, "name")->required();
  mobiliser_create->add_option("--unit", in->unit, "unit code")->required();
  add_json_flag(mobiliser_create, in->json);
  add_example(mobiliser_create,
              "vnnctl mobiliser create --id hoi-lhpn-huyen --kind member_organisation \\\n"
              "    --name 'Hội Liên hiệp Phụ nữ huyện' --unit 736");

  auto* donation = app.add_subcommand("donation", "donations (ủng hộ)")->require_subcommand(1);
  auto* record = donation->add_subcommand("record", "record a donation and issue its receipt");
  request_id(record);
  record->add_option("--campaign", in->campaign, "campaign id")->required();
  record->add_option("--fund", in->fund, "fund id")->required();
  record->add_option("--channel", in->channel, "cash|transfer|in-kind|direct")
      ->check(CLI::IsMember({"cash", "transfer", "in-kind", "direct"}))
      ->capture_default_str();
  record->add_option("--item", in->items,
                     "in-kind: description|quantity|unit|assessed value in đồng (repeat); "
                     "--amount is their sum");
  record->add_option("--household-id", in->household_id,
                     "direct: the household (household-review id) that received it");
  record->add_option("--need", in->need,
                     "direct: housing|livelihood|education|health|food|hardship");
  record->add_option("--amount", in->amount, "amount in đồng")->required();
  record->add_option("--on", in->on, "date received (YYYY-MM-DD)")->required();
  add_donor_options(record, in->donor);
  record->add_option("--mobiliser", in->mobiliser, "who mobilised it");
  record->add_option("--account", in->account, "transfer: the fund account credited");
  record->add_option("--reference", in->reference, "transfer: the bank's transaction reference");
  record->add_option("--note", in->note, "note");
  record->add_option("--pledge-id", in->pledge_id,
                     "the pledge it fulfils (without donor options: the pledge's donor)");
  add_json_flag(record, in->json);
  add_example(
      record,
      "vnnctl donation record --campaign dot-cao-diem-2024 --fund fund-736 --channel cash \\\n"
      "    --amount 5000000 --on 2024-02-05 --donor-kind business \\\n"
      "    --donor-name 'Công ty TNHH Nông sản Phú Túc' --tax-code 3601234567\n"
      "vnnctl donation record --campaign dot-cao-diem-2024 --fund fund-736 --channel transfer \\\n"
      "    --amount 2000000 --on 2024-02-10 --donor-name 'Trần Thị Bích' \\\n"
      "    --account 5900201001234 --reference FT24041123456\n"
      "vnnctl donation record --campaign dot-cao-diem-2024 --fund fund-736 --channel in-kind \\\n"
      "    --amount 7500000 --item 'Gạo|500|kg|7500000' --on 2024-02-12 \\\n"
      "    --donor-kind organisation --donor-name 'Chùa Phước Lâm'");
  auto* list = donation->add_subcommand("list", "list a campaign's donations");
  list->add_option("--campaign", in->campaign, "campaign id")->required();
  list->add_option("--fund", in->fund, "only this fund");
  add_json_flag(list, in->json);
  add_example(list, "vnnctl donation list --campaign dot-cao-diem-2024 --fund fund-736");

  auto* import = donation->add_subcommand(
      "import", "import a payroll list or a bank statement (CSV, see docs/import-formats.md)");
  import->add_option("--format", in->kind, "payroll|statement")
      ->required()
      ->check(CLI::IsMember({"payroll", "statement"}));
  import->add_option("--campaign", in->campaign, "payroll: campaign id");
  import->add_option("--fund", in->fund, "fund id")->required();
  import->add_option("--mobiliser", in->mobiliser, "payroll: the agency that collected it");
  import->add_option("--on", in->on, "payroll: date the fund received it (YYYY-MM-DD)");
  import->add_option("--list-ref", in->note, "payroll: the list's name, e.g. 'Lương tháng 3/2024'");
  import->add_option("--account", in->account, "statement: the fund account");
  import->add_option("file", in->id, "CSV file (UTF-8)")->required()->check(CLI::ExistingFile);
  add_json_flag(import, in->json);
  add_example(
      import,
      "vnnctl donation import --format payroll --campaign dot-cao-diem-2024 --fund fund-736 \\\n"
      "    --mobiliser phong-gd-dt-huyen --on 2024-03-20 \\\n"
      "    --list-ref 'Một ngày lương tháng 3/2024' luong-phong-gd.csv\n"
      "vnnctl donation import --format statement --fund fund-736 \\\n"
      "    --account 5900201001234 sao-ke-thang-3.csv");

  auto* lines = donation->add_subcommand("lines", "the staff lines of a payroll donation");
  lines->add_option("donation_id", in->donation_id, "the payroll donation")->required();
  add_json_flag(lines, in->json);
  add_example(lines, "vnnctl donation lines 118");

  auto* totals = app.add_subcommand("totals", "a campaign's totals per fund");
  totals->add_option("--campaign", in->campaign, "campaign id")->required();
  add_json_flag(totals, in->json);
  add_example(totals, "vnnctl totals --campaign dot-cao-diem-2024");

  return [=, &options](const std::shared_ptr<grpc::Channel>& channel) -> int {
    auto stub = v1::DonationService::NewStub(channel);
    const bool en = options.english();
    if (fund_create->parsed()) {
      v1::CreateFundRequest r;
      r.set_request_id(request_id_or_new(in->request_id));
      r.set_id(in->id);
      r.set_unit_code(in->unit);
      *r.mutable_unit_valid_on() = parse_date_option(in->on, "--on");
      r.set_name(in->name);
      for (const auto& text : in->accounts) parse_account(text, "--account", r.add_accounts());
      v1::Fund out;
      auto status = stub->CreateFund(options.context().get(), r, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      std::cout << (en ? "fund created: " : "đã tạo quỹ: ") << out.id() << " — " << out.name()
                << "\n";
      return 0;
    }
    if (fund_list->parsed()) {
      v1::ListFundsResponse out;
      auto status = stub->ListFunds(options.context().get(), {}, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      Table table(
          en ? std::vector<std::string>{"Fund", "Unit", "Name", "Account", "Bank", "Version"}
             : std::vector<std::string>{"Quỹ", "Đơn vị", "Tên", "Số tài khoản", "Ngân hàng",
                                        "Phiên bản"});
      for (const auto& f : out.funds()) {
        const auto* open = first_open_account(f);
        std::string account = open ? open->account_number() : "";
        std::string bank = open ? open->bank() + ", " + open->branch() : "";
        table.add_row(
            {f.id(), f.unit_code(), f.name(), account, bank, std::to_string(f.version())});
      }
      table.print(std::cout);
      return 0;
    }
    if (fund_update->parsed()) {
      v1::UpdateFundRequest r;
      r.set_request_id(request_id_or_new(in->request_id));
      r.set_fund_id(in->id);
      r.set_expected_version(in->version);
      r.set_reason(in->reason);
      r.set_name(in->name);
      for (const auto& text : in->accounts) {
        parse_account(text, "--add-account", r.add_add_accounts());
      }
      if (!in->closes.empty() && in->closed_on.empty()) {
        throw CLI::ValidationError("--closed-on", "is required with --close");
      }
      for (const auto& number : in->closes) {
        auto* closure = r.add_close_accounts();
        closure->set_account_number(number);
        *closure->mutable_closed_on() = parse_date_option(in->closed_on, "--closed-on");
      }
      v1::Fund out;
      auto context = options.context();
      auto status = stub->UpdateFund(context.get(), r, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      std::cout << (en ? "fund updated: " : "đã cập nhật quỹ: ") << out.id() << " — " << out.name()
                << (en ? " (version " : " (phiên bản ") << out.version() << ")\n";
      Table table(en ? std::vector<std::string>{"Account", "Account name", "Bank", "Status"}
                     : std::vector<std::string>{"Số tài khoản", "Tên tài khoản", "Ngân hàng",
                                                "Trạng thái"});
      for (const auto& a : out.accounts()) {
        std::string state = !a.has_closed_on() ? (en ? "open" : "đang sử dụng")
                                               : (en ? "closed from " : "đã đóng từ ngày ") +
                                                     format_date(a.closed_on());
        table.add_row({a.account_number(), a.account_name(), a.bank() + ", " + a.branch(), state});
      }
      table.print(std::cout);
      return 0;
    }
    if (campaign_update->parsed()) {
      v1::GetCampaignRequest get;
      get.set_id(in->id);
      v1::UpdateCampaignRequest r;
      r.set_request_id(request_id_or_new(in->request_id));
      r.set_reason(in->reason);
      auto* c = r.mutable_campaign();
      auto status = stub->GetCampaign(options.context().get(), get, c);
      if (!status.ok()) return fail(status);
      if (!in->name.empty()) c->set_name(in->name);
      if (!in->from.empty()) *c->mutable_starts_on() = parse_date_option(in->from, "--from");
      if (!in->to.empty()) *c->mutable_ends_on() = parse_date_option(in->to, "--to");
      if (!in->funds.empty()) {
        c->clear_fund_ids();
        for (const auto& f : in->funds) c->add_fund_ids(f);
      }
      set_milestones(*in, c);
      v1::Campaign out;
      auto context = options.context();
      status = stub->UpdateCampaign(context.get(), r, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      std::cout << (en ? "campaign updated: " : "đã cập nhật đợt vận động: ") << out.name() << " ("
                << format_date(out.starts_on()) << " – " << format_date(out.ends_on()) << ")\n";
      print_milestones(out, en);
      print_targets(out, en);
      return 0;
    }
    if (campaign_show->parsed()) {
      v1::GetCampaignRequest r;
      r.set_id(in->id);
      v1::Campaign out;
      auto status = stub->GetCampaign(options.context().get(), r, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      std::cout << out.id() << " — " << out.name() << " (" << format_date(out.starts_on()) << " – "
                << format_date(out.ends_on()) << ")\n"
                << (en ? "  organised by " : "  đơn vị tổ chức: ") << out.unit_code()
                << (en ? "; funds: " : "; các quỹ: ");
      for (int i = 0; i < out.fund_ids_size(); ++i) {
        std::cout << (i ? ", " : "") << out.fund_ids(i);
      }
      std::cout << "\n";
      print_milestones(out, en);
      print_targets(out, en);
      return 0;
    }
    if (campaign_create->parsed()) {
      v1::CreateCampaignRequest r;
      r.set_request_id(request_id_or_new(in->request_id));
      auto* c = r.mutable_campaign();
      c->set_id(in->id);
      c->set_name(in->name);
      c->set_unit_code(in->unit);
      *c->mutable_starts_on() = parse_date_option(in->from, "--from");
      *c->mutable_ends_on() = parse_date_option(in->to, "--to");
      for (const auto& f : in->funds) c->add_fund_ids(f);
      set_milestones(*in, c);
      v1::Campaign out;
      auto status = stub->CreateCampaign(options.context().get(), r, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      std::cout << (en ? "campaign created: " : "đã tạo đợt vận động: ") << out.name() << " ("
                << format_date(out.starts_on()) << " – " << format_date(out.ends_on()) << ")\n";
      print_milestones(out, en);
      print_targets(out, en);
      return 0;
    }
    if (mobiliser_create->parsed()) {
      v1::CreateMobiliserRequest r;
      r.set_request_id(request_id_or_new(in->request_id));
      auto* m = r.mutable_mobiliser();
      m->set_id(in->id);
      m->set_kind(in->kind == "agency"         ? v1::MOBILISER_KIND_AGENCY
                  : in->kind == "board_member" ? v1::MOBILISER_KIND_BOARD_MEMBER
                                               : v1::MOBILISER_KIND_MEMBER_ORGANISATION);
      m->set_name(in->name);
      m->set_unit_code(in->unit);
      v1::Mobiliser out;
      auto status = stub->CreateMobiliser(options.context().get(), r, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      std::cout << (en ? "mobiliser added: " : "đã thêm người vận động: ") << out.name() << "\n";
      return 0;
    }
    if (record->parsed()) {
      v1::RecordDonationRequest r;
      r.set_request_id(request_id_or_new(in->request_id));
      r.set_campaign_id(in->campaign);
      r.set_fund_id(in->fund);
      r.set_channel(parse_channel(in->channel));
      r.mutable_amount()->set_dong(in->amount);
      *r.mutable_received_on() = parse_date_option(in->on, "--on");
      r.set_pledge_id(in->pledge_id);
      r.set_household_id(in->household_id);
      r.set_support_need(in->need);
      // For a pledge, no donor options means the pledge's donor: send none.
      // Naming a pledge without donor options: the pledge's donor gives.
      const bool pledge_donor = in->pledge_id != 0 && !in->donor.any_given(*record);
      if (!pledge_donor) fill_donor(in->donor, r.mutable_donor());
      r.set_mobiliser_id(in->mobiliser);
      r.set_bank_account_number(in->account);
      r.set_bank_reference(in->reference);
      r.set_note(in->note);
      for (const auto& text : in->items) parse_item(text, r.add_items());
      v1::Donation out;
      auto status = stub->RecordDonation(options.context().get(), r, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      // Direct support is no fund receipt: it has a confirmation reference instead.
      if (out.has_receipt()) {
        std::cout << (en ? "receipt " : "biên lai số ") << out.receipt().number() << "/"
                  << out.receipt().year();
      } else {
        std::cout << (en ? "direct support " : "hỗ trợ trực tiếp ") << out.confirmation_reference();
      }
      std::cout << " — " << format_dong(out.amount().dong()) << " — "
                << (out.donor().name().empty() ? (en ? "anonymous" : "ẩn danh")
                                               : out.donor().name())
                << (en ? " (donation " : " (khoản ủng hộ ") << out.id() << ")\n";
      return 0;
    }
    if (list->parsed()) {
      v1::ListDonationsRequest r;
      r.set_campaign_id(in->campaign);
      r.set_fund_id(in->fund);
      r.mutable_page()->set_page_size(1000);
      Table table(en ? std::vector<std::string>{"ID", "Receipt", "Fund", "Date", "Donor", "Channel",
                                                "Amount", "Mobilised by"}
                     : std::vector<std::string>{"ID", "Biên lai", "Quỹ", "Ngày", "Người ủng hộ",
                                                "Hình thức", "Số tiền", "Vận động"});
      std::int64_t sum = 0;
      int count = 0;
      v1::ListDonationsResponse all;  // every page, for --json
      do {
        v1::ListDonationsResponse out;
        auto status = stub->ListDonations(options.context().get(), r, &out);
        if (!status.ok()) return fail(status);
        all.mutable_donations()->MergeFrom(out.donations());
        for (const auto& d : out.donations()) {
          std::string receipt =
              d.has_receipt()
                  ? std::to_string(d.receipt().number()) + "/" + std::to_string(d.receipt().year())
              : !d.confirmation_reference().empty() ? d.confirmation_reference()
                                                    : (en ? "reversal" : "điều chỉnh");
          std::string donor =
              d.donor().name().empty() ? (en ? "anonymous" : "ẩn danh") : d.donor().name();
          table.add_row({std::to_string(d.id()), receipt, d.fund_id(), format_date(d.received_on()),
                         donor, channel_label(d.channel(), en), format_dong(d.amount().dong()),
                         d.mobiliser_id()});
          sum += d.amount().dong();
          ++count;
        }
        r.mutable_page()->set_page_token(out.page().next_page_token());
      } while (!r.page().page_token().empty());
      if (in->json) return print_json(all);
      table.print(std::cout);
      std::cout << count << (en ? " records, net " : " bản ghi, tổng ") << format_dong(sum) << "\n";
      return 0;
    }
    if (lines->parsed()) {
      v1::ListPayrollLinesRequest r;
      r.set_donation_id(in->donation_id);
      r.mutable_page()->set_page_size(1000);
      Table table(en ? std::vector<std::string>{"Line", "Full name", "Citizen id", "Amount", "Note"}
                     : std::vector<std::string>{"Dòng", "Họ và tên", "CCCD", "Số tiền", "Ghi chú"});
      std::int64_t sum = 0;
      int count = 0;
      v1::ListPayrollLinesResponse all;  // every page, for --json
      do {
        v1::ListPayrollLinesResponse out;
        auto status = stub->ListPayrollLines(options.context().get(), r, &out);
        if (!status.ok()) return fail(status);
        all.mutable_lines()->MergeFrom(out.lines());
        for (const auto& l : out.lines()) {
          table.add_row({std::to_string(l.line()), l.full_name(), l.citizen_id(),
                         format_dong(l.amount().dong()), l.note()});
          sum += l.amount().dong();
          ++count;
        }
        r.mutable_page()->set_page_token(out.page().next_page_token());
      } while (!r.page().page_token().empty());
      if (in->json) return print_json(all);
      table.print(std::cout);
      std::cout << count << (en ? " staff, total " : " người, tổng ") << format_dong(sum) << "\n";
      return 0;
    }
    if (import->parsed()) {
      auto context = options.context();
      context->set_deadline(std::chrono::system_clock::now() + std::chrono::hours(1));
      v1::ImportReport report;
      auto writer = stub->ImportDonations(context.get(), &report);
      v1::ImportChunk header;
      auto* h = header.mutable_header();
      h->set_request_id(request_id_or_new(in->request_id));
      h->set_format(in->kind == "payroll" ? v1::IMPORT_FORMAT_PAYROLL
                                          : v1::IMPORT_FORMAT_BANK_STATEMENT);
      h->set_campaign_id(in->campaign);
      h->set_fund_id(in->fund);
      h->set_mobiliser_id(in->mobiliser);
      *h->mutable_received_on() = parse_date_option(in->on, "--on");
      h->set_list_reference(in->note);
      h->set_bank_account_number(in->account);
      writer->Write(header);
      auto progress = send_file(in->id, en ? "importing" : "đang nhập", en,
                                [&](const char* data, std::size_t size) {
                                  v1::ImportChunk chunk;
                                  chunk.set_csv(data, size);
                                  return writer->Write(chunk);
                                });
      writer->WritesDone();
      auto status = writer->Finish();
      progress.reset();
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(report);
      std::cout << (en ? "rows: " : "số dòng: ") << report.rows()
                << (en ? ", recorded: " : ", ghi nhận mới: ") << report.recorded()
                << (en ? ", already recorded: " : ", đã có từ trước: ") << report.already_recorded()
                << (en ? ", rejected: " : ", bị từ chối: ") << report.rejected();
      if (report.recorded() > 0) {
        std::cout << (en ? ", amount " : ", số tiền ")
                  << format_dong(report.recorded_amount().dong())
                  << (en ? ", donation " : ", khoản ủng hộ ") << report.donation_id()
                  << (en ? ", receipt " : ", biên lai ") << report.receipt().number() << "/"
                  << report.receipt().year();
      }
      if (report.earlier_donation_ids_size() > 0) {
        std::cout << (en ? ", the others in donation" : ", số còn lại thuộc khoản ủng hộ");
        for (const auto id : report.earlier_donation_ids()) std::cout << " " << id;
      }
      if (in->kind == "statement") {
        std::cout << (en ? ", matched: " : ", khớp: ") << report.matched();
      }
      std::cout << "\n";
      if (report.problems_size() > 0) {
        Table problems(en ? std::vector<std::string>{"Line", "Field", "Reason"}
                          : std::vector<std::string>{"Dòng", "Cột", "Lý do"});
        for (const auto& p : report.problems()) {
          problems.add_row(
              {std::to_string(p.line()), p.field(),
               import_problem_text(ImportKind::kDonations, p.code(), p.field(), p.reason(), en)});
        }
        problems.print(std::cout);
      }
      if (report.unmatched_size() > 0) {
        std::cout << (en ? "To follow up (no recorded transfer with this reference):\n"
                         : "Cần xác minh (chưa có khoản ủng hộ nào với mã giao dịch này):\n");
        Table unmatched(
            en ? std::vector<std::string>{"Line", "Date", "Reference", "Amount", "Description"}
               : std::vector<std::string>{"Dòng", "Ngày", "Mã giao dịch", "Số tiền", "Nội dung"});
        for (const auto& u : report.unmatched()) {
          unmatched.add_row({std::to_string(u.line()), format_date(u.date()), u.reference(),
                             format_dong(u.amount().dong()), u.description()});
        }
        unmatched.print(std::cout);
      }
      return 0;
    }
    if (totals->parsed()) {
      v1::GetCampaignTotalsRequest r;
      r.set_campaign_id(in->campaign);
      v1::CampaignTotals out;
      auto status = stub->GetCampaignTotals(options.context().get(), r, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      // Pledges stand beside the total: promised is not received.
      Table table(en ? std::vector<std::string>{"Fund", "Donations", "Cash", "In kind", "Total",
                                                "Pledged", "Pledges outstanding"}
                     : std::vector<std::string>{"Quỹ", "Lượt ủng hộ", "Tiền", "Hiện vật",
                                                "Tổng cộng", "Cam kết", "Cam kết còn lại"});
      std::int64_t pledged = 0, outstanding = 0;
      for (const auto& f : out.funds()) {
        table.add_row({f.fund_id(), std::to_string(f.donations()), format_dong(f.cash().dong()),
                       format_dong(f.in_kind_value().dong()), format_dong(f.total().dong()),
                       format_dong(f.pledged().dong()),
                       format_dong(f.pledge_outstanding().dong())});
        pledged += f.pledged().dong();
        outstanding += f.pledge_outstanding().dong();
      }
      table.add_row({en ? "All funds" : "Toàn bộ", "", "", "", format_dong(out.total().dong()),
                     format_dong(pledged), format_dong(outstanding)});
      table.print(std::cout);
      // Gifts handed straight to households are results of the campaign, not money in a fund.
      std::cout << (en ? "Given directly to households: " : "Trao trực tiếp cho hộ: ")
                << format_dong(out.direct_to_households().dong()) << "\n"
                << (en ? "Campaign results: " : "Kết quả vận động: ")
                << format_dong(out.results().dong()) << "\n";
      return 0;
    }
    return -1;
  };
}

}  // namespace vnn::cli
