// The exports: the FHIR R4 Bundle's structure (ids, fullUrls, references that resolve, LOINC codes,
// no empty values, dateTimes with a time zone), the CSV's RFC 4180 quoting and rows, the session
// JSON, the history table and array, and the ISO 8601 times.

#include "game/history/export.hpp"
#include "game/history/time_text.hpp"
#include "history_test_support.hpp"

#include "support/text.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <set>
#include <sstream>

using namespace bfr::history;
using namespace bfr::history::test;
using Json = nlohmann::json;

using bfr::test::lines_of;

namespace {

/// A finished session from the simulated cuff: 2 sets (3 + 2 reps), one rep outside them, two
/// alarms, two discomfort reports.
SessionRecord sample_record() {
    SessionRecord rec;
    SessionRow& row = rec.session;
    row.id = 42;
    row.start = full_start();
    row.start.source = "simulated cuff";
    row.start.cuff_manufacturer.clear();
    row.start.cuff_model.clear();
    row.start.protocol_title = "Knee, \"gentle\" start";
    SessionEnd end;
    end.ended_at = "2025-03-01T09:36:17Z";
    end.duration_s = 372.0;
    end.completed = true;
    end.occlusion_s = 248.0334;
    end.time_in_band_pct = 93.456;
    end.peak_pct_lop_mean = 64.7;
    end.valley_pct_lop_mean = 56.9;
    end.metabolite_peak = 0.5312;
    end.swelling_pct_peak = 18.64;
    end.lactate_mmol_l_peak = 8.853;
    end.ph_min = 6.855;
    end.fatigue_pct_peak = 46.4;
    end.discomfort_max = 6;
    end.reps_total = 6;
    row.end = end;
    row.reps = 6;
    row.sets = 2;
    row.alarms = 2;
    rec.sets = {SetRow{1, 10.0, 70.5, 3, 30, false, true}, SetRow{2, 100.0, 104.5, 2, std::nullopt, true, false}};
    RepRow warmup;
    warmup.index = 1;
    warmup.start_s = 2.0;
    warmup.commit_s = 3.25;
    rec.reps.push_back(warmup);
    for (RepRow r : reps_from(2, 3, 10.0)) {
        r.set_number = 1;
        rec.reps.push_back(r);
    }
    for (RepRow r : reps_from(5, 2, 100.0)) {
        r.set_number = 2;
        rec.reps.push_back(r);
    }
    rec.alarms = {AlarmRow{7, 32.78, "pressure_above_lop", "deflate", "Cuff at 199 mmHg: deflate now.", 199.05, 34.5,
                           36.9},
                  AlarmRow{8, 95.5, "discomfort", "stop", "Discomfort 8/10: stop.", 8.0, std::nullopt, std::nullopt}};
    rec.discomfort = {DiscomfortRow{75.12, 4}, DiscomfortRow{95.5, 8}};
    return rec;
}

/// Every string, array and object in `j` is non-empty and no value is null (FHIR JSON rules).
void check_no_empty(const Json& j, const std::string& where) {
    INFO(where);
    CHECK_FALSE(j.is_null());
    if (j.is_string()) CHECK_FALSE(j.get<std::string>().empty());
    if (j.is_array() || j.is_object()) CHECK_FALSE(j.empty());
    if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) check_no_empty(j[i], where + "[" + std::to_string(i) + "]");
    }
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) check_no_empty(value, where + "." + key);
    }
}

/// Every "reference" value anywhere in `j`.
void collect_references(const Json& j, std::vector<std::string>& out) {
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            if (key == "reference" && value.is_string()) out.push_back(value.get<std::string>());
            collect_references(value, out);
        }
    } else if (j.is_array()) {
        for (const auto& v : j) collect_references(v, out);
    }
}

bool has_coding(const Json& codeable, const std::string& system, const std::string& code) {
    for (const auto& c : codeable.at("coding")) {
        if (c.at("system") == system && c.at("code") == code) return true;
    }
    return false;
}

