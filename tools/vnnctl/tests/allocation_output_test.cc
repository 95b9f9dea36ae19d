// vnnctl's allocation commands against a stand-in allocation service that answers with fixed
// figures: the tables officers read, --json, the batch approval that approves only what its
// preview listed, the ledger's running balance, the verification's exit code, paging, and a
// refusal's Vietnamese message and field.

#include <google/rpc/error_details.pb.h>
#include <google/rpc/status.pb.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "call_errors.h"
#include "stand_in_server.h"
#include "vnn/allocation/v1/allocation.grpc.pb.h"

namespace vnn::cli {
namespace {

namespace alloc = allocation::v1;

void money(vnn::common::v1::Money* out, std::int64_t dong) { out->set_dong(dong); }

alloc::Support support(std::int64_t id, alloc::SupportState state) {
  alloc::Support s;
  s.set_id(id);
  s.set_campaign_id("vd-2024");
  s.set_household_id(40 + id);
  s.set_unit_code("26734");
  s.set_masked_name("Nguyễn V. A");
  s.set_kind(alloc::SUPPORT_KIND_NEW_HOUSE);
  s.set_state(state);
  money(s.mutable_total(), 60'000'000);
  money(s.mutable_from_funds(), 30'000'000);
  auto* fund = s.add_funding();
  fund->set_source(alloc::FUNDING_SOURCE_DISTRICT_FUND);
  fund->set_fund_id("fund-736");
  money(fund->mutable_amount(), 30'000'000);
  auto* sponsor = s.add_funding();
  sponsor->set_source(alloc::FUNDING_SOURCE_SPONSOR);
  sponsor->set_sponsor("Công ty Sữa Việt Nam");
  money(sponsor->mutable_amount(), 30'000'000);
  return s;
}

void add_fund_need(alloc::BatchPreview* preview, std::int64_t needed, std::int64_t available) {
  auto* f = preview->add_funds();
  f->set_fund_id("fund-736");
  money(f->mutable_needed(), needed);
  money(f->mutable_available(), available);
  if (needed > available) money(f->mutable_shortfall(), needed - available);
}

class StandIn final : public alloc::AllocationService::Service {
 public:
  grpc::Status GetRegulation(grpc::ServerContext*, const alloc::GetRegulationRequest* r,
                             alloc::Regulation* out) override {
    out->set_version("DQ-2024-01");
    out->set_title("Quy chế vận động, quản lý và sử dụng Quỹ");
    out->mutable_effective_from()->set_year(r->as_of().year() != 0 ? r->as_of().year() : 2024);
    out->mutable_effective_from()->set_month(1);
    out->mutable_effective_from()->set_day(1);
    auto* norm = out->add_norms();
    norm->set_kind(alloc::SUPPORT_KIND_NEW_HOUSE);
    norm->set_name_vi("Xây mới nhà");
    money(norm->mutable_max_per_household(), 50'000'000);
    norm->set_max_per_campaign(1);
    norm->set_once_in_years(10);
    norm->add_sources(alloc::FUNDING_SOURCE_DISTRICT_FUND);
    norm->add_sources(alloc::FUNDING_SOURCE_SPONSOR);
    norm->add_poverty_statuses("poor");
    norm->add_housing("temporary");
    norm->set_requires_land_use_certificate(true);
    auto* card = out->add_norms();
    card->set_kind(alloc::SUPPORT_KIND_HEALTH_INSURANCE);
    card->set_name_vi("Thẻ bảo hiểm y tế");
    return grpc::Status::OK;
  }

  grpc::Status ProposeSupport(grpc::ServerContext*, const alloc::ProposeSupportRequest* r,
                              alloc::Support* out) override {
    if (r->funding_size() > 0 && r->funding(0).fund_id() == "no-such-fund") {
      google::rpc::Status details;
      details.set_code(grpc::StatusCode::INVALID_ARGUMENT);
      details.set_message("funding[0].fund_id: no such fund");
      google::rpc::BadRequest bad;
      auto* violation = bad.add_field_violations();
      violation->set_field("funding[0].fund_id");
      violation->set_description("no such fund");
      details.add_details()->PackFrom(bad);
      google::rpc::LocalizedMessage vietnamese;
      vietnamese.set_locale("vi-VN");
      vietnamese.set_message("Không có quỹ «no-such-fund».");
      details.add_details()->PackFrom(vietnamese);
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, details.message(),
                          details.SerializeAsString());
    }
    std::lock_guard lock(mutex_);
    last_propose_ = *r;
    *out = support(12, alloc::SUPPORT_STATE_PROPOSED);
    return grpc::Status::OK;
  }

