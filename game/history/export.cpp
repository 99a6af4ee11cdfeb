#include "game/history/export.hpp"

#include "game/history/time_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>

namespace bfr::history {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kLoinc = "http://loinc.org";
constexpr const char* kUcum = "http://unitsofmeasure.org";
constexpr const char* kObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";

// Decimals per kind of figure (like the replay summary).
constexpr int kTimeDecimals = 3;
constexpr int kPctDecimals = 2;
constexpr int kConcDecimals = 3;

std::optional<double> rounded(std::optional<double> v, int decimals) {
    if (!v || !std::isfinite(*v)) return std::nullopt;
    const double scale = std::pow(10.0, decimals);
    const double r = std::round(*v * scale) / scale;
    return r == 0.0 ? 0.0 : r;  // no "-0"
}

Json number_or_null(std::optional<double> v, int decimals) {
    const auto r = rounded(v, decimals);
    return r ? Json(*r) : Json(nullptr);
}

Json int_or_null(const std::optional<std::int64_t>& v) {
    return v ? Json(*v) : Json(nullptr);
}

Json text_or_null(const std::string& s) {
    return s.empty() ? Json(nullptr) : Json(s);
}

/// The session's figures as one JSON object (history --json and the export's `session`).
Json session_object(const SessionRow& row) {
    const SessionStart& s = row.start;
    const std::optional<SessionEnd>& e = row.end;
    Json j;
    j["id"] = row.id;
    j["started_at"] = s.started_at;
    j["ended_at"] = e ? Json(e->ended_at) : Json(nullptr);
    j["finished"] = row.finished();
    j["completed"] = row.completed();
    j["stop_reason"] = e ? text_or_null(e->stop_reason) : Json(nullptr);
    j["limb"] = s.limb;
    j["side"] = text_or_null(s.side);
    j["protocol"] = text_or_null(s.protocol_name);
    j["protocol_title"] = text_or_null(s.protocol_title);
    j["reps"] = row.reps;
    j["sets"] = row.sets;
    j["alarms"] = row.alarms;
    j["duration_s"] = e ? number_or_null(e->duration_s, kTimeDecimals) : Json(nullptr);
    j["load_pct1rm"] = number_or_null(s.load_pct1rm, kPctDecimals);
    j["lop_mmHg"] = number_or_null(s.lop_mmHg, kPctDecimals);
    j["lop_source"] = text_or_null(s.lop_source);
    j["target_pct_lop"] = number_or_null(s.target_pct_lop, kPctDecimals);
    j["occlusion_s"] = e ? number_or_null(e->occlusion_s, kTimeDecimals) : Json(nullptr);
    j["time_in_band_pct"] = e ? number_or_null(e->time_in_band_pct, kPctDecimals) : Json(nullptr);
    j["peak_pct_lop_mean"] = e ? number_or_null(e->peak_pct_lop_mean, kPctDecimals) : Json(nullptr);
    j["valley_pct_lop_mean"] = e ? number_or_null(e->valley_pct_lop_mean, kPctDecimals) : Json(nullptr);
    Json peak;
    peak["metabolite"] = e ? number_or_null(e->metabolite_peak, kConcDecimals) : Json(nullptr);
    peak["swelling_pct"] = e ? number_or_null(e->swelling_pct_peak, kPctDecimals) : Json(nullptr);
    peak["lactate_mmol_l"] = e ? number_or_null(e->lactate_mmol_l_peak, kConcDecimals) : Json(nullptr);
    peak["ph_min"] = e ? number_or_null(e->ph_min, kConcDecimals) : Json(nullptr);
    peak["fatigue_pct"] = e ? number_or_null(e->fatigue_pct_peak, kPctDecimals) : Json(nullptr);
    j["physiology_peak"] = peak;
    j["discomfort_max"] = e ? int_or_null(e->discomfort_max) : Json(nullptr);
    j["points"] = int_or_null(row.points);
    j["source"] = s.source;
    j["cuff_manufacturer"] = text_or_null(s.cuff_manufacturer);
    j["cuff_model"] = text_or_null(s.cuff_model);
    j["recording_path"] = text_or_null(s.recording_path);
    j["imported"] = s.imported;
    return j;
}

std::string protocol_label(const SessionStart& s) {
    return s.protocol_name.empty() ? std::string("free") : s.protocol_name;
}

/// A number for a CSV cell: rounded, shortest form; empty when there is none.
std::string csv_number(std::optional<double> v, int decimals) {
    const auto r = rounded(v, decimals);
    return r ? fmt::format("{}", *r) : std::string();
}

// --- FHIR -------------------------------------------------------------------------------------

Json coding(const char* system, const std::string& code, const std::string& display) {
    Json c;
    c["system"] = system;
    c["code"] = code;
    if (!display.empty()) c["display"] = display;
    return c;
}

Json concept_of(Json c, const std::string& text = {}) {
    Json cc;
    cc["coding"] = Json::array({std::move(c)});
    if (!text.empty()) cc["text"] = text;
    return cc;
}

/// A UCUM quantity.
Json quantity(double value, const std::string& unit, const std::string& ucum) {
    Json q;
    q["value"] = value;
    q["unit"] = unit;
    q["system"] = kUcum;
    q["code"] = ucum;
    return q;
}

/// Appends a quantity component when `value` exists.
void add_quantity(Json& components, const char* system, const char* code, const char* display,
                  std::optional<double> value, int decimals, const char* unit, const char* ucum) {
    const auto r = rounded(value, decimals);
    if (!r) return;
    Json c;
    c["code"] = concept_of(coding(system, code, display), display);
    c["valueQuantity"] = quantity(*r, unit, ucum);
    components.push_back(std::move(c));
}

/// The unit of an alarm's value by its kind: mm[Hg] for pressures, s for times, none otherwise.
std::optional<std::pair<const char*, const char*>> alarm_value_unit(const std::string& kind) {
    if (kind.rfind("pressure_", 0) == 0) return std::make_pair("mmHg", "mm[Hg]");
    if (kind == "occlusion_time" || kind == "sensor_lost") return std::make_pair("s", "s");
    return std::nullopt;
}

bool is_simulated(const std::string& source) {
    return source.rfind("simulated", 0) == 0 || source == "sim";
}

Json device_resource(const SessionRecord& rec, const std::string& id) {
    const SessionStart& s = rec.session.start;
    Json d;
    d["resourceType"] = "Device";
    d["id"] = id;
    const bool simulated = is_simulated(s.source);
    if (!s.cuff_manufacturer.empty()) d["manufacturer"] = s.cuff_manufacturer;
    if (!s.cuff_model.empty()) d["modelNumber"] = s.cuff_model;
    Json name;
    name["name"] = s.source.empty() ? std::string("BFR cuff") : s.source;
    name["type"] = "user-friendly-name";
    d["deviceName"] = Json::array({name});
    d["type"] = Json{{"text", simulated ? "Pneumatic blood flow restriction cuff (simulated)"
                                        : "Pneumatic blood flow restriction cuff"}};
    if (simulated) {
        d["note"] = Json::array({Json{{"text", "simulated: BFR Coach's built-in cuff and virtual patient, no physical "
                                               "device"}}});
    }
    return d;
}

}  // namespace

