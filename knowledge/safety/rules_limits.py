"""Whether an absolute-sounding cost claim states the limit that makes it accurate.

"No interest", "free", "0 %", "won't change", "locked" and "never" mislead when they stand
alone, and teach when the same sentence, or the one after it, says when, to what or until
when they hold: "no interest on purchases if the statement balance is paid in full", "the
0 % rate ends after 6 months, then the variable rate applies", "the fee is waived in the
first year only", "cash advances never get a grace period". An absolute that rules out any
limit ("0 % forever", "no interest, ever", "the intro rate never ends", "the rate stays the
same no matter what") stays a misleading claim whatever else the sentence says.
Text is expected already plain (`rules.plain`): lower case, plain dashes and quotes.
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import re

_PERIOD = r"(?:months?|years?|days?|weeks?|statements?|billing cycles?|cycles?)"
_PROMO = r"(?:intro\w*|promo\w*|welcome|offer|teaser|special)"
# A time limit: how long the rate or waiver lasts, or the moment it stops.
_TIME_LIMIT = (
    rf"\bfor (?:the |your |their )?(?:first |initial )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|\w+teen)(?:[- ]month)? {_PERIOD}\b"
    rf"|\bfor (?:the |a )?(?:first |initial )?(?:year|month)\b|\b(?:in|during|for) (?:the )?(?:first|initial|opening) (?:\d+ )?(?:year|months?|{_PERIOD})\b|\bin year (?:one|1)\b|\byear one\b"
    rf"|\b(?:during|throughout|for|within|over) (?:the |this |that |a |its )?(?:\d+[- ]month |\w+[- ]month )?(?:{_PROMO} )?(?:period|term|offer|promotion|window)\b"
    rf"|\b(?:while|as long as) the (?:{_PROMO} )?(?:offer|promotion|period|term) (?:lasts|runs|is active|applies)\b"
    rf"|\buntil\b|\btill\b|\bends?\b|\bended\b|\bexpires?\b|\bthen\b|\bafterwards?\b|\bthereafter\b|\bbeyond\b|\blater\b"
    # "after that", "once the offer ends": an end; "once you sign up" is only a start
    rf"|\bafter (?:that|which|it ends|(?:the |its |this )?(?:first|initial|{_PROMO}|period|term|promotion|\d+|one|two|three|six|nine|twelve)\b)"
    rf"|\bonce (?:the |its |this )?(?:{_PROMO} )?(?:offer|promotion|period|term) (?:ends|is over|expires)\b"
    rf"|\bfrom (?:the )?(?:second|third|next|following|\d+(?:st|nd|rd|th)?) (?:year|month|statement|cycle)\b|\bfrom (?:year|month|day) (?:two|\d+)\b|\byear (?:two|2) (?:on|and beyond|onwards?)\b"
)
# A condition or an exception: only if, as long as, unless, except, provided.
_CONDITION = (
    r"\bif\b|\bunless\b|\bas long as\b|\bso long as\b|\bprovided(?: that)?\b|\bproviding\b|\bon condition\b|\bwhen(?:ever)?\b"
    r"|\bonly\b|\bexcept\b|\bexcluding\b|\bother than\b|\bbut\b|\bhowever\b|\bstill\b|\bin which case\b"
    r"|\bpaid (?:off )?in full\b|\bfull (?:statement |new )?balance\b|\bby the due date\b|\bwithin the grace period\b"
)
_LIMIT = re.compile(f"{_TIME_LIMIT}|{_CONDITION}")
# A next sentence that completes the limit: it opens on a later period, a contrast or an
# exception, or states the cost that applies outside the claim.
_NEXT_LIMIT = re.compile(
    r"^\s*(?:after|afterwards?|thereafter|then|from|starting|beginning|beyond|once|when|but|however|except|only|unless|"
    r"in (?:year|month)|past|miss|if|outside|otherwise|it (?:ends|expires|does not|doesn't|lasts|only)|this (?:only|lasts|ends))\b"
    r"|\b(?:fees?|rates?|apr|interest|charges?)\b[^.!?\n]{0,50}\b(?:appl(?:y|ies)|(?:is|are|gets?) (?:charged|billed)|kicks? in|starts?|takes? over)\b"
    r"|\b(?:charged|billed|carry|carries|cost|costs|get|gets)\b[^.!?\n]{0,30}\b(?:the )?(?:standard|regular|usual|variable|full|annual|\$\s?\d|\d+(?:\.\d+)?\s?%)"
)
# Absolutes that rule out any limit; a negation in front ("doesn't last forever", "is not
# permanent") turns one into the limit itself.
_UNBOUNDED = re.compile(
    r"\b(?:forever|for life|for good|permanent(?:ly)?|indefinitely|in perpetuity|no matter what|whatever happens|"
    r"(?:no|any|zero) (?:end|expiry|expiration) date|never (?:ends?|expires?|runs? out|stops?)|(?:doesn't|does not|won't|will not) (?:ever )?(?:end|expire|run out|stop)|"
    r"no catch|no strings|however long|however (?:you|they|the client|clients) (?:use|spend|pay)|as long as (?:they|you|the client|clients|the owner) (?:like|want|wish|please|keep|hold|have)|"
    r"as long as the (?:account|card) (?:is|stays|remains) (?:open|active)|before or after|even after|even (?:if|when) (?:they|you|the client|clients|a payment|payments) (?:miss|are late|pay late)|"
    r"on (?:everything|anything|every (?:purchase|transaction|balance))|all (?:the time|year round))"
)
# Words that only ever come with a negation ("no fees, ever", "no charges at all"): the
# negation is the absolute, never a limit.
_NEVER_LIMITED = re.compile(r"\bever\b(?! since)|\bat all\b|\bof any kind\b|\bwhatsoever\b")
_NEGATED_BEFORE = re.compile(r"(?:\bnot|n't|\bnever|\bno)\s+(?:\w+\s+){0,2}$")
# Cash advances and minimum payments cost interest whatever the condition: a claim that
# either is interest-free is wrong, not limited.
_ALWAYS_COSTS = re.compile(
    r"\b(?:cash advances?|(?:paying|pay|pays|making|make|makes) (?:only |just )?(?:the |a )?minimum(?: payments?)?)\b"
    r"[^.!?\n]{0,50}\b(?:free|interest[- ]free|no interest|never (?:be )?(?:charged|pay)|(?:won't|will not|don't|do not|doesn't|does not) (?:be )?(?:charged|pay|accrue|cost)|costs? nothing|0\s?%)\b"
    r"|\b(?:free|interest[- ]free|no interest|never (?:be )?charged (?:any )?interest|never pay (?:any )?interest|0\s?%)\b[^.!?\n]{0,50}\b(?:cash advances?|(?:pay|pays|paying|make|makes|making) (?:only |just )?(?:the |a )?minimum)\b"
)


def unbounded(sentence: str) -> bool:
    """An absolute in `sentence` that rules out any limit, not itself negated."""
    for found in _UNBOUNDED.finditer(sentence):
        if not _NEGATED_BEFORE.search(sentence[: found.start()]):
            return True
    return False


def limited(sentence: str, following: str = "") -> bool:
    """The cost claim in `sentence` comes with the condition, time limit or exception that
    makes it accurate, in the sentence itself or opening the one after it; an absolute that
    rules out any limit, or a cost said to vanish where it never does, is not limited."""
    absolute = unbounded(sentence) or unbounded(following) or _NEVER_LIMITED.search(sentence)
    if absolute or _ALWAYS_COSTS.search(sentence):
        return False
    if _LIMIT.search(sentence) or _negated_absolute(sentence):
        return True
    return bool(following) and bool(_NEXT_LIMIT.search(following))


def _negated_absolute(sentence: str) -> bool:
    """ "doesn't last forever", "isn't permanent": the limit said outright."""
    for found in _UNBOUNDED.finditer(sentence):
        if _NEGATED_BEFORE.search(sentence[: found.start()]):
            return True
    return False
