// Lists hold only what the caller may see: the caller's units are part of the query, before its
// LIMIT, so no page is empty while more follow and no page token names another unit's household.

#include <set>
#include <thread>

#include "household_fixture.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

namespace v1 = household_review::v1;

class ListScopeTest : public HouseholdFixture {
 protected:
  // Walks every page of a hamlet's households as `bearer` with `page_size`, failing the test
  // on an error or on an empty page that has a next token.
  std::vector<std::int64_t> list_all(const std::string& bearer, int page_size,
                                     const std::string& unit_code = {}) {
    std::vector<std::int64_t> ids;
    v1::ListHouseholdsRequest request;
    request.set_hamlet(hamlet_);
    request.set_unit_code(unit_code);
    request.mutable_page()->set_page_size(page_size);
    for (int pages = 0; pages < 20; ++pages) {
      v1::ListHouseholdsResponse response;
      const auto status = stub_->ListHouseholds(client_context(bearer).get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const auto& h : response.households()) ids.push_back(h.id());
      if (response.page().next_page_token().empty()) break;
      EXPECT_GT(response.households_size(), 0) << "an empty page with a next-page token";
      request.mutable_page()->set_page_token(response.page().next_page_token());
    }
    return ids;
  }
};

TEST_F(ListScopeTest, ACommuneListingOnePerPageGetsOnlyItsOwnHouseholdsAndNoEmptyPage) {
  const auto a = registered(household("LS-A", kPhuCuong, "Lê Văn An", 1960)).id();
  const auto b = registered(household("LS-B", kPhuTuc, "Trần Văn Bình", 1961)).id();
  const auto c = registered(household("LS-C", kPhuTuc, "Phạm Thị Cúc", 1962)).id();
  const auto d = registered(household("LS-D", kPhuCuong, "Võ Văn Dũng", 1963)).id();

  EXPECT_EQ(list_all(commune(kPhuCuong), 1), (std::vector<std::int64_t>{a, d}));
  EXPECT_EQ(list_all(commune(kPhuTuc), 1), (std::vector<std::int64_t>{b, c}));
  // A district through one commune, and over all of its communes.
  EXPECT_EQ(list_all(district(), 1, kPhuCuong), (std::vector<std::int64_t>{a, d}));
  EXPECT_EQ(list_all(district(), 1, "736"), (std::vector<std::int64_t>{a, b, c, d}));
  EXPECT_EQ(list_all(district(), 3), (std::vector<std::int64_t>{a, b, c, d}));
  // A commune of the province's 2025 map that took in none of them sees none; the one that
  // took in both (Thống Nhất, 26299) sees them all; an auditor sees all.
  EXPECT_TRUE(list_all(commune("26206"), 1).empty());
  EXPECT_EQ(list_all(commune("26299"), 2), (std::vector<std::int64_t>{a, b, c, d}));
  EXPECT_EQ(list_all(bearer_for(Role::kAuditor), 1), (std::vector<std::int64_t>{a, b, c, d}));
}

