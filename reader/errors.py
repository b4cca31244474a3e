"""Errors are values shown to people: where the problem is, what it is, how to fix it.

Stages raise (or collect) these; only the command line turns them into output
and an exit code. `Problems` carries every error found in one run, so a
contributor sees them all at once instead of fixing one per build.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReaderError(Exception):
    """Bad input, described for the person who can fix it."""

    message: str
    file: str = ""
    line: int | None = None
    fix: str = ""

    def __str__(self) -> str:
        where = self.file
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.message}" if where else self.message
        if self.fix:
            text += f"\n  You can fix this by {self.fix}"
        return text


class SeedError(ReaderError):
    """A raw text in `seeds/` that cannot be read as an article."""


class InternalError(ReaderError):
    """A bug in the pipeline, reported with the file it was working on."""


class Problems(Exception):
    """Every error found in one run, reported together."""

    def __init__(self, errors: list[ReaderError]):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors

    def __str__(self) -> str:
        count = len(self.errors)
        lines = [str(e) for e in self.errors]
        lines.append(f"{count} error{'s' if count != 1 else ''}; nothing was written.")
        return "\n".join(lines)
