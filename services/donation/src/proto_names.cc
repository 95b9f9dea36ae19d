#include "proto_names.h"

#include "vnn/platform/enum_words.h"

namespace vnn::donation {
namespace {

using platform::value_of;
using platform::word_of;

const std::array<std::pair<v1::DonorKind, const char*>, 6> kDonorKinds{{
    {v1::DONOR_KIND_INDIVIDUAL, "individual"},
    {v1::DONOR_KIND_HOUSEHOLD, "household"},
    {v1::DONOR_KIND_ORGANISATION, "organisation"},
    {v1::DONOR_KIND_BUSINESS, "business"},
    {v1::DONOR_KIND_AGENCY, "agency"},
    {v1::DONOR_KIND_ANONYMOUS, "anonymous"},
}};
const std::array<std::pair<v1::Channel, const char*>, 5> kChannels{{
    {v1::CHANNEL_BANK_TRANSFER, "bank_transfer"},
    {v1::CHANNEL_CASH, "cash"},
    {v1::CHANNEL_IN_KIND, "in_kind"},
    {v1::CHANNEL_PAYROLL, "payroll"},
    {v1::CHANNEL_DIRECT_TO_HOUSEHOLD, "direct_to_household"},
}};
const std::array<std::pair<v1::MobiliserKind, const char*>, 3> kMobiliserKinds{{
    {v1::MOBILISER_KIND_MEMBER_ORGANISATION, "member_organisation"},
    {v1::MOBILISER_KIND_AGENCY, "agency"},
    {v1::MOBILISER_KIND_BOARD_MEMBER, "board_member"},
}};
const std::array<std::pair<v1::MilestoneKind, const char*>, 2> kMilestoneKinds{{
    {v1::MILESTONE_KIND_HOUSEHOLD_LISTS_DUE, "household_lists_due"},
    {v1::MILESTONE_KIND_RESULTS_REPORT_DUE, "results_report_due"},
}};

}  // namespace

std::string donor_kind_name(v1::DonorKind kind) { return word_of(kDonorKinds, kind); }
v1::DonorKind parse_donor_kind(const std::string& name) { return value_of(kDonorKinds, name); }
std::string channel_name(v1::Channel channel) { return word_of(kChannels, channel); }
v1::Channel parse_channel(const std::string& name) { return value_of(kChannels, name); }
std::string mobiliser_kind_name(v1::MobiliserKind kind) { return word_of(kMobiliserKinds, kind); }
v1::MobiliserKind parse_mobiliser_kind(const std::string& name) {
  return value_of(kMobiliserKinds, name);
}
std::string milestone_kind_name(v1::MilestoneKind kind) { return word_of(kMilestoneKinds, kind); }
v1::MilestoneKind parse_milestone_kind(const std::string& name) {
  return value_of(kMilestoneKinds, name);
}

}  // namespace vnn::donation
