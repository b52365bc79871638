"""Numbers that identify a person: cards, SINs, SSNs, phones, IBANs, account numbers.

Candidates are runs of digit groups, whatever separates them (spaces, dots, dashes, a line
break); every contiguous stretch of groups is tried, longest first, and kept only when a
checksum (Luhn, mod-97) or the phone-number rules (`phonenumbers`, US and CA) accept it,
or when a cue word ("account", "SIN") says what it is. Negative context (SKU, section,
APR, MCC, amounts) keeps look-alikes in training text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from stdnum import isbn, luhn
from stdnum.iso7064 import mod_97_10
from stdnum.us import rtn
from stdnum.us import ssn as std_ssn


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int
    score: float = 0.9


_GROUP = re.compile(r"\d+")
# What may sit between two groups of one value (never more than one line break).
_SEP = re.compile(r"[ \t]*(?:[-./()]|\r?\n)?[ \t]*\(?[ \t]*")
# A run may end in an extension typed straight on ("416-555-0199x12").
_RUN = re.compile(
    # after a comma only a CSV cell starts one ("…com,(713) 290-8847"), never "1,234"
    # a Chinese, Japanese or Korean word runs straight into its number ("卡号6011 …")
    r"(?:(?<![.,$])(?<!(?![\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])\w)"
    r"|(?<=,)(?=\d{9}|\d{4}|\(|\+|\d{1,3}[ \t]\d))"
    r"\+?\(?\d[\d \t\-./()\r\n]*\d"
    r"(?!(?!x\d|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])\w|\.\d|,\d{1,3}(?!\d))"
)

_NEGATIVE = re.compile(
    r"(?i)(?:\bsku|\bitem|\bparts?\b|\bmodel|\bsection|\bsec\.|§|\bregulation|\breg\b\.?|\brule"
    r"|\bcfr|\bu\.?s\.?c|\bapr|\brate|\bmcc|\bbin|\biin|\bmerchant category|\bcode|\binvoice"
    r"|\border|\bref(?:erence)?\b|\bversion|\bv\.|\bisbn|\bforms?\b|\bpages?\b|\bbatch|\blot|\bcatalog"
    r"|\bproduct|\bart\.|\barticle|\bpolicy|\bchapter|\bparagraph|\bpara\.|\btable|\bfigure"
    r"|\bstep|\bstore|\bticket|\bcase|\bclause|\bschedule|\bappendix|\bno\.\s*de\s*pi[eè]ce"
    r"|\bbarcode|\bean\b|\bupc\b|\btracking|\bserial|\bwaybill|\bconfirmation|\bauthori[sz]ation"
    r"|\bauth\b|\bapproval|\bincident|\bdispute id|\bfraud case|\btransaction id|\bbatch"
    r"|\bterminal|\bmerchant id|\bmid\b|\btid\b|\bstore #|\bbranch|\binstitution|\btransit"
    r"|\bclaim|\bquote|\brequest|\brma\b|\bdocket|\bfile (?:no|number|#|id)|\breceipt|\bapplication"
    r"|\bid\b|\bpo\b|\bp\.o\.|\bpurchase order|\bwork order|\bvoucher|\bcoupon|\bloyalty"
    r"|\bbooking|\breservation|\bitinerary|\bpnr\b|\bshipment|\bparcel|\bpackage|\bcontainer"
    r"|\bpermit|\blicen[cs]e key|\bgift card|\bpromo|\bcertificate|\bregistration|\bsubmission"
    r"|\bconf\b|\btrace|\bsequence|\bseq\b|\bcheque (?:no|number|#)|\bcheck (?:no|number|#)"
    r"|\barn\b|\brrn\b|\bstan\b|\bbatch id|\blocator|\br[ée]f[ée]rence|\bpin\b|\bpasscode"
    r"|\bmeeting id|\bconference id|\bwebinar id|\bbuild\b"
    r"|\bnum[ée]ro de (?:dossier|commande|r[ée]clamation))"
    r"[^\n\d]{0,20}$"
    # "the claim number they gave him is …": a labelled number may stand a clause away.
    r"|(?i:\b(?:claim|order|reference|ref\.?|confirmation|case|ticket|tracking|incident|dispute"
    r"|r[ée]f[ée]rence|dossier|policy)[ \t]+(?:number|no\.?|#|num[ée]ro|id)\b)[^\n\d]{0,35}$"
)
# Three spaces or a tab between digit groups: table columns, not one value typed in groups.
_COLUMN_GAP = re.compile(r"\d(?: {3,}|\t)[ \t]*\d")
_AMOUNT_BEFORE = re.compile(r"[$€£¥]\s*$|(?i:\b(?:usd|cad|eur))\s*$")
_AMOUNT_AFTER = re.compile(r"^\s*(?:%|(?i:percent|bps|basis|usd|cad|dollars|\$))")

# A plural ("accounts", "members") counts things; a table cell ("Chequing | 45120") or a
# word such as "opened", "per", "range" between cue and number says it is a figure.
_ACCOUNT_CUE = re.compile(
    r"(?i)(?:\baccount|\bacct|\ba/c|\bacc\b|\brouting|\bchequing|\bchecking|\bsavings"
    r"|\bcompte|\bfolio|\bcuenta|\bkonto|\bconta|\bclabe|\bmortgage|\bline of credit|\bIBAN"
    r"|_acct\b|_account\b|\bkontonummer|\bkontonr\b|\brekeningnummer|num[ée]ro de compte"
    r"|n[úu]mero de (?:cuenta|conta)"
    r"|\bBACS|\bc/c\b|\bBSB|\bABA|\bCBU|\bCVU|\bNUBAN|akaunti|\brekening|\brachun\w*|\bhesap|普通|当座|口座|계좌"
    r"|账户|账号|帳戶|\b[úu][čc]tu\b|\b[úu][čc]et\b|сч[её]т\w*"
    r"|(?:\bloan|\bmember(?:ship)?|\bcustomer|\bclient)(?:'s)?[ \t]*(?:number|no\b|nbr|num\b|#|id\b"
    r"|account|acct|file|card))"
    r"(?![a-z])(?:(?!\b(?:opened|closed|per|by|range|total|count|type|from|to|between|through"
    r"|balances?|years?|region|service|support|line|care|e\.g|for example|such as|like)\b)"
    r"[^\n\d|]){0,35}$"
)
# "starts with 489537", "ending in 4821": a prefix or the last four, never the number.
_ROUTING_PAIR = re.compile(r"(?<!\d)(\d{9})[ \t]*(?:/|,|then|and)[ \t]*$")
# "252382011696 (checking)": the kind of account right after the number.
_ACCOUNT_AFTER = re.compile(
    r"(?i)[ \t]*(?:\w+[ \t]+)?\((?:that'?s |it'?s )?(?:my |his |her |their )?"
    r"(?:checking|chequing|savings|current|cheque|compte|cuenta|conta|konto)\b"
)
_PREFIX_CUE = re.compile(
    r"(?i)(?:starts? with|begins? with|beginning|prefix|ending in|ends? in|ending|last (?:4|four)"
    r"|range|\bBINs?\b|\*{2,}|x{3,})[^\n\d]{0,6}$"
)
# The number's own name may stand a clause away ("SSN for the dispute case: …"); a short
# word that means other things ("sin" in Spanish, "social") must stand close.
_SIN_CUE = re.compile(
    r"(?i)(?:(?:social insurance|\bNAS\b|assurance sociale)[^\n\d]{0,45}|\bsin\b[^\n\d]{0,20})$"
)
_SSN_CUE = re.compile(
    r"(?i)(?:(?:\bssn|s\.s\.n\b|social security|\bSS ?#|\bSS No|\bSS number|\bsoc\.?[ \t]*sec\b"
    r"|s[ée]curit[ée] sociale|seguro social|taxpayer (?:id|number))[^\n\d]{0,45}"
    r"|(?:\bsocial\b(?!\s+insurance)|\bTIN\b|\bITIN\b)[^\n\d]{0,20})$"
)
_PHONE_CUE = re.compile(
    r"(?i)(?:phone|tel\b|mobile|cell|call|text|fax|t[ée]l[ée]phone|cellulaire|reach|contact"
    r"|whats ?app|signal|sms|landline|\bdial(?:l?ed|ing)?\b(?!-in)|\b[pmtchw]:"
    r"|\bll[áa]me(?:nos)?\b|\bllamar\b|m[óo]vil|celular|tel[ée]fono|telefone|telem[óo]vel"
    r"|\bhandy\b|\bportable\b|\bligue\b|\bappel(?:ez|er)\b|\bt[ée]l\b|\bmobil\w*|\bcep\b|\bmob\b"
    r"|\bs[íi]mi\b|\btlf\b|điện thoại|\bpuhelin\b|\bringde\b|\bтел\w*|телефон|هاتف|جوال|טלפון"
    r"|τηλ|電話|电话|手机|携帯|연락처|전화|휴대폰|โทร|联系方式|मोबाइल|फ़ोन|फोन"
    r"|\b(?:his|her|their|my|your|ur)[ \t]+(?:number|no\.?|#)|\bll[áa]ma(?:me|nos|rla|rle|la|le)\b"
    r"|\bsdt\b|s[ốo] đi[ệe]n tho[ạa]i|\b(?:nomor|no\.?)[ \t]+(?:hp|telepon|wa)\b|\bsimu\b"
    r"|\bmensagem\b|\bzap\b|r[üu]ckruf\w*|erreichbar unter|rufnummer|unter der nummer"
    r"|\bdirect line\b|\b(?:my|his|her|their)[ \t]+(?:(?:own|personal|private)[ \t]+)?line\b)"
    r"[^\n\d]{0,20}$"
)
_PHONE_CUE_FAR = re.compile(
    r"(?i)(?:phone|tel\b|mobile|cell|t[ée]l[ée]phone|cellulaire|whats ?app|m[óo]vil|celular"
    r"|tel[ée]fono|telefone)[^\n\d]{0,45}$"
)
_CARD_CUE = re.compile(
    r"(?i)(?:card|\bpan\b|visa|mastercard|amex|american express|carte|tarjeta)[^\n\d]{0,25}$"
)
_OWN_CUE = {
    "card": _CARD_CUE,
    "sin": _SIN_CUE,
    "ssn": _SSN_CUE,
    "phone": _PHONE_CUE,
    "account": _ACCOUNT_CUE,
}
_ALNUM_ACCOUNT = re.compile(
    r"(?i)(?:(?:account|acct|a/c|compte)(?![a-z])\s*(?:number|no\.?|num|#|id)?"
    r"|(?:member|loan|customer|client)\s*(?:number|no\.?|num|#|id))"
    r"\s*[:#]?\s*(?P<value>[A-Z]{0,4}[-]?\d[A-Z0-9]*(?:[- /.][A-Z0-9]*\d[A-Z0-9]*){0,5})"
)
_EXTENSION = re.compile(
    r"(?i)[ \t,;]*\(?[ \t]*(?:ext\.?|extension|x|poste|#|ext=)[ \t]*\d{1,6}\b\)?"
)
_DIGIT_WORDS = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_SPELLED_NUMBER = re.compile(rf"(?i)\b{_DIGIT_WORDS}(?:[\s,.-]+{_DIGIT_WORDS}){{8,18}}\b")
# Read out with digits and words mixed: "416 five five five 0 one nine eight".
_MIXED_NUMBER = re.compile(
    rf"(?i)(?<![\w-])(?:{_DIGIT_WORDS}|\d{{1,4}})"
    rf"(?:[ \t,.-]+(?:{_DIGIT_WORDS}|\d{{1,4}})){{6,18}}(?![\w-])"
)
_OBFUSCATED_EMAIL = re.compile(
    r"(?i)[\w.+-]+(?:\s*[\[(]\s*dot\s*[\])]\s*[\w+-]+)*\s*[\[(]\s*at\s*[\])]\s*[\w-]+(?:\s*[\[(]\s*dot\s*[\])]\s*[\w-]+)+"
    # spelled out: "olu dot bakare at gmail dot com"
    r"|\b[\w.+-]+(?:\s+dot\s+[\w+-]+)*\s+at\s+[\w-]+(?:\s+dot\s+[\w-]+)*\s+dot\s+"
    r"(?:com|ca|net|org|io|co|uk|fr|de|es|it|br|in|au|edu|gov|info|biz|example|me|us)\b"
)
# Driver's licence numbers in the layouts Quebec ("C4810-170491-08") and Ontario
# ("W2391-57084-20518") print them: a letter, then digit groups of those sizes.
_LICENCE_LAYOUT = re.compile(
    r"(?<![\w-])[A-Za-z]\d{4}[ \t]?[- ]?[ \t]?"
    r"(?:\d{6}[ \t]?[- ]?[ \t]?\d{2}|\d{5}[ \t]?[- ]?[ \t]?\d{5})(?![\w-])"
    # the UK's: five letters of the surname, six digits, initials, a digit and two letters
    r"|(?<![\w-])[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}(?![\w-])"
)
_ID_DOCUMENT = re.compile(
    r"(?i)(?P<cue>licen[cs]e|\bDL\b|permis de conduire|passport|passeport|pasaporte|passaporte"
    r"|F[üu]hrerschein|reisepass|pasaport|paszport|паспорт|護照|护照|여권|جواز|דרכון"
    r"|διαβατήριο|passaporto|h[ộo] chi[ếe]u|passi\b|pas\b)"
    # a separator, or none after a cue in Chinese or Japanese ("护照号码E38472916")
    r"[^\n\d]{0,25}?(?:[ \t:#(\"'=：>]|(?<=[\u3400-\u9fff]))"
    r"(?P<value>[A-Z]{0,3} ?\d[A-Z0-9]*(?:[- /][A-Z0-9]*\d[A-Z0-9]*){0,5})"
)
# The cues above that name a driving licence; the rest name a passport.
_LICENCE_CUE = re.compile(r"(?i)licen|DL|permis|f[üu]hrer")
_IBAN = re.compile(r"(?i)(?<![A-Z0-9])[A-Z]{2}[ ]?\d{2}(?:(?:[ \-]|[ ]?\n)?[A-Z0-9]){10,32}")


def iban_valid(value: str) -> bool:
    """Shape and mod-97 check digits (ISO 13616), for any country's length."""
    compact = re.sub(r"[\s-]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    return mod_97_10.is_valid(compact[4:] + compact[:4])


def _before(text: str, start: int, width: int = 40) -> str:
    return text[max(0, start - width) : start]


# The bank's own lines, printed for everyone: "main line 416-555-0100", "lost or stolen
# card: call collect at …". A personal word nearer the number outweighs them.
_PUBLISHED = re.compile(
    r"(?i)\b(?:main line|toll[- ]free|call collect|collect call|switchboard|hotline|help ?desk"
    r"|service (?:centre|center|line|desk)|lost (?:or|and|/) stolen|branch|head office"
    r"|contact cent(?:re|er)|customer service|card services|fraud (?:line|department|team"
    r"|centre|center)|call cent(?:re|er)|operations cent(?:re|er)|succursale|service à la"
    r" client[eè]le|si[èe]ge social)\b[^\n.!?]{0,45}$"
)
_PERSONAL_BEFORE = re.compile(
    r"(?i)\b(?:her|his|their|my|client|customer|cardholder|cell|mobile|home|direct|personal"
    r"|cellulaire|wife|husband|spouse|me|moi|mon|ma)\b[^\n]{0,25}$"
)


def published_line(text: str, start: int) -> bool:
    """A number the bank publishes (a branch, a service line), not somebody's own."""
    return bool(_PUBLISHED.search(_before(text, start, 70))) and not _PERSONAL_BEFORE.search(
        _before(text, start, 30)
    )


def _negative(text: str, start: int, end: int, width: int = 40) -> bool:
    before = _before(text, start, width)
    return bool(
        _NEGATIVE.search(before)
        or _AMOUNT_BEFORE.search(before)
        or _AMOUNT_AFTER.match(text[end : end + 12])
    )


def _phone(raw: str) -> bool:
    for region in ("US", "CA"):
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            # A toll-free line belongs to a business, never to a person.
            return phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.TOLL_FREE
    return False


# Where the bank's clients write from: a mobile number as dialled at home there.
_ABROAD = (  # noqa: SIM905
    "GB IE AU NZ IN PK BD LK NG GH KE ZA EG MA ID PH VN MY TH JP KR CN HK SG TW BR AR CL CO PE"
    " MX FR DE NL BE IT ES PT CH AT PL TR SE NO DK FI IL AE SA"
).split()
# Layouts only a mobile number has: China's 3-4-4, India's 5-5, Brazil's (area) 9xxxx-xxxx.
_MOBILE_LAYOUT = re.compile(
    r"1[3-9]\d[ -]\d{4}[ -]\d{4}|[6-9]\d{4} \d{5}|\(?\d{2}\)? ?9\d{4}-\d{4}"
)
_MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


# The number goes on a code of letters and digits ("1Z 999 AA1 0123 4567 84"): its tail.
_CODE_BEFORE = re.compile(r"(?i)\b[A-Z]+\d[A-Z\d]*[ \t]+$")


def _mobile_abroad(raw: str, digits: str) -> bool:
    """ "07700 900461", "0722 481 956", "0812-2736-4490", "139-1057-2846": a mobile number
    of a country where the bank's clients live, written as it is dialled there (a trunk 0,
    or a layout only mobile numbers have)."""
    if re.fullmatch(r"07[1-9]\d{8}", digits):
        return True  # the UK's mobile range, the made-up 07700 900… numbers included
    if not (re.fullmatch(r"0[1-9]\d{8,10}", digits) or _MOBILE_LAYOUT.fullmatch(raw)):
        return False
    for region in _ABROAD:
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if (
            phonenumbers.is_valid_number(number)
            and phonenumbers.number_type(number) in _MOBILE_TYPES
        ):
            return True
    return False


def _international(raw: str) -> bool:
    """ "+44 20 7946 0958", "+33 6 12 34 56 78": a number written with its country code."""
    try:
        number = phonenumbers.parse("+" + raw.lstrip("+").replace("\n", " "), None)
    except phonenumbers.NumberParseException:
        return False
    if number.country_code == 44 and re.fullmatch(r"7[1-9]\d{8}", str(number.national_number)):
        return True  # a UK mobile, the made-up 07700 900… range included
    return phonenumbers.is_valid_number(number) and (
        phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.TOLL_FREE
    )


# Issuer prefixes of the networks a person's card comes from: Visa 4, Mastercard 51-55 and
# 2221-2720, Amex 34/37, Discover 6011/644-649/65, Diners 300-305/36/38/39, JCB 35.
_CARD_PREFIX = re.compile(
    r"4|5[1-5]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|3[47]|6011|64[4-9]|65|30[0-5]|3[689]|35"
    r"|62"
)


def _card_prefix(digits: str) -> bool:
    return bool(_CARD_PREFIX.match(digits))


def _card_groups(raw: str) -> bool:
    """Typed as one number ("4520 1234 5678 9012", "3714 496353 98431", unbroken), not a row
    of four-digit figures that happens to pass Luhn ("2019 2020 2021 2022")."""
    groups = re.findall(r"\d+", raw)
    if len(groups) == 1:
        return True
    if sum(bool(re.fullmatch(r"(?:19|20)\d\d", g)) for g in groups) >= 3:
        return False
    sizes = [len(g) for g in groups]
    if all(s == 1 for s in sizes):  # read out digit by digit
        return True
    # One kind of break throughout: "4512 0000 – 4512 9999" is a range of two numbers.
    if len({re.sub(r"\s+", " ", sep) for sep in re.findall(r"\D+", raw)}) > 1:
        return False
    return sizes[0] == 4 and (all(s == 4 for s in sizes[1:-1]) or sizes[1] in (6, 5))


# Digits that finish a code with a letter prefix: "DSP-2025-000318", "INC-0049382".
_CODE_PREFIX = re.compile(r"\b[A-Z]{2,6}-$")
_NUMBER_CUE = re.compile(r"(?i)\b(?:number|no\.|#)[ \t]*:?[ \t]*$")
# "(555) 123-4567", "+1 555.234.5678": the North American layout, 3-3-4 digits.
_NANP_SHAPE = re.compile(
    r"(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}(?P<sep>[ .-]))\d{3}(?(sep)(?P=sep)|[ .-])\d{4}"
)


_CLOCK_TIME = re.compile(r":[0-5]\d\b")
_DOTTED_QUAD = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
# An IPv4 address named as one ("my ip 207.81.14.166"): whatever else the text says of
# versions, it is the learner's machine.
_NAMED_IP = re.compile(
    r"(?i)\b(?:ip|ip address|adresse ip|direcci[óo]n ip)\b[^\n\d]{0,15}"
    r"(?P<ip>(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d))(?![\d.])"
)
_DATE_THEN_HOUR = re.compile(
    r"(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])[ T]"
)


def _classify(text: str, start: int, end: int, digits: str, alone: bool) -> str | None:
    """What the digits at text[start:end] are; `alone` when no other digit group runs on
    from them (a SIN written without its name, not three cells of a table row)."""
    raw = text[start:end]
    if _CLOCK_TIME.match(text, end) or _DATE_THEN_HOUR.match(raw) or _DOTTED_QUAD.fullmatch(raw):
        return None  # "2025-02-14 09:41 UTC": a timestamp, never a phone or an account
    if "." in raw and re.search(r"\.\d(?:\.|$)", raw):
        return None  # "Chrome 125.0.6422.113": a version, its parts a digit or more each
    if len(digits) == 13 and digits[:3] in ("978", "979") and isbn.is_valid(digits):
        return None  # a book's ISBN-13
    if digits.startswith("98765432"):
        return None  # the SSA's block for advertisements, 987-65-4320 to 4329: nobody's
    sizes = [len(g) for g in re.findall(r"\d+", raw)]
    before = _before(text, start)
    n = len(digits)
    if 13 <= n <= 19 and _card_prefix(digits) and _card_groups(raw) and luhn.is_valid(digits):
        return "card"
    if n == 9:
        if _SIN_CUE.search(before):
            return "sin"
        if _SSN_CUE.search(before):
            return "ssn"
        if re.fullmatch(r"\d{3}\D+\d{2}\D+\d{4}", raw) and std_ssn.is_valid(digits):
            return "ssn"
        if sizes in ([9], [3, 3, 3]) and alone and luhn.is_valid(digits):
            return "sin"
    if _ACCOUNT_CUE.search(before) and not _PREFIX_CUE.search(before) and 5 <= n <= 22:
        return "account"  # up to Argentina's CBU, 22 digits
    if 6 <= n <= 22 and _ACCOUNT_AFTER.match(text, end):
        return "account"
    routing = _ROUTING_PAIR.search(text, max(0, start - 16), start)
    if 5 <= n <= 17 and routing and rtn.is_valid(routing.group(1)):
        return "account"  # "ACH from 021000021 / 483920017745": routing, then account
    if re.fullmatch(r"\d{2}-\d{2}-\d{2}[ \t]*/?[ \t]*\d{8}|\d{6}[ \t]+\d{8}", raw):
        return "account"  # a UK sort code and account number
    if re.fullmatch(r"\d{5}[- ]\d{3}[- ]\d{7,12}", raw):
        return "account"  # transit, institution and account: a Canadian account in full
    if 10 <= n <= 11 and _phone(raw.replace("\n", " ")):
        return "phone"
    if (
        10 <= n <= 12
        and not re.search(r"\d[.-]?[ \t]*$", text[max(0, start - 3) : start])
        and not re.match(r"[ \t]*[.-]?\d", text[end : end + 3])
        and "/" not in text[max(0, start - 1) : end + 1]
        and not _CODE_BEFORE.search(text, max(0, start - 12), start)
        and _mobile_abroad(text[start - (text[start - 1 : start] == "(") : end], digits)
    ):
        return "phone"
    if 8 <= n <= 15 and "+" in text[max(0, start - 2) : start + 1] and _international(raw):
        return "phone"
    exit_code = re.match(r"00|011", digits)  # "0033 1 42 …", "011 44 20 …": dialled abroad
    if n >= 10 and exit_code and _international(digits[exit_code.end() :]):
        return "phone"
    toll_free = re.match(r"1?8(?:00|33|44|55|66|77|88)", digits)
    if _PHONE_CUE.search(before) and 7 <= n <= 11 and not toll_free:
        return "phone"
    if (
        _NANP_SHAPE.fullmatch(text[start - (text[start - 1 : start] == "(") : end])
        and not toll_free
    ):
        return "phone"  # written as a phone number, even with a made-up area code (555)
    if re.fullmatch(r"\d{3}[-.]\d{4}", raw) and _NUMBER_CUE.search(before):
        return "phone"  # "her number: 555-0142", a local number
    return None


_RANGE_AFTER = re.compile(r"[ \t]*(?:-|to|through|thru)[ \t]*(\d+)(?!\d)", re.I)
_RANGE_BEFORE = re.compile(r"(?<!\d)(\d+)[ \t]*(?:-|to|through|thru)[ \t]*$", re.I)


def _range_bound(text: str, start: int, end: int, digits: int) -> bool:
    """One end of a range of like numbers ("4512340000000000–4512349999999999", "400000 to
    499999"): figures of a scheme, not somebody's number."""
    if digits < 5:
        return False
    after = _RANGE_AFTER.match(text, end)
    before = _RANGE_BEFORE.search(text[max(0, start - 30) : start])
    return bool(
        (after and len(after.group(1)) == digits) or (before and len(before.group(1)) == digits)
    )


def find_numbers(text: str) -> list[Span]:
    spans: list[Span] = []
    for run in _RUN.finditer(text):
        groups = [(m.start() + run.start(), m.end() + run.start()) for m in _GROUP.finditer(run[0])]
        taken: list[tuple[int, int]] = []
        # Longest stretches first; a shorter one only where nothing was found yet.
        for size in range(min(len(groups), 19), 0, -1):
            for i in range(len(groups) - size + 1):
                start, end = groups[i][0], groups[i + size - 1][1]
                if any(not (end <= s or start >= e) for s, e in taken):
                    continue
                chunk = text[start:end]
                if "\n\n" in chunk or chunk.count("\n") > 1:
                    continue
                if _COLUMN_GAP.search(chunk) or ("\n" in chunk and "  " in chunk):  # a table
                    continue
                digits = re.sub(r"\D", "", chunk)
                if len(digits) < 4:
                    continue
                if _range_bound(text, start, end, len(digits)):
                    continue
                kind = _classify(text, start, end, digits, size == len(groups))
                if kind is None or (kind != "card" and _CODE_PREFIX.search(text, 0, start)):
                    continue
                if kind == "phone":  # "+1 (416) 555-0199": the "+" and "(" belong to it
                    if start > 0 and text[start - 1] == "(" and ")" in chunk:
                        start -= 1
                    while start > 0 and text[start - 1] in "+ " and "+" in text[start - 3 : start]:
                        start -= 1
                cued = _ACCOUNT_CUE.search(_before(text, start)) or _PHONE_CUE.search(
                    _before(text, start)
                )
                negative = _negative(text, start, end) or _negative(text, run.start(), end)
                if kind == "card" and negative:
                    # A checksummed card number is a reference only when labelled so right
                    # before it ("ref 4520 …"), not when a receipt is named a clause away.
                    negative = _negative(text, start, end, width=16)
                own = _OWN_CUE[kind].search(_before(text, start))
                if kind == "phone" and not own:
                    # "Phone number on the application is 306 555 0199": the cue may stand a
                    # clause away from a number written in a phone's own layout.
                    own = _PHONE_CUE_FAR.search(_before(text, start, 50)) and _NANP_SHAPE.search(
                        text[start:end]
                    )
                if negative and not (cued or own):
                    continue
                if kind == "phone" and published_line(text, start):
                    continue
                if kind == "phone" and (ext := _EXTENSION.match(text, end)):
                    end = ext.end()
                spans.append(Span(kind, start, end))
                taken.append((start, end))
    spans += _ibans(text)
    spans += _alnum_accounts(text)
    spans += [Span("passport", m.start(), m.end()) for m in _MRZ_LINE.finditer(text)]
    for m in _SPELLED_NUMBER.finditer(text):  # read out: a card, a phone, or a SIN/SSN by cue
        kind = _read_out(text, m.start(), m[0]) or "phone"
        spans.append(Span(kind, m.start(), m.end(), 0.8))
    for m in _MIXED_NUMBER.finditer(text):
        if not re.search(_DIGIT_WORDS, m[0], re.I) or not re.search(r"\d", m[0]):
            continue  # all words is the pattern above; all digits, the digit runs
        kind = _read_out(text, m.start(), m[0])
        if kind:
            spans.append(Span(kind, m.start(), m.end(), 0.8))
    spans += [Span("email", m.start(), m.end(), 0.8) for m in _OBFUSCATED_EMAIL.finditer(text)]
    spans += [Span("licence", m.start(), m.end(), 0.8) for m in _LICENCE_LAYOUT.finditer(text)]
    spans += [Span("ip", m.start("ip"), m.end("ip"), 0.85) for m in _NAMED_IP.finditer(text)]
    for m in _ID_DOCUMENT.finditer(text):
        value = m.group("value")
        digits = sum(c.isdigit() for c in value)
        if digits >= 5 or (digits >= 4 and len(value) >= 8):
            kind = "licence" if _LICENCE_CUE.match(m.group("cue")) else "passport"
            spans.append(Span(kind, m.start("value"), m.end("value"), 0.85))
    return spans


_WORD_DIGIT = {
    w: str(i)
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    )
} | {"oh": "0"}


