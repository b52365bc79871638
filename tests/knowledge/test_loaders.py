"""Each supported format becomes titled text with markdown headings; bad files say why."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from knowledge.loaders import DocumentTooLarge, LoaderError, load_bytes, load_file
from tests.support.documents import (
    CHECKING_PDF_PAGES,
    CHECKING_PDF_TITLE,
    FORGOT_PASSWORD_HTML,
    pdf_bytes,
)


def test_markdown_keeps_headings_and_takes_the_first_as_title(tmp_path: Path) -> None:
    path = tmp_path / "fees.md"
    path.write_text("---\nauthor: x\n---\n# Card fees\n\n## Annual fee\n\nCharged yearly.\n")
    document = load_file(path, max_bytes=10_000)
    assert document.title == "Card fees" and document.format == "md"
    assert document.text.startswith("# Card fees\n\n## Annual fee")
    assert "author" not in document.text


def test_plain_text_is_titled_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "travel_expense-policy.txt"
    path.write_bytes(
        "Receipts are required for every purchase over $25 — no exceptions.".encode("cp1252")
    )
    document = load_file(path, max_bytes=10_000)
    assert document.title == "travel expense policy"
    assert "— no exceptions" in document.text


def test_html_keeps_the_article_and_drops_navigation_and_scripts() -> None:
    page = b"""<html><head><title>Site | Fees</title><script>var x = 'tracking';</script></head>
    <body><nav><a href="/">Home</a> Menu items</nav>
    <article><h1>Fees <a class="headerlink" href="#fees">\xc2\xb6</a></h1>
    <p>An annual fee applies.</p>
    <h2>Late fees</h2><ul><li>Charged after the due date</li></ul></article>
    <footer>Copyright</footer></body></html>"""
    document = load_bytes(Path("fees.html"), page)
    assert document.title == "Fees"
    assert (
        document.text
        == "# Fees\n\nAn annual fee applies.\n\n## Late fees\n\n- Charged after the due date"
    )


def test_a_cheat_sheet_page_keeps_its_section_headings(tmp_path: Path) -> None:
    path = tmp_path / "Forgot_Password_Cheat_Sheet.html"
    path.write_text(FORGOT_PASSWORD_HTML)
    document = load_file(path, max_bytes=10**7)
    assert document.title == "Forgot Password Cheat Sheet"
    assert "## Forgot Password Service" in document.text
    assert "### URL Tokens" in document.text
    assert "¶" not in document.text and "tracking" not in document.text
    assert "menu" not in document.text and "Copyright" not in document.text


def test_docx_heading_styles_become_headings(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("Expense policy", level=1)
    word.add_paragraph("Use the card for business purchases only.")
    word.add_heading("Receipts", level=2)
    word.add_paragraph("Upload receipts within five days.", style="List Bullet")
    path = tmp_path / "policy.docx"
    word.save(str(path))
    document = load_file(path, max_bytes=10**6)
    assert document.format == "docx" and document.title == "Expense policy"
    assert document.text == (
        "# Expense policy\n\nUse the card for business purchases only.\n\n## Receipts\n\n"
        "- Upload receipts within five days."
    )


def test_pdf_text_is_extracted_with_its_title(tmp_path: Path) -> None:
    path = tmp_path / "checking.pdf"
    path.write_bytes(pdf_bytes(CHECKING_PDF_TITLE, CHECKING_PDF_PAGES))
    document = load_file(path, max_bytes=10**7)
    assert document.format == "pdf" and document.title == CHECKING_PDF_TITLE
    # Hard-wrapped lines are joined back into sentences.
    assert "so that you always know how much money is available in your checking account" in (
        document.text
    )


def test_encrypted_pdf_is_refused_by_name() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt(user_password="secret")
    data = io.BytesIO()
    writer.write(data)
    with pytest.raises(LoaderError, match=r"^locked\.pdf: the PDF is encrypted"):
        load_bytes(Path("locked.pdf"), data.getvalue())


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.md", b"  \n", "the file is empty"),
        ("headings-only.md", b"# Title\n\n## Section\n", "no readable text found"),
        ("broken.pdf", b"%PDF-1.7 garbage", "broken.pdf: "),
        ("broken.docx", b"PK not really a zip", "not a readable Word document"),
        ("image.png", b"\x89PNG", "unsupported file type .png"),
    ],
)
def test_unusable_files_raise_a_clear_error(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(LoaderError) as raised:
        load_bytes(Path(name), data)
    assert str(raised.value).startswith(f"{name}: ")
    assert reason in str(raised.value)


def test_oversize_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 3_000_000)
    with pytest.raises(
        DocumentTooLarge, match=r"big\.txt: 2\.9 MB is over the 1\.0 MB document limit"
    ):
        load_file(path, max_bytes=1_048_576)


def test_missing_file_is_a_loader_error(tmp_path: Path) -> None:
    with pytest.raises(LoaderError, match=r"gone\.md: cannot open the file"):
        load_file(tmp_path / "gone.md", max_bytes=10)
