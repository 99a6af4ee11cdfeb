#include "game/modes/therapist/captions.hpp"

#include "game/presentation/view_models.hpp"
#include "game/safety/alarm.hpp"
#include "game/session/guidance.hpp"
#include "game/session/session.hpp"
#include "game/session/systems.hpp"
#include "game/telemetry/format_v1.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace bfr::modes::therapist {
namespace {

// Thresholds (docs/therapist.md, "Captions").
constexpr double kMetaboliteLevels[] = {0.10, 0.20, 0.30};
constexpr double kCellLevels[] = {0.5, 1.0, 2.0};  // % of cell volume
constexpr double kThicknessLevels[] = {10.0, 20.0};  // % muscle thickness
constexpr double kFatigueLevel = 20.0;               // % of force lost
constexpr double kCuffOn = 20.0;                     // mmHg (the session's kCuffOnMmhg)
constexpr double kWashoutRatio = 1.12;               // A's metabolite load over B's (no cuff) ...
constexpr double kWashoutMargin = 0.01;              // ... and at least this much above it

const char* action_words(safety::Action a) {
    switch (a) {
        case safety::Action::Deflate: return "the cuff must come off";
        case safety::Action::Lower10: return "lower the cuff by 10 mmHg";
        case safety::Action::Stop: return "stop the exercise";
    }
    return "";
}

/// Bytes of the UTF-8 sequence starting with `lead`.
std::size_t utf8_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1;
}

std::size_t utf8_chars(const std::string& s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); i += utf8_length(static_cast<unsigned char>(s[i]))) ++n;
    return n;
}

}  // namespace

LimbObservation observe_limb(const session::Session& session, bool has_cuff) {
    LimbObservation o;
    o.present = true;
    o.has_cuff = has_cuff;
    const session::LimbPhysiology& phys = session.physiology();
    o.cuff_held_mmHg = phys.cuff_held_mmHg;
    const auto& latest = session.world().ctx().get<session::TelemetryState>().latest;
    if (latest.has(telemetry_v1::kTargetMmhg)) {
        o.target_mmHg = std::max(0.0, latest.values[telemetry_v1::kTargetMmhg]);
    } else if (has_cuff && phys.cuff_held_mmHg >= session::kCuffOnMmhg) {
        // A recording without a target: the default prescription of the LOP in use (interfaces.md §3).
        const auto* rig = session.world().find<session::LimbRig>(session.limb());
        const auto limb = rig != nullptr ? rig->kind : session::LimbKind::Arm;
        o.target_mmHg = session::default_target_pct_lop(limb) / 100.0 * phys.inputs.lop_mmHg;
    }
    o.metabolite = std::clamp(phys.out.metabolite, 0.0, 1.0);
    o.cell_swell_pct = phys.out.cell_swell_pct;
    o.swelling_pct = phys.out.swelling_pct;
    o.fatigue_pct = phys.out.fatigue_pct;
    const auto& alarms = session.world().ctx().get<session::SafetyState>().tick_alarms;
    if (!alarms.empty()) {
        const safety::Alarm& a = alarms.back();
        o.alarm = fmt::format("{}: {}", presentation::alarm_title(safety::kind_name(a.kind)), action_words(a.action));
    }
    return o;
}

