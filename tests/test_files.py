"""Files written whole or not at all, and a folder's files listed."""

import pytest

from reader.files import atomic_write


def test_a_file_is_replaced_whole_and_its_folder_made(tmp_path):
    target = tmp_path / "out" / "corpus.json"
    atomic_write(target, "first")
    atomic_write(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["corpus.json"]  # no temporary file left


def test_a_write_that_fails_leaves_the_previous_file(tmp_path):
    target = tmp_path / "corpus.json"
    atomic_write(target, "previous")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(target, "half \udc80 written")  # a lone surrogate cannot be encoded
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.json"]  # and no half-written temporary file


def test_a_folder_s_files_are_listed_in_name_order_without_hidden_files_or_folders(tmp_path):
    from reader.files import files_in

    for name in ("b.yml", "a.yml", ".a.yml.tmp", "B.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "c.yml").mkdir()
    assert [p.name for p in files_in(tmp_path)] == ["B.txt", "a.yml", "b.yml"]
