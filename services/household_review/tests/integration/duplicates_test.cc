// Duplicates across communes — the same citizen id, or the same name without diacritics and
// spacing with the same birth year and hamlet — block approval until the district decides.

#include <thread>

#include "household_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = household_review::v1;

using DuplicatesTest = HouseholdFixture;

std::vector<v1::DuplicateCandidate> candidates_of(v1::HouseholdReviewService::Stub& stub,
                                                  const std::string& bearer, std::int64_t id) {
  v1::ListDuplicateCandidatesRequest request;
  request.set_open_only(false);
  request.mutable_page()->set_page_size(1000);
  std::vector<v1::DuplicateCandidate> out;
  for (;;) {
    v1::ListDuplicateCandidatesResponse page;
    auto status = stub.ListDuplicateCandidates(client_context(bearer).get(), request, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const auto& c : page.candidates()) {
      if (c.household_id() == id || c.other_household_id() == id) out.push_back(c);
    }
    if (page.page().next_page_token().empty()) return out;
    request.mutable_page()->set_page_token(page.page().next_page_token());
  }
}

grpc::Status resolve(v1::HouseholdReviewService::Stub& stub, const std::string& bearer,
                     std::int64_t candidate, v1::DuplicateDecision decision,
                     v1::DuplicateCandidate* out, std::int64_t keep = 0) {
  v1::ResolveDuplicateRequest request;
  request.set_request_id("resolve-" + std::to_string(candidate) + "-" + std::to_string(decision));
  request.set_candidate_id(candidate);
  request.set_decision(decision);
  request.set_reason("Đối chiếu hồ sơ tại hai xã");
  request.set_keep_household_id(keep);
  return stub.ResolveDuplicate(client_context(bearer).get(), request, out);
}