/// The component of `obs` with this code, or null.
Json component(const Json& obs, const std::string& system, const std::string& code) {
    for (const auto& c : obs.at("component")) {
        if (has_coding(c.at("code"), system, code)) return c;
    }
    return nullptr;
}

bool has_time_zone(const std::string& date_time) {
    if (date_time.size() < 20 || date_time[10] != 'T') return false;
    if (date_time.back() == 'Z') return true;
    const std::string tail = date_time.substr(date_time.size() - 6);
    return (tail[0] == '+' || tail[0] == '-') && tail[3] == ':';
}

bool is_uuid(const std::string& s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash != (s[i] == '-')) return false;
        if (!dash && std::string("0123456789abcdef").find(s[i]) == std::string::npos) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("the FHIR bundle is a valid R4 collection whose references all resolve", "[history][fhir]") {
    const SessionRecord rec = sample_record();
    const Json b = Json::parse(fhir_bundle(rec));
    CHECK(b.at("resourceType") == "Bundle");
    CHECK(b.at("type") == "collection");
    CHECK(is_uuid(b.at("id").get<std::string>()));
    check_no_empty(b, "Bundle");

    const Json& entries = b.at("entry");
    REQUIRE(entries.size() == 4);  // the device, the session, 2 alarms
    std::set<std::string> full_urls;
    for (const auto& e : entries) {
        const std::string url = e.at("fullUrl").get<std::string>();
        REQUIRE(url.rfind("urn:uuid:", 0) == 0);
        CHECK(is_uuid(url.substr(9)));
        CHECK(url == "urn:uuid:" + e.at("resource").at("id").get<std::string>());
        CHECK(full_urls.insert(url).second);  // unique
    }
    std::vector<std::string> refs;
    collect_references(b, refs);
    CHECK(refs.size() == 5);  // session: device + 2 members; each alarm: device
    for (const std::string& r : refs) {
        INFO(r);
        CHECK(full_urls.count(r) == 1);
    }

    const Json& device = entries[0].at("resource");
    CHECK(device.at("resourceType") == "Device");
    CHECK(device.at("type").at("text").get<std::string>().find("simulated") != std::string::npos);
    CHECK(device.at("deviceName")[0].at("name") == "simulated cuff");
    CHECK_FALSE(device.contains("manufacturer"));  // not known: left out, never ""

    const Json& obs = entries[1].at("resource");
    CHECK(obs.at("resourceType") == "Observation");
    CHECK(obs.at("status") == "final");
    CHECK(has_coding(obs.at("category")[0], "http://terminology.hl7.org/CodeSystem/observation-category", "activity"));
    CHECK(has_coding(obs.at("code"), "http://loinc.org", "73985-4"));
    CHECK(has_coding(obs.at("valueCodeableConcept"), "http://loinc.org", "LA11839-0"));
    CHECK(obs.at("device").at("reference") == entries[0].at("fullUrl"));
    CHECK(obs.at("effectivePeriod").at("start") == "2025-03-01T09:30:05Z");
    CHECK(obs.at("effectivePeriod").at("end") == "2025-03-01T09:36:17Z");
    CHECK(has_time_zone(obs.at("effectivePeriod").at("start")));
    CHECK(has_time_zone(obs.at("effectivePeriod").at("end")));
    CHECK(obs.at("bodySite").at("text") == "left leg");
    CHECK(obs.at("hasMember").size() == 2);
    CHECK(obs.at("hasMember")[0].at("reference") == entries[2].at("fullUrl"));

    const Json duration = component(obs, "http://loinc.org", "55411-3");
    REQUIRE_FALSE(duration.is_null());
    CHECK(duration.at("valueQuantity").at("value").get<double>() == Approx(6.2).margin(1e-9));  // 372 s
    CHECK(duration.at("valueQuantity").at("system") == "http://unitsofmeasure.org");
    CHECK(duration.at("valueQuantity").at("code") == "min");
    const std::string local = kFhirLocalSystem;
    const auto quantity_of = [&](const char* code) {
        const Json c = component(obs, local, code);
        INFO(code);
        REQUIRE_FALSE(c.is_null());
        REQUIRE(c.at("valueQuantity").at("value").is_number());  // decimals as JSON numbers
        return c.at("valueQuantity");
    };
    CHECK(quantity_of("lop").at("value") == 182.5);
    CHECK(quantity_of("lop").at("code") == "mm[Hg]");
    CHECK(quantity_of("target-pct-lop").at("value") == 60.0);
    CHECK(quantity_of("target-pct-lop").at("code") == "%");
    CHECK(quantity_of("occlusion-time").at("value") == 248.033);
    CHECK(quantity_of("occlusion-time").at("code") == "s");
    CHECK(quantity_of("time-in-band").at("value") == 93.46);
    CHECK(quantity_of("reps").at("value") == 6);
    CHECK(quantity_of("reps").at("code") == "{#}");
    CHECK(quantity_of("sets").at("value") == 2);
    CHECK(quantity_of("load-pct-1rm").at("value") == 30.0);
    CHECK(quantity_of("alarms").at("value") == 2);
    CHECK(quantity_of("model-ph-min").at("code") == "[pH]");
    const Json discomfort = component(obs, local, "discomfort-max");
    REQUIRE_FALSE(discomfort.is_null());
    CHECK(discomfort.at("valueInteger") == 6);

    const Json& alarm = entries[2].at("resource");
    CHECK(alarm.at("resourceType") == "Observation");
    CHECK(has_coding(alarm.at("code"), local, "safety-alarm"));
    CHECK(has_coding(alarm.at("valueCodeableConcept"), kFhirAlarmKindSystem, "pressure_above_lop"));
    CHECK(alarm.at("valueCodeableConcept").at("text") == "Cuff at 199 mmHg: deflate now.");
    CHECK(alarm.at("effectiveDateTime") == "2025-03-01T09:30:37Z");  // 09:30:05 + 32.78 s
    CHECK(has_time_zone(alarm.at("effectiveDateTime")));
    const Json value = component(alarm, local, "alarm-value");
    REQUIRE_FALSE(value.is_null());
    CHECK(value.at("valueQuantity").at("value") == 199.05);
    CHECK(value.at("valueQuantity").at("code") == "mm[Hg]");
    CHECK(has_coding(component(alarm, local, "alarm-action").at("valueCodeableConcept"), kFhirAlarmActionSystem,
                     "deflate"));
    CHECK(component(alarm, local, "alarm-acknowledged").at("valueQuantity").at("value") == 34.5);
    // The discomfort alarm's value is a level, not a quantity with a unit: left out.
    CHECK(component(entries[3].at("resource"), local, "alarm-value").is_null());

    // The same session always gives the same bundle; another session other ids.
    CHECK(fhir_bundle(rec) == fhir_bundle(rec));
    SessionRecord other = rec;
    other.session.id = 43;
    CHECK(Json::parse(fhir_bundle(other)).at("entry")[0].at("fullUrl") != entries[0].at("fullUrl"));
    other = rec;
    other.session.start.started_at = "2025-03-02T09:30:05Z";
    CHECK(Json::parse(fhir_bundle(other)).at("entry")[1].at("fullUrl") != entries[1].at("fullUrl"));
}

