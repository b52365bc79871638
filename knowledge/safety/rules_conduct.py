"""Conduct a lesson must never teach: getting round the checks a bank owes the law, and
pressing a client into a decision.

- **Checks got round**: identity, beneficial-owner, sanctions or source-of-funds checks
  skipped or waved through; cash split to stay under a reporting threshold; a client told
  that a report is being filed about them; paperwork signed or dated for someone else.
- **Pressure selling**: a deadline or scarcity made up to close a sale, a client kept from
  taking time to decide, every objection to be overcome whatever the client needs.

Each reader returns the words that make the claim, or None. A sentence that forbids the
conduct or names it as wrong ("never split a deposit to avoid the report", "it is illegal
to tip off a client") teaches the rule, as in `rules_claims`. Text is expected already plain
(`rules.plain`).
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import re

from knowledge.safety.rules_claims import read

_CLIENT = r"(?:the |a |your |our |each |every |any |that |this )?(?:clients?|customers?|cardholders?|applicants?|owners?|business(?:es)?|compan(?:y|ies)|them|him|her|they)"
_CHECK = (
    r"(?:(?:photo |government |two pieces of )?id(?:entification)?|identity|kyc|know[- ]your[- ](?:customer|client)|cip|"
    r"(?:beneficial[- ])?owner(?:ship)?(?: information| details| checks?| forms?)?|beneficial owners?|"
    r"sanctions?(?: screening| checks?| lists?| hits?| matches?| alerts?)?|ofac(?: checks?| hits?| matches?| alerts?)?|watch ?lists?(?: hits?| matches?| alerts?)?|"
    r"(?:enhanced |customer )?due diligence|edd|cdd|source of (?:funds|wealth)|verification|verif\w+ steps?|"
    r"(?:the |those |these |all the |our )?(?:checks|screening|paperwork|documentation|documents|compliance steps?))"
)
_THRESHOLD = r"(?:\$?\s?10,?000|10k|ten thousand|(?:the )?(?:reporting |cash )?(?:threshold|limit)|(?:the )?(?:ctr|lctr|report\w*|radar|flag\w*|alert\w*))"
_MONEY = r"(?:cash|deposits?|payments?|transactions?|withdrawals?|transfers?|amounts?|sums?|purchases?|charges?)"

_GOT_ROUND = re.compile(
    # a check skipped or waved through
    rf"\b(?:skip|bypass|waive|ignore|override|dismiss|clear|cut|fudge|get (?:a)?round|work (?:a)?round|sidestep|circumvent|shortcut|don't bother with|do not bother with|no need for|forget about)\s+(?:the |any |a |all |those |these |their |its )?{_CHECK}\b"
    rf"|\b(?:don't need to|do not need to|no need to|never need to|needn't|don't|do not|won't need to|doesn't need to|does not need to|there's no need to)\s+(?:bother (?:to |with )?|really )?(?:verify|check|screen|confirm|collect|ask for|request|look at|run)\s+(?:the |their |his |her |any |an? )?(?:{_CHECK}|who (?:owns|controls))\b"
    rf"|\b(?:open|approve|issue|process)\w*\b[^.!?\n]{{0,40}}\bwithout (?:any |the |their |an? )?{_CHECK}\b"
    rf"|\b(?:{_CHECK}) (?:is|are) (?:optional|just a formality|a formality|not (?:really )?needed|unnecessary) for\b"
    # cash kept under a reporting threshold
    rf"|\b(?:split|break|breaking|broke|divide|spread|stagger|chunk)\w*\s+(?:up\s+)?(?:the |their |a |his |her |large |big )?(?:\w+ )?{_MONEY}\b[^.!?\n]{{0,60}}\b(?:under|below|beneath|avoid|stay off|keep (?:it|them) off|so (?:it|they|that it|that they|nothing) (?:doesn't|don't|won't|never))\b[^.!?\n]{{0,30}}{_THRESHOLD}"
    rf"|\b(?:keep|kept|keeping)\s+(?:each|every|the|their|all)?\s*(?:\w+ )?{_MONEY}\s+(?:just )?(?:under|below)\s+{_THRESHOLD}"
    rf"|\b(?:stay|staying|remain)\s+(?:just )?(?:under|below)\s+(?:the )?(?:\$?\s?10,?000|ten thousand|reporting threshold)\b[^.!?\n]{{0,40}}\b(?:avoid|no|without|so)\b"
    # the client tipped off about a report
    rf"|\b(?:let|tell|warn|alert|give)\w*\s+{_CLIENT}\s+(?:\w+ ){{0,2}}(?:know|a heads[- ]up|in advance|beforehand|that)\b[^.!?\n]{{0,50}}\b(?:sar|str|suspicious|report(?:ed|ing)? (?:them|him|her|it|the|their)|investigat\w*|flagged|being looked at|under review)"
    # looking away
    rf"|\b(?:look the other way|turn a blind eye|don't ask (?:too many|where|how)|do not ask (?:too many|where|how)|no questions asked)\b"
    rf"|\b(?:don't|do not|no need to)\s+(?:file|submit|raise|escalate)\s+(?:a |the |an )?(?:sar|str|suspicious\w*|report|alert)\b"
    # paperwork done for someone else
    rf"|\b(?:sign|initial|date|backdate|fill in|complete)\w*\s+(?:the |their |his |her |an? )?(?:form|application|agreement|signature|documents?|paperwork)?\s*(?:for (?:them|him|her|the client)|on (?:their|his|her|the client's) behalf)\b(?![^.!?\n]{{0,30}}\b(?:power of attorney|authori[sz]ed)\b)"
    rf"|\bbackdat\w+\b"
)

_PRESSED = re.compile(
    # a decision hurried
    rf"\b(?:get|make|have|push|pressure|press|rush|hurry|nudge)\w*\s+{_CLIENT}\s+(?:to\s+)?(?:sign|commit|decide|apply|agree|close)\w*\b[^.!?\n]{{0,40}}\b(?:today|now|right away|on the spot|before (?:they|he|she) (?:leave|go|hang up|think)|immediately|this (?:call|visit|meeting))\b"
    rf"|\b(?:don't|do not|never)\s+(?:let|allow)\s+{_CLIENT}\s+(?:\w+ )?(?:leave|walk out|go home|hang up|think (?:it|about it)|sleep on it|take (?:it|the (?:forms?|paperwork)) home|shop around|compare|wait|take (?:their|his|her) time)\b"
    rf"|\b(?:create|build|add|use|manufacture|invent|make up)\w*\s+(?:a |some )?(?:false |fake |artificial )?(?:sense of )?(?:urgency|scarcity|deadline|fomo)\b"
    rf"|\b(?:tell|remind|say to|warn)\w*\s+{_CLIENT}\b[^.!?\n]{{0,40}}\b(?:offer|deal|rate|promotion|bonus|spots?|cards?|approval)\b[^.!?\n]{{0,30}}\b(?:ends?|expires?|disappears?|gone|runs? out|won't last|only (?:lasts|good|valid))\b[^.!?\n]{{0,20}}\b(?:today|tonight|tomorrow|this (?:week|hour|afternoon)|end of (?:day|the day)|in an hour|soon|any minute)\b(?![^.!?\n]{{0,40}}\b(?:if (?:it|that) is true|only if|when (?:it|that) is true)\b)"
    rf"|\b(?:only|just) (?:a few|\w+) (?:spots?|cards?|places?|approvals?|slots?) (?:left|remaining)\b"
    rf"|\bbefore (?:it's|they're|it is|they are) (?:all )?gone\b"
    # every objection overcome, need or not
    rf"|\b(?:never|don't|do not)\s+(?:take|accept)\s+(?:no|a no|'no')(?: for an answer)?\b"
    rf"|\b(?:overcome|beat|crush|push past|talk (?:them|the client) out of)\s+(?:every|each|any|all)\s+(?:\w+ )?(?:objection|hesitation|concern|no)s?\b"
    rf"|\b(?:keep|continue)\s+(?:pushing|pressing|pitching|calling|asking)\b[^.!?\n]{{0,40}}\buntil\b[^.!?\n]{{0,20}}\b(?:yes|sign|agree|give in|say yes)"
    rf"|\b(?:sell|pitch|push|upsell|offer)\w*\b[^.!?\n]{{0,50}}\b(?:whether or not|even if|regardless of whether)\s+(?:they|the client|the customer|he|she|it)\s+(?:\w+ )?(?:need|want|benefit|fit|suit|can afford)\w*"
)


_PROMISED = re.compile(
    # an outcome promised to a client outright, before anyone has decided it
    rf"\bpromise\s+{_CLIENT}\b(?!\s+(?:only|nothing))"
    rf"|\b(?:tell|assure|reassure|let)\s+{_CLIENT}\s+(?:know\s+)?(?:that\s+)?(?:they're|they are|he's|she's|it's|it is|they'll be|they will be)\s+(?:already\s+)?(?:pre-?approved|approved|qualified|accepted)\b"
)

_MISQUOTED = re.compile(
    # a rate or fee quoted lower than it is, or a cost dressed up as optional
    r"\bround (?:it|them|the (?:\w+ )?(?:apr|rate|fee|cost|price)s?) down\b"
    r"|\b(?:it's|it is|they're|they are|the real (?:\w+ )?(?:apr|rate|fee)s? (?:is|are)) (?:actually|really)\b(?:[^.!?\n]|(?<=\d)\.(?=\d)){0,40}\bbut\b[^.!?\n]{0,40}\b(?:rarely|never|won't|seldom|don't|do not|doesn't|does not|hardly ever) (?:check|notice|read|find out|look|ask)\w*"
    r"|\b(?:describe|present|call|pitch|frame|sell)\w*\s+(?:the |any |our )?(?:[\w-]+ ){0,2}(?:fees?|charges?|interest|apr|rates?|penalt\w+)\s+as (?:optional|voluntary|negotiable|a formality|a one-off|temporary|permanent)\b"
)

_ONE_FOR_ALL = re.compile(
    # one product said to fit every client, so no one's needs are asked about
    r"\b(?:suits?|fits?|is right for|works (?:best )?for|is (?:ideal|perfect|best) for)\s+(?:all|every|any|each)\s+(?:single\s+)?(?:business|client|customer|compan|owner|applicant)\w*\b(?!\s+(?:that|who|which|with|whose|if|when|where))"
    r"|\bskip (?:the )?(?:needs|suitability) (?:assessment|analysis|questions|check)\w*"
)


# A sentence that names the conduct to teach staff to spot it ("splitting cash to stay under
# $10,000 is called structuring and is a crime", "watch for clients who ...").
_NAMES_IT = re.compile(
    r"\b(?:structuring|smurfing|crimes?|criminal|offen[cs]es?|against the law|breach\w*|violat\w+|"
    r"is called|are called|known as|watch (?:out )?for|look out for|spot|signs? of|warning signs?|example of|"
    r"tactics?|high-pressure|pressure tactics?|scams?|fraudsters?|criminals?)\b"
)


def _conduct(pattern: re.Pattern[str], sentence: str) -> str | None:
    if _NAMES_IT.search(sentence):
        return None
    return read(pattern, sentence)


def got_round(sentence: str) -> str | None:
    """A check the law requires skipped, cash split under a threshold, a client tipped off."""
    return _conduct(_GOT_ROUND, sentence)


def promised(sentence: str) -> str | None:
    """An approval or outcome promised to a client before anyone has decided it."""
    return _conduct(_PROMISED, sentence)


def misquoted(sentence: str) -> str | None:
    """A rate or fee quoted lower than it is, or a cost passed off as optional."""
    return _conduct(_MISQUOTED, sentence)


def one_for_all(sentence: str) -> str | None:
    """One product said to suit every client, or the questions about need skipped."""
    return _conduct(_ONE_FOR_ALL, sentence)


def pressed(sentence: str) -> str | None:
    """A client hurried, made to fear missing out, or worn down."""
    return _conduct(_PRESSED, sentence)
