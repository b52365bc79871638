"""Questions built from key facts: "how many days …?", "which term means …?", "what is …?",
"which rule does the material state?" and "which statement is NOT true?"."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from knowledge.generation import distractors
from knowledge.generation.facts import EXCEPTION, OBLIGATION, Amount, Fact, advice, amounts
from knowledge.generation.models import QuizQuestion
from knowledge.generation.terms import Term
from knowledge.nlp import english

# A false twin of a rule: the modal turned around. Only swaps that stay grammatical.
_FLIPS = [
    (re.compile(r"\bmust not\b"), "may"),
    (re.compile(r"\bmust\b"), "need not"),
    (re.compile(r"\bmay only\b"), "may also"),
    (re.compile(r"\bmay not\b"), "may"),
    (re.compile(r"\bnever\b"), "always"),
    (re.compile(r"\bcannot\b"), "can"),
    (re.compile(r"\bshall not\b"), "may"),
    (re.compile(r"\bshall\b"), "need not"),
    (re.compile(r"\bshould not\b"), "may"),
    (re.compile(r"\bshould\b"), "need not"),
    (re.compile(r"\bmay be used only\b"), "may be used"),
]
_MAX_OPTION = 200


@dataclass(frozen=True)
class Material:
    """What distractors are drawn from: the corpus's texts, terms and definitions."""

    texts: Sequence[str]
    terms: dict[str, Term]
    definitions: Sequence[str]
    rules: Sequence[str] = ()


def ask_with(
    rng: random.Random, stem: str, answer: str, wrong: Sequence[str], fact: Fact
) -> QuizQuestion | None:
    options = [answer, *wrong]
    if len({o.lower() for o in options}) != 4 or any(len(o) > _MAX_OPTION for o in options):
        return None
    if len(stem) > 300:
        return None  # cut short, the stem would no longer ask anything
    rng.shuffle(options)
    return QuizQuestion(
        stem=stem,
        options=options,
        correct_option=options.index(answer),
        explanation=f"The material says: \u201c{fact.sentence}\u201d"[:600],
        citation_chunk_id=fact.passage.chunk_id,
    )


def _clause(sentence: str, needle: str) -> str:
    """The clause of a sentence that holds `needle`, so a stem asks one thing."""
    parts = re.split(r";\s+|:\s+|,\s+(?:and|but|while|so)\s+", sentence)
    for part in parts:
        if needle in part and len(part.split()) >= 5:
            part = part.strip().rstrip(".")
            return part[0].upper() + part[1:]
    return sentence.rstrip(".")


def _one_figure(clause: str, amount: Amount) -> str:
    """Split "capped at $30 and a repeat fee at $41" so each figure is asked on its own."""
    if sum(a.unit == amount.unit for a in amounts(clause)) < 2:
        return clause
    for part in re.split(r"\s+and\s+(?=(?:a|an|the)\s)", clause):
        if amount.text in part and len(part.split()) >= 5:
            return part[0].upper() + part[1:]
    return clause


def _fit(text: str) -> str:
    """A rule short enough to be an option: a long list of prohibitions is cut after its
    first item (never where an exception would be cut off)."""
    if len(text) <= _MAX_OPTION:
        return text
    for cut in reversed([m.start() for m in re.finditer(r",\s", text[:_MAX_OPTION])]):
        if len(text[:cut].split()) >= 8 and not EXCEPTION.search(text[cut:]):
            return text[:cut] + "."
    return text


def _short(definition: str) -> str:
    """The definition up to its first colon or comma once it has enough words to identify
    the term, so the stem asks rather than recites."""
    for cut in re.finditer(r"[:;,]", definition):
        if len(definition[: cut.start()].split()) >= 6:
            return definition[: cut.start()]
    return definition


# Section headings that name a part of a document rather than a subject.
_GENERIC = re.compile(
    r"^(?:notes?|references?\b.*|related\b.*|introduction|overview|summary|purpose\b.*|"
    r"background|further reading|see also|conclusions?|where do you go from here\??|"
    r"question presented|response|analysis|discussion|scope)$",
    re.I,
)


def label(title: str) -> str:
    """A topic title as it reads inside a question: its last section that names a subject,
    without numbering, e.g. 'Regulation Z — § 1026.7 Periodic statement.' -> 'periodic
    statement', 'Logging Cheat Sheet — Related articles' -> 'logging cheat sheet'."""
    parts = title.split(" \u2014 ")
    while len(parts) > 1 and _GENERIC.match(parts[-1].strip()):
        parts.pop()
    last = parts[-1]
    if len(last) > 60 and ":" in last:  # "Circular 2022-03: Adverse action ..." -> its subject
        last = last.rsplit(":", 1)[1]
    last = re.sub(r"^(?:§+\s*[\w.\-–]+|\d+(?:\.\d+)*\.?)\s+", "", last).strip().rstrip(".")
    words = [w if w.isupper() and len(w) > 1 else w.lower() for w in last.split()]
    return " ".join(words) or title.lower()


