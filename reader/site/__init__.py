"""The site's sources: Markdown pages, navigation, export, written atomically; and the post-build step."""
