"""Cleaning plain-text copies of pages: the block classifier and the line rules around it."""

from __future__ import annotations

from newsreader.ingest.cleaning import clean
from newsreader.ingest.cleaning.text import clean_text, split_blocks
from newsreader.ingest.cleaning.text_blocks import (
    LOCAL_FEATURES,
    SECOND_FEATURES,
    Model,
    article_scores,
    context_features,
    opening_groups,
)

PARAGRAPHS = [
    "The council met on Monday evening to discuss the budget for the coming year, and the "
    "debate went on until well after midnight, with members of every party taking part.",
    "Members of the opposition walked out twice during the debate, saying that they had been "
    "given the figures only an hour before the meeting began, which left them no time.",
    "The final vote is expected next week, after a second reading of the amended text by the "
    "finance committee, whose chair has promised to publish every change in advance.",
    "Under the draft, spending on roads would fall by a tenth while the libraries would keep "
    "their opening hours, a change the mayor said was what residents had asked for.",
    "Local businesses have asked for the parking charges to be frozen for another year, "
    "arguing that the works on the high street have already kept many shoppers away.",
    "The mayor said she would meet the traders' association before the vote, but she gave no "
    "sign that the charges would change, pointing to the cost of the new bus lanes.",
]


def _copy(*blocks: str) -> str:
    return "\n\n".join(blocks)


def test_comment_count_under_the_headline_does_not_end_the_article() -> None:
    text = _copy("Budget talks run past midnight", "Local news", "5 min read",
                 "Listen to this article", "Save for later", "0 comments", *PARAGRAPHS)
    article = clean(text, kind="text")
    body = [block.text for block in article.blocks]
    assert body[-len(PARAGRAPHS):] == PARAGRAPHS
    assert "0 comments" not in article.text


def test_comment_section_after_the_article_is_left_out() -> None:
    text = _copy(
        "Budget talks run past midnight", *PARAGRAPHS, "3 responses",
        "roadrunner says:", "They always do this, every single year, and nothing changes.",
        "citymum says:", "Keep the libraries open, that is all I ask of them, honestly.",
    )
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS


LONG_ENDING_IN_CUTS = [
    "The survey of four hundred rural schools found that most of them had lost at least one "
    "teacher in the past two years, and that the gap was widest in the north. Its authors say "
    "the figures understate the problem, and the real picture: far worse in the villages […]",
    "Asked about the delays, the mayor said the city had done everything it could, and that the "
    "contractor had been warned twice. She added that the new bridge would open in the spring. "
    "Her office put the source: a report by the engineers, due out in May (…)",
    "The tribe crossed the mountains in a single winter. Their leaders kept no records, and "
    "what we know comes from the songs they left behind. Later travellers found the songs "
    "carved on the walls of the caves. None of them mention the sea (Book II / Book III)",
]


def test_long_paragraphs_ending_in_cut_marks_or_a_source_are_not_captions() -> None:
    blocks = [block for pair in zip(LONG_ENDING_IN_CUTS, PARAGRAPHS, strict=False)
              for block in pair]
    article = clean(_copy("Schools lose teachers", *blocks), kind="text")
    assert article.captions == ()
    assert [block.text for block in article.blocks] == blocks


def test_a_photo_caption_is_still_a_caption() -> None:
    text = _copy("Budget talks run past midnight", *PARAGRAPHS[:2],
                 "The town hall on Monday evening. Photo: Jane Roe", *PARAGRAPHS[2:])
    article = clean(text, kind="text")
    assert [(c.text, c.credit) for c in article.captions] == [
        ("The town hall on Monday evening.", "Jane Roe")]
    assert "Jane Roe" not in article.text


def test_a_copy_of_one_block_is_the_body() -> None:
    article = clean("Remember to compare the two budget drafts before the meeting on Friday",
                    kind="text")
    assert article.text == "Remember to compare the two budget drafts before the meeting on Friday"
    assert article.title


def test_lines_with_written_out_urls_go_and_urls_leave_the_prose() -> None:
    with_url = ("The full draft is on the council's website at https://example.org/budget/2027 "
                "and comments are open until Friday, the clerk's office said in a statement.")
    text = _copy(
        "Budget talks run past midnight", *PARAGRAPHS[:3],
        "Share this story: https://example.org/news/budget-talks?utm_source=share",
        "Advertisement: www.example-shop.com",
        with_url, *PARAGRAPHS[3:],
    )
    article = clean(text, kind="text")
    assert "example" not in article.text
    assert "Share this story" not in article.text
    assert "Advertisement" not in article.text
    assert ("The full draft is on the council's website at and comments are open until Friday,"
            in article.text)