TEST_F(ListScopeTest, ANameSearchNeedsThreeLetters) {
  registered(household("NS-A", kPhuTuc, "Lê Văn An", 1960));
  v1::ListHouseholdsRequest request;
  request.set_hamlet(hamlet_);
  v1::ListHouseholdsResponse response;
  for (const std::string too_short : {"a", "Lê", " L ê "}) {
    request.set_name_contains(too_short);
    auto context = client_context(district());
    EXPECT_EQ(stub_->ListHouseholds(context.get(), request, &response).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << too_short;
    EXPECT_EQ(error_field(*context), "name_contains");
  }
  request.set_name_contains("văn");
  ASSERT_TRUE(stub_->ListHouseholds(client_context(district()).get(), request, &response).ok());
  EXPECT_EQ(response.households_size(), 1);
}

// Suối Nho (26245) holds only what a test puts there; Phú Túc is busy with every test's rows.
constexpr const char* kSuoiNho = "26245";

TEST_F(ListScopeTest, CandidaciesAndDuplicatePairsArePagedWithinTheCallersUnits) {
  // Two households of one person each in Phú Túc, Suối Nho, Phú Túc: three pairs, in order.
  std::vector<std::int64_t> ids;
  std::vector<std::string> units{kPhuTuc, kSuoiNho, kPhuTuc};
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto person = citizen_id(1950 + static_cast<int>(i));
    for (int copy = 0; copy < 2; ++copy) {
      ids.push_back(
          registered(household("DP-" + std::to_string(i) + "-" + std::to_string(copy), units[i],
                               "Đỗ Văn Hải", 1950 + static_cast<int>(i), person))
              .id());
    }
  }
  const auto suoi_nho = commune(kSuoiNho);
  std::set<std::int64_t> suoi_nho_ids{ids[2], ids[3]};

  v1::ListDuplicateCandidatesRequest list;
  list.mutable_page()->set_page_size(1);
  std::vector<v1::DuplicateCandidate> pairs;
  for (int pages = 0; pages < 50; ++pages) {
    v1::ListDuplicateCandidatesResponse page;
    const auto status = stub_->ListDuplicateCandidates(client_context(suoi_nho).get(), list, &page);
    ASSERT_TRUE(status.ok()) << status.error_message();
    for (const auto& c : page.candidates()) pairs.push_back(c);
    if (page.page().next_page_token().empty()) break;
    ASSERT_GT(page.candidates_size(), 0) << "an empty page with a next-page token";
    list.mutable_page()->set_page_token(page.page().next_page_token());
  }
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_TRUE(suoi_nho_ids.count(pairs[0].household_id()));
  EXPECT_TRUE(suoi_nho_ids.count(pairs[0].other_household_id()));

  // Put forward: each commune its own; Suối Nho's officer pages through its two only.
  submit(open_campaign_, kPhuTuc, {ids[0], ids[4]});
  submit(open_campaign_, kSuoiNho, {ids[2], ids[3]});
  v1::ListCandidaciesRequest candidacies;
  candidacies.set_campaign_id(open_campaign_);
  candidacies.mutable_page()->set_page_size(1);
  std::vector<std::int64_t> seen;
  for (int pages = 0; pages < 10; ++pages) {
    v1::ListCandidaciesResponse page;
    const auto status = stub_->ListCandidacies(client_context(suoi_nho).get(), candidacies, &page);
    ASSERT_TRUE(status.ok()) << status.error_message();
    for (const auto& c : page.candidacies()) seen.push_back(c.household_id());
    if (page.page().next_page_token().empty()) break;
    ASSERT_GT(page.candidacies_size(), 0) << "an empty page with a next-page token";
    candidacies.mutable_page()->set_page_token(page.page().next_page_token());
  }
  EXPECT_EQ(seen, (std::vector<std::int64_t>{ids[2], ids[3]}));
  // The district through one commune.
  candidacies.set_unit_code(kSuoiNho);
  candidacies.clear_page();
  v1::ListCandidaciesResponse page;
  ASSERT_TRUE(stub_->ListCandidacies(client_context(district()).get(), candidacies, &page).ok());
  EXPECT_EQ(page.candidacies_size(), 2);
}

TEST_F(ListScopeTest, TheRankingIsPagedAndCountsOnlyTheCallersHouseholds) {
  // Approved: Phú Túc, Suối Nho, Phú Túc, Suối Nho, in order of registration (the same flags, so
  // the ranking keeps that order).
  std::vector<std::int64_t> ids;
  const std::vector<std::string> units{kPhuTuc, kSuoiNho, kPhuTuc, kSuoiNho};
  for (std::size_t i = 0; i < units.size(); ++i) {
    ids.push_back(registered(household("RK-" + std::to_string(i), units[i], "Châu Văn Lộc",
                                       1940 + static_cast<int>(i)))
                      .id());
  }
  submit(open_campaign_, kPhuTuc, {ids[0], ids[2]});
  submit(open_campaign_, kSuoiNho, {ids[1], ids[3]});
  for (auto id : ids) {
    ASSERT_TRUE(review(open_campaign_, id, v1::REVIEW_DECISION_APPROVE, district()).ok());
  }
  auto rank_all = [&](const std::string& bearer, int page_size, int limit) {
    std::vector<std::pair<int, std::int64_t>> ranked;
    v1::RankApprovedRequest request;
    request.set_campaign_id(open_campaign_);
    request.set_limit(limit);
    request.mutable_page()->set_page_size(page_size);
    for (int pages = 0; pages < 10; ++pages) {
      v1::RankApprovedResponse response;
      const auto status = stub_->RankApproved(client_context(bearer).get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      EXPECT_LE(response.households_size(), page_size);
      for (const auto& h : response.households()) ranked.emplace_back(h.rank(), h.household_id());
      if (response.page().next_page_token().empty()) break;
      EXPECT_GT(response.households_size(), 0) << "an empty page with a next-page token";
      request.mutable_page()->set_page_token(response.page().next_page_token());
    }
    return ranked;
  };
  using Ranks = std::vector<std::pair<int, std::int64_t>>;
  EXPECT_EQ(rank_all(commune(kSuoiNho), 1, 0), (Ranks{{1, ids[1]}, {2, ids[3]}}));
  EXPECT_EQ(rank_all(district(), 3, 0),
            (Ranks{{1, ids[0]}, {2, ids[1]}, {3, ids[2]}, {4, ids[3]}}));
  EXPECT_EQ(rank_all(district(), 1, 3), (Ranks{{1, ids[0]}, {2, ids[1]}, {3, ids[2]}}));
}

TEST_F(ListScopeTest, CoverageGapsComeInPagesWithTheUnitsTotalsOnEach) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(
        registered(household("CV-" + std::to_string(i), kSuoiNho, "Tô Văn Lực", 1945 + i)).id());
  }
  submit(open_campaign_, kSuoiNho, ids);
  for (auto id : ids) {
    ASSERT_TRUE(review(open_campaign_, id, v1::REVIEW_DECISION_APPROVE, district()).ok());
  }
  v1::GetCoverageRequest request;
  request.set_campaign_id(open_campaign_);
  request.set_unit_code(kSuoiNho);
  request.mutable_page()->set_page_size(2);
  std::vector<std::int64_t> gaps;
  for (int pages = 0; pages < 5; ++pages) {
    v1::Coverage coverage;
    ASSERT_TRUE(stub_->GetCoverage(client_context(district()).get(), request, &coverage).ok());
    EXPECT_LE(coverage.unassigned_size(), 2);
    ASSERT_EQ(coverage.units_size(), 1);
    EXPECT_EQ(coverage.units(0).approved(), 3);
    EXPECT_EQ(coverage.units(0).unassigned(), 3);
    for (const auto& gap : coverage.unassigned()) gaps.push_back(gap.household_id());
    if (coverage.page().next_page_token().empty()) break;
    EXPECT_GT(coverage.unassigned_size(), 0) << "an empty page with a next-page token";
    request.mutable_page()->set_page_token(coverage.page().next_page_token());
  }
  EXPECT_EQ(gaps, ids);
}

