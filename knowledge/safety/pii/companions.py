"""Names known by the company they keep rather than by a cue word.

- An e-mail address that spells the words beside it: "Crystal Brooks — crystal.brooks@…",
  "Hope Williams — hope.w@…" (the address says the everyday word is a given name).
- A given name joined by "and" to a full name found elsewhere: "Raj and Anita Malhotra",
  "Kenji and Aiko Watanabe".
- A speaker's label in a transcript or chat log: "tori: did anyone get the SIN…",
  "MARCUS: Business cards, Marcus speaking."
- A given name, in any case, where a chat message introduces, greets, thanks or signs as
  someone ("its grace from the Kelowna branch", "hey sam,", "thx, brooke", "carlos's SSN",
  "agent leila:", "feedback for Kayla").
- The value of a record's field or markup element that holds a person:
  `"customer":"Sukhmani Dhillon"`, `cardholder: Ana Lima`, `<GivenName>Sigrún</GivenName>`;
  staff named as who did the work ("Analyst: Ngaire Holt"); a user name made of an initial
  and a surname ("pkhoury").
- A name given as one ("name is tran van minh"), a nickname inside a full name, a full name
  given a role ("Ji-hoon Park is the primary cardholder"), a person in brackets or quotes
  after a role ("customer (marcus oduya)").
- A name in another script in brackets right after a name ("Li Wei (李伟)"), after a label
  that holds a person ("고객명: 박지훈") or before a title ("陈美玲女士").
"""

from __future__ import annotations

import itertools
import re

from knowledge.safety.pii.given_names import COMMON_GIVEN, given_names, surnames
from knowledge.safety.pii.people import (
    BUSINESS_WORDS,
    COMMON_WORDS,
    MONTHS_GIVEN,
    NOT_NAMES,
    known_word,
    unusual,
)

Span = tuple[int, int]