def test_page_chrome_around_the_article_is_left_out() -> None:
    text = _copy(
        "Budget talks run past midnight",
        "News", "Local", "By Jane Roe", "March 3, 2027",
        "Facebook", "Twitter", "Email",
        *PARAGRAPHS[:4],
        "Read more: Bus lanes to open on the ring road in May",
        *PARAGRAPHS[4:],
        "Jane Roe is a senior reporter at the Gazette covering the city council and transport.",
        "More from Local", "Ring road bus lanes open in May", "Library hours stay the same",
        "New parking rules for the old town", "Scroll to Top",
    )
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert article.byline == "Jane Roe"
    assert {link.text for link in article.links} >= {
        "Bus lanes to open on the ring road in May"}


def test_short_headings_between_paragraphs_are_kept() -> None:
    text = _copy("Budget talks run past midnight", *PARAGRAPHS[:3], "What happens next",
                 *PARAGRAPHS[3:])
    article = clean(text, kind="text")
    assert article.headings == ["What happens next"]


def test_scores_are_probabilities_for_every_block() -> None:
    blocks = split_blocks(_copy("Budget talks", *PARAGRAPHS, "Twitter", "Facebook"))
    scores = article_scores(blocks)
    assert len(scores) == len(blocks)
    assert all(0.0 <= score <= 1.0 for score in scores)
    assert min(scores[1:7]) > max(scores[7:])


def test_a_box_of_other_stories_under_the_article_becomes_related_links() -> None:
    text = _copy(
        "Budget talks run past midnight", *PARAGRAPHS, "Related",
        "Ring road bus lanes open in May",
        "The new lanes will run from the station to the hospital, the council said on Monday, "
        "and buses will come every ten minutes.",
        "Library hours stay the same this winter",
    )
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert [(link.label, link.text) for link in article.links] == [
        ("Related", "Ring road bus lanes open in May"),
        ("Related", "Library hours stay the same this winter"),
    ]


def test_a_teaser_heading_inside_the_article_does_not_end_it() -> None:
    text = _copy("Budget talks run past midnight", *PARAGRAPHS[:2], "Related",
                 "Ring road bus lanes open in May", *PARAGRAPHS[2:])
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert [link.text for link in article.links] == ["Ring road bus lanes open in May"]


def test_date_lines_and_uncredited_captions_leave_the_body() -> None:
    caption = "The mayor, left, and the finance chair at the town hall on Monday."
    text = _copy("Budget talks run past midnight", "Updated Mar 3, 2027, 6:55 AM", caption,
                 *PARAGRAPHS[:3], "Posted 11:11 PM EST Mar 2, 2027", *PARAGRAPHS[3:])
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert [(c.text, c.credit) for c in article.captions] == [(caption, None)]


def test_a_block_shown_twice_is_not_body_text() -> None:
    gallery = "Councillors leave the chamber after the vote on Monday evening"
    text = _copy("Budget talks run past midnight", gallery, *PARAGRAPHS[:3], gallery,
                 *PARAGRAPHS[3:])
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS


def test_the_byline_is_found_under_kept_header_lines() -> None:
    text = _copy("Budget talks run past midnight", "Council budget special",
                 "Three councillors walked out of the chamber on Monday.", "By Jane Roe",
                 *PARAGRAPHS)
    article = clean(text, kind="text")
    assert article.byline == "Jane Roe"
    assert "Jane Roe" not in article.text


def test_a_caption_whose_credit_ran_into_it_is_a_caption() -> None:
    captions = ["Councillors leave the chamber after the vote.CreditJ. R. Doe/The Gazette",
                "The old town hall, built in 1890Credit: City Archive"]
    text = _copy("Budget talks run past midnight", *PARAGRAPHS[:2], captions[0],
                 *PARAGRAPHS[2:4], captions[1], *PARAGRAPHS[4:])
    article = clean(text, kind="text")
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Councillors leave the chamber after the vote.", "J. R. Doe/The Gazette"),
        ("The old town hall, built in 1890", "City Archive")]
    assert [block.text for block in article.blocks] == PARAGRAPHS


def test_section_labels_above_the_headline_are_not_the_title() -> None:
    text = _copy("Home", "Local News", "Budget talks run past midnight at the town hall",
                 *PARAGRAPHS)
    article = clean(text, kind="text")
    assert article.title == "Budget talks run past midnight at the town hall"
    assert [block.text for block in article.blocks] == PARAGRAPHS


