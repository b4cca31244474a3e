"""Files written whole or not at all: a failed or interrupted write leaves the previous file."""

from __future__ import annotations

from pathlib import Path


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write `data` beside `path` under a hidden name, then rename it over `path` (atomic on one
    file system), creating the folder if need be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        if isinstance(data, str):
            temporary.write_text(data, encoding="utf-8")
        else:
            temporary.write_bytes(data)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