_MAILBOX = re.compile(r"(?<![\w.+-])(?P<local>[A-Za-z][\w.+-]{1,40})@[\w-]+(?:\.[\w-]+)+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_GAP = re.compile(r"[ \t]+")
_AND_BEFORE = re.compile(r"(?<![\w'’-])(?P<name>[A-Z][a-z]{1,20})[ \t]+(?:and|&|et|y)[ \t]+$")
# "tori: did anyone …", "deepa.r: sent", "MARCUS: Business cards" at the start of a line.
_SPEAKER = re.compile(
    r"(?m)^[ \t]*(?:\[?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp][Mm])?\]?[ \t]+)?"
    r"(?P<label>[^\W\d_][\w'’-]{1,20}(?:\.[^\W\d_]{1,3})?)[ \t]*:[ \t]+\S"
)
# Labels of roles and fields, never someone's name.
_ROLES_AND_FIELDS = """
agent client caller customer cust user bot assistant ai me you rep advisor adviser
teller manager supervisor trainer learner system admin moderator host speaker
interviewer operator representative csr staff employee member tip note notes subject re
from to cc bcc date time sent name tel phone email address answer question summary
status action result reason example step warning important reference ref price page
total balance amount type source target comment feedback update outcome
"""
_NOT_SPEAKERS = frozenset(_ROLES_AND_FIELDS.split())
_NOT_PERSON_WORDS = NOT_NAMES | BUSINESS_WORDS


def _spells(local: str, first: str, second: str) -> bool:
    """Whether an address's local part is written from the two words (either order, either
    one cut to its initial)."""
    parts = [p for p in re.split(r"[._+-]", local.lower()) if p.isalpha()]
    joined = "".join(parts)
    a, b = first.lower(), second.lower()
    if len(a) < 2 or len(b) < 2 or len(joined) < 4:
        return False
    return joined in {a + b, a[0] + b, a + b[0], b + a, b + a[0], b[0] + a}


def _name_pair(first: str, second: str) -> bool:
    """Two words that could be a given name and a surname: capitalised, and not both plain
    English unless the first is a given name."""
    if not (first[0].isupper() and second[0].isupper()):
        return False
    if {first.lower(), second.lower()} & _NOT_PERSON_WORDS:
        return False
    return first.lower() in given_names() or not known_word(second.lower())


def spelled_by_mailbox(text: str) -> list[Span]:
    locals_ = [m["local"] for m in _MAILBOX.finditer(text)]
    if not locals_:
        return []
    words = list(_WORD.finditer(text))
    found = []
    for w1, w2 in itertools.pairwise(words):
        if not _GAP.fullmatch(text, w1.end(), w2.start()):
            continue
        if w1.start() > 0 and text[w1.start() - 1] in "@.":
            continue
        if _name_pair(w1.group(), w2.group()) and any(
            _spells(local, w1.group(), w2.group()) for local in locals_
        ):
            found.append((w1.start(), w2.end()))
    return found


def joined_by_and(text: str, names: list[Span]) -> list[Span]:
    found = []
    for start, end in names:
        if len(text[start:end].split()) < 2:
            continue
        m = _AND_BEFORE.search(text, 0, start)
        if m and m["name"].lower() in given_names() and m["name"].lower() not in NOT_NAMES:
            found.append((m.start("name"), m.end("name")))
    return found


# A chat line that speaks for its sender: "anjali: hi, my card got eaten".
_FIRST_PERSON = re.compile(
    r"(?i)(?:hi|hey|hello|yo|ok|so|um)?[ \t,!]*(?:i|i'm|im|i've|my|me|can i|could i|we|our)\b"
)


def _speaker_name(label: str, labels: list[str]) -> bool:
    given = label.split(".")[0].lower()
    if given in _NOT_SPEAKERS or given in NOT_NAMES or len(given) < 3:
        return False
    speaks_again = labels.count(label) > 1
    if given in COMMON_GIVEN or (given in given_names() and not known_word(given)):
        return True
    # A given name that is also a word ("Marcus", "Hope"), or a nickname ("kev"), counts
    # when it speaks more than once.
    return speaks_again and (given in given_names() or not known_word(given))


def speakers(text: str) -> list[Span]:
    """Speakers' labels where at least two lines open with one (a transcript or chat log),
    and the same words where the speakers name themselves ("Marcus speaking")."""
    lines = list(_SPEAKER.finditer(text))
    if not lines or (len(lines) < 2 and not _FIRST_PERSON.match(text, lines[0].end() - 1)):
        return []  # one label counts when the line after it speaks for the labelled one
    labels = [m["label"] for m in lines]
    named = {label for label in labels if _speaker_name(label, labels)}
    if not named:
        return []
    words = "|".join(re.escape(label) for label in sorted(named, key=len, reverse=True))
    return [
        (m.start(), m.end()) for m in re.finditer(rf"(?<![\w@.])(?:{words})(?![\w@])", text, re.I)
    ]


_WORDING = r"(?P<name>[^\W\d_][\w'’-]*)"
_ADDRESSED = tuple(
    re.compile(pattern)
    for pattern in (
        # introduced: "its grace from the Kelowna branch", "Hi it's faith 🙂"
        r"(?i:\b(?:it's|its|it is|this is|i'm|im|i am|me llamo|je m'appelle|c'est)[ \t]+)"
        rf"{_WORDING}"
        r"(?=[ \t]+(?i:from|here|at|with|in|on)\b|[ \t]*(?:[,.!?:;)—–-]|$)|[ \t]+[^\w\s])",
        # greeted at the start of a line: "hey sam, can u check …"
        rf"(?m:^)[ \t]*(?i:hi|hey|hello|bonjour|salut|hola|yo|kia ora|good (?:morning|afternoon"
        rf"|evening)|ol[áa]|ciao|hallo|hej|habari|bom dia|buenos d[íi]as|chào)[ \t]+{_WORDING}"
        r"[ \t]*[,!:]",
        # introduced at the start of a line: "Ciarán here —"
        r"(?m:^)[ \t]*(?:(?i:hi|hey|hello)[ \t]*[,!]?[ \t]+)?(?:[A-Z]\w*[ \t]+)?"
        rf"{_WORDING}[ \t]+here\b",
        # thanked or signed at the end of a line: "thx, brooke"
        rf"(?i:\b(?:thx|thanks|thank you|ty|cheers|merci|gracias))[ \t]*[,!.—–-]*[ \t]*{_WORDING}"
        r"[ \t]*[.!]?[ \t]*(?=\n|$)",
        # owning personal data: "carlos's SSN"
        rf"\b{_WORDING}['’]s[ \t]+(?:(?i:new|old|registered|personal|home|own)[ \t]+)?"
        r"(?i:card|account|ssn|sin|dob|phone|cell|mobile|number|e-?mail|address|statement"
        r"|application|passport|licen[cs]e|file|ip|login|pin|password|limit|profile|record"
        r"|balance|dispute|payment|birthday|signature|id)\b",
        # a role and a name as a speaker's label: "agent leila:"
        r"(?m:^)[ \t]*(?i:agent|rep|advisor|adviser|client|customer|caller)[ \t]+"
        rf"{_WORDING}[ \t]*:",
        # feedback or a note for someone: "Coaching feedback for Kayla", "Reminder from
        # Priya to Ernest"
        r"\b(?i:feedback|coaching|notes?|message|reminder|kudos|shout-?out)[ \t]+"
        rf"(?:(?i:from)[ \t]+\S+(?:[ \t]+\S+)?[ \t]+)?(?i:for|to)[ \t]+{_WORDING}\b",
        # news from someone: "Update from Brooke", "a message from dave"
        r"\b(?i:update|message|note|reminder|e-?mail|call|text|request|word|news|question"
        rf"|ping|follow-?up|voicemail)[ \t]+(?i:from)[ \t]+{_WORDING}\b",
        # someone of a place: "Bill from the Halifax branch"
        rf"\b{_WORDING}[ \t]+(?i:from|at|in)[ \t]+(?:the[ \t]+)?(?:[\w'’-]+[ \t]+){{0,3}}"
        r"(?i:branch|team|office|desk|department|store|location|centre|center)\b",
        # a relative or an acquaintance: "my aunt Rosa", "her husband kofi"
        r"\b(?i:my|his|her|their|our|your)[ \t]+(?i:aunt|uncle|mother|father|mom|mum|dad"
        r"|sister|brother|wife|husband|son|daughter|cousin|niece|nephew|grandmother|grandfather"
        r"|grandma|grandpa|granny|nan|nana|partner|fianc[ée]e?|friend|boss|colleague|coworker"
        r"|co-worker|neighbou?r|roommate|landlord|tenant|bookkeeper|accountant)"
        rf"[ \t]*,?[ \t]+{_WORDING}\b",
        # the same in French, Spanish and Portuguese: "su hija Pilar", "sa fille Inès"
        r"\b(?i:su|sus|sa|son|ses|sua|seu|mi|ma|mon|minha|meu)[ \t]+(?i:hija|hijo|esposa|esposo"
        r"|marido|madre|padre|hermana|hermano|fille|fils|femme|mari|m[èe]re|p[èe]re|s[œo]eur"
        rf"|fr[èe]re|filha|filho|m[ãa]e|pai|irm[ãa]o?)[ \t]*,?[ \t]+{_WORDING}\b",
        # a first name or surname by its label: "(voornaam Anouk)", "prénom : Inès"
        r"(?i:voornaam|achternaam|pr[ée]nom|vorname|nachname|nombre|apellidos?|sobrenome"
        rf"|imi[ęe]|nazwisko|first name|given name|surname)[ \t]*[:=]?[ \t]+{_WORDING}\b",
        # the name someone goes by: "(goes by Jimmy)", "prefers to be called Kat"
        r"\b(?i:goes by|prefers to be called|likes to be called|known as|nicknamed)[ \t]+[\"“']?"
        rf"{_WORDING}\b",
        # signed at the end of a line with a dash: "- dave", "—Priya"
        rf"(?m:(?:^|[ \t])[-–—~][ \t]?){_WORDING}[ \t]*$",
    )
)
# Signed after a dash with a role or a closing word: "— Ifeoma, Relationship Manager",
# "— Atte. Yesenia".
_SIGNED_WITH_ROLE = re.compile(
    r"(?m:(?:^|[ \t])[-–—~][ \t]?"
    r"(?P<closing>(?i:atte|att|saludos|cordialement|regards)\.?,?[ \t]+)?)"
    rf"{_WORDING}(?P<role>[ \t]*,[ \t]*[A-Z][\w'’ -]{{2,40}})?[ \t.]*$"
)
# A greeting opens with a name even when the name is also a month ("Hi June,").
_GREETED = re.compile(
    rf"(?m:^)[ \t]*(?i:hi|hey|hello|dear|bonjour|salut|hola)[ \t]+{_WORDING}[ \t]*[,!:]"
)
# Words a chat may put where a name goes ("hey team,", "thanks all"), and any word that is
# no one's name.
_CHAT_FILLERS = "team all everyone everybody guys folks there again so much"
_NOT_ADDRESSEES = frozenset(_CHAT_FILLERS.split()) | NOT_NAMES | _NOT_SPEAKERS
# After a role word a lower-case word is a client only if it is no everyday word either.
_NOT_CLIENTS = _NOT_ADDRESSEES | COMMON_WORDS


# A client named after the role in lower case: "my client penny is freaking out".
_ROLE_THEN_NAME = re.compile(
    r"\b(?i:my|the|our|your|a|this|that)[ \t]+(?i:client|customer|cust|cardholder|applicant"
    rf"|caller|member|borrower)[ \t]+{_WORDING}\b"
)
# A full name signed after a dash at the end of a line: "— Will Hargreaves", "- Karim ben
# Youssef".
_SIGNED_FULL = re.compile(
    r"(?m:(?:^|[ \t])[-–—~][ \t]?)(?P<name>[A-Z][\w'’-]+(?:[ \t]+(?:[a-z]{2,3}[ \t]+)?"
    r"[A-Z][\w'’-]+){1,3})[ \t]*$"
)


# A list of who was there or who signs: "Attendees — Gwen (chair), Rahul, Femi."
_PEOPLE_LIST = re.compile(
    r"(?i:attendees|present|participants|invitees|apologies|absent|authori[sz]ed signers?"
    r"|signatories|co-owners|directors|owners)(?:[ \t]+for[^:\n]{0,40})?[ \t]*[:—–-][ \t]*"
    r"(?P<items>[^.\n;]{2,200})"
)
_LIST_ITEM = re.compile(r"[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,3}")


def _listed_people(text: str) -> list[Span]:
    found = []
    for m in _PEOPLE_LIST.finditer(text):
        items = re.sub(r"\([^)\n]*\)", lambda p: " " * len(p.group(0)), m["items"])
        for item in _LIST_ITEM.finditer(items):
            words = [w for w in item.group(0).split() if w.lower() not in ("and", "et", "y")]
            if (
                words
                and words[0][0].isupper()
                and (words[0].lower() in given_names() or _a_name(words))
            ):
                found.append((m.start("items") + item.start(), m.start("items") + item.end()))
    return found


def addressed(text: str) -> list[Span]:
    found = _listed_people(text)
    for m in (m for pattern in _ADDRESSED for m in pattern.finditer(text)):
        word = m["name"].lower()
        if word in given_names() and word not in _NOT_ADDRESSEES:
            found.append((m.start("name"), m.end("name")))
    found += [
        (m.start("name"), m.end("name"))
        for m in _SIGNED_WITH_ROLE.finditer(text)
        if m["name"].lower() not in _NOT_ADDRESSEES
        and (m["closing"] or m["role"])
        and (m["name"].lower() in given_names() or unusual([m["name"]]))
    ]
    found += [
        (m.start("name"), m.end("name"))
        for m in _GREETED.finditer(text)
        if m["name"].lower() in MONTHS_GIVEN
    ]
    found += [
        (m.start("name"), m.end("name"))
        for m in _ROLE_THEN_NAME.finditer(text)
        if m["name"].lower() in COMMON_GIVEN and m["name"].lower() not in _NOT_CLIENTS
    ]
    found += [
        (m.start("name"), m.end("name"))
        for m in _SIGNED_FULL.finditer(text)
        if m["name"].split()[0].lower() in given_names() and _a_name(m["name"].split())
    ]
    return found


# A record's field whose key says it holds a person, in JSON, YAML or key=value form.
_PERSON_FIELD = re.compile(
    r"(?i)[\"']?\b(?P<key>(?:[a-z]+[_-]?)?(?:customer|client|cardholder|card_holder|account_holder|holder|owner"
    r"|relationship_manager|account_?manager|manager|advisor|adviser|analyst|reviewer"
    r"|applicant|employee|contact|guarantor|payee|beneficiary|agent|signer|user)(?:[ _-]?name)?"
    r"|(?:full|first|last|given|family|legal|display)(?:[ _-]?name)?|surname|name|nom|pr[ée]nom"
    r"|from|attn|attention|membre|miembro|membro|beneficiar\w*|b[ée]n[ée]ficiaire|titular|titulaire)[\"']?"
    r"[ \t]*[:=][ \t]*[\"']?"
    r"(?P<value>[^\W\d_][^\W\d_'’. -]*(?:['’. ,-]{1,2}[^\W\d_][^\W\d_'’-]*){0,3})"
    r"(?=[\"'](?:[ \t]|[,;}\]\n]|$)|[ \t]*(?:[,;}\]\n]|$)|[ \t]+[a-z_]+[:=])"
)


def _name_words(value: str) -> list[str]:
    """A value's words as a name's: "SURNAME, GIVEN I" read as "Surname Given", initials
    left out."""
    return [
        w.title() if w.isupper() else w
        for w in value.replace(",", " ").split()
        if len(w.strip(".")) > 1
    ]


def _a_name(words: list[str]) -> bool:
    """Words shaped like a person's name: a given name first or a word no English dictionary
    holds, and no word of a product, team or firm ("please hold", "Diaz Bakery Ltd")."""
    return (
        bool(words)
        and (words[0].lower() in given_names() or unusual(words))
        and not any(w.lower().strip(".") in _NOT_PERSON_WORDS for w in words)
    )


# A person in an XML element named for a name or a role ("<GivenName>Sigrún</GivenName>").
_XML_PERSON = re.compile(
    r"(?i)<(?P<tag>(?:\w*name|cardholder|customer|client|owner|applicant|accountmanager|manager"
    r"|advisor|agent|given|family|forename|surname|first|last|middle|emboss|holder))"
    r"(?:[ \t][^>]*)?>(?P<value>[^<>\n\d@]{2,60})</(?P=tag)>"
)
# Staff named as who did the work, at the end of a note ("Analyst: Ngaire Holt", "Checked
# by Owain", "Przyjęła: Agnieszka", "经办人：陈晓雯", "Оператор: Дмитрий").
_SIGNED_ROLE = re.compile(
    r"\b(?i:analyst|reviewer|checked by|prepared by|handled by|approved by|processed by"
    r"|completed by|behandeld door|przyj[ęe]ła|przyj[ąa]ł|оператор|atendi[óo]|atendido por"
    r"|trait[ée] par|bearbeitet von|geprüft von)[ \t]*[:：]?[ \t]*"
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,2})(?=[ \t]*(?:[.,;)\n]|$))"
    r"|(?:经办人|处理人|經辦人|担当者?|담당자|موظف الفرع)[ \t]*[:：]?[ \t]*"
    r"(?P<script>[^\s，。,.:：]{2,12}(?:[ \t][^\s，。,.:：]{1,12})?)"
)
# A user name made of an initial and a surname ("pkhoury", "bwhitfield"), where a user or
# reviewer is named.
_USER_NAME = re.compile(
    r"(?i)(?:\b(?:by[ \t]+)?(?P<role>user|reviewer|analyst|agent)|\bby|@)[ \t:]*"
    r"(?P<name>[a-z]{4,16})\b"
)


