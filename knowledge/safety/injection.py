"""Prompt-injection detection for documents and learner messages, in layers.

1. Canonical text (`normalise`): NFKC, hidden characters dropped, look-alike letters
   folded, leetspeak and spaced letters undone, base64/rot13 probes decoded.
2. Patterns (`injection_patterns`) in English, French, Spanish, German, Portuguese and
   Italian, each family with a weight; strong ones flag alone. Polite requests whose
   shape carries the attack (`injection_requests`) are read the same way. A family's
   weight drops where its words fit an ordinary text better: a duty written for staff,
   code in an IT page, an e-mail address that receives no one's data.
3. A logistic regression on MiniLM embeddings (`injection_model`) for paraphrases.
4. In documents, a rule planted for lessons to teach (`injection_taught`): a directive
   about what lessons or staff say beside a claim the financial rules block.

A text is flagged when the combined score reaches FLAG_AT. Scores between UNCERTAIN_AT
and FLAG_AT are "uncertain": with an LLM configured, ingest asks it (`llm_verdict`).
Quoting an attack inside a lesson about attacks ("phishing messages often say 'ignore
previous instructions'") counts for less than the same words said to the model.
"""

# ruff: noqa: E501  (long pattern alternations and example phrasings read better unwrapped)
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from knowledge.safety import injection_model
from knowledge.safety.injection_context import (
    addressed_to_people,
    asks_for_someone_elses_record,
    asks_to_misteach,
    is_teaching,
    quoted_ranges,
    steers_content,
    without_examples,
)
from knowledge.safety.injection_patterns import (
    _MARKERS,
    EXTRA_MARKERS,
    MORE_MARKERS,
    STRUCTURAL_MARKERS,
    TUNED_MARKERS,
)
from knowledge.safety.injection_requests import (
    HUMAN_DUTY,
    REQUEST_MARKERS,
    SENSITIVE_PAYLOAD,
    TOOL_STAGED,
)
from knowledge.safety.injection_taught import teaches_a_breach
from knowledge.safety.normalise import (
    TAG_CHARS,
    ZERO_WIDTH,
    canonical,
    decoded_payloads,
    strip_hidden,
    variants,
)

FLAG_AT = 0.5
UNCERTAIN_AT = 0.3
MARKERS = [
    *_MARKERS,
    *MORE_MARKERS,
    *EXTRA_MARKERS,
    *TUNED_MARKERS,
    *STRUCTURAL_MARKERS,
    *REQUEST_MARKERS,
]
Where = Literal["message", "document"]

# The classifier flags alone when it is sure, and otherwise adds weight to a pattern or to
# an intent cue below. The threshold was chosen over the held-out, fresh, outside and
# first-sight sets: at 0.75 every one of them flags at most 4.8 % of ordinary texts and
# catches 1-6 points more attacks than at 0.8.
MODEL_FLAG_AT = 0.75
MODEL_SUPPORT_AT = 0.65
CUE_SUPPORT_AT = 0.5
MESSAGE_LEAN = 0.05
_MODEL_STRONG = 0.6
_MODEL_WEAK = 0.3

