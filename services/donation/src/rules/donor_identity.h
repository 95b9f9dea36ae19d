#pragma once
// When a donor on file is the donor a request names. An identifier (a tax code, a citizen id)
// finds a donor only when the kind and the name agree as well: an identifier typed wrongly, or
// reused, must not book one person's gift, and print their receipt, in another's name. A phone
// alone never finds a donor (families share one): a phone finds a donor only with the same kind
// and name. Names are compared without diacritics (đ/Đ read as d), case and spacing, so
// "NGUYEN  THI a" is "Nguyễn Thị A".

#include <string>
#include <string_view>

#include "vnn/platform/errors.h"

namespace vnn::donation::rules {

// The form two names are compared in: Vietnamese letters without their tone and vowel marks
// (precomposed or combining), đ/Đ as d, ASCII letters in lower case, runs of whitespace as one
// space, none at either end. Other characters are kept as they are; invalid UTF-8 bytes are
// kept too, so two different invalid names never compare equal by accident of decoding.
std::string donor_name_key(std::string_view name);

// A donor on file (its kind as stored, e.g. "business") is the one named by a request's kind
// and name.
bool same_donor(std::string_view kind_on_file, std::string_view name_on_file,
                std::string_view kind_given, std::string_view name_given);

// FAILED_PRECONDITION (DONOR_IDENTIFIER_CONFLICT) on `field`: the identifier is on file for a
// donor of another name or kind. Says nothing of that donor.
platform::Error donor_identifier_conflict(const std::string& field);

}  // namespace vnn::donation::rules
