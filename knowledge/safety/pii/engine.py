"""The Presidio analyzer, built once per process on the shared spaCy pipeline.

Presidio runs the spaCy pipeline (names) and its e-mail recognizer; our recognizers add the
checksum- and rule-based types (numbers, dates of birth, addresses, names after role
words, known by the words around them or by a listed given name) and take back full names
the tagger filed as organisations. Nothing is downloaded: the pipeline comes from an
installed package and the e-mail recognizer reads tldextract's bundled public-suffix
snapshot.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from typing import Any

import tldextract
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
from presidio_analyzer import RecognizerResult as Result
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    IpRecognizer,
    SpacyRecognizer,
)

from knowledge import nlp
from knowledge.safety.pii.around import PERSONAL_AFTER, names_by_company
from knowledge.safety.pii.figures import famous
from knowledge.safety.pii.given_names import any_names, given_names, surnames
from knowledge.safety.pii.listed import bare_possessive, listed_names
from knowledge.safety.pii.numbers import Span, find_numbers
from knowledge.safety.pii.people import (
    BUSINESS_WORDS,
    acronym,
    find_addresses,
    find_birth_dates,
    find_names,
    known_word,
    unusual,
)
from knowledge.safety.pii.tables import find_in_tables

# Offline: no suffix-list URL, no cache directory; the snapshot shipped with tldextract.
_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)

# A full name read from an organisation the tagger named: counted only in text about people.
NAME_BY_SHAPE = "NAME_BY_SHAPE"
# A full name read from its words alone: kept only in a text that holds a person's values.
NAME_BY_LISTS = "NAME_BY_LISTS"
ENTITY_KINDS = {
    "PERSON": "name",
    NAME_BY_SHAPE: "name",
    NAME_BY_LISTS: "name",
    "EMAIL_ADDRESS": "email",
    "IP_ADDRESS": "ip",
}
# Dotted numbers that are versions, not addresses: "version 10.4.2.1", "iOS 17.1.2.3".
_VERSION_CUE = re.compile(
    r"(?i)(?:version|\bv(?:\.|\b)|build|release|firmware|\bapp\b|\bios\b|android|software|patch"
    r"|update|section|\bsec\.|§|rule|table|figure)[^\n\d]{0,12}$"
)


_MISREAD = "MISREAD_NAME"


class _LoadedSpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine on the pipeline the process already loaded."""

    def __init__(self, pipeline: str) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": pipeline}],
            ner_model_configuration=NerModelConfiguration(
                # The small model often files an unfamiliar name under ORG or FAC
                # ("Tomasz Nowak", "Olufemi Adeyemi-Johnson"): those are looked at again.
                model_to_presidio_entity_mapping={
                    "PERSON": "PERSON",
                    "PER": "PERSON",
                    "ORG": _MISREAD,
                    "FAC": _MISREAD,
                },
                labels_to_ignore=[
                    "CARDINAL",
                    "DATE",
                    "EVENT",
                    "GPE",
                    "LANGUAGE",
                    "LAW",
                    "LOC",
                    "MONEY",
                    "NORP",
                    "ORDINAL",
                    "PERCENT",
                    "PRODUCT",
                    "QUANTITY",
                    "TIME",
                    "WORK_OF_ART",
                ],
            ),
        )
        self._pipeline = pipeline

    def load(self) -> None:
        self.nlp = {"en": nlp.english(self._pipeline)}  # type: ignore[assignment]

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        # Only the entity recognizer is needed (it has its own token vectors): skipping the
        # tagger, parser and lemmatizer halves the cost of a call.
        pipeline = self.get_nlp(language)
        unused = [name for name in pipeline.pipe_names if name != "ner"]
        return self._doc_to_nlp_artifact(pipeline(text, disable=unused), language)


# Capitalised words that spaCy's small model sometimes takes for a person.
_NOT_NAMES = frozenset(
    """email e-mail call phone text fax note please hi hello dear thanks thank regards
    cardholder client customer member applicant manager visa mastercard amex interac
    apr sku mcc bin iban ssn sin dob business wallet lesson lessons ids directeur directrice
    comptes services tier kit batch owner administrator bookkeeper employee accountant
    controller treasurer auditor approver signatory supervisor teller cashier consultant
    admin viewer editor user reg quick tip tips plan plans notes updates glossary faq help overview
    summary guide checklist quiz quizzes module course key points takeaways name names nom
    cher chère chere estimado estimada valued consulte consultez voir véase""".split()  # noqa: SIM905
)


