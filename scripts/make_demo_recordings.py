#!/usr/bin/env python3
"""Writes the demo recordings in assets/recordings/ (telemetry v1, interfaces.md §4).

A standard BFR block as a cuff with an angle sensor would record it: the cuff inflates to the
prescribed %LOP, 30-15-15-15 reps at 2 s per rep (1 s up, 1 s down) with 30 s rests, the cuff kept
on through the rests, released after the last set, then two minutes of recovery. Each contraction
lifts the cuff pressure a little (the muscle pushes on the bladder) and the pulse ripples it.
Deterministic (no randomness): the visual tests and the docs' screenshots use these files.

    python3 scripts/make_demo_recordings.py        # rewrites assets/recordings/*.csv
"""
import math
import os

RATE_HZ = 25


def recording(limb, lop, pct_lop, rest_deg, top_deg, path):
    target = lop * pct_lop / 100.0
    inflate_at, first_set = 5.0, 10.0
    sets, rest_s, rep_s = (30, 15, 15, 15), 30.0, 2.0
    schedule = []  # (start, reps)
    t = first_set
    for i, reps in enumerate(sets):
        schedule.append((t, reps))
        t += reps * rep_s + (rest_s if i + 1 < len(sets) else 0.0)
    block_end = t
    deflate_at = block_end + 2.0
    end = deflate_at + 120.0

    events = {round(inflate_at * RATE_HZ): "inflate", round(deflate_at * RATE_HZ): "deflate"}
    for i, (start, reps) in enumerate(schedule):
        events[round(start * RATE_HZ)] = "set_start"
        stop = start + reps * rep_s
        events[round(stop * RATE_HZ)] = "set_end"
        if i + 1 < len(schedule):
            events[round(stop * RATE_HZ) + 1] = "rest_start"

    lines = [f"# BFR Coach telemetry v1: demo {limb} block, 30-15-15-15 at {pct_lop:.0f} % of LOP {lop:.0f} mmHg,",
             "# 2 s per rep, 30 s rests with the cuff on, released after the last set (scripts/make_demo_recordings.py)",
             "t_s,cuff_mmHg,target_mmHg,lop_mmHg,load_pct1rm,angle_deg,event"]
    n = int(end * RATE_HZ)
    for k in range(n + 1):
        ts = k / RATE_HZ
        # Cuff: ramps up over 2 s at inflation, down over 2 s at release; pulse ripple while on.
        if ts < inflate_at:
            cuff = 0.0
        elif ts < inflate_at + 2.0:
            cuff = target * (ts - inflate_at) / 2.0
        elif ts < deflate_at:
            cuff = target
        elif ts < deflate_at + 2.0:
            cuff = target * (1.0 - (ts - deflate_at) / 2.0)
        else:
            cuff = 0.0
        progress = 0.0
        for start, reps in schedule:
            if start <= ts < start + reps * rep_s:
                phase = ((ts - start) % rep_s) / rep_s
                progress = 0.5 - 0.5 * math.cos(2.0 * math.pi * phase)  # up 1 s, down 1 s
        if cuff > 0.0:
            cuff += 0.08 * target * progress + 1.2 * math.sin(2.0 * math.pi * 1.2 * ts)
        angle = rest_deg + (top_deg - rest_deg) * progress
        event = events.get(k, "")
        target_cell = f"{target:.1f}" if inflate_at <= ts < deflate_at else "0"
        lines.append(f"{ts:.2f},{max(cuff, 0.0):.2f},{target_cell},{lop:.0f},30,{angle:.2f},{event}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "recordings")
    os.makedirs(out, exist_ok=True)
    recording("arm", 170.0, 50.0, 10.0, 135.0, os.path.join(out, "arm-30-15-15-15-50pct-lop.csv"))
    recording("leg", 200.0, 60.0, 90.0, 5.0, os.path.join(out, "leg-30-15-15-15-60pct-lop.csv"))


if __name__ == "__main__":
    main()
