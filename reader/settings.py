"""The thresholds several stages or rules share, the limits, and the tuning of reprint detection,
each with why it has its value. A limit that belongs to one rule alone (a byline has at most six
words) is written in that rule, beside the docstring that explains it; a module's own layout
constants (`navigation.BY_YEAR_OVER`) sit at the top of that module."""

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

# An HTML block is the article when at least this share of its word triples are in the text
# trafilatura extracted (which rewrites whitespace, and splits or merges some elements).
EXTRACTED_MIN_SHARE = 0.5

# A page read in the charset it declares may hold a few stray bytes that charset cannot read (they
# become U+FFFD, as in a browser); past this share of its non-ASCII characters, the declaration is
# wrong and the encoding is detected instead.
DECLARED_MAX_REPLACED = 0.05
DECLARED_MAX_STRAY_BYTES = 3  # however short the page

# A file with more than this share of control characters is binary, not text.
BINARY_CONTROL_RATIO = 0.05

# Words of the title kept in an article's id, before the outlet.
ID_MAX_CHARS = 48

# Reprint detection: texts are compared as sets of word 5-grams ("shingles").
SHINGLE_WORDS = 5
MINHASH_PERMUTATIONS = 128
# Copies of one text share at least this share of shingles (Jaccard). The two
# Circle Wagons copies, edited for spelling, dates and wording, share 0.75;
# articles on the same topic share under 0.01. A copy cut to half of the text
# shares about 0.5. In the synthetic corpora of bench/bench_reprints.py (copies
# respelt, reworded, re-paragraphed, cut to 60% and added to) the least similar
# true pair shares 0.21; at 0.2 precision and recall there are both 1.0, at 0.3
# recall falls to 0.95-0.98.
REPRINT_THRESHOLD = 0.2

# LSH bands of 2 signature rows (64 bands of 128): a pair sharing 0.2 of its shingles becomes a
# candidate with probability 1 - (1 - 0.2**2)**64 = 0.93, one sharing 0.3 with 0.9975.
LSH_BAND_ROWS = 2

# Below this many articles every pair is compared exactly (0.25 s at 100); from it on,
# MinHash LSH finds candidates without comparing every pair.
LSH_MIN_ARTICLES = 100

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

# The glossary lists at most this many articles under each term, in corpus order, then says how many
# more use it: at 5,000 articles a common term's list outgrew Zensical's limit for one search entry
# (and a reader's patience); every use stays marked on its article's page and in corpus.json.
GLOSSARY_USES_MAX = 25