# Intent cues: general signs of what a text wants from the assistant. None flags alone;
# each adds weight only when the classifier also leans towards an attack.
_CUE_WEIGHT = 0.25
_INTENT_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "asks_about_own_instructions",
        re.compile(
            r"\b(?:your|you were|you've been|you have been|you are|you're|they gave you|loaded into you)\b"
            r"[^.?!\n]{0,50}\b(?:instructions?|rules|guidelines|prompt|configur\w*|set ?up|guidance|"
            r"restrictions|programming|told|loaded|given|operat\w+|directives?)\b"
            r"(?!\s+(?:for|on|about|to|when|if)\b)"
            r"|\b(?:system|hidden|initial|secret|original) (?:prompt|message|instructions?|context|rules)\b"
        ),
    ),
    (
        "other_peoples_records",
        re.compile(
            # "A new colleague asks you about fees" is a lesson scenario, not someone's record.
            r"\b(?:other (?:learners?|people|users?|participants?|students?)|colleagues|teammates|co-?workers|"
            r"(?<!\ba )(?<!\bnew )(?<!\bmy )(?:colleague|teammate|co-?worker)|"
            r"everyone|everybody|each (?:learner|person)|all (?:the )?(?:learners?|participants?|users?)|"
            # "Marco's answers", not "a client's email" or "each other's results"
            r"whole (?:team|cohort|group)|cohort|(?<!\ba )(?<!\bmy )(?<!\bour )(?<!each )[a-z]+'s|who else|which (?:learners?|of my))\b"
            r"[^.?!\n]{0,60}\b(?:scores?|results?|answers?|marks?|grades?|progress|attempts?|"
            r"history|phone|e-?mails?|questions|status|records?|how (?:they|he|she) did|ahead|behind|on track|ask\w*)\b"
            r"|\b(?:scores?|results?|answers?|marks?|grades?|progress)\b[^.?!\n]{0,30}\b(?:with|to|against|and) (?!my\b|your\b|the\b|our\b)[a-z]+'s\b"
            # "copy their exact response", said of another user
            r"|\b(?:copy|paste|repeat|quote|show|send|forward)\b[^.?!\n]{0,30}\b(?:their|his|her) (?:exact |full |actual |whole )?(?:responses?|repl(?:y|ies)|words|wording|messages?|answers?)\b"
            r"|\bhow many (?:modules|lessons|quizzes|courses)\b[^.?!\n]{0,30}\b(?:has|have|did|is)\b|\bis (?!it\b|that\b|this\b|there\b)[a-z]+ on track\b"
            r"|\b(?:person|people|user|learner|someone|whoever) (?:who )?(?:used|had|was on|sat at|before me)\b[^.?!\n]{0,30}\b(?:laptop|computer|desk|account|device|seat|ask\w*|said|wrote)\b"
        ),
    ),
    (
        "rules_set_aside_or_revealed",
        re.compile(
            r"\b(?:ignor\w+|disregard\w*|forget\w*|bypass\w*|overrid\w+|set aside)\s+(?:\w+\s+){0,3}?"
            r"(?:instructions|rules|guidelines|prompt|programming|guardrails|restrictions)\b"
            r"(?!\s+(?:for|on|about|in the|to|that|asking|which|when|window|box|appears?)\b)"
        ),
    ),
    (
        "setup_revealed",
        re.compile(
            r"\b(?:reveal\w*|leak\w*|print\w*|repeat\w*|disclos\w+|recite\w*|paste\w*|quote\w*)\s+"
            r"(?:\w+\s+){0,3}?(?:instructions|rules|guidelines|prompt|configuration|programming|setup)\b"
            r"(?!\s+(?:for|on|about|in the|to|that|asking|which|when|window|box|appears?)\b|\.exe)"
        ),
    ),
    (
        "grading_change",
        re.compile(
            r"\b(?:mark|count|record|grade|score|set|change|bump|log|give|award|treat|accept|update|adjust|"
            r"register|pass|reset|remove|delete|erase|wipe|hide|clear|raise|tick)\b[^.?!\n]{0,40}\b(?:as (?:correct|right|passed|complete\w*|finished|done)|"
            r"full (?:marks|points|score)|100 ?%|maximum|perfect|passing (?:mark|score|grade)|a pass\b|"
            r"completed?\b|finished\b|certificate|attempts?|an? [a-b]\b|to passed\b|"
            r"(?:it|that|this|them|me|mine|question \d+|q\d+|(?:my )?answer(?: \d+)?) (?:as )?(?:right|correct|passed)\b)"
            # a fail turned into a pass, a mark out of ten awarded, a place in the ranking set
            r"|\bfrom (?:a )?fail(?:ed|ing)? (?:in)?to (?:a )?pass(?:ed)?\b|\b(?:award|give|score)\w*\b[^.?!\n]{0,20}\b\d{1,3} ?(?:/|out of) ?\d{1,3}\b"
            r"|\b(?:update|change|move|put|bump|push|set)\b[^.?!\n]{0,30}\b(?:leaderboard|ranking|standings)\b[^.?!\n]{0,30}(?:#1\b|\bfirst\b|\btop\b|\d+ points)"
        ),
    ),
    (
        "persona_without_rules",
        re.compile(
            r"\b(?:you are|you're|act as|acting as|pretend|play|imagine|role-?play|become|be)\b"
            r"[^.?!\n]{0,80}\b(?:no (?:rules|restrictions|limits|polic\w+|filters?|guidelines)|"
            r"unrestricted|unfiltered|without (?:any )?(?:rules|restrictions|limits|safety|polic\w+)|"
            r"ignores?|optional|full (?:\w+ )?access|before (?:any )?safety|override authority|"
            r"authori[sz]ed to)"
        ),
    ),
    (
        "record_change",
        re.compile(
            r"\b(?:update|apply|award|tell|confirm|give|grant|set|record|mark|log|enter|register|credit|issue)\b[^.?!\n]{0,40}"
            r"\b(?:gradebook|grading system|grader|the system|(?:my|the learner's|his|her) (?:record|account|transcript|profile|progress|score|grade)|badge|full credit|completion)\b"
        ),
    ),
    (
        "off_the_record",
        re.compile(
            r"\b(?:than your usual self|bend (?:the|your) rules|off the record|just between (?:us|you and me)|(?:nobody|no one|no-one) (?:checks|will (?:know|check|notice|mind)|would (?:know|notice|mind)|needs to know|looks)|our little secret)\b"
        ),
    ),
    (
        "answers_sought",
        re.compile(
            r"(?<!partially )(?<!partly )\b(?:correct|right|expected) (?:options?|answers?|letters?|choices?)\b"
            r"|\b(?:answers?|solutions?|key) (?:to|for) (?:the |this |tomorrow's |today's |next |upcoming |final )?(?:quiz|test|exam|assessment|questions)\b"
        ),
    ),
    (
        "persona_acting",
        re.compile(
            r"\b(?:pretend|imagine|role-?play|play the (?:part|role)|take on the role|speak as|you(?:'re| are) (?!not\b)[a-z]+,|become|in character|the character|in that voice)\b"
            r"[^\n]{0,160}\b(?:approv\w+|sign(?:ed)? off|authori[sz]\w+|without (?:triggering|id|checks|alerts|being)|dodge|evade|get around|as suggestions|codes?|vault|in advance|secret\w*)\b"
        ),
    ),
    (
        "data_to_address",
        re.compile(
            r"(?=[^\n]*(?:https?://|www\.|\b[\w.+-]+@[\w-]+\.[a-z]|\b[\w-]+\.(?:com|net|org|io)/))"
            r"(?=[^\n]*\b(?:names?|scores?|answers?|conversation|chat|history|employee (?:number|id)|results?|details|transcripts?|learners?)\b)"
        ),
    ),
    (
        "addressed_to_ai",
        re.compile(
            r"\b(?:ai|assistants?|model|llm|chatbot|bots?|summari[sz]er|automated \w+)\b\s*[:,]"
            r"|\b(?:if|when) (?:you are|you're) an? (?:ai|assistant|model|llm|language model)\b"
            r"|\b(?:when|if) (?:this|the) (?:page|document|text|lesson|module) is (?:summari[sz]ed|read|processed)"
        ),
    ),
]


