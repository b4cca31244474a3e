"""Errors are values shown to people: where the problem is, what it is, how to fix it.

Stages raise (or collect) these; only the command line turns them into output
and an exit code. `Problems` carries every error found in one run, so a
contributor sees them all at once instead of fixing one per build.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class ReaderError(Exception):
    """Bad input, described for the person who can fix it."""

    message: str
    file: str = ""
    line: int | None = None
    fix: str = ""
    column: int | None = None
    field: str = ""

    def __reduce__(self) -> tuple[type[ReaderError], tuple[str, str, int | None, str, int | None, str]]:
        # Errors cross process boundaries when seeds are cleaned in parallel.
        return (self.__class__, (self.message, self.file, self.line, self.fix, self.column, self.field))

    def __str__(self) -> str:
        where = self.file
        if where and self.line is not None:
            where = f"{where}:{self.line}"
            if self.column is not None:
                where = f"{where}:{self.column}"
        message = f"{self.field}: {self.message}" if self.field else self.message
        text = f"{where}: {message}" if where else message
        if self.fix:
            text += f"\n  You can fix this by {self.fix}"
        return text


class SeedError(ReaderError):
    """A raw text in `seeds/` that cannot be read as an article."""


class SeedWarning(ReaderError):
    """A raw text that was read by a guess the reader names (an encoding it detected). The seed is
    published; a strict build stops on it, as on a seed that could not be read at all."""


class AnnotationError(ReaderError):
    """An annotation file that is not valid YAML, does not fit the schema, or does not anchor."""


class ConfigError(ReaderError):
    """mkdocs.yml, which the generator reads too, cannot be read."""


@dataclass
class InternalError(ReaderError):
    """A bug in the pipeline, reported with the file it was working on, and its traceback (which the
    command line shows under `--debug` or READER_DEBUG=1)."""

    trace: str = ""

    def __reduce__(self) -> tuple[type[ReaderError], tuple[str, str, int | None, str, int | None, str, str]]:  # type: ignore[override]
        return (self.__class__, (self.message, self.file, self.line, self.fix, self.column, self.field, self.trace))

    @classmethod
    def caught(cls, error: BaseException, file: str, fix: str, doing: str = "") -> InternalError:
        """The error a stage catches, as a value that keeps where it happened."""
        during = f" while {doing}" if doing else ""
        return cls(
            f"internal error{during} ({type(error).__name__}: {error})",
            file,
            fix=fix,
            trace="".join(traceback.format_exception(error)),
        )


class Problems(Exception):
    """Every error found in one run, reported together."""

    def __init__(self, errors: Sequence[ReaderError]):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = list(errors)

    def __str__(self) -> str:
        count = len(self.errors)
        lines = [str(e) for e in self.errors]
        lines.append(f"{count} error{'s' if count != 1 else ''}; nothing was written.")
        return "\n".join(lines)

    def traces(self) -> list[str]:
        """The tracebacks of the bugs among the errors, each once (one bug often fails many files)."""
        return list(dict.fromkeys(e.trace for e in self.errors if isinstance(e, InternalError) and e.trace))