# A name in a web address's query: "?ssn=…&last=Hollister".
_QUERY_PERSON = re.compile(
    r"(?i)[?&](?:last|first|given|family|full|display)?_?(?:name|last|first|surname)="
    r"(?P<value>[^\W\d_][^&\s#\"'=]{1,40})"
)


# A form field for a person: <input name="fullName" value="Priscilla Adjei-Mensah">.
_INPUT_PERSON = re.compile(
    r"(?i)<input\b[^>]*\bname=[\"'](?:\w*name\w*|\w*holder\w*|beneficiary|contact\w*)[\"']"
    r"[^>]*\bvalue=[\"'](?P<value>[^\"'<>\d@]{2,60})[\"']"
)


def _has_given(words: list[str]) -> bool:
    """A field named for a person holding a given name among ordinary words ("HOLLOWAY,
    GRACE M"): the key says whose it is."""
    return any(w.lower() in given_names() for w in words) and not any(
        w.lower().strip(".") in _NOT_PERSON_WORDS for w in words
    )


def keyed(text: str) -> list[Span]:
    """Values of fields and markup elements that hold a person."""
    found = [
        (m.start("value"), m.end("value"))
        for m in _PERSON_FIELD.finditer(text)
        if _a_name(words := _name_words(m["value"])) or _has_given(words)
    ]
    found += [
        (m.start("value"), m.end("value"))
        for m in _INPUT_PERSON.finditer(text)
        if _a_name(words := _name_words(m["value"])) or _has_given(words)
    ]
    found += [
        (m.start("value"), m.end("value"))
        for m in _QUERY_PERSON.finditer(text)
        if _a_name(_name_words(m["value"].replace("+", " ").replace("%20", " ")))
    ]
    for m in _XML_PERSON.finditer(text):
        words = _name_words(m["value"])
        if words and (_a_name(words) or words[0].lower() in given_names()):
            found.append((m.start("value"), m.end("value")))
    return found