# Brands, card products and firms named after people: a PERSON tag on them is wrong.
_BRANDS = re.compile(
    r"(?i)\b(?:tim hortons?|jean coutu|morgan stanley|wells fargo|charles schwab|edward jones"
    r"|raymond james|goldman sachs|merrill lynch|jack daniel'?s|lowe'?s|wendy'?s|mcdonald'?s"
    r"|harvey'?s|dollarama"
    r"|holt renfrew|swiss chalet|mary brown'?s|ben & jerry'?s|johnson & johnson|procter & gamble"
    r"|dow jones|ernst & young|marriott|hilton|hertz|tiffany|nordstrom|macy'?s|sobeys|loblaws?"
    r"|shoppers drug mart|canadian tire|home depot|best buy|apple pay|google pay|samsung pay"
    r"|visa (?:infinite|signature|business|platinum)|world elite|desjardins|scotiabank|tangerine"
    r"|simons|harry rosen|winners|marshalls|jack astor'?s|kelsey'?s|dairy queen|denny'?s"
    r"|arby'?s|wendy|costco|walmart|amazon|starbucks|esso|petro-canada|shell|irving|uber|lyft"
    r"|airbnb|expedia|hudson'?s bay|sears|rona|staples|purolator|fedex|paypal|stripe|square|samsung"
    r"|quickbooks|xero|sage|concur|expensify|ramp|brex|amex|american express|mastercard|visa"
    r"|interac|chase|citi|capital one|td|rbc|bmo|cibc|hsbc|barclays|santander|harris teeter"
    r"|whole foods|trader joe'?s|kroger|safeway|provigo|no frills|food basics|london drugs"
    r"|pharmaprix|uniprix|couche-tard|circle k|save-on-foods|bank of montreal"
    # Fashion and retail labels named after their founders.
    r"|ralph lauren|tommy hilfiger|calvin klein|kate spade|michael kors|hugo boss|ted baker"
    r"|louis vuitton|christian dior|giorgio armani|tory burch|marc jacobs|vera wang|estée lauder"
    r"|estee lauder|yves saint laurent|brooks brothers|laura secord|mary kay|jenny craig"
    r"|harvey nichols|ben moss|birks|roots|aldo|lululemon|société générale|societe generale"
    # Restaurant chains named after someone.
    r"|ruth'?s chris|morton'?s|the keg|earls|cactus club|boston pizza|st-hubert|east side mario'?s"
    r"|red lobster|olive garden|applebee'?s|chili'?s|outback|mrs\.? fields|dave & buster'?s)\b"
)


# "… Pay", "… card", "Kate Spade and Michael Kors handbags", "the Cooke Ratio": a product,
# brand or rule named after someone, not a person (other names joined by "and" or a comma
# share the noun).
_PRODUCT_WORDS = (
    r"(?:pay|card|cards|gift cards?|wallet|rewards|points|miles|program|plan|purchases?"
    r"|products?|items?|merchandise|brands?|stores?|shops?|outlets?|boutiques?|locations?"
    r"|restaurants?|franchises?|branch|branches|offices?|clients|customers|region|area|teams?|handbags?|bags|shirts?|boots|shoes|clothing|apparel|jeans|wine"
    r"|fragrances?|cosmetics|memberships?|subscriptions?|consultants?|catalogu?e|collection"
    r"|hotels?|resorts?|dealerships?|act|amendment|rule|ratio|accord|doctrine|principles?|test"
    r"|index|formula|model|framework|standards?|guidelines?|directive|bill|report|commission"
    # Places to eat and what they sell: "Ruth's Chris Steak House", "Mrs. Fields cookies".
    r"|steak ?house|steakhouse|grill|bistro|brasserie|pub|diner|kitchen|pizzeria|pizza|tavern"
    r"|deli|eatery|cookies|coffee|donuts?|doughnuts?|burgers?|chicken|receipts?|invoices?)"
)
_PRODUCT_AFTER = re.compile(
    r"(?:(?:[ \t]*,|[ \t]+(?:and|or|&))[ \t]+(?-i:[A-Z][\w'’+.-]*(?:[ \t]+[A-Z][\w'’+.-]*){0,2}))*"
    rf"(?:[ \t]+(?:{_PRODUCT_WORDS}|house|inn|lodge"
    r"|accepts? (?:the card|cards|tap|contactless|amex|visa|mastercard|interac|debit))"
    # a code name in quotes before what it names: "the 'Jefferson' ledger platform"
    r"|['’\"”][ \t]+(?:ledger|platform|system|engine|tool|module|release|project|server))\b",
    re.I,
)
# "The Cooke Ratio", "Harvey Nichols Rewards": the tagger took the noun into the name.
_PRODUCT_LAST = re.compile(rf"[ \t]{_PRODUCT_WORDS}$", re.I)