std::vector<std::string> wrap_words(const std::string& text, std::size_t width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t line_chars = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ') ++j;
        if (j == i) break;
        const std::string word = text.substr(i, j - i);
        const std::size_t chars = utf8_chars(word);
        if (line_chars > 0 && line_chars + 1 + chars > width) {
            lines.push_back(line);
            line.clear();
            line_chars = 0;
        }
        if (line_chars > 0) {
            line += ' ';
            ++line_chars;
        }
        line += word;
        line_chars += chars;
        i = j;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

CaptionDirector::CaptionDirector(std::string name_a, std::string name_b)
    : name_a_{std::move(name_a)}, name_b_{std::move(name_b)} {}

void CaptionDirector::rename(std::string name_a, std::string name_b) {
    name_a_ = std::move(name_a);
    name_b_ = std::move(name_b);
}

void CaptionDirector::queue(core::Tick tick, Mechanism kind, int priority, std::string text) {
    pending_.push_back(Pending{tick, kind, priority, std::move(text)});
}

void CaptionDirector::observe_side(core::Tick tick, SideMemory& m, const LimbObservation& o, const std::string& name,
                                   const StageObservation& stage) {
    if (!o.present) return;
    if (!o.alarm.empty() && (!m.any_alarm || tick >= m.last_alarm + 60 * core::kTickHz)) {
        m.any_alarm = true;
        m.last_alarm = tick;
        queue(tick, Mechanism::Safety, 100, fmt::format("{}: safety alarm. {}.", name, o.alarm));
    }
    m.peak_metabolite = std::max(m.peak_metabolite, o.metabolite);
    const bool inflated = o.cuff_held_mmHg >= kCuffOn;
    if (inflated && !m.inflated) m.inflated_since = tick;
    if (!inflated && m.inflated && o.has_cuff && tick >= m.inflated_since + 30 * core::kTickHz &&
        o.metabolite >= kMetaboliteLevels[0] && stage.finished && !m.released) {
        m.released = true;
        queue(tick, Mechanism::Release, 80,
              fmt::format("{}: cuff off. Trapped blood drains and fresh blood rushes in (reactive hyperaemia): the "
                          "metabolites wash out in minutes; the swelling eases only over hours.",
                          name));
    }
    m.inflated = inflated;
    if (o.has_cuff && !m.pooled && o.target_mmHg > 0.0 && o.cuff_held_mmHg >= 0.9 * o.target_mmHg) {
        m.pooled = true;
        queue(tick, Mechanism::Pooling, 60,
              fmt::format("{}: the cuff is at pressure. It squeezes the veins more than the arteries: blood still "
                          "gets in but drains slowly, so it pools and the veins swell.",
                          name));
    }
    if (o.has_cuff && inflated) {
        while (m.metabolite_level < 3 && o.metabolite >= kMetaboliteLevels[m.metabolite_level]) {
            const int level = m.metabolite_level++;
            if (level == 0) {
                queue(tick, Mechanism::Metabolites, 50,
                      fmt::format("{}: the working muscle makes lactate, acid and phosphate. With the outflow held "
                                  "back they build up instead of washing away.",
                                  name));
            } else if (level == 1) {
                queue(tick, Mechanism::Recruitment, 40,
                      fmt::format("{}: metabolites at {:.0f} %. Low oxygen and acid tire the working fibres, so "
                                  "more fibres, fast ones too, are recruited to lift the same light load.",
                                  name, 100.0 * kMetaboliteLevels[level]));
            } else {
                queue(tick, Mechanism::HeavyLike, 40,
                      fmt::format("{}: metabolites at {:.0f} %. Studies find light BFR sets can reach the metabolic "
                                  "stress of heavy lifting: one proposed growth signal.",
                                  name, 100.0 * kMetaboliteLevels[level]));
            }
        }
        while (m.cell_level < 3 && o.cell_swell_pct >= kCellLevels[m.cell_level]) {
            const int level = m.cell_level++;
            if (level == 0) {
                queue(tick, Mechanism::CellSwelling, 50,
                      fmt::format("{}: water follows the metabolites into the muscle cells (cell volume +0.5 %). "
                                  "Cell swelling is the second proposed growth signal.",
                                  name));
            } else {
                queue(tick, Mechanism::CellSwelling, 35,
                      fmt::format("{}: the cells keep swelling (+{:.1f} % volume). Stretch sensors in the cell "
                                  "membrane are thought to signal growth.",
                                  name, kCellLevels[level]));
            }
        }
        while (m.thickness_level < 2 && o.swelling_pct >= kThicknessLevels[m.thickness_level]) {
            const int level = m.thickness_level++;
            queue(tick, Mechanism::Thickness, 30,
                  fmt::format("{}: the muscle is {:.0f} % thicker: pooled blood, fluid and swollen cells. "
                              "Ultrasound finds +14 to +35 % after 4 sets.",
                              name, kThicknessLevels[level]));
        }
    }
    if (!m.fatigue && o.fatigue_pct >= kFatigueLevel) {
        m.fatigue = true;
        queue(tick, Mechanism::Fatigue, 30,
              fmt::format("{}: {:.0f} % of the maximal force is spent. Metabolites speed fatigue up, so later sets "
                          "run out sooner.",
                          name, kFatigueLevel));
    }
    if (m.released && !m.washout_said && o.metabolite <= 0.4 * m.peak_metabolite) {
        m.washout_said = true;
        queue(tick, Mechanism::Washout, 30,
              fmt::format("{}: most metabolites have washed out; the fill drains back toward the joint.", name));
    }
}

void CaptionDirector::observe(core::Tick tick, const LimbObservation& a, const LimbObservation& b,
                              const StageObservation& stage) {
    if (!intro_) {
        intro_ = true;
        if (b.present) {
            queue(tick, Mechanism::Intro, 90,
                  fmt::format("{} and {} do the same reps. Watch the colour fill (metabolites) and the size "
                              "(swelling).",
                              name_a_, name_b_));
        } else {
            queue(tick, Mechanism::Intro, 90,
                  fmt::format("{}'s recording: the limb, the plots and the reps follow the timeline. Watch the "
                              "colour fill (metabolites) and the size (swelling).",
                              name_a_));
        }
    }
    observe_side(tick, mem_a_, a, name_a_, stage);
    observe_side(tick, mem_b_, b, name_b_, stage);
    if (b.present && a.has_cuff && !b.has_cuff && !washout_contrast_ && (stage.in_set || stage.in_rest) &&
        a.metabolite >= kWashoutRatio * b.metabolite && a.metabolite >= b.metabolite + kWashoutMargin) {
        washout_contrast_ = true;
        queue(tick, Mechanism::NoCuffWashout, 45,
              fmt::format("{}: the same reps, but free blood flow carries the metabolites away faster, so they "
                          "stay lower than in {}.",
                          name_b_, name_a_));
    }
    if (b.present && a.has_cuff && !b.has_cuff && !cell_contrast_ && b.cell_swell_pct >= kCellLevels[1]) {
        cell_contrast_ = true;
        queue(tick, Mechanism::Thickness, 35,
              fmt::format("In {} the cells swell too, a little less: they follow the metabolites. The cuff adds "
                          "pooled blood and fluid, so {} is thicker.",
                          name_b_, name_a_));
    }
    if (stage.in_rest && !was_rest_ && a.has_cuff) {
        if (stage.rest_cuff_on && !rest_on_said_ && a.metabolite >= kMetaboliteLevels[0]) {
            rest_on_said_ = true;
            queue(tick, Mechanism::RestCuffOn, 45,
                  fmt::format("{}: a rest with the cuff on. The blood still cannot drain, so the metabolites stay "
                              "high into the next set.",
                              name_a_));
        } else if (!stage.rest_cuff_on && !rest_off_said_) {
            rest_off_said_ = true;
            queue(tick, Mechanism::RestCuffOff, 45,
                  fmt::format("{}: the cuff is off in the rest. Blood drains and the metabolites start to wash out "
                              "before the next set.",
                              name_a_));
        }
    }
    was_rest_ = stage.in_rest;
    schedule(tick);
}

void CaptionDirector::schedule(core::Tick tick) {
    // Drop what waited too long (safety alarms always show).
    std::erase_if(pending_, [tick](const Pending& p) {
        return p.kind != Mechanism::Safety && tick >= p.queued + kStaleTicks;
    });
    CaptionSpan* current = !shown_.empty() && shown_.back().end > tick ? &shown_.back() : nullptr;
    if (current != nullptr && tick >= current->start + kMaxShowTicks) {
        current->end = tick;
        current = nullptr;
    }
    if (pending_.empty()) return;
    const bool urgent = std::any_of(pending_.begin(), pending_.end(),
                                    [](const Pending& p) { return p.kind == Mechanism::Safety; });
    if (current != nullptr && tick < current->start + kMinShowTicks && !(urgent && current->kind != Mechanism::Safety)) {
        return;
    }
    // The highest priority, then the oldest.
    auto best = pending_.begin();
    for (auto it = pending_.begin(); it != pending_.end(); ++it) {
        if (it->priority > best->priority) best = it;
    }
    if (current != nullptr) current->end = tick;
    CaptionSpan span;
    span.start = tick;
    span.kind = best->kind;
    span.text = std::move(best->text);
    pending_.erase(best);
    shown_.push_back(std::move(span));
}

const CaptionSpan* CaptionDirector::at(core::Tick tick) const noexcept {
    auto it = std::upper_bound(shown_.begin(), shown_.end(), tick,
                               [](core::Tick t, const CaptionSpan& s) { return t < s.start; });
    if (it == shown_.begin()) return nullptr;
    --it;
    return tick < it->end ? &*it : nullptr;
}

std::vector<const CaptionSpan*> CaptionDirector::recent(core::Tick tick, std::size_t n) const {
    std::vector<const CaptionSpan*> out;
    auto it = std::upper_bound(shown_.begin(), shown_.end(), tick,
                               [](core::Tick t, const CaptionSpan& s) { return t < s.start; });
    while (it != shown_.begin() && out.size() < n) {
        --it;
        out.push_back(&*it);
    }
    return out;
}

}  // namespace bfr::modes::therapist