def _question_mark(text: str) -> str:
    text = text.strip().rstrip(".:;,")
    return text[0].upper() + text[1:] + "?"


def number(fact: Fact, material: Material, rng: random.Random) -> QuizQuestion | None:
    amount = fact.amount
    if amount is None:
        return None
    wrong = distractors.numbers(amount, fact.passage.text, material.texts)
    if not wrong:
        return None
    asking = {"$": "how much", "%": "what percentage"}.get(amount.unit, f"how many {amount.unit}")
    clause = _one_figure(_clause(fact.sentence, amount.text), amount)
    stem = _question_mark(clause.replace(amount.text, asking, 1))
    if any(a.unit == amount.unit for a in amounts(stem)):  # two figures: which one is asked?
        return None
    return ask_with(rng, stem, amount.render(amount.value), wrong, fact)


def term(fact: Fact, material: Material, title: str, rng: random.Random) -> QuizQuestion | None:
    said = distractors.content_words(title) | distractors.content_words(fact.definition)
    if not fact.term or distractors.content_words(fact.term) & said:
        return None  # the title or the definition itself would give the term away
    wrong = distractors.terms(fact.term, material.terms, cited=fact.passage.text, title=title)
    if not wrong:
        return None
    stem = f"Which term means {_short(fact.definition)}?"
    return ask_with(rng, stem, fact.term, wrong, fact)


def meaning(fact: Fact, material: Material, rng: random.Random) -> QuizQuestion | None:
    if not fact.definition:
        return None
    answer = _short(fact.definition)
    others = [_short(d) for d in material.definitions]
    wrong = distractors.phrases(answer, others, cited=fact.passage.text)
    if not wrong:
        return None
    the = "" if fact.term[:1].isupper() else "the "
    stem = f"According to the material, what is {the}{fact.term}?"
    return ask_with(rng, stem, answer, wrong, fact)


# "Nothing … shall be construed …": turning the modal round would make a double negative.
_NEGATIVE_SUBJECT = re.compile(r"^(?:nothing|no|none|neither|nor)\b", re.I)


def flip(sentence: str) -> str | None:
    if _NEGATIVE_SUBJECT.match(sentence):
        return None
    for pattern, swap in _FLIPS:
        if pattern.search(sentence):
            return pattern.sub(swap, sentence, count=1)
    return None


@lru_cache(maxsize=65536)
def _imperative(sentence: str) -> bool:
    """'Keep the card safe' and 'Issuers must ...' are different forms of a rule."""
    return english()(sentence)[0].tag_ == "VB"


@lru_cache(maxsize=65536)
def statement(sentence: str) -> bool:
    """A whole statement: a main verb with its subject, not a fragment, list item or
    question, so that every option of a statement question reads the same way."""
    if sentence.endswith("?") or len(sentence.split()) < 6:
        return False
    if re.search(r"\s[\u2013-]\s", sentence):
        return False
    doc = english()(sentence)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1 or roots[0].pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in roots[0].children)


def _rule_clause(sentence: str) -> str:
    """The clause holding the rule, said as a statement: "Keep the card safe" becomes
    "You should keep the card safe", so every option of a rule question has one form."""
    m = OBLIGATION.search(sentence)
    if m:
        clause = _fit(_clause(sentence, m.group(0)) + ".")
    elif advice(sentence):
        clause = _fit(sentence)
    else:
        return ""
    if _imperative(clause):
        clause = "You should " + clause[0].lower() + clause[1:]
    return clause


@lru_cache(maxsize=65536)
def negate(sentence: str) -> str | None:
    """The sentence with its main verb negated, or its negation taken away."""
    doc = english()(sentence)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (
        subject is not None
        and subject.tag_ == "NNS"
        and any(c.lower_ in ("a", "an") for c in subject.children)
    ):
        return None  # "An attacker floods log files" misread: "floods" taken for the subject
    neg = next((c for c in root.children if c.dep_ == "neg"), None)
    negatives = sum(t.lower_ in ("not", "n't", "never", "no", "nothing", "none") for t in doc)
    if negatives > (neg is not None):
        return None  # another negation in the sentence: a twin would read as a riddle
    if neg is not None:
        helper = doc[neg.i - 1] if neg.i else None
        if neg.lower_ not in ("not", "n't") or (helper is not None and helper.lemma_ == "do"):
            return None
        return "".join(t.text_with_ws for t in doc if t.i != neg.i).replace("  ", " ")
    aux = next((c for c in root.children if c.dep_ in ("aux", "auxpass")), None)
    anchor = aux or (root if root.pos_ == "AUX" else None)
    out = []
    for t in doc:
        if anchor is not None and t.i == anchor.i:
            out.append(t.text + " not" + t.whitespace_)
        elif anchor is None and t.i == root.i:
            do = {"VBZ": "does", "VBP": "do", "VBD": "did"}.get(t.tag_)
            if do is None:
                return None
            out.append(f"{do} not {t.lemma_}{t.whitespace_}")
        else:
            out.append(t.text_with_ws)
    negated = "".join(out)
    return negated if negated != sentence else None