  grpc::Status GetSupport(grpc::ServerContext*, const alloc::GetSupportRequest* r,
                          alloc::Support* out) override {
    *out = support(r->support_id(), alloc::SUPPORT_STATE_DISBURSED);
    money(out->mutable_disbursed(), 25'000'000);
    money(out->mutable_funding(0)->mutable_disbursed(), 25'000'000);
    out->mutable_disbursed_on()->set_year(2024);
    out->mutable_disbursed_on()->set_month(4);
    out->mutable_disbursed_on()->set_day(20);
    out->set_disbursement_evidence("Biên bản bàn giao số 12/BB-MTTQ");
    auto* proposed = out->add_history();
    proposed->set_to(alloc::SUPPORT_STATE_PROPOSED);
    proposed->set_by("can-bo-xa");
    auto* approved = out->add_history();
    approved->set_from(alloc::SUPPORT_STATE_PROPOSED);
    approved->set_to(alloc::SUPPORT_STATE_APPROVED);
    approved->set_by("can-bo-huyen");
    approved->set_note("Theo biên bản họp 05/BB-BTT");
    return grpc::Status::OK;
  }

  grpc::Status ListSupports(grpc::ServerContext*, const alloc::ListSupportsRequest* r,
                            alloc::ListSupportsResponse* out) override {
    // Two pages of one support each.
    if (r->page().page_token().empty()) {
      *out->add_supports() = support(12, alloc::SUPPORT_STATE_APPROVED);
      out->mutable_page()->set_next_page_token("after-12");
    } else {
      *out->add_supports() = support(13, alloc::SUPPORT_STATE_PROPOSED);
    }
    return grpc::Status::OK;
  }

  grpc::Status PreviewBatchApproval(grpc::ServerContext*,
                                    const alloc::PreviewBatchApprovalRequest* r,
                                    alloc::BatchPreview* out) override {
    out->set_campaign_id(r->campaign_id());
    out->set_unit_code(r->unit_code());
    out->add_support_ids(12);
    out->add_support_ids(13);
    out->add_own_proposals(14);
    const bool short_of_money = r->unit_code() == "short";
    add_fund_need(out, 60'000'000, short_of_money ? 40'000'000 : 80'000'000);
    money(out->mutable_needed(), 60'000'000);
    out->set_fits(!short_of_money);
    return grpc::Status::OK;
  }

  grpc::Status ApproveBatch(grpc::ServerContext*, const alloc::ApproveBatchRequest* r,
                            alloc::ApproveBatchResponse* out) override {
    std::lock_guard lock(mutex_);
    ++batches_;
    last_batch_ = *r;
    for (auto id : r->support_ids())
      *out->add_approved() = support(id, alloc::SUPPORT_STATE_APPROVED);
    return grpc::Status::OK;
  }

