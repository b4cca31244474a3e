"""Every threshold the cleaner uses, in one place, with why it has its value."""

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

# A file with more than this share of control characters is binary, not text.
BINARY_CONTROL_RATIO = 0.05

# Words of the title kept in an article's id, before the outlet.
ID_MAX_CHARS = 48