def signed_by_staff(text: str) -> list[Span]:
    """Staff named as who did the work, and user names made of an initial and a surname."""
    found = []
    for m in _SIGNED_ROLE.finditer(text):
        if m["name"] and _a_name(_name_words(m["name"])):
            found.append((m.start("name"), m.end("name")))
        elif m["script"]:
            found.append((m.start("script"), m.end("script")))
    for m in _USER_NAME.finditer(text):
        login = m["name"].lower()
        listed = login[1:] in surnames() or (m["role"] and len(login) >= 6)
        if (
            listed
            and not known_word(login[1:])
            and not known_word(login)
            and login not in given_names()
        ):
            found.append((m.start("name"), m.end("name")))
    return found


# "name is tran van minh", "my name is marc-andre gagnon not marc andre gagon": a name given
# as one, in any case, up to a stop.
_NAME_IS = re.compile(
    r"(?i)\bname(?:['’]s| is| was)[ \t]+(?P<name>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,4}?)"
    r"(?=[ \t]*(?:[,.;:!?)\n]|$)"
    r"|[ \t]+(?:not|and|but|bday|dob|born|thx|thanks|pls|please|from|lol)\b)"
    r"(?:[ \t]+not[ \t]+(?P<other>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,4}?)"
    r"(?=[ \t]*(?:[,.;:!?)\n]|$)|[ \t]+(?:lol|thx|thanks|pls|please)\b))?"
)


