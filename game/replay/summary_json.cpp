#include "game/replay/summary_json.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace bfr::replay {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kTime = 3;
constexpr int kPct = 2;
constexpr int kConc = 3;

Json number(double value, int decimals) {
    const auto r = rounded(value, decimals);
    return r ? Json(*r) : Json(nullptr);
}

Json number(const std::optional<double>& value, int decimals) {
    return value ? number(*value, decimals) : Json(nullptr);
}

Json figures(const PhysiologyFigures& f) {
    Json j = Json::object();
    j["metabolite"] = number(f.metabolite, kConc);
    j["lactate_mmol_l"] = number(f.lactate_mmol_l, kConc);
    j["blood_lactate_mmol_l"] = number(f.blood_lactate_mmol_l, kConc);
    j["ph_min"] = number(f.ph, kConc);
    j["pcr_min_pct"] = number(f.pcr_pct, kPct);
    j["swelling_pct"] = number(f.swelling_pct, kPct);
    j["smo2_min_pct"] = number(f.smo2_pct, kPct);
    j["fatigue_pct"] = number(f.fatigue_pct, kPct);
    return j;
}

}  // namespace

std::optional<double> rounded(double value, int decimals) noexcept {
    if (!std::isfinite(value)) return std::nullopt;
    const double scale = std::pow(10.0, decimals);
    const double r = std::round(value * scale) / scale;
    if (!std::isfinite(r)) return value;
    return r == 0.0 ? 0.0 : r;  // no -0
}

std::string summary_json(const ReplayResult& r) {
    Json doc = Json::object();
    doc["schema"] = "bfr-coach.summary/1";

    Json input = Json::object();
    input["file"] = r.file;
    input["rows"] = r.rows;
    input["rows_skipped"] = r.rows_skipped;
    input["duration_s"] = number(r.duration_s, kTime);
    input["limb"] = r.limb == session::LimbKind::Leg ? "leg" : "arm";
    input["lop_mmHg"] = number(r.lop_mmHg, 1);
    input["lop_source"] = r.lop_from_recording ? "recording" : "default";
    input["load_pct1rm"] = number(r.load_pct1rm, 1);
    input["load_source"] = r.load_from_recording ? "recording" : "default";
    if (r.origin_s != 0.0) input["clock_origin_s"] = number(r.origin_s, kTime);
    if (r.truncated) input["truncated"] = true;
    doc["input"] = std::move(input);

    Json reps = Json::object();
    reps["count"] = r.reps.size();
    Json times = Json::array();
    Json starts = Json::array();
    for (const RepTimes& rep : r.reps) {
        times.push_back(number(rep.commit_s, kTime));
        starts.push_back(number(rep.start_s, kTime));
    }
    reps["times_s"] = std::move(times);
    reps["start_s"] = std::move(starts);
    reps["counted_from"] = r.reps_counted_from;
    doc["reps"] = std::move(reps);

    Json sets = Json::array();
    for (std::size_t i = 0; i < r.sets.size(); ++i) {
        const SetSpan& s = r.sets[i];
        Json set = Json::object();
        set["start_s"] = number(s.start_s, kTime);
        set["end_s"] = number(s.end_s, kTime);
        set["reps"] = s.reps;
        if (r.protocol_name && i < r.protocol_sets.size()) {
            const ProtocolSet& ps = r.protocol_sets[i];
            set["target_reps"] = ps.target_reps;
            set["to_failure"] = ps.to_failure;
            set["ended_early"] = ps.ended_early;
        }
        sets.push_back(std::move(set));
    }
    doc["sets"] = std::move(sets);
    doc["sets_found_from"] = r.protocol_name ? "protocol"
                             : r.sets_from_events ? "set_start/set_end events"
                                                  : "rests between reps";

    doc["occlusion_s"] = number(r.occlusion_s, kTime);

    Json physiology = Json::object();
    physiology["peak"] = figures(r.peak);
    physiology["end"] = figures(r.end);
    doc["physiology"] = std::move(physiology);

    Json pressure = Json::object();
    const session::PressureSummary& p = r.pressure;
    pressure["time_in_band_pct"] = number(p.time_in_band_pct, kPct);
    pressure["peak_pct_lop_mean"] = number(p.peak_pct_lop_mean, kPct);
    pressure["valley_pct_lop_mean"] = number(p.valley_pct_lop_mean, kPct);
    pressure["above_lop_s"] = number(p.above_lop_s, kTime);
    pressure["inflated_s"] = number(p.inflated_s, kTime);
    pressure["assessed_s"] = number(p.assessed_s, kTime);
    pressure["target"] = p.target_from_recording ? std::string("target_mmHg column")
                                                 : std::string(r.limb == session::LimbKind::Leg ? "60 % LOP (default)"
                                                                                                : "50 % LOP (default)");
    pressure["reps_assessed"] = p.reps_assessed;
    doc["pressure"] = std::move(pressure);

    Json alarms = Json::array();
    for (const safety::Alarm& a : r.alarms) {
        Json alarm = Json::object();
        alarm["t_s"] = number(static_cast<double>(a.t_ns) * 1e-9, kTime);
        alarm["kind"] = safety::kind_name(a.kind);
        alarm["message"] = a.message;
        alarm["action"] = safety::action_name(a.action);
        alarm["value"] = number(a.value, 1);
        alarm["acknowledged"] = a.acknowledged;
        if (a.acknowledged) alarm["acknowledged_s"] = number(static_cast<double>(a.acknowledged_ns) * 1e-9, kTime);
        alarm["active_at_end"] = a.active;
        if (!a.active) alarm["cleared_s"] = number(static_cast<double>(a.cleared_ns) * 1e-9, kTime);
        alarms.push_back(std::move(alarm));
    }
    doc["alarms"] = std::move(alarms);
    Json notices = Json::array();
    for (const safety::Notice& n : r.notices) {
        Json notice = Json::object();
        notice["t_s"] = number(static_cast<double>(n.t_ns) * 1e-9, kTime);
        notice["text"] = n.text;
        notices.push_back(std::move(notice));
    }
    doc["safety_notices"] = std::move(notices);
    if (r.discomfort_max >= 0) doc["discomfort_max"] = r.discomfort_max;
    if (r.protocol_name) {
        Json proto = Json::object();
        proto["name"] = *r.protocol_name;
        proto["title"] = r.protocol_title;
        proto["sets_prescribed"] = r.protocol_sets_prescribed;
        proto["reps_prescribed"] = r.reps_prescribed;
        proto["completed"] = r.protocol_completed;
        proto["warmup_reps"] = r.warmup_reps;
        proto["extra_reps"] = r.extra_reps;
        Json advice = Json::object();
        advice["load_pct1rm"] = number(r.load_advice_pct1rm, 1);
        advice["increase"] = r.load_increase;
        advice["reason"] = r.load_advice;
        proto["next_load"] = std::move(advice);
        doc["protocol"] = std::move(proto);
    }
    Json warnings = Json::array();
    for (const std::string& w : r.warnings) warnings.push_back(w);
    doc["warnings"] = std::move(warnings);

    // Replace invalid UTF-8 (a file name, an unknown column's name) instead of throwing.
    std::string text = doc.dump(2, ' ', false, Json::error_handler_t::replace);
    text.push_back('\n');
    return text;
}

}  // namespace bfr::replay