  grpc::Status ListLedgerPostings(grpc::ServerContext*, const alloc::ListLedgerPostingsRequest*,
                                  alloc::ListLedgerPostingsResponse* out) override {
    auto add = [&](std::int64_t id, alloc::PostingKind kind, const std::string& reference,
                   alloc::LedgerAccount debit, alloc::LedgerAccount credit, std::int64_t dong) {
      auto* p = out->add_postings();
      p->set_id(id);
      p->set_fund_id("fund-736");
      p->set_kind(kind);
      p->set_reference(reference);
      p->mutable_posted_at()->set_seconds(1'709'254'800);  // 01/03/2024 08:00 in Vietnam
      auto* d = p->add_entries();
      d->set_account(debit);
      d->set_amount_dong(dong);
      auto* c = p->add_entries();
      c->set_account(credit);
      c->set_amount_dong(-dong);
    };
    add(1, alloc::POSTING_KIND_DONATION, "donation 123", alloc::LEDGER_ACCOUNT_AVAILABLE,
        alloc::LEDGER_ACCOUNT_DONATIONS, 100'000'000);
    add(2, alloc::POSTING_KIND_RESERVE, "support 12", alloc::LEDGER_ACCOUNT_RESERVED,
        alloc::LEDGER_ACCOUNT_AVAILABLE, 30'000'000);
    return grpc::Status::OK;
  }

  grpc::Status VerifyLedger(grpc::ServerContext*, const alloc::VerifyLedgerRequest* r,
                            alloc::LedgerVerification* out) override {
    out->set_fund_id(r->fund_id());
    out->set_balanced(true);
    out->set_postings(2);
    money(out->mutable_from_entries()->mutable_available(), 70'000'000);
    money(out->mutable_recorded()->mutable_available(),
          r->fund_id() == "fund-bad" ? 75'000'000 : 70'000'000);
    out->set_matches(r->fund_id() != "fund-bad");
    return grpc::Status::OK;
  }

  std::mutex mutex_;
  int batches_ = 0;
  alloc::ApproveBatchRequest last_batch_;
  alloc::ProposeSupportRequest last_propose_;
};

class VnnctlAllocationOutput : public StandInServerTest<StandIn> {
 protected:
  VnnctlAllocationOutput() : StandInServerTest("--allocation-target") {}
};

TEST_F(VnnctlAllocationOutput, RegulationNormsInVietnamese) {
  const CommandRun r = run("regulation --as-of 2024-03-01");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const char* text : {"Quy chế DQ-2024-01", "hiệu lực từ ngày 01/01/2024", "Xây mới nhà",
                           "50.000.000 đ", "Quỹ cấp huyện, Nhà hảo tâm, doanh nghiệp", "Hộ nghèo",
                           "Nhà tạm", "Thẻ bảo hiểm y tế", "không giới hạn"}) {
    EXPECT_TRUE(has(r, text)) << text << "\n" << r.output;
  }
  const CommandRun en = run("--lang en regulation");
  EXPECT_TRUE(has(en, "Ceiling per household")) << en.output;
  EXPECT_TRUE(has(en, "no ceiling")) << en.output;
}

TEST_F(VnnctlAllocationOutput, ProposeSendsThePartsAndARequestIdAndShowsTheSupport) {
  const CommandRun r = run(
      "support propose --campaign vd-2024 --household 52 --kind new_house "
      "--part district_fund:30.000.000:fund-736 --part 'sponsor:30000000::Công ty Sữa Việt Nam' "
      "--land-certificate 'CS 01234' --proposed-on 2024-03-01 --request-id r-1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(has(r, "hỗ trợ số 12 — hộ 52 (Nguyễn V. A) — 26734 — Xây mới nhà: Đề xuất"))
      << r.output;
  EXPECT_TRUE(has(r, "tổng 60.000.000 đ, từ Quỹ 30.000.000 đ")) << r.output;
  EXPECT_TRUE(has(r, "Công ty Sữa Việt Nam")) << r.output;
  std::lock_guard lock(service_.mutex_);
  const auto& sent = service_.last_propose_;
  EXPECT_EQ(sent.request_id(), "r-1");
  EXPECT_EQ(sent.household_id(), 52);
  EXPECT_EQ(sent.kind(), alloc::SUPPORT_KIND_NEW_HOUSE);
  ASSERT_EQ(sent.funding_size(), 2);
  EXPECT_EQ(sent.funding(0).fund_id(), "fund-736");
  EXPECT_EQ(sent.funding(1).sponsor(), "Công ty Sữa Việt Nam");
  EXPECT_EQ(sent.land_use_certificate(), "CS 01234");
  EXPECT_EQ(sent.proposed_on().day(), 1);
}

TEST_F(VnnctlAllocationOutput, WithoutARequestIdEachCallGetsANewOne) {
  ASSERT_EQ(run("support propose --campaign c --household 1 --kind bicycle --part "
                "household:1000000")
                .exit_code,
            0);
  std::string first;
  {
    std::lock_guard lock(service_.mutex_);
    first = service_.last_propose_.request_id();
  }
  EXPECT_EQ(first.size(), 36u) << first;  // a UUID
  ASSERT_EQ(run("support propose --campaign c --household 1 --kind bicycle --part "
                "household:1000000")
                .exit_code,
            0);
  std::lock_guard lock(service_.mutex_);
  EXPECT_NE(service_.last_propose_.request_id(), first);
}

TEST_F(VnnctlAllocationOutput, ARefusalShowsTheVietnameseMessageAndTheField) {
  const CommandRun r =
      run("support propose --campaign c --household 1 --kind new_house --part "
          "district_fund:1000:no-such-fund");
  EXPECT_EQ(r.exit_code, kExitInvalid) << r.output;
  EXPECT_TRUE(has(r, "vnnctl: Không có quỹ «no-such-fund».")) << r.output;
  EXPECT_TRUE(has(r, "trường: funding[0].fund_id")) << r.output;
}

TEST_F(VnnctlAllocationOutput, ShowHasThePartsAndTheHistory) {
  const CommandRun r = run("support show 12");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const char* text :
       {"Đã trao", "20/04/2024 — Biên bản bàn giao số 12/BB-MTTQ", "25.000.000 đ", "can-bo-huyen",
        "Theo biên bản họp 05/BB-BTT", "Đề xuất", "Đã duyệt"}) {
    EXPECT_TRUE(has(r, text)) << text << "\n" << r.output;
  }
}

TEST_F(VnnctlAllocationOutput, ListShowsOnePageOrAll) {
  const CommandRun first = run("support list --campaign vd-2024");
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_TRUE(has(first, "1 hỗ trợ, tổng 60.000.000 đ")) << first.output;
  EXPECT_TRUE(has(first, "--page-token after-12")) << first.output;
  const CommandRun all = run("support list --campaign vd-2024 --all");
  EXPECT_TRUE(has(all, "2 hỗ trợ, tổng 120.000.000 đ")) << all.output;
  EXPECT_FALSE(has(all, "after-12")) << all.output;
  const CommandRun json = run("support list --all --json");
  EXPECT_EQ(json.output.rfind("{\"supports\":[", 0), 0u) << json.output;
  EXPECT_TRUE(has(json, "\"id\":\"13\"")) << json.output;
}

TEST_F(VnnctlAllocationOutput, ApproveBatchApprovesExactlyWhatThePreviewListed) {
  const CommandRun r = run("support approve-batch --campaign vd-2024 --unit 26734 --ids 13 12");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(has(r, "2 hỗ trợ đề xuất chờ duyệt, cần 60.000.000 đ từ Quỹ")) << r.output;
  EXPECT_TRUE(has(r, "do bạn đề xuất (cần cán bộ khác duyệt): 14")) << r.output;
  EXPECT_TRUE(has(r, "đã duyệt: 2 hỗ trợ")) << r.output;
  std::lock_guard lock(service_.mutex_);
  EXPECT_EQ(service_.batches_, 1);
  ASSERT_EQ(service_.last_batch_.support_ids_size(), 2);
  EXPECT_EQ(service_.last_batch_.support_ids(0), 12);
  EXPECT_EQ(service_.last_batch_.support_ids(1), 13);
  EXPECT_FALSE(service_.last_batch_.request_id().empty());
}

TEST_F(VnnctlAllocationOutput, ApproveBatchRefusesAChangedListOrAShortfallWithoutApproving) {
  const CommandRun changed = run("support approve-batch --campaign vd-2024 --unit 26734 --ids 12");
  EXPECT_EQ(changed.exit_code, kExitConflict) << changed.output;
  EXPECT_TRUE(has(changed, "không còn như --ids (12)")) << changed.output;
  const CommandRun short_of_money = run("support approve-batch --campaign vd-2024 --unit short");
  EXPECT_EQ(short_of_money.exit_code, kExitConflict) << short_of_money.output;
  EXPECT_TRUE(has(short_of_money, "KHÔNG ĐỦ: các Quỹ còn thiếu 20.000.000 đ"))
      << short_of_money.output;
  EXPECT_TRUE(has(short_of_money, "không duyệt: Quỹ không đủ")) << short_of_money.output;
  std::lock_guard lock(service_.mutex_);
  EXPECT_EQ(service_.batches_, 0);
}

TEST_F(VnnctlAllocationOutput, LedgerShowsDebitsCreditsAndTheAvailableBalance) {
  const CommandRun r = run("fund ledger fund-736");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const char* text :
       {"Nhận ủng hộ", "donation 123", "01/03/2024 08:00", "Tiền khả dụng", "Tiền ủng hộ",
        "Tạm giữ (duyệt)", "100.000.000 đ", "70.000.000 đ", "2 bút toán"}) {
    EXPECT_TRUE(has(r, text)) << text << "\n" << r.output;
  }
  EXPECT_FALSE(has(r, "-100.000.000") || has(r, "-30.000.000"))
      << "credits are shown in the Có column, not negative\n"
      << r.output;
}

TEST_F(VnnctlAllocationOutput, VerifyExitsOneWhenTheBalanceRowDiffers) {
  const CommandRun good = run("fund verify fund-736");
  EXPECT_EQ(good.exit_code, 0) << good.output;
  EXPECT_TRUE(has(good, "số dư đã ghi khớp với các bút toán")) << good.output;
  const CommandRun bad = run("fund verify fund-bad");
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_TRUE(has(bad, "KHÔNG KHỚP")) << bad.output;
  EXPECT_EQ(run("fund verify fund-bad --json").exit_code, 1);
}

TEST_F(VnnctlAllocationOutput, MethodsTheServiceLacksReadAsUnimplemented) {
  const CommandRun r = run("allocation totals --campaign vd-2024");
  EXPECT_EQ(r.exit_code, kExitUnsupported) << r.output;
  EXPECT_TRUE(has(r, "vnnctl: Dịch vụ ở địa chỉ này chưa hỗ trợ thao tác này.")) << r.output;
  EXPECT_TRUE(has(r, "UNIMPLEMENTED")) << r.output;
}

}  // namespace
}  // namespace vnn::cli
