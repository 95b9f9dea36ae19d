#include "import_problems.h"

#include <map>

namespace vnn::cli {
namespace {

// What a column must hold, for "invalid_value" and "required".
using Rules = std::map<std::string, std::string>;

const Rules& donation_rules() {  // payroll lists and bank statements
  static const Rules rules{
      {"full_name", "cần có họ và tên (tối đa 200 ký tự)"},
      {"citizen_id", "số CCCD phải gồm đúng 12 chữ số hợp lệ"},
      {"amount_dong", "số tiền phải là số nguyên dương tính bằng đồng, không quá mức trần"},
      {"date", "ngày phải theo dạng YYYY-MM-DD hoặc dd/mm/yyyy"},
      {"reference", "cần có mã giao dịch của ngân hàng"},
  };
  return rules;
}

const Rules& household_rules() {
  static const Rules rules{
      {"household_code", "mã hộ gồm 1–40 chữ cái, chữ số, '-', '_', '.' hoặc '/'"},
      {"poverty_status", "tình trạng phải là nghèo hoặc cận nghèo"},
      {"poverty_standard", "chuẩn nghèo phải là 2022-2025"},
      {"classified_year", "năm xét duyệt phải là một năm hợp lệ"},
      {"housing", "nhà ở phải là nhà tạm, nhà thiếu kiên cố hoặc kiên cố"},
      {"meritorious_member", "có người có công phải là có/không (1/0)"},
      {"vulnerabilities", "tối đa 10 đặc điểm dễ bị tổn thương"},
      {"full_name", "cần có họ và tên; một hộ có chủ hộ và tối đa 30 thành viên"},
      {"birth_year", "năm sinh phải là một năm hợp lệ"},
      {"citizen_id", "số CCCD phải gồm 12 chữ số hợp lệ và khớp năm sinh"},
  };
  return rules;
}

}  // namespace

std::string import_problem_text(ImportKind kind, const std::string& code, const std::string& field,
                                const std::string& reason, bool english) {
  if (english) return reason;
  if (code == "malformed_row") return "dòng sai định dạng CSV (dấu ngoặc kép không khớp)";
  if (code == "wrong_field_count") return "số cột không đúng với dòng tiêu đề";
  if (code == "text_empty") return "không được để trống";
  if (code == "text_too_long") return "quá dài (tối đa 500 ký tự)";
  if (code == "text_not_utf8") return "không phải văn bản UTF-8";
  if (code == "text_control_character") return "có ký tự điều khiển";
  if (code == "rows_apart") return "các dòng của một hộ phải liền nhau (mã hộ này đã gặp ở trên)";
  if (code == "account_closed")
    return "ngày giao dịch từ ngày đóng tài khoản trở đi: tài khoản không còn nhận tiền";
  if (code == "required" || code == "invalid_value") {
    const auto& rules = kind == ImportKind::kDonations ? donation_rules() : household_rules();
    const auto rule = rules.find(field);
    if (rule != rules.end()) return rule->second;
    // A column without a Vietnamese rule here: the service's own words say what is wrong.
    return (code == "required" ? "không được để trống (" : "giá trị không hợp lệ (") + reason + ")";
  }
  return reason;  // a code this version does not know: the service's own words
}

}  // namespace vnn::cli
