"""A content-hash cache: what one build computed, kept for the next build in the same process.

`mkdocs serve` rebuilds after every save. Most of the corpus has not changed,
so each stage looks its results up by the content they were computed from (a
seed's bytes, an annotation file's bytes, an article's text, a pair of
articles) and computes only what it has not seen. Keys are the content itself
or its SHA-256, never a file's time or name alone, so an edit can never be
served stale. After a build, entries it did not use are dropped: the cache
holds one corpus, not every version of it.

One exception, for the preview alone (`file_states`): there a file whose name,
size, modification time and inode are unchanged is taken as unchanged, as make
and git take it, so that an edited note does not read every seed and annotation
file again (`file_state`); what a changed file feeds is still looked up by content.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Hashable, Sequence
from typing import Any

MISSING = object()
# How long after it is written a file's state alone is not trusted (`file_state`).
RACY_SECONDS = 2


class BuildCache:
    """`active=False` (the default) remembers nothing: a one-off build gains nothing from keys.
    `file_states`: a preview's cache, which may key on files' states (`file_state`)."""

    def __init__(self, active: bool = False, file_states: bool = False) -> None:
        self.active = active
        self.file_states = active and file_states
        self._tables: dict[str, dict[Hashable, Any]] = {}
        self._used: dict[str, set[Hashable]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, table: str, key: Hashable) -> Any:
        """The stored value, or `MISSING`."""
        if not self.active:
            return MISSING
        value = self._tables.get(table, {}).get(key, MISSING)
        if value is MISSING:
            self.misses += 1
        else:
            self.hits += 1
            self._used.setdefault(table, set()).add(key)
        return value

    def put(self, table: str, key: Hashable, value: Any) -> Any:
        if not self.active:
            return value
        self._tables.setdefault(table, {})[key] = value
        self._used.setdefault(table, set()).add(key)
        return value

    def value(self, table: str, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The stored value, or `compute()` stored."""
        found = self.get(table, key)
        return self.put(table, key, compute()) if found is MISSING else found

    def values(self, table: str, keys: Sequence[Hashable], compute: Callable[[list[int]], list[Any]]) -> list[Any]:
        """The stored value for each key; the missing ones computed together by `compute(their indices)`
        (called even when none is missing) and stored: a stage hands all its work to `parallel.run_jobs`
        at once. An inactive cache stores nothing, so its keys may be mere positions (`range(n)`)."""
        found = [self.get(table, key) for key in keys]
        todo = [i for i, value in enumerate(found) if value is MISSING]
        for i, value in zip(todo, compute(todo), strict=True):
            found[i] = self.put(table, keys[i], value)
        return found

    def sweep(self) -> None:
        """Forget what the last build did not use, and start counting afresh.

        A table the build did not look at is kept whole: a stage whose result
        was reused (reprint groups) did not need its inputs (signatures) this time.
        """
        for table, entries in self._tables.items():
            used = self._used.get(table)
            if used is not None and len(used) < len(entries):
                self._tables[table] = {k: v for k, v in entries.items() if k in used}
        self._used = {}
        self.hits = self.misses = 0


def digest(*parts: bytes | str) -> bytes:
    """SHA-256 of the parts, kept apart so ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def file_state(path: os.PathLike[str] | str) -> tuple[object, ...]:
    """A file's name, size, modification time (in nanoseconds) and inode: what changes when it is
    written or replaced (see `BuildCache.file_states`). A file written in the last `RACY_SECONDS` could
    be written again within the same tick of the file system's clock, unseen: its content is part of its
    state (git's "racily clean" files)."""
    found = os.stat(path)
    state = (os.fspath(path), found.st_size, found.st_mtime_ns, found.st_ino)
    if time.time_ns() - found.st_mtime_ns < RACY_SECONDS * 1_000_000_000:
        with open(path, "rb") as file:
            return (*state, hashlib.sha256(file.read()).digest())
    return state
