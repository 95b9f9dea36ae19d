#include "household_fixture.h"

#include <random>
#include <thread>

#include "vnn/platform/date.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

namespace hv1 = household_review::v1;
namespace dv1 = donation::v1;

void set_date(common::v1::Date* out, const platform::Date& d) {
  out->set_year(d.year);
  out->set_month(d.month);
  out->set_day(d.day);
}

platform::Date days_from_today(int days) {
  return platform::Date::in_vietnam(std::chrono::system_clock::now() +
                                    std::chrono::hours(24) * days);
}

}  // namespace

void HouseholdFixture::SetUp() {
  const auto& stack = TestStack::get();
  const auto& tokens = test_tokens();
  auto env = stack.service_env("vnn_household_review");
  env.insert({{"VNN_JWT_KEYS", tokens.verification_keys()},
              {"VNN_CITIZEN_ID_HASH_KEY_FILE", write_secret_file("vnn_citizen_key")},
              {"VNN_PERSONAL_DATA_KEY_FILE", write_secret_file("vnn_personal_key")},
              {"VNN_PAGE_TOKEN_KEY_FILE", write_secret_file("vnn_page_key")}});
  // A test class's settings win over the defaults.
  for (const auto& [name, value] : service_env_) env[name] = value;
  process_env_ = env;
  process_ = std::make_unique<ServiceProcess>(VNN_HOUSEHOLD_REVIEW_BINARY,
                                              std::vector<std::string>{}, std::move(env));
  const int household_port = process_->wait_for_port();
  // The donation service checks direct support with household review, as its own service.
  auto donation_env = stack.service_env("vnn_donation");
  donation_env.insert(
      {{"VNN_JWT_KEYS", tokens.key_spec()},
       {"VNN_DONOR_ID_HASH_KEY_FILE", write_secret_file("vnn_donor_key")},
       {"VNN_JWT_SIGNING_KEY", tokens.service_key_spec()},
       {"VNN_HOUSEHOLD_REVIEW_TARGET", "127.0.0.1:" + std::to_string(household_port)}});
  donation_ = std::make_unique<ServiceProcess>(VNN_DONATION_BINARY, std::vector<std::string>{},
                                               std::move(donation_env));
  donation_->wait_for_port();
  stub_ = hv1::HouseholdReviewService::NewStub(process_->channel());
  suffix_ = unique_name("h");
  hamlet_ = "Ấp " + suffix_;

  donations_ = dv1::DonationService::NewStub(donation_->channel());
  auto& donations = donations_;
  fund_ = "fund-736-" + suffix_;
  const std::string& fund = fund_;
  {
    dv1::CreateFundRequest request;
    request.set_request_id("fund-" + fund);
    request.set_id(fund);
    request.set_unit_code("736");
    set_date(request.mutable_unit_valid_on(), {2024, 2, 3});
    request.set_name("Quỹ \"Vì người nghèo\" huyện Định Quán");
    dv1::Fund out;
    auto status = donations->CreateFund(client_context(district()).get(), request, &out);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  // Campaign dates in 2024 keep the pre-2025 communes valid; the household lists' deadline is
  // what a test needs (open: next month; closed: last month), within the campaign's period.
  open_campaign_ = "open-" + suffix_;
  closed_campaign_ = "closed-" + suffix_;
  create_campaign(open_campaign_, days_from_today(30));
  create_campaign(closed_campaign_, days_from_today(-30));
}

void HouseholdFixture::create_campaign(const std::string& id, const platform::Date& lists_due) {
  dv1::CreateCampaignRequest request;
  request.set_request_id("campaign-" + id);
  auto* c = request.mutable_campaign();
  c->set_id(id);
  c->set_name("Đợt cao điểm vận động Quỹ \"Vì người nghèo\"");
  c->set_unit_code("736");
  set_date(c->mutable_starts_on(), {2024, 2, 3});
  set_date(c->mutable_ends_on(), days_from_today(90));
  c->add_fund_ids(fund_);
  auto* lists = c->add_milestones();
  lists->set_kind(dv1::MILESTONE_KIND_HOUSEHOLD_LISTS_DUE);
  set_date(lists->mutable_due_on(), lists_due);
  dv1::Campaign out;
  auto status = donations_->CreateCampaign(client_context(district()).get(), request, &out);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // The household service learns it from the stream.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (scalar("SELECT count(*) FROM campaign WHERE id = '" + id + "'") != "1") {
    ASSERT_LT(std::chrono::steady_clock::now(), until) << "campaign events did not arrive";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

hv1::Household HouseholdFixture::household(const std::string& code, const std::string& unit,
                                           const std::string& head_name, int birth_year,
                                           const std::string& citizen_id,
                                           const std::string& hamlet) const {
  hv1::Household h;
  h.set_household_code(code + "-" + suffix_);
  h.set_unit_code(unit);
  h.set_hamlet(hamlet.empty() ? hamlet_ : hamlet);
  h.set_address("Tổ 3, " + h.hamlet());
  h.set_poverty_status(hv1::POVERTY_STATUS_POOR);
  h.set_poverty_standard("2022-2025");
  h.set_classified_year(2023);
  h.set_housing(hv1::HOUSING_TEMPORARY);
  h.mutable_head()->set_full_name(head_name);
  h.mutable_head()->set_birth_year(birth_year);
  h.mutable_head()->set_citizen_id(citizen_id);
  return h;
}

std::string HouseholdFixture::citizen_id(int birth_year, bool female) const {
  static std::mt19937 random{std::random_device{}()};
  char out[16];
  std::snprintf(out, sizeof out, "075%d%02d%06u", female ? 1 : 0, birth_year % 100,
                static_cast<unsigned>(random() % 1000000));
  return out;
}

grpc::Status HouseholdFixture::register_household(const hv1::Household& h, hv1::Household* out,
                                                  const std::string& bearer,
                                                  grpc::ClientContext* context) {
  hv1::RegisterHouseholdRequest request;
  request.set_request_id(request_id("register"));
  *request.mutable_household() = h;
  if (context) return stub_->RegisterHousehold(context, request, out);
  return stub_->RegisterHousehold(client_context(bearer).get(), request, out);
}

hv1::Household HouseholdFixture::registered(const hv1::Household& h) {
  hv1::Household out;
  auto status = register_household(h, &out, commune(h.unit_code()));
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

hv1::Submission HouseholdFixture::submit(const std::string& campaign, const std::string& unit,
                                         const std::vector<std::int64_t>& ids) {
  hv1::SubmitListRequest request;
  request.set_request_id(request_id("submit"));
  request.set_campaign_id(campaign);
  request.set_unit_code(unit);
  request.set_proposal_reference("15/TTr-MTTQ");
  for (auto id : ids) request.add_household_ids(id);
  hv1::Submission out;
  auto status = stub_->SubmitList(client_context(commune(unit)).get(), request, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

grpc::Status HouseholdFixture::review(const std::string& campaign, std::int64_t id,
                                      hv1::ReviewDecision decision, const std::string& bearer,
                                      hv1::Candidacy* out, const std::string& reason) {
  hv1::ReviewHouseholdRequest request;
  request.set_request_id(request_id("review"));
  request.set_campaign_id(campaign);
  request.set_household_id(id);
  request.set_decision(decision);
  request.set_reason(reason);
  hv1::Candidacy ignored;
  return stub_->ReviewHousehold(client_context(bearer).get(), request, out ? out : &ignored);
}

}  // namespace vnn::testing
