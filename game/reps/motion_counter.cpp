#include "game/reps/motion_counter.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::reps {
namespace {

double blend(double dt, double tau) noexcept {
    return 1.0 - std::exp(-dt / tau);
}

}  // namespace

void MotionRepCounter::Chain::push(const Candidate& c) noexcept {
    if (size == items.size()) {  // keep the newest kHeld
        for (std::size_t k = 1; k < size; ++k) items[k - 1] = items[k];
        --size;
    }
    items[size++] = c;
}

MotionRepCounter::MotionRepCounter(const MotionCounterConfig& config) noexcept : config_{config} {
    const double hz = std::clamp(config_.decimated_hz, 2.0, 50.0);
    config_.decimated_hz = hz;
    lags_ = std::clamp(static_cast<std::size_t>(config_.max_period_s * hz) + 2, std::size_t{8}, kMaxLags);
    min_lag_ = std::max<std::size_t>(2, static_cast<std::size_t>(config_.min_period_s * hz));
    period_s_ = config_.initial_period_s;
}

std::int64_t MotionRepCounter::to_ns(double t_s) const noexcept {
    return origin_ns_ + static_cast<std::int64_t>(std::llround(t_s * 1e9));
}

void MotionRepCounter::push(std::int64_t t_ns, double ax, double ay, double az, double gx, double gy, double gz,
                            std::vector<RepEvent>& out) {
    const bool acc = std::isfinite(ax) && std::isfinite(ay) && std::isfinite(az);
    const bool gyro = std::isfinite(gx) && std::isfinite(gy) && std::isfinite(gz);
    if (source_ == 0) source_ = acc ? 1 : gyro ? 2 : 0;
    double a[3];
    if (source_ == 1 && acc) {
        a[0] = ax;
        a[1] = ay;
        a[2] = az;
    } else if (source_ == 2 && gyro) {
        a[0] = gx / 100.0;  // °/s to roughly the scale of g
        a[1] = gy / 100.0;
        a[2] = gz / 100.0;
    } else {
        return;
    }
    auto restart = [&](double t) {
        for (int i = 0; i < 3; ++i) tempo_lp_[i] = tempo_bl_[i] = lp_[i] = bl_[i] = a[i];
        next_tick_ = t;
    };
    if (!started_) {
        started_ = true;
        origin_ns_ = t_ns;
        t_ = 0.0;
        restart(0.0);
        return;
    }
    const double t = static_cast<double>(t_ns - origin_ns_) * 1e-9;
    const double dt = t - t_;
    if (dt < 0.0) return;
    t_ = t;
    if (dt > config_.gap_reset_s) {  // a gap: restart the filters, keep the set
        restart(t);
        return;
    }
    tempo(t, a, dt);
    const double T = period_s_;
    const double al = blend(dt, std::max(config_.lowpass_periods * T, 0.02));
    const double ah = blend(dt, config_.baseline_periods * T);
    const double ac = blend(dt, config_.covariance_periods * T);
    double b[3];
    for (int i = 0; i < 3; ++i) {
        lp_[i] += al * (a[i] - lp_[i]);
        bl_[i] += ah * (lp_[i] - bl_[i]);
        b[i] = lp_[i] - bl_[i];
    }
    double* C = cov_;
    C[0] += ac * (b[0] * b[0] - C[0]);
    C[1] += ac * (b[1] * b[1] - C[1]);
    C[2] += ac * (b[2] * b[2] - C[2]);
    C[3] += ac * (b[0] * b[1] - C[3]);
    C[4] += ac * (b[0] * b[2] - C[4]);
    C[5] += ac * (b[1] * b[2] - C[5]);
    const double* v = axis_;
    const double w0 = C[0] * v[0] + C[3] * v[1] + C[4] * v[2];
    const double w1 = C[3] * v[0] + C[1] * v[1] + C[5] * v[2];
    const double w2 = C[4] * v[0] + C[5] * v[1] + C[2] * v[2];
    const double norm = std::sqrt(w0 * w0 + w1 * w1 + w2 * w2);
    if (norm > 1e-12) {  // one power-iteration step: C is PSD, so the axis never flips sign
        axis_[0] = w0 / norm;
        axis_[1] = w1 / norm;
        axis_[2] = w2 / norm;
    }
    const double y = axis_[0] * b[0] + axis_[1] * b[1] + axis_[2] * b[2];
    mean_square_ += ac * (y * y - mean_square_);
    lobes(t, y, out);
    recognise_when_stable(out);
}

