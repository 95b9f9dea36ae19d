#include "pledge_commands.h"

#include <iostream>

#include "commands_common.h"
#include "format.h"
#include "output.h"
#include "table.h"
#include "vnn/donation/v1/donation.grpc.pb.h"

namespace vnn::cli {
namespace {

namespace v1 = donation::v1;

std::string status_label(v1::PledgeStatus status, bool english) {
  switch (status) {
    case v1::PLEDGE_STATUS_OPEN:
      return english ? "open" : "chưa ủng hộ";
    case v1::PLEDGE_STATUS_PARTLY_FULFILLED:
      return english ? "partly fulfilled" : "đã ủng hộ một phần";
    case v1::PLEDGE_STATUS_FULFILLED:
      return english ? "fulfilled" : "đã hoàn thành";
    default:
      return "?";
  }
}

std::string donor_label(const v1::Donor& donor, bool english) {
  if (!donor.name().empty()) return donor.name();
  return english ? "anonymous" : "ẩn danh";
}

struct Inputs {
  std::string request_id, campaign, fund, on, due, mobiliser, note;
  DonorOptions donor;
  std::int64_t amount = 0;
  bool json = false;
};

}  // namespace

std::function<int(const std::shared_ptr<grpc::Channel>&)> add_pledge_commands(
    CLI::App& app, const GlobalOptions& options) {
  auto in = std::make_shared<Inputs>();
  auto* pledge =
      app.add_subcommand("pledge", "pledges (cam kết ủng hộ), fulfilled later by donations")
          ->require_subcommand(1);
  auto* record = pledge->add_subcommand("record", "record a donor's pledge");
  record->add_option("--request-id", in->request_id,
                     "idempotency key: the same id never records twice (default: new)");
  record->add_option("--campaign", in->campaign, "campaign id")->required();
  record->add_option("--fund", in->fund, "fund id")->required();
  record->add_option("--amount", in->amount, "amount pledged in đồng")->required();
  record->add_option("--on", in->on, "date pledged (YYYY-MM-DD)")->required();
  record->add_option("--due", in->due,
                     "date it is due by (YYYY-MM-DD), at the latest the "
                     "campaign's end");
  add_donor_options(record, in->donor);
  record->add_option("--mobiliser", in->mobiliser, "who mobilised it");
  record->add_option("--note", in->note, "note");
  add_json_flag(record, in->json);
  add_example(
      record,
      "vnnctl pledge record --campaign dot-cao-diem-2024 --fund fund-736 --amount 50000000 \\\n"
      "    --on 2024-02-03 --due 2024-04-30 --donor-kind business \\\n"
      "    --donor-name 'Công ty CP Cao su Đồng Nai' --tax-code 3600259560");
  auto* list = pledge->add_subcommand("list", "list a campaign's pledges and what was given");
  list->add_option("--campaign", in->campaign, "campaign id")->required();
  list->add_option("--fund", in->fund, "only this fund");
  add_json_flag(list, in->json);
  add_example(list, "vnnctl pledge list --campaign dot-cao-diem-2024");

  return [=, &options](const std::shared_ptr<grpc::Channel>& channel) -> int {
    auto stub = v1::DonationService::NewStub(channel);
    const bool en = options.english();
    if (record->parsed()) {
      v1::RecordPledgeRequest r;
      r.set_request_id(request_id_or_new(in->request_id));
      r.set_campaign_id(in->campaign);
      r.set_fund_id(in->fund);
      r.mutable_amount()->set_dong(in->amount);
      *r.mutable_pledged_on() = parse_date_option(in->on, "--on");
      if (!in->due.empty()) *r.mutable_due_on() = parse_date_option(in->due, "--due");
      fill_donor(in->donor, r.mutable_donor());
      r.set_mobiliser_id(in->mobiliser);
      r.set_note(in->note);
      v1::Pledge out;
      auto status = stub->RecordPledge(options.context().get(), r, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      std::cout << (en ? "pledge " : "cam kết số ") << out.id()
                << (en ? " recorded — " : " đã ghi nhận — ") << format_dong(out.amount().dong())
                << " — " << donor_label(out.donor(), en);
      if (out.has_due_on()) std::cout << (en ? " — due " : " — hạn ") << format_date(out.due_on());
      std::cout << "\n";
      return 0;
    }
    if (list->parsed()) {
      v1::ListPledgesRequest r;
      r.set_campaign_id(in->campaign);
      r.set_fund_id(in->fund);
      r.mutable_page()->set_page_size(1000);
      Table table(en ? std::vector<std::string>{"Pledge", "Fund", "Pledged on", "Due", "Donor",
                                                "Pledged", "Given", "Outstanding", "Status"}
                     : std::vector<std::string>{"Cam kết", "Quỹ", "Ngày cam kết", "Hạn",
                                                "Người ủng hộ", "Số cam kết", "Đã ủng hộ",
                                                "Còn lại", "Tình trạng"});
      std::int64_t pledged = 0, given = 0, outstanding = 0;
      int count = 0;
      v1::ListPledgesResponse all;  // every page, for --json
      do {
        v1::ListPledgesResponse out;
        auto status = stub->ListPledges(options.context().get(), r, &out);
        if (!status.ok()) return fail(status);
        all.mutable_pledges()->MergeFrom(out.pledges());
        for (const auto& p : out.pledges()) {
          const std::int64_t left =
              std::max<std::int64_t>(p.amount().dong() - p.fulfilled().dong(), 0);
          table.add_row({std::to_string(p.id()), p.fund_id(), format_date(p.pledged_on()),
                         format_date(p.due_on()), donor_label(p.donor(), en),
                         format_dong(p.amount().dong()), format_dong(p.fulfilled().dong()),
                         format_dong(left), status_label(p.status(), en)});
          pledged += p.amount().dong();
          given += p.fulfilled().dong();
          outstanding += left;
          ++count;
        }
        r.mutable_page()->set_page_token(out.page().next_page_token());
      } while (!r.page().page_token().empty());
      if (in->json) return print_json(all);
      table.print(std::cout);
      std::cout << count << (en ? " pledges, pledged " : " cam kết, tổng cam kết ")
                << format_dong(pledged) << (en ? ", given " : ", đã ủng hộ ") << format_dong(given)
                << (en ? ", outstanding " : ", còn lại ") << format_dong(outstanding) << "\n";
      return 0;
    }
    return -1;
  };
}

}  // namespace vnn::cli
