#!/usr/bin/env python3
"""Side-by-side benchmark of genlab's ctgan/tvae against the reference implementation (issue 19).

    python3 plugins/deep-tabular/bench/side-by-side.py [--models ctgan,tvae] [--threads 1,2] [--pairs 3]
        [--epochs 3] [--busy] [--policy-check] [--gan-steps] [--venv DIR]

Run from any checkout after `mvn -B -q install -DskipTests` at the repository root. It
1. creates (once) a virtualenv with SDV from PyPI (default ~/.cache/genlab/bench/sdv-<version>);
2. snapshots genlab's test classpath of plugins/deep-tabular into target/bench-lib (so a later `mvn install`
   cannot swap a jar under a running benchmark);
3. for each model and thread count, runs genlab (DeepTabularBench, with the launcher's JVM options from
   core/cli/bin/jvm.options) and the reference (bench/sdv_side.py: the
   `ctgan` package's CTGAN/TVAE, which SDV's synthesizers wrap) alternately, `--pairs` times, each in its own
   process on the bundled Adult training rows (32,561), batch 500, the papers' default architectures;
4. prints per pair and as medians (with min-max) over pairs: epochs/s (the epoch loop only; also after the first
   epoch, which carries both sides' warm-up, and by the training thread's CPU time, which other load on the machine
   does not change; at 1 thread only: at 2 the second thread's work is not counted), sampling rows/s (as
   many rows as the training set), whole-process seconds (start, read, preprocess, train, sample), peak RSS, and
   the genlab / reference ratios; plus the machine's matrix-product rate and each side's estimated GFLOP/s.
`--busy` keeps one extra CPU-bound process running beside every measured run. `--policy-check` measures genlab's
thread policy instead (first of --models): 1 thread, 2 threads (the old default), 2 threads with passive OpenMP
waiting, and the default policy, each beside one busy process.
`--gan-steps` measures point 5 instead: seconds per update of the WGAN-GP `gan` on the toy ring with the settings of
experiments/toy-8gaussians-gan.conf (an update = 5 critic steps and 1 generator step, batch 256), genlab against the
same network written the usual way in PyTorch (bench/torch_gan_side.py, penalty by double back-propagation), at
each --threads, --pairs alternating pairs of --epochs epochs (15 updates each).
Timings depend on the machine: run it on a quiet one and quote medians. Nothing here is a pass/fail test.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

SDV_VERSION = "2.0.0"
HERE = Path(__file__).resolve().parent
MODULE = HERE.parent
REPO = MODULE.parent.parent
ADULT = REPO / "plugins/tabular-datasets/src/main/resources/dev/genlab/plugin/datasets/adult/adult-train.csv.gz"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def ensure_venv(venv):
    python = venv / "bin" / "python"
    if python.exists() and subprocess.run([python, "-c", "import sdv, ctgan, torch"], capture_output=True).returncode == 0:
        return python
    log(f"creating {venv} with sdv=={SDV_VERSION} from PyPI (several minutes the first time: torch is large)")
    venv.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([python, "-m", "pip", "install", "-q", f"sdv=={SDV_VERSION}"], check=True)
    return python


def genlab_classpath():
    target = MODULE / "target"
    out = target / "bench-classpath.txt"
    log("building genlab's benchmark classpath (mvn test-compile dependency:build-classpath)")
    r = subprocess.run(["mvn", "-B", "-q", "-f", str(MODULE / "pom.xml"), "test-compile", "dependency:build-classpath",
                        "-Dmdep.includeScope=test", f"-Dmdep.outputFile={out}"], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("error: could not build plugins/deep-tabular's test classpath; run 'mvn -B -q install -DskipTests' at "
                 f"{REPO} first\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
    lib = target / "bench-lib"
    shutil.rmtree(lib, ignore_errors=True)
    (lib / "jars").mkdir(parents=True)
    for jar in out.read_text().strip().split(os.pathsep):
        shutil.copy(jar, lib / "jars")
    shutil.copytree(target / "classes", lib / "classes")
    shutil.copytree(target / "test-classes", lib / "test-classes")
    return f"{lib / 'classes'}{os.pathsep}{lib / 'test-classes'}{os.pathsep}{lib / 'jars'}/*"


def measured(command, env):
    """Runs command; returns (BENCH dict, wall seconds, peak RSS MiB of that process, from os.wait4)."""
    import tempfile
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.monotonic()
        p = subprocess.Popen(command, env=env, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    rss = usage.ru_maxrss / 1024
    if p.returncode != 0:
        sys.exit(f"error: {' '.join(map(str, command[:3]))} ... failed ({p.returncode}):\n{stdout[-3000:]}\n{stderr[-3000:]}")
    bench = [l for l in stdout.splitlines() if l.startswith("BENCH ")]
    if not bench:
        sys.exit(f"error: no BENCH line from {command[:3]}:\n{stdout[-3000:]}\n{stderr[-3000:]}")
    return json.loads(bench[-1][6:]), wall, rss


def base_env(threads, passive=False):
    env = dict(os.environ)
    env.update({"OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads), "MKL_CBWR": "AUTO,STRICT",
                "DJL_OFFLINE": "true", "OPT_OUT_TRACKING": "true",
                "DJL_CACHE_DIR": str(MODULE / "target" / "test-cache" / "djl")})
    env.pop("OMP_WAIT_POLICY", None)
    if passive:
        env["OMP_WAIT_POLICY"] = "PASSIVE"
    return env


def jvm_options():
    """genlab's own JVM options, as its launcher passes them (core/cli/bin/jvm.options)."""
    lines = (REPO / "core/cli/bin/jvm.options").read_text().splitlines()
    return [l.strip() for l in lines if l.strip() and not l.strip().startswith("#")]


