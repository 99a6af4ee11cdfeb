// The lab's script, setup and controls, and what a run shows: A (cuff) against B (no cuff).

#include "game/modes/therapist/lab.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <unistd.h>

using namespace bfr;
using namespace bfr::modes::therapist;

namespace {

constexpr core::Tick kSecond = core::kTickHz;

/// Runs the script alone over `ticks` ticks and returns its state after each.
std::vector<LabScript> script_run(const LabParams& p, const std::vector<std::uint32_t>& sets, core::Tick ticks) {
    std::vector<LabScript> out;
    LabScript s;
    for (core::Tick k = 1; k <= ticks; ++k) {
        s.advance(k, p, sets);
        out.push_back(s);
    }
    return out;
}

}  // namespace

TEST_CASE("script: lead-in, then sets of reps at the cadence, rests, recovery", "[therapist][lab][script]") {
    LabParams p;  // 2 s per rep, 30 s rests, cuff kept on
    const std::vector<std::uint32_t> sets{3, 2};
    const auto s = script_run(p, sets, 60 * kSecond);
    auto at = [&](core::Tick k) { return s[k - 1]; };
    // Lead-in: the cuff is asked for at once; nobody lifts.
    CHECK(at(1).stage == LabStage::LeadIn);
    CHECK(at(1).cuff_on);
    CHECK_FALSE(at(kLeadInTicks - 1).contract);
    // Set 1 begins at 6 s: lifting for the first half of each 2 s rep.
    CHECK(at(kLeadInTicks).stage == LabStage::Set);
    CHECK(at(kLeadInTicks).contract);
    CHECK(at(kLeadInTicks + kSecond - 1).contract);
    CHECK_FALSE(at(kLeadInTicks + kSecond).contract);
    CHECK(at(kLeadInTicks + 2 * kSecond).contract);
    CHECK(at(kLeadInTicks + 2 * kSecond).reps_done == 1);
    // 3 reps = 6 s, then the rest (cuff kept on), 30 s, then set 2.
    const core::Tick rest = kLeadInTicks + 6 * kSecond;
    CHECK(at(rest).stage == LabStage::Rest);
    CHECK(at(rest).cuff_on);
    CHECK_FALSE(at(rest).contract);
    CHECK(at(rest + 30 * kSecond - 1).stage == LabStage::Rest);
    CHECK(at(rest + 30 * kSecond).stage == LabStage::Set);
    CHECK(at(rest + 30 * kSecond).set_index == 1);
    // Set 2 (2 reps, 4 s) is the last: recovery, the cuff off.
    const core::Tick done = rest + 34 * kSecond;
    CHECK(at(done).stage == LabStage::Recovery);
    CHECK_FALSE(at(done).cuff_on);
    CHECK(stage_text(at(done), done + 65 * kSecond, 2) == "Done \xc2\xb7 cuff off 1:05");
    CHECK(stage_text(at(kLeadInTicks + 2 * kSecond), kLeadInTicks + 2 * kSecond, 2) == "Set 1 of 2 \xc2\xb7 rep 2");
}

TEST_CASE("script: a released rest deflates and inflates again 3 s before the next set", "[therapist][lab][script]") {
    LabParams p;
    p.cuff_on_in_rest = false;
    p.rest_s = 20.0;
    const auto s = script_run(p, {2, 2}, 40 * kSecond);
    const core::Tick rest = kLeadInTicks + 4 * kSecond;
    CHECK(s[rest - 1].stage == LabStage::Rest);
    CHECK_FALSE(s[rest - 1].cuff_on);
    CHECK_FALSE(s[rest + 17 * kSecond - 2].cuff_on);
    CHECK(s[rest + 17 * kSecond - 1].cuff_on);
    CHECK(stage_text(s[rest - 1], rest, 2) == "Rest \xc2\xb7 0:20 left \xc2\xb7 cuff off");
}

TEST_CASE("script: the cadence acts from the next rep, the rest length at once", "[therapist][lab][script]") {
    LabScript s;
    LabParams p;
    const std::vector<std::uint32_t> sets{10, 10};
    core::Tick k = 1;
    for (; k <= kLeadInTicks; ++k) s.advance(k, p, sets);
    REQUIRE(s.stage == LabStage::Set);
    p.rep_s = 4.0;
    s.advance(k, p, sets);  // mid-rep: the current rep keeps its 2 s
    CHECK(s.rep_ticks == 2 * kSecond);
    for (++k; k <= kLeadInTicks + 2 * kSecond; ++k) s.advance(k, p, sets);
    CHECK(s.rep_ticks == 4 * kSecond);
}