# "Victoria Day", "Family Day", "Grace Period": a date or a term, not a person.
_HOLIDAY = re.compile(r"[ \t](?:Day|Period)$")


_STREET_LAST = re.compile(
    r"(?i)\b(?:lane|street|avenue|road|drive|boulevard|way|court|crescent|place|plaza|square"
    r"|mall|centre|center|park|market"
    # Places on a map: "Georgian Bay", "Prince Edward County".
    r"|bay|lake|county|island|islands|river|valley|falls|harbour|harbor|beach|peninsula|coast"
    r"|creek|mountains|hills|springs|gulf|strait)$"
)


_PRODUCT_BEFORE = re.compile(r"(?i)\b(?:visa|mastercard|amex|american express)[ \t]+$")
# "Assistant Branch Manager, Halifax", "Wealth Advisor - Kelowna": a job title's place or
# team; a person's name comes before the title, not after it.
_AFTER_TITLE = re.compile(r"\b(?P<word>[A-Z][a-z]+)[ \t]*[,–—-][ \t]*$")


# "Stanley & Co", "Hartley Inc.", "Jones Financial": a firm, not a person.
_FIRM_AFTER = re.compile(
    r"['’]s[ \t]+(?-i:[A-Z])|(?:['’]s)?[ \t,]*(?:&|\+|and sons|inc\b|ltd\b|llc\b|llp\b|corp\b|co\."
    r"|company|group|bank"
    r"|capital|financial|securities|partners|holdings|associates|consulting|services|foods"
    r"|motors|insurance|trust|credit union|jewell?ers|outfitters|pharmacy|drugs|realty|bakery"
    r"|hardware|furniture|clinic|dental|law|legal|accounting|cpa)\b",
    re.I,
)
_PARTICLES = frozenset(
    "de du des da dos das del della di la le van von der den ter bin al el y e".split()  # noqa: SIM905
)


def _looks_like_a_name(span: str) -> bool:
    """Every word capitalised (or a particle such as "de", "van"), none a common word, no
    digits, not a lone acronym ("KYC", "APR")."""
    words = span.split()
    if any(c.isdigit() or c == "&" for c in span) or not words:
        return False
    if all(w.lower().strip(".,:;") in _NOT_NAMES for w in words):
        return False
    if any(w.lower().strip(".,:;'’s") in BUSINESS_WORDS for w in words):
        return False
    if len(words) == 1 and span.isupper():
        return False
    if len(words) > 1 and any(acronym(w) for w in words) and not span.isupper():
        return False  # "Issuer BIN", "Client BINs": a word and an acronym name a product

    if words[-1] in _PARTICLES and not any(w.lower() in given_names() for w in words):
        return False  # "Plafond de paiement": a capitalised noun and its preposition
    if words[0] in _PARTICLES and all(known_word(w.lower()) for w in words[1:]):
        return False  # "auf der Website": an article before an ordinary word
    return all(w[0].isupper() or w.lower() in _PARTICLES for w in words)


