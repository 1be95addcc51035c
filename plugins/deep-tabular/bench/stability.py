#!/usr/bin/env python3
"""Training stability sweep (issue 19, point 1): each deep model at its defaults on the bundled Adult rows, for
every seed, the given number of epochs; reports which (model, seed) runs finished and which stopped with a
non-finite loss ("loss.X became NaN in epoch N"), with the last epoch's losses.

    python3 plugins/deep-tabular/bench/stability.py [--models ctgan,tvae,gan,ddpm] [--seeds 1-10] [--epochs 30]
        [--parallel 2] [--threads 1]

Run from any checkout after `mvn -B -q install -DskipTests` at the repository root. Each run is its own process
(`DeepTabularBench --no-utility`), --parallel at a time, each with --threads PyTorch threads. A long command
(ctgan and gan at 30 epochs take minutes per seed); it prints each result as it comes. Not a pass/fail test.
"""
import argparse
import re
import importlib.util
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("side_by_side", HERE / "side-by-side.py")
sbs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sbs)


def seeds(text):
    out = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return out


def one(cp, model, seed, epochs, threads):
    # sampling is not what this checks: 1,000 rows (ddpm's 1,000 reverse steps for all 32,561 would take minutes)
    cmd = sbs.genlab_command(cp, model, epochs, threads) + ["--seed", str(seed), "--sample-rows", "1000"]
    t0 = time.monotonic()
    p = subprocess.run(cmd, env=sbs.base_env(threads), capture_output=True, text=True)
    wall = time.monotonic() - t0
    text = p.stdout + p.stderr
    nan = [l.strip() for l in text.splitlines() if re.search(r"became (NaN|-?Infinity)", l)]
    last = [l.strip() for l in p.stderr.splitlines() if f"/{epochs} epoch" in l]
    if p.returncode == 0:
        verdict = "finished"
    elif nan:
        verdict = "DIVERGED: " + nan[0][-160:]
    else:
        verdict = f"FAILED (exit {p.returncode}): " + text.strip().splitlines()[-1][-200:] if text.strip() else f"FAILED (exit {p.returncode})"
    return model, seed, verdict, wall, (last[-1] if last else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default="ctgan,tvae,gan,ddpm")
    ap.add_argument("--seeds", default="1-10")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--parallel", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    cp = sbs.genlab_classpath()
    jobs = [(m, s) for m in a.models.split(",") for s in seeds(a.seeds)]
    print(f"{len(jobs)} runs: {a.models} x seeds {a.seeds}, {a.epochs} epochs, {a.parallel} at a time, {a.threads} thread(s) each", flush=True)
    results = []
    with ThreadPoolExecutor(a.parallel) as pool:
        for model, seed, verdict, wall, last in pool.map(lambda j: one(cp, j[0], j[1], a.epochs, a.threads), jobs):
            results.append((model, verdict))
            print(f"  {model:6} seed {seed:3}: {verdict} ({wall:.0f} s) {last}", flush=True)
    print("summary:")
    for model in a.models.split(","):
        mine = [v for m, v in results if m == model]
        ok = sum(v == "finished" for v in mine)
        print(f"  {model:6} {ok}/{len(mine)} finished, {sum(v.startswith('DIVERGED') for v in mine)} diverged, "
              f"{sum(v.startswith('FAILED') for v in mine)} failed otherwise")
    sys.exit(0 if all(v == "finished" for _, v in results) else 1)


if __name__ == "__main__":
    main()
