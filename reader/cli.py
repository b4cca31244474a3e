"""The command line, as `reader COMMAND` (the console script) or `python build_site.py COMMAND`:
generate the site's pages from seeds/, build the site, check, export the corpus.

    python build_site.py                 generate docs/ (and generated.yml) from seeds/
    python build_site.py export PATH     write the cleaned corpus as JSON
    python build_site.py check           validate every seed and annotation; report every problem
    python build_site.py serve           preview the site (--engine zensical: regenerated on every edit)
    python build_site.py schema          write the annotation JSON Schemas into schema/
    python build_site.py site            build the static site into site/ (--engine mkdocs|zensical), replacing it only on success
    python build_site.py add URL...      capture pages into seeds/ as web archives (WARC)
    python build_site.py find-copies PATH...   find copies of the corpus's articles in web archives and folders of pages

This module only parses arguments and prints; the work is in the stages. The project is the
folder given as `root` (build_site.py's own folder), else the current one, as for `mkdocs`.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from reader.annotations.schema import schemas
from reader.corpus import read_corpus
from reader.engines.build import ENGINES, GENERATED_CONFIG, build_site_with, engine_config, regenerating
from reader.engines.config import site_options
from reader.errors import Problems, ReaderError
from reader.files import atomic_write
from reader.ingest.fetch import FetchError, add
from reader.model import Corpus, display_title
from reader.parallel import executing, executor_for
from reader.progress import Progress
from reader.reprints.find import Needles, add_copy, find_copies
from reader.site.export import corpus_json
from reader.site.render import SiteOptions
from reader.site.report import NO_REPORT_PLACE
from reader.site.write import BuildFailed, generate

CONFIG = "mkdocs.yml"  # in the project's folder


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    args = parser(root or Path.cwd()).parse_args(argv)
    debug = args.debug or bool(os.environ.get("READER_DEBUG"))
    try:
        with executing(executor_for(args.jobs, args.scheduler)):
            return int(args.run(args))
    except Problems as problems:
        print(problems, file=sys.stderr)
        traces = problems.traces()
        for trace in traces if debug else ():
            print(f"\n{trace}", file=sys.stderr, end="")
        if traces and not debug:
            print(DEBUG_HINT, file=sys.stderr)
        return 2 if traces else 1  # a bug among them: not the contributor's to fix
    except Exception as error:  # a bug, not bad input: say so, and where with --debug
        if debug:
            raise
        print(
            f"internal error: {type(error).__name__}: {error}\n"
            "  This is a bug in the reader, not in your files. Nothing was written.\n" + DEBUG_HINT,
            file=sys.stderr,
        )
        return 2


def run_process(root: Path | None = None) -> int:
    """`main` for a process that ends with it (build_site.py, the `reader` command). What is left
    then is frozen out of the garbage collector's last pass at exit, which would walk every object
    still alive, for nothing: a tenth of a second of an export of 181 pages."""
    code = main(root=root)
    gc.freeze()
    return code


DEBUG_HINT = "  Run again with --debug (or READER_DEBUG=1) to see the traceback, and report it with the files involved."


# Every option, with its default; each command takes those it lists, before or after its name.
OPTIONS: dict[str, dict[str, Any]] = {
    "--seeds": dict(type=Path, metavar="DIR", help="folder of raw texts (default: seeds/)"),
    "--annotations": dict(type=Path, metavar="DIR", help="folder of annotation YAML (default: annotations/)"),
    "--docs": dict(type=Path, metavar="DIR", help="where the site's Markdown goes (default: docs/)"),
    "--site-dir": dict(type=Path, metavar="DIR", help="where the site goes (default: site/)"),
    "--out": dict(type=Path, metavar="DIR", help="where to write the schemas (default: schema/)"),
    "--engine": dict(choices=ENGINES, help="what builds the site: mkdocs (default) or zensical"),
    "--dev-addr": dict(metavar="IP:PORT", help="where the preview listens (default: 127.0.0.1:8000)"),
    "--format": dict(
        choices=("text", "github", "json"),
        help="how check reports: text (default), github (workflow commands on the pull request's lines), json",
    ),
    "--jobs": dict(
        type=int, metavar="N", help="worker processes (default: one per core; 1: everything in this process)"
    ),
    "--scheduler": dict(
        metavar="ADDRESS",
        help="run the work on a Dask cluster, tcp://HOST:PORT (default: $DASK_SCHEDULER_ADDRESS, else this machine)",
    ),
    "--json": dict(type=Path, metavar="FILE", help="also write what was found as JSON to FILE"),
    "--add": dict(action="store_true", help="write each page holding a copy into seeds/ as a one-record WARC"),
    "--debug": dict(action="store_true", help="show a bug's traceback (as READER_DEBUG=1 does)"),
    "--strict": dict(
        action=argparse.BooleanOptionalAction,
        help="stop on warnings (a seed that cannot be read, a guessed encoding); default: mkdocs.yml's strict",
    ),
}


def defaults(root: Path) -> dict[str, object]:
    """Each option's value when it is not given: the project's folders, beside its mkdocs.yml."""
    folders = {"seeds": "seeds", "annotations": "annotations", "docs": "docs", "site_dir": "site", "out": "schema"}
    return {"root": root, **{key: root / name for key, name in folders.items()}, **SETTINGS}


SETTINGS = {
    "engine": "mkdocs",
    "dev_addr": "127.0.0.1:8000",
    "format": "text",
    "strict": None,
    "jobs": None,
    "scheduler": None,
    "json": None,
    "add": False,
    "debug": False,
}
CORPUS = ("--seeds", "--annotations", "--strict", "--jobs", "--scheduler")
COMMANDS = {
    "build": ("generate the site's pages into docs/ (the default)", (*CORPUS, "--docs")),
    "export": ("write the cleaned corpus as JSON to PATH", CORPUS),
    "check": ("validate every seed and annotation and report every problem; write nothing", (*CORPUS, "--format")),
    "site": (
        "generate, build the static site with an engine, finish its pages; swapped in only on success",
        (*CORPUS, "--docs", "--site-dir", "--engine"),
    ),
    "serve": (
        "preview the site, regenerated on every edit to the seeds and annotations",
        ("--seeds", "--annotations", "--engine", "--dev-addr"),
    ),
    "schema": ("write the annotation files' JSON Schemas into schema/", ("--out",)),
    "add": ("capture each URL into seeds/ as a web archive (WARC): request, response, capture time", ("--seeds",)),
    "find-copies": (
        "find the pages in web archives (.warc, .warc.gz, .wacz) and folders of .html files that hold a copy "
        "of an article of the corpus",
        (*CORPUS, "--json", "--add"),
    ),
}


def parser(root: Path | None = None) -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="reader", description=__doc__.split("\n")[0])
    _add_options(top, OPTIONS)
    top.set_defaults(run=run_build, **defaults(root or Path.cwd()))
    commands = top.add_subparsers(title="commands", metavar="COMMAND")
    for name, (summary, options) in COMMANDS.items():
        command = commands.add_parser(name, help=summary, description=summary)
        if name == "export":
            command.add_argument("path", type=Path, help="the JSON file to write ('-' for standard output)")
        if name == "add":
            command.add_argument("urls", nargs="+", metavar="URL", help="the address of an article's page")
        if name == "find-copies":
            command.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a web archive, page or folder")
        _add_options(command, (*options, "--debug"))
        command.set_defaults(run=globals()[f"run_{name.replace('-', '_')}"])
    return top


def _add_options(parser: argparse.ArgumentParser, names: Iterable[str]) -> None:
    # SUPPRESS: an option not given after the command leaves the value given before it (or the default).
    for name in names:
        parser.add_argument(name, default=argparse.SUPPRESS, **OPTIONS[name])


def settings_of(args: argparse.Namespace) -> SiteOptions:
    """mkdocs.yml's settings, read once a command (MkDocs' loader takes a second to start)."""
    if "site_options" not in vars(args):
        args.site_options = site_options(args.root / CONFIG)
    return cast(SiteOptions, args.site_options)


def strict(args: argparse.Namespace) -> bool:
    """--strict or --no-strict as given, else what mkdocs.yml says (MkDocs' own convention)."""
    return args.strict if args.strict is not None else settings_of(args).strict


def corpus_of(args: argparse.Namespace) -> Corpus:
    """The corpus, its warnings printed (a strict run stops on them instead, as `Problems`)."""
    corpus = read_corpus(args.seeds, args.annotations, Progress(), strict=strict(args))
    _warn(corpus.warnings)
    return corpus


def run_build(args: argparse.Namespace) -> int:
    site = generate(args.seeds, args.annotations, args.docs, settings_of(args), Progress(), strict=strict(args))
    _warn(site.warnings)
    _warn_unplaced(args)
    atomic_write(args.root / GENERATED_CONFIG, engine_config(site, args.root, args.docs, settings_of(args)))
    print(f"Generated the site's pages in {args.docs} ({len(site.changed)} file(s) changed) and {GENERATED_CONFIG}.")
    print(f"Now run: mkdocs build -f {GENERATED_CONFIG}   or   zensical build -f {GENERATED_CONFIG}")
    return 0


def _warn_unplaced(args: argparse.Namespace) -> None:
    """A site for others to read names where they report an error (not a strict build's error: a
    site read on one's own machine needs none)."""
    if not settings_of(args).report_url:
        _warn([NO_REPORT_PLACE])


def _warn(warnings: Iterable[object]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def exported(corpus: Corpus) -> tuple[Any, ...]:
    return corpus.annotated, corpus.reprints, corpus.alignments


def run_export(args: argparse.Namespace) -> int:
    data = corpus_json(*exported(corpus_of(args)))
    if str(args.path) == "-":
        _write_out(data)
        return 0
    atomic_write(args.path, data)
    print(f"Wrote {args.path}.")
    return 0


def _write_out(data: bytes) -> None:
    """UTF-8 bytes to standard output, as bytes where it takes them (a text-only stream, as tests
    and embedding programs swap in, gets the text)."""
    sys.stdout.flush()
    if hasattr(sys.stdout, "buffer"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))


def run_check(args: argparse.Namespace) -> int:
    if args.format != "text":
        return report_check(args)
    corpus = corpus_of(args)
    notes = sum(1 for a in corpus.annotated for n in a.notes if not n.origin)
    travelled = sum(1 for a in corpus.annotated for n in a.notes if n.origin)
    for suggestion in corpus.suggestions:
        print(f"suggestion: {suggestion}")
    warned = f" (with {len(corpus.warnings)} warning(s) above)" if corpus.warnings else ""
    print(
        f"OK{warned}: {len(corpus.seeds)} seeds, {len(corpus.articles)} articles, "
        f"{notes} notes ({travelled} also shown on another copy, {len(corpus.stranded)} listed as not travelling), "
        f"{len(corpus.glossary)} glossary terms, {len(corpus.reprints)} reprint group(s)."
    )
    return 0


def report_check(args: argparse.Namespace) -> int:
    """`check` for programs: every problem and warning as GitHub Actions workflow commands (so each
    shows on its line of a pull request's diff) or as JSON; exit 1 when there is an error."""
    try:
        corpus = read_corpus(args.seeds, args.annotations, strict=strict(args))
        errors, warnings = [], list(corpus.warnings)
    except Problems as problems:
        errors, warnings = problems.errors, []
    if args.format == "json":
        print(json.dumps({"ok": not errors, "errors": [problem_record(e) for e in errors],
                          "warnings": [problem_record(w) for w in warnings]}, ensure_ascii=False, indent=2))  # fmt: skip
    else:
        for level, found in (("error", errors), ("warning", warnings)):
            for problem in found:
                print(workflow_command(level, problem))
    return 1 if errors else 0


def problem_record(problem: ReaderError) -> dict[str, object]:
    return {
        "kind": type(problem).__name__,
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "message": problem.message,
        "fix": problem.fix,
    }


def workflow_command(level: str, problem: ReaderError) -> str:
    """`::error file=…,line=…,col=…,title=…::message` as GitHub Actions reads it, its values escaped."""

    def escaped(value: str, in_property: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if in_property else value

    where = {"file": problem.file, "line": problem.line, "col": problem.column, "title": problem.field}
    properties = ",".join(f"{key}={escaped(str(value), True)}" for key, value in where.items() if value)
    text = problem.message + (f" You can fix this by {problem.fix}" if problem.fix else "")
    return f"::{level} {properties}::{escaped(text)}" if properties else f"::{level}::{escaped(text)}"


def run_site(args: argparse.Namespace) -> int:
    site = generate(args.seeds, args.annotations, args.docs, settings_of(args), Progress(), strict=strict(args))
    _warn(site.warnings)
    _warn_unplaced(args)
    try:
        build_site_with(args.engine, args.root, site, args.docs, args.site_dir, settings_of(args))
    except BuildFailed as failed:
        print(f"{failed}\nThe site was not built; {args.site_dir} is unchanged.", file=sys.stderr)
        return 1
    print(f"Built the site into {args.site_dir} with {args.engine}.")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """MkDocs' own preview (the plugin regenerates); or Zensical's, with docs/ regenerated on every edit."""
    if args.engine == "mkdocs":
        return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", args.dev_addr], cwd=args.root)
    args.strict, args.docs = False, args.root / "docs"  # a preview shows a bad seed's warning, and goes on
    run_build(args)

    def regenerate() -> None:
        try:
            run_build(args)
        except Problems as problems:
            print(problems, file=sys.stderr)

    with regenerating([args.seeds, args.annotations], regenerate):
        return subprocess.call(
            [sys.executable, "-m", "zensical", "serve", "-f", GENERATED_CONFIG, "-a", args.dev_addr], cwd=args.root
        )


def run_add(args: argparse.Namespace) -> int:
    failed = 0
    for url in args.urls:
        try:
            path = add(url, args.seeds)
        except FetchError as error:
            print(f"error: {error}\n  Nothing was written for this address.", file=sys.stderr)
            failed += 1
            continue
        print(f"Captured {url} into {path}.")
    return 1 if failed else 0


def run_find_copies(args: argparse.Namespace) -> int:
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 1
    corpus = corpus_of(args)
    found, scanned = find_copies(Needles.of(corpus.articles, corpus.reprints), args.paths)
    for damage in (d for s in scanned for d in s.damage):
        print(f"warning: {damage}; the records before it were scanned", file=sys.stderr)
    titles = {a.id: display_title(a) for a in corpus.articles}
    for article_id in dict.fromkeys(f.article for f in found):
        copies = [f for f in found if f.article == article_id]
        print(f"{article_id} ({titles[article_id]}): {len(copies)} copy(ies)")
        for f in copies:
            when = f"captured {f.captured}, " if f.captured else ""
            print(f"  {f.url} ({when}{f.coverage:.0%} of its paragraphs, similarity {f.similarity:.2f}) in {f.source}")
    pages = sum(s.pages for s in scanned)
    print(
        f"Scanned {pages:,} page(s) in {len(scanned):,} job(s); {sum(s.candidates for s in scanned):,} candidate(s) checked; "
        f"{len(found):,} copy(ies) of {len({f.article for f in found}):,} article(s) found."
    )
    if args.json:
        text = json.dumps([f.record() for f in found], ensure_ascii=False, indent=2) + "\n"
        atomic_write(args.json, text)
        print(f"Wrote {args.json}.")
    if args.add:
        written = [p for p in dict.fromkeys(add_copy(f, args.seeds) for f in found) if p]
        print(f"Added {len(written)} page(s) to {args.seeds}: the next build publishes them as copies.")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    for name, text in schemas().items():
        path = args.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"Wrote {path}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
