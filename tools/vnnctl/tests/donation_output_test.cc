// vnnctl's donation and household commands against stand-in services that answer with fixed
// figures: --json (one document, every page), the in-kind items and the reversal requests sent,
// an import streamed without a progress bar when standard error is no terminal, and refusals of
// either service read as the Vietnamese message, the field and the exit code for their kind.

#include <google/rpc/error_details.pb.h>
#include <google/rpc/status.pb.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>

#include "call_errors.h"
#include "stand_in_server.h"
#include "vnn/donation/v1/donation.grpc.pb.h"
#include "vnn/household_review/v1/household_review.grpc.pb.h"

namespace vnn::cli {
namespace {

namespace don = donation::v1;
namespace hr = household_review::v1;

// A refusal as the services send it (docs/errors.md): the reason, the field at fault and the
// Vietnamese message in the details.
grpc::Status refusal(grpc::StatusCode code, const std::string& reason, const std::string& field,
                     const std::string& english, const std::string& vietnamese) {
  google::rpc::Status details;
  details.set_code(code);
  details.set_message(english);
  google::rpc::ErrorInfo info;
  info.set_reason(reason);
  info.set_domain("vnn.test");
  details.add_details()->PackFrom(info);
  if (!field.empty()) {
    google::rpc::BadRequest bad;
    bad.add_field_violations()->set_field(field);
    details.add_details()->PackFrom(bad);
  }
  google::rpc::LocalizedMessage localized;
  localized.set_locale("vi-VN");
  localized.set_message(vietnamese);
  details.add_details()->PackFrom(localized);
  return grpc::Status(code, english, details.SerializeAsString());
}

don::Donation donation(std::int64_t id, std::int64_t dong) {
  don::Donation d;
  d.set_id(id);
  d.set_campaign_id("dot-1");
  d.set_fund_id("fund-736");
  d.set_channel(don::CHANNEL_CASH);
  d.mutable_amount()->set_dong(dong);
  d.mutable_donor()->set_name("Trần Thị Bích");
  d.mutable_receipt()->set_number(id);
  d.mutable_receipt()->set_year(2024);
  return d;
}

class DonationStandIn final : public don::DonationService::Service {
 public:
  grpc::Status RecordDonation(grpc::ServerContext*, const don::RecordDonationRequest* r,
                              don::Donation* out) override {
    std::lock_guard lock(mutex_);
    last_record_ = *r;
    *out = donation(57, r->amount().dong());
    out->set_channel(r->channel());
    *out->mutable_items() = r->items();
    return grpc::Status::OK;
  }

