"""Known answers for the image plugin's tests: Fréchet distances (scipy.linalg.sqrtm, as pytorch-fid computes FID
from features) and precision/recall/density/coverage (the reference `prdc` package of Naeem et al. 2020) on fixed,
seeded feature matrices. Writes the matrices and the expected numbers under ../resources/fixtures/.

    pip install numpy scipy prdc   # numpy 2.4.6, scipy 1.17.1, prdc 0.2 (scikit-learn 1.9.1) were used
    python3 make_fixtures.py
"""
import os

import numpy as np
from prdc import compute_prdc
from scipy import linalg

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures")


def frechet_sqrtm(a, b):
    """pytorch-fid's calculate_frechet_distance on the Gaussian fits of a and b (np.cov, ddof 1)."""
    mu1, mu2 = a.mean(axis=0), b.mean(axis=0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    diff = mu1 - mu2
    covmean = linalg.sqrtm(s1.dot(s2))
    if not np.isfinite(covmean).all():
        offset = np.eye(s1.shape[0]) * 1e-6
        covmean = linalg.sqrtm((s1 + offset).dot(s2 + offset))
    covmean = np.real(covmean)
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def frechet_eigh(a, b):
    """The same distance through symmetric eigendecompositions: tr sqrt(sqrt(S1) S2 sqrt(S1))."""
    mu1, mu2 = a.mean(axis=0), b.mean(axis=0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    w, v = np.linalg.eigh(s1)
    r1 = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    m = r1 @ s2 @ r1
    lam = np.linalg.eigvalsh((m + m.T) / 2)
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.sqrt(np.clip(lam, 0, None)).sum())


def save(name, x):
    np.savetxt(os.path.join(OUT, name), x, delimiter=",", fmt="%.17g")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261123)
    expected = []

    # 1: full-rank Gaussians, different means and covariances
    a = rng.normal(size=(200, 8))
    b = rng.normal(size=(150, 8)) @ rng.normal(size=(8, 8)) * 0.7 + 0.5
    # 2: fewer rows than dimensions (singular covariances)
    c = rng.normal(size=(30, 40))
    d = rng.normal(size=(35, 40)) * 1.5 + 0.2
    # 3: ReLU-like features with dead units, like a classifier's hidden layer
    e = np.maximum(rng.normal(size=(300, 64)) @ rng.normal(size=(64, 64)) * 0.3, 0)
    f = np.maximum(rng.normal(size=(250, 64)) @ rng.normal(size=(64, 64)) * 0.3 + 0.1, 0)
    e[:, :5] = 0
    f[:, :5] = 0
    for case, (x, y) in enumerate([(a, b), (c, d), (e, f)], start=1):
        save(f"frechet{case}-a.csv", x)
        save(f"frechet{case}-b.csv", y)
        s, g = frechet_sqrtm(x, y), frechet_eigh(x, y)
        print(f"frechet{case}: sqrtm {s!r} eigh {g!r} relative difference {abs(s - g) / abs(g):.2e}")
        expected.append(f"frechet{case}={s!r}")
        expected.append(f"frechet{case}.same={frechet_sqrtm(x, x)!r}")

    # PRDC: real and fake clouds that overlap in part
    real = rng.normal(size=(300, 10))
    fake = rng.normal(size=(250, 10)) * 1.3 + 0.4
    save("prdc-real.csv", real)
    save("prdc-fake.csv", fake)
    for k in (3, 5):
        m = compute_prdc(real_features=real, fake_features=fake, nearest_k=k)
        print(f"prdc k={k}: {m}")
        for key in ("precision", "recall", "density", "coverage"):
            expected.append(f"prdc.k{k}.{key}={float(m[key])!r}")

    with open(os.path.join(OUT, "expected.properties"), "w") as out:
        out.write("# written by src/test/python/make_fixtures.py; do not edit\n")
        out.write("\n".join(expected) + "\n")


if __name__ == "__main__":
    main()
