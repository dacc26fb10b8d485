"""Feeds: parsing RSS, Atom and JSON Feed, discovering a page's feed, OPML, and fetching
new entries (and the addresses waiting in ``library.pending``) into the library."""