void MotionRepCounter::recognise_when_stable(std::vector<RepEvent>& out) {
    // The tempo may settle between two candidates: the chain that ends with the newest held
    // candidate is then a set already, and its last rep should not wait for the next one.
    if (!recheck_ || in_set_ || polarity_ == 0 || !stable()) return;
    recheck_ = false;
    const Chain& held = chain(polarity_);
    if (held.size == 0) return;
    const Candidate& last = held.items[held.size - 1];
    if (last.sign != polarity_ || t_ - last.commit_s > config_.recheck_periods * period_s_) return;
    std::array<Candidate, kHeld + 1> found{};
    const std::size_t n = back_track(last, found);
    if (n >= config_.set_min_reps) start_set(found.data(), n, out);
}

void MotionRepCounter::tempo(double t, const double (&a)[3], double dt) noexcept {
    const double al = blend(dt, 0.15);
    const double ah = blend(dt, 2.0);
    for (int i = 0; i < 3; ++i) {
        tempo_lp_[i] += al * (a[i] - tempo_lp_[i]);
        tempo_bl_[i] += ah * (tempo_lp_[i] - tempo_bl_[i]);
    }
    const double step = 1.0 / config_.decimated_hz;
    int guard = 0;
    while (t >= next_tick_ && guard++ < 64) {  // at most a few ticks per sample (gaps restart the clock)
        next_tick_ += step;
        tick_t_ = t;
        const double b[3] = {tempo_lp_[0] - tempo_bl_[0], tempo_lp_[1] - tempo_bl_[1], tempo_lp_[2] - tempo_bl_[2]};
        tick(b);
    }
    if (t >= next_tick_) next_tick_ = t + step;
}

void MotionRepCounter::tick(const double (&b)[3]) noexcept {
    const std::size_t N = lags_;
    ring_[write_] = {b[0], b[1], b[2]};
    ++ticks_;
    const double a = 1.0 / (config_.autocorr_tau_s * config_.decimated_hz);
    const std::size_t kmax = static_cast<std::size_t>(std::min<std::uint64_t>(N, ticks_));
    for (std::size_t k = 0; k < kmax; ++k) {
        const auto& c = ring_[(write_ + N - k) % N];
        autocorr_[k] += a * (b[0] * c[0] + b[1] * c[1] + b[2] * c[2] - autocorr_[k]);
    }
    write_ = (write_ + 1) % N;
    const std::size_t kend = static_cast<std::size_t>(std::min<std::uint64_t>(N - 1, ticks_ / 2));
    const auto& R = autocorr_;
    if (kend <= min_lag_ + 1 || !(R[0] > 0.0)) return;
    const double q = 1.0 - a;
    const double full = 1.0 - std::pow(q, static_cast<double>(ticks_));
    // R[k] has accumulated (ticks − k) products, R[0] all of them: debias before comparing.
    auto debiased = [&](std::size_t k) {
        return R[k] / (1.0 - std::pow(q, static_cast<double>(ticks_ - k))) * full;
    };
    auto is_peak = [&](std::size_t k) { return R[k] >= R[k - 1] && R[k] >= R[k + 1]; };
    double best = -1.0;
    std::size_t best_k = 0;
    for (std::size_t k = min_lag_; k < kend; ++k) {
        if (!is_peak(k)) continue;
        const double r = debiased(k);
        if (r > best) {
            best = r;
            best_k = k;
        }
    }
    if (best_k == 0) return;
    // Prefer the fundamental: a peak near best_k / 3 or / 2 with at least fundamental_share of it.
    for (const std::size_t m : {std::size_t{3}, std::size_t{2}}) {
        const auto km = static_cast<std::size_t>(std::llround(static_cast<double>(best_k) / static_cast<double>(m)));
        if (km < min_lag_) continue;
        bool found = false;
        for (std::size_t k = std::max(min_lag_, km - 1); k < std::min(kend, km + 2); ++k) {
            if (!is_peak(k)) continue;
            const double r = debiased(k);
            if (r >= config_.fundamental_share * best) {
                best_k = k;
                best = r;
                found = true;
                break;
            }
        }
        if (found) break;
    }
    const double d = R[best_k - 1] - 2.0 * R[best_k] + R[best_k + 1];
    const double offset = d < 0.0 ? 0.5 * (R[best_k - 1] - R[best_k + 1]) / d : 0.0;
    const double r = best / R[0];
    tempo_ok_ = r > config_.tempo_confidence &&
                static_cast<double>(ticks_) >= config_.decimated_hz * config_.min_period_s * 4.0;
    if (tempo_ok_) {
        period_s_ = (static_cast<double>(best_k) + offset) / config_.decimated_hz;
        if (!have_reference_ || std::fabs(period_s_ - reference_period_s_) > config_.stable_change * reference_period_s_) {
            have_reference_ = true;  // the tempo moved: the stability clock starts again
            reference_period_s_ = period_s_;
            stable_since_ = tick_t_;
        }
    } else {
        have_reference_ = false;
    }
}

