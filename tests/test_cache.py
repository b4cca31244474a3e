"""The content-hash cache a preview rebuild reuses (`reader/cache.py`)."""

from pathlib import Path

from reader.cache import MISSING, BuildCache, digest
from reader.corpus import read_corpus
from reader.site.render import render_site

from .conftest import ROOT


def test_a_value_is_computed_once_and_found_by_its_key():
    cache, calls = BuildCache(active=True), []
    compute = lambda: calls.append(1) or "page"  # noqa: E731
    assert cache.value("pages", b"key", compute) == "page"
    assert cache.value("pages", b"key", compute) == "page"
    assert calls == [1] and cache.hits == 1 and cache.misses == 1


def test_an_inactive_cache_remembers_nothing():
    cache = BuildCache()
    cache.put("pages", b"key", "page")
    assert cache.get("pages", b"key") is MISSING


def test_a_sweep_forgets_what_the_last_build_did_not_use_but_keeps_tables_it_did_not_open():
    cache = BuildCache(active=True)
    for key in (b"old", b"kept"):
        cache.put("pages", key, key)
    cache.put("signatures", b"s", "signature")
    cache.sweep()
    cache.get("pages", b"kept")
    cache.sweep()
    assert cache.get("pages", b"kept") == b"kept"
    assert cache.get("pages", b"old") is MISSING
    assert cache.get("signatures", b"s") == "signature"


def test_digests_keep_their_parts_apart():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("ab", "c") == digest(b"ab", b"c")


def copy_inputs(tmp_path: Path) -> tuple[Path, Path]:
    seeds, annotations = tmp_path / "seeds", tmp_path / "annotations"
    seeds.mkdir()
    annotations.mkdir()
    for path in (ROOT / "seeds").iterdir():
        (seeds / path.name).write_bytes(path.read_bytes())
    for path in (ROOT / "annotations").iterdir():
        (annotations / path.name).write_bytes(path.read_bytes())
    return seeds, annotations


def test_a_rebuild_with_the_cache_makes_what_a_build_without_it_makes(tmp_path):
    seeds, annotations = copy_inputs(tmp_path)
    cache = BuildCache(active=True)
    render_site(read_corpus(seeds, annotations, cache=cache), cache=cache)
    cache.sweep()
    path = annotations / "military-relationship-between-china-russia.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # new bytes, same annotations
    note = next(p for p in annotations.glob("china-belarus*.yml"))
    note.write_text(
        note.read_text(encoding="utf-8").replace("NATO's 75th", "NATO's seventy-fifth", 1), encoding="utf-8"
    )
    again = render_site(read_corpus(seeds, annotations, cache=cache), cache=cache)
    assert cache.hits > 0 and cache.misses > 0  # the unchanged seeds and files were reused, the edited one was not
    assert again == render_site(read_corpus(seeds, annotations))
    assert "seventy-fifth" in again["articles/china-belarus-hold-army-drills-near-nato-border-artifex-news.md"]
