"""Conduct a lesson must never teach: getting round the checks a bank owes the law, and
pressing a client into a decision.

- **Checks got round**: identity, beneficial-owner, sanctions or source-of-funds checks
  skipped or waved through; cash split to stay under a reporting threshold; a client told
  that a report is being filed about them; paperwork signed or dated for someone else.
- **Confidentiality**: a client's limit, balance or statements told to a colleague with no
  need to know, a relative, an accountant without written authority, or a voicemail.
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
    r"sanctions?(?: screening| checks?| lists?| hits?| match(?:es)?| alerts?)?|ofac(?: checks?| hits?| match(?:es)?| alerts?)?|watch[- ]?lists?(?: hits?| match(?:es)?| alerts?)?|"
    r"(?:enhanced |customer )?due diligence|edd|cdd|source of (?:funds|wealth)|verification|verif\w+ steps?|"
    r"(?:the |those |these |all the |our )?(?:checks|screening|paperwork|documentation|documents|compliance steps?))"
)
_THRESHOLD = r"(?:\$?\s?10,?000|10k|ten thousand|(?:the )?(?:reporting |cash )?(?:threshold|limit)|(?:the )?(?:ctr|lctr|report\w*|radar|flag\w*|alert\w*))"
_MONEY = r"(?:cash|deposits?|payments?|transactions?|withdrawals?|transfers?|amounts?|sums?|purchases?|charges?)"

_GOT_ROUND = re.compile(
    # what compliance should see kept from it
    r"\b(?:don't|do not|never|no need to)\s+(?:mention|report|flag|raise|escalate|tell|pass)\b[^.!?\n]{0,50}\bto (?:compliance|aml|the aml team|risk|fintrac|the fiu|the mlro|fraud)\b|"
    r"\bne (?:faites|faire|fais) pas de (?:déclaration|signalement)\b|"
    r"\bsanctions? (?:list|screening|hit|match)\b[^.!?\n]{0,60}\b(?:change|alter|tweak|modify|adjust) (?:the )?spelling\b|"
    r"\b(?:heads-?up|tip (?:them|the client|him|her) off|warn (?:them|the client|him|her))\b[^.!?\n]{0,40}\bbefore (?:you )?(?:file|filing|submit\w*|report\w*|escalat\w*)\b|"
    r"\binutile de (?:vérifier|verifier|contrôler|controler|demander) l'identité\b|"
    # a check skipped or waved through
    rf"\b(?:skip|bypass|waive|ignore|override|dismiss|clear|cut|fudge|get (?:a)?round|work (?:a)?round|sidestep|circumvent|shortcut|don't bother with|do not bother with|no need for|forget about)\s+(?:the |any |a |all |those |these |their |its )?{_CHECK}\b"
    rf"|\b(?:don't need to|do not need to|no need to|never need to|needn't|don't|do not|won't need to|doesn't need to|does not need to|there's no need to)\s+(?:bother (?:to |with )?|really )?(?:verify|check|screen|confirm|collect|ask for|request|look at|run|ask|find out|establish|identify)\s+(?:the |their |his |her |any |an? )?(?:{_CHECK}|who (?:ultimately |really |actually )?(?:owns|controls))\b"
    rf"|\b(?:open|approve|issue|process)\w*\b[^.!?\n]{{0,40}}\bwithout (?:any |the |their |an? )?{_CHECK}\b"
    rf"|\b(?:{_CHECK}) (?:is|are) (?:optional|just a formality|a formality|not (?:really )?needed|unnecessary) for\b"
    # cash kept under a reporting threshold
    rf"|\b(?:split|break|breaking|broke|divide|spread|stagger|chunk)\w*\s+(?:up\s+)?(?:the |their |a |his |her |large |big )?(?:\w+ )?{_MONEY}\b[^.!?\n]{{0,60}}\b(?:under|below|beneath|avoid|stay off|keep (?:it|them) off|so (?:it|they|that it|that they|nothing) (?:doesn't|don't|won't|never))\b[^.!?\n]{{0,30}}{_THRESHOLD}"
    rf"|\b(?:keep|kept|keeping)\s+(?:each|every|the|their|all)?\s*(?:\w+ )?{_MONEY}\s+(?:just )?(?:under|below)\s+{_THRESHOLD}"
    rf"|\b(?:stay|staying|remain)\s+(?:just )?(?:under|below)\s+(?:the )?(?:\$?\s?10,?000|ten thousand|reporting threshold)\b[^.!?\n]{{0,40}}\b(?:avoid|no|without|so)\b"
    # the client tipped off about a report
    rf"|\b(?:let|tell|warn|alert|give)\w*\s+{_CLIENT}\s+(?:\w+ ){{0,2}}(?:know|a heads[- ]up|in advance|beforehand|that)\b[^.!?\n]{{0,50}}\b(?:sar|str|suspicious|report(?:ed|ing)? (?:them|him|her|it|the|their)|investigat\w*|flagged|being looked at|under review)"
    rf"|\b(?:sar|str|suspicious (?:activity|transaction) report)\b[^.!?\n]{{0,60}}\b(?:let|tell|warn|alert|give|inform)\w*\s+{_CLIENT}\b[^.!?\n]{{0,30}}\b(?:know|heads[- ]up|in advance|beforehand|a warning)\b"
    # the account opened first and the checks done later
    rf"|\b(?:open|approve|issue|submit|process|activate)\w*\b[^.!?\n]{{0,50}}\b(?:first|anyway|right away|now)\b[^.!?\n]{{0,40}}\b(?:finish|complete|chase|collect|do|catch up on|sort out)\w*\b[^.!?\n]{{0,40}}\b(?:due diligence|checks?|verification|kyc|missing information|missing details|id|documents|paperwork)\b[^.!?\n]{{0,20}}\b(?:later|next week|afterwards|after)\b"
    rf"|\b(?:ouvr|activ|approuv|émet|emet)\w*\b[^.!?\n]{{0,30}}\bavant d'avoir (?:vérifié|verifie|contrôlé|controle|confirmé)"
    rf"|\b(?:clôtur|ferm|classe|rejet)\w*[- ](?:la|le|les)\b[^.!?\n]{{0,20}}\bvous-même\b[^.!?\n]{{0,30}}\bsans (?:la |le |les )?(?:transmettre|signaler|escalader|remonter)"
    rf"|\baccept\w*\s+(?:a |any )?(?:general|vague|short|one-word)\s+(?:answer|explanation|reply)\b[^.!?\n]{{0,40}}\b(?:move on|and continue|and proceed|is enough)\b"
    rf"|\b(?:finish|complete|do|upload|collect|chase|send|demand)\w*\b[^.!?\n]{{0,40}}\b(?:verification|due diligence|checks?|kyc|paperwork|documents|justificatifs)\b[^.!?\n]{{0,40}}\b(?:later|plus tard|after (?:the card|it|the account) (?:has been|is|was) (?:issued|opened|approved))"
    rf"|\b(?:onboard|open|approve|accept)\w*\b[^.!?\n]{{0,40}}\bwithout (?:checking|verifying|reviewing|seeing)\b"
    rf"|\bonly the (?:owners|beneficial owners|directors|shareholders)\b[^.!?\n]{{0,20}}\b(?:they want|they choose|they wish|they like)\b"
    rf"|\b(?:stay|keep|remain)\w* (?:under|below) (?:the )?(?:cash )?(?:reporting )?(?:threshold|limit)\b[^.!?\n]{{0,60}}\b(?:spread|split|break|stagger)\w*"
    rf"|\b(?:above|over|exceeding) (?:the )?(?:cash )?reporting (?:threshold|limit)\b[^.!?\n]{{0,30}}\b(?:can|may|should|could) be (?:split|spread|broken up|staggered|divided)\b"
    rf"|\b(?:don't|do not|no need to|never) (?:need to |have to )?report (?:unusual|suspicious) (?:activity|transactions?|deposits?)\b"
    # a mismatch in the client's papers left off the record
    rf"|\b(?:don't|do not|no need to|never|without)\s+(?:record|recording|document|documenting|note|noting|log|logging|flag|flagging|mention|mentioning)\s+(?:the |any |a |that )?(?:discrepanc|mismatch|difference|inconsisten)\w*"
    # looking away
    rf"|\b(?:look the other way|turn a blind eye|don't ask (?:too many|where|how)|do not ask (?:too many|where|how)|no questions asked)\b"
    rf"|\b(?:don't|do not|no need to)\s+(?:file|submit|raise|escalate)\s+(?:a |the |an )?(?:sar|str|suspicious\w*|report|alert)\b"
    rf"|\b(?:don't|do not|no need to|never|needn't)\s+(?:refer|report|escalate|flag|pass on)\s+(?:the |any |an? |these |those |such )?(?:unusual|suspicious|odd|large|strange) (?:activity|transactions?|deposits?|payments?|behaviou?r)\b"
    rf"|\b(?:accept|take|allow)\w*\b[^.!?\n]{{0,80}}\b(?:when|if|because|as|since) (?:the )?(?:customer|client|owner|they|he|she) (?:is|are|seems?|says (?:they're|he's|she's)) (?:in a (?:hurry|rush)|busy|impatient|short (?:on|of) time|running late)\b"
    rf"|\b(?:let|tell|show|explain to)\w*\s+{_CLIENT}\s+(?:know\s+)?(?:which|what)\s+(?:\w+\s+){{0,3}}(?:trigger|set off)\w*\s+(?:a |our |the )?(?:monitoring|alerts?|reports?|reporting|reviews?|checks?)\b"
    rf"|\b(?:beneficial owners?|ownership|verification|identity|id|kyc|checks?|screening)\b[^.!?\n]{{0,60}}\bto save time\b"
    rf"|\bto save time\b[^.!?\n]{{0,60}}\b(?:beneficial owners?|verification|identity checks?|kyc|screening)\b"
    rf"|\bas the beneficial owner\b[^.!?\n]{{0,30}}\b(?:to save time|for speed|to keep (?:it|things) simple|to move faster)\b"
    rf"|\b(?:no need to|don't need to|do not need to|needn't)\s+(?:check|verify|compare|match)\w*\s+(?:it|them|this|the [\w-]+)\s+(?:against|with) the original\b"
    rf"|\b(?:sar|str|suspicious (?:activity|transaction) report)s?\b[^.!?\n]{{0,25}}\b(?:is|are) (?:best |better )?avoided\b"
    rf"|\bavoid (?:filing|raising|making|submitting) (?:a |an |the )?(?:sar|str|suspicious)"
    rf"|\b(?:no need to|don't need to|do not need to|needn't)\s+(?:see|sight|view|check|verify)\s+(?:it|them|the original)\b"
    rf"|\b(?:let|tell|inform)\w*\s+{_CLIENT}\s+(?:know\s+)?(?:that\s+)?(?:we've|we have|we)\s+(?:raised|filed|made|submitted|sent)\s+(?:a |an )?(?:suspicion|suspicious|sar|str)\b"
    rf"|\bouvrez (?:quand même|tout de même) le dossier\b|\bcomplétez (?:le reste |les pièces )?plus tard\b"
    # a record, a consent or a reading the client is owed skipped
    rf"|\b(?:submit|process|send|file|sign)\w*\s+(?:the |an? |their )?(?:application|request|form|agreement)\s+(?:(?:off|in|through|on)\s+)?before\s+(?:the )?(?:customer|client|owner|applicant|cardholder|they|he|she)\s+(?:has |have )?(?:read|seen|received|signed|agreed|understood)\b"
    rf"|\b(?:complaints?|consents?|disclosures?|authori[sz]ations?|objections?)\b[^.!?\n]{{0,40}}\b(?:don't|do not|doesn't|does not|needn't|need not|never)\s+(?:need\s+to\s+|have\s+to\s+)?be\s+(?:logged|recorded|documented|noted|filed|reported|registered)\b"
    rf"|\b(?:no need|don't need|do not need|needn't|doesn't need|does not need)\s+to\s+(?:record|log|document|note|capture|keep|file)\s+(?:the |their |a |any |his |her )?(?:[\w'’]+ )?(?:consent|complaints?|authori[sz]ation|agreement|disclosures?)\b"
    rf"|\b(?:add|issue|open|order|approve|increase|change|process|enrol|enroll)\w*\b[^.!?\n]{{0,80}}\bwithout (?:the |their |his |her )?(?:[\w-]+ )?(?:[\w-]+'s? )?(?:written |signed |explicit |express )?(?:authori[sz]ation|consent|permission|signature)\b"
    rf"|\b(?:just|simply)\s+(?:tick|check|mark|select)\w*\b[^.!?\n]{{0,40}}\b(?:given|provided|explained|read|received|done|completed|confirmed|verified|disclosed)\b"
    rf"|\b(?:accept|take|approve|open|process)\w*\b[^.!?\n]{{0,100}}\b(?:and )?(?:don't|do not) ask (?:any )?questions\b"
    rf"|\b(?:open|approve|issue)\w* (?:the |their )?(?:account|card|application|file) anyway\b"
    rf"|\bouvrez (?:quand même|tout de même|malgré tout) (?:le |la |l')?(?:dossier|compte|carte)\b"
    rf"|\btick\w*\b[^.!?\n]{{0,40}}\b(?:obtained|given|received|signed|verified|done|checked)\b[^.!?\n]{{0,50}}\b(?:afterwards|later|after(?:ward)?)\b"
    rf"|\baccept\w*\b[^.!?\n]{{0,50}}\b(?:in|under) (?:someone else's|somebody else's|another (?:person's|name)|a different (?:person's )?name|a (?:relative's|friend's|family member's)|(?:their|his|her) (?:spouse's|partner's|wife's|husband's|mother's|father's)) name\b"
    rf"|\b(?:let|tell|warn|alert|inform)\w*\s+{_CLIENT}\s+(?:know\s+)?(?:that\s+)?(?:a|an|the) (?:report|sar|str|suspicious activity report|alert)\b[^.!?\n]{{0,15}}\b(?:may|might|will|could|is going to|is about to|would) be (?:filed|made|raised|submitted|sent|lodged)\b"
    rf"|\bexpired (?:id|passport|licen[cs]e|identification|documents?|photo id)\b[^.!?\n]{{0,20}}\b(?:can|may|is fine to|could) be accepted\b|\baccept\w* (?:an? )?expired (?:id|passport|licen[cs]e|identification|documents?)\b"
    rf"|\bno longer (?:require|need)s?\b[^.!?\n]{{0,30}}\b{_CHECK}\b"
    rf"|\bverifica dell'identit[àa]\b[^.!?\n]{{0,60}}\b(?:facoltativa|non (?:è )?necessaria|non serve)\b|\bal posto del cliente\b"
    rf"|\bdisclosures?\b[^.!?\n]{{0,30}}\b(?:can|may) be (?:sent|e-?mailed|mailed|posted|given|provided|handed over)\b[^.!?\n]{{0,10}}\b(?:after|later|once)\b"
    rf"|\binutile de (?:vérifier|verifier|contrôler|controler|confirmer)\b|\bnotez (?:simplement )?[«\"]\s*vérifié"
    rf"|\bjust (?:list|record|name|enter|put down|write down)\b[^.!?\n]{{0,50}}\b(?:beneficial owner|sole owner|only owner|director|signatory)\b"
    rf"|\b(?:proof of (?:address|identity|income)|id|identification|verification|kyc|{_CHECK})\b[^.!?\n]{{0,20}}\b(?:can|may) be (?:waived|skipped|dropped|bypassed|overlooked)\b"
    rf"|\b(?:their|his|her|the client's|the customer's) word is (?:enough|sufficient|good enough)\b"
    rf"|\bvalid\w*\b[^.!?\n]{{0,30}}\bsans (?:vérifier|verifier|contrôler|controler|confirmer)\b"
    # paperwork done for someone else
    rf"|\b(?:sign|initial|date|backdate|fill in|complete)\w*\s+(?:the |their |his |her |an? )?(?:form|application|agreement|signature|documents?|paperwork)?\s*(?:for (?:them|him|her|the client)|on (?:their|his|her|the client's) behalf)\b(?![^.!?\n]{{0,30}}\b(?:power of attorney|authori[sz]ed)\b)"
    rf"|\bbackdat\w+\b"
    # where the money comes from left unasked
    rf"|\b(?:no need to|don't need to|do not need to|needn't|there's no need to|don't|do not|never)\s+(?:bother(?:ing)? to\s+)?ask\w*\s+(?:\w+\s+){{0,2}}?(?:where|how)\b[^.!?\n]{{0,50}}\b(?:comes? from|came from|got|earned|source)\b"
    # a check filled in by staff instead of confirmed with the client
    rf"|\b(?:fill|complete|enter|guess)\w*\s+(?:in\s+)?(?:the |their |his |her )?{_CHECK}(?: section| form| fields?)?\s+(?:in\s+)?(?:yourself|from memory|from what you (?:already )?know)\b"
    rf"|\bwithout (?:confirming|verifying|checking|validating)\b[^.!?\n]{{0,20}}\bwith (?:the |your )?(?:client|customer|owner|applicant)\b"
    # an alert closed without the review on record
    rf"|\b(?:clear|close|dismiss|resolve|discount|override)\w*\s+(?:it|them|the (?:[\w-]+ ){{0,2}}(?:alert|hit|match|flag)(?:e?s)?)\s+(?:yourself\b|(?:yourself\s+)?without\s+(?:\w+\s+)?(?:document|escalat|review|record|log|check|investigat|report)\w*)"
    rf"|\bno need to (?:record|document|log|note|escalate|write down)\s+(?:why|it|them|the (?:reason|review|decision|alert|match|hit))\b"
    # a check waved off as a bother, or a client's word taken instead of a check
    rf"|\b(?:verifying|checking|confirming|screening|asking for (?:id|identification|proof))\b[^.!?\n]{{0,25}}\b(?:is|feels|seems|would be) (?:\w+ )?(?:a hassle|intrusive|unnecessary|overkill|a waste of time|pointless|rude|awkward)\b"
    rf"|\baccept\w*\s+(?:the client's|the customer's|the owner's|their|his|her) word\b"
    rf"|\b(?:accept|take|process|approve|open|issue|add)\w*\b[^.!?\n]{{0,60}}\bwithout (?:verifying|checking|confirming|validating|screening)\b"
    # a report confirmed to the client it is about
    rf"|\b(?:confirm|tell|let|inform|mention|reveal|explain|say)\w*\b[^.!?\n]{{0,30}}\b(?:a |the |our )?(?:report|str|sar|suspicious (?:transaction|activity) report)\b[^.!?\n]{{0,20}}\b(?:was|has been|went|is being|had been|got) (?:filed|sent|made|submitted|raised|to fintrac)\b"
    # a client shown the reporting threshold so as to keep under it
    rf"|\b(?:let|tell|show|explain to)\w*\s+{_CLIENT}\s+(?:know\s+)?(?:which|what|the)\s+(?:\w+\s+){{0,3}}(?:trigger|set off|lead to)\w*\s+(?:a |our |the )?report\w*\b[^.!?\n]{{0,40}}\b(?:keep|stay|remain)\w* (?:under|below)"
    # French (Canadian): a check skipped, cash split under the threshold, the client tipped off
    rf"|\b(?:ouvr|approuv|émett|emett|trait|accept|activ)\w*\b[^.!?\n]{{0,40}}\bsans (?:vérifier|verifier|contrôler|controler|confirmer|demander|valider)\b[^.!?\n]{{0,20}}\b(?:pièces? d'identité|identité|preuve|propriétaires?|bénéficiaires?|provenance|source)\w*"
    rf"|\b(?:sauter|sautez|ignorer|ignorez|contourner|contournez|omettre|omettez|passer outre)\b[^.!?\n]{{0,20}}\b(?:vérification|verification|pièce d'identité|contrôle|filtrage|sanctions)\w*"
    rf"|\b(?:fractionn|divis|répart|repart|sépar|separ|plusieurs)\w*\b[^.!?\n]{{0,60}}\b(?:dépôts?|depots?|paiements?|versements?|retraits?|opérations?|transactions?)\b[^.!?\n]{{0,60}}\b(?:moins de|sous le|en dessous|éviter|eviter|échapper)\b[^.!?\n]{{0,40}}(?:10 ?000|seuil|déclaration|declaration|signalement)"
    rf"|\bsign\w*\b[^.!?\n]{{0,30}}\b(?:au nom d(?:u client|e la cliente|u propriétaire|e celui-ci|e celle-ci)|à (?:sa|leur) place)\b"
    rf"|\b(?:inutile|pas besoin|pas nécessaire)\b[^.!?\n]{{0,30}}\bdemander\b[^.!?\n]{{0,20}}\bd'où (?:vient|viennent|provient|proviennent)\b"
    rf"|\b(?:dites|informez|prévenez|avertissez|dire|informer|prévenir|avertir)\b[^.!?\n]{{0,30}}\b(?:déclaration|signalement) (?:d'opération )?(?:douteuse|suspecte)"
    # a source of funds the client will not give, filled in for them
    rf"|\b(?:just|simply) (?:write|put|enter|record|note|type|fill in)\b[^.!?\n]{{0,15}}['\"‘“]?(?:business income|savings|salary|trading income|personal savings|gift|inheritance|sales revenue)\b"
    # identity taken from someone other than its holder
    rf"|\baccept\w*\b[^.!?\n]{{0,60}}\b(?:id|identification|passport|licen[cs]e|identity documents?)\b[^.!?\n]{{0,60}}\b(?:from|by) (?:a |any )?third part(?:y|ies)\b"
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
    rf"|\bas many (?:\w+ )?(?:cards|products|accounts|add-ons|extras|supplementary cards)\b[^.!?\n]{{0,30}}\bas (?:possible|you can)\b"
    rf"|\b(?:sign|sell|offer|push|add|target|pitch|recommend|upsell|enrol|enroll)\w*\b[^.!?\n]{{0,80}}\b(?:regardless of|whatever|no matter)\b[^.!?\n]{{0,40}}\b(?:need|situation|circumstances|means)\w*"
    rf"|\b(?:add|enrol|enroll|include|attach)\w*\b[^.!?\n]{{0,60}}\bwithout (?:telling|asking|informing|mentioning it to|explaining it to|the consent of|their consent|consent)\b"
    rf"|\b(?:ajout|inscri|souscri|inclu)\w*\b[^.!?\n]{{0,60}}\bsans (?:en )?(?:parler|informer|aviser|demander|l'accord|le consentement|consentement)\b"
    rf"|\bpre-?(?:tick|select|check|fill)\w*\b[^.!?\n]{{0,40}}\b(?:add-?ons?|insurance|protection|options?|box(?:es)?|extras?)\b"
    rf"|\b(?:add|include|attach|enrol|enroll)\w*\b[^.!?\n]{{0,60}}\b(?:every|each|all)\b[^.!?\n]{{0,30}}\bunless (?:the client|the customer|the applicant|they|he|she|the owner) (?:objects|refuses|declines|opts out|says no|explicitly)"
    rf"|\bbundle\w*\b[^.!?\n]{{0,60}}\bwith (?:every|each|all)\b"
    rf"|\b(?:ajout|inscri|inclu)\w*\b[^.!?\n]{{0,60}}\b(?:chaque|tous les|toutes les)\b[^.!?\n]{{0,40}}\bsauf si\b"
    rf"|\bbefore (?:the client|they|he|she|the owner) (?:starts? (?:asking|reading)|asks|reads|can ask|has (?:a chance|time) to)\b"
    rf"|\b(?:évitez|evitez|ne) (?:de )?laiss\w* (?:pas )?(?:le client|la cliente|les clients) lire\b"
    rf"|\bby default\b[^.!?\n]{{0,60}}\b(?:can|may|will) (?:always )?(?:cancel|remove|opt out|decline)"
    rf"|\bonly remove\b[^.!?\n]{{0,30}}\bif (?:the )?(?:customer|client|owner) (?:notices|asks|complains|objects)"
    rf"|\bsigns? first and reads? (?:later|afterwards)\b|\bsign now,? read later\b"
    rf"|\b(?:sign|apply|commit|decide|agree)\w*\s+(?:it |up )?(?:today|now|right away)\b[^.!?\n]{{0,15}}\bbecause (?:you|we|they) (?:can't|cannot|can not|won't|may not|might not) (?:be sure|promise|guarantee|know)\b"
    rf"|\b(?:don't|do not|never)\s+(?:give|leave|allow)\s+{_CLIENT}\s+(?:\w+ )?time to (?:read|think|consider|compare|review|decide|reflect)\b"
    rf"|\bcall (?:them|the client|the customer|him|her) back\b[^.!?\n]{{0,40}}\b(?:and the day after|every day|again and again|until)\b|\bpersistence is what closes\b"
    rf"|\b(?:talk|speak|consult|check)\w* (?:to|with) (?:their|his|her) (?:partner|spouse|wife|husband|accountant|adviser|advisor|lawyer)\b[^.!?\n]{{0,60}}\b(?:remind|tell)\w*\b[^.!?\n]{{0,40}}\b(?:real|serious|successful|true) (?:business )?(?:owners?|people|entrepreneurs|professionals)\b"
    rf"|\b(?:insistez|dites|affirmez|expliquez)\b[^.!?\n]{{0,80}}\bm[êe]me si ce n'est pas (?:le cas|vrai)\b"
    rf"|\bdecision (?:feels|seems|looks) (?:already )?(?:made|done|taken)\b"
    rf"|\bbefore (?:they've|they have|the client has|the customer has|the owner has|he has|she has) had (?:a chance|(?:the )?time|an? (?:opportunity|moment)) to (?:ask|read|think|compare|decide|consider|review|reflect|look)\b"
    rf"|\b(?:don't|do not|never) (?:bring up|mention|raise|tell them about) the (?:cooling-off|cooling off|cancellation|withdrawal) (?:period|right)\b"
    rf"|\bobjection to (?:overcome|handle|push past)\b[^.!?\n]{{0,20}}\bnot a reason to (?:pause|stop|wait|reconsider)\b"
    rf"|\bpour (?:le|la|les) (?:pousser|presser|forcer) à (?:signer|accepter|décider|decider)\b"
    rf"|\bonly (?:take (?:it|them) off|remove (?:it|them)|drop (?:it|them))\b[^.!?\n]{{0,15}}\bif (?:the )?(?:client|customer|owner|they|he|she) (?:explicitly |specifically )?(?:objects|asks|complains|notices|refuses)"
    rf"|\b(?:quickly|briefly) (?:summari[sz]e|skim|go over|run through)\b[^.!?\n]{{0,40}}\b(?:move on|go straight|skip ahead) to (?:the )?signature\b"
    rf"|\bbefore (?:the customer|the client|they) (?:has|have) (?:asked|agreed|decided|chosen)\b"
    rf"|\b(?:recommend|offer|push|give|suggest)\w*\b[^.!?\n]{{0,10}}\bthe (?:highest|maximum|biggest|largest) (?:credit )?limit\b"
    rf"|\b(?:hold off|wait|delay|hold back)\w*\b[^.!?\n]{{0,50}}\buntil (?:you(?:'ve| have)? )?(?:pitched|offered|presented|sold|mentioned|made the (?:pitch|offer))\b"
    rf"|\b(?:higher|bigger|larger|more) (?:credit )?(?:limit|line|cards?)s? than (?:they|the client|the customer|the owner|he|she) (?:asked|applied|need|want|requested)\w*\b"
    rf"|\b(?:count|counts|counting|go|goes|help)\w*\s+(?:more\s+)?(?:towards?|to)\s+(?:your |our |my |the (?:branch's |team's )?)?(?:sales )?(?:targets?|quotas?|bonus(?:es)?)\b"
    rf"|\b(?:it )?(?:can|could|may) be (?:implied|hinted|suggested)\b[^.!?\n]{{0,60}}\bdeclin\w*\b[^.!?\n]{{0,40}}\b(?:might|may|could|will|would) (?:affect|hurt|harm|impact|change|damage)\b"
    rf"|\bdeclin\w*\b[^.!?\n]{{0,40}}\b(?:might|may|could|will|would) (?:affect|hurt|harm|impact|change|damage)\b[^.!?\n]{{0,40}}\b(?:other accounts|relationship|how the bank (?:views|sees|treats)|standing|credit)\b"
    # a client, or their papers, held until they sign
    rf"|\b(?:keep|hold|kept|held|keeping|holding)\s+(?:{_CLIENT}|(?:their|his|her|the client's) (?:\w+ )?(?:id|documents?|papers?|paperwork|cards?))\b[^.!?\n]{{0,50}}\buntil (?:they|he|she|the client|the owner|the customer)\b[^.!?\n]{{0,15}}\b(?:sign|agree|accept|say yes|commit)\w*"
    rf"|\b(?:don't|do not|never)\s+(?:hand|give|return)\w*\s+(?:back\s+)?(?:their|his|her|the client's) (?:\w+ )?(?:id|documents?|papers?|paperwork|cards?)\b[^.!?\n]{{0,30}}\buntil\b"
    # an end date said to come sooner than it does
    rf"|\b(?:ends?|expires?|disappears?|closes?|is gone|runs? out|is over)\b[^.!?\n]{{0,40}}\b(?:even though|even if|although|when in fact|when really|whereas)\b[^.!?\n]{{0,30}}\b(?:runs?|lasts?|is valid|valid|available|open|continues?|goes)\b[^.!?\n]{{0,20}}\buntil\b"
    rf"|\b(?:whether or not|even if) (?:that's|that is|it's|it is) (?:not )?true\b"
    rf"|\b(?:may|might|won't|will not) (?:not )?(?:be available|last|be there|be offered|be honou?red)\b[^.!?\n]{{0,40}}\beven though\b"
    rf"|\b(?:call|phone|email|text|contact|ring)\w*\b[^.!?\n]{{0,50}}\buntil (?:they|he|she|the client|the owner)\b[^.!?\n]{{0,10}}\b(?:agree|sign|give in|say yes|accept|upgrade)\w*"
    # French (Canadian): a client kept from leaving, a deadline made up
    rf"|\bne (?:le|la|les|lui|leur) laiss\w* pas (?:partir|sortir|quitter|réfléchir|reflechir|repartir)\b"
    rf"|\b(?:expire|se termine|prend fin|dispara[iî]t|finit)\w*\b[^.!?\n]{{0,40}}\bmême si\b[^.!?\n]{{0,30}}\b(?:valable|valide|dure|offerte|disponible)\b"
    rf"|\b(?:pressez|poussez|forcez)\b[^.!?\n]{{0,30}}\b(?:signer|décider|decider|accepter)\b"
    rf"|\b(?:se termine|expire|prend fin|finit)\b[^.!?\n]{{0,40}}\bpour qu'(?:il|elle|ils|elles) (?:signe|accepte|décide)\w*"
    rf"|\bjusqu'à ce qu'(?:il|elle|ils|elles) (?:accepte|signe|cède|dise oui)\w*"
    # the rate or offer said to vanish if the client leaves to think
    rf"|\b(?:can't|cannot|can not|won't) (?:promise|guarantee)\b[^.!?\n]{{0,20}}\b(?:rate|offer|deal|price|promotion)\b[^.!?\n]{{0,20}}\b(?:will (?:still )?(?:exist|be (?:there|here|available|around))|tomorrow)\b"
    rf"|\bif you (?:walk out|leave|hang up|go home|sleep on it)\b[^.!?\n]{{0,40}}\b(?:can't|cannot|won't) (?:promise|guarantee|hold)\b"
    rf"|\bsinon,? l'offre (?:dispara[iî]t|expire|s'envole|ne sera plus)|\bje ne peux rien (?:vous )?(?:promettre|garantir) pour demain\b"
    rf"|\bsignez (?:aujourd'hui|maintenant|tout de suite)\b[^.!?\n]{{0,10}}\bsinon\b"
    rf"|\bs'il ne signe pas (?:aujourd'hui|maintenant|tout de suite|ce soir)\b"
    rf"|\b(?:doit|doivent|devez|faut) signer (?:maintenant|aujourd'hui|tout de suite|immédiatement|sur-le-champ)\b"
    rf"|\b(?:risque|risquent|risquez|va|vont|allez) (?:de )?perdre (?:l'offre|le taux|la promotion|l'avantage|la prime)\b"
    rf"|\b(?:dites|dire)[-\w]*\b[^.!?\n]{{0,20}}\bque l'offre (?:expire|se termine|prend fin|dispara[iî]t)\b[^.!?\n]{{0,20}}\b(?:ce soir|aujourd'hui|demain)\b"
    rf"|\b(?:get|make)\s+every\b[^.!?\n]{{0,30}}\b(?:clients?|customers?|owners?)\s+to\s+(?:apply|sign)\b[^.!?\n]{{0,30}}\bbefore (?:they|he|she) (?:leave|go)\b"
    rf"|\bne sera (?:plus )?jamais (?:plus )?(?:disponible|offerte?|proposée?)\b[^.!?\n]{{0,40}}\b(?:signe|accepte|décide)\w*"
    rf"|\b(?:never|won't ever|will never) be (?:available|offered) again\b[^.!?\n]{{0,40}}\b(?:sign|apply|decide|accept)\w*"
)


_PROMISED = re.compile(
    # an outcome promised to a client outright, before anyone has decided it
    rf"\bpromise\s+{_CLIENT}\b(?!\s+(?:only|nothing))"
    rf"|\b(?:i|we) can (?:promise|guarantee) (?:you|them|that)\b(?![^.!?\n]{{0,30}}\b(?:only|nothing|not)\b)"
    rf"|\b(?:hausse|augmentation|approbation|demande)\b[^.!?\n]{{0,30}}\b(?:est|c'est) (?:acquise?|dans la poche|garantie?)\b"
    rf"|\b(?:tell|assure|reassure|let)\s+{_CLIENT}\s+(?:know\s+)?(?:that\s+)?(?:they're|they are|he's|she's|it's|it is|they'll be|they will be)\s+(?:already\s+)?(?:pre-?approved|approved|qualified|accepted)\b"
    # an application said to go through, or an approval to be final, before underwriting
    rf"|\b(?:application|request|increase|file|approval)\b[^.!?\n]{{0,20}}\b(?:will|'ll) (?:definitely |certainly |surely |easily )?go through\b(?![^.!?\n]{{0,40}}\b(?:if|only|unless|once|when|subject|provided|depending)\b)"
    rf"|\b(?:pre-?approval|approval|application|decision)\b[^.!?\n]{{0,20}}\b(?:is|as) (?:as )?good as (?:final|approved|done|a yes)\b"
    rf"|\b(?:certain|sure|bound) to (?:save|earn|cut|lower|get|be approved|qualify)\b"
    rf"|\bguarantees?\b[^.!?\n]{{0,20}}\b(?:is|are) (?:never|rarely|hardly ever|not) (?:actually |really )?(?:called on|called in|enforced|used|invoked)\b"
    rf"|\bassur\w*\b[^.!?\n]{{0,30}}\b(?:will|'ll) (?:earn|make|get|win) back\b"
    rf"|\b(?:garanti|promett|assur)\w*\b[^.!?\n]{{0,30}}\bque le taux\b[^.!?\n]{{0,40}}\b(?:restera|ne changera|inchangé)"
    rf"|\b(?:can|may|should) be (?:told|assured|promised)\b[^.!?\n]{{0,15}}\b(?:that )?(?:their|his|her) (?:[\w-]+ ){{0,2}}(?:problems?|issues?|debts?|worries|troubles)\b[^.!?\n]{{0,20}}\bwill be (?:solved|fixed|resolved|sorted|gone|over|eliminated)\b"
    rf"|\b(?:clients?|customers?|applicants?|cardholders?|they) (?:can|may|should) be (?:assured|promised|guaranteed|told)\b[^.!?\n]{{0,15}}\bthat\b[^.!?\n]{{0,50}}\bwill (?:be |get )?(?:\w+ )?(?:refunded|approved|reversed|waived|credited|accepted|increased)\b(?![^.!?\n]{{0,30}}\b(?:if|only|unless|once|subject|provided)\b)"
    rf"|\b(?:application|request|increase|they|he|she|it)\b[^.!?\n]{{0,20}}\b(?:can't|cannot|can not|won't|will not) (?:possibly |ever )?be (?:declined|denied|rejected|refused|turned down)\b"
    rf"|\bpre-?approved means approved\b|\b(?:told|tell \w+) (?:that )?the card is already (?:theirs|yours|his|hers)\b"
    rf"|\b(?:say|tell|reply|answer|respond)\w*\b[^.!?\n]{{0,30}}['\"‘“](?:consider it done|it's a done deal|done deal|it's in the bag|you're approved|you're in)['\"’”]"
    # French (Canadian): an approval promised to a client, or called a formality
    rf"|\b(?:approbation|demande|augmentation)\b[^.!?\n]{{0,30}}\b(?:est|sera) (?:une )?(?:simple |pure )?(?:formalité|automatique|assurée|certaine)\b"
    rf"|\b(?:assurez|assurer|garantissez|garantir|promettez|promettre|dites|dire)\b[^.!?\n]{{0,30}}\bque\b[^.!?\n]{{0,50}}\b(?:sera|seront|est|va être) (?:\w+ )?(?:approuvée?s?|acceptée?s?|accordée?s?)\b(?![^.!?\n]{{0,40}}\b(?:si|sous réserve|lorsque|une fois|selon)\b)"
)

_MISQUOTED = re.compile(
    # a fee said to go unpaid or unapplied in practice
    r"\b(?:ne vous (?:inquiétez|en faites) pas|don't worry)\b[^.!?\n]{0,30}\b(?:nobody|no one|personne ne)\b[^.!?\n]{0,10}\b(?:pays?|paie|paient)\b"
    r"|\b(?:in practice|in reality|really|actually|en pratique|en réalité|dans les faits)\b[^.!?\n]{0,10}\b(?:nobody|no one|personne ne)\b[^.!?\n]{0,10}\b(?:pays?|paie|paient)\b"
    r"|\b(?:almost|nearly|practically|virtually) never (?:charged|applied|enforced|collected)\b"
    r"|\bne (?:sont|est) (?:presque|pratiquement|quasiment) jamais (?:appliqu|factur|per[çc]u|exig)\w*"
    r"|\b(?:inutile|pas besoin) de (?:vous )?(?:soucier|inquiéter|préoccuper) de la date d'échéance\b"
    r"|\b(?:don't|do not|no need to) worry about (?:the )?(?:due date|payment date|late fees?)\b|"
    # a rate or fee quoted lower than it is, or a cost dressed up as optional
    r"\bround (?:it|them|the (?:\w+ )?(?:apr|rate|fee|cost|price)s?) down\b"
    r"|\b(?:it's|it is|they're|they are|the real (?:\w+ )?(?:apr|rate|fee)s? (?:is|are)) (?:actually|really)\b(?:[^.!?\n]|(?<=\d)\.(?=\d)){0,40}\bbut\b[^.!?\n]{0,40}\b(?:rarely|never|won't|seldom|don't|do not|doesn't|does not|hardly ever) (?:check|notice|read|find out|look|ask)\w*"
    r"|\b(?:describe|present|call|pitch|frame|sell)\w*\s+(?:the |any |our )?(?:[\w-]+ ){0,2}(?:fees?|charges?|interest|apr|rates?|penalt\w+)\s+as (?:optional|voluntary|negotiable|a formality|a one-off|temporary|permanent)\b"
    # a promotional rate passed off as the rate that lasts
    r"|\b(?:quote|present|describe|call|give|sell|pitch)\w*\s+(?:the |our )?(?:\d+(?:\.\d+)?\s?% )?(?:promo\w*|intro\w*|teaser|welcome|first-year|starting) (?:rate|apr|offer)\s+as (?:the |a |an |our )?(?:ongoing|regular|standard|permanent|normal|everyday|long-term|real|usual)\b"
    # a client told there are no fees, or that a variable rate is fixed
    r"|\b(?:say|tell (?:them|him|her|the client|the customer)|answer|reply|respond|claim)\w*\s+(?:that\s+)?there (?:aren't|are no|isn't|is no|are none)\b(?=[^.!?\n]{0,80}\b(?:fees?|charges?|costs?)\b)"
    r"|\b(?:fees?|charges?|costs?)\b[^.!?\n]{0,40}\b(?:say|tell (?:them|him|her|the client|the customer)|answer|reply|claim)\w*\s+(?:that\s+)?there (?:aren't|are no|isn't|is no|are none)\b"
    r"|\b(?:say|tell|assure|reassure)\w*\b[^.!?\n]{0,30}\b(?:it's|it is|the (?:rate|apr) is|the (?:rate|apr)'s|rates? (?:are|is)) fixed\b[^.!?\n]{0,60}\b(?:variable|floating|can (?:change|rise|go up))\b"
    # a rate rounded or described below its true figure
    r"|\bround\w*\s+(?:it|them|the (?:[\w.%-]+ ){0,3}(?:apr|rate|fee|cost|price)s?)\s+(?:down\s+|off\s+)?to\s+['\"]?(?:about|around|roughly|approximately|under|below|just|only|less than)\b"
    r"|\b(?:(?:under|below|less than|about|around|roughly)|(?:quote|say|tell|call|give|state)\w*)\s+(?:\w+ ){0,3}?\d+(?:\.\d+)?\s?%['\"]?[^.!?\n]{0,20}\bwhen (?:it's|it is|the (?:real |actual |true )?(?:\w+ )?(?:rate|apr|fee)s? (?:is|are))\s+\d"
    # a card called fee-free beside the fee it carries, or a fee waved off as too small
    r"|\b(?:fee-free|no-fee|free of (?:fees|charges))\b[^.!?\n]{0,60}\b(?:fee|charge)s?\b[^.!?\n]{0,30}\b(?:too small|small enough|negligible|doesn't (?:really )?count|don't (?:really )?count)\b"
    r"|\b(?:fee|charge|cost)s?\b[^.!?\n]{0,30}\b(?:too small|small enough|so small|negligible)\b[^.!?\n]{0,20}\b(?:to (?:matter|count|mention)|(?:that )?it (?:doesn't|does not) (?:really )?(?:count|matter))"
    # the terms sent only once the client has signed
    r"|\bsign\w*\b[^.!?\n]{0,30}\b(?:first|before)\b[^.!?\n]{0,60}\b(?:fees?|fee schedule|terms|rates?|apr|disclosures?)\b[^.!?\n]{0,30}\b(?:after(?:wards)?|later)\b"
    r"|\b(?:discussing|explaining|mentioning|going over) (?:the )?(?:fees|rates|terms|costs) (?:up ?front )?(?:slows|kills|hurts|loses)\b"
    r"|\bwithout (?:going into|mentioning|explaining|saying|getting into)\b[^.!?\n]{0,30}\b(?:when it ends|what (?:rate|fee|apr) applies|the (?:revert|standard|ongoing|regular) (?:rate|apr)|how long it lasts)"
    r"|\binstead of (?:stating|giving|quoting|showing|saying) the (?:yearly|annual|full|total|actual|real) (?:amount|fee|rate|cost|apr|figure)"
    r"|\binutile d'(?:évoquer|evoquer|aborder|expliquer|indiquer|en parler)\b[^.!?\n]{0,30}\b(?:frais|taux|intérêts?|coûts?)"
    r"|\bavances? de fonds\b[^.!?\n]{0,20}\b(?:sont|est) (?:gratuites?|sans frais)\b"
    r"|\binutile de (?:mentionner|parler des?|préciser|preciser|indiquer)\b[^.!?\n]{0,40}\b(?:frais|taux|intérêts?|coûts?)"
    r"|\bne (?:parlez|mentionnez|dites)\w* pas (?:des |les |du |de la )?(?:frais|taux|intérêts?|coûts?)\b[^.!?\n]{0,60}\bsi (?:le client|la cliente|il|elle) ne (?:pose|demande)\b"
    r"|\b(?:fees?|charges?|apr|rates?|interest|penalt\w+|points|rewards|offers?)\b[^.!?\n]{0,30}\b(?:can|may|should) be (?:described|presented|called|framed|pitched|marketed|sold|shown) as\b[^.!?\n]{0,50}\b(?:even though|since|although|when in fact|no matter what|forever)\b"
    r"|\b(?:it's|it is) (?:fine|ok|okay|acceptable|alright) to (?:say|tell (?:them|the client|clients)|claim)\b[^.!?\n]{0,30}\b(?:there (?:aren't|are no|is no|isn't)|no (?:fees?|charges?|interest))\b"
    r"|\bpr[ée]sent\w* (?:le|la|les) (?:taux|frais|offres?)\b[^.!?\n]{0,30}\bcomme (?:(?:le|la|les) (?:\w+ )?)?(?:d[ée]finitif|permanent|fixe|garanti)\w*"
    r"|\bround\w*\s+(?:the |our )?(?:[\w-]+ ){0,2}(?:apr|rate|fee|cost|price)s?\s+down\b"
    r"|\bkeep it vague\b|\bcall the (?:apr|rate|interest rate) ['\"‘“]?fixed\b"
    r"|\bsay (?:that )?(?:the card|it) has no (?:fees|annual fee|charges)\b"
    r"|\b(?:nobody|no one|no-one|clients never|they never)(?: ever)? (?:checks?|reads? (?:it|the)|notices?|verif\w+)\b"
    r"|\b(?:don't|do not|no) need to (?:highlight|mention|point out|explain|flag) (?:it|the (?:penalty|fee|rate|charge)\w*)\b"
    r"|\bpr[ée]sent\w* (?:la carte|le produit|la|le) comme (?:étant |etant )?(?:sans frais|gratuite?)\b"
    r"|\bpresent\w* (?:them|it|both) as a (?:package|bundle)\b[^.!?\n]{0,40}\beven though\b"
    r"|\b(?:describe|present|call|pitch|sell|advertise)\w*\s+(?:the |our |this )?(?:[\w-]+ )?(?:card|account|product|service)s?\s+as (?:free|fee-free|no-fee|costless|free of charge)\b"
    r"|\blet (?:them|the (?:customer|client|owner)s?) (?:discover|find out about|find|stumble on) (?:the )?(?:[\w-]+ )?(?:fees?|charges?|costs?|rates?|apr)\b"
    r"|\b(?:describe|call|present|refer to|frame)\w*\s+(?:the |any )?(?:[\w-]+ ){0,3}(?:fees?|charges?|rates?|interest|apr)\s+as ['\"‘“]?(?:a small|a little|a tiny|a minor|just a|only a|a bit of)\b"
    r"|\b(?:describe|call|present|refer to|frame|rename|label|brand)\w*\s+(?:the |any |our )?(?:[\w-]+ ){0,3}(?:fees?|charges?|interest|apr)\s+as (?:an? |the |our )?['\"‘“]"
    r"|\b(?:doesn't|does not|won't|will not|don't|do not)\s+(?:sound|look|seem|feel)\s+like (?:a |an )?(?:fee|charge|cost|interest)\b"
    r"|\b(?:apr|rates?|fees?|terms|costs?|charges?)\b[^.!?\n]{0,40}\b(?:is|are|sits?|can be found) in the (?:paperwork|small print|fine print|agreement|documents?|contract)\b[^.!?\n]{0,20}\bif (?:they|the (?:client|customer|owner)|he|she) (?:want|care|ask|need|look)"
    r"|\brather than (?:giving|stating|quoting|showing|saying|naming) the (?:[\d.,]+\s?%?\s)?(?:percentage|rate|apr|figure|amount|number|fee|cost)\b"
    r"|\b(?:apr|rate|fees?|charges?|interest|costs?)\b[^.!?\n]{0,20}\bneed not be (?:quoted|disclosed|stated|mentioned|shown|given)\b"
    r"|\b(?:are|is) free\b[^.!?\n]{0,40}\beven though\b[^.!?\n]{0,60}\b(?:fees?|charges?|costs?)\b"
    r"|\b(?:say|tell \w+|claim|state)\b[^.!?\n]{0,40}\b(?:is|are) (?:waived|free|included|zero|nil)\b,? even though\b"
    r"|\bquot\w*\b[^.!?\n]{0,30}\b(?:monthly|weekly|daily) (?:rate|interest)\b(?:[^.!?\n]|(?<=\d)\.(?=\d)){0,20}\b(?:instead of|rather than)\b[^.!?\n]{0,10}\b(?:the )?(?:apr|annual)"
    r"|\bmakes? (?:the (?:card|product|account|loan)|it) (?:look|seem|sound|appear) cheaper\b"
    r"|\bskip\w*\b[^.!?\n]{0,25}\b(?:disclosure|terms|fee schedule|summary box)\b"
    # French (Canadian): a fee passed off as optional, named only after signing, rounded down, or kept unsaid
    r"|\barrondi\w*\b[^.!?\n]{0,40}\b(?:(?:à|a) (?:environ|à peu près|moins de|juste)|à la baisse)\b"
    r"|\bne (?:parlez|mentionnez|dites|divulguez|expliquez|abordez|présentez)\w* (?:rien |pas |jamais )(?:des |les |du |de la |d')?(?:frais|taux|intérêts?|pénalités?|coûts?|conditions)\b[^.!?\n]{0,60}\b(?:sauf si|à moins que|seulement si|que si)\b"
    r"|\b(?:présent|present|décri|decri|qualifi)\w*\s+(?:les |le |la )?(?:frais|taux|intérêts?|pénalités?)\b[^.!?\n]{0,40}\bcomme (?:facultati|optionnel|volontaire|négociable)\w*"
    r"|\b(?:mentionn|présent|present|divulgu|indiqu|parl|expliqu|annonc)\w*\b[^.!?\n]{0,50}\b(?:frais|taux|intérêts?|pénalités?|coûts?)\b[^.!?\n]{0,40}\bqu'(?:après|une fois)\b"
    r"|\b(?:frais|taux|intérêts?|pénalités?|coûts?)\b[^.!?\n]{0,60}\b(?:seulement |uniquement )?(?:après|une fois) (?:la signature|que le client a(?:ura)? signé|qu'il a(?:ura)? signé)"
)

_ONE_FOR_ALL = re.compile(
    # a product pushed on clients who will not know to question it
    r"\bthey (?:don't|do not|won't|will not) know (?:enough )?to (?:ask|question|check)\b"
    r"|\b(?:you )?(?:don't|do not) need (?:a|an|your) (?:financial )?(?:adviser|advisor|accountant|planner|lawyer)(?:'s)?\b(?:[^.!?\n]{0,40}\b(?:just|simply|go for|opinion)\b)|"
    r"\bquote the lowest (?:apr|rate|fee)\b|\b(?:always )?present the most expensive\b|\bframe the others as inferior\b|"
    # one product said to fit every client, so no one's needs are asked about
    r"\b(?:suits?|fits?|is right for|works (?:best )?for|is (?:ideal|perfect|best) for)\s+(?:all|every|any|each)\s+(?:single\s+)?(?:business|client|customer|compan|owner|applicant)\w*\b(?!\s+(?:that|who|which|with|whose|if|when|where))"
    r"|\bskip (?:the )?(?:needs|suitability) (?:assessment|analysis|questions|check)\w*"
    # the same card for everyone, or recommended whatever the client has said
    r"|\b(?:default|go-to|standard) (?:recommendation|card|pitch|answer) for (?:all|every|each|any) (?:\w+ )?(?:clients?|customers?|business\w*|owners?)\b"
    r"|\b(?:no need|don't need|do not need|needn't) to (?:ask about|assess|check|understand|explore) (?:the )?(?:client's|customer's|owner's|their|his|her) needs\b"
    r"|\bserious (?:businesses|owners|companies|clients|professionals) (?:don't|do not|never) (?:use|choose|pick|want)\b"
    r"|\b(?:added|enrolled|included|attached) to (?:every|each|all) (?:accounts?|applications?|clients?)\b[^.!?\n]{0,20}\bby default\b"
    r"|\b(?:clients?|customers?|they) (?:rarely|never|won't|don't|do not|seldom) notice\b"
    r"|\bone-size-fits-all\b|\bone (?:card|product|size) fits (?:all|everyone)\b"
    r"|\bthe only (?:sensible|smart|real|right|sane|logical) (?:choice|option|card)\b"
    r"|\btell (?:them|him|her|the client) exactly how much\b[^.!?\n]{0,40}\b(?:withdraw|borrow|invest|pay|take out|move|transfer)\b"
    r"|\bquel(?:le)?s? que soi(?:en)?t (?:vos|leurs|ses|son|votre|leur) (?:besoins?|situation|activité|secteur|taille|profil)\b"
    r"|\ble meilleur choix pour (?:votre|toute|chaque) (?:entreprise|société|commerce)\b"
    r"|\bà votre place,? je\b|\bif i were you,? i(?:'d| would)\b"
    r"|\bswitch (?:them|the client|the customer|him|her) (?:over )?to ours\b"
    r"|\btell (?:them|the client|the customer) (?:that )?(?:it'?s|it is|their card is) a (?:bad|terrible|worse|poor) (?:product|card|deal)\b"
    r"|\b(?:she|he|they|you|the client) should (?:definitely |absolutely |just |really )?(?:close|cancel|consolidate)\b[^.!?\n]{0,30}\b(?:cards?|accounts?|loans?|debts?|everything)\b"
    r"|\bconseillez (?:à|a) (?:mme|m\.|mlle|monsieur|madame|la cliente|le client|\w+) (?:\w+ )?de (?:transférer|transferer|investir|emprunter|fermer|rembourser|placer|retirer|vendre|consolider)\b"
    r"|\bbest (?:\w+ )?for (?:everyone|everybody|all (?:of them|clients|customers|businesses|owners)|(?:every|any|each) (?:\w+ )?(?:client|customer|business|company|owner)s?)\b(?!\s+(?:that|who|which|with|whose|if|when|where))"
    r"|\b(?:recommend|offer|present|steer|push|pitch|suggest)\w*\b[^.!?\n]{0,60}\b(?:regardless of|whatever|no matter) (?:what )?(?:they|the client|the customer|he|she)?\s*(?:tells? you|says?|said|told you|needs?)\b"
    r"|\beven (?:those|clients|customers|owners|the ones|if they) (?:who )?(?:\w+ )?(?:told|tell|say|said) (?:you )?(?:they|that they) (?:never|don't|do not|rarely)\b"
    r"|\b(?:highest|biggest|best) (?:commission|bonus|incentive|payout)\b"
    r"|\b(?:every|each|all)\b[^.!?\n]{0,60}\b(?:should|must) (?:end|finish|close) with\b[^.!?\n]{0,40}\b(?:appl\w+|sign\w*|a sale|buying|a card|(?:an? )?(?:upgrade|upsell|cross-sell|sales?) (?:offer|pitch)|an? (?:offer|pitch))\b"
    r"|\beven (?:when|if) (?:they|the (?:client|customer|owner))(?: have| has|'ve)? (?:called|come in|rung|written) (?:in )?to (?:complain|cancel|close)"
    r"|\b(?:always )?(?:offer|recommend|pitch|push|propose|present)\w*\b[^.!?\n]{0,40}\b(?:premium|gold|platinum|top-tier|highest-tier|most expensive|upgraded)\b[^.!?\n]{0,40}\beven (?:if|when|though)\b[^.!?\n]{0,40}\b(?:low|little|small|few|doesn't|does not|don't|do not|never)\b"
    r"|\b(?:proposez|recommandez|offrez|présentez|poussez) toujours\b[^.!?\n]{0,50}\bmême si\b"
    r"|\b(?:don't|do not|never)\s+(?:mention|offer|show|present|bring up|tell (?:them|clients|customers) about)\s+(?:the |our )?(?:basic|no-fee|no annual fee|cheaper|cheapest|lower-cost|low-cost|entry-level|free)\b[^.!?\n]{0,40}\bunless\b"
    r"|\bonly (?:mention|offer|show|present|bring up)\w*\b[^.!?\n]{0,40}\bif (?:the )?(?:customer|client|owner|they|he|she) (?:insists|pushes back|demands it|specifically asks)\b"
    r"|\b(?:since|because|as)\b[^.!?\n]{0,40}\b(?:earns?|makes?|pays?) (?:more|better|the most)\b[^.!?\n]{0,20}\bfor (?:the branch|us|you|the team|the bank)\b"
    # French (Canadian): one card for every client, needs unassessed
    r"|\b(?:à|a) tous les clients\b[^.!?\n]{0,30}\bsans (?:évaluer|evaluer|analyser|demander|vérifier)\b"
    r"|\bmeilleur\w* (?:carte|choix|option|produit) pour (?:n'importe quel\w*|tou(?:s|tes) les|chaque)\b"
    r"|\b(?:convient|conviendra|idéale?|parfaite?|adaptée?) (?:à|a|pour) (?:toutes? les|tous les|chaque|n'importe quel\w*|tout le monde)\b(?!\s+(?:qui|dont|avec|si|lorsque))"
    r"|\b(?:proposez|recommandez|offrez|présentez) systématiquement\b|\binutile d'(?:évaluer|analyser) (?:les|ses|leurs) besoins\b"
)


_AS_FACT = re.compile(
    # a tax or legal outcome told to a client as settled fact
    r"\b(?:can|may|should|could just) (?:write off|deduct|claim) (?:all|the (?:entire|whole|full)|every|everything)\b"
    r"|\b(?:is|are) (?:always |fully |100 ?% )(?:deductible|tax[- ]deductible|allowed by the (?:cra|irs))\b|\balways allowed by the (?:cra|irs)\b"
    r"|\b(?:tell|let|assure|reassure|advise)\w*\s+"
    + _CLIENT
    + r"\s+(?:know\s+)?(?:that\s+)?(?:they|he|she)\s+(?:don't|do not|doesn't|does not|won't|will not|never)\s+(?:need|have) to (?:declare|report|pay tax|include)\b"
    r"|\b(?:tell|show|advise)\w*\b[^.!?\n]{0,40}\b(?:exactly )?(?:which|what) (?:of their )?(?:expenses|costs|purchases|charges)\b[^.!?\n]{0,20}\b(?:are |is )?(?:tax[- ])?(?:deductible|write-offs?)\b"
    r"|\b(?:tell|show|advise|explain to)\w*\b[^.!?\n]{0,30}\bhow to (?:categori[sz]e|report|declare|deduct|claim|split)\b[^.!?\n]{0,50}\btax"
    r"|\b(?:give|share|offer)\w*\b[^.!?\n]{0,30}\b(?:your )?(?:honest |personal |own )?(?:view|opinion|take|recommendation)\b[^.!?\n]{0,40}\b(?:saves? (?:more )?tax|tax\w*|llc|s-corp|incorporat\w*|legal)\b"
    r"|\b(?:tell|share|give|let)\w*\b[^.!?\n]{0,30}\b(?:which one|which|what) you(?:'d| would) (?:pick|choose|do|go with|recommend)\b"
    r"|\bwhat you(?:'d| would) do in (?:their|his|her|the client's) (?:position|place|shoes)\b"
    r"|\bwhether (?:their|his|her) (?:[\w-]+ ){0,2}(?:agreement|contract|policy|insurance|structure|lease)\b[^.!?\n]{0,60}\breassure (?:them|him|her)\b"
    r"|\bindiquez-lui\b[^.!?\n]{0,30}\b(?:cat[ée]gorie fiscale|comment d[ée]clarer)\b|\b[ée]vite de payer un comptable\b"
    r"|\bhow to (?:deduct|write off|expense)\b[^.!?\n]{0,60}\b(?:should be offered|is (?:considered )?good service|offer it)\b"
    r"|\btell (?:them|the client|the customer|him|her) what to (?:argue|say in court|plead|claim)\b"
    r"|\b(?:advise|tell|encourage|recommend|suggest)\w*\b[^.!?\n]{0,30}\bclaim\b[^.!?\n]{0,60}\b(?:personal )?tax return\b[^.!?\n]{0,30}\bas well as\b"
    r"|\b(?:escape|avoid|get out of|walk away from) (?:any |all )?(?:personal )?liability\b[^.!?\n]{0,60}\bby (?:dissolving|closing|winding up|bankrupting|folding)\b"
    r"|\b(?:recommend|suggest|advise|tell|encourage|urge)\w*\b[^.!?\n]{0,60}\b(?:take out|get|use|apply for) (?:a |an )?(?:payday loans?|cash advances? on another card|second mortgage|home equity loan)\b"
    r"|\breassure (?:them|the client|the customer|him|her) about (?:their|his|her) legal (?:position|case|rights)\b"
    r"|\b(?:legally|by law|under the law)\b[^.!?\n]{0,30}\b(?:not liable|never be enforced|can(?:'t|not) be enforced|won't be enforced|not responsible)\b"
    # French (Canadian)
    r"|\bqu'(?:il|elle|ils|elles) (?:n'a|n'ont) pas besoin de (?:déclarer|payer d'impôt)\b|\b(?:entièrement|intégralement|totalement|toujours) déductibles?\b"
)


# A client's affairs told to someone the client has not authorised: a colleague with no
# need to know, a relative, an accountant without the client's written authority, a
# voicemail anyone at home may hear.
_CLIENT_AFFAIRS = (
    r"(?:credit limit|limits?|balances?|statements?|account (?:details|numbers?|history)|transaction history|"
    r"transactions|details|information|data|spending|payments?|arrears|debts?|missed payments?|card activity)"
)
_TOLD = re.compile(
    rf"\b(?:discuss|share|mention|tell|pass(?:ing)? on|send|e-?mail|forward|disclos|giv|read(?:ing)? out|talk\w* about)\w*\b[^.!?\n]{{0,30}}"
    rf"\b(?:a |the )?(?:client's|customer's|cardholder's|owner's|their|his|her|its) (?:[\w-]+ ){{0,2}}{_CLIENT_AFFAIRS}\b[^.!?\n]{{0,60}}"
    r"\b(?:with|to) (?:a |an |the |their |his |her |your |any )?(?:[\w-]+ )?(?:colleagues?|friends?|accountants?|family|spouses?|partners?|"
    r"relatives?|branch|anyone|neighbou?rs?|third[- ]part(?:y|ies)|bookkeepers?|employees?|brother|sister|son|daughter|wife|husband)\b"
    rf"|\b(?:send|e-?mail|share|disclose|forward|give|release|discuss|fax)\w*\b[^.!?\n]{{0,80}}\bwithout (?:the |their |his |her |any )?"
    r"(?:client's |customer's |owner's )?(?:written |signed |explicit |express )?(?:authority|authori[sz]ation|consent|permission|mandate)\b"
    rf"|\b(?:voicemail|voice mail|answering machine)\b[^.!?\n]{{0,60}}\b(?:balance|arrears|missed payments?|amount owed|"
    r"account (?:details|numbers?)|details of|card number|limit)\b"
)
# "only with the client's written authority": the condition the rule asks for.
_AUTHORISED = re.compile(
    r"\b(?:with|once|after|given|under|holding|has given|have)\b[^.!?\n]{0,25}\b(?:authority|authori[sz]ation|consent|"
    r"permission|mandate|power of attorney)\b"
)


# A sentence that names the conduct to teach staff to spot it ("splitting cash to stay under
# $10,000 is called structuring and is a crime", "watch for clients who ...").
_NAMES_IT = re.compile(
    r"\b(?:structuring|smurfing|crimes?|criminal|offen[cs]es?|against the law|breach\w*|violat\w+|"
    r"is called|are called|known as|watch (?:out )?for|look out for|spot|signs? of|warning signs?|example of|"
    r"tactics?|high-pressure|pressure tactics?|scams?|fraudsters?|criminals?|"
    r"infractions?|fractionnement|blanchiment|interdit\w*|illégal\w*|tactiques?)\b"
    # the conduct refused: "if a client suggests splitting …, do not assist and report it"
    r"|\b(?:do not|don't|never|refuse to|decline to) (?:assist|help|go along|comply)\b"
    r"|\breport (?:it|this|your concerns?|the (?:request|attempt|suggestion)) to\b"
    r"|\bescalat\w* (?:it |this |them |the (?:case|matter|concern) )?to (?:the |your )?(?:money laundering|mlro|aml|compliance|financial crime)"
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


def as_fact(sentence: str) -> str | None:
    """A tax or legal outcome told to a client as fact instead of left to their advisers."""
    return _conduct(_AS_FACT, sentence)


def one_for_all(sentence: str) -> str | None:
    """One product said to suit every client, or the questions about need skipped."""
    return _conduct(_ONE_FOR_ALL, sentence)


def told_others(sentence: str) -> str | None:
    """A client's affairs told to someone the client has not authorised."""
    if _AUTHORISED.search(sentence):
        return None
    return _conduct(_TOLD, sentence)


def pressed(sentence: str) -> str | None:
    """A client hurried, made to fear missing out, or worn down."""
    return _conduct(_PRESSED, sentence)
