"""The body rules, one at a time, on blocks built by hand."""

from __future__ import annotations

from lxml import html as lxml_html

from newsreader.domain.models import BlockKind, Caption, Link
from newsreader.ingest.cleaning.block_rules import tidy_blocks
from newsreader.ingest.cleaning.block_spans import remove_urls
from newsreader.ingest.cleaning.captions import split_credit
from newsreader.ingest.cleaning.html_structure import read_blocks
from newsreader.ingest.cleaning.links import parse_teaser
from newsreader.ingest.cleaning.raw_blocks import RawBlock

LEDE = "The council voted on Friday to fund the barrier, ending a decade of argument."


def block(text: str, kind: BlockKind = "paragraph",
          links: list[tuple[int, int, str]] | None = None) -> RawBlock:
    return RawBlock(kind, text, None, links=links or [])


def texts(blocks: list[RawBlock]) -> list[str]:
    return [b.text for b in blocks]


def test_title_dek_byline_and_date_lines_leave_the_top() -> None:
    raw = [block("Council funds barrier", "heading"), block("Councillors back the barrier"),
           block("By Miriam Okafor"), block("Updated March 14, 2026 at 9:30 a.m."),
           block("TECH"), block(LEDE)]
    tidied = tidy_blocks(raw, title="Council funds barrier",
                         header_lines=["Councillors back the barrier", "Miriam Okafor"])
    assert texts(tidied.blocks) == [LEDE]


def test_captions_are_lifted_with_credit() -> None:
    raw = [block(LEDE), block("Waves over the wall. (AP Photo/Jane Doe)"),
           block("A crane on the quay. Photo: Harbour Press"), block("Seen from the pier.")]
    tidied = tidy_blocks(raw, title=None, captions=[Caption("Seen from the pier.", "X")])
    assert texts(tidied.blocks) == [LEDE]
    assert tidied.captions == [Caption("Seen from the pier.", "X"),
                               Caption("Waves over the wall.", "AP Photo/Jane Doe"),
                               Caption("A crane on the quay.", "Harbour Press")]


def test_teasers_lines_and_link_lists_become_related_links() -> None:
    headline = "Fleet landings fall to lowest level"
    raw = [block(LEDE),
           block("READ MORE: Quay Street counts the cost", links=[(11, 38, "https://a.example/q")]),
           block("Related stories", "heading"),
           block(headline, "list_item", links=[(0, len(headline), "https://a.example/f")]),
           block("Back to prose, which is kept whole.")]
    tidied = tidy_blocks(raw, title=None)
    assert texts(tidied.blocks) == [LEDE, "Back to prose, which is kept whole."]
    assert tidied.related == [
        Link(text="Quay Street counts the cost", url="https://a.example/q", kind="related",
             label="READ MORE"),
        Link(text=headline, url="https://a.example/f", kind="related", label="Related stories"),
    ]


def test_chrome_and_comment_sections_are_dropped() -> None:
    raw = [block(LEDE), block("Share on Facebook"), block("Advertisement"), block(LEDE + " 2"),
           block("Follow Newsbeat on Instagram, Facebook and Twitter."), block(LEDE + " 3"),
           block("Leave a Comment"), block("A reader's comment that is not the article.")]
    tidied = tidy_blocks(raw, title=None)
    assert texts(tidied.blocks) == [LEDE, LEDE + " 2", LEDE + " 3"]


def test_teaser_label_splits_on_first_colon_only() -> None:
    link = parse_teaser("Read also: Talks resume: what to expect")
    assert link is not None
    assert (link.label, link.text) == ("Read also", "Talks resume: what to expect")


def test_credit_forms() -> None:
    assert split_credit("Storm damage. [File: Reuters]") == Caption("Storm damage.", "Reuters")
    assert split_credit("Набережная весной. Фото: Иван Петров") == Caption(
        "Набережная весной.", "Иван Петров")
    assert split_credit("An ordinary sentence about photos of the harbour.") is None


