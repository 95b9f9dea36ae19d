#pragma once
// The fund's regulation (quy chế vận động, quản lý và sử dụng Quỹ "Vì người nghèo") as versioned
// data: per kind of support, who is eligible, how much a household may get, how often, and from
// which sources. The dataset is services/allocation/data/regulation/{versions,norms}.csv (its
// README and docs/regulation.md describe the columns), compiled into the binary; a decision
// keeps the version it was made under.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/household_facts.h"
#include "rules/support_kind.h"
#include "vnn/platform/date.h"

namespace vnn::allocation::rules {

// "poor", "near_poor" (the dataset and vnn.allocation.v1.SupportNorm); nullopt when unknown.
std::string_view poverty_word(PovertyStatus status);
std::optional<PovertyStatus> parse_poverty(std::string_view word);
// "temporary", "non_durable", "durable".
std::string_view housing_word(Housing housing);
std::optional<Housing> parse_housing(std::string_view word);

struct Norm {
  SupportKind kind = SupportKind::kNewHouse;
  // Đồng per support decision; 0: no money ceiling (e.g. a health-insurance card, priced by the
  // state). With max_per_campaign = 1 it is the most a household gets of the kind in a campaign.
  std::int64_t max_per_household = 0;
  // Active (not cancelled) supports of the kind a household may have in one campaign.
  int max_per_campaign = 1;
  // At most once in this many years, counted from the last support's proposal day (0: no limit).
  int once_in_years = 0;
  std::vector<FundingSource> sources;           // allowed sources, at least one
  std::vector<PovertyStatus> poverty_statuses;  // empty: any status
  std::vector<Housing> housing;                 // empty: any housing
  bool requires_land_use_certificate = false;
  bool meritorious_first = false;  // a priority when lists are ordered, not a condition
  bool requires_sudden_hardship = false;
  std::string name_vi;
  std::string basis;  // where the figures come from ("brief example", "assumption")

  bool allows(FundingSource source) const;
};

struct RegulationVersion {
  std::string version;  // "DQ-2024-01"
  platform::Date effective_from;
  // The last day in force; nullopt while no later version exists. When the dataset leaves it
  // empty and a later version follows, it is the day before that version's effective_from.
  std::optional<platform::Date> effective_to;
  std::string title;
  std::string source;
  std::vector<Norm> norms;  // in the dataset's order; at most one per kind

  const Norm* norm(SupportKind kind) const;  // nullptr: the version does not provide the kind
  bool in_force_on(const platform::Date& day) const;
};

class Regulation {
 public:
  // The embedded dataset, parsed and checked once (the first call throws std::invalid_argument
  // if the shipped data is wrong; the unit tests parse it, so such a build does not pass).
  static const Regulation& builtin();

  // Parses and checks a dataset. Throws std::invalid_argument naming the file and line
  // ("norms.csv line 4: unknown kind \"house\"") for a wrong header or field count, a bad
  // version id, date, number, word or flag, text that is empty, invalid UTF-8 or not NFC,
  // overlapping versions, a norm for an unknown version, two norms of one kind in a version, or
  // a version without norms.
  static Regulation parse(std::string_view versions_csv, std::string_view norms_csv);

  // FAILED_PRECONDITION (reason NO_REGULATION, metadata "date") when no version is in force.
  const RegulationVersion& in_force(platform::Date day) const;
  const RegulationVersion* find(std::string_view version) const;
  const std::vector<RegulationVersion>& versions() const { return versions_; }  // by date

 private:
  std::vector<RegulationVersion> versions_;
};

}  // namespace vnn::allocation::rules
