"""The seeds are copied byte for byte from ../shared/seeds and never edited."""

import hashlib

import pytest

from .conftest import ROOT, SEEDS


def recorded_sums() -> dict[str, str]:
    lines = (SEEDS / "SHA256SUMS").read_text().splitlines()
    return {name: digest for digest, name in (line.split(maxsplit=1) for line in lines if line.strip())}


def test_every_seed_matches_its_recorded_checksum():
    sums = recorded_sums()
    on_disk = {p.name for p in SEEDS.iterdir() if p.name != "SHA256SUMS"}
    assert set(sums) == on_disk
    for name, digest in sums.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.skipif(not (ROOT.parent / "shared" / "seeds").is_dir(), reason="../shared/seeds is not beside the repo")
def test_seeds_are_byte_identical_to_the_shared_originals():
    for original in sorted((ROOT.parent / "shared" / "seeds").iterdir()):
        assert (SEEDS / original.name).read_bytes() == original.read_bytes(), original.name
