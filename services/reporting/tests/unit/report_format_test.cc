// The final report's plain formatting: đồng, CSV fields, words, running balance, footer.
#include "rules/report_format.h"

#include <gtest/gtest.h>

#include <limits>

namespace vnn::reporting::rules {
namespace {

using platform::Date;

TEST(FormatDong, DotsBetweenThousandsWithoutCurrencySign) {
  EXPECT_EQ(format_dong(0), "0");
  EXPECT_EQ(format_dong(999), "999");
  EXPECT_EQ(format_dong(1000), "1.000");
  EXPECT_EQ(format_dong(1500000), "1.500.000");
  EXPECT_EQ(format_dong(-250000), "-250.000");
  EXPECT_EQ(format_dong(std::numeric_limits<std::int64_t>::min()), "-9.223.372.036.854.775.808");
}

TEST(Csv, BomIsTheUtf8ByteOrderMark) {
  EXPECT_EQ(kUtf8Bom, std::string_view("\xEF\xBB\xBF"));
  EXPECT_EQ(kCsvSeparator, ';');
}

TEST(Csv, FieldsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("Xã Phú Túc"), "Xã Phú Túc");
  EXPECT_EQ(csv_field("1.500.000"), "1.500.000");
  EXPECT_EQ(csv_field("a;b"), "\"a;b\"");
  EXPECT_EQ(csv_field("a,b"), "a,b");  // the comma is not the separator
  EXPECT_EQ(csv_field("a,b", ','), "\"a,b\"");
  EXPECT_EQ(csv_field("Quỹ “Vì người nghèo” \"huyện\""), "\"Quỹ “Vì người nghèo” \"\"huyện\"\"\"");
  EXPECT_EQ(csv_field("dòng 1\ndòng 2"), "\"dòng 1\ndòng 2\"");
  EXPECT_EQ(csv_field(" lề"), "\" lề\"");
  EXPECT_EQ(csv_field(""), "");
}

TEST(Csv, TextThatExcelWouldRunAsAFormulaIsDisarmed) {
  EXPECT_EQ(csv_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_text("+84 912"), "'+84 912");
  EXPECT_EQ(csv_text("-x"), "'-x");
  EXPECT_EQ(csv_text("@a"), "'@a");
  EXPECT_EQ(csv_text("Hội Phụ nữ"), "Hội Phụ nữ");
}

TEST(Csv, RowsEndWithCrLf) {
  EXPECT_EQ(csv_row({"Nội dung", "Số lượng", csv_field("a;b")}), "Nội dung;Số lượng;\"a;b\"\r\n");
  EXPECT_EQ(csv_row({}), "\r\n");
}

TEST(Language, ViByDefaultEnOnRequest) {
  EXPECT_EQ(parse_language(""), Language::kVietnamese);
  EXPECT_EQ(parse_language("vi"), Language::kVietnamese);
  EXPECT_EQ(parse_language("en"), Language::kEnglish);
  EXPECT_FALSE(parse_language("fr"));
}

TEST(ReportText, HeadingsInBothLanguagesWithDiacritics) {
  EXPECT_EQ(report_text("section.mobilisation", Language::kVietnamese), "I. Kết quả vận động");
  EXPECT_EQ(report_text("section.support", Language::kVietnamese), "II. Hỗ trợ hộ nghèo");
  EXPECT_EQ(report_text("section.houses", Language::kVietnamese), "III. Nhà Đại đoàn kết");
  EXPECT_EQ(report_text("section.mobilisation", Language::kEnglish), "I. Mobilisation results");
  EXPECT_EQ(report_text("no.such.key", Language::kEnglish), "no.such.key");
}

TEST(VietnamTime, SevenHoursAheadOfUtc) {
  using namespace std::chrono;
  // 2024-05-19 16:59 UTC is 23:59 in Vietnam, 17:00 UTC is midnight the next day.
  const auto at = sys_days{year{2024} / 5 / 19} + hours(16) + minutes(59);
  EXPECT_EQ(vietnam_time(at, Language::kVietnamese), "23:59 ngày 19/05/2024");
  EXPECT_EQ(vietnam_time(at + minutes(1), Language::kEnglish), "00:00 on 20/05/2024");
}

TEST(RunningBalance, SortsMergesAndCarriesTheBalance) {
  const auto lines = running_balance({{Date{2024, 3, 1}, 0, 400000},
                                      {Date{2024, 2, 5}, 1000000, 0},
                                      {Date{2024, 3, 1}, 250000, 0},
                                      {Date{2024, 2, 20}, 500000, 100000}});
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].on, (Date{2024, 2, 5}));
  EXPECT_EQ(lines[0].balance, 1000000);
  EXPECT_EQ(lines[1].balance, 1400000);
  EXPECT_EQ(lines[2].on, (Date{2024, 3, 1}));
  EXPECT_EQ(lines[2].in, 250000);
  EXPECT_EQ(lines[2].out, 400000);
  EXPECT_EQ(lines[2].balance, 1250000);
  EXPECT_TRUE(running_balance({}).empty());
  EXPECT_EQ(running_balance({{Date{2024, 2, 5}, 10, 0}}, 5).front().balance, 15);
}

