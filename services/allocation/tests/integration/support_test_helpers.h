#pragma once
// What the allocation service's decision and ledger tests share on top of AllocationFixture:
// checks of refusals (code, reason, field, metadata), of a fund's balances after each step (with
// VerifyLedger), raw calls the fixture's wrappers do not make, and the events that reached
// JetStream.

#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "allocation_fixture.h"
#include "vnn/platform/events/nats_client.h"
#include "vnn/testing/jetstream_reader.h"
#include "vnn/testing/test_stack.h"

namespace vnn::testing {

inline common::v1::Date make_date(int year, int month, int day) {
  common::v1::Date d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  return d;
}

// The refusal: gRPC code, reason (empty: none expected, not checked when "*"), and the field of
// the first BadRequest violation when `field` is not empty.
inline ::testing::AssertionResult refused(const grpc::Status& status, grpc::StatusCode code,
                                          const std::string& reason,
                                          const std::string& field = {}) {
  if (status.ok()) return ::testing::AssertionFailure() << "succeeded; expected a refusal";
  const auto d = platform::rpc::read_error_details(status);
  auto describe = [&] {
    return "code " + std::to_string(status.error_code()) + ", reason \"" + d.reason +
           "\", field \"" + d.field + "\", message: " + status.error_message();
  };
  if (status.error_code() != code) {
    return ::testing::AssertionFailure() << "expected code " << code << "; got " << describe();
  }
  if (reason != "*" && d.reason != reason) {
    return ::testing::AssertionFailure() << "expected reason " << reason << "; got " << describe();
  }
  if (!field.empty() && d.field != field) {
    return ::testing::AssertionFailure() << "expected field " << field << "; got " << describe();
  }
  if (d.vietnamese.empty()) {
    return ::testing::AssertionFailure() << "no Vietnamese message; got " << describe();
  }
  return ::testing::AssertionSuccess();
}

class SupportTest : public AllocationFixture {
 protected:
  using FundBalance = allocation::v1::FundBalance;

  struct Expected {
    std::int64_t received = 0;
    std::int64_t reversed = 0;
    std::int64_t reserved = 0;
    std::int64_t disbursed = 0;
  };

  // The fund's balances are `e` (available derived from them, not flagged short) and its
  // ledger verifies; `step` names the point of the test in failures.
  FundBalance expect_balances(const std::string& fund_id, const Expected& e,
                              const std::string& step) {
    SCOPED_TRACE(step);
    FundBalance b;
    const auto status = balance(fund_id, &b);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(b.received().dong(), e.received);
    EXPECT_EQ(b.reversed().dong(), e.reversed);
    EXPECT_EQ(b.reserved().dong(), e.reserved);
    EXPECT_EQ(b.disbursed().dong(), e.disbursed);
    EXPECT_EQ(b.available().dong(), e.received - e.reversed - e.reserved - e.disbursed);
    const auto v = verify_ledger(fund_id);
    EXPECT_EQ(v.recorded().available().dong(), b.available().dong());
    EXPECT_EQ(v.from_entries().available().dong(), b.available().dong());
    return b;
  }

  // A proposal with the parts given (fund parts get their source from the fund).
  struct Part {
    allocation::v1::FundingSource source;
    std::string fund_id;
    std::int64_t dong;
    std::string sponsor;
  };
  allocation::v1::ProposeSupportRequest request_with(std::int64_t household_id, SupportKind kind,
                                                     const std::vector<Part>& parts) {
    auto r = support_request(household_id, kind, district_fund(), 1);
    r.clear_funding();
    for (const auto& p : parts) {
      auto* part = r.add_funding();
      part->set_source(p.source);
      part->set_fund_id(p.fund_id);
      part->mutable_amount()->set_dong(p.dong);
      part->set_sponsor(p.sponsor);
    }
    return r;
  }

  Support proposed(const allocation::v1::ProposeSupportRequest& request,
                   const std::string& bearer = {}) {
    Support out;
    const auto status = propose(request, &out, bearer);
    EXPECT_TRUE(status.ok()) << "proposing: " << status.error_message();
    return out;
  }

  grpc::Status get_support(std::int64_t id, const std::string& bearer, Support* out) {
    allocation::v1::GetSupportRequest r;
    r.set_support_id(id);
    return stub_->GetSupport(client_context(bearer).get(), r, out);
  }

  // The ids ListSupports gives `bearer` (all pages) for the filters in `r`.
  std::set<std::int64_t> listed(const std::string& bearer,
                                allocation::v1::ListSupportsRequest r = {}) {
    std::set<std::int64_t> ids;
    for (;;) {
      allocation::v1::ListSupportsResponse out;
      const auto status = stub_->ListSupports(client_context(bearer).get(), r, &out);
      EXPECT_TRUE(status.ok()) << "ListSupports: " << status.error_message();
      if (!status.ok()) return ids;
      for (const auto& s : out.supports()) ids.insert(s.id());
      if (out.page().next_page_token().empty()) return ids;
      r.mutable_page()->set_page_token(out.page().next_page_token());
    }
  }

  grpc::Status fund_balance_as(const std::string& fund_id, const std::string& bearer,
                               FundBalance* out) {
    allocation::v1::GetFundBalanceRequest r;
    r.set_fund_id(fund_id);
    return stub_->GetFundBalance(client_context(bearer).get(), r, out);
  }

  // Every message of the stream matching `filter` for which `keep` holds, once at least
  // `at_least` of them arrived (or the timeout passed: then fails the test).
  std::vector<StreamMessage> events(
      const std::string& filter, const std::function<bool(const common::v1::EventEnvelope&)>& keep,
      std::size_t at_least, std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
    if (!nats_) {
      nats_ = std::make_unique<platform::events::NatsClient>(TestStack::get().nats_settings(),
                                                             "allocation-support-test");
    }
    const auto until = std::chrono::steady_clock::now() + timeout;
    std::vector<StreamMessage> kept;
    for (;;) {
      kept.clear();
      if (nats_->connected()) {
        for (auto& m : read_stream(*nats_, filter)) {
          if (keep(m.envelope)) kept.push_back(std::move(m));
        }
      }
      if (kept.size() >= at_least) return kept;
      if (std::chrono::steady_clock::now() > until) {
        ADD_FAILURE() << "only " << kept.size() << " of " << at_least << " events on " << filter;
        return kept;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  std::unique_ptr<platform::events::NatsClient> nats_;
};

}  // namespace vnn::testing
