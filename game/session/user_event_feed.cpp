#include "game/session/user_event_feed.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace bfr::session {

std::optional<std::string> user_event_text(const Command& command) {
    switch (command.kind) {
        case CommandKind::StartSession: return std::string("command:start");
        case CommandKind::EndSet: return std::string("command:end_set");
        case CommandKind::SkipRest: return std::string("command:skip_rest");
        case CommandKind::StopSession: return std::string("command:stop");
        case CommandKind::ReportDiscomfort: {
            if (!std::isfinite(command.value)) return std::nullopt;
            const long level = std::lround(std::clamp(command.value, 0.f, 10.f));
            return fmt::format("discomfort:{}", level);
        }
        case CommandKind::Acknowledge:
            if (!(command.value >= 0.f)) return std::string("command:acknowledge:all");
            return fmt::format("command:acknowledge:{}", std::lround(command.value));
        case CommandKind::ContractDown:
        case CommandKind::ContractUp:
        case CommandKind::SetAutoTempo:
        case CommandKind::InjectLeak:
        case CommandKind::InjectDropout:
        case CommandKind::DeviceTarget: return std::nullopt;
    }
    return std::nullopt;
}

void UserEventFeed::on_command(const Command& command) {
    if (auto text = user_event_text(command)) {
        pending_.push_back(std::move(*text));
        return;
    }
    inner_.on_command(command);
}

void UserEventFeed::pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) {
    const std::size_t first = out.size();
    inner_.pull_until(t_ns, out);
    if (out.size() > first) last_ns_ = std::max(last_ns_, out.back().t_ns);
    for (std::string& text : pending_) {
        telemetry::Sample& s = out.emplace_back();
        s.clear();
        s.t_ns = std::max(last_ns_, t_ns);
        s.event = std::move(text);
    }
    if (!pending_.empty()) last_ns_ = std::max(last_ns_, t_ns);
    pending_.clear();
}

}  // namespace bfr::session
