"""Prompt-injection patterns: each family a name, a weight and a regular expression over
canonical text (lower case, look-alikes folded). Strong signals (an explicit instruction
override, a chat-template delimiter) reach the flag threshold alone; weak ones need company.
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import re

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
            r"\b(?:new|updated|real|actual|true|revised)\s+(?:system\s+)?(?:instructions?|directive|task)"
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
            r"evil|different|new|ai|assistant|model|chatbot|bot|system administrator|root|"
            r"hacker|grandma|dan)\b"
        ),
    ),
    (
        "jailbreak",
        1.0,
        re.compile(
            r"\b(?:jailbroken|dan mode|god mode|do anything now|(?:enable|enter|activate|switch to|turn on)\s+(?:the\s+)?developer mode(?!\s+(?:in|on|of|for)\s+(?:the|your|our)\b)|"
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
        re.compile(
            r"(?m)^\s*(?:#{2,}|\[{1,2}|```)\s*(?:system|admin|developer|override)\s*"
            r"(?:prompt|message|instructions?|override|mode|note)?\s*(?::|\]|$)"
        ),
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
            r"(?:your|the)\s+(?:\w+\s+)?(?:instructions?|rules|guidelines|guardrails|"
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

# Words of the same attacks in French, Spanish, German, Portuguese and Italian.
_ML_IGNORE = (
    r"(?:ignor(?:e|ez|er|a|ar|ad|iere|ieren|ieres|are|ate|ai)|oubli(?:e|ez|er)|olvid(?:a|e|ad|ar)|"
    r"vergiss|vergessen|esque(?:ça|ca|ce|cer)|dimentica|desconsider(?:e|a|ar)|descarta|"
    r"ne (?:tiens|tenez) pas compte|no (?:hagas|haga) caso|übergehe|missachte|passe outre)"
)
_ML_TARGET = (
    r"(?:instructions?|consignes?|règles|regles|directives|instrucci[oó]n(?:es)?|reglas|indicaciones|"
    r"anweisungen|regeln|vorgaben|richtlinien|instru[çc](?:ões|oes|ão|ao)|regras|diretrizes|"
    r"istruzioni|regole|prompt)"
)
_ML_REVEAL = (
    r"(?:r[ée]v[èe]le[sz]?|montre[sz]?|affiche[sz]?|donne[sz]?-moi|revela|muestra|mu[ée]strame|"
    r"dime|zeig(?:e|en)?|verrate|gib\s+(?:mir\s+)?|revele|mostre|mostra|me (?:diga|dê|de)|rivela)"
)
_ML_HIDDEN_PROMPT = (
    r"(?:prompt|instructions?|consignes|instrucciones|anweisungen|instru[çc][õo]es|istruzioni)\s+"
    r"(?:syst[èe]me|du syst[èe]me|del sistema|do sistema|des systems|initial(?:es)?|cach[ée]es|"
    r"ocultas|secretas|versteckten|geheimen|originales|originais|iniziali|nascoste)"
    r"|\b(?:systemprompt|system-prompt|systemanweisungen?)\b"
)
_AI = r"(?:ai|a\.i\.|assistant|model|llm|language model|chatbot|bot|tutor|gpt|claude|copilot|quiz (?:generator|writer)|lesson (?:generator|writer))"

MORE_MARKERS: list[tuple[str, float, re.Pattern[str]]] = [
    (
        "non_english_override",
        1.0,
        re.compile(
            rf"\b{_ML_IGNORE}\b(?:\W+\w+){{0,5}}?\W+{_ML_TARGET}\b"
            r"|\b(?:tu es|vous êtes|t'es) (?:désormais|maintenant|à présent)\b"
            r"|\b(?:ahora|a partir de ahora)(?:,)? (?:eres|serás|act[uú]a|responde)\b"
            r"|\b(?:du bist|sie sind) (?:jetzt|nun|ab sofort|ab jetzt)\b"
            r"|\b(?:agora|a partir de agora)(?:,)? (?:você é|voce e|tu és|aja|responda)\b"
            r"|\b(?:à partir de maintenant|dorénavant|désormais),? (?:tu|vous|réponds|répondez|agis)\b"
            r"|\b(?:ab jetzt|von nun an|ab sofort),? (?:bist du|antwortest du|du|handle|antworte)\b"
            r"|\b(?:agis|agissez|fais comme si tu étais|act[uú]a como|finge ser|tu sei ora|"
            r"verhalte dich wie|handle als|aja como|finja ser)\b"
            r"|\b(?:sans|sin|ohne|sem|senza) (?:aucune |ninguna |jegliche |nenhuma )?"
            r"(?:restrictions?|restricci[oó]n(?:es)?|einschränkungen|restri[çc](?:ões|oes)|filtres|filtros|filter)\b"
        ),
    ),
    (
        "non_english_exfiltration",
        0.9,
        re.compile(rf"\b{_ML_REVEAL}\b(?:\W+\w+){{0,4}}?\W+(?:{_ML_HIDDEN_PROMPT})"),
    ),
    (
        "prompt_exfiltration",
        0.9,
        re.compile(
            r"\b(?:prompt système|prompt del sistema|prompt do sistema|systemprompt|system-prompt)\b"
            r"|\b(?:what|which) (?:instructions|rules|guidelines) (?:were you|have you been|did you get)\b"
            r"|\b(?:verbatim|word for word|exactly as written)\b[^.]{0,40}\b(?:instructions|prompt|rules|configuration)\b"
            r"|\b(?:instructions|prompt|rules|configuration)\b[^.]{0,40}\b(?:verbatim|word for word)\b"
            r"|\bhow (?:were|are) you (?:configured|instructed|programmed|set up)\b"
            r"|\byour (?:initial|hidden|secret|internal|original|system) (?:prompt|instructions)\b"
        ),
    ),
    (
        "grading_manipulation",
        1.0,
        re.compile(
            r"\b(?:mark|grade|score|record|count|log|treat|flag|set)\s+(?:(?:all|every|each|any|my|this|these|the)\s+)?"
            r"(?:\w+\s+){0,2}?(?:answers?|responses?|quiz(?:zes)?|attempts?|submissions?|results?)\s+(?:as\s+)?"
            r"(?:correct|right|passed|complete[d]?|100|perfect|full marks)\b"
            r"|\b(?:give|award|grant)\s+(?:me|this learner|the learner|everyone|all learners)\s+(?:full|maximum|100\s?%|perfect)\s+"
            r"(?:marks|credit|score|points)\b"
            r"|\b(?:set|change|update|bump|raise)\s+(?:my|the|his|her|their)\s+(?:\w+\s+)?(?:score|grade|progress|streak|completion|result)s?\s+to\b"
            r"|\b(?:every|any|all)\s+(?:answer|option|response)s?\s+(?:is|are|should be|must be|counts? as)\s+(?:correct|right|accepted)\b"
            r"|\b(?:the )?correct answer (?:is )?always\b|\balways (?:make|mark|set) (?:option )?[a-d]\b"
            r"|\b(?:always|only)\s+(?:make|set|put)\s+(?:the\s+)?(?:correct|right)\s+(?:answer|option)\b"
            r"|\bmark (?:me|him|her|them) (?:as )?(?:passed|complete|certified)\b"
            r"|\bskip (?:the|my) (?:quiz|assessment|test) and (?:mark|record|pass)\b"
        ),
    ),
    (
        "fake_tool_call",
        1.0,
        re.compile(
            r"</?(?:tool_call|tool_use|function_call|function_calls|invoke|tool|tool_result|function)\b[^>]{0,80}>"
            r"|\"(?:tool|tool_name|function|function_call|tool_calls|action)\"\s*:\s*[\"{\[]"
            r"|\"(?:arguments|parameters|args)\"\s*:\s*\{"
            r"|\b(?:call|invoke|use|run|trigger|execute)\s+(?:the\s+)?`?[a-z_]+`?\s+(?:tool|function|api|endpoint)\b(?:\W+\w+){0,6}\W+(?:with|to|and|for)\b"
            r"|\b(?:call|invoke|run|execute)\s+`?[a-z]+_[a-z_]+\(?"
            r"|(?m:^\s*(?:action|tool|function)\s*:\s*[a-z_]+\s*$)|(?m:^\s*action input\s*:)"
            r"|\[(?:tool|function)[ _]?(?:call|result|output)\]|\btool_calls?\b|\bfunction_call\b"
        ),
    ),
    (
        "other_learners",
        1.0,
        re.compile(
            r"\b(?:show|list|give|tell|send|export|reveal|share|display|print|dump|pull up|fetch|get|what (?:is|are|were)|who)\b"
            r"(?:\W+\w+){0,5}?\W+(?:other|all|every|each|another|the other|my (?:colleague|coworker|teammate|manager)s?'?|"
            r"(?:my\s+)?(?:colleague|coworker|teammate|peer)s?'?)\s+"
            r"(?:\w+\s+){0,2}?(?:learners?|users?|employees?|colleagues?|co-?workers?|staff|people|students?|participants?|teammates?|members?|persons?)"
            r"(?:'s?)?(?:\W+\w+){0,4}?\W+(?:scores?|grades?|answers?|results?|progress|emails?|e-mail|phone|numbers?|data|records?|"
            r"names?|responses?|accounts?|details|information|info|histor(?:y|ies)|addresses?|messages?|questions?|performance)\b"
            r"|\b(?:what|how) (?:did|does|has) (?:[a-z]+ ){0,2}(?:score|answer|get)\b(?:\W+\w+){0,3}?\W+(?:quiz|lesson|test|assessment)"
            r"|\b(?:scores?|grades?|answers?|results?|progress|emails?|phone numbers?|data|records?)\s+(?:of|for)\s+"
            r"(?:all|every|other|the other|each)\s+(?:\w+\s+)?(?:learners?|users?|employees?|colleagues?|staff|people|students?)\b"
            r"|\b(?:leaderboard|ranking)\b[^.]{0,30}\b(?:with|including)\s+(?:names|emails|scores)\b"
            r"|\bwho (?:else )?(?:failed|passed|scored (?:lowest|highest|worst|best))\b"
        ),
    ),
    (
        "indirect_instruction",
        1.0,
        re.compile(
            rf"\b(?:note|message|instructions?|reminder|directive|memo|attention|notice|important)\s+(?:to|for)\s+(?:any\s+|all\s+|the\s+)?"
            rf"(?:\w+\s+)?{_AI}s?\b"
            rf"|\b(?:if|when|whenever)\s+(?:you\s+are\s+|you're\s+)?(?:an?\s+)?{_AI}\b"
            rf"|\b(?:any|an?|the|all)\s+(?:\w+\s+)?{_AI}s?\s+(?:reading|processing|summari[sz]ing|parsing|ingesting|using|generating|writing)\s+"
            r"(?:this|these|the following|from this)\b"
            rf"|\b(?:dear|hey|hi|hello|attention)\s+{_AI}\b"
            r"|\b(?:when|while|if)\s+(?:you\s+(?:are\s+)?)?(?:generat|writ|creat|summari[sz]|produc|draft|build|mak|answer|compos)\w*\s+"
            r"(?:\w+\s+){0,3}?(?:lessons?|quiz(?:zes)?|questions?|summar(?:y|ies)|answers?|explanations?)\b[^.]{0,80}?"
            r"\b(?:always|must|never|should|be sure to|make sure|state|say|tell|claim|include|write|present|use)\b"
        ),
    ),
    (
        "instruction_override",
        0.9,
        re.compile(
            r"\b(?:instead|rather),?\s+(?:tell|say|state|inform|claim|teach|write)\b(?:\W+\w+){0,3}?\W+(?:learners?|users?|readers?|staff|that)\b"
            r"|\b(?:tell|inform|teach)\s+(?:all\s+|every\s+|the\s+)?(?:learners?|users?|readers?|trainees?|employees?)\s+that\b"
            r"|\bdo not (?:mention|tell|reveal|disclose)\b[^.]{0,40}\b(?:learners?|users?|readers?|trainees?)\b"
            r"|\b(?:previous|prior|above|earlier|preceding) (?:instructions|rules|guidelines) (?:are|were|is) (?:void|cancel+ed|obsolete|outdated|superseded|invalid|no longer)"
            r"|\b(?:supersedes?|overrides?|replaces?)\s+(?:all\s+|any\s+)?(?:previous|prior|other|earlier|existing|your)\s+(?:\w+\s+)?(?:instructions|rules|guidelines|policies|guidance|training)\b"
            r"|\bsystem override\b|\badmin override\b|\bsudo mode\b|\bmaintenance mode\b"
            r"|\b(?:stop|quit|cease) (?:being|acting as) (?:an? |the )?(?:tutor|assistant|bot|ai)\b"
            r"|\b(?:respond|answer|reply)\s+only\s+with\b"
        ),
    ),
    (
        "authority_claim",
        0.6,
        re.compile(
            r"\b(?:this is|i am|i'm|message from|on behalf of)\s+(?:the\s+|your\s+)?(?:it (?:department|team)|security team|"
            r"compliance team|system|bmo|platform) (?:admin(?:istrator)?s?|team|operators?|owners?)\b"
            r"|\bauthori[sz]ed (?:override|request)\b|\bpriority (?:override|instruction)\b"
            r"|\b(?:admin|administrator|developer|root|debug|test) (?:access|privileges|mode) (?:granted|enabled|activated)\b"
        ),
    ),
    (
        "exfiltration",
        0.9,
        re.compile(
            r"\b(?:send|post|upload|forward|email|e-mail|transmit|copy|leak)\b(?:\W+\w+){0,6}?\W+"
            r"(?:to|at)\s+(?:[\w.+-]+@[\w-]+\.[\w.]+|https?://\S+|www\.\S+)"
            r"|!\[[^\]]*\]\(\s*https?://[^)]*(?:\{|%7b|\?)"
            r"|\b(?:append|include|embed|encode)\b(?:\W+\w+){0,5}?\W+(?:in|into|to)\s+(?:a|the|this)\s+(?:url|link|image|query string)\b"
        ),
    ),
    (
        "delimiter",
        0.9,
        re.compile(
            r"<\|[a-z_]{2,20}\|>|<</?sys>>|\[/?(?:system|admin|inst)\]"
            r"|(?m:^\s*(?:user|human|assistant|ai|system)\s*:\s*\S)(?s:.*)(?m:^\s*(?:assistant|ai|system)\s*:)"
            r"|\b(?:end|begin|start) of (?:the )?(?:document|context|user input|data|passage)s?\b[^.\n]{0,20}(?:\n|\.|:)\s*(?:new |now |system|assistant|instructions?)"
            r"|(?:^|\n)\s*(?:-{3,}|={3,}|\*{3,}|#{3,})\s*(?:system|admin|new instructions?|instructions?|override)\s*(?::|$|\n|-{3,}|={3,})"
        ),
    ),
    (
        "jailbreak",
        0.4,
        re.compile(
            r"\bjailbreak\b|\bdeveloper mode\b|\bunfiltered\b|\buncensored\b|\bno longer restricted\b"
        ),
    ),
    (
        "safety_bypass",
        0.6,
        re.compile(
            r"\b(?:skip|ignore|bypass|disable|omit|remove|drop)\s+(?:the\s+|your\s+|any\s+)?(?:safety|compliance|content|pii|privacy)?\s*"
            r"(?:checks?|filters?|disclaimers?|warnings?|redaction|moderation|citations?)\b(?:\W+\w+){0,6}?\W+(?:and|then|to)\b"
            r"|\bwithout (?:the |any )?(?:disclaimer|warning|citation|safety check)s?\b"
        ),
    ),
]
