"""Where a reader reports an error: from mkdocs.yml (or the environment) to the footer's words."""

import subprocess
import sys

import pytest

from reader.engines.config import site_options
from reader.site.report import NO_REPORT_PLACE, report_footer, report_label, report_url
from tests.conftest import build, project_copy


@pytest.mark.parametrize(
    ("repo", "configured", "expected"),
    [
        ("https://github.com/owner/repo", "", "https://github.com/owner/repo/issues/new"),
        ("https://github.com/owner/repo/", "", "https://github.com/owner/repo/issues/new"),
        ("https://gitlab.com/owner/repo", "", ""),  # another forge's form is not guessed
        ("", "", ""),
        ("https://github.com/owner/repo", "mailto:corrections@example.org", "mailto:corrections@example.org"),
        ("", "https://example.org/contact", "https://example.org/contact"),
    ],
)
def test_reports_go_to_the_configured_place_else_a_github_repositorys_issues(repo, configured, expected):
    assert report_url(repo, configured) == expected


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("https://github.com/owner/repo/issues/new", "the issues of owner/repo on GitHub"),
        ("mailto:corrections@example.org", "corrections@example.org"),
        ("https://example.org/contact/", "example.org/contact"),
    ],
)
def test_the_place_is_named_as_a_reader_reads_it(url, label):
    assert report_label(url) == label


def test_the_footer_escapes_the_address_and_says_nothing_without_one():
    footer = report_footer('https://example.org/report?a=1&b="x"')
    assert 'href="https://example.org/report?a=1&amp;b=&#34;x&#34;"' in footer
    assert footer.startswith("Found an error? Report it to")
    assert report_footer("") == ""


def test_mkdocs_yml_reads_the_repository_and_the_address_from_the_environment(monkeypatch, tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nrepo_url: !ENV READER_REPO_URL\nsite_url: !ENV [READER_SITE_URL, null]\n")
    (tmp_path / "docs").mkdir()
    monkeypatch.delenv("READER_REPO_URL", raising=False)
    monkeypatch.delenv("READER_SITE_URL", raising=False)
    assert (site_options(config).repo_url, site_options(config).report_url) == ("", "")
    monkeypatch.setenv("READER_REPO_URL", "https://github.com/owner/repo")
    monkeypatch.setenv("READER_SITE_URL", "https://owner.github.io/repo/")
    options = site_options(config)
    assert options.report_url == "https://github.com/owner/repo/issues/new"
    assert options.site_url == "https://owner.github.io/repo/"


@pytest.mark.slow
def test_a_build_that_names_no_place_for_reports_warns_and_still_builds(tmp_path, monkeypatch):
    monkeypatch.delenv("READER_REPO_URL", raising=False)
    project = project_copy(tmp_path)
    result = subprocess.run(
        [sys.executable, "build_site.py", "site", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert f"warning: {NO_REPORT_PLACE}" in result.stderr
    assert "Found an error" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_mkdocs_build_warns_without_failing_a_strict_build(tmp_path, monkeypatch, capsys):
    """A site read on one's own machine needs no place for reports: `strict: true` does not count it."""
    monkeypatch.delenv("READER_REPO_URL", raising=False)
    built = build(project_copy(tmp_path))
    assert built.returncode == 0, built.stderr
    assert capsys.readouterr().err.count(NO_REPORT_PLACE) == 1
