#pragma once
// The campaign's steps, in the order the runner plays them (campaign_runner.cc). Each step is
// the officers' work of one stage, sent to the service that owns it; steps that depend on
// another service having learned something from events wait for it first.

#include "runner/play.h"

namespace vnn::campaign {

// donation: the funds with their accounts, the campaign with its milestones and targets, the
// member organisations, agencies and board members who mobilise.
void set_up_campaign(Play& play);
// household review, allocation and reporting learn the campaign and funds from donation's
// events; waits until each of them knows.
void wait_until_campaign_known(Play& play);

// household review: each commune imports its list; the ids the service gave.
void register_households(Play& play);
// Each commune submits its proposal; the district lets late lists through with a reason.
void submit_lists(Play& play);
// The district decides every open duplicate candidate: the planted pairs merged, any other
// look-alike kept apart.
void resolve_duplicates(Play& play);
// A second district officer reviews every household (approve, return, reject).
void review_households(Play& play);
// Approved households to member organisations.
void assign_households(Play& play);

// donation: pledges, gifts of every channel (direct support once its household is approved),
// the agencies' payroll lists, and the reversals of the donations recorded wrong.
void record_donations(Play& play);
// allocation keeps each fund's ledger from donation's events; waits until every fund's balance
// shows what the scenario gave it.
void wait_for_fund_balances(Play& play);

// allocation: communes propose support, the district approves (maker–checker), hands over,
// completes or cancels.
void allocate_support(Play& play);

// household review: households that escaped poverty; reporting: the communes' results reports.
void close_campaign(Play& play);
// reporting keeps read models of every service's events; waits until it has applied them all
// and reconciliation with donation and allocation finds no difference. Returns false (after
// printing the differences) when the timeout passes first.
bool wait_for_reporting(Play& play);

}  // namespace vnn::campaign