# A person in brackets or quotes right after a role or a name field: "customer (marcus
# oduya)", "the cust (summer lee)", "name entered 'MARIA DA CONCEICAO SILVA'"; or after a role
# and a comma: "the new applicant, ellie vance."
_ROLE_WORDS = (
    r"(?:customer|cust|client|cardholder|card holder|applicant|caller|member|borrower"
    r"|account holder|guarantor|signer|payee|beneficiary|user)"
)
_QUOTED_AFTER_ROLE = re.compile(
    rf"(?i)\b(?:{_ROLE_WORDS}|name(?:[ \t]+(?:entered|given|provided|on file|on card|typed))?)"
    r"[ \t]*[:=]?[ \t]*[(\'\"‘“][ \t]*"
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,3})[ \t]*[)\'\"’”]"
    rf"|(?i:\b{_ROLE_WORDS}),[ \t]+(?P<after>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)?)"
    r"(?=[ \t]*(?:[,.;:!?)\n]|$))"
)


def quoted_after_role(text: str) -> list[Span]:
    found = []
    for m in _QUOTED_AFTER_ROLE.finditer(text):
        group = "name" if m["name"] else "after"
        words = m[group].split()
        if len(words) == 1 and words[0].isupper() and len(words[0]) <= 5:
            continue  # an acronym: "Know Your Client (KYC)"
        if m.group().lower().startswith("name") and words[0].lower() not in given_names():
            continue  # a brand: 'the name "Maplecrest"'
        if _a_name(_name_words(m[group])):
            found.append((m.start(group), m.end(group)))
    return found


