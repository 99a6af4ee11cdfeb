#include "game/frontend/paths.hpp"

#include "game/protocol/protocol_io.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <system_error>
#include <vector>

#ifndef BFR_SOURCE_DIR
#define BFR_SOURCE_DIR ""
#endif

namespace bfr::frontend {

namespace fs = std::filesystem;

fs::path executable_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path{} : exe.parent_path();
}

std::optional<fs::path> find_resource_dir(const std::string& name, const char* env_var, const std::string& probe) {
    std::vector<fs::path> candidates;
    if (env_var != nullptr) {
        if (const char* v = std::getenv(env_var); v != nullptr && v[0] != '\0') candidates.emplace_back(v);
    }
    const fs::path exe = executable_dir();
    if (!exe.empty()) {
        candidates.push_back(exe / name);
        candidates.push_back(exe / ".." / "share" / "bfr-coach" / name);
    }
    if (std::string(BFR_SOURCE_DIR).size() > 0) candidates.push_back(fs::path(BFR_SOURCE_DIR) / name);
    for (const fs::path& dir : candidates) {
        std::error_code ec;
        if (fs::is_regular_file(dir / probe, ec)) return dir.lexically_normal();
    }
    return std::nullopt;
}

fs::path resolve_data_dir(const std::string& cli_value) {
    if (!cli_value.empty()) return fs::path(cli_value);
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && xdg[0] == '/') {
        return fs::path(xdg) / "bfr-coach";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
        return fs::path(home) / ".local" / "share" / "bfr-coach";
    }
    return fs::path(".bfr-coach");
}

bool ensure_data_dir(const fs::path& dir, std::string* error) {
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
        if (error != nullptr) *error = fmt::format("data folder '{}' exists but is not a folder", dir.string());
        return false;
    }
    fs::create_directories(dir, ec);
    if (ec) {
        if (error != nullptr) *error = fmt::format("cannot create data folder '{}': {}", dir.string(), ec.message());
        return false;
    }
    if (::access(dir.c_str(), W_OK) != 0) {
        if (error != nullptr) *error = fmt::format("data folder '{}' is not writable", dir.string());
        return false;
    }
    return true;
}

std::optional<fs::path> find_protocols_dir() {
    const auto assets = find_resource_dir("assets", "BFR_ASSET_DIR", "protocols/30-15-15-15.json");
    if (!assets) return std::nullopt;
    return *assets / "protocols";
}

int protocol_error_status(const std::string& spec) {
    std::error_code ec;
    const bool file = spec.find('/') != std::string::npos ||
                      (spec.size() >= 5 && spec.compare(spec.size() - 5, 5, ".json") == 0) || fs::exists(spec, ec);
    return file ? 3 : 2;
}

std::optional<protocol::Protocol> resolve_protocol(const std::string& spec, std::string* error,
                                                   std::vector<std::string>* warnings) {
    const fs::path dir = find_protocols_dir().value_or(fs::path{});
    protocol::LoadResult r = protocol::find_protocol(spec.empty() ? std::string("30-15-15-15") : spec, dir);
    if (warnings != nullptr) warnings->insert(warnings->end(), r.warnings.begin(), r.warnings.end());
    if (!r.protocol && error != nullptr) *error = r.error;
    return std::move(r.protocol);
}

}  // namespace bfr::frontend
