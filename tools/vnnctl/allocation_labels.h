#pragma once
// How the allocation commands read and word what the allocation service takes and returns:
// the words of the command line (new_house, district_fund, …), the Vietnamese labels officers
// read (English with --lang en), the --part syntax, and JSON for scripts.

#include <google/protobuf/message.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "output.h"
#include "vnn/allocation/v1/allocation.pb.h"

namespace vnn::cli {

namespace alloc = allocation::v1;

// Command-line words, as the regulation dataset and the database say them.
std::optional<alloc::SupportKind> parse_support_kind(const std::string& word);
std::optional<alloc::FundingSource> parse_funding_source(const std::string& word);
std::optional<alloc::SupportState> parse_support_state(const std::string& word);
std::string support_kind_word(alloc::SupportKind kind);
std::string funding_source_word(alloc::FundingSource source);

std::string support_kind_label(alloc::SupportKind kind, bool english);
std::string funding_source_label(alloc::FundingSource source, bool english);
std::string support_state_label(alloc::SupportState state, bool english);
std::string ledger_account_label(alloc::LedgerAccount account, bool english);
std::string posting_kind_label(alloc::PostingKind kind, bool english);

// Whole đồng as typed: "50000000" or grouped the Vietnamese way, "50.000.000"; nullopt for
// anything else (a decimal part, a sign, a misplaced dot).
std::optional<std::int64_t> parse_dong(const std::string& text);

// --part source:amount[:fund_id][:sponsor][:reference] of `support propose`, e.g.
//   district_fund:30.000.000:fund-736
//   sponsor:20000000::Công ty Sữa Việt Nam:HĐ 12/2024
//   state_budget:10000000:::QĐ 1234/QĐ-UBND
//   household:5000000
// The reference is the rest of the text (it may hold colons). Throws CLI::ValidationError
// naming `option` when the source or the amount is not understood.
alloc::FundingPart parse_funding_part(const std::string& text, const std::string& option);
// --part fund_id:amount of `support disburse`: a fund part handed over for less than approved.
alloc::FundingPart parse_disbursed_part(const std::string& text, const std::string& option);

// A support in one line: number, household, unit, kind, state, total and the funds' share.
std::string support_summary(const alloc::Support& s, bool english);
// The summary, then its funding parts as a table.
void print_support(std::ostream& out, const alloc::Support& s, bool english);
// The funds a batch needs, with what each has and the shortfall.
void print_fund_needs(std::ostream& out,
                      const google::protobuf::RepeatedPtrField<alloc::FundNeed>& funds,
                      bool english);

}  // namespace vnn::cli
