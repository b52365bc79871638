"""Rates and fees quoted without their terms, and costs kept from the client.

Quoting a rate or a fee with what it applies to, what follows it or where the terms are
teaches. Selling one (a zero or introductory rate, a waived fee, cash back, a cost called
low) without those, quoting a bare number, or telling staff to leave a cost unsaid
misleads by omission. Text is expected already plain (`rules.plain`): lower case, plain
dashes and quotes.
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import re

_NUMBER_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|half)"
)
# "three point nine nine percent", "twenty-five dollars", "0 per cent"
_WORDS_FIGURE = (
    rf"(?:\b{_NUMBER_WORD}(?:[- ](?:point|and|{_NUMBER_WORD})){{0,5}}|\d+(?:\.\d+)?)\s+"
    r"(?:percent|per cent|dollars|bucks)\b"
)
# Any percentage, rate figure or dollar amount counts as a quoted rate, fee or limit.
_WORDS_POINTS = rf"\b{_NUMBER_WORD}(?:[- ]{_NUMBER_WORD})* (?:bonus )?(?:points|miles)\b"
RATE_OR_FEE = re.compile(
    rf"{_WORDS_POINTS}|\d[\d,]*\s?x?\s(?:bonus )?(?:points|miles)\b|\d+(?:\.\d+)?\s?%|\b(?:apr|interest rate)\b[^.\n]{{0,30}}\d|\$\s?\d|{_WORDS_FIGURE}"
)
_FIGURE = re.compile(
    rf"{_WORDS_POINTS}|\d[\d,]*\s?x?\s(?:bonus )?(?:points|miles)\b|\$\s?\d[\d,]*(?:\.\d+)?|\d+(?:\.\d+)?\s?%|{_WORDS_FIGURE}"
)
# A pointer to the terms discloses the rate.
TERMS_POINTER = re.compile(
    r"\b(?:cardholder agreement|account agreement|credit agreement|disclosure statement|disclosures?|"
    r"(?:rewards |full |offer |program |promotional )?(?<!in )terms(?: and conditions)?(?! of\b)|t&cs?|"
    r"conditions apply|(?:other |some )?(?:conditions|restrictions|exclusions|limitations) (?:may )?apply|"
    r"subject to (?:change|credit approval|approval|conditions)|on approved credit|fee schedule|"
    r"full fee details)\b"
    # a figure given as the agreement prints it
    r"|\b(?:as (?:printed|shown|stated|written|set out|listed|quoted)|as it appears|exactly as) in the (?:\w+ )?(?:agreement|contract|disclosure box|rate sheet|product sheet|fee table)\b"
)
# What follows a promotion: the rate after it ("then 19.99%", "after the first year").
_FOLLOWS = re.compile(
    r"\b(?:then|thereafter|afterwards?|after (?:that|which|the (?:intro\w*|promo\w*|offer|first|initial)\b[^.!?;\n]{0,30})|"
    r"revert\w*|once the (?:offer|promotion|intro\w* period|promo\w* period) ends|when the (?:offer|promotion|\w+ period) ends)\b"
    r"[^.!?\n]{0,50}(?:\d|\b(?:rate|apr|fee|interest)\b)"
    r"|\b(?:standard|regular|ongoing|go-to|variable|usual) (?:purchase |balance transfer |cash advance )?(?:rate|apr)\b"
    r"[^.!?\n]{0,30}\b(?:applies|apply|of \d|is \d|\d)"
    # a later period and what it costs: "from year two the fee is charged", "$99 after that"
    r"|\b(?:from|starting (?:in|from)|beginning (?:in|with)|after|past|beyond) (?:the )?(?:second|third|next|following|\d+(?:st|nd|rd|th)?|(?:day|month|year|statement) (?:two|\d+))\b"
    r"[^.!?\n]{0,50}\b(?:rate|apr|fee|interest|charged|billed|\d)"
    # French: "ensuite, le taux variable standard s'applique", "après la période promotionnelle"
    r"|\b(?:ensuite|par la suite|après (?:cette|la) période\w*|à la fin de la période\w*)\b[^.!?\n]{0,50}\b(?:taux|frais|intérêts?|\d)"
    r"|(?:\d\s?%|\$\s?\d[\d,]*|\b(?:rate|apr|fee)\b)[^.!?\n]{0,30}\b(?:after that|thereafter|afterwards?)\b"
    r"|\b(?:made|taken|opened|added|transferred) later\b[^.!?\n]{0,30}\b(?:rate|apr|fee|interest)\b"
)
# A condition that names what the offer's cost depends on ("unless a payment is 60 days
# late, in which case the penalty apr applies", "on purchases paid in full each month").
_TERMS_STATED = re.compile(
    r"\b(?:unless|only if|as long as|provided(?: that)?|except|in which case|if)\b[^.!?\n]{0,80}\b(?:rate|apr|fee|interest|charged|penalty)\b"
    r"|\b(?:paid|pay|pays) (?:\w+ )?in full\b|\bfull (?:statement )?balance\b"
)
# A cost stated as a cost, not as a selling point: a fee or rate above zero.
_COST = re.compile(
    r"(?<!just )(?<!only )(?<!low )(?:\$\s?[1-9][\d,]*(?:\.\d+)?|(?<![\d.])(?:[1-9]\d*(?:\.\d+)?|0\.\d*[1-9]\d*)\s?%)(?: \w+){0,4} (?:fee|apr|interest|rate)\b"
    r"|\b(?:fee|apr|interest rate|rate) (?:of|is|at) (?:the greater of |up to |about )?(?:\$\s?[1-9]|(?:[1-9]\d*|0\.\d*[1-9])(?:\.\d+)?\s?%)"
)
# Several products set side by side, or a worked example: neither sells one figure.
_NEUTRAL = re.compile(
    r"\b(?:card|option|account|plan) (?:a|b|c|1|2|3)\b|\bboth (?:cards|options|accounts)\b|\beither (?:card|option)\b|"
    r"\bcompar\w+|\bversus\b|\bvs\b|\bwhereas\b|\bsuppose\b|\bimagine\b|\bfor (?:example|instance)\b|\bin (?:this|that|the) example\b|\be\.g\b|"
    r"\bworked example\b|\bsay (?:a|the) client\b|\bif (?:a|the) (?:client|cardholder|customer|business) (?:carries|borrows|pays|spends)\b"
    # "a client who carries $1,000 for a month pays about $18": arithmetic, not an offer
    r"|\b(?:client|cardholder|customer|business|someone) (?:who|that) (?:carries|borrows|keeps|leaves)\b|\bon a (?:\$[\d,]+|[\w-]+[- ]dollar) balance\b"
)

# "$0" is a price only beside one ("a $0 annual fee", "costs $0"), not "paid down to $0".
_ZERO_DOLLARS = (
    r"(?:\b(?:fees?|costs?|costing|price|priced at|charges?|pay|pays|for|just|only|annual fee|monthly fee)\W{0,3}(?:of |is |are |at |just |only )?\$\s?0(?![\d.,]*[1-9])\b"
    r"|\$\s?0(?![\d.,]*[1-9])\s*(?:annual |monthly |yearly |account |membership |transfer |intro\w* |setup |foreign \w+ )?"
    r"(?:fees?|to own|charges?|costs?|price|apr|interest|down)\b)"
)
# A zero rate or a cost taken away.
_FREE = (
    rf"(?<![\d.,])0(?:\.0+)?\s?(?:%|percent|per cent)|{_ZERO_DOLLARS}|\bzero(?:[- ]percent|[- ]per cent| ?%| interest| fees?| annual fee|[- ]dollars?)\b"
    r"|\bno (?:annual |monthly |yearly |foreign (?:transaction |exchange )?|balance transfer |transfer |membership |account )?(?:interest|fees?)\b"
    r"|\binterest[- ]free\b|\bfee[- ]free\b|\bwaive[sd]?\b|\bpay (?:no|zero|nothing in) (?:interest|fees?)\b|\bpay nothing\b"
    r"|\b(?:fees?|apr|interest|rate)\b\W{1,3}(?:is |are |of )?(?:zero|nil|none|nothing)\b"
)
_ZERO_FIGURE = re.compile(
    rf"(?<![\d.,])0(?:\.0+)?\s?(?:%|percent|per cent)|{_ZERO_DOLLARS}|\bzero(?:[- ]percent|[- ]per cent| ?%|[- ]dollars?\b)"
)
# Selling words: a temporary or special offer, a benefit, a cost called low, a pitch.
_SELLING = (
    r"!|\b(?:intro(?:ductory)?|promo(?:tional)?|special|welcome|bonus|sign[- ]?up|limited[- ]time|teaser|"
    r"exclusive|launch|great news|no strings attached|act now|don't miss|best deal|unbeatable|amazing|"
    r"incredible|unbelievable|fantastic|hurry|today only|this month only|new (?:cardholders|clients|customers|accounts))\b"
    r"|\b(?:enjoy|earn|earns|save|saves|grab|lock in|take advantage|treat yourself|pay (?:just|only))\b"
    r"|\b(?:cash ?back|bonus points|statement credit|welcome offer|\d+x points|\d+\s?% back)\b"
    r"|\b(?:low|lowest|reduced|discounted|competitive|tiny|only|just|a mere|merely)\s+(?:(?!rewards?)\w+\s+)?(?:\d|\$|rate|apr|fee|interest)"
    r"|\b(?:lead with|highlight|pitch|promote|advertise|market|feature|push|tout|sell clients on|tell (?:\w+ ){0,2}about)\b"
)
# A rate or a waived cost offered for a time ("for 12 months", "until June") is a teaser; a
# dollar threshold in force until a date is not.
_FOR_A_TIME = (
    r"\bfor (?:the first |your first |their first |a (?:whole |full )|one )?(?:\d+|one|two|three|six|nine|twelve|fifteen|eighteen|\w+teen) (?:full )?(?:months?|years?)\b"
    r"|\bfor (?:a (?:whole |full )?|the first |one )year\b"
    r"|\b(?:until|through|till) (?:next |the end of )?(?:january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|fall|autumn|winter|year-end|\d)"
)
_PERCENT = re.compile(rf"\d+(?:\.\d+)?\s?(?:%|percent|per cent)|\bapr\b|{_WORDS_FIGURE}")
_FREE_SOLD = re.compile(
    rf"(?:{_FREE})[^.!?;\n]*?(?:{_SELLING}|{_FOR_A_TIME})|(?:{_SELLING}|{_FOR_A_TIME})[^.!?;\n]*?(?:{_FREE})"
)
_SOLD = re.compile(_SELLING)
_TIMED = re.compile(_FOR_A_TIME)
# A figure that prices something (a rate, a fee, a price, points), as opposed to a limit,
# a threshold or an amount borrowed.
_PERCENT_FIGURE = re.compile(rf"\d+(?:\.\d+)?\s?(?:%|percent|per cent)|{_WORDS_FIGURE}")
_PERCENT_PRICED = re.compile(
    r"\b(?:apr|rates?|interest|fees?|charges?|costs?|price\w*|cash ?back|back on|rewards?|points|balance transfers?|"
    r"cash advances?|purchases|per (?:year|month)|a (?:year|month)|annual\w*|monthly|lines? of credit|line|loans?|mortgages?|quot\w+|borrow\w*|lend\w*)\b"
)
_DOLLAR_PRICE = re.compile(
    rf"(?:\$\s?\d[\d,]*(?:\.\d+)?|\b{_NUMBER_WORD}(?:[- ](?:and|{_NUMBER_WORD})){{0,5}} dollars)(?:[- ]\w+){{0,3}}[- ]"
    r"(?:fee|charge|cost|price|a year|a month|per year|per month|annually|monthly|yearly)\b"
    r"|\b(?:fees?|charges?|costs?|costing|price|priced at|pay|pays)\b[^.\n]{0,25}(?:\$\s?\d|"
    + _NUMBER_WORD
    + r" dollars)"
    r"|\bapr\b[^.\n]{0,30}\d|\d[\d,]*\s?x?\s(?:bonus )?(?:points|miles)\b|" + _WORDS_POINTS
)


def _prices(sentence: str) -> bool:
    """A figure that prices something (a rate, a fee, a price, points) rather than a limit,
    a threshold, a statistic or an amount saved."""
    if _DOLLAR_PRICE.search(sentence):
        return True
    return bool(_PERCENT_FIGURE.search(sentence) and _PERCENT_PRICED.search(sentence))


_CLAUSE = re.compile(r"(?:[^.!?;\n]|\.(?=\d))+[.!?;]?")
SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\d))+[.!?]?")  # "22.99%" is not two sentences

# What makes a quoted figure a statement of terms rather than a bare number: when or to what
# it applies, how it is worked out, what it depends on, or that it can change.
_CONDITIONS = re.compile(
    r"\b(?:appl(?:y|ies|ied) (?:to|on|when|if|after|for|from|only|once|each|every|per)|charged (?:on|when|if|from|after|for|daily|monthly|each|per|to)|"
    r"accru\w+|calculated|compounded|corresponds?|equivalent|works? out|converts?|"
    r"per (?:transaction|purchase|advance|transfer|cheque|item|withdrawal)|each (?:transaction|purchase|advance|transfer)|"
    r"of the (?:amount|balance|transaction|purchase|advance|transfer|statement|converted|total)|greater of|whichever|minimum of|maximum of|"
    r"(?:may|might|can|could) apply|if|when|whenever|unless|once|depending|depends|based on|var(?:y|ies|iable)|prime|(?:may|can|could|will) change|"
    r"after|until|during|within|from the (?:day|date)|daily periodic|average daily)\b"
    # an add-on priced as one the client may turn down
    r"|\b(?:optional|(?:may|can) (?:be )?declined?|opt(?:s|ed)? (?:in|out)|not required)\b"
    # a figure said to need its terms beside it ("'borrow at 2.49%' needs the apr and the fees")
    r"|\b(?:needs?|requires?|must (?:show|carry|include|state|have))\b[^.!?\n]{0,30}\b(?:terms?|apr|fees?|conditions|disclosures?)\b"
)


_PRODUCT = re.compile(r"\b(\w+) (?:card|account|plan|line of credit)\b")


def _side_by_side(text: str) -> bool:
    """Two or more products named, or a worked example: a comparison, not a pitch."""
    names = {m.group(1) for m in _PRODUCT.finditer(text)} - {
        "the",
        "a",
        "this",
        "our",
        "your",
        "each",
        "any",
    }
    return len(names) > 1 or bool(_NEUTRAL.search(text))


# One figure restated as another ("2% a month is about 24% a year"): arithmetic.
_CONVERSION = re.compile(
    r"\d\s?%[^.!?\n]{0,40}\b(?:is|equals|works out to|comes to|means|corresponds to|converts to)\s+"
    r"(?:about |roughly |approximately |around |nearly |almost )?(?:an? )?(?:apr of |annual rate of )?\d"
    r"|\d\s?%\s*(?:(?:a|per) month|monthly)\b[^.!?\n]{0,60}\d\s?%\s*(?:(?:a|per) year|annual|yearly|apr)\b"
    r"|\b(?:apr|rate)\b[^.!?\n]{0,10}\b(?:divided by|times|multiplied by) \d+"
    r"|\b(?:hides?|hiding|amounts? to|adds? up to|is really|is actually)\b[^.!?\n]{0,30}\d\s?%"
)


# A cost named in words beside the offer ("still carries a transfer fee", "so it isn't
# free"): the offer is told with what it costs.
_COST_NAMED = re.compile(
    r"\b(?:still|also) (?:carr(?:y|ies)|charges?|has|have|costs?|comes? with)\b[^.!?\n]{0,30}\b(?:fee|interest|charge)"
    r"|\b(?:fee|interest|charge)s?\b[^.!?\n]{0,20}\b(?:is |are )?(?:still|also) (?:applies|apply|charged|billed|due|added)\b"
    r"|\b(?:isn't|is not|aren't|are not|never|not) (?:\w+ )?free\b"
)


def disclosed(text: str) -> bool:
    """The text points to the terms (or carries the standard disclaimer)."""
    return bool(TERMS_POINTER.search(text))


def promoted(clause: str) -> bool:
    """A rate, fee or reward sold here: a zero rate or fee, a figure with selling words
    around it, or a waived or absent cost offered for a time or with a benefit."""
    if _ZERO_FIGURE.search(clause) or (RATE_OR_FEE.search(clause) and _SOLD.search(clause)):
        return True
    if _PERCENT.search(clause) and _TIMED.search(clause):
        return True
    return bool(_FREE_SOLD.search(clause))


def unqualified(text: str) -> str | None:
    """The first clause of `text` that sells a rate or fee when nothing in `text` states
    its terms: no pointer to them, no rate that follows, no cost stated beside it."""
    if disclosed(text) or _FOLLOWS.search(text) or _side_by_side(text):
        return None
    clauses = [c.strip() for c in _CLAUSE.findall(text) if c.strip()]
    sold = [c for c in clauses if promoted(c)]
    if not sold or any(_COST.search(c) for c in clauses if c not in sold):
        return None
    if _COST_NAMED.search(text) or _TERMS_STATED.search(text):
        return None
    return sold[0]


def bare_quote(text: str) -> str | None:
    """The first sentence of `text` that quotes a rate or fee as a bare number: no pointer
    to the terms anywhere, nothing on when or to what it applies, no other cost beside it."""
    if disclosed(text) or _FOLLOWS.search(text) or _side_by_side(text) or _COST_NAMED.search(text):
        return None
    for sentence in SENTENCE.findall(text):
        if _CONVERSION.search(sentence):
            continue
        if _prices(sentence) and not _CONDITIONS.search(sentence):
            return sentence.strip()
    return None


# What a client must hear about: costs, the terms and when an offer ends.
_OWED = (
    r"(?:fees?|charges?|costs?|interest|apr|(?:\w+ )?rates?|penalt\w+|terms|conditions|fine print|disclosures?|"
    r"expir\w+|catch|(?:when|that) (?:the|it|this) (?:\w+ )?(?:ends|expires|goes up|rises|jumps|climbs|reverts|increases)|"
    r"what (?:it|the (?:\w+ )?(?:rate|apr|fee)) (?:rises|goes up|jumps|climbs|reverts|changes|increases) to)"
)
_NO = r"(?:never|don't|do not|must not|mustn't|should not|shouldn't|cannot|can't|no one should|not allowed to|(?:is|it's) (?:wrong|illegal|against policy) to)"
# Costs kept from the client: hidden, played down, or left unsaid unless the client asks.
_HIDE = re.compile(
    r"\b(?:hide|conceal|omit|leave out|gloss over|downplay|play down|bury|skim over|skip over|brush over|"
    r"keep (?:\w+ ){0,3}(?:quiet|hidden|vague|to yourself|under wraps|low-key)|"
    r"avoid (?:mentioning|discussing|bringing up|talking about|explaining|disclosing|raising))\b"
    rf"[^.!?\n]{{0,50}}\b{_OWED}"
    r"|\bskip (?:over )?(?:the |any )?(?:fine print|terms|disclosures?|details about|part about|fee talk)\b"
    rf"|\b(?:deflect|dodge|sidestep|change the subject|steer (?:\w+ ){{0,3}}away from)\b[^.!?\n]{{0,50}}\b{_OWED}"
    rf"|\b(?:asks?|questions?|wants? to know) about (?:the |any )?(?:\w+ )?{_OWED}\b[^.!?\n]{{0,30}}\b(?:change the subject|deflect|dodge|sidestep|move on|talk about something else|pivot)"
    rf"|\b(?:keep|steer)\b[^.!?\n]{{0,50}}\baway from (?:the |any )?(?:\w+ )?{_OWED}"
    rf"|\bleave (?:the |any )?(?:\w+ ){{0,2}}{_OWED} out\b|\bkeep (?:the |any )?(?:\w+ )?{_OWED} (?:quiet|hidden|vague|low-key|under wraps|to yourself)\b"
    # the costs skipped, or heard only once it is too late to weigh them
    rf"|(?:^|[\u2022*:;,\-]|\b(?:you|staff|we|reps?|agents?|just|simply|then|and|to)\b)\s*(?:can |may |should |could )?\bskip(?:ping)?\s+(?:over\s+|past\s+)?(?:the\s+|any\s+|all\s+)?(?:\w+\s+)?(?:{_OWED}|fee (?:schedule|table|summary)|schumer box)\b"
    rf"|\b(?:hand|give|provide|show|send|present|mention|explain|disclose|tell|raise|bring up)\w*\s+(?:over\s+|them\s+|the client\s+)?(?:the |any |our )?(?:\w+ ){{0,2}}(?:fees?|charges?|costs?|interest|apr|rates?|penalt\w+|disclosures?|fee (?:schedule|table|summary)|schumer box)\b[^.!?\n]{{0,40}}(?<!never )(?<!not )(?<!n't )\b(?:only )?(?:after|once) (?:they|the client|the customer|the owner|he|she)(?:'ve| have| has)? (?:signed|signs?|applied|applies|accepted|accepts|committed|commits)\b"
    rf"|\bonly (?:list|mention|explain|disclose|discuss|quote|cover|bring up|talk about|go over)\s+(?:the |any )?(?:\w+ )?{_OWED}\b[^.!?\n]{{0,30}}\b(?:asks?|asked|requests?|requested|brings? up|raises?)\b"
    rf"|\bdraw (?:the client's |the customer's |their |his |her |anyone's )?attention (?:away )?from (?:the )?(?:\w+ )?{_OWED}"
)
_UNSAID = re.compile(
    r"\b(?:don't|do not|never|no need to|needn't|don't have to|do not have to|not necessary to|there's no need to|no point in|no reason to|"
    r"don't bother|do not bother)\s+((?:\w+\s+){0,2}?)"
    r"(?:mention\w*|disclos\w*|tell\w*|explain\w*|bring(?:ing)? up|volunteer\w*|point\w* out|reveal\w*|talk\w* about|"
    r"go\w* into|spell\w* out|rais\w*|discuss\w*|walk \w+ through|draw (?:the client's |the customer's |their |his |her |anyone's )?attention to)\b"
)
_UNSAID_OBJECT = re.compile(rf"\b{_OWED}\b")
# "don't explain the fee" is said to staff; "the terms do not explain how points expire"
# describes a document. The negation must open its clause or follow staff as its subject.
_TO_STAFF = re.compile(
    r"(?:^|[,;:\u2014(\-\u2022*]|\b(?:and|so|then|just|please|but|or))\s*$"
    r"|\b(?:you|we|i|staff|agents?|employees?|advisors?|advisers?|reps?|representatives?|tellers?|"
    r"bankers?|managers?|colleagues?|team members?|the team)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_CLAIM = re.compile(r"\s+(?:\w+\s+)?(?:will|is|are|won't|can|stays?|never|always)\b")
_PRONOUN_END = re.compile(
    r"\s*(?:\w+\s+)?(?:them|it|him|her)?\s*(?:about (?:it|them))?\s*[.!?]?\s*$"
)
_ONLY_IF_ASKED = re.compile(
    r"\b(?:unless|until|only (?:if|when)|except (?:if|when))\s+(?:they|the (?:client|customer|owner)|clients?|customers?|he|she|someone|asked)\b"
    r"[^.!?\n]{0,25}\b(?:ask\w*|insist\w*|push\w*|sign\w*|request\w*|find out|notice\w*)"
    r"|\bwait (?:until|till) (?:after )?(?:they|the (?:client|customer|owner)|clients?|customers?)\s+(?:\w+ )?(?:sign|apply|accept|commit)\w*"
)
_ONE_SIDED = re.compile(
    r"\b(?:only|just) (?:mention|quote|talk about|advertise|state|show|discuss|present|say)\b(?:(?!\bif\b)[^.!?\n]){0,20}"
    r"\b(?:intro\w*|promo\w*|teaser|0\s?%|zero|low\w*|first[- ]year|cash ?back|rewards?|benefits?|perks?|points)\b"
    r"|\b(?:mention|quote|talk about|discuss|advertise|state) only the\b"
    rf"|\btalk up\b[^.!?\n]{{0,40}}\b(?:and|but)\b[^.!?\n]{{0,30}}\b{_OWED}"
    rf"|\b(?:mention|tell|talk|explain|quote|discuss|pitch)\w*\b[^.!?\n]{{0,60}}\bbut not\b[^.!?\n]{{0,25}}\b{_OWED}"
    rf"|\bfocus (?:only )?on\b[^.!?\n]{{0,40}}\b(?:not|rather than|instead of)\b[^.!?\n]{{0,20}}\b{_OWED}"
)
# "never hide or play down fees": the hiding is what is forbidden.
_NEGATED = re.compile(rf"\b{_NO}\s+(?:\w+\s+){{0,2}}(?:or\s+)?$")
_DOUBLE_NEGATIVE = re.compile(r"\b(?:forget|fail|neglect|hesitate|omit|skip|hide)\w*\b")
_REQUIRED = re.compile(
    rf"\b{_NO}\b[^.!?\n]{{0,60}}\bwithout\b|\bwithout\b[^.!?\n]{{0,60}}\b(?:is|are) (?:misleading|not allowed|prohibited|wrong)"
)


def withheld(text: str) -> str | None:
    """The first sentence of `text` telling staff to hide a cost or the terms, leave them
    unsaid ("don't mention the transfer fee", "no need to bring up the penalty APR unless
    they ask") or quote only the attractive part; "don't forget to mention the fee",
    "never hide fees" and "never quote a rate without its fees" require disclosure."""
    for sentence in SENTENCE.findall(text):
        hidden = _HIDE.search(sentence)
        if hidden and not _NEGATED.search(sentence[: hidden.start()]):
            return sentence.strip()
        if _ONE_SIDED.search(sentence):
            return sentence.strip()
        if _ONLY_IF_ASKED.search(sentence) and _UNSAID_OBJECT.search(sentence):
            return sentence.strip()
        for unsaid in _UNSAID.finditer(sentence):
            if _DOUBLE_NEGATIVE.search(unsaid.group(1)) or _REQUIRED.search(sentence):
                continue
            if not _TO_STAFF.search(sentence[: unsaid.start()]):
                continue
            after = sentence[unsaid.end() : unsaid.end() + 50]
            owed = _UNSAID_OBJECT.search(after)
            # "never tell a client the rate will stay the same" forbids a claim instead
            if owed and not _CLAIM.match(after[owed.end() :]):
                return sentence.strip()
            if _PRONOUN_END.match(after) and _UNSAID_OBJECT.search(sentence[: unsaid.start()]):
                return sentence.strip()
        without = re.search(
            rf"\bwithout (?:mentioning|disclosing|explaining|telling|stating|saying|bringing up|pointing out|"
            rf"revealing|quoting|discussing|raising|a word about)\b[^.!?\n]{{0,40}}\b{_OWED}",
            sentence,
        )
        if without and not _REQUIRED.search(sentence):
            return sentence.strip()
    return None
