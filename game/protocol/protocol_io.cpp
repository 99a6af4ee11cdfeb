#include "game/protocol/protocol_io.hpp"

#include "engine/core/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <exception>
#include <fstream>
#include <initializer_list>
#include <system_error>
#include <utility>

namespace bfr::protocol {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;
using bfr::core::ascii_lower;
using bfr::core::iequals_ascii;

constexpr std::string_view kBuiltinName = "30-15-15-15";
constexpr std::string_view kBuiltinAlias = "standard";
constexpr std::size_t kMaxErrors = 20;
constexpr std::size_t kMaxNameBytes = 64;
constexpr std::size_t kMaxTitleBytes = 120;
constexpr std::size_t kMaxDescriptionBytes = 4000;
constexpr std::size_t kMaxFilesInDir = 1000;

// ---- text helpers -----------------------------------------------------------------------------

std::string format_number(double v) {
    std::array<char, 64> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return r.ec == std::errc{} ? std::string(buf.data(), r.ptr) : std::string("?");
}

/// The longest prefix of `s` of at most `max` bytes that does not cut a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0U) == 0x80U) --n;
    return s.substr(0, n);
}

/// `s` as a JSON string literal, cut after 60 bytes ("..." marks the cut).
std::string quote(std::string_view s) {
    constexpr std::size_t kMax = 60;
    const std::string_view shown = utf8_prefix(s, kMax);
    std::string out = Json(std::string(shown)).dump(-1, ' ', false, Json::error_handler_t::replace);
    if (shown.size() < s.size()) out.insert(out.size() - 1, "...");
    return out;
}

/// What a JSON value is, for "found ..." in messages (containers are not printed).
std::string describe(const Json& j) {
    switch (j.type()) {
        case Json::value_t::string: return quote(j.get_ref<const std::string&>());
        case Json::value_t::boolean: return j.get<bool>() ? "true" : "false";
        case Json::value_t::null: return "null";
        case Json::value_t::number_integer: return std::to_string(j.get<std::int64_t>());
        case Json::value_t::number_unsigned: return std::to_string(j.get<std::uint64_t>());
        case Json::value_t::number_float: return format_number(j.get<double>());
        case Json::value_t::array:
            return j.empty() ? std::string("an empty list") : "a list of " + std::to_string(j.size()) + " items";
        case Json::value_t::object: return j.empty() ? std::string("an empty object") : std::string("an object");
        case Json::value_t::binary:
        case Json::value_t::discarded: break;
    }
    return "an unsupported value";
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals_ascii(s.substr(s.size() - suffix.size()), suffix);
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

/// No control characters (newlines and tabs allowed when `multiline`).
bool clean_text(std::string_view s, bool multiline) {
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0x7FU) return false;
        if (u < 0x20U && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) return false;
    }
    return true;
}

bool valid_name(std::string_view s) {
    if (s.empty() || s.size() > kMaxNameBytes || !clean_text(s, false)) return false;
    if (s.front() == ' ' || s.back() == ' ') return false;
    return s.find('/') == std::string_view::npos && s.find('\\') == std::string_view::npos && s != "." && s != "..";
}

/// Edit distance between two short ASCII strings, ignoring case.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            const std::size_t cost = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string join_path(std::string_view prefix, std::string_view key) {
    if (prefix.empty()) return std::string(key);
    std::string out(prefix);
    out += '.';
    out += key;
    return out;
}

