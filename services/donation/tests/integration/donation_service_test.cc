// The donation service against the real PostgreSQL and nats-server, through its gRPC API.

#include <atomic>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "donation_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;
using grpc::StatusCode;

class DonationServiceTest : public DonationFixture {};

TEST_F(DonationServiceTest, RecordsACashDonationWithItsReceiptAndEvent) {
  v1::Donation donation;
  auto status = record(cash(500'000, "cash-1-" + suffix_), &donation);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_GT(donation.id(), 0);
  EXPECT_EQ(donation.amount().dong(), 500'000);
  EXPECT_EQ(donation.unit_code(), "736");
  EXPECT_EQ(donation.receipt().fund_id(), district_fund_);
  EXPECT_EQ(donation.receipt().year(), 2024);
  EXPECT_EQ(donation.receipt().number(), 1);
  EXPECT_EQ(donation.donor().name(), "Nguyễn Văn An");
  EXPECT_EQ(donation.mobiliser_id(), mobiliser_);
  const std::string id = std::to_string(donation.id());
  EXPECT_EQ(scalar("SELECT subject FROM outbox WHERE aggregate_type = 'donation' AND "
                   "aggregate_id = '" +
                   id + "'"),
            "vnn.donation.donation.recorded");
  // The relay publishes it: the row gets its published stamp.
  bool published = false;
  for (int i = 0; i < 100 && !published; ++i) {
    published = !scalar("SELECT published_at FROM outbox WHERE aggregate_id = '" + id +
                        "' AND aggregate_type = 'donation'")
                     .empty();
    if (!published) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(published);
  // The event names the donor as public disclosure shows it, and nothing else of the donor:
  // its phone and identifiers stay in this service.
  v1::RecordDonationRequest with_phone = cash(300'000, "cash-phone-" + suffix_);
  with_phone.mutable_donor()->set_name("Trần Thị Bình");
  with_phone.mutable_donor()->set_phone("0912345678");
  v1::Donation second;
  ASSERT_TRUE(record(with_phone, &second).ok());
  const auto in_event = [&](const std::string& id_of, const std::string& text) {
    return scalar("SELECT position(convert_to('" + text +
                  "', 'UTF8') in envelope) FROM outbox "
                  "WHERE aggregate_id = '" +
                  id_of + "' AND aggregate_type = 'donation'");
  };
  EXPECT_NE(in_event(id, "Nguyễn Văn An"), "0");
  EXPECT_EQ(in_event(std::to_string(second.id()), "0912345678"), "0");
}

TEST_F(DonationServiceTest, SixteenConcurrentRetriesOfOneRequestYieldOneReceipt) {
  const auto request = cash(200'000, "retried-" + suffix_);
  std::vector<v1::Donation> results(16);
  std::vector<grpc::Status> statuses(16);
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] { statuses[i] = record(request, &results[i]); });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < 16; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    EXPECT_EQ(results[i].id(), results[0].id());
    EXPECT_EQ(results[i].receipt().number(), results[0].receipt().number());
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE fund_id = '" + district_fund_ + "'"), "1");
  EXPECT_EQ(
      scalar("SELECT last_number FROM receipt_counter WHERE fund_id = '" + district_fund_ + "'"),
      "1");
}

TEST_F(DonationServiceTest, EightParallelWritersOnOneFundGetGaplessUniqueNumbers) {
  constexpr int kWriters = 8, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        v1::Donation d;
        auto status = record(
            cash(10'000 + i, "par-" + std::to_string(w) + "-" + std::to_string(i) + "-" + suffix_),
            &d);
        if (!status.ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(scalar("SELECT count(DISTINCT receipt_number) FROM donation WHERE fund_id = '" +
                   district_fund_ + "'"),
            std::to_string(kWriters * kEach));
  EXPECT_EQ(scalar("SELECT min(receipt_number) || '-' || max(receipt_number) FROM donation "
                   "WHERE fund_id = '" +
                   district_fund_ + "'"),
            "1-" + std::to_string(kWriters * kEach));
}

TEST_F(DonationServiceTest, ABankReferenceIsUsedOncePerAccount) {
  auto transfer = cash(1'000'000, "transfer-1-" + suffix_);
  transfer.set_channel(v1::CHANNEL_BANK_TRANSFER);
  transfer.set_bank_account_number(district_account_);
  transfer.set_bank_reference("FT24061" + suffix_);
  v1::Donation first;
  ASSERT_TRUE(record(transfer, &first).ok());
  transfer.set_request_id("transfer-2-" + suffix_);
  v1::Donation second;
  auto context = as(district());
  auto status = stub_->RecordDonation(context.get(), transfer, &second);
  EXPECT_EQ(status.error_code(), StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(field_of(*context), "bank_reference");

  transfer.set_request_id("transfer-3-" + suffix_);
  transfer.set_bank_account_number(commune_account_);  // another fund's account
  context = as(district());
  status = stub_->RecordDonation(context.get(), transfer, &second);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(field_of(*context), "bank_account_number");
}

TEST_F(DonationServiceTest, AReversalCorrectsOnceAndTotalsAreNet) {
  v1::Donation kept, mistaken;
  ASSERT_TRUE(record(cash(300'000, "keep-" + suffix_), &kept).ok());
  ASSERT_TRUE(record(cash(3'000'000, "mistake-" + suffix_), &mistaken).ok());

  v1::RequestReversalRequest reverse;
  reverse.set_request_id("reverse-" + suffix_);
  reverse.set_donation_id(mistaken.id());
  reverse.set_reason("Nhập sai số tiền");
  v1::Donation reversal;
  auto status = reverse_donation(reverse, &reversal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reversal.amount().dong(), -3'000'000);
  EXPECT_EQ(reversal.reverses_donation_id(), mistaken.id());
  EXPECT_FALSE(reversal.has_receipt());

  v1::GetDonationRequest get;
  get.set_id(mistaken.id());
  v1::Donation original;
  ASSERT_TRUE(stub_->GetDonation(as(district()).get(), get, &original).ok());
  EXPECT_EQ(original.reversed_by_donation_id(), reversal.id());
  EXPECT_EQ(original.amount().dong(), 3'000'000) << "the original is never edited";

  reverse.set_request_id("reverse-again-" + suffix_);
  EXPECT_EQ(reverse_donation(reverse, &reversal).error_code(), StatusCode::FAILED_PRECONDITION);
  reverse.set_request_id("reverse-the-reversal-" + suffix_);
  reverse.set_donation_id(reversal.id());
  EXPECT_EQ(reverse_donation(reverse, &reversal).error_code(), StatusCode::FAILED_PRECONDITION);
  reverse.set_request_id("reverse-no-reason-" + suffix_);
  reverse.set_donation_id(kept.id());
  reverse.set_reason("");
  EXPECT_EQ(reverse_donation(reverse, &reversal).error_code(), StatusCode::INVALID_ARGUMENT);

  v1::GetCampaignTotalsRequest totals_request;
  totals_request.set_campaign_id(campaign_);
  v1::CampaignTotals totals;
  ASSERT_TRUE(stub_->GetCampaignTotals(as(district()).get(), totals_request, &totals).ok());
  EXPECT_EQ(totals.total().dong(), 300'000);
  ASSERT_EQ(totals.funds_size(), 1);
  EXPECT_EQ(totals.funds(0).donations(), 1);
  // Posted records cannot be changed even by a bug: the runtime role may not UPDATE them.
  EXPECT_THROW(
      {
        pqxx::connection c(TestStack::get().dsn_for("vnn_donation"));
        pqxx::work tx(c);
        tx.exec("UPDATE donation SET amount_dong = 1 WHERE id = " + std::to_string(kept.id()));
      },
      pqxx::insufficient_privilege);
}

TEST_F(DonationServiceTest, BadInputIsRefusedNamingTheField) {
  struct Case {
    std::string name;
    std::function<void(v1::RecordDonationRequest&)> spoil;
    std::string field;
  };
  const std::vector<Case> cases{
      {"zero amount", [](auto& r) { r.mutable_amount()->set_dong(0); }, "amount.dong"},
      {"negative amount", [](auto& r) { r.mutable_amount()->set_dong(-5); }, "amount.dong"},
      {"absurd amount", [](auto& r) { r.mutable_amount()->set_dong(900'000'000'000'000); },
       "amount.dong"},
      {"before the campaign", [](auto& r) { r.mutable_received_on()->set_month(1); },
       "received_on"},
      {"impossible date",
       [](auto& r) {
         r.mutable_received_on()->set_day(31);
         r.mutable_received_on()->set_month(2);
       },
       "received_on"},
      {"unknown campaign", [](auto& r) { r.set_campaign_id("no-such-campaign"); }, "campaign_id"},
      {"unknown fund", [](auto& r) { r.set_fund_id("no-such-fund"); }, "fund_id"},
      {"no channel", [](auto& r) { r.set_channel(v1::CHANNEL_UNSPECIFIED); }, "channel"},
      {"transfer without reference", [](auto& r) { r.set_channel(v1::CHANNEL_BANK_TRANSFER); },
       "bank_account_number"},
      {"in kind without items", [](auto& r) { r.set_channel(v1::CHANNEL_IN_KIND); }, "items"},
      {"bad tax code", [](auto& r) { r.mutable_donor()->set_tax_code("0100109107"); },
       "donor.tax_code"},
      {"bad citizen id", [](auto& r) { r.mutable_donor()->set_citizen_id("07508812345"); },
       "donor.citizen_id"},
      {"bad phone", [](auto& r) { r.mutable_donor()->set_phone("0112345678"); }, "donor.phone"},
      {"no donor name", [](auto& r) { r.mutable_donor()->set_name(""); }, "donor.name"},
      {"note too long", [](auto& r) { r.set_note(std::string(1001, 'x')); }, "note"},
      {"unknown mobiliser", [](auto& r) { r.set_mobiliser_id("nobody"); }, "mobiliser_id"},
      {"no request id", [](auto& r) { r.set_request_id(""); }, "request_id"},
  };
  int n = 0;
  for (const auto& c : cases) {
    auto request = cash(100'000, "bad-" + std::to_string(++n) + "-" + suffix_);
    c.spoil(request);
    v1::Donation out;
    auto context = as(district());
    auto status = stub_->RecordDonation(context.get(), request, &out);
    EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT)
        << c.name << ": " << status.error_message();
    EXPECT_EQ(field_of(*context), c.field) << c.name;
  }
  // Text that is not UTF-8 cannot even be parsed from a proto3 string field: gRPC refuses the
  // request before it reaches the service (CSV imports check it themselves).
  auto not_utf8 = cash(100'000, "bad-utf8-" + suffix_);
  not_utf8.mutable_donor()->set_name("Nguy\xE1\xBB");
  v1::Donation out;
  EXPECT_FALSE(record(not_utf8, &out).ok());
  // Nothing was half-written by any of them.
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE campaign_id = '" + campaign_ + "'"), "0");
  EXPECT_EQ(scalar("SELECT count(*) FROM receipt_counter WHERE fund_id = '" + district_fund_ + "'"),
            "0");
}

TEST_F(DonationServiceTest, InKindDonationsAddUpTheirItems) {
  auto request = cash(1'500'000, "in-kind-" + suffix_);
  request.set_channel(v1::CHANNEL_IN_KIND);
  auto* rice = request.add_items();
  rice->set_description("Gạo");
  rice->set_quantity(100);
  rice->set_unit("kg");
  rice->mutable_assessed_value()->set_dong(1'500'000);
  v1::Donation donation;
  ASSERT_TRUE(record(request, &donation).ok());
  ASSERT_EQ(donation.items_size(), 1);
  EXPECT_EQ(donation.items(0).description(), "Gạo");
  request.set_request_id("in-kind-wrong-sum-" + suffix_);
  request.mutable_amount()->set_dong(1'600'000);
  auto context = as(district());
  EXPECT_EQ(stub_->RecordDonation(context.get(), request, &donation).error_code(),
            StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(field_of(*context), "amount.dong");
  v1::GetCampaignTotalsRequest totals_request;
  totals_request.set_campaign_id(campaign_);
  v1::CampaignTotals totals;
  ASSERT_TRUE(stub_->GetCampaignTotals(as(district()).get(), totals_request, &totals).ok());
  EXPECT_EQ(totals.funds(0).in_kind_value().dong(), 1'500'000);
  EXPECT_EQ(totals.funds(0).cash().dong(), 0);
}

TEST_F(DonationServiceTest, ADonorKnownByAnIdentifierIsFoundNotCreatedTwice) {
  auto first = cash(5'000'000, "business-1-" + suffix_);
  first.mutable_donor()->set_kind(v1::DONOR_KIND_BUSINESS);
  first.mutable_donor()->set_name("Công ty Cổ phần Sữa Việt Nam");
  first.mutable_donor()->set_tax_code("0300588569");
  auto second = first;
  second.set_request_id("business-2-" + suffix_);
  second.mutable_donor()->set_tax_code(" 0300588569 ");
  v1::Donation a, b;
  ASSERT_TRUE(record(first, &a).ok());
  ASSERT_TRUE(record(second, &b).ok());
  EXPECT_EQ(a.donor().id(), b.donor().id());
  EXPECT_EQ(b.donor().tax_code(), "0300588569");
}

TEST_F(DonationServiceTest, CommuneOfficersRecordOnlyForTheirOwnCommunesFund) {
  const auto phu_tuc = token(Role::kCommuneOfficer, {"26242"});
  auto request = cash(100'000, "commune-own-" + suffix_);
  request.set_fund_id(commune_fund_);
  v1::Donation donation;
  auto status = record(request, &donation, phu_tuc);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(donation.receipt().number(), 1) << "each fund numbers its own receipts";

  request = cash(100'000, "commune-district-" + suffix_);  // the district fund
  EXPECT_EQ(record(request, &donation, phu_tuc).error_code(), StatusCode::PERMISSION_DENIED);
  const auto neighbour = token(Role::kCommuneOfficer, {"26236"});
  request = cash(100'000, "commune-other-" + suffix_);
  request.set_fund_id(commune_fund_);
  EXPECT_EQ(record(request, &donation, neighbour).error_code(), StatusCode::PERMISSION_DENIED);
}

TEST_F(DonationServiceTest, OrganisationsReadWhatTheyMobilisedAndAuditorsReadAll) {
  auto mobilised = cash(250'000, "mobilised-" + suffix_);
  mobilised.mutable_donor()->set_phone("0912 345 678");
  auto other = cash(150'000, "not-mobilised-" + suffix_);
  other.clear_mobiliser_id();
  other.mutable_donor()->set_name("Trần Thị Bình");
  v1::Donation a, b;
  ASSERT_TRUE(record(mobilised, &a).ok());
  ASSERT_TRUE(record(other, &b).ok());
  EXPECT_EQ(a.donor().phone(), "0912345678") << "the district office sees the phone";

  const auto women_union = token(Role::kMemberOrganisation, {}, mobiliser_);
  EXPECT_EQ(record(cash(1, "org-records-" + suffix_), &a, women_union).error_code(),
            StatusCode::PERMISSION_DENIED);
  v1::GetDonationRequest get;
  get.set_id(a.id());
  v1::Donation seen;
  ASSERT_TRUE(stub_->GetDonation(as(women_union).get(), get, &seen).ok());
  EXPECT_NE(seen.donor().phone(), "0912345678") << "organisations see a masked phone";
  EXPECT_NE(seen.donor().phone().find('*'), std::string::npos);
  get.set_id(b.id());
  EXPECT_EQ(stub_->GetDonation(as(women_union).get(), get, &seen).error_code(),
            StatusCode::NOT_FOUND);

  v1::ListDonationsRequest list;
  list.set_campaign_id(campaign_);
  v1::ListDonationsResponse page;
  ASSERT_TRUE(stub_->ListDonations(as(women_union).get(), list, &page).ok());
  ASSERT_EQ(page.donations_size(), 1);
  EXPECT_EQ(page.donations(0).id(), a.id());

  const auto auditor = token(Role::kAuditor);
  ASSERT_TRUE(stub_->ListDonations(as(auditor).get(), list, &page).ok());
  EXPECT_EQ(page.donations_size(), 2);
  EXPECT_EQ(record(cash(1, "auditor-records-" + suffix_), &a, auditor).error_code(),
            StatusCode::PERMISSION_DENIED);
  const auto neighbour = token(Role::kCommuneOfficer, {"26236"});
  ASSERT_TRUE(stub_->ListDonations(as(neighbour).get(), list, &page).ok());
  EXPECT_EQ(page.donations_size(), 0) << "another commune does not see the district's donations";
}

TEST_F(DonationServiceTest, ListingPagesThroughEverythingOnce) {
  for (int i = 0; i < 7; ++i) {
    v1::Donation d;
    ASSERT_TRUE(record(cash(1'000 + i, "page-" + std::to_string(i) + "-" + suffix_), &d).ok());
  }
  v1::ListDonationsRequest list;
  list.set_campaign_id(campaign_);
  list.mutable_page()->set_page_size(3);
  std::set<std::int64_t> seen;
  int pages = 0;
  do {
    v1::ListDonationsResponse page;
    ASSERT_TRUE(stub_->ListDonations(as(district()).get(), list, &page).ok());
    for (const auto& d : page.donations()) EXPECT_TRUE(seen.insert(d.id()).second);
    list.mutable_page()->set_page_token(page.page().next_page_token());
    ++pages;
  } while (!list.page().page_token().empty() && pages < 10);
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(pages, 3);
  // A token continues only the query it came from.
  v1::ListDonationsResponse first;
  list.mutable_page()->clear_page_token();
  ASSERT_TRUE(stub_->ListDonations(as(district()).get(), list, &first).ok());
  list.set_fund_id(commune_fund_);
  list.mutable_page()->set_page_token(first.page().next_page_token());
  auto context = as(district());
  v1::ListDonationsResponse other;
  EXPECT_EQ(stub_->ListDonations(context.get(), list, &other).error_code(),
            StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(field_of(*context), "page.page_token");
}

TEST_F(DonationServiceTest, AReprintedReceiptIsMarkedAsACopy) {
  v1::Donation donation;
  ASSERT_TRUE(record(cash(120'000, "receipt-" + suffix_), &donation).ok());
  v1::GetReceiptRequest request;
  *request.mutable_receipt() = donation.receipt();
  request.set_reprint(true);
  request.set_request_id("print-1-" + suffix_);
  v1::Receipt receipt;
  ASSERT_TRUE(stub_->GetReceipt(as(district()).get(), request, &receipt).ok());
  EXPECT_FALSE(receipt.copy());
  request.set_request_id("print-2-" + suffix_);
  ASSERT_TRUE(stub_->GetReceipt(as(district()).get(), request, &receipt).ok());
  EXPECT_TRUE(receipt.copy());
  EXPECT_EQ(receipt.copies_printed(), 2);
  EXPECT_EQ(receipt.amount().dong(), 120'000);
  EXPECT_EQ(receipt.fund_name(), "Quỹ \"Vì người nghèo\" huyện Định Quán");
}

}  // namespace
}  // namespace vnn::testing
