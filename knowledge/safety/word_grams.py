"""Words and adjacent word pairs hashed into a fixed number of slots: the small phrases
("every time", "mark it correct", "from now on") that a sentence embedding averages away,
given to a regression beside the embedding."""

from __future__ import annotations

import zlib
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray


def hashed_grams(token_lists: list[list[str]], *, slots: int, weight: float) -> NDArray[np.float32]:
    """One row per text: each word and word pair present (1) or not in `slots` hashed slots,
    scaled to unit length and then by `weight`."""
    grams = np.zeros((len(token_lists), slots), dtype=np.float32)
    for row, words in enumerate(token_lists):
        for gram in [*words, *(f"{a} {b}" for a, b in pairwise(words))]:
            grams[row, zlib.crc32(gram.encode()) % slots] = 1.0
    norms = np.linalg.norm(grams, axis=1, keepdims=True)
    return grams / np.maximum(norms, 1.0) * weight
