"""Escape sequences, controls and bidi overrides never survive import."""

from __future__ import annotations

from newsreader.domain.sanitize import collapse_whitespace, sanitize


def test_strips_csi_osc_and_controls_but_keeps_newlines_and_tabs() -> None:
    hostile = "a\x1b]0;pwned\x07b\x1b[31mred\x1b[0m\tc\x00d\r\ne\x1b]52;c;ZXZpbA==\x1b\\f"
    assert sanitize(hostile) == "abred\tcd\nef"


def test_strips_eight_bit_c1_controls_and_bidi_overrides() -> None:
    assert sanitize("x\x9b31my\u202eevil\u202c\u2066z\u2069") == "xyevilz"


def test_normalises_to_nfc() -> None:
    assert sanitize("Cafe\u0301") == "Café"


def test_keeps_cjk_emoji_and_joiners() -> None:
    text = "東京 👩\u200d💻 Привет"
    assert sanitize(text) == text


def test_collapse_whitespace() -> None:
    assert collapse_whitespace("  a \n\t b  ") == "a b"


def test_a_lone_string_introducer_removes_only_itself() -> None:
    for introducer in ("\x98", "\x90", "\x9d", "\x9e", "\x9f", "\x1b]", "\x1bP"):
        text = f'<svg id="g{introducer}1"></svg>\n<p>The article follows.</p>\n<p>More.</p>'
        assert sanitize(text) == '<svg id="g1"></svg>\n<p>The article follows.</p>\n<p>More.</p>'


def test_a_string_sequence_never_spans_a_whole_line_of_text() -> None:
    # a terminator far beyond the introducer is not the end of one sequence
    text = "a\x98" + "word " * 400 + "\x9cend"
    assert sanitize(text) == "a" + "word " * 400 + "end"


def test_sequences_after_a_stray_introducer_and_inside_one_are_removed() -> None:
    # The stray SOS has no terminator: it goes alone, and every sequence after it too.
    # An OSC whose title holds a CSI introducer is no OSC: its ESC ] goes as an escape of
    # its own, the CSI as one, and the title's other text stays.
    text = "\x98 stray " + "\x1b[31mred\x1b[0m" * 3 + " \x1b]0;a\x9bb\x07 end"
    assert sanitize(text) == " stray redredred 0;a end"


def test_csi_parameters_are_bounded() -> None:
    text = "\x9b" + "1" * 200 + "m tail"
    assert sanitize(text) == "1" * 200 + "m tail"


def test_a_page_after_a_stray_c1_character_keeps_its_article() -> None:
    from newsreader.ingest.cleaning import clean

    paragraphs = [f"Paragraph {n} of the article tells the reader something new about the"
                  f" harbour, the council and the tide, in a sentence long enough." for n in
                  range(8)]
    page = ('<html><head><title>Harbour news</title></head><body>'
            '<svg><defs><linearGradient id="grad\x98a"></linearGradient></defs></svg>'
            '<article><h1>Harbour news</h1>' + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article></body></html>")
    article = clean(page, kind="html")
    assert article.title == "Harbour news"
    for paragraph in paragraphs:
        assert paragraph in article.text


def test_each_kind_of_unsafe_text_is_removed_when_it_is_the_only_one() -> None:
    # sanitize() looks for anything to remove in one scan first: each kind, alone in a
    # text, must be found by it
    cases = {
        "a\rb": "a\nb", "a\r\nb": "a\nb", "a\x1b[1mb": "ab", "a\x9b1mb": "ab",
        "a\x1b]0;x\x07b": "ab", "a\x90x\x9cb": "ab", "a\x98x\x9cb": "ab", "a\x9dx\x9cb": "ab",
        "a\x9ex\x9cb": "ab", "a\x9fx\x9cb": "ab", "a\x1bcb": "ab", "a\x00b": "ab",
        "a\x7fb": "ab", "a\x85b": "ab", "a\u202eb": "ab", "a\u2067b": "ab", "a\ufeffb": "ab",
        "a\ud800b": "ab", "a\ufffab": "ab",
    }
    for text, expected in cases.items():
        assert sanitize(text) == expected, repr(text)
