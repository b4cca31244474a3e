#!/usr/bin/env python3
"""Build the reader: `python build_site.py COMMAND`, the same as the `reader` command, for this
folder's project. The commands and their options are in `reader/cli.py` (`--help` lists them)."""

import sys
from pathlib import Path

from reader.cli import COMMANDS, OPTIONS, defaults, main, parser, run_process  # noqa: F401  (the command line's parts, for tests)

ROOT = Path(__file__).resolve().parent
DEFAULTS = defaults(ROOT)

if __name__ == "__main__":
    sys.exit(run_process(root=ROOT))