// The first page of the hamlet's households as `bearer`, one per page; its next token.
class PageTokenTest : public ListScopeTest {
 protected:
  void SetUp() override {
    key_file_ = write_secret_file("vnn_page_key");
    service_env_["VNN_PAGE_TOKEN_KEY_FILE"] = key_file_;
    service_env_["VNN_PAGE_TOKEN_TTL_S"] = "2";
    ListScopeTest::SetUp();
  }
  std::string first_token(v1::HouseholdReviewService::Stub& stub, const std::string& bearer) {
    v1::ListHouseholdsRequest request;
    request.set_hamlet(hamlet_);
    request.mutable_page()->set_page_size(1);
    v1::ListHouseholdsResponse response;
    const auto status = stub.ListHouseholds(client_context(bearer).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_FALSE(response.page().next_page_token().empty());
    return response.page().next_page_token();
  }
  // The second page with `token` as `bearer`: the status and the field an error names.
  std::pair<grpc::StatusCode, std::string> continue_with(v1::HouseholdReviewService::Stub& stub,
                                                         const std::string& bearer,
                                                         const std::string& token,
                                                         v1::ListHouseholdsResponse* out) {
    v1::ListHouseholdsRequest request;
    request.set_hamlet(hamlet_);
    request.mutable_page()->set_page_size(1);
    request.mutable_page()->set_page_token(token);
    auto context = client_context(bearer);
    const auto status = stub.ListHouseholds(context.get(), request, out);
    return {status.error_code(), error_field(*context)};
  }
  std::string key_file_;
};

TEST_F(PageTokenTest, ATokenIsRefusedFromAnotherCallerAlteredOrStaleAndHoldsAcrossReplicas) {
  registered(household("PT-A", kPhuTuc, "Lê Văn An", 1960));
  const auto b = registered(household("PT-B", kPhuTuc, "Trần Văn Bình", 1961)).id();
  registered(household("PT-C", kPhuTuc, "Phạm Thị Cúc", 1962));
  const auto officer = commune(kPhuTuc, "cb-a");
  const auto token = first_token(*stub_, officer);
  const std::pair<grpc::StatusCode, std::string> refused{grpc::StatusCode::INVALID_ARGUMENT,
                                                         "page.page_token"};
  v1::ListHouseholdsResponse page;

  // Another officer of the same commune, an officer of another commune, the district, with the
  // token of the first.
  EXPECT_EQ(continue_with(*stub_, commune(kPhuTuc, "cb-b"), token, &page), refused);
  EXPECT_EQ(continue_with(*stub_, commune(kPhuCuong, "cb-a"), token, &page), refused);
  EXPECT_EQ(continue_with(*stub_, district(), token, &page), refused);
  // Altered: every character position changed in turn would do; the first and the last.
  for (std::size_t at : {std::size_t{0}, token.size() / 2, token.size() - 1}) {
    auto altered = token;
    altered[at] = altered[at] == '0' ? '1' : '0';
    EXPECT_EQ(continue_with(*stub_, officer, altered, &page), refused) << "changed at " << at;
  }
  EXPECT_EQ(continue_with(*stub_, officer, "42.1", &page), refused);

  // A second replica with the same key continues the first one's pages.
  auto replica_env = process_env_;
  replica_env.erase("VNN_DB_MIGRATION_DSN");
  ServiceProcess replica(VNN_HOUSEHOLD_REVIEW_BINARY, {}, std::move(replica_env));
  replica.wait_for_port();
  auto replica_stub = v1::HouseholdReviewService::NewStub(replica.channel());
  page.Clear();
  EXPECT_EQ(continue_with(*replica_stub, officer, token, &page).first, grpc::StatusCode::OK);
  ASSERT_EQ(page.households_size(), 1);
  EXPECT_EQ(page.households(0).id(), b);

  // Stale: the service here gives tokens two seconds.
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  EXPECT_EQ(continue_with(*stub_, officer, token, &page), refused);
}

}  // namespace
}  // namespace vnn::testing
