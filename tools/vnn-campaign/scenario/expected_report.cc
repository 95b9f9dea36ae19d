#include "scenario/expected_report.h"

#include <algorithm>
#include <set>
#include <utility>

namespace vnn::campaign {
namespace {

using platform::Date;

// The reporting service's figure rows: (figure, key) → count and amount, per unit.
using FigureKey = std::pair<std::string, std::string>;
using FigureRows = std::map<FigureKey, std::pair<std::int64_t, std::int64_t>>;

std::string_view channel_word(Channel channel) {
  switch (channel) {
    case Channel::kBankTransfer:
      return "bank_transfer";
    case Channel::kCash:
      return "cash";
    case Channel::kInKind:
      return "in_kind";
    case Channel::kDirectToHousehold:
      return "direct";
  }
  return "unknown";
}

std::string_view donor_kind_word(DonorKind kind) {
  switch (kind) {
    case DonorKind::kIndividual:
      return "individual";
    case DonorKind::kHousehold:
      return "household";
    case DonorKind::kOrganisation:
      return "organisation";
    case DonorKind::kBusiness:
      return "business";
    case DonorKind::kAgency:
      return "agency";
    case DonorKind::kAnonymous:
      return "anonymous";
  }
  return "unknown";
}

class Figures {
 public:
  void add(const std::string& unit, std::string_view figure, std::string_view key,
           std::int64_t count, std::int64_t amount) {
    auto& row = rows_[unit][{std::string(figure), std::string(key)}];
    row.first += count;
    row.second += amount;
  }

  // A donation into a fund (sign +1) or its reversal (−1), as DonationFigures::apply.
  void donation(const std::string& unit, std::string_view channel, std::string_view donor_kind,
                const std::string& mobiliser, std::int64_t amount, int sign) {
    add(unit, "received", channel, sign, sign * amount);
    add(unit, "received_kind", donor_kind, sign, sign * amount);
    if (!mobiliser.empty()) add(unit, "received_by", mobiliser, sign, sign * amount);
  }

  const std::map<std::string, FigureRows>& rows() const { return rows_; }