def test_a_first_paragraph_ending_in_a_quotation_is_body_not_the_title() -> None:
    lede = ("The mayor promised last spring that she would find “real savings in every "
            "department, starting with my own office.”")
    article = clean(_copy(lede, *PARAGRAPHS), kind="text")
    assert article.text.startswith(lede)


def test_a_standfirst_ending_with_a_full_stop_is_the_dek_when_a_byline_follows() -> None:
    standfirst = "The council’s budget debate ran past midnight. Here is what was decided."
    text = _copy("Budget talks run past midnight", standfirst, "By Jane Doe", *PARAGRAPHS)
    article = clean(text, kind="text")
    assert article.dek == standfirst
    assert article.byline == "Jane Doe"
    assert [block.text for block in article.blocks] == PARAGRAPHS


def test_a_lede_ending_with_a_full_stop_is_not_taken_for_a_standfirst() -> None:
    article = clean(_copy("Budget talks run past midnight", *PARAGRAPHS), kind="text")
    assert article.dek is None
    assert [block.text for block in article.blocks] == PARAGRAPHS


def test_player_captions_leave_the_body() -> None:
    text = _copy("Budget talks run past midnight", *PARAGRAPHS[:3],
                 "Media caption The mayor explains the cuts to the bus lanes",
                 "Image caption The town hall on Monday night", *PARAGRAPHS[3:])
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert [caption.text for caption in article.captions] == ["The town hall on Monday night"]


def test_numbered_section_headings_keep_their_numbers() -> None:
    text = _copy("How to plan the budget", PARAGRAPHS[0], "1. Ask the residents", PARAGRAPHS[1],
                 "2) Publish the figures", PARAGRAPHS[2], PARAGRAPHS[3])
    article = clean(text, kind="text")
    headings = [block.text for block in article.blocks if block.kind == "heading"]
    assert headings == ["1. Ask the residents", "2) Publish the figures"]
    assert "1. Ask the residents" in article.text


def test_numbered_lines_in_a_row_stay_a_list() -> None:
    text = _copy("How to plan the budget", PARAGRAPHS[0], "1. Roads", "2. Libraries",
                 "3. Parking", PARAGRAPHS[1], PARAGRAPHS[2])
    article = clean(text, kind="text")
    items = [(block.text, block.ordered) for block in article.blocks if block.kind == "list_item"]
    assert items == [("Roads", True), ("Libraries", True), ("Parking", True)]


def test_a_name_that_starts_like_a_month_is_not_a_date_line() -> None:
    standings = ["1 Kyle Busch 5040 5 1 17 27", "2 Martin Truex Jr. 5035 7 0 15 24",
                 "3 Sunny Decker 5033 4 6 15 26"]
    text = _copy("Final standings of the season", PARAGRAPHS[0], "Pos. Driver Points Wins",
                 *standings, PARAGRAPHS[1], PARAGRAPHS[2])
    article = clean(text, kind="text")
    for row in standings:
        assert row in article.text


def test_a_slideshow_counter_is_not_the_title() -> None:
    text = _copy("1 / 5", *PARAGRAPHS)
    article = clean(text, kind="text")
    assert article.title != "1 / 5"
    assert "1 / 5" not in article.text
    assert [block.text for block in article.blocks] == PARAGRAPHS


def test_a_headline_ending_in_initials_is_the_title() -> None:
    text = _copy("Supported by", "How Winter Wreaks Havoc Underneath N.Y.C.", *PARAGRAPHS)
    article = clean(text, kind="text")
    assert article.title == "How Winter Wreaks Havoc Underneath N.Y.C."
    assert [block.text for block in article.blocks] == PARAGRAPHS


def test_a_thread_of_long_reader_comments_is_left_out() -> None:
    comments = []
    for name, paragraph in zip(("roadrunner", "citymum", "oldtimer", "jd1975"),
                               PARAGRAPHS[::-1], strict=False):
        comments += [f"{name} says:", "November 19, 2019 at 6:44 am",
                     paragraph.replace("The ", "Honestly, the ", 1)]
    text = _copy("Budget talks run past midnight", *PARAGRAPHS[:3], *comments)
    # A classifier that takes every block for the article: the thread still ends it.
    keep_all = Model(local=tuple(float(name == "bias") for name in LOCAL_FEATURES),
                     context=tuple(30.0 * (name == "bias") for name in SECOND_FEATURES))
    article = clean_text(text, model=keep_all)
    assert [block.text for block in article.blocks] == PARAGRAPHS[:3]