/// Line and column (1-based) of byte `at` in `text`.
std::string position_of(std::string_view text, std::size_t at) {
    std::size_t line = 1;
    std::size_t col = 1;
    for (std::size_t i = 0; i < at && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

// ---- the validating reader --------------------------------------------------------------------

/// A closed or open interval of allowed values.
struct Range {
    double lo = 0.0;
    double hi = 0.0;
    bool lo_open = false;  ///< lo itself is not allowed.
    bool hi_open = false;  ///< hi itself is not allowed.

    [[nodiscard]] bool contains(double v) const noexcept {
        if (!std::isfinite(v)) return false;
        return (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi);
    }
};

class Reader {
public:
    explicit Reader(const std::string& origin) : origin_(origin) {}

    /// `origin: field "path": expected ..., found ...`
    void fail(std::string_view path, std::string_view expected, const Json& found) {
        add_error("field \"" + std::string(path) + "\": expected " + std::string(expected) + ", found " +
                  describe(found));
    }
    /// `origin: field "path": missing (expected ...)`
    void fail_missing(std::string_view path, std::string_view expected) {
        add_error("field \"" + std::string(path) + "\": missing (expected " + std::string(expected) + ")");
    }
    void add_error(const std::string& message) {
        if (errors_.size() < kMaxErrors) {
            errors_.push_back(origin_ + ": " + message);
        } else if (errors_.size() == kMaxErrors) {
            errors_.push_back(origin_ + ": ... (further problems not listed)");
        }
    }
    void warn(const std::string& message) {
        if (warnings_.size() < kMaxErrors) warnings_.push_back(origin_ + ": " + message);
    }

    /// Warns about every key of `obj` not in `known` (keys beginning with "//" are comments).
    void check_keys(const Json& obj, std::string_view prefix, std::initializer_list<std::string_view> known) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const std::string& key = it.key();
            if (key.rfind("//", 0) == 0) continue;
            if (std::find(known.begin(), known.end(), std::string_view(key)) != known.end()) continue;
            std::string message = "unknown field " + quote(join_path(prefix, key)) + " ignored";
            std::string_view best;
            std::size_t best_d = 3;
            if (key.size() <= kMaxNameBytes) {
                for (const std::string_view k : known) {
                    const std::size_t d = edit_distance(key, k);
                    const bool prefix_of =
                        k.size() > key.size() + 1 && key.size() >= 3 && iequals_ascii(k.substr(0, key.size()), key);
                    if (d < best_d || (prefix_of && best.empty())) {
                        best = k;
                        best_d = std::min(d, best_d);
                    }
                }
            }
            if (!best.empty()) message += " (did you mean \"" + join_path(prefix, best) + "\"?)";
            warn(message);
        }
    }

    /// A number in `range` at obj[key]; false (and `out` unchanged) when missing or wrong.
    bool number(const Json& obj, std::string_view key, std::string_view prefix, const Range& range,
                std::string_view expected, double& out) {
        const auto it = obj.find(key);
        if (it == obj.end()) return false;
        return number_value(*it, join_path(prefix, key), range, expected, out);
    }

    bool number_value(const Json& v, std::string_view path, const Range& range, std::string_view expected,
                      double& out) {
        if (!v.is_number()) {
            fail(path, expected, v);
            return false;
        }
        const double x = v.get<double>();
        if (!range.contains(x)) {
            fail(path, expected, v);
            return false;
        }
        out = x;
        return true;
    }

    /// A whole number in [lo, hi] at obj[key] (15.0 counts as whole).
    bool whole(const Json& obj, std::string_view key, std::string_view prefix, std::uint32_t lo, std::uint32_t hi,
               std::string_view expected, std::uint32_t& out) {
        const auto it = obj.find(key);
        if (it == obj.end()) return false;
        return whole_value(*it, join_path(prefix, key), lo, hi, expected, out);
    }

    bool whole_value(const Json& v, std::string_view path, std::uint32_t lo, std::uint32_t hi,
                     std::string_view expected, std::uint32_t& out) {
        if (!v.is_number()) {
            fail(path, expected, v);
            return false;
        }
        const double x = v.get<double>();
        if (!std::isfinite(x) || x != std::floor(x) || x < lo || x > hi) {
            fail(path, expected, v);
            return false;
        }
        out = static_cast<std::uint32_t>(x);
        return true;
    }

    /// A string at obj[key] passing `ok`; false when missing or wrong.
    template <typename Ok>
    bool text(const Json& obj, std::string_view key, std::string_view expected, Ok ok, std::string& out) {
        const auto it = obj.find(key);
        if (it == obj.end()) return false;
        if (!it->is_string() || !ok(it->get_ref<const std::string&>())) {
            fail(key, expected, *it);
            return false;
        }
        out = it->get<std::string>();
        return true;
    }

    /// obj[key] when it is an object; null when missing; a failure when it is something else.
    const Json* section(const Json& obj, std::string_view key, std::string_view expected) {
        const auto it = obj.find(key);
        if (it == obj.end()) return nullptr;
        if (!it->is_object()) {
            fail(key, expected, *it);
            return nullptr;
        }
        return &*it;
    }

    [[nodiscard]] bool failed() const noexcept { return !errors_.empty(); }
    std::vector<std::string>& errors() noexcept { return errors_; }
    std::vector<std::string>& warnings() noexcept { return warnings_; }

private:
    const std::string& origin_;
    std::vector<std::string> errors_;
    std::vector<std::string> warnings_;
};

