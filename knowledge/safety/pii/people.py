"""Names, dates of birth and postal addresses.

Names: spaCy's PERSON entities (through Presidio) plus names after a role word or title
("my client", "cardholder", "Mr", "Mme"). Dates of birth: a date after a birth cue in
English, French or Spanish ("DOB", "born", "née le"); other dates are training content.
Addresses: `pyap` for US and Canadian street addresses, plus street lines, rural routes,
PO boxes and postal codes it misses, each grown to the rest of its address.
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)

from __future__ import annotations

import re
import sys

import pyap

from knowledge.safety.pii.given_names import COMMON_GIVEN, given_names, surnames
from knowledge.safety.pii.numbers import Span

# pyap vendors an old `six` whose import hook lacks `find_spec`, so every later import in
# the process would warn; pyap itself only uses `six.iteritems`, never the hook.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__module__ != "pyap.packages.six"]


# Latin-1 plus Latin Extended-A/B and Additional (Nguyễn, Yılmaz, Wiśniewski): those
# ranges mix cases, so they count as both.
_EXT = "Ā-ɏḀ-ỿͰ-ϿЀ-ӿ"  # with Greek and Cyrillic (Иван Петров)
# Scripts without case (Arabic, Hebrew, Devanagari, Thai, kana, CJK, Hangul): a run of them
# stands for a word of a name (王小明, 김민준, محمد).
_UNCASED = "\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0900-\u097f\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
UPPER = f"A-ZÀ-ÖØ-Þ{_EXT}"
LOWER = f"a-zà-öø-ÿ{_EXT}"
NAME_WORD = rf"(?:[{UPPER}][{LOWER}{UPPER}'’]*(?:-[{UPPER}{LOWER}][{LOWER}{UPPER}'’]*)*\.?|[{_UNCASED}]{{1,12}})"
_PARTICLE = r"(?:de|du|des|da|dos|das|del|della|di|la|le|van|von|der|den|ter|bin|binti|al|el|y|e)"
NAME = rf"{NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{NAME_WORD}){{0,3}}"
_ROLE = re.compile(
    r"(?i:\b(?:my|our|the|a|your)?\s*(?:client|customer|cardholder|card holder|account holder"
    r"|(?:joint |primary |secondary )?(?:card|account)?holders?"
    r"|member|applicant|co-applicant|borrower|co-borrower|guarantor|beneficiary|employee"
    r"|caller|spouse|husband|wife|partner|son|daughter|mother|father|colleague|manager"
    r"|named|name is|name's|name|signed|signature|payee|owner|authorized user|authorised user"
    r"|titulaire|titular|solicitante|cliente?|tarjetahabiente|cuentahabiente|monsieur|madame|se[ñn]ora?|sr\.?|sra\.?|srta\.?|herr|frau"
    r"|spoke (?:w/|with|to)|talked to|met with|conversation with|reply to|dossier"
    r"|contact|nom|nombre|attn|attention|belongs to|belonging to|issued to|in the name of"
    r"|on behalf of|payable to|made out to|joint with|addressed to|registered to|held by|owned by|signed by"
    r"|submitted by|requested by|authori[sz]ed by|e-?transfer to|wire to|refund to|mailed to"
    r"|shipped to|au nom de|a nombre de|tenant|tenants|landlord|recipient|sender|remitter"
    r"|cosigner|co-signer|executor|heir|trustee|agent|surname|given names?|first name|last name"
    r"|full name|legal name|maiden name|family name|supplementary|card ?member|cust"
    r"|contractor|subcontractor|freelancer|learner|trainee|participant|attendee|student"
    r"|ship to|deliver to|(?:q|question|message|note|feedback|comment|dm) from|asiakas|kundin|kunde|klientka|klient|m[üu][şs]teri"
    r"|pelanggan|kh[áa]ch h[àa]ng|h[ọo] v[àa] t[êe]n|h[ọo] t[êe]n|नाम|se llama)(?![\w])"
    r"(?:\s*(?:is|was|called|named|:|,|-|—|–|on (?:the )?card|on file|of record|person|name"
    r"|names|details|\(s\)|since \d{4}))*\s*)"
    rf"(?P<name>{NAME})"
)
_TITLE = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Mme|Mlle|Mmes|M|Prof|Sr|Sra|Srta|Dra|Madam|Mama|Papa|Dona|Doña"
    rf"|Sig\.ra|Sig|Herr|Frau|Mevrouw|Meneer|Pak|Bu|Bapak|Ibu|W/ro|Ato)\.?[ \t]+(?P<name>{NAME})"
)
# A title after the name: "Mehmet Bey", "Ayşe Hanım".
_TITLE_AFTER = re.compile(rf"\b(?P<name>{NAME_WORD})[ \t]+(?:Bey|Hanım|Hanim|Efendi)\b")
NOT_NAMES = frozenset(
    """the a an this that these those it he she they we you i our your their his her my
    visa mastercard amex interac bank card cards credit debit account please thank thanks
    cheers regards sincerely warmly cordialement saludos merci ciao
    dear hi hello note see yes no ok and or but if when monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september
    october november december feb apr jun jul aug sep sept oct nov dec name names tier part
    section appendix order box mcc code
    unit suite apt owner owners administrator administrators bookkeeper bookkeepers employee
    employees cardholder cardholders accountant controller treasurer auditor approver
    signatory delegate supervisor clerk teller cashier consultant partner member members
    user users viewer editor admin form forms formulaire valued client clients customer
    customers tarjeta tarjetas cuenta cuentas empresa empresas cartão cartões conta contas
    carte compte entreprise""".split()  # noqa: SIM905
)

# Words of job titles, teams and products: "Account Manager, Commercial Cards" is a role.
BUSINESS_WORDS = frozenset(
    """commercial card cards services service business banking bank credit debit accounts
    account payable receivable operations sales risk compliance training program programme
    team department branch office support centre center desk portfolio relationship
    solutions manager director officer analyst advisor adviser specialist lead senior junior
    associate vice president head chief executive coordinator representative agent
    treasury finance financial corporate small enterprise rewards points travel fraud
    disputes collections underwriting lending payments merchant network platinum gold
    infinite elite signature preferred premium classic world cash back entreprises affaires
    cartes comptes succursale agence services case ticket dispute claim incident experience development
    acquiring crimes unit recovery security information technology marketing resources legal
    audit strategy product products digital innovation retail wealth investment investments
    insurance markets division regional national global approval governance controls
    analytics data intelligence management administration prevention protection success
    relations communications procurement purchasing facilities engineering reporting planning
    trainee grade level rep representatives underwriter underwriters banker bankers miles air
    airlines club plus prime store shop mart
    foods jewellers jewelers outfitters pharmacy drugs motors wearhouse warehouse boutique
    hotel hotels resorts cafe café bakery studio studios media networks systems technologies
    software cloud energy telecom wireless express logistics realty properties onboarding
    chargeback chargebacks teller tellers mortgage mortgages issuer issuers acquirer
    acquirers processor processors group groups association institute foundation council
    committee board bureau agency authority society federation alliance consortium university
    college school academy hospital ministry government commission exchange fund funds trade
    invest investing securities capital holdings ventures labs institution institutions co
    inc ltd llc llp corp print printing box agreement agreements request requests application
    applications statement statements policy policies terms conditions guide manual handbook
    notice disclosure disclosures schedule certificate addendum contract waiver consent
    declaration authorization authorisation renewal invoice receipts checklist template
    coffee pizza pizzeria grill bistro diner deli salon spa garage plumbing roofing catering
    landscaping trucking dental clinic brewery bar pub kitchen tacos sushi burgers
    worksheet reviewer reviewers facilitator facilitators learner learners trainer trainers
    instructor coach mentor banque caisse comité comite conseil société societe groupe
    direction ministère agence sección seccion capítulo capitulo chapitre artículo articulo
    annexe anexo tableau tabla""".split()  # noqa: SIM905
)

_MONTHS = (
    r"(?:jan(?:uary|vier)?|feb(?:ruary)?|f[ée]v(?:rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?"
    r"|may|mai|june?|juin|july?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember)?)?|sept(?:embre)?"
    r"|oct(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?|d[ée]c(?:embre)?|enero|febrero|marzo"
    r"|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro"
    r"|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro|januar|februar|m[äa]rz|juni"
    r"|juli|oktober|dezember|januari|februari|maart|mei|augustus|marts|maj|mars|desember"
    r"|ianuarie|styczni\w*|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[śs]nia"
    r"|pa[źz]dziernika|listopada|grudnia|janu[áa]r|febru[áa]r|m[áa]rcius|[áa]prilis|m[áa]jus"
    r"|j[úu]nius|j[úu]lius|augusztus|szeptember|okt[óo]ber"
    r"|जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्टूबर|नवंबर|दिसंबर"
    # Spanish abbreviations, Indonesian, Icelandic, Russian and Ukrainian (genitive)
    r"|ene|abr|ago|dic|pebruari|februari|maret|agustus|nopember|desember|jan[úu]ar|febr[úu]ar"
    r"|apr[íi]l|ma[íi]|j[úu]n[íi]|j[úu]l[íi]|[áa]g[úu]st|september|okt[óo]ber|n[óo]vember|desember"
    r"|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"
    # Turkish and Thai
    r"|ocak|[şs]ubat|mart|nisan|may[ıi]s|haziran|temmuz|a[ğg]ustos|eyl[üu]l|ekim|kas[ıi]m|aral[ıi]k"
    r"|มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม"
    r"|พฤศจิกายน|ธันวาคม)\.?"
)
_ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th|er)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-\w+|thirtieth|thirty-first)"
# A year, a day or a month said aloud: "nineteen seventy-eight", "eighty-nine", "twelve".
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_SAID_NUMBER = rf"(?:{_TENS}(?:[ -]{_UNITS})?|{_TEENS}|{_UNITS})"
_SAID_YEAR = (
    rf"(?:(?:nineteen|twenty)[ -](?:oh[ -]{_UNITS}|{_SAID_NUMBER})|{_TENS}(?:[ -]{_UNITS})?)"
)
_SAID_DATE = (
    rf"{_MONTHS}[ \t]+(?:the[ \t]+)?{_ORDINAL},?[ \t]+{_SAID_YEAR}"
    rf"|(?:the[ \t]+)?{_ORDINAL}[ \t]+of[ \t]+(?:the[ \t]+)?(?:{_ORDINAL}|{_MONTHS}),?[ \t]+"
    rf"(?:{_SAID_YEAR}|['’]\d{{2}})"
    rf"|{_SAID_NUMBER}[ \t]*/[ \t]*{_SAID_NUMBER}[ \t]*/[ \t]*{_SAID_YEAR}"
)
_DATE = re.compile(
    r"(?i)(?<![\w])(?:"
    r"\d{1,2}[/.\- ]\d{1,2}[/.\- ]\d{2,4}"
    r"|\d{1,2}[ \t]*\|[ \t]*\d{1,2}[ \t]*\|[ \t]*\d{4}"
    r"|\d{1,2}[ \t]?[/.-][ \t]?\d{1,2}[ \t]?[/.-][ \t]?\d{4}"
    r"|\d{4}[/.\- ]\d{1,2}[/.\- ]\d{1,2}(?:T[\d:.]+Z?)?"
    r"|\d{8}"
    rf"|\d{{1,2}}\.?[-/ .]{_MONTHS}[-/ .]\d{{2,4}}"
    rf"|\d{{4}}\.?[-/ .]{_MONTHS}[-/ .]\d{{1,2}}"
    r"|(?:昭和|平成|大正|令和)\d{1,2}年\d{1,2}月\d{1,2}日|\d{4}년[ \t]?\d{1,2}월[ \t]?\d{1,2}일"
    rf"|{_SAID_DATE}"
    rf"|(?:(?:the[ \t]+)?{_ORDINAL}[ \t]+(?:de[ \t]+|of[ \t]+)?){_MONTHS}[ \t,]+(?:de[ \t]+)?\d{{2,4}}"
    rf"|{_MONTHS}[ \t]+(?:the[ \t]+)?{_ORDINAL},?[ \t]+(?:\d{{4}}|['’]?\d{{2}})"
    rf"|\d{{2}}{_MONTHS}\d{{4}}"
    r"|\d{4}[ \t]?年[ \t]?\d{1,2}[ \t]?月[ \t]?\d{1,2}[ \t]?日"
    rf"|{_MONTHS}[ \t,]+\d{{4}}"
    rf"|{_MONTHS}[ \t]+['’]\d{{2}}"
    rf"|\d{{1,2}}[ \t]+{_MONTHS}[ \t]+['’]\d{{2}}"
    # a Korean or Japanese date runs straight on into its particle ("…8일입니다")
    r")(?:(?<=[日일])|(?![\w]))"
)
# A birthday named without its year ("birthday: March 7", "DOB 3rd of June"): only right
# after the cue, where no other date can be meant.
_DAY_MONTH = re.compile(
    rf"(?i)(?<![\w])(?:(?:the[ \t]+)?{_ORDINAL}[ \t]+(?:de[ \t]+|of[ \t]+)?{_MONTHS}"
    rf"|{_MONTHS}[ \t]+{_ORDINAL})(?![\w])"
)
_BIRTH_CUE = BIRTH_CUE = re.compile(
    r"(?i)(?:\bdob\b|d\.o\.b|d/o/b|date of birth|birth\s*date|birthdate|birthday|\bb-?day\b"
    r"|\bborn\b|\bbirth\b(?=[ \t]*:)|\bb\.(?=[ \t]*$)|\bn[ée]e? (?:le|en|el)\b|\bn[ée]\(e\)|\bn[ée]e?\b(?=[ \t]*:)|naissance"
    r"|\bnaiss\b|nacimiento|\bnac\b|\bnac[ií]\b|naci[óo]|nacid[oa]|nascimento|nascid[oa]"
    r"|\bnasci\b|nasce\w*|nascita|\bnat[oa]\b|geboren|geburt|\bgeb\.(?=[ \t]*$)|\bf\.(?=[ \t]*$)"
    r"|\bcumple\b|sz[üu]let\w*|जन्म\w*|\bnaroz\w*|\bnar\.|\(s\.(?=[ \t]*$)|syntyn\w*"
    r"|cumplea[ñn]os|compleanno|родил\w*|дата рождения|\bur\.|urodzon\w*|\bf[æø]dd\w*"
    r"|\bfødt\b|γέννησης|ילידת|יליד|sinh ngày|ngày sinh|เกิด|تاريخ الميلاد|تاریخ تولد"
    r"|do[ğg]um tarihi|\bd\.?\s?n\.|f\.\s?d\.\s?n\.|народження|tgl\.? lahir|tanggal lahir|lahir"
    r"|\baged?\b|\bDDN\b|\bFDN\b|geboorte|urodzeni|do[ğg]um|f[øo]dsel|f[öo]dd|syntym"
    r"|出生|生年月日|생년월일)"
    r"[^\n]{0,30}$"
)

_STREET_TYPES = (
    r"(?:street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct"
    r"|crescent|cres|place|pl|terrace|terr|highway|hwy|parkway|pkwy|circle|cir|trail|trl"
    r"|route|rte|square|sq|grove|gardens|gate|heights|hill|line|concession|sideroad|row"
    r"|close|path|pike|loop|alley|point|ridge|run|walk|quay|wharf|mews|esplanade|promenade)\.?"
)
# Words of a sentence, never of a street name: "21 flashcards and 3 exercises in this path".
_PROSE = re.compile(
    r"(?i)\b(?:and|in|this|that|these|those|each|per|with|for|to|your|our|my|are|is|was|were|from"
    r"|will|would|can|could|should|may|might|must|twice|size"
    r"|by|or|at|on|its|their|lessons?|minutes?|days?|hours?|weeks?|months?|years?|steps?|times?"
    r"|basis|percentage|bullet|talking|selling|decimal|data|touch|access|price|match)\b"
)
_STREET = re.compile(
    rf"(?i)(?<![/=:-])\b\d{{1,6}}[A-Z]?(?:-\d{{1,6}})?,?(?:[ \t]+(?:bis|ter))?[ \t]+(?:[NSEW]\.?[ \t]+)?"
    rf"(?:[\w.'’-]+[ \t]+){{0,4}}{_STREET_TYPES}(?![\w=])"
    r"|\b\d{1,6}(?:-\d{1,6})?,?(?:[ \t]+(?:bis|ter))?[ \t]+(?:heol|ffordd|rue|avenue|av\.|boulevard|boul\.|bd|chemin|ch\."
    r"|rang|route|place|mont[ée]e|c[ôo]te|croissant|impasse|all[ée]e|promenade|calle|avenida)"
    r"[ \t]+[\w.'’ -]{2,40}?(?=[,\n]|$)"
)
_RURAL = re.compile(
    r"(?i)\b(?:R\.?R\.?|rural route|H\.?C\.?|star route|P\.?\s?O\.?\s*box|post office box|C\.?\s?P\.?|case postale"
    r"|site|comp(?:artment)?|box|general delivery|poste restante)[ \t#]*\d+\b"
)
_POSTAL = re.compile(
    r"(?i)\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d\b"
    r"|\b(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA"
    r"|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\.?,?[ \t]+\d{5}(?:-\d{4})?\b"
    # the UK's and Ireland's (Eircode), Australia's after the state, Singapore's
    r"|(?-i:\b[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[ABD-HJLNP-UW-Z]{2}\b"
    r"|\b[AC-FHKNPRTV-Y]\d{2}[ \t][AC-FHKNPRTV-Y0-9]{4}\b"
    r"|\b(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)[ \t]+\d{4}\b|\bSingapore[ \t]+\d{6}\b)"
)
# A European address: street and number, a postcode and the city ("Lindenstraße 42, 10969
# Berlin", "Kerkstraat 118-II, 1017 GP Amsterdam", "C/ Alcalá 288, 3º B, 28027 Madrid").
_EUROPEAN = re.compile(
    rf"(?:(?:ul\.|C/|Calle|Rua|Rue|Via|Av\.|Avda\.|Avenida|Plac|Piazza)[ \t]+)?"
    rf"[{UPPER}][\w'’.-]+(?:[ \t]+[\w'’.-]+){{0,3}}?,?[ \t]+\d{{1,5}}[A-Za-z]?(?:[-/][\w]{{1,4}})?"
    rf"(?:,[ \t]*[^,\n]{{1,20}}?)?,[ \t]*(?:[A-Z]{{1,2}}-)?"
    rf"(?:\d{{5}}|\d{{4}}(?:[ \t]?[A-Z]{{2}})?|\d{{2}}-\d{{3}}|\d{{4}}-\d{{3}}|\d{{5}}-\d{{3}}|\d{{3}}[ \t]\d{{2}})"
    rf"[ \t]+[{UPPER}][\w'’-]+(?:[ \t][{UPPER}][\w'’-]*)?"
)
_STREET_LEAD = re.compile(
    r"(?<![\w#-])(?:\d{1,6}[A-Za-z]?(?:[ \t]+[^\W\d_][\w'’.-]*){1,3}"
    rf"|[{UPPER}][\w'’.-]*[ \t]+\d{{1,6}}[A-Za-z]?)(?:[ \t]*#[ \t]*\w+)?[ \t]*,[ \t]*$"
    # the street number alone, when the city pattern took the street's name
    r"|(?<![\w#-])\d{1,6}[A-Za-z]?[ \t]+$"
)
_UNIT_BEFORE = re.compile(
    r"(?i)(?:\b(?:apt|apartment|unit|suite|ste|app|bureau|lot|plot|house|flat|blk|block)|#)\.?[ \t]*"
    r"(?:\w+[,/]?[ \t]*)?(?:\r?\n[ \t]*)?$"
)
# What closes a street with no postal code: up to three places, each of capitalised words
# ("…, Victoria Island, Lagos", "…, L-1145 Luxembourg"), and a state or a postcode.
_PLACE_WORDS = (
    rf"[{UPPER}][\w'’-]*(?:[ \t]+(?:[{UPPER}][\w'’-]*|d[aeiou]s?|of|de la|del))" + "{0,3}"
)
_CITY_AFTER = re.compile(
    rf"^(?:,[ \t]*(?:(?:[A-Z]{{1,2}}-)?(?:\d{{4,5}}|\d{{2}}-\d{{3}}|\d{{4}}-\d{{3}})[ \t]+)?"
    rf"{_PLACE_WORDS}){{1,3}}(?:,?[ \t]+(?:[A-Z]{{2,3}}\b|\d{{4,6}}\b))?(?:[ \t]+\d{{4,6}}\b)?"
)
_UNIT = re.compile(r"(?i)^(?:,?[ \t]*(?:apt|apartment|unit|suite|ste|app|bureau|#)\.?[ \t]*\w+)")


_BEFORE_BIRTH_OR_MAIL = re.compile(
    rf"(?P<name>{NAME}),?[ \t]*(?:\(|<|,[ \t]*(?:n[ée]e?|born|dob|aged?)\b)"
    r"(?=[ \t]*[\w.+-]+@|[ \t]*(?:n[ée]e?|born|dob|aged?)\b|)"
)
_LOWER_TITLE = re.compile(r"(?i)\b(?:mrs|mr|ms|mme|mlle|dr)\.?[ \t]+(?P<name>[^\W\d_][\w'’-]+)")
_SPELLED = re.compile(r"(?<![\w-])(?:[^\W\d_]-){2,}[^\W\d_](?:\s{1,3}(?:[^\W\d_]-){2,}[^\W\d_])*")


_JOB = (
    r"(?i:owner|co-owner|ceo|cfo|coo|president|director|manager|controller|bookkeeper|accountant"
    r"|founder|co-founder|partner|vp|treasurer|administrator|principal|proprietor)"
)
FULL_NAME = rf"{NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{NAME_WORD}){{1,3}}"
# Where a name stands by its layout: "Grace Park from accounts payable", a signature line
# "Zhang Wei | Owner", "ABDEL-RAHMAN, Layla", "Xiaoming (Mr. Li)", the line above a street.
_BY_LAYOUT = re.compile(
    rf"(?P<name>{FULL_NAME}|(?<=[a-z][ \t]){NAME_WORD})[ \t]+from[ \t]+(?:accounts (?:payable|receivable)\b"
    r"|(?:the|our|their|a)[ \t]+[a-z]+[ \t]+(?:asked|called|wants?|said|e-?mailed|came|needs?|who|phoned|wrote"
    r"|is asking|was asking)\b)"
    rf"|(?m:^[ \t]*(?P<signed>{FULL_NAME})[ \t]*[|,–—-][ \t]*{_JOB}\b)"
    rf"|(?P<caps>\b[A-Z][A-Z'’]{{2,}}(?:-[A-Z][A-Z'’]+)*,[ \t]*{NAME_WORD}(?:[ \t]+{NAME_WORD})?)"
    r"(?=[ \t]*(?:$|\r?\n|[)(;|]|[—–-][ \t]))"
    rf"|(?P<before_title>{NAME_WORD})[ \t]+\((?:Mr|Mrs|Ms|Mme|Dr|M)\.?[ \t]"
    rf"|(?m:^[ \t]*(?P<above>{FULL_NAME})[ \t]*\r?\n)"
)
# Lower-case names after a cue that only ever precedes a person ("i had lakshmi
# subramanian in today", "reply to gregory lindqvist?").
_LOWER_CUE = re.compile(
    r"(?i)\b(?:spoke (?:to|with)|talked (?:to|with)|reply to|met with|i had|we had|called|phoned|"
    r"emailed|texted|helping|helped|customer|client|cust|kundin|kunde|clienta|cliente|asiakas"
    r"|m[üu][şs]teri|he'?s|she'?s|name on (?:the )?card(?: is)?|on the card it'?s|se llama"
    r"|s'appelle|hei[ßs]t)[ \t]+"
    rf"(?P<name>[{LOWER}][{LOWER}'’-]+,?[ \t]+[{LOWER}][{LOWER}'’-]+(?:[ \t]+[{LOWER}][{LOWER}'’-]+)??)"
    r"(?=[ \t]*(?:[?!.,;:)\n—–\"”-]|$)|[ \t]+(?:in|about|from|at|who|re|today|yesterday|and|he|she"
    r"|they|wants?|asked|called|is|was|has|hat|said|says|btw|not|but|dice|sagt)\b)"
)
# A full name typed in lower case with no cue ("the cust is crystal ramos"): a given name
# from the short list and a family name no English word spells, or one Faker lists.
_LOWER_PAIR = re.compile(
    rf"(?<![\w@.'’/-])(?=(?P<name>(?P<first>[{LOWER}][{LOWER}'’]+)[ \t]+"
    rf"(?P<last>[{LOWER}][{LOWER}'’]+(?:-[{LOWER}][{LOWER}'’]+)?))(?![\w@'’/-]))"
)
COMMON_WORDS = frozenset(
    """about after again all also am an and any are as at back be been before being but by can
    card cards come could day did do does done down each even every few first for from get go
    going good got had has have he her here him his how i if in into is it its just know last
    like make many may me more most much must my new no not now of off on once one only or other
    our out over own please re right said same say see she should so some still such take than
    that the their them then there these they this those through to today too two under until up
    us very was way we well were what when where which while who why will with would yesterday
    you your back office team support service services desk line branch bank manager client
    customer member account someone anyone everyone nobody people person guy lady man woman
    again soon later earlier tomorrow morning afternoon evening week month year time phone email
    mail text message voicemail regarding re""".split()  # noqa: SIM905
)


_STREET_NEXT = re.compile(
    rf"[ \t]*(?:{_STREET.pattern[4:]}|(?i:unit|apt|suite|app)\.?[ \t]*\w+,?[ \t]+\d|(?i:p\.?o\.?|r\.?r\.?)[ \t])",
    re.I,
)


# A second person joined to a cued one: "Joint holders: Emeka Obi and Chidinma Obi".
_AND_NAME = re.compile(rf"[ \t]*(?:and|&|et|y)[ \t]+(?P<name>{NAME})")


def known_word(word: str) -> bool:
    """An ordinary English word: one piece of the MiniLM tokenizer's vocabulary (most
    surnames, and any word with an accent, are split into several)."""
    from knowledge.minilm import word_piece_tokenizer

    return word_piece_tokenizer().token_to_id(word.strip("'’-,")) is not None


def _matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches that may overlap a rejected one: the search resumes at the rejected name, so
    "Applicant: Name: Noémie" still finds the name after the second cue."""
    found, pos = [], 0
    while m := pattern.search(text, pos):
        found.append(m)
        pos = max(m.start("name"), m.start() + 1)
    return found


