#include "game/frontend/settings.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>
#include <system_error>

namespace bfr::frontend {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr std::int64_t kDay = 86400;
constexpr std::size_t kMaxSessionsKept = 50;
constexpr std::uintmax_t kMaxSettingsBytes = 1u << 20;

template <typename T>
T get_or(const Json& j, const char* key, T fallback) {
    const auto it = j.find(key);
    if (it == j.end()) return fallback;
    if constexpr (std::is_same_v<T, std::string>) {
        return it->is_string() ? it->template get<std::string>() : fallback;
    } else if constexpr (std::is_same_v<T, bool>) {
        return it->is_boolean() ? it->template get<bool>() : fallback;
    } else {
        if (!it->is_number()) return fallback;
        const double v = it->template get<double>();
        return std::isfinite(v) ? static_cast<T>(v) : fallback;
    }
}

}  // namespace

const char* posture_name(Posture p) noexcept {
    switch (p) {
        case Posture::Seated: return "seated";
        case Posture::Supine: return "supine";
        case Posture::Standing: return "standing";
    }
    return "seated";
}

std::optional<Posture> posture_from(std::string_view name) noexcept {
    if (name == "seated") return Posture::Seated;
    if (name == "supine") return Posture::Supine;
    if (name == "standing") return Posture::Standing;
    return std::nullopt;
}

const LopRecord* Settings::lop_for(const std::string& limb_name, const std::string& side_name) const {
    const std::string key = limb_name + "/" + side_name;
    for (const auto& [k, v] : lops) {
        if (k == key) return &v;
    }
    return nullptr;
}

void Settings::set_lop(const std::string& limb_name, const std::string& side_name, const LopRecord& record) {
    const std::string key = limb_name + "/" + side_name;
    for (auto& [k, v] : lops) {
        if (k == key) {
            v = record;
            return;
        }
    }
    lops.emplace_back(key, record);
}

Settings load_settings(const fs::path& dir, std::string* warning) {
    Settings s;
    const fs::path file = dir / "settings.json";
    std::error_code ec;
    if (!fs::exists(file, ec)) return s;
    auto set_aside = [&](const std::string& why) {
        std::error_code rename_ec;
        fs::rename(file, dir / "settings.json.bad", rename_ec);
        if (warning != nullptr) {
            *warning = fmt::format("{}: {}; using the default settings{}", file.string(), why,
                                   rename_ec ? "" : " (the broken file is kept as settings.json.bad)");
        }
        return Settings{};
    };
    if (!fs::is_regular_file(file, ec)) return set_aside("not a regular file");
    if (fs::file_size(file, ec) > kMaxSettingsBytes) return set_aside("larger than 1 MB, not a settings file");
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const Json j = Json::parse(buffer.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return set_aside("not valid JSON");
    const std::string limb = get_or<std::string>(j, "limb", s.limb);
    if (limb == "arm" || limb == "leg") s.limb = limb;
    const std::string side = get_or<std::string>(j, "side", s.side);
    if (side == "left" || side == "right") s.side = side;
    if (auto p = posture_from(get_or<std::string>(j, "posture", ""))) s.posture = *p;
    s.load_pct1rm = std::clamp(get_or<double>(j, "load_pct1rm", s.load_pct1rm), 5.0, 100.0);
    const std::string protocol = get_or<std::string>(j, "protocol", s.protocol);
    if (!protocol.empty() && protocol.size() < 4096) s.protocol = protocol;
    s.audio_muted = get_or<bool>(j, "audio_muted", false);
    s.voice_muted = get_or<bool>(j, "voice_muted", false);
    const auto volume = [&](const char* key, double fallback) {
        const double v = get_or<double>(j, key, fallback);
        return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : fallback;
    };
    s.sound_volume = volume("sound_volume", s.sound_volume);
    s.voice_volume = volume("voice_volume", s.voice_volume);
    s.sonify = get_or<bool>(j, "sonify", s.sonify);
    s.sound_captions = get_or<bool>(j, "sound_captions", s.sound_captions);
    s.large_text = get_or<bool>(j, "large_text", s.large_text);
    const std::string contract = get_or<std::string>(j, "contract_key", s.contract_key);
    if (contract.size() < 32) s.contract_key = contract;  // checked against the key names where it is used
    s.screening_unix_s = std::max<std::int64_t>(0, get_or<std::int64_t>(j, "screening_unix_s", 0));
    if (const auto it = j.find("lops"); it != j.end() && it->is_object()) {
        for (const auto& [key, v] : it->items()) {
            if (!v.is_object() || s.lops.size() >= 16) continue;
            LopRecord r;
            r.lop_mmHg = get_or<double>(v, "lop_mmHg", 0.0);
            if (!(r.lop_mmHg >= 50.0 && r.lop_mmHg <= 400.0)) continue;
            r.measured_unix_s = get_or<std::int64_t>(v, "measured_unix_s", 0);
            r.posture = posture_from(get_or<std::string>(v, "posture", "")).value_or(Posture::Seated);
            r.source = get_or<std::string>(v, "source", "typed") == "device" ? "device" : "typed";
            s.lops.emplace_back(key, r);
        }
    }
    if (const auto it = j.find("sessions_unix_s"); it != j.end() && it->is_array()) {
        for (const auto& v : *it) {
            if (v.is_number_integer()) s.sessions_unix_s.push_back(v.get<std::int64_t>());
        }
        std::sort(s.sessions_unix_s.begin(), s.sessions_unix_s.end());
        if (s.sessions_unix_s.size() > kMaxSessionsKept) {
            s.sessions_unix_s.erase(s.sessions_unix_s.begin(),
                                    s.sessions_unix_s.end() - static_cast<long>(kMaxSessionsKept));
        }
    }
    return s;
}

bool save_settings(const fs::path& dir, const Settings& s, std::string* error) {
    Json j = Json::object();
    j["schema"] = "bfr-coach.settings/1";
    j["limb"] = s.limb;
    j["side"] = s.side;
    j["posture"] = posture_name(s.posture);
    j["load_pct1rm"] = s.load_pct1rm;
    j["protocol"] = s.protocol;
    j["audio_muted"] = s.audio_muted;
    j["voice_muted"] = s.voice_muted;
    j["sound_volume"] = s.sound_volume;
    j["voice_volume"] = s.voice_volume;
    j["sonify"] = s.sonify;
    j["sound_captions"] = s.sound_captions;
    j["large_text"] = s.large_text;
    j["contract_key"] = s.contract_key;
    j["screening_unix_s"] = s.screening_unix_s;
    Json lops = Json::object();
    for (const auto& [key, r] : s.lops) {
        lops[key] = Json{{"lop_mmHg", r.lop_mmHg},
                         {"measured_unix_s", r.measured_unix_s},
                         {"posture", posture_name(r.posture)},
                         {"source", r.source}};
    }
    j["lops"] = std::move(lops);
    std::vector<std::int64_t> sessions = s.sessions_unix_s;
    if (sessions.size() > kMaxSessionsKept) sessions.erase(sessions.begin(), sessions.end() - static_cast<long>(kMaxSessionsKept));
    j["sessions_unix_s"] = sessions;
    const fs::path tmp = dir / "settings.json.tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
        out.flush();
        if (!out) {
            if (error != nullptr) *error = fmt::format("cannot write {}", tmp.string());
            return false;
        }
    }
    std::error_code ec;
    fs::rename(tmp, dir / "settings.json", ec);
    if (ec) {
        if (error != nullptr) *error = fmt::format("cannot replace {}: {}", (dir / "settings.json").string(), ec.message());
        return false;
    }
    return true;
}

