#include "reversal_commands.h"

#include <iostream>

#include "commands_common.h"
#include "format.h"
#include "output.h"
#include "table.h"
#include "vnn/donation/v1/donation.grpc.pb.h"

namespace vnn::cli {
namespace {

namespace v1 = donation::v1;

struct Inputs {
  std::string request_id, reason, decision, note, fund, receipt;
  std::int64_t id = 0;
  bool json = false, reprint = false;
};

// "41/2024" into a receipt reference of `fund`; throws CLI::ValidationError.
v1::ReceiptRef parse_receipt(const std::string& fund, const std::string& text) {
  const auto slash = text.find('/');
  const auto digits = [](const std::string& part) {
    return !part.empty() && part.size() <= 12 &&
           part.find_first_not_of("0123456789") == std::string::npos;
  };
  if (slash == std::string::npos || !digits(text.substr(0, slash)) ||
      !digits(text.substr(slash + 1)) || text.size() - slash - 1 != 4) {
    throw CLI::ValidationError("receipt", "«" + text + "»: số/năm, ví dụ 41/2024");
  }
  v1::ReceiptRef ref;
  ref.set_fund_id(fund);
  ref.set_number(std::stoll(text.substr(0, slash)));
  ref.set_year(std::stoi(text.substr(slash + 1)));
  return ref;
}

std::string state_label(v1::ReversalState state, bool en) {
  switch (state) {
    case v1::REVERSAL_STATE_PENDING:
      return en ? "pending approval" : "chờ phê duyệt";
    case v1::REVERSAL_STATE_APPROVED:
      return en ? "approved" : "đã duyệt";
    case v1::REVERSAL_STATE_REJECTED:
      return en ? "rejected" : "không duyệt";
    default:
      return "?";
  }
}

void print_reversal(const v1::ReversalRequest& r, bool en) {
  std::cout << (en ? "reversal request " : "đề nghị điều chỉnh số ") << r.id()
            << (en ? " of donation " : " cho khoản ủng hộ ") << r.donation_id() << ": "
            << state_label(r.state(), en) << (en ? " — reason: " : " — lý do: ") << r.reason()
            << "\n";
  if (r.reversal_donation_id() != 0) {
    std::cout << (en ? "  posted as donation " : "  đã ghi bút toán điều chỉnh số ")
              << r.reversal_donation_id() << "\n";
  }
  if (!r.note().empty()) std::cout << (en ? "  note: " : "  ghi chú: ") << r.note() << "\n";
}

}  // namespace

std::function<int(const std::shared_ptr<grpc::Channel>&)> add_reversal_commands(
    CLI::App& app, const GlobalOptions& options) {
  auto in = std::make_shared<Inputs>();
  auto* donation = app.get_subcommand("donation");

  auto* reverse = donation->add_subcommand(
      "reverse", "ask for a recorded donation to be reversed (another officer decides)");
  add_request_id_option(reverse, in->request_id);
  reverse->add_option("donation_id", in->id, "the donation, as donation list shows it")->required();
  reverse->add_option("--reason", in->reason, "why the donation is wrong")->required();
  add_json_flag(reverse, in->json);
  add_example(reverse,
              "vnnctl donation reverse 57 --reason 'Ghi trùng biên lai 41/2024, tiền mặt đã "
              "nhập một lần'");

  auto* decide = donation->add_subcommand(
      "decide", "approve (post the reversal) or reject a reversal request");
  add_request_id_option(decide, in->request_id);
  decide->add_option("request", in->id, "the reversal request number")->required();
  decide->add_option("decision", in->decision, "approve|reject")
      ->required()
      ->check(CLI::IsMember({"approve", "reject"}));
  decide->add_option("--note", in->note, "required to reject");
  add_json_flag(decide, in->json);
  add_example(decide,
              "vnnctl donation decide 3 approve --note 'Đã đối chiếu sổ quỹ'\n"
              "vnnctl donation decide 4 reject --note 'Biên lai đúng, không điều chỉnh'");

  auto* get = donation->add_subcommand("get", "one donation, with its reversal if any");
  get->add_option("donation_id", in->id, "the donation")->required();
  add_json_flag(get, in->json);
  add_example(get, "vnnctl donation get 57");

  auto* receipt = donation->add_subcommand(
      "receipt", "a fund's receipt by its number; --reprint records a printed copy");
  receipt->add_option("--fund", in->fund, "the fund that issued it")->required();
  receipt->add_option("receipt", in->receipt, "number/year, e.g. 41/2024")->required();
  receipt->add_flag("--reprint", in->reprint, "print it again: the copy is counted and marked");
  add_request_id_option(receipt, in->request_id);
  add_json_flag(receipt, in->json);
  add_example(receipt,
              "vnnctl donation receipt --fund fund-736 41/2024\n"
              "vnnctl donation receipt --fund fund-736 41/2024 --reprint");

  return [=, &options](const std::shared_ptr<grpc::Channel>& channel) -> int {
    auto stub = v1::DonationService::NewStub(channel);
    const bool en = options.english();
    if (reverse->parsed()) {
      v1::RequestReversalRequest r;
      r.set_request_id(request_id_or_new(in->request_id));
      r.set_donation_id(in->id);
      r.set_reason(in->reason);
      v1::ReversalRequest out;
      auto status = stub->RequestReversal(options.context().get(), r, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      print_reversal(out, en);
      return kExitOk;
    }
    if (decide->parsed()) {
      v1::DecideReversalRequest r;
      r.set_request_id(request_id_or_new(in->request_id));
      r.set_reversal_request_id(in->id);
      r.set_approve(in->decision == "approve");
      r.set_note(in->note);
      v1::ReversalRequest out;
      auto status = stub->DecideReversal(options.context().get(), r, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      print_reversal(out, en);
      return kExitOk;
    }
    if (receipt->parsed()) {
      v1::GetReceiptRequest r;
      *r.mutable_receipt() = parse_receipt(in->fund, in->receipt);
      r.set_reprint(in->reprint);
      if (in->reprint) r.set_request_id(request_id_or_new(in->request_id));
      v1::Receipt out;
      auto status = stub->GetReceipt(options.context().get(), r, &out);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(out);
      std::cout << (en ? "RECEIPT No. " : "BIÊN LAI số ") << out.ref().number() << "/"
                << out.ref().year() << " — " << out.fund_name();
      if (out.copy()) std::cout << (en ? " (COPY)" : " (BẢN SAO)");
      std::cout << "\n"
                << (en ? "  donor: " : "  người ủng hộ: ")
                << (out.donor_name().empty() ? (en ? "anonymous" : "ẩn danh") : out.donor_name())
                << "\n"
                << (en ? "  amount: " : "  số tiền: ") << format_dong(out.amount().dong()) << "\n"
                << (en ? "  received on: " : "  ngày nhận: ") << format_date(out.received_on())
                << "\n"
                << (en ? "  donation " : "  khoản ủng hộ ") << out.donation_id()
                << (en ? "; copies printed: " : "; số bản sao đã in: ") << out.copies_printed()
                << "\n";
      if (out.reversed()) {
        std::cout << (en ? "  REVERSED: see donation get "
                         : "  ĐÃ ĐIỀU CHỈNH: xem vnnctl donation get ")
                  << out.donation_id() << "\n";
      }
      return kExitOk;
    }
    if (get->parsed()) {
      v1::GetDonationRequest r;
      r.set_id(in->id);
      v1::Donation d;
      auto status = stub->GetDonation(options.context().get(), r, &d);
      if (!status.ok()) return fail(status);
      if (in->json) return print_json(d);
      Table facts(en ? std::vector<std::string>{"Field", "Value"}
                     : std::vector<std::string>{"Thông tin", "Nội dung"});
      facts.add_row({en ? "Donation" : "Khoản ủng hộ", std::to_string(d.id())});
      if (d.has_receipt()) {
        facts.add_row({en ? "Receipt" : "Biên lai", std::to_string(d.receipt().number()) + "/" +
                                                        std::to_string(d.receipt().year())});
      }
      facts.add_row({en ? "Campaign" : "Đợt vận động", d.campaign_id()});
      facts.add_row({en ? "Fund" : "Quỹ", d.fund_id()});
      facts.add_row({en ? "Date" : "Ngày", format_date(d.received_on())});
      facts.add_row({en ? "Donor" : "Người ủng hộ",
                     d.donor().name().empty() ? (en ? "anonymous" : "ẩn danh") : d.donor().name()});
      facts.add_row({en ? "Amount" : "Số tiền", format_dong(d.amount().dong())});
      for (const auto& item : d.items()) {
        facts.add_row({en ? "Item" : "Hiện vật",
                       item.description() + " " + std::to_string(item.quantity()) + " " +
                           item.unit() + " — " + format_dong(item.assessed_value().dong())});
      }
      if (d.reverses_donation_id() != 0) {
        facts.add_row({en ? "Reverses donation" : "Điều chỉnh cho khoản",
                       std::to_string(d.reverses_donation_id()) + " — " + d.reversal_reason()});
      }
      if (d.reversed_by_donation_id() != 0) {
        facts.add_row({en ? "Reversed by" : "Đã điều chỉnh bởi khoản",
                       std::to_string(d.reversed_by_donation_id())});
      }
      facts.add_row({en ? "Recorded by" : "Người ghi", d.recorded_by()});
      facts.print(std::cout);
      return kExitOk;
    }
    return -1;
  };
}

}  // namespace vnn::cli
