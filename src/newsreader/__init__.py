"""newsreader: a terminal reader and annotator for saved articles."""

__version__ = "0.1.0"