def given_as_name(text: str) -> list[Span]:
    found = []
    for m in _NAME_IS.finditer(text):
        for group in ("name", "other"):
            if m[group] and _a_name(m[group].split()):
                found.append((m.start(group), m.end(group)))
    return found


# Letters of the scripts other than Latin that names are written in: Greek, Cyrillic,
# Hebrew, Arabic and Persian, Devanagari, Gurmukhi, Tamil, Thai, Ethiopic, Hangul, kana and
# CJK ideographs.
_SCRIPTS = (
    "\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0900-\u097f\u0a00-\u0a7f"
    "\u0b80-\u0bff\u0e00-\u0e7f\u1200-\u137f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af"
)
_SCRIPT_WORD = rf"[{_SCRIPTS}][{_SCRIPTS}\u0900-\u0dff]*"
_SCRIPT_NAME = rf"{_SCRIPT_WORD}(?:[ \t\u3000]{_SCRIPT_WORD}){{0,3}}"
# A name in another script in brackets right after a name: "Li Wei (李伟)", "(يوسف العمراني)".
_OTHER_SCRIPT = re.compile(rf"[ \t]?[(（](?P<name>{_SCRIPT_NAME})[)）]")
# A name in another script after a label that holds a person ("お客様氏名：高橋 由美",
# "고객명: 박지훈", "العميل: …", "Πελάτισσα: …", "הלקוחה נועה לוי"), or before a title
# ("陈美玲女士", "高橋様").
_SCRIPT_LABEL = (
    r"(?:お客様氏名|氏名|名義|担当者?|客户|客戶|姓名|持卡人|处理人|處理人|联系人|고객명|고객|담당자|성명"
    r"|العميل|الموظف المسؤول|الموظف|الاسم|السيدة|السيد|ابنه|ابنته|زوجته|زوجها|مشتری|نام"
    r"|신청자|회원|カード会員|会員|申請者|ग्राहक|नाम|श्रीमती|श्री|其妻子|其丈夫|妻子|丈夫|儿子|女儿|Πελάτ\w*|Όνομα|הלקוח\w*|שם|ลูกค้า|คุณ"
    r"|Клиент\w*|ФИО|Имя|Khách hàng|Nhân viên tiếp nhận|Müşteri|Temsilci"
    r"|[Кк]лі[єе]нт\w*|клиент\w*|[Зз]вонил\w*|[Дд]звонил\w*|πελάτ\w*|לקוח\w*|お客様|müşteri)"
)
_LABELLED_SCRIPT = re.compile(
    rf"(?:{_SCRIPT_LABEL}|(?i:\b(?:name|nom|nombre|nome)\b)[^:\n]{{0,30}}:)[ \t]*[:：]?[ \t]*"
    rf"(?P<name>{_SCRIPT_NAME})"
    r"|(?P<titled>[\u3400-\u4dbf\u4e00-\u9fff]{2,4}|[\uac00-\ud7af]{2,4})"
    r"(?=女士|先生|小姐|様|さん|님|씨|[ \t]?(?:고객님|고객|회원님))"
)