# "Ted Baker and Calvin Klein are clothing brands": what the sentence says the names are.
_IS_A_BRAND = re.compile(
    r"(?:(?:[ \t]*,|[ \t]+(?:and|or|&))[ \t]+(?-i:[A-Z][\w'’+.-]*(?:[ \t]+[A-Z][\w'’+.-]*){0,2}))*"
    r"[ \t]+(?:is|are|was|were)[ \t]+(?:an?[ \t]+|the[ \t]+|both[ \t]+)?(?:[\w-]+[ \t]+){0,2}?"
    r"(?:brands?|labels?|retailers?|chains?|stores?|merchants?|companies|company|firms?|banks?"
    r"|franchises?|restaurants?)\b",
    re.I,
)
# "used her card at Ralph Lauren and …": where a card is used, a merchant.
_MERCHANT_BEFORE = re.compile(
    r"(?i)\b(?:card|purchases?|bought|shopped|shopping|spent|paid|charged?|transactions?|tapped"
    r"|swiped|points)\b[^.!?\n]{0,30}?\bat[ \t]+"
    r"(?:(?-i:[A-Z][\w'’.-]*)[ \t]*(?:,|and|or|&)?[ \t]*){0,6}$"
    # "the merchant descriptor reads MRS FIELDS …", "billed as …": a merchant's name.
    r"|(?i:\b(?:descriptor|merchant name|billed as|appears as|shows as|doing business as|dba))"
    r"[ \t:]+(?:reads[ \t:]+)?(?:[\w'’.&-]+[ \t]+){0,2}$"
)


def _named_after_someone(text: str, start: int, end: int, brands: list[tuple[int, int]]) -> bool:
    """A brand, firm, product or rule named after someone, not a person."""
    return (
        any(s < end and start < e for s, e in brands)
        or bool(_IS_A_BRAND.match(text, end))
        or bool(_MERCHANT_BEFORE.search(text[max(0, start - 90) : start]))
        or bool(_FIRM_AFTER.match(text, end))
        or bool(_PRODUCT_AFTER.match(text, end))
        or bool(_PRODUCT_LAST.search(text[start:end]))
        or bool(_PRODUCT_BEFORE.search(text[max(0, start - 25) : start]))
    )


def _title_place(text: str, start: int, end: int) -> bool:
    """One word after a capitalised job title: its place or team, not a person."""
    before = _AFTER_TITLE.search(text[max(0, start - 30) : start])
    return (
        before is not None
        and before.group("word").lower() in BUSINESS_WORDS
        and len(text[start:end].split()) == 1
    )


# "Montréal-Trudeau (YUL)": an airport by its code. "Place Ville Marie", "Lake Louise",
# "Port Hope": a place by its first word.
_AIRPORT_AFTER = re.compile(r"[ \t]*\([A-Z]{3}\)")
_PLACE_WORDS = frozenset(
    """place rue parc pont gare tour complexe lac mont pointe île ile lake mount mt port fort
    cape cap saint st ste sainte boulevard bd avenue av chemin allée quai cours impasse
    calle avenida rua via viale piazza plaza paseo""".split()  # noqa: SIM905
)
_WORD_BEFORE = re.compile(r"(\w+)\.?[ \t]+$")


def _place(text: str, start: int, end: int) -> bool:
    """The span, or the word right before it, starts with a place word."""
    words = text[start:end].split()
    before = _WORD_BEFORE.search(text[max(0, start - 12) : start])
    first = words[0].lower().rstrip(".")
    return (len(words) > 1 and first in _PLACE_WORDS) or bool(
        before and before.group(1).lower() in _PLACE_WORDS
    )


# "Billy Bishop Toronto City Airport", "Jean Lesage International": a place named after
# someone.
_PLACE_NAMED_AFTER = re.compile(
    r"(?:[ \t]+[A-Z][\w'’.-]*){0,3}?[ \t]+(?:International|Airport|A[ée]roport|Park|Bridge"
    r"|Stadium|Arena|Centre|Center|Hall|Tower|Square|Library|Museum|University|College"
    r"|Hospital|School|Building|Station|Expressway|Highway|Parkway|Room|Boardroom|Lounge"
    r"|Auditorium|Wing)\b"
)


