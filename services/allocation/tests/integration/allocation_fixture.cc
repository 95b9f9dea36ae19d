#include "allocation_fixture.h"

#include <random>
#include <thread>

#include "vnn/platform/date.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;
namespace dv1 = donation::v1;
namespace hv1 = household_review::v1;

// Heads of households: distinct names, so that no two look like one family registered twice.
const char* const kFamilies[] = {"Nguyễn", "Trần", "Lê",   "Phạm", "Hoàng", "Huỳnh", "Phan",
                                 "Vũ",     "Võ",   "Đặng", "Bùi",  "Đỗ",    "Hồ",    "Ngô"};
const char* const kMiddles[] = {"Văn", "Thị", "Hữu", "Minh", "Đức", "Ngọc", "Thanh"};
const char* const kGivens[] = {"An",  "Bình", "Cường", "Dũng",  "Hà",   "Hải",  "Hùng",
                               "Lan", "Linh", "Mai",   "Nam",   "Nga",  "Phúc", "Quang",
                               "Sơn", "Tâm",  "Thảo",  "Trang", "Tuấn", "Việt", "Xuân"};

}  // namespace

void AllocationFixture::SetUp() {
  const auto& stack = TestStack::get();
  const auto& tokens = test_tokens();
  suffix_ = unique_name("a");

  // Household review trusts the officers' key and both services' own keys.
  auto household_env = stack.service_env("vnn_household_review");
  household_env.insert({{"VNN_JWT_KEYS", tokens.all_verification_keys()},
                        {"VNN_CITIZEN_ID_HASH_KEY_FILE", write_secret_file("vnn_citizen_key")},
                        {"VNN_PERSONAL_DATA_KEY_FILE", write_secret_file("vnn_personal_key")},
                        {"VNN_PAGE_TOKEN_KEY_FILE", write_secret_file("vnn_page_key")}});
  household_review_ = std::make_unique<ServiceProcess>(
      VNN_HOUSEHOLD_REVIEW_BINARY, std::vector<std::string>{}, std::move(household_env));
  const std::string household_target =
      "127.0.0.1:" + std::to_string(household_review_->wait_for_port());

  auto donation_env = stack.service_env("vnn_donation");
  // Donation and allocation also trust the reporting service's key (its reconciliation).
  donation_env.insert({{"VNN_JWT_KEYS", tokens.reporting_trust_spec()},
                       {"VNN_DONOR_ID_HASH_KEY_FILE", write_secret_file("vnn_donor_key")},
                       {"VNN_PAGE_TOKEN_KEY_FILE", write_secret_file("vnn_page_key")},
                       {"VNN_JWT_SIGNING_KEY", tokens.service_key_spec()},
                       {"VNN_HOUSEHOLD_REVIEW_TARGET", household_target}});
  donation_ = std::make_unique<ServiceProcess>(VNN_DONATION_BINARY, std::vector<std::string>{},
                                               std::move(donation_env));
  donation_->wait_for_port();

  auto env = stack.service_env("vnn_allocation");
  env.insert({{"VNN_JWT_KEYS", tokens.reporting_trust_spec()},
              {"VNN_JWT_SIGNING_KEY", tokens.allocation_key_spec()},
              {"VNN_PAGE_TOKEN_KEY_FILE", write_secret_file("vnn_page_key")},
              {"VNN_HOUSEHOLD_REVIEW_TARGET", household_target}});
  for (const auto& [name, value] : service_env_) env[name] = value;
  allocation_ = std::make_unique<ServiceProcess>(VNN_ALLOCATION_BINARY, std::vector<std::string>{},
                                                 std::move(env));
  allocation_->wait_for_port();

  stub_ = av1::AllocationService::NewStub(allocation_->channel());
  donations_ = dv1::DonationService::NewStub(donation_->channel());
  households_ = hv1::HouseholdReviewService::NewStub(household_review_->channel());

  auto fund = [&](const std::string& unit, const std::string& name) {
    const std::string id = "fund-" + unit + "-" + suffix_;
    dv1::CreateFundRequest request;
    request.set_request_id("fund-" + id);
    request.set_id(id);
    request.set_unit_code(unit);
    platform::to_proto(platform::Date{2024, 2, 3}, request.mutable_unit_valid_on());
    request.set_name(name);
    dv1::Fund out;
    auto status = donations_->CreateFund(client_context(district()).get(), request, &out);
    ASSERT_TRUE(status.ok()) << status.error_message();
    funds_[unit] = id;
  };
  fund(kDistrict, "Quỹ \"Vì người nghèo\" huyện Định Quán");
  fund(kPhuTuc, "Quỹ \"Vì người nghèo\" xã Phú Túc");
  fund(kPhuCuong, "Quỹ \"Vì người nghèo\" xã Phú Cường");
  campaign_ = add_campaign();
}