TEST(RunningBalance, RefusesToWrapAround) {
  EXPECT_THROW(running_balance({{Date{2024, 2, 5}, std::numeric_limits<std::int64_t>::max(), 0},
                                {Date{2024, 2, 6}, 1, 0}}),
               std::overflow_error);
}

TEST(Footer, StatesFreshnessUntilReconciled) {
  using namespace std::chrono;
  const FreshnessFacts fresh{.events_applied = 42,
                             .last_event_id = "ev-9",
                             .event_at = sys_days{year{2024} / 5 / 19} + hours(3),
                             .applied_at = {}};
  EXPECT_EQ(reconciliation_footer(fresh, std::nullopt, Language::kVietnamese),
            "Chưa đối chiếu với dịch vụ tiếp nhận ủng hộ và dịch vụ phân bổ hỗ trợ. Số liệu cập "
            "nhật đến sự kiện ev-9 (sự kiện thứ 42) lúc 10:00 ngày 19/05/2024.");
  EXPECT_EQ(reconciliation_footer({}, std::nullopt, Language::kEnglish),
            "Not yet reconciled with the donation and allocation services. No event has reached "
            "these figures yet.");
}

TEST(Footer, StatesTheReconciliationWhenGiven) {
  using namespace std::chrono;
  const FreshnessFacts fresh{.events_applied = 1,
                             .last_event_id = "e1",
                             .event_at = sys_days{year{2024} / 5 / 20},
                             .applied_at = {}};
  const ReconciliationFacts agreed{.differences = 0,
                                   .figures_compared = 12,
                                   .consumer_lag = 0,
                                   .compared_at = sys_days{year{2024} / 5 / 20} + hours(2)};
  const auto vi = reconciliation_footer(fresh, agreed, Language::kVietnamese);
  EXPECT_NE(vi.find("Đã đối chiếu 12 số liệu"), std::string::npos) << vi;
  EXPECT_NE(vi.find("khớp đến từng đồng"), std::string::npos) << vi;
  EXPECT_NE(vi.find("lúc 09:00 ngày 20/05/2024"), std::string::npos) << vi;
  auto differ = agreed;
  differ.differences = 2;
  differ.consumer_lag = 3;
  const auto en = reconciliation_footer(fresh, differ, Language::kEnglish);
  EXPECT_NE(en.find("2 of 12 figures differ"), std::string::npos) << en;
  EXPECT_NE(en.find("3 events were not yet applied"), std::string::npos) << en;
  EXPECT_NE(en.find("Figures up to event e1"), std::string::npos) << en;
}

}  // namespace
}  // namespace vnn::reporting::rules
