// Participants, outcomes with and without the intervention for the same citizens, deadweight and
// the split of the savings (model/participation.hpp), against answers computed by hand or in
// closed form.
#include <catch2/catch.hpp>

#include <cmath>

#include "economics/budget.hpp"
#include "fixtures.hpp"
#include "model/participation.hpp"
#include "model/simulation.hpp"

using namespace caseflow;

namespace {

using Outcomes = model::ParticipantOutcomes;

double part_total(const Outcomes& p, int part) {
  double sum = 0.0;
  for (std::size_t i = static_cast<std::size_t>(part); i < p.parts.size(); i += Outcomes::kParts) sum += p.parts[i];
  return sum;
}

std::size_t arm_index(const model::Scenario& s, const std::string& name) {
  for (std::size_t a = 0; a < s.arms.size(); ++a) {
    if (s.arms[a].name == name) return a;
  }
  FAIL("no arm " << name);
  return 0;
}

/// Mean over replications of part `part` of arm `arm` (index into the requested arms).
testing::MeanSe part_mean(const std::vector<std::vector<economics::ArmRecord>>& records, std::size_t arm, int part) {
  std::vector<double> v;
  for (const auto& rep : records) v.push_back(part_total(rep[arm].participants, part));
  return testing::mean_se(v);
}

/// In every replication and budget year, the four parts of arm 1's savings sum to its savings.
void check_parts_sum_to_savings(const std::vector<std::vector<economics::ArmRecord>>& records) {
  for (const auto& rep : records) {
    for (int y = 0; y < static_cast<int>(rep[1].money.savings.size()) - 1; ++y) {
      double sum = 0.0;
      for (int k = 0; k < Outcomes::kParts; ++k) sum += rep[1].participants.parts[static_cast<std::size_t>(y) * Outcomes::kParts + k];
      INFO("year " << y);
      CHECK(sum == Approx(rep[1].money.savings[y]).epsilon(1e-9));
    }
  }
}

// E[T 1{a <= T < b}] for T ~ Exp(rate).
double partial_mean(double rate, double a, double b) {
  return ((1.0 + rate * a) * std::exp(-rate * a) - (1.0 + rate * b) * std::exp(-rate * b)) / rate;
}

}  // namespace

TEST_CASE("The ledger answers self-support and cost questions for hand-made citizens", "[model][participation]") {
  // One budget year (index 0) of 60 weeks; a flat price of 1 DKK a week.
  model::RefundSchedule flat;
  flat.steps = {{0.0, 1.0}};
  model::CitizenLedger base, arm;
  base.init(4, 1, true);
  arm.init(4, 1, true);
  for (std::uint32_t c = 0; c < 4; ++c) {
    base.admit(c, false);
    arm.admit(c, false);
  }
  // c0: participant from week 0; leaves at 10 in the baseline and at 4 with the intervention -> (a) 6.
  // c1: participant from week 5; never leaves in the baseline, leaves at 20 with it -> (b) 40.
  // c2: never participates; 50 weeks in the baseline, 45 with it -> (c) 5.
  // c3: participant from week 0; leaves at 30 in the baseline, never with it -> (d) -30.
  base.flip(0, 10.0);
  arm.flip(0, 4.0);
  arm.flip(1, 20.0);
  base.flip(3, 30.0);
  base.book(0, 0, flat, 0.0, 10.0, 0.0, 1.0, flat, 0);
  arm.book(0, 0, flat, 0.0, 4.0, 0.0, 1.0, flat, 0);
  base.book(1, 0, flat, 0.0, 60.0, 0.0, 1.0, flat, 0);
  arm.book(1, 0, flat, 0.0, 20.0, 0.0, 1.0, flat, 0);
  base.book(2, 0, flat, 0.0, 50.0, 0.0, 1.0, flat, 0);
  arm.book(2, 0, flat, 0.0, 45.0, 0.0, 1.0, flat, 0);
  base.book(3, 0, flat, 0.0, 30.0, 0.0, 1.0, flat, 0);
  arm.book(3, 0, flat, 0.0, 60.0, 0.0, 1.0, flat, 0);
  base.finalise();
  arm.finalise();
  CHECK(base.self_supporting_at(0, 10.0));
  CHECK_FALSE(base.self_supporting_at(0, 9.999));
  CHECK(base.self_supporting_during(3, 0.0, 31.0));
  CHECK_FALSE(base.self_supporting_during(3, 0.0, 30.0));
  CHECK(base.cost(1, 0) == 60.0);

  const std::vector<double> first{0.0, 5.0, model::kInfinity, 0.0};
  const Outcomes p = model::compare_with_baseline(arm, base, first, 60.0);
  CHECK(p.participants == 3);
  CHECK(p.parts == std::vector<double>{6.0, 40.0, 5.0, -30.0});
  // 26 weeks after: c0 (week 26) with 1 / without 1; c1 (week 31) 1 / 0; c3 (week 26) 0 / 0.
  CHECK(p.followed[0] == 3);
  CHECK(p.self_supporting_arm[0] == 2);
  CHECK(p.self_supporting_baseline[0] == 1);
  // 52 weeks after: c1's follow-up (week 57) is inside the 60 weeks too; c3 is self-supporting
  // without the intervention by then (week 30).
  CHECK(p.followed[1] == 3);
  CHECK(p.self_supporting_arm[1] == 2);
  CHECK(p.self_supporting_baseline[1] == 2);
  // A follow-up past the horizon is not observed.
  const Outcomes late = model::compare_with_baseline(arm, base, {0.0, 40.0, model::kInfinity, 0.0}, 60.0);
  CHECK(late.followed[0] == 2);
  CHECK(late.followed[1] == 2);  // c0 and c3 (week 52); c1 (week 92) is not
}

