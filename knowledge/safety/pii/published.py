"""Values that look personal but belong to no one: a team's mailbox, the numbers card
networks and standards publish as examples, and the slots, labels and masks of forms.

- A mailbox named for a team or a function ("privacy@…", "cartes.affaires@…",
  "security-incident@…") reaches an office, not a person: every word of its local part is a
  word of the trade, none a given name.
- A published test card number ("4111 1111 1111 1111") or the ISO 13616 example IBAN is
  left alone only where the words beside it say it is for testing or shows a format.
  Elsewhere it is redacted like any other number: a learner may paste one, and redacting
  it costs nothing.
- A template's slot ("[Agent First Name]"), a form's label before its blank ("NAME OF
  APPLICANT: ____"), a format mask ("C-000000"), a branch's transit number alone ("branch
  00012"), a regulation's letter ("Reg. Z") and a team's name ("Customer Care Centre") are
  the shape of data, not anyone's.
- Addresses that templates and fiction make up ("123 Any Street, Anytown", "221B Baker
  Street") or the bank gives as its own ("our head office"), routing, transit and sort
  codes, documentation IP blocks where the text says so, postcode masks ("A1A 1A1"), layouts
  shown by counting ("L1234-12345-12345"), the spelling alphabet, and places named after
  someone ("the Elizabeth line", "Florence, Alabama").
"""

from __future__ import annotations

import ipaddress
import re

from knowledge.safety.pii.given_names import any_names, given_names
from knowledge.safety.pii.people import BUSINESS_WORDS, known_word

_TEAM_WORDS = frozenset(
    """
    phishing abuse spam reportphishing reportfraud
    support help helpdesk servicedesk desk info information contact contacts enquiries inquiries
    questions question hello team teams office offices service services customer customers care
    client clients cards card business commercial corporate privacy security secure incident
    incidents learning training development academy education aml kyc fraud disputes dispute
    billing accounts account payments payment statements collections credit lending loans risk
    audit compliance legal finance accounting treasury ops operations admin administration it
    hr people talent careers jobs recruiting media press news newsletter marketing sales
    partners partner merchant merchants onboarding feedback complaints complaint ombudsman
    escalations noreply no reply donotreply do not notifications notification alerts alert
    rewards benefits invoices invoice orders bookings reception frontdesk front webmaster
    postmaster hostmaster abuse sandbox test demo example sample branch branches contact-us
    cartes carte affaires entreprises service-client clientele clientèle soutien aide
    conformite conformité fraude plaintes paie courriel equipe équipe formation apprentissage
    ventes comptes servicing name names user username yourname firstname lastname first last you
    someone email
    """.split()  # noqa: SIM905
)
_LOCAL_WORD = re.compile(r"[^\W\d_]+")


def team_mailbox(address: str) -> bool:
    """An e-mail address whose local part names a team or a function, not a person."""
    local = address.split("@", 1)[0].lower()
    words = _LOCAL_WORD.findall(local)
    if not words:
        return False
    return all(_team_word(w) or _team_compound(w) for w in words)


def _team_word(word: str) -> bool:
    return word in _TEAM_WORDS or (word in BUSINESS_WORDS and word not in given_names())


def _team_compound(word: str) -> bool:
    """Two team words run together: "cardservices", "learningoffice"."""
    return any(_team_word(word[:i]) and _team_word(word[i:]) for i in range(3, len(word) - 2))


# Test numbers the card networks and payment processors publish, and ISO 13616's example
# IBANs: digits and letters only, upper case.
_EXAMPLES = frozenset(
    """
    4111111111111111 4012888888881881 4222222222222 4242424242424242 4000056655665556
    4000000000000002 4000000000009995 4000000000000069 4000000000000127 4000000000000077
    4000002500003155 4000002760003184 4000008400001629 4000000000003220 4000000000000341
    4000000000009979 4000000000000101 4000000000000036 4100000000000019 4000000000000259
    4000000000001976 4000000000003063 4000000000003238
    5555555555554444 5105105105105100 5200828282828210 2223003122003222 5454545454545454
    378282246310005 371449635398431 378734493671000 6011111111111117 6011000990139424
    3056930009020004 30569309025904 38520000023237 3530111333300000 3566002020360505
    GB82WEST12345698765432 DE89370400440532013000 FR1420041010050500013M02606
    FR7630006000011234567890189
    NL91ABNA0417164300 ES9121000418450200051332 BE68539007547034 CH9300762011623852957
    GB29NWBK60161331926819 IT60X0542811101000000123456 AT611904300234573201
    IE29AIBK93115212345678 PT50000201231234567890154 LU280019400644750000 DK5000400440116243
    NO9386011117947 SE4550000000058398257466 FI2112345600000785 PL61109010140000071219812874
    078051120 219099999 046454286 123456782 123456789
    """.split()  # noqa: SIM905
)
# Words that say a number is for testing, not anyone's ("sandbox", "test card", "format").
# "Example" alone is not enough: "an example customer file reads: card …" may quote a real
# one. The word itself counts, not a domain such as "corp.example".
_SAYS_TEST = re.compile(
    r"(?i)(?<![.@\w])(?:test(?:ing)?|sandbox|demo|dummy|fake|fictional|placeholder|format"
    r"|iso 13616|fictif|fictive|essai|documentation|pruebas?|teste|testes|published|registry"
    r"|specimen|samples?|validator|unit tests?|tutorials?|textbook)(?!\w|\.\w)"
    r"|测试|測試|テスト|示例|サンプル"
)


