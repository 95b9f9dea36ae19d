#include "allocation_labels.h"

#include <CLI/CLI.hpp>
#include <limits>
#include <utility>
#include <vector>

#include "format.h"
#include "household_labels.h"
#include "table.h"

namespace vnn::cli {
namespace {

struct KindWords {
  alloc::SupportKind kind;
  const char* word;
  const char* vietnamese;
  const char* english;
};

// The words of services/allocation/src/rules/support_kind.cc, and the regulation's names.
constexpr KindWords kKinds[] = {
    {alloc::SUPPORT_KIND_NEW_HOUSE, "new_house", "Xây mới nhà", "new house"},
    {alloc::SUPPORT_KIND_HOUSE_REPAIR, "house_repair", "Sửa chữa nhà", "house repair"},
    {alloc::SUPPORT_KIND_PRODUCTION_CAPITAL, "production_capital", "Vốn sản xuất, kinh doanh",
     "production capital"},
    {alloc::SUPPORT_KIND_LIVESTOCK_SEEDLINGS, "livestock_seedlings", "Cây, con giống",
     "livestock and seedlings"},
    {alloc::SUPPORT_KIND_PRODUCTION_MATERIALS, "production_materials", "Vật tư sản xuất",
     "production materials"},
    {alloc::SUPPORT_KIND_SUDDEN_HARDSHIP, "sudden_hardship", "Hỗ trợ đột xuất", "sudden hardship"},
    {alloc::SUPPORT_KIND_SCHOLARSHIP, "scholarship", "Học bổng", "scholarship"},
    {alloc::SUPPORT_KIND_BICYCLE, "bicycle", "Xe đạp", "bicycle"},
    {alloc::SUPPORT_KIND_HEALTH_INSURANCE, "health_insurance", "Thẻ bảo hiểm y tế",
     "health insurance card"},
    {alloc::SUPPORT_KIND_FOOD_AND_GIFTS, "food_and_gifts", "Lương thực, quà", "food and gifts"},
};

struct SourceWords {
  alloc::FundingSource source;
  const char* word;
  const char* vietnamese;
  const char* english;
};

constexpr SourceWords kSources[] = {
    {alloc::FUNDING_SOURCE_DISTRICT_FUND, "district_fund", "Quỹ cấp huyện", "district fund"},
    {alloc::FUNDING_SOURCE_COMMUNE_FUND, "commune_fund", "Quỹ cấp xã", "commune fund"},
    {alloc::FUNDING_SOURCE_STATE_BUDGET, "state_budget", "Ngân sách nhà nước", "state budget"},
    {alloc::FUNDING_SOURCE_SPONSOR, "sponsor", "Nhà hảo tâm, doanh nghiệp", "sponsor"},
    {alloc::FUNDING_SOURCE_HOUSEHOLD, "household", "Hộ đối ứng", "household's own share"},
};

struct StateWords {
  alloc::SupportState state;
  const char* word;
  const char* vietnamese;
};

constexpr StateWords kStates[] = {
    {alloc::SUPPORT_STATE_PROPOSED, "proposed", "Đề xuất"},
    {alloc::SUPPORT_STATE_APPROVED, "approved", "Đã duyệt"},
    {alloc::SUPPORT_STATE_DISBURSED, "disbursed", "Đã trao"},
    {alloc::SUPPORT_STATE_COMPLETED, "completed", "Hoàn thành"},
    {alloc::SUPPORT_STATE_CANCELLED, "cancelled", "Đã hủy"},
};

// Splits at every colon.
std::vector<std::string> split_colons(const std::string& text) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == ':') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

std::int64_t part_amount(const std::string& text, const std::string& option,
                         const std::string& whole) {
  auto dong = parse_dong(text);
  if (!dong || *dong <= 0) {
    throw CLI::ValidationError(option, "số tiền «" + text + "» trong «" + whole +
                                           "» phải là số đồng nguyên dương, ví dụ 30000000 "
                                           "hoặc 30.000.000");
  }
  return *dong;
}

}  // namespace