TEST_F(DuplicatesTest, SameCitizenIdInAnotherCommuneIsADuplicate) {
  const auto id_number = citizen_id(1971, true);
  const auto a = registered(household("C-1", kPhuTuc, "Trương Thị Hoa", 1971, id_number));
  // The same woman as a member of a household in another commune, another hamlet.
  auto h = household("C-2", kPhuCuong, "Ngô Văn Đức", 1969, "", "Ấp Suối Dzui " + suffix_);
  auto* m = h.add_members();
  m->set_full_name("Trương Thị Hoa");
  m->set_birth_year(1971);
  m->set_citizen_id(id_number);
  const auto b = registered(h);
  const auto found = candidates_of(*stub_, district(), b.id());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].reason(), v1::DUPLICATE_REASON_CITIZEN_ID);
  EXPECT_EQ(found[0].household_id(), a.id());
  EXPECT_EQ(found[0].other_unit_code(), kPhuCuong);
  EXPECT_EQ(found[0].decision(), v1::DUPLICATE_DECISION_UNSPECIFIED);

  // Checking before registering says so too, without recording anything.
  v1::CheckDuplicatesRequest check;
  check.set_unit_code(kPhuCuong);
  check.set_hamlet("Ấp khác");
  auto* p = check.add_persons();
  p->set_full_name("Trương Thị Hoa");
  p->set_birth_year(1971);
  p->set_citizen_id(id_number);
  v1::CheckDuplicatesResponse matches;
  ASSERT_TRUE(
      stub_->CheckDuplicates(client_context(commune(kPhuCuong)).get(), check, &matches).ok());
  ASSERT_GE(matches.matches_size(), 1);
  EXPECT_EQ(matches.matches(0).reason(), v1::DUPLICATE_REASON_CITIZEN_ID);

  // Merged: the second household leaves the campaign it was put forward for.
  submit(open_campaign_, kPhuCuong, {b.id()});
  v1::DuplicateCandidate decided;
  EXPECT_EQ(
      resolve(*stub_, commune(kPhuTuc), found[0].id(), v1::DUPLICATE_DECISION_DUPLICATE, &decided)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(
      resolve(*stub_, district(), found[0].id(), v1::DUPLICATE_DECISION_DUPLICATE, &decided, a.id())
          .ok());
  EXPECT_EQ(decided.decision(), v1::DUPLICATE_DECISION_DUPLICATE);
  EXPECT_EQ(decided.decided_by(), "cb-huyen");
  EXPECT_EQ(scalar("SELECT merged_into_id FROM household WHERE id = " + std::to_string(b.id())),
            std::to_string(a.id()));
  EXPECT_EQ(scalar("SELECT state FROM candidacy WHERE household_id = " + std::to_string(b.id())),
            "withdrawn");
  // Deciding twice is refused.
  EXPECT_EQ(
      resolve(*stub_, district(), found[0].id(), v1::DUPLICATE_DECISION_NOT_DUPLICATE, &decided)
          .error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(scalar("SELECT count(*) FROM outbox WHERE aggregate_type = 'duplicate' AND "
                   "aggregate_id = '" +
                   std::to_string(found[0].id()) + "'"),
            "1");
}

TEST_F(DuplicatesTest, NamesDifferingOnlyInDiacriticsOrSpacingAreCandidatesAcrossCommunes) {
  const auto a = registered(household("F-1", kPhuTuc, "Nguyễn Thị Ánh Tuyết", 1980));
  const auto b = registered(household("F-2", kPhuCuong, "Nguyen Thi Anh  Tuyet", 1980));
  const auto c = registered(household("F-3", kPhuCuong, "Nguyễn ThịÁnh Tuyết", 1980));
  // Not candidates: another birth year, another hamlet, a clearly different name.
  const auto d = registered(household("F-4", kPhuCuong, "Nguyễn Thị Ánh Tuyết", 1981));
  const auto e = registered(
      household("F-5", kPhuCuong, "Nguyễn Thị Ánh Tuyết", 1980, "", "Ấp Bến Nôm " + suffix_));
  const auto f = registered(household("F-6", kPhuCuong, "Lê Văn Tám", 1980));

  auto of_b = candidates_of(*stub_, district(), b.id());
  ASSERT_EQ(of_b.size(), 2u);  // with a and with c
  for (const auto& pair : of_b) {
    EXPECT_EQ(pair.reason(), v1::DUPLICATE_REASON_SIMILAR_NAME);
    EXPECT_GE(pair.similarity(), 0.99);
  }
  EXPECT_EQ(candidates_of(*stub_, district(), c.id()).size(), 2u);
  EXPECT_TRUE(candidates_of(*stub_, district(), d.id()).empty());
  EXPECT_TRUE(candidates_of(*stub_, district(), e.id()).empty());
  EXPECT_TRUE(candidates_of(*stub_, district(), f.id()).empty());

  // An open question blocks approval; the decision (not a duplicate) lifts it.
  submit(open_campaign_, kPhuTuc, {a.id()});
  auto status = review(open_campaign_, a.id(), v1::REVIEW_DECISION_APPROVE, district());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("duplicate"), std::string::npos);
  for (const auto& pair : candidates_of(*stub_, district(), a.id())) {
    v1::DuplicateCandidate decided;
    ASSERT_TRUE(
        resolve(*stub_, district(), pair.id(), v1::DUPLICATE_DECISION_NOT_DUPLICATE, &decided)
            .ok());
  }
  EXPECT_TRUE(review(open_campaign_, a.id(), v1::REVIEW_DECISION_APPROVE, district()).ok());
}

TEST_F(DuplicatesTest, DifferentCitizenIdsAreDifferentPeopleWhateverTheirNames) {
  registered(household("D-1", kPhuTuc, "Phan Văn Lợi", 1977, citizen_id(1977)));
  const auto b = registered(household("D-2", kPhuCuong, "Phan Van Loi", 1977, citizen_id(1977)));
  EXPECT_TRUE(candidates_of(*stub_, district(), b.id()).empty());
}

