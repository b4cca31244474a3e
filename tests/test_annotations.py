"""Reading annotation files: every kind of mistake gets an exact message at its line and column."""

import pytest

from reader.annotations.read import MAX_FILE_BYTES, parse_yaml, read_annotations, validate
from reader.annotations.schema import AnnotationFile
from reader.errors import AnnotationError, Problems

from .conftest import ANNOTATIONS

GOOD = """\
article: some-article
notes:
  - id: a-note
    kind: context
    quote: the words
    text: A note.
"""


def errors_of(text: str, name: str = "some-article.yml") -> list[str]:
    try:
        validate(parse_yaml(text.encode("utf-8"), f"annotations/{name}"), AnnotationFile)
    except AnnotationError as error:
        return [str(error)]
    except Problems as problems:
        return [str(e) for e in problems.errors]
    return []


def test_a_good_file_has_no_errors():
    assert errors_of(GOOD) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            GOOD.replace("quote:", "qoute:"),
            [
                "annotations/some-article.yml:5:5: notes[0].qoute: unknown key 'qoute'. Did you mean 'quote'? "
                "Allowed here: date, id, kind, prefix, quote, sources, suffix, text\n"
                "  You can fix this by renaming or removing it. See the Contributing page for the annotation format.",
            ],
        ),
        (
            GOOD.replace("text: A note.", 'text: "  "'),
            [
                "annotations/some-article.yml:6:11: notes[0].text: is empty\n"
                "  You can fix this by writing the text, or removing the key."
            ],
        ),
        (
            GOOD + "    date: 2023-02-30\n",
            [
                "annotations/some-article.yml:7:11: notes[0].date: '2023-02-30' is not a date\n"
                "  You can fix this by writing the date as YYYY-MM-DD, for example 2023-04-19."
            ],
        ),
        (
            GOOD.replace("kind: context", "kind: contxt"),
            [
                "annotations/some-article.yml:4:11: notes[0].kind: unknown kind 'contxt'; expected 'context', "
                "'correction', 'link'\n  You can fix this by choosing one of those."
            ],
        ),
        (
            GOOD.replace("id: a-note", "id: A Note"),
            [
                "annotations/some-article.yml:3:9: notes[0].id: 'A Note' is not an id\n"
                "  You can fix this by using lower-case letters, digits and single hyphens."
            ],
        ),
        (
            GOOD + "    sources:\n      - {title: T, url: 'javascript:alert(1)'}\n",
            [
                "annotations/some-article.yml:8:25: notes[0].sources[0].url: 'javascript:alert(1)' is not an "
                "http(s) URL\n  You can fix this by giving the full address, starting https://."
            ],
        ),
        (
            GOOD.replace("kind: context", "kind: correction") + "    reading: x\n    category: grammar\n",
            [
                "annotations/some-article.yml:8:15: notes[0].category: 'grammar' is not allowed here; expected "
                "'translation', 'fact', 'date', 'name' or 'scrape'\n  You can fix this by choosing one of those."
            ],
        ),
        (
            GOOD.replace("    kind: context\n", ""),
            [
                "annotations/some-article.yml:3:5: notes[0]: the note has no 'kind'\n"
                "  You can fix this by adding kind: context, kind: correction or kind: link."
            ],
        ),
        (
            GOOD.replace("notes:", "about:\n  note: x\n  topics: ['<img src=x onerror=alert(1)>']\nnotes:"),
            [
                "annotations/some-article.yml:4:12: about.topics[0]: '<img src=x onerror=alert(1)>' is not a topic: "
                "topics are plain words\n  You can fix this by removing markup and symbols from it."
            ],
        ),
    ],
    ids=[
        "misspelt-key",
        "empty-text",
        "bad-date",
        "bad-kind",
        "bad-id",
        "javascript-url",
        "bad-category",
        "no-kind",
        "markup-topic",
    ],
)
def test_schema_errors_name_file_line_column_field_and_fix(text, expected):
    assert errors_of(text) == expected


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("article: x\nnotes:\n\t- id: a\n", 3, "a tab character: YAML indents with spaces only"),
        ("article: x\nnotes:\n  - id: a\n   kind: context\n", 4, "not valid YAML"),
        ('article: "x\nnotes: []\n', 3, "not valid YAML"),
        ("article: !!python/object/apply:os.system [echo hacked]\n", 1, "is not allowed: only plain YAML is read"),
        ("article: x\narticle: y\n", 2, "the key 'article' appears twice"),
        ('a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n', 2, "YAML anchors and aliases (&name, *name) are not allowed"),
        # Forty levels would be 2**40 values expanded: refused before anything expands them.
        (
            "l0: &l0 [x, x]\n" + "".join(f"l{n}: &l{n} [*l{n - 1}, *l{n - 1}]\n" for n in range(1, 41)),
            2,
            "anchors and aliases",
        ),
        ("article: x\nnotes:\n  - id: a\n    quote: &q some words\n    text: *q\n", 5, "anchors and aliases"),
        ("# nothing\n", 1, "the file is empty"),
    ],
    ids=[
        "tab",
        "bad-indentation",
        "unclosed-quote",
        "python-tag",
        "duplicate-key",
        "billion-laughs",
        "deep-billion-laughs",
        "scalar-alias",
        "empty",
    ],
)
def test_yaml_that_is_not_plain_safe_yaml_is_refused(text, line, message):
    with pytest.raises(AnnotationError) as caught:
        parse_yaml(text.encode("utf-8"), "annotations/x.yml")
    assert caught.value.line == line
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"annotations/x.yml:{line}")
    assert "You can fix this by" in str(caught.value)


