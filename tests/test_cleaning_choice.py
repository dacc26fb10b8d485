"""Which text is the article (article_choice.py), and the caption and chrome rules that
the HTML cleaner applies to it: hand-written pages and blocks, one rule at a time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from newsreader.ingest.cleaning import article_choice, clean
from newsreader.ingest.cleaning.article_choice import (
    Candidate,
    common_ancestor,
    detached_tail,
    is_doubtful,
    merged,
    page_prose,
    trimmed,
)
from newsreader.ingest.cleaning.block_rules import tidy_blocks
from newsreader.ingest.cleaning.captions import split_credit
from newsreader.ingest.cleaning.html_normalise import normalise_fragment
from newsreader.ingest.cleaning.html_page import find_region, index_page
from newsreader.ingest.cleaning.html_structure import read_blocks
from newsreader.ingest.cleaning.raw_blocks import RawBlock, text_key

REVIEW = [
    "The reviewer spent three weeks with the new camera, shooting street scenes at dusk, "
    "portraits in window light and a wedding in a dim stone church with no flash allowed.",
    "Its autofocus is the headline feature: it tracked a cyclist weaving through traffic "
    "without losing him once, and it found eyes behind sunglasses more often than not.",
    "Battery life is the weak point. We managed about 310 shots per charge with the screen "
    "on, well short of the 420 promised, and the spare battery costs more than it should.",
    "The menus have been reorganised since the last model and are easier to find your way "
    "around, although the custom buttons still cannot be assigned to the metering modes.",
    "Image quality at high sensitivity is excellent up to 6400, after which fine detail "
    "starts to smear; raw files hold up a stop better than the camera's own JPEG files.",
]
SIDEBAR = ("Our newsletter arrives every Friday with the week's best reviews, the deals worth "
           "having and a long read for the weekend, and you can leave it whenever you like.")


def review_page(body: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in REVIEW)
    return f"""<html><head><title>Camera review</title></head><body>
<nav><a href="/">Home</a> <a href="/reviews">Reviews</a></nav>
<div id="page"><article><h1>Camera review</h1><div class="text">{paragraphs}{body}</div>
<div class="related"><h3>Related</h3><p><a href="/a">A long related story headline here</a>
 with a summary of that other story that runs on for quite a few words indeed.</p></div>
