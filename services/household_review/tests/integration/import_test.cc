// Importing a commune's official list: good households recorded, bad rows reported with line,
// field and reason, a re-import creates nothing new.

#include <chrono>

#include "household_fixture.h"
#include "vnn/platform/rpc/error_details.h"

namespace vnn::testing {
namespace {

namespace v1 = household_review::v1;

using ImportTest = HouseholdFixture;

v1::ImportHouseholdsReport import_csv(v1::HouseholdReviewService::Stub& stub,
                                      const std::string& bearer, const std::string& unit,
                                      const std::string& csv, const std::string& request_id,
                                      grpc::Status* status) {
  auto context = client_context(bearer);
  v1::ImportHouseholdsReport report;
  auto writer = stub.ImportHouseholds(context.get(), &report);
  v1::ImportHouseholdsChunk header;
  header.mutable_header()->set_request_id(request_id);
  header.mutable_header()->set_unit_code(unit);
  header.mutable_header()->set_file_name("danh-sach-ho-ngheo.csv");
  writer->Write(header);
  // Odd-sized pieces: a row, even a UTF-8 letter, may be split between messages.
  for (std::size_t at = 0; at < csv.size(); at += 37) {
    v1::ImportHouseholdsChunk chunk;
    chunk.set_data(csv.substr(at, 37));
    writer->Write(chunk);
  }
  writer->WritesDone();
  *status = writer->Finish();
  return report;
}

TEST_F(ImportTest, PlantedBadRowsAreReportedAndGoodHouseholdsRecordedOnce) {
  const std::string s = suffix_;
  const std::string hamlet = "Ấp Hiệp Quyết " + s;
  const std::string head_id = citizen_id(1966);
  std::string csv =
      "household_code,hamlet,address,poverty_status,poverty_standard,classified_year,housing,"
      "meritorious_member,sudden_hardship,vulnerabilities,relation,full_name,birth_year,"
      "citizen_id\n";
  auto row = [&](const std::string& code, const std::string& housing, const std::string& relation,
                 const std::string& name, const std::string& year, const std::string& id,
                 const std::string& status = "poor", const std::string& merit = "0") {
    csv += code + "-" + s + "," + hamlet + ",\"Tổ 5, " + hamlet + "\"," + status +
           ",2022-2025,2024," + housing + "," + merit + ",,người cao tuổi; khuyết tật," + relation +
           "," + name + "," + year + "," + id + "\n";
  };
  row("H1", "temporary", "chủ hộ", "Lâm Văn Tư", "1966", head_id);            // line 2
  row("H1", "temporary", "con", "Lâm Thị Út", "2004", "");                    // line 3
  row("H2", "nhà lá", "chủ hộ", "Đinh Văn Khá", "1970", "");                  // line 4: housing
  row("H3", "non_durable", "chủ hộ", "Cao Văn Giỏi", "1971", "");             // line 5
  row("H3", "non_durable", "vợ", "Hà Thị Hiền", "1975", "07517500");          // line 6: citizen id
  row("H4", "nhà tạm", "chủ hộ", "Kiều Thị Lan", "1959", "", "nghèo", "có");  // line 7
  row("H1", "temporary", "cháu", "Lâm Văn Bé", "2015", "");                   // line 8: repeat

  grpc::Status status;
  auto report = import_csv(*stub_, commune(), kPhuTuc, csv, "import-" + s, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(report.rows(), 7);
  EXPECT_EQ(report.households_created(), 2);
  EXPECT_EQ(report.rejected_rows(), 4);
  ASSERT_EQ(report.problems_size(), 3);
  EXPECT_EQ(report.problems(0).line(), 4);
  EXPECT_EQ(report.problems(0).field(), "housing");
  EXPECT_EQ(report.problems(1).line(), 6);
  EXPECT_EQ(report.problems(1).field(), "citizen_id");
  EXPECT_EQ(report.problems(2).line(), 8);
  EXPECT_EQ(report.problems(2).field(), "household_code");
  // Codes for clients to word the problems in their own language.
  EXPECT_EQ(report.problems(0).code(), "invalid_value");
  EXPECT_EQ(report.problems(1).code(), "invalid_value");
  EXPECT_EQ(report.problems(2).code(), "rows_apart");

  const auto h1 = scalar("SELECT id FROM household WHERE household_code = 'H1-" + s + "'");
  ASSERT_FALSE(h1.empty());
  EXPECT_EQ(scalar("SELECT count(*) FROM person WHERE household_id = " + h1), "2");
  EXPECT_EQ(scalar("SELECT array_to_string(vulnerabilities, '|') FROM household WHERE id = " + h1),
            "người cao tuổi|khuyết tật");
  EXPECT_EQ(scalar("SELECT meritorious_member::text || housing FROM household WHERE "
                   "household_code = 'H4-" +
                   s + "'"),
            "truetemporary");
  EXPECT_EQ(scalar("SELECT count(*) FROM outbox WHERE subject = "
                   "'vnn.household_review.household.registered' AND aggregate_id = '" +
                   h1 + "'"),
            "1");

  // The same file again: nothing new.
  report = import_csv(*stub_, commune(), kPhuTuc, csv, "import-again-" + s, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(report.households_created(), 0);
  EXPECT_EQ(report.households_existing(), 2);
  EXPECT_EQ(scalar("SELECT count(*) FROM household WHERE household_code LIKE '%-" + s + "'"), "2");
}

TEST_F(ImportTest, ACommuneImportsOnlyItsOwnListAndTheHeaderIsChecked) {
  grpc::Status status;
  import_csv(*stub_, commune(kPhuTuc), kPhuCuong, "household_code\n", "import-x-" + suffix_,
             &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  import_csv(*stub_, commune(kPhuTuc), kPhuTuc, "ma_ho,ho_ten\n", "import-y-" + suffix_, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

const char* const kColumns =
    "household_code,hamlet,address,poverty_status,poverty_standard,classified_year,housing,"
    "meritorious_member,sudden_hardship,vulnerabilities,relation,full_name,birth_year,"
    "citizen_id\n";

// One person's row of household `code`; `address` may be made long.
std::string person_row(const std::string& code, const std::string& name,
                       const std::string& address = "Tổ 5") {
  return code + ",Ấp 1,\"" + address + "\",poor,2022-2025,2024,temporary,0,,,chủ hộ," + name +
         ",2004,\n";
}

// A household whose code repeats on row after row is refused at the cap of 30 members; the
// rows past it are counted, not collected.
TEST_F(ImportTest, AHouseholdPastThirtyMembersIsRefusedAtItsHeadsLine) {
  const std::string code = "DAI-" + suffix_;
  std::string csv = kColumns;
  for (int i = 0; i < 200; ++i) csv += person_row(code, "Người " + std::to_string(i));
  csv += person_row("SAU-" + suffix_, "Người sau");
  grpc::Status status;
  auto report = import_csv(*stub_, commune(), kPhuTuc, csv, "import-" + suffix_, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(report.rows(), 201);
  EXPECT_EQ(report.rejected_rows(), 200);
  EXPECT_EQ(report.households_created(), 1);
  ASSERT_EQ(report.problems_size(), 1);
  EXPECT_EQ(report.problems(0).line(), 2);
  EXPECT_EQ(report.problems(0).field(), "full_name");
  EXPECT_EQ(report.problems(0).reason(), "at most 30");
  EXPECT_EQ(report.problems(0).code(), "invalid_value");
  EXPECT_EQ(scalar("SELECT count(*) FROM household WHERE household_code = '" + code + "'"), "0");
}

// The platform's import limits, small enough to reach in a test: 50 rows, 20,000 bytes.
class ImportLimitTest : public HouseholdFixture {
 protected:
  void SetUp() override {
    service_env_ = {{"VNN_IMPORT_MAX_ROWS", "50"}, {"VNN_IMPORT_MAX_BYTES", "20000"}};
    HouseholdFixture::SetUp();
  }

  // `count` households of one person each, their codes ending in the test's suffix.
  std::string households(int count, const std::string& address = "Tổ 5") const {
    std::string csv;
    for (int i = 0; i < count; ++i) {
      csv += person_row("H" + std::to_string(i) + "-" + suffix_, "Chủ hộ " + std::to_string(i),
                        address);
    }
    return csv;
  }

  // Refused with `code` and `reason`, the message naming `line` when given, nothing written.
  void expect_refused_whole(const std::string& csv, grpc::StatusCode code,
                            const std::string& reason, const std::string& line = "") {
    grpc::Status status;
    import_csv(*stub_, commune(), kPhuTuc, csv, "import-" + suffix_, &status);
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    const auto details = platform::rpc::read_error_details(status);
    EXPECT_EQ(details.reason, reason);
    EXPECT_FALSE(details.vietnamese.empty());
    if (!line.empty()) {
      EXPECT_NE(status.error_message().find(line), std::string::npos) << status.error_message();
    }
    EXPECT_EQ(
        scalar("SELECT count(*) FROM household WHERE household_code LIKE '%-" + suffix_ + "'"),
        "0");
  }
};

TEST_F(ImportLimitTest, AnOverlongFieldEndsTheImportWithItsLineAndWritesNothing) {
  expect_refused_whole(
      std::string(kColumns) + households(5) + person_row("X-" + suffix_, std::string(9000, 'x')),
      grpc::StatusCode::INVALID_ARGUMENT, "CSV_FIELD_TOO_LONG", "line 7");
}

TEST_F(ImportLimitTest, TooManyFieldsEndTheImportWithItsLineAndWriteNothing) {
  expect_refused_whole(std::string(kColumns) + households(5) + "X," + std::string(80, ',') + "\n",
                       grpc::StatusCode::INVALID_ARGUMENT, "CSV_TOO_MANY_FIELDS", "line 7");
}

TEST_F(ImportLimitTest, AnUnclosedQuoteEndsTheImportAtItsLineAndWritesNothing) {
  std::string csv = std::string(kColumns) + households(5) + "X-" + suffix_ + ",\"Ấp 1\n";
  for (int i = 0; i < 700; ++i) csv += "tiếp theo " + std::to_string(i) + "\n";
  expect_refused_whole(csv, grpc::StatusCode::INVALID_ARGUMENT, "CSV_UNCLOSED_QUOTE", "line 7");
}

TEST_F(ImportLimitTest, MoreRowsThanTheLimitEndTheImportAndWriteNothing) {
  expect_refused_whole(std::string(kColumns) + households(51), grpc::StatusCode::RESOURCE_EXHAUSTED,
                       "IMPORT_TOO_MANY_ROWS");
}

TEST_F(ImportLimitTest, MoreBytesThanTheLimitEndTheImportAndWriteNothing) {
  const std::string csv = std::string(kColumns) + households(45, std::string(450, 'a'));
  ASSERT_GT(csv.size(), 20'000u);
  expect_refused_whole(csv, grpc::StatusCode::RESOURCE_EXHAUSTED, "IMPORT_TOO_LARGE");
}

// The caller is refused before the service reads the stream: a client that sends nothing gets
// its answer at once instead of waiting for its deadline.
TEST_F(ImportLimitTest, AnImportWithoutAValidTokenIsRefusedBeforeAnyMessageIsRead) {
  for (const std::string& bearer : {std::string(), std::string("Bearer not-a-token")}) {
    auto context = client_context(bearer);  // the first one: no token at all
    const auto started = std::chrono::steady_clock::now();
    v1::ImportHouseholdsReport report;
    auto writer = stub_->ImportHouseholds(context.get(), &report);
    const auto status = writer->Finish();  // nothing written, the stream left open
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  }
}

}  // namespace
}  // namespace vnn::testing
