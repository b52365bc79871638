"""People of history in a lesson: named, but nobody's personal data.

A history-of-banking lesson, a quiz on central banking or a case study of a famous fraud
names people ("Alexander Hamilton founded the Bank of New York in 1784", "who chaired the
Fed in 2008?"). Those names are left alone when the text frames them as history or
teaching, and only then: the same name after a role word, beside a personal value or in
text about a client is redacted like any other.

Three ways a name counts as a figure of the lesson:

- it is a well-known figure of banking, money or economics, or of science, letters, sport
  or fiction (`FAMOUS`, a short list kept by hand from general knowledge), the text reads
  as a lesson, history or economics, and it
  speaks of no client and holds no other personal value;
- a name after "Sir", "Lord", "Dame", in text about no client and with no other
  personal value;
- any name, when the text is plainly about the past (a year before 1990, a century, the
  words of history) and says nothing of a client, holds no other personal value and no
  role word or title stands before the name.
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)

from __future__ import annotations

import re
import unicodedata

from knowledge.safety.pii.people import surname

# Full names (and the forms they go by) of people a banking or economics lesson names.
_FULL = """
giovanni di bicci de' medici|cosimo de' medici|lorenzo de' medici|jakob fugger|jacob fugger
mayer amschel rothschild|nathan mayer rothschild|nathan rothschild|james de rothschild
salomon rothschild|francis baring|j. p. morgan|j.p. morgan|jp morgan|john pierpont morgan
pierpont morgan|andrew mellon|john d. rockefeller|john rockefeller|cornelius vanderbilt
andrew carnegie|jay cooke|nicholas biddle|alexander hamilton|andrew jackson|thomas jefferson
benjamin franklin|ben franklin|abraham lincoln|george washington|ulysses s. grant|salmon chase
salmon p. chase|woodrow wilson|franklin d. roosevelt|franklin roosevelt|franklin delano roosevelt
herbert hoover|richard nixon|ronald reagan|margaret thatcher|amadeo giannini|a. p. giannini
a.p. giannini|charles merrill|henry wells|william fargo|marcus goldman|samuel sachs|henry lehman
jacob schiff|paul warburg|nelson aldrich|carter glass|henry steagall|warren buffett|george soros
john law|william paterson|charles montagu|isaac newton|adam smith|david ricardo|karl marx
john maynard keynes|harry dexter white|milton friedman|friedrich hayek|irving fisher
hyman minsky|walter bagehot|montagu norman|paul volcker|alan greenspan|ben bernanke
janet yellen|jerome powell|marriner eccles|arthur burns|william mcchesney martin|mario draghi
christine lagarde|jean-claude trichet|mervyn king|mark carney|stephen poloz|tiff macklem
david dodge|gordon thiessen|john crow|graham towers|james coyne|louis rasminsky|gerald bouey
henry paulson|hank paulson|timothy geithner|charles ponzi|bernie madoff
bernard madoff|nick leeson|jérôme kerviel|jerome kerviel|ivan boesky|michael milken
jordan belfort|kenneth lay|jeffrey skilling|allen stanford|sam bankman-fried|elizabeth holmes
muhammad yunus|alphonse desjardins|dorimène desjardins|john a. macdonald|john macdonald
wilfrid laurier|robert borden|william lyon mackenzie king|mackenzie king|lester pearson
queen elizabeth|elizabeth ii|king charles|viola desmond|agnes macphail|nellie mcclung
harriet tubman|louis riel|samuel de champlain|jacques cartier|hammurabi|croesus|marco polo
kublai khan|satoshi nakamoto|jamie dimon|sandy weill|dick fuld|lloyd blankfein|john richardson
hugh allan|george stephen|donald smith|john molson|william mcmaster|edward kenny|henry ford
frank mcnamara|ralph schneider|dee hock|hans peter luhn|peter luhn|alfred bloomingdale
joseph p. williams|john biggins|diners club founders|arthur morris|walt disney|steve jobs
bill gates|jeff bezos|elon musk|mark zuckerberg|sam walton|ray kroc|howard schultz|oprah winfrey
richard branson|jack ma|larry page|sergey brin|kevin o'leary|arlene dickinson|mark cuban
daniel kahneman|amos tversky|richard thaler|cass sunstein|robert cialdini|hermann ebbinghaus
abraham maslow|ivan pavlov|b. f. skinner|max weber|peter drucker|frederick taylor|dan ariely
daniel pink|malcolm gladwell|stephen covey|dale carnegie|carol dweck|angela duckworth
barney frank|chris dodd|christopher dodd|paul sarbanes|michael oxley|elizabeth warren
charles schumer|chuck schumer|phil gramm|jim leach|thomas bliley|william proxmire
haruhiko kuroda|kazuo ueda|andrew bailey|mark carney|christine lagarde|jens weidmann
raghuram rajan|mervyn king|kristalina georgieva|jim yong kim|ajay banga|robert zoellick
joseph stiglitz|paul krugman|robert shiller|eugene fama|harry markowitz|william sharpe
myron scholes|fischer black|robert merton|john nash|vilfredo pareto|frank benford
terry fox|rick hansen|wayne gretzky|david suzuki|tommy douglas|pierre trudeau|justin trudeau
stephen harper|brian mulroney|jean chrétien|jean chretien|paul martin|kim campbell
"""
# People and characters any lesson may name in passing (a fun fact, a quote, a case study of
# an athlete's business, an obviously fake name in a phishing quiz).
_CULTURE = """
albert einstein|marie curie|pierre curie|ada lovelace|grace hopper|alan turing|charles babbage
nikola tesla|thomas edison|alexander graham bell|galileo galilei|charles darwin|stephen hawking
katherine johnson|florence nightingale|rosalind franklin|tim berners-lee|steve wozniak
william shakespeare|jane austen|charles dickens|mark twain|ernest hemingway|george orwell
f. scott fitzgerald|agatha christie|j. k. rowling|j.k. rowling|stephen king|margaret atwood
alice munro|leo tolstoy|victor hugo|oscar wilde|maya angelou|toni morrison|dr. seuss
benjamin graham|napoleon bonaparte|julius caesar|cleopatra|alexander the great|genghis khan
winston churchill|mahatma gandhi|nelson mandela|martin luther king|martin luther king jr.
rosa parks|john f. kennedy|theodore roosevelt|barack obama|queen victoria|henry viii
leonardo da vinci|michelangelo|pablo picasso|vincent van gogh|claude monet|frida kahlo
wolfgang amadeus mozart|ludwig van beethoven|johann sebastian bach|elvis presley|taylor swift
michael jackson|beyoncé|beyonce|celine dion|john lennon
michael jordan|serena williams|venus williams|lebron james|tom brady|cristiano ronaldo
lionel messi|roger federer|usain bolt|tiger woods|muhammad ali|babe ruth|sidney crosby
connor mcdavid|simone biles|kobe bryant|shaquille o'neal|david beckham|magic johnson
sherlock holmes|dr. watson|harry potter|hermione granger|james bond|robin hood|scrooge
ebenezer scrooge|gordon gekko|jay gatsby|don quixote|hamlet|polonius
mickey mouse|minnie mouse|donald duck|bugs bunny|homer simpson|bart simpson|scooby-doo
santa claus|uncle sam|mr. monopoly|rich uncle pennybags|peter pan|snow white|cinderella
batman|bruce wayne|superman|clark kent|spider-man|peter parker|tony stark|wonder woman
hercule poirot|miss marple|bob cratchit|tiny tim|mr. micawber|wilkins micawber|david copperfield
oliver twist|robinson crusoe|lemuel gulliver|ron weasley|atticus finch
elizabeth bennet|mr. darcy|fitzwilliam darcy|jane eyre|huckleberry finn|tom sawyer|willy loman
john hancock|johnnie walker|jack daniel|john lewis|berkshire hathaway|ronald mcdonald
colonel sanders|betty crocker|aunt jemima|uncle ben|mr. peanut|wendy thomas|dave thomas
sachin tendulkar|ms dhoni|m. s. dhoni|virat kohli|naomi osaka|chris hadfield|shah rukh khan
amitabh bachchan|priyanka chopra|ratan tata|mukesh ambani|narayana murthy|indra nooyi
sundar pichai|satya nadella|tim cook|charlie munger|ray dalio|peter lynch
sherlock holmes|mrs hudson|dr watson|don quijote|don quixote|sancho panza|kung fu panda
alan turing|frida kahlo|vincent van gogh|van gogh|che guevara|shah jahan|roald dahl
wangari maathai|chimamanda ngozi adichie|mohamed salah|smriti mandhana|haruki murakami
chinua achebe|gabriel garcía márquez|gabriel garcia marquez|margaret atwood|michel tremblay
bruce wayne|tony stark|homer simpson|marge simpson|bart simpson|clark kent|peter parker
hermione granger|ron weasley|wayne gretzky|kwik-e-mart|gringotts
pippi longstocking|harry potter|hermione granger|frodo baggins|mickey mouse|winnie the pooh
"""
FAMOUS = frozenset(n.strip() for n in (_FULL + _CULTURE).replace("\n", "|").split("|") if n.strip())
# Surnames that on their own stand for one figure in such a lesson.
_SURNAMES = frozenset(
    """medici fugger rothschild rothschilds baring giannini volcker greenspan bernanke yellen
    keynes ponzi madoff leeson kerviel boesky milken belfort bagehot hayek eccles draghi lagarde
    trichet poloz macklem thiessen rasminsky bouey yunus nakamoto biddle bankman-fried dimon
    geithner steagall warburg laurier rockefeller vanderbilt carnegie hammurabi croesus
    luhn kahneman tversky thaler cialdini ebbinghaus maslow pavlov drucker ariely gladwell
    dweck duckworth sarbanes stiglitz krugman shiller markowitz pareto benford gretzky
    einstein shakespeare dickens tolstoy picasso beethoven mozart napoleon churchill gandhi
    mandela
    """.split()  # noqa: SIM905
)

# The text reads as a lesson, history or economics: where a famous name is a figure of it.
_FRAME = re.compile(
    r"(?i)\b(?:history|historical|historic|historian|histoire|historique|century|centuries|si[èe]cle"
    r"|founded|founder|fond[ée]e?|established|era|ancient|medieval|renaissance|empire|emperors?|dynasty"
    r"|panic of|crash of|great depression|bretton woods|gold standard|bank holiday|new deal"
    r"|bank ?notes?|notes?|bills?|billets?|portrait|nobel|governor|gouverneur|chair(?:ed|man|woman)?"
    r"|fed|federal reserve|central bank(?:er|ing)?|banque centrale|treasury|economist|economics|[ée]conomi\w*"
    r"|inflation|recession|crisis|crise|scheme|fraud|fraude|case study|[ée]tude de cas|lesson|le[çc]on"
    r"|module|quiz|course|cours|trivia|fun fact|did you know|saviez-vous|wrote|argued|theory|famous|célèbre"
    r"|quotes?|quoted|line from|books?|novels?|plays?|poems?|reading list|book club|put it|said"
    r"|(?:1[0-9]|20)\d\d)\b"
)
# The text is plainly about the past: where any name in it is a figure of history, unless
# a client or a personal value shows up.
_PAST = re.compile(
    r"(?i)\b(?:history|historical|historic|historian|histoire|historique|century|centuries|si[èe]cle"
    r"|founded|founder|fond[ée]e? en|panic of|crash of|great depression|bretton woods|gold standard"
    r"|bank holiday|new deal|nobel|bank ?notes?|(?:1[0-8]\d\d|19[0-8]\d)s?)\b|\$\d+ (?:note|bill)\b"
)
# Words of a client, a conversation or a record: the text is about a person of today.
_CLIENT = re.compile(
    r"(?i)\b(?:client|clients|customer|cardholder|card holder|account holder|applicant"
    r"|member|borrower|caller|beneficiary|payee|tenant|spouse|my|our|your|i|i'm|we|me|us|you"
    r"|dob|d\.o\.b|date of birth|birth ?date|born|n[ée]e?|sin|ssn|e-?mail|phone|address|wants|needs"
    r"|asks|asked|called|calls|emailed|phoned|today|yesterday|tomorrow|please|titulaire|cliente?"
    r"|mr|mrs|ms|mme|mlle|miss|mx)\b"
)
# Words of banking that a history of cards uses as much as a client's record: they count
# against a figure of history only when the text tells of no founding or invention.
_BANKING = re.compile(
    r"(?i)\b(?:customers|account|accounts|card|loan|mortgage|statement|transfer)\b"
)
_STORY = re.compile(
    r"(?i)\b(?:founded|co-founded|launched|invented|introduced|pioneered|created|credited"
    r"|famous(?:ly)?|novel|coined|devised|case study|first (?:\w+ )?(?:card|bank|charge)|went on to"
    r"|legend|led to|gave rise|renamed|origins?)\b"
)
# Signs of a client of today even beside a famous name ("Adam Smith wants to open a TFSA").
_TODAY = re.compile(
    r"(?i)\b(?:client|clients|customer|customers|cardholder|card holder|account holder|applicant"
    r"|borrower|caller|dob|d\.o\.b|date of birth|birth ?date|wants|needs|asked me|called in"
    r"|called today|my|titulaire|cliente?)\b"
)
# A role word or title right before the name: a person of today whatever the text is about.
_CUED = re.compile(
    r"(?i)\b(?:client|customer|cardholder|member|applicant|borrower|caller|mr|mrs|ms|mme|mlle"
    r"|miss|mx|dr|monsieur|madame|name|nom)\b[.:,]?[ \t]*$"
)


# An honour or a public office few clients are addressed by: "Sir Edmund Walker", "Lord
# Strathcona", "Senator Chuck Schumer".
_HONOUR = (
    r"\b(?:Sir|Lord|Dame|King|Queen|Emperor|Pope|Senator|President|Prime Minister|Premier"
    r"|Chancellor|Congressman|Congresswoman|Governor|Prince|Princess|Duke|Duchess)[ \t]+"
)
_HONOURED = re.compile(_HONOUR + "$")
_HONOUR_FIRST = re.compile(_HONOUR)
# A name described by what made it known: "Grace Hopper, the computing pioneer, …".
_KNOWN_FOR_AFTER = re.compile(
    r",[ \t]+(?:the|a|an)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:pioneer|inventor|economist|founder"
    r"|scientist|physicist|mathematician|author|novelist|philosopher|psychologist|statesman"
    r"|industrialist|financier|explorer|composer|poet|painter|nobel laureate)\b"
    # "Tiff Macklem, Governor of the Bank of Canada, announced …": an office held.
    r"|,[ \t]+(?:the[ \t]+)?(?:former[ \t]+)?(?:governor|president|chair|chairman|chairwoman"
    r"|prime minister|premier|senator|minister|founder)[ \t]+of[ \t]+the\b",
    re.I,
)
# The author of a published work: "chapter 5 of Daniel Kahneman's Thinking, Fast and Slow",
# "the book by Daniel Pink".
_AUTHOR_BEFORE = re.compile(
    r"(?i)\b(?:chapters?[ \t]+\d+[ \t]+of|(?:book|novel|bestseller|best-seller|memoir"
    r"|treatise|talk|speech|song|painting|film|poem)s?[ \t]+by"
    # a work by its title, then its maker; a public figure by what made them known
    r"|(?:written|painted|directed|composed|sung|commissioned|narrated)[ \t]+by"
    r"|laureate|featuring|starring|portrait of|statue of|biography of)[ \t]+$"
    r"|[\"”»'’][ \t]+by[ \t]+$"
)
# "Chimamanda Ngozi Adichie's TED talk": a name by its public work.
_WORK_AFTER = re.compile(
    r"(?i)['’]s[ \t]+(?:TED[ \t]+)?(?:talk|speech|novel|book|painting|song|film|poem|portrait"
    r"|lecture|keynote|memoir|quote)\b"
    r"|['’]s[ \t]+(?:famous|well-known|celebrated|best-known|oft-quoted)[ \t]+"
    r"(?:advice|quote|line|saying|words|remark|dictum|letter|rule)s?\b"
)
# A name a law, principle or measure carries ("Pareto principle", "Benford's law", "Hanlon's
# razor"), or one something was named after ("named after economist Vilfredo Pareto", "after
# Ethernet inventor Robert Metcalfe"): a figure whatever else the text says of clients.
_EPONYM_AFTER = re.compile(
    r"(?:['’]s)?[ \t]+(?:law|principle|razor|coefficient|curve|effect|paradox|theorem|index"
    r"|equation|constant|distribution|fallacy|dilemma|pyramid|hierarchy|matrix|cycle|criterion"
    r"|formula|algorithm|method|ratio|scale|model|diagram|chart)\b",
    re.I,
)
_DESCRIBED = (
    r"(?:[\w-]+[ \t]+){0,2}(?:economist|inventor|statistician|mathematician|scientist"
    r"|physicist|engineer|psychologist|philosopher|founder|pioneer|author|writer)[ \t]+"
)
_NAMED_AFTER_BEFORE = re.compile(
    rf"(?i)\b(?:(?:named[ \t]+(?:after|for)|in honou?r of)[ \t]+(?:the[ \t]+)?(?:{_DESCRIBED})?"
    rf"|after[ \t]+(?:the[ \t]+)?{_DESCRIBED})$"
)


def _plain(span: str) -> list[str]:
    """Lower case, possessive off, spaces collapsed; with and without "Sir", "Lord" …"""
    span = unicodedata.normalize("NFKC", span).replace("’", "'").strip(" \t.,;:'\"‘“”")
    span = " ".join(re.sub(r"'s$", "", span).lower().split())
    bare = re.sub(r"^(?:sir|lord|lady|dame|king|queen|president|governor) ", "", span)
    return [span, bare] if span else []


def famous(span: str) -> bool:
    """A well-known figure of banking, money or economics, by full name or distinct surname."""
    for plain in _plain(span):
        if plain in FAMOUS or plain.split()[-1] in _SURNAMES:
            return True
        # "J. P. Morgan's", "Giovanni di Bicci de' Medici": a listed name inside a longer
        # span, or a span of two words or more inside a listed name ("Amschel Rothschild").
        padded = f" {plain} "
        if any(f" {f} " in padded or (plain.count(" ") and padded in f" {f} ") for f in FAMOUS):
            return True
    return False


def figure_of_lesson(text: str, start: int, end: int, other_values: bool) -> bool:
    """The name at text[start:end] is a figure of the lesson the text teaches, not a
    person whose data it holds (`other_values`: the text holds another personal value)."""
    titled = text[max(0, start - 4) : end].lower().strip()
    bare = text[start:end].lower().strip()
    if titled != bare and titled in FAMOUS and not other_values and not _TODAY.search(text):
        return True  # "Dr. Seuss": the title is part of the name the figure goes by
    if _CUED.search(text[max(0, start - 20) : start]):
        return False
    last = surname(text[start:end])
    if (
        _EPONYM_AFTER.match(text, end)
        or _NAMED_AFTER_BEFORE.search(text[max(0, start - 50) : start])
        # "Frank Benford" in a text about "Benford's law".
        or (
            len(last) > 2 and re.search(rf"\b{re.escape(last)}" + _EPONYM_AFTER.pattern, text, re.I)
        )
    ):
        return not other_values
    honoured = _HONOURED.search(text[max(0, start - 16) : start]) or _HONOUR_FIRST.match(
        text, start
    )
    if (
        honoured
        or _KNOWN_FOR_AFTER.match(text, end)
        or _AUTHOR_BEFORE.search(text[max(0, start - 30) : start])
        or _WORK_AFTER.match(text, end)
    ):
        return not other_values and not _TODAY.search(text)
    if famous(text[start:end]):
        # A full listed name needs no frame ("As John Maynard Keynes put it"); a surname
        # alone ("Keynes") only in a text that reads as a lesson.
        framed = " " in text[start:end].strip() or bool(_FRAME.search(text))
        if framed and not other_values and not _TODAY.search(text):
            return True
    # Any name, famous or not, in a text plainly about the past.
    return (
        bool(_PAST.search(text))
        and not other_values
        and not _CLIENT.search(text)
        and (not _BANKING.search(text) or bool(_STORY.search(text)))
    )
