// Lists hold only what the caller may see: the caller's units are part of the query, before its
// LIMIT, so no page is empty while more follow and no page token names another unit's household.

#include <set>

#include "household_fixture.h"

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

}  // namespace
}  // namespace vnn::testing