std::int64_t unix_now_s() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string age_text(std::int64_t age_s) {
    if (age_s < 0) return "in the future (check the computer's clock)";
    const std::int64_t days = age_s / kDay;
    if (days == 0) return "today";
    if (days == 1) return "yesterday";
    if (days < 60) return fmt::format("{} days ago", days);
    if (days < 730) return fmt::format("{} months ago", days / 30);
    return fmt::format("{} years ago", days / 365);
}

std::string spacing_warning(const std::vector<std::int64_t>& sessions, std::int64_t now) {
    if (sessions.empty()) return {};
    const std::int64_t last = *std::max_element(sessions.begin(), sessions.end());
    const std::int64_t since = now - last;
    if (since >= 0 && since < 36 * 3600) {
        const std::string ago = since < 3600 ? std::string("less than an hour ago")
                                             : fmt::format("{:.0f} h ago", static_cast<double>(since) / 3600.0);
        return fmt::format("Your last session was {}. Leave at least 36 h between sessions so the muscle can recover.",
                           ago);
    }
    const auto this_week = std::count_if(sessions.begin(), sessions.end(),
                                         [&](std::int64_t t) { return t <= now && now - t < 7 * kDay; });
    if (this_week >= 3) {
        return fmt::format("You have done {} sessions in the last 7 days: 2 to 3 a week is the usual "
                           "prescription.",
                           this_week);
    }
    return {};
}

std::string lop_warning(const LopRecord* lop, Posture exercise, std::int64_t now) {
    if (lop == nullptr) {
        return "No LOP stored for this limb: the default is assumed. Measure it, or type in your clinician's figure.";
    }
    if (now - lop->measured_unix_s > 30 * kDay) {
        return fmt::format("Your LOP was measured {}: measure it again (it changes with blood pressure, "
                           "weight and training).",
                           age_text(now - lop->measured_unix_s));
    }
    if (lop->posture != exercise) {
        return fmt::format("Your LOP was measured {}, but you exercise {}: LOP depends on posture. "
                           "Measure it in the exercise posture.",
                           posture_name(lop->posture), posture_name(exercise));
    }
    return {};
}

}  // namespace bfr::frontend
