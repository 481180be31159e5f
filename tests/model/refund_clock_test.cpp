// The refund clock (DOMAIN.md): the municipal share follows a citizen's cumulative weeks on any
// benefit; the count restarts once the citizen has had 52 weeks of self-support within the last
// 156; løntilskud pays a benefit and is not self-support.
//
// Each test builds one citizen whose life is a fixed chain of spells (programme states of fixed
// length), runs it through the simulation and compares the municipal cost per budget year with
// `reference_bill` below: an independent implementation of the rule as the law states it, which
// shares no code with caseflow (it walks the spells, keeps every self-support spell, and splits
// benefit time at refund steps and at 1 January by its own date arithmetic). A few figures are
// also written out by hand.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "economics/budget.hpp"
#include "fixtures.hpp"
#include "model/simulation.hpp"

using namespace caseflow;

namespace {

enum class Kind { benefit, job, wage_subsidy };

struct Spell {
  Kind kind;
  double weeks;
};

constexpr double kRate = 2630.0;  // kontanthjælp, DKK a week
// Municipal share by cumulative benefit week (from week, share): the 2016 ladder.
const std::vector<std::pair<double, double>> kLadder{{0, 0.20}, {4, 0.60}, {26, 0.70}, {52, 0.80}};

/// One citizen living `spells` one after the other from the first simulated day (the end of a
/// warm-up of `warmup_years` before 1 January 2025), then on benefit for good.
model::Scenario chain(const std::vector<Spell>& spells, int warmup_years = 0, int years = 4) {
  model::Scenario s;
  s.name = "refund-clock";
  s.start = engine::Date{2025, 1, 1};
  s.years = years;
  s.warmup_years = warmup_years;
  s.seed = 1;
  model::Model m;
  m.benefits.push_back(testing::benefit("kontanthjaelp", kRate));
  m.refund.schedules.push_back(model::RefundSchedule{"standard", kLadder});
  m.groups.push_back(testing::group("kontanthjaelp", 0));
  for (std::size_t i = 0; i < spells.size(); ++i) {
    model::State st;
    st.name = "spell" + std::to_string(i);
    st.benefit_rule = spells[i].kind == Kind::job ? model::State::BenefitRule::none : model::State::BenefitRule::group;
    st.self_supporting = spells[i].kind == Kind::job;
    st.duration = engine::Distribution::fixed_at(spells[i].weeks);
    st.exits.push_back(model::ProgrammeExit{static_cast<int>(i + 1), false, 1.0});
    m.states.push_back(st);
  }
  model::State last;
  last.name = "on_benefit_for_good";
  last.benefit_rule = model::State::BenefitRule::group;
  last.absorbing = true;
  m.states.push_back(last);
  model::InitialStock stock;
  stock.group = 0;
  stock.state = 0;
  stock.count = 1;
  m.initial.push_back(stock);
  model::Arm baseline;
  baseline.name = "baseline";
  baseline.model = m;
  s.arms.push_back(baseline);
  return s;
}

// ---- the independent reference --------------------------------------------------------------

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
double weeks_in(int y) { return (leap(y) ? 366.0 : 365.0) / 7.0; }

/// Municipal cost (DKK) per budget year 2025 .. 2025 + years - 1 of the citizen `chain` builds.
std::vector<double> reference_bill(const std::vector<Spell>& spells, int warmup_years, int years) {
  // Time in weeks from 1 January 2025; the citizen starts at the beginning of the warm-up.
  double t = 0.0;
  for (int y = 2025 - warmup_years; y < 2025; ++y) t -= weeks_in(y);
  std::vector<double> year_begin{0.0};
  for (int y = 0; y < years; ++y) year_begin.push_back(year_begin.back() + weeks_in(2025 + y));
  const double horizon = year_begin.back();
  std::vector<double> bill(static_cast<std::size_t>(years), 0.0);
  double clock = 0.0;                               // cumulative benefit weeks
  std::vector<std::pair<double, double>> worked;    // every self-support spell [begin, end)
  // Pays benefit over [from, to): cut at refund steps and year boundaries, one piece at a time.
  auto pay = [&](double from, double to) {
    while (from < to) {
      double share = kLadder[0].second, next_step = 1e300;
      for (std::size_t k = 0; k < kLadder.size(); ++k) {
        if (clock >= kLadder[k].first) share = kLadder[k].second;
        else { next_step = kLadder[k].first; break; }
      }
      double piece_end = std::min(to, from + (next_step - clock));
      for (double b : year_begin) {
        if (b > from && b < piece_end) piece_end = b;
      }
      for (int y = 0; y < years; ++y) {
        if (from >= year_begin[y] && from < year_begin[y + 1]) bill[y] += kRate * share * (piece_end - from);
      }
      clock += piece_end - from;
      from = piece_end;
    }
  };
  for (const Spell& s : spells) {
    const double end = t + s.weeks;
    if (s.kind == Kind::job) {
      worked.emplace_back(t, end);
      double within = 0.0;
      for (const auto& [b, e] : worked) within += std::max(0.0, e - std::max(b, end - 156.0));
      if (within >= 52.0 - 1e-9) {
        clock = 0.0;
        worked.clear();
      }
    } else {
      pay(t, end);
    }
    t = end;
  }
  if (t < horizon) pay(t, horizon);
  return bill;
}

std::vector<double> simulated_bill(const std::vector<Spell>& spells, int warmup_years = 0, int years = 4) {
  const model::Scenario s = chain(spells, warmup_years, years);
  const auto money = economics::price_arm(s, 0, model::simulate_arm(s, 0, 0, nullptr));
  std::vector<double> bill;
  for (const auto& year : money) bill.push_back(year.benefit_municipal);
  return bill;
}

void check_against_reference(const std::vector<Spell>& spells, int warmup_years = 0, int years = 4) {
  const std::vector<double> expected = reference_bill(spells, warmup_years, years);
  const std::vector<double> got = simulated_bill(spells, warmup_years, years);
  REQUIRE(got.size() == expected.size());
  for (std::size_t y = 0; y < got.size(); ++y) {
    INFO("budget year " << 2025 + y);
    CHECK(got[y] == Approx(expected[y]).margin(0.01));  // to the øre
  }
}

}  // namespace