constexpr std::string_view kSetExpected =
    "a number of reps from 1 to 200, \"failure\", or {\"reps\": N, \"to_failure\": true}";
constexpr std::string_view kTargetExpected = "a %LOP from 20 up to (not including) 100";
constexpr std::string_view kSecondsTempo = "a number of seconds from 0 to 10";

void read_sets(Reader& rd, const Json& root, Protocol& p) {
    constexpr std::string_view kExpected = "a list of 1 to 20 sets, e.g. [30, 15, 15, 15]";
    const auto it = root.find("sets");
    if (it == root.end()) {
        rd.fail_missing("sets", kExpected);
        return;
    }
    if (!it->is_array() || it->empty() || it->size() > 20) {
        rd.fail("sets", kExpected, *it);
        return;
    }
    p.sets.clear();
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& v = (*it)[i];
        const std::string path = "sets[" + std::to_string(i) + "]";
        SetSpec s;
        if (v.is_number()) {
            if (!rd.whole_value(v, path, 1, 200, kSetExpected, s.reps)) continue;
        } else if (v.is_string()) {
            if (v.get_ref<const std::string&>() != "failure") {
                rd.fail(path, kSetExpected, v);
                continue;
            }
            s.to_failure = true;
        } else if (v.is_object()) {
            rd.check_keys(v, path, {"reps", "to_failure"});
            if (const auto f = v.find("to_failure"); f != v.end()) {
                if (!f->is_boolean()) {
                    rd.fail(path + ".to_failure", "true or false", *f);
                    continue;
                }
                s.to_failure = f->get<bool>();
            }
            const bool has_reps = v.contains("reps");
            if (s.to_failure) {
                if (has_reps && !rd.whole(v, "reps", path, 0, 200,
                                          "a whole number of reps from 0 to 200 (the expected minimum)", s.reps))
                    continue;
            } else if (!has_reps) {
                rd.fail_missing(path + ".reps", "a number of reps from 1 to 200");
                continue;
            } else if (!rd.whole(v, "reps", path, 1, 200, "a whole number of reps from 1 to 200", s.reps)) {
                continue;
            }
        } else {
            rd.fail(path, kSetExpected, v);
            continue;
        }
        p.sets.push_back(s);
    }
}

void read_target(Reader& rd, const Json& root, Protocol& p) {
    const auto it = root.find("target_pct_lop");
    if (it == root.end()) return;
    const Range range{20.0, 100.0, false, true};
    if (it->is_number()) {
        double v = 0.0;
        if (rd.number_value(*it, "target_pct_lop", range,
                            "a %LOP from 20 up to (not including) 100, or {\"arm\": N, \"leg\": N}", v)) {
            p.target_pct_lop_arm = v;
            p.target_pct_lop_leg = v;
        }
        return;
    }
    if (!it->is_object()) {
        rd.fail("target_pct_lop", "a %LOP from 20 up to (not including) 100, or {\"arm\": N, \"leg\": N}", *it);
        return;
    }
    rd.check_keys(*it, "target_pct_lop", {"arm", "leg"});
    (void)rd.number(*it, "arm", "target_pct_lop", range, kTargetExpected, p.target_pct_lop_arm);
    (void)rd.number(*it, "leg", "target_pct_lop", range, kTargetExpected, p.target_pct_lop_leg);
}

void read_tempo(Reader& rd, const Json& root, Protocol& p) {
    const Json* t = rd.section(root, "tempo", "an object {\"concentric_s\": N, \"eccentric_s\": N, \"pause_s\": N}");
    if (t == nullptr) return;
    rd.check_keys(*t, "tempo", {"concentric_s", "eccentric_s", "pause_s"});
    const Range range{0.0, 10.0};
    const bool c = !t->contains("concentric_s") ||
                   rd.number(*t, "concentric_s", "tempo", range, kSecondsTempo, p.tempo.concentric_s);
    const bool e =
        !t->contains("eccentric_s") || rd.number(*t, "eccentric_s", "tempo", range, kSecondsTempo, p.tempo.eccentric_s);
    (void)rd.number(*t, "pause_s", "tempo", range, kSecondsTempo, p.tempo.pause_s);
    if (c && e && !(p.tempo.concentric_s + p.tempo.eccentric_s > 0.0)) {
        rd.add_error("field \"tempo\": expected concentric_s + eccentric_s above 0, found " +
                     format_number(p.tempo.concentric_s) + " + " + format_number(p.tempo.eccentric_s));
    }
}

