"""How credit works, misstated in a confident explainer, read sentence by sentence.

A lesson that explains interest, grace periods, minimum payments, balance transfers,
foreign-transaction fees, the periodic rate, fixed and variable rates, utilisation, credit
checks or what Reg Z, the CARD Act or Canada's Cost of Borrowing regulations require can
state the mechanics wrongly without any word of promise: "you're only charged interest on
the past-due amount", "a hard inquiry never shows up on the report". A sentence that
negates the claim or names it a myth states the rule instead (`rules_claims.read`).
Text is expected already plain (`rules.plain`).
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import re

from knowledge.safety.rules_claims import read

_CHECK = r"(?:(?:hard|credit) (?:inquir(?:y|ies)|pulls?|checks?|credit checks?)|checking (?:a |the |their |the client's |a client's )?credit)"
_LAW = r"(?:reg(?:ulation)? z|truth in lending(?: act)?|tila|card act|ecoa|equal credit opportunity act|reg(?:ulation)? b|cost of borrowing(?: regulations?)?|fcac|bank act)"

# Claims with a negative word of their own ("has no effect", "never shows up"): judged by
# what comes before them in the clause.
_DENIED_COST = re.compile(
    # interest said to apply to one part of the balance only
    r"\b(?:interest\b[^.;!?\n]{0,40}\bonly|only\b[^.;!?\n]{0,20}\binterest)\b[^.;!?\n]{0,30}\b(?:past[- ]due|overdue|late|missed|unpaid minimum)\b(?: amount| portion| part| payments?)?"
    r"|\b(?:grace|interest-free) period\b[^.;!?\n]{0,30}\b(?:carries over|still applies|stays|remains|keeps? applying)\b[^.;!?\n]{0,40}\b(?:even (?:when|if)|whether)\b"
    r"|\b(?:get|gets|keep|keeps|have|has|still|full)\b[^.;!?\n]{0,20}\bgrace period\b[^.;!?\n]{0,40}\beven (?:while|when|if|though)\b"
    r"|\bonly\b[^.;!?\n]{0,30}\b(?:in-store|in person|physically)\b[^.;!?\n]{0,30}\b(?:markup|conversion|foreign)"
    r"|\btiming (?:doesn't|does not|won't|will not) matter\b|\binterest is (?:fixed|flat|the same) (?:per|each|every) (?:statement|month|cycle)\b"
    r"|\b(?:limits?|rates?|terms)\b[^.;!?\n]{0,20}\bcan only be (?:changed|lowered|reduced|raised) (?:at|by|with|on) (?:the )?(?:client's|cardholder's|your|their) (?:request|consent|permission)\b"
    r"|\b(?:secured cards?|late payments?|missed payments?|payments?)\b[^.;!?\n]{0,15}\b(?:aren't|are not|isn't|is not|never|won't be) reported\b"
    r"|\b(?:late|missed) payments?\b[^.;!?\n]{0,30}\b(?:don't|do not|doesn't|won't) matter\b"
    r"|\b(?:most )?(?:people|clients|customers) (?:never|don't|rarely) (?:even )?notice (?:it|them|the fee)\b"
    r"|\bminimum\b[^.;!?\n]{0,60}\b(?:stops?|prevents?|avoids?|freezes?|halts?|blocks?) (?:\w+ ){0,3}interest\b|\bminimum\b[^.;!?\n]{0,60}\bkeeps? interest (?:from|at bay|off)\b"
    r"|\bbalance transfers?\b[^.;!?\n]{0,60}\bnothing (?:else |more |extra )?to pay\b"
    r"|\bforeign[- ](?:transaction |exchange |currency |conversion )?(?:fees?|charges?)\b[^.;!?\n]{0,30}\bonly (?:apply|applies|charged|kicks? in|show up)\b[^.;!?\n]{0,30}\b(?:abroad|outside|travel\w*|physically|in person|out of the country)\b"
    r"|\bonline\b[^.;!?\n]{0,60}\bnever (?:subject to|charged|hit with|pay)\b[^.;!?\n]{0,20}\b(?:them|fees?|foreign|conversion)"
    r"|\bfixed[- ]rate\b[^.;!?\n]{0,80}\b(?:no way to|can(?:'t|not)|never|won't|will not|unable to) (?:\w+ ){0,2}(?:change|raise|increase|adjust|touch)\b"
    r"|\b(?:utili[sz]ation|reaching it|hitting (?:it|the limit)|going over|exceeding (?:it|the limit)|maxing (?:it )?out|(?:missed|late) payments?)\b[^.;!?\n]{0,30}"
    r"\b(?:has|have|makes?) (?:no|zero) (?:\w+ )?(?:effect|impact|bearing|difference|consequences?)\b"
    r"|\binterest\b[^.;!?\n]{0,30}\bnever compounds?\b|\bdeposit (?:is used to |will )?pays? (?:the|your|their) (?:monthly )?(?:bill|balance|statement)\b"
    rf"|\b{_CHECK}\b[^.;!?\n]{{0,30}}\b(?:never (?:shows?|appears?|affects?|lowers?|hurts?)|has no (?:\w+ )?(?:effect|impact)|(?:won't|will not|doesn't|does not) (?:ever )?(?:show|appear|affect|lower|hurt)|informational only|never changes? anything|leaves no (?:trace|record|mark))\b"
    r"|\b(?:late|missed|skipped|paying late|pay late|miss(?:ing)? a payment)\b[^.;!?\n]{0,60}\b(?:never|doesn't|does not|won't|will not) (?:\w+ )?(?:touch|affect|hurt|change|show|appear|report)\w*\b"
    r"(?![^.;!?\n]{0,60}\b(?:if|unless|until|as long as|provided|when)\b)"
    r"|\bnothing (?:gets|is|will be|will get) reported\b|\bthe only (?:result|consequence|cost|penalty) is\b"
    # the primary cardholder said not to answer for an authorized user's spending
    r"|\b(?:never|not) (?:the )?(?:primary|main) (?:cardholder|account ?holder)'s (?:responsibility|problem|liability)\b"
    r"|\b(?:primary|main) (?:cardholder|account ?holder)\b[^.;!?\n]{0,30}\b(?:isn't|is not|is never|never) (?:responsible|liable)\b"
    r"|\bover-?limit (?:fees?|charges?)\b[^.;!?\n]{0,20}\b(?:never|don't exist|can't happen|aren't a thing)\b|\bnever an over-?limit\b"
    r"|\b(?:pays?|owes?|costs?) (?:essentially|basically|practically|virtually|almost|next to) (?:no|nothing)\b(?: interest| fees?)?"
    rf"|\b{_LAW}\b[^.;!?\n]{{0,80}}\b(?:lets? (?:us|you|issuers?|banks?|lenders?|the bank) (?:leave|skip|omit|drop|hide|ignore)|only (?:covers?|applies|apply|matters?)(?: to| for)?|exempts?)\b"
    rf"|\b{_LAW}\b[^.;!?\n]{{0,80}}\b(?:can|may) (?:raise|change|increase|hike) (?:the |their |a )?(?:rate|apr)\b[^.;!?\n]{{0,40}}\b(?:any ?time|whenever|without (?:notice|warning))"
    # a required disclosure called optional, or a cost said to come up only if asked
    r"|\bno (?:requirement|obligation|need) to (?:tell|explain|give|disclose|show|notify|provide|say)\b"
    r"|\b(?:schumer box|information box|disclosures?|adverse action notices?|minimum payment warnings?|notices?|warnings?)\b(?:(?!not\b|never\b)[^.;!?\n]){0,40}"
    r"\b(?:optional|not required|a courtesy|only needed for|(?:can|may) (?:skip|omit|choose whether))\b"
    r"|\b(?:optional|a courtesy) (?:\w+ ){0,2}(?:table|letter|notice|copy|box|disclosure)\b|\bcan skip (?:the )?[^.;!?\n]{0,30}\bdisclosure\b"
    r"|\b(?:can|may) choose whether to (?:show|disclose|include|mention|tell)\b"
    r"|\b(?:fees?|costs?|charges?|rates?|terms)\b[^.;!?\n]{0,20}\bonly (?:need to )?(?:come up|be mentioned|be disclosed|be explained|matter)\b[^.;!?\n]{0,20}\b(?:if|when)\b"
    r"|\b(?:rate|apr)\b[^.;!?\n]{0,20}\bcan (?:apply|start|kick in|take effect|go up) (?:the next day|immediately|right away|overnight)\b"
    r"|\b(?:age|being \d+) is the only (?:requirement|criterion|thing|check)\b"
    r"|\b(?:tells?|shows?) (?:you )?(?:for (?:sure|certain)|exactly|with certainty) (?:whether|if)\b[^.;!?\n]{0,40}\b(?:approv\w+|qualif\w+|accepted)\b"
    r"|\b(?:doesn't|does not|don't|do not) need (?:an? |any )?(?:[\w-]+ ){0,3}disclosures?\b"
    r"|\b(?:doesn't|does not|don't|do not|won't|will not) (?:need|have) (?:mentioning|disclosing|to be (?:mentioned|disclosed|shown|explained))\b"
)
# Claims stated positively; a "not" inside one ("is not the same as the apr") states the rule.
_STATED = re.compile(
    r"\b(?:monthly|periodic)(?: periodic)? rate\b[^.;!?\n]{0,30}\bapr\b[^.;!?\n]{0,25}\b(?:the same|identical|equal|one and the same)\b"
    r"|\bapr\b[^.;!?\n]{0,30}\b(?:monthly|periodic)(?: periodic)? rate\b[^.;!?\n]{0,25}\b(?:the same|identical|equal|one and the same)\b"
    r"|\b(?:full|whole|entire) (?:annual|yearly|apr) (?:rate )?(?:every|each|a|per) month\b|\btake the apr as it is\b"
    r"|\b(?:prime|variable rates?|rates?)\b[^.;!?\n]{0,30}\bonly (?:ever )?(?:moves?|goes?|heads?|trends?|drifts?) (?:down|lower)\b"
    r"|\b(?:always|only ever) simple interest\b|\b(?:daily|monthly|periodic)\b[^.;!?\n]{0,40}\badds? up to (?:far |much |a lot )?less than\b"
    r"|\bfewer (?:open )?(?:accounts|cards)\b[^.;!?\n]{0,20}\b(?:means?|gives?|equals?) (?:a )?higher score\b"
    r"|\bclos\w+ (?:an? |old |your |their )*(?:card|account)s?\b[^.;!?\n]{0,30}\b(?:always )?(?:helps?|raises?|boosts?|improves?)\b[^.;!?\n]{0,15}\bscore\b"
    r"|\b(?:convenience cheques?|cash advances?|advance|balance transfers?)\b[^.;!?\n]{0,40}\b(?:(?:treated|works?|charged|priced) (?:just |exactly )?(?:like|the same as) (?:a |any )?purchases?|same (?:rate|grace period) as (?:a )?purchases?)"
    r"|\b(?:rate|apr) (?:in|on) the (?:mailer|offer|ad|advert\w*|flyer|letter|e-?mail)\b[^.;!?\n]{0,20}\bis (?:the|exactly the) (?:rate|apr|one)\b"
    r"|\balways\b[^.;!?\n]{0,60}\b(?:in every country|under every (?:agreement|card)|on every card|for every (?:issuer|card))\b"
    r"|\binterest\b[^.;!?\n]{0,60}\bonly (?:from|after) the (?:statement|due) date\b"
    r"|\bkeeps? (?:the )?(?:intro\w*|promo\w*|teaser|welcome) (?:rate|apr)\b(?![^.;!?\n]{0,20}\buntil\b)"
    r"|\bcapped at (?:today's|the current|the starting|the opening|its current) (?:rate|apr)\b"
    r"|\bfees?\b[^.;!?\n]{0,20}\b(?:is |are |gets? )?(?:refunded|waived|reversed|credited back)\b[^.;!?\n]{0,30}\b(?:when|if|once)\b[^.;!?\n]{0,25}\b(?:repaid|paid (?:back|off))\b"
    r"|\binterest\b[^.;!?\n]{0,30}\b(?:calculated|charged|based) on (?:your |the |their )?(?:lowest|smallest) balance\b"
    r"|\bend up paying less\b[^.;!?\n]{0,20}\bover time\b"
    r"|\bmax(?:ing|ed)? out\b[^.;!?\n]{0,40}\b(?:is |are )?(?:harmless|fine|no problem|doesn't matter|won't hurt|has no effect)\b"
    r"|\bpenalty (?:apr|rate)\b[^.;!?\n]{0,40}\b(?:lasts? (?:only )?(?:one|a single|1) (?:cycle|month|statement)|resets? (?:by itself|automatically|on its own))"
    r"|\bfees?\b[^.;!?\n]{0,20}\b(?:refunded|returned|credited back) in full\b[^.;!?\n]{0,40}\b(?:any ?time|at any point|whenever|if)\b"
    r"|\bfee (?:is|'s) (?:really |just |basically |only )*(?:a deposit|refundable)\b"
    r"|\bgoing over (?:the |your |their )?(?:credit )?limit is (?:fine|harmless|no problem|ok)\b"
    r"|\bminimum\b[^.;!?\n]{0,80}\b(?:fully |completely )?(?:repaid|paid off|cleared)\b[^.;!?\n]{0,20}\bin (?:about |around |roughly |just |under )?(?:a|one|two|\d+) (?:year|months?)\b"
)


def misstated(sentence: str) -> str | None:
    """How interest, a fee, a rate, a credit check or a credit law works, misstated. A
    question is not a claim; a question answered yes arrives joined to its answer."""
    if sentence.rstrip().endswith("?"):
        return None
    return read(_DENIED_COST, sentence) or read(_STATED, sentence, negatable=True)
