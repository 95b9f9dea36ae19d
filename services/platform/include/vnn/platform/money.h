#pragma once
// Money is whole Vietnamese đồng in an int64 — no fractions, no floating point. The arithmetic
// here refuses to wrap around: a sum that does not fit is an error, not a negative balance.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vnn::platform::money {

using Dong = std::int64_t;

// nullopt when the exact result does not fit in an int64.
std::optional<Dong> checked_add(Dong a, Dong b);
std::optional<Dong> checked_subtract(Dong a, Dong b);
// INVALID_ARGUMENT on `field` when the sum does not fit.
Dong add(Dong a, Dong b, std::string_view field);

// INVALID_ARGUMENT on `field` unless 0 < amount ≤ max.
void require_positive(Dong amount, Dong max, std::string_view field);

// "1.500.000 đ": dots between thousands, as written in Vietnam.
std::string format_vietnamese(Dong amount);

}  // namespace vnn::platform::money