TEST_CASE("Exponential exits: outcomes at 26 and 52 weeks and the split of the savings match the closed form",
          "[model][participation]") {
  const model::Scenario s = testing::load_model_fixture("participants.yaml");
  const std::size_t arm = arm_index(s, "hurtigere");
  const auto records = economics::run_and_record(s, {0, arm}, 2);
  const double rate = 0.02, m = 1.5, n = 10000.0, w = 500.0;
  const double horizon = s.calendar().horizon();
  const double reps = static_cast<double>(records.size());

  // Everyone in group g is in `ledig` on the first day, where the effect applies: all 10,000
  // take part from week 0; the other group is never reached.
  for (const auto& rep : records) CHECK(rep[1].participants.participants == 10000);

  // E[Y1|D=1] = 1 - exp(-m rate t), E[Y0|D=1] = 1 - exp(-rate t).
  for (int f = 0; f < 2; ++f) {
    const double t = Outcomes::kFollowUps[f];
    double followed = 0.0, with = 0.0, without = 0.0;
    for (const auto& rep : records) {
      followed += static_cast<double>(rep[1].participants.followed[f]);
      with += static_cast<double>(rep[1].participants.self_supporting_arm[f]);
      without += static_cast<double>(rep[1].participants.self_supporting_baseline[f]);
    }
    CHECK(followed == n * reps);
    const double y1 = 1.0 - std::exp(-m * rate * t), y0 = 1.0 - std::exp(-rate * t);
    const double se1 = std::sqrt(y1 * (1.0 - y1) / followed), se0 = std::sqrt(y0 * (1.0 - y0) / followed);
    INFO("follow-up " << t << " weeks: Y1 " << with / followed << " (expected " << y1 << "), Y0 " << without / followed
                      << " (expected " << y0 << ")");
    CHECK(std::fabs(with / followed - y1) < 4.0 * se1);
    CHECK(std::fabs(without / followed - y0) < 4.0 * se0);
  }

  // (a) participants who leave earlier but would have left within the horizon anyway:
  //     w E[(T - T/m) 1{T < H}];
  // (b) participants who would not have left: w E[(H - min(T/m, H)) 1{T >= H}];
  // (c) non-participants: exactly 0 (nothing couples citizens); (d) lock-in: exactly 0 (m > 1).
  const double a = n * w * (1.0 - 1.0 / m) * partial_mean(rate, 0.0, horizon);
  const double b = n * w *
                   (horizon * std::exp(-rate * horizon) - partial_mean(rate, horizon, m * horizon) / m -
                    horizon * std::exp(-rate * m * horizon));
  const testing::MeanSe pa = part_mean(records, 1, 0), pb = part_mean(records, 1, 1);
  INFO("(a) " << pa.mean << " +- " << pa.se << ", expected " << a << "; (b) " << pb.mean << " +- " << pb.se << ", expected " << b);
  CHECK(std::fabs(pa.mean - a) < 4.0 * pa.se);
  CHECK(std::fabs(pb.mean - b) < 4.0 * pb.se);
  CHECK(pa.se < 0.02 * a);  // the test has power
  CHECK(pb.se < 0.02 * b);
  for (const auto& rep : records) {
    CHECK(part_total(rep[1].participants, 2) == 0.0);
    CHECK(part_total(rep[1].participants, 3) == 0.0);
    // The parts sum to the savings of the budget table, year by year.
    for (int y = 0; y < static_cast<int>(rep[1].money.savings.size()) - 1; ++y) {
      double sum = 0.0;
      for (int k = 0; k < Outcomes::kParts; ++k) sum += rep[1].participants.parts[static_cast<std::size_t>(y) * Outcomes::kParts + k];
      CHECK(sum == Approx(rep[1].money.savings[y]).epsilon(1e-9));
    }
  }
}