</article><div class="sidebar"><p>{SIDEBAR}</p></div></div></body></html>"""


def blocks(*texts: str) -> list[RawBlock]:
    return [RawBlock("paragraph", text, None) for text in texts]


def test_a_partial_extraction_is_doubtful_a_whole_one_is_not() -> None:
    tree = lxml_html.document_fromstring(review_page())
    prose = page_prose(tree.find(".//article"))
    assert is_doubtful(Candidate("partial", blocks(*REVIEW[:3])), prose)
    assert not is_doubtful(Candidate("whole", blocks(*REVIEW)), prose)
    assert is_doubtful(Candidate("short", blocks(REVIEW[0])), [])


def test_agreeing_candidate_adds_prose_from_the_region_only() -> None:
    tree = lxml_html.document_fromstring(review_page())
    index = index_page(tree)
    partial = Candidate("trafilatura", blocks(*REVIEW[:3]))
    region = find_region(tree, index, REVIEW[:3])
    related = "A long related story headline here with a summary of that other story that " \
              "runs on for quite a few words indeed."
    other = Candidate("readability", blocks(*REVIEW, related, SIDEBAR))
    located = {key[:60]: element for element, key in index}
    chosen = merged(partial, other, located, region)
    assert [b.text for b in chosen.blocks] == REVIEW


def test_a_disagreeing_candidate_is_not_taken() -> None:
    tree = lxml_html.document_fromstring(review_page())
    index = index_page(tree)
    partial = Candidate("trafilatura", blocks(*REVIEW[:3]))
    region = find_region(tree, index, REVIEW[:3])
    located = {key[:60]: element for element, key in index}
    other = Candidate("readability", blocks(REVIEW[0], SIDEBAR, SIDEBAR + " Again."))
    assert merged(partial, other, located, region) is partial


def test_a_partial_fast_extraction_is_corrected(monkeypatch: pytest.MonkeyPatch) -> None:
    real = article_choice.trafilatura_blocks

    def partial_fast(tree: Any, base: str | None, *, fast: bool) -> list[RawBlock]:
        found = real(tree, base, fast=fast)
        # what a fast pass gives when it stops after the intro: the first paragraphs
        return found[:3] if fast else found

    monkeypatch.setattr(article_choice, "trafilatura_blocks", partial_fast)
    article = clean(review_page(), kind="html", url="https://example.com/review")
    for text in REVIEW:
        assert text in article.text
    assert SIDEBAR not in article.text
    assert "related story headline" not in article.text


def test_an_empty_fast_extraction_falls_back_to_a_peer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_choice, "trafilatura_blocks",
                        lambda tree, base, *, fast: [])
    article = clean(review_page(), kind="html", url="https://example.com/review")
    for text in REVIEW:
        assert text in article.text


def test_mathml_text_is_kept() -> None:
    fragment = lxml_html.fragment_fromstring(
        "<div><p>The solutions of <math><mi>a</mi><msup><mi>x</mi><mn>2</mn></msup></math>"
        " are found below.</p></div>")
    [paragraph] = read_blocks(normalise_fragment(fragment, None))
    assert paragraph.text == "The solutions of ax2 are found below."


def test_a_paragraph_starting_with_the_headline_is_kept() -> None:
    title = "Council approves the harbour barrier after a decade of argument over floods"
    lede = (f"{title} in the old town, which flooded three times this winter, the mayor said "
            "on Friday as the vote was announced.")
    tidied = tidy_blocks([RawBlock("heading", title, None), *blocks(lede, REVIEW[0])],
                         title=title)
    assert [b.text for b in tidied.blocks] == [lede, REVIEW[0]]


def test_a_heading_with_the_site_name_is_still_the_title() -> None:
    title = "Council approves the harbour barrier"
    tidied = tidy_blocks([RawBlock("heading", f"{title} - The Courier", None),
                          *blocks(REVIEW[0])], title=title)
    assert [b.text for b in tidied.blocks] == [REVIEW[0]]


def figure_page(figure: str) -> str:
    return review_page(figure)


def test_a_credit_only_caption_is_captured() -> None:
    article = clean(figure_page(
        '<figure><img src="/c.jpg" alt=""><figcaption>Photo by Jane Doe</figcaption></figure>'),
        kind="html")
    assert [(c.text, c.credit) for c in article.captions] == [("", "Jane Doe")]
    assert "Jane Doe" not in article.text


@pytest.mark.parametrize("player", [
    '<div class="media-caption">Media caption The mayor explains the plan to reporters</div>',
    '<div class="video-player"><figure><figcaption>The mayor explains the plan to reporters'
    "</figcaption></figure></div>",
    "<figure><figcaption>Video: The mayor explains the plan to reporters</figcaption></figure>",
])
def test_video_player_lines_are_not_captions(player: str) -> None:
    article = clean(figure_page(player), kind="html")
    assert article.captions == ()
    assert "Media caption" not in article.text


def test_a_byline_is_not_a_caption() -> None:
    article = clean(figure_page('<div class="caption">By Jane Doe</div>'), kind="html")
    assert article.captions == ()


@pytest.mark.parametrize("chrome", [
    "Media playback is unsupported on your device", "Media caption The mayor explains",
    "Image 3 of 12", "1 / 12", "8:09", "Play video", "Duration 2:31", "Hide caption",
])
def test_player_and_gallery_chrome_leaves_the_body(chrome: str) -> None:
    tidied = tidy_blocks(blocks(REVIEW[0], chrome, REVIEW[1]), title=None)
    assert [b.text for b in tidied.blocks] == [REVIEW[0], REVIEW[1]]
    assert tidied.captions == []


def test_other_columns_box_becomes_related_links() -> None:
    raw = [*blocks(REVIEW[0]), RawBlock("heading", "Other columns by Jane Doe", None),
           RawBlock("list_item", "Why the harbour needs its barrier", None,
                    links=[(0, 33, "https://example.com/a")]),
           RawBlock("list_item", "The sea wall that nobody wanted", None,
                    links=[(0, 31, "https://example.com/b")]),
           *blocks(REVIEW[1])]
    tidied = tidy_blocks(raw, title=None)
    assert [b.text for b in tidied.blocks] == [REVIEW[0], REVIEW[1]]
    assert [link.url for link in tidied.related] == ["https://example.com/a",
                                                     "https://example.com/b"]


def test_a_bracketed_reference_code_is_not_a_credit() -> None:
    assert split_credit("Peace reigned through the cosmos for a millennium. [MP2 SP / MP3]") is None
    assert split_credit("The harbour at dawn. (Reuters/John Smith)") is not None


def test_a_run_of_headlines_with_nothing_under_them_is_related() -> None:
    headlines = ["Design week opens with a light installation", "A tribute to the lamp makers",
                 "The flow of time at the Triennale"]
    raw = [*blocks(REVIEW[0]), *(RawBlock("heading", text, None) for text in headlines),
           *blocks(REVIEW[1])]
    tidied = tidy_blocks(raw, title=None)
    assert [b.text for b in tidied.blocks] == [REVIEW[0], REVIEW[1]]
    assert [link.text for link in tidied.related] == headlines


def test_section_headings_with_text_under_them_stay() -> None:
    raw = [RawBlock("heading", "Part one of the story", None), RawBlock("heading",
           "The wars in heaven above", None), *blocks(REVIEW[0]),
           RawBlock("heading", "What the camera does well", None), *blocks(REVIEW[1])]
    tidied = tidy_blocks(raw, title=None)
    assert [b.text for b in tidied.blocks] == [b.text for b in raw]


ABOUT = ("Acme Optics is a global provider of lenses and imaging software for professional "
         "photographers. Founded in 1952, it employs around 1,300 people in 15 countries and its "
         "shares are listed on the Zurich stock exchange. Acme's mission is to make imaging tools "
         "that are reliable in the field, easy to service and fairly priced.")


def about_page(about_class: str) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in REVIEW)
    return f"""<html><head><title>Camera review</title></head><body><main>
