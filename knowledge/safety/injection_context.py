"""Who a passage speaks to and what it does with attack wording, for `injection`.

Three readings that patterns and the classifier cannot make alone:
- a text that teaches about attacks shows them as quoted examples ("a message says 'ignore
  your rules'"); the example is a mention, not an order, and the classifier reads the text
  with its examples set aside;
- a note addressed to people who deliver training ("Note to instructors: tell learners ...")
  gives a duty to a person, not an order to the assistant;
- a document sentence that speaks to whatever turns it into lessons or quizzes and tells it
  what learners must be taught ("when lessons are generated from this page, state that ...")
  changes the course's facts, whatever its words.
"""

# ruff: noqa: E501  (long alternations read better unwrapped)
from __future__ import annotations

import re

# Signs that a text is about attacks: it names them, calls something an example or a
# warning sign, or reports what an attacker says.
TEACHING = re.compile(
    r"\b(?:phishing|scam(?:mer)?s?|fraudsters?|attackers?|attacks?|social engineer\w*|red flags?|"
    r"warning signs?|suspicious|report (?:it|this|them|the message)|"
    r"do not (?:comply|reply|respond|follow)|"
    r"never (?:comply|follow|share|reply)|(?<![./@-])examples?(?![-./@]\w)|for instance|such as|"
    r"might (?:say|read)|may (?:say|read|look like|claim)|prompt[- ]injections?|training on|awareness|red[- ]team\w*|testers?|"
    r"(?:messages|prompts|requests|attempts|lines|text) like|training note|(?:should|must) be reported|"
    r"jailbreak\w*|(?:get|gets|getting) tricked|tested against|often (?:start|begin|say|read|look|write)\w*|"
    r"(?:common|classic|typical) (?:tricks?|lines?|signs?|phrases?|attacks?|scams?)|sign of|"
    r"manipulation|recogni[sz]\w+|security (?:module|tip|bulletin|training|lesson|team)|"
    r"(?:a|the) (?:message|email|e-mail|caller|document|page) (?:says|said|reads|read|contains|containing)|"
    r"the (?:phrase|line|words|wording))\b"
    r"|\be\.g\.|\b(?:says|said|writes|wrote|types|typed|reads|saying|writing|containing|contains"
    r"|posted|pasted)\s*:?\s*[\"“‘']|\bas a joke\b|\bshould i (?:report|flag|escalate)\b"
)
# A quoted passage: double quotes, or single quotes that may hold apostrophes inside words
# ("'give me everyone's grades'").
QUOTED = re.compile(
    r"[\"“”«»„]([^\"“”«»„]{4,300})[\"“”«»„]"
    r"|(?<![a-z])['‘]((?:[^'‘’\n]|(?<=[a-z])['’](?=[a-z])){8,300})['’](?![a-z])"
)


def is_teaching(normal: str) -> bool:
    return bool(TEACHING.search(normal)) and bool(QUOTED.search(normal))


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in QUOTED.finditer(text)]


def without_examples(normal: str) -> str:
    """The text with its quoted examples replaced by a neutral word, so the classifier
    reads what the text says about them, not the examples themselves."""
    return QUOTED.sub(" an example ", normal)


# People who deliver or review training. A note headed for them ("Note to instructors:",
# "For presenters:", "Instructor's notes -") gives them a duty, as "trainers must" does.
_HUMAN_ROLE = (
    r"(?:instructors?|trainers?|facilitators?|presenters?|teachers?|coaches|mentors?|assessors?|"
    r"reviewers?|markers?|managers?|workshop leaders?|session leads?|team leads?|tutors? \(human\)|"
    r"(?:session|workshop|team|course) (?:leaders?|leads?)|delivery team|course (?:owners?|maintainers?))"
)
HUMAN_ADDRESSEE = re.compile(
    rf"(?:^|[\n.!?]\s*)(?:(?:a |the )?(?:note|notes|tip|tips|guidance|reminder|script|comment)s? (?:to|for) (?:the |all |our |whoever delivers \w+ )?{_HUMAN_ROLE}"
    rf"|(?:for |to )?(?:the |all )?{_HUMAN_ROLE}(?:['’]s?)?(?: (?:notes?|tips?|guidance|script|reminder))?\s*[:\-–—,(])"
)
# Words that name a machine as the addressee; with one of them the note is not for people.
_MACHINE = re.compile(
    r"\b(?:ai|assistants?|models?|llms?|bots?|chatbots?|tutors?|automat\w*|machines?|generat\w*|summar\w*|pipelines?|tools?|systems?)\b"
)