TEST_CASE("setup: the LOP follows the cuff width and the posture", "[therapist][lab][lop]") {
    LabSetup leg;
    leg.limb = session::LimbKind::Leg;
    const double seated = lab_lop_mmHg(leg);
    leg.posture = physiology::Posture::Standing;
    const double standing = lab_lop_mmHg(leg);
    leg.posture = physiology::Posture::Supine;
    const double supine = lab_lop_mmHg(leg);
    CHECK(supine < seated);
    CHECK(seated < standing);
    leg.cuff_width_cm = 5.0;
    const double narrow = lab_lop_mmHg(leg);
    leg.cuff_width_cm = 13.5;
    CHECK(lab_lop_mmHg(leg) < narrow);
    CHECK(cuff_width_cm(LabSetup{}) == Approx(5.0));  // the arm's usual cuff
    CHECK(lab_lop_sd_mmHg(leg) > 0.0);
    const auto sim = lab_sim_config(leg, 2.0);
    CHECK(sim.lop_mmhg == Approx(lab_lop_mmHg(leg)));
    CHECK_FALSE(sim.individual_lop);
    CHECK_FALSE(sim.measure_lop);
    CHECK(sim.wait_for_target);
    CHECK_FALSE(sim.auto_tempo);
}

TEST_CASE("controls: ranges, steps, choices that cycle, words", "[therapist][lab][controls]") {
    LabSetup s;
    LabParams p;
    CHECK(step_control(Control::PctLopA, +1, s, p));
    CHECK(p.pct_lop_a == Approx(55.0));
    CHECK(set_control(Control::PctLopA, 500.0, s, p));
    CHECK(p.pct_lop_a == Approx(80.0));  // never at or above the LOP
    CHECK_FALSE(step_control(Control::PctLopA, +1, s, p));
    CHECK(set_control(Control::Cadence, 2.3, s, p));
    CHECK(p.rep_s == Approx(2.5));  // snapped to the 0.5 s step
    CHECK_FALSE(control_enabled(Control::PctLopB, p));
    CHECK(step_control(Control::BModeControl, +1, s, p));
    CHECK(p.b_mode == BMode::SecondPressure);
    CHECK(control_enabled(Control::PctLopB, p));
    CHECK(step_control(Control::BModeControl, +1, s, p));
    CHECK(p.b_mode == BMode::NoCuff);
    CHECK(step_control(Control::Posture, -1, s, p));
    CHECK(s.posture == physiology::Posture::Supine);
    CHECK(step_control(Control::Posture, -1, s, p));
    CHECK(s.posture == physiology::Posture::Standing);
    s.cuff_width_cm = 8.0;
    CHECK(step_control(Control::Limb, +1, s, p));
    CHECK(s.limb == session::LimbKind::Leg);
    CHECK(s.cuff_width_cm == 0.0);  // the leg's usual cuff
    CHECK(control_value_text(Control::CuffWidth, s, p) == "11.5 cm");
    CHECK(control_value_text(Control::CuffInRest, s, p) == "kept on");
    CHECK(control_value_text(Control::BModeControl, s, p) == "no cuff (no BFR)");
    CHECK(control_value_text(Control::PctLopA, s, p).find("% LOP") != std::string::npos);
    for (std::size_t i = 0; i < kControlCount; ++i) {
        const ControlInfo& info = control_info(static_cast<Control>(i));
        CHECK(info.id == static_cast<Control>(i));
        CHECK(info.min < info.max);
    }
    CHECK(side_label(Side::A, p) == "A \xc2\xb7 BFR 80 % LOP");
    CHECK(side_label(Side::B, p) == "B \xc2\xb7 no cuff (no BFR)");
}

TEST_CASE("protocol: the lab starts from a protocol's prescription", "[therapist][lab]") {
    protocol::Protocol pr = protocol::standard_protocol();
    pr.sets = {protocol::SetSpec{20, false}, protocol::SetSpec{10, true}};
    pr.rest_s = 45.0;
    pr.cuff_in_rest = protocol::CuffInRest::Release;
    pr.target_pct_lop_leg = 70.0;
    pr.load_pct1rm = 20.0;
    LabSetup s;
    LabParams p;
    apply_protocol(pr, session::LimbKind::Leg, s, p);
    CHECK(s.set_reps == std::vector<std::uint32_t>{20, 15});
    CHECK(p.rest_s == Approx(45.0));
    CHECK_FALSE(p.cuff_on_in_rest);
    CHECK(p.pct_lop_a == Approx(70.0));
    CHECK(s.load_pct1rm == Approx(20.0));
    CHECK(p.rep_s == Approx(2.0));
}

