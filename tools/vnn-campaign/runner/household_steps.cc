// The communes' lists in household review: import, submission, duplicates, review, assignment.
#include <map>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "runner/parallel.h"
#include "runner/progress.h"
#include "runner/steps.h"
#include "scenario/csv_files.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::campaign {

namespace hv1 = household_review::v1;
using Stub = hv1::HouseholdReviewService::Stub;
using platform::to_proto;

namespace {

std::map<std::string, std::vector<const Household*>> households_by_unit(const Scenario& s) {
  std::map<std::string, std::vector<const Household*>> by_unit;
  for (const auto& h : s.households) by_unit[h.unit_code].push_back(&h);
  return by_unit;
}

void import_list(Play& play, const std::string& unit_code,
                 const std::vector<const Household*>& households) {
  hv1::ImportHouseholdsHeader header;
  header.set_request_id(play.request_id("households", unit_code));
  header.set_unit_code(unit_code);
  header.set_file_name("danh-sach-ho-" + unit_code + ".csv");
  auto report =
      import_stream(play.stats, "ImportHouseholds", play.officers.commune(unit_code),
                    *play.services.household_review, &Stub::ImportHouseholds, header,
                    &hv1::ImportHouseholdsChunk::mutable_header, household_list_csv(households),
                    [](hv1::ImportHouseholdsChunk& chunk, std::string piece) {
                      chunk.set_data(std::move(piece));
                    });
  if (report.rejected_rows() > 0) {
    const auto& first = report.problems(0);
    throw std::runtime_error("the household list of " + unit_code + " has " +
                             std::to_string(report.rejected_rows()) +
                             " rejected rows; first: line " + std::to_string(first.line()) + " " +
                             first.field() + ": " + first.reason());
  }
}

// The ids household review gave the households of a commune, by household code.
void learn_household_ids(Play& play, const std::string& unit_code) {
  hv1::ListHouseholdsRequest request;
  request.set_unit_code(unit_code);
  request.mutable_page()->set_page_size(1000);
  do {
    auto page = call(play.stats, "ListHouseholds", play.officers.commune(unit_code),
                     *play.services.household_review, &Stub::ListHouseholds, request);
    for (const auto& h : page.households()) {
      play.set_id(kHouseholds, unit_code + "/" + h.household_code(), h.id());
    }
    request.mutable_page()->set_page_token(page.page().next_page_token());
  } while (!request.page().page_token().empty());
}

hv1::ReviewDecision review_decision(ReviewDecision decision) {
  switch (decision) {
    case ReviewDecision::kApprove:
      return hv1::REVIEW_DECISION_APPROVE;
    case ReviewDecision::kReturn:
      return hv1::REVIEW_DECISION_RETURN;
    case ReviewDecision::kReject:
      return hv1::REVIEW_DECISION_REJECT;
  }
  return hv1::REVIEW_DECISION_UNSPECIFIED;
}

}  // namespace

void register_households(Play& play) {
  auto by_unit = households_by_unit(play.scenario);
  std::vector<std::pair<std::string, std::vector<const Household*>>> lists(by_unit.begin(),
                                                                           by_unit.end());
  Progress progress("Nhập danh sách hộ nghèo, cận nghèo của các xã",
                    static_cast<long>(play.scenario.households.size()));
  for_each_parallel(lists, play.options.threads, [&](const auto& list) {
    import_list(play, list.first, list.second);
    learn_household_ids(play, list.first);
    progress.tick(static_cast<long>(list.second.size()));
  });
  for (const auto& h : play.scenario.households) play.id(kHouseholds, h.key);  // all known
}

void submit_lists(Play& play) {
  const Scenario& s = play.scenario;
  Progress progress("Các xã nộp tờ trình và danh sách", static_cast<long>(s.submissions.size()));
  for_each_parallel(s.submissions, play.options.threads, [&](const ListSubmission& list) {
    hv1::SubmitListRequest request;
    request.set_request_id(play.request_id("submit", list.unit_code));
    request.set_campaign_id(s.campaign.id);
    request.set_unit_code(list.unit_code);
    request.set_proposal_reference(list.proposal_reference);
    to_proto(list.received_on, request.mutable_received_on());
    for (const auto& key : list.household_keys)
      request.add_household_ids(play.id(kHouseholds, key));
    auto submission = call(play.stats, "SubmitList", play.officers.commune(list.unit_code),
                           *play.services.household_review, &Stub::SubmitList, request);
    play.set_id(kSubmissions, list.unit_code, submission.id());
    if (submission.late() && submission.override_by().empty()) {
      if (list.late_override_reason.empty()) {
        throw std::runtime_error("the list of " + list.unit_code +
                                 " is late but the scenario gives no reason to let it through");
      }
      hv1::OverrideLateSubmissionRequest override_request;
      override_request.set_request_id(play.request_id("override", list.unit_code));
      override_request.set_submission_id(submission.id());
      override_request.set_reason(list.late_override_reason);
      call(play.stats, "OverrideLateSubmission", play.officers.district_maker(),
           *play.services.household_review, &Stub::OverrideLateSubmission, override_request);
    }
    progress.tick();
  });
}