  // Two pages: --json must hold both.
  grpc::Status ListDonations(grpc::ServerContext*, const don::ListDonationsRequest* r,
                             don::ListDonationsResponse* out) override {
    if (r->page().page_token().empty()) {
      *out->add_donations() = donation(1, 500'000);
      out->mutable_page()->set_next_page_token("2");
    } else {
      *out->add_donations() = donation(2, 1'500'000);
    }
    return grpc::Status::OK;
  }

  grpc::Status RequestReversal(grpc::ServerContext*, const don::RequestReversalRequest* r,
                               don::ReversalRequest* out) override {
    if (r->donation_id() == 99) {
      return refusal(grpc::StatusCode::FAILED_PRECONDITION, "ALREADY_REVERSED", "donation_id",
                     "donation 99 is already reversed", "Khoản ủng hộ 99 đã được điều chỉnh.");
    }
    std::lock_guard lock(mutex_);
    last_reversal_ = *r;
    out->set_id(3);
    out->set_donation_id(r->donation_id());
    out->set_reason(r->reason());
    out->set_state(don::REVERSAL_STATE_PENDING);
    return grpc::Status::OK;
  }

  grpc::Status DecideReversal(grpc::ServerContext*, const don::DecideReversalRequest* r,
                              don::ReversalRequest* out) override {
    out->set_id(r->reversal_request_id());
    out->set_donation_id(57);
    out->set_state(r->approve() ? don::REVERSAL_STATE_APPROVED : don::REVERSAL_STATE_REJECTED);
    if (r->approve()) out->set_reversal_donation_id(58);
    out->set_note(r->note());
    return grpc::Status::OK;
  }

  grpc::Status ImportDonations(grpc::ServerContext*, grpc::ServerReader<don::ImportChunk>* reader,
                               don::ImportReport* out) override {
    don::ImportChunk chunk;
    std::size_t bytes = 0;
    while (reader->Read(&chunk)) bytes += chunk.csv().size();
    out->set_rows(2);
    out->set_recorded(2);
    out->mutable_recorded_amount()->set_dong(static_cast<std::int64_t>(bytes));
    out->set_donation_id(118);
    out->mutable_receipt()->set_number(41);
    out->mutable_receipt()->set_year(2024);
    return grpc::Status::OK;
  }

  grpc::Status GetCampaignTotals(grpc::ServerContext*, const don::GetCampaignTotalsRequest*,
                                 don::CampaignTotals*) override {
    return refusal(grpc::StatusCode::PERMISSION_DENIED, "NOT_IN_SCOPE", "",
                   "campaign outside your units", "Đợt vận động không thuộc đơn vị của bạn.");
  }

  grpc::Status CreateCampaign(grpc::ServerContext*, const don::CreateCampaignRequest* r,
                              don::Campaign* out) override {
    *out = r->campaign();
    return grpc::Status::OK;
  }

  grpc::Status GetReceipt(grpc::ServerContext*, const don::GetReceiptRequest* r,
                          don::Receipt* out) override {
    {
      std::lock_guard lock(mutex_);
      last_receipt_ = *r;
    }
    *out->mutable_ref() = r->receipt();
    out->set_donation_id(57);
    out->set_fund_name("Quỹ \"Vì người nghèo\" huyện Định Quán");
    out->mutable_amount()->set_dong(5'000'000);
    out->set_copy(r->reprint());
    out->set_copies_printed(r->reprint() ? 1 : 0);
    return grpc::Status::OK;
  }

  std::mutex mutex_;
  don::GetReceiptRequest last_receipt_;
  don::RecordDonationRequest last_record_;
  don::RequestReversalRequest last_reversal_;
};

class HouseholdStandIn final : public hr::HouseholdReviewService::Service {
 public:
  grpc::Status ListHouseholds(grpc::ServerContext*, const hr::ListHouseholdsRequest*,
                              hr::ListHouseholdsResponse* out) override {
    auto* h = out->add_households();
    h->set_id(41);
    h->set_household_code("HN-26242-001");
    h->set_unit_code("26242");
    h->mutable_head()->set_full_name("Nguyễn Văn Tám");
    h->set_poverty_status(hr::POVERTY_STATUS_POOR);
    return grpc::Status::OK;
  }

  grpc::Status ReviewHousehold(grpc::ServerContext*, const hr::ReviewHouseholdRequest*,
                               hr::Candidacy*) override {
    return refusal(grpc::StatusCode::INVALID_ARGUMENT, "", "reason",
                   "reason: required to return a household",
                   "Trường «reason»: cần ghi lý do khi trả lại hồ sơ.");
  }

  grpc::Status ImportHouseholds(grpc::ServerContext*,
                                grpc::ServerReader<hr::ImportHouseholdsChunk>* reader,
                                hr::ImportHouseholdsReport* out) override {
    hr::ImportHouseholdsChunk chunk;
    while (reader->Read(&chunk)) {
    }
    out->set_rows(3);
    out->set_households_created(1);
    return grpc::Status::OK;
  }

  grpc::Status ResubmitHousehold(grpc::ServerContext*, const hr::ResubmitHouseholdRequest* r,
                                 hr::Candidacy* out) override {
    out->set_household_id(r->household_id());
    out->set_unit_code("26242");
    out->set_masked_name("Lê T. Năm");
    out->set_state(hr::CANDIDACY_STATE_SUBMITTED);
    return grpc::Status::OK;
  }

