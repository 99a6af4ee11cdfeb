#!/usr/bin/env python3
"""Writes the safety monitor's test recordings in tests/data/safety/ (telemetry v1, interfaces.md §4).

One recording made to trip each alarm kind of interfaces.md §5, and a clean session that must
trip none (docs/safety.md lists what each one holds and when its alarm is due):

    trip_pressure_above_lop.csv    a regulator overshoot to 182 mmHg (LOP 170) held 4 s
    trip_pressure_ceiling.csv      a 0.4 s spike to 312 mmHg (above the 300 mmHg ceiling)
    trip_pressure_out_of_band.csv  a slow leak drifting below the band, then a re-pump
    trip_occlusion_time.csv        21 min of continuous occlusion at 5 Hz
    trip_sensor_lost.csv           no rows for 3 s in the middle of a set
    trip_discomfort.csv            a `discomfort:8` report after the second set
    clean_session.csv              ~4.5 min, 30-15-15-15 in band with contraction peaks

Each is an arm block at 50 % of LOP 170 mmHg (target 85 mmHg, band 76.5-93.5 mmHg): the cuff
inflates, the patient does reps at 2 s each (every contraction squeezes the cuff for ~1 s, up to
+15 % LOP), the pulse ripples it (3 mmHg peak to peak) and the sensor adds a little noise. Python
standard library only; deterministic (seeded), so the files never change unless this script does.

    python3 scripts/make_safety_recordings.py      # rewrites tests/data/safety/*.csv
"""
import math
import os
import random

LOP = 170.0
TARGET = 85.0
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "safety")
HEADER = "t_s,cuff_mmHg,target_mmHg,lop_mmHg,event"


class Session:
    """A block: idle, inflation, sets of reps with rests, and the cuff's pressure at any time."""

    def __init__(self, rate_hz, seed, sets=(30, 15, 15, 15), rest_s=30.0, rep_s=2.0, inflate_at=2.0,
                 first_set_after=6.0, tail_s=5.0, peak_pct_lop=(8.0, 15.0)):
        self.rate_hz = rate_hz
        self.rng = random.Random(seed)
        self.rep_s = rep_s
        self.inflate_at = inflate_at
        self.inflated_at = inflate_at + TARGET / 40.0  # pumped up at 40 mmHg/s
        self.events = {}
        self.reps = []  # (start_s, peak height mmHg, width s)
        t = self.inflated_at + first_set_after
        self.event(inflate_at, "inflate")
        for i, n in enumerate(sets):
            self.event(t, "set_start")
            for _ in range(n):
                height = LOP * self.rng.uniform(*peak_pct_lop) / 100.0
                width = self.rng.uniform(0.8, 1.1)
                self.reps.append((t + 0.15, height, width))
                t += rep_s
            self.event(t, "set_end")
            if i + 1 < len(sets):
                self.event(t + 1.0 / rate_hz, "rest_start")
                t += rest_s
        self.deflate_at = t + 2.0
        self.event(self.deflate_at, "deflate")
        self.end_s = self.deflate_at + TARGET / 40.0 + tail_s
        self.heart_hz = 1.15

    def event(self, t, text):
        self.events[round(t * self.rate_hz)] = text

    def level(self, t):
        """The regulated level (no contraction, no pulse)."""
        if t < self.inflate_at:
            return 0.0
        if t < self.inflated_at:
            return 40.0 * (t - self.inflate_at)
        if t < self.deflate_at:
            return TARGET
        return max(0.0, TARGET - 40.0 * (t - self.deflate_at))

    def squeeze(self, t):
        """The contractions' squeeze of the bladder at t (raised-cosine peaks)."""
        total = 0.0
        for start, height, width in self.reps:
            if start <= t < start + width:
                total += height * 0.5 * (1.0 - math.cos(2.0 * math.pi * (t - start) / width))
        return total

    def pulse(self, t, level):
        """Arterial ripple: 3 mmHg peak to peak once the cuff is snug, none when it is off."""
        if level < 5.0:
            return 0.0
        ph = (t * self.heart_hz) % 1.0
        w = ph / 0.15 if ph < 0.15 else math.exp(-(ph - 0.15) / 0.25)
        return 3.0 * min(1.0, level / 40.0) * (w - 0.5)

    def pressure(self, t, level=None):
        lvl = self.level(t) if level is None else level
        if lvl <= 0.0:
            return max(0.0, self.rng.gauss(0.0, 0.3))
        on = self.inflated_at <= t < self.deflate_at
        p = lvl + (self.squeeze(t) if on else 0.0) + self.pulse(t, lvl) + self.rng.gauss(0.0, 0.3)
        return max(0.0, p)


