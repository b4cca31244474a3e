"""The reprint reader: raw scraped texts in, an annotated static site out.

The pipeline, one subpackage per part, each stage a function from plain data to plain data:

- `reader.ingest`: read each seed, split feeds into stories, clean them into articles;
- `reader.annotations`: read the contributors' YAML, anchor notes, corrections and links;
- `reader.reprints`: find copies of one text, align them, carry notes across;
- `reader.site`: the Markdown pages, navigation and export, written atomically; the post-build step;
- `reader.engines`: MkDocs (the plugin and its preview) and Zensical, building those pages.

`reader.corpus.read_corpus` runs the first three; `reader.model` holds the types they pass on.
"""