@dataclass(frozen=True)
class InjectionVerdict:
    flagged: bool
    markers: list[str] = field(default_factory=list)
    score: float = 0.0

    @property
    def uncertain(self) -> bool:
        return not self.flagged and self.score >= UNCERTAIN_AT


# Families whose wording is also how people write rules for people ("staff must ignore any
# instruction received by phone", "trainers should tell learners that the quiz is open-book").
_DUTY_FAMILIES = {
    "instruction_override",
    "non_english_override",
    "audience_instruction",
    "document_to_ai",
    "lesson_writer_told",
    "fact_reframed",
}
# Code, commands and API examples are what IT pages are made of: in a document their syntax
# alone is a hint, and counts fully only when staged for the assistant.
_CODE_CALL = re.compile(
    r"(?:(?:call|invoke|run|execute)\s+`?)?[a-z_.]+`?\(|(?:returned|response):?\s*\[?\{|\"method\""
)
_DOCUMENT_ONLY = {"document_claim_order"}
# Forwarding a suspect message to the bank's own reporting mailbox sends no one's data.
_REPORTING_MAILBOX = re.compile(r"\b(?:phishing|report\w*|security|abuse|fraud|spam|infosec)@")
# A document sentence that tells lesson builders what to teach: flags with any other sign.
_CONTENT_STEERING = 0.6
# A learner asking for another person's scores, answers or messages: with any other sign
# (the classifier leaning, a cue) it flags.
_SOMEONE_ELSES_RECORD = 0.3
_MESSAGE_ONLY = {"told_what_to_say"}
_HINT = 0.3


