"""The thresholds several stages or rules share, the limits, and the tuning of reprint detection,
each with why it has its value. A limit that belongs to one rule alone (a byline has at most six
words) is written in that rule, beside the docstring that explains it; a module's own layout
constants (`navigation.NAV_LINKS`) sit at the top of that module."""

# Blocks this close to the start or end of a story are where page chrome lives
# (widgets, bylines, share blurbs); rules about chrome look only there.
EDGE_BLOCKS = 15

# A body paragraph says something: at least this many words, ending a sentence.
BODY_MIN_WORDS = 8

# Lines after the last body paragraph with at most this many words are chrome
# ("Leave a Comment", "Source link"), not a sign-off.
TRAILING_CHROME_MAX_WORDS = 6

# A heading is short and does not end a sentence.
HEADING_MAX_WORDS = 10

# A title is a first line that does not end a sentence, and is not a paragraph.
TITLE_MAX_WORDS = 30

# A teaser headline in a "Related stories" block.
TEASER_MAX_WORDS = 16

# A site's name is short: a `<title>`'s first or last part of more words is a headline's.
SITE_NAME_MAX_WORDS = 6

# An HTML block is the article when at least this share of its word triples are in the text
# trafilatura extracted (which rewrites whitespace, and splits or merges some elements).
EXTRACTED_MIN_SHARE = 0.5
# ... and a repeat of article text already kept (a second copy of the article, for print or another
# screen) when at least this share of its length is at least this many kept paragraphs, word for word.
REPEAT_MIN_SHARE = 0.8
REPEAT_MIN_BLOCKS = 3

# A page read in the charset it declares may hold a few stray bytes that charset cannot read (they
# become U+FFFD, as in a browser); past this share of its non-ASCII characters, the declaration is
# wrong and the encoding is detected instead.
DECLARED_MAX_REPLACED = 0.05
DECLARED_MAX_STRAY_BYTES = 3  # however short the page

# A file with more than this share of control characters is binary, not text.
BINARY_CONTROL_RATIO = 0.05

# Words of the title kept in an article's id, before the outlet.
ID_MAX_CHARS = 48

# Word n-grams ("shingles") of this many words are what the copy index samples.
SHINGLE_WORDS = 5

# The copy relation (reader/reprints/copies.py), which reprint groups and find-copies share. A text
# holds a copy of an article when it holds at least COPY_MIN_COVERAGE of the article's paragraphs and
# COPY_MIN_WORDS words, in at least COPY_MIN_PARAGRAPHS paragraphs or COPY_MIN_WORDS_FEW words (news
# paragraphs are a sentence or two each, so two quoted sentences can be two whole paragraphs, of 50
# words or so; two thirds of a short article are more); or the whole of an article of a paragraph or
# two, of COPY_MIN_WORDS_WHOLE words or more. A Chinese or Japanese character counts as a word. A paragraph
# is on the page when COPY_PARAGRAPH_FOUND of its word triples are (one respelt word in a paragraph of
# 30 costs 3 of its 28 triples); paragraphs of fewer than COPY_PARAGRAPH_MIN_GRAMS triples (a dateline)
# are not counted. A page that quotes a sentence or two holds one or two paragraphs; another report
# of the same event shares names and phrases, not most of each paragraph's triples. bench/RESULTS.md
# gives precision and recall at these values on haystacks of real pages.
COPY_MIN_COVERAGE = 0.4
COPY_MIN_PARAGRAPHS = 3
COPY_MIN_WORDS = 50
COPY_MIN_WORDS_FEW = 75
COPY_MIN_WORDS_WHOLE = 20
COPY_PARAGRAPH_FOUND = 0.6
COPY_PARAGRAPH_MIN_GRAMS = 4
# Two articles of the corpus are shown as copies only when, besides, they share this share of the
# shorter one's word triples: no reprint group holds texts that share less.
REPRINT_MIN_SHARED = 0.2
# The cheap filter before that check: one in COPY_SAMPLE of an article's word 5-gram hashes is kept;
# a page is a candidate for an article when it holds COPY_CANDIDATE_SHARE of that sample (and at
# least COPY_CANDIDATE_MIN_GRAMS): a copy holding 40% of the paragraphs, respelt, keeps well over
# that. A sampled 5-gram more than COPY_INDEX_MAX_POSTINGS articles share (boilerplate) is ignored.
COPY_SAMPLE = 4
COPY_CANDIDATE_SHARE = 0.15
COPY_CANDIDATE_MIN_GRAMS = 2
COPY_INDEX_MAX_POSTINGS = 200
# find-copies gives a worker one archive, or one range of this many bytes of a larger one: at the 29 KB
# a page took gzipped in bench/bench_warc.py's archive, some 9,000 pages, about 25 s of one worker's time.
FIND_RANGE_BYTES = 256 * 1024 * 1024

# Two paragraphs are aligned when at least this share of their words match in order.
ALIGN_MIN_SIMILARITY = 0.5
# At most this many paragraphs of one copy may align with one paragraph of the other.
ALIGN_MAX_MERGE = 3
# Merging paragraphs costs this many matched words, so a merge must earn its place.
ALIGN_MERGE_COST = 2.0

# Lines of prose wrapped at a width are at least this long, all but the last.
WRAPPED_MIN_CHARS = 40

# Larger than any hand-written annotation file; a bigger one is a mistake or an attack.
ANNOTATION_MAX_BYTES = 1_000_000

# From this many jobs on (seeds to clean, pairs to align, pages to render...), a stage runs them on
# every core. Starting the workers takes 15-45 ms, about what 20 seeds take to clean.
PARALLEL_MIN_JOBS = 40

# The home page's table lists at most this many articles, the most recent first; the browse pages list
# them all. A table of thousands of rows makes the page heavy enough to slow every script on it.
HOME_ARTICLES_MAX = 300

# Where "Edit the annotations" links go after mkdocs.yml's repo_url (GitHub's editor); the reader
# plugin's `annotations_edit_uri` overrides it.
ANNOTATIONS_EDIT_URI = "edit/main/annotations/"

# The search engine `auto` chooses: Pagefind from this many articles on, Material's built-in search
# below. Material's search loads the whole index before its first answer: at 100 articles that took
# 0.75 s on the home page and 1.20 s on an article page (2.80 s at 1,000), past the 1 s a reader
# should wait; Pagefind answered in 0.41-0.66 s at every size (bench/RESULTS.md, issue 7's run).
PAGEFIND_FROM_ARTICLES = 100
# Pagefind keeps what it indexes in memory (about 0.4 MB a page): a larger site is indexed in
# shards of this many pages, so that 20,000 articles build in under 2 GB; the search merges them.
PAGEFIND_SHARD_PAGES = 4000

# The glossary lists at most this many articles under each term, in corpus order, then says how many
# more use it: at 5,000 articles a common term's list outgrew Zensical's limit for one search entry
# (and a reader's patience); every use stays marked on its article's page and in corpus.json.
GLOSSARY_USES_MAX = 25
