// Changing a fund (UpdateFund) against the real servers: who may, stale versions, a closed
// account refusing transfers, the kept history, the fund.changed event, bad input, retries.

#include <chrono>
#include <functional>
#include <thread>

#include "donation_fixture.h"
#include "vnn/platform/events/nats_client.h"
#include "vnn/testing/jetstream_reader.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;
using grpc::StatusCode;

constexpr const char* kReason = "Quyết định số 12/QĐ-MTTQ của Ban Thường trực về tài khoản của Quỹ";

class FundChangeTest : public DonationFixture {
 protected:
  // A change to the district fund made against version 1; tests add what they change.
  v1::UpdateFundRequest change(const std::string& request_id) const {
    v1::UpdateFundRequest r;
    r.set_request_id(request_id + "-" + suffix_);
    r.set_fund_id(district_fund_);
    r.set_expected_version(1);
    r.set_reason(kReason);
    return r;
  }

  static v1::BankAccount agribank(const std::string& number) {
    v1::BankAccount a;
    a.set_account_number(number);
    a.set_account_name("Quỹ \"Vì người nghèo\" huyện Định Quán");
    a.set_bank("Ngân hàng Nông nghiệp và Phát triển Nông thôn");
    a.set_branch("Chi nhánh huyện Định Quán");
    return a;
  }

  // Another account number no other test uses.
  std::string new_account(const std::string& prefix) const { return prefix + district_account_; }

  static void close(v1::UpdateFundRequest& r, const std::string& number, int month, int day) {
    auto* closure = r.add_close_accounts();
    closure->set_account_number(number);
    closure->mutable_closed_on()->set_year(2024);
    closure->mutable_closed_on()->set_month(month);
    closure->mutable_closed_on()->set_day(day);
  }

  grpc::Status update(const v1::UpdateFundRequest& r, v1::Fund* out,
                      const std::string& bearer = {}) const {
    return stub_->UpdateFund(as(bearer.empty() ? district() : bearer).get(), r, out);
  }