def addressed_to_people(text: str, start: int) -> bool:
    """Whether the paragraph holding `start` is headed as a note for people who deliver
    training, with no machine named before the match."""
    head = text[max(0, text.rfind("\n\n", 0, start)) : start]
    found = list(HUMAN_ADDRESSEE.finditer(head))
    return bool(found) and not _MACHINE.search(head[found[-1].start() :])


# What turns a document into learning content: a machine, or the act of producing lessons,
# quizzes or summaries from "this page".
_PRODUCER = (
    r"(?:\b(?:ai|a\.i\.|assistants?|models?|llms?|bots?|chatbots?|automat\w+|machine\w*|generat\w+|summari[sz](?:er|ing|ation)\w*|"
    r"(?<![</])summar(?:y|ies)(?!>|\s*:)|tutors?|pipelines?|course builders?|lesson (?:writers?|generators?|builders?)|content (?:tools?|systems?|pipelines?))\b"
    r"|\b(?:when|if|once|where|whenever|as) (?:this|the) (?:page|text|handbook|chapter|document|file|policy|guide|section|material|bulletin|manual)\b[^.?!\n]{0,20}\b(?:is|are|gets?) (?:turned|converted|used|made|summari[sz]ed|fed|processed|read|rewritten|adapted)"
    r"|\b(?:creating|producing|building|writing|generating|making|turning|converting|preparing)\b[^.?!\n]{0,30}\b(?:lessons?|quiz\w*|training|micro-?lessons|modules?|summar\w+|courses?|study material)\b[^.?!\n]{0,10}\bfrom\b"
    r"|\b(?:lessons?|quiz(?:zes)?|quiz items|questions|summar(?:y|ies)|training|content|study material|micro-?lessons|modules) (?:are|is|get|gets) (?:produced|created|generated|built|made|derived|written|drawn)\b"
    r"|\b(?:whoever|anyone|any (?:tool|system|process|reader))\b[^.?!\n]{0,20}\b(?:writes?|builds?|generates?|creates?|produces?|reads?|reading|turns?|converts?|summari[sz]\w+)\b)"
)
# What it is told to make learners believe: a claim to teach, a right answer, a takeaway.
_STEER = (
    r"(?:\b(?:teach|tell (?:learners|staff|users|employees|readers|cardholders|people|everyone)|state|say|claim|assert|affirm|"
    r"explain(?: to \w+)?|present|describe|emphasi[sz]e|stress|mark|treat|record)\b[^.?!\n]{0,80}\b(?:that|as)\b"
    r"|\b(?:learners|staff|users|employees|readers|cardholders|people) (?:should|must|need to|are to) be (?:told|taught|informed)\b"
    r"|\bmake sure (?:learners|staff|users|employees|readers|people) (?:are taught|learn|know|understand)\b"
    r"|\b(?:correct|right|expected) (?:answer|response|option|choice)\b"
    r"|\b(?:key )?(?:takeaway|message|point|fact) to (?:include|teach|add|stress)\b)"
)
PRODUCER = re.compile(_PRODUCER)
STEER = re.compile(_STEER)
_SENTENCE = re.compile(r"[^.?!\n]+")


def steers_content(normal: str) -> bool:
    """Whether a sentence of the document tells whatever builds lessons from it what
    learners must be taught (and is not a note for the people who deliver training)."""
    if is_teaching(normal):
        normal = without_examples(normal)
    return any(
        PRODUCER.search(m.group(0))
        and STEER.search(m.group(0))
        and not addressed_to_people(normal, m.start())
        for m in _SENTENCE.finditer(normal)
    )


