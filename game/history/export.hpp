#pragma once
// What `bfr-coach history` and `bfr-coach export` write (docs/history.md): the readable table and
// the JSON array of the stored sessions, and one session as JSON, as a tidy CSV (one row per rep)
// or as a FHIR R4 Bundle. Pure functions of the stored rows: no I/O.
//
// Numbers are rounded for reading like the replay summary: times to 3 decimals, percentages and
// pressures to 2, concentrations and pH to 3. A value that was not stored is null in JSON, an
// empty cell in CSV and left out of FHIR (which allows no empty values).

#include "game/history/history_db.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bfr::history {

/// `schema` of the session JSON export.
inline constexpr const char* kSessionJsonSchema = "bfr-coach.session/1";
/// The local FHIR code system of the measurements that have no LOINC code (LOP, %LOP, reps...).
inline constexpr const char* kFhirLocalSystem = "https://bfr-coach.example/fhir/CodeSystem/bfr";
/// The local FHIR code system of alarm kinds (interfaces.md §5 `alarms[].kind`).
inline constexpr const char* kFhirAlarmKindSystem = "https://bfr-coach.example/fhir/CodeSystem/bfr-alarm-kind";
/// The local FHIR code system of alarm actions (interfaces.md §5 `alarms[].action`).
inline constexpr const char* kFhirAlarmActionSystem = "https://bfr-coach.example/fhir/CodeSystem/bfr-alarm-action";
/// The identifier system of session ids in FHIR.
inline constexpr const char* kFhirSessionIdSystem = "https://bfr-coach.example/fhir/session-id";

/// The column names of the CSV export, in order.
inline constexpr const char* kCsvHeader =
    "session_id,started_at,limb,protocol,set,rep,commit_s,start_s,peak_pct_lop,valley_pct_lop,load_pct1rm,"
    "lop_mmHg,protocol_title,side,quality";

/// `bfr-coach history`: a table (id, date, limb, protocol, reps, sets, alarms, time in band,
/// notes), one line per session, oldest first, ending in a newline; a sentence when there is none.
[[nodiscard]] std::string history_table(const std::vector<SessionRow>& sessions);

/// `bfr-coach history --json`: a JSON array of session objects (`id`, `started_at`, `limb`,
/// `reps`, `sets`, `alarms` and every other stored figure), pretty-printed, ending in a newline.
[[nodiscard]] std::string history_json(const std::vector<SessionRow>& sessions);

/// `export --format json`: one object, `"schema": "bfr-coach.session/1"`, with `session`,
/// `sets`, `reps`, `alarms` and `discomfort`; pretty-printed, ending in a newline.
[[nodiscard]] std::string session_json(const SessionRecord& record);

/// `export --format csv`: the header (kCsvHeader) then one row per rep, RFC 4180 (CRLF line
/// ends, fields with a comma, quote or line break quoted, quotes doubled).
[[nodiscard]] std::string session_csv(const SessionRecord& record);

/// `export --format fhir`: a FHIR R4 Bundle of type "collection" holding the cuff (Device), the
/// exercise session (Observation, LOINC 73985-4 "Exercise activity" = LA11839-0 "Weights", with
/// LOINC 55411-3 "Exercise duration" and local components) and one Observation per alarm
/// (members of the session's). Every resource has an id; entries have `urn:uuid:` fullUrls
/// derived from the session id and start (the same session always gives the same bundle).
[[nodiscard]] std::string fhir_bundle(const SessionRecord& record);

/// One CSV field per RFC 4180: as it is, or quoted (with quotes doubled) when it holds a comma,
/// a quote, a line break or leading/trailing space.
[[nodiscard]] std::string csv_field(std::string_view text);

/// A UUID-shaped id (8-4-4-4-12 lower-case hex, version 8 "custom", RFC 9562) derived from the
/// session id, its start time (so that session 1 of two people's histories differ), what it
/// names and an index: deterministic, distinct for distinct inputs in practice.
[[nodiscard]] std::string derived_uuid(std::int64_t session_id, std::string_view started_at, std::string_view what,
                                       std::int64_t index = 0);

}  // namespace bfr::history
