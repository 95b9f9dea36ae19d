#include "household_labels.h"

#include <ctime>
#include <iostream>
#include <map>

#include "format.h"

namespace vnn::cli {

// The needs direct support and allocations meet, as officers say them.
std::string need_word(const std::string& need, bool en) {
  static const std::map<std::string, std::string> words{
      {"housing", "nhà ở"}, {"livelihood", "sinh kế"}, {"education", "học tập"},
      {"health", "y tế"},   {"food", "lương thực"},    {"hardship", "khó khăn đột xuất"}};
  auto found = words.find(need);
  return en || found == words.end() ? need : found->second;
}

std::string channel_word(const std::string& channel, bool en) {
  if (channel == "donation.direct") return en ? "given directly" : "trao trực tiếp";
  if (channel == "allocation") return en ? "fund allocation" : "Quỹ hỗ trợ";
  return channel;
}

std::string poverty_label(v1::PovertyStatus status, bool english) {
  switch (status) {
    case v1::POVERTY_STATUS_POOR:
      return english ? "poor" : "Hộ nghèo";
    case v1::POVERTY_STATUS_NEAR_POOR:
      return english ? "near-poor" : "Hộ cận nghèo";
    default:
      return "?";
  }
}

std::string housing_label(v1::Housing housing, bool english) {
  switch (housing) {
    case v1::HOUSING_TEMPORARY:
      return english ? "temporary" : "Nhà tạm";
    case v1::HOUSING_NON_DURABLE:
      return english ? "non-durable" : "Nhà thiếu kiên cố";
    case v1::HOUSING_DURABLE:
      return english ? "durable" : "Nhà kiên cố";
    default:
      return "?";
  }
}

std::string state_label(v1::CandidacyState state, bool english) {
  switch (state) {
    case v1::CANDIDACY_STATE_SUBMITTED:
      return english ? "submitted" : "Đã nộp";
    case v1::CANDIDACY_STATE_APPROVED:
      return english ? "approved" : "Đã duyệt";
    case v1::CANDIDACY_STATE_REJECTED:
      return english ? "rejected" : "Không duyệt";
    case v1::CANDIDACY_STATE_RETURNED:
      return english ? "returned" : "Trả lại";
    case v1::CANDIDACY_STATE_WITHDRAWN:
      return english ? "withdrawn" : "Đã rút";
    default:
      return english ? "not submitted" : "Chưa nộp";
  }
}

std::string reason_label(v1::DuplicateReason reason, bool english) {
  switch (reason) {
    case v1::DUPLICATE_REASON_CITIZEN_ID:
      return english ? "same citizen id" : "Trùng số CCCD";
    case v1::DUPLICATE_REASON_SIMILAR_NAME:
      return english ? "similar name" : "Họ tên gần giống";
    default:
      return "?";
  }
}

std::string decision_label(v1::DuplicateDecision decision, bool english) {
  switch (decision) {
    case v1::DUPLICATE_DECISION_DUPLICATE:
      return english ? "duplicate (merged)" : "Trùng (đã gộp)";
    case v1::DUPLICATE_DECISION_NOT_DUPLICATE:
      return english ? "not a duplicate" : "Không trùng";
    default:
      return english ? "open" : "Chưa quyết định";
  }
}

std::string yes(bool value, bool english) {
  if (!value) return "";
  return english ? "yes" : "có";
}

// dd/mm/yyyy hh:mm in Vietnam's time (UTC+7, no daylight saving); empty when unset.
std::string format_time(const google::protobuf::Timestamp& at) {
  if (at.seconds() == 0) return "";
  const std::time_t local = static_cast<std::time_t>(at.seconds() + 7 * 3600);
  std::tm parts{};
  gmtime_r(&local, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%d/%m/%Y %H:%M", &parts);
  return buffer;
}

std::string percent(double fraction) {
  return std::to_string(static_cast<int>(fraction * 100 + 0.5)) + "%";
}

v1::PovertyStatus parse_status(const std::string& text) {
  if (text == "poor") return v1::POVERTY_STATUS_POOR;
  if (text == "near_poor") return v1::POVERTY_STATUS_NEAR_POOR;
  return v1::POVERTY_STATUS_UNSPECIFIED;
}

v1::Housing parse_housing(const std::string& text) {
  if (text == "temporary") return v1::HOUSING_TEMPORARY;
  if (text == "non_durable") return v1::HOUSING_NON_DURABLE;
  if (text == "durable") return v1::HOUSING_DURABLE;
  return v1::HOUSING_UNSPECIFIED;
}

std::vector<std::string> headers(bool english, std::vector<std::string> en,
                                 std::vector<std::string> vi) {
  return english ? std::move(en) : std::move(vi);
}

void print_submission(const v1::Submission& s, bool en) {
  std::cout << (en ? "list " : "danh sách số ") << s.id() << (en ? " (version " : " (lần ")
            << s.version() << ") — " << (en ? "unit " : "đơn vị ") << s.unit_code() << " — "
            << (en ? "proposal " : "tờ trình ") << s.proposal_reference() << " — "
            << s.household_ids_size() << (en ? " households" : " hộ") << "\n";
  std::cout << "  " << (en ? "submitted " : "nộp lúc ") << format_time(s.submitted_at())
            << (en ? " by " : " bởi ") << s.submitted_by();
  if (s.deadline().year() != 0) {
    std::cout << (en ? "; household lists due " : "; Hạn nộp danh sách: ")
              << format_date(s.deadline());
  }
  std::cout << "\n";
  if (s.late() && s.override_by().empty()) {
    std::cout << (en ? "  LATE: submitted after the deadline; the district must let it through "
                       "before review (vnnctl household override --submission "
                     : "  NỘP TRỄ HẠN: nộp sau hạn nộp danh sách; huyện phải cho phép xét trước "
                       "khi duyệt (vnnctl household override --submission ")
              << s.id() << " --reason …)\n";
  } else if (s.late()) {
    std::cout << (en ? "  LATE, let through by " : "  NỘP TRỄ HẠN, được cho phép xét bởi ")
              << s.override_by() << (en ? " on " : " lúc ") << format_time(s.override_at())
              << (en ? " — reason: " : " — lý do: ") << s.override_reason() << "\n";
  } else {
    std::cout << (en ? "  on time\n" : "  đúng hạn\n");
  }
}

void print_candidacy(const v1::Candidacy& c, bool en) {
  std::cout << (en ? "household " : "hộ ") << c.household_id() << " — " << c.masked_name() << " — "
            << c.unit_code() << ": " << state_label(c.state(), en);
  if (!c.history().empty() && !c.history().rbegin()->reason().empty()) {
    std::cout << (en ? " — reason: " : " — lý do: ") << c.history().rbegin()->reason();
  }
  if (!c.assigned_organisation_id().empty()) {
    std::cout << (en ? " — assigned to " : " — giao cho ") << c.assigned_organisation_id();
  }
  std::cout << "\n";
}

}  // namespace vnn::cli