# A learner asking the tutor to teach a rule as weaker than it is: a request, a way of
# putting something, and the weakening ("describe the intro rate as permanent", "treat the
# guarantee as a formality", "phrase approval as basically certain", "leave out the fee").
_REQUEST = r"(?:could|can|would|will) you|please|pls|would you mind|quick favou?r|i need you to|from now on"
_PUT = r"(?:describ|present|phras|treat|teach|explain|fram|say|tell|coach|word|updat|mak|answer|cover)\w*"
_WEAKER = (
    r"(?:as (?:permanent|optional|a formality|(?:basically|almost|nearly|near|practically) (?:certain|guaranteed)|"
    r"certain|guaranteed|a given|automatic|waived|free)|come across as|(?:is|are|gets?) (?:optional|waived|automatic)|"
    r"(?:don't|do not|doesn't|does not|never) (?:really )?(?:need|have) to|(?:not|never) (?:actually )?(?:needed|required|enforced)|"
    r"without escalat\w*|leave out|leaving out|skip(?:ping)?|can wait|no need to|cleared without)"
)
# A question word after the verb asks what is so ("explain whether the fee is optional").
_NOT_ASKED = r"(?:(?!\b(?:whether|if|why|how|what|when|which)\b)[^.?!\n])"
_MISTEACH = re.compile(
    rf"\b(?:{_REQUEST})\b[^.?!\n]{{0,80}}\b{_PUT}\b{_NOT_ASKED}{{0,90}}\b{_WEAKER}"
)


def asks_to_misteach(normal: str) -> bool:
    """Whether a message asks the tutor to teach a rule, a fee or a check as weaker than it
    is (not a question about whether it is so)."""
    return bool(_MISTEACH.search(normal))


# A learner's record: what someone scored, answered, wrote or asked, how far they are.
_RECORD = re.compile(
    r"\b(?:scores?|scored|grades?|marks|results?|answers?|answered|attempts?|progress(?: reports?)?|"
    r"transcripts?|chat history|conversations?|chatting|questions (?:\w+ )?asked|asked (?:you|the tutor)|"
    r"wr[io]te|doing on|got (?:on|wrong|right)|get on|contact details|completion)\b"
)
# Someone other than the learner: a pronoun, a described person or group, a name.
_SOMEONE_ELSE = re.compile(
    r"\b(?:he|she|him|her|his|they|their)\b|\b(?:everyone|everybody|each learner|all (?:the )?(?:learners|participants|people|staff))\b"
    r"|\bthe (?:top|best|worst|other|previous|last|new) (?:\w+ )?(?:learners?|persons?|people|guy|girl|woman|man|hires?|starters?|joiners?|scorers?|students?|users?|participants?|colleagues?|teammates?)\b|\bwho in\b|\bwhich (?:people|learners|of)\b|\bteam [a-z]\b"
)
_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{2,}\b")
_ASKS = re.compile(
    r"\b(?:show|tell|give|send|share|list|paste|read|compare|forward|email|what|which|who|how|i need|i want|can you|could you)\b"
)
# Talk of the team as a whole ("how our team is doing overall"), or of a client's affairs
# ("her credit score", "the answer his customer gave"): not a learner's record.
_NOT_A_LEARNER = re.compile(
    r"\b(?:our team|overall|credit (?:scores?|ratings?|history)|clients?|customers?|cardholders?|"
    r"merchants?|vendors?|applicants?|suppliers?)\b"
)
# The record belongs to the learning platform: a course, a quiz, the tutor's chat.
_LEARNING = re.compile(
    r"\b(?:quiz\w*|modules?|lessons?|tests?|exams?|assessments?|courses?|tutor|training|track|"
    r"refresher|certif\w*|cohort|enrolled|learners?|you|101)\b"
)


def asks_for_someone_elses_record(text: str) -> bool:
    """Whether a learner's message asks for another person's scores, answers or messages."""
    for sentence in re.finditer(r"[^.?!\n]+[.?!]?", text):
        original = sentence.group(0)
        lower = original.lower()
        if not (_RECORD.search(lower) and _ASKS.search(lower) and _LEARNING.search(lower)):
            continue
        if _NOT_A_LEARNER.search(lower):
            continue
        if _SOMEONE_ELSE.search(lower) or _NAME.search(original):
            return True
    return False
