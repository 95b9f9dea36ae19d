// vnnctl fund balance|balances|ledger|verify and allocation totals: the funds' double-entry
// ledger as the allocation service keeps it.

#include <iostream>

#include "allocation_commands.h"
#include "allocation_labels.h"
#include "call_errors.h"
#include "format.h"
#include "household_labels.h"
#include "table.h"

namespace vnn::cli {
namespace {

// One balance per line, as `fund balance` shows it.
std::vector<std::pair<std::string, std::int64_t>> balance_lines(const alloc::FundBalance& b,
                                                                bool en) {
  return {{en ? "Received" : "Đã nhận (tiền)", b.received().dong()},
          {en ? "Reversed" : "Hoàn trả", b.reversed().dong()},
          {en ? "Reserved (approved)" : "Tạm giữ (đã duyệt)", b.reserved().dong()},
          {en ? "Handed over" : "Đã trao", b.disbursed().dong()},
          {en ? "Available" : "Khả dụng", b.available().dong()},
          {en ? "In-kind stock" : "Hiện vật trong kho", b.in_kind_stock().dong()},
          {en ? "Shortfall" : "Thiếu hụt", b.shortfall().dong()}};
}

void print_balance(const alloc::FundBalance& b, bool en) {
  std::cout << (en ? "fund " : "quỹ ") << b.fund_id() << " — " << b.name() << " — " << b.unit_code()
            << "\n";
  Table table(headers(en, {"Balance", "Amount"}, {"Số dư", "Số tiền"}));
  for (const auto& [label, dong] : balance_lines(b, en)) table.add_row({label, format_dong(dong)});
  table.print(std::cout);
  std::cout << (en ? "postings: " : "số bút toán: ") << b.version()
            << (en ? ", updated " : ", cập nhật ") << format_time(b.updated_at()) << "\n";
  if (b.flagged_short()) {
    std::cout << (en ? "SHORT: a reversal left the fund below zero; no approvals until it is "
                       "covered\n"
                     : "THIẾU HỤT: khoản hoàn trả làm Quỹ âm; không duyệt hỗ trợ mới cho đến khi "
                       "bù đủ\n");
  }
}

}  // namespace

void add_allocation_ledger_commands(CLI::App& app, const GlobalOptions& options,
                                    const std::shared_ptr<AllocationInputs>& in,
                                    AllocationCommandSet& commands) {
  // "fund create|list|update" are the donation service's; the ledger's commands join them.
  CLI::App* fund = nullptr;
  try {
    fund = app.get_subcommand("fund");
  } catch (const CLI::OptionNotFound&) {
    fund = app.add_subcommand("fund", "funds (Quỹ)")->require_subcommand(1);
  }

  auto* balance = fund->add_subcommand("balance", "a fund's balances in the allocation ledger");
  balance->add_option("fund", in->fund, "fund id")->required();
  add_json_flag(balance, in->json);
  add_example(balance, "vnnctl fund balance fund-736");

  auto* balances = fund->add_subcommand("balances", "the balances of the funds of a unit");
  balances->add_option("--unit", in->unit, "a unit and those below it (default: all yours)");
  balances->add_flag("--all", in->all, "every page (default: the first)");
  add_json_flag(balances, in->json);
  add_example(balances, "vnnctl fund balances --unit 736");

  auto* ledger = fund->add_subcommand(
      "ledger", "a fund's ledger postings with their entries (Nợ/Có) and the available balance");
  ledger->add_option("fund", in->fund, "fund id")->required();
  ledger->add_flag("--all", in->all, "every page (default: the first 100 postings)");
  ledger->add_option("--page-token", in->page_token, "the page after the one that gave this token");
  add_json_flag(ledger, in->json);
  add_example(ledger, "vnnctl fund ledger fund-736 --all");

  auto* verify = fund->add_subcommand(
      "verify",
      "recompute a fund's balances from its entries and compare (exit code 1 if they differ)");
  verify->add_option("fund", in->fund, "fund id")->required();
  add_json_flag(verify, in->json);
  add_example(verify, "vnnctl fund verify fund-736");

  auto* allocation =
      app.add_subcommand("allocation", "the allocation service's figures")->require_subcommand(1);
  auto* totals = allocation->add_subcommand(
      "totals", "a campaign's totals per fund in the allocation ledger, and its supports");
  totals->add_option("--campaign", in->campaign, "campaign id")->required();
  add_json_flag(totals, in->json);
  add_example(totals, "vnnctl allocation totals --campaign vd-2024");

  commands.add(balance, [in, &options](AllocationStub* stub) -> int {
    alloc::GetFundBalanceRequest r;
    r.set_fund_id(in->fund);
    auto context = options.context();
    alloc::FundBalance out;
    auto status = stub->GetFundBalance(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) {
      std::cout << to_json(out) << "\n";
    } else {
      print_balance(out, options.english());
    }
    return 0;
  });

  commands.add(balances, [in, &options](AllocationStub* stub) -> int {
    const bool en = options.english();
    alloc::ListFundBalancesRequest r;
    r.set_unit_code(in->unit);
    if (in->all) r.mutable_page()->set_page_size(1000);
    alloc::ListFundBalancesResponse all;
    do {
      auto context = options.context();
      alloc::ListFundBalancesResponse page;
      auto status = stub->ListFundBalances(context.get(), r, &page);
      if (!status.ok()) return fail(status);
      for (auto& f : *page.mutable_funds()) *all.add_funds() = std::move(f);
      *all.mutable_page() = page.page();
      r.mutable_page()->set_page_token(page.page().next_page_token());
    } while (in->all && !r.page().page_token().empty());
    if (in->json) {
      std::cout << to_json(all) << "\n";
      return 0;
    }
    Table table(headers(en,
                        {"Fund", "Unit", "Name", "Received", "Reversed", "Reserved", "Handed over",
                         "Available", "In-kind stock", "Shortfall"},
                        {"Quỹ", "Đơn vị", "Tên", "Đã nhận", "Hoàn trả", "Tạm giữ", "Đã trao",
                         "Khả dụng", "Hiện vật", "Thiếu hụt"}));
    for (const auto& f : all.funds()) {
      table.add_row({f.fund_id(), f.unit_code(), f.name(), format_dong(f.received().dong()),
                     format_dong(f.reversed().dong()), format_dong(f.reserved().dong()),
                     format_dong(f.disbursed().dong()), format_dong(f.available().dong()),
                     format_dong(f.in_kind_stock().dong()),
                     f.flagged_short() ? format_dong(f.shortfall().dong()) : ""});
    }
    table.print(std::cout);
    std::cout << all.funds_size() << (en ? " funds\n" : " quỹ\n");
    if (!all.page().next_page_token().empty()) {
      std::cout << (en ? "more: --all\n" : "còn nữa: --all\n");
    }
    return 0;
  });

  commands.add(ledger, [in, &options](AllocationStub* stub) -> int {
    const bool en = options.english();
    alloc::ListLedgerPostingsRequest r;
    r.set_fund_id(in->fund);
    if (in->all) r.mutable_page()->set_page_size(1000);
    r.mutable_page()->set_page_token(in->page_token);
    alloc::ListLedgerPostingsResponse all;
    do {
      auto context = options.context();
      alloc::ListLedgerPostingsResponse page;
      auto status = stub->ListLedgerPostings(context.get(), r, &page);
      if (!status.ok()) return fail(status);
      for (auto& p : *page.mutable_postings()) *all.add_postings() = std::move(p);
      *all.mutable_page() = page.page();
      r.mutable_page()->set_page_token(page.page().next_page_token());
    } while (in->all && !r.page().page_token().empty());
    if (in->json) {
      std::cout << to_json(all) << "\n";
      return 0;
    }
    if (all.postings().empty()) {
      std::cout << (en ? "no postings\n" : "chưa có bút toán nào\n");
      return 0;
    }
    // The available balance after each posting is known only when the list starts at the
    // fund's first posting.
    const bool from_start = in->page_token.empty();
    std::vector<std::string> en_headers{"Posting", "At",    "Kind",  "Reference",
                                        "Account", "Debit", "Credit"};
    std::vector<std::string> vi_headers{"Bút toán",  "Thời điểm", "Loại", "Tham chiếu",
                                        "Tài khoản", "Nợ",        "Có"};
    if (from_start) {
      en_headers.push_back("Available after");
      vi_headers.push_back("Khả dụng sau");
    }
    Table table(headers(en, en_headers, vi_headers));
    std::int64_t available = 0;
    for (const auto& p : all.postings()) {
      for (const auto& e : p.entries()) {
        if (e.account() == alloc::LEDGER_ACCOUNT_AVAILABLE) available += e.amount_dong();
      }
      for (int i = 0; i < p.entries_size(); ++i) {
        const auto& e = p.entries(i);
        const bool first = i == 0;
        std::vector<std::string> row{first ? std::to_string(p.id()) : "",
                                     first ? format_time(p.posted_at()) : "",
                                     first ? posting_kind_label(p.kind(), en) : "",
                                     first ? p.reference() : "",
                                     ledger_account_label(e.account(), en),
                                     e.amount_dong() > 0 ? format_dong(e.amount_dong()) : "",
                                     e.amount_dong() < 0 ? format_dong(-e.amount_dong()) : ""};
        if (from_start) row.push_back(first ? format_dong(available) : "");
        table.add_row(std::move(row));
      }
    }
    table.print(std::cout);
    std::cout << all.postings_size() << (en ? " postings\n" : " bút toán\n");
    if (!all.page().next_page_token().empty()) {
      std::cout << (en ? "more: --all, or --page-token " : "còn nữa: --all, hoặc --page-token ")
                << all.page().next_page_token() << "\n";
    }
    return 0;
  });

  commands.add(verify, [in, &options](AllocationStub* stub) -> int {
    const bool en = options.english();
    alloc::VerifyLedgerRequest r;
    r.set_fund_id(in->fund);
    auto context = options.context();
    alloc::LedgerVerification out;
    auto status = stub->VerifyLedger(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    const bool ok = out.balanced() && out.matches();
    if (in->json) {
      std::cout << to_json(out) << "\n";
      return ok ? kExitOk : kExitFailed;
    }
    std::cout << (en ? "fund " : "quỹ ") << out.fund_id() << ": " << out.postings()
              << (en ? " postings" : " bút toán") << "\n";
    Table table(headers(en, {"Balance", "From the entries", "Recorded", "Same"},
                        {"Số dư", "Tính từ bút toán", "Đã ghi", "Khớp"}));
    const auto computed = balance_lines(out.from_entries(), en);
    const auto recorded = balance_lines(out.recorded(), en);
    for (std::size_t i = 0; i < computed.size(); ++i) {
      const bool same = computed[i].second == recorded[i].second;
      table.add_row({computed[i].first, format_dong(computed[i].second),
                     format_dong(recorded[i].second),
                     same ? (en ? "yes" : "có") : (en ? "NO" : "KHÔNG")});
    }
    table.print(std::cout);
    std::cout << (out.balanced()
                      ? (en ? "every posting sums to zero\n" : "mọi bút toán đều cân (Nợ = Có)\n")
                      : (en ? "UNBALANCED: a posting does not sum to zero\n"
                            : "KHÔNG CÂN: có bút toán tổng Nợ khác tổng Có\n"))
              << (out.matches() ? (en ? "the balance row matches the entries\n"
                                      : "số dư đã ghi khớp với các bút toán\n")
                                : (en ? "MISMATCH: the balance row differs from the entries\n"
                                      : "KHÔNG KHỚP: số dư đã ghi khác với tổng các bút toán\n"));
    return ok ? kExitOk : kExitFailed;
  });

  commands.add(totals, [in, &options](AllocationStub* stub) -> int {
    const bool en = options.english();
    alloc::GetAllocationTotalsRequest r;
    r.set_campaign_id(in->campaign);
    auto context = options.context();
    alloc::AllocationTotals out;
    auto status = stub->GetAllocationTotals(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) {
      std::cout << to_json(out) << "\n";
      return 0;
    }
    Table table(headers(en, {"Fund", "Received", "Reversed", "In kind", "Reserved", "Handed over"},
                        {"Quỹ", "Đã nhận", "Hoàn trả", "Hiện vật", "Tạm giữ", "Đã trao"}));
    for (const auto& f : out.funds()) {
      table.add_row({f.fund_id(), format_dong(f.received().dong()),
                     format_dong(f.reversed().dong()), format_dong(f.in_kind().dong()),
                     format_dong(f.reserved().dong()), format_dong(f.disbursed().dong())});
    }
    table.print(std::cout);
    std::cout << (en ? "supports approved: " : "hỗ trợ đã duyệt: ") << out.supports_approved()
              << (en ? ", handed over: " : ", đã trao: ") << out.supports_disbursed()
              << (en ? ", completed: " : ", hoàn thành: ") << out.supports_completed()
              << (en ? ", cancelled: " : ", đã hủy: ") << out.supports_cancelled() << "\n";
    return 0;
  });
}

}  // namespace vnn::cli