TEST_CASE("run: with the same reps, A (cuff) fills and swells, B (no cuff) does not", "[therapist][lab][run]") {
    LabSetup setup;
    LabParams params;
    LabRun run{setup, params};
    while (run.tick() < 120 * kSecond) run.step(params);  // mid set 2
    const auto& a = run.session(Side::A).physiology();
    const auto& b = run.session(Side::B).physiology();
    INFO("A metabolite " << a.out.metabolite << ", B " << b.out.metabolite);
    CHECK(run.script().stage == LabStage::Set);
    CHECK(run.script().set_index == 1);
    // A's cuff holds its target: 50 % of the LOP, within the band; B's stays vented.
    const double target = lab_lop_mmHg(setup) * 0.5;
    CHECK(a.cuff_held_mmHg == Approx(target).epsilon(0.12));
    CHECK(b.cuff_held_mmHg < 10.0);
    CHECK(run.cuff_asked_pct(Side::A) == Approx(50.0));
    CHECK(run.cuff_asked_pct(Side::B) == 0.0);
    // The same exercise: both patients did the same reps.
    const auto& tally_a = run.session(Side::A).world().get<session::RepTally>(run.session(Side::A).limb());
    const auto& tally_b = run.session(Side::B).world().get<session::RepTally>(run.session(Side::B).limb());
    CHECK(tally_a.performed == tally_b.performed);
    CHECK(tally_a.performed >= 40);
    // The two mechanisms: more metabolites and more swelling under the cuff (at this light load the
    // free-flowing side makes metabolites too, fewer: docs/therapist.md).
    CHECK(a.out.metabolite > 1.1 * b.out.metabolite);
    CHECK(a.out.swelling_pct > 1.8 * b.out.swelling_pct);
    CHECK(a.out.cell_swell_pct > b.out.cell_swell_pct);
    CHECK(a.out.pooled_ml_100ml > b.out.pooled_ml_100ml);
    CHECK(a.out.venous_outflow_pct < b.out.venous_outflow_pct);
}

TEST_CASE("run: B at a second pressure inflates its own cuff", "[therapist][lab][run]") {
    LabParams params;
    params.b_mode = BMode::SecondPressure;
    params.pct_lop_b = 80.0;
    LabRun run{LabSetup{}, params};
    while (run.tick() < 30 * kSecond) run.step(params);
    const double lop = lab_lop_mmHg(LabSetup{});
    CHECK(run.session(Side::B).physiology().cuff_held_mmHg == Approx(0.8 * lop).epsilon(0.12));
    CHECK(run.session(Side::A).physiology().cuff_held_mmHg == Approx(0.5 * lop).epsilon(0.12));
}

TEST_CASE("run: the cuff released in the rests deflates in them", "[therapist][lab][run]") {
    LabParams params;
    params.cuff_on_in_rest = false;
    LabRun run{LabSetup{}, params};
    // Set 1 ends at 66 s; 10 s into the rest the cuff is down, and up again by set 2.
    while (run.tick() < 76 * kSecond) run.step(params);
    CHECK(run.script().stage == LabStage::Rest);
    CHECK(run.session(Side::A).physiology().cuff_held_mmHg < 20.0);
    while (run.tick() < 100 * kSecond) run.step(params);
    CHECK(run.script().stage == LabStage::Set);
    CHECK(run.session(Side::A).physiology().cuff_held_mmHg > 60.0);
}

TEST_CASE("lab: recorded runs replay to the same physiology", "[therapist][lab][record]") {
    const auto dir = std::filesystem::temp_directory_path() / ("bfr_therapist_record_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Lab lab{LabSetup{}, LabParams{}};
    lab.advance(40 * kSecond);
    std::string error;
    REQUIRE(lab.record(dir / "a.csv", dir / "b.csv", &error));
    auto feed = frontend::FileFeed::open((dir / "a.csv").string(), telemetry::Format::V1, &error);
    REQUIRE(feed);
    session::Session replayed{lab_session_config(LabSetup{}), feed.get()};
    while (replayed.tick() < lab.now()) replayed.step();
    const auto& live = lab.run().session(Side::A).physiology();
    CHECK(replayed.physiology().out.metabolite == Approx(live.out.metabolite).margin(1e-9));
    CHECK(replayed.physiology().out.swelling_pct == Approx(live.out.swelling_pct).margin(1e-9));
    CHECK(replayed.physiology().inputs.cuff_mmHg == Approx(live.inputs.cuff_mmHg).margin(1e-6));
    std::filesystem::remove_all(dir);
}
