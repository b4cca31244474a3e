"""Contributors' YAML: read and validated, each quote anchored in the cleaned text, notes placed."""