def example_number(text: str, start: int, end: int) -> bool:
    """A published test or example number, beside words that say it is one."""
    compact = re.sub(r"[\W_]", "", text[start:end]).upper()
    near = text[max(0, start - 200) : end + 80]
    return compact in _EXAMPLES and bool(_SAYS_TEST.search(near))


_SLOT = re.compile(r"[\[{<]{1,2}[^\[\]{}<>\n]{1,60}[\]}>]{1,2}")
_SLOT_WORDS = re.compile(
    r"(?i)\b(?:name|first|last|full|nom|pr[ée]nom|client|customer|agent|employee|rep"
    r"|cardholder|applicant|date|number|num[ée]ro|address|adresse|phone|email)\b"
)
_BLANK_AFTER = re.compile(r"[ \t]*:[ \t]*(?:_{2,}|\.{4,})")
_BRANCH_NUMBER_BEFORE = re.compile(r"(?i)\b(?:branch|transit|succursale|institution)[ \t#:no.]*$")
_REGULATION = re.compile(r"Reg\.?[ \t]+[A-Z]{1,2}")
# A team or a title, not a person: "the Customer Care Centre", "Mobile Sales Specialist".
_UNIT_LAST = frozenset(
    """centre center unit team department desk office specialist manager advisor adviser
    committee division bureau agency services users holders cardholders members name
    names street avenue road lane boulevard drive square place terrace crescent room
    boardroom lounge hall wing auditorium""".split()  # noqa: SIM905
)
# Words of the trade that read like surnames: "passes the Luhn check".
_TERMS = frozenset({"luhn", "mod-97", "sepa", "swift", "iban", "bic"})
# Numbers kept for fiction: North America's 555-0100 to 555-0199, Ofcom's drama ranges.
_FICTION_NUMBER = re.compile(
    r"(?:1?\d{3})?55501\d\d$|^(?:44|0)?7700900\d{3}$|^(?:44|0)?2079460\d{3}$"
)
_SAYS_FICTION = re.compile(
    r"(?i)\b(?:reserved|fictional|fictitious|drama|e\.g\.|for example|style guide|sample data"
    r"|test data|dummy data|placeholder)\b"
)
# The bank's own lines, named as such.
_BANK_LINES = re.compile(
    r"(?i)\b(?:official (?:lines?|numbers?)|l[íi]neas? oficial\w*|lignes? officielle\w*"
    r"|switchboard|head[- ]office (?:line|number|switchboard)|num[ée]ros? publi[ée]s?"
    r"|published (?:number|line)s?|publicly listed"
    r"|n[úu]meros? publicados?|ver[öo]ffentlicht\w*)\b"
    r"|カードセンター|客服中心"
)


# A name given to someone made up, a pet or a business: "the fictional applicant is …",
# "AML scenario persona: …", "the customer's dog is named …", "the business is called …".
_NOBODY_BEFORE = re.compile(
    r"(?i)(?:\b(?:fictional|fictitious|made-up|imaginary|invented)\b[^\n]{0,40}"
    r"|\b(?:persona|scenario|role-?play(?: card| character)?)[ \t]*:"
    r"[ \t]*(?:[^.\n]{0,12})?"
    r"|\bmet en scène[ \t]+"
    r"|\b(?:dog|cat|pet|puppy|kitten|horse|parrot)(?:'s name)?[ \t]+(?:is[ \t]+)?"
    r"(?:named|called)[ \t]+"
    r"|\b(?:business|merchant|company|shop|store|firm|restaurant|caf[ée])[ \t]+(?:is[ \t]+)?"
    r"(?:called|named)[ \t]+"
    # "the character Walter White from …", "the character … from Breaking Bad"
    r"|\bcharacters?[ \t]+(?:called[ \t]+|named[ \t]+)?"
    r"|\bcharacter[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}[ \t]+(?:from|in|of)[ \t]+)$"
)