void read_limits(Reader& rd, const Json& root, Protocol& p) {
    const Json* l = rd.section(root, "limits", "an object of safety limits, e.g. {\"ceiling_mmHg\": 300}");
    if (l == nullptr) return;
    rd.check_keys(*l, "limits",
                  {"occlusion_warning_s", "occlusion_limit_s", "session_occlusion_limit_s", "ceiling_mmHg",
                   "band_fraction", "out_of_band_tolerance_s", "sensor_timeout_s", "discomfort_stop_above"});
    SafetyLimits& s = p.limits;
    const bool w = !l->contains("occlusion_warning_s") ||
                   rd.number(*l, "occlusion_warning_s", "limits", Range{0.0, 3600.0, true, false},
                             "a number of seconds above 0, at most 3600", s.occlusion_warning_s);
    const bool a = !l->contains("occlusion_limit_s") ||
                   rd.number(*l, "occlusion_limit_s", "limits", Range{0.0, 3600.0, true, false},
                             "a number of seconds above 0, at most 3600", s.occlusion_limit_s);
    (void)rd.number(*l, "session_occlusion_limit_s", "limits", Range{0.0, 7200.0, true, false},
                    "a number of seconds above 0, at most 7200", s.session_occlusion_limit_s);
    (void)rd.number(*l, "ceiling_mmHg", "limits", Range{50.0, 400.0}, "a pressure from 50 to 400 mmHg", s.ceiling_mmHg);
    (void)rd.number(*l, "band_fraction", "limits", Range{0.0, 0.5, true, false},
                    "a fraction of the target above 0, at most 0.5", s.band_fraction);
    (void)rd.number(*l, "out_of_band_tolerance_s", "limits", Range{0.0, 600.0, true, false},
                    "a number of seconds above 0, at most 600", s.out_of_band_tolerance_s);
    (void)rd.number(*l, "sensor_timeout_s", "limits", Range{0.0, 60.0, true, false},
                    "a number of seconds above 0, at most 60", s.sensor_timeout_s);
    std::uint32_t discomfort = 0;
    if (rd.whole(*l, "discomfort_stop_above", "limits", 0, 10, "a whole number from 0 to 10", discomfort)) {
        s.discomfort_stop_above = static_cast<int>(discomfort);
    }
    if (w && a && !(s.occlusion_warning_s < s.occlusion_limit_s)) {
        rd.add_error("field \"limits.occlusion_warning_s\": expected less than limits.occlusion_limit_s (" +
                     format_number(s.occlusion_limit_s) + "), found " + format_number(s.occlusion_warning_s));
    }
    if (s.occlusion_limit_s > 1200.0) {
        rd.warn("limits.occlusion_limit_s " + format_number(s.occlusion_limit_s) +
                " s is above the 20 min of continuous occlusion [B6] recommends not to exceed");
    }
    if (s.session_occlusion_limit_s > 1800.0) {
        rd.warn("limits.session_occlusion_limit_s " + format_number(s.session_occlusion_limit_s) +
                " s is above the 30 min per session of [B28]");
    }
}

void read_progression(Reader& rd, const Json& root, Protocol& p) {
    const Json* g = rd.section(root, "progression", "an object, e.g. {\"load_increment_pct1rm\": 5}");
    if (g == nullptr) return;
    rd.check_keys(*g, "progression", {"load_increment_pct1rm", "last_set_threshold_reps", "max_load_pct1rm"});
    Progression& s = p.progression;
    (void)rd.number(*g, "load_increment_pct1rm", "progression", Range{0.0, 50.0, true, false},
                    "a load step above 0, at most 50 %1RM", s.load_increment_pct1rm);
    (void)rd.whole(*g, "last_set_threshold_reps", "progression", 0, 200,
                   "a whole number of reps from 0 to 200 (0: the last set's own target)", s.last_set_threshold_reps);
    (void)rd.number(*g, "max_load_pct1rm", "progression", Range{5.0, 100.0}, "a load from 5 to 100 %1RM",
                    s.max_load_pct1rm);
}