_CODE_BEFORE = re.compile(r"\b[A-Z0-9]{2,5}(?:-[A-Z0-9]+)*,[ \t]*$")


def _codes(text: str, start: int, span: str) -> bool:
    """ "… GBP, JPY, MXN", "ART-BLK-MATTE, ART-SLV-FOIL": a list of codes in capitals, not a
    surname and given name ("NDIAYE, Awa", "OKONKWO, IFEANYI")."""
    if not span.split(",", 1)[1].strip().isupper():
        return False
    return any(w.count("-") >= 2 for w in span.split()) or bool(
        _CODE_BEFORE.search(text[max(0, start - 20) : start])
    )


# The name an e-mail header shows before the address: "Nwachukwu, Adaeze" <a.n@…>.
_DISPLAY_NAME = re.compile(r'"(?P<name>[^"<>@\n\d]{3,60})"[ \t]*<[\w.+-]+@')


# Two given names joined by "and" ("Sigrid and Rohan left similar comments", "Wendell &
# Marjorie Sutherland"): people, unless one is an everyday word, the pair names a brand
# ("Ben & Jerry's", "Johnson & Johnson"), ends a list ("Grace, Hope and Faith") or joins the
# ends of two full names ("Morgan Stanley and Charles Schwab").
_GIVEN_PAIR = re.compile(
    r"(?<![\w,][ \t])(?<![\w,])\b(?P<a>[A-Z][^\W\d_]+)[ \t]+(?:and|&)[ \t]+(?P<b>[A-Z][^\W\d_]+)\b"
    r"(?!['’]s\b|[ \t]+(?:Co|Sons)\b)(?:[ \t]+(?P<after>[A-Z][^\W\d_]+))?"
)


