"""Ingest: reading sources, decoding their bytes, cleaning them into articles, importing them."""