void warn_unusual(Reader& rd, const Protocol& p) {
    if (p.load_pct1rm < 20.0 || p.load_pct1rm > 40.0) {
        rd.warn("load_pct1rm " + format_number(p.load_pct1rm) + " is outside the usual 20-40 %1RM of BFR [B28, B12]");
    }
    if (p.target_pct_lop_arm < 40.0 || p.target_pct_lop_arm > 60.0) {
        rd.warn("target_pct_lop.arm " + format_number(p.target_pct_lop_arm) +
                " is outside the usual 40-60 %LOP for the arm [B28, B12, G1]");
    }
    if (p.target_pct_lop_leg < 50.0 || p.target_pct_lop_leg > 80.0) {
        rd.warn("target_pct_lop.leg " + format_number(p.target_pct_lop_leg) +
                " is outside the usual 50-80 %LOP for the leg [B28, B12, G1]");
    }
    if (p.progression.max_load_pct1rm < p.load_pct1rm) {
        rd.warn("progression.max_load_pct1rm " + format_number(p.progression.max_load_pct1rm) +
                " is below load_pct1rm " + format_number(p.load_pct1rm) + ": the load will not be increased");
    }
}

/// The message of a JSON library exception without its "[json.exception...] " prefix.
std::string json_error_text(const std::exception& e) {
    std::string what = e.what();
    if (const std::size_t at = what.find("] "); what.rfind("[json.exception.", 0) == 0 && at != std::string::npos) {
        what.erase(0, at + 2);
    }
    return what;
}

LoadResult parse_impl(std::string_view text, const std::string& origin) {
    LoadResult result;
    if (text.size() > kMaxProtocolBytes) {
        result.error = origin + ": too large for a protocol (" + std::to_string(text.size()) + " bytes; at most " +
                       std::to_string(kMaxProtocolBytes) + ")";
        return result;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        result.error = origin +
                       ": empty file (expected a JSON object such as {\"schema\": \"bfr-coach.protocol/1\", "
                       "\"sets\": [30, 15, 15, 15]})";
        return result;
    }

    Json root;
    try {
        root = Json::parse(text);
    } catch (const Json::parse_error& e) {
        std::string what = e.what();
        if (const std::size_t at = what.find("parse error"); at != std::string::npos) what.erase(0, at);
        result.error = origin + ": malformed JSON: " + what;
        return result;
    } catch (const Json::out_of_range& e) {  // a number too large for a double, e.g. 1e400
        std::string what = json_error_text(e);
        const std::size_t q1 = what.find('\'');
        const std::size_t q2 = what.rfind('\'');
        if (q1 != std::string::npos && q2 > q1) {
            const std::size_t at = text.find(std::string_view(what).substr(q1 + 1, q2 - q1 - 1));
            if (at != std::string_view::npos) what += " at " + position_of(text, at);
        }
        result.error = origin + ": malformed JSON: " + what;
        return result;
    } catch (const Json::exception& e) {
        result.error = origin + ": malformed JSON: " + json_error_text(e);
        return result;
    }

    if (!root.is_object()) {
        result.error = origin +
                       ": expected a JSON object {\"schema\": \"bfr-coach.protocol/1\", ...} at the top level, found " +
                       describe(root);
        return result;
    }

    Reader rd(origin);
    rd.check_keys(root, "",
                  {"schema", "name", "title", "description", "sets", "rest_s", "cuff_in_rest", "target_pct_lop",
                   "load_pct1rm", "tempo", "failure_pause_s", "limits", "progression"});

    const std::string schema_expected = "\"" + std::string(kProtocolSchema) + "\"";
    if (const auto it = root.find("schema"); it == root.end()) {
        // A clinician's hand-written file may leave it out: read as version 1, and say so.
        rd.warn("field \"schema\" missing: read as " + schema_expected);
    } else if (!it->is_string() || it->get_ref<const std::string&>() != kProtocolSchema) {
        rd.fail("schema", schema_expected + " (this version reads version 1)", *it);
    }

    Protocol p;
    constexpr std::string_view kNameExpected =
        "a name of 1 to 64 characters without '/', '\\', control characters or surrounding spaces, e.g. "
        "\"30-15-15-15\"";
    if (!root.contains("name")) {
        std::string stem;
        try {
            stem = fs::path(origin).stem().string();
        } catch (const std::exception&) {
            stem.clear();
        }
        if (valid_name(stem)) {
            p.name = stem;
        } else {
            rd.fail_missing("name", std::string(kNameExpected) + "; the file name gives none");
        }
    } else {
        (void)rd.text(root, "name", kNameExpected, valid_name, p.name);
    }
    const bool has_title = rd.text(
        root, "title", "a title of at most 120 characters without control characters",
        [](const std::string& s) { return s.size() <= kMaxTitleBytes && clean_text(s, false); }, p.title);
    if (!has_title && !root.contains("title")) p.title = p.name;
    (void)rd.text(
        root, "description", "a text of at most 4000 characters (newlines and tabs allowed)",
        [](const std::string& s) { return s.size() <= kMaxDescriptionBytes && clean_text(s, true); }, p.description);

    read_sets(rd, root, p);
    (void)rd.number(root, "rest_s", "", Range{0.0, 600.0}, "a number of seconds from 0 to 600", p.rest_s);
    if (const auto it = root.find("cuff_in_rest"); it != root.end()) {
        const std::string* s = it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
        if (s != nullptr && *s == "on") {
            p.cuff_in_rest = CuffInRest::KeepOn;
        } else if (s != nullptr && *s == "released") {
            p.cuff_in_rest = CuffInRest::Release;
        } else {
            rd.fail("cuff_in_rest", "\"on\" (kept inflated) or \"released\"", *it);
        }
    }
    read_target(rd, root, p);
    (void)rd.number(root, "load_pct1rm", "", Range{5.0, 100.0}, "a load from 5 to 100 %1RM", p.load_pct1rm);
    read_tempo(rd, root, p);
    (void)rd.number(root, "failure_pause_s", "", Range{1.0, 60.0}, "a number of seconds from 1 to 60",
                    p.failure_pause_s);
    read_limits(rd, root, p);
    read_progression(rd, root, p);

    if (rd.failed()) {
        for (std::size_t i = 0; i < rd.errors().size(); ++i) {
            if (i > 0) result.error += '\n';
            result.error += rd.errors()[i];
        }
    } else {
        warn_unusual(rd, p);
        result.protocol = std::move(p);
    }
    result.warnings = std::move(rd.warnings());
    return result;
}

