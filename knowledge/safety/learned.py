"""The learned pieces the injection and rules classifiers share: a class-balanced logistic
regression, hashed words and word pairs beside the embedding, and the mean similarity to the
nearest labelled prototypes."""

from __future__ import annotations

import zlib
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray


def fit(
    x: NDArray[np.float64], y: NDArray[np.float64], *, l2: float = 1.0, steps: int = 30
) -> tuple[NDArray[np.float64], float]:
    """Class-balanced L2 logistic regression by Newton's method (IRLS): a few thousand
    unknowns and rows, converged in a few steps and the same result every time."""
    n, d = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    positives = max(1.0, float(y.sum()))
    negatives = max(1.0, float(n - y.sum()))
    weight = np.where(y > 0.5, n / (2 * positives), n / (2 * negatives))
    penalty = l2 * np.eye(d + 1)
    penalty[-1, -1] = 0.0  # the bias is not shrunk
    w = np.zeros(d + 1)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(design @ w)))
        gradient = design.T @ ((p - y) * weight) + penalty @ w
        hessian = (design * (p * (1 - p) * weight)[:, None]).T @ design + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-6:
            break
    return w[:-1], float(w[-1])


def hashed_grams(token_lists: list[list[str]], *, slots: int, weight: float) -> NDArray[np.float32]:
    """The small phrases ("every time", "mark it correct", "from now on") that a sentence
    embedding averages away. One row per text: each word and word pair present (1) or not
    in `slots` hashed slots, scaled to unit length and then by `weight`."""
    grams = np.zeros((len(token_lists), slots), dtype=np.float32)
    for row, words in enumerate(token_lists):
        for gram in [*words, *(f"{a} {b}" for a, b in pairwise(words))]:
            grams[row, zlib.crc32(gram.encode()) % slots] = 1.0
    norms = np.linalg.norm(grams, axis=1, keepdims=True)
    return grams / np.maximum(norms, 1.0) * weight


def nearest_mean(similarities: NDArray[np.float32], k: int) -> NDArray[np.float32]:
    """Mean similarity to the `k` closest prototypes, per row."""
    k = min(k, similarities.shape[1])
    return np.partition(similarities, -k, axis=1)[:, -k:].mean(axis=1)
