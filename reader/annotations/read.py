"""The hand-written YAML in `annotations/`, validated.

Files are parsed with PyYAML's safe loader only (a `!!python/...` tag is an
error), keeping every node's line and column so that each problem is reported
where the contributor wrote it. Then pydantic checks them against
`reader.annotations.schema`. Every problem in every file is collected and raised together.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reader import settings
from reader.annotations.schema import AnnotationFile, ContextNote, CorrectionNote, GlossaryFile, LinkNote
from reader.errors import AnnotationError, InternalError, Problems, ReaderError
from reader.files import files_in
from reader.text import decode_utf8, line_of, slug

GLOSSARY = "glossary.yml"
MAX_FILE_BYTES = settings.ANNOTATION_MAX_BYTES
SCHEMA_HINT = "See the Contributing page for the annotation format."


Model = TypeVar("Model", bound=BaseModel)

# A value's path in a file: keys and list indexes, as in ("notes", 2, "quote").
Loc = tuple[str | int, ...]

# libyaml's parser when PyYAML was built with it (its wheels are): the same safe loading, faster.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[valid-type,misc]  # a base chosen at import time
    """The safe loader, leaving dates as text so the schema checks them and says where."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlFile:
    """A parsed YAML file, with the position of every value by its path."""

    path: str
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    text: str = ""

    def position(self, loc: Loc) -> tuple[int, int]:
        """Line and column of the value at `loc`, or of its nearest parent that exists."""
        loc = tuple(loc)
        while loc and loc not in self.positions:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))

    def error(self, loc: Loc, message: str, fix: str, *, key: bool = False) -> AnnotationError:
        line, column = self.position(loc + (("key",) if key else ()))
        return AnnotationError(message, self.path, line, fix, column, dotted(loc))


@dataclass(frozen=True)
class Annotations:
    """Every annotation file, validated, by article id; and the glossary."""

    files: dict[str, AnnotationSource]
    glossary: GlossarySource | None = None


class AnnotationSource(NamedTuple):
    """An article's annotation file: as parsed (positions, text) and as validated."""

    parsed: YamlFile
    model: AnnotationFile


class GlossarySource(NamedTuple):
    parsed: YamlFile
    model: GlossaryFile


def dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_annotations(folder: Path, shown_as: str = "annotations") -> Annotations:
    """Every annotation file in `folder`, validated (`annotation_files`, `read_file`, `collect`)."""
    return collect([read_file(data, shown) for shown, data in annotation_files(folder, shown_as)])


def annotation_files(folder: Path, shown_as: str = "annotations") -> list[tuple[str, bytes]]:
    """Each YAML file in `folder`, by name, as it is shown in messages and as its bytes."""
    return [(shown, path.read_bytes()) for shown, path in annotation_paths(folder, shown_as)]


def annotation_paths(folder: Path, shown_as: str = "annotations") -> list[tuple[str, Path]]:
    """Each YAML file in `folder`, by name, as it is shown in messages and as its path."""
    if not folder.is_dir():
        return []
    return [(f"{shown_as}/{path.name}", path) for path in files_in(folder) if path.suffix in (".yml", ".yaml")]


class FileRead(NamedTuple):
    """One annotation file parsed and validated, or the problems found in it."""

    parsed: YamlFile | None
    model: AnnotationFile | GlossaryFile | None
    problems: list[ReaderError]


def collect(read: list[FileRead]) -> Annotations:
    """The files read, by article, and the glossary; every problem in any of them raised together."""
    files: dict[str, AnnotationSource] = {}
    glossary: GlossarySource | None = None
    errors: list[ReaderError] = []
    for parsed, model, problems in read:
        if problems or parsed is None:
            errors.extend(problems)
        elif isinstance(model, GlossaryFile):
            glossary = GlossarySource(parsed, model)
        elif isinstance(model, AnnotationFile):
            files[model.article] = AnnotationSource(parsed, model)
    errors.extend(_duplicate_note_ids(files))
    errors.extend(_clashing_terms(glossary))
    if errors:
        raise Problems(errors)
    return Annotations(files, glossary)


def read_file(data: bytes, shown: str) -> FileRead:
    """One file parsed and validated, or the problems found in it."""
    try:
        parsed = parse_yaml(data, shown)
        if shown.rsplit("/", 1)[-1] == GLOSSARY:
            return FileRead(parsed, validate(parsed, GlossaryFile), [])
        model = validate(parsed, AnnotationFile)
        _check_file_name(parsed, model, Path(shown))
        return FileRead(parsed, model, [])
    except AnnotationError as error:
        return FileRead(None, None, [error])
    except Problems as problems:
        return FileRead(None, None, list(problems.errors))
    except Exception as error:  # a bug: say which file triggered it
        bug = InternalError.caught(error, shown, fix="reporting it as a bug, with this file attached.")
        return FileRead(None, None, [bug])


