"""Claims said casually, hedged or in passing, read sentence by sentence.

Bank staff rarely write "guaranteed": they say a client "basically can't be declined", that
approval "is a lock", that a card "is exactly what they need", that variable rates
"practically never move" or that late fees "are hardly ever charged". Each reader returns
the words that make the claim. A sentence that negates, forbids or names the claim as
wrong ("it's a myth that rates never change", "never tell a client they can't be
declined") states the rule instead. Text is expected already plain (`rules.plain`).
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import re

_HEDGE = r"(?:(?:basically|practically|virtually|essentially|pretty much|almost|more or less|honestly|really|just|simply) )?"
_PRODUCT = r"(?:card|mastercard|visa|account|plan|line of credit|tier|package)"
# Words before a claim that turn it into the rule ("never tell clients they ...").
_NEGATION = re.compile(
    r"\b(?:not|no|never|nobody|no one|neither|nor|avoid|refrain|without|whether|if asked|(?:asks?|asked|asking|wonders?|wondering) if|myth|misconception|pas|jamais|aucune?|sans|demande\w* si|demande\w* s'il)\b|n't\b"
)
# French "ne ... pas / jamais" wraps the verb: the "ne" before a claim negates it only when
# its "pas" or "jamais" follows ("ne dites jamais que ..."; "ne mentionnez ... qu'après" does not).
_NE_PAS = re.compile(r"\b(?:ne |n')(?:\w+ ){0,2}?\w+ (?:pas|jamais|point|aucunement)\b")
# A claim named as wrong anywhere in its sentence ("... is a myth", "that's false"), in
# English or French.
_NAMED_WRONG = re.compile(
    r"\b(?:myth|misconception|false(?! (?:positives?|match(?:es)?|hits?|alarms?|negatives?))|untrue|incorrect|inaccurate|misleading|deceptive|wrong|not true|stereotyp\w*|"
    r"prohibit\w*|illegal|unlawful|red flag|inappropriate|not allowed|not permitted|against (?:the )?policy|implies (?:a )?(?:guarantee|promise)|"
    r"(?:compliance |policy |conduct )?breach|non-?compliant|"
    r"interdit\w*|illégal\w*|trompeu\w+|stéréotyp\w*|contraire (?:à|a) la (?:loi|politique)|n'est pas permis)\b"
)
# "can't be declined because of their age" states a protection, not a promise.
_PROTECTED_REASON = (
    r"(?!\s+(?:because|on the basis|based on|for (?:their|being|his|her)|due to|solely))"
)

_CERTAIN = re.compile(
    # approval or a good outcome said to be certain
    rf"\b(?:can(?:'t|not)|won't|will not|couldn't|could not)\s+{_HEDGE}(?:be|get|ever be)\s+(?:declined|denied|rejected|refused|turned down){_PROTECTED_REASON}\b"
    rf"|\b{_HEDGE}impossible (?:to|for \w+ to) (?:be |get )?(?:declined|denied|rejected|refused|turned down|lose){_PROTECTED_REASON}\b"
    r"|\bno (?:chance|risk|possibility|danger|way) (?:of|that|they|you|the client)\b[^.!?\n]{0,20}\b(?:declin|deni|reject|refus|turn\w* down|los)\w*"
    rf"|\b(?:a )?(?:refusal|decline|rejection|denial) is {_HEDGE}impossible\b|\brefus est (?:\w+ ){{0,3}}impossible\b"
    r"|\bforcément (?:acceptée?s?|approuvée?s?|accordée?s?)\b"
    r"|\b(?:rewards?|cash ?back|points|miles)\b[^.!?\n]{0,20}\b(?:will )?always (?:cover|pay for|offset|exceed|outweigh|beat) (?:the |your )?(?:annual )?fee"
    r"|\b(?:automatically|instantly|always) (?:approved|accepted|qualif\w+)\b|\b(?:approved|accepted) (?:automatically|no questions asked)\b"
    r"|\b(?:approv\w*|accept\w*|increase|limit|application|dispute|claim|card|chargebacks?)\b[^.!?\n]{0,40}\b(?:is|are|'s|will be)\s+"
    rf"{_HEDGE}(?:a lock|a done deal|in the bag|a shoo-?in|a given|a formality|a sure thing|a certainty|a slam dunk)\b"
    r"|\b(?:will|'ll|is going to|are going to)\b[^.!?\n]{0,60}\b(?:for sure|for certain|without a doubt|no doubt about it|no question about it|without question|100 ?% sure)\b"
    r"|\b(?:approv\w*|accept\w*)\b[^.!?\n]{0,30}\b(?:every (?:single )?time|each time|without fail)\b"
    r"|\b(?:basically|practically|virtually|pretty much|as good as|all but) (?:already )?(?:approved|accepted|guaranteed|a yes)\b"
    r"|\b(?:will|'ll|is going to|are going to) (?:definitely|certainly|surely|absolutely|undoubtedly)\b[^.!?\n]{0,30}"
    r"\b(?:rebuild|improve|raise|increase|boost|cover|get|receive|win|qualify|pay|save|earn|approve|fix|repair|grow|double|lower|reduce)\w*"
    r"|\b(?:will|'ll) (?:definitely |certainly |surely |absolutely )?(?:be|get) (?:pre-?)?approved\b(?![^.!?\n]{0,40}\b(?:if|only|unless|once|when|subject|after|provided|or|depending)\b)"
    r"|\b(?:every|any|all|each)(?:one|body)? (?:\w+ ){0,2}(?:who|that) (?:appl(?:y|ies)|asks?|requests?|calls?|signs? up|enrol?ls?)\b[^.!?\n]{0,30}"
    r"\b(?:(?:gets?|receives?) (?:a |an |the )?(?:[\w-]+ )?(?:rate|apr|limit|card|approval|increase|loan|line|deal|bonus|refund|discount|upgrade)|(?:is|are|will be) (?:approved|accepted))\b"
    r"|\b(?:gets?|receives?|(?:is|are) approved)\b[^.!?\n]{0,30}\b(?:full stop|no questions asked|no exceptions|no matter what)\b"
    r"|\b(?:is|are|will be) assured (?:of|to)\b|\brest assured\b[^.!?\n]{0,60}\b(?:will|won't|never|always|can't|certain)\b"
    r"|\bas good as (?:cash|guaranteed|gold|money in the bank|done)\b|\b(?:zero|no) downside\b"
    r"|\b(?:pays?|covers?|earns?|saves?) (?:for )?(?:itself|themselves|(?:more|back) than)\b[^.!?\n]{0,30}\b(?:every (?:single )?time|without fail|whatever happens|no matter what)\b"
    r"|\b(?:never|won't|will not) (?:be )?(?:out|lose|pay|owe) (?:a|one) (?:single )?(?:cent|penny|dime|dollar)\b"
    r"|\balways\b[^.!?\n]{0,30}\bin (?:the |your |their |his |her )?(?:\w+'s |\w+s' )?favou?r\b"
    r"|\b(?:disputes?|claims?|chargebacks?|appeals?)\b[^.!?\n]{0,30}\bwill (?:be won|succeed|always succeed)\b"
    r"|\bnothing can (?:lower|reduce|change|raise|touch|affect|cut)\b"
    r"|\b(?:stays?|remains?|locked|fixed|keeps?|unchanged)\b[^.!?\n]{0,40}\bfor the (?:life|lifetime|whole life|duration) of the (?:account|card|loan)\b"
    r"|\bcan only (?:go up|grow|increase|rise|gain)\b"
    r"|\b(?:they're|they are|he's|she's|you're|you are|it's|it is) (?:in|approved|good|covered|set|golden)\b[^.!?\n]{0,15}\b(?:for sure|for certain|guaranteed|no question|100\s?%)"
    r"|\bc'est (?:s[uû]r|certain|garanti)\b|\bgaranti(?:e|es|s)?\b"
    # a record of never refusing anyone offered as a promise
    r"|\b(?:never|not once) (?:turns?|turned|declines?|declined|rejects?|rejected) (?:down )?(?:anyone|anybody|an? (?:\w+ )?(?:applicant|client|owner|business))\b"
    # French (Canadian): no risk, never a loss, certain
    r"|\bsans (?:aucun )?risques?\b|\bne (?:\w+ )?perdr\w* jamais\b|\b(?:à|a) coup s[uû]r\b|\bassurément\b"
    r"|\b(?:sails?|breezes?|waltz(?:es)?|glides?) (?:right )?through\b"
    r"|\b(?:won't|will not|never) (?:ever )?(?:have to )?(?:pay|lose|cover)\b[^.!?\n]{0,30}\bout of (?:their |your |his |her )?pocket\b"
    r"|\b(?:odds|chances?|approval rate)\b(?:(?!not\b|n't\b|never\b)[^.!?\n]){0,40}\b(?:100\s?%|(?:one |a )?hundred (?:percent|per cent))"
    r"|\b(?:bonus|rewards?|points|cash ?back|approv\w*|limit)\b[^.!?\n]{0,40}\bno matter (?:how|what|when)\b"
    # a testimonial passed on to the reader ("my rewards paid for my trip; yours will too")
    r"|\b(?:yours|you|your clients?|theirs|so will you|so can you)\s+(?:will|'ll)\s+(?:\w+\s+)?too\b(?![^.!?\n]{0,20}\b(?:if|once|when|provided)\b)"
    # an approval announced or a product that never refuses
    r"|(?<!once )(?<!if )(?<!when )(?<!after )(?<!until )\b(?:you(?:'re| are)|you've been|you have been) (?:already |pre-?)?approved\b(?![^.!?\n]{0,30}\b(?:if|once|when|subject|for (?:the|a) (?:review|next)|to apply)\b)"
    r"|\byour approval (?:is|'s) (?:waiting|ready|here|in|done|confirmed|a click away)\b|\bno ifs,? (?:ands,? (?:or )?|no )buts\b"
    r"|\bnever (?:says?|tells? \w+) no\b|\bnever (?:turns?|turned) (?:anyone|anybody|you|them|a \w+) (?:down|away)\b"
    r"|\b(?:beats?|outpaces?|outperforms?|tops?|keeps? ahead of)\b[^.!?\n]{0,30}\b(?:every (?:single )?(?:year|time|month|quarter)|without fail|year after year)\b"
    r"|\bappl(?:y|ies|ication)\b[^.!?\n]{0,60}\b(?:every (?:single )?time|each time|without fail)\b"
    r"|\bwithout (?:ever )?paying (?:a (?:single )?(?:cent|penny|dime|dollar)|anything)\b[^.!?\n]{0,20}\b(?:fees?|interest|charges?)\b"
    r"|\b(?:pay (?:\w+ )?back|repay\w*)\s+(?:whenever|any ?time|when(?:ever)? you (?:like|want|can))\b[^.!?\n]{0,20}\bno (?:interest|fees?)\b"
    r"|\bwill\b[^.!?\n]{0,60}\b(?:fix|raise|improve|boost|repair|rebuild|lower|cut|help|get|save|pay|earn|qualify|approve)\w*\b[^.!?\n]{0,30}[,:] (?:yes|absolutely|definitely|of course|always)\b"
    r"(?![^.!?\n]{0,30}\b(?:if|but|provided|as long|depend\w*|usually|often|most|some|can|may|might)\b)"
    r"|\b(?:automatically|always) (?:converts?|graduates?|upgrades?)\b"
    r"|\b(?:merchants?|issuers?|the bank|lenders?) (?:can't|cannot|can not|won't be able to) (?:fight|dispute|contest|challenge|reverse|refuse)\b"
    r"|\bno claims? (?:is|are|will be|gets?) (?:ever )?(?:refused|denied|declined|rejected)\b|\bcovers? (?:any|every|all)\b[^.!?\n]{0,30}\bfor any reason\b"
    r"|\balways (?:lowers?|cuts?|reduces?|saves?) (?:the |their |your |on )?tax(?:es| bill)?\b"
    r"|\b(?:goes|go|will go|gets?|get) through (?:automatically|for sure|no matter what|every time)\b"
    r"|\b(?:will )?never (?:have to )?(?:make|pay) (?:a|another|any) (?:single )?payments?\b"
    r"|\bwill (?:be )?(?:resolved|decided|settled|go|come out|end) (?:in )?(?:their|your|his|her|the client's|the cardholder's) favou?r\b"
    r"|\b(?:always|guaranteed to) (?:\w+ ){0,3}(?:the )?(?:best|lowest|cheapest) (?:exchange )?(?:rate|price|deal)\b"
    # a question answered with a bare yes ("q: will my client be approved? a: yes")
    r"|\bwill\b[^.!?\n]{0,40}\b(?:be approved|qualify|get approved|get the card|be accepted)\b[^.!?\n]{0,10}\ba:\s*(?:yes|absolutely|definitely|of course|sure|for sure)\b"
    r"(?![^.!?\n]{0,15}\b(?:if|but|provided|as long|depend\w*|usually|often|most))"
)

_STEERED = re.compile(
    # a client-type told which named product to hold
    r"\b(?:should|must|needs? to|ought to|has to|have to) (?:be on|get|take|go with|switch to|sign up for|apply for|carry|hold|be using) "
    rf"(?:our|the) (?:[\w-]+ ){{1,3}}{_PRODUCT}\b(?!'s)"
    r"|\btell (?:a|the|every|any|each|all|your|them|him|her)\b(?: \w+){0,2} (?:to )?(?:take|get|apply for|open|choose|pick|go with|sign up for|switch to) "
    rf"(?:the|our) (?:[\w-]+ ){{1,3}}{_PRODUCT}\b"
    r"|\b(?:put|sign|enrol|enroll|move|steer|point|direct|switch) (?:them|him|her|the client|clients|everyone|every client|all clients|everybody|your \w+ clients)\b"
    rf"(?: up)? (?:on|for|to|towards?|into) (?:the|our) (?:[\w-]+ ){{1,3}}{_PRODUCT}\b"
    r"|\b(?:is|'s) (?:exactly |just |precisely |simply )?what (?:they|he|she|you|the client|your client|every \w+|each \w+|all \w+)(?: really)? needs?\b"
    r"|\b(?:is|'s) (?:made|designed|built|perfect) (?:just )?for (?:her|him|them|you)\b"
    r"|\b(?:is|are|'s)\s+(?:\w+\s+){0,2}(?:the\s+)?(?:best|right|ideal|perfect|obvious|top|smartest)\s+(?:choice|option|card|pick|fit|deal|product)\s+"
    r"for (?:them|him|her|you|this client|the client|someone like)"
    r"|\b(?:picks?|chooses?|selects?|decides? on) (?:the |a |which )?(?:card|product|account)\b[^.!?\n]{0,10}\bfor (?:the client|them|him|her|the customer)\b"
    r"|\b(?:should|must|ought to|needs? to)\s+use (?:the|their|a|his|her|your) (?:line of credit|cash advance|heloc|home equity line|loan|savings|rrsp|tfsa|pension|401\(k\))\b"
    r"[^.!?\n]{0,10}\bto (?:buy|fund|finance|invest|purchase|cover)\b"
    r"|\b(?:card|account|product)\b[^.!?\n]{0,10}\bis (?:the one|your card|their card|her card|his card)\b(?! (?:that|which|with|where|for \w+ who))"
    r"|\bc'est (?:la|le) (?:carte|produit|compte)\b[^.!?\n]{0,20}\b(?:qu'il (?:lui|leur|vous) faut|pour (?:lui|elle|eux|vous))"
    r"|\b(?:la|le) meilleur\w* (?:carte|choix|option|produit|décision) (?:\w+ )?pour (?:lui|elle|eux|vous)\b"
    # French (Canadian): a client told what to do with their money
    r"|\b(?:dites|conseillez|recommandez|suggérez|dire|conseiller|recommander|suggérer)\s+(?:au client|aux clients|à la cliente|au propriétaire|à l'entrepreneur|lui|leur)\s+(?:qu'(?:il|elle|ils|elles)|de)\s+(?:devrai\w* |doi\w* )?"
    r"(?:rembours|invest|emprunt|retir|transfér|transfer|utilis|incorpor|plac|cotis|vend|achet|arrêt|cess|déclar|pay|consolid|refinanc)\w*"
    r"|\bmeilleure? (?:décision|choix|option|stratégie|façon) (?:fiscale?|financière|juridique)\b"
    r"|\bskip (?:the )?(?:comparison|other (?:cards|options|products)|alternatives)\b|\bgo straight to the [\w-]+ (?:card|account)\b"
    # advice in the first person, or a client's savings or registered plan raided
    r"|\bif i were (?:you|them|in (?:your|their) shoes)\b[^.!?\n]{0,20}\bi(?:'d| would)\b[^.!?\n]{0,40}\b(?:pull|take|put|invest|borrow|get|apply|open|use|pay|move|switch|cash|buy|sell|withdraw|max|consolidate|refinance)\w*"
    r"|\b(?:should|could|just|i'd|go ahead and|why not|tell \w+ to|have \w+)\s+(?:\w+\s+)?(?:pull|take|withdraw|dip into|raid|cash out|drain)\w* (?:\w+ ){0,2}(?:from |out of |into )?(?:your|their|his|her|the) (?:tfsa|rrsp|resp|401\(k\)|ira|savings|pension|retirement)\b"
    r"|\b(?:tell|advise|get|encourage|have)\s+(?:them|him|her|the client|clients)\s+to\b[^.!?\n]{0,40}\b(?:just |only )?pay (?:only |just )?the minimum\b"
    r"|\bwins? (?:against|over) (?:every|all|any)\b|\bn't worth (?:mentioning|showing|presenting|offering)\b"
)

_MECHANICS = re.compile(
    # rates said not to move, interest said not to arise, fees said to vanish
    rf"\b(?:rates?|aprs?|interest(?: rates?)?)\b[^.!?\n]{{0,30}}\b{_HEDGE}(?:never|don't|do not|won't|will not|can't|cannot) (?:ever |really )?"
    r"(?:changes?|moves?|rises?|go up|goes up|increases?|budges?|vary|varies)\b(?![^.!?\n]{0,30}\b(?:without|unless|except|until|before|during)\b)"
    r"|\b(?:deferred|back|retroactive) interest\b[^.!?\n]{0,30}\b(?:never|isn't|is not|won't|will not) (?:\w+ )?(?:charged|applied|owed|due|collected)\b"
    r"|\bnever (?:charges?|applies|collects?) (?:the )?(?:back|deferred|retroactive) interest"
    r"|\b(?:fees?|interest|penalt\w+|charges?)\b[^.!?\n]{0,20}\b(?:hardly ever|rarely|almost never|seldom|practically never|basically never)\b[^.!?\n]{0,15}"
    r"\b(?:charged|applied|enforced|collected|kicks? in|apply)\b"
    r"|\b(?:don't|do not|never|won't) (?:really )?(?:need|have) to worry about (?:the )?(?:due dates?|fees?|interest|payments?|late fees?)\b"
    r"|\b(?:intro\w*|promo\w*|teaser|welcome) (?:rate|apr)\b[^.!?\n]{0,60}\b(?:as long as (?:they|you|the client) (?:keep|have|hold)|for as long as|never (?:ends|expires))\b"
    r"|\b(?:almost|practically|virtually|basically|pretty much) never (?:\w+ ){0,3}(?:pay|pays|charged|charge|owe)\w*\b[^.!?\n]{0,20}\b(?:interest|fees?)\b"
    r"|\b(?:interest|fees?)\b[^.!?\n]{0,40}\b(?:whatever (?:they|you) do|no matter what)\b"
    r"|\binterest\b[^.!?\n]{0,10}\bonly (?:really )?(?:shows up|applies|kicks in|is charged|gets charged|starts|hits)\b[^.!?\n]{0,15}\b(?:if|when|once)\b[^.!?\n]{0,40}"
    r"\b(?:late|miss\w*|overdue|default\w*)"
    r"|\b(?:basically |really |mostly )?only (?:if|when) (?:you(?:'re| are)|they(?:'re| are)|the client(?:'s| is)|clients are) (?:late|behind|over (?:the|your|their) limit)\b"
    r"|\bno (?:\w+ )?(?:fees?|costs?|charges?) at all\b"
    r"|\b(?:interest|fees?)\b[^.!?\n]{0,30}\b(?:charged|applied|billed) only (?:once|one time|the first month|in the first month)\b"
    r"|\b(?:not|isn't|is not) (?:really|actually|truly) a (?:cost|fee|charge|expense)\b(?! question| issue| matter| topic)"
)
# Positive statements of how costs work; a "not" inside one ("the apr does not include the
# annual fee") states the rule.
_MECHANICS_STATED = re.compile(
    r"\bminimum(?: payments?)?\b[^.!?\n]{0,30}\b(?:covers?|pays?|includes?|takes care of) (?:all|every|the whole|the entire)\b[^.!?\n]{0,20}\binterest\b"
    r"|\b(?:balance|debt) (?:will )?(?:always|keeps?|is guaranteed to) (?:shrink|go down|drop|decrease|get smaller)\w*\b(?![^.!?\n]{0,20}\b(?:only if|if|as long as|when|provided)\b)"
    r"|\b(?:waived|refunded|reversed|credited back)\b[^.!?\n]{0,25}\bautomatically\b"
    r"|\beffectively (?:there (?:isn't|is no) (?:one|a fee|any fee)|free|no fee|zero|costs? nothing)\b"
    r"|\binterest\b[^.!?\n]{0,30}\b(?:worked out|computed|assessed|calculated|charged|applied|added|billed)\b[^.!?\n]{0,15}\b(?:once|only)\b[^.!?\n]{0,15}"
    r"\b(?:a year|per year|annually|at the end of the year|in december|at year[- ]end)"
    r"|\bcash advances?\b[^.!?\n]{0,40}\b(?:only (?:from|after) the statement|from the statement date|interest-free (?:period|days)|(?:just )?like (?:new )?purchases|after \d+ days)\b"
    r"|\bpay\w*\b[^.!?\n]{0,30}\b(?:twice|more often|weekly|biweekly|every two weeks)\b[^.!?\n]{0,20}\b(?:lowers?|cuts?|reduces?|drops?)\b[^.!?\n]{0,30}\b(?:rate|apr)\b"
    r"|\bapr\b[^.!?\n]{0,40}\b(?:is|are|means|=|names? for|same (?:thing )?as)\s+(?:just |simply |really )?(?:the |a |your )?(?:monthly|per month)\b"
    r"|\bapr\b[^.!?\n]{0,20}\b(?:already )?(?:includes?|covers?|bakes in) (?:the )?(?:annual fee|all (?:the )?fees|every (?:fee|charge))"
    r"|\bforeign\b[^.!?\n]{0,40}\b(?:cost|costs|is|are|priced)\s+(?:\w+\s+)?the same\b[^.!?\n]{0,20}\b(?:at home|domestic\w*|in canada|local\w*)\b"
)
_APR_AS_MONTHLY = re.compile(
    r"(\d+(?:\.\d+)?)\s?%\s*apr\b[^.!?\n]{0,20}\bmeans?\s+\1\s?%\s*(?:each|a|per|every) month"
)

_PROXIED = re.compile(
    # someone else made to sign or decide for a client because of who they are
    r"\b(?:wheelchairs?|disabilit\w+|disabled|blind|deaf|elderly|seniors?|older|pregnant|immigrants?|newcomers?|married|wives|women)\b"
    r"[^.!?\n]{0,60}\b(?:family member|relative|son|daughter|husband|wife|spouse|someone else|caregiver)\b[^.!?\n]{0,20}\b(?:sign|decide|speak|answer|handle|confirm|vouch|approve|consent|manage)\w*"
    r"|\b(?:wheelchairs?|disabilit\w+|disabled|blind|deaf|elderly|seniors?|older|pregnant|immigrants?|newcomers?)\b[^.!?\n]{0,40}\bassume (?:that )?(?:they|he|she)\b"
    r"|\b(?:direct|address|put|ask) (?:your |all )?questions to (?:their|his|her) (?:companion|carer|caregiver|partner|son|daughter|husband|wife|relative|family)\b"
    r"|\b(?:wheelchairs?|disabilit\w+|disabled|blind|deaf)\b[^.!?\n]{0,80}\b(?:add|bring in|include|get)\w*\b[^.!?\n]{0,30}\b(?:able-bodied|healthy|non-disabled) (?:partner|person|co-?owner|co-?signer|guarantor|relative)\b"
    # names, accents and places standing in for origin or race
    r"|\b(?:names? (?:that )?(?:sounds?|looks?) \w+|(?:arabic|muslim|asian|chinese|indian|african|hispanic|latino|foreign|ethnic|jewish|french|english|\w+-sounding) (?:names?|surnames?|accents?)|\w+-sounding names?|accents?|postal codes?|post ?codes?|zip codes?|neighbou?rhoods?|immigrant (?:communities|areas|neighbou?rhoods)|(?:east|west|north|south) end|"
    r"that (?:area|part of town)|those areas|reserves?|barrios?|projects|names? (?:suggests?|implies|hints?)|"
    r"(?:certain|some|particular|those|these) (?:countries|nationalities|ethnicities|religions|cultures|backgrounds))\b[^.!?\n]{0,80}"
    r"\b(?:extra (?:screening|documents|checks|scrutiny)|stricter|lower limits?|higher rates?|flag|screen|be careful|scrutin\w+|co-?signer|deposit|"
    r"tend to|more likely|riskier|default|more id|more identification|second piece|refer\w* to underwriting|automatic\w* (?:refer|declin|reject)|manual review)\w*"
)


# French (Canadian): a protected group judged or given worse terms ("les nouveaux arrivants
# ont souvent du mal à rembourser", "une limite plus basse pour les clients âgés").
_GROUP_FR = (
    r"(?:nouveaux? arrivants?|nouvelles? arrivantes?|immigra\w+|immigré\w*|étrang\w+|(?:personnes|clients?|clientes?|propriétaires?) (?:âgé\w*|agé\w*|handicapé\w*|autochtones?|musulman\w*|jui\w+|étrang\w+)|"
    r"aîné\w*|ainé\w*|femmes?|jeunes|handicapé\w*|autochtones?|musulman\w*|juifs?|juives?|mères? célibataires?|pères? célibataires?|minorités?|accents?)"
)
_ADVERSE_FR = (
    r"(?:ont (?:souvent |généralement |toujours )?(?:du mal|de la difficulté|tendance)|souvent|généralement|rarement|moins fiables?|plus risqué\w*|risqué\w*|irresponsables?|"
    r"(?:limite|plafond|marge)s? (?:de crédit )?(?:plus )?(?:basse|bas|faible|petite?|réduite?)s?|(?:dépôt|garantie)s? plus (?:élevée?|importante?|gros)|évitez|ne comprennent pas)"
)
_JUDGED_FR = re.compile(
    rf"\b{_GROUP_FR}\b[^.!?\n]{{0,80}}\b{_ADVERSE_FR}\b|\b{_ADVERSE_FR}\b[^.!?\n]{{0,60}}\b{_GROUP_FR}\b"
)


# Where a clause ends; in "if the client asks whether ..., confirm that ..." the question
# ends at the comma and its "whether" does not frame the answer.
_CLAUSE_BREAK = re.compile(
    r"[;:]| - |,\s+(?=(?:confirm|tell|say|reply|answer|reassure|assure|let (?:them|him|her) know|accept|open|approve|process|issue|submit|waive|skip|just|simply|give|explain|leave|send|e-?mail|share|quote|mention)\b)"
)
_ANSWER_WORD = re.compile(r"^\s*(?:no|nope|yes|yep|yeah|sure|absolutely|not really)\s*[,;-]")


def _framed(sentence: str, start: int) -> bool:
    """The claim sits under a negation or prohibition in its clause, or its sentence calls
    it wrong ("the basic card isn't worth it; steer everyone to Gold" still steers)."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence) if m.end() <= start]
    opens = breaks[-1] if breaks else 0
    clause = sentence[opens:start]
    if any(opens <= m.start() < start for m in _NE_PAS.finditer(sentence)):
        return True
    clause = _ANSWER_WORD.sub("", clause)  # "no, fees only come up if asked" answers a question
    return bool(_NEGATION.search(clause) or _NAMED_WRONG.search(sentence))


