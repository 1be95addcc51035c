#!/usr/bin/env python3
"""What running a sweep's trials on Spark costs, against local processes, through the real command line.

    python3 plugins/spark-launcher/bench/spark.py [--trials 6] [--repeats 3] [--out DIR]

Run from a checkout after `mvn -B -q package -DskipTests` at the repository root (core/cli/bin/genlab needs
core/cli/target). It
1. finds Spark: the pyspark virtualenv the tests install (target/test-cache/pyspark-venv-4.2.0), installing it there
   with pip if it is missing (python3 -m venv, pip install pyspark==4.2.0; about 500 MB);
2. starts two standalone clusters on 127.0.0.1 only, like the tests' SparkClusterExtension: one with 1 worker and one
   with 2 workers, each worker one core and 2 GiB (the master's REST server off; logs in --out);
3. writes one tiny experiment (copula on 600 rows of the bundled Adult sample, fidelity only, 200 synthetic rows:
   about a second of work per trial) with a sweep of --trials seeds, and runs it with
   `genlab run FILE --runs DIR -q --set sweep.launcher.type=...` in turns, alternating the four set-ups
   --repeats times (so a change of the machine's load hits all of them alike), every trial with GENLAB_THREADS=1:
     processes x1   sweep.launcher.type=processes, parallelism 1
     spark 1 worker sweep.launcher.type=spark on the 1-worker cluster
     processes x2   sweep.launcher.type=processes, parallelism 2
     spark 2 workers sweep.launcher.type=spark on the 2-worker cluster
4. prints the median wall time of each set-up, seconds per trial, trials per minute, and the Spark path's overhead
   per trial against local processes at the same parallelism: (spark - processes) / trials.

The exit code is 0 when every run ended with all trials FINISHED and the 1-worker overhead is under the target
(3 s per trial), 1 otherwise. Timings depend on the machine and on what else runs on it: the load average is printed
before and after; quote it with the figures. Stdlib only.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
GENLAB = ROOT / "core" / "cli" / "bin" / "genlab"
PYSPARK_VERSION = "4.2.0"
HOST = "127.0.0.1"
OVERHEAD_TARGET_S = 3.0


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def loadavg():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def pyspark_home():
    """The pyspark package directory (a complete SPARK_HOME) and the venv's python; installed if missing."""
    venv = ROOT / "target" / "test-cache" / f"pyspark-venv-{PYSPARK_VERSION}"
    python = venv / "bin" / "python"
    done = venv / ".genlab-complete"
    if not done.exists() or not python.exists():
        log(f"installing pyspark {PYSPARK_VERSION} into {venv} (pip, from PyPI)")
        venv.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--disable-pip-version-check", "--progress-bar", "off",
                        f"pyspark=={PYSPARK_VERSION}"], check=True)
        done.write_text(f"pyspark {PYSPARK_VERSION} installed by bench/spark.py\n", encoding="utf-8")
    home = subprocess.run([str(python), "-c", "import os, pyspark; print(os.path.dirname(pyspark.__file__))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    return Path(home), python


def java_home():
    java = shutil.which("java")
    if os.environ.get("JAVA_HOME"):
        return os.environ["JAVA_HOME"]
    return str(Path(os.path.realpath(java)).parent.parent)


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Cluster:
    """A standalone master and `workers` workers on loopback, each a spark-class JVM in a session of its own."""

    def __init__(self, spark_home, python, directory, workers):
        self.spark_home = spark_home
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "conf").mkdir(exist_ok=True)
        self.env = dict(os.environ, SPARK_HOME=str(spark_home), JAVA_HOME=java_home(), SPARK_LOCAL_IP=HOST,
                        SPARK_LOCAL_HOSTNAME=HOST, SPARK_PUBLIC_DNS=HOST, SPARK_CONF_DIR=str(directory / "conf"),
                        SPARK_LOG_DIR=str(directory), PYSPARK_PYTHON=str(python))
        self.env.pop("MLFLOW_TRACKING_URI", None)
        self.port = free_port()
        self.ui = free_port()
        self.processes = []
        self.spawn("master", ["org.apache.spark.deploy.master.Master", "--host", HOST, "--port", str(self.port),
                              "--webui-port", str(self.ui)],
                   {"SPARK_MASTER_OPTS": "-Dspark.master.rest.enabled=false"})
        for i in range(workers):
            self.spawn(f"worker-{i + 1}", ["org.apache.spark.deploy.worker.Worker", "--host", HOST, "--cores", "1",
                                           "--memory", "2g", "--webui-port", str(free_port()),
                                           "--work-dir", str(directory / f"worker-{i + 1}"), self.url])
        try:
            self.await_workers(workers)
        except BaseException:
            self.close()  # the caller never gets this object: nothing it started may outlive the script
            raise

    def await_workers(self, workers):
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                state = self.json()
                if sum(1 for w in state["workers"] if w["state"] == "ALIVE") == workers:
                    return
            except (OSError, ValueError):
                pass  # not answering yet, or not with JSON yet
            time.sleep(0.25)
        raise SystemExit(f"the cluster in {self.directory} did not get {workers} ALIVE workers within 120 s")

    @property
    def url(self):
        return f"spark://{HOST}:{self.port}"

    def spawn(self, name, args, extra_env=None):
        env = dict(self.env, **(extra_env or {}))
        out = open(self.directory / f"{name}.log", "ab")
        self.processes.append(subprocess.Popen([str(self.spark_home / "bin" / "spark-class")] + args, env=env,
                                               stdout=out, stderr=subprocess.STDOUT, start_new_session=True))

    def json(self):
        with urllib.request.urlopen(f"http://{HOST}:{self.ui}/json/", timeout=5) as r:
            return json.load(r)

    def close(self):
        # each process leads its own session: the group takes executors and what they started along
        for p in reversed(self.processes):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in self.processes:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


EXPERIMENT = """name = spark-bench
seed = 42
dataset {{ type = adult, max-rows = 600 }}
model {{ type = copula }}
sample {{ rows = 200 }}
metrics = [fidelity]
sweep {{ seeds = [{seeds}], parallelism = {parallelism} }}
"""


def run_sweep(conf, runs, env, sets):
    cmd = [str(GENLAB), "run", str(conf), "--runs", str(runs), "-q"]
    for s in sets:
        cmd += ["--set", s]
    t0 = time.monotonic()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.monotonic() - t0
    parents = [d for d in runs.iterdir() if "-sweep-" in d.name] if runs.exists() else []
    statuses = []
    for d in runs.iterdir() if runs.exists() else []:
        rj = d / "run.json"
        if rj.exists() and d not in parents:
            statuses.append(json.loads(rj.read_text(encoding="utf-8")).get("status"))
    ok = p.returncode == 0 and len(parents) == 1 and statuses and all(s == "FINISHED" for s in statuses)
    if not ok:
        log(f"FAILED (exit {p.returncode}): {' '.join(cmd)}\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    return wall, ok, len(statuses)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trials", type=int, default=6, help="trials per sweep (seeds)")
    ap.add_argument("--repeats", type=int, default=3, help="runs of each set-up, alternating")
    ap.add_argument("--out", type=Path, default=ROOT / "plugins" / "spark-launcher" / "target" / "spark-bench")
    args = ap.parse_args()
    if not GENLAB.exists() or not list((ROOT / "core" / "cli" / "target").glob("genlab-cli-*.jar")):
        raise SystemExit(f"genlab is not built: run 'mvn -B -q package -DskipTests' in {ROOT}")
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    spark_home, python = pyspark_home()
    cpus = os.cpu_count()
    print(f"machine: {cpus} cores; load average before: {loadavg()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; spark {PYSPARK_VERSION} (pyspark) at {spark_home}")
    seeds = ", ".join(str(i + 1) for i in range(args.trials))
    confs = {}
    for par in (1, 2):
        confs[par] = args.out / f"sweep-p{par}.conf"
        confs[par].write_text(EXPERIMENT.format(seeds=seeds, parallelism=par), encoding="utf-8")
    one = Cluster(spark_home, python, args.out / "cluster-1", 1)
    two = None
    try:
        two = Cluster(spark_home, python, args.out / "cluster-2", 2)
        # one PyTorch/worker thread per trial on both paths: a Spark trial gets trial-cores (1), a local process
        # cores / parallelism unless GENLAB_THREADS says otherwise (2 at parallelism 1 here, which on a loaded
        # machine made the local path the slower one)
        env = dict(one.env, GENLAB_THREADS="1")
        setups = [
            ("processes x1", 1, confs[1], ["sweep.launcher.type=processes"]),
            ("spark 1 worker", 1, confs[1], ["sweep.launcher.type=spark", f"sweep.launcher.master=\"{one.url}\""]),
            ("processes x2", 2, confs[2], ["sweep.launcher.type=processes"]),
            ("spark 2 workers", 2, confs[2], ["sweep.launcher.type=spark", f"sweep.launcher.master=\"{two.url}\""]),
        ]
        walls = {name: [] for name, *_ in setups}
        all_ok = True
        for rep in range(args.repeats):
            for name, par, conf, sets in setups:
                runs = args.out / f"runs-{name.replace(' ', '-')}-{rep + 1}"
                wall, ok, n = run_sweep(conf, runs, env, sets)
                all_ok &= ok and n == args.trials
                walls[name].append(wall)
                log(f"  #{rep + 1} {name:<16} {wall:6.1f} s  {'ok' if ok else 'FAILED'}  (load {loadavg()})")
    finally:
        one.close()
        if two is not None:
            two.close()
    med = {k: statistics.median(v) for k, v in walls.items()}
    print(f"{args.trials} trials per sweep (copula, 600 rows, fidelity), {args.repeats} alternating runs of each; medians:")
    print(f"{'set-up':<16} {'wall s':>7} {'s/trial':>8} {'trials/min':>11} {'overhead s/trial':>17}  runs (s)")
    base = {1: med["processes x1"], 2: med["processes x2"]}
    for name, par, _, _ in setups:
        m = med[name]
        over = "" if name.startswith("processes") else f"{(m - base[par]) / args.trials:+.2f}"
        print(f"{name:<16} {m:7.1f} {m / args.trials:8.2f} {60 * args.trials / m:11.1f} {over:>17}  "
              + ", ".join(f"{w:.1f}" for w in walls[name]))
    overhead1 = (med["spark 1 worker"] - base[1]) / args.trials
    print(f"Spark overhead per trial with 1 worker: {overhead1:.2f} s (target under {OVERHEAD_TARGET_S:.0f} s)")
    print(f"load average after: {loadavg()}")
    return 0 if all_ok and overhead1 < OVERHEAD_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