 private:
  std::map<std::string, FigureRows> rows_;
};

void add_amount(std::vector<ExpectedAmount>& list, const std::string& key, std::int64_t count,
                std::int64_t amount) {
  for (auto& a : list) {
    if (a.key == key) {
      a.count += count;
      a.amount += amount;
      return;
    }
  }
  list.push_back(ExpectedAmount{.key = key, .count = count, .amount = amount});
}

// One figure row into a unit's figures, as progress.cc's add_figure.
void add_figure(ExpectedUnitFigures& p, const FigureKey& figure_key, std::int64_t count,
                std::int64_t amount) {
  const auto& [figure, key] = figure_key;
  auto& r = p.received;
  auto& h = p.households;
  auto& s = p.supports;
  if (figure == "received") {
    add_amount(r.by_channel, key, count, amount);
    r.count += count;
    (key == "in_kind" ? r.in_kind : r.cash) += amount;
  } else if (figure == "received_kind") {
    add_amount(r.by_donor_kind, key, count, amount);
  } else if (figure == "received_by") {
    add_amount(r.by_mobiliser, key, count, amount);
  } else if (figure == "direct") {
    r.direct_count += count;
    r.direct_to_households += amount;
  } else if (figure == "households") {
    if (key == "submitted") h.submitted += count;
    if (key == "approved") h.approved += count;
    if (key == "rejected") h.rejected += count;
    if (key == "returned") h.returned += count;
    if (key == "assigned") h.assigned += count;
    if (key == "supported") h.supported += count;
    if (key == "late") h.late += count;
  } else if (figure == "approved") {
    add_amount(s.approved_by_kind, key, count, amount);
    s.approved += amount;
  } else if (figure == "disbursed") {
    add_amount(s.disbursed_by_kind, key, count, amount);
    s.disbursed += amount;
  } else if (figure == "support_value") {
    s.total_value += amount;
  } else if (figure == "houses") {
    if (key == "built") s.houses_built += count;
    if (key == "repaired") s.houses_repaired += count;
  }
}

std::int64_t from_funds(const Support& sp) {
  std::int64_t sum = 0;
  for (const auto& part : sp.funding) {
    if (!part.fund_id.empty()) sum += part.amount;
  }
  return sum;
}

// What each fund handed over for the support.
std::map<std::string, std::int64_t> handed_over(const Support& sp) {
  std::map<std::string, std::int64_t> out;
  const auto& parts = sp.end == SupportEnd::kPartlyDisbursed ? sp.partial_fund_parts : sp.funding;
  for (const auto& part : parts) {
    if (!part.fund_id.empty()) out[part.fund_id] += part.amount;
  }
  return out;
}

bool handed(SupportEnd end) {
  return end == SupportEnd::kCompleted || end == SupportEnd::kDisbursed ||
         end == SupportEnd::kPartlyDisbursed;
}

void count_donations(const Scenario& s, Figures& f) {
  std::map<std::string, std::string> unit_of_fund;
  for (const auto& fund : s.funds) unit_of_fund[fund.id] = fund.unit_code;
  std::map<std::string, const Donation*> by_key;
  for (const auto& d : s.donations) {
    by_key[d.key] = &d;
    const std::string& unit = unit_of_fund[d.fund_id];
    if (d.channel == Channel::kDirectToHousehold) {
      f.add(unit, "direct", "", 1, d.amount);
    } else {
      f.donation(unit, channel_word(d.channel), donor_kind_word(d.donor.kind), d.mobiliser_id,
                 d.amount, +1);
    }
  }
  for (const auto& list : s.payroll_lists) {
    std::int64_t total = 0;
    for (const auto& line : list.lines) total += line.amount;
    f.donation(unit_of_fund[list.fund_id], "payroll", "agency", list.mobiliser_id, total, +1);
  }
  for (const auto& r : s.reversals) {
    const auto it = by_key.find(r.donation_key);
    if (it == by_key.end()) continue;
    const Donation& d = *it->second;
    const std::string& unit = unit_of_fund[d.fund_id];
    if (d.channel == Channel::kDirectToHousehold) {
      f.add(unit, "direct", "", -1, -d.amount);
    } else {
      f.donation(unit, channel_word(d.channel), donor_kind_word(d.donor.kind), d.mobiliser_id,
                 d.amount, -1);
    }
  }
}

void count_households(const Scenario& s, const ExpectedReportOptions& options, Figures& f) {
  std::map<std::string, std::string> unit_of;
  for (const auto& h : s.households) unit_of[h.key] = h.unit_code;
  for (const auto& list : s.submissions) {
    const Date sent = options.lists_sent_on.value_or(list.received_on);
    const bool late = sent > s.campaign.lists_due;
    for (const auto& key : list.household_keys) {
      f.add(unit_of[key], "households", "submitted", 1, 0);
      if (late) f.add(unit_of[key], "households", "late", 1, 0);
    }
  }
  for (const auto& r : s.reviews) {
    const char* word = r.decision == ReviewDecision::kApprove  ? "approved"
                       : r.decision == ReviewDecision::kReject ? "rejected"
                                                               : "returned";
    f.add(unit_of[r.household_key], "households", word, 1, 0);
  }
  std::set<std::string> assigned;
  for (const auto& a : s.assignments) {
    if (assigned.insert(a.household_key).second) {
      f.add(unit_of[a.household_key], "households", "assigned", 1, 0);
    }
  }
  std::set<std::string> supported;
  for (const auto& sp : s.supports) {
    const std::string& unit = unit_of[sp.household_key];
    const std::int64_t funds = from_funds(sp);
    if (sp.end == SupportEnd::kLeftProposed) continue;
    f.add(unit, "approved", sp.kind, 1, funds);
    if (sp.end == SupportEnd::kCancelledApproved) {
      f.add(unit, "approved", sp.kind, -1, -funds);
      continue;
    }
    std::int64_t given = 0;
    for (const auto& [fund, amount] : handed_over(sp)) given += amount;
    f.add(unit, "disbursed", sp.kind, 1, given);
    std::int64_t value = given;
    for (const auto& part : sp.funding) {
      if (part.fund_id.empty()) value += part.amount;
    }
    f.add(unit, "support_value", sp.kind, 1, value);
    if (supported.insert(sp.household_key).second) f.add(unit, "households", "supported", 1, 0);
    if (sp.end == SupportEnd::kCompleted) {
      if (sp.kind == "new_house") f.add(unit, "houses", "built", 1, 0);
      if (sp.kind == "house_repair") f.add(unit, "houses", "repaired", 1, 0);
    }
  }
}

std::vector<ExpectedFund> count_funds(const Scenario& s) {
  std::map<std::string, ExpectedFund> funds;
  for (const auto& fund : s.funds) {
    funds[fund.id] =
        ExpectedFund{.fund_id = fund.id, .unit_code = fund.unit_code, .name = fund.name};
  }
  std::map<std::string, const Donation*> by_key;
  for (const auto& d : s.donations) {
    by_key[d.key] = &d;
    if (d.channel == Channel::kDirectToHousehold) continue;  // never enters a fund
    auto& f = funds[d.fund_id];
    (d.channel == Channel::kInKind ? f.in_kind_stock : f.received) += d.amount;
  }
  for (const auto& list : s.payroll_lists) {
    for (const auto& line : list.lines) funds[list.fund_id].received += line.amount;
  }
  for (const auto& r : s.reversals) {
    const auto it = by_key.find(r.donation_key);
    if (it == by_key.end() || it->second->channel == Channel::kDirectToHousehold) continue;
    auto& f = funds[it->second->fund_id];
    if (it->second->channel == Channel::kInKind) {
      f.in_kind_stock -= it->second->amount;
    } else {
      f.reversed += it->second->amount;
    }
  }
  for (const auto& sp : s.supports) {
    // Every end the scenario knows is final: handed over, cancelled (the reservation voided) or
    // never approved (nothing reserved), so nothing stays reserved.
    if (!handed(sp.end)) continue;
    for (const auto& [fund, amount] : handed_over(sp)) funds[fund].disbursed += amount;
  }
  std::vector<ExpectedFund> out;
  for (const auto& fund : s.funds) {
    auto f = funds[fund.id];
    f.available = f.received - f.reversed - f.reserved - f.disbursed;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

ExpectedReport expected_report(const Scenario& s, const ExpectedReportOptions& options) {
  Figures figures;
  count_donations(s, figures);
  count_households(s, options, figures);
  ExpectedReport report;
  report.period_end = s.campaign.ends_on;
  report.total.unit_code = s.campaign.unit_code;
  // The total adds the units' rows in their order, as the service adds its leaves' rows.
  for (const auto& [unit, rows] : figures.rows()) {
    auto& p = report.by_unit[unit];
    p.unit_code = unit;
    for (const auto& [key, value] : rows) {
      add_figure(p, key, value.first, value.second);
      add_figure(report.total, key, value.first, value.second);
    }
  }
  for (const auto& t : s.campaign.targets) {
    auto& p = report.by_unit[t.unit_code];
    p.unit_code = t.unit_code;
    p.target_amount += t.amount;
    p.target_houses += t.houses;
    report.total.target_amount += t.amount;
    report.total.target_houses += t.houses;
  }
  const auto by_key = [](const ExpectedAmount& a, const ExpectedAmount& b) {
    return a.key < b.key;
  };
  const auto sort_lists = [&](ExpectedUnitFigures& p) {
    std::sort(p.received.by_channel.begin(), p.received.by_channel.end(), by_key);
    std::sort(p.received.by_donor_kind.begin(), p.received.by_donor_kind.end(), by_key);
    std::sort(p.received.by_mobiliser.begin(), p.received.by_mobiliser.end(), by_key);
    std::sort(p.supports.approved_by_kind.begin(), p.supports.approved_by_kind.end(), by_key);
    std::sort(p.supports.disbursed_by_kind.begin(), p.supports.disbursed_by_kind.end(), by_key);
  };
  sort_lists(report.total);
  for (auto& [unit, p] : report.by_unit) sort_lists(p);
  report.funds = count_funds(s);
  return report;
}

}  // namespace vnn::campaign
