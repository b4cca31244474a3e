"""The content-hash cache a preview rebuild reuses (`reader/cache.py`)."""

import os
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


def test_a_file_written_twice_within_one_tick_of_the_clock_has_two_states(tmp_path):
    """A file written moments ago could be written again, same size, with the same modification time:
    its content is then part of its state."""
    from reader.cache import file_state

    path = tmp_path / "note.yml"
    path.write_text("kind: context\n", encoding="utf-8")
    first = file_state(path)
    path.write_text("kind: contest\n", encoding="utf-8")
    assert file_state(path) != first
    long_ago = path.stat().st_mtime - 60
    os.utime(path, (long_ago, long_ago))
    assert len(file_state(path)) == 4 and file_state(path) == file_state(path)  # settled: name, size, time, inode


def test_a_preview_reads_a_seed_again_only_when_its_state_changed(tmp_path):
    """What `file_states` promises, and all it promises: a seed rewritten behind the cache's back (its
    size, time and inode put back) is not read again; touched, it is."""
    from .conftest import SEEDS

    folder = tmp_path / "seeds"
    folder.mkdir()
    seed = folder / "article.txt"
    original = (SEEDS / "002_d566bb28321c3257.txt").read_text(encoding="utf-8")
    seed.write_text(original, encoding="utf-8")
    long_ago = seed.stat().st_mtime - 60
    os.utime(seed, (long_ago, long_ago))
    cache = BuildCache(active=True, file_states=True)
    title = read_corpus(folder, None, cache=cache).articles[0].metadata.title
    altered = original.replace(title, title.upper(), 1)
    assert altered != original and len(altered) == len(original)
    seed.write_text(altered, encoding="utf-8")
    os.utime(seed, (long_ago, long_ago))
    assert read_corpus(folder, None, cache=cache).articles[0].metadata.title == title
    assert read_corpus(folder, None, cache=BuildCache(active=True)).articles[0].metadata.title == title.upper()
    os.utime(seed)  # touched now
    assert read_corpus(folder, None, cache=cache).articles[0].metadata.title == title.upper()
