"""Financial-content rules for generated lessons.

Lessons teach; they never advise a person, promise returns, misdescribe a cost, keep a
cost from a client or discriminate. A rate or fee is quoted with its terms: stated with what
it applies to, or beside a pointer to the agreement. One sold ("0% for 12 months!") or
quoted bare ("the APR is 19.99%") without either is reported, and the standard disclaimer,
which lessons (`sanitise`) and tutor answers (`output.check_answer`) append whenever a
figure has no pointer, is that pointer: the text as delivered passes.
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from knowledge.safety import (
    rules_cases,
    rules_claims,
    rules_conduct,
    rules_costs,
    rules_credit,
    rules_disclosure,
    rules_limits,
    rules_model,
)
from knowledge.safety.normalise import canonical

DISCLAIMER = (
    "Rates and fees shown are examples for training only; always check the current "
    "cardholder agreement and company policy."
)

Severity = Literal["block", "warn"]


class Violation(BaseModel):
    rule: str
    excerpt: str
    severity: Severity = "block"


class RulesVerdict(BaseModel):
    passed: bool
    violations: list[Violation] = []
    needs_disclaimer: bool = False


# Sentences that forbid or deny a claim ("does not guarantee approval", "never promise a
# limit", "cannot deny ... because of race") teach the rule; they do not break it.
_PROHIBITION = re.compile(
    r"\b(?:never|do not|don't|must not|mustn't|should not|shouldn't|cannot|can't|may not|"
    r"avoid|refrain from)\s+(?:\w+\s+){0,2}?(?:promise|tell|say|state|claim|imply|suggest|assume|"
    r"advise|recommend|guarantee|choose|offer|deny|reject|decline|treat(?:ed)?|used?|give|pick|steer|"
    r"advertise|promote|quote|mention|pitch|market|highlight|lead with|sell|require|ask|demand|"
    r"encourage|urge|push|coach|persuade|convince|pressure|nudge|skip|hide|omit|rush|split|bypass|present|describe|call|frame|portray|position)\b"
    r"|\b(?:does|do|is|are|was|were)(?:n't| not)\s+(?:\w+\s+)?(?:guarantee[sd]?|a guarantee|risk[- ]free|certain|assured|automatic)\b"
    r"|\bas you would (?:for|with) (?:anyone|any other|every)\b|\bthe same (?:way )?as (?:for )?(?:anyone|any other|every other)\b"
    r"|\bnot (?:a )?guarantee[sd]?\b|\bno guarantee\b|\bprohibit\w*|\billegal\b|\bunlawful\b"
    r"|\bdiscriminat\w+ (?:on|based|against)|\bregardless of\b|\bnot allowed\b|\bit(?: i|')s wrong\b|\bwrong to (?:say|claim|suggest|tell)\b"
)

# Groups protected from discrimination (and common proxies for them).
_GROUP = (
    r"(?:older|elderly|senior|seniors|âgée?s?|agée?s?|aînée?s?|ainée?s?|personnes âgées|immigrantes?|femmes|enceintes?|grandparents?|retirees?|pensioners?|aged|wheelchair users?|deaf|blind|young(?:er)?|millennials?|boomers?|women(?:-owned)?|woman|female|"
    r"men|male|girls?|married|single (?:parents?|mothers?|fathers?|women|men|people|applicants?)|divorced|widowed|pregnant|she'?s pregnant|mothers?|fathers?|"
    r"disabilit(?:y|ies)|disabled|handicapped|newcomers?|immigrants?|foreigners?|foreign-born|"
    r"refugees?|accents?|nationalit(?:y|ies)|(?:first|native|home) language|limited english|non-english|english as a second language|"
    r"race|racial|ethnic\w*|religio\w+|muslims?|jews|jewish|"
    r"christians?|hindus?|sikhs?|black|white|asians?|hispanics?|latinos?|indigenous|minorit(?:y|ies)|"
    r"gay|lesbian|transgender|same-sex|that part of town|(?:those|certain|some) neighbou?rhoods?|"
    r"postal codes?|zip codes?|public assistance|welfare|social assistance|ontario works|odsp|food stamps|"
    r"people (?:over|under) \d+|(?:over|under) (?!(?:18|19|21)\b)(?:\d+|sixty|seventy|fifty)|age(?! of)|"
    r"(?:de )?(?:plus|moins) de (?!(?:18|19|21)\b)\d+ ans|d'origine étrangère|étrangers|entrepreneuses|"
    r"(?:people|clients?|applicants?|customers?|owners?|borrowers?|families|immigrants?) (?:from|born in) "
    r"(?!the\b|a\b|an\b|our\b|this\b|that\b|their\b|other\b|any\b|all\b)\w+)"
)
# The group words and people said to come from elsewhere ("clients from abroad").
_GROUP_WIDE = (
    rf"(?:{_GROUP}|(?:clients?|applicants?|customers?|people|owners?|those) (?:from|born) (?:abroad|overseas)"
    r"|(?:they're|they are|he's|she's) from (?:abroad|overseas)|name suggests)"
)
# Terms harder than anyone else's: more security, more documents, a co-signer.
_BURDEN = (
    r"(?:(?:larger|bigger|higher|extra|more|additional|stricter|second|two extra) (?:\w+ )?(?:security )?(?:deposits?|documents?|documentation|pieces? of id|id|identification|checks|scrutiny|"
    r"collateral|guarantors?|co-?signers?|proof|references)\b"
    r"|(?:justificatifs|pièces|documents|garanties) supplémentaires\b|(?:un )?(?:plafond|limite) (?:réduite?|plus bas(?:se)?)\b"
    r"|un garant\b|une caution\b)"
)
# A group asked for more than others: a bigger deposit, extra papers, a co-signer; read
# with its negation ("never ask newcomers for a larger deposit" forbids it).
_GROUP_BURDENED = re.compile(
    rf"\b{_GROUP_WIDE}\b[^.!?\n]{{0,50}}\b{_BURDEN}"
    rf"|\b{_BURDEN}[^.!?\n]{{0,40}}\b(?:from|of|for|to) (?:\w+ ){{0,2}}{_GROUP_WIDE}\b"
)


# "an accent is never a reason to ask for extra id": the burden named as unjustified.
_NO_REASON = re.compile(
    r"\b(?:is|are|was|were)(?: never|n't| not) (?:a |an )?(?:valid |legitimate |acceptable )?(?:reason|grounds?|basis|factor)\b"
)


def _burdened(sentence: str) -> str | None:
    """A protected group asked for more security or more papers than anyone else."""
    return None if _NO_REASON.search(sentence) else rules_claims.read(_GROUP_BURDENED, sentence)


_ADVERSE = (
    r"(?:tend to be|tends to be|are (?:usually|often|generally|more|less|bad|worse|lazy)|is (?:usually|often|more|less)|"
    r"usually|often|known for|notorious|can(?:'t|not) be trusted|don't get (?:it|tap|apps?|online|digital|technology)|unreliable|irresponsible|(?:a )?higher?[- ]risk|risky|struggle|"
    r"don't bother|do not bother|steer|(?:lower|smaller|reduced) (?:\w+ )?(?:limits?|lines?)|higher rates?|what we (?:sell|offer|show|push|pitch)|co-?sign\w*|prioriti[sz]e|"
    r"less creditworthy|shouldn't (?:get|have|be given)|should not (?:get|have|be given)|"
    r"deny|reject|decline|approve a lower|won't (?:pay|understand|follow|keep up|cope)|don't understand|lost on them|"
    r"probably|more responsible|less responsible|instead|wasted on|offer only|only (?:offer|show)|keep (?:it|the conversation|things) short|won't (?:travel|need|use|want)|no use for|"
    r"(?:back|bottom|end) of the (?:queue|pile|line)|deprioriti[sz]\w*|slow-?walk\w*)"
)

_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "personalised_advice",
        re.compile(
            r"\byou (?:should|must|need to|ought to) (?:definitely )?(?:apply for|get|take|open|choose|"
            r"pick|sign up for|switch to|cancel|invest in|borrow|buy)\b[^.!?\n]{0,60}"
            r"|\b(?:i|we) (?:recommend|advise|suggest) (?:that )?you (?:apply|get|take|open|choose|invest|"
            r"borrow|buy|sign up)\b[^.!?\n]{0,60}"
            r"|\b(?:best|right) card for you\b"
            r"|\b(?:advise|tell|encourage|urge|recommend(?: that)?|suggest(?: that)?|get)\s+(?:the\s+|your\s+|all\s+|every\s+)?"
            r"(?:clients?|customers?|them|cardholders?|businesses)\s+(?:to\s+)?(?:put|take out|withdraw|max out|"
            r"invest|borrow|close|move|use|pay only|only make|open|cash out|transfer|switch)\b[^.!?\n]{0,60}"
            r"|\b(?:just\s+)?choose\s+(?:the\s+)?\w+(?:\s+\w+)?\s+(?:card|product|account)\s+for\s+(?:them|the client|him|her)\b"
            r"|\bbest (?:choice|option|card|pick) for (?:your|every|any|all) (?:company|business|client|customer)s?\b"
            r"|\b(?:beats|is better than) (?:every|all|any) (?:competitor|other)\w*"
            r"|\bshould never consider (?:another|other|a competitor)\w*"
            r"|\btell (?:every|all|each) (?:clients?|customers?)\b[^.!?\n]{0,40}\b(?:best|should|must)\b"
            r"|\b(?:smartest|cheapest|best) (?:move|money|option|way)\b(?! to (?:avoid|prevent|handle|explain|disclose|deal with|spot|check|make sure))[^.!?\n]{0,40}"
        ),
    ),
    (
        "guaranteed_returns",
        re.compile(
            r"\b(?:guarantee[sd]?|risk[- ]free|can(?:'t|not) lose|sure thing|no risk)\b[^.!?\n]{0,60}"
            r"|\b(?:will|always) (?:earn|make|double|pay you|return)\b[^.!?\n]{0,20}"
            r"(?:\d+\s?%|money|cash|returns?|profits?)"
            r"|\bwill never lose\b|\bnever lose money\b|\balways (?:cover|save|saves|pays? for|beat)\b"
            r"|\bwill always\s+(?:save|cover|be approved|earn|get)\b"
            r"|\b(?:every|any|all) (?:client|customer|applicant|business)s?(?: who appl(?:y|ies))? will (?:get|be approved|receive|qualify)\b"
            r"|\byou can promise\b|\b(?:locked in|fixed) forever\b|\bcan never change\b|\bwill never (?:change|increase|go up)\b"
            r"|\b(?:won't|will not) (?:ever )?change\b[^.!?\n]{0,40}\b(?:budget|years|forever)"
        ),
    ),
    (
        "misleading_rate",
        re.compile(
            r"\bno fees? of any kind\b|\bno (?:extra|hidden|additional) (?:costs?|fees?|charges?)\b"
            r"|\bcosts? nothing(?: extra)?\b|\bbasically nothing\b|\b(?:is|are) free with this card\b"
            r"|\b(?:apr|rate|interest)\b[^.!?\n]{0,30}\b(?:won't|will not|never|can't|cannot) (?:change|go up|increase)\b"
            r"|\bonly \d+(?:\.\d+)?\s?% a month\b|\bno (?:interest|fees?) ever\b|\bfree money\b"
            r"|\bnever (?:any )?interest (?:on|for) (?:transferred balances?|balance transfers?|cash advances?|carried balances?)\b"
        ),
    ),
    (
        "discriminatory_language",
        re.compile(
            r"\b(?:women|men|immigrants|foreigners|old people|elderly people|young people|"
            r"minorities|disabled people|black people|white people|asians|hispanics|muslims|"
            r"christians|jews)\b[^.!?\n]{0,40}\b(?:can(?:'t|not) be trusted|are (?:bad|worse|"
            r"irresponsible|risky|unreliable|less creditworthy)|should(?:n't| not) (?:get|have|be "
            r"given) (?:credit|cards?))"
            r"|\b(?:deny|reject|decline)\b[^.!?\n]{0,30}\bbecause (?:of )?(?:they are|she is|he is|"
            r"their|his|her) (?:race|religion|gender|age|nationality|ethnicity|a woman|a man|old|"
            r"foreign|pregnant|disabled)"
            rf"|\b{_GROUP}\b[^.!?\n]{{0,80}}\b{_ADVERSE}\b"
            rf"|\b{_ADVERSE}\b[^.;!?\n]{{0,40}}\b{_GROUP}\b"
        ),
    ),
]

# The same four rules read by meaning rather than by phrase: who is told to do what, what
# is claimed as certain, which product is called the best, which group is judged.
_CLIENT = (
    r"(?:the |a |your |our |any |every |all |each |most |these |those )?(?:clients?|customers?|"
    r"cardholders?|applicants?|business owners?|owners?|businesses|companies|borrowers?|them|him|her)"
)
_MONEY_ACT = (
    r"(?:invest|borrow|put|take out|take on|withdraw|cash out|max out|move|transfer|switch|close|"
    r"open|consolidate|refinance|pay (?:only|off|down)|only pay|only make|use (?:the|their|a|this|his|her) "
    r"\w+ to|skip|defer|sell|buy|liquidate|dip into|remortgage|mortgage|lend|co-?sign|apply for|"
    r"sign up for|get|choose|pick|go with|upgrade|carry a balance|load up|finance|fund|lease|hold off)"
)
_CERTAIN_GOOD = (
    r"(?:save|saves|cover|covers|earn|earns|pay for|pays for|pay off|beat|beats|come out ahead|"
    r"profit|make money|be approved|get approved|qualify|win|double|outperform|cost less|be cheaper|"
    r"pay (?:you|them|itself)|break even|recoup|lower (?:their|your) taxes)"
)
_SEMANTIC: list[tuple[str, re.Pattern[str]]] = [
    (
        "personalised_advice",
        re.compile(
            # staff told to steer a client's money or borrowing
            rf"\b(?:advise|tell|encourage|urge|recommend(?: to)?|suggest(?: to)?|get|have|push|convince|"
            rf"persuade|coach|instruct|talk)\s+{_CLIENT}\s+(?:into\s+|to\s+|that (?:they|he|she) (?:should|must|need to)\s+)?"
            rf"(?:\w+ly\s+)?{_MONEY_ACT}\b"
            # 'the client should / ought to invest ...' and 'you should ...' to a client
            rf"|\b{_CLIENT}\s+(?:should|must|ought to|needs? to|had better|would be wise to)\s+(?:definitely\s+|really\s+|just\s+|always\s+)?"
            rf"{_MONEY_ACT}\b"
            rf"|\byou (?:should|must|ought to|need to|had better|would be wise to)\s+(?:definitely\s+|really\s+|just\s+)?"
            rf"(?:invest|borrow|take out|withdraw|max out|consolidate|refinance|remortgage|cash out|liquidate|put your)\b"
            # a product named the best, right or only sensible one
            r"|\b(?:is|are|'s|remains)\s+(?:by far\s+|clearly\s+|always\s+|simply\s+)?(?:the\s+)?"
            r"(?:best|right|smartest|ideal|perfect|only sensible|obvious|wisest|top)\s+(?:choice|option|card|product|fit|pick|"
            r"move|decision|way|account|solution)\b"
            r"|\b(?:better|cheaper|smarter) than (?:any|every|all|anything)\b"
            r"|\b(?:superior to|outperforms?) (?:any|every|all|other|competitors?)\w*"
            r"|\bchoose (?:it|one|the \w+(?: \w+)?) for (?:them|the client|him|her)\b"
            r"|\bwhat (?:every|any) (?:client|business|company|customer) needs\b"
        ),
    ),
    (
        "guaranteed_returns",
        re.compile(
            r"\b(?:guarantee[sd]?|guaranteeing|risk[- ]free|riskless|(?:sure|safe) bet|slam dunk|no-brainer|can(?:'t|not) (?:lose|go wrong|fail)|"
            r"sure thing|no risk|zero risk|without (?:any )?risk|certain to|bound to|100 ?% (?:sure|certain|safe|approved)|"
            r"(?:is|are) certain|promise[sd]? (?:to|that)|no way (?:to|you can) lose)\b"
            rf"|\b(?:always|never fails? to|every time|without fail|in every case|no matter what)\s+(?:\w+\s+)?{_CERTAIN_GOOD}\b"
            rf"|\b(?:will|would|is going to|are going to)\s+(?:always|certainly|definitely|surely)\s+(?:\w+\s+)?{_CERTAIN_GOOD}\b"
            r"|\bnever (?:lose|loses|lost|be (?:declined|denied|rejected|refused)|pay (?:any )?(?:interest|a fee|fees)|"
            r"(?:go|goes) down|drop|fall|cost (?:you|them|anything))\b"
            r"|\b(?:forever|permanently|for life)\b[^.!?\n]{0,30}\b(?:rate|apr|fee|limit|rewards?|locked|fixed)\b"
            r"|\b(?:rate|apr|fee|limit|rewards?|points|miles)\b[^.!?\n]{0,30}\b(?:forever|permanently|for life|can never)\b"
            r"|\b(?:every|any|all|each) (?:client|customer|applicant|business|owner)s?\b[^.!?\n]{0,40}\bwill (?:be approved|get|receive|qualify|earn|save)\b"
        ),
    ),
    (
        "misleading_rate",
        re.compile(
            r"\b(?:costs?|charges?) (?:nothing|zero|no more|almost nothing|next to nothing|hardly anything)\b"
            r"|(?<!which )(?<!that )\b(?:is|are|comes?|come) (?:completely |totally |entirely |basically |essentially )?free\b(?! of| for the first| for \d| during| until| in the first| on request)"
            r"|\b(?:no|zero|without (?:any )?)(?: extra| hidden| additional| other)? (?:fees?|charges?|costs?|interest) (?:at all|whatsoever|ever|of any kind)\b"
            r"|\b(?:basically|practically|virtually|essentially) (?:nothing|free|zero|no cost)\b"
            r"|\b(?:only|just|a mere|merely) \d+(?:\.\d+)?\s?% (?:a|per|each) (?:month|week|day)\b"
            r"|\b(?:variable|floating) (?:rate|apr)\b[^.!?\n]{0,40}\b(?:won't|will not|never|can(?:'t|not)|doesn't|does not) (?:change|move|rise|go up|increase)\b"
            r"|\b(?:same|identical) (?:as|to) the purchase rate\b[^.!?\n]{0,40}\b(?:nothing|no extra|no difference|free)\b"
        ),
    ),
    (
        "discriminatory_language",
        re.compile(
            rf"\b{_GROUP}\b[^.!?\n]{{0,80}}\b(?:are|is)\s+(?:\w+\s+)?(?:(?:more|less)\s+\w+|worse|better|riskier|safer|lazier|"
            rf"unreliable|reliable|untrustworthy|trustworthy|irresponsible|responsible|careless|bad|good|poor|"
            rf"not (?:good|reliable|trustworthy|responsible))\b"
            rf"|\b{_GROUP}\b[^.!?\n]{{0,80}}\b(?:tend(?:s)? to|typically|generally|rarely|seldom|mostly|almost always|"
            rf"can(?:'t|not) (?:handle|manage|be trusted|understand)|have trouble|are prone|need (?:a )?(?:co-?signer|guarantor|extra))\b"
            rf"|\b(?:lower|smaller|reduced) (?:limits?|credit)\b[^.!?\n]{{0,40}}\b{_GROUP}\b"
            rf"|\b(?:avoid|discourage|turn away|screen out|filter out)\b[^.!?\n]{{0,40}}\b{_GROUP}\b"
        ),
    ),
]

# Wider than _PROHIBITION: inflected verbs ("avoid saying", "never pressuring"), claims named
# as wrong ("is misleading", "a stereotype"), equal treatment, and referrals to an advisor.
_DENIAL = re.compile(
    r"\b(?:never|not|no|don't|do not|must not|mustn't|should not|shouldn't|cannot|can't|may not|"
    r"avoid|refrain from|nobody|no one)\b(?:\s+\w+){0,3}?\s+(?:promis|tell|sayin|stat|claim|impl|"
    r"suggest|assum|advis|recommend|guarantee|choos|offer|deny|deni|reject|declin|treat|giv|"
    r"steer|pressur|influenc|call|describ|assur|push|ask|present|portray|frame)\w*\b"
    r"|\b(?:isn't|is not|aren't|are not|is never|never) (?:a |an )?(?:valid |legitimate )?(?:reason|grounds?|basis|factor)\b|\bcan(?:'t|not) be held against\b"
    r"|\b(?:is|are|would be|be)\s+(?:a\s+)?(?:misleading|false|untrue|inaccurate|wrong|unfair|stereotyp\w*|not allowed|prohibited|"
    r"not permitted|not a factor|outside your role|against (?:the )?(?:law|policy))\b"
    r"|\bno (?:\w+ ){0,2}(?:is|are) (?:risk-free|guaranteed|free of risk)\b"
    r"|\b(?:is|are) (?:a )?(?:red flags?|warning signs?|a scam|scams)\b"
    r"|\bne (?:dites|promettez|affirmez|garantissez|recommandez|conseillez|suggérez|présentez|laissez entendre)\w* (?:jamais|pas|rien)\b"
    r"|\bstereotype\b|\bwhatever their (?:age|race|religion|faith|sex|gender|background|origin|nationality|accent|disabilit\w*|marital|ethnicity|orientation|name|language|culture|family)|\bsame (?:terms|criteria|products|options)\b"
    r"|\blike (?:any|every|all)(?: other)? (?:applicant|client|customer|borrower|business|cardholder)s?\b"
    r"|\b(?:exactly |just )?(?:like|the same as|as you would) (?:everyone|everybody|anyone|anybody) else\b"
    r"|\bonly (?:for|to) (?:the )?(?:staff|employees|clients?|owners?|businesses|those|people) (?:who|that) (?:actually |really )?need\b"
    r"|\b(?:is|it's|it is) up to (?:them|the client|the owner|the customer|him|her)\b"
    r"|\b(?:is|are)(?:n't| not)\s+(?:\w+\s+)?(?:assured|certain|automatic)\b"
    r"|\b(?:does|do)(?:n't| not) mean\b"
    r"|\b(?:won't|will not|doesn't|does not|don't|do not|isn't|is not|aren't|are not) always\b"
    # a practice or belief reported in order to retire it
    r"|\b(?:that|this) (?:practice|approach|claim|line|statement|wording|idea|assumption|belief|habit|script)\b"
    r"[^.!?\n]{0,25}\b(?:ended|stopped|banned|unacceptable|not acceptable|wrong|misleading|false|not allowed|removed)\b"
    r"|\b(?:some|many|a few) (?:clients?|customers?|people|staff|reps?|colleagues?|owners?|branches) (?:believe|think|assume|used to)\b"
    r"|\b(?:has been|have been|was|were|is|are) banned\b"
    # "without her husband's signature": a spouse's consent named as not needed
    r"|\b(?:without|no need for|not need|n't need|not required)\b[^.!?\n]{0,20}\b(?:husband|wife|spouse)'?s?\b"
    r"|\b(?:husband|wife|spouse)'?s? (?:\w+ ){0,2}(?:is|are)(?: never|n't| not) (?:required|needed|necessary)\b"
    # a client's question reported ("asks whether they're guaranteed the bonus") is asked,
    # not answered; a promise named as one staff cannot make is refused
    r"|\b(?:asks?|asked|asking|wonders?|wondering|wants? to know) (?:\w+ ){0,2}(?:whether|if)\b[^.;!?\n]{0,80}[,;]\s*"
    r"(?:explain|describe|walk|show|go through|refer|point|say (?:that )?(?:it|approval|the outcome) depends)\b"
    r"|\b(?:guarantee|promise|claim|assurance)s? (?:that )?(?:we|you|staff|no one|nobody|i|no card|no lender|the bank) "
    r"(?:can't|cannot|can not|must not|mustn't|don't|do not|won't|shouldn't|should not|never|could never) (?:\w+ )?(?:make|give|offer|back)\b"
    # equal treatment: "the same limits and rates as any other business"
    r"|\bthe same (?:\w+ ){0,5}as (?:any|every|all|other|anyone|everyone)\b"
    r"|\brefer (?:them|clients?|the client|customers?)\b|\b(?:the (?:client|owner|customer) decides|"
    r"let (?:the (?:client|owner|customer)|her|him|them) (?:choose|decide)|decision is theirs|choice is theirs)\b"
    r"|\b(?:are|is) for (?:a |an |the )?(?:licensed |qualified )?(?:advisor|adviser|planner|specialist|professional)s?\b"
    r"|\bour (?:licensed |qualified )?(?:advisors|advisers|planners|specialists) can\b"
    r"|\brefer\w* (?:\w+ ){0,2}to (?:a |an )?(?:licensed |qualified )?(?:advisor|adviser|planner|specialist|professional)s?\b"
)


# A claim named as wrong ("quoting a 0% rate without the transfer fee is misleading").
_DENIAL_NAMED = re.compile(
    r"\b(?:is|are|would be|be)\s+(?:a\s+)?(?:misleading|false|deceptive|not allowed|prohibited|not permitted|"
    r"against (?:the )?(?:law|policy)|a (?:compliance |policy |conduct )?breach|non-?compliant)\b"
)


# Telling staff not to bother, or that there is no point, excludes someone or hides
# something: the denial is the breach, not a frame around it.
_DISMISSIVE = re.compile(
    r"\b(?:don't|do not|no need to|never) (?:bother|waste (?:your |their )?time)\b|\bno point\b"
    r"|\bnot worth (?:it|the time|mentioning|offering|explaining)\b"
    r"|\b(?:don't|do not|no need to) (?:need to )?(?:describe|mention|explain|present|show|compare|disclose)\b"
    r"[^.!?\n]{0,20}\b(?:others?|alternatives?|fees?|terms|rates?)\b"
)
# A group judged unfit for a product: a breach even in a sentence with a "don't" in it,
# unless the sentence forbids the judgement ("never assume older clients ...").
_GROUP_EXCLUDED = re.compile(
    rf"\b{_GROUP}\b[^.!?\n]{{0,80}}\b(?:shouldn't|should not|don't|do not|won't|wouldn't|no point|not worth|"
    r"never|rarely)\b[^.!?\n]{0,40}\b(?:be offered|offer\w*|mention\w*|want\w*|bother\w*|waste|be given|get|"
    r"qualify|be approved|understand|repay|pay back|handle|need|end up \w+|open\w*|buy\w*|sign\w* up)\b"
    # "don't offer the card to applicants over 65": the group named after the refusal
    r"|\b(?:shouldn't|should not|don't|do not|never|no point in|not worth) (?:\w+ ){0,2}(?:offer\w*|approv\w*|giv\w*|lend\w*|"
    r"extend\w*|sell\w*|pitch\w*|market\w*|bother\w*)\b[^.!?\n]{0,50}\b(?:to|for|with|on) (?:\w+ ){0,2}"
    rf"(?!under (?:18|19|21)\b){_GROUP}\b"
    r"|\b(?:don't|do not|never) (?:spend|waste) (?:too (?:long|much time)|(?:much |any |your )?time)\b[^.!?\n]{0,20}\b(?:with|on) (?:\w+ ){0,2}"
    rf"{_GROUP}\b"
    # a product kept from the businesses a protected group runs
    r"|\b(?:avoid|stop|refuse to|decline to) (?:offering|selling|marketing|approving|pitching|serving)\b[^.!?\n]{0,60}"
    rf"\b(?:run|owned|led|managed|founded) by (?:\w+ ){{0,2}}{_GROUP}\b"
)
_JUDGEMENT_FORBIDDEN = re.compile(
    r"\b(?:never|don't|do not|must not|mustn't|should not|shouldn't|avoid|refrain from|cannot|can't|may not)\s+"
    r"(?:\w+\s+){0,2}?(?:assum|stereotyp|judg|treat|deny|deni|steer|discriminat|generali[sz]|refus|declin|reject)\w*"
    r"|\billegal\b|\bprohibit\w*|\bunlawful\b|\bregardless of\b|\bstereotype\w*|\bnot allowed\b"
    r"|\bthan (?:to |for |with )?(?:anyone|anybody|any other|other|others|everyone)\b|\b(?:same|equal) (?:terms|treatment|criteria|way)\b"
    r"|\b(?:is|are|was|were)(?: never|n't| not) (?:a |an )?(?:valid |legitimate |acceptable )?(?:reason|grounds?|basis|factor)\b"
)
# Broader readings: absolute claims, misleading rates, pushed products, advice on a
# client's money or taxes, and more ways of judging a group.
_BROAD: list[tuple[str, re.Pattern[str]]] = [
    (
        "guaranteed_returns",
        re.compile(
            r"\b(?:can|will|would) never be (?:held )?(?:personally )?(?:responsible|liable|charged|declined|denied)\b|\bno exceptions\b"
            r"|\b(?:is|are) (?:always|automatically) (?:approved|accepted)\b|\bwill (?:definitely|certainly|surely) (?:be approved|qualify|get approved)\b"
            r"|\bapproval is (?:automatic|certain|assured|a given|a formality)\b|\b(?:zero|no) chance of (?:loss|losing|being declined|a decline)\b"
            r"|\b(?:earn|save|get)\b[^.!?\n]{0,40}\bno matter (?:how|what|when)\b|\bno matter (?:how|what|when)\b[^.!?\n]{0,40}\b(?:earn|save|get)\b"
            r"|\bcan(?:'t|not) go wrong\b|\b(?:always|every time) (?:pays?|earns?) (?:off|more)\b|\bnothing to lose\b"
        ),
    ),
    (
        "misleading_rate",
        re.compile(
            r"(?<![\d.])0\s?%\s*(?:interest|apr)\b(?![^.!?\n]{0,50}\b(?:for (?:the first )?\d+|until|during|first|intro\w*|promotional|months?|then)\b)"
            r"|\b0\s?%[^.!?\n]{0,20}\b(?:forever|for life|always|permanently)\b|\bno (?:\w+ )?fees? (?:ever|forever|for life)\b"
            r"|\b(?:lowest|cheapest|best) (?:apr|rates?|fees?|interest)\b[^.!?\n]{0,15}\b(?:in|on) (?:canada|the market|the country|the industry|town|the planet)\b"
            r"|\b(?:the )?(?:lowest|cheapest) in (?:canada|the market|the country|the industry|town)\b"
            r"|\b(?:don't|do not|never|no) need to (?:compare|shop around|read the (?:terms|fine print))\b"
            r"|\b(?:carry a balance|borrow\w*|cash advances?|balance transfers?|revolv\w*)\b[^.!?\n]{0,40}\b(?:for free|free of charge|at no cost)\b"
            r"|\b(?:fees?|apr|rate|interest) (?:is|are|stays?) (?:zero|nil|\$?0|0\s?%)\b[^.!?\n]{0,10}\b(?:always|forever|ever|for life|guaranteed)\b"
            r"|\beasy money\b|\bquick cash\b|\bfree cash\b"
            r"|\ball (?:they|you|clients?|customers?|anyone) (?:need|have) to know\b"
            r"|\bpay(?:ing)? (?:only |just )?the minimum\b[^.!?\n]{0,60}\b(?:won't|will not|never|no|not)\b[^.!?\n]{0,25}\b(?:interest|charged|fees?)\b"
        ),
    ),
    (
        "personalised_advice",
        re.compile(
            r"\balways (?:recommend|suggest|offer|push|sell|pitch|steer (?:\w+ )?(?:to|towards))\b[^.;!?\n]{0,40}\b(?:card|account|product|plan|loan|line)\b"
            r"|\b(?:recommend|suggest|offer|sell|present) (?:only|just) (?:the|our)\b[^.;!?\n]{0,30}\b(?:card|account|product)\b"
            r"|\bdon't bother (?:describing|mentioning|explaining|presenting|showing|comparing) (?:the )?(?:others|alternatives|other)\b"
            r"|\bthe only (?:card|account|product|loan) (?:they|clients?|you|your clients?|a client|a business|any business)\b[^.!?\n]{0,20}\bneed\b"
            r"|\b(?:you|your client|the client|they|he|she)\s+(?:should|must|ought to|need to|can just|could just)\s+(?:\w+\s+)?(?:deduct|write off|claim|contribute|put (?:\w+ )?(?:bonus|savings|money|cash))\b"
            r"|\b(?:since|because|as|given (?:that )?)(?:you|your client|the client|they|he|she)(?:'re| are| is|'s| have| has)\b[^.!?\n]{0,50}\b(?:you|they|he|she|the client) (?:should|must|ought to|need to)\b"
        ),
    ),
    (
        "discriminatory_language",
        re.compile(
            # a spouse's signature asked of a woman or a married applicant
            r"\b(?:married|women|woman|wives|she|her)\b[^.!?\n]{0,60}\b(?:husband|wife|spouse)'?s? (?:signature|co-?signature|approval|permission|consent)\b|"
            r"\b(?:husband|wife|spouse)'?s? (?:signature|co-?signature|approval|permission|consent)\b[^.!?\n]{0,60}\b(?:married|women|woman|she|her)\b|"
            r"\b(?:religious|muslim|jewish|christian|hindu|sikh|catholic|married|unmarried|single|divorced|separated|common-law|"
            r"newcomer|immigrant|foreign|senior|retired|elderly|older|younger|young|pregnant|disabled|deaf|blind|indigenous|"
            r"first nations|black|asian|hispanic|latino|arab|chinese|indian|mexican|african|[a-z]+-born|same-sex|gay|lesbian|transgender)\s+"
            r"(?:clients?|customers?|applicants?|owners?|borrowers?|people|staff|business owners?|entrepreneurs?|women|men|couples?)\b"
            r"[^.!?\n]{0,80}\b(?:usually|typically|generally|tend\w*|often|always|never|rarely|won't|can't|don't|are (?:less|more|not|too)|"
            r"shouldn't|should not|need (?:a )?(?:co-?signer|guarantor|extra)|default|struggle|avoid|(?:as )?(?:a )?higher[- ]risk|riskier|less likely)\b"
            r"|\b(?:clients?|customers?|applicants?|people|owners?) (?:on|receiving|who (?:receive|get|are on)) (?:social|public) assistance\b[^.!?\n]{0,60}\b(?:shouldn't|should not|don't|won't|can't|never|usually|tend|riskier|less|not)\b"
            r"|\b(?:clients?|customers?|applicants?|people|owners?|folks|anyone|those|families) (?:on|with|receiving) (?:disability|welfare|pension|ontario works|odsp|food stamps|snap|ssi|employment insurance|ei)\b[^.!?\n]{0,60}\b(?:shouldn't|should not|don't|won't|can't|never|usually|tend|riskier|less|not)\b"
            r"|\b(?:clients?|customers?|applicants?|people|owners?) (?:with|who have) (?:an? )?(?:accents?|disabilit\w+)\b[^.!?\n]{0,60}\b(?:shouldn't|should not|don't|won't|can't|never|usually|tend|riskier|less|not)\b"
        ),
    ),
]


# Readers that need more than one pattern (a monthly rate passed off as yearly, a
# negated piece of advice).
_READERS = (
    ("misleading_rate", rules_costs.misleading),
    ("personalised_advice", rules_costs.money_advice),
)
# Casual, hedged or passing claims; each reader judges its own negation, so they also read
# sentences with a "no" or a "never" somewhere in them ("no chance of a decline").
_CLAIM_READERS = (
    ("guaranteed_returns", rules_claims.certain),
    ("personalised_advice", rules_claims.steered),
    ("misleading_rate", rules_claims.mechanics),
    ("misleading_rate", rules_credit.misstated),
    ("personalised_advice", rules_cases.advised),
    ("discriminatory_language", rules_cases.treated),
    ("discriminatory_language", rules_claims.proxied),
    ("discriminatory_language", _burdened),
    ("compliance_circumvented", rules_conduct.got_round),
    ("confidentiality_breached", rules_conduct.told_others),
    ("pressure_selling", rules_conduct.pressed),
    ("guaranteed_returns", rules_conduct.promised),
    ("misleading_rate", rules_conduct.misquoted),
    ("personalised_advice", rules_conduct.one_for_all),
    ("personalised_advice", rules_conduct.as_fact),
)


def with_disclaimer(text: str) -> str:
    """`text` with the standard disclaimer appended: the pointer to the terms that clears
    a rate or fee quoted or sold without one."""
    return f"{text}\n\n_{DISCLAIMER}_"


# A card benefit named a guarantee ("the zero-liability guarantee") describes cover, not a promise.
_BENEFIT_GUARANTEE = re.compile(
    r"\b(zero[- ]liability|purchase[- ]protection|price[- ]protection|extended[- ]warranty|fraud[- ]protection) guarantee\b",
    re.IGNORECASE,
)
_SURETY = re.compile(
    r"\b(?:personal(?:ly)?|corporate|owner'?s?|directors?'?s?|signed|unlimited|limited|joint) guarantee[sd]?\b"
    r"|\bguarantee (?:agreements?|clauses?|forms?|obligations?)\b|\bguarantors?\b",
    re.IGNORECASE,
)


def plain(text: str) -> str:
    """Lower case with Unicode spaces, dashes, quotes, hidden characters and look-alike
    letters made plain, so none of them can slip a claim past the patterns."""
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", canonical(text))
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    # an owner's personal guarantee is a liability the lesson must explain, not a promise
    return _BENEFIT_GUARANTEE.sub(r"\1 cover", _SURETY.sub("surety", text))


def _framed(sentence: str) -> bool:
    """A sentence that forbids, denies or names as wrong the claim it contains ("don't
    bother offering them the card" dismisses a client; it frames nothing)."""
    if _DISMISSIVE.search(sentence):
        return False
    return bool(_PROHIBITION.search(sentence) or _DENIAL.search(sentence))


# A sentence that warns the client a cost builds up, sends a concern to compliance or lets
# the client decide is the procedure itself; the embedding model reads it as a claim.
_STEP_STATED = re.compile(
    r"\b(?:remind|warn|tell|explain to|make sure|show)\w*\b[^.!?\n]{0,60}\b(?:means?|so)\b[^.!?\n]{0,15}\b(?:interest|fees?|charges?)\b[^.!?\n]{0,15}"
    r"\b(?:is |are |will be |gets? )?(?:charged|applied|applies|apply|added|builds? up|accrues?|accumulates?|payable)\b"
    r"|\bescalat\w*\b[^.!?\n]{0,30}\bto (?:the )?(?:aml|compliance|anti-money|fraud|financial crimes?)\b"
    # a step put before signing and denied after it ("the disclosure before they sign, never after")
    r"|\bbefore (?:they|the (?:client|owner|customer)|he|she) signs?\b[^.!?\n]{0,30}\b(?:never|not) after\b"
    # a scenario the learner is put in to answer from the material, not what the lesson teaches
    r"|^\W*(?:scenario\W+)?you(?: are|'re) asked to make (?:a|an) (?:[\w-]+ )?exception\b"
    # every fee disclosed, the product matched to what the client needs: the steps themselves
    r"|\bdisclos\w* (?:every|all|each) (?:\w+ )?(?:fees?|charges?|costs?|rates?)\b"
    r"|\bmatch\w* (?:the |a |each |our )?(?:card|product|offer|limit|recommendation)s? to (?:the (?:client|customer|owner|business)'s|their|his|her) (?:stated )?(?:needs|situation|circumstances|spending|use)\b"
    # the client given room to decide (the pressure patterns still read "don't let them leave")
    r"|^\s*(?:and |then )?let (?:the (?:client|owner|customer)|them|him|her) (?:take|decide|choose|think|read|review|compare)\b"
)


def _meaning_windows(lowered: str, flagged: set[str], corrected: set[str]) -> list[str]:
    """What the embedding model reads of the sentences the patterns let through: a short
    text whole, a longer one sentence by sentence; framed sentences are left to the
    patterns, and a claim the lesson reports and then corrects is not the lesson's."""
    # A rate or fee sold or quoted has been judged with its terms (`rules_disclosure`); an
    # embedding would read the figure alone. Neither it nor the standard disclaimer is read.
    lowered = lowered.replace(DISCLAIMER.lower(), " ")
    kept = [
        s
        for s in rules_disclosure.SENTENCE.findall(lowered)
        if not rules_disclosure.promoted(s) and not rules_disclosure.bare_quote(s)
    ]
    kept = [s for s in kept if not _STEP_STATED.search(s)]
    sentences = [s.strip() for s in kept if len(s.split()) >= 4]
    if len(lowered) <= rules_model.WHOLE_CHARS:
        whole = " ".join(s.strip() for s in kept).strip()
        framed = corrected or any(_framed(s) for s in sentences)
        return [] if framed or not whole else [whole]
    return [s for s in sentences if not _framed(s) and s not in flagged | corrected]


def _by_meaning(windows: list[str]) -> list[Violation]:
    if not windows:
        return []
    return [
        Violation(rule="financial_claim", excerpt=window[:160])
        for window, score in zip(windows, rules_model.scores(windows), strict=True)
        if score >= rules_model.block_at()
    ][:1]


def _undisclosed(lowered: str, disclosed: bool, sold: str | None) -> list[Violation]:
    """Costs kept from the client, or a rate or fee sold or quoted without its terms."""
    withheld = rules_disclosure.withheld(lowered)
    if withheld is not None and not _DENIAL_NAMED.search(withheld):
        return [Violation(rule="withheld_costs", excerpt=withheld[:160])]
    if disclosed:
        return []
    if sold is not None and not _PROHIBITION.search(sold) and not _DENIAL_NAMED.search(sold):
        return [Violation(rule="unqualified_promotion", excerpt=sold[:160])]
    bare = None if sold else rules_disclosure.bare_quote(lowered)
    if bare is not None and not _framed(bare):
        return [Violation(rule="undisclosed_rate", excerpt=bare[:160])]
    return []


# "Q: Will my client be approved? A: Yes": the answer completes the question; so does the
# figure in a headline's "Annual fee? $0. Interest? 1.9%".
_ANSWERED = re.compile(r"\?\s*(?=a\s?:|answer\s?:)|(?<=[a-z])\?\s+(?=\$\s?\d|\d+(?:\.\d+)?\s?%)")
# "Does X? Yes, ...": an affirmative answer makes the question a statement; the colon keeps
# the question's own words ("without checking income") from framing the answer.
_AFFIRMED = re.compile(r"\?\s*(?=(?:yes|always|absolutely|definitely|of course)\b)")
# A quotation labelled as the wrong example ("copy to avoid: '...'") is what the lesson
# corrects; it is read as a quotation, not as the lesson's own claim.
_QUOTED_AS_WRONG = re.compile(
    r"\b(?:to avoid|(?:do not|don't|never) (?:write|say|use|print|run|send)|bad example|wrong|incorrect|misleading|"
    r"deceptive|not allowed|rejected|myth|before)\s*:\s*(['\"])(.{1,240}?)\1(?=\s|$|[.,;:!?)])"
)

# A client's question quoted ("says 'so I can't lose?'") asks; it does not claim.
_QUESTION_QUOTED = re.compile(
    r"\b(?:says?|said|asks?|asked)\s*,?\s*(['\"])(?:[^'\"\n]|\b'\b){1,120}?\?\1(?!\w)"
)
# Words named as words ("phrases like 'sure thing' have no place", "avoid the words
# 'guaranteed' and 'risk-free'") or a client's question quoted ("asks 'is this a sure
# thing?'") are mentioned, not claimed.
_MENTIONED = re.compile(
    r"\b((?:phrases?|words?|terms?|expressions?|wording|language|labels?|statements?|sentences?|slogans?)(?:,? like|,? such as)?|asks?|asked)"
    r"\s*(['\"])(?:[^'\"\n]|\b'\b){1,80}?\2(?!\w)(?:(?:\s*,\s*|\s+(?:and|or)\s+)(['\"])(?:[^'\"\n]|\b'\b){1,80}?\3(?!\w))*"
)


# A quotation the lesson rejects: a bad line reported ("some reps say '...'") and then
# refused right after it ("- don't.", "that's misleading", "we never use it"), or a line
# quoted under a prohibition ("never post '0% interest!'", "be wary of saying '...'").
_QUOTATION = re.compile(r"(?<![\w'])(['\"])((?:[^'\"\n]|\b'\b){3,200}?)\1(?!\w)")
_REFUSED_BEFORE = re.compile(
    r"\b(?:never|don't|do not|must not|mustn't|should not|shouldn't|avoid|stop|be (?:wary|careful) (?:of|with|about)|"
    r"steer clear of|stay away from|instead of|rather than)\b[^.!?\n'\"]{0,40}$"
)
_REFUSED_AFTER = re.compile(
    r"^[^.!?\n]{0,6}[.!?]?\s*(?:-|;|:|,|but|\.)?\s*(?:"
    r"(?:don't|do not|never)\s*(?:[.!;,]|$|(?:say|use|write|repeat|post|send|tell|promise|claim|do)\b)"
    r"|(?:that|this|it|which|the claim|the line|such a line)(?:'s| is| was)(?:n't| not)\b"
    r"|(?:that|this|it|which)(?:'s| is| was)? (?:(?:a |an )?(?:\w+ )?)?(?:wrong|misleading|false|untrue|inaccurate|incorrect|deceptive|"
    r"a stereotype|a myth|a pitch|a guarantee|a promise|not (?:true|accurate|allowed|how))\b"
    r"|(?:that|this|it|which) (?:hides?|misleads?|implies|overstates?|understates?|ignores?)\b"
    r"|(?:would be|is|was|are|'s)\s+(?:always |clearly |plainly )?(?:discriminatory|illegal|unlawful|prohibited|forbidden|banned|misleading|deceptive|a breach|(?:never|not) (?:permitted|allowed|acceptable))\b"
    r"|(?:correct|challenge|reject) (?:it|that|this|them|him|her)\b"
    r"|(?:we|you|staff) (?:never|don't|do not|must not|can't|cannot|shouldn't) (?:\w+ ){0,2}(?:use|say|make|give|offer|promise)\b"
    r"|(?:that's|that is|it's|it is) (?:the kind|the sort|exactly the kind) of\b"
    r")"
    r"|^[^.!?\n]{0,60}\b(?:do(?:es)?n't|do(?:es)? not|have no|has no) (?:belong|place)\b"
)


def _unquote_refused(text: str) -> str:
    """`text` with the quotations it refuses read as quoted examples, not as its claims."""
    kept: list[str] = []
    last = 0
    for match in _QUOTATION.finditer(text):
        before = text[max(0, match.start() - 60) : match.start()]
        after = text[match.end() : match.end() + 120]
        if _REFUSED_BEFORE.search(before) or _REFUSED_AFTER.search(after):
            kept += [text[last : match.start()], "a quoted example"]
            last = match.end()
    return "".join([*kept, text[last:]])


# The words that make a cost claim absolute ("no interest", "free", "0 %", "won't
# change"); a claim of another kind ("only 1.7% a month, basically nothing") is not made
# accurate by a condition.
_ABSOLUTE_COST = re.compile(
    r"\b(?:never|free|no|zero|won't|will not|can't|cannot|doesn't|does not|don't|locked|fixed|"
    r"forever|waived|permanent\w*|every time|always)\b|(?<![\d.])0\s?%"
)
_COST_WORD = re.compile(
    r"\b(?:rates?|apr|interest|fees?|charges?|penalty|free|costs?)\b|(?<![\d.])0\s?%"
)
_BENEFIT_WORD = re.compile(
    r"\b(?:approv\w*|qualif\w*|earn\w*|returns?|profit\w*|sav(?:e|es|ings)|declin\w*|lose|win)\b"
)


_TOLD_FALSELY = re.compile(
    r"\b(?:describe|present|call|pitch|sell|advertise)\w*\b[^.!?\n]{0,40}\bas\b|\beven though\b"
    r"|\bfixed\b[^.!?\n]{0,60}\bvariable\b"
)


def _unless_limited(found: dict[str, str], sentence: str, following: str) -> dict[str, str]:
    """`found` without the absolute cost claims that `sentence` (or the one after it)
    limits with a condition, a time limit or an exception (`rules_limits`)."""
    if not found or not rules_limits.limited(sentence, following):
        return found
    kept = dict(found)
    for rule, excerpt in found.items():
        absolute = _ABSOLUTE_COST.search(excerpt) and _COST_WORD.search(sentence)
        # a promise of a return or an approval is not a cost claim, whatever limits it
        promise = rule == "guaranteed_returns" and _BENEFIT_WORD.search(excerpt)
        # a cost told falsely ("describe the card as free", "free, even though a fee
        # applies") is misleading whatever condition the sentence names
        told_falsely = _TOLD_FALSELY.search(excerpt)
        absolute_claim = absolute and not promise and not told_falsely
        if absolute_claim and rule in ("misleading_rate", "guaranteed_returns"):
            del kept[rule]
    return kept


def _by_patterns(text: str) -> tuple[list[Violation], list[str], bool]:
    """Violations the patterns find, the windows left for the embedding model when they
    find none, and whether the text needs the standard disclaimer."""
    lowered = _QUOTED_AS_WRONG.sub(
        " a quoted example ", _AFFIRMED.sub(": ", _ANSWERED.sub(", ", plain(text)))
    )
    lowered = _QUESTION_QUOTED.sub(
        " a quoted question", _unquote_refused(_MENTIONED.sub(r"\1 a quoted example", lowered))
    )
    violations: list[Violation] = []
    flagged: set[str] = set()
    sentences = rules_disclosure.SENTENCE.findall(lowered)
    corrected = {sentences[i].strip() for i in rules_cases.corrected(sentences)}
    for index, sentence in enumerate(sentences):
        if sentence.strip() in corrected:
            continue
        following = sentences[index + 1] if index + 1 < len(sentences) else ""
        found: dict[str, str] = {}
        for rule, read in _CLAIM_READERS:
            excerpt = None if rule in found else read(sentence)
            if excerpt:
                found[rule] = excerpt.strip()[:160]
        excluded = _GROUP_EXCLUDED.search(sentence)
        if excluded and not _JUDGEMENT_FORBIDDEN.search(sentence):
            found.setdefault("discriminatory_language", excluded.group(0)[:160])
        found = _unless_limited(found, sentence, following)
        if _framed(sentence):
            if found:
                flagged.add(sentence.strip())
            violations += [Violation(rule=rule, excerpt=excerpt) for rule, excerpt in found.items()]
            continue
        for rule, pattern in [*_RULES, *_SEMANTIC, *_BROAD]:
            match = pattern.search(sentence)
            if match and rule not in found:
                found[rule] = match.group(0).strip()[:160]
        for rule, read in _READERS:
            excerpt = None if rule in found else read(sentence)
            if excerpt:
                found[rule] = excerpt.strip()[:160]
        found = _unless_limited(found, sentence, following)
        if found:
            flagged.add(sentence.strip())
        violations += [Violation(rule=rule, excerpt=excerpt) for rule, excerpt in found.items()]
    disclosed = rules_disclosure.disclosed(lowered)
    sold = None if disclosed else rules_disclosure.unqualified(lowered)
    needs_disclaimer = not disclosed and bool(sold or rules_disclosure.RATE_OR_FEE.search(lowered))
    if not violations:
        violations = _undisclosed(lowered, disclosed, sold)
    windows = [] if violations else _meaning_windows(lowered, flagged, corrected)
    return violations, windows, needs_disclaimer


def model_windows(text: str) -> list[str]:
    """The windows the embedding model judges in `text`; none when a pattern has already
    decided. The model's threshold is chosen on exactly these."""
    return _by_patterns(text)[1]


def check_text(text: str) -> RulesVerdict:
    violations, windows, needs_disclaimer = _by_patterns(text)
    if not violations:
        violations = _by_meaning(windows)
    return RulesVerdict(
        passed=not any(v.severity == "block" for v in violations),
        violations=violations,
        needs_disclaimer=needs_disclaimer,
    )