TEST_CASE("an unfinished session exports as a preliminary observation with what is known", "[history][fhir]") {
    SessionRecord rec = sample_record();
    rec.session.end.reset();
    rec.session.start.side.clear();
    rec.session.start.lop_mmHg.reset();
    rec.session.start.source = "serial /dev/ttyACM0";
    rec.session.start.cuff_manufacturer = "Acme Medical";
    rec.alarms.clear();
    rec.session.alarms = 0;
    const Json b = Json::parse(fhir_bundle(rec));
    check_no_empty(b, "Bundle");
    REQUIRE(b.at("entry").size() == 2);
    const Json& device = b.at("entry")[0].at("resource");
    CHECK(device.at("manufacturer") == "Acme Medical");
    CHECK(device.at("type").at("text").get<std::string>().find("simulated") == std::string::npos);
    const Json& obs = b.at("entry")[1].at("resource");
    CHECK(obs.at("status") == "preliminary");
    CHECK_FALSE(obs.at("effectivePeriod").contains("end"));
    CHECK_FALSE(obs.contains("hasMember"));  // no empty arrays
    CHECK(component(obs, "http://loinc.org", "55411-3").is_null());
    CHECK(component(obs, kFhirLocalSystem, "lop").is_null());
    CHECK(component(obs, kFhirLocalSystem, "reps").at("valueQuantity").at("value") == 6);
    CHECK(obs.at("note")[0].at("text").get<std::string>().find("never finished") != std::string::npos);
}

