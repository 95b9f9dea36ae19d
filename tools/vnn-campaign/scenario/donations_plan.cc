#include "scenario/donations_plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "scenario/calendar.h"
#include "scenario/district_plan.h"
#include "scenario/vietnamese_names.h"

namespace vnn::campaign {
namespace {

using platform::Date;

struct AgencyStaff {
  const char* agency_id;
  int staff;
  std::vector<std::string> roles;
};

const std::vector<AgencyStaff> kAgencies{
    {"phong-gddt", 22, {"trưởng phòng", "phó trưởng phòng", "chuyên viên", "chuyên viên"}},
    {"phong-ldtbxh", 18, {"trưởng phòng", "phó trưởng phòng", "chuyên viên", "cán sự"}},
    {"vp-hdnd-ubnd", 45, {"chánh văn phòng", "chuyên viên", "nhân viên", "lái xe"}},
    {"ttyt-huyen", 95, {"bác sĩ", "điều dưỡng", "nữ hộ sinh", "dược sĩ", "kỹ thuật viên"}},
    {"cong-an-huyen", 80, {"cán bộ", "chiến sĩ"}},
    {"phong-tckh", 16, {"trưởng phòng", "chuyên viên", "kế toán"}},
    {"phong-nnptnt", 20, {"chuyên viên", "kỹ sư nông nghiệp"}},
    {"thpt-dinh-quan", 68, {"giáo viên", "giáo viên", "nhân viên"}},
    {"thcs-phu-tuc", 42, {"giáo viên", "giáo viên", "nhân viên"}},
    {"th-la-nga", 35, {"giáo viên", "giáo viên", "bảo vệ"}},
};

const std::vector<std::string> kBusinessForms{"Công ty TNHH", "Công ty Cổ phần",
                                              "Doanh nghiệp tư nhân"};
const std::vector<std::string> kTrades{"Xây dựng",
                                       "Vật liệu xây dựng",
                                       "Nông sản",
                                       "Chế biến hạt điều",
                                       "Thương mại – Dịch vụ",
                                       "Vận tải",
                                       "Cà phê",
                                       "Thức ăn chăn nuôi",
                                       "Chế biến gỗ",
                                       "Cơ khí",
                                       "Phân bón",
                                       "Xăng dầu"};
const std::vector<std::string> kPlaces{"La Ngà",   "Phú Túc",  "Định Quán", "Thanh Sơn",
                                       "Đồng Nai", "Trị An",   "Gia Canh",  "Phú Cường",
                                       "Phú Vinh", "Suối Nho", "Túc Trưng", "Ngọc Định"};
const std::vector<std::string> kOrganisations{
    "Hội Chữ thập đỏ huyện Định Quán",
    "Hội Khuyến học huyện Định Quán",
    "Hội Doanh nhân trẻ huyện Định Quán",
    "Giáo xứ Phú Túc",
    "Giáo xứ La Ngà",
    "Chùa Linh Quang",
    "Chùa Pháp Hoa",
    "Tịnh xá Ngọc Định",
    "Hội thánh Tin Lành Định Quán",
    "Ban đại diện Hội Người cao tuổi huyện Định Quán",
    "Câu lạc bộ Doanh nhân Định Quán",
    "Hội Cựu giáo chức huyện Định Quán",
    "Hội Luật gia huyện Định Quán",
    "Hợp tác xã Nông nghiệp Phú Túc",
    "Hợp tác xã Dịch vụ nông nghiệp La Ngà",
    "Quỹ tín dụng nhân dân Định Quán",
    "Chi nhánh Ngân hàng Nông nghiệp và Phát triển nông thôn huyện Định Quán",
    "Bưu điện huyện Định Quán",
    "Điện lực Định Quán",
    "Nhà thờ Gia Canh",
    "Hội Đông y huyện Định Quán",
    "Câu lạc bộ Thiện nguyện Định Quán",
    "Hội đồng hương Quảng Ngãi tại Định Quán",
    "Hội đồng hương Thanh Hóa tại Định Quán",
    "Ban liên lạc Cựu thanh niên xung phong huyện Định Quán",
    "Hội Nạn nhân chất độc da cam huyện Định Quán",
    "Câu lạc bộ Hưu trí huyện Định Quán",
    "Hợp tác xã Thủy sản hồ Trị An",
    "Trung tâm Văn hóa – Thể thao huyện Định Quán",
    "Ban Chỉ huy Quân sự huyện Định Quán",
};

struct Goods {
  const char* description;
  const char* unit;
  std::int64_t unit_value;
  std::int64_t min_quantity, max_quantity;
};
const std::vector<Goods> kGoods{
    {"Gạo", "kg", 16000, 200, 2000},
    {"Cây giống cà phê", "cây", 6000, 300, 2000},
    {"Cây giống điều", "cây", 8000, 200, 1500},
    {"Xi măng", "bao", 92000, 50, 300},
    {"Tôn lợp mái", "tấm", 125000, 30, 200},
    {"Gạch xây", "viên", 1200, 2000, 20000},
    {"Mì gói", "thùng", 105000, 20, 200},
    {"Dầu ăn", "chai", 48000, 50, 400},
};

const std::vector<std::int64_t> kIndividualCash{100000,  200000,  200000,  300000,
                                                500000,  500000,  1000000, 1000000,
                                                2000000, 3000000, 5000000, 10000000};
const std::vector<std::int64_t> kIndividualTransfer{200000,  500000,  1000000,  1000000, 2000000,
                                                    3000000, 5000000, 10000000, 20000000};

class DonationPlanner {
 public:
  DonationPlanner(Scenario& s, Rng& rng, Identifiers& ids) : s_(s), rng_(rng), ids_(ids) {
    for (const auto& c : s_.communes) commune_funds_.push_back(fund_of(c.code));
    for (const auto* m : mobilisers_of(s_, MobiliserKind::kMemberOrganisation))
      organisations_.push_back(m->id);
    for (const auto* m : mobilisers_of(s_, MobiliserKind::kBoardMember)) board_.push_back(m->id);
  }