bool MotionRepCounter::stable() const noexcept {
    return tempo_ok_ && have_reference_ && t_ - stable_since_ >= config_.stable_periods * period_s_;
}

void MotionRepCounter::lobes(double t, double y, std::vector<RepEvent>& out) {
    // Half the set's typical peak-to-peak once a set is recognised, else from the signal's RMS.
    const double half = set_amplitude_ > 0.0 ? 0.5 * set_amplitude_ : 1.4 * std::sqrt(mean_square_);
    const double h = std::max(config_.noise_floor_g, config_.hysteresis * half);
    if ((y > 0.0) != (y_ > 0.0)) zero_cross_t_ = t;
    y_ = y;
    if (side_ == 1 && y > extreme_) {
        extreme_ = y;
        extreme_t_ = t;
    }
    if (side_ == -1 && y < extreme_) {
        extreme_ = y;
        extreme_t_ = t;
    }
    // In a set, an excursion that has turned back (to 90 % of its peak, at least a tenth of a
    // period after it) is a rep: it commits then, not when the signal has settled or swung to the
    // other side, so reps commit as the movement turns and the last rep of a set without waiting
    // for the next movement.
    if (in_set_ && side_ != 0 && side_ == polarity_ && std::fabs(y) <= config_.rest_return * std::fabs(extreme_) &&
        t - extreme_t_ >= config_.rest_hold_periods * period_s_) {
        lobe_end(side_, t, out, true);
        side_ = 0;
        return;
    }
    if (side_ != 1 && y > h) {
        lobe_end(-1, t, out);
        side_ = 1;
        extreme_ = y;
        extreme_t_ = t;
        lobe_t0_ = zero_cross_t_;
    } else if (side_ != -1 && y < -h) {
        lobe_end(+1, t, out);
        side_ = -1;
        extreme_ = y;
        extreme_t_ = t;
        lobe_t0_ = zero_cross_t_;
    }
}

void MotionRepCounter::lobe_end(int sign, double t, std::vector<RepEvent>& out, bool turned) {
    if (side_ == 0) return;
    const std::size_t i = sign > 0 ? 0 : 1;
    const double magnitude = std::fabs(extreme_);
    peaks_[i] = peaks_[i] == 0.0 ? magnitude : peaks_[i] + 0.3 * (magnitude - peaks_[i]);
    const double duration = std::max(1e-3, (zero_cross_t_ > extreme_t_ ? zero_cross_t_ : t) - lobe_t0_);
    dwell_[i] = dwell_[i] == 0.0 ? duration : dwell_[i] + 0.3 * (duration - dwell_[i]);
    Candidate c;
    c.sign = sign;
    c.commit_s = t;
    c.start_s = lobe_t0_;
    c.turn_s = extreme_t_;
    // Committed as it turns, the rep has not returned yet: its end is estimated as a return as
    // long as the way out.
    c.end_s = turned ? std::max(t, extreme_t_ + (extreme_t_ - lobe_t0_)) : zero_cross_t_ > extreme_t_ ? zero_cross_t_ : t;
    c.amplitude = std::fabs(extreme_ - prev_extreme_);
    prev_extreme_ = extreme_;
    if (!in_set_) {
        // Rest is where the signal dwells: the excursion side has the brief lobes; the larger
        // peaks break a tie.
        double score = std::log(std::max(peaks_[0], 1e-9) / std::max(peaks_[1], 1e-9));
        if (dwell_[0] > 0.0 && dwell_[1] > 0.0) score += config_.dwell_weight * std::log(dwell_[1] / dwell_[0]);
        polarity_ = score >= 0.0 ? 1 : -1;
    } else if (sign != polarity_) {
        return;
    }
    if (c.amplitude < config_.min_rep_amplitude_g) return;
    candidate(c, out);
}

void MotionRepCounter::candidate(const Candidate& c, std::vector<RepEvent>& out) {
    const double T = period_s_;
    if (in_set_) {
        const double gap = c.commit_s - last_rep_t_;
        if (gap > config_.set_end_periods * T) {
            end_set();
        } else {
            if (gap < config_.min_gap_periods * T || c.amplitude < config_.min_amplitude * set_amplitude_) return;
            commit(c, false, out);
            return;
        }
    }
    chain(c.sign).push(c);
    recheck_ = c.sign == polarity_ && !stable();
    if (c.sign == polarity_ && stable()) {
        std::array<Candidate, kHeld + 1> found{};
        const std::size_t n = back_track(c, found);
        if (n >= config_.set_min_reps) start_set(found.data(), n, out);
    }
}