std::string csv_field(std::string_view text) {
    const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                       (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!quote) return std::string(text);
    std::string out;
    out.reserve(text.size() + 2);
    out.push_back('"');
    for (const char c : text) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string derived_uuid(std::int64_t session_id, std::string_view started_at, std::string_view what,
                         std::int64_t index) {
    // Two FNV-1a 64-bit hashes (different offsets) of "bfr-coach|<session>|<start>|<what>|<index>".
    const std::string key = fmt::format("bfr-coach|{}|{}|{}|{}", session_id, started_at, what, index);
    const auto fnv = [&key](std::uint64_t h) {
        for (const char c : key) {
            h ^= static_cast<std::uint8_t>(c);
            h *= 0x100000001b3ULL;
        }
        return h;
    };
    std::uint64_t hi = fnv(0xcbf29ce484222325ULL);
    std::uint64_t lo = fnv(0x84222325cbf29ce4ULL ^ hi);
    hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000008000ULL;  // version 8 (custom)
    lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 10
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffffU, hi & 0xffffU, lo >> 48,
                       lo & 0xffffffffffffULL);
}

std::string history_table(const std::vector<SessionRow>& sessions) {
    if (sessions.empty()) return "No sessions stored yet.\n";
    std::string out = fmt::format("{:>4}  {:<16}  {:<9}  {:<16}  {:>4}  {:>4}  {:>6}  {:>7}  {}\n", "id",
                                  "started (UTC)", "limb", "protocol", "reps", "sets", "alarms", "in band", "notes");
    for (const SessionRow& row : sessions) {
        const SessionStart& s = row.start;
        std::string date = s.started_at;
        if (parse_iso8601_utc(date)) date = date.substr(0, 10) + " " + date.substr(11, 5);
        const std::string limb = s.side.empty() ? s.limb : s.limb + " " + s.side;
        std::string in_band = "-";
        if (row.end) {
            if (const auto r = rounded(row.end->time_in_band_pct, 1)) in_band = fmt::format("{:.1f} %", *r);
        }
        std::string notes;
        const auto note = [&notes](const std::string& n) { notes += (notes.empty() ? "" : ", ") + n; };
        if (!row.finished()) {
            note("unfinished");
        } else if (!row.end->stop_reason.empty()) {
            note(row.end->stop_reason);
        } else if (!row.completed() && !s.protocol_name.empty()) {
            note("ended early");
        }
        if (s.imported) note("imported");
        out += fmt::format("{:>4}  {:<16}  {:<9}  {:<16}  {:>4}  {:>4}  {:>6}  {:>7}  {}", row.id, date, limb,
                           protocol_label(s), row.reps, row.sets, row.alarms, in_band, notes.empty() ? "-" : notes);
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += '\n';
    }
    return out;
}