  void payroll_lists() {
    for (const auto& a : kAgencies) {
      PayrollList list;
      list.key = "payroll-" + std::string(a.agency_id);
      list.fund_id = kDistrictFundId;
      list.mobiliser_id = a.agency_id;
      list.received_on = Date{2024, 3, static_cast<int>(rng_.between(5, 25))};
      list.list_reference = "Một ngày lương tháng 3/2024";
      for (int i = 0; i < a.staff; ++i) {
        const bool female = rng_.chance(a.staff > 60 ? 55 : 45);
        const int born = static_cast<int>(rng_.between(1966, 2000));
        PayrollLine line;
        line.full_name = random_name(rng_, female).full();
        if (rng_.chance(60)) line.citizen_id = ids_.citizen_id(female, born);
        // One day's wage: a month's pay over 22 working days, to the thousand.
        line.amount = rng_.between(150, 700) * 1000;
        if (rng_.chance(40)) line.note = rng_.pick(a.roles);
        list.lines.push_back(std::move(line));
      }
      s_.payroll_lists.push_back(std::move(list));
    }
  }

  int payroll_lines() const {
    int n = 0;
    for (const auto& l : s_.payroll_lists) n += static_cast<int>(l.lines.size());
    return n;
  }

  void household_contribution() {
    const bool female = rng_.chance(40);
    Donation d = base(Channel::kCash, rng_.pick(commune_funds_), date_between(12, 85));
    d.donor =
        Donor{.kind = DonorKind::kHousehold, .name = "Hộ " + random_name(rng_, female).full()};
    d.amount = rng_.chance(65) ? 30000 : 10000;
    d.mobiliser_id = organisations_[rng_.weighted({35, 35, 15, 5, 10})];
    push(std::move(d));
  }

  void individual_cash() {
    const bool female = rng_.chance(45);
    const bool district = rng_.chance(50);
    Donation d = base(Channel::kCash, district ? kDistrictFundId : rng_.pick(commune_funds_),
                      date_between(0, 100));
    d.donor = person(female);
    d.amount = rng_.pick(kIndividualCash);
    if (rng_.chance(30))
      d.mobiliser_id = rng_.chance(70) ? rng_.pick(organisations_) : rng_.pick(board_);
    if (rng_.chance(20)) d.note = "Ủng hộ Quỹ \"Vì người nghèo\"";
    push(std::move(d));
  }

  void individual_transfer() {
    const bool female = rng_.chance(45);
    Donation d = transfer(date_between(0, 100));
    d.donor = person(female);
    if (d.donor.phone.empty()) d.donor.phone = ids_.phone();
    d.amount = rng_.pick(kIndividualTransfer);
    d.note = "Chuyển khoản ủng hộ Quỹ \"Vì người nghèo\"";
    push(std::move(d));
  }

  Donor business_donor() {
    std::string name;
    do {
      name = rng_.pick(kBusinessForms) + " " + rng_.pick(kTrades) + " " + rng_.pick(kPlaces);
    } while (!business_names_.insert(name).second && business_names_.size() < 400);
    Donor donor{.kind = DonorKind::kBusiness, .name = name, .tax_code = ids_.tax_code()};
    if (rng_.chance(50)) donor.phone = ids_.phone();
    return donor;
  }

