#include "donor_identity.h"

#include <optional>
#include <unordered_map>
#include <utility>

#include "reason_codes.h"

namespace vnn::donation::rules {
namespace {

// Decodes one UTF-8 code point at `i`, advancing `i`; nullopt (and one byte) when invalid.
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  char32_t value = 0;
  if (lead < 0x80) {
    ++i;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    value = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    value = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    value = lead & 0x07;
  } else {
    ++i;
    return std::nullopt;
  }
  if (i + length > s.size()) {
    ++i;
    return std::nullopt;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return std::nullopt;
    }
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return value;
}

// Every Vietnamese letter with a mark, by the plain letter it is read as.
const std::unordered_map<char32_t, char>& vietnamese_letters() {
  static const auto* table = [] {
    auto* map = new std::unordered_map<char32_t, char>;
    const std::pair<char, std::string_view> groups[] = {
        {'a', "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"},
        {'e', "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"},
        {'i', "ìíỉĩịÌÍỈĨỊ"},
        {'o', "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"},
        {'u', "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"},
        {'y', "ỳýỷỹỵỲÝỶỸỴ"},
        {'d', "đĐ"},
    };
    for (const auto& [plain, letters] : groups) {
      for (std::size_t i = 0; i < letters.size();) {
        if (auto c = next_code_point(letters, i)) (*map)[*c] = plain;
      }
    }
    return map;
  }();
  return *table;
}

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f' ||
         c == 0xA0;
}

}  // namespace

std::string donor_name_key(std::string_view name) {
  const auto& letters = vietnamese_letters();
  std::string key;
  key.reserve(name.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t start = i;
    const std::optional<char32_t> c = next_code_point(name, i);
    if (c && is_space(*c)) {
      pending_space = !key.empty();
      continue;
    }
    if (c && *c >= 0x300 && *c <= 0x36F) continue;  // a combining mark (text in NFD)
    if (pending_space) key.push_back(' ');
    pending_space = false;
    if (!c) {
      key.append(name.substr(start, i - start));
    } else if (*c < 0x80) {
      key.push_back(static_cast<char>(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c));
    } else if (auto plain = letters.find(*c); plain != letters.end()) {
      key.push_back(plain->second);
    } else {
      key.append(name.substr(start, i - start));
    }
  }
  return key;
}

bool same_donor(std::string_view kind_on_file, std::string_view name_on_file,
                std::string_view kind_given, std::string_view name_given) {
  return kind_on_file == kind_given && donor_name_key(name_on_file) == donor_name_key(name_given);
}

platform::Error donor_identifier_conflict(const std::string& field) {
  platform::Error error(platform::ErrorCode::kFailedPrecondition,
                        field +
                            ": is on file for a donor of another name or kind; check the "
                            "donor's name and kind, or the identifier",
                        field);
  return error.with_reason(reason::kDonorIdentifierConflict)
      .with_vietnamese("Trường «" + field +
                       "»: mã này đã được ghi cho một nhà tài trợ khác tên hoặc khác loại; hãy "
                       "kiểm tra lại tên, loại nhà tài trợ hoặc mã đã nhập");
}

}  // namespace vnn::donation::rules