TEST_CASE("csv fields are quoted as RFC 4180 says", "[history][csv]") {
    CHECK(csv_field("30-15-15-15") == "30-15-15-15");
    CHECK(csv_field("") == "");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field(" padded") == "\" padded\"");
}

TEST_CASE("the CSV export has one row per rep under its header, a title with a comma and quotes quoted",
          "[history][csv]") {
    const SessionRecord rec = sample_record();
    const std::string csv = session_csv(rec);
    CHECK(csv.find("\r\n") != std::string::npos);
    const auto lines = lines_of(csv);
    REQUIRE(lines.size() == 7);  // header + 6 reps
    CHECK(lines[0] == std::string(kCsvHeader) + "\r");
    CHECK(lines[1] ==
          "42,2025-03-01T09:30:05Z,leg,30-15-15-15,,1,3.25,2,,,30,182.5,\"Knee, \"\"gentle\"\" start\",left,\r");
    CHECK(lines[3] ==
          "42,2025-03-01T09:30:05Z,leg,30-15-15-15,1,3,13.5,12,64.5,57,30,182.5,\"Knee, \"\"gentle\"\" start\",left,\r");
    CHECK(lines[6].rfind("42,2025-03-01T09:30:05Z,leg,30-15-15-15,2,6,103.5,102,64.5,57,", 0) == 0);
    // Every row splits into as many fields as the header once quoted fields are read as one.
    for (const std::string& line : lines) {
        int fields = 1;
        bool quoted = false;
        for (const char c : line) {
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) ++fields;
        }
        CHECK(fields == 15);
        CHECK_FALSE(quoted);
    }
}

TEST_CASE("the session JSON holds the whole record under its schema", "[history][json]") {
    const Json j = Json::parse(session_json(sample_record()));
    CHECK(j.at("schema") == "bfr-coach.session/1");
    CHECK(j.at("session").at("id") == 42);
    CHECK(j.at("session").at("started_at") == "2025-03-01T09:30:05Z");
    CHECK(j.at("session").at("limb") == "leg");
    CHECK(j.at("session").at("reps") == 6);
    CHECK(j.at("session").at("occlusion_s") == 248.033);
    CHECK(j.at("session").at("time_in_band_pct") == 93.46);
    CHECK(j.at("session").at("physiology_peak").at("metabolite") == 0.531);
    CHECK(j.at("session").at("cuff_model").is_null());
    CHECK(j.at("sets").size() == 2);
    CHECK(j.at("sets")[1].at("target_reps").is_null());
    CHECK(j.at("sets")[1].at("to_failure") == true);
    CHECK(j.at("reps").size() == 6);
    CHECK(j.at("reps")[0].at("set").is_null());
    CHECK(j.at("reps")[0].at("peak_pct_lop").is_null());
    CHECK(j.at("reps")[2].at("peak_pct_lop") == 64.5);
    CHECK(j.at("alarms").size() == 2);
    CHECK(j.at("alarms")[0].at("cleared_s") == 36.9);
    CHECK(j.at("alarms")[1].at("acknowledged_s").is_null());
    CHECK(j.at("discomfort").size() == 2);
    CHECK(j.at("discomfort")[1].at("level") == 8);
}

