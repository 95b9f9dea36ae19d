#include "vnn/platform/money.h"

#include "vnn/platform/errors.h"

namespace vnn::platform::money {

std::optional<Dong> checked_add(Dong a, Dong b) {
  Dong sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return std::nullopt;
  return sum;
}

std::optional<Dong> checked_subtract(Dong a, Dong b) {
  Dong difference = 0;
  if (__builtin_sub_overflow(a, b, &difference)) return std::nullopt;
  return difference;
}

Dong add(Dong a, Dong b, std::string_view field) {
  auto sum = checked_add(a, b);
  if (!sum) {
    throw invalid_argument(std::string(field), "the total is too large", "tổng số tiền quá lớn");
  }
  return *sum;
}

void require_positive(Dong amount, Dong max, std::string_view field) {
  if (amount <= 0) {
    throw invalid_argument(std::string(field), "must be a positive number of đồng",
                           "số tiền phải lớn hơn 0 đồng");
  }
  if (amount > max) {
    throw invalid_argument(std::string(field),
                           "is larger than " + format_vietnamese(max) + " (a typo?)",
                           "số tiền lớn hơn " + format_vietnamese(max) + " (có nhầm không?)");
  }
}

std::string format_vietnamese(Dong amount) {
  const bool negative = amount < 0;
  // Digits of the magnitude, taken without negating (INT64_MIN has no positive twin).
  std::string digits;
  do {
    const int digit = static_cast<int>(amount % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (digit < 0 ? -digit : digit)));
    amount /= 10;
  } while (amount != 0);
  std::string out;
  const auto size = digits.size();
  for (std::size_t i = 0; i < size; ++i) {
    if (i > 0 && (size - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return (negative ? "-" : "") + out + " đ";
}

}  // namespace vnn::platform::money