void resolve_duplicates(Play& play) {
  const Scenario& s = play.scenario;
  // The planted pairs by their ids, either way round.
  std::map<std::pair<std::int64_t, std::int64_t>, const DuplicatePair*> planted;
  for (const auto& pair : s.duplicates) {
    auto keep = play.id(kHouseholds, pair.keep_key), drop = play.id(kHouseholds, pair.drop_key);
    planted[{keep, drop}] = &pair;
    planted[{drop, keep}] = &pair;
  }
  std::vector<hv1::DuplicateCandidate> open;
  hv1::ListDuplicateCandidatesRequest list;
  list.set_unit_code(s.campaign.unit_code);
  list.set_open_only(true);
  list.mutable_page()->set_page_size(500);
  do {
    auto page = call(play.stats, "ListDuplicateCandidates", play.officers.district_checker(),
                     *play.services.household_review, &Stub::ListDuplicateCandidates, list);
    open.insert(open.end(), page.candidates().begin(), page.candidates().end());
    list.mutable_page()->set_page_token(page.page().next_page_token());
  } while (!list.page().page_token().empty());

  Progress progress("Huyện xử lý hộ nghi trùng giữa các xã", static_cast<long>(open.size()));
  std::set<const DuplicatePair*> found;
  std::mutex found_mutex;
  for_each_parallel(open, play.options.threads, [&](const hv1::DuplicateCandidate& candidate) {
    hv1::ResolveDuplicateRequest request;
    request.set_request_id(
        play.request_id("duplicate", std::to_string(candidate.household_id()) + "-" +
                                         std::to_string(candidate.other_household_id())));
    request.set_candidate_id(candidate.id());
    auto match = planted.find({candidate.household_id(), candidate.other_household_id()});
    if (match != planted.end()) {
      request.set_decision(hv1::DUPLICATE_DECISION_DUPLICATE);
      request.set_keep_household_id(play.id(kHouseholds, match->second->keep_key));
      request.set_reason(match->second->reason);
      std::lock_guard lock(found_mutex);
      found.insert(match->second);
    } else {
      request.set_decision(hv1::DUPLICATE_DECISION_NOT_DUPLICATE);
      request.set_reason("Đã đối chiếu số CCCD, năm sinh và nhân khẩu: hai hộ khác nhau");
    }
    call(play.stats, "ResolveDuplicate", play.officers.district_checker(),
         *play.services.household_review, &Stub::ResolveDuplicate, request);
    progress.tick();
  });
  // On a second run on the same data the pairs were resolved the first time: none open.
  if (!open.empty() && found.size() != s.duplicates.size()) {
    throw std::runtime_error("household review found " + std::to_string(found.size()) + " of the " +
                             std::to_string(s.duplicates.size()) + " planted duplicates");
  }
}

void review_households(Play& play) {
  const Scenario& s = play.scenario;
  Progress progress("Huyện xét duyệt từng hộ", static_cast<long>(s.reviews.size()));
  for_each_parallel(s.reviews, play.options.threads, [&](const Review& review) {
    hv1::ReviewHouseholdRequest request;
    request.set_request_id(play.request_id("review", review.household_key));
    request.set_campaign_id(s.campaign.id);
    request.set_household_id(play.id(kHouseholds, review.household_key));
    request.set_decision(review_decision(review.decision));
    request.set_reason(review.reason);
    call(play.stats, "ReviewHousehold", play.officers.district_checker(),
         *play.services.household_review, &Stub::ReviewHousehold, request);
    progress.tick();
  });
}

void assign_households(Play& play) {
  const Scenario& s = play.scenario;
  Progress progress("Phân công tổ chức thành viên giúp đỡ hộ",
                    static_cast<long>(s.assignments.size()));
  for_each_parallel(s.assignments, play.options.threads, [&](const Assignment& assignment) {
    hv1::AssignHouseholdRequest request;
    request.set_request_id(play.request_id("assign", assignment.household_key));
    request.set_campaign_id(s.campaign.id);
    request.set_household_id(play.id(kHouseholds, assignment.household_key));
    request.set_organisation_id(assignment.organisation_id);
    call(play.stats, "AssignHousehold", play.officers.district_maker(),
         *play.services.household_review, &Stub::AssignHousehold, request);
    progress.tick();
  });
}

}  // namespace vnn::campaign
