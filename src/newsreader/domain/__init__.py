"""The domain: articles, highlights and notes as values, anchoring, motions and search queries.

Pure Python: no storage, no front end."""
