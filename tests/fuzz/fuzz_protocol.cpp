// libFuzzer target: protocol files. parse_protocol() must take any bytes without a crash, a hang,
// an exception escaping or unbounded memory, and:
//   - give either a protocol or an error naming the file (never both, never neither);
//   - on success, to_json() of the protocol parses back to an equal protocol, and to_json() of
//     that is the same text (a stable round trip);
//   - a parsed protocol runs through ProtocolRunner (a pseudo-random session seeded by the
//     input: reps, updates, end_set, skip_rest, stop) keeping its invariants: events in time order,
//     set numbers in range, total reps == the sets' reps (+ the current set's), the tempo cue's
//     progress in [0, 1], the target 0 or the limb's target.
//
// Input: the protocol text itself (the seed corpus is assets/protocols/*.json plus broken files).

#include "game/protocol/protocol_io.hpp"
#include "game/protocol/protocol_runner.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using bfr::protocol::LoadResult;
using bfr::protocol::Protocol;
using bfr::protocol::ProtocolRunner;
using bfr::protocol::RunnerEvent;
using bfr::protocol::Stage;

void check_runner(const Protocol& p, std::uint64_t seed) {
    ProtocolRunner r(p, (seed & 1U) != 0 ? bfr::protocol::Limb::Leg : bfr::protocol::Limb::Arm);
    std::int64_t t = static_cast<std::int64_t>(seed % 1000U) * 1'000'000;
    std::int64_t last_event_t = INT64_MIN;
    for (int step = 0; step < 400; ++step) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        const auto roll = static_cast<std::uint32_t>(seed >> 33U);
        t += static_cast<std::int64_t>(roll % 4'000U) * 1'000'000;  // 0 to 4 s
        switch (roll % 23U) {
            case 0: r.start(t); break;
            case 1: r.end_set(t); break;
            case 2: r.skip_rest(t); break;
            case 3:
                if (step > 300) r.stop(t);
                break;
            case 4:
            case 5:
            case 6:
            case 7:
            case 8:
            case 9: r.on_rep(t); break;
            case 10: r.on_rep(t - 5'000'000'000); break;  // a time from the past
            default: r.update(t); break;
        }
        if (step == 1) r.start(t);
        for (const RunnerEvent& e : r.take_events()) {
            if (e.t_ns < last_event_t) __builtin_trap();
            if (e.set_number > p.sets.size()) __builtin_trap();
            last_event_t = e.t_ns;
        }
        std::uint64_t sum = 0;
        for (const auto& s : r.sets()) sum += s.reps;
        if (r.stage() == Stage::Set) sum += r.reps_in_set();
        if (sum != r.total_reps()) __builtin_trap();
        if (r.sets().size() > p.sets.size() || r.set_number() > p.sets.size()) __builtin_trap();
        const auto cue = r.tempo_cue(t);
        if (!(cue.progress_01 >= 0.0 && cue.progress_01 <= 1.0)) __builtin_trap();
        if (r.stage() != Stage::Set && cue.direction != bfr::protocol::CueDirection::None) __builtin_trap();
        const double target = r.target_pct_lop(t);
        if (target != 0.0 && target != p.target_pct_lop(r.limb())) __builtin_trap();
        if (r.rest_remaining_s(t) < 0.0 || r.rest_remaining_s(t) > p.rest_s + 1e-6) __builtin_trap();
    }
    const auto advice = bfr::protocol::advise_next_load(p, r.sets(), p.load_pct1rm);
    if (advice.reason.empty()) __builtin_trap();
    if (advice.increase && advice.load_pct1rm > p.progression.max_load_pct1rm + 1e-9) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string origin = "fuzz.json";
    const LoadResult r = bfr::protocol::parse_protocol(text, origin);
    if (r.protocol.has_value() == !r.error.empty()) __builtin_trap();
    if (!r.protocol) {
        if (r.error.rfind(origin + ": ", 0) != 0) __builtin_trap();
        return 0;
    }
    const std::string json = bfr::protocol::to_json(*r.protocol);
    const LoadResult again = bfr::protocol::parse_protocol(json, origin);
    if (!again.protocol || !(*again.protocol == *r.protocol)) __builtin_trap();
    if (bfr::protocol::to_json(*again.protocol) != json) __builtin_trap();

    std::uint64_t seed = 1469598103934665603ULL;
    for (std::size_t i = 0; i < size; ++i) {
        seed ^= data[i];
        seed *= 1099511628211ULL;
    }
    check_runner(*r.protocol, seed);
    return 0;
}
