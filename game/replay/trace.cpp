#include "game/replay/trace.hpp"

#include <fmt/compile.h>

#include <cmath>
#include <limits>
#include <string_view>

namespace bfr::replay {
namespace {

constexpr std::uint64_t kFemto = 1'000'000'000'000'000;  // 1e9 ns/s × 1e6 µHz/Hz
constexpr std::size_t kFlushBytes = 64 * 1024;

constexpr double kHalfUnit[] = {0.5, 0.05, 0.005, 0.0005, 0.00005};

/// A value with `decimals` (1 to 4) decimals; no "-0.00", and an empty cell for a value that does
/// not exist.
void put(fmt::memory_buffer& out, double value, int decimals) {
    out.push_back(',');
    if (!std::isfinite(value)) return;
    if (std::fabs(value) < kHalfUnit[decimals]) value = 0.0;
    switch (decimals) {
        case 1: fmt::format_to(fmt::appender(out), FMT_COMPILE("{:.1f}"), value); break;
        case 2: fmt::format_to(fmt::appender(out), FMT_COMPILE("{:.2f}"), value); break;
        case 3: fmt::format_to(fmt::appender(out), FMT_COMPILE("{:.3f}"), value); break;
        default: fmt::format_to(fmt::appender(out), FMT_COMPILE("{:.4f}"), value); break;
    }
}

void format_row(fmt::memory_buffer& out, std::int64_t t_ns, const TraceState& s) {
    const physiology::Outputs& o = s.out;
    fmt::format_to(fmt::appender(out), FMT_COMPILE("{}"), static_cast<double>(t_ns) / 1e9);
    put(out, s.cuff_mmHg, 2);
    put(out, o.arterial_inflow_pct, 2);
    put(out, o.venous_outflow_pct, 2);
    put(out, o.pcr_pct, 2);
    put(out, o.ph, 4);
    put(out, o.lactate_mmol_l, 3);
    put(out, o.blood_lactate_mmol_l, 3);
    put(out, o.smo2_pct, 2);
    put(out, o.swelling_pct, 3);
    put(out, o.metabolite, 4);
    put(out, o.fatigue_pct, 3);
    put(out, o.recruitment_pct, 2);
    fmt::format_to(fmt::appender(out), FMT_COMPILE(",{}"), s.reps);
    // Extra columns.
    put(out, s.cuff_mmHg > 0.0 && s.lop_in_use_mmHg > 0.0 ? 100.0 * s.cuff_mmHg / s.lop_in_use_mmHg : 0.0, 2);
    put(out, s.lop_in_use_mmHg, 1);
    put(out, o.lop_mmHg, 2);
    put(out, o.pct_lop, 2);
    put(out, s.activation, 4);
    put(out, o.venous_pressure_mmHg, 2);
    put(out, o.pooled_ml_100ml, 4);
    put(out, o.interstitial_ml_100ml, 4);
    put(out, o.cell_swell_pct, 3);
    put(out, o.pi_mM, 3);
    put(out, o.oxidative_mM_s, 4);
    put(out, o.glycolytic_mM_s, 4);
    put(out, o.atp_demand_mM_s, 4);
    put(out, o.capacity, 4);
    put(out, o.discomfort, 3);
    put(out, o.rpe, 2);
    put(out, o.occlusion_s, 3);
    put(out, o.occlusion_run_s, 3);
}

}  // namespace

TraceClock::TraceClock(double hz) noexcept {
    if (!(hz > 0.0) || !(hz <= 60.0)) hz = 10.0;
    micro_hz_ = static_cast<std::uint64_t>(std::llround(hz * 1e6));
    if (micro_hz_ == 0) micro_hz_ = 1;
    q_ = kFemto / micro_hz_;
    r_ = kFemto % micro_hz_;
}

std::int64_t TraceClock::row_ns(std::uint64_t k) const noexcept {
    // floor(k × 1e15 / µHz), exactly, without overflowing 64 bits for any k a recording reaches:
    // k × q + floor(k × r / µHz), with k split so that (k mod µHz) × r < µHz² ≤ 3.6e15.
    const std::uint64_t whole = k / micro_hz_;
    const std::uint64_t part = k % micro_hz_;
    const std::uint64_t limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (q_ != 0 && k > limit / q_) return std::numeric_limits<std::int64_t>::max();
    const std::uint64_t ns = k * q_ + whole * r_ + (part * r_) / micro_hz_;
    return ns > limit ? std::numeric_limits<std::int64_t>::max() : static_cast<std::int64_t>(ns);
}

std::uint64_t TraceClock::rows_until(std::int64_t last_ns) const noexcept {
    if (last_ns <= 0) return 1;
    // Rows 0..k with row_ns(k) <= last_ns: start from the estimate and correct it.
    const double estimate = std::floor(static_cast<double>(last_ns) * static_cast<double>(micro_hz_) * 1e-15);
    std::uint64_t k = estimate > 0.0 ? static_cast<std::uint64_t>(estimate) : 0;
    while (k > 0 && row_ns(k) > last_ns) --k;
    while (row_ns(k + 1) <= last_ns) ++k;
    return k + 1;
}

const char* trace_header() noexcept {
    return "t_s,cuff_mmHg,arterial_inflow_pct,venous_outflow_pct,pcr_pct,ph,lactate_mmol_l,blood_lactate_mmol_l,"
           "smo2_pct,swelling_pct,metabolite,fatigue_pct,recruitment_pct,reps,"
           "pct_lop,lop_in_use_mmHg,lop_now_mmHg,pct_lop_now,activation,venous_pressure_mmHg,pooled_ml_100ml,"
           "interstitial_ml_100ml,cell_swell_pct,pi_mM,oxidative_mM_s,glycolytic_mM_s,atp_demand_mM_s,capacity,"
           "discomfort,rpe,occlusion_s,occlusion_run_s";
}

TraceWriter::TraceWriter(std::FILE* file) : file_{file} {
    const std::string_view header = trace_header();
    buffer_.append(header.data(), header.data() + header.size());
    buffer_.push_back('\n');
}

void TraceWriter::write_row(std::int64_t t_ns, const TraceState& state) {
    format_row(buffer_, t_ns, state);
    buffer_.push_back('\n');
    ++rows_;
    if (buffer_.size() >= kFlushBytes) (void)flush();
}

bool TraceWriter::flush() {
    if (!failed_ && buffer_.size() > 0) {
        failed_ = file_ == nullptr || std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size();
    }
    buffer_.clear();
    return !failed_;
}

std::string format_trace_row(std::int64_t t_ns, const TraceState& state) {
    fmt::memory_buffer buffer;
    format_row(buffer, t_ns, state);
    return fmt::to_string(buffer);
}

}  // namespace bfr::replay