TEST_CASE("the history table and array list every session", "[history][list]") {
    SessionRecord a = sample_record();
    SessionRow unfinished = a.session;
    unfinished.id = 43;
    unfinished.end.reset();
    unfinished.start.protocol_name.clear();
    unfinished.start.side.clear();
    unfinished.start.limb = "arm";
    const std::vector<SessionRow> rows{a.session, unfinished};
    const auto table = lines_of(history_table(rows));
    REQUIRE(table.size() == 3);
    CHECK(table[0].find("id") != std::string::npos);
    CHECK(table[0].find("in band") != std::string::npos);
    CHECK(table[1] == "  42  2025-03-01 09:30  leg left   30-15-15-15          6     2       2   93.5 %  -");
    CHECK(table[2] == "  43  2025-03-01 09:30  arm        free                 6     2       2        -  unfinished");
    CHECK(history_table({}) == "No sessions stored yet.\n");

    const Json j = Json::parse(history_json(rows));
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 2);
    CHECK(j[0].at("id") == 42);
    CHECK(j[0].at("started_at") == "2025-03-01T09:30:05Z");
    CHECK(j[0].at("limb") == "leg");
    CHECK(j[0].at("reps") == 6);
    CHECK(j[0].at("finished") == true);
    CHECK(j[1].at("ended_at").is_null());
    CHECK(j[1].at("protocol").is_null());
    CHECK(history_json({}) == "[]\n");
}

TEST_CASE("times are ISO 8601 UTC both ways", "[history][time]") {
    CHECK(iso8601_utc(0) == "1970-01-01T00:00:00Z");
    CHECK(iso8601_utc(951782400) == "2000-02-29T00:00:00Z");
    CHECK(iso8601_utc(1740821405) == "2025-03-01T09:30:05Z");
    CHECK(iso8601_utc(-1) == "1969-12-31T23:59:59Z");
    CHECK(parse_iso8601_utc("2025-03-01T09:30:05Z") == 1740821405);
    CHECK(parse_iso8601_utc("2025-03-01T09:30:05.250Z") == 1740821405);
    CHECK(parse_iso8601_utc("2000-02-29T00:00:00Z") == 951782400);
    CHECK_FALSE(parse_iso8601_utc("2025-02-29T00:00:00Z"));  // not a leap year
    CHECK_FALSE(parse_iso8601_utc("2025-03-01T09:30:05+01:00"));
    CHECK_FALSE(parse_iso8601_utc("2025-03-01 09:30:05Z"));
    CHECK_FALSE(parse_iso8601_utc("2025-03-01T24:00:00Z"));
    CHECK_FALSE(parse_iso8601_utc("2025-03-01T09:30:05"));
    CHECK_FALSE(parse_iso8601_utc(""));
    const auto now = parse_iso8601_utc(now_iso8601_utc());
    REQUIRE(now);
    CHECK(*now > 1740821405);
}

TEST_CASE("derived uuids are deterministic, distinct and UUID-shaped", "[history][fhir]") {
    const std::string a = derived_uuid(1, "2025-03-01T09:30:05Z", "device");
    CHECK(is_uuid(a));
    CHECK(a[14] == '8');                                          // version 8
    CHECK(std::string("89ab").find(a[19]) != std::string::npos);  // variant 10
    CHECK(derived_uuid(1, "2025-03-01T09:30:05Z", "device") == a);
    CHECK(derived_uuid(1, "2025-03-02T10:00:00Z", "device") != a);  // session 1 of another history
    std::set<std::string> seen;
    for (std::int64_t s = 1; s <= 50; ++s) {
        for (const char* what : {"device", "session-observation", "bundle"}) {
            for (std::int64_t i = 0; i < 5; ++i) {
                CHECK(seen.insert(derived_uuid(s, "2025-03-01T09:30:05Z", what, i)).second);
            }
        }
    }
}