def read(pattern: re.Pattern[str], sentence: str, *, negatable: bool = False) -> str | None:
    found = pattern.search(sentence)
    if found is None or _framed(sentence, found.start()):
        return None
    # a positive claim with "not" inside it ("the apr does not include the fee") is the rule
    if negatable and _NEGATION.search(found.group(0)):
        return None
    return found.group(0)


# Interest worked out wrongly: a yearly rate on a balance said to cost far more or far less
# than it does ("19.99% APR works out to under two dollars a year on a $1,000 balance").
_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_UNITS = {word: value for value, word in enumerate(_UNIT_WORDS.split(" "))}
_TENS = {
    word: 10 * (value + 2)
    for value, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
}
_NUMBER = r"(?:a|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)"
_WORDS = rf"{_NUMBER}(?:[- ](?:and|point|{_NUMBER}))*"
_AMOUNT = re.compile(rf"\$\s?(\d[\d,]*(?:\.\d+)?)|\b({_WORDS})[- ]dollars?\b")
_YEARLY_RATE = re.compile(
    rf"(?:(\d+(?:\.\d+)?)\s?%|\b({_WORDS}) (?:percent|per cent))(?:\s*(?:apr|a year|per year|annual\w*|yearly)|[^.!?\n]{{0,15}}\bapr\b)"
    rf"|\b(?:apr|rate) (?:is|of) (?:(\d+(?:\.\d+)?)\s?%|({_WORDS}) (?:percent|per cent))(?!\s*(?:a|per) month)"
)
_ONE_MONTH = re.compile(r"\b(?:for|over) (?:one|a|1) month\b|\b(?:a|per) month\b|\bmonthly\b")
_ONE_YEAR = re.compile(
    r"\b(?:a|per|all|for a|for one|over a|the whole) year\b|\bannually\b|\byearly\b"
)


