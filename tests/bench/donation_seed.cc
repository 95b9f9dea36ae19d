#include "donation_seed.h"

#include <stdexcept>

#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;
using namespace std::chrono_literals;

void create_fund(v1::DonationService::Stub& stub, const std::string& bearer, const std::string& id,
                 std::mt19937_64& random) {
  v1::CreateFundRequest fund;
  fund.set_request_id("fund-" + id);
  fund.set_id(id);
  fund.set_unit_code("736");
  set_date(fund.mutable_unit_valid_on(), 2024, 2, 3);
  fund.set_name("Quỹ \"Vì người nghèo\" huyện Định Quán");
  auto* account = fund.add_accounts();
  // Account numbers are unique across funds, and the stack outlives runs.
  account->set_account_number("30" +
                              std::to_string(100000000000000ULL + random() % 899999999999999ULL));
  account->set_account_name(fund.name());
  account->set_bank("Ngân hàng Chính sách xã hội");
  account->set_branch("Phòng giao dịch huyện Định Quán");
  v1::Fund created_fund;
  auto status = stub.CreateFund(bench_context(bearer, 20s).get(), fund, &created_fund);
  if (!status.ok()) throw std::runtime_error("CreateFund: " + status.error_message());
}

}  // namespace

std::map<std::string, std::string> donation_service_env(int pool_size) {
  auto env = TestStack::get().service_env("vnn_donation");
  env.insert({{"VNN_JWT_KEYS", test_tokens().key_spec()},
              {"VNN_DB_POOL_SIZE", std::to_string(pool_size)},
              {"VNN_LOG_LEVEL", "warn"},
              {"VNN_DONOR_ID_HASH_KEY_FILE", write_secret_file("vnn_donor_key")}});
  return env;
}

std::string district_officer_bearer() {
  platform::auth::Principal officer{
      .subject = "officer", .role = platform::auth::Role::kDistrictOffice, .unit_codes = {"736"}};
  return test_tokens().bearer(officer, std::chrono::hours(12));
}

std::unique_ptr<grpc::ClientContext> bench_context(const std::string& bearer,
                                                   std::chrono::seconds deadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", bearer);
  context->set_deadline(std::chrono::system_clock::now() + deadline);
  return context;
}

void set_date(common::v1::Date* date, int year, int month, int day) {
  date->set_year(year);
  date->set_month(month);
  date->set_day(day);
}

DonationSeed seed_funds_and_campaign(v1::DonationService::Stub& stub, const std::string& bearer,
                                     int funds) {
  const std::string suffix = unique_name("load");
  DonationSeed s{{}, "dot-cao-diem-2024-" + suffix};
  std::mt19937_64 random{std::random_device{}()};
  for (int i = 0; i < funds; ++i) {
    s.fund_ids.push_back("fund-736-" + suffix + (funds > 1 ? "-" + std::to_string(i) : ""));
    create_fund(stub, bearer, s.fund_ids.back(), random);
  }

  v1::CreateCampaignRequest campaign;
  campaign.set_request_id("campaign-" + s.campaign_id);
  auto* c = campaign.mutable_campaign();
  c->set_id(s.campaign_id);
  c->set_name("Đợt cao điểm vận động Quỹ \"Vì người nghèo\" 03/02 – 19/05/2024");
  c->set_unit_code("736");
  set_date(c->mutable_starts_on(), 2024, 2, 3);
  set_date(c->mutable_ends_on(), 2024, 5, 19);
  for (const auto& id : s.fund_ids) c->add_fund_ids(id);
  v1::Campaign created_campaign;
  auto status = stub.CreateCampaign(bench_context(bearer, 20s).get(), campaign, &created_campaign);
  if (!status.ok()) throw std::runtime_error("CreateCampaign: " + status.error_message());
  return s;
}

std::string seed_agency(v1::DonationService::Stub& stub, const std::string& bearer) {
  v1::CreateMobiliserRequest request;
  const std::string id = unique_name("phong-gd-dt-736");
  request.set_request_id("mobiliser-" + id);
  request.mutable_mobiliser()->set_id(id);
  request.mutable_mobiliser()->set_kind(v1::MOBILISER_KIND_AGENCY);
  request.mutable_mobiliser()->set_name("Phòng Giáo dục và Đào tạo huyện Định Quán");
  request.mutable_mobiliser()->set_unit_code("736");
  v1::Mobiliser out;
  auto status = stub.CreateMobiliser(bench_context(bearer, 20s).get(), request, &out);
  if (!status.ok()) throw std::runtime_error("CreateMobiliser: " + status.error_message());
  return id;
}

}  // namespace vnn::testing