av1::FundingSource AllocationFixture::source_of(const std::string& fund_id) const {
  return fund_id == district_fund() ? av1::FUNDING_SOURCE_DISTRICT_FUND
                                    : av1::FUNDING_SOURCE_COMMUNE_FUND;
}

platform::Date AllocationFixture::days_from_today(int days) {
  return platform::Date::in_vietnam(std::chrono::system_clock::now() +
                                    std::chrono::hours(24) * days);
}

std::string AllocationFixture::add_campaign(std::optional<platform::Date> lists_due,
                                            std::optional<platform::Date> results_due) {
  const std::string id = "dot-" + suffix_ + "-" + std::to_string(++campaigns_);
  dv1::CreateCampaignRequest request;
  request.set_request_id("campaign-" + id);
  auto* c = request.mutable_campaign();
  c->set_id(id);
  c->set_name("Đợt cao điểm vận động Quỹ \"Vì người nghèo\"");
  c->set_unit_code(kDistrict);
  // Dates in 2024 keep the pre-2025 communes valid; lists are due next month.
  platform::to_proto(platform::Date{2024, 2, 3}, c->mutable_starts_on());
  platform::to_proto(days_from_today(90), c->mutable_ends_on());
  for (const auto& [unit, fund] : funds_) c->add_fund_ids(fund);
  auto* lists = c->add_milestones();
  lists->set_kind(dv1::MILESTONE_KIND_HOUSEHOLD_LISTS_DUE);
  platform::to_proto(lists_due.value_or(days_from_today(30)), lists->mutable_due_on());
  if (results_due) {
    auto* results = c->add_milestones();
    results->set_kind(dv1::MILESTONE_KIND_RESULTS_REPORT_DUE);
    platform::to_proto(*results_due, results->mutable_due_on());
  }
  dv1::Campaign out;
  auto status = donations_->CreateCampaign(client_context(district()).get(), request, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  wait_for_campaign(id);
  return id;
}

void AllocationFixture::wait_for_campaign(const std::string& campaign) {
  // Both services learn it from the donation service's stream.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    const bool household =
        household_scalar("SELECT count(*) FROM campaign WHERE id = '" + campaign + "'") == "1";
    const bool allocation =
        scalar("SELECT count(*) FROM campaign WHERE campaign_id = '" + campaign + "'") == "1";
    if (household && allocation) return;
    if (std::chrono::steady_clock::now() > until) {
      ADD_FAILURE() << "campaign " << campaign << " did not arrive (household review: " << household
                    << ", allocation: " << allocation << ")";
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

dv1::Donation AllocationFixture::donate(const std::string& fund_id, std::int64_t dong,
                                        const std::string& campaign) {
  dv1::RecordDonationRequest r;
  r.set_request_id(request_id("donation"));
  r.set_campaign_id(campaign.empty() ? campaign_ : campaign);
  r.set_fund_id(fund_id);
  r.mutable_donor()->set_kind(dv1::DONOR_KIND_INDIVIDUAL);
  r.mutable_donor()->set_name("Nguyễn Văn An");
  r.set_channel(dv1::CHANNEL_CASH);
  r.mutable_amount()->set_dong(dong);
  platform::to_proto(platform::Date{2024, 3, 1}, r.mutable_received_on());
  dv1::Donation out;
  auto status = donations_->RecordDonation(client_context(district()).get(), r, &out);
  EXPECT_TRUE(status.ok()) << "donation of " << dong << " into " << fund_id << ": "
                           << status.error_message();
  if (!status.ok()) return {};
  return out;
}

grpc::Status AllocationFixture::reverse(std::int64_t donation_id, dv1::Donation* reversal) {
  dv1::RequestReversalRequest asked;
  asked.set_request_id(request_id("reversal"));
  asked.set_donation_id(donation_id);
  asked.set_reason("Ghi nhầm số tiền");
  dv1::ReversalRequest pending;
  auto status = donations_->RequestReversal(client_context(district()).get(), asked, &pending);
  if (!status.ok()) return status;
  dv1::DecideReversalRequest decide;
  decide.set_request_id("approve-" + asked.request_id());
  decide.set_reversal_request_id(pending.id());
  decide.set_approve(true);
  dv1::ReversalRequest decided;
  status = donations_->DecideReversal(client_context(district("checker")).get(), decide, &decided);
  if (!status.ok() || !reversal) return status;
  dv1::GetDonationRequest get;
  get.set_id(decided.reversal_donation_id());
  return donations_->GetDonation(client_context(district()).get(), get, reversal);
}

std::vector<std::int64_t> AllocationFixture::approved_households(const std::string& unit, int n,
                                                                 const std::string& campaign_id) {
  const std::string campaign = campaign_id.empty() ? campaign_ : campaign_id;
  // Citizen ids unique across the tests of this process (and, by the random base, of runs).
  static std::mt19937 random{std::random_device{}()};
  static const unsigned base = random() % 500000;
  static std::atomic<unsigned> serial{0};

  std::vector<std::int64_t> ids;
  for (int i = 0; i < n; ++i) {
    const int k = households_made_++;
    const int birth_year = 1940 + k % 50;
    const bool female = k % 2 == 1;
    hv1::Household h;
    h.set_household_code("HN-" + std::to_string(k) + "-" + suffix_);
    h.set_unit_code(unit);
    h.set_hamlet("Ấp " + suffix_ + "-" + std::to_string(k));
    h.set_address("Tổ 3, " + h.hamlet());
    h.set_poverty_status(hv1::POVERTY_STATUS_POOR);
    h.set_poverty_standard("2022-2025");
    h.set_classified_year(2023);
    h.set_housing(hv1::HOUSING_TEMPORARY);
    h.mutable_head()->set_full_name(std::string(kFamilies[k % 14]) + " " + kMiddles[(k / 14) % 7] +
                                    " " + kGivens[(k / 98) % 21]);
    h.mutable_head()->set_birth_year(birth_year);
    char citizen[16];
    std::snprintf(citizen, sizeof citizen, "075%d%02d%06u", female ? 1 : 0, birth_year % 100,
                  (base + serial++) % 1000000);
    h.mutable_head()->set_citizen_id(citizen);

    hv1::RegisterHouseholdRequest request;
    request.set_request_id(request_id("register"));
    *request.mutable_household() = h;
    hv1::Household out;
    auto status =
        households_->RegisterHousehold(client_context(commune(unit)).get(), request, &out);
    EXPECT_TRUE(status.ok()) << "registering " << h.household_code() << ": "
                             << status.error_message();
    if (!status.ok()) return {};
    ids.push_back(out.id());
    std::lock_guard lock(mutex_);
    household_units_[out.id()] = unit;
  }

  hv1::SubmitListRequest submit;
  submit.set_request_id(request_id("submit"));
  submit.set_campaign_id(campaign);
  submit.set_unit_code(unit);
  submit.set_proposal_reference("15/TTr-MTTQ");
  for (auto id : ids) submit.add_household_ids(id);
  hv1::Submission submission;
  auto status = households_->SubmitList(client_context(commune(unit)).get(), submit, &submission);
  EXPECT_TRUE(status.ok()) << "list of " << unit << ": " << status.error_message();
  if (!status.ok()) return {};

  const std::string checker = district();
  for (auto id : ids) {
    hv1::ReviewHouseholdRequest review;
    review.set_request_id(request_id("review"));
    review.set_campaign_id(campaign);
    review.set_household_id(id);
    review.set_decision(hv1::REVIEW_DECISION_APPROVE);
    hv1::Candidacy candidacy;
    status = households_->ReviewHousehold(client_context(checker).get(), review, &candidacy);
    EXPECT_TRUE(status.ok()) << "approving household " << id << ": " << status.error_message();
    if (!status.ok()) return {};
  }
  return ids;
}

std::string AllocationFixture::unit_of(std::int64_t household_id) const {
  std::lock_guard lock(mutex_);
  const auto found = household_units_.find(household_id);
  return found == household_units_.end() ? std::string() : found->second;
}

av1::ProposeSupportRequest AllocationFixture::support_request(std::int64_t household_id,
                                                              SupportKind kind,
                                                              const std::string& fund_id,
                                                              std::int64_t dong,
                                                              const std::string& campaign) {
  av1::ProposeSupportRequest r;
  r.set_request_id(request_id("propose"));
  r.set_campaign_id(campaign.empty() ? campaign_ : campaign);
  r.set_household_id(household_id);
  r.set_kind(kind);
  auto* part = r.add_funding();
  part->set_source(source_of(fund_id));
  part->set_fund_id(fund_id);
  part->mutable_amount()->set_dong(dong);
  if (kind == av1::SUPPORT_KIND_HOUSE_REPAIR || kind == av1::SUPPORT_KIND_NEW_HOUSE) {
    r.set_land_use_certificate("CS-" + std::to_string(household_id));
  }
  r.set_note("Đề xuất của Ban Công tác Mặt trận");
  return r;
}

grpc::Status AllocationFixture::propose(const av1::ProposeSupportRequest& request, Support* out,
                                        const std::string& bearer) {
  std::string maker = bearer;
  if (maker.empty()) {
    const auto unit = unit_of(request.household_id());
    maker = unit.empty() ? district("de-xuat") : commune(unit);
  }
  Support ignored;
  Support* answer = out ? out : &ignored;
  auto status = stub_->ProposeSupport(client_context(maker).get(), request, answer);
  if (status.ok()) {
    bool from_district = false;
    for (const auto& part : request.funding()) {
      from_district |= part.source() == av1::FUNDING_SOURCE_DISTRICT_FUND;
    }
    const auto unit = unit_of(request.household_id());
    std::lock_guard lock(mutex_);
    checkers_[answer->id()] =
        from_district || unit.empty() ? district("checker") : commune(unit, "checker");
  }
  return status;
}

std::string AllocationFixture::checker_for(std::int64_t support_id) const {
  std::lock_guard lock(mutex_);
  const auto found = checkers_.find(support_id);
  return found == checkers_.end() ? district("checker") : found->second;
}

grpc::Status AllocationFixture::approve(std::int64_t support_id, Support* out,
                                        const std::string& bearer) {
  av1::ApproveSupportRequest r;
  r.set_request_id(request_id("approve"));
  r.set_support_id(support_id);
  r.set_note("Đồng ý");
  Support ignored;
  return stub_->ApproveSupport(
      client_context(bearer.empty() ? checker_for(support_id) : bearer).get(), r,
      out ? out : &ignored);
}

grpc::Status AllocationFixture::disburse(std::int64_t support_id, Support* out,
                                         const std::map<std::string, std::int64_t>& partial,
                                         const std::string& bearer) {
  av1::DisburseSupportRequest r;
  r.set_request_id(request_id("disburse"));
  r.set_support_id(support_id);
  platform::to_proto(platform::Date::in_vietnam(std::chrono::system_clock::now()),
                     r.mutable_disbursed_on());
  r.set_evidence("Biên bản bàn giao số 12/BB-MTTQ");
  for (const auto& [fund, dong] : partial) {
    auto* part = r.add_fund_parts();
    part->set_source(source_of(fund));
    part->set_fund_id(fund);
    part->mutable_amount()->set_dong(dong);
  }
  Support ignored;
  return stub_->DisburseSupport(
      client_context(bearer.empty() ? checker_for(support_id) : bearer).get(), r,
      out ? out : &ignored);
}

grpc::Status AllocationFixture::complete(std::int64_t support_id, Support* out,
                                         const std::string& bearer) {
  av1::CompleteSupportRequest r;
  r.set_request_id(request_id("complete"));
  r.set_support_id(support_id);
  platform::to_proto(platform::Date::in_vietnam(std::chrono::system_clock::now()),
                     r.mutable_completed_on());
  r.set_evidence("Biên bản nghiệm thu số 3/BB-NT");
  Support ignored;
  return stub_->CompleteSupport(
      client_context(bearer.empty() ? checker_for(support_id) : bearer).get(), r,
      out ? out : &ignored);
}

grpc::Status AllocationFixture::cancel(std::int64_t support_id, Support* out,
                                       const std::string& reason, const std::string& bearer) {
  av1::CancelSupportRequest r;
  r.set_request_id(request_id("cancel"));
  r.set_support_id(support_id);
  r.set_reason(reason);
  Support ignored;
  return stub_->CancelSupport(
      client_context(bearer.empty() ? checker_for(support_id) : bearer).get(), r,
      out ? out : &ignored);
}

AllocationFixture::Support AllocationFixture::approved_support(std::int64_t household_id,
                                                               SupportKind kind,
                                                               const std::string& fund_id,
                                                               std::int64_t dong) {
  Support proposed;
  auto status = propose(support_request(household_id, kind, fund_id, dong), &proposed);
  EXPECT_TRUE(status.ok()) << "proposing: " << status.error_message();
  if (!status.ok()) return {};
  Support approved;
  status = approve(proposed.id(), &approved);
  EXPECT_TRUE(status.ok()) << "approving: " << status.error_message();
  if (!status.ok()) return {};
  return approved;
}

grpc::Status AllocationFixture::balance(const std::string& fund_id, av1::FundBalance* out) const {
  av1::GetFundBalanceRequest r;
  r.set_fund_id(fund_id);
  return stub_->GetFundBalance(client_context(district()).get(), r, out);
}

av1::FundBalance AllocationFixture::wait_for_balance(
    const std::string& fund_id, const std::function<bool(const av1::FundBalance&)>& done,
    const std::string& what, std::chrono::milliseconds timeout) const {
  const auto until = std::chrono::steady_clock::now() + timeout;
  av1::FundBalance last;
  grpc::Status status;
  for (;;) {
    av1::FundBalance seen;
    status = balance(fund_id, &seen);
    if (status.ok()) {
      last = seen;
      if (done(last)) return last;
    } else if (status.error_code() != grpc::StatusCode::NOT_FOUND) {
      ADD_FAILURE() << "GetFundBalance(" << fund_id << "): " << status.error_message();
      return last;
    }
    if (std::chrono::steady_clock::now() > until) {
      ADD_FAILURE() << "waiting for " << what << " of " << fund_id << ": last seen "
                    << (status.ok() ? last.ShortDebugString() : status.error_message());
      return last;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

av1::FundBalance AllocationFixture::wait_for_net_received(const std::string& fund_id,
                                                          std::int64_t net) const {
  return wait_for_balance(
      fund_id,
      [net](const av1::FundBalance& b) { return b.received().dong() - b.reversed().dong() == net; },
      "received − reversed = " + std::to_string(net));
}

av1::LedgerVerification AllocationFixture::verify_ledger(const std::string& fund_id) const {
  av1::VerifyLedgerRequest r;
  r.set_fund_id(fund_id);
  av1::LedgerVerification out;
  auto status = stub_->VerifyLedger(client_context(auditor()).get(), r, &out);
  EXPECT_TRUE(status.ok()) << "VerifyLedger(" << fund_id << "): " << status.error_message();
  EXPECT_TRUE(out.balanced()) << fund_id << ": " << out.ShortDebugString();
  EXPECT_TRUE(out.matches()) << fund_id << ": " << out.ShortDebugString();
  return out;
}

std::vector<av1::LedgerPosting> AllocationFixture::postings(const std::string& fund_id) const {
  std::vector<av1::LedgerPosting> all;
  std::string token;
  for (;;) {
    av1::ListLedgerPostingsRequest r;
    r.set_fund_id(fund_id);
    r.mutable_page()->set_page_size(1000);
    r.mutable_page()->set_page_token(token);
    av1::ListLedgerPostingsResponse out;
    auto status = stub_->ListLedgerPostings(client_context(auditor()).get(), r, &out);
    EXPECT_TRUE(status.ok()) << "ListLedgerPostings(" << fund_id << "): " << status.error_message();
    if (!status.ok()) return all;
    all.insert(all.end(), out.postings().begin(), out.postings().end());
    token = out.page().next_page_token();
    if (token.empty()) return all;
  }
}

}  // namespace vnn::testing