# A nickname in quotes or brackets inside a full name: 'Chukwuemeka "Emeka" Obi', "Ma. Theresa
# (Tess) Villanueva"; and a full name given a role: "Ji-hoon Park is the primary cardholder".
# The name to print on a card, in capitals: "English name to emboss: MINJUN KIM", "print
# 'V S S GOLLAPUDI'", "wants his card to say SKIPWORTH".
_EMBOSSED = re.compile(
    r"(?:(?i:\bemboss\w*|\bcard to (?:say|read)|\bname on (?:the )?card)[^:\n'\"]{0,20}[:]?[ \t]*"
    r"['\"‘“]?|(?i:\bprint)[ \t]+['\"‘“])"
    r"(?P<name>[A-Z][A-Z.'’]*(?:[ \t]+[A-Z][A-Z.'’-]*){0,4})(?![\w-])"
)
# A nickname in quotes before the full name in brackets: "'Skip' (Robert Skipworth III)";
# a nickname of size: "Big Mike".
_NICK_BEFORE = re.compile(
    r"[\"'‘“](?P<nick>[A-Z][a-z'’-]{1,15})[\"'’”][ \t]*\([ \t]*[A-Z]"
    r"|\b(?P<size>(?:Big|Little|Lil|Old|Young)[ \t]+[A-Z][a-z]+)\b(?=[ \t]*\()"
)
_NICKNAMED = re.compile(
    r"\b(?P<name>[A-Z][\w'’.-]+[ \t]+[\"“(‘'](?P<nick>[A-Z][a-z'’-]{1,15})[\"”)’'][ \t]+"
    r"[A-Z][\w'’-]+)"
)
_GIVEN_A_ROLE = re.compile(
    r"\b(?P<name>[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+)?[ \t]+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)[ \t]+"
    r"(?:is|was|as|will be|becomes|became)[ \t]+(?:the[ \t]+|a[ \t]+|our[ \t]+)?(?:primary[ \t]+"
    r"|joint[ \t]+|secondary[ \t]+|main[ \t]+|sole[ \t]+|new[ \t]+|additional[ \t]+)?"
    r"(?:cardholder|card holder|account holder|applicant|co-applicant|borrower|guarantor|signatory"
    r"|authori[sz]ed user|beneficial owner)\b"
)


