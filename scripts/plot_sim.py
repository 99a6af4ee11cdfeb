#!/usr/bin/env python3
"""Plots the simulated cuff's pressure for docs/simulator-pressure.png.

Usage: scripts/plot_sim.py [build/bench/bench_sim] [out.png]
Runs bench_sim for the tight and the loose profile (leg, seed 1), reads the telemetry v1 CSVs it
writes, and draws: the whole session in % LOP with the prescribed band, a few reps of set 1 (rep-
locked oscillations with the pulse ripple on top), and the automatic LOP measurement.
Needs python3-matplotlib (a documentation tool only: the program and its tests do not).
"""
import csv
import os
import subprocess
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

BENCH = sys.argv[1] if len(sys.argv) > 1 else "build/bench/bench_sim"
OUT = sys.argv[2] if len(sys.argv) > 2 else "docs/simulator-pressure.png"
BLUE, ORANGE, SKY, GREY = "#0072B2", "#E69F00", "#56B4E9", "#999999"  # Okabe-Ito


def load(profile):
    path = os.path.join(tempfile.mkdtemp(), f"sim_{profile}.csv")
    subprocess.run([BENCH, "--profile", profile, "--limb", "leg", "--seed", "1", "--csv", path], check=True,
                   stdout=subprocess.DEVNULL)
    rows = []
    with open(path) as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            rows.append(row)
    return rows


def series(rows, key):
    return [float(r[key]) if r[key] else None for r in rows]


def main():
    data = {p: load(p) for p in ("tight", "loose")}
    fig, axes = plt.subplots(3, 1, figsize=(11, 10), dpi=110)
    fig.suptitle("Simulated cuff, leg, target 60 % LOP, 30-15-15-15 at 2 s per rep (seed 1)")

    ax = axes[0]
    for profile, color in (("tight", BLUE), ("loose", ORANGE)):
        rows = data[profile]
        t = series(rows, "t_s")
        lop = [v for v in series(rows, "lop_mmHg") if v]
        lop = lop[-1]
        pct = [100.0 * v / lop if v is not None else None for v in series(rows, "cuff_mmHg")]
        ax.plot(t, pct, color=color, lw=0.6, label=f"{profile} (device LOP {lop:.0f} mmHg)")
    ax.axhspan(54, 66, color=SKY, alpha=0.25, label="prescribed band (60 % ± 10 %)")
    ax.axhline(100, color=GREY, ls="--", lw=0.8)
    ax.set_ylabel("% LOP")
    ax.set_xlabel("time (s)")
    ax.set_title("Whole session: LOP measurement, sets and rests")
    ax.legend(loc="upper right", fontsize=8)

    ax = axes[1]
    for profile, color in (("tight", BLUE), ("loose", ORANGE)):
        start = next(float(r["t_s"]) for r in data[profile] if r["event"] == "set_start")
        rows = [r for r in data[profile] if start + 2 <= float(r["t_s"]) <= start + 14]
        ax.plot([v - start for v in series(rows, "t_s")], series(rows, "cuff_mmHg"), color=color, lw=0.9,
                label=profile)
    start = next(float(r["t_s"]) for r in data["tight"] if r["event"] == "set_start")
    rows = [r for r in data["tight"] if start + 2 <= float(r["t_s"]) <= start + 14]
    ax2 = ax.twinx()
    ax2.plot([v - start for v in series(rows, "t_s")], series(rows, "angle_deg"), color=GREY, lw=0.8, ls=":",
             label="knee angle")
    ax2.set_ylabel("knee angle (deg)", color=GREY)
    ax.set_ylabel("cuff (mmHg)")
    ax.set_xlabel("time since the start of set 1 (s)")
    ax.set_title("Six reps of set 1: one pressure peak per contraction, the arterial pulse riding on it")
    ax.legend(loc="upper left", fontsize=8)

    ax = axes[2]
    rows = data["tight"]
    end = next(float(r["t_s"]) for r in rows if r["event"].startswith("lop_measured"))
    rows = [r for r in rows if float(r["t_s"]) <= end + 2]
    ax.plot(series(rows, "t_s"), series(rows, "cuff_mmHg"), color=BLUE, lw=0.7)
    true_lop = next(r["event"] for r in data["tight"] if r["event"].startswith("lop_measured"))
    ax.set_title(f"Automatic LOP measurement: steps until the pulse ripple vanishes ({true_lop})")
    ax.set_ylabel("cuff (mmHg)")
    ax.set_xlabel("time (s)")

    fig.tight_layout()
    fig.savefig(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
