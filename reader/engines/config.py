"""mkdocs.yml, read one way by the command line and the plugin: with MkDocs' own loader
(`INHERIT` followed, `!ENV` read, every option validated, the reader plugin's `ReaderConfig`
included, so a misspelt option is the same error with the same "did you mean" from both), then
turned into the generator's settings (`SiteOptions`)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from reader.errors import ConfigError, Problems
from reader.site.render import SiteOptions
from reader.site.report import report_url

FIX = "correcting that setting (MkDocs' own documentation lists every setting; the reader plugin's are in the README)."


class _Collected(logging.Handler):
    """What MkDocs logs about a configuration it refuses: one message per bad setting."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def site_options(config_file: Path) -> SiteOptions:
    """The generator's settings from `config_file` (the defaults when there is none); every
    problem in it as a `ConfigError` naming the file (and the line, for a YAML mistake)."""
    if not config_file.is_file():
        return SiteOptions()
    _check_yaml(config_file)
    collected = _Collected()
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(collected)
    try:
        config = load_config(str(config_file))
    except MkDocsException as error:  # a ConfigurationError, or the Abort that follows logged ones
        messages = collected.messages or [str(error)]
        raise Problems([ConfigError(message, str(config_file), fix=FIX) for message in messages]) from None
    finally:
        logger.removeHandler(collected)
    with config_file.open(encoding="utf-8") as source:
        written = yaml_load(source).get("plugins") or ()  # as written, for generated.yml to list again
    return options_from(config, written)


def options_from(config: MkDocsConfig, written_plugins: Iterable[str | dict[str, Any]] = ()) -> SiteOptions:
    """The generator's settings from a configuration MkDocs has loaded and validated (and its
    plugins as mkdocs.yml writes them, which a configuration for an engine without the reader's
    plugin lists again)."""
    reader = config.plugins["reader"].config if "reader" in config.plugins else {}
    repo = config.repo_url or ""
    edit = reader.get("annotations_edit_uri", "")
    return SiteOptions(
        edit_base=f"{repo.rstrip('/')}/{edit.lstrip('/')}" if repo and edit else "",
        repo_url=repo,
        report_url=report_url(repo, reader.get("report_url", "")),
        copyright=config.copyright or "",
        site_url=config.site_url or "",
        strict=bool(config.strict),
        search_engine=reader.get("search_engine", "auto"),
        extra_javascript=tuple(str(script) for script in config.extra_javascript),
        directory_urls=bool(config.use_directory_urls),
        other_plugins=tuple(
            p for p in written_plugins if p != "reader" and not (isinstance(p, dict) and "reader" in p)
        ),
    )


class _SyntaxOnly(yaml.SafeLoader):
    """YAML syntax, every tag taken as plain data: MkDocs' loader reads the tags."""


_SyntaxOnly.add_multi_constructor("", lambda loader, suffix, node: None)


def _check_yaml(config_file: Path) -> None:
    """A YAML mistake named by its line, which MkDocs' own message buries."""
    try:
        yaml.load(config_file.read_text(encoding="utf-8"), Loader=_SyntaxOnly)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise Problems([ConfigError(
            f"not valid YAML: {getattr(error, 'problem', None) or error}", str(config_file), mark.line + 1 if mark else None,
            fix="checking the indentation, quotes and brackets on that line (MkDocs' own documentation lists every setting).",
        )]) from None  # fmt: skip