def parse_yaml(data: bytes, shown_as: str) -> YamlFile:
    if len(data) > MAX_FILE_BYTES:
        raise AnnotationError(
            f"the file is {len(data):,} bytes, more than the {MAX_FILE_BYTES:,} an annotation file may be",
            shown_as,
            fix="splitting it, or checking that it is the file you meant to add.",
        )
    text = decode_utf8(data)
    if isinstance(text, UnicodeDecodeError):
        raise AnnotationError("the file is not UTF-8", shown_as, line_of(data, text.start), "saving it as UTF-8.")
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        column = len(text[: text.index("\t")].rsplit("\n", 1)[-1]) + 1
        raise AnnotationError(
            "a tab character: YAML indents with spaces only", shown_as, line, "replacing the tab with spaces.", column
        )
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise AnnotationError(
                "the file is empty", shown_as, 1, fix="writing the annotations, or deleting the file."
            )
        try:
            positions = _positions(node, (), shown_as, set())
        except _AliasMet:
            _refuse_aliases(text, shown_as)  # says where the alias is used
            raise
        data_value = loader.construct_document(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
        message = f"not valid YAML: {problem}" + (f" ({context})" if context else "")
        fix = (
            "checking the indentation, quotes and colons on that line and the next (a text with a colon needs quotes)."
        )
        if "could not determine a constructor" in problem:
            message = f"the YAML tag {problem.split('tag ', 1)[-1]} is not allowed: only plain YAML is read"
            fix = "removing the tag: only plain text, numbers, lists and mappings are read."
        raise AnnotationError(
            message, shown_as, mark.line + 1 if mark else None, fix, mark.column + 1 if mark else None
        ) from None
    finally:
        loader.dispose()
    return YamlFile(shown_as, data_value, positions, text)


class _AliasMet(Exception):
    """A node met twice while walking the file: an alias names it."""


def _refuse_aliases(text: str, shown_as: str) -> None:
    """Aliases are refused where they are used: one can make a "billion laughs" bomb. (Composing
    the file does not expand them: an alias is the node it names, met again.)"""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise AnnotationError(
                "YAML anchors and aliases (&name, *name) are not allowed",
                shown_as,
                mark.line + 1 if mark else None,
                "writing the value out in full.",
                mark.column + 1 if mark else None,
            )


def _positions(node: yaml.Node, loc: Loc, shown_as: str, seen: set[int]) -> dict[Loc, tuple[int, int]]:
    """Every path's position; refuses duplicate keys, which YAML would silently overwrite, and
    aliases (a node `seen` before), before anything expands them."""
    if id(node) in seen:
        raise _AliasMet
    seen.add(id(node))
    found = {loc: (node.start_mark.line + 1, node.start_mark.column + 1)}
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in keys:
                raise AnnotationError(
                    f"the key {key!r} appears twice",
                    shown_as,
                    key_node.start_mark.line + 1,
                    "keeping one of them.",
                    key_node.start_mark.column + 1,
                    dotted(loc + (key,)),
                )
            keys.add(key)
            found[loc + (key, "key")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            found.update(_positions(value_node, loc + (key,), shown_as, seen))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found.update(_positions(item, loc + (index,), shown_as, seen))
    return found


def validate(parsed: YamlFile, model: type[Model]) -> Model:
    try:
        return model.model_validate(parsed.data)
    except ValidationError as error:
        errors = error.errors()
        # A misspelt key is reported once, as a misspelling, not also as the key it should have been.
        misspelt = {
            _data_path(parsed.data, e["loc"])[:-1] + (close,)
            for e in errors
            if e["type"] == "extra_forbidden"
            for close in difflib.get_close_matches(
                str(e["loc"][-1]), _allowed_keys(model, _data_path(parsed.data, e["loc"])[:-1], parsed.data), n=1
            )
        }
        errors = [e for e in errors if not (e["type"] == "missing" and _data_path(parsed.data, e["loc"]) in misspelt)]
        explained = [_explain(parsed, model, e) for e in errors]
        raise Problems(sorted(explained, key=lambda e: (e.line or 0, e.column or 0))) from None


def _explain(parsed: YamlFile, model: type[BaseModel], error: ErrorDetails) -> AnnotationError:
    loc = _data_path(parsed.data, error["loc"])
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1], parsed.data)
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"Did you mean {close[0]!r}? " if close else ""
        return parsed.error(
            loc, f"unknown key {loc[-1]!r}. {hint}Allowed here: {', '.join(sorted(allowed))}",
            f"renaming or removing it. {SCHEMA_HINT}", key=True,
        )  # fmt: skip
    if kind == "missing":
        return parsed.error(loc, f"the key {loc[-1]!r} is required here", f"adding {loc[-1]}: ... {SCHEMA_HINT}")
    if kind == "string_too_short":
        return parsed.error(loc, "is empty", "writing the text, or removing the key.")
    if kind.startswith("date"):
        return parsed.error(loc, f"{value!r} is not a date", "writing the date as YYYY-MM-DD, for example 2023-04-19.")
    if kind == "string_pattern_mismatch" and loc and loc[-1] in ("id", "article"):
        return parsed.error(loc, f"{value!r} is not an id", "using lower-case letters, digits and single hyphens.")
    if kind == "string_pattern_mismatch" and len(loc) > 1 and loc[-2] == "topics":
        return parsed.error(
            loc, f"{value!r} is not a topic: topics are plain words", "removing markup and symbols from it."
        )
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "url":
        return parsed.error(loc, f"{value!r} is not an http(s) URL", "giving the full address, starting https://.")
    if kind == "union_tag_invalid":
        ctx: dict[str, Any] = error.get("ctx", {})
        return parsed.error(
            loc + ("kind",),
            f"unknown kind {ctx.get('tag')!r}; expected {ctx.get('expected_tags')}",
            "choosing one of those.",
        )
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return parsed.error(loc, f"{value!r} is not allowed here; expected {expected}", "choosing one of those.")
    if kind == "union_tag_not_found":
        return parsed.error(loc, "the note has no 'kind'", "adding kind: context, kind: correction or kind: link.")
    expected = {"list_type": "a list (lines starting with '- ')", "dict_type": "a mapping (key: value lines)",
                "model_type": "a mapping (key: value lines)", "string_type": "text", "model_attributes_type": "a mapping"}  # fmt: skip
    if kind in expected:
        return parsed.error(loc, f"should be {expected[kind]}, not {type(value).__name__} {value!r}"[:200],
                            f"writing it as {expected[kind]}. {SCHEMA_HINT}")  # fmt: skip
    return parsed.error(loc, error["msg"].lower(), f"checking the value. {SCHEMA_HINT}")