std::optional<alloc::SupportKind> parse_support_kind(const std::string& word) {
  for (const auto& k : kKinds) {
    if (word == k.word) return k.kind;
  }
  return std::nullopt;
}

std::optional<alloc::FundingSource> parse_funding_source(const std::string& word) {
  for (const auto& s : kSources) {
    if (word == s.word) return s.source;
  }
  return std::nullopt;
}

std::optional<alloc::SupportState> parse_support_state(const std::string& word) {
  for (const auto& s : kStates) {
    if (word == s.word) return s.state;
  }
  return std::nullopt;
}

std::string support_kind_word(alloc::SupportKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.word;
  }
  return "?";
}

std::string funding_source_word(alloc::FundingSource source) {
  for (const auto& s : kSources) {
    if (s.source == source) return s.word;
  }
  return "?";
}

std::string support_kind_label(alloc::SupportKind kind, bool english) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return english ? k.english : k.vietnamese;
  }
  return "?";
}

std::string funding_source_label(alloc::FundingSource source, bool english) {
  for (const auto& s : kSources) {
    if (s.source == source) return english ? s.english : s.vietnamese;
  }
  return "?";
}

std::string support_state_label(alloc::SupportState state, bool english) {
  for (const auto& s : kStates) {
    if (s.state == state) return english ? s.word : s.vietnamese;
  }
  return "?";
}

std::string ledger_account_label(alloc::LedgerAccount account, bool english) {
  switch (account) {
    case alloc::LEDGER_ACCOUNT_AVAILABLE:
      return english ? "available" : "Tiền khả dụng";
    case alloc::LEDGER_ACCOUNT_RESERVED:
      return english ? "reserved" : "Tạm giữ (đã duyệt)";
    case alloc::LEDGER_ACCOUNT_DISBURSED:
      return english ? "disbursed" : "Đã trao cho hộ";
    case alloc::LEDGER_ACCOUNT_DONATIONS:
      return english ? "donations" : "Tiền ủng hộ";
    case alloc::LEDGER_ACCOUNT_REVERSALS:
      return english ? "reversals" : "Ủng hộ bị hoàn trả";
    case alloc::LEDGER_ACCOUNT_IN_KIND_STOCK:
      return english ? "in-kind stock" : "Hiện vật trong kho";
    case alloc::LEDGER_ACCOUNT_IN_KIND_DONATIONS:
      return english ? "in-kind donations" : "Hiện vật ủng hộ";
    default:
      return "?";
  }
}

std::string posting_kind_label(alloc::PostingKind kind, bool english) {
  switch (kind) {
    case alloc::POSTING_KIND_DONATION:
      return english ? "donation" : "Nhận ủng hộ";
    case alloc::POSTING_KIND_REVERSAL:
      return english ? "reversal" : "Hoàn trả ủng hộ";
    case alloc::POSTING_KIND_IN_KIND:
      return english ? "in kind" : "Nhận hiện vật";
    case alloc::POSTING_KIND_RESERVE:
      return english ? "reserve (approval)" : "Tạm giữ (duyệt)";
    case alloc::POSTING_KIND_POST:
      return english ? "post (disbursement)" : "Ghi chi (trao)";
    case alloc::POSTING_KIND_VOID:
      return english ? "void (cancellation)" : "Giải tỏa (hủy)";
    default:
      return "?";
  }
}