def test_teasers_with_repeated_headlines_and_cut_excerpts_are_left_out() -> None:
    headline = "How to Defeat the Urge to Binge Shop"
    text = _copy("Budget talks run past midnight", *PARAGRAPHS[:4],
                 f"{headline} {headline} {headline}", f"{headline} {headline} How to Def",
                 "It seems contradictory, but I love being frugal and I also love spending "
                 "money. Over the last few… Read more Read more twocents.lifehacker.com",
                 "Asked about the delays, the mayor said the city had done what it could… "
                 "Continue reading")
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS[:4]
    assert [link.text for link in article.links] == [headline, headline]


def test_a_box_of_stories_under_an_english_heading_the_html_rules_lack_ends_the_article() -> None:
    headlines = ["Video shows dramatic rescue of kidnapped girl", "Man arrested after seven "
                 "victims found in car", "Safety officials urge maker to redesign part"]
    text = _copy("Budget talks run past midnight", *PARAGRAPHS, "Most read in world news",
                 *headlines)
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert [link.text for link in article.links] == headlines


def _length_model() -> Model:
    """A classifier that judges a block by its length alone: long ones are article."""
    local = tuple({"bias": -3.0, "log_words": 1.0}.get(name, 0.0) for name in LOCAL_FEATURES)
    context = tuple({"bias": -5.0, "score": 10.0}.get(name, 0.0) for name in SECOND_FEATURES)
    return Model(local=local, context=context)


def test_short_blocks_between_kept_paragraphs_are_kept_with_them() -> None:
    answers = ["Q: Favourite book?", "A: A Fistful of Rice", "Q: Favourite athlete?",
               "A: Lebron James"]
    text = _copy("An interview with the mayor", *PARAGRAPHS[:3], *answers, *PARAGRAPHS[3:],
                 "Q: One more?", "A: No")
    article = clean_text(text, model=_length_model())
    assert [block.text for block in article.blocks] == [*PARAGRAPHS[:3], *answers,
                                                        *PARAGRAPHS[3:]]


def test_prose_far_below_the_article_after_a_run_of_chrome_is_left_out() -> None:
    chrome = ["Share this:", "Email a friend", "Post on Facebook", "Post on Reddit",
              "Like this:", "Loading comments", "Posted in News", "Tagged budget"]
    other_story = ("Stack Overflow published the results of its developer survey, summarising "
                   "the answers of fifty thousand developers in a hundred and seventy countries.")
    text = _copy("Budget talks run past midnight", *PARAGRAPHS, *chrome, other_story)
    article = clean_text(text, model=_length_model())
    assert [block.text for block in article.blocks] == PARAGRAPHS


def test_a_byline_split_over_two_lines_is_one_byline() -> None:
    text = _copy("Budget talks run past midnight", "By", "Sarah E. Needleman",
                 "Sarah E. Needleman", *PARAGRAPHS)
    article = clean(text, kind="text")
    assert article.byline == "Sarah E. Needleman"
    assert [block.text for block in article.blocks] == PARAGRAPHS


def test_video_titles_with_their_running_time_are_left_out() -> None:
    text = _copy("Budget talks run past midnight", *PARAGRAPHS,
                 "How Fast Can Gibbons Swing Through the Forest? (3:04)",
                 "These Atomic Bomb Tests Used Troops as Guinea Pigs (13:29)")
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS


def test_a_hover_card_run_into_a_sentence_is_taken_out() -> None:
    sentence = ("A man pleaded guilty to threatening Rep. Jane RowJane Row"
                "Budget talks run past midnight | Council votes on parking Row asks for calm MORE "
                "(D-Minn.), the prosecutor's office announced on Monday.")
    assert split_blocks(sentence) == [
        "A man pleaded guilty to threatening Rep. Jane Row (D-Minn.), the prosecutor's office "
        "announced on Monday."]
    assert split_blocks("She met Jane Row, then Row left.") == ["She met Jane Row, then Row left."]


def test_lines_an_advertisement_leaves_in_the_text_are_left_out() -> None:
    text = _copy("Budget talks run past midnight", *PARAGRAPHS[:3], "Advert",
                 "Continue reading the main story", "Story continues below advertisement",
                 *PARAGRAPHS[3:])
    article = clean_text(text, model=_length_model())
    assert [block.text for block in article.blocks] == PARAGRAPHS


def test_a_block_over_a_photo_credit_line_is_its_caption() -> None:
    caption = ("The centres of the clusters are hot, while bright structures show the gas of the "
               "medium heated by shocks")
    text = _copy("Budget talks run past midnight", PARAGRAPHS[0], caption,
                 "(Image: © TNG Collaboration)", *PARAGRAPHS[1:])
    article = clean_text(text, model=_length_model())
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert [(c.text, c.credit) for c in article.captions] == [(caption, "TNG Collaboration")]