def _not_a_person(text: str, start: int, end: int, brands: list[tuple[int, int]]) -> bool:
    """A brand, firm, product, street, place or a title's place: words that only look like
    a name."""
    return (
        _named_after_someone(text, start, end, brands)
        or bool(_STREET_LAST.search(text[start:end]))
        or _title_place(text, start, end)
        or bool(_AIRPORT_AFTER.match(text, end))
        or bool(_PLACE_NAMED_AFTER.match(text, end))
        or _place(text, start, end)
    )


# Given names that are everyday English words: at the head of a sentence, before a word in
# lower case that is no deed of a person, the tagger misreads a verb or a noun ("Bill
# payments made after 8 p.m.", "Mark as read", "Will the fee apply?").
_EVERYDAY_GIVEN = frozenset(
    """bill mark will grace rose jack frank may june hope faith joy dawn amber art ray max
    cash rich miles hunter lane dean chase drew guy don nick ruby pearl iris lily sky summer
    april august penny sandy carol clay cliff dale earl gene sue pat rob bob sterling
    reed wade chance ivy holly angel crystal""".split()  # noqa: SIM905
)
_SENTENCE_HEAD = re.compile(r"(?:^|[.!?:;]['\"’”)]?[ \t]+|\n[ \t]*(?:[-*•][ \t]+)?)$")
_LOWER_NEXT = re.compile(r"[ \t]+[a-z]")


def _everyday_opener(text: str, start: int, end: int) -> bool:
    """A lone everyday word that heads a sentence and reads on in lower case: a given name
    that is also a word ("Bill payments …"), or a word no one is named ("Identify which …")."""
    word = text[start:end]
    lowered = word.lower()
    return (
        (
            lowered in _EVERYDAY_GIVEN
            or (" " not in word and known_word(lowered) and lowered not in given_names())
        )
        and bool(_SENTENCE_HEAD.search(text[max(0, start - 4) : start]))
        and bool(_LOWER_NEXT.match(text, end))
        and not PERSONAL_AFTER.match(text, end)
    )


def _foreign_prose(span: str) -> bool:
    """What the English tagger reads as a name in another language's sentence: a word in
    another script ("Новые"), or a capitalised opener and an English noun with no given
    or family name among them ("Laut Konditionenblatt Stand", "Consulte la Circular")."""
    words = span.split()
    if any(not _latin(w) for w in words):
        return True
    lowered = [w.lower().strip(".,:;'’") for w in words]
    names = any_names()
    return (
        len(words) >= 2
        and span.isascii()  # "Trần Thị Hồng Nhung" is a name, whatever its last word reads as
        and lowered[0] not in names
        and known_word(lowered[-1])
        and lowered[-1] not in names
    )


# Months and articles the tagger takes for names in other languages' sentences ("en su
# reunión de Marzo", "Il Regolamento (UE) …").
_MONTH_WORDS = frozenset(
    """enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    gennaio febbraio aprile maggio giugno luglio settembre ottobre novembre dicembre januar
    februar märz juni juli oktober dezember janeiro fevereiro março maio junho julho setembro
    outubro novembro dezembro""".split()  # noqa: SIM905
)
_ARTICLES = frozenset("il lo gli la le les el los las der die das den dem des".split())  # noqa: SIM905


def _not_a_name_abroad(span: str) -> bool:
    words = [w.lower().strip(".,:;'’") for w in span.split()]
    if all(w in _MONTH_WORDS or w in _PARTICLES for w in words):
        return True
    names = any_names()
    return len(words) == 2 and words[0] in _ARTICLES and words[1] not in names


def _quoted_word(text: str, start: int, end: int) -> bool:
    """One ordinary English word in quotes ("replaced by 'Atlas'"): a code name."""
    word = text[start:end].lower()
    return (
        " " not in word
        and text[start - 1 : start] in ("'", "‘", '"', "“")
        and text[end : end + 1] in ("'", "’", '"', "”")
        and known_word(word)
        and word not in any_names()
    )


def _latin(word: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in word)


