"""A Word file that unpacks to hundreds of megabytes is refused before it is unpacked.

The bomb is built here: a valid DOCX whose document.xml is 200 MB of repeated paragraphs,
about half a megabyte compressed. Uploaded through the admin API, its ingestion job finishes at
once with a clear reason, and the process's memory barely moves.
"""

from __future__ import annotations

import dataclasses
import io
import resource
import time
import zipfile
from pathlib import Path

import docx
import pytest

from knowledge.loaders import DocumentTooLarge, load_bytes
from tests.admin_api.conftest import ADMIN, AdminHarness, bearer
from tests.admin_api.test_content import _finished
from tests.knowledge.test_bounded_load import readers_left, slow_html

EXPANDED = 200 * 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_bomb() -> bytes:
    """A real DOCX (from python-docx) with its body swapped for 200 MB of paragraphs,
    written in pieces so the test itself never holds the expanded text."""
    template = io.BytesIO()
    word = docx.Document()
    word.add_paragraph("seed")
    word.save(template)
    out = io.BytesIO()
    paragraph = b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w") as bomb:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                bomb.writestr(item, source.read(item))
                continue
            head = source.read(item).partition(b"<w:body>")[0]
            info = zipfile.ZipInfo("word/document.xml")
            info.compress_type = zipfile.ZIP_DEFLATED
            with bomb.open(info, "w", force_zip64=True) as target:
                target.write(head + b"<w:body>")
                block = paragraph * 1024
                for _ in range(EXPANDED // len(block)):
                    target.write(block)
                target.write(b"</w:body></w:document>")
    return out.getvalue()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def test_a_docx_bomb_upload_is_refused_at_once_with_a_reason(admin: AdminHarness) -> None:
    bomb = docx_bomb()
    assert len(bomb) < 2 * 1024 * 1024  # small on the wire ...
    with zipfile.ZipFile(io.BytesIO(bomb)) as z:
        assert z.getinfo("word/document.xml").file_size > EXPANDED * 0.99  # ... huge unpacked
    peak_before = peak_rss_mb()
    started = time.perf_counter()
    uploaded = await admin.client.post(
        "/api/v1/documents", files={"file": ("policy.docx", bomb, DOCX)}, headers=bearer(ADMIN)
    )
    assert uploaded.status_code == 202
    job = await _finished(admin, uploaded.json()["job"]["id"])
    elapsed = time.perf_counter() - started
    outcome = job["result"]["files"][0]
    assert outcome["status"] == "skipped"
    assert "expands" in outcome["reason"] and "policy.docx" in outcome["reason"]
    # Refused from the ZIP directory, before anything is unpacked (unpacking it took over
    # 5 minutes and 1.5 GB): within 2 s, under 100 MB of growth.
    assert elapsed < 2, f"took {elapsed:.1f} s"
    assert peak_rss_mb() - peak_before < 100


async def test_a_document_that_reads_too_slowly_fails_its_job_at_the_time_limit(
    admin: AdminHarness,
) -> None:
    admin.services.config = dataclasses.replace(admin.services.config, document_parse_seconds=1)
    started = time.perf_counter()
    uploaded = await admin.client.post(
        "/api/v1/documents",
        files={"file": ("handbook.html", slow_html(), "text/html")},
        headers=bearer(ADMIN),
    )
    assert uploaded.status_code == 202
    job = await _finished(admin, uploaded.json()["job"]["id"])
    elapsed = time.perf_counter() - started
    outcome = job["result"]["files"][0]
    assert outcome["status"] == "skipped"
    assert "handbook.html: reading it took longer than 1 s" in outcome["reason"]
    assert elapsed < 6, f"took {elapsed:.1f} s"  # the limit, not the seconds parsing needs
    assert readers_left() == []  # the reader was stopped, not left running
    listed = await admin.client.get("/api/v1/documents", headers=bearer(ADMIN))
    assert listed.json()["items"] == []


def test_the_loader_refuses_many_parts_and_extreme_ratios(tmp_path: Path) -> None:
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as z:
        for n in range(1500):
            z.writestr(f"word/part{n}.xml", b"<x/>")
    with pytest.raises(DocumentTooLarge, match="1500 parts"):
        load_bytes(Path("many.docx"), many.getvalue())
    dense = io.BytesIO()
    with zipfile.ZipFile(dense, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(DocumentTooLarge, match="expands"):
        load_bytes(Path("dense.docx"), dense.getvalue())