TEST_CASE("Refund clock: 52 weeks of work restart the clock, 51 do not (60 / work / 30 on benefit)", "[model][economics][refund]") {
  const std::vector<Spell> restart{{Kind::benefit, 60}, {Kind::job, 52}, {Kind::benefit, 30}};
  const std::vector<Spell> no_restart{{Kind::benefit, 60}, {Kind::job, 51}, {Kind::benefit, 30}};
  check_against_reference(restart);
  check_against_reference(no_restart);
  // By hand, the 30 weeks after work: 4 x 20 % + 22 x 60 % + 4 x 70 % after a restart, all at
  // 80 % without. They run from week 112 (restart) or 111 to week 142 (141): inside 2027
  // (weeks 104.29 .. 156.43).
  const double after_restart = kRate * (4 * 0.2 + 22 * 0.6 + 4 * 0.7);
  const double without = kRate * 30 * 0.8;
  // 2027 also holds the weeks on benefit for good from week 142 (141) to its end, at the
  // clock the 30 weeks left.
  const double end_2027 = (365.0 * 3) / 7.0;
  CHECK(simulated_bill(restart)[2] == Approx(after_restart + kRate * 0.7 * (end_2027 - 142.0)).margin(0.01));
  CHECK(simulated_bill(no_restart)[2] == Approx(without + kRate * 0.8 * (end_2027 - 141.0)).margin(0.01));
}

TEST_CASE("Refund clock: an exact 52-week job spell starting at a fractional week restarts the clock", "[model][economics][refund]") {
  for (double first : {10.3, 10.7, 33.1, 0.1 + 0.2}) {
    INFO("first benefit spell " << first << " weeks");
    const std::vector<Spell> spells{{Kind::benefit, first}, {Kind::job, 52}, {Kind::benefit, 30}};
    check_against_reference(spells);
  }
  // By hand for 10.3: the job ends at week 62.3, in 2026 (weeks 52.14 .. 104.29); the 30 weeks
  // after it restart at 20 %: 4 x 20 %, 22 x 60 %, 4 x 70 %, and then on benefit for good at
  // 70 % until week 52 of the new clock (week 114.3), 80 % after. The first 10.3 weeks lie in
  // 2025, so 2026 holds the 30 weeks' bill and 70 % from week 92.3 to its end (week 104.29).
  const double end_2026 = 730.0 / 7.0;
  const auto bill = simulated_bill({{Kind::benefit, 10.3}, {Kind::job, 52}, {Kind::benefit, 30}});
  CHECK(bill[1] == Approx(kRate * (4 * 0.2 + 22 * 0.6 + 4 * 0.7 + 0.7 * (end_2026 - 92.3))).margin(0.01));
}

TEST_CASE("Refund clock: job spells inside and outside the window", "[model][economics][refund]") {
  // 30 weeks of work, 110 on benefit, 22 of work: at the second job's end the window reaches
  // back 156 weeks, to 6 weeks into the first job: 24 + 22 = 46 < 52, no restart.
  check_against_reference({{Kind::benefit, 10}, {Kind::job, 30}, {Kind::benefit, 110}, {Kind::job, 22}, {Kind::benefit, 20}}, 0, 5);
  // With 100 weeks between them the first job lies wholly inside: 30 + 22 = 52, restart.
  check_against_reference({{Kind::benefit, 10}, {Kind::job, 30}, {Kind::benefit, 100}, {Kind::job, 22}, {Kind::benefit, 20}}, 0, 5);
  // Three short jobs: 20 + 20 + 12 = 52 within 156 weeks.
  check_against_reference({{Kind::benefit, 60}, {Kind::job, 20}, {Kind::benefit, 5}, {Kind::job, 20}, {Kind::benefit, 5}, {Kind::job, 12}, {Kind::benefit, 30}});
  // The two cases differ by a restart: 10 weeks right after the second job cost 20/60 % or 80 %.
  const auto outside = simulated_bill({{Kind::benefit, 10}, {Kind::job, 30}, {Kind::benefit, 110}, {Kind::job, 22}, {Kind::benefit, 20}}, 0, 5);
  const auto inside = simulated_bill({{Kind::benefit, 10}, {Kind::job, 30}, {Kind::benefit, 100}, {Kind::job, 22}, {Kind::benefit, 20}}, 0, 5);
  double total_outside = 0.0, total_inside = 0.0;
  for (double x : outside) total_outside += x;
  for (double x : inside) total_inside += x;
  CHECK(total_inside < total_outside - 10 * kRate * 0.1);
}

