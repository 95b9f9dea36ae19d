#include "donation_fixture.h"

#include <pqxx/pqxx>
#include <random>

#include "vnn/platform/events/outbox.h"
#include "vnn/testing/calls.h"
#include "vnn/testing/test_stack.h"

namespace vnn::testing {

namespace v1 = donation::v1;

void DonationFixture::SetUp() {
  const auto& stack = TestStack::get();
  auto env = stack.service_env("vnn_donation");
  env.insert({{"VNN_JWT_KEYS", test_tokens().key_spec()},
              {"VNN_DONOR_ID_HASH_KEY_FILE", write_secret_file("vnn_donor_key")},
              {"VNN_PAGE_TOKEN_KEY_FILE", write_secret_file("vnn_page_key")}});
  // A test class's settings win over the defaults.
  for (const auto& [name, value] : service_env_) env[name] = value;
  process_ = std::make_unique<ServiceProcess>(VNN_DONATION_BINARY, std::vector<std::string>{},
                                              std::move(env));
  process_->wait_for_port();
  stub_ = v1::DonationService::NewStub(process_->channel());

  suffix_ = unique_name("t");
  district_fund_ = "fund-736-" + suffix_;
  commune_fund_ = "fund-26242-" + suffix_;
  campaign_ = "dot-cao-diem-2024-" + suffix_;
  mobiliser_ = "hoi-lhpn-" + suffix_;
  // Account numbers are unique across funds: derive them from the suffix.
  std::mt19937_64 random{std::random_device{}()};
  district_account_ = "10" + std::to_string(100000000000000ULL + random() % 899999999999999ULL);
  commune_account_ = "20" + std::to_string(100000000000000ULL + random() % 899999999999999ULL);

  auto fund = [&](const std::string& id, const std::string& unit, const std::string& name,
                  const std::string& account) {
    v1::CreateFundRequest request;
    request.set_request_id("fund-" + id);
    request.set_id(id);
    request.set_unit_code(unit);
    request.mutable_unit_valid_on()->set_year(2024);
    request.mutable_unit_valid_on()->set_month(2);
    request.mutable_unit_valid_on()->set_day(3);
    request.set_name(name);
    auto* a = request.add_accounts();
    a->set_account_number(account);
    a->set_account_name(name);
    a->set_bank("Ngân hàng Chính sách xã hội");
    a->set_branch("Phòng giao dịch huyện Định Quán");
    v1::Fund out;
    auto status = stub_->CreateFund(as(district()).get(), request, &out);
    ASSERT_TRUE(status.ok()) << status.error_message();
  };
  fund(district_fund_, "736", "Quỹ \"Vì người nghèo\" huyện Định Quán", district_account_);
  fund(commune_fund_, "26242", "Quỹ \"Vì người nghèo\" xã Phú Túc", commune_account_);

  v1::CreateCampaignRequest campaign;
  campaign.set_request_id("campaign-" + campaign_);
  auto* c = campaign.mutable_campaign();
  c->set_id(campaign_);
  c->set_name("Đợt cao điểm vận động Quỹ \"Vì người nghèo\" 03/02 – 19/05/2024");
  c->set_unit_code("736");
  c->mutable_starts_on()->set_year(2024);
  c->mutable_starts_on()->set_month(2);
  c->mutable_starts_on()->set_day(3);
  c->mutable_ends_on()->set_year(2024);
  c->mutable_ends_on()->set_month(5);
  c->mutable_ends_on()->set_day(19);
  c->add_fund_ids(district_fund_);
  c->add_fund_ids(commune_fund_);
  auto* lists = c->add_milestones();
  lists->set_kind(v1::MILESTONE_KIND_HOUSEHOLD_LISTS_DUE);
  lists->mutable_due_on()->set_year(2024);
  lists->mutable_due_on()->set_month(2);
  lists->mutable_due_on()->set_day(22);
  v1::Campaign created;
  auto status = stub_->CreateCampaign(as(district()).get(), campaign, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();

  v1::CreateMobiliserRequest mobiliser;
  mobiliser.set_request_id("mobiliser-" + mobiliser_);
  mobiliser.mutable_mobiliser()->set_id(mobiliser_);
  mobiliser.mutable_mobiliser()->set_kind(v1::MOBILISER_KIND_MEMBER_ORGANISATION);
  mobiliser.mutable_mobiliser()->set_name("Hội Liên hiệp Phụ nữ huyện");
  mobiliser.mutable_mobiliser()->set_unit_code("736");
  v1::Mobiliser m;
  status = stub_->CreateMobiliser(as(district()).get(), mobiliser, &m);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

std::string DonationFixture::token(Role role, std::vector<std::string> units, std::string org,
                                   std::string subject) const {
  return bearer_for(role, std::move(units), std::move(org), std::move(subject));
}

std::unique_ptr<grpc::ClientContext> DonationFixture::as(const std::string& bearer) const {
  return client_context(bearer);
}

v1::RecordDonationRequest DonationFixture::cash(std::int64_t dong,
                                                const std::string& request_id) const {
  v1::RecordDonationRequest r;
  r.set_request_id(request_id);
  r.set_campaign_id(campaign_);
  r.set_fund_id(district_fund_);
  r.mutable_donor()->set_kind(v1::DONOR_KIND_INDIVIDUAL);
  r.mutable_donor()->set_name("Nguyễn Văn An");
  r.set_channel(v1::CHANNEL_CASH);
  r.mutable_amount()->set_dong(dong);
  r.mutable_received_on()->set_year(2024);
  r.mutable_received_on()->set_month(3);
  r.mutable_received_on()->set_day(1);
  r.set_mobiliser_id(mobiliser_);
  return r;
}

grpc::Status DonationFixture::record(const v1::RecordDonationRequest& request, v1::Donation* out,
                                     const std::string& bearer) const {
  return stub_->RecordDonation(as(bearer.empty() ? district() : bearer).get(), request, out);
}

grpc::Status DonationFixture::reverse_donation(const v1::RequestReversalRequest& asked,
                                               v1::Donation* reversal) const {
  v1::ReversalRequest pending;
  auto status = stub_->RequestReversal(as(district()).get(), asked, &pending);
  if (!status.ok()) return status;
  v1::DecideReversalRequest decide;
  decide.set_request_id("approve-" + asked.request_id());
  decide.set_reversal_request_id(pending.id());
  decide.set_approve(true);
  v1::ReversalRequest decided;
  status = stub_->DecideReversal(as(token(Role::kDistrictOffice, {"736"}, {}, "checker")).get(),
                                 decide, &decided);
  if (!status.ok()) return status;
  v1::GetDonationRequest get;
  get.set_id(decided.reversal_donation_id());
  return stub_->GetDonation(as(district()).get(), get, reversal);
}

grpc::Status DonationFixture::import(const v1::ImportHeader& header, const std::string& csv,
                                     v1::ImportReport* report, const std::string& bearer,
                                     std::size_t piece_bytes) const {
  auto context = as(bearer.empty() ? district() : bearer);
  auto writer = stub_->ImportDonations(context.get(), report);
  v1::ImportChunk first;
  *first.mutable_header() = header;
  writer->Write(first);
  for (std::size_t i = 0; i < csv.size(); i += piece_bytes) {
    v1::ImportChunk chunk;
    chunk.set_csv(csv.substr(i, piece_bytes));
    if (!writer->Write(chunk)) break;
  }
  writer->WritesDone();
  return writer->Finish();
}

std::string DonationFixture::scalar(const std::string& sql) const {
  return schema_scalar("donation", sql);
}

std::string DonationFixture::field_of(const grpc::ClientContext& context) {
  return error_field(context);
}

}  // namespace vnn::testing
