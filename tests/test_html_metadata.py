"""Title, byline and date of an HTML page: chosen by agreement, without dates, any form."""

from __future__ import annotations

from lxml import html as lxml_html

from newsreader.ingest.cleaning import clean
from newsreader.ingest.cleaning.assembly import PageMetadata
from newsreader.ingest.cleaning.html_metadata import read_metadata

HEADLINE = "Council approves the harbour barrier after a long night"


def metadata(head: str, body: str, url: str | None = None) -> PageMetadata:
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    return read_metadata(lxml_html.document_fromstring(page), url)


def test_a_logo_h1_loses_to_the_title_the_other_sources_agree_on() -> None:
    head = (f"<title>{HEADLINE} - Courier.com</title>"
            f'<meta property="og:title" content="{HEADLINE}">')
    body = f"<header><h1>Courier</h1></header><article><h1>{HEADLINE}</h1></article>"
    assert metadata(head, body, "https://www.courier.com/a").title == HEADLINE


def test_an_h1_no_other_source_repeats_loses_to_the_page_title() -> None:
    head = f"<title>{HEADLINE} | The Courier</title>"
    body = "<aside><h1>Information and Resources</h1></aside><p>Text.</p>"
    assert metadata(head, body, "https://courier.example/a").title == HEADLINE


def test_the_h1_wins_when_the_page_title_repeats_it_with_a_section_and_site() -> None:
    head = f"<title>{HEADLINE} | Local news | The Courier</title>"
    body = f"<article><h1>{HEADLINE}</h1></article>"
    assert metadata(head, body).title == HEADLINE


def test_json_ld_in_cdata_counts_and_wins_a_tie() -> None:
    # JSON-LD and <title> say one thing, og:title and the h1 another: two each
    head = (f"<title>{HEADLINE} - The Courier</title>"
            '<meta property="og:title" content="Barrier approved">'
            '<meta property="og:site_name" content="The Courier">'
            '<script type="application/ld+json">\n<![CDATA[\n{"@context": "https://schema.org",'
            f' "@type": "NewsArticle", "headline": "{HEADLINE}"}}\n]]>\n</script>')
    body = "<article><h1>Barrier approved</h1></article>"
    assert metadata(head, body).title == HEADLINE


def test_the_site_name_is_cut_from_a_title_with_no_h1() -> None:
    head = (f"<title>The Courier | {HEADLINE}</title>"
            '<meta property="og:site_name" content="The Courier">')
    assert metadata(head, "<p>Text.</p>").title == HEADLINE
    head = f"<title>{HEADLINE} – courier.example</title>"
    assert metadata(head, "<p>Text.</p>", "https://courier.example/a").title == HEADLINE


def test_a_title_made_of_segments_keeps_them_when_none_names_the_site() -> None:
    head = "<title>Firefox — Make it your own — The flexible browser — Mozilla</title>"
    body = "<header><h1>Mozilla</h1></header><h1>Make your Firefox yours</h1>"
    assert metadata(head, body, "https://www.mozilla.org/firefox").title == (
        "Firefox — Make it your own — The flexible browser")


def test_a_byline_loses_the_date_and_comment_count_run_into_it() -> None:
    body = ('<p class="byline"><span>by</span> <a href="/ana">Ana Ruiz</a>'
            '<span class="bydate">22 Dec 2016</span><a class="bycount">651</a></p>')
    assert metadata("", body).byline == "Ana Ruiz"


def test_a_byline_is_read_from_its_name_part() -> None:
    body = ('<div class="entry-byline"><span itemprop="author"><a rel="author">'
            '<span itemprop="name">Sarah Good</span></a></span> '
            '<time datetime="2017-03-09">March 9, 2017</time> <a>13</a></div>')
    assert metadata("", body).byline == "Sarah Good"


def test_a_date_in_the_byline_text_is_cut_off() -> None:
    assert metadata("", '<div class="author">Posted by Ana Ruiz March 9, 2017</div>'
                    ).byline == "Ana Ruiz"
    assert metadata('<meta name="author" content="Ana Ruiz, 09/03/2017">', "").byline == (
        "Ana Ruiz")


def test_initials_alone_are_no_byline() -> None:
    assert metadata("", '<div class="byline"><div>J</div> <div>J</div></div>').byline is None


def test_dates_in_other_forms_than_iso() -> None:
    rfc = '<meta property="article:published_time" content="Thu, 09 Mar 2017 18:16:02 GMT">'
    assert metadata(rfc, "<p>Text.</p>").published == "2017-03-09"
    assert metadata("", '<div class="date">9 March 2017</div>').published == "2017-03-09"
    assert metadata("", '<span class="posted-on">Posted on 09.03.2017</span>'
                    ).published == "2017-03-09"
    assert metadata("", "<p>Text.</p>", "https://courier.example/2017/03/09/barrier"
                    ).published == "2017-03-09"


def test_an_iso_date_is_kept_as_written() -> None:
    head = '<meta property="article:published_time" content="2017-03-09T18:16:02+01:00">'
    assert metadata(head, '<div class="date">1 April 2020</div>').published == (
        "2017-03-09T18:16:02+01:00")


def test_no_date_when_the_page_gives_none() -> None:
    assert metadata("<title>Barrier</title>", "<p>Nothing dated here.</p>").published is None


def test_the_article_carries_the_chosen_metadata() -> None:
    paragraphs = "".join(f"<p>Paragraph {n} says what the council decided about the harbour"
                         " barrier, and why it took a whole night to decide it.</p>"
                         for n in range(6))
    page = (f"<html><head><title>{HEADLINE} | The Courier</title></head><body>"
            "<aside><h1>Information and Resources</h1></aside><article>"
            '<p class="byline">By <a href="/ana">Ana Ruiz</a> <span class="date">'
            f"9 March 2017</span></p>{paragraphs}</article></body></html>")
    article = clean(page, kind="html")
    assert (article.title, article.byline, article.published) == (
        HEADLINE, "Ana Ruiz", "2017-03-09")


def test_a_meta_property_may_name_several_keys() -> None:
    head = ('<title>Document</title>'
            f'<meta property="x:title dc:title" content="{HEADLINE}">')
    assert metadata(head, "<h1>Harbour</h1>").title == HEADLINE