TEST_CASE("Refund clock: løntilskud between jobs counts on the clock and is not self-support", "[model][economics][refund]") {
  // 30 weeks of work, 10 of løntilskud, 22 of work: 52 weeks of self-support within the window.
  check_against_reference({{Kind::benefit, 60}, {Kind::job, 30}, {Kind::wage_subsidy, 10}, {Kind::job, 22}, {Kind::benefit, 30}});
  // Without the second job's last week: 51, no restart.
  check_against_reference({{Kind::benefit, 60}, {Kind::job, 30}, {Kind::wage_subsidy, 10}, {Kind::job, 21}, {Kind::benefit, 30}});
  // Løntilskud alone for 52 weeks restarts nothing: after 60 + 52 weeks on benefit, 80 %.
  const auto bill = simulated_bill({{Kind::benefit, 60}, {Kind::wage_subsidy, 52}, {Kind::benefit, 30}});
  CHECK(bill[2] == Approx(kRate * 0.8 * (365.0 / 7.0)).margin(0.01));
}

TEST_CASE("Refund clock: a citizen cycling eleven weeks in work, one on benefit, restarts after 52 weeks of work", "[model][economics][refund]") {
  std::vector<Spell> spells{{Kind::benefit, 60}};
  for (int i = 0; i < 8; ++i) {
    spells.push_back({Kind::job, 11});
    spells.push_back({Kind::benefit, 1});
  }
  spells.push_back({Kind::benefit, 30});
  check_against_reference(spells);
  // By hand: the fifth job spell ends at week 60 + 5 x 11 + 4 = 119 with 55 weeks of work in
  // the window: the clock restarts, so the weeks on benefit after it are at 20 %: the
  // 5th-8th one-week spells (4 weeks) and 30 weeks more: 4 x 20 %, 22 x 60 %, 8 x 70 %,
  // all in 2027 (weeks 104.29 .. 156.43) together with the first four one-week spells at 80 %
  // (weeks 71, 83, 95 fall in 2026; week 107 in 2027), and the rest of 2027 on benefit for good.
  // The cycle never restarts the clock if only four job spells were remembered (44 weeks): then
  // every week on benefit after week 60 would cost 80 %. The restart makes 2027 cheaper.
  const auto bill = simulated_bill(spells);
  const double end_2026 = 730.0 / 7.0, end_2027 = 1095.0 / 7.0;
  // Weeks on benefit in 2027: the one-week spells at 107, 119, 131, 143, 155, then from 156 on.
  const double weeks_2027 = 5.0 + (end_2027 - 156.0);
  REQUIRE(end_2026 < 107.0);
  CHECK(bill[2] < kRate * 0.8 * weeks_2027 - 1.0);
  // The week at 107 is at 80 % (clock 63); the fifth job ends at 119 with 55 weeks of work in
  // the window and restarts the clock: the weeks at 119, 131, 143, 155 are at 20 % (clock 0-4),
  // and from week 156 the clock is past 4: 60 %.
  CHECK(bill[2] == Approx(kRate * (0.8 * 1.0 + 0.2 * 4.0 + 0.6 * (end_2027 - 156.0))).margin(0.01));
}

TEST_CASE("Refund clock: a restart earned during a three-year warm-up counts", "[model][economics][refund]") {
  // Warm-up from 1 January 2022: 60 weeks on benefit, 52 in work, then on benefit from week
  // -44.6 on; the clock restarted in the warm-up, so 2025 begins at clock 44.6 (70 % then 80 %),
  // not at 112.6 (80 % all year).
  const std::vector<Spell> spells{{Kind::benefit, 60}, {Kind::job, 52}};
  check_against_reference(spells, 3, 2);
  const double begin = -(365.0 + 365.0 + 366.0) / 7.0;  // 1 January 2022
  const double clock_at_2025 = -(begin + 112.0);           // weeks on benefit since the job ended
  REQUIRE(clock_at_2025 == Approx(44.571).margin(0.001));
  const double year = 365.0 / 7.0;
  const double at_70 = 52.0 - clock_at_2025;
  const auto bill = simulated_bill(spells, 3, 2);
  CHECK(bill[0] == Approx(kRate * (0.7 * at_70 + 0.8 * (year - at_70))).margin(0.01));
}