class _Names(SpacyRecognizer):
    """spaCy's PERSON entities, less common words and brands it mistakes for names."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Result]:
        found = super().analyze(text, entities, nlp_artifacts)
        brands = [(m.start(), m.end()) for m in _BRANDS.finditer(text)]
        return [
            r
            for r in found
            if _looks_like_a_name(text[r.start : r.end])
            and not _not_a_person(text, r.start, r.end, brands)
            and not bare_possessive(text, r.start, r.end)
            and not _HOLIDAY.search(text[r.start : r.end])
            and not _everyday_opener(text, r.start, r.end)
            and not _foreign_prose(text[r.start : r.end])
            and not _not_a_name_abroad(text[r.start : r.end])
            and not _quoted_word(text, r.start, r.end)
        ]


# "René-Lévesque Ouest", "King Street West": a street's direction, not a surname.
_COMPASS = re.compile(r"(?i)\b(?:ouest|est|nord|sud|east|west|north|south)$")


class _MisreadNames(SpacyRecognizer):
    """Organisations and places the tagger named that read as a person's full name: every
    word a name word, one of them outside the English vocabulary, no brand, firm, product or
    street about it ("Tomasz Nowak" yes; "Canadian Tire", "Wealth Advisor" no)."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Result]:
        found = super().analyze(text, [_MISREAD], nlp_artifacts)
        brands = [(m.start(), m.end()) for m in _BRANDS.finditer(text)]
        kept = []
        for r in found:
            span = text[r.start : r.end]
            words = span.split()
            if (
                2 <= len(words) <= 4
                and _looks_like_a_name(span)
                and words[-1][0].isupper()  # "Numéro de"
                and not any("." in w.rstrip(".") for w in words)  # "P.O. Box"
                and not _COMPASS.search(span)
                and unusual(words)
                and not _not_a_person(text, r.start, r.end, brands)
            ):
                kept.append(Result(entity_type=NAME_BY_SHAPE, start=r.start, end=r.end, score=0.7))
        return kept


# Two name words: a given name, then a family name of Faker's lists or a word outside the
# English vocabulary ("Sofia Almeida", "Adebayo Ogunleye").
_PAIR = re.compile(
    r"(?<![\w@.'’])(?-i:[A-Z][^\W\d_]+)[ \t]+"
    r"(?:(?:de|da|dos|das|del|van|von|der|den|al|el|bin)[ \t]+)?"
    r"(?-i:[A-Z][^\W\d_]+)(?:[-'’](?-i:[A-Z][^\W\d_]+))?(?![\w@])"
)


_JOINER = re.compile(r"[-'’]")


def _paired_names(text: str) -> list[Span]:
    """Full names by their words alone, for texts that also hold a person's values (the
    caller keeps a shape's name only there, or in a text about people)."""
    brands = [(m.start(), m.end()) for m in _BRANDS.finditer(text)]
    found = []
    for m in _PAIR.finditer(text):
        words = m.group().split()
        first, last = words[0].lower(), _JOINER.split(words[-1])[0].lower()
        if (
            first in given_names()
            and first not in _EVERYDAY_GIVEN
            and first not in ("north", "south", "east", "west")
            and (last in surnames() or not known_word(last))
            and last not in given_names()
            and last not in BUSINESS_WORDS
            and _looks_like_a_name(m.group())
            and not _not_a_person(text, m.start(), m.end(), brands)
            and not _HOLIDAY.search(m.group())
            and not famous(m.group())
        ):
            found.append(Span(NAME_BY_LISTS.lower(), m.start(), m.end(), 0.7))
    return found


def _rule_names(text: str) -> list[Span]:
    """Names found by a cue or by layout, less those a product word gives away ("Dr. Martens
    boots"); a cue outweighs a brand list ("Ms. Tiffany Chase" is a person)."""
    return [
        s
        for s in find_names(text) + names_by_company(text)
        if not _PRODUCT_AFTER.match(text, s.end)
        and not _IS_A_BRAND.match(text, s.end)
        and not _title_place(text, s.start, s.end)
    ]


def _listed_names(text: str) -> list[Span]:
    """Names known by a listed given name, less brands, firms, products and streets named
    after someone ("Charles Schwab", "Victoria Park Dental")."""
    brands = [(m.start(), m.end()) for m in _BRANDS.finditer(text)]
    return [s for s in listed_names(text) if not _not_a_person(text, s.start, s.end, brands)]


