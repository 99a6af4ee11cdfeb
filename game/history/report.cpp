#include "game/history/report.hpp"

#include "game/gamification/progress.hpp"
#include "game/history/progress_source.hpp"
#include "game/history/time_text.hpp"
#include "game/protocol/protocol_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace bfr::history::report {
namespace {

namespace g = gamification;

constexpr std::int64_t kSecondsPerHour = 3600;

/// `v` when it holds a finite number.
std::optional<double> finite(std::optional<double> v) {
    if (v && std::isfinite(*v)) return v;
    return std::nullopt;
}

Field field(std::string label, std::string value) {
    return Field{std::move(label), printable(value), false};
}

Field missing_field(std::string label, std::string_view detail = {}) {
    std::string value{kNotRecorded};
    if (!detail.empty()) value += fmt::format(" ({})", detail);
    return Field{std::move(label), std::move(value), true};
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string pct_lop(double v) {
    return number_text(v, 1) + " %LOP";
}

/// "2025-03-01 09:30 UTC" from the stored ISO 8601 time; nullopt when it cannot be read.
std::optional<std::string> utc_minutes(const std::string& iso) {
    const auto t = parse_iso8601_utc(iso);
    if (!t) return std::nullopt;
    const std::string full = iso8601_utc(*t);  // YYYY-MM-DDTHH:MM:SSZ
    return full.substr(0, 10) + " " + full.substr(11, 5) + " UTC";
}

/// The median of a non-empty list.
double median_value(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

const SetRow* stored_set(const SessionRecord& rec, std::int64_t number) {
    for (const SetRow& s : rec.sets) {
        if (s.number == number) return &s;
    }
    return nullptr;
}

std::string alarm_kind_words(const std::string& kind) {
    static const std::map<std::string, std::string, std::less<>> names = {
        {"pressure_above_lop", "pressure above LOP"}, {"pressure_ceiling", "pressure ceiling"},
        {"pressure_out_of_band", "pressure out of band"}, {"occlusion_time", "occlusion time"},
        {"sensor_lost", "sensor lost"}, {"discomfort", "discomfort"}};
    if (const auto it = names.find(kind); it != names.end()) return it->second;
    if (kind.empty()) return std::string(kNotRecorded);
    std::string words = kind;
    std::replace(words.begin(), words.end(), '_', ' ');
    return printable(words, 28);
}

std::string alarm_action_words(const std::string& action) {
    if (action == "lower_10_mmHg") return "lower 10 mmHg";
    if (action.empty()) return std::string(kNotRecorded);
    std::string words = action;
    std::replace(words.begin(), words.end(), '_', ' ');
    return printable(words, 20);
}

std::string alarm_value_words(const AlarmRow& a) {
    const auto v = finite(a.value);
    if (!v) return std::string(kNotRecorded);
    if (a.kind.rfind("pressure_", 0) == 0) return number_text(*v, 0) + " mmHg";
    if (a.kind == "occlusion_time" || a.kind == "sensor_lost") return duration_words(*v);
    if (a.kind == "discomfort") return number_text(*v, 0) + "/10";
    return number_text(*v, 1);
}

/// The protocol's sets as "30-15-15-15" ("F" for to failure).
std::string pattern_of(const std::vector<protocol::SetSpec>& sets) {
    std::string p;
    for (std::size_t i = 0; i < sets.size(); ++i) {
        if (i > 0) p += "-";
        p += sets[i].to_failure ? std::string("F") : std::to_string(sets[i].reps);
    }
    return p;
}

/// The stored sets as a protocol's sets (targets; a set with no target: 0 reps).
std::vector<protocol::SetSpec> specs_of(const SessionRecord& rec) {
    std::vector<protocol::SetSpec> specs;
    for (const SetRow& s : rec.sets) {
        protocol::SetSpec spec;
        spec.reps = static_cast<std::uint32_t>(std::clamp<std::int64_t>(s.target_reps.value_or(0), 0, 100000));
        spec.to_failure = s.to_failure;
        specs.push_back(spec);
    }
    return specs;
}

bool has_prescription(const SessionRecord& rec) {
    return std::any_of(rec.sets.begin(), rec.sets.end(),
                       [](const SetRow& s) { return s.target_reps.has_value() || s.to_failure; });
}

bool is_free_practice(const SessionRecord& rec) {
    const std::string& name = rec.session.start.protocol_name;
    return name.empty() || name == "free";
}

/// The highest discomfort: the stored maximum and every report; none when neither exists.
std::optional<std::int64_t> highest_discomfort(const SessionRecord& rec) {
    std::int64_t level = -1;
    if (rec.session.end && rec.session.end->discomfort_max) level = *rec.session.end->discomfort_max;
    for (const DiscomfortRow& d : rec.discomfort) level = std::max(level, d.level);
    if (level < 0) return std::nullopt;
    return level;
}

// --- sections ------------------------------------------------------------------------------------

void build_header(ReportModel& m, const SessionRecord& rec) {
    const SessionRow& row = rec.session;
    const SessionStart& s = row.start;
    m.title = "BFR Coach · Session report";
    m.session_label = fmt::format("Session {}", row.id);

    const std::optional<std::string> started = utc_minutes(s.started_at);
    m.when = started.value_or(std::string(kNotRecorded));
    m.header.push_back(started ? field("Started", *started) : missing_field("Started"));
    if (!row.end) {
        m.header.push_back(field("Duration", "unfinished: no end was stored"));
    } else if (const auto d = finite(row.end->duration_s)) {
        m.header.push_back(field("Duration", duration_words(*d)));
    } else {
        m.header.push_back(missing_field("Duration"));
    }
    std::string limb = s.limb.empty() ? std::string(kNotRecorded) : s.limb;
    limb += s.side.empty() ? std::string(", side not recorded") : ", " + s.side;
    m.header.push_back(field("Limb", limb));
    m.header.push_back(missing_field("Posture"));

    const bool simulated = s.source.rfind("simulated", 0) == 0;
    std::string maker_model = s.cuff_manufacturer;
    if (!s.cuff_model.empty()) maker_model += (maker_model.empty() ? "" : " ") + s.cuff_model;
    if (simulated) {
        m.header.push_back(field("Cuff", "simulated cuff (no device)"));
    } else if (maker_model.empty()) {
        m.header.push_back(Field{"Cuff", "model, width, material: not recorded", true});
    } else {
        m.header.push_back(field("Cuff", printable(maker_model, 50) + " (width, material not recorded)"));
    }

    if (is_free_practice(rec)) {
        m.header.push_back(field("Protocol", "free practice (no protocol)"));
    } else {
        std::string text = s.protocol_title.empty() ? s.protocol_name : s.protocol_title;
        if (!s.protocol_title.empty() && s.protocol_title != s.protocol_name) {
            text = printable(s.protocol_title, 60) + " (" + printable(s.protocol_name, 24) + ")";
        }
        m.header.push_back(field("Protocol", text));
    }
    std::string source = s.source.empty() ? std::string(kNotRecorded) : printable(s.source, 60);
    if (s.imported) source += " (imported)";
    m.header.push_back(field("Source", source));

    std::string status;
    if (!row.end) {
        status = "unfinished (the program stopped mid-session)";
    } else if (row.end->completed) {
        status = is_free_practice(rec) ? "ended normally" : "completed";
    } else {
        status = row.end->stop_reason.empty() ? std::string("stopped (reason not recorded)")
                                              : "stopped: " + printable(row.end->stop_reason, 70);
    }
    m.header.push_back(field("Status", status));
}

void build_pressure(ReportModel& m, const SessionRecord& rec, const ReportContext& ctx) {
    const SessionStart& s = rec.session.start;
    const std::optional<SessionEnd>& e = rec.session.end;
    const auto lop = finite(s.lop_mmHg);
    if (lop) {
        m.pressure.push_back(field("LOP", number_text(*lop, 1) + " mmHg · source: " +
                                              (s.lop_source.empty() ? std::string(kNotRecorded)
                                                                    : printable(s.lop_source, 50)) +
                                              " · method, posture, date not recorded"));
    } else {
        m.pressure.push_back(missing_field("LOP"));
    }

    const double band = ctx.protocol ? ctx.protocol->limits.band_fraction : 0.10;
    if (const auto target = finite(s.target_pct_lop)) {
        std::string text = number_text(*target, 1) + " %LOP";
        if (lop) {
            const double mmhg = *lop * *target / 100.0;
            text += fmt::format(" = {} mmHg (band ±{} %: {}–{} mmHg)", number_text(mmhg, 1), number_text(band * 100, 0),
                                number_text(mmhg * (1.0 - band), 1), number_text(mmhg * (1.0 + band), 1));
        } else {
            text += " (mmHg: LOP not recorded)";
        }
        m.pressure.push_back(field("Target", text));
    } else if (ctx.protocol) {
        const double pct = ctx.protocol->target_pct_lop(s.limb == "leg" ? protocol::Limb::Leg : protocol::Limb::Arm);
        std::string text = fmt::format("not stored (the recording set its own); the protocol prescribes {} %LOP",
                                       number_text(pct, 1));
        if (lop) text += fmt::format(" = {} mmHg", number_text(*lop * pct / 100.0, 1));
        m.pressure.push_back(Field{"Target", text, true});
    } else {
        m.pressure.push_back(missing_field("Target"));
    }

    const auto in_band = e ? finite(e->time_in_band_pct) : std::nullopt;
    m.pressure.push_back(in_band ? field("Time in band", fmt::format("{} % of the inflated time within ±{} % of target",
                                                                     number_text(*in_band, 1),
                                                                     number_text(band * 100, 0)))
                                 : missing_field("Time in band"));

    const auto peak = e ? finite(e->peak_pct_lop_mean) : std::nullopt;
    const auto valley = e ? finite(e->valley_pct_lop_mean) : std::nullopt;
    if (peak || valley) {
        m.pressure.push_back(field("Cuff per rep", fmt::format("peak {} · valley {} (means over the reps)",
                                                               peak ? pct_lop(*peak) : std::string(kNotRecorded),
                                                               valley ? pct_lop(*valley) : std::string(kNotRecorded))));
    } else {
        m.pressure.push_back(missing_field("Cuff per rep"));
    }

    std::size_t overshoot_alarms = 0;
    for (const AlarmRow& a : rec.alarms) {
        overshoot_alarms += a.kind == "pressure_above_lop" || a.kind == "pressure_ceiling" ? 1U : 0U;
    }
    std::size_t reps_over = 0;
    std::optional<double> highest;
    for (const RepRow& r : rec.reps) {
        const auto p = finite(r.peak_pct_lop);
        if (!p) continue;
        if (*p > 100.0) ++reps_over;
        if (!highest || *p > *highest) highest = p;
    }
    std::string over;
    if (overshoot_alarms == 0 && reps_over == 0) {
        over = highest ? "none (highest rep peak " + pct_lop(*highest) + ")" : "no alarm (rep peaks not recorded)";
    } else {
        over = plural(overshoot_alarms, "alarm", "alarms") + " (above LOP or ceiling)";
        if (highest) over += fmt::format("; {} above 100 %LOP (highest {})", plural(reps_over, "rep", "reps"), pct_lop(*highest));
    }
    m.pressure.push_back(field("Over 100 % LOP", over));

    if (const auto occ = e ? finite(e->occlusion_s) : std::nullopt) {
        std::string text = duration_words(*occ);
        if (ctx.protocol) text += " (limit " + duration_words(ctx.protocol->limits.occlusion_limit_s) + " per exercise)";
        m.pressure.push_back(field("Occlusion time", text));
    } else {
        m.pressure.push_back(missing_field("Occlusion time"));
    }
    if (ctx.protocol) {
        m.pressure.push_back(field("Mode", ctx.protocol->cuff_in_rest == protocol::CuffInRest::KeepOn
                                               ? "continuous: the cuff stays on in rests"
                                               : "intermittent: the cuff is released in rests"));
    } else {
        m.pressure.push_back(missing_field("Mode"));
    }
}

void build_exercise(ReportModel& m, const SessionRecord& rec, const ReportContext& ctx) {
    const SessionStart& s = rec.session.start;
    m.exercise.push_back(field("Exercise", s.limb == "leg" ? "knee extension (leg)" : "biceps curl (arm)"));
    const auto load = finite(s.load_pct1rm);
    m.exercise.push_back(load ? field("Load", number_text(*load, 1) + " %1RM") : missing_field("Load"));

    // Prescribed vs done.
    std::int64_t reps_in_sets = 0;
    for (const SetRow& set : rec.sets) reps_in_sets += set.reps;
    std::int64_t outside = 0;
    for (const RepRow& r : rec.reps) outside += r.set_number ? 0 : 1;
    const std::vector<protocol::SetSpec> specs = ctx.protocol ? ctx.protocol->sets : specs_of(rec);
    const bool prescribed = ctx.protocol.has_value() || has_prescription(rec);
    std::string sets_text;
    if (prescribed) {
        std::uint32_t target = 0;
        for (const protocol::SetSpec& sp : specs) target += sp.reps;
        const std::size_t sets_done = rec.sets.size();
        sets_text = fmt::format("{} × {} prescribed ({} reps) · done: {} of {} sets, {} reps", specs.size(),
                                pattern_of(specs), target, sets_done, specs.size(), reps_in_sets);
    } else {
        sets_text = fmt::format("no prescription · done: {}, {} reps", plural(rec.sets.size(), "set", "sets"),
                                reps_in_sets);
    }
    m.exercise.push_back(field("Sets × reps", sets_text));
    m.exercise.push_back(field("Other reps", outside == 0 ? std::string("none outside the sets")
                                                          : fmt::format("{} outside the sets (warm-up, extra)", outside)));

    // Tempo: prescribed, and measured as the median time between reps within a set.
    std::vector<double> intervals;
    std::map<std::int64_t, double> last_commit;
    for (const RepRow& r : rec.reps) {
        if (!r.set_number || !std::isfinite(r.commit_s)) continue;
        const auto it = last_commit.find(*r.set_number);
        if (it != last_commit.end() && r.commit_s > it->second) intervals.push_back(r.commit_s - it->second);
        last_commit[*r.set_number] = r.commit_s;
    }
    std::string tempo;
    if (ctx.protocol) {
        const protocol::Tempo& t = ctx.protocol->tempo;
        tempo = fmt::format("{} s up · {} s down", number_text(t.concentric_s, 1), number_text(t.eccentric_s, 1));
        if (t.pause_s > 0.0) tempo += fmt::format(" · {} s pause", number_text(t.pause_s, 1));
        tempo += fmt::format(" ({} s per rep)", number_text(t.rep_s(), 1));
    }
    if (!intervals.empty()) {
        tempo += (tempo.empty() ? "prescribed: not recorded · measured " : " · measured ") + number_text(median_value(intervals), 1) +
                 " s per rep";
    }
    m.exercise.push_back(tempo.empty() ? missing_field("Tempo") : field("Tempo", tempo));

    // Rests: prescribed, and measured between consecutive stored sets.
    std::vector<double> rests;
    for (std::size_t i = 1; i < rec.sets.size(); ++i) {
        const double gap = rec.sets[i].start_s - rec.sets[i - 1].end_s;
        if (std::isfinite(gap) && gap >= 0.0) rests.push_back(gap);
    }
    std::string rest;
    if (ctx.protocol && ctx.protocol->sets.size() > 1) rest = duration_words(ctx.protocol->rest_s) + " prescribed";
    if (!rests.empty()) {
        const auto [lo, hi] = std::minmax_element(rests.begin(), rests.end());
        const std::string measured = std::round(*lo) == std::round(*hi)
                                         ? duration_words(*lo)
                                         : fmt::format("{}–{}", duration_words(*lo), duration_words(*hi));
        rest += (rest.empty() ? "measured " : " · measured ") + measured;
    }
    m.exercise.push_back(rest.empty() ? missing_field("Rests") : field("Rests", rest));

    // To failure.
    std::vector<std::string> failure;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        if (!specs[i].to_failure) continue;
        const SetRow* done = stored_set(rec, static_cast<std::int64_t>(i + 1));
        failure.push_back(done ? fmt::format("set {}: {} reps", i + 1, done->reps) : fmt::format("set {}: not done", i + 1));
    }
    std::string failure_text;
    for (std::size_t i = 0; i < failure.size() && i < 3; ++i) failure_text += (i ? ", " : "") + failure[i];
    if (failure.size() > 3) failure_text += fmt::format(", + {} more", failure.size() - 3);
    m.exercise.push_back(field("To failure", failure.empty() ? (prescribed ? "no to-failure set" : std::string("none prescribed"))
                                                             : failure_text));

    // Time in sets (the muscle under tension at tempo): each stored set from its start to its end.
    double in_sets = 0.0;
    std::size_t timed = 0;
    for (const SetRow& set : rec.sets) {
        const double d = set.end_s - set.start_s;
        if (std::isfinite(d) && d >= 0.0) {
            in_sets += d;
            ++timed;
        }
    }
    m.exercise.push_back(timed > 0 ? field("Time in sets", fmt::format("{} (under tension; {} from start to end)",
                                                                      duration_words(in_sets),
                                                                      plural(timed, "set", "sets")))
                                   : missing_field("Time in sets"));

    // The sets table.
    Table& t = m.sets;
    t.columns = {"Set", "Prescribed", "Done", "Time", "Rest before", "Median %LOP", "Peak %LOP", "Valley %LOP"};
    t.empty_text = "no sets stored";
    t.noun = "sets";
    std::int64_t rows = static_cast<std::int64_t>(specs.size());
    for (const SetRow& set : rec.sets) rows = std::max(rows, set.number);
    for (std::int64_t n = 1; n <= rows; ++n) {
        if (t.rows.size() == kMaxSetRows) {
            std::int64_t more_reps = 0;
            for (const SetRow& set : rec.sets) more_reps += set.number >= n ? set.reps : 0;
            t.more = fmt::format("+ {} more sets ({} reps)", rows - n + 1, more_reps);
            t.left_out = static_cast<std::size_t>(rows - n + 1);
            break;
        }
        const SetRow* set = stored_set(rec, n);
        const protocol::SetSpec* spec =
            static_cast<std::size_t>(n) <= specs.size() ? &specs[static_cast<std::size_t>(n - 1)] : nullptr;
        std::string pres = "none";
        if (spec && spec->to_failure) {
            pres = spec->reps > 0 ? fmt::format("to failure (≥{})", spec->reps) : "to failure";
        } else if (spec && (ctx.protocol || (set && set->target_reps))) {
            pres = std::to_string(spec->reps);
        }
        std::vector<std::string> cells{std::to_string(n), pres};
        bool flag = false;
        if (!set) {
            cells.insert(cells.end(), {"not done", "–", "–", "–", "–", "–"});
            flag = spec != nullptr;
        } else {
            cells.push_back(std::to_string(set->reps));
            flag = set->ended_early || (spec && !spec->to_failure && set->target_reps &&
                                        set->reps < static_cast<std::int64_t>(spec->reps));
            const double len = set->end_s - set->start_s;
            cells.push_back(std::isfinite(len) && len >= 0.0 ? duration_words(len) : std::string(kNotRecorded));
            const SetRow* prev = stored_set(rec, n - 1);
            const double gap = prev ? set->start_s - prev->end_s : -1.0;
            cells.push_back(prev && std::isfinite(gap) && gap >= 0.0 ? duration_words(gap) : std::string("–"));
            std::vector<double> mids;
            std::optional<double> top;
            std::optional<double> bottom;
            for (const RepRow& r : rec.reps) {
                if (r.set_number != n) continue;
                const auto p = finite(r.peak_pct_lop);
                const auto v = finite(r.valley_pct_lop);
                if (p && (!top || *p > *top)) top = p;
                if (v && (!bottom || *v < *bottom)) bottom = v;
                if (p && v) mids.push_back(0.5 * (*p + *v));
            }
            cells.push_back(mids.empty() ? std::string(kNotRecorded) : fmt::format("{:.1f}", median_value(mids)));
            cells.push_back(top ? fmt::format("{:.1f}", *top) : std::string(kNotRecorded));
            cells.push_back(bottom ? fmt::format("{:.1f}", *bottom) : std::string(kNotRecorded));
        }
        t.rows.push_back(std::move(cells));
        t.flagged.push_back(flag);
    }
}

void build_response(ReportModel& m, const SessionRecord& rec) {
    const std::optional<SessionEnd>& e = rec.session.end;
    const std::optional<std::int64_t> max_level = highest_discomfort(rec);
    if (!max_level && rec.discomfort.empty()) {
        m.response.push_back(missing_field("Discomfort 0–10", "never asked"));
    } else {
        std::string text = max_level ? fmt::format("max {}/10", *max_level) : std::string("max not recorded");
        if (max_level && *max_level > 7) text += " (above 7/10: stop)";
        if (!rec.discomfort.empty()) {
            text += " · " + plural(rec.discomfort.size(), "report", "reports") + ": ";
            for (std::size_t i = 0; i < rec.discomfort.size() && i < kMaxDiscomfortReports; ++i) {
                text += fmt::format("{}{} at {}", i ? ", " : "", rec.discomfort[i].level, clock_time(rec.discomfort[i].t_s));
            }
            if (rec.discomfort.size() > kMaxDiscomfortReports) {
                text += fmt::format(", + {} more", rec.discomfort.size() - kMaxDiscomfortReports);
            }
        }
        m.response.push_back(field("Discomfort 0–10", text));
    }
    m.response.push_back(Field{"Symptoms", "tingling, dizziness: not recorded", true});
    if (!e) {
        m.response.push_back(field("Stop reason", "unfinished: no end was stored"));
    } else if (e->completed) {
        m.response.push_back(field("Stop reason", is_free_practice(rec) ? "none: ended normally"
                                                                        : "none: the protocol was completed"));
    } else if (e->stop_reason.empty()) {
        m.response.push_back(missing_field("Stop reason"));
    } else {
        m.response.push_back(field("Stop reason", e->stop_reason));
    }
    std::size_t acknowledged = 0;
    std::size_t cleared = 0;
    for (const AlarmRow& a : rec.alarms) {
        acknowledged += finite(a.acknowledged_s) ? 1U : 0U;
        cleared += finite(a.cleared_s) ? 1U : 0U;
    }
    m.response.push_back(field("Alarms", rec.alarms.empty()
                                             ? std::string("none")
                                             : fmt::format("{} · {} acknowledged · {} cleared",
                                                           rec.alarms.size(), acknowledged, cleared)));

    Table& t = m.alarms;
    t.columns = {"Time", "Alarm", "Value", "Action", "Acknowledged", "Cleared"};
    t.empty_text.clear();  // the "Alarms" field above says "none"
    t.noun = "alarms";
    for (const AlarmRow& a : rec.alarms) {
        if (t.rows.size() == kMaxAlarmRows) {
            t.more = fmt::format("+ {} more alarms", rec.alarms.size() - kMaxAlarmRows);
            t.left_out = rec.alarms.size() - kMaxAlarmRows;
            break;
        }
        const auto ack = finite(a.acknowledged_s);
        const auto clr = finite(a.cleared_s);
        t.rows.push_back({std::isfinite(a.t_s) ? clock_time(a.t_s) : std::string(kNotRecorded), alarm_kind_words(a.kind),
                          alarm_value_words(a), alarm_action_words(a.action), ack ? "at " + clock_time(*ack) : "no",
                          clr ? "at " + clock_time(*clr) : "no"});
        t.flagged.push_back(!ack);
    }
}

/// "30 %1RM throughout" or "30 → 35 %1RM"; nullopt when no session of the trend has it.
std::optional<std::string> drift(const std::vector<std::optional<double>>& values, const char* unit) {
    std::optional<double> first;
    std::optional<double> last;
    std::size_t count = 0;
    for (const auto& v : values) {
        if (!v) continue;
        if (!first) first = v;
        last = v;
        ++count;
    }
    if (!first) return std::nullopt;
    const std::string a = number_text(*first, 1);
    const std::string b = number_text(*last, 1);
    if (a == b) return fmt::format("{} {} in {}", a, unit, plural(count, "session", "sessions"));
    const double change = *last - *first;
    return fmt::format("{} → {} {} ({}{}) over {}", a, b, unit, change > 0 ? "+" : "", number_text(change, 1),
                       plural(count, "session", "sessions"));
}

void build_trend(ReportModel& m, const SessionRecord& rec, const std::vector<SessionRow>& history,
                 const ReportContext& ctx) {
    std::vector<SessionRow> rows = history;
    const bool present = std::any_of(rows.begin(), rows.end(), [&](const SessionRow& r) { return r.id == rec.session.id; });
    if (!present) rows.push_back(rec.session);
    const std::vector<ProgressSession> all = progress_sessions(rows);
    const auto self = std::find_if(all.begin(), all.end(), [&](const ProgressSession& p) { return p.id == rec.session.id; });
    if (self == all.end()) {  // its start cannot be read: no trend
        m.trend_fields.push_back(missing_field("Trend", "the session's start time cannot be read"));
        return;
    }
    const std::size_t end = static_cast<std::size_t>(self - all.begin()) + 1;
    const std::size_t begin = end > kTrendSessions ? end - kTrendSessions : 0;
    std::map<std::int64_t, const SessionRow*> by_id;
    for (const SessionRow& r : rows) by_id[r.id] = &r;
    std::vector<std::optional<double>> loads;
    std::vector<std::optional<double>> lops;
    for (std::size_t i = begin; i < end; ++i) {
        const ProgressSession& p = all[i];
        const SessionRow& r = *by_id.at(p.id);
        TrendPoint t;
        t.session_id = p.id;
        const g::LocalDate d = g::local_date(p.record.started_unix_s, ctx.utc_offset_s);
        t.label = fmt::format("{:02}-{:02}", d.month, d.day);
        t.reps = static_cast<double>(p.record.reps);
        t.time_in_band_pct = finite(p.record.time_in_band_pct);
        t.completed = p.record.completed;
        t.current = p.id == rec.session.id;
        m.trend.push_back(t);
        loads.push_back(finite(r.start.load_pct1rm));
        lops.push_back(finite(r.start.lop_mmHg));
    }
    if (const auto load = drift(loads, "%1RM")) m.trend_fields.push_back(field("Load", *load));
    else m.trend_fields.push_back(missing_field("Load"));
    if (const auto lop = drift(lops, "mmHg")) m.trend_fields.push_back(field("LOP", *lop));
    else m.trend_fields.push_back(missing_field("LOP"));

    // Adherence as of this session: its week and the weeks before it (2-3 completed sessions a
    // week, at least 36 h apart).
    std::vector<g::SessionRecord> upto;
    for (std::size_t i = 0; i < end; ++i) upto.push_back(all[i].record);
    const g::StreakReport streak = g::weekly_streaks(upto, self->record.started_unix_s, ctx.utc_offset_s);
    const std::size_t weeks = streak.weeks.size();
    for (std::size_t i = weeks > kAdherenceWeeks ? weeks - kAdherenceWeeks : 0; i < weeks; ++i) {
        const g::WeekReport& w = streak.weeks[i];
        std::string verdict;
        if (w.in_progress) {
            verdict = w.too_many ? "too many" : w.too_close ? "less than 36 h apart" : w.perfect ? "on target" : "week not over";
        } else {
            verdict = w.perfect ? "perfect" : w.too_many ? "too many" : w.too_close ? "less than 36 h apart" : "too few";
        }
        std::string text = fmt::format("{} completed{} · {}", w.completed_sessions, w.in_progress ? " so far" : "",
                                       verdict);
        if (w.incomplete_sessions > 0) text += fmt::format(" (+{} not completed)", w.incomplete_sessions);
        m.trend_fields.push_back(field(fmt::format("Week of {:02}-{:02}", w.monday.month, w.monday.day), text));
    }
    m.trend_fields.push_back(field("Streak", fmt::format("{} perfect {} in a row (2–3 a week, ≥36 h apart)",
                                                         streak.current_weeks,
                                                         streak.current_weeks == 1 ? "week" : "weeks")));
}

void build_suggestion(ReportModel& m, const SessionRecord& rec, const ReportContext& ctx) {
    const SessionRow& row = rec.session;
    if (is_free_practice(rec) && !ctx.protocol) {
        m.suggestion = "Free practice: no load advice (there were no prescribed sets to judge).";
        m.suggestion_rule = "Progression [B12] judges a protocol's last set; choose a protocol for load advice.";
    } else {
        protocol::Protocol p = ctx.protocol ? *ctx.protocol : protocol::standard_protocol();
        if (!ctx.protocol) {
            p.sets = specs_of(rec);
            if (const auto l = finite(row.start.load_pct1rm)) p.load_pct1rm = *l;
        }
        std::vector<protocol::SetResult> sets;
        for (const SetRow& s : rec.sets) {
            protocol::SetResult r;
            r.reps = static_cast<std::uint32_t>(std::clamp<std::int64_t>(s.reps, 0, 100000));
            r.target_reps = static_cast<std::uint32_t>(std::clamp<std::int64_t>(s.target_reps.value_or(0), 0, 100000));
            r.to_failure = s.to_failure;
            r.ended_early = s.ended_early;
            sets.push_back(r);
        }
        const auto load = finite(row.start.load_pct1rm);
        protocol::LoadAdvice advice = protocol::advise_next_load(p, sets, load.value_or(p.load_pct1rm));
        if (advice.increase && !row.completed()) {
            advice.increase = false;
            advice.load_pct1rm = load.value_or(p.load_pct1rm);
            advice.reason = fmt::format("The session was not completed: keep the load at {} %1RM.",
                                        number_text(advice.load_pct1rm, 1));
        }
        m.suggestion = advice.reason;
        if (!load) m.suggestion += " (This session's load was not recorded: the protocol's load is assumed.)";
        const protocol::Progression& pr = p.progression;
        const std::string threshold = pr.last_set_threshold_reps > 0
                                          ? std::to_string(pr.last_set_threshold_reps)
                                          : std::string("its target (15 for a to-failure set)");
        m.suggestion_rule = fmt::format(
            "Progression [B12]: +{} %1RM when the last set does more reps than {}; at most {} %1RM; "
            "no increase after a session cut short.",
            number_text(pr.load_increment_pct1rm, 1), threshold, number_text(pr.max_load_pct1rm, 1));
    }
    m.suggestion = printable(m.suggestion, 200);
    m.suggestion_rule = printable(m.suggestion_rule, 200);

    if (const auto start = parse_iso8601_utc(row.start.started_at)) {
        const std::string next = iso8601_utc(*start + g::kMinGapS);
        m.notes.push_back(fmt::format("Spacing [B12]: next session no earlier than {} {} UTC (36 h after this one).",
                                      next.substr(0, 10), next.substr(11, 5)));
    }
    const std::optional<std::int64_t> max_level = highest_discomfort(rec);
    if (max_level && *max_level > 7) {
        m.notes.push_back(fmt::format("Discomfort [B6]: {}/10 was above the stop level of 7/10; review it before the "
                                      "next session.",
                                      *max_level));
    }
    const bool overshoot = std::any_of(rec.alarms.begin(), rec.alarms.end(), [](const AlarmRow& a) {
        return a.kind == "pressure_above_lop" || a.kind == "pressure_ceiling";
    });
    if (overshoot) {
        m.notes.push_back("Overshoot (rules 4–5): the cuff went above the LOP or the ceiling; check the cuff and the "
                          "LOP before the next session.");
    }
}

/// True when the stored sets are the protocol's: each within its sets, to failure where it is,
/// with its target reps.
bool protocol_fits(const SessionRecord& rec, const protocol::Protocol& p) {
    for (const SetRow& s : rec.sets) {
        if (s.number < 1 || static_cast<std::size_t>(s.number) > p.sets.size()) return false;
        const protocol::SetSpec& spec = p.sets[static_cast<std::size_t>(s.number - 1)];
        if (spec.to_failure != s.to_failure) return false;
        if (!spec.to_failure && s.target_reps && *s.target_reps != static_cast<std::int64_t>(spec.reps)) return false;
    }
    return true;
}

/// Length of the UTF-8 sequence starting with `lead` (0: not a valid lead byte).
std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_chars) {
    std::vector<std::string> chars;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t len = sequence_length(lead);
        bool valid = len > 0 && i + len <= text.size();
        std::uint32_t cp = 0;
        if (valid) {
            cp = len == 1 ? lead : lead & (0xFFU >> (len + 1));
            for (std::size_t k = 1; k < len; ++k) {
                const auto c = static_cast<unsigned char>(text[i + k]);
                if ((c & 0xC0U) != 0x80U) {
                    valid = false;
                    break;
                }
                cp = (cp << 6U) | (c & 0x3FU);
            }
        }
        // Overlong forms, surrogates and code points past U+10FFFF are not valid UTF-8.
        if (valid && ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                      (cp >= 0xD800 && cp <= 0xDFFF))) {
            valid = false;
        }
        if (!valid) {
            chars.emplace_back("?");
            ++i;
            continue;
        }
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
            chars.emplace_back(" ");
        } else {
            chars.emplace_back(text.substr(i, len));
        }
        i += len;
    }
    // Trim spaces at both ends.
    std::size_t first = 0;
    while (first < chars.size() && chars[first] == " ") ++first;
    std::size_t last = chars.size();
    while (last > first && chars[last - 1] == " ") --last;
    std::string out;
    const std::size_t count = last - first;
    const std::size_t keep = count > max_chars ? (max_chars > 0 ? max_chars - 1 : 0) : count;
    for (std::size_t i = first; i < first + keep; ++i) out += chars[i];
    if (count > max_chars) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += "…";
    }
    return out;
}