OrderedJson number_json(double v) {
    constexpr double kExactInt = 9007199254740992.0;  // 2^53
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) <= kExactInt) {
        return OrderedJson(static_cast<std::int64_t>(v));
    }
    return OrderedJson(v);
}

/// The regular *.json files in `dir`, sorted by file name; a problem when `dir` is not a folder.
std::vector<fs::path> json_files(const fs::path& dir, std::vector<std::string>* problems) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        if (problems != nullptr) problems->push_back(dir.string() + ": protocols folder not found");
        return files;
    }
    fs::directory_iterator it(dir, ec);
    const fs::directory_iterator end;
    for (; !ec && it != end && files.size() < kMaxFilesInDir; it.increment(ec)) {
        const fs::path& path = it->path();
        if (!ends_with_ci(path.filename().string(), ".json")) continue;
        std::error_code ec2;
        if (fs::is_regular_file(path, ec2)) files.push_back(path);
    }
    if (ec && problems != nullptr) problems->push_back(dir.string() + ": cannot list the folder: " + ec.message());
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename().string() < b.filename().string(); });
    return files;
}

bool looks_like_file(const std::string& s) {
    if (ends_with_ci(s, ".json") || s.find('/') != std::string::npos) return true;
    std::error_code ec;
    const fs::file_status st = fs::status(s, ec);
    return !ec && fs::exists(st) && !fs::is_directory(st);
}