def twins(sentence: str, material: Material) -> list[str]:
    """False twins of a statement, best first: the rule turned around, a figure changed,
    the main verb negated."""
    found = []
    if (flipped := flip(sentence)) is not None:
        found.append(flipped)
    for a in amounts(sentence)[:1]:
        other = distractors.numbers(a, sentence, material.texts, count=1)
        if other:
            found.append(sentence.replace(a.text, other[0], 1))
    if not found and (negated := negate(sentence)) is not None:
        found.append(negated)
    return found


def twin(sentence: str, material: Material) -> str | None:
    found = twins(sentence, material)
    return found[0] if found else None


def _statement_of(fact: Fact) -> str:
    if fact.kind == "obligation":
        return _rule_clause(fact.sentence)
    return _fit(fact.sentence)


def rule(
    fact: Fact,
    others: Sequence[Fact],
    material: Material,
    title: str,
    rng: random.Random,
    avoid: frozenset[str] = frozenset(),
) -> QuizQuestion | None:
    """The one statement the material makes, against three false twins: this statement's
    own twin first, then twins of the topic's other statements, then of the closest
    rules elsewhere."""
    answer = _statement_of(fact)
    if not answer or len(answer) > _MAX_OPTION or not statement(answer):
        return None
    nearby = list(dict.fromkeys(_statement_of(o) for o in others))
    clauses = [c for r in material.rules if (c := _rule_clause(r)) and c not in nearby]
    ranked = sorted(((distractors.similarity(answer, c), c) for c in clauses), reverse=True)
    elsewhere = [c for sim, c in ranked if sim >= 0.35]  # on the same subject
    wrong: list[str] = []
    cited = fact.passage.text.lower()
    # The answer's own twin once; a sibling statement may lend two (a rule turned around
    # and a figure changed).
    sources = [(answer, 1), *((n, 2) for n in nearby[:12]), *((e, 1) for e in elsewhere[:12])]
    candidates = [t for text, n in sources if text for t in twins(text, material)[:n]]
    for twisted in candidates:
        if (
            twisted not in wrong
            and twisted.lower() not in avoid  # options of the lesson's other questions
            and twisted != answer
            and len(twisted) <= _MAX_OPTION
            and twisted.lower().rstrip(".") not in cited
            and statement(twisted)
        ):
            wrong.append(twisted)
        if len(wrong) == 3:
            break
    if len(wrong) < 3:
        return None
    if fact.kind == "obligation":
        stem = f"Which of these rules on {label(title)} does the material state?"
    else:
        stem = f"Which of these statements about {label(title)} is true?"
    return ask_with(rng, stem, answer, wrong, fact)


def not_true(
    fact: Fact,
    truths: Sequence[str],
    material: Material,
    title: str,
    rng: random.Random,
    avoid: frozenset[str] = frozenset(),
) -> QuizQuestion | None:
    """Three statements the cited passage makes and one that changes a figure or a rule."""
    false = twin(fact.sentence, material)
    if false is None or len(false) > _MAX_OPTION or not statement(false):
        return None
    true = [
        t
        for t in dict.fromkeys(truths)
        if t != fact.sentence and len(t) <= _MAX_OPTION and statement(t)
    ]
    if len(true) < 3:
        return None
    true.sort(key=lambda t: t.lower() in avoid)  # statements no other question shows first
    stem = f"Which statement about {label(title)} is NOT true?"
    return ask_with(rng, stem, false, true[:3], fact)


_RESTATED = [
    (
        re.compile(r"^Which of these rules on (.+) does the material state\?$"),
        r"According to the material, which rule on \1 holds?",
    ),
    (
        re.compile(r"^Which of these statements about (.+) is true\?$"),
        r"According to the material, which statement about \1 holds?",
    ),
    (
        re.compile(r"^Which statement about (.+) is NOT true\?$"),
        r"Which of these does the material NOT say about \1?",
    ),
]


def restated(question: QuizQuestion) -> QuizQuestion | None:
    """The same question asked in other words, for a second question of one kind."""
    for pattern, other in _RESTATED:
        if pattern.match(question.stem):
            return question.model_copy(update={"stem": pattern.sub(other, question.stem)})
    return None
