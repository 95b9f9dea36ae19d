// The gifts in the donation service: pledges, donations of every channel, payroll lists,
// reversals; and the wait until allocation's ledger has them all.
#include <map>
#include <stdexcept>
#include <vector>

#include "runner/fund_keepers.h"
#include "runner/parallel.h"
#include "runner/progress.h"
#include "runner/steps.h"
#include "runner/wait.h"
#include "scenario/csv_files.h"
#include "scenario/expected_report.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::campaign {

namespace dv1 = donation::v1;
using Stub = dv1::DonationService::Stub;
using platform::to_proto;

namespace {

dv1::DonorKind donor_kind(DonorKind kind) {
  switch (kind) {
    case DonorKind::kIndividual:
      return dv1::DONOR_KIND_INDIVIDUAL;
    case DonorKind::kHousehold:
      return dv1::DONOR_KIND_HOUSEHOLD;
    case DonorKind::kOrganisation:
      return dv1::DONOR_KIND_ORGANISATION;
    case DonorKind::kBusiness:
      return dv1::DONOR_KIND_BUSINESS;
    case DonorKind::kAgency:
      return dv1::DONOR_KIND_AGENCY;
    case DonorKind::kAnonymous:
      return dv1::DONOR_KIND_ANONYMOUS;
  }
  return dv1::DONOR_KIND_UNSPECIFIED;
}

dv1::Channel channel(Channel c) {
  switch (c) {
    case Channel::kBankTransfer:
      return dv1::CHANNEL_BANK_TRANSFER;
    case Channel::kCash:
      return dv1::CHANNEL_CASH;
    case Channel::kInKind:
      return dv1::CHANNEL_IN_KIND;
    case Channel::kDirectToHousehold:
      return dv1::CHANNEL_DIRECT_TO_HOUSEHOLD;
  }
  return dv1::CHANNEL_UNSPECIFIED;
}

void set_donor(const Donor& from, dv1::Donor* to) {
  to->set_kind(donor_kind(from.kind));
  to->set_name(from.name);
  to->set_tax_code(from.tax_code);
  to->set_citizen_id(from.citizen_id);
  to->set_phone(from.phone);
}

void record_pledge(Play& play, const Pledge& pledge) {
  dv1::RecordPledgeRequest request;
  request.set_request_id(play.request_id("pledge", pledge.key));
  request.set_campaign_id(play.scenario.campaign.id);
  request.set_fund_id(pledge.fund_id);
  set_donor(pledge.donor, request.mutable_donor());
  request.mutable_amount()->set_dong(pledge.amount);
  to_proto(pledge.pledged_on, request.mutable_pledged_on());
  if (pledge.due_on.valid()) to_proto(pledge.due_on, request.mutable_due_on());
  request.set_mobiliser_id(pledge.mobiliser_id);
  auto recorded = call(play.stats, "RecordPledge", fund_keeper(play, pledge.fund_id),
                       *play.services.donation, &Stub::RecordPledge, request);
  play.set_id(kPledges, pledge.key, recorded.id());
}

void record_donation(Play& play, const Donation& d) {
  dv1::RecordDonationRequest request;
  request.set_request_id(play.request_id("donation", d.key));
  request.set_campaign_id(play.scenario.campaign.id);
  request.set_fund_id(d.fund_id);
  set_donor(d.donor, request.mutable_donor());
  request.set_channel(channel(d.channel));
  request.mutable_amount()->set_dong(d.amount);
  to_proto(d.received_on, request.mutable_received_on());
  request.set_mobiliser_id(d.mobiliser_id);
  request.set_bank_account_number(d.bank_account_number);
  request.set_bank_reference(d.bank_reference);
  for (const auto& item : d.items) {
    auto* out = request.add_items();
    out->set_description(item.description);
    out->set_quantity(item.quantity);
    out->set_unit(item.unit);
    out->mutable_assessed_value()->set_dong(item.assessed_value);
  }
  request.set_note(d.note);
  if (!d.pledge_key.empty()) request.set_pledge_id(play.id(kPledges, d.pledge_key));
  if (!d.household_key.empty()) {
    request.set_household_id(play.id(kHouseholds, d.household_key));
    request.set_support_need(d.support_need);
  }
  auto recorded = call(play.stats, "RecordDonation", fund_keeper(play, d.fund_id),
                       *play.services.donation, &Stub::RecordDonation, request);
  play.set_id(kDonations, d.key, recorded.id());
}

void import_payroll(Play& play, const PayrollList& list) {
  dv1::ImportHeader header;
  header.set_request_id(play.request_id("payroll", list.key));
  header.set_format(dv1::IMPORT_FORMAT_PAYROLL);
  header.set_campaign_id(play.scenario.campaign.id);
  header.set_fund_id(list.fund_id);
  header.set_mobiliser_id(list.mobiliser_id);
  to_proto(list.received_on, header.mutable_received_on());
  header.set_list_reference(list.list_reference);
  auto report = import_stream(
      play.stats, "ImportDonations", fund_keeper(play, list.fund_id), *play.services.donation,
      &Stub::ImportDonations, header, &dv1::ImportChunk::mutable_header, payroll_csv(list),
      [](dv1::ImportChunk& chunk, std::string piece) { chunk.set_csv(std::move(piece)); });
  if (report.rejected() > 0) {
    const auto& first = report.problems(0);
    throw std::runtime_error("payroll list " + list.key + " has " +
                             std::to_string(report.rejected()) + " rejected rows; first: line " +
                             std::to_string(first.line()) + " " + first.field() + ": " +
                             first.reason());
  }
  // A retry after an answer that was lost records nothing new and names the donation that
  // already holds the list.
  play.set_id(kDonations, list.key,
              report.donation_id() != 0 || report.earlier_donation_ids().empty()
                  ? report.donation_id()
                  : report.earlier_donation_ids(0));
}

void reverse(Play& play, const Reversal& reversal) {
  dv1::RequestReversalRequest ask;
  ask.set_request_id(play.request_id("reversal", reversal.donation_key));
  ask.set_donation_id(play.id(kDonations, reversal.donation_key));
  ask.set_reason(reversal.reason);
  auto asked = call(play.stats, "RequestReversal", play.officers.district_maker(),
                    *play.services.donation, &Stub::RequestReversal, ask);
  dv1::DecideReversalRequest decide;
  decide.set_request_id(play.request_id("reversal-decision", reversal.donation_key));
  decide.set_reversal_request_id(asked.id());
  decide.set_approve(true);
  call(play.stats, "DecideReversal", play.officers.district_checker(), *play.services.donation,
       &Stub::DecideReversal, decide);
}

}  // namespace

