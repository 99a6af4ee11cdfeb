#include "game/physiology/validation.hpp"

#include "game/physiology/lop.hpp"
#include "game/physiology/model.hpp"
#include "game/physiology/scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

namespace bfr::physiology {
namespace {

double rel_err_pct(double model, double target) {
    return target != 0.0 ? 100.0 * std::abs(model - target) / std::abs(target) : std::abs(model) * 100.0;
}

TargetResult quantitative(std::string id, std::string behaviour, std::string target, std::string model,
                          double error_pct, bool pass, std::string source) {
    TargetResult r;
    r.id = std::move(id);
    r.behaviour = std::move(behaviour);
    r.target = std::move(target);
    r.model = std::move(model);
    r.error_pct = error_pct;
    r.grade = grade_of(error_pct);
    r.pass = pass;
    r.source = std::move(source);
    return r;
}

TargetResult qualitative(std::string id, std::string behaviour, std::string target, std::string model, bool pass,
                         std::string source) {
    TargetResult r = quantitative(std::move(id), std::move(behaviour), std::move(target), std::move(model), 0.0, pass,
                                  std::move(source));
    r.has_error = false;
    r.grade = pass ? Grade::Good : Grade::Bad;
    return r;
}

bool within(double v, double lo, double hi) {
    return v >= lo && v <= hi;
}

// --- The standard subjects -------------------------------------------------------------------

constexpr double kArmLop = 170.0;  // interfaces.md §3 defaults
constexpr double kLegLop = 200.0;

Block knee_extension(double load, double pct_lop, std::vector<int> sets) {
    Block b;
    b.params = preset(Limb::Leg);
    b.lop_mmHg = kLegLop;
    b.load_pct1rm = load;
    b.cuff_pct_lop = pct_lop;
    b.set_reps = std::move(sets);
    return b;
}

Block elbow_flexion(double load, double pct_lop, std::vector<int> sets) {
    Block b = knee_extension(load, pct_lop, std::move(sets));
    b.params = preset(Limb::Arm);
    b.lop_mmHg = kArmLop;
    return b;
}

/// Plantar flexion (Suga 2009/2010): calf fatigue constants (ankle), thigh cuff.
Block plantar_flexion(double load, double cuff_mmHg) {
    Block b = knee_extension(load, 100.0 * cuff_mmHg / kLegLop, {60});
    b.params.fatigue_F_per_s = 0.00589;
    b.params.recovery_R_per_s = 0.00058;
    b.cuff_before_s = 60.0;
    return b;
}

/// Rest with a cuff at `pct` % LOP for `seconds`; returns the outputs at the end.
Outputs rest_under_cuff(const Params& p, double lop, double cuff_mmHg, double seconds) {
    Inputs in;
    in.lop_mmHg = lop;
    in.cuff_mmHg = cuff_mmHg;
    const State s = rest(rest_state(p), p, lop, cuff_mmHg, seconds);
    return observe(s, in, p);
}

double swelling_after(const State& s, const Params& p, double lop, double seconds) {
    Inputs in;
    in.lop_mmHg = lop;
    const State later = rest(s, p, lop, 0.0, seconds);
    return observe(later, in, p).swelling_pct;
}

int total(const std::vector<int>& reps) {
    int n = 0;
    for (int r : reps) n += r;
    return n;
}

std::string reps_text(const std::vector<int>& reps) {
    std::string out;
    for (std::size_t i = 0; i < reps.size(); ++i) {
        if (i > 0) out += '/';
        out += std::to_string(reps[i]);
    }
    return out;
}

/// MVC loss (N·m) measured `delay_s` after the last set, cuff released at the end of the block.
double strength_loss_nm(const BlockResult& r, const Params& p, double lop, double delay_s) {
    Inputs in;
    in.lop_mmHg = lop;
    const State later = rest(r.at_release, p, lop, 0.0, delay_s);
    return p.mvc_nm * (1.0 - observe(later, in, p).capacity);
}

// Post-exercise MVC retest delay (the studies test "immediately after": cuff off, ~1 min).
constexpr double kRetestDelayS = 60.0;

// --- The targets ------------------------------------------------------------------------------

TargetResult t1() {
    const double lop = estimate_lop({Limb::Leg, 13.5, 55.0, 120.0, Posture::Supine}).mmHg;
    return quantitative("T1", "LOP estimate, typical adult thigh (55 cm), 13.5 cm cuff, supine", "144 ±17 mmHg",
                        fmt::format("{:.0f} mmHg", lop), rel_err_pct(lop, 144.0), within(lop, 127.0, 161.0),
                        "Loenneke 2012 [A]");
}

TargetResult t2() {
    const LopQuery q{Limb::Leg, 11.5, 55.0, 120.0, Posture::Supine};
    const double supine = estimate_lop(q).mmHg;
    LopQuery seated = q;
    seated.posture = Posture::Seated;
    LopQuery standing = q;
    standing.posture = Posture::Standing;
    const double a = estimate_lop(seated).mmHg / supine;
    const double b = estimate_lop(standing).mmHg / supine;
    return quantitative("T2", "LOP posture scaling, supine -> seated -> standing", "x1.09 / x1.29 (±0.05)",
                        fmt::format("x{:.3f} / x{:.3f}", a, b), std::max(rel_err_pct(a, 1.09), rel_err_pct(b, 1.29)),
                        std::abs(a - 1.09) <= 0.05 && std::abs(b - 1.29) <= 0.05, "Hughes 2018 [A]");
}

TargetResult t3() {
    const double narrow = estimate_lop({Limb::Leg, 5.0, 55.0, 120.0, Posture::Supine}).mmHg;
    const double wide = estimate_lop({Limb::Leg, 13.5, 55.0, 120.0, Posture::Supine}).mmHg;
    const double ratio = narrow / wide;
    return quantitative("T3", "Cuff width: LOP with a 5 cm vs a 13.5 cm thigh cuff", "ratio 1.63 ±0.2",
                        fmt::format("{:.2f} ({:.0f} vs {:.0f} mmHg)", ratio, narrow, wide), rel_err_pct(ratio, 1.63),
                        std::abs(ratio - 1.63) <= 0.2, "Loenneke 2012 [A]");
}

TargetResult t4() {
    const Params p = preset(Limb::Leg);
    const double q = rest_under_cuff(p, kLegLop, 0.4 * kLegLop, 120.0).arterial_inflow_pct / 100.0;
    return quantitative("T4", "Rest arterial inflow at 40 % LOP", "0.6 x baseline (0.4-0.8)",
                        fmt::format("{:.2f} x", q), rel_err_pct(q, 0.6), within(q, 0.4, 0.8),
                        "Mouser 2017, Hunt 2016, Tafuna'i 2021 [A] -> [D]");
}

TargetResult t5() {
    const Params p = preset(Limb::Leg);
    const double a = rest_under_cuff(p, kLegLop, 0.3 * kLegLop, 120.0).arterial_inflow_pct / 100.0;
    const double b = rest_under_cuff(p, kLegLop, 0.8 * kLegLop, 120.0).arterial_inflow_pct / 100.0;
    const double drop = a - b;
    return quantitative("T5", "Rest inflow drop from 30 % to 80 % LOP", "0.35 (0-0.5)", fmt::format("{:.2f}", drop),
                        rel_err_pct(drop, 0.35), within(drop, 0.0, 0.5), "BYU etd 8259; Tafuna'i 2021 [A] -> [D]");
}

TargetResult t6() {
    const Params p = preset(Limb::Leg);
    const double at_rest = rest_under_cuff(p, kLegLop, 0.4 * kLegLop, 180.0).venous_outflow_pct;
    // Exercise: the mean outflow over the last 20 s of a 30-rep set at 40 % LOP.
    Block b = knee_extension(30.0, 40.0, {30});
    double sum = 0.0;
    int n = 0;
    const BlockResult r = run_block(b, [&](const State& s, const Inputs&, const Outputs& o) {
        if (s.t_s > b.cuff_before_s + 40.0) {
            sum += o.venous_outflow_pct;
            ++n;
        }
    });
    static_cast<void>(r);
    const double exercising = n > 0 ? sum / n : 0.0;
    return qualitative("T6", "Venous outflow at 40 % LOP, rest and exercise", "> 0 (partial, not total)",
                       fmt::format("rest {:.0f} %, exercise {:.0f} % of resting flow", at_rest, exercising),
                       at_rest > 5.0 && exercising > 5.0, "BYU etd 8259 [A]");
}

TargetResult t7() {
    const Params leg = preset(Limb::Leg);
    const double at_lop = rest_under_cuff(leg, kLegLop, kLegLop, 60.0).arterial_inflow_pct;
    const double above = rest_under_cuff(leg, kLegLop, 1.2 * kLegLop, 60.0).arterial_inflow_pct;
    // Upper-arm cuff at systolic pressure at rest: tissue O2 against baseline. The hold per pressure
    // is not in Murthy's abstract; 2 minutes is assumed (docs/physiology.md).
    const Params arm = preset(Limb::Arm);
    const double lop = estimate_lop({Limb::Arm, arm.cuff_width_cm, arm.limb_circumference_cm, arm.sbp_mmHg,
                                     Posture::Seated}).mmHg;
    const double smo2 = rest_under_cuff(arm, lop, arm.sbp_mmHg, 120.0).smo2_pct;
    const double ratio = 100.0 * smo2 / arm.smo2_rest_pct;
    return quantitative("T7", "Inflow at >= LOP; tissue O2 with an upper-arm cuff at SBP (2 min, rest)",
                        "0 %; TO2 86 ±5 % of baseline",
                        fmt::format("inflow {:.1f} % / {:.1f} %; TO2 {:.1f} %", at_lop, above, ratio),
                        rel_err_pct(ratio, 86.0), at_lop == 0.0 && above == 0.0 && std::abs(ratio - 86.0) <= 5.0,
                        "Murthy 2001 [A]");
}

struct Response {
    double dpcr_pct;  // PCr fall, % of rest
    double dph;       // pH fall
};

Response suga(double load, double cuff_mmHg) {
    const Block b = plantar_flexion(load, cuff_mmHg);
    const BlockResult r = run_block(b);
    const Outputs& o = r.out_at_release;
    return {100.0 - o.pcr_pct, b.params.ph_rest - o.ph};
}

TargetResult t8() {
    constexpr double kBfrMmhg = 147.0;  // Suga 2010: 130 % SBP, 147 ±17 mmHg
    const Response low = suga(20.0, 0.0);
    const Response low_bfr = suga(20.0, kBfrMmhg);
    const Response high = suga(65.0, 0.0);
    const Response bfr30 = suga(30.0, kBfrMmhg);
    const bool order = low.dpcr_pct < low_bfr.dpcr_pct && low_bfr.dpcr_pct < high.dpcr_pct && low.dph < low_bfr.dph &&
                       low_bfr.dph < high.dph;
    const double e_pcr = rel_err_pct(bfr30.dpcr_pct, high.dpcr_pct);
    const double e_ph = rel_err_pct(bfr30.dph, high.dph);
    TargetResult r = quantitative(
        "T8", "31P response, 2 min plantar flexion at 30/min: L20 < BFR20 < H65; BFR30 ~ H65",
        "ordering holds; BFR30 within ±15 % of H65",
        fmt::format("dPCr {:.0f} < {:.0f} < {:.0f} %, BFR30 {:.0f} %; dpH {:.2f} < {:.2f} < {:.2f}, BFR30 {:.2f}",
                    low.dpcr_pct, low_bfr.dpcr_pct, high.dpcr_pct, bfr30.dpcr_pct, low.dph, low_bfr.dph, high.dph,
                    bfr30.dph),
        std::max(e_pcr, e_ph), order && e_pcr <= 15.0 && e_ph <= 15.0, "Suga 2009, 2010 [A]");
    return r;
}

TargetResult t9() {
    // A free-flow submaximal bout (60 s of reps at 30 %1RM), then the time to recover 63 % of the PCr deficit.
    Block b = knee_extension(30.0, 0.0, {30});
    const BlockResult r = run_block(b);
    const double deficit = b.params.pcr_rest_mM - r.at_release.pcr_mM;
    double tau = -1.0;
    const double start = r.at_release.t_s;
    const State end = rest(r.at_release, b.params, kLegLop, 0.0, 180.0, [&](const State& s, const Inputs&, const Outputs&) {
        if (tau < 0.0 && b.params.pcr_rest_mM - s.pcr_mM <= deficit * std::exp(-1.0)) tau = s.t_s - start;
    });
    static_cast<void>(end);
    return quantitative("T9", "PCr recovery time constant after release (free flow, submaximal)", "35 s (25-45 s)",
                        fmt::format("{:.1f} s (deficit {:.1f} mM)", tau, deficit), rel_err_pct(tau, 35.0),
                        within(tau, 25.0, 45.0), "Slade 2006 [A]");
}

double peak_blood_lactate(double load) {
    Block b = knee_extension(load, 50.0, {30, 15, 15, 15});
    b.params.active_muscle_l *= 2.0;  // bilateral knee extension (both quadriceps work)
    const BlockResult r = run_block(b);
    double peak = r.at_release.blood_lactate_mM;
    const State s = rest(r.at_release, b.params, b.lop_mmHg, 0.0, 300.0, [&](const State& st, const Inputs&, const Outputs&) {
        peak = std::max(peak, st.blood_lactate_mM);
    });
    static_cast<void>(s);
    return peak;
}

TargetResult t10() {
    const double l20 = peak_blood_lactate(20.0);
    const double l30 = peak_blood_lactate(30.0);
    const double ratio = l30 / l20;
    return quantitative("T10", "Blood lactate after a bilateral KE BFR block (30-15-15-15, 50 % LOP), 20 vs 30 %1RM",
                        "3.7 and 5.5 ±1.5 mmol/L; ratio 1.2-2.5",
                        fmt::format("{:.1f} and {:.1f} mmol/L; ratio {:.2f}", l20, l30, ratio),
                        std::max(rel_err_pct(l20, 3.7), rel_err_pct(l30, 5.5)),
                        std::abs(l20 - 3.7) <= 1.5 && std::abs(l30 - 5.5) <= 1.5 && within(ratio, 1.2, 2.5),
                        "Loenneke 2017 [A]");
}

/// Young 2021: unilateral KE, 4 sets (30-15-15-15) at 30 %1RM, 50 % LOP; MT 1 min after release.
constexpr double kMtMeasureDelayS = 60.0;

TargetResult t11() {
    const Block b = knee_extension(30.0, 50.0, {30, 15, 15, 15});
    const BlockResult r = run_block(b);
    const double mt = swelling_after(r.at_release, b.params, b.lop_mmHg, kMtMeasureDelayS);
    return quantitative("T11", "Muscle thickness after 4 sets KE at 30 %1RM, 50 % LOP (1 min after release)",
                        "+35 ±7 %", fmt::format("+{:.1f} % (+{:.1f} % with the cuff on)", mt, r.out_at_release.swelling_pct),
                        rel_err_pct(mt, 35.0), std::abs(mt - 35.0) <= 7.0, "Young 2021; Wong 2019 [A]");
}

TargetResult t12() {
    const Block b = knee_extension(30.0, 50.0, {30, 15, 15, 15});
    const BlockResult r = run_block(b);
    const double targets[] = {29.0, 25.0, 15.0, 12.0};
    const double minutes[] = {10.0, 30.0, 60.0, 180.0};
    std::string text;
    double worst = 0.0;
    bool pass = true;
    for (std::size_t i = 0; i < 4; ++i) {
        const double v = swelling_after(r.at_release, b.params, b.lop_mmHg, minutes[i] * 60.0);
        worst = std::max(worst, rel_err_pct(v, targets[i]));
        pass = pass && std::abs(v - targets[i]) <= 8.0;
        text += fmt::format("{}+{:.1f}", i == 0 ? "" : " / ", v);
    }
    const double at8h = swelling_after(r.at_release, b.params, b.lop_mmHg, 8.0 * 3600.0);
    pass = pass && at8h <= 5.0;
    text += fmt::format(" %; 8 h +{:.1f} %", at8h);
    return quantitative("T12", "Swelling decay after release (10 / 30 / 60 / 180 min; 8 h)",
                        "+29 / +25 / +15 / +12 % (±8); ~0 by 8 h", text, worst, pass, "Young 2021 [A]; fit [D]");
}

TargetResult t13() {
    // Wong 2019: KE to failure at 30 %1RM, 40 % LOP of each cuff; narrow 5 cm vs wide 12 cm.
    const Params leg = preset(Limb::Leg);
    double mt[2] = {};
    const double widths[2] = {5.0, 12.0};
    for (int i = 0; i < 2; ++i) {
        Block b = knee_extension(30.0, 40.0, {-1, -1, -1, -1});
        b.lop_mmHg = estimate_lop({Limb::Leg, widths[i], leg.limb_circumference_cm, leg.sbp_mmHg, Posture::Seated}).mmHg;
        b.params.cuff_width_cm = widths[i];
        const BlockResult r = run_block(b);
        mt[i] = swelling_after(r.at_release, b.params, b.lop_mmHg, kMtMeasureDelayS);
    }
    const double diff = std::abs(mt[0] - mt[1]);
    return quantitative("T13", "Cuff width and swelling at the same %LOP (narrow 5 vs wide 12 cm, 40 % LOP)",
                        "difference <= 3 points (15 vs 14 %)", fmt::format("+{:.1f} vs +{:.1f} %", mt[0], mt[1]),
                        diff, diff <= 3.0, "Wong 2019 [A]");
}

TargetResult t14() {
    Block b = knee_extension(30.0, 50.0, {-1, -1, -1, -1});
    const BlockResult r = run_block(b);
    const double targets[] = {36.0, 14.7, 11.5, 10.4};
    const double lo[] = {30.0, 12.0, 9.0, 8.0};  // the 95 % CIs, in whole reps
    const double hi[] = {41.0, 17.0, 14.0, 13.0};
    bool pass = r.reps.size() == 4;
    double worst = 0.0;
    for (std::size_t i = 0; i < r.reps.size() && i < 4; ++i) {
        pass = pass && within(r.reps[i], lo[i], hi[i]);
        worst = std::max(worst, rel_err_pct(r.reps[i], targets[i]));
    }
    return quantitative("T14", "Reps to failure, 4 sets KE at 30 %1RM, 50 % LOP, 30 s rests",
                        "36 / 15 / 11.5 / 10.4 (95 % CIs 30-41 / 12-17 / 9-14 / 8-13)",
                        fmt::format("{} (total {})", reps_text(r.reps), total(r.reps)), worst, pass,
                        "Rolnick 2025 [A]");
}

TargetResult t15() {
    int totals[3] = {};
    const double pressures[3] = {0.0, 40.0, 80.0};
    for (int i = 0; i < 3; ++i) {
        const Block b = elbow_flexion(15.0, pressures[i], {-1, -1, -1, -1});
        totals[i] = total(run_block(b).reps);
    }
    const bool pass = totals[2] < totals[1] && std::abs(totals[1] - totals[0]) <= 0.15 * totals[0];
    return qualitative("T15", "Reps at 15 %1RM (4 sets to failure, <= 90 per set): 80 % LOP < 40 % ~ 0 %",
                       "total(80 %) < total(40 %) ~ total(0 %) (±15 %)",
                       fmt::format("0 %: {}, 40 %: {}, 80 %: {}", totals[0], totals[1], totals[2]), pass,
                       "Bell 2018; Jessee 2019 [A]");
}

TargetResult t16() {
    double loss[2] = {};
    const double pressures[2] = {40.0, 90.0};
    for (int i = 0; i < 2; ++i) {
        const Block b = elbow_flexion(30.0, pressures[i], {-1, -1, -1, -1});
        loss[i] = strength_loss_nm(run_block(b), b.params, b.lop_mmHg, kRetestDelayS);
    }
    const bool pass = std::abs(loss[0] - 15.5) <= 6.0 && std::abs(loss[1] - 15.5) <= 6.0 && std::abs(loss[0] - loss[1]) <= 6.0;
    return quantitative("T16", "Strength loss, elbow flexion to failure at 30 %1RM, 40 vs 90 % LOP",
                        "-15.5 ±6 N·m, independent of pressure",
                        fmt::format("-{:.1f} / -{:.1f} N·m", loss[0], loss[1]),
                        std::max(rel_err_pct(loss[0], 15.5), rel_err_pct(loss[1], 15.5)), pass, "Counts 2016 [A]");
}

TargetResult t17() {
    const Block bfr = knee_extension(15.0, 40.0, {-1, -1, -1, -1});
    const double a = strength_loss_nm(run_block(bfr), bfr.params, bfr.lop_mmHg, kRetestDelayS);
    const Block heavy = knee_extension(70.0, 0.0, {-1, -1, -1, -1});
    const double b = strength_loss_nm(run_block(heavy), heavy.params, heavy.lop_mmHg, kRetestDelayS);
    const double ratio = b > 0.0 ? a / b : 0.0;
    return quantitative("T17", "Strength loss KE to failure: BFR 15 %1RM / 40 % LOP vs 70 %1RM", "ratio 2.6 (1.8-3.5)",
                        fmt::format("{:.2f} (-{:.0f} vs -{:.0f} N·m)", ratio, a, b), rel_err_pct(ratio, 2.6),
                        within(ratio, 1.8, 3.5), "Jessee 2019 [A]");
}

/// Endurance of a sustained hold at 50 % MVC. `core_only`: the 3CC fatigue core alone (the
/// metabolite couplings off), the model Frey-Law's parameters were fitted as.
double hold_endurance(Block b, bool core_only) {
    b.hold_activation = 0.5;
    b.cuff_before_s = 0.0;
    if (core_only) {
        b.params.fatigue_metabolite_gain = 0.0;
        b.params.force_metabolite_loss = 0.0;
    }
    return run_block(b).hold_s;
}

TargetResult t18() {
    // Frey-Law's F and R were fitted to endurance times that already contain the metabolic
    // fatigue of a sustained contraction; the check is of the fatigue core against them. The full
    // model's times are shown beside it (shorter: its metabolite coupling adds on top).
    const Block knee = knee_extension(0.0, 0.0, {});
    const Block ankle = plantar_flexion(0.0, 0.0);
    const double t_knee = hold_endurance(knee, true);
    const double t_ankle = hold_endurance(ankle, true);
    const bool pass = within(t_knee, 74.0 * 0.8, 74.0 * 1.2) && within(t_ankle, 190.0 * 0.8, 190.0 * 1.2);
    return quantitative("T18", "Sustained isometric endurance at 50 % MVC, 3CC core (knee; ankle)", "74 s; 190 s (±20 %)",
                        fmt::format("{:.0f} s; {:.0f} s (full model {:.0f} s; {:.0f} s)", t_knee, t_ankle,
                                    hold_endurance(knee, false), hold_endurance(ankle, false)),
                        std::max(rel_err_pct(t_knee, 74.0), rel_err_pct(t_ankle, 190.0)), pass,
                        "Frey-Law 2012 [A]/[S] -> [D]");
}

TargetResult t19() {
    double set1[2] = {};
    double set4[2] = {};
    double rpe4[2] = {};
    const double pressures[2] = {40.0, 90.0};
    for (int i = 0; i < 2; ++i) {
        const Block b = elbow_flexion(30.0, pressures[i], {30, 15, 15, 15});
        const BlockResult r = run_block(b);
        set1[i] = r.out_at_set_end.front().discomfort;
        set4[i] = r.out_at_set_end.back().discomfort;
        rpe4[i] = r.rpe_last;
    }
    bool pass = true;
    double worst = 0.0;
    for (int i = 0; i < 2; ++i) {
        pass = pass && within(set1[i], 2.0, 3.0) && within(set4[i], 5.0, 7.0) && within(rpe4[i], 15.0, 17.0);
        worst = std::max({worst, rel_err_pct(set1[i], 2.5), rel_err_pct(set4[i], 6.0), rel_err_pct(rpe4[i], 16.0)});
    }
    return quantitative("T19", "Discomfort (0-10) and RPE, elbow flexion 30-15-15-15 at 30 %1RM, 40 and 90 % LOP",
                        "set 1: 2-3, set 4: 5-7; RPE set 4: 15-17",
                        fmt::format("40 %: {:.1f} -> {:.1f}, RPE {:.1f}; 90 %: {:.1f} -> {:.1f}, RPE {:.1f}", set1[0],
                                    set4[0], rpe4[0], set1[1], set4[1], rpe4[1]),
                        worst, pass, "Physiol Behav 2016 [A]");
}

TargetResult t20() {
    const Block b = elbow_flexion(15.0, 80.0, {-1, -1, -1, -1});
    const BlockResult r = run_block(b);
    const double drift = r.out_at_release.lop_mmHg - b.lop_mmHg;
    return quantitative("T20", "LOP drift across a BFR session, elbow flexion 15 %1RM, 80 % LOP, 4 sets to failure",
                        "+44 ±15 mmHg", fmt::format("+{:.0f} mmHg", drift), rel_err_pct(drift, 44.0),
                        std::abs(drift - 44.0) <= 15.0, "Bell 2018 [A]");
}

using TargetFn = TargetResult (*)();
struct Entry {
    const char* id;
    TargetFn fn;
};
constexpr Entry kTargets[] = {{"T1", &t1},   {"T2", &t2},   {"T3", &t3},   {"T4", &t4},   {"T5", &t5},
                              {"T6", &t6},   {"T7", &t7},   {"T8", &t8},   {"T9", &t9},   {"T10", &t10},
                              {"T11", &t11}, {"T12", &t12}, {"T13", &t13}, {"T14", &t14}, {"T15", &t15},
                              {"T16", &t16}, {"T17", &t17}, {"T18", &t18}, {"T19", &t19}, {"T20", &t20}};

}  // namespace

Grade grade_of(double error_pct) noexcept {
    if (error_pct < 10.0) return Grade::Good;
    if (error_pct <= 30.0) return Grade::Decent;
    return Grade::Bad;
}

const char* grade_name(Grade g) noexcept {
    switch (g) {
        case Grade::Good: return "Good";
        case Grade::Decent: return "Decent";
        case Grade::Bad: return "Bad";
    }
    return "Bad";
}

std::vector<std::string> validation_ids() {
    std::vector<std::string> ids;
    for (const Entry& e : kTargets) ids.emplace_back(e.id);
    return ids;
}

TargetResult run_target(const std::string& id) {
    for (const Entry& e : kTargets) {
        if (id == e.id) return e.fn();
    }
    TargetResult r;
    r.id = id;
    r.behaviour = "unknown target";
    r.has_error = false;
    return r;
}

std::vector<TargetResult> run_validation() {
    std::vector<TargetResult> out;
    for (const Entry& e : kTargets) out.push_back(e.fn());
    return out;
}

}  // namespace bfr::physiology
