// vnnctl regulation and support …: the regulation in force and the support decisions, from a
// commune's proposal through the district's approval to the handover and its completion.

#include <algorithm>
#include <iostream>
#include <set>

#include "allocation_commands.h"
#include "allocation_labels.h"
#include "commands_common.h"
#include "format.h"
#include "household_labels.h"
#include "table.h"

namespace vnn::cli {
namespace {

std::string ids_text(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : " ") + std::to_string(id);
  return out;
}

void print_regulation(const alloc::Regulation& r, bool en) {
  std::cout << (en ? "Regulation " : "Quy chế ") << r.version() << " — " << r.title() << "\n"
            << (en ? "in force from " : "hiệu lực từ ngày ") << format_date(r.effective_from());
  if (r.effective_to().year() != 0) {
    std::cout << (en ? " to " : " đến ngày ") << format_date(r.effective_to());
  }
  std::cout << "\n";
  if (!r.source().empty()) std::cout << (en ? "source: " : "căn cứ: ") << r.source() << "\n";
  Table table(headers(
      en,
      {"Kind", "Word", "Ceiling per household", "Per campaign", "Once in (years)", "Sources",
       "Status", "Housing", "Land certificate", "Meritorious first", "Sudden hardship only"},
      {"Loại hỗ trợ", "Mã", "Mức tối đa/hộ", "Số lần/đợt", "Một lần trong (năm)", "Nguồn", "Diện",
       "Nhà ở", "Cần GCN QSDĐ", "Ưu tiên người có công", "Chỉ hộ khó khăn đột xuất"}));
  for (const auto& n : r.norms()) {
    std::string sources;
    for (auto s : n.sources()) {
      sources += (sources.empty() ? "" : ", ") +
                 funding_source_label(static_cast<alloc::FundingSource>(s), en);
    }
    std::string statuses;
    for (const auto& s : n.poverty_statuses()) {
      statuses += (statuses.empty() ? "" : ", ") + poverty_label(parse_status(s), en);
    }
    std::string housing;
    for (const auto& h : n.housing())
      housing += (housing.empty() ? "" : ", ") + housing_label(parse_housing(h), en);
    const std::string name =
        !en && !n.name_vi().empty() ? n.name_vi() : support_kind_label(n.kind(), en);
    table.add_row({name, support_kind_word(n.kind()),
                   n.max_per_household().dong() > 0 ? format_dong(n.max_per_household().dong())
                                                    : (en ? "no ceiling" : "không giới hạn"),
                   n.max_per_campaign() > 0 ? std::to_string(n.max_per_campaign()) : "",
                   n.once_in_years() > 0 ? std::to_string(n.once_in_years()) : "", sources,
                   statuses, housing, yes(n.requires_land_use_certificate(), en),
                   yes(n.meritorious_first(), en), yes(n.requires_sudden_hardship(), en)});
  }
  table.print(std::cout);
}

void print_support_details(const alloc::Support& s, bool en) {
  Table facts(headers(en, {"Field", "Value"}, {"Thông tin", "Nội dung"}));
  facts.add_row({en ? "Support" : "Hỗ trợ số", std::to_string(s.id())});
  facts.add_row({en ? "Campaign" : "Đợt vận động", s.campaign_id()});
  facts.add_row(
      {en ? "Household" : "Hộ", std::to_string(s.household_id()) + " — " + s.masked_name()});
  facts.add_row({en ? "Unit" : "Đơn vị", s.unit_code()});
  facts.add_row({en ? "Kind" : "Loại hỗ trợ", support_kind_label(s.kind(), en)});
  facts.add_row({en ? "State" : "Trạng thái", support_state_label(s.state(), en)});
  facts.add_row({en ? "Total" : "Tổng giá trị", format_dong(s.total().dong())});
  facts.add_row({en ? "From funds" : "Từ Quỹ", format_dong(s.from_funds().dong())});
  facts.add_row({en ? "Handed over from funds" : "Quỹ đã trao", format_dong(s.disbursed().dong())});
  facts.add_row({en ? "Regulation" : "Theo quy chế", s.regulation_version()});
  if (!s.land_use_certificate().empty()) {
    facts.add_row(
        {en ? "Land use certificate" : "GCN quyền sử dụng đất", s.land_use_certificate()});
  }
  if (!s.organisation_id().empty()) {
    facts.add_row({en ? "Proposed by organisation" : "Tổ chức đề xuất", s.organisation_id()});
  }
  facts.add_row({en ? "Proposed by" : "Người đề xuất", s.proposed_by()});
  if (!s.approved_by().empty())
    facts.add_row({en ? "Approved by" : "Người duyệt", s.approved_by()});
  if (s.disbursed_on().year() != 0) {
    facts.add_row({en ? "Handed over" : "Ngày trao",
                   format_date(s.disbursed_on()) + " — " + s.disbursement_evidence()});
  }
  if (s.completed_on().year() != 0) {
    facts.add_row({en ? "Completed" : "Ngày hoàn thành",
                   format_date(s.completed_on()) + " — " + s.completion_evidence()});
  }
  if (!s.cancel_reason().empty()) {
    facts.add_row({en ? "Cancelled because" : "Lý do hủy", s.cancel_reason()});
  }
  if (!s.note().empty()) facts.add_row({en ? "Note" : "Ghi chú", s.note()});
  facts.print(std::cout);
  if (!s.funding().empty()) {
    std::cout << "\n";
    Table parts(headers(en, {"Source", "Fund", "Amount", "Handed over", "Sponsor", "Reference"},
                        {"Nguồn", "Quỹ", "Số tiền", "Đã trao", "Nhà tài trợ", "Số hiệu"}));
    for (const auto& p : s.funding()) {
      const bool fund = p.source() == alloc::FUNDING_SOURCE_DISTRICT_FUND ||
                        p.source() == alloc::FUNDING_SOURCE_COMMUNE_FUND;
      parts.add_row({funding_source_label(p.source(), en), p.fund_id(),
                     format_dong(p.amount().dong()), fund ? format_dong(p.disbursed().dong()) : "",
                     p.sponsor(), p.reference()});
    }
    parts.print(std::cout);
  }
  if (!s.history().empty()) {
    std::cout << "\n";
    Table history(headers(en, {"At", "From", "To", "By", "Note"},
                          {"Thời điểm", "Từ", "Sang", "Người thực hiện", "Ghi chú"}));
    for (const auto& t : s.history()) {
      history.add_row(
          {format_time(t.at()),
           t.from() == alloc::SUPPORT_STATE_UNSPECIFIED ? "" : support_state_label(t.from(), en),
           support_state_label(t.to(), en), t.by(), t.note()});
    }
    history.print(std::cout);
  }
}

// What a call that changes a support prints: JSON, or the support with its parts.
int print_changed(const alloc::Support& s, bool json, bool en) {
  if (json) {
    std::cout << to_json(s) << "\n";
  } else {
    print_support(std::cout, s, en);
  }
  return 0;
}

void print_preview(const alloc::BatchPreview& p, bool en) {
  std::cout << (en ? "campaign " : "đợt ") << p.campaign_id() << " — " << (en ? "commune " : "xã ")
            << p.unit_code() << ": " << p.support_ids_size()
            << (en ? " proposed supports to approve, needing " : " hỗ trợ đề xuất chờ duyệt, cần ")
            << format_dong(p.needed().dong()) << (en ? " from funds" : " từ Quỹ") << "\n";
  if (!p.support_ids().empty()) {
    std::cout << (en ? "supports: " : "số hỗ trợ: ")
              << ids_text({p.support_ids().begin(), p.support_ids().end()}) << "\n";
  }
  if (!p.own_proposals().empty()) {
    std::cout << (en ? "proposed by you (another officer must approve them): "
                     : "do bạn đề xuất (cần cán bộ khác duyệt): ")
              << ids_text({p.own_proposals().begin(), p.own_proposals().end()}) << "\n";
  }
  if (!p.funds().empty()) print_fund_needs(std::cout, p.funds(), en);
  if (p.fits()) {
    std::cout << (en ? "every fund can cover its part\n" : "các Quỹ đủ khả năng chi trả\n");
  } else {
    std::int64_t shortfall = 0;
    for (const auto& f : p.funds()) shortfall += std::max<std::int64_t>(f.shortfall().dong(), 0);
    std::cout << (en ? "NOT ENOUGH: funds fall short by " : "KHÔNG ĐỦ: các Quỹ còn thiếu ")
              << format_dong(shortfall) << "\n";
  }
}

}  // namespace