std::optional<std::int64_t> parse_dong(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const bool grouped = text.find('.') != std::string::npos;
  std::int64_t value = 0;
  std::size_t digits_in_group = 0;
  std::size_t groups = 0;
  for (char c : text) {
    if (c == '.') {
      // Groups after the first are three digits; the first is one to three.
      if (digits_in_group == 0 || (groups == 0 ? digits_in_group > 3 : digits_in_group != 3)) {
        return std::nullopt;
      }
      ++groups;
      digits_in_group = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (value > (std::numeric_limits<std::int64_t>::max() - (c - '0')) / 10) return std::nullopt;
    value = value * 10 + (c - '0');
    ++digits_in_group;
  }
  if (grouped && digits_in_group != 3) return std::nullopt;
  return value;
}

alloc::FundingPart parse_funding_part(const std::string& text, const std::string& option) {
  auto fields = split_colons(text);
  if (fields.size() < 2) {
    throw CLI::ValidationError(option, "«" + text +
                                           "»: cần nguồn:số_tiền[:mã_quỹ][:nhà_tài_trợ]"
                                           "[:số_hiệu], ví dụ district_fund:30000000:"
                                           "fund-736");
  }
  alloc::FundingPart part;
  auto source = parse_funding_source(fields[0]);
  if (!source) {
    throw CLI::ValidationError(
        option, "nguồn «" + fields[0] +
                    "» không có; dùng district_fund, commune_fund, state_budget, sponsor hoặc "
                    "household");
  }
  part.set_source(*source);
  part.mutable_amount()->set_dong(part_amount(fields[1], option, text));
  if (fields.size() > 2) part.set_fund_id(fields[2]);
  if (fields.size() > 3) part.set_sponsor(fields[3]);
  if (fields.size() > 4) {
    std::string reference = fields[4];
    for (std::size_t i = 5; i < fields.size(); ++i) reference += ":" + fields[i];
    part.set_reference(reference);
  }
  return part;
}

alloc::FundingPart parse_disbursed_part(const std::string& text, const std::string& option) {
  auto fields = split_colons(text);
  if (fields.size() != 2 || fields[0].empty()) {
    throw CLI::ValidationError(option,
                               "«" + text + "»: cần mã_quỹ:số_tiền, ví dụ fund-736:25000000");
  }
  alloc::FundingPart part;
  part.set_fund_id(fields[0]);
  part.mutable_amount()->set_dong(part_amount(fields[1], option, text));
  return part;
}

std::string support_summary(const alloc::Support& s, bool en) {
  std::string line = (en ? "support " : "hỗ trợ số ") + std::to_string(s.id()) + " — " +
                     (en ? "household " : "hộ ") + std::to_string(s.household_id());
  if (!s.masked_name().empty()) line += " (" + s.masked_name() + ")";
  line += " — " + s.unit_code() + " — " + support_kind_label(s.kind(), en) + ": " +
          support_state_label(s.state(), en) + "; " + (en ? "total " : "tổng ") +
          format_dong(s.total().dong()) + (en ? ", from funds " : ", từ Quỹ ") +
          format_dong(s.from_funds().dong());
  if (s.disbursed().dong() != 0) {
    line += (en ? ", handed over " : ", đã trao ") + format_dong(s.disbursed().dong());
  }
  return line;
}

void print_support(std::ostream& out, const alloc::Support& s, bool en) {
  out << support_summary(s, en) << "\n";
  if (s.funding().empty()) return;
  Table parts(headers(en, {"Source", "Fund", "Amount", "Handed over", "Sponsor", "Reference"},
                      {"Nguồn", "Quỹ", "Số tiền", "Đã trao", "Nhà tài trợ", "Số hiệu"}));
  for (const auto& p : s.funding()) {
    const bool fund = p.source() == alloc::FUNDING_SOURCE_DISTRICT_FUND ||
                      p.source() == alloc::FUNDING_SOURCE_COMMUNE_FUND;
    parts.add_row({funding_source_label(p.source(), en), p.fund_id(),
                   format_dong(p.amount().dong()), fund ? format_dong(p.disbursed().dong()) : "",
                   p.sponsor(), p.reference()});
  }
  parts.print(out);
}

void print_fund_needs(std::ostream& out,
                      const google::protobuf::RepeatedPtrField<alloc::FundNeed>& funds, bool en) {
  Table table(headers(en, {"Fund", "Needed", "Available", "Shortfall", "Flagged short"},
                      {"Quỹ", "Cần", "Khả dụng", "Còn thiếu", "Đang thiếu hụt"}));
  for (const auto& f : funds) {
    table.add_row({f.fund_id(), format_dong(f.needed().dong()), format_dong(f.available().dong()),
                   f.shortfall().dong() > 0 ? format_dong(f.shortfall().dong()) : "",
                   yes(f.flagged_short(), en)});
  }
  table.print(out);
}

}  // namespace vnn::cli