<div>{paragraphs}</div><div class="{about_class}"><p>{ABOUT}</p></div></main></body></html>"""


def test_a_note_apart_from_the_article_that_readability_leaves_out_is_trimmed() -> None:
    # trafilatura keeps the company's note; it lies outside the element holding the
    # article's paragraphs, and readability-lxml, agreeing on the rest, leaves it out.
    article = clean(about_page("contact"), kind="html", url="https://example.com/review")
    assert [b.text for b in article.blocks] == REVIEW


def test_a_detached_last_block_is_found_and_trimmed_only_by_agreement() -> None:
    tree = lxml_html.document_fromstring(about_page("contact"))
    index = index_page(tree)
    chosen = Candidate("trafilatura", blocks(*REVIEW, ABOUT))
    region = find_region(tree, index, [*REVIEW, ABOUT])
    located = {key[:60]: element for element, key in reversed(index)}
    assert [b.text for b in detached_tail(chosen, located, region)] == [ABOUT]
    # the other extractor leaves it out and agrees on the rest: trimmed
    trimmed_choice = trimmed(chosen, Candidate("readability", blocks(*REVIEW)), 1)
    assert [b.text for b in trimmed_choice.blocks] == REVIEW
    # it keeps it too: kept; it found another text: no evidence, kept
    assert trimmed(chosen, Candidate("readability", blocks(*REVIEW, ABOUT)), 1) is chosen
    assert trimmed(chosen, Candidate("readability", blocks(SIDEBAR)), 1) is chosen


def test_the_common_ancestor_of_page_elements() -> None:
    tree = lxml_html.document_fromstring(about_page("contact"))
    first, last = tree.find(".//main/div/p"), tree.find(".//div[@class='contact']/p")
    assert common_ancestor([first, last]) is tree.find(".//main")
    assert common_ancestor([first.getparent(), first]) is first.getparent()


TAG_LINES = [
    'Topics: <a href="/t/cameras">cameras</a>, <a href="/t/reviews">reviews</a>, '
    '<a href="/t/photo">street photography</a>',
    '<a href="/t/cameras">Cameras</a> · <a href="/t/reviews">Reviews</a> · '
    '<a href="/t/photo">Street photography</a> · <a href="/t/gear">Gear</a>',
    "Keywords: cameras, reviews, street photography, mirrorless",
    'Topics: <a href="/t/cameras">cameras</a>, reviews, <a href="/t/photo">street photography'
    "</a>, gear",
]


@pytest.mark.parametrize("line", TAG_LINES)
def test_a_tag_list_leaves_the_body(line: str) -> None:
    article = clean(review_page(f"<p>{line}</p>"), kind="html", url="https://example.com/r")
    assert [b.text for b in article.blocks] == REVIEW


def test_a_sentence_with_several_links_is_not_a_tag_list() -> None:
    sentence = ('The camera was tested in <a href="/a">Lisbon</a>, <a href="/b">Porto</a> and '
                '<a href="/c">Braga</a> over three weeks of mixed weather.')
    article = clean(review_page(f"<p>{sentence}</p>"), kind="html", url="https://example.com/r")
    assert article.blocks[-1].text == ("The camera was tested in Lisbon, Porto and Braga over "
                                       "three weeks of mixed weather.")


STORIES = [
    ("The lens that changed how we shoot portraits",
     "A fast prime for under three hundred pounds, tested over a month."),
    ("Five tripods for travellers who hate tripods",
     "Light, small and steady enough for night scenes in the city."),
    ("Why film cameras are selling again",
     "Shops report queues for second-hand bodies and fresh rolls of film."),
]


@pytest.mark.parametrize("story", [
    '<h3><a href="/s{n}">{headline}</a></h3><p>{summary}</p>',
    '<p><a href="/s{n}">{headline}</a> {summary}</p>',
])
def test_section_front_blurbs_after_the_article_become_related_links(story: str) -> None:
    blurbs = "".join(story.format(n=n, headline=headline, summary=summary)
                     for n, (headline, summary) in enumerate(STORIES))
    article = clean(review_page(blurbs), kind="html", url="https://example.com/review")
    assert [b.text for b in article.blocks] == REVIEW
    related = [(link.text, link.url) for link in article.links if link.kind == "related"]
    assert related[:3] == [(headline, f"https://example.com/s{n}")
                           for n, (headline, _) in enumerate(STORIES)]


def test_a_list_article_of_linked_items_is_not_taken_for_blurbs() -> None:
    # the items are the article: more text than what comes before them
    items = "".join(f'<h3><a href="/s{n}">{headline}</a></h3><p>{summary} {REVIEW[n]}</p>'
                    for n, (headline, summary) in enumerate(STORIES))
    page = f"""<html><head><title>Gear guide</title></head><body><article><h1>Gear guide</h1>