std::string history_json(const std::vector<SessionRow>& sessions) {
    Json array = Json::array();
    for (const SessionRow& row : sessions) array.push_back(session_object(row));
    return array.dump(2) + "\n";
}

std::string session_json(const SessionRecord& rec) {
    Json j;
    j["schema"] = kSessionJsonSchema;
    j["session"] = session_object(rec.session);
    Json sets = Json::array();
    for (const SetRow& s : rec.sets) {
        Json o;
        o["number"] = s.number;
        o["start_s"] = number_or_null(s.start_s, kTimeDecimals);
        o["end_s"] = number_or_null(s.end_s, kTimeDecimals);
        o["reps"] = s.reps;
        o["target_reps"] = int_or_null(s.target_reps);
        o["to_failure"] = s.to_failure;
        o["ended_early"] = s.ended_early;
        sets.push_back(std::move(o));
    }
    j["sets"] = std::move(sets);
    Json reps = Json::array();
    for (const RepRow& r : rec.reps) {
        Json o;
        o["index"] = r.index;
        o["set"] = int_or_null(r.set_number);
        o["commit_s"] = number_or_null(r.commit_s, kTimeDecimals);
        o["start_s"] = number_or_null(r.start_s, kTimeDecimals);
        o["peak_pct_lop"] = number_or_null(r.peak_pct_lop, kPctDecimals);
        o["valley_pct_lop"] = number_or_null(r.valley_pct_lop, kPctDecimals);
        o["quality"] = number_or_null(r.quality, kConcDecimals);
        reps.push_back(std::move(o));
    }
    j["reps"] = std::move(reps);
    Json alarms = Json::array();
    for (const AlarmRow& a : rec.alarms) {
        Json o;
        o["t_s"] = number_or_null(a.t_s, kTimeDecimals);
        o["kind"] = a.kind;
        o["action"] = a.action;
        o["message"] = a.message;
        o["value"] = number_or_null(a.value, kPctDecimals);
        o["acknowledged_s"] = number_or_null(a.acknowledged_s, kTimeDecimals);
        o["cleared_s"] = number_or_null(a.cleared_s, kTimeDecimals);
        alarms.push_back(std::move(o));
    }
    j["alarms"] = std::move(alarms);
    Json discomfort = Json::array();
    for (const DiscomfortRow& d : rec.discomfort) {
        discomfort.push_back(Json{{"t_s", number_or_null(d.t_s, kTimeDecimals)}, {"level", d.level}});
    }
    j["discomfort"] = std::move(discomfort);
    return j.dump(2) + "\n";
}

std::string session_csv(const SessionRecord& rec) {
    const SessionStart& s = rec.session.start;
    std::string out = std::string(kCsvHeader) + "\r\n";
    const std::string fixed_head = fmt::format("{},{},{},{}", rec.session.id, csv_field(s.started_at),
                                               csv_field(s.limb), csv_field(s.protocol_name));
    const std::string load = csv_number(s.load_pct1rm, kPctDecimals);
    const std::string lop = csv_number(s.lop_mmHg, kPctDecimals);
    for (const RepRow& r : rec.reps) {
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\r\n", fixed_head,
                           r.set_number ? fmt::format("{}", *r.set_number) : std::string(), r.index,
                           csv_number(r.commit_s, kTimeDecimals), csv_number(r.start_s, kTimeDecimals),
                           csv_number(r.peak_pct_lop, kPctDecimals), csv_number(r.valley_pct_lop, kPctDecimals), load,
                           lop, csv_field(s.protocol_title), csv_field(s.side), csv_number(r.quality, kConcDecimals));
    }
    return out;
}