  grpc::Status ListCandidacies(grpc::ServerContext*, const hr::ListCandidaciesRequest* r,
                               hr::ListCandidaciesResponse* out) override {
    auto* c = out->add_candidacies();
    c->set_household_id(45);
    c->set_submission_id(1);
    c->set_unit_code("26242");
    c->set_masked_name("Lê T. Năm");
    c->set_state(r->state());
    c->add_history()->set_reason("Thiếu biên bản bình xét của ấp");
    return grpc::Status::OK;
  }

  grpc::Status GetHousehold(grpc::ServerContext*, const hr::GetHouseholdRequest*,
                            hr::Household*) override {
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "household 404 not found");
  }
};

class VnnctlDonationOutput : public StandInServerTest<DonationStandIn> {
 protected:
  VnnctlDonationOutput() : StandInServerTest("--target") {}
};

class VnnctlHouseholdOutput : public StandInServerTest<HouseholdStandIn> {
 protected:
  VnnctlHouseholdOutput() : StandInServerTest("--household-target") {}
};

// A file of `bytes` bytes for an import.
std::string import_file(const std::string& name, std::size_t bytes) {
  const auto path =
      std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path) << std::string(bytes, 'x');
  return path.string();
}

TEST_F(VnnctlDonationOutput, RecordShowsTheReceiptAndTheDonationAndSendsInKindItems) {
  const CommandRun r =
      run("donation record --campaign dot-1 --fund fund-736 --channel in-kind --amount 7500000 "
          "--item 'Gạo|500|kg|7500000' --on 2024-02-12 --donor-kind organisation "
          "--donor-name 'Chùa Phước Lâm'");
  EXPECT_EQ(r.exit_code, kExitOk) << r.output;
  EXPECT_TRUE(has(r, "biên lai số 57/2024 — 7.500.000 đ")) << r.output;
  EXPECT_TRUE(has(r, "(khoản ủng hộ 57)")) << r.output;
  std::lock_guard lock(service_.mutex_);
  EXPECT_EQ(service_.last_record_.channel(), don::CHANNEL_IN_KIND);
  ASSERT_EQ(service_.last_record_.items_size(), 1);
  EXPECT_EQ(service_.last_record_.items(0).description(), "Gạo");
  EXPECT_EQ(service_.last_record_.items(0).quantity(), 500);
  EXPECT_EQ(service_.last_record_.items(0).assessed_value().dong(), 7'500'000);
}

TEST_F(VnnctlDonationOutput, CampaignTargetsPerUnitAreSentAndShown) {
  const std::string create =
      "campaign create --id dot-1 --name 'Đợt cao điểm' --unit 736 --from 2024-02-03 "
      "--to 2024-05-19 --fund fund-736 --lists-due 2024-02-22 --report-due 2024-05-19 "
      "--target 736:2.000.000.000:40 --target 26242:150000000";
  const CommandRun r = run(create);
  EXPECT_EQ(r.exit_code, kExitOk) << r.output;
  EXPECT_TRUE(has(r, "hạn gửi danh sách hộ: 22/02/2024")) << r.output;
  EXPECT_TRUE(has(r, "2.000.000.000 đ")) << r.output;
  EXPECT_TRUE(has(r, "150.000.000 đ")) << r.output;
  const CommandRun json = run(create + " --json");
  EXPECT_TRUE(
      has(json, "{\"unit_code\":\"736\",\"amount\":{\"dong\":\"2000000000\"},\"houses\":40}"))
      << json.output;
  const CommandRun bad =
      run("campaign create --id dot-1 --name x --unit 736 --from 2024-02-03 "
          "--to 2024-05-19 --fund fund-736 --target 26242:1,5tr");
  EXPECT_EQ(bad.exit_code, kExitUsage) << bad.output;
  EXPECT_TRUE(has(bad, "--target")) << bad.output;
}

TEST_F(VnnctlDonationOutput, AReceiptIsFoundByNumberAndAReprintIsMarkedACopy) {
  const CommandRun r = run("donation receipt --fund fund-736 41/2024 --reprint --request-id p-1");
  EXPECT_EQ(r.exit_code, kExitOk) << r.output;
  EXPECT_TRUE(has(r, "BIÊN LAI số 41/2024 — Quỹ \"Vì người nghèo\" huyện Định Quán (BẢN SAO)"))
      << r.output;
  EXPECT_TRUE(has(r, "số tiền: 5.000.000 đ")) << r.output;
  {
    std::lock_guard lock(service_.mutex_);
    EXPECT_EQ(service_.last_receipt_.receipt().fund_id(), "fund-736");
    EXPECT_EQ(service_.last_receipt_.receipt().number(), 41);
    EXPECT_EQ(service_.last_receipt_.receipt().year(), 2024);
    EXPECT_TRUE(service_.last_receipt_.reprint());
    EXPECT_EQ(service_.last_receipt_.request_id(), "p-1");
  }
  EXPECT_EQ(run("donation receipt --fund fund-736 41").exit_code, kExitUsage);
}

TEST_F(VnnctlDonationOutput, AnItemThatIsNotFourPartsIsAUsageError) {
  const CommandRun r =
      run("donation record --campaign dot-1 --fund fund-736 --channel in-kind --amount 1 "
          "--item 'Gạo|nhiều|kg|7500000' --on 2024-02-12");
  EXPECT_EQ(r.exit_code, kExitUsage) << r.output;
  EXPECT_TRUE(has(r, "--item")) << r.output;
}

TEST_F(VnnctlDonationOutput, JsonIsOneDocumentWithEveryPage) {
  const CommandRun r = run("donation list --campaign dot-1 --json");
  EXPECT_EQ(r.exit_code, kExitOk) << r.output;
  EXPECT_EQ(r.output.front(), '{') << r.output;
  EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << r.output;  // one line
  EXPECT_TRUE(has(r, "\"donations\":[")) << r.output;
  EXPECT_TRUE(has(r, "\"amount\":{\"dong\":\"1500000\"}")) << r.output;
  EXPECT_TRUE(has(r, "\"channel\":\"CHANNEL_CASH\"")) << r.output;
  const CommandRun table = run("donation list --campaign dot-1");
  EXPECT_TRUE(has(table, "2 bản ghi, tổng 2.000.000 đ")) << table.output;
}

TEST_F(VnnctlDonationOutput, ReverseAsksAndDecideApproves) {
  const CommandRun asked = run("donation reverse 57 --reason 'Ghi trùng' --request-id rv-1");
  EXPECT_EQ(asked.exit_code, kExitOk) << asked.output;
  EXPECT_TRUE(has(asked, "đề nghị điều chỉnh số 3 cho khoản ủng hộ 57: chờ phê duyệt"))
      << asked.output;
  {
    std::lock_guard lock(service_.mutex_);
    EXPECT_EQ(service_.last_reversal_.request_id(), "rv-1");
    EXPECT_EQ(service_.last_reversal_.reason(), "Ghi trùng");
  }
  const CommandRun approved = run("donation decide 3 approve --json");
  EXPECT_EQ(approved.exit_code, kExitOk) << approved.output;
  EXPECT_TRUE(has(approved, "\"state\":\"REVERSAL_STATE_APPROVED\"")) << approved.output;
  EXPECT_TRUE(has(approved, "\"reversal_donation_id\":\"58\"")) << approved.output;
  EXPECT_NE(run("donation decide 3 maybe").exit_code, kExitOk);
}

TEST_F(VnnctlDonationOutput, RefusalsShowTheVietnameseMessageTheFieldAndTheirExitCode) {
  const CommandRun twice = run("donation reverse 99 --reason x");
  EXPECT_EQ(twice.exit_code, kExitConflict) << twice.output;
  EXPECT_EQ(twice.output.rfind("vnnctl: Khoản ủng hộ 99 đã được điều chỉnh.", 0), 0u)
      << twice.output;
  EXPECT_TRUE(has(twice, "trường: donation_id")) << twice.output;
  EXPECT_TRUE(has(twice, "mã lỗi: ALREADY_REVERSED")) << twice.output;
  const CommandRun scope = run("totals --campaign dot-1 --json");
  EXPECT_EQ(scope.exit_code, kExitRefused) << scope.output;
  EXPECT_TRUE(has(scope, "Đợt vận động không thuộc đơn vị của bạn.")) << scope.output;
  EXPECT_FALSE(has(scope, "{")) << scope.output;  // nothing on standard output
}

TEST_F(VnnctlDonationOutput, ImportSendsTheWholeFileAndDrawsNoBarOffATerminal) {
  const std::string file = import_file("payroll", 200 * 1024);  // several chunks
  const CommandRun r =
      run("donation import --format payroll --campaign dot-1 --fund fund-736 "
          "--mobiliser phong-gd --on 2024-03-20 --list-ref 'Lương 3/2024' " +
          file);
  EXPECT_EQ(r.exit_code, kExitOk) << r.output;
  EXPECT_TRUE(has(r, "số dòng: 2, ghi nhận mới: 2")) << r.output;
  EXPECT_TRUE(has(r, "số tiền 204.800 đ")) << r.output;  // every byte arrived
  EXPECT_TRUE(has(r, "khoản ủng hộ 118")) << r.output;
  EXPECT_FALSE(has(r, "\r")) << r.output;
  EXPECT_FALSE(has(r, "đang nhập")) << r.output;
  const CommandRun json =
      run("donation import --format statement --fund fund-736 "
          "--account 5900201001234 --json " +
          file);
  EXPECT_EQ(json.exit_code, kExitOk) << json.output;
  EXPECT_TRUE(has(json, "\"donation_id\":\"118\"")) << json.output;
  std::filesystem::remove(file);
}

TEST_F(VnnctlHouseholdOutput, ListImportAndRefusalsOfTheHouseholdService) {
  const CommandRun list = run("household list --unit 26242 --json");
  EXPECT_EQ(list.exit_code, kExitOk) << list.output;
  EXPECT_TRUE(has(list, "\"household_code\":\"HN-26242-001\"")) << list.output;
  EXPECT_TRUE(has(list, "\"poverty_status\":\"POVERTY_STATUS_POOR\"")) << list.output;

  const std::string file = import_file("households", 1000);
  const CommandRun import = run("household import --unit 26242 --json --file " + file);
  EXPECT_EQ(import.exit_code, kExitOk) << import.output;
  EXPECT_TRUE(has(import, "\"households_created\":\"1\"")) << import.output;
  EXPECT_FALSE(has(import, "\r")) << import.output;
  std::filesystem::remove(file);

  const CommandRun review = run("household review --campaign dot-1 --id 41 return");
  EXPECT_EQ(review.exit_code, kExitInvalid) << review.output;
  EXPECT_TRUE(has(review, "vnnctl: Trường «reason»: cần ghi lý do khi trả lại hồ sơ."))
      << review.output;
  EXPECT_TRUE(has(review, "trường: reason")) << review.output;
  const CommandRun resubmitted =
      run("household resubmit --campaign dot-1 --id 45 --note 'Đã bổ sung biên bản'");
  EXPECT_EQ(resubmitted.exit_code, kExitOk) << resubmitted.output;
  EXPECT_TRUE(has(resubmitted, "hộ 45 — Lê T. Năm — 26242: Đã nộp")) << resubmitted.output;
  const CommandRun returned = run("household candidacies --campaign dot-1 --state returned");
  EXPECT_EQ(returned.exit_code, kExitOk) << returned.output;
  EXPECT_TRUE(has(returned, "Trả lại")) << returned.output;
  EXPECT_TRUE(has(returned, "Thiếu biên bản bình xét của ấp")) << returned.output;

  const CommandRun missing = run("household get 404");
  EXPECT_EQ(missing.exit_code, kExitNotFound) << missing.output;
}

}  // namespace
}  // namespace vnn::cli
