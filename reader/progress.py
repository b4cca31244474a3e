"""Progress of a long build, on a terminal: stage, items done, time left. Silent in CI logs."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


class Progress:
    """Shows one line, rewritten in place, while a stage works through its items."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = self.stream.isatty() and not os.environ.get("CI")
        self.enabled = enabled
        self.name, self.total, self.done, self.started = "", 0, 0, 0.0

    def stage(self, name: str, total: int = 0) -> None:
        """A stage begins: of `total` items, or of work it does not count."""
        self.name, self.total, self.done, self.started = name, total, 0, time.monotonic()
        self._show()

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._show()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def _show(self) -> None:
        if not self.enabled:
            return
        line = f"{self.name}: {self.done:,}/{self.total:,}" if self.total else f"{self.name}…"
        if 0 < self.done < self.total:
            left = (time.monotonic() - self.started) / self.done * (self.total - self.done)
            line += f", about {left:.0f} s left"
        self.stream.write(f"\r\x1b[K{line}")
        self.stream.flush()


QUIET = Progress(enabled=False)