def test_an_oversized_file_is_refused_before_parsing():
    with pytest.raises(AnnotationError, match="more than the 1,000,000 an annotation file may be"):
        parse_yaml(b"a: " + b"x" * MAX_FILE_BYTES, "annotations/big.yml")


def test_file_must_be_named_after_its_article(tmp_path):
    (tmp_path / "wrong-name.yml").write_text(GOOD)
    with pytest.raises(Problems) as caught:
        read_annotations(tmp_path)
    assert "the file is named 'wrong-name.yml' but annotates 'some-article'" in str(caught.value)
    assert "renaming the file to some-article.yml" in str(caught.value)


def test_duplicate_note_ids_across_files_are_reported(tmp_path):
    (tmp_path / "some-article.yml").write_text(GOOD)
    (tmp_path / "other-article.yml").write_text(GOOD.replace("some-article", "other-article"))
    with pytest.raises(Problems) as caught:
        read_annotations(tmp_path)
    assert "notes[0].id: the note id 'a-note' is already used in annotations/other-article.yml" in str(caught.value)


def test_two_glossary_terms_with_one_anchor_are_refused_with_the_alias_to_write(tmp_path):
    """ "Ka-52" and "Ka 52" would share the entry #ka-52: the second is an alias of the first."""
    (tmp_path / "glossary.yml").write_text(
        "terms:\n  - term: Ka-52\n    definition: A helicopter.\n  - term: Ka 52\n    definition: The same.\n"
    )
    with pytest.raises(Problems) as caught:
        read_annotations(tmp_path)
    assert (
        "annotations/glossary.yml:4:11: terms[1].term: the term 'Ka 52' has the same glossary anchor ('ka-52') "
        "as 'Ka-52'" in str(caught.value)
    )
    assert "You can fix this by adding 'Ka 52' to the aliases of 'Ka-52'" in str(caught.value)


def test_every_problem_in_every_file_is_reported_together(tmp_path):
    (tmp_path / "some-article.yml").write_text(GOOD.replace("quote:", "qoute:"))
    (tmp_path / "glossary.yml").write_text("terms:\n  - term: X\n")
    with pytest.raises(Problems) as caught:
        read_annotations(tmp_path)
    assert len(caught.value.errors) == 2  # the misspelt key is one error, not also a missing one
    assert "annotations/glossary.yml:2:5: terms[0].definition: the key 'definition' is required here" in str(
        caught.value
    )


def test_every_real_annotation_file_references_the_schema():
    for path in ANNOTATIONS.glob("*.yml"):
        schema = "glossary" if path.name == "glossary.yml" else "annotations"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{schema}.schema.json", path.name