void add_allocation_support_commands(CLI::App& app, const GlobalOptions& options,
                                     const std::shared_ptr<AllocationInputs>& in,
                                     AllocationCommandSet& commands) {
  auto* regulation =
      app.add_subcommand("regulation", "the support norms of the regulation in force (quy chế)");
  regulation->add_option("--as-of", in->as_of, "the day (YYYY-MM-DD; default: today)");
  add_json_flag(regulation, in->json);
  add_example(regulation, "vnnctl regulation --as-of 2024-03-01");

  auto* support = app.add_subcommand("support", "support decisions for households (hỗ trợ từ Quỹ)")
                      ->require_subcommand(1);

  auto* propose = support->add_subcommand("propose", "propose a support for a household");
  add_request_id_option(propose, in->request_id);
  propose->add_option("--campaign", in->campaign, "campaign id")->required();
  propose->add_option("--household", in->household, "household id (household review)")->required();
  propose
      ->add_option("--kind", in->kind,
                   "new_house|house_repair|production_capital|livestock_seedlings|"
                   "production_materials|sudden_hardship|scholarship|bicycle|"
                   "health_insurance|food_and_gifts")
      ->required()
      ->check([](const std::string& word) {
        return parse_support_kind(word) ? std::string() : "loại hỗ trợ «" + word + "» không có";
      });
  propose
      ->add_option("--part", in->parts,
                   "a funding part, repeated: source:amount[:fund_id][:sponsor][:reference]; "
                   "source district_fund|commune_fund|state_budget|sponsor|household; amount "
                   "in đồng (30000000 or 30.000.000)")
      ->required();
  propose->add_option("--land-certificate", in->land_certificate,
                      "houses: the land use certificate's number (giấy chứng nhận QSDĐ)");
  propose->add_option("--note", in->note, "note");
  propose->add_option("--proposed-on", in->proposed_on,
                      "day of the proposal, which picks the regulation (YYYY-MM-DD; default: "
                      "today)");
  add_json_flag(propose, in->json);
  add_example(propose,
              "vnnctl support propose --campaign vd-2024 --household 42 --kind new_house \\\n"
              "      --part district_fund:30.000.000:fund-736 \\\n"
              "      --part 'sponsor:20000000::Công ty Sữa Việt Nam:HĐ 12/2024' \\\n"
              "      --part household:10000000 --land-certificate 'CS 01234'");

  auto* approve = support->add_subcommand(
      "approve",
      "approve a proposed support, reserving its fund parts (another officer than "
      "the one who proposed it)");
  add_request_id_option(approve, in->request_id);
  approve->add_option("id", in->id, "support id")->required();
  approve->add_option("--note", in->note, "note");
  add_json_flag(approve, in->json);
  add_example(approve, "vnnctl support approve 12 --note 'Theo biên bản họp 05/BB-BTT'");

  auto* preview = support->add_subcommand(
      "preview-batch",
      "what approving a commune's proposed supports would need from each fund, and the shortfall");
  preview->add_option("--campaign", in->campaign, "campaign id")->required();
  preview->add_option("--unit", in->unit, "the commune")->required();
  add_json_flag(preview, in->json);
  add_example(preview, "vnnctl support preview-batch --campaign vd-2024 --unit 26734");

  auto* approve_batch = support->add_subcommand(
      "approve-batch",
      "approve a commune's proposed supports at once: shows the preview, then approves exactly "
      "what it lists, all or none");
  add_request_id_option(approve_batch, in->request_id);
  approve_batch->add_option("--campaign", in->campaign, "campaign id")->required();
  approve_batch->add_option("--unit", in->unit, "the commune")->required();
  approve_batch->add_option(
      "--ids", in->ids,
      "the support ids preview-batch listed: refused if the commune's list differs now");
  approve_batch->add_option("--note", in->note, "note");
  add_json_flag(approve_batch, in->json);
  add_example(approve_batch,
              "vnnctl support approve-batch --campaign vd-2024 --unit 26734 --ids 12 13 17");

  auto* disburse = support->add_subcommand(
      "disburse", "record the handover of an approved support (its fund parts are spent)");
  add_request_id_option(disburse, in->request_id);
  disburse->add_option("id", in->id, "support id")->required();
  disburse->add_option("--on", in->on, "day handed over (YYYY-MM-DD)")->required();
  disburse->add_option("--evidence", in->evidence, "the handover record, e.g. 12/BB-MTTQ")
      ->required();
  disburse->add_option("--part", in->parts,
                       "a fund part handed over for less than approved, repeated: "
                       "fund_id:amount (the rest is released; default: every part in full)");
  add_json_flag(disburse, in->json);
  add_example(disburse,
              "vnnctl support disburse 12 --on 2024-04-20 --evidence 'Biên bản bàn giao số "
              "12/BB-MTTQ' --part fund-736:25000000");

  auto* complete = support->add_subcommand(
      "complete", "record that a handed-over support is completed (e.g. the house is finished)");
  add_request_id_option(complete, in->request_id);
  complete->add_option("id", in->id, "support id")->required();
  complete->add_option("--on", in->on, "day completed (YYYY-MM-DD)")->required();
  complete->add_option("--evidence", in->evidence, "e.g. the house's acceptance record")
      ->required();
  add_json_flag(complete, in->json);
  add_example(complete,
              "vnnctl support complete 12 --on 2024-08-15 --evidence 'Biên bản nghiệm thu "
              "03/BB-NT'");

  auto* cancel = support->add_subcommand(
      "cancel", "cancel a support that is not handed over yet (its reservation is released)");
  add_request_id_option(cancel, in->request_id);
  cancel->add_option("id", in->id, "support id")->required();
  cancel->add_option("--reason", in->reason, "why")->required();
  add_json_flag(cancel, in->json);
  add_example(cancel, "vnnctl support cancel 12 --reason 'Hộ đã được hỗ trợ từ chương trình khác'");

  auto* show = support->add_subcommand("show", "one support with its parts and history");
  show->add_option("id", in->id, "support id")->required();
  add_json_flag(show, in->json);
  add_example(show, "vnnctl support show 12");

  auto* list = support->add_subcommand("list", "list supports");
  list->add_option("--campaign", in->campaign, "campaign id");
  list->add_option("--unit", in->unit, "a commune, or a district for all below it");
  list->add_option("--household", in->household, "household id");
  list->add_option("--kind", in->kind, "support kind (as support propose takes it)")
      ->check([](const std::string& word) {
        return parse_support_kind(word) ? std::string() : "loại hỗ trợ «" + word + "» không có";
      });
  list->add_option("--state", in->state, "proposed|approved|disbursed|completed|cancelled")
      ->check(CLI::IsMember({"proposed", "approved", "disbursed", "completed", "cancelled"}));
  list->add_flag("--all", in->all, "every page (default: the first 100)");
  list->add_option("--page-token", in->page_token, "the page after the one that gave this token");
  add_json_flag(list, in->json);
  add_example(list, "vnnctl support list --campaign vd-2024 --unit 736 --state approved --all");

  commands.add(regulation, [in, &options](AllocationStub* stub) -> int {
    alloc::GetRegulationRequest r;
    *r.mutable_as_of() = parse_date_option(in->as_of, "--as-of");
    auto context = options.context();
    alloc::Regulation out;
    auto status = stub->GetRegulation(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) {
      std::cout << to_json(out) << "\n";
    } else {
      print_regulation(out, options.english());
    }
    return 0;
  });

  commands.add(propose, [in, &options](AllocationStub* stub) -> int {
    alloc::ProposeSupportRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_campaign_id(in->campaign);
    r.set_household_id(in->household);
    r.set_kind(*parse_support_kind(in->kind));
    for (const auto& text : in->parts) *r.add_funding() = parse_funding_part(text, "--part");
    r.set_land_use_certificate(in->land_certificate);
    r.set_note(in->note);
    *r.mutable_proposed_on() = parse_date_option(in->proposed_on, "--proposed-on");
    auto context = options.context();
    alloc::Support out;
    auto status = stub->ProposeSupport(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    return print_changed(out, in->json, options.english());
  });

  commands.add(approve, [in, &options](AllocationStub* stub) -> int {
    alloc::ApproveSupportRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_support_id(in->id);
    r.set_note(in->note);
    auto context = options.context();
    alloc::Support out;
    auto status = stub->ApproveSupport(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    return print_changed(out, in->json, options.english());
  });

  commands.add(preview, [in, &options](AllocationStub* stub) -> int {
    alloc::PreviewBatchApprovalRequest r;
    r.set_campaign_id(in->campaign);
    r.set_unit_code(in->unit);
    auto context = options.context();
    alloc::BatchPreview out;
    auto status = stub->PreviewBatchApproval(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) {
      std::cout << to_json(out) << "\n";
    } else {
      print_preview(out, options.english());
    }
    return 0;
  });

  commands.add(approve_batch, [in, &options](AllocationStub* stub) -> int {
    const bool en = options.english();
    // The request id is fixed before the preview, so a retry of this command line with the
    // same --request-id approves once.
    const std::string request_id = request_id_or_new(in->request_id);
    alloc::PreviewBatchApprovalRequest pr;
    pr.set_campaign_id(in->campaign);
    pr.set_unit_code(in->unit);
    alloc::BatchPreview seen;
    {
      auto context = options.context();
      auto status = stub->PreviewBatchApproval(context.get(), pr, &seen);
      if (!status.ok()) return fail(status);
    }
    if (!in->json) print_preview(seen, en);
    auto refuse = [&](const std::string& why) {
      if (in->json) std::cout << "{\"preview\":" << to_json(seen) << "}\n";
      std::cerr << "vnnctl: " << why << "\n";
      return kExitConflict;
    };
    const std::set<std::int64_t> listed(seen.support_ids().begin(), seen.support_ids().end());
    if (!in->ids.empty() && std::set<std::int64_t>(in->ids.begin(), in->ids.end()) != listed) {
      return refuse(en ? "the commune's proposed supports are not those of --ids (" +
                             ids_text(in->ids) + "); run preview-batch again"
                       : "danh sách hỗ trợ đề xuất của xã không còn như --ids (" +
                             ids_text(in->ids) + "); hãy xem trước lại (preview-batch)");
    }
    if (listed.empty()) {
      if (in->json) {
        std::cout << "{\"preview\":" << to_json(seen) << "}\n";
      } else {
        std::cout << (en ? "nothing to approve\n" : "không có hỗ trợ nào để duyệt\n");
      }
      return 0;
    }
    if (!seen.fits()) {
      return refuse(en ? "not approved: a fund falls short (see the shortfall above)"
                       : "không duyệt: Quỹ không đủ (xem cột Còn thiếu)");
    }
    alloc::ApproveBatchRequest r;
    r.set_request_id(request_id);
    r.set_campaign_id(in->campaign);
    r.set_unit_code(in->unit);
    *r.mutable_support_ids() = seen.support_ids();
    r.set_note(in->note);
    alloc::ApproveBatchResponse out;
    auto context = options.context();
    auto status = stub->ApproveBatch(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) {
      std::cout << "{\"preview\":" << to_json(seen) << ",\"result\":" << to_json(out) << "}\n";
      return 0;
    }
    std::cout << "\n"
              << (en ? "approved: " : "đã duyệt: ") << out.approved_size()
              << (en ? " supports\n" : " hỗ trợ\n");
    for (const auto& s : out.approved()) std::cout << "  " << support_summary(s, en) << "\n";
    if (!out.funds().empty()) print_fund_needs(std::cout, out.funds(), en);
    return 0;
  });

  commands.add(disburse, [in, &options](AllocationStub* stub) -> int {
    alloc::DisburseSupportRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_support_id(in->id);
    *r.mutable_disbursed_on() = parse_date_option(in->on, "--on");
    r.set_evidence(in->evidence);
    for (const auto& text : in->parts) *r.add_fund_parts() = parse_disbursed_part(text, "--part");
    auto context = options.context();
    alloc::Support out;
    auto status = stub->DisburseSupport(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    return print_changed(out, in->json, options.english());
  });

  commands.add(complete, [in, &options](AllocationStub* stub) -> int {
    alloc::CompleteSupportRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_support_id(in->id);
    *r.mutable_completed_on() = parse_date_option(in->on, "--on");
    r.set_evidence(in->evidence);
    auto context = options.context();
    alloc::Support out;
    auto status = stub->CompleteSupport(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    return print_changed(out, in->json, options.english());
  });

  commands.add(cancel, [in, &options](AllocationStub* stub) -> int {
    alloc::CancelSupportRequest r;
    r.set_request_id(request_id_or_new(in->request_id));
    r.set_support_id(in->id);
    r.set_reason(in->reason);
    auto context = options.context();
    alloc::Support out;
    auto status = stub->CancelSupport(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    return print_changed(out, in->json, options.english());
  });

  commands.add(show, [in, &options](AllocationStub* stub) -> int {
    alloc::GetSupportRequest r;
    r.set_support_id(in->id);
    auto context = options.context();
    alloc::Support out;
    auto status = stub->GetSupport(context.get(), r, &out);
    if (!status.ok()) return fail(status);
    if (in->json) {
      std::cout << to_json(out) << "\n";
    } else {
      print_support_details(out, options.english());
    }
    return 0;
  });

  commands.add(list, [in, &options](AllocationStub* stub) -> int {
    const bool en = options.english();
    alloc::ListSupportsRequest r;
    r.set_campaign_id(in->campaign);
    r.set_unit_code(in->unit);
    r.set_household_id(in->household);
    if (!in->kind.empty()) r.set_kind(*parse_support_kind(in->kind));
    if (!in->state.empty()) r.set_state(*parse_support_state(in->state));
    if (in->all) r.mutable_page()->set_page_size(1000);
    r.mutable_page()->set_page_token(in->page_token);
    alloc::ListSupportsResponse all;
    do {
      auto context = options.context();
      alloc::ListSupportsResponse page;
      auto status = stub->ListSupports(context.get(), r, &page);
      if (!status.ok()) return fail(status);
      for (auto& s : *page.mutable_supports()) *all.add_supports() = std::move(s);
      *all.mutable_page() = page.page();
      r.mutable_page()->set_page_token(page.page().next_page_token());
    } while (in->all && !r.page().page_token().empty());
    if (in->json) {
      std::cout << to_json(all) << "\n";
      return 0;
    }
    if (all.supports().empty()) {
      std::cout << (en ? "no supports\n" : "không có hỗ trợ nào\n");
      return 0;
    }
    Table table(headers(en,
                        {"ID", "Campaign", "Household", "Head", "Unit", "Kind", "State", "Total",
                         "From funds", "Handed over"},
                        {"ID", "Đợt", "Hộ", "Chủ hộ", "Đơn vị", "Loại hỗ trợ", "Trạng thái", "Tổng",
                         "Từ Quỹ", "Đã trao"}));
    std::int64_t total = 0, from_funds = 0;
    for (const auto& s : all.supports()) {
      table.add_row({std::to_string(s.id()), s.campaign_id(), std::to_string(s.household_id()),
                     s.masked_name(), s.unit_code(), support_kind_label(s.kind(), en),
                     support_state_label(s.state(), en), format_dong(s.total().dong()),
                     format_dong(s.from_funds().dong()), format_dong(s.disbursed().dong())});
      total += s.total().dong();
      from_funds += s.from_funds().dong();
    }
    table.print(std::cout);
    std::cout << all.supports_size() << (en ? " supports, total " : " hỗ trợ, tổng ")
              << format_dong(total) << (en ? ", from funds " : ", từ Quỹ ")
              << format_dong(from_funds) << "\n";
    if (!all.page().next_page_token().empty()) {
      std::cout << (en ? "more: --all, or --page-token " : "còn nữa: --all, hoặc --page-token ")
                << all.page().next_page_token() << "\n";
    }
    return 0;
  });
}

}  // namespace vnn::cli