_VERSION_AFTER = re.compile(
    r"[ \t]*(?:release|version|build|firmware|update|patch|of the app)\b", re.I
)


def _version_like(value: str) -> bool:
    """ "10.4.2.1", "3.2.0.12": every part small, as in a version or an outline number."""
    parts = value.split(".")
    return len(parts) == 4 and all(p.isdigit() and int(p) < 32 for p in parts)


_IPV6_TAIL = re.compile(r"[0-9A-Fa-f:]*[0-9A-Fa-f]")


def _whole_ipv6(text: str, found: Result) -> Result:
    """Presidio's IPv6 pattern can stop at "::"; the address runs on to its last group."""
    if ":" not in text[found.start : found.end]:
        return found
    tail = _IPV6_TAIL.match(text, found.end)
    if tail:
        found.end = tail.end()
    return found


class _Ips(IpRecognizer):
    """Presidio's IPv4/IPv6 recognizer, less version and section numbers."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[Result]:
        found = [
            _whole_ipv6(text, r)
            for r in super().analyze(text, entities, nlp_artifacts, regex_flags)
        ]
        return [
            r
            for r in found
            if not _version_like(text[r.start : r.end])
            and not _VERSION_AFTER.match(text, r.end)
            and not _VERSION_CUE.search(text[max(0, r.start - 30) : r.start])
        ]


class _OfflineEmailRecognizer(EmailRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        # A known public suffix, or a reserved one (.example, .test, .local) that a real
        # mailbox in a document can still name.
        domain = pattern_text.rsplit("@", 1)[-1]
        return _TLD(domain).fqdn != "" or bool(re.fullmatch(r".+\.[A-Za-z]{2,24}", domain))


class _RuleRecognizer(EntityRecognizer):
    """One of our detectors, seen by Presidio as a recognizer."""

    def __init__(self, name: str, kinds: list[str], detect: Callable[[str], list[Span]]) -> None:
        self._detect = detect
        super().__init__(
            supported_entities=[k.upper() for k in kinds], name=name, supported_language="en"
        )

    def load(self) -> None:
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Result]:
        return [
            Result(entity_type=s.kind.upper(), start=s.start, end=s.end, score=s.score)
            for s in self._detect(text)
        ]


def build(pipeline: str) -> AnalyzerEngine:
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(_Names(supported_entities=["PERSON"]))
    registry.add_recognizer(_MisreadNames(supported_entities=[_MISREAD]))
    registry.add_recognizer(_OfflineEmailRecognizer())
    registry.add_recognizer(_Ips())
    registry.add_recognizer(
        _RuleRecognizer(
            "numbers",
            ["card", "sin", "ssn", "phone", "iban", "account", "email", "licence", "passport"],
            find_numbers,
        )
    )
    registry.add_recognizer(_RuleRecognizer("names", ["name"], _rule_names))
    registry.add_recognizer(
        _RuleRecognizer("listed_names", ["name", "name_by_shape"], _listed_names)
    )
    registry.add_recognizer(_RuleRecognizer("paired_names", ["name_by_lists"], _paired_names))
    registry.add_recognizer(_RuleRecognizer("birth_dates", ["dob"], find_birth_dates))
    registry.add_recognizer(_RuleRecognizer("addresses", ["address"], find_addresses))
    registry.add_recognizer(
        _RuleRecognizer(
            "table_columns",
            ["name", "dob", "email", "phone", "address", "sin", "ssn", "account", "card"],
            find_in_tables,
        )
    )
    return AnalyzerEngine(
        registry=registry, nlp_engine=_LoadedSpacyEngine(pipeline), supported_languages=["en"]
    )


_lock = threading.Lock()
_engines: dict[str, AnalyzerEngine] = {}


def analyzer(pipeline: str) -> AnalyzerEngine:
    with _lock:
        if pipeline not in _engines:
            _engines[pipeline] = build(pipeline)
        return _engines[pipeline]


def kind_of(entity_type: str) -> str:
    return ENTITY_KINDS.get(entity_type, entity_type.lower())
