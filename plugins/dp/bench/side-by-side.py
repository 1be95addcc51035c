#!/usr/bin/env python3
"""genlab's mst (and aim) side by side with smartnoise-synth's on UCI Adult.

Both fit the same rows -- the bundled adult-train.csv.gz, all 32,561 (genlab: split.use-provided-test = true) --
with the same public domain: the bounds and categories genlab's AdultDataset declares (read from its Java source),
numeric columns in the same equal-width bins (genlab's DomainCodec rule: `bins` bins over the public range, one bin
per whole number when the range has at most that many values). smartnoise gets them as pre-fitted transformers
(BinTransformer with the public bounds, LabelTransformer fitted on the public categories), so neither reads a bound
from the data and no budget goes to preprocessing. Both sample 10,000 rows; SDMetrics' QualityReport scores each
sample against the training rows the same way (column shapes: 1 - KS / 1 - TV; column pair trends: 1 - |d corr|/2
or 1 - TV of contingency tables). Wall time: fit + sample (genlab: from its run.json, and the whole CLI call with
the JVM start; smartnoise: in its own Python process).

    python3 plugins/dp/bench/side-by-side.py                     # makes plugins/dp/bench/.venv, installs, runs
    python3 plugins/dp/bench/side-by-side.py --venv /tmp/venv --epsilons 0.5 1 4 --aim-timeout 900

Needs a built genlab (core/cli/bin/genlab). smartnoise's code only runs here, never in genlab.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
ADULT_CSV = ROOT / "plugins/tabular-datasets/src/main/resources/dev/genlab/plugin/datasets/adult/adult-train.csv.gz"
ADULT_JAVA = ROOT / "plugins/tabular-datasets/src/main/java/dev/genlab/plugin/datasets/AdultDataset.java"
GENLAB = ROOT / "core/cli/bin/genlab"
PACKAGES = ["smartnoise-synth==1.0.8", "sdmetrics==0.32.0"]
ROWS = 10_000
DELTA = 1e-6


def ensure_venv(venv):
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    probe = subprocess.run([str(python), "-c", "import snsynth, sdmetrics"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PACKAGES], check=True)
    return python


def public_domain():
    """{column: ("range", lo, hi, missing) | ("categories", [levels], missing)} from AdultDataset.domain()."""
    src = ADULT_JAVA.read_text()
    body = src[src.index("private static Map<String, ColumnDomain> domain()"):]
    body = body[:body.index("return d;")]
    out = {}
    for m in re.finditer(r'd\.put\("([^"]+)",\s*ColumnDomain\.(range|categories)\((.*?)\)(\.orMissing\(\))?\);', body, re.S):
        name, kind, args, missing = m.group(1), m.group(2), m.group(3), bool(m.group(4))
        if kind == "range":
            lo, hi = (float(x.replace("_", "")) for x in args.split(","))
            out[name] = ("range", lo, hi, missing)
        else:
            out[name] = ("categories", re.findall(r'"([^"]*)"', args), missing)
    return out


def load_real():
    import pandas as pd
    return pd.read_csv(ADULT_CSV, na_values=["?"], keep_default_na=False, skipinitialspace=True)


def smartnoise_transformer(domain, real, bins):
    """The public domain as pre-fitted smartnoise transformers, binned as genlab's DomainCodec bins."""
    from snsynth.transform import BinTransformer, LabelTransformer, TableTransformer
    ts = []
    for col in real.columns:
        d = domain[col]
        if d[0] == "range":
            lo, hi, missing = d[1], d[2], d[3]
            if hi - lo + 1 <= bins:  # one bin per whole number, decoded to that number
                t = BinTransformer(bins=int(hi - lo + 1), lower=lo - 0.5, upper=hi + 0.5, nullable=missing)
            else:
                t = BinTransformer(bins=bins, lower=lo, upper=hi, nullable=missing)
            t.fit(list(real[col]))
        else:
            t = LabelTransformer(nullable=d[2])
            t.fit(d[1])
        ts.append(t)
    return TableTransformer(ts)