LoadResult find_impl(const std::string& name_or_file, const fs::path& protocols_dir) {
    if (!name_or_file.empty() && looks_like_file(name_or_file)) return load_protocol_file(name_or_file);
    const std::string name = name_or_file.empty() ? std::string(kBuiltinName) : name_or_file;

    std::vector<std::string> dir_problems;
    const std::vector<fs::path> files = json_files(protocols_dir, &dir_problems);
    std::vector<std::pair<fs::path, LoadResult>> loaded;
    loaded.reserve(files.size());
    for (const fs::path& f : files) loaded.emplace_back(f, load_protocol_file(f));

    std::vector<std::string> candidates{name};
    if (iequals_ascii(name, kBuiltinAlias)) candidates.emplace_back(kBuiltinName);
    for (const std::string& candidate : candidates) {
        for (const auto& [path, r] : loaded) {
            if (iequals_ascii(path.stem().string(), candidate)) return r;
        }
        for (const auto& [path, r] : loaded) {
            if (r.protocol && iequals_ascii(r.protocol->name, candidate)) return r;
        }
    }
    if (iequals_ascii(name, kBuiltinName) || iequals_ascii(name, kBuiltinAlias)) {
        LoadResult r;
        r.protocol = standard_protocol();
        return r;
    }

    std::vector<std::string> names;
    LoadResult r;
    for (const auto& [path, lr] : loaded) {
        if (lr.protocol) {
            names.push_back(lr.protocol->name);
        } else {
            r.warnings.push_back(lr.error);
        }
    }
    names.emplace_back(kBuiltinName);
    names.emplace_back(kBuiltinAlias);
    std::sort(names.begin(), names.end(),
              [](const std::string& a, const std::string& b) { return lower(a) < lower(b); });
    names.erase(std::unique(names.begin(), names.end(),
                            [](const std::string& a, const std::string& b) { return iequals_ascii(a, b); }),
                names.end());
    r.error = "unknown protocol " + quote(name) + "; available: ";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) r.error += ", ";
        r.error += names[i];
    }
    r.error += " (or give a protocol file, *.json)";
    for (std::string& p : dir_problems) r.warnings.push_back(std::move(p));
    return r;
}

}  // namespace

LoadResult parse_protocol(std::string_view json_text, const std::string& origin) {
    try {
        return parse_impl(json_text, origin);
    } catch (const std::exception& e) {
        LoadResult r;
        r.error = origin + ": cannot read the protocol: " + e.what();
        return r;
    } catch (...) {
        LoadResult r;
        r.error = origin + ": cannot read the protocol";
        return r;
    }
}

LoadResult load_protocol_file(const std::filesystem::path& file) {
    LoadResult result;
    try {
        const std::string origin = file.string();
        std::error_code ec;
        const fs::file_status st = fs::status(file, ec);
        if (!fs::exists(st)) {
            result.error =
                origin + ": cannot read the protocol file: " +
                (ec && ec != std::errc::no_such_file_or_directory ? ec.message() : std::string("no such file"));
            return result;
        }
        if (fs::is_directory(st)) {
            result.error = origin + ": is a folder, not a protocol file";
            return result;
        }
        if (!fs::is_regular_file(st)) {
            result.error = origin + ": not a regular file";
            return result;
        }
        const std::uintmax_t size = fs::file_size(file, ec);
        if (!ec && size > kMaxProtocolBytes) {
            result.error = origin + ": too large for a protocol file (" + std::to_string(size) + " bytes; at most " +
                           std::to_string(kMaxProtocolBytes) + ")";
            return result;
        }
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            result.error = origin + ": cannot open the protocol file: " +
                           std::error_code(errno, std::generic_category()).message();
            return result;
        }
        std::string text;
        text.resize(kMaxProtocolBytes + 1);
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        if (in.bad()) {
            result.error = origin + ": cannot read the protocol file";
            return result;
        }
        text.resize(static_cast<std::size_t>(in.gcount()));
        return parse_protocol(text, origin);
    } catch (const std::exception& e) {
        result.protocol.reset();
        result.error = file.string() + ": cannot read the protocol file: " + e.what();
    } catch (...) {
        result.protocol.reset();
        result.error = "cannot read the protocol file";
    }
    return result;
}

LoadResult find_protocol(const std::string& name_or_file, const std::filesystem::path& protocols_dir) {
    try {
        return find_impl(name_or_file, protocols_dir);
    } catch (const std::exception& e) {
        LoadResult r;
        r.error = "cannot find protocol " + quote(name_or_file) + ": " + e.what();
        return r;
    } catch (...) {
        LoadResult r;
        r.error = "cannot find protocol " + quote(name_or_file);
        return r;
    }
}