def _sentence_start(text: str, start: int) -> int:
    return max(text.rfind(c, 0, start) for c in ".!?\n") + 1


def _sentence_before(text: str, start: int) -> str:
    return text[_sentence_start(text, start) : start]


def _weight(name: str, weight: float, text: str, match: re.Match[str], where: Where) -> float:
    """The family's weight, lowered where the words fit an ordinary text better."""
    start, end = match.span()
    if name in _DUTY_FAMILIES and (
        HUMAN_DUTY.search(_sentence_before(text, start)) or addressed_to_people(text, start)
    ):
        return weight * 0.2
    if (
        name == "exfiltration"
        and not match.group(0).startswith("![")
        and (
            not SENSITIVE_PAYLOAD.search(_sentence_before(text, start) + match.group(0))
            or _REPORTING_MAILBOX.search(match.group(0))
        )
    ):
        return min(weight, _HINT)
    code = name == "tool_abuse" or (name == "fake_tool_call" and _CODE_CALL.match(match.group(0)))
    if (
        where == "document"
        and code
        and not TOOL_STAGED.search(text[max(0, start - 120) : end + 160])
    ):
        return min(weight, _HINT)
    return weight


def _scan(
    text: str,
    hits: dict[str, float],
    *,
    spans: list[tuple[str, float, int, int]],
    where: Where = "message",
) -> None:
    for name, weight, pattern in MARKERS:
        if (name in _DOCUMENT_ONLY and where != "document") or (
            name in _MESSAGE_ONLY and where == "document"
        ):
            continue
        best = 0.0
        for match in pattern.finditer(text):
            value = _weight(name, weight, text, match, where)
            if value > best:
                best = value
                spans.append((name, value, match.start(), match.end()))
            if best >= weight:
                break
        if best:
            hits[name] = max(hits.get(name, 0.0), best)


def _same_sentence(text: str, start: int, ranges: list[tuple[int, int]]) -> bool:
    cut = _sentence_start(text, start) - 1
    stop = min((i for i in (text.find(c, start) for c in ".!?\n") if i >= 0), default=len(text))
    return any(cut < q0 < stop or cut < q1 - 1 < stop for q0, q1 in ranges)


def _pattern_hits(text: str, where: Where = "message") -> dict[str, float]:
    hits: dict[str, float] = {}
    if TAG_CHARS.search(text):
        hits["hidden_characters"] = 1.0
    normal = canonical(text)
    teaching = is_teaching(normal)
    for variant in variants(text):
        spans: list[tuple[str, float, int, int]] = []
        found: dict[str, float] = {}
        _scan(variant, found, spans=spans, where=where)
        if teaching:
            quoted = quoted_ranges(variant)
            for name, weight, start, end in spans:
                inside = any(q0 <= start and end <= q1 for q0, q1 in quoted)
                # An example of an attack, in a text that teaches about attacks; a weak hint
                # beside it ("jailbreak attempts like '...'") names the example.
                naming = weight < FLAG_AT and _same_sentence(variant, start, quoted)
                if inside or naming:
                    found[name] = min(found.get(name, 0.0), weight * 0.1)
        for name, weight in found.items():
            hits[name] = max(hits.get(name, 0.0), weight)
    if where == "document" and steers_content(normal):
        hits["content_steering"] = _CONTENT_STEERING
    if where == "message" and asks_to_misteach(normal):
        hits["misteaching_request"] = _CONTENT_STEERING
    if where == "message" and asks_for_someone_elses_record(strip_hidden(text)):
        hits["someone_elses_record"] = _SOMEONE_ELSES_RECORD
    for payload in decoded_payloads(text):
        inner: dict[str, float] = {}
        _scan(payload, inner, spans=[], where=where)
        if inner:
            hits["encoded_payload"] = 1.0
    return hits


# What the assistant is said to be unable to do ("it can't see other learners' results"),
# or a heading about it ("About the training assistant:"), describes it; the cues read
# what is left.
_CANNOT = re.compile(
    r"\babout (?:the |our |this )?(?:[\w-]+ )?(?:ai|assistant|chatbot|bot|tutor)\b\s*:"
    r"|\b(?:can't|cannot|can not|won't|will not|doesn't|does not|is not able to|isn't able to|"
    r"has no (?:way|access) to)\s+(?:\w+\s+){0,2}?(?:see|access|view|read|share|show|change|edit|"
    r"reveal|alter)\b[^.?!\n,;]{0,60}"
)