  void business() {
    Donation d = transfer(date_between(0, 70));
    d.donor = business_donor();
    const std::size_t band = rng_.weighted({50, 30, 15, 5});
    d.amount = band == 0   ? rng_.between(5, 20) * 1'000'000
               : band == 1 ? rng_.between(20, 50) * 1'000'000
               : band == 2 ? rng_.between(5, 10) * 10'000'000
                           : rng_.between(10, 20) * 10'000'000;
    if (rng_.chance(30)) d.mobiliser_id = rng_.pick(board_);
    d.note = "Ủng hộ đợt cao điểm Quỹ Vì người nghèo";
    push(std::move(d));
  }

  void organisation(std::size_t index) {
    const std::string name = kOrganisations[index % kOrganisations.size()] +
                             (index >= kOrganisations.size() ? " (đợt 2)" : "");
    const bool by_transfer = rng_.chance(50);
    Donation d = by_transfer ? transfer(date_between(5, 95))
                             : base(Channel::kCash,
                                    rng_.chance(60) ? kDistrictFundId : rng_.pick(commune_funds_),
                                    date_between(5, 95));
    d.donor = Donor{.kind = DonorKind::kOrganisation, .name = name};
    d.amount = rng_.between(4, 100) * 500'000;
    push(std::move(d));
  }

  void anonymous() {
    Donation d = base(Channel::kCash, rng_.chance(50) ? kDistrictFundId : rng_.pick(commune_funds_),
                      date_between(0, 100));
    d.donor = Donor{.kind = DonorKind::kAnonymous};
    d.amount = rng_.between(1, 40) * 50'000;
    d.note = "Nhà hảo tâm không nêu tên";
    push(std::move(d));
  }

  void in_kind() {
    Donation d =
        base(Channel::kInKind, rng_.chance(60) ? kDistrictFundId : rng_.pick(commune_funds_),
             date_between(10, 95));
    const std::size_t who = rng_.weighted({40, 35, 25});
    d.donor = who == 0 ? business_donor()
              : who == 1
                  ? Donor{.kind = DonorKind::kOrganisation, .name = rng_.pick(kOrganisations)}
                  : person(rng_.chance(50));
    const int items = static_cast<int>(rng_.between(1, 2));
    std::set<std::size_t> used;
    for (int i = 0; i < items; ++i) {
      std::size_t g =
          static_cast<std::size_t>(rng_.between(0, static_cast<std::int64_t>(kGoods.size()) - 1));
      if (!used.insert(g).second) continue;
      const auto& goods = kGoods[g];
      InKindItem item{.description = goods.description,
                      .quantity = rng_.between(goods.min_quantity, goods.max_quantity),
                      .unit = goods.unit};
      item.assessed_value = item.quantity * goods.unit_value;
      d.amount += item.assessed_value;
      d.items.push_back(std::move(item));
    }
    d.note = "Giá trị quy đổi theo biên bản định giá của Ban vận động";
    push(std::move(d));
  }

  // Pledges by businesses, fulfilled later by transfers: in full at once, in full in two parts,
  // and one only in part.
  void pledges(int count) {
    for (int i = 0; i < count; ++i) {
      Pledge p;
      p.key = "pledge-" + std::to_string(i + 1);
      p.fund_id = kDistrictFundId;
      p.donor = business_donor();
      p.amount = rng_.between(8, 30) * 10'000'000;
      p.pledged_on = add_days(s_.campaign.starts_on, static_cast<int>(rng_.between(2, 25)));
      p.due_on = Date{2024, 4, 30};
      p.mobiliser_id = rng_.pick(board_);
      s_.pledges.push_back(p);
      const int shape = i % 3;  // 0: in full at once, 1: in two parts, 2: in part
      const int after = days_between(s_.campaign.starts_on, p.pledged_on);
      if (shape == 0) {
        fulfil(p, p.amount, date_between(after + 5, after + 40));
      } else if (shape == 1) {
        const std::int64_t first = p.amount / 20'000'000 * 10'000'000;
        fulfil(p, first, date_between(after + 3, after + 20));
        fulfil(p, p.amount - first, date_between(after + 25, after + 60));
      } else {
        fulfil(p, p.amount * 3 / 5 / 1'000'000 * 1'000'000, date_between(after + 10, after + 50));
      }
    }
  }

