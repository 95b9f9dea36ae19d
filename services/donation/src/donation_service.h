#pragma once
// gRPC handlers of vnn.donation.v1.DonationService. Each passes through the platform's request
// pipeline (authentication, roles, idempotency, audit) and keeps its SQL in statements.cc.

#include <algorithm>
#include <semaphore>

#include "direct_support_queue.h"
#include "donation_settings.h"
#include "donor_registry.h"
#include "household_directory.h"
#include "pledge_rows.h"
#include "policies.h"
#include "rules/receipt_sequence.h"
#include "vnn/donation/v1/donation.grpc.pb.h"
#include "vnn/platform/rpc/group_commit.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::donation {

// Rows per page of the list methods: the default, and the most a caller may ask for.
inline constexpr int kDefaultPage = 100;
inline constexpr int kMaxPage = 1000;

// Direct support runs on threads of its own (direct_support_queue.h): this many, and at most
// this many calls waiting for one before further calls are refused (UNAVAILABLE).
inline constexpr int kDirectSupportThreads = 4;
inline constexpr std::size_t kDirectSupportWaiting = 64;

// RecordDonation is a callback method (its calls wait for their batch without holding a
// thread); the others are synchronous.
using DonationServiceBase =
    v1::DonationService::WithCallbackMethod_RecordDonation<v1::DonationService::Service>;
class DonationServiceImpl final : public DonationServiceBase {
 public:
  // The synchronous RecordDonation stays declared (gRPC never calls it) beside the callback one.
  using DonationServiceBase::RecordDonation;
  DonationServiceImpl(platform::rpc::ServiceContext& context, const DonationSettings& settings)
      : context_(context),
        settings_(settings),
        donors_(settings.citizen_id_hash_key),
        households_(context, settings.household_review),
        intake_(context, policies::kRecordDonation,
                [this](pqxx::transaction_base& tx,
                       const std::vector<platform::rpc::BatchedCall*>& calls) {
                  return record_batch(tx, calls);
                }),
        payroll_writers_(std::max(1, context.pool().size() / 4)) {}

  // Funds, campaigns, mobilisers (campaign_handlers.cc)
  grpc::Status CreateFund(grpc::ServerContext*, const v1::CreateFundRequest*, v1::Fund*) override;
  grpc::Status ListFunds(grpc::ServerContext*, const v1::ListFundsRequest*,
                         v1::ListFundsResponse*) override;
  grpc::Status UpdateFund(grpc::ServerContext*, const v1::UpdateFundRequest*,
                          v1::Fund*) override;  // fund_update.cc
  grpc::Status CreateCampaign(grpc::ServerContext*, const v1::CreateCampaignRequest*,
                              v1::Campaign*) override;
  grpc::Status GetCampaign(grpc::ServerContext*, const v1::GetCampaignRequest*,
                           v1::Campaign*) override;
  grpc::Status UpdateCampaign(grpc::ServerContext*, const v1::UpdateCampaignRequest*,
                              v1::Campaign*) override;
  grpc::Status CreateMobiliser(grpc::ServerContext*, const v1::CreateMobiliserRequest*,
                               v1::Mobiliser*) override;

  // Donations and receipts (donation_handlers.cc)
  grpc::ServerUnaryReactor* RecordDonation(grpc::CallbackServerContext*,
                                           const v1::RecordDonationRequest*,
                                           v1::Donation*) override;
  grpc::Status RequestReversal(grpc::ServerContext*, const v1::RequestReversalRequest*,
                               v1::ReversalRequest*) override;
  grpc::Status DecideReversal(grpc::ServerContext*, const v1::DecideReversalRequest*,
                              v1::ReversalRequest*) override;
  grpc::Status GetDonation(grpc::ServerContext*, const v1::GetDonationRequest*,
                           v1::Donation*) override;
  grpc::Status ListDonations(grpc::ServerContext*, const v1::ListDonationsRequest*,
                             v1::ListDonationsResponse*) override;
  grpc::Status GetReceipt(grpc::ServerContext*, const v1::GetReceiptRequest*,
                          v1::Receipt*) override;
  grpc::Status GetCampaignTotals(grpc::ServerContext*, const v1::GetCampaignTotalsRequest*,
                                 v1::CampaignTotals*) override;

