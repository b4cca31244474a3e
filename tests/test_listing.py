"""Long lists are pages of at most LIST_PAGE_MAX entries: headed again where a section runs over,
linked to each other, and every anchor found on its page."""

from reader.site.listing import LIST_PAGE_MAX, Entry, located, page_source, paginate


def entries(count, per_section):
    return [
        Entry(f"Section {i // per_section}", f"- item {i}", section_id=f"s{i // per_section}", anchor=f"i{i}")
        for i in range(count)
    ]


def items(page):
    return [line for line in page.splitlines() if line.startswith("- item")]


def test_a_short_list_is_one_page_without_a_pager():
    files = paginate("browse/x.md", "By x", ["Intro."], entries(5, 2)).files
    assert list(files) == ["browse/x.md"]
    assert len(items(files["browse/x.md"])) == 5 and "Page 1" not in files["browse/x.md"]


def test_a_long_list_is_split_with_previous_and_next_links_and_sections_continued():
    listing = entries(2 * LIST_PAGE_MAX + 1, 30)
    files = paginate("browse/x.md", "By x", ["Intro."], listing, lead=["<figure></figure>"]).files
    assert list(files) == ["browse/x.md", "browse/x-2.md", "browse/x-3.md"]
    assert [len(items(page)) for page in files.values()] == [LIST_PAGE_MAX, LIST_PAGE_MAX, 1]
    first, second, _ = files.values()
    assert "Page 1 of 3 · [Next →](x-2.md)" in first and "<figure>" in first and "<figure>" not in second
    assert "Page 2 of 3 · [← Previous](x.md) · [Next →](x-3.md)" in second
    assert "# By x \\(page 2 of 3\\)" in second  # the title as Markdown text
    # Item 100 is the 11th of section 3, which started on page 1: headed again, without its id.
    assert "## Section 3 (continued)\n\n- item 100" in second and "{#s3}" in first and "{#s3}" not in second
    assert "## Section 4 {#s4}" in second


def test_anchors_are_found_on_the_page_that_holds_them():
    listing = entries(LIST_PAGE_MAX + 10, 30)
    where = located("timeline.md", listing)
    assert where["i0"] == "timeline.md" and where[f"i{LIST_PAGE_MAX}"] == "timeline-2.md"
    assert where["s3"] == "timeline.md"  # where its section starts
    assert page_source("timeline.md", 7) == "timeline-7.md"


def test_an_empty_list_says_so():
    files = paginate("browse/t.md", "By topic", [], [], empty="No article has a topic yet.").files
    assert "No article has a topic yet." in files["browse/t.md"]