TEST_CASE("The split of the savings sums to the savings with dated rates, a price level and dated refund rules",
          "[model][participation]") {
  // The per-citizen ledger must price weeks as the budget table does: 10 % uprating a year from
  // 2025, money at 2025 prices from an index that rose 4 %, and from week 60 a refund rule under
  // which the municipality pays 80 % instead of 50 %. Any of these priced the old way (one flat
  // rate, one rule) makes the parts miss the savings by a whole-percent amount.
  model::Scenario s = testing::load_model_fixture("participants.yaml");
  s.report.price_year = 2025;
  s.report.price_index = {{2025, 100.0}, {2026, 104.0}};
  for (auto& arm : s.arms) {
    model::RefundSchedule later;
    later.name = "later";
    later.steps = {{0.0, 0.8}};
    arm.model.refund.schedules.push_back(later);
    model::Benefit& b = arm.model.benefits[0];
    b.uprating = 0.10;
    b.uprating_base_year = 2025;
    b.refund_changes = {{60.0, static_cast<int>(arm.model.refund.schedules.size()) - 1}};
  }
  const auto records = economics::run_and_record(s, {0, arm_index(s, "hurtigere")}, 2);
  check_parts_sum_to_savings(records);
}

TEST_CASE("A programme with lock-in only: part (d) is the whole savings", "[model][participation]") {
  const model::Scenario s = testing::load_model_fixture("participants.yaml");
  const auto records = economics::run_and_record(s, {0, arm_index(s, "langsommere")}, 2);
  const double rate = 0.02, n = 12000.0, w = 500.0;
  const double horizon = s.calendar().horizon();
  for (const auto& rep : records) {
    const Outcomes& p = rep[1].participants;
    CHECK(p.participants == 12000);
    CHECK(part_total(p, 0) == 0.0);
    CHECK(part_total(p, 1) == 0.0);
    CHECK(part_total(p, 2) == 0.0);
    const double savings = rep[1].money.savings.back();
    CHECK(savings < 0.0);
    CHECK(part_total(p, 3) == Approx(savings).epsilon(1e-9));
  }
  // -w E[min(2T, H) - min(T, H)], E[min(kT, H)] = (k / rate)(1 - exp(-rate H / k)).
  const double d = -n * w * ((2.0 / rate) * (1.0 - std::exp(-rate * horizon / 2.0)) - (1.0 / rate) * (1.0 - std::exp(-rate * horizon)));
  const testing::MeanSe pd = part_mean(records, 1, 3);
  INFO("(d) " << pd.mean << " +- " << pd.se << ", expected " << d);
  CHECK(std::fabs(pd.mean - d) < 4.0 * pd.se);
}

TEST_CASE("An effect of 1.0 reaches no one; an effect on one group leaves the others' part at exactly 0",
          "[model][participation]") {
  const model::Scenario s = testing::load_model_fixture("participants.yaml");
  for (const auto& rep : economics::run_and_record(s, {0, arm_index(s, "nul")}, 2)) {
    CHECK(rep[1].participants.participants == 0);
    for (double v : rep[1].participants.parts) CHECK(v == 0.0);
  }
  // Two groups, the effect on dagpenge only, meetings without a pool, programmes without slots, a
  // mid-horizon start: kontanthjælp citizens and dagpenge citizens never reached are unchanged, so
  // part (c) is exactly 0.
  const model::Scenario g = testing::load_model_fixture("crn_groups.yaml");
  for (const auto& rep : economics::run_and_record(g, {0, 1}, 2)) {
    CHECK(rep[1].participants.participants > 0);
    CHECK(part_total(rep[1].participants, 2) == 0.0);
    CHECK(part_total(rep[1].participants, 0) + part_total(rep[1].participants, 1) + part_total(rep[1].participants, 3) ==
          Approx(rep[1].money.savings.back()).epsilon(1e-9));
  }
}