def fit_smartnoise(synth, epsilon, seed, bins, out, aim_options):
    """Runs in its own process: fit and sample, the time of both, the sample as CSV."""
    import numpy as np
    from snsynth import Synthesizer
    np.random.seed(seed)
    real = load_real()
    transformer = smartnoise_transformer(public_domain(), real, bins)
    start = time.perf_counter()
    model = Synthesizer.create(synth, epsilon=epsilon, delta=DELTA, **(aim_options if synth == "aim" else {}))
    model.fit(real, transformer=transformer, preprocessor_eps=0.0)
    sample = model.sample(ROWS)
    seconds = time.perf_counter() - start
    sample.to_csv(out, index=False)
    print(json.dumps({"seconds": seconds}))


def aim_settings(args):
    """The AIM settings given to both sides alike (smartnoise keyword, genlab key): only those given on the command line."""
    out = []
    if args.aim_max_model_size is not None:
        out.append(("max_model_size", "max-model-size", args.aim_max_model_size))
    if args.aim_rounds is not None:
        out.append(("rounds", "rounds", args.aim_rounds))
    return out


def run_genlab(model, epsilon, seed, bins, runs, extra=()):
    start = time.perf_counter()
    r = subprocess.run([str(GENLAB), "run", str(ROOT / "experiments/adult-copula.conf"), "--runs", str(runs),
                        "--set", f"model.type={model}", "--set", f"model.epsilon={epsilon}", "--set", f"model.delta={DELTA}",
                        "--set", f"model.bins={bins}", "--set", "split.use-provided-test=true", "--set", "metrics=[]",
                        "--set", f"sample.rows={ROWS}", "--set", f"seed={seed}", *extra], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if r.returncode != 0:
        raise RuntimeError(f"genlab failed ({r.returncode}): {r.stderr[-2000:]}")
    run_dir = Path(re.search(r"run directory: (\S+)", r.stdout).group(1))
    if not run_dir.is_absolute():
        run_dir = Path.cwd() / run_dir
    seconds = json.loads((run_dir / "run.json").read_text())["seconds"]
    return run_dir / "artifacts/synthetic.csv", seconds["fit"] + seconds["sample"], wall


def score(real, synthetic_csv):
    import pandas as pd
    from sdmetrics.reports.single_table import QualityReport
    synthetic = pd.read_csv(synthetic_csv, na_values=["?", ""], keep_default_na=False)
    synthetic = synthetic[real.columns]
    for col in real.columns:
        if real[col].dtype.kind in "if":
            synthetic[col] = pd.to_numeric(synthetic[col], errors="coerce")
        else:
            synthetic[col] = synthetic[col].astype(object)
    metadata = {"columns": {c: {"sdtype": "numerical" if real[c].dtype.kind in "if" else "categorical"} for c in real.columns}}
    report = QualityReport()
    report.generate(real, synthetic, metadata, verbose=False)
    props = report.get_properties().set_index("Property")["Score"]
    return float(props["Column Shapes"]), float(props["Column Pair Trends"])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--venv", type=Path, default=HERE / ".venv")
    p.add_argument("--epsilons", type=float, nargs="+", default=[0.5, 1.0, 4.0])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--bins", type=int, default=32)
    p.add_argument("--aim-timeout", type=float, default=900, help="seconds for one smartnoise aim fit; 0 skips aim")
    p.add_argument("--aim-epsilons", type=float, nargs="*", help="the epsilons smartnoise's aim runs at (default: all)")
    p.add_argument("--aim-max-model-size", type=float,
                   help="MB, given to both aims alike (default: each its own, genlab 1, smartnoise the paper's 80)")
    p.add_argument("--aim-rounds", type=int, help="rounds, given to both aims alike (default: each its own, 16 x columns)")
    p.add_argument("--work", type=Path, default=HERE / "work")
    p.add_argument("--inner", nargs=6, metavar=("SYNTH", "EPSILON", "SEED", "BINS", "OUT", "AIM_JSON"), help=argparse.SUPPRESS)
    p.add_argument("--score", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()

    if args.inner:
        synth, eps, seed, bins, out, aim_json = args.inner
        fit_smartnoise(synth, float(eps), int(seed), int(bins), out, json.loads(aim_json))
        return
    python = ensure_venv(args.venv)
    if not args.score:
        # everything that imports pandas, smartnoise or sdmetrics runs inside the virtual environment
        os.execv(str(python), [str(python), __file__, "--score", "--venv", str(args.venv), "--epsilons", *map(str, args.epsilons),
                               "--seed", str(args.seed), "--bins", str(args.bins), "--aim-timeout", str(args.aim_timeout),
                               *(["--aim-epsilons", *map(str, args.aim_epsilons)] if args.aim_epsilons is not None else []),
                               *(["--aim-max-model-size", str(args.aim_max_model_size)] if args.aim_max_model_size is not None else []),
                               *(["--aim-rounds", str(args.aim_rounds)] if args.aim_rounds is not None else []),
                               "--work", str(args.work)])
    args.work.mkdir(parents=True, exist_ok=True)
    real = load_real()
    rows = []
    shared = aim_settings(args)
    aim_json = json.dumps({k: (int(v) if float(v).is_integer() else v) for k, _, v in shared})
    genlab_aim = [a for _, key, v in shared for a in ("--set", f"model.{key}={v:g}")]
    for eps in args.epsilons:
        for synth in ["mst", "aim"]:
            csv_path, seconds, wall = run_genlab(synth, eps, args.seed, args.bins, args.work / "runs",
                                                 genlab_aim if synth == "aim" else ())
            rows.append((eps, synth, "genlab", *score(real, csv_path), seconds, wall))
            print(f"# genlab {synth} eps={eps}: {rows[-1]}", file=sys.stderr, flush=True)
            if synth == "aim" and (args.aim_timeout <= 0 or (args.aim_epsilons is not None and eps not in args.aim_epsilons)):
                continue
            out = args.work / f"smartnoise-{synth}-{eps}.csv"
            start = time.perf_counter()
            try:
                r = subprocess.run([sys.executable, __file__, "--inner", synth, str(eps), str(args.seed), str(args.bins), str(out), aim_json],
                                   capture_output=True, text=True, timeout=args.aim_timeout if synth == "aim" else None)
            except subprocess.TimeoutExpired:
                rows.append((eps, synth, "smartnoise", float("nan"), float("nan"), float("nan"), time.perf_counter() - start))
                print(f"# smartnoise {synth} eps={eps}: stopped after {args.aim_timeout:.0f} s", file=sys.stderr, flush=True)
                continue
            if r.returncode != 0:
                raise RuntimeError(f"smartnoise {synth} failed: {r.stderr[-3000:]}")
            seconds = json.loads(r.stdout.strip().splitlines()[-1])["seconds"]
            rows.append((eps, synth, "smartnoise", *score(real, out), seconds, time.perf_counter() - start))
            print(f"# smartnoise {synth} eps={eps}: {rows[-1]}", file=sys.stderr, flush=True)

    def fmt(x, spec):
        return "n/a" if x != x else format(x, spec)

    print(f"Adult, {len(real)} training rows, {ROWS} synthetic, delta = {DELTA:g}, {args.bins} bins, seed {args.seed}; "
          f"SDMetrics QualityReport (sdmetrics {__import__('sdmetrics').__version__}, smartnoise-synth "
          f"{__import__('importlib.metadata').metadata.version('smartnoise-synth')})"
          + (f"; aim on both sides with {', '.join(f'{key} = {v:g}' for _, key, v in shared)}" if shared else ""))
    print("| ε | synth | engine | column shapes | pair trends | fit+sample s | whole call s |")
    print("|---|---|---|---|---|---|---|")
    for eps, synth, engine, shapes, trends, seconds, wall in rows:
        print(f"| {eps:g} | {synth} | {engine} | {fmt(shapes, '.4f')} | {fmt(trends, '.4f')} | {fmt(seconds, '.1f')} | {fmt(wall, '.1f')} |")
    print()
    print("| ε | synth | Δ shapes (genlab − ref) | Δ pair trends | speed-up (ref fit+sample / genlab fit+sample) | whole-call speed-up |")
    print("|---|---|---|---|---|---|")
    for eps in args.epsilons:
        for synth in ["mst", "aim"]:
            g = [r for r in rows if r[0] == eps and r[1] == synth and r[2] == "genlab"]
            s = [r for r in rows if r[0] == eps and r[1] == synth and r[2] == "smartnoise"]
            if not g or not s:
                continue
            g, s = g[0], s[0]
            print(f"| {eps:g} | {synth} | {fmt(g[3] - s[3], '+.4f')} | {fmt(g[4] - s[4], '+.4f')} | "
                  f"{fmt(s[5] / g[5], '.1f')}x | {fmt(s[6] / g[6], '.1f')}x |")


if __name__ == "__main__":
    main()