def _in_slot(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return any(
        m.start() <= start - line_start
        and end - line_start <= m.end()
        and _SLOT_WORDS.search(m.group())
        for m in _SLOT.finditer(line)
    )


# North American toll-free numbers (800, 888, 877, 866, 855, 844, 833).
_TOLL_FREE = re.compile(
    r"^\+?1?[\s.\-\u2011]*\(?8(?:00|88|77|66|55|44|33)\)?[\s.\-\u2011]*\d{3}[\s.\-\u2011]*\d{4}$"
)
# The UK's freephone (0800, 0808) and non-geographic lines (03xx, 084x, 087x): numbers
# organisations rent, never a person's home or mobile.
_UK_NON_GEOGRAPHIC = re.compile(
    r"^(?:\+44[\s.\-]*(?:\(0\))?[\s.\-]*|0)(?:80[08]|3[0-9]{2}|84[0-9]|87[0-9])[\s.\-]*\d{3}[\s.\-]*\d{3,4}$"
)
# A line an organisation runs, named just before or after the number: "media contact:",
# "fax for disputes:", "(collect, from outside North America)", "24/7 hotline".
_ORGANISATION_LINE = re.compile(
    r"(?i)\b(?:toll[- ]free|collect calls?|call collect|\(collect|media (?:contact|relations|line)"
    r"|press (?:office|contact|line)|fax(?: line| number)?(?: for [a-z ]{3,30})?|hotline|helpline"
    r"|help line|call cent(?:re|er)|contact cent(?:re|er)|customer (?:service|care)(?: line)?"
    r"|service line|sans frais|ligne d'assistance|service à la clientèle)\b"
)
_EXTENSION_AFTER = re.compile(r"(?i)[ \t,]*(?:x|ext\.?|extension|poste)[ \t]*\d")
_PERSONAL_LINE_BEFORE = re.compile(
    r"(?i)\b(?:home|cell|mobile|personal|direct|my|his|her|their|mr|mrs|ms|dr|client|customer"
    r"|called back|reach (?:me|him|her)|domicile|cellulaire)\b"
)


# An address a template makes up ("123 Any Street, Anytown"), or one the text gives as the
# bank's own ("our head office mailing address is …").
_MADE_UP_ADDRESS = re.compile(
    r"(?i)\bany[ \t]?(?:town|street|city|ville)\b|\b(?:fake|sample|dummy)[ \t]+street\b"
    # addresses of fiction and of public offices that examples borrow
    r"|\b221b baker street|\b742 evergreen terrace|\b1600 pennsylvania avenue|\b10 downing street"
    r"|\b4 privet drive|\b1313 mockingbird lane|\b12 grimmauld place|\b24 sussex drive"
)
_OWN_ADDRESS_BEFORE = re.compile(
    r"(?i)\b(?:head|main|registered|corporate|our)[ \t]+(?:office|branch)|\bheadquarters\b|\bhq\b"
    r"|si[èe]ge social|bureau principal|oficina central|\bsede\b"
    # a company's seat, a venue, or a floor of an office building
    r"|\b(?:subsidiary|affiliate|filiale|entity|company|soci[ée]t[ée])\b[^\n.]{0,30}"
    r"\b(?:registered|located|based|incorporated|immatricul\w+)\b"
    r"|\b(?:arena|stadium|museum|hotel|airport|warehouse|factory|mall)\b[^\n.]{0,12}\bis at\b"
    r"|\b(?:floor|level|étage|etage|piso|stock)[ \t]+(?:\d+\w*,[ \t]*)?$"
)
# A company's registry number: "RCS Paris B 552 120 222", "SIREN 552 120 222", "EIN …".
_COMPANY_NUMBER_BEFORE = re.compile(
    r"(?i)\b(?:siren|siret|rcs(?:[ \t]+[A-Z][\w-]*)?(?:[ \t]+[AB])?|n[°º]?[ \t]*tva"
    r"|vat(?: number| no\.?)?|ein|fein|business number"
    r"|company (?:registration )?(?:number|no\.?)|crn|kvk|hrb|abn|acn"
    r"|uen|cnpj|nif|cif)\b[ \t:#.-]{0,4}(?:de[ \t]+)?(?:la[ \t]+)?$"
)
# A template's slot: "{{address_line_1}}", "{first_name}".
_TEMPLATE_SLOT = re.compile(r"\{\{?[\w. |-]*\}?\}?")


_CAPITAL_BEFORE = re.compile(r"\b([A-Z][a-z]+)[ \t]+$")
_RELEASE_AFTER = re.compile(r"-?v\d")


def _title_case_word(text: str, start: int, end: int) -> bool:
    """One ordinary word after a capitalised one, no name among them: "No Cardholder
    Authorization", "Cardholder Dispute"."""
    word = text[start:end].strip("'\"’”.,;:").lower()
    before = _CAPITAL_BEFORE.search(text[max(0, start - 25) : start])
    names = any_names()
    return (
        " " not in word
        and before is not None
        and before.group(1).lower() not in names
        and known_word(word)
        and word not in names
    )


# A bank's SWIFT/BIC code: eight to eleven capitals (and digits) after the word.
_BIC = re.compile(r"[A-Z]{6}[A-Z0-9]{2,5}\b")
_BIC_CUE = re.compile(r"(?i)\b(?:swift|bic)\b[^\n]{0,12}$")


_ROUTING_BEFORE = re.compile(
    # the bank's own code, named a few words before ("routing number for US-dollar wires
    # is …"), unless a person's account or insurance number is named in between
    r"(?i)\b(?:routing|aba|transit|sort code|bsb|ifsc|swift)\b"
    r"(?:(?!account|acct|a/c|\bsin\b|ssn)[^\n\d]){0,35}$"
)
# The word after a name that makes it an organisation's ("… Bank", "… Credit Union").
_ORGANISATION_AFTER = re.compile(
    r" (?:Bank|Banque|Banco|Credit Union|Trust|Financial|Insurance|Assurance|Capital"
    r"|Holdings|Group|Ltd|Ltée|Inc|Corp|Corporation|LLC|LLP|GmbH|S\.?A\.?|Plumbing|Woodworks"
    r"|Bakery|Consulting|Construction|Logistics|Foods|Motors|Hardware|Dental|Pharmacy)\b"
)
# A street's name: a house number before it, a street word after it or ending it.
_STREET_WORD = (
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Lane|Way"
    r"|Crescent|Court|Place|Terrace|Parkway)"
)
_STREET_AFTER = re.compile(rf"[ \t]+{_STREET_WORD}\b")
_STREET_LAST = re.compile(rf"[ \t]{_STREET_WORD}$")
_NUMBER_BEFORE = re.compile(r"\b\d{1,6}[A-Za-z]?[ \t]+$")
# A place or a thing named after someone: "the Elizabeth line", "Florence, Alabama".
_PLACE_AFTER = re.compile(
    r"[ \t]+(?:line|station|street|road|avenue|park|square|bridge|building|tower|centre|center"
    r"|hospital|university|college|school|airport|river|lake|award|prize|foundation|act"
    r"|fund|index|effect|mall|arena|stadium)\b"
    r"|,[ \t]+(?:alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware"
    r"|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine"
    r"|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada"
    r"|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma"
    r"|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah"
    r"|vermont|virginia|washington|west virginia|wisconsin|wyoming|ontario|quebec|manitoba"
    r"|saskatchewan|alberta|british columbia|nova scotia|new brunswick|newfoundland"
    r"|prince edward island|italy|france|england|scotland|wales|ireland|australia)\b",
    re.I,
)
_SAYS_DOCUMENTED = re.compile(
    r"(?i)\brfc ?5737\b|\bdocumentation\b|\bexample (?:range|block|address)|\breserved for\b"
)
_COUNTING = "1234567890"
# Postcode layouts shown as masks: "A1A 1A1" (Canada), "AA9A 9AA" (UK).
_POSTAL_MASKS = frozenset({"A1A 1A1", "A9A 9A9", "AA9A 9AA", "AA9 9AA", "A9 9AA", "A99 9AA"})
# The spelling alphabet read out on calls ("Alfa, Bravo, Charlie …"): its words are names
# only when the text is not reciting it.
_SPELLING = frozenset(
    """alfa alpha bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima
    mike november oscar papa quebec romeo sierra tango uniform victor whiskey x-ray yankee
    zulu""".split()  # noqa: SIM905
)


# A private address named as part of the network itself ("gateway 192.168.10.1", "DNS
# 10.0.0.2"): it reaches the bank's equipment, never anyone's home or laptop.
_DEVICE_BEFORE = re.compile(
    r"(?i)\b(?:gateway|dns|router|subnet|firewall|proxy|dhcp|ntp|vlan|load balancer|allow-?list"
    r"|whitelist|netmask|passerelle)\b"
    r"(?:[^\n;.]|\.(?=\S)){0,40}$"
)


_LEDGER_BEFORE = re.compile(
    r"(?i)\b(?:gl|g/l|general[- ]ledger|ledger|cost cent(?:re|er)|nominal)[ \t]+"
    r"(?:account|acct|code|no\.?)?[ \t#:]*$"
)
_ISO_DATE = re.compile(r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])")
_IN_DOTTED_QUAD = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
# An address given as a company's or a bank's ("… Woodworks Ltd. is", "émises par Banque …,")
# or as where a function's mail goes ("mailing address for chargebacks:").
_ORGANISATION_BEFORE = re.compile(
    r"\b(?:Bank|Banque|Banco|Credit Union|Ltd|Ltée|Inc|Corp|LLC|LLP|GmbH|Limited|Incorporated)\.?"
    r"(?:[ \t]+(?:is|est)(?:[ \t]+at)?)?[ \t]*[,:]?[ \t]*$"
    r"|\b(?:Banque|Banco|Bank of|Caisse|Credit Union of)\b[^\n,.]{0,40},[ \t]*$"
    r"|\b(?:Succursale|Branch|Agence)\b[^\n,.:]{0,40}[ \t]*:[ \t]*$"
    r"|\b(?:Unit|Department|Dept\.?|Centre|Center|Division|Team|Services|Processing)[ \t]*,[ \t]*$"
    r"|(?i:\baddress(?:e)?[ \t]+(?:for|pour|des?)[ \t]+(?:\w+[ \t]+)?"
    r"(?:chargebacks?|disputes?|payments?|remittances?|complaints?|litiges|paiements"
    r"|réclamations))[ \t]*:[ \t]*$"
)