def _data_path(data: Any, loc: tuple[str | int, ...]) -> Loc:
    """pydantic's error path without the union tags it adds (notes.2.context.quote -> notes[2].quote)."""
    path: list[str | int] = []
    node: Any = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            path.append(part)
            node = node[part]  # type: ignore[index]  # an int, for a list: checked above
        elif isinstance(node, dict) and part in ("context", "correction", "link"):
            continue
        else:
            path.append(part)
            node = None
    return tuple(path)


def _allowed_keys(model: type[BaseModel], loc: Loc, data: Any) -> list[str]:
    """The keys the model allows at `loc`, following nested models and each note's kind."""
    current: type[BaseModel] | None = model
    node: Any = data
    for part in loc:
        if not isinstance(part, int):
            current = current or _note_model(node)
            field_info = current.model_fields.get(part)
            current = _model_in(field_info.annotation) if field_info else None
        node = _child(node, part)
    return list((current or _note_model(node)).model_fields)


def _child(node: Any, part: str | int) -> Any:
    """The value at `part` of a mapping or list, or None where there is none."""
    if isinstance(node, dict):
        return node.get(part)
    return node[part] if isinstance(node, list) and isinstance(part, int) and part < len(node) else None


def _note_model(node: Any) -> type[BaseModel]:
    kind = node.get("kind") if isinstance(node, dict) else None
    models: dict[str, type[BaseModel]] = {"context": ContextNote, "correction": CorrectionNote, "link": LinkNote}
    return models.get(kind, ContextNote) if isinstance(kind, str) else ContextNote


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The one model a field holds (directly, in a list or optional), or None for a union of models."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    models = [m for m in (_model_in(a) for a in get_args(annotation)) if m is not None]
    return models[0] if len(models) == 1 else None


def _check_file_name(parsed: YamlFile, model: AnnotationFile, path: Path) -> None:
    if path.stem != model.article:
        raise parsed.error(
            ("article",),
            f"the file is named {path.name!r} but annotates {model.article!r}",
            f"renaming the file to {model.article}.yml, or correcting the article id.",
        )


def _clashing_terms(glossary: GlossarySource | None) -> list[ReaderError]:
    """Two glossary terms with one anchor ("Ka-52" and "Ka 52") would share an entry: the same term,
    which the second names as an alias."""
    errors: list[ReaderError] = []
    first: dict[str, str] = {}
    for index, term in enumerate(glossary.model.terms if glossary else ()):
        anchor = slug(term.term, "term")
        if anchor in first and glossary is not None:
            errors.append(
                glossary.parsed.error(
                    ("terms", index, "term"),
                    f"the term {term.term!r} has the same glossary anchor ({anchor!r}) as {first[anchor]!r}",
                    f"adding {term.term!r} to the aliases of {first[anchor]!r} and removing this entry.",
                )
            )
        first.setdefault(anchor, term.term)
    return errors


def _duplicate_note_ids(files: dict[str, AnnotationSource]) -> list[ReaderError]:
    first: dict[str, str] = {}
    errors: list[ReaderError] = []
    for parsed, model in files.values():
        for index, note in enumerate(model.notes):
            if note.id in first:
                errors.append(
                    parsed.error(
                        ("notes", index, "id"),
                        f"the note id {note.id!r} is already used in {first[note.id]}",
                        "choosing an id no other note has.",
                    )
                )
            else:
                first[note.id] = parsed.path
    return errors
