// Importing a commune's official list: good households recorded, bad rows reported with line,
// field and reason, a re-import creates nothing new.

#include "household_fixture.h"

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

}  // namespace
}  // namespace vnn::testing