TEST_CASE("A meeting track the intervention added makes participants of those still there at the first meeting",
          "[model][participation]") {
  const model::Scenario s = testing::load_model_fixture("participants.yaml");
  const std::size_t arm = arm_index(s, "samtaler");
  // The first meeting is 10 weeks after the first day: P(T > 10) = exp(-0.2) of 12,000 citizens.
  double participants = 0.0;
  const auto records = economics::run_and_record(s, {0, arm}, 2);
  for (const auto& rep : records) participants += static_cast<double>(rep[1].participants.participants);
  const double total = 12000.0 * static_cast<double>(records.size());
  const double expected = std::exp(-0.2);
  const double se = std::sqrt(expected * (1.0 - expected) / total);
  INFO("share reached " << participants / total << ", expected " << expected);
  CHECK(std::fabs(participants / total - expected) < 4.0 * se);
  // Idle meetings are not events; holding every meeting as an event must give the same answer.
  model::SimulationOptions every_meeting;
  every_meeting.skip_needless_events = false;
  for (int rep = 0; rep < 2; ++rep) {
    const model::ArmResult base_all = model::simulate_arm(s, 0, rep, nullptr, every_meeting);
    const model::ArmResult base_skip = model::simulate_arm(s, 0, rep, nullptr);
    const model::ArmResult all = model::simulate_arm(s, arm, rep, &base_all, every_meeting);
    const model::ArmResult skip = model::simulate_arm(s, arm, rep, &base_skip);
    CHECK(skip.participant_outcomes.participants == all.participant_outcomes.participants);
    CHECK(skip.participant_outcomes.parts == all.participant_outcomes.parts);
  }
}

TEST_CASE("A patch that changes a state's stays makes participants of those in it while the arm's rules apply",
          "[model][participation]") {
  // tests/data/model/changed_states.yaml. Found by a new user: a shorter wait for the
  // rehabilitation team (a changed duration) reached nobody, and its saving was all "capacity".
  const model::Scenario s = testing::load_model_fixture("changed_states.yaml");
  const auto participants_of = [&](const char* name) {
    std::vector<std::int64_t> out;
    for (const auto& rep : economics::run_and_record(s, {0, arm_index(s, name)}, 4)) out.push_back(rep[1].participants.participants);
    return out;
  };
  // Every one of the 1,000 waits 100 weeks from day 0, so all are waiting at the start.
  CHECK(participants_of("kortere_ventetid") == std::vector<std::int64_t>(4, 1000));
  CHECK(participants_of("andre_udgange") == std::vector<std::int64_t>(4, 1000));
  // A changed transition reaches nobody by itself (a referral route reaches those it refers).
  CHECK(participants_of("hurtigere_afgang") == std::vector<std::int64_t>(4, 0));
  // A label is not a change of the stays.
  CHECK(participants_of("nyt_navn") == std::vector<std::int64_t>(4, 0));
}

TEST_CASE("Participant-weeks and the treated count follow the track's membership week by week", "[model][participation]") {
  // Three citizens on benefit for exactly 40 weeks from week 0 (tests/data/model/track_weeks.yaml);
  // each arm adds a track on part of those weeks and pays 100 DKK per participant-week. By hand:
  // a track from week 20 is held 20 weeks a citizen (60 participant-weeks, 6,000 DKK), one for
  // the first 20 weeks likewise; one from week 50 is never reached (0). The year is 2025 (the
  // 40 weeks lie inside it).
  const model::Scenario s = testing::load_model_fixture("track_weeks.yaml");
  const model::ArmResult base = model::simulate_arm(s, 0, 0, nullptr);
  struct Expected {
    const char* arm;
    double weeks;
    std::int64_t treated;
  };
  for (const Expected& x : {Expected{"fra_uge_20", 60.0, 3}, Expected{"til_uge_20", 60.0, 3}, Expected{"fra_uge_50", 0.0, 0}}) {
    INFO(x.arm);
    const std::size_t a = arm_index(s, x.arm);
    const model::ArmResult r = model::simulate_arm(s, a, 0, &base);
    REQUIRE(r.participant_weeks.size() == 1);
    CHECK(r.participant_weeks[0] == Approx(x.weeks).margin(1e-9));
    CHECK(r.treated == x.treated);
    CHECK(economics::cost_items_by_year(s, a, r)[0] == Approx(100.0 * x.weeks).margin(1e-6));
  }
}

TEST_CASE("The split of the savings sums to the savings when the arm's rates apply from its start only",
          "[model][participation]") {
  // The arm doubles the rate and gives the refund two steps from week 30: the ledger must price the
  // weeks before at the baseline's rate and ladder, as the budget table does, or the parts miss
  // the savings by the difference.
  model::Scenario s = testing::load_model_fixture("participants.yaml");
  const std::size_t arm = arm_index(s, "hurtigere");
  s.arms[arm].start_week = 30.0;
  s.arms[arm].model.benefits[0].weekly_rate *= 2.0;
  s.arms[arm].model.refund.schedules[0].steps = {{0.0, 0.3}, {20.0, 0.9}};
  const auto records = economics::run_and_record(s, {0, arm}, 2);
  check_parts_sum_to_savings(records);
}
