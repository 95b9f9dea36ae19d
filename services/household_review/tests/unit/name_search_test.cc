#include "rules/name_search.h"

#include <gtest/gtest.h>

#include "vnn/platform/errors.h"

namespace vnn::household_review::rules {
namespace {

TEST(NameSearchTest, NeedsThreeLettersCountedAsCharactersNotBytes) {
  EXPECT_THROW(require_name_search(""), platform::Error);
  EXPECT_THROW(require_name_search("a"), platform::Error);
  EXPECT_THROW(require_name_search("Lê"), platform::Error);  // 3 bytes, 2 letters
  EXPECT_THROW(require_name_search(" L ê "), platform::Error);
  EXPECT_NO_THROW(require_name_search("Văn"));
  EXPECT_NO_THROW(require_name_search("Ánh Hồng"));
  try {
    require_name_search("ab");
  } catch (const platform::Error& e) {
    EXPECT_EQ(e.code(), platform::ErrorCode::kInvalidArgument);
    EXPECT_EQ(e.field(), "name_contains");
  }
}

}  // namespace
}  // namespace vnn::household_review::rules