def _number(words: str) -> float:
    total, current, decimals, after_point = 0.0, 0.0, "", False
    for word in re.split(r"[- ]+", words):
        if after_point:
            decimals += str(_UNITS.get(word, 0))
        elif word == "point":
            after_point = True
        elif word in _UNITS:  # "a" counts only before "hundred" or "thousand"
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total, current = total + max(current, 1) * 1000, 0.0
    return total + current + (float(f"0.{decimals}") if decimals else 0.0)


def _value(digits: str | None, words: str | None) -> float:
    return float(digits.replace(",", "")) if digits else _number(words or "")


def miscounted_interest(sentence: str) -> str | None:
    """A yearly rate on a balance said to cost three times more or less than it does."""
    rate = _YEARLY_RATE.search(sentence)
    amounts = [_value(m.group(1), m.group(2)) for m in _AMOUNT.finditer(sentence)]
    if (
        rate is None
        or len(amounts) < 2
        or ("interest" not in sentence and "works out" not in sentence)
    ):
        return None
    percent = _value(rate.group(1) or rate.group(3), rate.group(2) or rate.group(4))
    months = 1 if _ONE_MONTH.search(sentence) else 12 if _ONE_YEAR.search(sentence) else 0
    balance, claimed = max(amounts), min(amounts)
    expected = balance * percent / 100 * months / 12
    if not months or not expected or _NAMED_WRONG.search(sentence):
        return None
    if claimed > 3 * expected or claimed < expected / 3:
        return f"{percent:g}% a year on {balance:,.0f} said to cost {claimed:,.2f}"
    return None