std::string duration_words(double seconds) {
    if (!std::isfinite(seconds)) return std::string(kNotRecorded);
    const auto total = static_cast<std::int64_t>(std::llround(std::max(0.0, seconds)));
    if (total < 60) return fmt::format("{} s", total);
    if (total < kSecondsPerHour) {
        return total % 60 == 0 ? fmt::format("{} min", total / 60) : fmt::format("{} min {:02} s", total / 60, total % 60);
    }
    return fmt::format("{} h {:02} min", total / kSecondsPerHour, (total / 60) % 60);
}

std::string clock_time(double seconds) {
    if (!std::isfinite(seconds)) return std::string(kNotRecorded);
    const auto total = static_cast<std::int64_t>(std::llround(std::max(0.0, seconds)));
    if (total < kSecondsPerHour) return fmt::format("{}:{:02}", total / 60, total % 60);
    return fmt::format("{}:{:02}:{:02}", total / kSecondsPerHour, (total / 60) % 60, total % 60);
}

std::string number_text(double value, int decimals) {
    if (!std::isfinite(value)) return std::string(kNotRecorded);
    std::string s = fmt::format("{:.{}f}", value, std::max(0, decimals));
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

ReportModel build_report(const SessionRecord& record, const std::vector<SessionRow>& history,
                         const ReportContext& given) {
    // A protocol found by name that no longer matches the stored sets (edited or replaced since)
    // would misstate the prescription: the stored sets are used instead.
    ReportContext context = given;
    if (context.protocol && !protocol_fits(record, *context.protocol)) context.protocol.reset();
    ReportModel m;
    build_header(m, record);
    build_pressure(m, record, context);
    build_exercise(m, record, context);
    build_response(m, record);
    build_trend(m, record, history, context);
    build_suggestion(m, record, context);
    m.footer = fmt::format("Generated by BFR Coach {} · session {} of the history", printable(context.version, 20),
                           record.session.id);
    m.disclaimer = "This report summarises recorded data; it does not replace clinical judgement.";
    return m;
}

}  // namespace bfr::history::report
