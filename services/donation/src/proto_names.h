#pragma once
// The names enums have in the database (stable text, not proto numbers).

#include <string>

#include "vnn/donation/v1/donation.pb.h"

namespace vnn::donation {

std::string donor_kind_name(v1::DonorKind kind);
v1::DonorKind parse_donor_kind(const std::string& name);
std::string channel_name(v1::Channel channel);
v1::Channel parse_channel(const std::string& name);
std::string mobiliser_kind_name(v1::MobiliserKind kind);
v1::MobiliserKind parse_mobiliser_kind(const std::string& name);
std::string milestone_kind_name(v1::MilestoneKind kind);
v1::MilestoneKind parse_milestone_kind(const std::string& name);

}  // namespace vnn::donation
