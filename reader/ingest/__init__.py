"""Raw seeds to cleaned articles: load (bytes to text), split (feeds into stories), clean (rules)."""