def write(name, comments, session, pressure_at, skip=lambda t: False, extra_events=None, lop_at=None):
    """Writes `name`: every sample k/rate up to the session's end with pressure_at(t) (None: empty
    cell), the target while the cuff should be on, the LOP, and the events."""
    events = dict(session.events)
    for t, text in (extra_events or {}).items():
        events[round(t * session.rate_hz)] = text
    lines = ["# BFR Coach telemetry v1 (scripts/make_safety_recordings.py): " + comments[0]]
    lines += ["# " + c for c in comments[1:]]
    lines.append(HEADER)
    n = int(round(session.end_s * session.rate_hz))
    for k in range(n + 1):
        t = k / session.rate_hz
        if skip(t):
            continue
        p = pressure_at(t)
        target = TARGET if session.inflate_at <= t < session.deflate_at else 0.0
        lop = LOP if lop_at is None else lop_at(t)
        cuff = "" if p is None else f"{p:.2f}"
        lines.append(f"{t:.3f},{cuff},{target:g},{lop:g},{events.get(k, '')}")
    path = os.path.join(OUT_DIR, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{name}: {n + 1} samples, {os.path.getsize(path)} bytes")


def clean_session():
    s = Session(rate_hz=25, seed=1)
    # One event-only row in a rest (no pressure in it): it still proves the sensor alive.
    rest = s.reps[29][0] + 10.0

    def p(t):
        if abs(t - rest) < 0.5 / s.rate_hz:
            return None
        return s.pressure(t)

    write("clean_session.csv",
          ["a clean arm block, 30-15-15-15 at 2 s per rep, 30 s rests,",
           "target 85 mmHg (50 % of LOP 170), contraction peaks +8 to +15 % LOP, pulse 3 mmHg.",
           "Expected: no alarm and no notice."],
          s, p, extra_events={rest: "note:rest"})


def trip_above_lop():
    s = Session(rate_hz=50, seed=2, sets=(30,))
    start, hold = s.reps[10][0] - 0.15 + 1.2, 4.0  # in a rep's relaxed half: no squeeze on top

    def p(t):
        if start <= t < start + hold + 1.0:
            # The regulator overshoots: up to 182 mmHg in 0.5 s, held, back down in 0.5 s.
            u = t - start
            ramp = min(1.0, u / 0.5, max(0.0, (hold + 1.0 - u) / 0.5))
            return s.pressure(t, TARGET + (182.0 - TARGET) * ramp)
        return s.pressure(t)

    write("trip_pressure_above_lop.csv",
          [f"a regulator overshoot to 182 mmHg (LOP 170) from {start:.2f} s, held 4 s, in a set.",
           "Expected: pressure_above_lop (deflate) 1 s after the first sample at or above 170 mmHg;",
           "nothing else."],
          s, p)


def trip_ceiling():
    s = Session(rate_hz=50, seed=3, sets=(30,))
    start = s.reps[12][0] - 0.15 + 1.3

    def p(t):
        if start <= t < start + 0.4:
            # A 0.4 s spike to 312 mmHg (the limb knocked against the cuff, a pump fault).
            return 312.0 - 10.0 * abs(t - start - 0.2) / 0.2
        return s.pressure(t)

    write("trip_pressure_ceiling.csv",
          [f"a 0.4 s spike to 312 mmHg from {start:.2f} s, in a set (ceiling 300 mmHg).",
           "Expected: pressure_ceiling (deflate) at the first sample above 300 mmHg; the spike is",
           "too short for pressure_above_lop; nothing else."],
          s, p)


def trip_out_of_band():
    s = Session(rate_hz=50, seed=4, sets=(20, 15))
    rest_start = s.reps[19][0] - 0.15 + s.rep_s  # the rest after set 1
    leak_at, drift = rest_start + 3.0, 2.0         # 2 mmHg/s: 76.5 mmHg (the band's edge) after 4.25 s
    repump_at = leak_at + 22.0

    def level(t):
        if leak_at <= t < repump_at:
            return TARGET - drift * (t - leak_at)
        if repump_at <= t < repump_at + 1.0:  # re-pumped back to the target in 1 s
            low = TARGET - drift * (repump_at - leak_at)
            return low + (TARGET - low) * (t - repump_at)
        return s.level(t)

    write("trip_pressure_out_of_band.csv",
          [f"a slow leak from {leak_at:.2f} s in the rest after set 1: the cuff drifts down at 2 mmHg/s",
           f"(below the band's 76.5 mmHg at {leak_at + 4.25:.2f} s) until it is re-pumped at {repump_at:.2f} s.",
           "Expected: pressure_out_of_band (stop: below the band, re-pump) ~10 s after the drift leaves",
           "the band, cleared ~1 s after the re-pump; nothing else."],
          s, lambda t: s.pressure(t, level(t)))


def trip_occlusion():
    # 21 min at 5 Hz: sets of 30 reps with 30 s rests, the cuff never off.
    s = Session(rate_hz=5, seed=5, sets=(30,) * 14, rest_s=30.0)
    s.deflate_at = 21 * 60.0 + 10.0
    s.events = {k: v for k, v in s.events.items() if v != "deflate"}
    s.event(s.deflate_at, "deflate")
    s.reps = [r for r in s.reps if r[0] < s.deflate_at - 2.0]
    s.end_s = s.deflate_at + TARGET / 40.0 + 5.0
    write("trip_occlusion_time.csv",
          ["21 min of continuous occlusion (sets of 30 reps, 30 s rests, the cuff never off) at 5 Hz.",
           "Expected: a notice at 10 min and occlusion_time (deflate) at 20 min of occlusion, counted",
           "from the first sample at or above 20 mmHg; cleared after the final deflation; nothing else."],
          s, s.pressure)


def trip_sensor_lost():
    s = Session(rate_hz=50, seed=6, sets=(30,))
    gap_from = round((s.reps[15][0] - 0.15 + 0.5) * s.rate_hz) / s.rate_hz  # the last row before the gap

    write("trip_sensor_lost.csv",
          [f"no rows after {gap_from:.2f} s for 3 s (the sensor's link dropped) in a set.",
           f"Expected: sensor_lost (stop) raised at {gap_from + 2.0:.2f} s (the last row + 2 s), cleared at",
           f"{gap_from + 3.0:.2f} s (the first row back); nothing else."],
          s, s.pressure, skip=lambda t: gap_from + 1e-9 < t < gap_from + 3.0 - 1e-9)


def trip_discomfort():
    s = Session(rate_hz=50, seed=7, sets=(30, 15, 15))
    end1 = s.reps[29][0] - 0.15 + s.rep_s
    end2 = s.reps[44][0] - 0.15 + s.rep_s
    write("trip_discomfort.csv",
          [f"discomfort reported between sets: 4/10 at {end1 + 5.0:.2f} s, 8/10 at {end2 + 5.0:.2f} s.",
           "Expected: discomfort (stop) at the `discomfort:8` row; nothing else."],
          s, s.pressure, extra_events={end1 + 5.0: "discomfort:4", end2 + 5.0: "discomfort:8"})


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    clean_session()
    trip_above_lop()
    trip_ceiling()
    trip_out_of_band()
    trip_occlusion()
    trip_sensor_lost()
    trip_discomfort()


if __name__ == "__main__":
    main()