  // A cash gift booked ten times too large, reversed and booked again right; and a household's
  // contribution booked twice, the second reversed.
  void reversals() {
    const Donation* original = nullptr;
    for (const auto& d : s_.donations) {
      if (d.channel == Channel::kCash && d.donor.kind == DonorKind::kIndividual &&
          d.fund_id == kDistrictFundId && d.amount == 500000) {
        original = &d;
        break;
      }
    }
    if (original != nullptr) {
      Donation wrong = *original;
      wrong.amount = 5'000'000;
      wrong.note = "Phiếu thu ghi 500.000 đ";
      const Donor donor = original->donor;
      const Date day = original->received_on;
      const std::string wrong_key = push(std::move(wrong));
      s_.reversals.push_back(
          Reversal{.donation_key = wrong_key,
                   .reason = "Ghi nhầm số tiền 5.000.000 đ, phiếu thu ghi 500.000 đ"});
      Donation corrected = base(Channel::kCash, kDistrictFundId, day);
      corrected.donor = donor;
      corrected.amount = 500'000;
      corrected.note = "Ghi lại đúng số tiền thay cho khoản " + wrong_key + " ghi nhầm";
      push(std::move(corrected));
    }
    for (const auto& d : s_.donations) {
      if (d.donor.kind == DonorKind::kHousehold) {
        Donation twice = d;
        const std::string key = push(std::move(twice));
        s_.reversals.push_back(
            Reversal{.donation_key = key, .reason = "Ghi trùng phiếu thu của cùng một hộ"});
        break;
      }
    }
  }

 private:
  Date date_between(int first, int last) {
    const int span = days_between(s_.campaign.starts_on, s_.campaign.ends_on);
    first = std::clamp(first, 0, span);
    last = std::clamp(last, first, span);
    return add_days(s_.campaign.starts_on, static_cast<int>(rng_.between(first, last)));
  }

  Donation base(Channel channel, const std::string& fund_id, const Date& day) {
    Donation d;
    d.channel = channel;
    d.fund_id = fund_id;
    d.received_on = day;
    return d;
  }

  Donation transfer(const Date& day) {
    Donation d = base(Channel::kBankTransfer, kDistrictFundId, day);
    d.bank_account_number = s_.funds.front().account_number;
    d.bank_reference = ids_.bank_reference(day_of_year(day));
    return d;
  }

  Donor person(bool female) {
    Donor donor{.kind = DonorKind::kIndividual, .name = random_name(rng_, female).full()};
    if (rng_.chance(25)) {
      donor.citizen_id = ids_.citizen_id(female, static_cast<int>(rng_.between(1950, 2000)));
    }
    if (rng_.chance(35)) donor.phone = ids_.phone();
    return donor;
  }

  void fulfil(const Pledge& p, std::int64_t amount, const Date& day) {
    Donation d = transfer(day);
    d.donor = p.donor;
    d.amount = amount;
    d.pledge_key = p.key;
    d.mobiliser_id = p.mobiliser_id;
    d.note = "Thực hiện cam kết ủng hộ " + p.key;
    push(std::move(d));
  }

  std::string push(Donation d) {
    d.key = next_donation_key(s_);
    s_.donations.push_back(std::move(d));
    return s_.donations.back().key;
  }

  Scenario& s_;
  Rng& rng_;
  Identifiers& ids_;
  std::vector<std::string> commune_funds_, organisations_, board_;
  std::set<std::string> business_names_;
};

}  // namespace

std::string next_donation_key(const Scenario& s) {
  std::string number = std::to_string(s.donations.size() + 1);
  if (number.size() < 4) number.insert(0, 4 - number.size(), '0');
  return "don-" + number;
}

int day_of_year(const Date& date) { return days_between(Date{date.year, 1, 1}, date) + 1; }

void plan_donations(Scenario& s, Rng& rng, Identifiers& ids, int donors) {
  DonationPlanner planner(s, rng, ids);
  planner.payroll_lists();
  const int rest = std::max(0, donors - planner.payroll_lines());
  // Shares of the rest, per thousand: households' contributions are the many small gifts.
  const int individuals_cash = rest * 200 / 1000, individuals_transfer = rest * 120 / 1000,
            businesses = std::max(8, rest * 60 / 1000),
            organisations = std::max(4, rest * 40 / 1000),
            anonymous = std::max(3, rest * 40 / 1000), in_kind = std::max(3, rest * 30 / 1000),
            pledges = 5;
  const int households = std::max(5, rest - individuals_cash - individuals_transfer - businesses -
                                         organisations - anonymous - in_kind - pledges * 2);
  for (int i = 0; i < businesses; ++i) planner.business();
  planner.pledges(pledges);
  for (int i = 0; i < organisations; ++i) planner.organisation(static_cast<std::size_t>(i));
  for (int i = 0; i < individuals_transfer; ++i) planner.individual_transfer();
  for (int i = 0; i < individuals_cash; ++i) planner.individual_cash();
  for (int i = 0; i < households; ++i) planner.household_contribution();
  for (int i = 0; i < anonymous; ++i) planner.anonymous();
  for (int i = 0; i < in_kind; ++i) planner.in_kind();
  planner.reversals();
}

}  // namespace vnn::campaign
