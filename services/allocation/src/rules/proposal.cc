#include "rules/proposal.h"

#include <algorithm>
#include <set>

#include "rules/reason_codes.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/money.h"
#include "vnn/platform/text/text.h"

namespace vnn::allocation::rules {
namespace {

using platform::Date;
using platform::Error;
using platform::failed_precondition;
using platform::invalid_argument;
using platform::money::format_vietnamese;

// Far above any support; ten parts of it cannot overflow a sum.
constexpr std::int64_t kMaxPartDong = 1'000'000'000'000;

std::string part_field(std::size_t i, std::string_view name) {
  return "funding[" + std::to_string(i) + "]." + std::string(name);
}

std::string subject_of(const HouseholdFacts& household) {
  return "household/" + std::to_string(household.household_id);
}

std::string_view source_vietnamese(FundingSource source) {
  switch (source) {
    case FundingSource::kDistrictFund:
      return "Quỹ \"Vì người nghèo\" huyện";
    case FundingSource::kCommuneFund:
      return "Quỹ \"Vì người nghèo\" xã";
    case FundingSource::kStateBudget:
      return "ngân sách nhà nước";
    case FundingSource::kSponsor:
      return "nhà tài trợ trực tiếp";
    case FundingSource::kHousehold:
      return "hộ gia đình đối ứng";
  }
  return "";
}

std::string_view poverty_vietnamese(PovertyStatus status) {
  switch (status) {
    case PovertyStatus::kPoor:
      return "hộ nghèo";
    case PovertyStatus::kNearPoor:
      return "hộ cận nghèo";
    case PovertyStatus::kUnknown:
      break;
  }
  return "chưa xác định";
}

std::string_view housing_vietnamese(Housing housing) {
  switch (housing) {
    case Housing::kTemporary:
      return "nhà tạm";
    case Housing::kNonDurable:
      return "nhà thiếu kiên cố";
    case Housing::kDurable:
      return "nhà kiên cố";
    case Housing::kUnknown:
      break;
  }
  return "chưa xác định";
}

template <typename T, typename Word>
std::string join(const std::vector<T>& items, Word word, std::string_view separator) {
  std::string joined;
  for (const T& item : items) {
    if (!joined.empty()) joined += separator;
    joined += word(item);
  }
  return joined;
}

std::string kind_name(const Norm& norm) { return "«" + norm.name_vi + "»"; }

void check_part_text(std::string_view text, const std::string& field, std::size_t max_chars) {
  platform::text::require_text(text, field, max_chars, true);
}

// Step 1: the request's shape. Returns the total and the fund parts' sum.
CheckedProposal check_shape(const RegulationVersion& version, const Norm* norm,
                            const ProposalFacts& proposal) {
  if (norm == nullptr) {
    throw invalid_argument("kind",
                           "the regulation " + version.version + " has no norm for " +
                               std::string(kind_word(proposal.kind)),
                           "quy chế " + version.version + " không có định mức cho loại hỗ trợ «" +
                               std::string(kind_vietnamese(proposal.kind)) + "»");
  }
  if (proposal.funding.empty()) {
    throw invalid_argument("funding", "at least one funding part is needed",
                           "cần ít nhất một nguồn kinh phí");
  }
  if (proposal.funding.size() > kMaxFundingParts) {
    throw invalid_argument("funding",
                           "at most " + std::to_string(kMaxFundingParts) + " funding parts",
                           "tối đa " + std::to_string(kMaxFundingParts) + " nguồn kinh phí");
  }
  CheckedProposal checked;
  std::set<std::string, std::less<>> funds;
  for (std::size_t i = 0; i < proposal.funding.size(); ++i) {
    const ProposedPart& part = proposal.funding[i];
    platform::money::require_positive(part.amount, kMaxPartDong, part_field(i, "amount.dong"));
    const bool fund = is_fund(part.source);
    if (fund) {
      if (part.fund_id.empty()) {
        throw invalid_argument(part_field(i, "fund_id"), "a fund part names its fund",
                               "cần ghi mã quỹ cho phần kinh phí từ Quỹ");
      }
      check_part_text(part.fund_id, part_field(i, "fund_id"), kMaxFundIdChars);
      if (!funds.insert(part.fund_id).second) {
        throw invalid_argument(part_field(i, "fund_id"),
                               "the fund " + part.fund_id + " is named by another part already",
                               "quỹ " + part.fund_id + " đã có ở một phần kinh phí khác");
      }
      checked.from_funds += part.amount;
    } else if (!part.fund_id.empty()) {
      throw invalid_argument(part_field(i, "fund_id"),
                             "only district and commune fund parts name a fund",
                             "chỉ phần kinh phí từ Quỹ huyện, xã mới ghi mã quỹ");
    }
    if (part.source == FundingSource::kSponsor) {
      if (part.sponsor.empty()) {
        throw invalid_argument(part_field(i, "sponsor"), "a sponsor part names the sponsor",
                               "cần ghi tên nhà tài trợ");
      }
      check_part_text(part.sponsor, part_field(i, "sponsor"), kMaxSponsorChars);
    } else if (!part.sponsor.empty()) {
      throw invalid_argument(part_field(i, "sponsor"), "only a sponsor part names a sponsor",
                             "chỉ phần kinh phí của nhà tài trợ mới ghi tên nhà tài trợ");
    }
    if (part.source == FundingSource::kStateBudget && part.reference.empty()) {
      throw invalid_argument(part_field(i, "reference"),
                             "a state-budget part names its decision or programme",
                             "cần ghi số quyết định hoặc chương trình cấp ngân sách");
    }
    if (!part.reference.empty()) {
      check_part_text(part.reference, part_field(i, "reference"), kMaxReferenceChars);
    }
    checked.total += part.amount;
  }
  if (norm->requires_land_use_certificate && proposal.land_use_certificate.empty()) {
    throw invalid_argument(
        "land_use_certificate",
        "the regulation " + version.version + " requires a land-use certificate for " +
            std::string(kind_word(proposal.kind)),
        "quy chế " + version.version + " yêu cầu giấy chứng nhận quyền sử dụng đất cho hỗ trợ " +
            kind_name(*norm));
  }
  if (!proposal.land_use_certificate.empty()) {
    if (!is_house(proposal.kind)) {
      throw invalid_argument("land_use_certificate", "is given only for a house",
                             "chỉ ghi cho hỗ trợ xây mới hoặc sửa chữa nhà");
    }
    check_part_text(proposal.land_use_certificate, "land_use_certificate",
                    kMaxLandUseCertificateChars);
  }
  return checked;
}

// Step 3: the kind's conditions.
void check_conditions(const RegulationVersion& version, const Norm& norm,
                      const HouseholdFacts& household) {
  std::vector<std::string> missing;
  std::vector<std::string> why;
  if (!norm.poverty_statuses.empty()) {
    const bool listed = std::find(norm.poverty_statuses.begin(), norm.poverty_statuses.end(),
                                  household.poverty_status) != norm.poverty_statuses.end();
    if (!listed || household.escaped_poverty) {
      missing.emplace_back("poverty_status");
      why.push_back(
          household.escaped_poverty
              ? std::string("hộ đã thoát nghèo")
              : "không thuộc diện " + join(norm.poverty_statuses, poverty_vietnamese, " hoặc ") +
                    " (hiện: " + std::string(poverty_vietnamese(household.poverty_status)) + ")");
    }
  }
  if (!norm.housing.empty() && std::find(norm.housing.begin(), norm.housing.end(),
                                         household.housing) == norm.housing.end()) {
    missing.emplace_back("housing");
    why.push_back("không ở " + join(norm.housing, housing_vietnamese, " hoặc ") +
                  " (hiện: " + std::string(housing_vietnamese(household.housing)) + ")");
  }
  if (norm.requires_sudden_hardship && !household.sudden_hardship) {
    missing.emplace_back("sudden_hardship");
    why.emplace_back("chưa được ghi nhận gặp khó khăn đột xuất");
  }
  if (missing.empty()) return;
  const auto same = [](const std::string& s) { return s; };
  throw failed_precondition("the household does not meet the conditions of " +
                            std::string(kind_word(norm.kind)) + " under " + version.version + ": " +
                            join(missing, same, ", "))
      .with_reason(reason::kNotEligible)
      .with_vietnamese("Hộ chưa đủ điều kiện nhận hỗ trợ " + kind_name(norm) + " theo quy chế " +
                       version.version + ": " + join(why, same, "; ") + ".")
      .with_subject(subject_of(household))
      .with_metadata("missing", join(missing, same, ","))
      .with_metadata("regulation_version", version.version);
}

// Step 4: the sources.
void check_sources(const RegulationVersion& version, const Norm& norm,
                   const ProposalFacts& proposal) {
  for (std::size_t i = 0; i < proposal.funding.size(); ++i) {
    const FundingSource source = proposal.funding[i].source;
    if (norm.allows(source)) continue;
    const std::string field = part_field(i, "source");
    throw invalid_argument(field, "the regulation " + version.version + " does not fund " +
                                      std::string(kind_word(norm.kind)) + " from " +
                                      std::string(source_word(source)))
        .with_reason(reason::kSourceNotAllowed)
        .with_vietnamese("Trường «" + field + "»: quy chế " + version.version +
                         " không cho phép nguồn " + std::string(source_vietnamese(source)) +
                         " cho hỗ trợ " + kind_name(norm) +
                         " (được phép: " + join(norm.sources, source_vietnamese, ", ") + ")")
        .with_metadata("source", std::string(source_word(source)));
  }
}

// The field an amount error names: the part itself when one part makes the sum, else "funding".
std::string amount_field(const ProposalFacts& proposal, bool funds_only) {
  std::optional<std::size_t> only;
  for (std::size_t i = 0; i < proposal.funding.size(); ++i) {
    if (funds_only && !is_fund(proposal.funding[i].source)) continue;
    if (only) return "funding";
    only = i;
  }
  return only ? part_field(*only, "amount.dong") : std::string("funding");
}

// What sponsors gave for the kind's need: the sponsor parts, and the direct support the donation
// service counted. A part naming a direct support's confirmation is one of those gifts, so the
// two are not added twice: such parts count only where they exceed the direct total.
std::int64_t sponsors_for_need(const ProposalFacts& proposal) {
  std::int64_t named_direct = 0;
  std::int64_t other = 0;
  for (const ProposedPart& part : proposal.funding) {
    if (part.source != FundingSource::kSponsor) continue;
    (is_direct_support_reference(part.reference) ? named_direct : other) += part.amount;
  }
  return other + std::max({std::int64_t{0}, proposal.direct_support_same_need, named_direct});
}

// Step 5: the norm.
void check_norm(const RegulationVersion& version, const Norm& norm, const ProposalFacts& proposal,
                const CheckedProposal& checked) {
  if (norm.max_per_household == 0) return;
  const std::int64_t max = norm.max_per_household;
  if (is_house(norm.kind)) {
    const std::int64_t sponsors = sponsors_for_need(proposal);
    const std::int64_t allowed = std::max<std::int64_t>(0, max - sponsors);
    if (checked.from_funds <= allowed) return;
    const std::string field = amount_field(proposal, true);
    throw invalid_argument(field, "the fund parts (" + std::to_string(checked.from_funds) +
                                      " đồng) exceed what the norm leaves (" +
                                      std::to_string(allowed) + " of " + std::to_string(max) +
                                      " đồng, less " + std::to_string(sponsors) +
                                      " đồng from sponsors for the same need)")
        .with_reason(reason::kAboveNorm)
        .with_vietnamese("Trường «" + field + "»: phần kinh phí từ Quỹ (" +
                         format_vietnamese(checked.from_funds) + ") vượt mức còn được hỗ trợ " +
                         format_vietnamese(allowed) + ": định mức " + kind_name(norm) + " " +
                         format_vietnamese(max) + " theo quy chế " + version.version + ", trừ " +
                         format_vietnamese(sponsors) +
                         " nhà tài trợ đã hỗ trợ cho cùng nhu cầu nhà ở")
        .with_metadata("max_dong", std::to_string(max))
        .with_metadata("allowed_dong", std::to_string(allowed))
        .with_metadata("sponsors_dong", std::to_string(sponsors));
  }
  if (checked.total <= max) return;
  const std::string field = amount_field(proposal, false);
  throw invalid_argument(field, "the total (" + std::to_string(checked.total) +
                                    " đồng) exceeds the norm of " + std::to_string(max) + " đồng")
      .with_reason(reason::kAboveNorm)
      .with_vietnamese("Trường «" + field + "»: tổng kinh phí " + format_vietnamese(checked.total) +
                       " vượt định mức " + format_vietnamese(max) + " của hỗ trợ " +
                       kind_name(norm) + " theo quy chế " + version.version)
      .with_metadata("max_dong", std::to_string(max))
      .with_metadata("allowed_dong", std::to_string(max));
}

Date years_after(const Date& date, int years) {
  Date later{date.year + years, date.month, date.day};
  if (!later.valid()) later.day = 28;  // 29 February in a year that has none
  return later;
}

// Step 6: how often. Returns the slot the new support takes.
int check_frequency(const RegulationVersion& version, const Norm& norm,
                    const HouseholdFacts& household, const ProposalFacts& proposal) {
  const int active =
      std::max(proposal.active_same_kind, static_cast<int>(proposal.active_slots.size()));
  if (active >= norm.max_per_campaign) {
    throw failed_precondition("the household has " + std::to_string(active) + " active " +
                              std::string(kind_word(norm.kind)) +
                              " supports in the campaign; the regulation allows " +
                              std::to_string(norm.max_per_campaign))
        .with_reason(reason::kSupportLimitReached)
        .with_vietnamese("Hộ đã có " + std::to_string(active) + " hỗ trợ " + kind_name(norm) +
                         " trong đợt vận động này; quy chế " + version.version +
                         " cho phép tối đa " + std::to_string(norm.max_per_campaign))
        .with_subject(subject_of(household))
        .with_metadata("max_per_campaign", std::to_string(norm.max_per_campaign));
  }
  if (norm.once_in_years > 0 && proposal.last_same_kind_on) {
    const Date next = years_after(*proposal.last_same_kind_on, norm.once_in_years);
    if (proposal.proposed_on < next) {
      throw failed_precondition(
          "the household had " + std::string(kind_word(norm.kind)) + " support on " +
          proposal.last_same_kind_on->iso() + "; the regulation allows it once in " +
          std::to_string(norm.once_in_years) + " years, again from " + next.iso())
          .with_reason(reason::kSupportLimitReached)
          .with_vietnamese("Hộ đã được hỗ trợ " + kind_name(norm) + " ngày " +
                           proposal.last_same_kind_on->vietnamese() + "; quy chế " +
                           version.version + " chỉ cho phép hỗ trợ một lần trong " +
                           std::to_string(norm.once_in_years) + " năm (được đề xuất lại từ ngày " +
                           next.vietnamese() + ")")
          .with_subject(subject_of(household))
          .with_metadata("last_on", proposal.last_same_kind_on->iso())
          .with_metadata("next_on", next.iso());
    }
  }
  if (proposal.active_slots.empty()) return active + 1;
  int slot = 1;
  while (std::find(proposal.active_slots.begin(), proposal.active_slots.end(), slot) !=
         proposal.active_slots.end()) {
    ++slot;
  }
  return slot;
}

}  // namespace

bool is_direct_support_reference(std::string_view reference) {
  return reference.substr(0, 5) == "HTTT-";
}

SupportKind require_kind(int number, const std::string& field) {
  const auto kind = kind_from_number(number);
  if (!kind) {
    throw invalid_argument(field, "unknown kind of support " + std::to_string(number),
                           "loại hỗ trợ không hợp lệ (" + std::to_string(number) + ")");
  }
  return *kind;
}

FundingSource require_source(int number, const std::string& field) {
  const auto source = source_from_number(number);
  if (!source) {
    throw invalid_argument(field, "unknown funding source " + std::to_string(number),
                           "nguồn kinh phí không hợp lệ (" + std::to_string(number) + ")");
  }
  return *source;
}

void check_still_eligible(const HouseholdFacts& household) {
  if (!household.exists) {
    throw failed_precondition("household " + std::to_string(household.household_id) +
                              " is not known to household review")
        .with_reason(reason::kHouseholdNotApproved)
        .with_vietnamese(
            "Hộ không có trong danh sách rà soát: chỉ hộ đã được duyệt mới được "
            "hỗ trợ.")
        .with_subject(subject_of(household));
  }
  if (household.merged) {
    throw failed_precondition("the household was merged into another as a duplicate")
        .with_reason(reason::kHouseholdNotApproved)
        .with_vietnamese(
            "Hộ đã được gộp vào một hộ khác do trùng lặp: hãy hỗ trợ qua hộ còn "
            "lại.")
        .with_subject(subject_of(household))
        .with_metadata("merged", "true");
  }
  if (!household.approved) {
    throw failed_precondition("the household is not approved by review in the campaign")
        .with_reason(reason::kHouseholdNotApproved)
        .with_vietnamese(
            "Hộ chưa được duyệt trong đợt vận động này: chỉ hộ đã được duyệt mới "
            "được hỗ trợ.")
        .with_subject(subject_of(household));
  }
  if (household.open_duplicate) {
    throw failed_precondition("a duplicate question about the household is open")
        .with_reason(reason::kDuplicateOpen)
        .with_vietnamese(
            "Hộ đang có nghi vấn trùng lặp chưa được kết luận: cần kết luận trước "
            "khi hỗ trợ.")
        .with_subject(subject_of(household));
  }
}

CheckedProposal check_proposal(const RegulationVersion& version, const HouseholdFacts& household,
                               const ProposalFacts& proposal) {
  const Norm* norm = version.norm(proposal.kind);
  CheckedProposal checked = check_shape(version, norm, proposal);
  check_still_eligible(household);
  check_conditions(version, *norm, household);
  check_sources(version, *norm, proposal);
  check_norm(version, *norm, proposal, checked);
  checked.slot = check_frequency(version, *norm, household, proposal);
  return checked;
}

bool has_priority(const Norm& norm, const HouseholdFacts& household) {
  return norm.meritorious_first && household.meritorious_member;
}

}  // namespace vnn::allocation::rules
