// End to end: the real vnn-donation binary, against the test stack, serving the administrative
// unit reference data of Định Quán (services/platform/data/admin-units/) before and after the
// 2025 merger.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "vnn/donation/v1/admin_units.grpc.pb.h"
#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

using namespace std::chrono_literals;
using donation::v1::AdministrativeUnitService;
using platform::auth::Role;

constexpr auto kCallTimeout = 20s;

common::v1::Date date(int year, int month, int day) {
  common::v1::Date out;
  out.set_year(year);
  out.set_month(month);
  out.set_day(day);
  return out;
}

std::string error_field_of(const grpc::ClientContext& context) {
  const auto& trailers = context.GetServerTrailingMetadata();
  auto found = trailers.find("vnn-error-field");
  if (found == trailers.end()) return {};
  return std::string(found->second.data(), found->second.size());
}

class DonationUnitsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto& stack = TestStack::get();
    try {
      auto env = stack.service_env("vnn_donation");
      env.insert({{"VNN_JWT_KEYS", test_tokens().key_spec()},
                  {"VNN_DONOR_ID_HASH_KEY_FILE", write_secret_file("vnn_donor_key")}});
      process_ = std::make_unique<ServiceProcess>(VNN_DONATION_BINARY, std::vector<std::string>{},
                                                  std::move(env));
      process_->wait_for_port(60s);
      stub_ = AdministrativeUnitService::NewStub(process_->channel());
    } catch (const std::exception& e) {
      startup_error_ = e.what();
    }
  }
  static void TearDownTestSuite() {
    stub_.reset();
    process_.reset();
  }
  void SetUp() override { ASSERT_TRUE(stub_) << "vnn-donation did not start: " << startup_error_; }

  // Any authenticated caller may read reference data; the public role is the least of them.
  static std::string reader() { return test_tokens().bearer(Role::kPublic); }

  static grpc::Status list(const std::string& authorization, const std::string& parent,
                           const common::v1::Date& valid_on,
                           donation::v1::ListAdministrativeUnitsResponse* response,
                           std::string* error_field = nullptr) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
    if (!authorization.empty()) context.AddMetadata("authorization", authorization);
    donation::v1::ListAdministrativeUnitsRequest request;
    request.set_parent_code(parent);
    *request.mutable_valid_on() = valid_on;
    grpc::Status status = stub_->ListAdministrativeUnits(&context, request, response);
    if (error_field != nullptr) *error_field = error_field_of(context);
    return status;
  }

  static grpc::Status get(const std::string& authorization, const std::string& code,
                          const common::v1::Date& valid_on, common::v1::AdminUnit* unit,
                          std::string* error_field = nullptr) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
    if (!authorization.empty()) context.AddMetadata("authorization", authorization);
    donation::v1::GetAdministrativeUnitRequest request;
    request.mutable_unit()->set_code(code);
    *request.mutable_unit()->mutable_valid_on() = valid_on;
    grpc::Status status = stub_->GetAdministrativeUnit(&context, request, unit);
    if (error_field != nullptr) *error_field = error_field_of(context);
    return status;
  }

  static std::map<std::string, std::string> names_by_code(
      const donation::v1::ListAdministrativeUnitsResponse& response) {
    std::map<std::string, std::string> names;
    for (const auto& unit : response.units()) names[unit.code()] = unit.name();
    return names;
  }

  static inline std::string startup_error_;
  static inline std::unique_ptr<ServiceProcess> process_;
  static inline std::unique_ptr<AdministrativeUnitService::Stub> stub_;
};