def certain(sentence: str) -> str | None:
    """An approval, a return or an outcome said to be certain."""
    return read(_CERTAIN, sentence)


def steered(sentence: str) -> str | None:
    """A client steered to one named product."""
    return read(_STEERED, sentence, negatable=True)


def mechanics(sentence: str) -> str | None:
    """How a rate, interest or a fee works, misstated."""
    found = read(_MECHANICS, sentence) or read(_MECHANICS_STATED, sentence, negatable=True)
    if found:
        return found
    monthly = _APR_AS_MONTHLY.search(sentence)
    if monthly and not _NAMED_WRONG.search(sentence):
        return monthly.group(0)
    return miscounted_interest(sentence)


# A group kept from a product by who they are, a denial that is itself the claim
# ("clients who recently arrived in the country shouldn't be offered the Platinum card").
_DENIED_GROUP = re.compile(
    r"\b(?:recently arrived|new to (?:the |this )?(?:country|canada|the uk|the us)|newcomers?"
    r"|immigrants?|(?:older|elderly|senior|pregnant|disabled) (?:clients?|customers?|applicants?|owners?))\b"
    r"[^.!?\n]{0,60}\b(?:shouldn't|should not|must not|mustn't|don't|do not|won't) "
    r"(?:be )?(?:offered|get|receive|be approved|be given)\b"
    r"|\b(?:clients?|personnes|propriétaires|demandeurs) de plus de \d{2} ans\b[^.!?\n]{0,40}"
    r"\bne (?:devraient|doivent|peuvent|devrait) pas\b"
)


