"""How a cost is misdescribed and how a client's money is steered, read sentence by sentence.

Misleading costs: interest or fees said not to exist where they do (cash advances, balance
transfers, the minimum payment), a monthly rate passed off as a yearly one, a price said to
include everything, a cost waved away as nothing, one rate promised to every applicant.
Money advice: a client told that borrowing, investing, carrying a balance or paying only the
minimum is the better move, or how to cut their taxes. A sentence that negates the claim
("carrying a balance does not build credit") states the rule instead.
Text is expected already plain (`rules.plain`).
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import re

_COSTLY = (
    r"(?:cash advances?|balance transfers?|carrying a balance|revolving (?:a )?balances?|"
    r"(?:paying|making) (?:only |just )?the minimum(?: payment)?|minimum payments?|the minimum|"
    r"deferred interest|late payments?|overlimit|over-limit|foreign (?:purchases|transactions))"
)
_NONE = (
    r"(?:(?:are|is|come|comes) (?:completely |totally |always )?(?:interest[- ]free|fee[- ]free|free of (?:interest|charge))|"
    r"(?:never|don't|do not|won't|will not|doesn't|does not) (?:ever )?(?:cost|carry|accrue|attract|incur|charge|come with|have) (?:any |a )?(?:interest|fees?|charges?|extra)|"
    r"(?:means?|mean) (?:you |clients? |they )?(?:never|won't|will not|don't) (?:pay|owe|get charged)|"
    r"(?:cost|costs) nothing|no (?:interest|fees?) (?:is|are)? ?(?:ever )?(?:charged|owed|due)|"
    r"no (?:extra|additional|further) (?:interest|fees?|charges?|costs?)(?: or (?:interest|fees?|charges?|costs?))?|"
    r"(?:are|is|cost|costs) the same (?:price )?as (?:at home|in canada|domestic\w*|a purchase|purchases))"
)

_MISLEADING = re.compile(
    rf"\b{_COSTLY}\b[^.!?\n]{{0,50}}\b{_NONE}"
    r"|\bnever (?:owe|be charged|accrue|pay back) (?:any |the )?(?:back |retroactive |deferred )?(?:interest|fees?)\b"
    r"|\b(?:penalty|fee|apr|interest|rate)\b[^.!?\n]{0,40}\bnever (?:actually |really )?(?:charged|applied|applies|enforced|collected|kicks in)\b"
    r"|\badvertised\b[^.!?\n]{0,40}\b(?:is|will be) (?:the (?:rate|apr|one)|what)\b[^.!?\n]{0,25}\b(?:get|pay|receive)\b"
    r"|\b(?:rate|apr) (?:they|you|clients?) see advertised\b"
    r"|\b(?:never|won't ever|will never) (?:carry|charge|have|incur|include|come with|attract) (?:a |any )?(?:fees?|interest|charges?)\b"
    r"|\b(?:monthly|a month|per month)\b[^.!?\n]{0,40}\b(?:same as|equal to|equals|just like|no different from|identical to)\b[^.!?\n]{0,25}\b(?:annual|yearly|a year|per year|apr)\b"
    r"|\b(?:rates?|apr|interest|fees?)\b[^.!?\n]{0,40}\b(?:can|will|could) only (?:go down|fall|drop|decrease|get cheaper)\b"
    r"|\bminimum (?:payments?|payment)\b[^.!?\n]{0,30}\b(?:pay(?:s)? off|clear(?:s)?|wipe(?:s)? out)\b[^.!?\n]{0,30}\b(?:quickly|fast|in no time|in (?:a few|a couple of) (?:weeks|months))"
    r"|\b(?:pay|pays|paying|costs?|costing) nothing (?:extra|more|additional|at all)\b|\bnever costs? (?:anything|a (?:cent|penny|thing)|extra)\b"
    r"|\b(?:fees?|interest|charges?)\b[^.!?\n]{0,20}\b(?:are|is|get|gets) (?:always |automatically |simply )+(?:waived|refunded|reversed)\b"
    r"|\bnever (?:need|have) to worry about\b[^.!?\n]{0,30}\b(?:due dates?|fees?|interest|payments?|the bill|the balance)"
    r"|\bnothing (?:else|more|extra) to pay\b|\bthe only (?:cost|fee|charge) (?:you|clients?|they|the client) (?:will )?(?:ever )?(?:pay|face|see)\b"
    r"|\b(?:apr|rate|price|annual fee)\b[^.!?\n]{0,30}\b(?:includes?|covers?) (?:every|all|any) (?:other )?(?:fees?|costs?|charges)\b"
    r"|\b(?:interest|fees?|charges?|costs?)\b[^.!?\n]{0,40}\b(?:won't|will not|don't|do not|never) (?:really )?add up\b"
    r"|\b(?:interest|fees?|charges?|costs?|rate|apr)\b[^.!?\n]{0,40}\b(?:negligible|insignificant|trivial|pocket change|peanuts|a rounding error|barely noticeable|nothing to worry about|not worth (?:worrying|thinking) about)\b"
    r"|\b(?:every|all|any|each) (?:applicants?|clients?|customers?|cardholders?)\b[^.!?\n]{0,30}\b(?:gets?|receives?|qualif\w+ for|pays?) (?:the )?(?:advertised|lowest|best|same|promotional|intro\w*) (?:rate|apr)\b"
    r"|\b(?:advertised|lowest|promotional) (?:rate|apr) is (?:what|the rate) (?:every|all|any)(?:one|body)?\b"
)
# How interest or a rate works, misstated; a negation inside the match ("covers new
# purchases, not cash advances") states the rule instead.
_MISSTATED = re.compile(
    r"\binterest\b[^.!?\n]{0,30}\b(?:is |gets )?(?:only )?(?:charged|calculated|applied|added|due) (?:only )?(?:once a year|annually|yearly|at (?:the )?(?:end of the year|year-end|anniversary))"
    r"|\b(?:grace|interest-free) period\b[^.;!?\n]{0,30}\b(?:covers|applies to|includes|extends to|also applies to|is \d+ days on)\b(?:(?!only\b|not\b|except\b)[^.;!?\n]){0,25}\b(?:cash advances?|balance transfers?|convenience cheques?|everything|every (?:transaction|balance))"
    r"|\b(?:a )?lower (?:apr|rate|interest rate)\b[^.!?\n]{0,25}\b(?:always|automatically|necessarily) (?:means?|makes?|is)\b[^.!?\n]{0,20}\b(?:cheaper|better|less|lower cost|the best)"
    r"|\b(?:intro\w*|promo\w*|teaser) (?:rate|apr)\b[^.!?\n]{0,25}\bappl(?:y|ies) to (?:every|all|any|each) (?:balances?|purchases?|transactions?)"
    r"|\b(?:apr|rate|interest rate)\b[^.!?\n]{0,60}\b(?:fixed|locked|set|guaranteed) for (?:the life of|as long as|life\b|ever\b|good\b)"
    r"|\b(?:tax[- ]deductible|write[- ]off|deduct\w*)\b[^.!?\n]{0,60}\b(?:costs? (?:the business |the client |you |them )?nothing|(?:is|are) free|no cost|pays? for itself)"
    r"|\bpay\w*\b[^.!?\n]{0,40}\b(?:cuts?|halves?|reduces?|lowers?|drops?) (?:the|your|their) (?:interest |purchase )?(?:rate|apr)\b"
    r"|\binterest\b[^.!?\n]{0,20}\bonly (?:applies|charged|counts)\b[^.!?\n]{0,40}\b(?:above|over) (?:the|their|your) (?:credit )?limit"
)
_MONTHLY = re.compile(r"(\d+(?:\.\d+)?)\s?%\s*(?:(?:a|per|each|every) month|monthly)")
_YEARLY = re.compile(r"(\d+(?:\.\d+)?)\s?%\s*(?:(?:a|per|each|every) year|annual\w*|yearly|apr)")

_CHEAPER = re.compile(r"\b(?:cheaper|lower|less|better|smaller) than\b|\bbeats?\b")

_CLIENT = r"(?:clients?|customers?|owners?|business owners?|cardholders?|borrowers?|they|you|he|she|a client|the client)"
_ADVICE = re.compile(
    rf"\b{_CLIENT}\b[^.!?\n]{{0,30}}\b(?:(?:are|is|'re|would be|'d be) better off|(?:it's|it is) (?:smarter|wiser|better)|makes? more sense)\b[^.!?\n]{{0,30}}"
    r"\b(?:invest\w*|borrow\w*|putting|keep\w*|carry\w*|paying only|only paying|financ\w*|using (?:the|a|their) card|taking out|cash\w* out|withdraw\w*)"
    r"|\b(?:smart|savvy|wise|clever) (?:client|owner|business|borrower|cardholder)s? (?:pays?|keeps?|carr(?:y|ies)|puts?|invests?|borrows?|uses?)\b"
    r"|\b(?:pay\w* only the minimum|only pay\w* the minimum|pay\w* just the minimum)\b[^.!?\n]{0,40}\b(?:and|to) (?:invest|put|buy|keep)\w*"
    r"|\bcarry\w* (?:a )?(?:small )?balance\b[^.!?\n]{0,40}\b(?:build|boost|improve|raise|help)\w*\b[^.!?\n]{0,20}\b(?:credit|score)"
    rf"|\b{_CLIENT}\b[^.!?\n]{{0,20}}\b(?:can|could|should|will) (?:\w+ )?(?:lower|reduce|cut|shrink|avoid)\w* (?:their|your|his|her|the) (?:tax\w*|tax bill|income tax)"
    r"|\b(?:put|charge|run)\w* (?:their |your |all )?personal (?:expenses|purchases|spending|bills) (?:on|through) (?:the|their|a) business card\b"
    # timing a client's borrowing or investing on a forecast of rates or markets
    r"|\bnow is (?:a|the) (?:good|great|best|perfect|right|smart) time (?:for (?:\w+ ){1,2})?to (?:borrow|invest|buy|lock in|refinance|take out|consolidate|sell)\b"
    r"|\b(?:lock in|borrow|refinance|invest|buy)\b[^.!?\n]{0,40}\bbefore (?:rates|prices|the market) (?:go up|rise|climb|increase|drop|fall)\b"
    r"|\b(?:rates|the market|prices|stocks) (?:will|are going to|are about to) (?:fall|drop|rise|go up|climb|recover|bounce back)\b[^.!?\n]{0,40}\b(?:so|then)\b"
    r"|\bcompetitors?'?s?\b[^.!?\n]{0,30}\b(?:waste of money|rip-?offs?|inferior|junk|scams?|not worth)\b"
)
_NEGATED = re.compile(r"\b(?:not|n't|never|no|except|excluding)\b|n't\b")


def misleading(sentence: str) -> str | None:
    """A cost misdescribed in this sentence, or None."""
    found = _MISLEADING.search(sentence)
    if found:
        return found.group(0)
    misstated = _MISSTATED.search(sentence)
    if misstated and not _NEGATED.search(misstated.group(0)):
        return misstated.group(0)
    monthly = {m.group(1) for m in _MONTHLY.finditer(sentence)}
    yearly = {m.group(1) for m in _YEARLY.finditer(sentence)}
    same = monthly & yearly
    if same:
        return f"{min(same)}% a month called {min(same)}% a year"
    # "2% a month is cheaper than a 20% APR card": twelve months of 2% are 24%
    if _CHEAPER.search(sentence) and any(12 * float(m) > float(y) for m in monthly for y in yearly):
        return "a monthly rate called cheaper than a lower yearly rate"
    return None


def money_advice(sentence: str) -> str | None:
    """A client's borrowing, saving or taxes steered in this sentence, or None."""
    found = _ADVICE.search(sentence)
    if found and not _NEGATED.search(found.group(0)):
        return found.group(0)
    return None
