"""The corpus: five seeds make seven articles with distinct, stable, readable ids."""

import re

from reader.corpus import assign_ids, read_corpus

from .conftest import SEEDS


def test_five_seeds_make_seven_articles(corpus):
    assert len(corpus.seeds) == 5
    assert len(corpus.articles) == 7


def test_ids_are_distinct_readable_slugs(corpus):
    ids = [a.id for a in corpus.articles]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) and len(i) <= 80 for i in ids)


def test_the_two_copies_of_circle_wagons_are_told_apart_by_outlet(articles_by_id):
    assert "china-russia-circle-wagons-asia-pacific-asia-times" in articles_by_id
    assert "china-russia-circle-wagons-asia-pacific-global-research" in articles_by_id


def test_ids_are_stable_across_runs(corpus):
    assert [a.id for a in read_corpus(SEEDS, None).articles] == [a.id for a in corpus.articles]


def test_a_clash_of_ids_is_numbered_in_seed_order(corpus):
    article = corpus.articles[0]
    renamed = assign_ids([article, article, article])
    assert [a.id for a in renamed] == [article.id, f"{article.id}-2", f"{article.id}-3"]


def test_many_seeds_are_cleaned_in_parallel_with_the_same_result(seed_folder, monkeypatch):
    import pytest

    from reader import settings
    from reader.errors import Problems

    from .conftest import FIXTURES

    texts = {f"{n:03d}.txt": (SEEDS / "002_d566bb28321c3257.txt").read_bytes() for n in range(12)}
    folder = seed_folder(texts)
    serial = read_corpus(folder, None)
    monkeypatch.setattr(settings, "PARALLEL_MIN_JOBS", 2)
    parallel = read_corpus(folder, None)
    assert parallel.articles == serial.articles
    feed = (FIXTURES / "feed-two-items.txt").read_text(encoding="utf-8")
    (folder / "cut.txt").write_text(feed[: feed.index("Repairs to the storm")], encoding="utf-8")
    with pytest.raises(Problems) as caught:
        read_corpus(folder, None, strict=True)
    assert "cut.txt:18: feed item 2" in str(caught.value) and "has no body" in str(caught.value)
    relaxed = read_corpus(folder, None)  # without strict the bad seed is left out, and said so
    assert len(relaxed.articles) == 12 and [str(w).split(": ")[0] for w in relaxed.skipped] == [
        f"{folder / 'cut.txt'}:18"
    ]


def test_bad_seeds_and_bad_annotation_files_are_reported_together(seed_folder, tmp_path):
    import pytest

    from reader.errors import Problems

    folder = seed_folder({"good.txt": (SEEDS / "002_d566bb28321c3257.txt").read_bytes(), "empty.txt": b""})
    annotations = tmp_path / "notes"
    annotations.mkdir()
    (annotations / "broken.yml").write_text("article: x\nnotes:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(Problems) as caught:
        read_corpus(folder, annotations, strict=True)
    report = str(caught.value)
    assert (
        "empty.txt: the seed is empty" in report
        and "annotations/broken.yml:4:1: not valid YAML" in report
        and "2 errors" in report
    )


def test_an_annotation_file_whose_seed_was_left_out_is_a_warning_not_an_error(seed_folder, tmp_path):
    folder = seed_folder({"good.txt": (SEEDS / "002_d566bb28321c3257.txt").read_bytes(), "empty.txt": b""})
    annotations = tmp_path / "notes"
    annotations.mkdir()
    note = "article: gone-article\nnotes:\n  - id: g1\n    kind: context\n    quote: anything\n    text: A note.\n"
    (annotations / "gone-article.yml").write_text(note, encoding="utf-8")
    corpus = read_corpus(folder, annotations)
    assert len(corpus.articles) == 1
    assert any(
        "gone-article.yml" in str(w) and "may belong to a seed that could not be read" in str(w)
        for w in corpus.warnings
    )
