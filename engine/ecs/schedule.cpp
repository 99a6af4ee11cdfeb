#include "engine/ecs/schedule.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace bfr::ecs {
namespace {

constexpr std::array<std::string_view, kPhaseCount> kPhaseNames = {"PreTick",  "Ingest", "Simulate",
                                                                   "Validate", "Post",   "PreRender"};

static_assert(static_cast<std::size_t>(Phase::PreRender) + 1 == kPhaseCount,
              "kPhaseCount and kPhaseNames must list every Phase");

[[noreturn]] void reject(std::size_t row, const char* name, const std::string& why) {
    std::string message = "bfr::ecs::Schedule: system #" + std::to_string(row);
    if (name != nullptr) {
        message += " '";
        message += name;
        message += '\'';
    }
    message += ": ";
    message += why;
    throw std::invalid_argument(message);
}

}  // namespace

Schedule::Schedule(std::span<const SystemDesc> table) : systems_(table.begin(), table.end()) {
    for (std::size_t row = 0; row < systems_.size(); ++row) {
        const SystemDesc& desc = systems_[row];
        if (desc.name == nullptr || desc.name[0] == '\0') {
            reject(row, nullptr, "has no name");
        }
        if (static_cast<std::size_t>(desc.phase) >= kPhaseCount) {
            reject(row, desc.name, "has an invalid phase value " + std::to_string(static_cast<unsigned>(desc.phase)));
        }
        if (desc.fn == nullptr) {
            reject(row, desc.name, "has a null function");
        }
        if (row > 0 && desc.phase < systems_[row - 1].phase) {
            reject(row, desc.name,
                   "is in phase " + std::string{phase_name(desc.phase)} + " but follows '" + systems_[row - 1].name +
                       "' in phase " + std::string{phase_name(systems_[row - 1].phase)} +
                       " (phases must be non-decreasing)");
        }
        const std::string_view name{desc.name};
        for (std::size_t earlier = 0; earlier < row; ++earlier) {
            if (name == systems_[earlier].name) {
                reject(row, desc.name, "duplicates the name of system #" + std::to_string(earlier));
            }
        }
    }
    enabled_.assign(systems_.size(), std::uint8_t{1});
}

void Schedule::run(World& world, const TickContext& tick) const {
    for (std::size_t i = 0; i < systems_.size(); ++i) {
        if (enabled_[i] != 0) {
            systems_[i].fn(world, tick);
        }
    }
}

void Schedule::run_phase(Phase phase, World& world, const TickContext& tick) const {
    for (std::size_t i = 0; i < systems_.size(); ++i) {
        if (systems_[i].phase == phase && enabled_[i] != 0) {
            systems_[i].fn(world, tick);
        }
    }
}

bool Schedule::set_enabled(std::string_view name, bool enabled) noexcept {
    const std::size_t i = index_of(name);
    if (i == systems_.size()) {
        return false;
    }
    enabled_[i] = enabled ? 1 : 0;
    return true;
}

bool Schedule::is_enabled(std::string_view name) const noexcept {
    const std::size_t i = index_of(name);
    return i != systems_.size() && enabled_[i] != 0;
}

std::string Schedule::describe() const {
    std::size_t phase_width = 0;
    std::size_t name_width = 0;
    for (const SystemDesc& desc : systems_) {
        phase_width = std::max(phase_width, phase_name(desc.phase).size());
        name_width = std::max(name_width, std::string_view{desc.name}.size());
    }
    std::string text;
    for (std::size_t i = 0; i < systems_.size(); ++i) {
        const std::string_view phase = phase_name(systems_[i].phase);
        const std::string_view name{systems_[i].name};
        text += phase;
        text.append(phase_width - phase.size() + 2, ' ');
        text += name;
        text.append(name_width - name.size() + 2, ' ');
        text += enabled_[i] != 0 ? "on" : "off";
        text += '\n';
    }
    return text;
}

std::string_view Schedule::phase_name(Phase phase) noexcept {
    const auto i = static_cast<std::size_t>(phase);
    return i < kPhaseNames.size() ? kPhaseNames[i] : std::string_view{"?"};
}

std::size_t Schedule::index_of(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < systems_.size(); ++i) {
        if (name == systems_[i].name) {
            return i;
        }
    }
    return systems_.size();
}

}  // namespace bfr::ecs
