"""What changed in the notes, and when: the history of each annotation file, from git.

The log is read from the commits, never from the clock, so a build of one checkout is the same
whenever it runs. Without git, or outside a repository (a copied project, a tarball), there is
no history and the pages say nothing about it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from reader.model import Revision

# How many of a file's changes an article lists; the repository holds them all.
REVISIONS_SHOWN = 5
_RECORD, _FIELD = "\x1e", "\x1f"


def annotation_history(annotations_dir: Path) -> dict[str, tuple[Revision, ...]]:
    """Each annotation file's commits, newest first, by file stem (the article id), in one `git log`."""
    try:
        result = subprocess.run(
            ["git", "log", f"--format={_RECORD}%cs{_FIELD}%s", "--name-only", "--", "."],
            cwd=annotations_dir, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    return parse_log(result.stdout)


def parse_log(log: str) -> dict[str, tuple[Revision, ...]]:
    """`git log --format=<RS>%cs<US>%s --name-only` as each file's revisions, newest first."""
    found: dict[str, list[Revision]] = {}
    for record in log.split(_RECORD)[1:]:
        head, _, names = record.partition("\n")
        date, _, subject = head.partition(_FIELD)
        for name in names.split():
            found.setdefault(Path(name).stem, []).append(Revision(date, subject.strip()))
    return {name: tuple(revisions) for name, revisions in found.items()}