std::size_t MotionRepCounter::back_track(const Candidate& c, std::array<Candidate, kHeld + 1>& found) const noexcept {
    // Newest first into `found`, then reversed: each step takes the held candidate closest to one
    // period before the current one, within [lo, hi] x T, with a compatible amplitude.
    const double T = period_s_;
    const Chain& held = sign_chain(c.sign);
    std::size_t n = 0;
    found[n++] = c;
    Candidate current = c;
    // The newest held candidate is `c` itself (just pushed): start below it.
    long i = static_cast<long>(held.size) - 2;
    while (i >= 0 && n < found.size()) {
        long best = -1;
        for (long k = i; k >= 0; --k) {
            const Candidate& p = held.items[static_cast<std::size_t>(k)];
            const double d = current.commit_s - p.commit_s;
            if (d > config_.chain_interval_hi * T) break;
            if (d < config_.chain_interval_lo * T) continue;
            if (p.amplitude < config_.set_amplitude_ratio * c.amplitude ||
                c.amplitude < config_.set_amplitude_ratio * p.amplitude) {
                continue;
            }
            if (best < 0 || std::fabs(d - T) < std::fabs(current.commit_s -
                                                         held.items[static_cast<std::size_t>(best)].commit_s - T)) {
                best = k;
            }
        }
        if (best < 0) break;
        current = held.items[static_cast<std::size_t>(best)];
        found[n++] = current;
        i = best - 1;
    }
    std::reverse(found.begin(), found.begin() + static_cast<long>(n));
    return n;
}

void MotionRepCounter::start_set(const Candidate* chain, std::size_t n, std::vector<RepEvent>& out) {
    in_set_ = true;
    std::array<double, kHeld + 1> amps{};
    for (std::size_t k = 0; k < n; ++k) amps[k] = chain[k].amplitude;
    std::sort(amps.begin(), amps.begin() + static_cast<long>(n));
    set_amplitude_ = amps[n / 2];
    pending_[0].clear();
    pending_[1].clear();
    for (std::size_t k = 0; k < n; ++k) commit(chain[k], k + 1 < n, out);
}

void MotionRepCounter::commit(const Candidate& c, bool late, std::vector<RepEvent>& out) {
    ++count_;
    const bool had_previous = have_last_rep_;
    const double previous = last_rep_t_;
    last_rep_t_ = c.commit_s;
    have_last_rep_ = true;
    double relative = 1.0;
    if (set_amplitude_ > 0.0) {
        relative = c.amplitude / set_amplitude_;
        set_amplitude_ += 0.2 * (c.amplitude - set_amplitude_);
    }
    double period_quality = 1.0;
    if (had_previous) period_quality = std::max(0.0, 1.0 - std::fabs((c.commit_s - previous) / period_s_ - 1.0));
    const double amplitude_quality = std::max(0.0, 1.0 - std::fabs(relative - 1.0));
    const std::int64_t start_ns = to_ns(c.start_s);
    RepEvent r = timed_rep(RepSignal::Motion, count_, start_ns, start_ns, to_ns(c.turn_s), to_ns(c.end_s), to_ns(t_));
    r.range = relative >= 0.7 ? RepRange::Full : RepRange::Partial;
    r.quality_01 = 0.5 * period_quality + 0.5 * amplitude_quality;
    r.confirmed_late = late;
    out.push_back(r);
}

void MotionRepCounter::end_set() noexcept {
    in_set_ = false;
    recheck_ = false;
    pending_[0].clear();
    pending_[1].clear();
    set_amplitude_ = 0.0;
}

void MotionRepCounter::finish(std::vector<RepEvent>& out) {
    if (side_ != 0 && side_ == polarity_ && std::fabs(y_) <= config_.finish_return * std::fabs(extreme_)) {
        Candidate c;
        c.commit_s = t_;
        c.start_s = lobe_t0_;
        c.turn_s = extreme_t_;
        c.end_s = t_;
        c.amplitude = std::fabs(extreme_ - prev_extreme_);
        c.sign = side_;
        side_ = 0;  // offered once
        candidate(c, out);
    }
    if (!in_set_ && polarity_ != 0) {
        const Chain& held = chain(polarity_);
        if (held.size > 0) {  // a short set: back-track from its last candidate, two reps are enough
            std::array<Candidate, kHeld + 1> found{};
            const std::size_t n = back_track(held.items[held.size - 1], found);
            if (n >= 2) start_set(found.data(), n, out);
        }
    }
}

}  // namespace bfr::reps
