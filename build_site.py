#!/usr/bin/env python3
"""Build the reader: generate the site's pages from seeds/, or export the corpus.

    python build_site.py                 generate docs/ from seeds/
    python build_site.py export PATH     write the cleaned corpus as JSON
    python build_site.py check           validate every seed and annotation; report every problem
    python build_site.py schema          write the annotation JSON Schemas into schema/
    python build_site.py site            build the static site into site/, replacing it only on success

This file only parses arguments and prints; the work is in the `reader` package.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.corpus import read_corpus
from reader.errors import Problems
from reader.export import corpus_json
from reader.progress import Progress
from reader.schema import schemas
from reader.site import BuildFailed, build_static_site, generate

ROOT = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except Problems as problems:
        print(problems, file=sys.stderr)
        return 1
    except Exception as error:  # a bug, not bad input: say so, without a traceback
        if os.environ.get("READER_DEBUG"):
            raise
        print(
            f"internal error: {type(error).__name__}: {error}\n"
            "  This is a bug in the reader, not in your files. Nothing was written.\n"
            "  Run again with READER_DEBUG=1 to see the traceback, and report it with the files involved.",
            file=sys.stderr,
        )
        return 2


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of raw texts (default: seeds/)")
    common.add_argument(
        "--annotations", type=Path, default=ROOT / "annotations", help="folder of annotation YAML (default: annotations/)"
    )
    top = argparse.ArgumentParser(prog="build_site.py", description=__doc__.split("\n")[0], parents=[common])
    top.add_argument("--docs", type=Path, default=ROOT / "docs", help="where the site's Markdown goes (default: docs/)")
    top.set_defaults(run=run_build)
    commands = top.add_subparsers(title="commands", metavar="COMMAND")
    build = commands.add_parser("build", parents=[common], help="generate the site's pages into docs/ (the default)")
    build.add_argument("--docs", type=Path, default=ROOT / "docs", help="where the site's Markdown goes (default: docs/)")
    build.set_defaults(run=run_build)
    export = commands.add_parser("export", parents=[common], help="write the cleaned corpus as JSON to PATH")
    export.add_argument("path", type=Path, help="the JSON file to write ('-' for standard output)")
    export.set_defaults(run=run_export)
    check = commands.add_parser(
        "check", parents=[common], help="validate every seed and annotation and report every problem; write nothing"
    )
    check.set_defaults(run=run_check)
    site = commands.add_parser(
        "site", parents=[common], help="build the static site (mkdocs build --strict), swapped in only on success"
    )
    site.add_argument("--site-dir", type=Path, default=ROOT / "site", help="where the site goes (default: site/)")
    site.set_defaults(run=run_site)
    schema = commands.add_parser("schema", help="write the annotation files' JSON Schemas into schema/")
    schema.add_argument("--out", type=Path, default=ROOT / "schema", help="where to write them (default: schema/)")
    schema.set_defaults(run=run_schema)
    return top


def run_build(args) -> int:
    changed = generate(args.seeds, args.annotations, args.docs, ROOT / "mkdocs.yml", Progress())
    print(f"Generated the site's pages in {args.docs} ({len(changed)} file(s) changed).")
    print("Now run: mkdocs build --strict   (or mkdocs serve)")
    return 0


def exported(corpus):
    return corpus.annotated, corpus.reprints, corpus.alignments


def run_export(args) -> int:
    text = corpus_json(*exported(read_corpus(args.seeds, args.annotations)))
    if str(args.path) == "-":
        sys.stdout.write(text)
        return 0
    args.path.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.path.with_name(f".{args.path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(args.path)
    print(f"Wrote {args.path}.")
    return 0


def run_check(args) -> int:
    corpus = read_corpus(args.seeds, args.annotations, Progress())
    notes = sum(1 for a in corpus.annotated for n in a.notes if not n.origin)
    travelled = sum(1 for a in corpus.annotated for n in a.notes if n.origin)
    for suggestion in corpus.suggestions:
        print(f"suggestion: {suggestion}")
    print(
        f"OK: {len(corpus.seeds)} seeds, {len(corpus.articles)} articles, "
        f"{notes} notes ({travelled} also shown on another copy, {len(corpus.stranded)} listed as not travelling), "
        f"{len(corpus.glossary)} glossary terms, {len(corpus.reprints)} reprint group(s)."
    )
    return 0


def run_site(args) -> int:
    read_corpus(args.seeds, args.annotations)  # report bad input as the other commands do
    try:
        build_static_site(ROOT, args.site_dir)
    except BuildFailed as failed:
        print(f"{failed}\nThe site was not built; {args.site_dir} is unchanged.", file=sys.stderr)
        return 1
    print(f"Built the site into {args.site_dir}.")
    return 0


def run_schema(args) -> int:
    for name, text in schemas().items():
        path = args.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"Wrote {path}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
