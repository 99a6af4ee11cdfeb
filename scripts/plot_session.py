#!/usr/bin/env python3
"""Plots one BFR session through the limb model, for docs/physiology-session.png.

Usage: scripts/plot_session.py [BIN] [OUT.png] [--keep DIR]

  BIN        the program (default build/bfr-coach)
  OUT.png    the picture (default docs/physiology-session.png)
  --keep DIR keep the recording, trace and summary in DIR instead of a temporary folder

What it does:
  (a) writes a telemetry v1 CSV recording (interfaces.md §4) at 50 Hz of a 30-15-15-15 session,
      arm, LOP 170 mmHg, cuff at 50 % LOP (85 mmHg), load 30 %1RM, 30 s rests with the cuff kept
      on, 2 s per rep (effort 0.40 for 1 s, then 0.24 for 0.8 s, then 0.2 s relaxed: activation_for_load(30)
      and the eccentric share 0.6 of the scenario runner), cuff inflated 30 s before the first set and
      released 60 s after the last, then 10 minutes of recovery; columns
      t_s,cuff_mmHg,lop_mmHg,load_pct1rm,effort,event (inflate / set_start / set_end / deflate);
  (b) runs `BIN replay rec.csv --trace trace.csv --trace-hz 10 --summary summary.json`, i.e. the
      real headless pipeline (telemetry -> reps -> physiology), not a re-implementation;
  (c) draws 4 stacked panels against time (cuff %LOP and inflow/outflow; PCr and pH; muscle and
      blood lactate and SmO2; swelling, metabolite x100 and fatigue) with the sets shaded.

Needs python3 and matplotlib (Debian: python3-matplotlib; if a pyenv or venv python3 comes first on
PATH, run it as `/usr/bin/python3 scripts/plot_session.py ...`). These are documentation tools only:
they are NOT dependencies of the project, its build or its tests.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

try:
    import matplotlib
except ImportError:
    sys.exit("plot_session: matplotlib is missing for this python3 (Debian: apt install python3-matplotlib, "
             "then run it with /usr/bin/python3 if another python3 comes first on PATH)")

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HZ = 50                 # recording rate
LOP = 170.0             # mmHg, arm default (interfaces.md §3)
PCT_LOP = 50.0          # cuff target
LOAD = 30.0             # %1RM
EFFORT_CON = 0.40       # activation_for_load(30) = 0.1 + 0.30
EFFORT_ECC = 0.24       # 0.6 x the concentric activation
BASELINE_S = 10         # rest before the cuff goes on
CUFF_BEFORE_S = 30      # cuff on, at rest, before the first set
SETS = [30, 15, 15, 15]
REP_S = 2
REST_S = 30
CUFF_AFTER_S = 60       # cuff kept on after the last set
RECOVERY_S = 600        # after release
RAMP_S = 1.0            # inflation and deflation ramps

# Okabe-Ito colours (readable for colour-blind readers).
BLUE, ORANGE, SKY, GREEN, VERMILLION, PURPLE, GREY, BLACK = (
    "#0072B2", "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#999999", "#000000")


def schedule():
    """Times (s) of inflation, the sets (start, end), deflation and the end of the recording."""
    inflate = BASELINE_S
    t = inflate + CUFF_BEFORE_S
    sets = []
    for i, reps in enumerate(SETS):
        sets.append((t, t + reps * REP_S))
        t += reps * REP_S
        if i + 1 < len(SETS):
            t += REST_S
    deflate = t + CUFF_AFTER_S
    return inflate, sets, deflate, deflate + RECOVERY_S


def write_recording(path):
    inflate, sets, deflate, end = schedule()
    cuff_on = PCT_LOP / 100.0 * LOP
    events = {inflate * HZ: "inflate", deflate * HZ: "deflate"}
    for start, stop in sets:
        events[start * HZ] = "set_start"
        events[stop * HZ] = "set_end"
    with open(path, "w", newline="\n") as f:
        f.write("# BFR Coach telemetry v1: synthetic 30-15-15-15 arm session for docs/physiology.md\n")
        f.write("# written by scripts/plot_session.py\n")
        f.write("t_s,cuff_mmHg,lop_mmHg,load_pct1rm,effort,event\n")
        for n in range(end * HZ + 1):  # integer sample index: no floating-point drift in the timing
            t = n / HZ
            if t < inflate:
                cuff = 0.0
            elif t < inflate + RAMP_S:
                cuff = cuff_on * (t - inflate) / RAMP_S
            elif t < deflate:
                cuff = cuff_on
            elif t < deflate + RAMP_S:
                cuff = cuff_on * (1.0 - (t - deflate) / RAMP_S)
            else:
                cuff = 0.0
            effort = 0.0
            for start, stop in sets:
                if start * HZ <= n < stop * HZ:
                    in_rep = (n - start * HZ) % (REP_S * HZ)
                    # 1 s lifting, 0.8 s lowering, 0.2 s at the bottom (the muscle relaxes
                    # between reps, so each rep is one contraction of `effort`).
                    if in_rep < HZ:
                        effort = EFFORT_CON
                    elif in_rep < HZ * 9 // 5:
                        effort = EFFORT_ECC
            f.write(f"{t:.2f},{cuff:.2f},{LOP:.0f},{LOAD:.0f},{effort:.2f},{events.get(n, '')}\n")


def read_trace(path):
    with open(path) as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    if not rows:
        sys.exit(f"plot_session: the trace {path} is empty")
    cols = {}
    for key in rows[0].keys():
        cols[key] = [float(r[key]) if r[key] not in ("", None) else float("nan") for r in rows]
    return cols


def shade(ax, sets, inflate, deflate):
    for i, (start, stop) in enumerate(sets):
        ax.axvspan(start, stop, color=ORANGE, alpha=0.16, lw=0, label="sets" if i == 0 else None)
    for x in (inflate, deflate):
        ax.axvline(x, color=GREY, lw=0.9, ls="--")


def main(argv):
    args = [a for a in argv[1:]]
    keep = None
    if "--keep" in args:
        i = args.index("--keep")
        if i + 1 >= len(args):
            sys.exit("usage: plot_session.py [BIN] [OUT.png] [--keep DIR]")
        keep = args[i + 1]
        del args[i:i + 2]
    binary = args[0] if len(args) > 0 else "build/bfr-coach"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = args[1] if len(args) > 1 else os.path.join(root, "docs", "physiology-session.png")

    work = keep or tempfile.mkdtemp(prefix="bfr-plot-session-")
    os.makedirs(work, exist_ok=True)
    rec = os.path.join(work, "rec.csv")
    trace = os.path.join(work, "trace.csv")
    summary = os.path.join(work, "summary.json")
    write_recording(rec)
    cmd = [binary, "replay", rec, "--trace", trace, "--trace-hz", "10", "--summary", summary,
           "--data-dir", os.path.join(work, "data")]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.stderr.strip():
        sys.stderr.write(done.stderr)
    if done.returncode != 0:
        sys.exit(f"plot_session: `{' '.join(cmd)}` exited {done.returncode}")
    c = read_trace(trace)
    reps = None
    try:
        with open(summary) as f:
            reps = json.load(f).get("reps", {}).get("count")
    except (OSError, ValueError):
        pass

    inflate, sets, deflate, end = schedule()
    t = c["t_s"]
    plt.rcParams.update({"font.size": 11, "axes.titlesize": 12, "axes.titleweight": "bold"})
    fig, axes = plt.subplots(4, 1, figsize=(14, 12), dpi=100, sharex=True)

    # 1. Cuff and flows.
    ax = axes[0]
    shade(ax, sets, inflate, deflate)
    ax.plot(t, [100.0 * p / LOP for p in c["cuff_mmHg"]], color=BLACK, lw=1.8, label="cuff, % of measured LOP")
    if "pct_lop_now" in c:
        ax.plot(t, c["pct_lop_now"], color=GREY, lw=1.4, ls=":", label="cuff, % of current LOP (drifts with BP)")
    ax.set_ylabel("cuff (% LOP)")
    ax.set_ylim(0, 110)
    ax2 = ax.twinx()
    ax2.plot(t, c["arterial_inflow_pct"], color=VERMILLION, lw=1.3, label="arterial inflow")
    ax2.plot(t, c["venous_outflow_pct"], color=BLUE, lw=1.3, ls="--", label="venous outflow")
    ax2.set_ylabel("flow (% of resting, no cuff)")
    # On release the pooled venous blood drains in a few seconds: a spike far above the rest of
    # the curves. Clip the axis and write the spike's height instead of squashing everything else.
    after = [(q, x) for q, x in zip(c["venous_outflow_pct"], t) if x >= deflate]
    body = max(max(c["arterial_inflow_pct"]), max(q for q, x in zip(c["venous_outflow_pct"], t) if x < deflate))
    top = 1.25 * body
    ax2.set_ylim(0, top)
    if after:
        spike, spike_t = max(after)
        if spike > top:
            ax2.annotate(f"venous outflow peaks at {spike:.0f} % on release\n(pooled blood draining, off scale)",
                         xy=(spike_t, top), xytext=(spike_t + 25, 0.72 * top), fontsize=9, color=BLUE,
                         arrowprops={"arrowstyle": "->", "color": BLUE})
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper right", fontsize=9, ncol=2)
    ax.set_title("Cuff pressure and limb blood flow")

    # 2. PCr and pH.
    ax = axes[1]
    shade(ax, sets, inflate, deflate)
    ax.plot(t, c["pcr_pct"], color=GREEN, lw=1.6, label="PCr (% of rest)")
    ax.set_ylabel("PCr (% of rest)")
    ax2 = ax.twinx()
    ax2.plot(t, c["ph"], color=PURPLE, lw=1.6, label="intramuscular pH")
    ax2.set_ylabel("pH")
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="lower right", fontsize=9)
    ax.set_title("Muscle energetics")

    # 3. Lactate and SmO2.
    ax = axes[2]
    shade(ax, sets, inflate, deflate)
    ax.plot(t, c["lactate_mmol_l"], color=VERMILLION, lw=1.6, label="muscle lactate")
    ax.plot(t, c["blood_lactate_mmol_l"], color=ORANGE, lw=1.6, ls="--", label="blood lactate (one arm)")
    ax.set_ylabel("lactate (mmol/L)")
    ax.set_ylim(0, None)
    ax2 = ax.twinx()
    ax2.plot(t, c["smo2_pct"], color=SKY, lw=1.6, label="SmO2")
    ax2.set_ylabel("SmO2 (%)")
    ax2.set_ylim(0, 100)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper right", fontsize=9)
    ax.set_title("Lactate and tissue oxygen")

    # 4. Swelling, metabolites, fatigue.
    ax = axes[3]
    shade(ax, sets, inflate, deflate)
    ax.plot(t, c["swelling_pct"], color=BLUE, lw=1.8, label="swelling (muscle thickness, %)")
    ax.plot(t, [100.0 * m for m in c["metabolite"]], color=VERMILLION, lw=1.6, label="metabolite index x100")
    ax.plot(t, c["fatigue_pct"], color=BLACK, lw=1.4, ls="--", label="fatigue (loss of max force, %)")
    ax.set_ylabel("%")
    ax.set_ylim(0, None)
    ax.legend(loc="upper right", fontsize=9)
    ax.set_title("Swelling, metabolite load and fatigue")
    ax.set_xlabel("time (s)   —   dashed lines: cuff inflated / released")
    ax.set_xlim(0, end)

    fig.suptitle("BFR Coach limb model: arm, 30-15-15-15 at 30 %1RM, cuff 50 % of LOP 170 mmHg, 30 s rests, "
                 "cuff on throughout\n(`bfr-coach replay --trace` of a 50 Hz telemetry recording)", fontsize=13)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    fig.savefig(out)
    print(f"wrote {out} (trace: {trace})")
    if reps is not None:
        # Each rep relaxes for 0.2 s at the bottom, so the effort rep counter sees every rep.
        print(f"replay counted {reps} reps (the recording has {sum(SETS)})")


if __name__ == "__main__":
    main(sys.argv)
