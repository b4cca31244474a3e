"""Annotations travel to the other copies of a text, or are listed where they could not."""

AT = "china-russia-circle-wagons-asia-pacific-asia-times"
GR = "china-russia-circle-wagons-asia-pacific-global-research"


def notes_of(corpus, article_id):
    return {n.note.id: n for item in corpus.annotated if item.article.id == article_id for n in item.notes}


def test_a_note_travels_where_its_quote_is_in_the_aligned_passage(corpus):
    travelled = notes_of(corpus, GR)["at-minot"]
    assert travelled.origin == AT
    paragraph = next(
        p for a in corpus.articles if a.id == GR for p in a.paragraphs if p.id == travelled.place.paragraph
    )
    assert (
        paragraph.text[travelled.place.start : travelled.place.end]
        == "(which is the US Air Force Global Strikes Command)"
    )


def test_a_note_whose_quote_differs_in_the_other_copy_is_stranded_not_moved(corpus):
    stranded = {(s.note.note.id, s.copy) for s in corpus.stranded}
    assert ("at-li-shangfu-removed", GR) in stranded  # "Chinese Defense Minister Li Shangfu" is not in GR's text
    assert "at-li-shangfu-removed" not in notes_of(corpus, GR)


def test_the_same_note_written_for_both_copies_is_not_shown_twice(corpus):
    gr = notes_of(corpus, GR)
    assert "gr-shoigu-replaced" in gr and "at-shoigu-replaced" not in gr


def test_links_do_not_travel(corpus):
    assert all(n.origin == "" for n in notes_of(corpus, GR).values() if n.note.kind == "link")
