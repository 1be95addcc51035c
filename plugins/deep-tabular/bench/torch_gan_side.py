"""The reference side of the per-update benchmark (issue 19, point 5): the network genlab's `gan` trains on the toy
ring (experiments/toy-8gaussians-gan.conf), written the usual way in PyTorch: an MLP generator (ReLU) with a tanh or
softmax per encoded block, an MLP critic (LeakyReLU 0.2), WGAN-GP with the penalty by double back-propagation
(torch.autograd.grad(create_graph=True)), Adam. The encoded layout comes from genlab's run (--layout), so both sides
have the same widths. The rows are random rows of that layout (timing does not depend on the values).
Prints one line `BENCH {json}`. Run by side-by-side.py --gan-steps inside its virtualenv; not part of genlab.
"""
import argparse
import json
import time

parser = argparse.ArgumentParser()
parser.add_argument("--layout", required=True, help="e.g. tanh:1,softmax:5,tanh:1,softmax:5")
parser.add_argument("--rows", type=int, default=4000)
parser.add_argument("--batch", type=int, default=256)
parser.add_argument("--latent", type=int, default=8)
parser.add_argument("--dims", default="128,128")
parser.add_argument("--critic-steps", type=int, default=5)
parser.add_argument("--penalty", type=float, default=10.0)
parser.add_argument("--lr", type=float, default=1e-3)
parser.add_argument("--epochs", type=int, default=20)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)
torch.manual_seed(args.seed)

blocks = [(kind, int(w)) for kind, w in (b.split(":") for b in args.layout.split(","))]
width = sum(w for _, w in blocks)
dims = [int(d) for d in args.dims.split(",")]


def mlp(inp, out, act):
    layers, w = [], inp
    for d in dims:
        layers += [nn.Linear(w, d), act()]
        w = d
    layers.append(nn.Linear(w, out))
    return nn.Sequential(*layers)


generator = mlp(args.latent, width, nn.ReLU)
critic = mlp(width, 1, lambda: nn.LeakyReLU(0.2))
opt_g = torch.optim.Adam(generator.parameters(), lr=args.lr, betas=(0.5, 0.9))
opt_d = torch.optim.Adam(critic.parameters(), lr=args.lr, betas=(0.5, 0.9))


def activate(raw):
    out, start = [], 0
    for kind, w in blocks:
        part = raw[:, start:start + w]
        out.append(torch.tanh(part) if kind == "tanh" else part if kind == "linear" else torch.softmax(part, dim=1))
        start += w
    return torch.cat(out, dim=1)


# random rows of the layout: values in (-0.9, 0.9), one category per one-hot block
cols = []
for kind, w in blocks:
    if kind == "softmax":
        cols.append(nn.functional.one_hot(torch.randint(0, w, (args.rows,)), w).float())
    else:
        cols.append(torch.empty(args.rows, w).uniform_(-0.9, 0.9))
data = torch.cat(cols, dim=1)
steps = max(1, args.rows // args.batch)


def penalty(real, fake):
    u = torch.rand(real.shape[0], 1)
    mixed = (u * real + (1 - u) * fake).requires_grad_(True)
    grad = torch.autograd.grad(critic(mixed).sum(), mixed, create_graph=True)[0]
    return args.penalty * ((grad.norm(2, dim=1) - 1) ** 2).mean()


t0 = time.monotonic()
for epoch in range(args.epochs):
    order = torch.randperm(args.rows)
    cursor = 0
    for step in range(steps):
        for _ in range(args.critic_steps):
            idx = order[torch.arange(cursor, cursor + args.batch) % args.rows]
            cursor += args.batch
            real = data[idx]
            fake = activate(generator(torch.randn(args.batch, args.latent))).detach()
            opt_d.zero_grad()
            loss = -(critic(real).mean() - critic(fake).mean()) + penalty(real, fake)
            loss.backward()
            opt_d.step()
        opt_g.zero_grad()
        loss_g = -critic(activate(generator(torch.randn(args.batch, args.latent)))).mean()
        loss_g.backward()
        opt_g.step()
epoch_seconds = time.monotonic() - t0
print("BENCH " + json.dumps({"model": "gan", "threads": args.threads, "epochs": args.epochs, "epoch_seconds": epoch_seconds,
                             "updates_per_epoch": steps, "batch_size": args.batch, "layout": args.layout,
                             "torch": torch.__version__}))