<p>{REVIEW[4]}</p>{items}</article></body></html>"""
    article = clean(page, kind="html", url="https://example.com/guide")
    assert f"{STORIES[2][1]} {REVIEW[2]}" in [b.text for b in article.blocks]


def test_paragraphs_opening_with_a_linked_name_are_not_blurbs() -> None:
    quotes = ('<p><a href="/p/1">The Royal Photographic Society</a> said the sensor was the '
              'best it had tested this year.</p><p><a href="/p/2">The British Journal of '
              'Photography</a> agreed with that view in its own review of the camera.</p>')
    article = clean(review_page(quotes), kind="html", url="https://example.com/review")
    assert article.blocks[-1].text.startswith("The British Journal of Photography agreed")


def test_a_page_of_blurbs_keeps_them() -> None:
    # a section front: every paragraph is a story's summary, none is an article's prose
    summaries = [f"{word} story: {summary}" for summary in (s for _, s in STORIES)
                 for word in ("Another", "One more", "A last")]
    lead = "".join(f"<p>{text}</p>" for text in summaries)
    blurbs = "".join(f'<h3><a href="/s{n}">{headline}</a></h3><p>{summary}</p>'
                     for n, (headline, summary) in enumerate(STORIES))
    page = f"""<html><head><title>Photography</title></head><body><main><h1>Photography</h1>
<div>{lead}{blurbs}</div></main></body></html>"""
    article = clean(page, kind="html", url="https://example.com/photography")
    assert STORIES[2][1] in [b.text for b in article.blocks]


def test_headlines_trimmed_off_the_article_become_related_links(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = article_choice.trafilatura_blocks

    def with_cards(tree: Any, base: str | None, *, fast: bool) -> list[RawBlock]:
        # what trafilatura gives when it takes the teaser cards under an article along
        cards = [RawBlock("heading", headline, None) for headline, _ in STORIES]
        return [*real(tree, base, fast=fast), *cards]

    monkeypatch.setattr(article_choice, "trafilatura_blocks", with_cards)
    paragraphs = "".join(f"<p>{text}</p>" for text in REVIEW)
    cards = "".join(f'<div class="card"><a href="/s{n}"><h3>{headline}</h3></a></div>'
                    for n, (headline, _) in enumerate(STORIES))
    page = f"""<html><head><title>Camera review</title></head><body><main>