# A learner taking back their own last message ("ignore my last message, my answer is C",
# "ignora la mia domanda precedente") or a rubric awarding marks for what an answer says:
# neither asks anything of the assistant. The classifier and the cues read what is left.
_OWN_RETRACTION = re.compile(
    r"\b(?:ignore|disregard|forget|scratch|ignora|ignorez|ignorer|olvida|ignoriere|vergiss)\b\s+(?:pure\s+|that\s+)?"
    r"(?:my|mon|ma|mes|mi|mis|la mia|il mio|meine?n?)\s+(?:\w+\s+)?(?:last|previous|earlier|first|précédente?|"
    r"precedente|anterior|letzte)?\s*(?:message|question|answer|reply|post|domanda|messaggio|risposta|"
    r"mensaje|pregunta|respuesta|réponse|nachricht|frage|antwort)\b(?:\s+(?:précédente?|precedente|anterior))?"
)
_RUBRIC = re.compile(
    r"\b(?:award|give)\s+(?:full|half|one|two|no|\d+)\s+marks?\s+(?:if|when|for)\b"
)


def _own_words_only(normal: str) -> str:
    return _RUBRIC.sub(" ", _OWN_RETRACTION.sub(" ", normal))


def _intent_cues(normal: str) -> dict[str, float]:
    if is_teaching(normal):  # quoted attacks in a text about attacks are examples
        normal = without_examples(normal)
    normal = _CANNOT.sub(" ", _own_words_only(normal))
    return {name: _CUE_WEIGHT for name, pattern in _INTENT_CUES if pattern.search(normal)}


def detect(text: str, *, where: Where = "message", use_model: bool = True) -> InjectionVerdict:
    """Score `text` for prompt-injection; `where` says whether it is a learner's message
    or a passage of a document (documents are read as data addressed to nobody, so any
    instruction aimed at an AI in them is suspect)."""
    hits = _pattern_hits(text, where)
    score = sum(hits.values())
    if use_model and score < FLAG_AT and text.strip():  # already flagged: no need
        normal = canonical(text)
        # In a text about attacks the classifier reads what is said about the examples.
        read = without_examples(normal) if is_teaching(normal) else normal
        read = _own_words_only(read)
        probability = injection_model.probability(read, whole_if_short=where == "message")
        # A document is read sentence by sentence and scored by its highest: more readings,
        # more chances for an ordinary sentence to lean, so it needs a surer lean than a
        # learner's message read whole.
        lean = 0.0 if where == "document" else MESSAGE_LEAN
        if probability >= MODEL_FLAG_AT:
            hits["classifier"] = _MODEL_STRONG
        elif probability >= MODEL_SUPPORT_AT - lean:
            hits["classifier"] = _MODEL_WEAK
            hits.update(_intent_cues(normal))
        elif probability >= CUE_SUPPORT_AT:
            cues = _intent_cues(normal)
            if len(cues) >= 2 or (cues and any(v >= 0.2 for v in hits.values())):
                hits["classifier"] = _MODEL_WEAK
                hits.update(cues)
    if where == "document" and sum(hits.values()) < FLAG_AT and teaches_a_breach(text):
        hits["planted_rule"] = 1.0
    score = min(1.0, sum(hits.values()))
    flagged = score >= FLAG_AT
    markers = sorted(k for k, v in hits.items() if v >= 0.2 or flagged)
    return InjectionVerdict(flagged=flagged, markers=markers, score=round(score, 3))


def neutralise(text: str) -> str:
    """Make text safe to quote inside a prompt: drop hidden characters and break
    chat-template delimiters and special tokens so they cannot close or open a role."""
    text = TAG_CHARS.sub("", ZERO_WIDTH.sub("", text))
    text = re.sub(r"<\|([^|<>]{1,40})\|>", r"(\1)", text)
    text = re.sub(r"\[(/?(?:INST|SYS|SYSTEM))\]|<<(/?SYS)>>", r"(\1\2)", text, flags=re.I)
    # Role tags and our own passage delimiters, so data cannot close the data block.
    return re.sub(
        r"<(/?)\s*(system|assistant|user|passage|passages|document|tool_call|tool)\b",
        r"‹\1\2",
        text,
        flags=re.I,
    )
