"""Shared fixtures: the real seeds, the corpus they make, throwaway seed folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.corpus import Corpus, read_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ANNOTATIONS = ROOT / "annotations"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output (review the diff by hand before committing)",
    )


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return read_corpus(SEEDS, ANNOTATIONS)


@pytest.fixture(scope="session")
def articles_by_id(corpus):
    return {a.id: a for a in corpus.articles}


@pytest.fixture
def seed_folder(tmp_path):
    """Make a seeds folder from {name: text or bytes}."""

    def make(files: dict[str, str | bytes]) -> Path:
        folder = tmp_path / "seeds"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
        return folder

    return make