def nicknamed_or_given_a_role(text: str) -> list[Span]:
    found = []
    for m in _EMBOSSED.finditer(text):
        words = [w for w in m["name"].split() if len(w.strip(".")) > 1]
        if words and not any(w.lower() in _NOT_PERSON_WORDS for w in words):
            found.append((m.start("name"), m.end("name")))
    for m in _NICK_BEFORE.finditer(text):
        group = "nick" if m["nick"] else "size"
        found.append((m.start(group), m.end(group)))
    for m in _NICKNAMED.finditer(text):
        words = [w for w in re.split(r"[ \t\"“”‘’'()]+", m["name"]) if w]
        if _a_name([words[0], words[-1]]):
            found.append((m.start("name"), m.end("name")))
    for m in _GIVEN_A_ROLE.finditer(text):
        if (
            _a_name(m["name"].split())
            or m["name"].split()[0].split("-")[0].lower() in given_names()
        ):
            found.append((m.start("name"), m.end("name")))
    return found


def in_other_script(text: str, names: list[Span]) -> list[Span]:
    found = []
    for _, end in names:
        if m := _OTHER_SCRIPT.match(text, end):
            found.append((m.start("name"), m.end("name")))
    for m in _LABELLED_SCRIPT.finditer(text):
        group = "name" if m["name"] else "titled"
        found.append((m.start(group), m.end(group)))
        if after := _OTHER_SCRIPT.match(text, m.end(group)):  # "高橋 由美（タカハシ ユミ）"
            found.append((after.start("name"), after.end("name")))
    return found


def companions(text: str, names: list[Span]) -> list[Span]:
    """Names found by their company in `text`, given the names already found (`names`)."""
    return (
        spelled_by_mailbox(text)
        + joined_by_and(text, names)
        + speakers(text)
        + addressed(text)
        + keyed(text)
        + signed_by_staff(text)
        + given_as_name(text)
        + quoted_after_role(text)
        + nicknamed_or_given_a_role(text)
        + in_other_script(text, names)
    )
