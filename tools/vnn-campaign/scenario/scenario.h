#pragma once
// The seed's campaign as data: everything the campaign runner asks the services to do, and
// nothing it learns from them (the services number donations, households and supports; the
// scenario names them by keys). Made by generate() (generator.h) from a seed, so one seed gives
// one campaign to the đồng; what the district's final report must then say is computed from it
// by expected_report() (expected_report.h), apart from the services.
//
// Kinds, sources and decisions are the words the services' CSV formats and the regulation
// dataset use ("new_house", "district_fund", "nhà tạm" …), so this library links no generated
// protocol code.

#include <cstdint>
#include <string>
#include <vector>

#include "vnn/platform/date.h"

namespace vnn::campaign {

using platform::Date;

// A commune or township of the district, in force when the campaign starts.
struct Unit {
  std::string code;  // e.g. "26242"
  std::string name;  // e.g. "Xã Phú Túc"
};

struct Fund {
  std::string id;         // "fund-736", "fund-26242"
  std::string unit_code;  // whose board runs it
  std::string name;
  // The seed prints the district fund's account; commune funds have none recorded here.
  std::string account_number, account_name, bank, branch;
};

enum class MobiliserKind { kMemberOrganisation, kAgency, kBoardMember };

struct Mobiliser {
  std::string id;  // "hoi-lhpn-huyen"
  MobiliserKind kind = MobiliserKind::kMemberOrganisation;
  std::string name;
  std::string unit_code;
};

struct Target {
  std::string unit_code;
  std::int64_t amount = 0;  // đồng to raise
  int houses = 0;           // houses to build or repair
};

struct Campaign {
  std::string id;  // "dot-cao-diem-2024"
  std::string name;
  std::string unit_code;  // "736"
  Date starts_on, ends_on, lists_due, report_due;
  std::vector<std::string> fund_ids;
  std::vector<Target> targets;  // one per commune or township
};

enum class DonorKind { kIndividual, kHousehold, kOrganisation, kBusiness, kAgency, kAnonymous };

struct Donor {
  DonorKind kind = DonorKind::kIndividual;
  std::string name;        // empty for anonymous
  std::string tax_code;    // businesses: 10 digits
  std::string citizen_id;  // individuals, sometimes: 12 digits
  std::string phone;       // sometimes
};

struct InKindItem {
  std::string description;  // "Gạo"
  std::int64_t quantity = 0;
  std::string unit;                 // "kg"
  std::int64_t assessed_value = 0;  // đồng, all of it
};

// Payroll lists are PayrollList below, not donations of their own here.
enum class Channel { kBankTransfer, kCash, kInKind, kDirectToHousehold };

struct Donation {
  std::string key;  // unique, stable: request ids derive from it ("don-0001")
  Channel channel = Channel::kCash;
  std::string fund_id;  // direct support too: the fund whose board saw it handed over
  Donor donor;
  std::int64_t amount = 0;  // đồng; in kind: the sum of the items' assessed values
  Date received_on;
  std::string mobiliser_id;                         // may be empty
  std::string bank_account_number, bank_reference;  // transfers
  std::vector<InKindItem> items;                    // in kind
  std::string note;
  std::string pledge_key;     // fulfils (part of) this pledge
  std::string household_key;  // direct support: Household::key
  std::string support_need;   // direct support: "housing", "livelihood" …
};

struct Pledge {
  std::string key;
  std::string fund_id;
  Donor donor;
  std::int64_t amount = 0;
  Date pledged_on, due_on;
  std::string mobiliser_id;
};

struct PayrollLine {
  std::string full_name;
  std::string citizen_id;  // 12 digits, or empty
  std::int64_t amount = 0;
  std::string note;
};

// An agency's list of one day's wage of its staff: one donation of the agency, staff as lines.
struct PayrollList {
  std::string key;
  std::string fund_id;
  std::string mobiliser_id;  // the agency
  Date received_on;
  std::string list_reference;  // "Một ngày lương tháng 3/2024"
  std::vector<PayrollLine> lines;
};

// A donation recorded wrong, reversed maker–checker (asked by one district officer, approved by
// another); a corrected donation, if any, is an ordinary Donation of its own.
struct Reversal {
  std::string donation_key;
  std::string reason;
};

struct Person {
  std::string relation;  // "chủ hộ" first, then "vợ", "con" …
  std::string full_name;
  int birth_year = 0;
  std::string citizen_id;  // the head's always; others may be empty
};

struct Household {
  std::string key;  // "<unit_code>/<code>", e.g. "26242/PT-001"
  std::string unit_code;
  std::string code;  // the code on the commune's list
  std::string hamlet, address;
  std::string poverty_status;  // "nghèo" or "cận nghèo"
  int classified_year = 2023;
  std::string housing;  // "nhà tạm", "nhà thiếu kiên cố" or "nhà kiên cố"
  bool meritorious = false;
  std::string sudden_hardship;  // the cause, or empty
  std::string vulnerabilities;  // "người cao tuổi; khuyết tật"
  std::vector<Person> members;  // head first
};

// A commune's proposal (tờ trình) with its households, as the district office received it.
struct ListSubmission {
  std::string unit_code;
  std::string proposal_reference;  // "12/TTr-MTTQ"
  Date received_on;                // late when after Campaign::lists_due
  std::vector<std::string> household_keys;
  std::string late_override_reason;  // late lists: why the district lets it through
};

// Two households of different communes with the same citizen id, both submitted; the district
// keeps one and merges the other into it.
struct DuplicatePair {
  std::string keep_key, drop_key;
  std::string reason;
};

enum class ReviewDecision { kApprove, kReturn, kReject };

struct Review {
  std::string household_key;
  ReviewDecision decision = ReviewDecision::kApprove;
  std::string reason;  // required for return and reject
};

struct Assignment {
  std::string household_key;
  std::string organisation_id;  // a member organisation's mobiliser id
};

struct FundingPart {
  // "district_fund", "commune_fund", "state_budget", "sponsor" or "household"
  std::string source;
  std::string fund_id;  // district and commune funds
  std::int64_t amount = 0;
  std::string sponsor;    // sponsor parts: who gives
  std::string reference;  // e.g. a budget decision
};

// What happens to a support after it is proposed.
enum class SupportEnd {
  kCompleted,          // approved, disbursed in full, completed
  kDisbursed,          // approved, disbursed in full, not completed by the end
  kPartlyDisbursed,    // approved, disbursed for less (partial_fund_parts), the rest released
  kCancelledApproved,  // approved, then cancelled (cancel_reason): the reservation is voided
  kLeftProposed,       // proposed, never approved by the end of the campaign
};

struct Support {
  std::string key;  // unique, stable: request ids derive from it
  std::string household_key;
  std::string kind;  // regulation kind: "new_house", "house_repair", "production_capital" …
  std::vector<FundingPart> funding;
  std::string land_use_certificate;  // houses
  Date proposed_on;
  SupportEnd end = SupportEnd::kCompleted;
  Date disbursed_on;  // kCompleted, kDisbursed, kPartlyDisbursed
  std::string disbursement_evidence;
  std::vector<FundingPart> partial_fund_parts;  // kPartlyDisbursed: fund id and amount handed over
  Date completed_on;                            // kCompleted
  std::string completion_evidence;
  std::string cancel_reason;  // kCancelledApproved
};

// A household that escaped poverty thanks to the campaign (recorded in household review).
struct HouseholdOutcome {
  std::string household_key;
  Date escaped_on;
  std::string support_summary;
  bool exemplary = false;
};

// A commune's results report (báo cáo kết quả), as the district office received it.
struct ResultsReport {
  std::string unit_code;
  Date received_on;  // late when after Campaign::report_due
  std::string note;
};

struct Scenario {
  std::uint64_t seed = 0;
  Campaign campaign;
  std::vector<Unit> communes;  // the district's communes and township, by code
  std::vector<Fund> funds;     // the district's first
  std::vector<Mobiliser> mobilisers;
  std::vector<Pledge> pledges;
  std::vector<Donation> donations;
  std::vector<PayrollList> payroll_lists;
  std::vector<Reversal> reversals;
  std::vector<Household> households;
  std::vector<ListSubmission> submissions;
  std::vector<DuplicatePair> duplicates;
  std::vector<Review> reviews;  // of every submitted household but the merged ones
  std::vector<Assignment> assignments;
  std::vector<Support> supports;
  std::vector<HouseholdOutcome> outcomes;
  std::vector<ResultsReport> results_reports;
};

}  // namespace vnn::campaign