  v1::RecordDonationRequest transfer(const std::string& id, int month, int day) const {
    auto r = cash(300'000, id + "-" + suffix_);
    r.set_channel(v1::CHANNEL_BANK_TRANSFER);
    r.set_bank_account_number(district_account_);
    r.set_bank_reference("FT-" + id + "-" + suffix_);
    r.mutable_received_on()->set_month(month);
    r.mutable_received_on()->set_day(day);
    return r;
  }

  std::string count(const std::string& table) const {
    return scalar("SELECT count(*) FROM " + table + " WHERE fund_id = '" + district_fund_ + "'");
  }
  std::string changed_events() const {
    return scalar(
        "SELECT count(*) FROM outbox WHERE subject = 'vnn.donation.fund.changed' AND "
        "aggregate_id = '" +
        district_fund_ + "'");
  }
};

TEST_F(FundChangeTest, ARenameAndANewAccountAreKeptWithTheirReason) {
  auto r = change("rename");
  r.set_name("Quỹ \"Vì người nghèo\" huyện Định Quán (tỉnh Đồng Nai)");
  *r.add_add_accounts() = agribank(new_account("5"));
  v1::Fund fund;
  auto status = update(r, &fund);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(fund.version(), 2);
  EXPECT_EQ(fund.name(), r.name());
  ASSERT_EQ(fund.accounts_size(), 2);
  for (const auto& a : fund.accounts()) EXPECT_FALSE(a.has_closed_on());

  EXPECT_EQ(scalar("SELECT version FROM fund WHERE id = '" + district_fund_ + "'"), "2");
  EXPECT_EQ(scalar("SELECT reason || '|' || changed_by || '|' || version FROM fund_change WHERE "
                   "fund_id = '" +
                   district_fund_ + "'"),
            std::string(kReason) + "|officer|2");
  // The history holds the fund as it was and what the change did.
  EXPECT_EQ(
      scalar("SELECT before->>'name' FROM fund_change WHERE fund_id = '" + district_fund_ + "'"),
      "Quỹ \"Vì người nghèo\" huyện Định Quán");
  EXPECT_EQ(scalar("SELECT changes->'added'->>0 FROM fund_change WHERE fund_id = '" +
                   district_fund_ + "'"),
            new_account("5"));

  // ListFunds shows the change too.
  v1::ListFundsResponse funds;
  ASSERT_TRUE(stub_->ListFunds(as(district()).get(), {}, &funds).ok());
  bool seen = false;
  for (const auto& f : funds.funds()) {
    if (f.id() != district_fund_) continue;
    seen = true;
    EXPECT_EQ(f.version(), 2);
    EXPECT_EQ(f.accounts_size(), 2);
  }
  EXPECT_TRUE(seen);
}

TEST_F(FundChangeTest, OnlyWhoMayCreateTheFundMayChangeIt) {
  auto r = change("role");
  r.set_fund_id(commune_fund_);
  r.set_name("Quỹ \"Vì người nghèo\" xã Phú Túc (mới)");
  v1::Fund fund;
  // CreateFund is the district office's: a commune officer may not change even its own fund.
  EXPECT_EQ(update(r, &fund, token(Role::kCommuneOfficer, {"26242"})).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(update(r, &fund, token(Role::kMemberOrganisation, {"736"}, "hoi-lhpn")).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(update(r, &fund, token(Role::kAuditor)).error_code(), StatusCode::PERMISSION_DENIED);
  // A district-office token for another unit does not reach this fund.
  EXPECT_EQ(update(r, &fund, token(Role::kDistrictOffice, {"26236"})).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(scalar("SELECT version FROM fund WHERE id = '" + commune_fund_ + "'"), "1");
  EXPECT_EQ(scalar("SELECT count(*) FROM fund_change WHERE fund_id = '" + commune_fund_ + "'"),
            "0");

  // The district office changes the funds of its district and of the communes below it.
  auto status = update(r, &fund);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(fund.version(), 2);
  r = change("role-district");
  r.set_name("Quỹ \"Vì người nghèo\" huyện Định Quán (mới)");
  EXPECT_TRUE(update(r, &fund).ok());
}

TEST_F(FundChangeTest, AChangeMadeAgainstAStaleVersionIsRefused) {
  auto first = change("first");
  first.set_name("Tên thứ nhất");
  auto second = change("second");
  second.set_name("Tên thứ hai");
  v1::Fund fund;
  ASSERT_TRUE(update(first, &fund).ok());
  auto context = as(district());
  auto status = stub_->UpdateFund(context.get(), second, &fund);
  EXPECT_EQ(status.error_code(), StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(field_of(*context), "expected_version");
  EXPECT_EQ(scalar("SELECT name FROM fund WHERE id = '" + district_fund_ + "'"), "Tên thứ nhất");
  EXPECT_EQ(count("fund_change"), "1");

  // Read again, then change: it goes through.
  second.set_request_id("second-again-" + suffix_);
  second.set_expected_version(2);
  ASSERT_TRUE(update(second, &fund).ok());
  EXPECT_EQ(fund.version(), 3);
}

TEST_F(FundChangeTest, AClosedAccountTakesNoTransferFromItsClosingDay) {
  v1::Donation donation;
  ASSERT_TRUE(record(transfer("before", 3, 1), &donation).ok());

  // Not on or before a transfer already recorded into it.
  auto r = change("close-early");
  close(r, district_account_, 3, 1);
  auto context = as(district());
  v1::Fund fund;
  EXPECT_EQ(stub_->UpdateFund(context.get(), r, &fund).error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(field_of(*context), "close_accounts[0].closed_on");

  r = change("close");
  close(r, district_account_, 4, 1);
  *r.add_add_accounts() = agribank(new_account("6"));
  auto status = update(r, &fund);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(fund.accounts_size(), 2);
  for (const auto& a : fund.accounts()) {
    if (a.account_number() == district_account_) {
      EXPECT_EQ(a.closed_on().month(), 4);
      EXPECT_EQ(a.closed_on().day(), 1);
    } else {
      EXPECT_FALSE(a.has_closed_on());
    }
  }
  // It stays on record.
  EXPECT_EQ(count("fund_account"), "2");

  for (const auto& [id, day] : std::vector<std::pair<std::string, int>>{{"on", 1}, {"after", 2}}) {
    context = as(district());
    status = stub_->RecordDonation(context.get(), transfer(id, 4, day), &donation);
    EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT) << id;
    EXPECT_EQ(field_of(*context), "bank_account_number") << id;
  }
  // Money that arrived before the closing is still recorded, late.
  status = record(transfer("late", 3, 20), &donation);
  EXPECT_TRUE(status.ok()) << status.error_message();
  // The new account takes transfers.
  auto into_new = transfer("new", 4, 2);
  into_new.set_bank_account_number(new_account("6"));
  status = record(into_new, &donation);
  EXPECT_TRUE(status.ok()) << status.error_message();

  // Its statement still reconciles what came before the closing; later lines are refused.
  v1::ImportHeader header;
  header.set_request_id("statement-" + suffix_);
  header.set_format(v1::IMPORT_FORMAT_BANK_STATEMENT);
  header.set_fund_id(district_fund_);
  header.set_bank_account_number(district_account_);
  v1::ImportReport report;
  status = import(header,
                  "date,reference,amount_dong,description\n"
                  "01/03/2024,FT-before-" +
                      suffix_ +
                      ",300000,CK ung ho\n"
                      "2024-04-03,FT-AFTER-1,100000,CK ung ho\n",
                  &report);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(report.matched(), 1);
  ASSERT_EQ(report.problems_size(), 1);
  EXPECT_EQ(report.problems(0).line(), 3);
  EXPECT_EQ(report.problems(0).field(), "date");

  // Closing it again is refused.
  r = change("close-again");
  r.set_expected_version(2);
  close(r, district_account_, 5, 1);
  context = as(district());
  EXPECT_EQ(stub_->UpdateFund(context.get(), r, &fund).error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(field_of(*context), "close_accounts[0].account_number");
}

TEST_F(FundChangeTest, FundChangedIsPublishedWithoutHolderNames) {
  auto r = change("event");
  close(r, district_account_, 4, 1);
  // A commune's account may be held in its treasurer's name.
  auto held = agribank(new_account("7"));
  held.set_account_name("Trần Thị Hoa");
  *r.add_add_accounts() = held;
  v1::Fund fund;
  ASSERT_TRUE(update(r, &fund).ok());

  platform::NatsSettings settings = TestStack::get().nats_settings();
  platform::events::NatsClient nats(settings, "fund-change-test");
  std::vector<StreamMessage> mine;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (mine.empty()) {
    ASSERT_LT(std::chrono::steady_clock::now(), until) << "fund.changed was not published";
    if (nats.connected()) {
      for (auto& m : read_stream(nats, "vnn.donation.fund.changed")) {
        if (m.envelope.aggregate_id() == district_fund_) mine.push_back(std::move(m));
      }
    }
    if (mine.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(mine.size(), 1u);
  const auto& envelope = mine[0].envelope;
  EXPECT_EQ(envelope.type(), "fund.changed");
  EXPECT_EQ(envelope.aggregate_version(), 2);
  v1::FundChanged event;
  ASSERT_TRUE(envelope.payload().UnpackTo(&event));
  EXPECT_EQ(event.fund_id(), district_fund_);
  EXPECT_EQ(event.unit_code(), "736");
  EXPECT_EQ(event.version(), 2);
  ASSERT_EQ(event.accounts_size(), 2);
  bool closed_seen = false;
  for (const auto& a : event.accounts()) {
    if (a.account_number() == district_account_) {
      closed_seen = a.has_closed_on() && a.closed_on().month() == 4;
    }
  }
  EXPECT_TRUE(closed_seen);
  // Neither the holder's name nor the officer nor the reason travel with it.
  const std::string bytes = envelope.SerializeAsString();
  EXPECT_EQ(bytes.find("Trần Thị Hoa"), std::string::npos);
  EXPECT_EQ(bytes.find("officer"), std::string::npos);
  EXPECT_EQ(bytes.find("Quyết định"), std::string::npos);
}

TEST_F(FundChangeTest, BadInputIsRefusedNamingTheFieldAndNothingIsHalfWritten) {
  struct Case {
    std::string name;
    std::function<void(v1::UpdateFundRequest&)> spoil;
    StatusCode code;
    std::string field;
  };
  const auto added = [](v1::UpdateFundRequest& r) -> v1::BankAccount& {
    return *r.mutable_add_accounts(0);
  };
  const std::vector<Case> cases{
      {"no reason", [](auto& r) { r.clear_reason(); }, StatusCode::INVALID_ARGUMENT, "reason"},
      {"blank reason", [](auto& r) { r.set_reason("   "); }, StatusCode::INVALID_ARGUMENT,
       "reason"},
      {"reason too long", [](auto& r) { r.set_reason(std::string(501, 'x')); },
       StatusCode::INVALID_ARGUMENT, "reason"},
      {"no version", [](auto& r) { r.set_expected_version(0); }, StatusCode::INVALID_ARGUMENT,
       "expected_version"},
      {"bad fund id", [](auto& r) { r.set_fund_id("quỹ 736"); }, StatusCode::INVALID_ARGUMENT,
       "fund_id"},
      {"unknown fund", [](auto& r) { r.set_fund_id("no-such-fund"); }, StatusCode::NOT_FOUND, ""},
      {"name too long", [](auto& r) { r.set_name(std::string(301, 'x')); },
       StatusCode::INVALID_ARGUMENT, "name"},
      {"name with a control character", [](auto& r) { r.set_name("Quỹ\x07"); },
       StatusCode::INVALID_ARGUMENT, "name"},
      {"short account number", [&](auto& r) { added(r).set_account_number("12345"); },
       StatusCode::INVALID_ARGUMENT, "add_accounts[0].account_number"},
      {"letters in account number", [&](auto& r) { added(r).set_account_number("1000ABC0616"); },
       StatusCode::INVALID_ARGUMENT, "add_accounts[0].account_number"},
      {"no account name", [&](auto& r) { added(r).clear_account_name(); },
       StatusCode::INVALID_ARGUMENT, "add_accounts[0].account_name"},
      {"no bank", [&](auto& r) { added(r).clear_bank(); }, StatusCode::INVALID_ARGUMENT,
       "add_accounts[0].bank"},
      {"branch too long", [&](auto& r) { added(r).set_branch(std::string(301, 'x')); },
       StatusCode::INVALID_ARGUMENT, "add_accounts[0].branch"},
      {"opened already closed", [&](auto& r) { added(r).mutable_closed_on()->set_year(2024); },
       StatusCode::INVALID_ARGUMENT, "add_accounts[0].closed_on"},
      {"the fund's own account", [&](auto& r) { added(r).set_account_number(district_account_); },
       StatusCode::INVALID_ARGUMENT, "add_accounts[0].account_number"},
      {"the same account twice", [](auto& r) { *r.add_add_accounts() = r.add_accounts(0); },
       StatusCode::INVALID_ARGUMENT, "add_accounts[1].account_number"},
      {"another fund's account", [&](auto& r) { added(r).set_account_number(commune_account_); },
       StatusCode::ALREADY_EXISTS, "add_accounts[0].account_number"},
      {"closing an unknown account", [&](auto& r) { close(r, "999888777666", 4, 1); },
       StatusCode::INVALID_ARGUMENT, "close_accounts[0].account_number"},
      {"closing another fund's account", [&](auto& r) { close(r, commune_account_, 4, 1); },
       StatusCode::INVALID_ARGUMENT, "close_accounts[0].account_number"},
      {"closing without a date",
       [&](auto& r) { r.add_close_accounts()->set_account_number(district_account_); },
       StatusCode::INVALID_ARGUMENT, "close_accounts[0].closed_on"},
      {"closing twice",
       [&](auto& r) {
         close(r, district_account_, 4, 1);
         close(r, district_account_, 4, 2);
       },
       StatusCode::INVALID_ARGUMENT, "close_accounts[1].account_number"},
      {"nothing to change", [](auto& r) { r.clear_add_accounts(); }, StatusCode::INVALID_ARGUMENT,
       ""},
      {"no request id", [](auto& r) { r.clear_request_id(); }, StatusCode::INVALID_ARGUMENT,
       "request_id"},
  };
  int n = 0;
  for (const auto& c : cases) {
    auto r = change("bad-" + std::to_string(++n));
    // A good account first: when the spoiled part fails, it must not stay behind.
    *r.add_add_accounts() = agribank(new_account("8"));
    c.spoil(r);
    auto context = as(district());
    v1::Fund fund;
    auto status = stub_->UpdateFund(context.get(), r, &fund);
    EXPECT_EQ(status.error_code(), c.code) << c.name << ": " << status.error_message();
    EXPECT_EQ(field_of(*context), c.field) << c.name;
  }
  // Text that is not UTF-8 cannot be parsed from a proto3 string field: gRPC refuses it first.
  auto not_utf8 = change("bad-utf8");
  not_utf8.set_name("Qu\xE1\xBB");
  v1::Fund fund;
  EXPECT_FALSE(update(not_utf8, &fund).ok());

  EXPECT_EQ(scalar("SELECT version FROM fund WHERE id = '" + district_fund_ + "'"), "1");
  EXPECT_EQ(count("fund_account"), "1");
  EXPECT_EQ(scalar("SELECT count(*) FROM fund_account WHERE closed_on IS NOT NULL AND fund_id = '" +
                   district_fund_ + "'"),
            "0");
  EXPECT_EQ(count("fund_change"), "0");
  EXPECT_EQ(changed_events(), "0");
}

TEST_F(FundChangeTest, ARetryWithTheSameRequestIdReturnsTheFirstResult) {
  auto r = change("retry");
  *r.add_add_accounts() = agribank(new_account("9"));
  v1::Fund first, again;
  ASSERT_TRUE(update(r, &first).ok());
  // The same request again is not stale: it is the same change, answered as the first time.
  auto status = update(r, &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(count("fund_change"), "1");
  EXPECT_EQ(changed_events(), "1");
  EXPECT_EQ(count("fund_account"), "2");

  // Another change under the same request id is refused.
  auto other = r;
  other.set_name("Tên khác");
  auto context = as(district());
  EXPECT_EQ(stub_->UpdateFund(context.get(), other, &again).error_code(),
            StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(field_of(*context), "request_id");
}

}  // namespace
}  // namespace vnn::testing