def test_quotations_introduced_with_said_do_not_end_the_article() -> None:
    text = _copy("Budget talks run past midnight", *PARAGRAPHS[:3],
                 "In a statement, the mayor said:", "We will not raise the charges this year.",
                 "The chair of the finance committee said:", "The figures will be published.",
                 *PARAGRAPHS[3:])
    article = clean(text, kind="text")
    assert "The chair of the finance committee said:" in article.text
    assert article.text.endswith(PARAGRAPHS[-1])


def test_a_report_ending_with_its_agency_keeps_its_last_paragraph() -> None:
    text = _copy("Budget talks run past midnight", *PARAGRAPHS, "Reuters")
    article = clean(text, kind="text")
    assert PARAGRAPHS[-1] in [block.text for block in article.blocks]
    assert not article.captions


def test_teaser_lines_under_labels_the_html_rules_lack_are_related_links() -> None:
    text = _copy("Budget talks run past midnight", *PARAGRAPHS[:3],
                 "SEE MORE: Ring road bus lanes open in May", *PARAGRAPHS[3:])
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert [(link.label, link.text) for link in article.links] == [
        ("SEE MORE", "Ring road bus lanes open in May")]


def test_a_teaser_heading_ending_in_an_ellipsis_heads_a_box_of_stories() -> None:
    headlines = ["Ring road bus lanes open in May", "Library hours stay the same this winter"]
    text = _copy("Budget talks run past midnight", *PARAGRAPHS, "You may also like...",
                 *headlines)
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert [(link.label, link.text) for link in article.links] == [
        ("You may also like", headline) for headline in headlines]


def test_a_caption_followed_by_its_fold_link_is_a_caption() -> None:
    caption = "The mayor speaks to traders at the town hall on Monday, March 2, 2027."
    text = _copy("Budget talks run past midnight", *PARAGRAPHS[:2],
                 f"{caption} (AP Photo/Jane Doe) less", *PARAGRAPHS[2:])
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert [(c.text, c.credit) for c in article.captions] == [(caption, "AP Photo/Jane Doe")]


def test_a_sentence_the_copy_holds_twice_is_kept_once() -> None:
    quote = "The charges will stay as they are until the works on the high street are done."
    text = _copy("Budget talks run past midnight", *PARAGRAPHS[:2], quote, *PARAGRAPHS[2:4],
                 quote, *PARAGRAPHS[4:])
    article = clean(text, kind="text")
    body = [block.text for block in article.blocks]
    assert body.count(quote) == 1
    assert [block for block in body if block != quote] == PARAGRAPHS


def test_a_copy_opening_with_its_byline_does_not_take_it_for_the_title() -> None:
    text = _copy("Posted by Jane Roe, Reporter on City Hall", *PARAGRAPHS)
    article = clean(text, kind="text")
    assert article.byline == "Jane Roe, Reporter on City Hall"
    assert "Jane Roe" not in article.title
    assert [block.text for block in article.blocks] == PARAGRAPHS


def test_blocks_opening_with_the_same_word_are_judged_beside_each_other() -> None:
    blocks = ["Q: Where did you grow up?", "A: By the sea.", "Q: Favourite book?", "Share",
              "Share this"]
    groups = opening_groups(blocks)
    assert groups[0] == groups[2] and len({groups[0], groups[1], groups[4]}) == 3
    assert groups[3] == 0
    scores = [0.9, 0.8, 0.2, 0.1, 0.3]
    rows = context_features(scores, [[0.0] * len(LOCAL_FEATURES)] * len(blocks), groups)
    sibling = [row[SECOND_FEATURES.index("sibling_score")] for row in rows]
    # The short question is judged by the long one; a block alone in its group by itself.
    assert [round(score, 6) for score in sibling] == [0.2, 0.8, 0.9, 0.1, 0.3]


def test_known_scores_take_the_place_of_the_classifier() -> None:
    text = _copy("Budget talks run past midnight", *PARAGRAPHS)
    article = clean_text(text, known=[0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0])
    assert [block.text for block in article.blocks] == PARAGRAPHS[0::2]


def test_also_on_the_site_heads_a_box_of_other_stories() -> None:
    headlines = ["Ring road bus lanes open in May", "Library hours stay the same this winter"]
    text = _copy("Budget talks run past midnight", *PARAGRAPHS, "Auch auf heise online:",
                 *headlines)
    article = clean(text, kind="text")
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert [link.text for link in article.links] == headlines