def genlab_command(cp, model, epochs, threads):
    cmd = ["java", *jvm_options(), "-Xmx4g", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", cp]
    if threads is not None:
        cmd.append(f"-Dgenlab.threads={threads}")
    return cmd + ["dev.genlab.plugin.deeptabular.bench.DeepTabularBench", "--models", model, "--epochs", str(epochs), "--no-utility"]


def sdv_command(python, model, epochs, threads):
    return [str(python), str(HERE / "sdv_side.py"), "--model", model, "--epochs", str(epochs), "--threads", str(threads),
            "--train", str(ADULT)]


def matmul_gflops(python, threads):
    code = ("import torch,time;torch.set_num_threads(%d);a=torch.randn(1024,1024);b=torch.randn(1024,1024)\n"
            "for _ in range(5): a@b\n"
            "t=time.monotonic();n=40\n"
            "for _ in range(n): a@b\n"
            "print(2*1024**3*n/(time.monotonic()-t)/1e9)") % threads
    r = subprocess.run([str(python), "-c", code], capture_output=True, text=True, env=base_env(threads))
    return float(r.stdout.strip())


def dense_flops_per_epoch(model, width, cond, rows, batch=500, pac=10, emb=128):
    """Estimated dense-layer FLOPs of one epoch (2 per multiply-add; a backward pass = 2 forwards), same networks on both sides."""
    steps = max(1, rows // batch)
    if model == "ctgan":
        g_in = emb + cond
        g = g_in * 256 + (g_in + 256) * 256 + (g_in + 512) * width
        d_in = (width + cond) * pac
        d = d_in * 256 + 256 * 256 + 256
        b = batch
        bd = batch // pac
        # critic step: G forward; D forward+backward on real and fake; gradient penalty about 3 passes of D fwd+bwd
        # generator step: G forward+backward, D forward+backward
        per_step = 2 * b * g + 2 * 6 * bd * d + 3 * 6 * bd * d + 6 * b * g + 6 * bd * d
    else:
        enc = width * 128 + 128 * 128 + 2 * 128 * 128
        dec = 128 * 128 + 128 * 128 + 128 * width
        per_step = 6 * batch * (enc + dec)
    return per_step * steps


def median_range(values):
    return statistics.median(values), min(values), max(values)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default="ctgan,tvae")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--busy", action="store_true")
    ap.add_argument("--policy-check", action="store_true")
    ap.add_argument("--gan-steps", action="store_true")
    ap.add_argument("--venv", type=Path, default=Path.home() / ".cache" / "genlab" / "bench" / f"sdv-{SDV_VERSION}")
    a = ap.parse_args()
    cp = genlab_classpath()
    busy = None
    if a.busy or a.policy_check:
        busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        if a.policy_check:
            return policy_check(cp, a)
        python = ensure_venv(a.venv)
        if a.gan_steps:
            return gan_steps(cp, python, a)
        print(f"machine: {os.cpu_count()} cores, load {open('/proc/loadavg').read().split()[0]}, busy process beside: {bool(busy)}")
        for threads in [int(t) for t in a.threads.split(",")]:
            rate = matmul_gflops(python, threads)
            print(f"\n== {threads} thread(s); matrix product 1024x1024 (torch, reference venv): {rate:.1f} GFLOP/s")
            for model in a.models.split(","):
                rows = {"genlab": [], "reference": []}
                for pair in range(a.pairs):
                    order = ["genlab", "reference"] if pair % 2 == 0 else ["reference", "genlab"]
                    for side in order:
                        cmd = genlab_command(cp, model, a.epochs, threads) if side == "genlab" else sdv_command(python, model, a.epochs, threads)
                        b, wall, rss = measured(cmd, base_env(threads))
                        b.update(wall=wall, rss=rss)
                        rows[side].append(b)
                        log(f"  {model} {threads}t pair {pair + 1} {side}: {b['epochs'] / b['epoch_seconds']:.3f} epochs/s, "
                            f"{b['sample_rows'] / b['sample_seconds']:.0f} rows/s sampling, {wall:.1f} s whole, {rss:.0f} MiB")
                report(model, threads, rows, rate)
    finally:
        if busy:
            busy.kill()


def report(model, threads, rows, rate):
    def eps(b):
        return b["epochs"] / b["epoch_seconds"]

    def sps(b):
        return b["sample_rows"] / b["sample_seconds"]

    def steady(b):
        """Epochs/s after the first epoch (which carries both sides' warm-up), from the median epoch time."""
        times = b.get("epoch_times") or []
        return 1 / statistics.median(times[1:]) if len(times) > 1 else eps(b)

    def cpu_eps(b):
        """Epochs/s of the training thread's CPU time after the first epoch: the work itself, whatever else runs."""
        times = b.get("epoch_cpu") or []
        return 1 / statistics.median(times[1:]) if len(times) > 1 else float("nan")

    def cpu_sps(b):
        return b["sample_rows"] / b["sample_cpu"] if b.get("sample_cpu") else float("nan")

    ref = rows["reference"][0]
    flops = dense_flops_per_epoch(model, ref.get("encoded_width") or 0, ref.get("condition_width") or 0, ref["train_rows"])
    print(f"{model}, {threads} thread(s), {len(rows['genlab'])} pairs; median (min-max)")
    print(f"  {'':18} {'genlab':>26} {'reference':>26}   genlab vs reference")
    for label, f, kind, fmt in [("epochs/s", eps, "higher", "{:.3f}"), ("  after epoch 1", steady, "higher", "{:.3f}"),
                                ("  by CPU time", cpu_eps, "higher", "{:.3f}"), ("sampling rows/s", sps, "higher", "{:.0f}"),
                                ("  by CPU time", cpu_sps, "higher", "{:.0f}"),
                                ("whole process s", lambda b: b["wall"], "faster", "{:.1f}"),
                                ("peak RSS MiB", lambda b: b["rss"], "memory", "{:.0f}")]:
        g = [f(b) for b in rows["genlab"]]
        r = [f(b) for b in rows["reference"]]
        # higher: genlab / reference; faster: reference time / genlab time; memory: genlab / reference (lower is better)
        ratio = [(y / x if kind == "faster" else x / y) for x, y in zip(g, r)]
        gm, rm, qm = median_range(g), median_range(r), median_range(ratio)
        word = {"higher": "x", "faster": "x faster", "memory": "x the memory"}[kind]
        cell = lambda m: (fmt.format(m[0]) + " (" + fmt.format(m[1]) + "-" + fmt.format(m[2]) + ")")
        print(f"  {label:18} {cell(gm):>26} {cell(rm):>26}   {qm[0]:.2f}{word} ({qm[1]:.2f}-{qm[2]:.2f})")
    ge = statistics.median(eps(b) for b in rows["genlab"]) * flops / 1e9
    re_ = statistics.median(eps(b) for b in rows["reference"]) * flops / 1e9
    print(f"  est. dense GFLOP/s      genlab {ge:.1f}, reference {re_:.1f} (machine matrix product {rate:.1f}; "
          f"{flops / 1e9:.1f} GFLOP per epoch by the script's formula)")


# the settings of experiments/toy-8gaussians-gan.conf that shape an update (its learning rate is the gan model's
# default), given to both sides
TOY_BATCH, TOY_LR = 256, "1e-4"
TOY_GAN = (f"loss = wgan-gp, numeric-encoding = mode-specific, batch-size = {TOY_BATCH}, latent-dim = 8, generator-dims = [128, 128], "
           f"discriminator-dims = [128, 128], learning-rate = {TOY_LR}, discriminator-steps = 5, gradient-penalty = 10, "
           "generator-average = 0.995")


def gan_steps(cp, python, a):
    epochs = a.epochs if a.epochs != 3 else 10
    print(f"machine: {os.cpu_count()} cores, load {open('/proc/loadavg').read().split()[0]}; WGAN-GP gan on the toy ring "
          f"(4000 rows), {epochs} epochs; {TOY_GAN}")
    for threads in [int(t) for t in a.threads.split(",")]:
        ms = {"genlab": [], "reference": []}
        layout = None
        for pair in range(a.pairs):
            for side in (["genlab", "reference"] if pair % 2 == 0 or layout is None else ["reference", "genlab"]):
                if side == "genlab":
                    cmd = genlab_command(cp, "gan", epochs, threads) + ["--dataset", "toy-8gaussians", "--gan", TOY_GAN]
                else:
                    cmd = [str(python), str(HERE / "torch_gan_side.py"), "--layout", layout, "--epochs", str(epochs),
                           "--threads", str(threads), "--batch", str(TOY_BATCH), "--lr", TOY_LR]
                b, wall, rss = measured(cmd, base_env(threads))
                layout = layout or b["layout"]
                ms[side].append(1000 * b["epoch_seconds"] / (b["epochs"] * b["updates_per_epoch"]))
                log(f"  gan {threads}t pair {pair + 1} {side}: {ms[side][-1]:.1f} ms per update ({wall:.1f} s whole, {rss:.0f} MiB)")
        ratio = [g / r for g, r in zip(ms["genlab"], ms["reference"])]
        g, r, q = median_range(ms["genlab"]), median_range(ms["reference"]), median_range(ratio)
        print(f"{threads} thread(s), {a.pairs} pairs, layout {layout}; median (min-max) ms per update: genlab {g[0]:.1f} "
              f"({g[1]:.1f}-{g[2]:.1f}), PyTorch {r[0]:.1f} ({r[1]:.1f}-{r[2]:.1f}); genlab / PyTorch time {q[0]:.2f}x "
              f"({q[1]:.2f}-{q[2]:.2f}; the target is at most 2x)")


def policy_check(cp, a):
    model = a.models.split(",")[0]
    print(f"machine: {os.cpu_count()} cores; {model}, {a.epochs} epochs, one busy process beside every run")
    cases = [("1 thread", "1", False), ("2 threads (the old default)", "2", False),
             ("2 threads, OMP_WAIT_POLICY=PASSIVE", "2", True), ("default policy (the cores free at start)", None, False)]
    results = {c[0]: [] for c in cases}
    used = {}
    for pair in range(a.pairs):
        for label, threads, passive in (cases if pair % 2 == 0 else list(reversed(cases))):
            b, wall, rss = measured(genlab_command(cp, model, a.epochs, threads), base_env(threads or 2, passive))
            results[label].append(b["epochs"] / b["epoch_seconds"])
            used[label] = b["threads"]
            log(f"  pair {pair + 1} {label}: {results[label][-1]:.3f} epochs/s (threads used {b['threads']})")
    for label, v in results.items():
        m = median_range(v)
        print(f"  {label:42} {m[0]:.3f} epochs/s ({m[1]:.3f}-{m[2]:.3f}), {used[label]} thread(s)")


if __name__ == "__main__":
    main()
