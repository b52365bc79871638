"""Training documents in every supported format, written by the tests themselves.

Short texts in the style of the real corpus (an OWASP cheat sheet as an HTML page, a CFPB
circular in Markdown, an FDIC leaflet as a PDF, a NIST guideline as a Word file), so the
default suite needs nothing beside the checkout. The larger shared corpus is exercised by
tests/corpus when BMO_CORPUS_DIR is set.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from fpdf import FPDF

FORGOT_PASSWORD_HTML = """<!DOCTYPE html>
<html><head><title>Forgot Password - OWASP Cheat Sheet Series</title>
<script>window.analytics = 'tracking';</script></head>
<body>
<nav><a href="/">Home</a> <a href="/index">Index</a> Cheat sheets menu</nav>
<article>
<h1>Forgot Password Cheat Sheet<a class="headerlink" href="#forgot">&para;</a></h1>
<h2>Introduction</h2>
<p>Most web applications let a user recover access when they cannot remember their
password. The recovery feature is an attractive target, so it must be built with the same
care as the login form itself.</p>
<h2>Forgot Password Service</h2>
<p>The reset page should show the same message whether or not the account exists, for
example "If that email address is in our database, we will send you an email to reset your
password." Return the response in a uniform time so that the page does not reveal which
accounts are registered.</p>
<p>Protect the form against automated submissions with rate limiting per account and per
address, and never lock the real owner out because somebody else requested many resets.</p>
<h2>Methods</h2>
<p>There are several ways to let a user prove they own the account before the password is
changed.</p>
<h3>URL Tokens</h3>
<p>URL tokens are passed in the query string of a link sent to the registered email
address. The token must be long, random, single use and expire after a short period. Send
the link over HTTPS and do not rely on the Host header to build it.</p>
<h3>PINs</h3>
<p>PINs are short numbers of six to twelve digits sent by text message or email. Because
they are short, limit the number of guesses and let each PIN expire quickly.</p>
<h3>Offline Methods</h3>
<p>Offline methods give the user a recovery code when the account is created, to be kept
on paper or in a hardware token and used once when the password is lost.</p>
<h2>Security Questions</h2>
<p>Security questions should never be the only mechanism for recovering an account. If
they are used, combine them with a token sent to the user, and choose questions whose
answers are hard to guess or look up on social media.</p>
</article>
<footer>Copyright OWASP Foundation. Licensed under CC BY-SA 4.0.</footer>
</body></html>
"""

REWARDS_MARKDOWN = """# Credit card rewards programs

Credit card issuers attract new customers with points, miles and cash back. The terms of a
rewards programme are part of the card agreement, and the issuer must honour them.

## Devaluation of rewards already earned

Some issuers reduce the value of points after a consumer has earned them, for example by
raising the number of points needed for a flight. Devaluation of rewards that were already
earned can be an unfair practice when the agreement promised a fixed redemption value.

## Conditions hidden in the fine print

Rewards offers sometimes carry conditions, such as a minimum spend or a narrow list of
merchants, that appear only in footnotes. Conditions that would change a reasonable
consumer's decision must be disclosed clearly and prominently.

## Cancelling rewards at account closure

Issuers may not take away rewards a consumer has earned when the account is closed for
reasons that the agreement does not name. Consumers should be told how long they have to
redeem what they have earned.
"""

DEPOSITS_PDF_TITLE = "Your Business, Your Deposits: Understanding Deposit Insurance"
DEPOSITS_PDF_PAGES = [
    "Your Business, Your Deposits\n\n"
    "Deposit insurance protects the money a company keeps at an insured bank. Corporations, "
    "partnerships and unincorporated associations are each covered up to $250,000 per "
    "insured bank, separately from the personal accounts of their owners.\n\n"
    "If an insured bank fails, the FDIC pays depositors promptly, usually by the next "
    "business day, either by opening an account at another bank or by sending a check.",
    "Deposits that are not insured\n\n"
    "Stocks, bonds, mutual funds, annuities and crypto assets are not deposits and are not "
    "insured, even when they were bought through an insured bank. Ask the bank whether a "
    "product is a deposit before you put company funds into it.",
]

CHECKING_PDF_TITLE = "Managing Your Checking Account"
CHECKING_PDF_PAGES = [
    "Managing your checking account\n\n"
    "Keep track of every deposit, withdrawal and debit card purchase so that you always "
    "know how much money is available in your checking account.\n\n"
    "Overdraft coverage is optional: the bank must ask you before charging a fee to cover "
    "an ATM withdrawal or a one-time debit card purchase when your balance is too low.",
]

# (style level, text); level 0 is a body paragraph.
IDENTITY_DOCX = [
    (1, "9. Usability Considerations"),
    (
        0,
        "Identity proofing should be designed so that applicants understand each step, "
        "why the information is asked for and how long the process will take.",
    ),
    (2, "9.1. General User Experience Considerations"),
    (
        0,
        "Tell applicants in advance which documents they need, and whether the session can "
        "be paused and resumed later without starting again.",
    ),
    (3, "9.1.1. Before the Enrollment and Proofing Session"),
    (
        0,
        "Provide the list of acceptable identity evidence and explain the options available "
        "to applicants who do not have one of the listed documents.",
    ),
    (3, "9.1.2. Enrollment and Proofing Session"),
    (
        0,
        "During the session, show progress, keep instructions short, and let the applicant "
        "correct a mistake without re-entering every field.",
    ),
    (3, "9.1.3. After the Enrollment and Proofing Session"),
    (
        0,
        "Confirm the outcome promptly and explain what the applicant can do when proofing "
        "was not successful.",
    ),
]


def pdf_bytes(title: str, pages: list[str]) -> bytes:
    """A text PDF (Helvetica, one page per entry) with `title` in its metadata."""
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_font("Helvetica", size=11)
    for page in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, page)
    return bytes(pdf.output())


def docx_bytes(paragraphs: list[tuple[int, str]]) -> bytes:
    """A Word document whose headings use Word's own "Heading N" styles."""
    word = docx.Document()
    for level, text in paragraphs:
        if level:
            word.add_heading(text, level=level)
        else:
            word.add_paragraph(text)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def write_one_of_each(folder: Path) -> list[Path]:
    """The four formats, in the order md, html, pdf, docx."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "CFPB_Circular_credit_card_rewards_programs.md": REWARDS_MARKDOWN.encode(),
        "Forgot_Password_Cheat_Sheet.html": FORGOT_PASSWORD_HTML.encode(),
        "FDIC_Your_Business_Your_Deposits.pdf": pdf_bytes(DEPOSITS_PDF_TITLE, DEPOSITS_PDF_PAGES),
        "SP800-63A_sec9_usability_considerations.docx": docx_bytes(IDENTITY_DOCX),
    }
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths
