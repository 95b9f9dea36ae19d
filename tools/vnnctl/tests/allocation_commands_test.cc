// vnnctl's allocation commands without the service: the --part syntax, amounts typed the
// Vietnamese way, the labels officers read, JSON for scripts, and the binary's help and its
// refusals of what it cannot send.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cstdio>
#include <string>

#include "allocation_labels.h"
#include "call_errors.h"
#include "command_run.h"

namespace vnn::cli {
namespace {

TEST(VnnctlAllocationAmounts, WholeDongPlainOrGroupedWithDots) {
  EXPECT_EQ(parse_dong("30000000"), 30'000'000);
  EXPECT_EQ(parse_dong("30.000.000"), 30'000'000);
  EXPECT_EQ(parse_dong("1.500"), 1'500);
  EXPECT_EQ(parse_dong("0"), 0);
  EXPECT_EQ(parse_dong(""), std::nullopt);
  EXPECT_EQ(parse_dong("1.5"), std::nullopt);        // a decimal, not a group
  EXPECT_EQ(parse_dong("30.00.000"), std::nullopt);  // a misplaced dot
  EXPECT_EQ(parse_dong("1000.000"), std::nullopt);   // a first group of four
  EXPECT_EQ(parse_dong(".000"), std::nullopt);
  EXPECT_EQ(parse_dong("1.000."), std::nullopt);
  EXPECT_EQ(parse_dong("-5000"), std::nullopt);
  EXPECT_EQ(parse_dong("5,000"), std::nullopt);
  EXPECT_EQ(parse_dong("5000đ"), std::nullopt);
  EXPECT_EQ(parse_dong("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(parse_dong("9223372036854775808"), std::nullopt);
}

TEST(VnnctlAllocationParts, SourceAmountFundSponsorReference) {
  auto fund = parse_funding_part("district_fund:30.000.000:fund-736", "--part");
  EXPECT_EQ(fund.source(), alloc::FUNDING_SOURCE_DISTRICT_FUND);
  EXPECT_EQ(fund.amount().dong(), 30'000'000);
  EXPECT_EQ(fund.fund_id(), "fund-736");
  EXPECT_TRUE(fund.sponsor().empty());

  auto sponsor = parse_funding_part("sponsor:20000000::Công ty Sữa Việt Nam:HĐ 12/2024", "--part");
  EXPECT_EQ(sponsor.source(), alloc::FUNDING_SOURCE_SPONSOR);
  EXPECT_EQ(sponsor.amount().dong(), 20'000'000);
  EXPECT_TRUE(sponsor.fund_id().empty());
  EXPECT_EQ(sponsor.sponsor(), "Công ty Sữa Việt Nam");
  EXPECT_EQ(sponsor.reference(), "HĐ 12/2024");

  // The reference keeps its colons.
  auto budget = parse_funding_part("state_budget:10000000:::QĐ 1234/QĐ-UBND: đợt 2", "--part");
  EXPECT_EQ(budget.source(), alloc::FUNDING_SOURCE_STATE_BUDGET);
  EXPECT_EQ(budget.reference(), "QĐ 1234/QĐ-UBND: đợt 2");

  auto own = parse_funding_part("household:5000000", "--part");
  EXPECT_EQ(own.source(), alloc::FUNDING_SOURCE_HOUSEHOLD);
  EXPECT_EQ(own.amount().dong(), 5'000'000);

  EXPECT_EQ(parse_funding_part("commune_fund:1:fund-26734", "--part").source(),
            alloc::FUNDING_SOURCE_COMMUNE_FUND);
}

TEST(VnnctlAllocationParts, WhatCannotBeSentIsRefusedNamingTheOption) {
  for (const char* bad :
       {"district_fund", "district_fund:", "district_fund:0:fund-736", "district_fund:-5:fund-736",
        "district_fund:1,5:fund-736", "quỹ:100:fund-736", ":100", "DISTRICT_FUND:100:fund-736"}) {
    try {
      parse_funding_part(bad, "--part");
      ADD_FAILURE() << bad << " was accepted";
    } catch (const CLI::ValidationError& e) {
      EXPECT_NE(std::string(e.what()).find("--part"), std::string::npos) << e.what();
    }
  }
}

TEST(VnnctlAllocationParts, DisbursedFundParts) {
  auto part = parse_disbursed_part("fund-736:25.000.000", "--part");
  EXPECT_EQ(part.fund_id(), "fund-736");
  EXPECT_EQ(part.amount().dong(), 25'000'000);
  EXPECT_EQ(part.source(), alloc::FUNDING_SOURCE_UNSPECIFIED);
  for (const char* bad : {"fund-736", "fund-736:", ":100", "fund-736:100:x", "fund-736:0"}) {
    EXPECT_THROW(parse_disbursed_part(bad, "--part"), CLI::ValidationError) << bad;
  }
}

TEST(VnnctlAllocationLabels, WordsAndVietnameseLabels) {
  for (int k = alloc::SUPPORT_KIND_NEW_HOUSE; k <= alloc::SUPPORT_KIND_FOOD_AND_GIFTS; ++k) {
    const auto kind = static_cast<alloc::SupportKind>(k);
    EXPECT_EQ(parse_support_kind(support_kind_word(kind)), kind);
    EXPECT_NE(support_kind_label(kind, false), "?");
    EXPECT_NE(support_kind_label(kind, true), "?");
  }
  EXPECT_EQ(parse_support_kind("new_house"), alloc::SUPPORT_KIND_NEW_HOUSE);
  EXPECT_EQ(parse_support_kind("house"), std::nullopt);
  EXPECT_EQ(support_kind_label(alloc::SUPPORT_KIND_NEW_HOUSE, false), "Xây mới nhà");
  EXPECT_EQ(support_kind_label(alloc::SUPPORT_KIND_HEALTH_INSURANCE, false), "Thẻ bảo hiểm y tế");
  for (int s = alloc::FUNDING_SOURCE_DISTRICT_FUND; s <= alloc::FUNDING_SOURCE_HOUSEHOLD; ++s) {
    const auto source = static_cast<alloc::FundingSource>(s);
    EXPECT_EQ(parse_funding_source(funding_source_word(source)), source);
  }
  EXPECT_EQ(funding_source_label(alloc::FUNDING_SOURCE_STATE_BUDGET, false), "Ngân sách nhà nước");
  EXPECT_EQ(parse_support_state("cancelled"), alloc::SUPPORT_STATE_CANCELLED);
  EXPECT_EQ(support_state_label(alloc::SUPPORT_STATE_APPROVED, false), "Đã duyệt");
  EXPECT_EQ(support_state_label(alloc::SUPPORT_STATE_APPROVED, true), "approved");
  for (int a = alloc::LEDGER_ACCOUNT_AVAILABLE; a <= alloc::LEDGER_ACCOUNT_IN_KIND_DONATIONS; ++a) {
    EXPECT_NE(ledger_account_label(static_cast<alloc::LedgerAccount>(a), false), "?");
  }
  for (int p = alloc::POSTING_KIND_DONATION; p <= alloc::POSTING_KIND_VOID; ++p) {
    EXPECT_NE(posting_kind_label(static_cast<alloc::PostingKind>(p), false), "?");
  }
}

alloc::Support house() {
  alloc::Support s;
  s.set_id(12);
  s.set_household_id(42);
  s.set_masked_name("Nguyễn V. A");
  s.set_unit_code("26734");
  s.set_kind(alloc::SUPPORT_KIND_NEW_HOUSE);
  s.set_state(alloc::SUPPORT_STATE_APPROVED);
  s.mutable_total()->set_dong(60'000'000);
  s.mutable_from_funds()->set_dong(30'000'000);
  auto* part = s.add_funding();
  part->set_source(alloc::FUNDING_SOURCE_DISTRICT_FUND);
  part->set_fund_id("fund-736");
  part->mutable_amount()->set_dong(30'000'000);
  return s;
}

TEST(VnnctlAllocationFormat, MoneyTheVietnameseWay) {
  const std::string vi = support_summary(house(), false);
  EXPECT_NE(vi.find("hỗ trợ số 12"), std::string::npos) << vi;
  EXPECT_NE(vi.find("Nguyễn V. A"), std::string::npos) << vi;
  EXPECT_NE(vi.find("Xây mới nhà: Đã duyệt"), std::string::npos) << vi;
  EXPECT_NE(vi.find("tổng 60.000.000 đ, từ Quỹ 30.000.000 đ"), std::string::npos) << vi;
  const std::string en = support_summary(house(), true);
  EXPECT_NE(en.find("new house: approved; total 60.000.000 đ"), std::string::npos) << en;
  std::ostringstream printed;
  print_support(printed, house(), false);
  EXPECT_NE(printed.str().find("Quỹ cấp huyện"), std::string::npos) << printed.str();
  EXPECT_NE(printed.str().find("fund-736"), std::string::npos) << printed.str();
}

TEST(VnnctlAllocationFormat, JsonKeepsProtoFieldNamesAndEnumNames) {
  const std::string json = to_json(house());
  EXPECT_NE(json.find("\"household_id\":\"42\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"kind\":\"SUPPORT_KIND_NEW_HOUSE\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"cancel_reason\":\"\""), std::string::npos) << json;  // every field
}

CommandRun run(const std::string& arguments) {
  return run_shell(std::string(VNN_VNNCTL_BINARY) + " --allocation-target 127.0.0.1:1 " +
                   arguments);
}

TEST(VnnctlAllocationCommands, EveryCommandHasHelpWithAnExample) {
  for (const char* command :
       {"regulation", "support propose", "support approve", "support preview-batch",
        "support approve-batch", "support disburse", "support complete", "support cancel",
        "support show", "support list", "fund balance", "fund balances", "fund ledger",
        "fund verify", "allocation totals"}) {
    const CommandRun help = run(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command << "\n" << help.output;
    EXPECT_NE(help.output.find("Example:\n  vnnctl " + std::string(command)), std::string::npos)
        << command << "\n"
        << help.output;
  }
  // The donation service's fund commands are still there beside the ledger's.
  const CommandRun fund = run("fund --help");
  EXPECT_NE(fund.output.find("create"), std::string::npos) << fund.output;
  EXPECT_NE(fund.output.find("ledger"), std::string::npos) << fund.output;
}

TEST(VnnctlAllocationCommands, WhatCannotBeSentIsRefusedBeforeAnyCall) {
  const CommandRun bad_part =
      run("support propose --campaign c --household 1 --kind new_house --part quỹ:100");
  EXPECT_NE(bad_part.exit_code, 0);
  EXPECT_NE(bad_part.output.find("nguồn «quỹ» không có"), std::string::npos) << bad_part.output;
  const CommandRun bad_kind =
      run("support propose --campaign c --household 1 --kind house --part household:100");
  EXPECT_NE(bad_kind.exit_code, 0);
  EXPECT_NE(bad_kind.output.find("loại hỗ trợ «house» không có"), std::string::npos)
      << bad_kind.output;
  const CommandRun bad_date = run("support disburse 12 --on 20/04/2024 --evidence BB-12");
  EXPECT_NE(bad_date.exit_code, 0);
  EXPECT_NE(bad_date.output.find("--on"), std::string::npos) << bad_date.output;
}

TEST(VnnctlAllocationCommands, AnUnreachableServiceIsACleanRefusal) {
  const CommandRun show = run("support show 12");
  EXPECT_EQ(show.exit_code, kExitUnavailable) << show.output;
  EXPECT_EQ(show.output.rfind("vnnctl: ", 0), 0u) << show.output;
}

}  // namespace
}  // namespace vnn::cli