void record_donations(Play& play) {
  const Scenario& s = play.scenario;
  {
    Progress progress("Ghi nhận cam kết ủng hộ", static_cast<long>(s.pledges.size()));
    for_each_parallel(s.pledges, play.options.threads, [&](const Pledge& pledge) {
      record_pledge(play, pledge);
      progress.tick();
    });
  }
  {
    Progress progress("Ghi nhận ủng hộ (tiền mặt, chuyển khoản, hiện vật, trao trực tiếp)",
                      static_cast<long>(s.donations.size()));
    for_each_parallel(s.donations, play.options.threads, [&](const Donation& d) {
      record_donation(play, d);
      progress.tick();
    });
  }
  {
    long lines = 0;
    for (const auto& list : s.payroll_lists) lines += static_cast<long>(list.lines.size());
    Progress progress("Nhập danh sách một ngày lương của các cơ quan (dòng)", lines);
    // Two at a time: the service admits few imports at once (they hold a transaction open).
    for_each_parallel(s.payroll_lists, 2, [&](const PayrollList& list) {
      import_payroll(play, list);
      progress.tick(static_cast<long>(list.lines.size()));
    });
  }
  Progress progress("Điều chỉnh khoản ghi sai (hai người duyệt)",
                    static_cast<long>(s.reversals.size()));
  for (const auto& reversal : s.reversals) {
    reverse(play, reversal);
    progress.tick();
  }
}

void wait_for_fund_balances(Play& play) {
  // Cash, transfers and payroll lists credit a fund's available money, reversals take it back;
  // in-kind gifts go to its stock and direct support never reaches a fund.
  std::map<std::string, std::int64_t> expected;
  for (const auto& fund : expected_report(play.scenario).funds) {
    expected[fund.fund_id] = fund.received - fund.reversed;
  }
  Progress progress("Sổ quỹ (allocation) nhận đủ các khoản từ sự kiện",
                    static_cast<long>(expected.size()));
  wait_until(play, "allocation's fund balances show every donation", [&] {
    allocation::v1::ListFundBalancesRequest request;
    request.set_unit_code(play.scenario.campaign.unit_code);
    request.mutable_page()->set_page_size(1000);
    allocation::v1::ListFundBalancesResponse balances;
    if (!try_call(play, play.officers.district_maker(), *play.services.allocation,
                  &allocation::v1::AllocationService::Stub::ListFundBalances, request, &balances)) {
      return false;
    }
    std::size_t matching = 0;
    for (const auto& balance : balances.funds()) {
      auto found = expected.find(balance.fund_id());
      if (found != expected.end() &&
          balance.received().dong() - balance.reversed().dong() == found->second) {
        ++matching;
      }
    }
    return matching == expected.size();
  });
  progress.tick(static_cast<long>(expected.size()));
}

}  // namespace vnn::campaign