// One woman on three communes' registers: three pairs. A household merged away can be neither
// merged again nor kept as a merge target (no chains of mergers), and two officers resolving
// pairs of one household at once get one success and a clean refusal, never INTERNAL.
class MergeChainTest : public HouseholdFixture {
 protected:
  struct Three {
    std::int64_t a = 0, b = 0, c = 0;
    std::int64_t ab = 0, ac = 0, bc = 0;  // the candidates
  };
  Three three(const std::string& tag) {
    const auto id_number = citizen_id(1968, true);
    auto with_her = [&](const std::string& code, const std::string& unit, const std::string& head) {
      auto h = household(code + tag, unit, head, 1965, "", "Ấp " + code + " " + suffix_);
      auto* m = h.add_members();
      m->set_full_name("Vũ Thị Lan");
      m->set_birth_year(1968);
      m->set_citizen_id(id_number);
      return registered(h).id();
    };
    Three t;
    t.a = with_her("M-A", kPhuTuc, "Đinh Văn Tâm");
    t.b = with_her("M-B", kPhuCuong, "Kiều Văn Phát");
    t.c = with_her("M-C", "26239", "Mai Văn Lộc");  // Túc Trưng
    for (const auto& found : candidates_of(*stub_, district(), t.a)) {
      const auto other =
          found.household_id() == t.a ? found.other_household_id() : found.household_id();
      if (other == t.b) t.ab = found.id();
      if (other == t.c) t.ac = found.id();
    }
    for (const auto& found : candidates_of(*stub_, district(), t.b)) {
      if (found.household_id() == t.c || found.other_household_id() == t.c) t.bc = found.id();
    }
    EXPECT_NE(t.ab, 0);
    EXPECT_NE(t.ac, 0);
    EXPECT_NE(t.bc, 0);
    return t;
  }
  std::string merged_into(std::int64_t id) {
    return scalar("SELECT merged_into_id FROM household WHERE id = " + std::to_string(id));
  }
};

TEST_F(MergeChainTest, AMergedHouseholdIsNeitherMergedAgainNorAMergeTarget) {
  const auto t = three("s");
  v1::DuplicateCandidate out;
  // B is merged into A.
  auto status = resolve(*stub_, district(), t.ab, v1::DUPLICATE_DECISION_DUPLICATE, &out, t.a);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(merged_into(t.b), std::to_string(t.a));
  // B cannot be merged again (into C), nor keep C merged into it.
  status = resolve(*stub_, district(), t.bc, v1::DUPLICATE_DECISION_DUPLICATE, &out, t.c);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(merged_into(t.b), std::to_string(t.a));
  status = resolve(*stub_, district(), t.bc, v1::DUPLICATE_DECISION_DUPLICATE, &out, t.b);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(merged_into(t.c), "");
  // C into A is a plain merger.
  status = resolve(*stub_, district(), t.ac, v1::DUPLICATE_DECISION_DUPLICATE, &out, t.a);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(merged_into(t.c), std::to_string(t.a));
}

TEST_F(MergeChainTest, ConcurrentMergersOfOneHouseholdGiveOneSuccessAndACleanRefusal) {
  for (int round = 0; round < 3; ++round) {
    const auto t = three("r" + std::to_string(round));
    // Two officers at once: A into B, and A into C.
    grpc::Status into_b, into_c;
    v1::DuplicateCandidate out_b, out_c;
    std::thread first([&] {
      into_b = resolve(*stub_, district(), t.ab, v1::DUPLICATE_DECISION_DUPLICATE, &out_b, t.b);
    });
    std::thread second([&] {
      into_c = resolve(*stub_, district(), t.ac, v1::DUPLICATE_DECISION_DUPLICATE, &out_c, t.c);
    });
    first.join();
    second.join();
    const auto clean = [](const grpc::Status& s) {
      return s.ok() || s.error_code() == grpc::StatusCode::FAILED_PRECONDITION ||
             s.error_code() == grpc::StatusCode::ABORTED;
    };
    EXPECT_TRUE(clean(into_b)) << into_b.error_code() << " " << into_b.error_message();
    EXPECT_TRUE(clean(into_c)) << into_c.error_code() << " " << into_c.error_message();
    EXPECT_EQ(int{into_b.ok()} + int{into_c.ok()}, 1) << "round " << round;
    EXPECT_EQ(merged_into(t.a), std::to_string(into_b.ok() ? t.b : t.c));
  }
}

}  // namespace
}  // namespace vnn::testing
