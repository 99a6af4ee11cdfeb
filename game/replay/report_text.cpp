#include "game/replay/report_text.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iterator>

namespace bfr::replay {
namespace {

std::string or_dash(const std::optional<double>& v, const char* format_1dp_unit) {
    if (!v || !std::isfinite(*v)) return "–";
    return fmt::format(fmt::runtime(format_1dp_unit), *v);
}

std::string clock(double s) {
    if (!std::isfinite(s) || s < 60.0) return fmt::format("{:.2f} s", s);
    const auto total = static_cast<long long>(std::floor(s));
    if (total < 3600) return fmt::format("{}:{:02} ({:.2f} s)", total / 60, total % 60, s);
    return fmt::format("{}:{:02}:{:02} ({:.2f} s)", total / 3600, (total / 60) % 60, total % 60, s);
}

}  // namespace

std::string human_summary(const ReplayResult& r) {
    std::string t;
    auto out = std::back_inserter(t);
    const char* limb = r.limb == session::LimbKind::Leg ? "leg" : "arm";
    fmt::format_to(out, "Replay of {} ({})\n", r.file, limb);
    fmt::format_to(out, "  rows              {} used, {} skipped\n", r.rows, r.rows_skipped);
    fmt::format_to(out, "  duration          {}\n", clock(r.duration_s));
    fmt::format_to(out, "  LOP               {:.0f} mmHg ({})\n", r.lop_mmHg,
                   r.lop_from_recording ? "from the recording" : "default");
    fmt::format_to(out, "  load              {:.0f} %1RM ({})\n", r.load_pct1rm,
                   r.load_from_recording ? "from the recording" : "default");

    fmt::format_to(out, "\nReps: {}", r.reps.size());
    if (!r.reps.empty()) {
        fmt::format_to(out, " (first at {:.1f} s, last at {:.1f} s)", r.reps.front().commit_s, r.reps.back().commit_s);
    }
    if (r.protocol_name) {
        fmt::format_to(out, "\nSets: {} of {} (protocol {}: {})\n", r.sets.size(), r.protocol_sets_prescribed,
                       *r.protocol_name, r.protocol_title);
    } else {
        fmt::format_to(out, "\nSets: {} (found from {})\n", r.sets.size(),
                       r.sets_from_events ? "the recording's set_start/set_end events" : "the rests between reps");
    }
    for (std::size_t i = 0; i < r.sets.size(); ++i) {
        const SetSpan& s = r.sets[i];
        fmt::format_to(out, "  set {:<3} {:>8.1f} s to {:>8.1f} s  {:>4} reps", i + 1, s.start_s, s.end_s, s.reps);
        if (r.protocol_name && i < r.protocol_sets.size()) {
            const ProtocolSet& ps = r.protocol_sets[i];
            if (ps.to_failure) {
                fmt::format_to(out, "  (to failure)");
            } else {
                fmt::format_to(out, "  of {}{}", ps.target_reps, ps.ended_early ? ", ended early" : "");
            }
        }
        fmt::format_to(out, "\n");
    }
    if (r.protocol_name) {
        if (r.warmup_reps > 0) fmt::format_to(out, "  {} warm-up reps before the protocol began\n", r.warmup_reps);
        if (r.extra_reps > 0) fmt::format_to(out, "  {} reps after it ended\n", r.extra_reps);
        fmt::format_to(out, "  next time: {:.0f} %1RM — {}\n", r.load_advice_pct1rm, r.load_advice);
    }

    fmt::format_to(out, "\nOcclusion: {:.1f} s with the cuff at or above 20 mmHg\n", r.occlusion_s);

    fmt::format_to(out, "\nPhysiology                 peak        end\n");
    const auto row = [&](const char* name, double peak, double end, const char* fmt_spec) {
        fmt::format_to(out, "  {:<22}{:>8}   {:>8}\n", name, fmt::format(fmt::runtime(fmt_spec), peak),
                       fmt::format(fmt::runtime(fmt_spec), end));
    };
    row("metabolite (0-1)", r.peak.metabolite, r.end.metabolite, "{:.2f}");
    row("lactate, mmol/L", r.peak.lactate_mmol_l, r.end.lactate_mmol_l, "{:.2f}");
    row("blood lactate, mmol/L", r.peak.blood_lactate_mmol_l, r.end.blood_lactate_mmol_l, "{:.2f}");
    row("pH (lowest)", r.peak.ph, r.end.ph, "{:.3f}");
    row("PCr, % (lowest)", r.peak.pcr_pct, r.end.pcr_pct, "{:.1f}");
    row("swelling, %", r.peak.swelling_pct, r.end.swelling_pct, "{:.1f}");
    row("SmO2, % (lowest)", r.peak.smo2_pct, r.end.smo2_pct, "{:.1f}");
    row("fatigue, %", r.peak.fatigue_pct, r.end.fatigue_pct, "{:.1f}");

    const session::PressureSummary& p = r.pressure;
    fmt::format_to(out, "\nPressure\n");
    fmt::format_to(out, "  inflated          {:.1f} s ({:.1f} s assessed: not ramping, settled)\n", p.inflated_s,
                   p.assessed_s);
    fmt::format_to(out, "  in band           {} of the assessed time (target: {} ±10 %)\n",
                   or_dash(p.time_in_band_pct, "{:.1f} %"),
                   p.target_from_recording ? std::string("the target_mmHg column")
                                           : std::string(r.limb == session::LimbKind::Leg ? "60 % LOP" : "50 % LOP"));
    fmt::format_to(out, "  per rep           peak {} LOP, valley {} LOP (mean of {} reps)\n",
                   or_dash(p.peak_pct_lop_mean, "{:.1f} %"), or_dash(p.valley_pct_lop_mean, "{:.1f} %"),
                   p.reps_assessed);
    fmt::format_to(out, "  at or above LOP   {:.1f} s\n", p.above_lop_s);
    if (r.alarms.empty()) {
        fmt::format_to(out, "\nAlarms: none\n");
    } else {
        fmt::format_to(out, "\nAlarms: {}\n", r.alarms.size());
        for (const safety::Alarm& a : r.alarms) {
            fmt::format_to(out, "  {:>8.1f} s  {:<22} {:<14} {}\n", static_cast<double>(a.t_ns) * 1e-9,
                           safety::kind_name(a.kind), safety::action_name(a.action), a.message);
        }
    }
    for (const safety::Notice& n : r.notices) {
        fmt::format_to(out, "  note {:>8.1f} s  {}\n", static_cast<double>(n.t_ns) * 1e-9, n.text);
    }
    if (!r.warnings.empty()) {
        fmt::format_to(out, "Warnings: {} (on standard error)\n", r.warnings.size());
    }
    return t;
}

}  // namespace bfr::replay
