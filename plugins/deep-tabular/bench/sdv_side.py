"""The reference side of the side-by-side benchmark: CTGAN or TVAE from the `ctgan` package (the networks SDV's
CTGANSynthesizer / TVAESynthesizer wrap) on genlab's bundled Adult rows, timed the way DeepTabularBench times genlab.
Prints one line `BENCH {json}`. Run by side-by-side.py inside the virtualenv it creates; not part of genlab.
"""
import argparse
import json
import time

t_start = time.monotonic()
parser = argparse.ArgumentParser()
parser.add_argument("--model", choices=["ctgan", "tvae"], required=True)
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--train", required=True)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

import pandas as pd  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)
torch.manual_seed(args.seed)

import ctgan.synthesizers.ctgan as ctgan_module  # noqa: E402
import ctgan.synthesizers.tvae as tvae_module  # noqa: E402

epoch_marks = []
epoch_cpu_marks = []


class timed_range:
    """Stands in for the tqdm the synthesizers wrap their epoch loop in: notes when each epoch starts and ends."""

    def __init__(self, iterable, *a, **k):
        self.iterable = iterable

    def __iter__(self):
        for item in self.iterable:
            epoch_marks.append(time.monotonic())
            epoch_cpu_marks.append(time.thread_time())
            yield item
        epoch_marks.append(time.monotonic())
        epoch_cpu_marks.append(time.thread_time())

    def set_description(self, *a, **k):
        pass


ctgan_module.tqdm = timed_range
tvae_module.tqdm = timed_range

NUMERIC = {"age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"}
# "?" (missing) stays a category of its own, as genlab's one-hot encoding keeps it; numeric columns have none
train = pd.read_csv(args.train, skipinitialspace=True, keep_default_na=False)
discrete = [c for c in train.columns if c not in NUMERIC]
for c in discrete:
    train[c] = train[c].astype(str)

if args.model == "ctgan":
    model = ctgan_module.CTGAN(epochs=args.epochs, batch_size=500, verbose=False)
else:
    model = tvae_module.TVAE(epochs=args.epochs, batch_size=500, verbose=False)
t0 = time.monotonic()
model.fit(train, discrete)
fit_seconds = time.monotonic() - t0
if args.model == "ctgan":
    width = model._transformer.output_dimensions
    cond = model._data_sampler.dim_cond_vec()
else:
    width = model.transformer.output_dimensions if hasattr(model, "transformer") else None
    cond = 0
t1 = time.monotonic()
c1 = time.thread_time()
sample = model.sample(len(train))
sample_seconds = time.monotonic() - t1
sample_cpu = time.thread_time() - c1
print("BENCH " + json.dumps({
    "model": args.model, "threads": args.threads, "epochs": args.epochs,
    "epoch_seconds": epoch_marks[-1] - epoch_marks[0] if len(epoch_marks) > 1 else fit_seconds,
    "fit_seconds": fit_seconds, "sample_rows": len(sample), "sample_seconds": sample_seconds, "sample_cpu": sample_cpu,
    "train_rows": len(train), "encoded_width": int(width) if width is not None else None, "condition_width": int(cond),
    "epoch_times": [round(b - a, 4) for a, b in zip(epoch_marks, epoch_marks[1:])],
    # CPU seconds of the training thread per epoch (at 1 thread: the work, whatever the machine's load)
    "epoch_cpu": [round(b - a, 4) for a, b in zip(epoch_cpu_marks, epoch_cpu_marks[1:])],
    "startup_seconds": t0 - t_start, "torch": torch.__version__,
}), flush=True)