def _read_out(text: str, start: int, spoken: str) -> str | None:
    """What a number read out in digits and words is: a card by its checksum, a SIN or an
    SSN by its cue, else a phone number of seven to eleven digits."""
    digits = "".join(
        _WORD_DIGIT.get(token.lower(), token) for token in re.findall(r"[A-Za-z]+|\d+", spoken)
    )
    before = _before(text, start)
    if 13 <= len(digits) <= 19 and luhn.is_valid(digits):
        return "card"
    if len(digits) == 9 and _SIN_CUE.search(before):
        return "sin"
    if len(digits) == 9 and _SSN_CUE.search(before):
        return "ssn"
    return "phone" if 7 <= len(digits) <= 11 else None


def _ibans(text: str) -> list[Span]:
    found: list[Span] = []
    for m in _IBAN.finditer(text):
        raw = m[0]
        # The match may swallow a following word: take the longest prefix that validates.
        for cut in range(len(raw), 14, -1):
            candidate = raw[:cut]
            if candidate[-1] in " -\n" or (cut < len(raw) and raw[cut].isalnum()):
                continue
            if candidate.upper() != candidate and candidate.lower() != candidate:
                continue  # one case throughout: "GB29 … was used" is not part of it
            last_group = re.split(r"[ \n-]", candidate)[-1]
            lower_word = candidate.islower() and not any(c.isdigit() for c in last_group)
            if not lower_word and iban_valid(candidate):
                found.append(Span("iban", m.start(), m.start() + cut, 1.0))
                break
    return found


# A line of a passport's or an identity card's machine-readable zone (ICAO 9303: 30, 36 or
# 44 characters of capitals, digits and "<" fillers): it spells the holder's names, the
# document number and the date of birth, so the whole line goes.
_MRZ_LINE = re.compile(
    r"(?m)^(?=[A-Z0-9<]*<[A-Z0-9<]*<)(?=(?:[<]*[A-Z0-9]){5})[A-Z0-9<]{30,44}[ \t]*$"
)


def _alnum_accounts(text: str) -> list[Span]:
    found: list[Span] = []
    for m in _ALNUM_ACCOUNT.finditer(text):
        value = m.group("value").rstrip(" ./-")
        if sum(c.isdigit() for c in value) >= 5 and not _PREFIX_CUE.search(text[: m.start()]):
            start = m.start("value")
            found.append(Span("account", start, start + len(value), 0.8))
    return found