<div>{paragraphs}</div><div class="contact">{cards}</div></main></body></html>"""
    article = clean(page, kind="html", url="https://example.com/review")
    assert [b.text for b in article.blocks] == REVIEW
    assert [(link.text, link.url) for link in article.links if link.kind == "related"] == [
        (headline, f"https://example.com/s{n}") for n, (headline, _) in enumerate(STORIES)]


def test_a_paragraph_skipped_between_two_extracted_ones_is_put_back() -> None:
    embed = '<div class="embed"><iframe src="https://video.example/1"></iframe></div>'
    quoted = f"<blockquote><p>{SIDEBAR}</p></blockquote>"
    page = review_page().replace(f"<p>{REVIEW[2]}</p>", f"{embed}<p>{REVIEW[2]}</p>{quoted}")
    tree = lxml_html.document_fromstring(page)
    index = index_page(tree)
    located = {key[:60]: element for element, key in index}
    region = tree.find(".//article")
    prose = article_choice.prose_in(region)
    # The skipped paragraph comes back between its neighbours; the quotation, and prose
    # before the first or after the last extracted paragraph, do not.
    chosen = Candidate("trafilatura", blocks(REVIEW[1], REVIEW[3]))
    assert [b.text for b in article_choice.filled(chosen, prose, located).blocks] == [
        REVIEW[1], REVIEW[2], REVIEW[3]]
    whole = Candidate("trafilatura", blocks(*REVIEW))
    assert article_choice.filled(whole, prose, located) is whole


def test_a_heading_skipped_over_an_extracted_block_is_put_back() -> None:
    section = "<h3>13) <a href='/reviews/lens'>The lens</a></h3>"
    headline = "<h3><a href='/news/other'>Another story's headline here</a></h3>"
    share = "<h3>Share this:</h3><div class='share'><a href='/s'>Facebook</a></div>"
    page = (review_page().replace(f"<p>{REVIEW[2]}</p>", f"{section}<p>{REVIEW[2]}</p>")
            .replace(f"<p>{REVIEW[3]}</p>", f"{headline}<p>{REVIEW[3]}</p>")
            .replace(f"<p>{REVIEW[4]}</p>", f"{share}<p>{REVIEW[4]}</p>"))
    tree = lxml_html.document_fromstring(page)
    index = index_page(tree)
    located = {key[:60]: element for element, key in index}
    region = tree.find(".//article")
    chosen = Candidate("trafilatura", blocks(*REVIEW))
    result = article_choice.filled(chosen, article_choice.prose_in(region), located,
                                   article_choice.headings_in(region))
    assert [(b.kind, b.text) for b in result.blocks] == [
        *(("paragraph", text) for text in REVIEW[:2]), ("heading", "13) The lens"),
        *(("paragraph", text) for text in REVIEW[2:])]


def test_blocks_apart_after_a_horizontal_rule_are_trimmed_without_agreement() -> None:
    ruled = about_page("contact").replace(f"<p>{ABOUT}</p>", f"<hr><p>{ABOUT}</p>")
    for page, separated in ((ruled, True), (about_page("contact"), False)):
        tree = lxml_html.document_fromstring(page)
        index = index_page(tree)
        chosen = Candidate("trafilatura", blocks(*REVIEW, ABOUT))
        region = find_region(tree, index, [*REVIEW, ABOUT])
        located = {key[:60]: element for element, key in reversed(index)}
        assert [b.text for b in detached_tail(chosen, located, region)] == [ABOUT]
        assert article_choice.ruled_off(region, located[text_key(ABOUT)]) is separated
    assert [b.text for b in article_choice.ruled_off_trim(chosen, 1).blocks] == REVIEW
    # Never most of the text.
    assert article_choice.ruled_off_trim(chosen, len(REVIEW)) is chosen


def _paragraphs(first: int, count: int) -> str:
    return "".join(f"<p>Paragraph {n} of the article says something new about the plan, its "
                   "costs, its critics and what happens next in the town, at some length, "
                   "with the details the council gave on Tuesday.</p>"
                   for n in range(first, first + count))


_NESTED_ARTICLES = (f"<article><h1>Title here</h1><div class='lede'>{_paragraphs(0, 3)}</div>"
                    f"<div class='more'>{_paragraphs(3, 3)}</div>"
                    f"<article>{_paragraphs(6, 2)}</article></article>")


def test_readability_reads_a_region_that_is_an_article_holding_another() -> None:
    """readability-lxml cannot read a tree whose root is a classless <article> holding
    another one (it looks for the root's parent): it is given the region inside a <div>."""
    blocks = article_choice.readability_blocks(lxml_html.fragment_fromstring(_NESTED_ARTICLES),
                                               None)
    assert any(block.text.startswith("Paragraph 3 of the article") for block in blocks)


def test_readability_failing_prints_nothing(tmp_path: Path) -> None:
    """When readability gives up on a page it logs a traceback; a user running `add` sees
    no traceback, only the result."""
    page = tmp_path / "page.html"
    page.write_text(f"<html><body>{_NESTED_ARTICLES}</body></html>", encoding="utf-8")
    code = ("import sys, readability\n"
            "def fail(self, html_partial=False):\n"
            "    readability.readability.log.exception('error getting summary: ')\n"
            "    raise readability.readability.Unparseable('no')\n"
            "readability.Document.summary = fail\n"
            "from newsreader.ingest.cleaning import article_choice\n"
            "from lxml import html\n"
            f"print(article_choice.readability_blocks(html.fromstring(open({str(page)!r}).read()),"
            " None))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
    assert result.stderr == ""
