"""The engines that build the generated pages: MkDocs (through the reader plugin) and Zensical."""
