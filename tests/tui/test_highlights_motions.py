"""The visual-mode motions, as pure functions over a text."""

from __future__ import annotations

from newsreader.domain import motions

TEXT = "One two, three. Four five! Six.\n\nSecond para here. Last one.\n\nEnd"


def test_words_forward_back_and_end() -> None:
    assert motions.next_word_start(TEXT, 0) == 4  # "two"
    assert motions.next_word_start(TEXT, 4) == 7  # "," is a word of its own, like vim's w
    assert motions.word_end(TEXT, 0) == 3
    assert motions.word_end(TEXT, 3) == 7  # from a word's end: the next word's end
    assert motions.previous_word_start(TEXT, 6) == 4  # inside "two": its start
    assert motions.previous_word_start(TEXT, 4) == 0
    assert motions.previous_word_start(TEXT, 0) == 0
    assert motions.next_word_start(TEXT, len(TEXT)) == len(TEXT)
    assert motions.word_end(TEXT, len(TEXT) - 1) == len(TEXT)


def test_sentences() -> None:
    four = TEXT.index("Four")
    assert motions.next_sentence_start(TEXT, 0) == four
    assert motions.next_sentence_start(TEXT, four) == TEXT.index("Six")
    assert motions.next_sentence_start(TEXT, TEXT.index("Six")) == TEXT.index("Second")
    assert motions.previous_sentence_start(TEXT, four + 3) == four
    assert motions.previous_sentence_start(TEXT, four) == 0
    assert motions.previous_sentence_start(TEXT, TEXT.index("Second")) == TEXT.index("Six")
    assert motions.next_sentence_start(TEXT, TEXT.index("End")) == len(TEXT)


def test_sentences_end_at_chinese_and_japanese_full_stops() -> None:
    text = "今天下雨。我们在家！你呢？「好的。」然后。 Next one. End"
    starts = [text.index(part) for part in ("我们", "你呢", "「好的", "然后", "Next", "End")]
    position = 0
    for start in starts:
        position = motions.next_sentence_start(text, position)
        assert position == start
    assert motions.previous_sentence_start(text, starts[1] + 1) == starts[1]
    assert motions.previous_sentence_start(text, starts[1]) == starts[0]
    assert motions.previous_sentence_start(text, starts[0]) == 0


def test_paragraphs() -> None:
    first_end = TEXT.index("\n\n")
    second = TEXT.index("Second")
    assert motions.paragraph_end(TEXT, 5) == first_end
    assert motions.paragraph_end(TEXT, first_end) == TEXT.index("\n\nEnd")
    assert motions.paragraph_end(TEXT, TEXT.index("End")) == len(TEXT)
    assert motions.paragraph_start(TEXT, second + 4) == second
    assert motions.paragraph_start(TEXT, second) == 0
    assert motions.paragraph_start(TEXT, 3) == 0


def test_trim_drops_blank_edges() -> None:
    start = TEXT.index("three") - 1
    assert motions.trim(TEXT, start, start + 8) == (start + 1, start + 7)
    assert motions.trim(TEXT, 31, 33) == (33, 33)  # only blanks: empty


def test_find_all_ignores_case_unless_asked_and_spans_blanks() -> None:
    text = "Harbour walls. The harbour\nwall held; HARBOUR again."
    assert [text[s:e] for s, e in motions.find_all(text, "harbour")] == [
        "Harbour", "harbour", "HARBOUR"]
    assert motions.find_all(text, "Harbour") == [(0, 7)]  # a capital: case matters
    assert [text[s:e] for s, e in motions.find_all(text, "harbour wall")] == [
        "Harbour wall", "harbour\nwall"]
    assert motions.find_all(text, "   ") == [] and motions.find_all(text, "x(") == []
