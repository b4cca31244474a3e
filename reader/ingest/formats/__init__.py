"""Turn each seed format into `Block`s that carry their seed line numbers.

One module per format; each knows how to recognise its format (`looks_like`)
and how to lay a seed out as blocks. What is article text is not decided here
but in `reader.ingest.clean`.
"""
