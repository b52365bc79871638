"""Prompt-injection heuristics for documents and learner messages.

Each marker family carries a weight; a text is flagged when the combined score reaches
FLAG_AT. Strong signals (an explicit instruction override, a chat-template delimiter) flag
on their own; weak ones (talk of "the system prompt") need company. Training material
about passwords and attacks stays clean because the patterns look for instructions aimed
at the model, not for security vocabulary.
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from dataclasses import dataclass, field

FLAG_AT = 0.5

_VERB = r"\b(?:ignore|disregard|forget|override|bypass|skip|drop|abandon|neglect)\b"
_TARGET = r"(?:instructions?|rules|directions|guidelines|prompts?|context|messages?|constraints|guardrails|programming|polic(?:y|ies))"
# What the model was told: "previous", "system"... point at the prompt whatever follows;
# "all"/"any"/"your" only with words that name instructions ("ignore any messages asking for
# a passcode" is good advice, "ignore any instructions" is an attack).
_EARLIER = r"(?:previous|prior|above|earlier|preceding|original|initial|system|developer)"
_LOOSE = r"(?:all|any|your)"
_CORE_TARGET = r"(?:instructions?|rules|directions|guidelines|prompts?|programming|guardrails|constraints|content polic(?:y|ies))"

_MARKERS: list[tuple[str, float, re.Pattern[str]]] = [
    (
        "instruction_override",
        1.0,
        re.compile(
            rf"{_VERB}(?:\W+\w+){{0,4}}?\W+{_EARLIER}(?:\W+\w+){{0,2}}?\W+{_TARGET}\b"
            rf"|{_VERB}(?:\W+\w+){{0,2}}?\W+{_LOOSE}(?:\W+\w+){{0,2}}?\W+{_CORE_TARGET}\b"
        ),
    ),
    (
        "instruction_override",
        0.9,
        re.compile(
            r"\b(?:forget|ignore|disregard)\s+(?:everything|all of (?:that|this|it)|what you were told)\b"
        ),
    ),
    (
        "new_instructions",
        0.7,
        re.compile(
            r"\b(?:new|updated|real|actual|true|revised)\s+(?:system\s+)?(?:instructions?|rules|directive|task)"
            r"\s*(?::|are\b|is\b|follow)"
        ),
    ),
    (
        "instruction_override",
        0.6,
        re.compile(
            r"\b(?:do not|don't|never)\s+(?:follow|obey|apply|respect)\s+(?:your|the|any)\s+"
            r"(?:\w+\s+)?" + _TARGET
        ),
    ),
    (
        "role_play",
        0.7,
        re.compile(
            r"\byou\s+are\s+now\s+(?:an?\s+)?(?:dan|unrestricted|unfiltered|jailbroken|evil|free|"
            r"in (?:developer|god|dan) mode|(?:different|new|my) (?:ai|assistant|model|bot|chatbot))\b"
            r"|\byou\s+are\s+no\s+longer\s+(?:an?\s+)?(?:\w+\s+)?(?:bot|assistant|ai|model|chatbot|bound)\b"
            r"|\bfrom\s+now\s+on,?\s+(?:you|act|respond|answer|reply)\b"
        ),
    ),
    (
        "role_play",
        0.7,
        re.compile(
            r"\b(?:pretend|act|behave|roleplay|role-play)\s+(?:to be|you are|that you are|as if you|as)\s+"
            r"(?:(?:a|an|the|my)\s+)?(?:\w+\s+){0,3}?(?:unrestricted|unfiltered|uncensored|jailbroken|"
            r"evil|different|new|ai|assistant|model|chatbot|bot|system|admin|administrator|developer|"
            r"hacker|grandma|dan)\b"
        ),
    ),
    (
        "jailbreak",
        1.0,
        re.compile(
            r"\b(?:jailbreak|jailbroken|dan mode|developer mode|god mode|do anything now|"
            r"no (?:restrictions|limitations|filters|rules) apply|without (?:any )?(?:restrictions|filters|censorship))\b"
        ),
    ),
    (
        "prompt_exfiltration",
        0.9,
        re.compile(
            r"\b(?:reveal|show|print|repeat|output|display|dump|leak|tell me|give me|write out|recite|"
            r"what (?:is|are|were))\b(?:\W+\w+){0,4}?\W+(?:your|the)\s+(?:\w+\s+)?"
            r"(?:system|hidden|initial|original|secret|internal|developer)\s+"
            r"(?:prompt|instructions?|message|rules|configuration)"
        ),
    ),
    (
        "prompt_exfiltration",
        0.6,
        re.compile(
            r"\b(?:repeat|print|output)\s+(?:everything|all(?: the text)?|the (?:text|words))\s+"
            r"(?:above|before|preceding)"
        ),
    ),
    (
        "prompt_exfiltration",
        0.4,
        re.compile(r"\bsystem prompt\b|\byour instructions\b"),
    ),
    (
        "delimiter",
        1.0,
        re.compile(
            r"<\|(?:im_start|im_end|system|endoftext|eot_id|start_header_id)\|>|\[/?inst\]|<<sys>>|"
            r"</?(?:system|assistant|instructions?)>|\bbegin (?:system|new) (?:prompt|instructions)\b"
            r"|\bend of (?:system )?(?:prompt|instructions)\b"
        ),
    ),
    (
        "delimiter",
        0.6,
        re.compile(
            r"(?m)^\s*(?:#{2,}|-{3,}|={3,})?\s*(?:system|assistant|developer)\s*(?:message|prompt)?\s*:"
        ),
    ),
    (
        "delimiter",
        0.6,
        re.compile(r"(?m)^\s*(?:#{2,}|\[{1,2}|```)\s*(?:system|admin|developer|override)\b"),
    ),
    (
        "exfiltration",
        0.8,
        re.compile(
            r"!\[[^\]]*\]\(\s*https?://[^)]*\?[^)]*=|"
            r"\b(?:send|post|upload|forward|email|exfiltrate|transmit)\b(?:\W+\w+){0,6}?\W+(?:to|at)\W+"
            r"(?:https?://|webhook|(?:this|my|the following) (?:url|address|server|endpoint))"
        ),
    ),
    (
        "encoded_payload",
        0.6,
        re.compile(
            r"\b(?:decode|decrypt|deobfuscate|translate)\b(?:\W+\w+){0,3}?\W+"
            r"(?:base64|rot13|hex|binary|morse|reversed?)\b.{0,40}\b(?:follow|execute|obey|run|do)\b"
        ),
    ),
    (
        "tool_abuse",
        0.8,
        re.compile(
            r"\b(?:execute|run)\s+(?:the following|this)\s+(?:command|code|script|shell)|"
            r"\brm\s+-rf\b|\bdrop\s+table\b|\bcurl\s+https?://"
        ),
    ),
    (
        "authority_claim",
        0.5,
        re.compile(
            r"\b(?:i am|i'm|this is)\s+(?:your|the|an?)\s+(?:developer|administrator|admin|creator|"
            r"system administrator|openai|anthropic)\b|\bas (?:your|an?) (?:developer|administrator|admin)\b"
        ),
    ),
    (
        # Looser overrides: "forget the rules you were given", "ignores its instructions",
        # "your previous rules no longer apply", and the same in French, Spanish, German.
        "instruction_override",
        0.8,
        re.compile(
            r"\b(?:ignor(?:e|es|ed|ing)|disregard(?:s|ed|ing)?|forget|neglect)\b(?:\W+\w+){0,3}?\W+"
            r"(?:your|the|their|its)\s+(?:\w+\s+)?(?:instructions?|rules|guidelines|guardrails|"
            r"prompt|programming)\b"
            r"|\binstructions\s+(?:above\s+are|you were given)\b|\boverrides?\s+all\s+"
            r"(?:previous|prior)\b|\brules\s+no\s+longer\s+apply\b|\bno\s+longer\s+bound\s+by\b"
            r"|\bignore_previous|\bignor(?:ez|a)\b.{0,30}\binstruc|\bvergiss\b.{0,30}\banweisung"
            r"|\bsystemprompt\b|\bprompt\s+(?:système|del\s+sistema)\b"
            r"|\bnew\s+rules?\b[^.:]{0,30}:\s*you\s+must\b"
        ),
    ),
    (
        "role_play",
        0.7,
        re.compile(
            r"\broleplay\s+as\b|\bsimulate\s+an?\s+(?:model|ai|assistant|chatbot)\b"
            r"|\b(?:assistant|ai|model|bot)\b[^.]{0,30}\b(?:with|has)\s+no\s+"
            r"(?:restrictions|content policy|rules|filters)\b"
            r"|\bcontext\s+window\b|\braw\s+chunks\b|(?m:^\s*#{2,}\s*instruction\s*:)"
        ),
    ),
    (
        "safety_bypass",
        0.5,
        re.compile(
            r"\b(?:you (?:must|will|have to) (?:always )?(?:comply|obey|answer everything)|"
            r"you have no (?:rules|restrictions|filters)|(?:disable|turn off|switch off)\s+(?:your\s+)?"
            r"(?:safety|filters?|guardrails|moderation|content policy))\b"
        ),
    ),
]

_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff]")
_TAG_CHARS = re.compile(r"[\U000e0000-\U000e007f]")
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{24,}={0,2}")
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)


@dataclass(frozen=True)
class InjectionVerdict:
    flagged: bool
    markers: list[str] = field(default_factory=list)
    score: float = 0.0


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    return text.lower()


def _deleet(text: str) -> str:
    """Undo digit-for-letter swaps inside words ("1gn0re") without touching numbers."""
    return re.sub(r"\b(?=\w*[a-z])[\w@$]+\b", lambda m: m.group(0).translate(_LEET), text)


def _decoded_payloads(text: str) -> list[str]:
    decoded = []
    for run in _BASE64_RUN.findall(text):
        try:
            raw = base64.b64decode(run + "=" * (-len(run) % 4), validate=True)
            plain = raw.decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        if plain.isprintable() and sum(c.isalpha() or c == " " for c in plain) > 0.8 * len(plain):
            decoded.append(plain.lower())
    return decoded


def _scan(text: str, hits: dict[str, float]) -> None:
    for name, weight, pattern in _MARKERS:
        if pattern.search(text):
            hits[name] = max(hits.get(name, 0.0), weight)


def detect(text: str) -> InjectionVerdict:
    """Score `text` for prompt-injection markers."""
    hits: dict[str, float] = {}
    if _TAG_CHARS.search(text):
        hits["hidden_characters"] = 1.0
    normal = _normalise(text)
    _scan(normal, hits)
    leet = _deleet(normal)
    if leet != normal:
        _scan(leet, hits)
    spaced = re.sub(r"(?<=\b\w) (?=\w\b)", "", normal)  # "i g n o r e" -> "ignore"
    if spaced != normal:
        _scan(spaced, hits)
    for payload in _decoded_payloads(_ZERO_WIDTH.sub("", text)):
        inner: dict[str, float] = {}
        _scan(payload, inner)
        if inner:
            hits["encoded_payload"] = 1.0
    score = min(1.0, sum(hits.values()))
    return InjectionVerdict(flagged=score >= FLAG_AT, markers=sorted(hits), score=round(score, 3))


def neutralise(text: str) -> str:
    """Make flagged text safe to quote inside a prompt: drop hidden characters and break
    chat-template delimiters so they cannot close or open a role."""
    text = _TAG_CHARS.sub("", _ZERO_WIDTH.sub("", text))
    return re.sub(r"<\|([a-z_]+)\|>|\[(/?INST)\]|<<(/?SYS)>>", r"(\1\2\3)", text, flags=re.I)