# Family plans or faith asked about as a sign of commitment or risk ("ask whether the owner
# plans to have children soon").
_ASKED_PERSONAL = re.compile(
    # an age over which applicants are steered to less; a married woman's husband asked
    r"\b(?:applicants|clients|customers|owners) (?:over|above|older than) \d{2}\b[^.!?\n]{0,80}\b(?:steer|lowest|lower|smaller|avoid|decline)\w*"
    r"|\bmarried (?:woman|women|couple)\b[^.!?\n]{0,80}\b(?:husband|wife)(?:'s)?\b|"
    r"\b(?:ask|find out|check|see)\w*\s+(?:whether|if|about)\b[^.!?\n]{0,40}\b(?:plans? (?:to have"
    r"|on having) (?:children|kids|a baby|a family)|pregnan\w*|(?:is|are) (?:married|single"
    r"|divorced)|religio\w*|church|mosque|synagogue)"
    # health or disability asked about before an application is judged
    r"|\bask\w*\s+(?:\w+\s+){0,2}about (?:their|his|her|the (?:client|customer|applicant|owner)'s) (?:health|disabilit\w*|medical\w*|condition|diagnos\w*|illness\w*)\b[^.!?\n]{0,40}\bbefore (?:assessing|approving|deciding|processing|reviewing|you assess|you approve)"
)


def proxied(sentence: str) -> str | None:
    """A protected group, or a proxy for one, treated differently."""
    asked = _ASKED_PERSONAL.search(sentence)
    if (
        asked
        and not _NEGATION.search(sentence[: asked.start()])
        and not _NAMED_WRONG.search(sentence)
    ):
        return asked.group(0)
    denied = _DENIED_GROUP.search(sentence)
    if denied and not _NAMED_WRONG.search(sentence):
        return denied.group(0)
    found = _PROXIED.search(sentence) or _JUDGED_FR.search(sentence)
    # a negation after the judgement ("…, ils ne savent pas …") is part of it
    if found is None or _NEGATION.search(sentence[: found.end()]) or _NAMED_WRONG.search(sentence):
        return None
    return found.group(0)
