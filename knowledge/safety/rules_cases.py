"""Case studies, model answers and scenarios, read sentence by sentence.

A case study names the client ("put Marcus on the Business Flex line"), a model answer
speaks to them ("sell your index funds", "you should be claiming the fee"), and a scenario
puts a claim in a colleague's mouth. What a colleague says is the lesson's claim unless the
lesson corrects it in the next sentences ("Carla says accented clients need a co-signer.
This is a stereotype"); a claim the lesson endorses ("Jeff is right") stays a claim.
Text is expected already plain (`rules.plain`).
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import re

from knowledge.safety.rules_claims import read

_PRODUCT = (
    r"(?:card|mastercard|visa|account|plan|line|line of credit|loan|heloc|package|mortgage|gic)"
)
# a client named or pointed to, not a thing ("put the payment on the card")
_PERSON = (
    r"(?!(?:the|a|an|your|their|its?|this|that|these|those|some|any|up|money|cash|funds)\b)\w+"
)
_HOLDINGS = (
    r"(?:index funds?|stocks?|shares|funds?|investments?|rrsp|tfsa|resp|401\(k\)|ira|savings|pension|emergency fund|"
    r"bonus|portfolio|mutual funds?|gics?|bonds?|inheritance|home equity)"
)
_PROTECTED = (
    r"(?:marital status|married|unmarried|single|race|religio\w+|faith|age|sex|gender|pregnan\w+|national origin|"
    r"disabilit\w+|public assistance|social assistance|welfare)"
)

_ADVISED = re.compile(
    # a named or described client put on one product
    rf"\b(?:(?:put|steer|enrol|enroll|move) {_PERSON} (?:on|into|in|onto|towards?)|(?:sign|set) {_PERSON} up (?:on|for|with)) (?:the|our) (?:[\w-]+ ){{1,3}}{_PRODUCT}\b"
    r"|\b(?:right|best|correct|only) (?:answer|solution|move|call|choice|option|product) for (?:them|him|her|you|this client|someone (?:in|like))\b"
    r"|\bonly one (?:sensible|real|right|good|logical|smart|obvious) (?:product|option|choice|card|answer)\b"
    r"|\bthe only (?:real |sensible |right )?(?:option|choice|card|product) for (?:someone|people|a client|clients|him|her|them|you)\b"
    rf"|\bis the (?:card|product|account|plan|option|one) for (?:you|them|him|her)\b|\blet's (?:sign|set) (?:you|them|him|her) up\b"
    # a client told what to do with their money or taxes
    rf"|\b(?:told|advised|urged|encouraged|convinced) (?:her|him|them|the client|the \w+s) to (?:\w+ ){{0,2}}?(?:cash\w* (?:it |them )?out|sell|withdraw|liquidate|pull|move|invest|put|pay off|consolidate|refinance|stop|skip|claim|deduct)\b"
    r"|\byou (?:should|must|ought to|need to) (?:be |start |stop )(?:claim|deduct|writ|contribut|invest|putt|mov|sell|withdraw|cash|skipp|pull|refinanc|consolidat)\w*"
    rf"|(?:^|[:'\"]\s*)\W*(?:sell|cash out|liquidate|withdraw|pull|move|dump|drain|skip|stop contributing to) (?:\w+ ){{0,2}}?(?:your|all your) {_HOLDINGS}\b"
    r"|\bskip (?:the|your|their) emergency fund\b|\bmy advice\b\W*(?:\?|:|,|is)"
    r"|\bput (?:that|the|your|this) (?:\$\s?[\d,]+|money|bonus|cash|savings) (?:toward|towards|into|in) (?:our|the|your) (?:\w+ ){0,2}(?:account|fund|gic|portfolio)\b"
    r"|\b(?:you|they|he|she)(?:'ll| will) (?:definitely |certainly |surely )?(?:come out ahead|be better off)\b(?![^.!?\n]{0,20}\b(?:if|when|unless|depending)\b)"
    r"|\b(?:should|must|needs? to) (?:stop|pause) (?:contributing|contributions) to\b"
    r"|\bit's what i'?d do\b|\bwhat i would do\b"
    r"|\bbelongs? (?:on|with|in) (?:the|our) (?:[\w-]+ ){0,3}(?:card|account|plan|package)\b|\bonly show (?:that|this|the \w+) (?:one|card)\b"
    r"|\bborrow\w* to invest\b[^.;!?\n]{0,20}\b(?:makes sense|is (?:smart|wise|a good idea))|\btell (?:her|him|them|the client) to go ahead\b(?=\s*(?:[.,;!]|$|with (?:it|the (?:loan|purchase|investment|transfer|draw))))"
    r"|\b(?:tell|advise|have) (?:them|her|him|the client|clients) to (?:file (?:jointly|separately|together)|split (?:their )?income|defer (?:their )?(?:taxes|income)|deduct|write (?:it|\w+) off)\b"
)
_TREATED = re.compile(
    # a credit law said to allow treating a protected group differently
    r"\b(?:ecoa|equal credit opportunity act|reg(?:ulation)? b|fcac|human rights (?:act|code)|bank act)\b[^.!?\n]{0,40}\b(?:lets?|allows?|permits?)\b"
    rf"[^.!?\n]{{0,60}}\b{_PROTECTED}\b"
    rf"|\b(?:price|treat|assess|rate|limit)\w* (?:\w+ ){{0,3}}differently (?:for|with) (?:\w+ ){{0,2}}(?:{_PROTECTED}|women|men|seniors|older|younger|newcomers|immigrants)\b"
    # a client kept from a product or a feature
    r"|\b(?:shouldn't|should not|don't|do not|no need to|needn't) bother (?:showing|offering|explaining|mentioning|telling|presenting)\b"
    r"|\b(?:interpreters?|translat\w+|accommodat\w+|accessible formats?)\b[^.;!?\n]{0,30}\b(?:isn't|is not|aren't|are not|not) worth\b"
    # a client asked about a protected matter before being served
    r"|\bask\w* (?:(?:the |a |an |every |each )?(?:\w+ ){0,2}(?:couple|client|applicant|customer|family|woman|man|borrower)s?|her|him|them)(?: first)? (?:whether|if|about)\b[^.!?\n]{0,30}"
    r"\b(?:allowed|(?:accept|pay) interest|religio\w*|faith|beliefs?|plans? to (?:have|return)|return\w* to work|pregnan\w*|husband|wife|spouse|children|kids|birth|born)\b"
)

# What a third party is reported as saying or doing, and what the lesson then says of it.
_REPORTED = re.compile(
    r"\b(?:says?|said|claims?|claimed|mentions?|mentioned|suggests?|suggested|notes?|noted|argues?|insists?|thinks?|"
    r"believes?|wants?|prefers?|jokes?|joked|remarks?|tells you|told you|told (?:her|him|them)|advised|recommends?|recommended)\b"
    # a practice reported of other staff ("some reps tell clients to ...")
    r"|\b(?:some|many|a few|one|another|other) (?:reps?|colleagues?|advis[eo]rs?|staff|bankers?|agents?|branches|managers?|people)\b"
)
_CORRECTION = re.compile(
    r"\b(?:stereotyp\w*|wrong|prohibit\w*|not allowed|not permitted|red flag|correct (?:him|her|them|it|this|that)|"
    r"challenge (?:it|this|that|him|her|them)|push back|(?:isn't|is not|aren't|are not|never) (?:a )?factors?|never on|"
    r"(?:instead of|rather than|without|never|don't|do not) assum\w*|inappropriate|unfair|not fair|misleading|myth|false|illegal|unlawful|discriminat\w*|what went wrong|went wrong|instead,? (?:the|a|you))\b"
    # the next sentence refuses it outright ("Don't.", "That's advice we aren't licensed to give.")
    r"|^\s*(?:but |so )?(?:don't|do not|never do)(?:\s*[.!,;-]|\s+(?:do (?:that|this|it)|say (?:that|it|this)|repeat (?:it|that)|"
    r"follow (?:that|them|it)|copy (?:that|it)))"
    r"|^\s*(?:that|this|it|they)(?:'s| is|'re| are| does| do| will)(?:n't| not)\b|\bnot licensed\b|\baren't licensed\b"
)
_ENDORSED = re.compile(
    r"\b(?:(?:is|was|are|were|'s)(?:n't| not) wrong|has a point|makes sense|(?:i|we) agree|(?:is|was|are|were) right|did (?:well|right)|good (?:thinking|call|practice|instinct)|well done|useful shortcut|"
    r"smart (?:choice|move)|calls? (?:it |this |that )?(?:good|smart|sensible|wise))\b"
)


def corrected(sentences: list[str]) -> set[int]:
    """Indices of sentences reporting what someone says or does that the lesson corrects in
    one of the next two sentences, without endorsing it."""
    found = set()
    for index, sentence in enumerate(sentences):
        if not _REPORTED.search(sentence) or _ENDORSED.search(sentence):
            continue
        following = " ".join(sentences[index + 1 : index + 3])
        if _CORRECTION.search(following) and not _ENDORSED.search(following):
            found.add(index)
    return found


def advised(sentence: str) -> str | None:
    """A case-study client put on one product or told what to do with their money."""
    return read(_ADVISED, sentence, negatable=True)


def treated(sentence: str) -> str | None:
    """A protected group said to be lawfully treated differently, or asked about."""
    return read(_TREATED, sentence)