def test_urls_are_removed_and_spans_shift() -> None:
    text = "See https://example.com/report for details, says the council."
    start = text.index("council")
    raw = block(text, links=[(start, start + len("council"), "https://c.example/")])
    cleaned = remove_urls(raw)
    assert cleaned is not None
    assert cleaned.text == "See for details, says the council."
    start, end, _ = cleaned.links[0]
    assert cleaned.text[start:end] == "council"
    assert remove_urls(block("https://t.co/abc")) is None
    glued = remove_urls(block("Website mozilla.org/,%20https://www.mozilla.org/tr/"))
    assert glued is not None and "://" not in glued.text


def test_read_blocks_collapses_whitespace_and_keeps_link_spans() -> None:
    root = lxml_html.fragment_fromstring(
        "<div><p>  A   <a href='https://x.example/'>linked\n words</a> here.</p>"
        "<ul><li>one</li><li>two <ul><li>nested</li></ul></li></ul></div>")
    blocks = read_blocks(root)
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "A linked words here."), ("list_item", "one"), ("list_item", "two"),
        ("list_item", "nested")]
    start, end, url = blocks[0].links[0]
    assert blocks[0].text[start:end] == "linked words" and url == "https://x.example/"


def test_closing_calls_to_action_leave_the_end_of_the_body() -> None:
    conclusion = "The barrier will be finished before the winter storms, the council said."
    raw = [block(LEDE), block(LEDE + " 2"), block(conclusion),
           block("Have a tip? Mara Quinn may be reached at mquinn@harbour.example. "
                 "Follow her on Twitter @maraq."),
           block("Get the Harbour Weekly delivered to your door. 12 issues for £10. "
                 "Click here for more information.")]
    tidied = tidy_blocks(raw, title=None)
    assert texts(tidied.blocks) == [LEDE, LEDE + " 2", conclusion]


def test_notes_that_also_tell_something_and_list_steps_stay() -> None:
    bio = ("Mara Quinn covers the harbour for the Gazette. Follow her on Twitter @maraq.")
    step = "Sign up for the ferry pass with the same email as your season ticket."
    middle = "Tell us what you remember of the old pier."
    raw = [block(LEDE), block(middle), block(LEDE + " 2"), block(LEDE + " 3"), block(bio)]
    assert texts(tidy_blocks(raw, title=None).blocks) == texts(raw)
    listed = [*raw[:4], block(step, "list_item")]
    assert texts(tidy_blocks(listed, title=None).blocks) == texts(listed)
    # Under a body too short to be sure it is an article, nothing goes.
    short = [block(LEDE), block(middle)]
    assert texts(tidy_blocks(short, title=None).blocks) == texts(short)


def test_link_items_are_teasers_only_when_they_are_their_whole_list() -> None:
    items = ('<li><a href="https://a.example/y">Our year in review, all of it</a></li>'
             '<li><a href="https://a.example/p">Our speed year in review</a></li>')
    prose = "<li>We landed the fix that stops the updater from running twice.</li>"
    mixed = read_blocks(lxml_html.fragment_fromstring(
        f"<div><p>{LEDE}</p><ul>{items}{prose}</ul></div>"))
    tidied = tidy_blocks(mixed, title=None)
    assert texts(tidied.blocks) == texts(mixed)
    assert tidied.related == []
    alone = read_blocks(lxml_html.fragment_fromstring(
        f"<div><p>{LEDE}</p><ul>{items}</ul><ul>{prose}</ul></div>"))
    tidied = tidy_blocks(alone, title=None)
    assert texts(tidied.blocks) == [LEDE, texts(alone)[-1]]
    assert [link.url for link in tidied.related] == ["https://a.example/y", "https://a.example/p"]


def test_a_line_giving_the_page_date_in_any_language_leaves_the_top() -> None:
    dated = "sexta-feira, 7 de março de 2025 às 20:13"
    raw = [block(dated), block(LEDE), block("In 2025, 7 boats sank.")]
    tidied = tidy_blocks(raw, title=None, header_lines=[None, None, "2025-03-07T23:13:00+00:00"])
    assert texts(tidied.blocks) == [LEDE, "In 2025, 7 boats sank."]
    # Another day's date is not the page's.
    other = [block("sexta-feira, 8 de março de 2025"), block(LEDE)]
    assert texts(tidy_blocks(other, title=None, header_lines=["2025-03-07"]).blocks) == texts(other)
