"""Where a reader reports an error: the page footer and the "Suggest a note" panel name the place
mkdocs.yml gives (the reader plugin's `report_url`, else a GitHub `repo_url`'s issues), and a build
that names none says so."""

from urllib.parse import urlsplit

from reader.site.templating import macros

NO_REPORT_PLACE = (
    "mkdocs.yml names no repo_url and no report_url, so the pages cannot say where a reader reports an error: "
    "the footer says nothing about it, and the Suggest a note control shows only in a preview on this machine. "
    "Set repo_url (or the READER_REPO_URL environment variable) to the site's GitHub repository, or the reader "
    "plugin's report_url to an issues form, a contact page or a mailto: address."
)


def report_url(repo_url: str, configured: str) -> str:
    """Where reports go: the configured place, else the new-issue form of a repository on GitHub."""
    if configured:
        return configured
    if urlsplit(repo_url).netloc in ("github.com", "www.github.com"):
        return repo_url.rstrip("/") + "/issues/new"
    return ""


def report_label(url: str) -> str:
    """The place as a reader reads it: "the issues of OWNER/REPO on GitHub", an address, a site."""
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        return parts.path
    path = [p for p in parts.path.split("/") if p]
    if parts.netloc in ("github.com", "www.github.com") and len(path) >= 3 and path[2] == "issues":
        return f"the issues of {path[0]}/{path[1]} on GitHub"
    return parts.netloc + parts.path.rstrip("/")


def report_footer(url: str) -> str:
    """The footer's line on every page (MkDocs' `copyright`, which both engines show), or ""."""
    if not url:
        return ""
    return macros("site").report_footer(url, report_label(url))


def with_footer(copyright: str | None, url: str) -> str | None:
    """mkdocs.yml's `copyright` with the report line after it."""
    footer = report_footer(url)
    return " · ".join(part for part in (copyright, footer) if part) or copyright