  // Bulk intake (import_handlers.cc)
  grpc::Status ImportDonations(grpc::ServerContext*, grpc::ServerReader<v1::ImportChunk>*,
                               v1::ImportReport*) override;
  // A payroll donation's lines (payroll_line_handlers.cc)
  grpc::Status ListPayrollLines(grpc::ServerContext*, const v1::ListPayrollLinesRequest*,
                                v1::ListPayrollLinesResponse*) override;

  // Pledges (pledge_handlers.cc)
  grpc::Status RecordPledge(grpc::ServerContext*, const v1::RecordPledgeRequest*,
                            v1::Pledge*) override;
  grpc::Status GetPledge(grpc::ServerContext*, const v1::GetPledgeRequest*, v1::Pledge*) override;
  grpc::Status ListPledges(grpc::ServerContext*, const v1::ListPledgesRequest*,
                           v1::ListPledgesResponse*) override;

 private:
  // A donation naming a pledge (pledge_handlers.cc). The pledge is locked until commit and must
  // be of the donation's campaign and fund, pledged on or before `received`.
  PledgeTerms pledge_for_donation(pqxx::transaction_base& tx, const v1::RecordDonationRequest& r,
                                  const platform::Date& received) const;
  // The donor of such a donation: the pledge's when the request names none; otherwise the
  // request's, which must be the pledge's.
  std::int64_t donor_for_pledge(pqxx::transaction_base& tx, const v1::Donor& given,
                                const PledgeTerms& pledge) const;
  // After the donation `donation_id` is inserted: the first time the donations naming the pledge
  // add up to its amount, writes pledge.fulfilled to the outbox.
  void note_pledge_progress(pqxx::transaction_base& tx, const PledgeTerms& pledge,
                            std::int64_t donation_id, const common::v1::Date& received_on) const;

  // Direct support: who asks, then household review (the household's unit against the
  // caller's, rules/direct_support.h), then record_alone; on direct_support_'s threads.
  grpc::Status record_direct_support(grpc::ServerContextBase* context,
                                     const v1::RecordDonationRequest& r, v1::Donation* response);
  // A RecordDonation that commits on its own: a pledge's (on a batch thread), or direct
  // support once record_direct_support has checked the household.
  grpc::Status record_alone(grpc::ServerContextBase* context, const v1::RecordDonationRequest& r,
                            v1::Donation* response);
  // RecordDonation's group commit: calls on one fund's receipt counter for one year, checked
  // one by one and written set-wise in one transaction (donation_intake.cc).
  platform::rpc::BatchEnd record_batch(pqxx::transaction_base& tx,
                                       const std::vector<platform::rpc::BatchedCall*>& calls);

  platform::rpc::ServiceContext& context_;
  const DonationSettings& settings_;
  DonorRegistry donors_;
  HouseholdDirectory households_;
  // Every path that takes receipt numbers goes through it (receipt_sequence.h); declared
  // before intake_, whose batch threads use it until they stop.
  ReceiptSequence receipts_;
  platform::rpc::GroupCommit intake_;
  // A payroll import holds a pool connection, in one transaction, for as long as its client
  // streams: at most a quarter of the pool is theirs, whatever the callers do.
  std::counting_semaphore<> payroll_writers_;
  // Last member: its threads stop first, before what they use goes.
  DirectSupportQueue direct_support_{kDirectSupportThreads, kDirectSupportWaiting};
};

// Loads a campaign (with funds, milestones, targets); false if it does not exist.
bool load_campaign(pqxx::transaction_base& tx, const std::string& id, v1::Campaign* out);

}  // namespace vnn::donation
