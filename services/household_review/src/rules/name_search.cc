#include "rules/name_search.h"

#include <string>

#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {

void require_name_search(std::string_view text) {
  int letters = 0;
  for (unsigned char c : text) {
    // Count UTF-8 code points: every byte that does not continue a sequence.
    if ((c & 0xC0) != 0x80 && c != ' ' && c != '\t') ++letters;
  }
  if (letters < kMinNameSearchLetters) {
    throw platform::invalid_argument(
        "name_contains", "needs at least " + std::to_string(kMinNameSearchLetters) + " letters",
        "cần ít nhất " + std::to_string(kMinNameSearchLetters) + " chữ cái");
  }
}

}  // namespace vnn::household_review::rules