std::vector<Protocol> list_protocols(const std::filesystem::path& protocols_dir, std::vector<std::string>* problems) {
    std::vector<Protocol> out;
    try {
        std::vector<std::string> origins;
        for (const fs::path& f : json_files(protocols_dir, problems)) {
            LoadResult r = load_protocol_file(f);
            if (problems != nullptr) {
                for (std::string& w : r.warnings) problems->push_back(std::move(w));
            }
            if (!r.protocol) {
                if (problems != nullptr) problems->push_back(std::move(r.error));
                continue;
            }
            bool duplicate = false;
            for (std::size_t i = 0; i < out.size(); ++i) {
                if (!iequals_ascii(out[i].name, r.protocol->name)) continue;
                duplicate = true;
                if (problems != nullptr) {
                    problems->push_back(f.string() + ": name " + quote(r.protocol->name) + " is already used by " +
                                        origins[i] + "; ignored");
                }
                break;
            }
            if (duplicate) continue;
            origins.push_back(f.string());
            out.push_back(std::move(*r.protocol));
        }
        const bool has_builtin =
            std::any_of(out.begin(), out.end(), [](const Protocol& p) { return iequals_ascii(p.name, kBuiltinName); });
        if (!has_builtin) out.push_back(standard_protocol());
        std::stable_sort(out.begin(), out.end(),
                         [](const Protocol& a, const Protocol& b) { return lower(a.name) < lower(b.name); });
    } catch (const std::exception& e) {
        if (problems != nullptr) problems->push_back(protocols_dir.string() + ": " + e.what());
    } catch (...) {
        if (problems != nullptr) problems->push_back(protocols_dir.string() + ": cannot list the protocols");
    }
    return out;
}

std::string to_json(const Protocol& p) {
    try {
        OrderedJson j;
        j["schema"] = kProtocolSchema;
        j["name"] = p.name;
        j["title"] = p.title;
        j["description"] = p.description;
        OrderedJson sets = OrderedJson::array();
        for (const SetSpec& s : p.sets) {
            if (!s.to_failure) {
                sets.push_back(s.reps);
            } else if (s.reps == 0) {
                sets.push_back("failure");
            } else {
                sets.push_back(OrderedJson{{"reps", s.reps}, {"to_failure", true}});
            }
        }
        j["sets"] = std::move(sets);
        j["rest_s"] = number_json(p.rest_s);
        j["cuff_in_rest"] = p.cuff_in_rest == CuffInRest::Release ? "released" : "on";
        j["target_pct_lop"] =
            OrderedJson{{"arm", number_json(p.target_pct_lop_arm)}, {"leg", number_json(p.target_pct_lop_leg)}};
        j["load_pct1rm"] = number_json(p.load_pct1rm);
        j["tempo"] = OrderedJson{{"concentric_s", number_json(p.tempo.concentric_s)},
                                 {"eccentric_s", number_json(p.tempo.eccentric_s)},
                                 {"pause_s", number_json(p.tempo.pause_s)}};
        j["failure_pause_s"] = number_json(p.failure_pause_s);
        const SafetyLimits& l = p.limits;
        j["limits"] = OrderedJson{{"occlusion_warning_s", number_json(l.occlusion_warning_s)},
                                  {"occlusion_limit_s", number_json(l.occlusion_limit_s)},
                                  {"session_occlusion_limit_s", number_json(l.session_occlusion_limit_s)},
                                  {"ceiling_mmHg", number_json(l.ceiling_mmHg)},
                                  {"band_fraction", number_json(l.band_fraction)},
                                  {"out_of_band_tolerance_s", number_json(l.out_of_band_tolerance_s)},
                                  {"sensor_timeout_s", number_json(l.sensor_timeout_s)},
                                  {"discomfort_stop_above", l.discomfort_stop_above}};
        j["progression"] = OrderedJson{{"load_increment_pct1rm", number_json(p.progression.load_increment_pct1rm)},
                                       {"last_set_threshold_reps", p.progression.last_set_threshold_reps},
                                       {"max_load_pct1rm", number_json(p.progression.max_load_pct1rm)}};
        return j.dump(2, ' ', false, OrderedJson::error_handler_t::replace) + "\n";
    } catch (...) {
        return "{}\n";
    }
}

}  // namespace bfr::protocol