def _token_around(text: str, start: int, end: int) -> str:
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."):
        start -= 1
    while end < len(text) and (text[end].isdigit() or text[end] == "."):
        end += 1
    return text[start:end].strip(".")


def _network_device(text: str, start: int, value: str) -> bool:
    try:
        private = ipaddress.ip_address(value.strip()).is_private
    except ValueError:
        return False
    return private and bool(_DEVICE_BEFORE.search(text[max(0, start - 30) : start]))


def _place_named(text: str, end: int) -> bool:
    """A place noun in lower case ("the Elizabeth line") or a state after a comma."""
    m = _PLACE_AFTER.match(text, end)
    return m is not None and (m.group().startswith(",") or m.group().strip().islower())


def _spelling_alphabet(text: str, value: str) -> bool:
    spelled = {w.lower() for w in re.findall(r"[A-Za-z-]+", value)}
    if not spelled or not spelled <= _SPELLING:
        return False
    return len({w.lower() for w in re.findall(r"[A-Za-z-]+", text)} & _SPELLING) >= 5


def nobodys(text: str, kind: str, start: int, end: int) -> bool:
    """The value at text[start:end], found as `kind`, belongs to no one (see the module)."""
    value = text[start:end]
    digits = [c for c in value if c.isdigit()]
    in_template = "{" in value or "}" in value or text[max(0, start - 2) : start].endswith("{")
    if in_template and not _TEMPLATE_SLOT.sub("", value).strip(" ,.:;"):
        return True  # only a template's slots
    if kind in ("sin", "ssn", "account", "phone") and _COMPANY_NUMBER_BEFORE.search(
        text[max(0, start - 30) : start]
    ):
        return True
    if kind == "email":
        return team_mailbox(value)
    if kind == "account" and _LEDGER_BEFORE.search(text[max(0, start - 25) : start]):
        return True  # "GL account 4100-200": the bank's own books, not a client's account
    if kind == "phone" and _ISO_DATE.fullmatch(value.strip()):
        return True  # "2025-03-03": a date written the ISO way, not a number to call
    if kind == "dob" and _IN_DOTTED_QUAD.fullmatch(_token_around(text, start, end)):
        return True  # "10.10.0.53": an address on a network, not a date
    if (
        kind == "address"
        and (
            "H0H 0H0" in value.upper()  # Santa Claus's, at the North Pole
            or value.upper().strip() in _POSTAL_MASKS
            or _MADE_UP_ADDRESS.search(text[max(0, start - 20) : end + 20])
            or _OWN_ADDRESS_BEFORE.search(text[max(0, start - 80) : start])
            or _ORGANISATION_BEFORE.search(text[max(0, start - 60) : start])
            # "the Calgary distribution centre on 2025-03-18": no number to find anyone by
            or not re.search(r"\d", _ISO_DATE.sub("", value))
        )
    ):
        return True
    if kind in ("card", "iban", "ssn", "sin", "account") and example_number(text, start, end):
        return True
    if kind == "phone" and (
        (_FICTION_NUMBER.search(re.sub(r"\D", "", value)) and _SAYS_FICTION.search(text))
        or _BANK_LINES.search(text)
    ):
        return True
    if (
        kind == "phone"
        and (_TOLL_FREE.match(value) or _UK_NON_GEOGRAPHIC.match(value))
        and not _EXTENSION_AFTER.match(text, end)
    ):
        # A toll-free line is a business's; a person is reached on one only by extension.
        return not _PERSONAL_LINE_BEFORE.search(text[max(0, start - 40) : start])
    if (
        kind == "phone"
        and (
            _ORGANISATION_LINE.search(text[max(0, start - 40) : start])
            or _ORGANISATION_LINE.search(text[end : end + 30])
        )
        and not _PERSONAL_LINE_BEFORE.search(text[max(0, start - 40) : start])
        and not _EXTENSION_AFTER.match(text, end)
    ):
        return True
    if kind in ("sin", "ssn", "account", "phone") and _ROUTING_BEFORE.search(
        text[max(0, start - 50) : start]
    ):
        return True  # a routing, transit or sort code: the bank's, not a person's
    if len(digits) >= 5 and len(set(digits)) == 1 and (len(digits) >= 7 or digits[0] in "09"):
        return True  # "C-000000", "999999999", "(555) 555-5555": a mask or a format
    groups = re.findall(r"\d+", value)
    if len(groups) >= 2 and len(digits) >= 8 and all(_COUNTING.startswith(g) for g in groups):
        return True  # "L1234-12345-12345": a layout shown by counting, each group from 1
    if (
        kind == "account"
        and len(digits) == 5
        and _BRANCH_NUMBER_BEFORE.search(text[max(0, start - 20) : start])
    ):
        return True
    if kind == "ip":
        # A range written as a network ("10.20.0.0/16") addresses no one's machine, nor do
        # the blocks RFC 5737 keeps for documentation where the text says they are those.
        documented = value.lower().startswith(
            ("192.0.2.", "198.51.100.", "203.0.113.", "2001:db8:")
        ) and bool(_SAYS_DOCUMENTED.search(text))
        return (
            bool(re.match(r"/\d{1,3}\b", text[end : end + 4]))
            or documented
            or _network_device(text, start, value)
        )
    if kind == "name" and _title_case_word(text, start, end):
        return True  # "'Cardholder Dispute'": a term in title case, not a person
    if kind == "name":
        return bool(
            # "GRACE-v2": a release, not a person
            value.endswith("-v")
            # "Northern Maple Bank", "350 Albert Street": an organisation's or a street's name
            or bool(_ORGANISATION_AFTER.match(text, end))
            or bool(
                (_STREET_AFTER.match(text, end) or _STREET_LAST.search(value))
                and _NUMBER_BEFORE.search(text[max(0, start - 10) : start])
            )
            or bool(_RELEASE_AFTER.match(text, end))
            or (_BIC.match(value) and _BIC_CUE.search(text[max(0, start - 20) : start]))
            or _in_slot(text, start, end)
            or _BLANK_AFTER.match(text, end)
            or _REGULATION.fullmatch(value.strip())
            or value.split()[-1].lower().strip(".,;:'\"’”") in _UNIT_LAST
            or _spelling_alphabet(text, value)
            or _place_named(text, end)
            or value.strip(" .,'\"").lower() in _TERMS
            or bool(_NOBODY_BEFORE.search(text, max(0, start - 40), start))
            # "[XXXX XXXX XXXX XXXX]", "NNN": a layout's letters, not a name
            or bool(re.fullmatch(r"(?i:x{2,}|n{2,}|y{2,})(?:[ \t]+(?i:x{2,}|n{2,}|y{2,}))*", value))
        )
    return False