TEST_F(DonationUnitsTest, ListsTheTownshipAndCommunesOfDinhQuanIn2024) {
  donation::v1::ListAdministrativeUnitsResponse response;
  const grpc::Status status = list(reader(), "736", date(2024, 3, 1), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::map<std::string, std::string> expected = {
      {"26206", "Thị trấn Định Quán"}, {"26209", "Xã Thanh Sơn"}, {"26212", "Xã Phú Tân"},
      {"26215", "Xã Phú Vinh"},        {"26218", "Xã Phú Lợi"},   {"26221", "Xã Phú Hòa"},
      {"26224", "Xã Ngọc Định"},       {"26227", "Xã La Ngà"},    {"26230", "Xã Gia Canh"},
      {"26233", "Xã Phú Ngọc"},        {"26236", "Xã Phú Cường"}, {"26239", "Xã Túc Trưng"},
      {"26242", "Xã Phú Túc"},         {"26245", "Xã Suối Nho"},
  };
  EXPECT_EQ(response.units_size(), 14);
  EXPECT_EQ(names_by_code(response), expected);
  for (const auto& unit : response.units()) {
    SCOPED_TRACE(unit.code());
    EXPECT_EQ(unit.parent_code(), "736");
    EXPECT_EQ(unit.kind(), unit.code() == "26206" ? common::v1::ADMIN_UNIT_KIND_TOWNSHIP
                                                  : common::v1::ADMIN_UNIT_KIND_COMMUNE);
    // Each was in force until the merger and names the commune that took it in.
    EXPECT_EQ(unit.valid_to().year(), 2025);
    EXPECT_EQ(unit.valid_to().month(), 6);
    EXPECT_EQ(unit.valid_to().day(), 30);
    EXPECT_FALSE(unit.successor_code().empty());
  }
}

TEST_F(DonationUnitsTest, ListsTheSevenMergedCommunesUnderTheProvinceIn2025) {
  donation::v1::ListAdministrativeUnitsResponse response;
  const grpc::Status status = list(reader(), "75", date(2025, 8, 1), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::map<std::string, std::string> expected = {
      {"26206", "Xã Định Quán"}, {"26209", "Xã Thanh Sơn"}, {"26215", "Xã Phú Vinh"},
      {"26221", "Xã Phú Hòa"},   {"26227", "Xã La Ngà"},    {"26299", "Xã Thống Nhất"},
      {"26428", "Xã Xuân Bắc"},
  };
  // The district is gone: the communes hang directly under the province.
  EXPECT_EQ(response.units_size(), 7);
  EXPECT_EQ(names_by_code(response), expected);
  for (const auto& unit : response.units()) {
    SCOPED_TRACE(unit.code());
    EXPECT_EQ(unit.kind(), common::v1::ADMIN_UNIT_KIND_COMMUNE);
    EXPECT_EQ(unit.parent_code(), "75");
  }

  // Before the merger the same parent had one child: the district.
  donation::v1::ListAdministrativeUnitsResponse before;
  ASSERT_TRUE(list(reader(), "75", date(2024, 3, 1), &before).ok());
  ASSERT_EQ(before.units_size(), 1);
  EXPECT_EQ(before.units(0).code(), "736");
  EXPECT_EQ(before.units(0).name(), "Huyện Định Quán");
  EXPECT_EQ(before.units(0).kind(), common::v1::ADMIN_UNIT_KIND_DISTRICT);
}

TEST_F(DonationUnitsTest, ReusedCodeResolvesToTheUnitInForceOnTheDate) {
  common::v1::AdminUnit township;
  grpc::Status status = get(reader(), "26206", date(2024, 3, 1), &township);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(township.name(), "Thị trấn Định Quán");
  EXPECT_EQ(township.kind(), common::v1::ADMIN_UNIT_KIND_TOWNSHIP);
  EXPECT_EQ(township.parent_code(), "736");
  EXPECT_EQ(township.successor_code(), "26206");

  common::v1::AdminUnit commune;
  status = get(reader(), "26206", date(2025, 8, 1), &commune);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(commune.name(), "Xã Định Quán");
  EXPECT_EQ(commune.kind(), common::v1::ADMIN_UNIT_KIND_COMMUNE);
  EXPECT_EQ(commune.parent_code(), "75");
  EXPECT_EQ(commune.valid_from().year(), 2025);
  EXPECT_EQ(commune.valid_from().month(), 7);
  EXPECT_EQ(commune.valid_from().day(), 1);
  EXPECT_FALSE(commune.has_valid_to());
}

TEST_F(DonationUnitsTest, ReadingNeedsAToken) {
  donation::v1::ListAdministrativeUnitsResponse response;
  EXPECT_EQ(list("", "736", date(2024, 3, 1), &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  common::v1::AdminUnit unit;
  EXPECT_EQ(get("", "26206", date(2024, 3, 1), &unit).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // Every role may read, from the public up.
  for (Role role : {Role::kPublic, Role::kMemberOrganisation, Role::kAuditor}) {
    EXPECT_TRUE(get(test_tokens().bearer(role), "26206", date(2024, 3, 1), &unit).ok());
  }
}

TEST_F(DonationUnitsTest, ImpossibleDateIsInvalidArgumentNamingTheField) {
  donation::v1::ListAdministrativeUnitsResponse response;
  std::string field;
  EXPECT_EQ(list(reader(), "75", date(2025, 2, 30), &response, &field).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(field, "valid_on");

  common::v1::AdminUnit unit;
  EXPECT_EQ(get(reader(), "26206", date(2025, 13, 1), &unit, &field).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(field, "unit.valid_on");
}

}  // namespace
}  // namespace vnn::testing