# Cities that share a given name: "Victoria and Regina" are two capitals.
_CITIES_NAMED_LIKE_PEOPLE = frozenset(
    """victoria regina florence charlotte austin houston jackson madison eugene lincoln sydney
    adelaide augusta savannah kingston hamilton chelsea orlando denver camden""".split()  # noqa: SIM905
)


def _given_pair(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _GIVEN_PAIR.finditer(text):
        words = [m["a"], m["b"]]
        if m["a"] == m["b"] or (m["after"] and m["after"].lower() not in surnames()):
            continue
        if {m["a"].lower(), m["b"].lower()} & _CITIES_NAMED_LIKE_PEOPLE:
            continue
        if all(w.lower() in given_names() and w.lower() not in _ORDINARY_WORDS for w in words):
            spans += [Span("name", m.start(g), m.end(g), 0.7) for g in ("a", "b")]
    return spans


def find_names(text: str) -> list[Span]:
    spans: list[Span] = _given_pair(text)
    for m in _DISPLAY_NAME.finditer(text):
        words = re.split(r"[ \t,]+", m.group("name").strip())
        if plausible(words) and any(c.isupper() for c in m.group("name")):
            spans.append(Span("name", m.start("name"), m.end("name"), 0.8))
    for m in _SPELLED.finditer(text):
        spans.append(Span("name", m.start(), m.end(), 0.8))
    for m in _LOWER_TITLE.finditer(text):
        if m.group("name").lower() not in NOT_NAMES:
            spans.append(Span("name", m.start("name"), m.end("name"), 0.75))
    for m in _BY_LAYOUT.finditer(text):
        group = next(g for g in ("name", "signed", "caps", "before_title", "above") if m.group(g))
        if group == "above" and not _STREET_NEXT.match(text, m.end()):
            continue
        if group == "caps" and _codes(text, m.start("caps"), m.group("caps")):
            continue
        words = re.split(r"[ \t,]+", m.group(group).strip())
        if any(w.lower().strip(".,'’") in NOT_NAMES | BUSINESS_WORDS for w in words):
            continue
        spans.append(Span("name", m.start(group), m.end(group), 0.7))
    for m in _LOWER_CUE.finditer(text):
        words = re.split(r"[ \t,]+", m.group("name"))
        if any(w in COMMON_WORDS or w in NOT_NAMES or w in BUSINESS_WORDS for w in words):
            continue
        if all(known_word(w) for w in words):  # "angry merchants": ordinary words
            continue
        spans.append(Span("name", m.start("name"), m.end("name"), 0.7))
    for m in _LOWER_PAIR.finditer(text):
        if _lower_full_name(m["first"], m["last"]):
            spans.append(Span("name", m.start("name"), m.end("name"), 0.7))
    for pattern in (_ROLE, _TITLE, _TITLE_AFTER, _BEFORE_BIRTH_OR_MAIL):
        for m in _matches(pattern, text):
            name = m.group("name").rstrip(".")
            words = name.split()
            while words and words[-1].lower().strip(".,:;") in NOT_NAMES | _FORM_LABELS:
                words.pop()
            first = words[0].lower() if words else ""
            if not words or (first in NOT_NAMES and not (len(words) > 1 and first in MONTHS_GIVEN)):
                continue
            if (
                pattern is _ROLE
                and text[m.start() : m.start("name")].rstrip().endswith(":")
                and not words[0].isupper()
                and (
                    "'" in first
                    or "’" in first
                    or (known_word(first) and first not in COMMON_GIVEN)
                )
            ):
                continue  # "Customer: What's the fee?", "Customer: Great, thanks": a line said
            if acronym(words[0]) and (len(words) == 1 or not " ".join(words).isupper()):
                continue  # "Member BIN", "Client ID", "Owner, SME Reviewer": not a surname
            if any(w.lower().strip(".,") in _FIRM_SUFFIXES for w in words):
                continue  # "Payee: SMITH HOLDINGS LTD", "payable to Tremblay Plomberie Inc."
            # After a role word or title a surname may be a common word ("Ms. Rose Head",
            # "client Mark Gold"); a title or team starts with one ("Account Services").
            strict = pattern is _BEFORE_BIRTH_OR_MAIL
            checked = words if strict else words[:1]
            if any(w.lower().strip(".,") in BUSINESS_WORDS for w in checked):
                continue
            if pattern is _BEFORE_BIRTH_OR_MAIL and not re.match(
                r"[ \t]*[(<,][ \t]*(?:[\w.+-]+@|n[ée]e?\b|born|dob|aged?\b)",
                text[m.end("name") :],
                re.I,
            ):
                continue
            start = m.start("name")
            end = start + list(re.finditer(r"\S+", name))[len(words) - 1].end()
            spans.append(Span("name", start, end, 0.75))
            if (other := _AND_NAME.match(text, end)) and plausible(other.group("name").split()):
                spans.append(Span("name", other.start("name"), other.end("name"), 0.7))
    return spans


_ORDINARY_WORDS = COMMON_WORDS | NOT_NAMES | BUSINESS_WORDS


def _lower_full_name(first: str, last: str) -> bool:
    if first not in COMMON_GIVEN or first in _ORDINARY_WORDS or last in _ORDINARY_WORDS:
        return False
    parts = last.split("-")
    return all(not known_word(p) or p in surnames() for p in parts)


# Labels of the next field on a form line, never the end of a name ("NAME: KWAME
# MENSAH-BOATENG  DATE OF BIRTH: …").
_FORM_LABELS = frozenset(
    """date of birth dob sin ssn phone tel cell mobile home address email e-mail account acct
    card number signature born""".split()  # noqa: SIM905
)

# Names forms and templates use for nobody: "Jane Doe", "Max Mustermann", "Jean Untel".
_PLACEHOLDER_PEOPLE = frozenset(
    """john doe|jane doe|john q. public|john q public|jane q. public|richard roe|joe bloggs
    |joe public|jean untel|jeanne untel|fulano de tal|juan pérez|max mustermann
    |erika mustermann|mario rossi|john citizen|jane citizen|a. n. other|john q. sample
    |jane q. sample|john sample|jane sample|test user|test client|client test""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)


# "Customer A", "Client 2", "Learner B": an example's stand-in.
# Words of a stand-in made of them alone: "Demo User", "Test Customer One".
_STAND_IN_WORDS = frozenset(
    """test demo sample dummy example placeholder fake user customer client person
    cardholder applicant name one two three""".split()  # noqa: SIM905
)
_LETTERED_PERSON = re.compile(
    r"(?i)(?:customer|client|cardholder|applicant|learner|employee|person|user|merchant"
    r"|business|company|tier|level|group|plan|option|type|class|zone|phase|grade|agent|rep"
    r"|advisor|adviser|caller|member|staff|manager|teller)"
    r"[ \t]+(?:[a-z]|\d{1,2})"
)


def placeholder_person(text: str, start: int, end: int) -> bool:
    """The name at text[start:end] is one forms and examples use for nobody in particular,
    or the letter of a stand-in ("Customer B")."""
    plain = " ".join(text[start:end].lower().replace("’", "'").split()).strip(".,'\"‘“”")
    with_role = re.sub(r"[^\w ]", " ", text[max(0, start - 16) : end].lower()).split()[-2:]
    return (
        plain in _PLACEHOLDER_PEOPLE
        or set(plain.split()) <= _STAND_IN_WORDS
        or bool(_LETTERED_PERSON.fullmatch(plain))
        or (len(plain) <= 2 and bool(_LETTERED_PERSON.fullmatch(" ".join(with_role))))
    )


# Words that end a firm's name: the payee or holder is a business, not a person.
_FIRM_SUFFIXES = frozenset(
    """inc incorporated ltd limited llc llp lp corp corporation co holdings group ltée limitée
    enr inc. s.a. sarl gmbh plc pty plomberie construction consulting enterprises entreprises
    services""".split()  # noqa: SIM905
)

# Given names that are also months: "June Park", "April Nguyen" after a role word.
MONTHS_GIVEN = frozenset({"april", "may", "june", "august"})


def acronym(word: str) -> bool:
    """ "BIN", "BINs", "MCC": two to four capitals (an initial such as "J." is not one)."""
    core = word.rstrip(".,:;").removesuffix("s")
    return core.isalpha() and core.isupper() and 2 <= len(core) <= 4


def plausible(words: list[str]) -> bool:
    """Not a common word, job title or acronym: "Chidinma Obi", not "Visa" or "BIN"."""
    return (
        bool(words)
        and not any(w.lower().strip(".,'’") in NOT_NAMES | BUSINESS_WORDS for w in words)
        and not (len(words) == 1 and words[0].isupper())
    )


# Endings of English nouns and adjectives that no name has ("Usability Considerations").
_ENGLISH_ENDING = re.compile(
    r"(?i)(?:ity|ities|tions?|sions?|ments|ness|ences?|isms?|ology|ship|ables?|ibles?|ous"
    r"|ful|less|izes?|ises?)$"
)


def unusual(words: list[str]) -> bool:
    """At least one word the English vocabulary does not hold ("Oksana", "Raghunathan"):
    "Customer Service", "Grace Period" or "Usability Considerations" are ordinary words."""
    return not all(known_word(w.lower()) or _ENGLISH_ENDING.search(w.strip(".,'’")) for w in words)


_BORN_IN = re.compile(
    r"(?i)\b(?:born\b[^\n\d.;]{0,25}?|n[ée]e?|nacid[oa]|yob|year of birth|birth ?year|dob"
    r"|date of birth|ann[ée]e de naissance|a[ñn]o de nacimiento)[ \t:,–—-]*(?:(?:in|en)[ \t]+)?"
    r"(?:the[ \t]+(?:spring|summer|fall|autumn|winter)[ \t]+of[ \t]+)?"
    r"(?P<year>['’]\d{2}|(?:19|20)\d{2})(?![\w/.-]\d|[\w])"
)
_YEAR = re.compile(r"(19[0-9]{2}|200[0-9])\b|'\d{2}$|^\d{1,2}[/.-]\d{1,2}[/.-][3-9]\d$")
# A list of birthdays: every date of the past in it is one ("Team birthdays: …").
_BIRTH_LIST = re.compile(r"(?i)\bbirthdays\b|\bDOBs\b|\bdates of birth\b|anniversaires")


# A birth cue with no sentence break between it and the date.
_BIRTH_CUE_FAR = re.compile(
    r"(?i)(?:\bdob\b|date of birth|birth\s*date|birthdate|\bborn\b|\bn[ée]e? le\b|naissance"
    r"|nacimiento)[^\n.!?;]{0,75}$"
)


# A record's fields: "MOREAU J;4519…;05/03/76", "\"Ramírez, Sofía\";\"…\";\"1984/05/17\"".
_FIELD_BREAK = re.compile(r"[;|\t]|\",\"|</t[dh]>")
# No client of today was born before 1915.
_BEFORE_1900 = re.compile(r"(?<!\d)(?:1[0-8]\d\d|190\d|191[0-4])(?!\d)")
_YEAR_BEFORE_1900_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:1[0-8]\d\d|190\d|191[0-4])(?!\d)")
_COMPACT_BIRTH = re.compile(r"(?:19[2-9]\d|200[0-6])(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_BIRTH_YEAR = re.compile(r"(?<!\d)(19[2-9]\d|200[0-6])(?!\d)|^\d{1,2}[/.-]\d{1,2}[/.-]([3-9]\d)$")


# A person's full name, then a field separator: what follows is their record.
_NAME_THEN_SEPARATOR = re.compile(
    rf"(?:{NAME_WORD}[ \t]+){{1,3}}{NAME_WORD}[ \t]*(?:[/—–|]|[ \t]-)[ \t]*$"
)


def _in_record(text: str, date: re.Match[str]) -> bool:
    """A date with a birth year in a line of delimited fields that also holds words: a row
    of a client list or an export, where a date of the past is the person's birth date."""
    start = text.rfind("\n", 0, date.start()) + 1
    end = _line_end(text, date.end())
    line = text[start:end]
    fields = _FIELD_BREAK.split(line)
    if len(fields) < 3 and line.count(",") >= 3:  # a CSV row: "Okafor,Ngozi,…,1985-06-21,ACTIVE"
        fields = line.split(",")
    return (
        len(fields) >= 3
        and bool(_BIRTH_YEAR.search(date.group(0)) or _COMPACT_BIRTH.fullmatch(date.group(0)))
        and any(re.search(r"[^\W\d_]{2,}", f) for f in fields)
    )


# A date a document or a law took effect, not a birth: "effective 1998-…; amended …".
_EVENT_BEFORE = re.compile(
    r"(?i)\b(?:effective|amended|reviewed|enacted|signed|issued|published|revised|expires?|expired"
    r"|opened|closed|founded|established|launched|since|dated|as of)[ \t:]*(?:on[ \t]+)?$"
)


def find_birth_dates(text: str) -> list[Span]:
    """Dates after a birth cue; once a text speaks of a birth date, every other full date
    in it with a plausible birth year too (a second DOB to compare, a corrected one)."""
    dates = list(_DATE.finditer(text))
    cued = [m for m in dates if _BIRTH_CUE.search(text[max(0, m.start() - 45) : m.start()])]
    # "date of birth on file is wrong: it should be 1976-07-04": farther, in one sentence.
    cued += [
        m
        for m in dates
        if m not in cued
        and _YEAR.search(m.group(0))
        and _BIRTH_CUE_FAR.search(text[max(0, m.start() - 90) : m.start()])
    ]
    if cued or _BIRTH_LIST.search(text):
        cued += [m for m in dates if m not in cued and _YEAR.search(m.group(0))]
    spans = [Span("dob", m.start(), m.end(), 0.9) for m in cued]
    spans += [Span("dob", m.start(), m.end(), 0.8) for m in dates if _in_record(text, m)]
    spans += [
        Span("dob", m.start(), m.end(), 0.75)
        for m in dates
        if _BIRTH_YEAR.search(m.group(0))
        and _NAME_THEN_SEPARATOR.search(text, max(0, m.start() - 60), m.start())
    ]
    for m in _DAY_MONTH.finditer(text):
        if _BIRTH_CUE.search(text[max(0, m.start() - 20) : m.start()]):
            spans.append(Span("dob", m.start(), m.end(), 0.8))
    spans += [Span("dob", m.start("year"), m.end("year"), 0.85) for m in _BORN_IN.finditer(text)]
    # "Agent: Can I confirm your date of birth?\nCaller: March 2nd, 1975.": the answer.
    spans += [
        Span("dob", m.start(), m.end(), 0.85) for m in dates if _asked_before(text, m.start())
    ]
    # Nobody born before 1900 is a client: "Abraham Lincoln was born on February 12, 1809".
    return [
        s
        for s in spans
        if not _thing_born(text, s.start)
        and not (
            _EVENT_BEFORE.search(text, max(0, s.start - 25), s.start)
            and not _BIRTH_CUE.search(text[max(0, s.start - 45) : s.start])
        )
        and not _BEFORE_1900.search(text[s.start : s.end])
        and not _YEAR_BEFORE_1900_AFTER.match(text, s.end)
    ]


_ASKED_BIRTH = re.compile(
    r"(?i)(?:\bdob\b|date of birth|birth ?date|birthdate|born|date de naissance|naissance"
    r"|fecha de nacimiento|birthday)[^\n]*[?.!]?[ \t]*$"
)


def _asked_before(text: str, start: int) -> bool:
    """The date opens the answer to a question about a birth date on the line before."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == 0 or len(text[line_start:start]) > 30:
        return False
    previous = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
    return bool(_ASKED_BIRTH.search(previous))


_THING = (
    r"(?:card|carte|program|programme|product|produit|idea|id[ée]e|concept|network|r[ée]seau"
    r"|company|soci[ée]t[ée]|brand|marque|service|app|platform|bank|banque|plan|offer|offre)s?"
)
_THING_SUBJECT = re.compile(
    rf"(?i)\s*(?:the|la|le|l['’]|les|this|that|our|their|its|une?|a|an)\s*(?:[\w'’-]+\s+){{0,3}}?{_THING}"
    r"\s+(?:[\w'’-]+\s+){0,2}(?:born|n[ée]e?)\b"
)
_BORN_AS_THING = re.compile(
    rf"(?i)\b(?:born|n[ée]e?)\b[^.!?\n]{{0,25}}\bas an?\s+(?:[\w-]+\s+){{0,2}}{_THING}\b"
    # "Born in 1958 as BankAmericard, the brand was renamed Visa": born under a brand name.
    r"|\b(?:born|n[ée]e?)\b[^.!?\n]{0,25}\bas\s+(?-i:[A-Z])[^.!?\n]*\b(?:brand|renamed|rebranded)\b"
)
_BORN_WORD = re.compile(r"(?i)\b(?:born|n[ée]e?)\b")
_RECORD_CUE = re.compile(r"(?i)\b(?:dob|d\.o\.b|date of birth|birth ?date|naissance|nacimiento)\b")


def _thing_born(text: str, at: int) -> bool:
    """The date tells when a card, programme or firm was born ("La carte Affaires est née le
    1er mars 1992", "Born in 1950 as a cardboard card"), not a person."""
    start = max(text.rfind(c, 0, at) for c in ".!?\n:") + 1
    end = min((i for i in (text.find(c, at) for c in ".!?\n") if i >= 0), default=len(text))
    sentence, before = text[start:end], text[start:at]
    if not _BORN_WORD.search(before) or _RECORD_CUE.search(before):
        return False
    return bool(_THING_SUBJECT.match(before) or _BORN_AS_THING.search(sentence))


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


# The bank's own premises: "Branch 0421, 100 King Street West", "siège social : 1, place …".
_BRANCH_BEFORE = re.compile(
    r"(?i)\b(?:branch|head office|main office|headquarters|our offices?|offices are|succursale"
    r"|si[èe]ge social|nos bureaux|bureaux sont"
    r"|transit)\b[^\n.]{0,20}$"
    # "the James Street branch in Hamilton moves to …"
    r"|(?i:\b(?:branch|office|agency|succursale)\b[^\n.]{0,40}\b(?:moves?|moving|relocat\w+)[ \t]+to)[ \t]+$"
    # "Sydney service centre, 250 George Street", "public office: Harbourline Bank N.A., 300
    # Park Avenue": a business's premises, named as such (a post office box is a person's).
    # "Northbridge Bank Card Payments, 100 …": the bank named as the payee
    r"|(?i:\bbank\b)[\w .,'&-]{0,40},[ \t]*$"
    r"|(?i:(?<!post )(?<!his )(?<!her )(?<!my )(?<!their )(?<!your )\b(?:office|centre|center|premises|reception|agence|oficina|sucursal"
    r"|filiale|agencia)\b)(?:[^\n.]|\.(?![ \t]+[A-Z]))(?:[^\n.]|\.(?![ \t]+[A-Z])){0,38}$"
)
# An address the text itself says is the bank's own ("..., Toronto ON M5W 1A1 (the bank's
# corporate mailbox)"): a public business address, not a person's.
_BANKS_AFTER = re.compile(
    r"(?i)^[ \t,]{0,3}[(\u2014\u2013-]?[ \t]*(?:the bank'?s|our|the company'?s|de la banque|notre)\b"
    r"[^\n)]{0,25}\b(?:office|mailbox|headquarters|address|si[èe]ge|bureau|adresse)"
    # "… because that's the head office postal code", "that's the … office complex downtown"
    r"|^[^\n.]{0,50}\b(?:head office|head-office|office complex|headquarters|main branch)\b"
)


# A field or a verb that only ever precedes a postal address, in the languages of the
# bank's clients: whatever the country's layout, the value runs to the field's end. A field
# needs its colon ("Address:", "\"address\":", "배송지는 …:"); a verb needs only a space.
_ADDRESS_LABEL = re.compile(
    r"(?i)(?:\bresidential(?=[ \t]*:)|(?<![\w-])(?:(?:home|mailing|postal|street|residential|delivery|statement|billing"
    r"|new|old|current|shipping|permanent|my|his|her|their)[ \t]+)?(?<!e-mail )(?<!email )"
    r"(?<!ip )(?<!web )(?<!mac )(?<!wallet )address(?:e)?|\baddr\.?|\bresidence|\bdomicilio"
    r"|\bdirecci[óo]n|\bendere[çc]o|\bmorada|\bindirizzo|\banschrift|\bwohnadresse|\badres"
    r"|\blakc[íi]m|\balamat|住所|地址|주소|배송지|पता|العنوان|כתובת|διεύθυνση|адрес|ที่อยู่"
    r"|địa chỉ)(?:[\"']?(?:[^\n:：\"]{0,50}?)[ \t]*(?:[:：=]|\bis\b|\best\b|\bes\b)[ \t]*[\"']?"
    r"|[ \t]*(?=\())"
    r"|(?:\bdomicili[ée]e?|\bdikirim ke|\bd[ée]livr(?:ez|er) [àa]|\benviar a"
    r"|\b(?:deliver(?:ed)?|dispatched|mailed|ship(?:ped)?|send it|courier it)[ \t]+to"
    r"|\b(?:i|we|she|he|they)[ \t]+(?:reside|resides|live|lives|am living|are living|moved)[ \t]+(?:at|to)"
    r"|\bvivo en|\bj'habite (?:au|à)|\bmoro na|\bwohne in"
    # "…, address Laugavegur 58, 101 Reykjavík": the label with no colon before a value
    r"|(?<=,[ \t])address(?=[ \t]+[A-Z0-9]))"
    r"[ \t]+"
)
# Where the value ends: a line, a field, a quote, a clause ("…, règle ses factures") or a
# sentence (a period after a word or a number, then a capitalised word: "18. II/4." and
# "Av. Arequipa" go on, ". Telefon" does not).
_FIELD_END = re.compile(
    r"\n|[\"”|;\t\u3000【】]| [—–] | (?=[\u3040-\u30ff\u4e00-\u9fff])|[)\]}]|[。，]|\.\s*$"
    r"|(?:(?<=[a-z]{2})|(?<=\d))\.(?=\s+[A-Z][a-z])"
    r"|,(?=[ \t]+[a-zà-ÿ]+[ \t]+[a-zà-ÿ]+[ \t]+[a-zà-ÿ])"
)


# A Chinese or Japanese address: an administrative unit, then a number with its counter
# ("上海市浦东新区世纪大道88号1205室", "東京都世田谷区桜新町2-14-7").
_CJK_ADDRESS = re.compile(
    r"[\u4e00-\u9fff]{1,8}(?:省|市|区|县|都|道|府|県|區|縣)[\u4e00-\u9fff\u30a0-\u30ff\d-]{0,30}?"
    r"\d+(?:[-－]\d+){0,3}(?:号|號|番地?|丁目)?(?:\d+(?:室|号室|階|楼|F))?"
)
# Markup elements that hold part of an address ("<Line1>Storgata 14B</Line1>").
_ADDRESS_ELEMENT = re.compile(
    r"(?i)<(?P<tag>(?:address)?line\d|street\w*|addr\w*|address\w*|city|postcode|postal_?code|zip)>"
    r"(?P<value>[^<>\n]{2,80})</(?P=tag)>"
)


def _labelled_addresses(text: str) -> list[Span]:
    """ "Address: Av. Arequipa 2450, Dpto. 701, Lince, Lima", "住所：東京都…2-14-7",
    "deliver to 14 Adeola Odeku Street, Victoria Island, Lagos": the labelled value."""
    spans = []
    for m in _ADDRESS_LABEL.finditer(text):
        start = m.end()
        stop = _FIELD_END.search(text, start)
        end = stop.start() if stop else len(text)
        value = text[start:end].rstrip(" \t,.")
        if (
            8 <= len(value) <= 150
            and sum(c.isdigit() for c in value) >= 1
            and not re.match(
                r"(?i)(?:our|the bank|notre|nuestra|see|voir|ver|on file|n/a|branch|succursale"
                r"|sucursal|head office|the office)\b",
                value,
            )
            and not re.search(r"@|https?:|www\.", value)
        ):
            spans.append(Span("address", start, start + len(value), 0.75))
    spans += [Span("address", m.start(), m.end(), 0.75) for m in _CJK_ADDRESS.finditer(text)]
    elements = list(_ADDRESS_ELEMENT.finditer(text))
    if any(re.search(r"\d", m["value"]) for m in elements):
        spans += [Span("address", m.start("value"), m.end("value"), 0.75) for m in elements]
    return spans


def find_addresses(text: str) -> list[Span]:
    spans: list[Span] = []
    for country in ("US", "CA"):
        try:
            found = pyap.parse(text, country=country)
        except Exception:  # noqa: BLE001,S112 - a parser failure must not stop the others
            continue
        for a in found:
            start, end = a.match_start, a.match_end
            while start > 0 and text[start - 1].isalnum():  # the parser may cut a word
                start -= 1
            if not any(c.isdigit() for c in text[start:end]):
                continue  # "… merchants in Quebec": a province named, no address
            if "\n\n" in text[start:end]:
                end = text.index("\n\n", start)
            spans.append(Span("address", start, end, 0.85))
    anchors = [(m.start(), m.end()) for m in _STREET.finditer(text) if not _PROSE.search(m[0])]
    anchors += [(m.start(), m.end()) for m in _RURAL.finditer(text)]
    spans += [
        Span("address", m.start(), m.end(), 0.8)
        for m in _EUROPEAN.finditer(text)
        if not _PROSE.search(m.group().split(",")[0])
    ]
    postal = [(m.start(), m.end()) for m in _POSTAL.finditer(text)]
    for start, end in anchors:
        if unit := _UNIT.match(text[end:]):
            end += unit.end()
        # Grow to the postal code that closes the address (same or next line).
        limit = min(len(text), end + 90)
        closing = [
            p
            for p in postal
            if end <= p[0] <= limit
            and text.count("\n", end, p[0]) <= 3
            and "\n\n" not in text[end : p[0]]
            and all(len(line) <= 40 for line in text[end : p[0]].split("\n"))
        ]
        if closing:
            end = closing[0][1]
        else:
            tail = text[end : _line_end(text, end)]
            city = _CITY_AFTER.match(tail)
            if city:
                end += city.end()
        spans.append(Span("address", start, end, 0.8))
    for p_start, p_end in postal:
        inside = [i for i, s in enumerate(spans) if s.start <= p_start < s.end]
        for i in inside:  # the parser stopped inside the postal code: it closes the address
            spans[i] = Span("address", spans[i].start, max(spans[i].end, p_end), spans[i].score)
        if inside:
            continue
        # A lone postal code with its city before it ("Montréal, QC H2X 3K8").
        line_start = text.rfind("\n", 0, p_start) + 1
        head = text[line_start:p_start]
        city = re.search(rf"(?:[{UPPER}][\w'’.-]*[ \t]*,?[ \t]*){{1,4}}$", head)
        start = line_start + city.start() if city else p_start
        # The street before the city, when the pattern knew no word of it ("2650 Kingsway
        # #305, Vancouver BC …", "Calle 8 #412, Miami, FL …", "House 1022, Iqaluit, NU …").
        if city and (lead := _STREET_LEAD.search(text, max(line_start, start - 60), start)):
            start = lead.start()
        spans.append(Span("address", start, p_end, 0.7))
    spans += _labelled_addresses(text) + _address_blocks(text)
    spans = [_with_unit_before(text, s) for s in spans]
    return [
        s
        for s in spans
        if not _BRANCH_BEFORE.search(text[max(0, s.start - 40) : s.start])
        and not _BANKS_AFTER.search(text[s.end : s.end + 60])
    ]


# The line of an address block that closes it: a postcode and its town in any order
# ("69002 Lyon", "90-006 Łódź", "852 30 Sundsvall", "Pretoria 0181", "Bengaluru, Karnataka
# 560003", "Brighton BN2 1TL").
_POSTCODE_LINE = re.compile(
    # not a line of a directory or a form: "Wellington Street — transit 05520"
    r"(?i)(?!.*[—–|]|.*\b(?:transit|branch|institution|code|number|no|ref|ticket|room|ext"
    r"|extension|tel|phone|fax|account|acct|id|total|page|version)\b)"
    rf"(?-i:^[ \t]*(?:(?:[A-Z]{{1,2}}-)?(?:\d{{4,5}}|\d{{3}}[ \t]\d{{2}}|\d{{2}}-\d{{3}}|\d{{4}}[ \t]?[A-Z]{{2}}"
    rf"|\d{{3}}-\d{{4}})[ \t]+[{UPPER}][\w'’ .()/-]{{1,40}}"
    rf"|[{UPPER}][\w'’ .-]{{1,30}}(?:,[ \t]*[{UPPER}][\w'’ .-]{{1,25}})?,?[ \t]+\d{{4,6}}"
    rf"|(?:[{UPPER}][\w'’ .-]{{1,30}}[ \t]+)?[A-Z]{{1,2}}\d[A-Z\d]?[ \t]\d[A-Z]{{2}})[ \t]*$)"
)
# A line above it that can belong to the address: short, no label, no sentence.
_BLOCK_LINE = re.compile(rf"^[ \t]*[{UPPER}\d][^:?!\n]{{1,44}}$")
_COUNTRY_LINE = re.compile(
    r"(?i)^[ \t]*(?:south africa|france|germany|deutschland|italy|italia|spain|espa[ñn]a|portugal"
    r"|poland|polska|sweden|sverige|norway|norge|denmark|danmark|finland|suomi|netherlands"
    r"|nederland|belgium|belgique|switzerland|schweiz|suisse|austria|[öo]sterreich|ireland"
    r"|united kingdom|uk|england|scotland|wales|usa|united states|canada|mexico|m[ée]xico"
    r"|brazil|brasil|argentina|chile|colombia|peru|japan|china|india|pakistan|bangladesh"
    r"|sri lanka|nepal|ghana|nigeria|kenya|uganda|tanzania|ethiopia|egypt|morocco|tunisia"
    r"|turkey|t[üu]rkiye|greece|israel|uae|saudi arabia|qatar|singapore|malaysia|indonesia"
    r"|philippines|vietnam|viet nam|thailand|korea|south korea|australia|new zealand"
    r"|czechia|czech republic|slovakia|hungary|romania|bulgaria|croatia|serbia|ukraine"
    r"|lithuania|latvia|estonia|iceland|luxembourg|jamaica|trinidad and tobago)[ \t.]*$"
)


_LINE = re.compile(r"[^\n]*")


def _address_blocks(text: str) -> list[Span]:
    """An address written over several lines and closed by its postcode line: the lines
    above it (up to three, each short and free of labels), the postcode line, and a country
    line after it."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.start() < len(text)]
    lines = [(s, e) for s, e in lines if e > s or s == 0]
    spans = []
    for i, (start, end) in enumerate(lines):
        if not _POSTCODE_LINE.match(text[start:end]):
            continue
        first = i
        while first > 0 and i - first < 4 and _BLOCK_LINE.match(text[slice(*lines[first - 1])]):
            if len(text[slice(*lines[first - 1])].split()) > 7:
                break
            first -= 1
        if first == i:
            continue  # a postcode line alone is handled with the other postal codes
        close = end
        if i + 1 < len(lines) and _COUNTRY_LINE.match(text[slice(*lines[i + 1])]):
            close = lines[i + 1][1]
        block_start = (
            lines[first][0]
            + len(text[slice(*lines[first])])
            - len(text[slice(*lines[first])].lstrip())
        )
        spans.append(Span("address", block_start, close, 0.7))
    return spans


def _with_unit_before(text: str, span: Span) -> Span:
    """The address with the flat, unit or block written before its street ("Unit 4/22 …")."""
    before = _UNIT_BEFORE.search(text[max(0, span.start - 25) : span.start])
    if not before or not before.group(0).strip():
        return span
    return Span(span.kind, span.start - len(before.group(0)), span.end, span.score)


def without_possessive(word: str) -> str:
    """ "Pareto's" -> "Pareto"."""
    return re.sub(r"['’]s$", "", word)


def surname(name: str) -> str:
    """The last word of a name, punctuation and possessive off."""
    words = name.split()
    return without_possessive(words[-1].strip(".,;:")) if words else ""


# Not at the start of a sentence, where any word is capitalised ("Call Maria").
_WORD_BEFORE = re.compile(rf"(?<=[^\s.!?][ \t(:,]|[:,(][ \t])({NAME_WORD})[ \t]$")
_WORD_AFTER = re.compile(rf"^[ \t]({NAME_WORD})(?![\w])")


def _common(word: str) -> bool:
    lowered = word.lower().rstrip(".")
    return lowered in NOT_NAMES or lowered in BUSINESS_WORDS


def grow_name(text: str, start: int, end: int) -> tuple[int, int]:
    """A name the tagger found only in part ("Aoife [McCarthy]") grows over the capitalised
    words right next to it."""
    while (m := _WORD_BEFORE.search(text[max(0, start - 40) : start])) and not _common(m.group(1)):
        start -= len(m.group(0))
    while (m := _WORD_AFTER.match(text[end : end + 40])) and not _common(m.group(1)):
        end += len(m.group(0))
    return start, end