std::string fhir_bundle(const SessionRecord& rec) {
    const SessionRow& row = rec.session;
    const SessionStart& s = row.start;
    const std::int64_t sid = row.id;
    const std::string device_id = derived_uuid(sid, s.started_at, "device");
    const std::string session_obs_id = derived_uuid(sid, s.started_at, "session-observation");
    const auto urn = [](const std::string& id) { return "urn:uuid:" + id; };
    const Json device_ref = Json{{"reference", urn(device_id)}};
    const Json activity = concept_of(coding(kObservationCategory, "activity", "Activity"));
    const std::optional<std::int64_t> start_unix = parse_iso8601_utc(s.started_at);

    Json entries = Json::array();
    entries.push_back(Json{{"fullUrl", urn(device_id)}, {"resource", device_resource(rec, device_id)}});

    // One Observation per alarm, members of the session's.
    Json members = Json::array();
    Json alarm_entries = Json::array();
    for (std::size_t i = 0; i < rec.alarms.size(); ++i) {
        const AlarmRow& a = rec.alarms[i];
        const std::string id = derived_uuid(sid, s.started_at, "alarm-observation", static_cast<std::int64_t>(i));
        Json o;
        o["resourceType"] = "Observation";
        o["id"] = id;
        o["identifier"] =
            Json::array({Json{{"system", kFhirSessionIdSystem}, {"value", fmt::format("{}/alarm/{}", sid, i + 1)}}});
        o["status"] = "final";
        o["category"] = Json::array({activity});
        o["code"] = concept_of(coding(kFhirLocalSystem, "safety-alarm", "BFR safety alarm"), "BFR safety alarm");
        if (start_unix && std::isfinite(a.t_s)) {
            o["effectiveDateTime"] = iso8601_utc(*start_unix + static_cast<std::int64_t>(std::floor(a.t_s)));
        }
        o["device"] = device_ref;
        o["valueCodeableConcept"] = concept_of(coding(kFhirAlarmKindSystem, a.kind.empty() ? "unknown" : a.kind, ""),
                                               a.message);
        Json components = Json::array();
        if (!a.action.empty()) {
            Json c;
            c["code"] = concept_of(coding(kFhirLocalSystem, "alarm-action", "Action the patient was told to take"));
            c["valueCodeableConcept"] = concept_of(coding(kFhirAlarmActionSystem, a.action, ""));
            components.push_back(std::move(c));
        }
        add_quantity(components, kFhirLocalSystem, "alarm-time", "Session time the alarm was raised", a.t_s,
                     kTimeDecimals, "s", "s");
        if (const auto unit = alarm_value_unit(a.kind)) {
            add_quantity(components, kFhirLocalSystem, "alarm-value", "The figure that raised the alarm", a.value,
                         kPctDecimals, unit->first, unit->second);
        }
        add_quantity(components, kFhirLocalSystem, "alarm-acknowledged", "Session time the alarm was acknowledged",
                     a.acknowledged_s, kTimeDecimals, "s", "s");
        add_quantity(components, kFhirLocalSystem, "alarm-cleared", "Session time the alarm's condition ended",
                     a.cleared_s, kTimeDecimals, "s", "s");
        if (!components.empty()) o["component"] = std::move(components);
        members.push_back(Json{{"reference", urn(id)}});
        alarm_entries.push_back(Json{{"fullUrl", urn(id)}, {"resource", std::move(o)}});
    }

    // The exercise session.
    Json obs;
    obs["resourceType"] = "Observation";
    obs["id"] = session_obs_id;
    obs["identifier"] = Json::array({Json{{"system", kFhirSessionIdSystem}, {"value", fmt::format("{}", sid)}}});
    obs["status"] = row.finished() ? "final" : "preliminary";
    obs["category"] = Json::array({activity});
    obs["code"] = concept_of(coding(kLoinc, "73985-4", "Exercise activity"), "Blood flow restriction exercise session");
    Json period;
    period["start"] = s.started_at;
    if (row.end && parse_iso8601_utc(row.end->ended_at)) period["end"] = row.end->ended_at;
    obs["effectivePeriod"] = std::move(period);
    obs["device"] = device_ref;
    obs["bodySite"] = Json{{"text", s.side.empty() ? s.limb : s.side + " " + s.limb}};
    obs["valueCodeableConcept"] = concept_of(coding(kLoinc, "LA11839-0", "Weights"), "Weights");
    {
        std::string note = s.protocol_name.empty()
                               ? std::string("Free practice (no protocol)")
                               : fmt::format("Protocol {}{}", s.protocol_name,
                                             s.protocol_title.empty() ? std::string()
                                                                      : fmt::format(" ({})", s.protocol_title));
        if (!row.finished()) note += "; the session was never finished (the app stopped during it)";
        else if (!row.end->stop_reason.empty()) note += "; ended: " + row.end->stop_reason;
        if (s.imported) note += "; imported from a recording";
        obs["note"] = Json::array({Json{{"text", note}}});
    }
    if (!members.empty()) obs["hasMember"] = members;
    Json components = Json::array();
    const std::optional<SessionEnd>& e = row.end;
    if (e && e->duration_s) {
        add_quantity(components, kLoinc, "55411-3", "Exercise duration", *e->duration_s / 60.0, kPctDecimals, "min",
                     "min");
    }
    add_quantity(components, kFhirLocalSystem, "lop", "Limb occlusion pressure", s.lop_mmHg, kPctDecimals, "mmHg",
                 "mm[Hg]");
    add_quantity(components, kFhirLocalSystem, "target-pct-lop", "Target cuff pressure, % of limb occlusion pressure",
                 s.target_pct_lop, kPctDecimals, "%", "%");
    add_quantity(components, kFhirLocalSystem, "load-pct-1rm", "Load, % of one-repetition maximum", s.load_pct1rm,
                 kPctDecimals, "%", "%");
    add_quantity(components, kFhirLocalSystem, "reps", "Repetitions counted", static_cast<double>(row.reps), 0,
                 "repetitions", "{#}");
    add_quantity(components, kFhirLocalSystem, "sets", "Sets", static_cast<double>(row.sets), 0, "sets", "{#}");
    if (e) {
        add_quantity(components, kFhirLocalSystem, "occlusion-time", "Time under occlusion (cuff at or above 20 mmHg)",
                     e->occlusion_s, kTimeDecimals, "s", "s");
        add_quantity(components, kFhirLocalSystem, "time-in-band", "Time within the prescribed pressure band (±10 %)",
                     e->time_in_band_pct, kPctDecimals, "%", "%");
        add_quantity(components, kFhirLocalSystem, "cuff-peak-pct-lop-mean",
                     "Mean per-rep peak cuff pressure, % of limb occlusion pressure", e->peak_pct_lop_mean,
                     kPctDecimals, "%", "%");
        add_quantity(components, kFhirLocalSystem, "cuff-valley-pct-lop-mean",
                     "Mean per-rep valley cuff pressure, % of limb occlusion pressure", e->valley_pct_lop_mean,
                     kPctDecimals, "%", "%");
        if (e->discomfort_max) {
            Json c;
            c["code"] = concept_of(coding(kFhirLocalSystem, "discomfort-max", "Highest discomfort reported (0-10)"),
                                   "Highest discomfort reported (0-10)");
            c["valueInteger"] = *e->discomfort_max;
            components.push_back(std::move(c));
        }
        add_quantity(components, kFhirLocalSystem, "model-metabolite-peak", "Model: peak metabolite load (0-1)",
                     e->metabolite_peak, kConcDecimals, "1", "1");
        add_quantity(components, kFhirLocalSystem, "model-swelling-peak", "Model: peak muscle swelling",
                     e->swelling_pct_peak, kPctDecimals, "%", "%");
        add_quantity(components, kFhirLocalSystem, "model-lactate-peak", "Model: peak intramuscular lactate",
                     e->lactate_mmol_l_peak, kConcDecimals, "mmol/L", "mmol/L");
        add_quantity(components, kFhirLocalSystem, "model-ph-min", "Model: lowest intramuscular pH", e->ph_min,
                     kConcDecimals, "pH", "[pH]");
        add_quantity(components, kFhirLocalSystem, "model-fatigue-peak", "Model: peak loss of force capacity",
                     e->fatigue_pct_peak, kPctDecimals, "%", "%");
    }
    add_quantity(components, kFhirLocalSystem, "alarms", "Safety alarms raised", static_cast<double>(row.alarms), 0,
                 "alarms", "{#}");
    obs["component"] = std::move(components);
    entries.push_back(Json{{"fullUrl", urn(session_obs_id)}, {"resource", std::move(obs)}});
    for (Json& a : alarm_entries) entries.push_back(std::move(a));

    Json bundle;
    bundle["resourceType"] = "Bundle";
    bundle["id"] = derived_uuid(sid, s.started_at, "bundle");
    bundle["type"] = "collection";
    bundle["entry"] = std::move(entries);
    return bundle.dump(2) + "\n";
}

}  // namespace bfr::history
