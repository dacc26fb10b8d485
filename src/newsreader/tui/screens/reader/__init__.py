"""The reader: one article, and the highlights and notes made on it.

- ``screen.py``: :class:`ReaderScreen` composes the header, the body, the side panels and the
  key footer, and owns the reading keys (moving, panels, links, back to the library);
- ``annotator.py``: the :class:`Annotator` keeps the article's highlights and notes, paints and
  lists them, saves every change, and exports the article (``h``, ``1``-``5``, ``n``, ``N``,
  ``x``, ``u``, ``>``, ``<``, ``E``, ``Y``);
- ``visual_mode.py``: the :class:`VisualMode` selects text from the keyboard (``v``, the
  motions, ``escape``) and shows the mode line;
- ``search.py``: the :class:`ArticleSearch` finds text in the article (``/``, and ``n``,
  ``N``, ``escape`` while a search is kept);
- ``spans.py``: what is painted over the text (headings, links, highlights);
- ``browser.py``, ``original.py``, ``neighbours.py``, ``quote.py``: opening an address and
  knowing whether a browser started, the article's original (``O``, ``L``, ``R``), the
  article before and after it in the library's list (``J``, ``K``), a passage as a Markdown
  quote (``Y``).

The annotator, the search and the visual mode are containers around the screen's layout,
so that their keys apply wherever the focus is and the help lists them under a heading of
their own. The screen hands them what they need when it creates them and asks the visual
mode whether text is selected; they find the body and the panels inside themselves; the
panels tell them what was chosen by messages.
"""

from newsreader.tui.screens.reader.screen import ReaderScreen

__all__ = ["ReaderScreen"]
