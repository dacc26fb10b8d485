"""Markdown export (issue 6): one file per article that people can live with."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newsreader.cli import main
from newsreader.domain.models import Article, Block, Caption, Link
from newsreader.exporting import ExportReport, export_markdown
from newsreader.exporting.escaping import escape_block, yaml_quote
from newsreader.exporting.filenames import file_name, slugify
from newsreader.exporting.vault import BEGIN
from newsreader.storage import Library, Original

HOSTILE_TITLES = [
    'Why: "Quotes" & colons: everywhere',
    "AC/DC \\ back/slash ../../etc/passwd",
    "Rocket 🚀 launch 🎉",
    "--- looks like front matter ---",
    "# not a heading",
    "CON",
    "...",
    "'single' quotes, a #hash and key: value",
    "Ελληνικά και 日本語の記事",
    "Café résumé naïve",
    'Reserved <>:"/\\|?* characters',
    "x" * 400,
    "\u2028line\u0085separators\ufeff and NEL",
]
PARAGRAPHS = (
    "The first paragraph sets the scene for the reader.",
    "The second paragraph holds the quote we will highlight today.",
    "The third paragraph closes the story.",
)


def add_article(library: Library, title: str = "A story", *,
                paragraphs: tuple[str, ...] = PARAGRAPHS, source: str | None = None,
                url: str | None = "https://example.com/story", **extra: Any) -> int:
    """Save an article built in code; returns its id."""
    article = Article(title=title, blocks=tuple(Block("paragraph", p) for p in paragraphs),
                      url=url, **extra)
    source = source or f"/articles/{abs(hash((title, paragraphs)))}.txt"
    data = "\n".join((title, *paragraphs)).encode()
    outcome = library.articles.add(article, Original(data, source, "file", "text"),
                                   cleaner_version="test")
    return int(outcome.article_id)


def highlight(library: Library, article_id: int, quote: str, **kwargs: str):  # type: ignore[no-untyped-def]
    """Highlight the first occurrence of ``quote``."""
    text = library.articles.get(article_id).article.text
    start = text.index(quote)
    return library.annotations.add_highlight(article_id, start, start + len(quote), **kwargs)


def tag(library: Library, article_id: int, *names: str) -> None:
    """Tag an article (through SQL, so these tests need no tag API)."""
    for name in names:
        library.db.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", [name])
        library.db.execute("INSERT INTO article_tags (article_id, tag_id) SELECT ?, id FROM tags "
                           "WHERE name = ?", [article_id, name])


def front(path: Path) -> dict[str, object]:
    """The front matter of an export file, read by a real YAML parser."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    loaded = yaml.safe_load(text.split("\n---\n", 1)[0][4:])
    assert isinstance(loaded, dict)
    return loaded


def region(path: Path) -> str:
    """The text between the markers."""
    text = path.read_text(encoding="utf-8")
    return text.split(BEGIN + "\n", 1)[1].split("<!-- newsreader:end", 1)[0]


def only_file(out: Path) -> Path:
    """The one Markdown file under ``out``."""
    files = list(out.rglob("*.md"))
    assert len(files) == 1, files
    return files[0]


# -- which articles, which files ----------------------------------------------------------------

def test_one_file_per_article_with_highlights_or_notes(library: Library, tmp_path: Path) -> None:
    first = add_article(library, "First")
    second = add_article(library, "Second")
    add_article(library, "Not annotated")
    highlight(library, first, "sets the scene")
    library.annotations.add_article_note(second, "only an article note")
    report = export_markdown(library, None, tmp_path / "out")
    assert [r.status for r in report.results] == ["written", "written"]
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "out").iterdir()) == [
        "first", "second"]
    assert report.summary().startswith("2 written")


def test_a_named_article_without_annotations_is_skipped_unless_with_article(
        library: Library, tmp_path: Path) -> None:
    plain = add_article(library, "Plain")
    assert export_markdown(library, [plain], tmp_path).results[0].status == "skipped"
    assert not list(tmp_path.glob("*.md"))
    assert export_markdown(library, [plain], tmp_path, with_article=True).results[0].status == (
        "written")


def test_an_article_whose_last_highlight_went_is_updated_by_export_all(
        library: Library, tmp_path: Path) -> None:
    article_id = add_article(library)
    made = highlight(library, article_id, "sets the scene")
    export_markdown(library, None, tmp_path)
    library.annotations.delete_highlight(made.id)
    report = export_markdown(library, None, tmp_path)
    assert [r.status for r in report.results] == ["written"]
    assert front(only_file(tmp_path))["highlights"] == 0
    assert "sets the scene" not in region(only_file(tmp_path))


# -- front matter -----------------------------------------------------------------------------

@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_front_matter_is_valid_yaml_whatever_the_title(
        library: Library, tmp_path: Path, title: str) -> None:
    article_id = add_article(library, title, byline='Jane "JD" Doe: reporter',
                             site="Site: the #1", published="2024-05-01")
    highlight(library, article_id, "sets the scene")
    tag(library, article_id, "politics: world", "🚀 space", "- dash")
    report = export_markdown(library, None, tmp_path)
    path: Path | None = report.results[0].path
    assert path is not None
    assert front(path) == {
        "title": title, "source": "https://example.com/story",
        "author": 'Jane "JD" Doe: reporter', "published": "2024-05-01",
        "created": library.articles.get(article_id).saved[:10],
        "tags": ["dash", "politics-world", "space"], "aliases": [title],
        "newsreader-id": library.articles.uid(article_id), "highlights": 1,
    }


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_yaml_quote_always_parses_back_to_the_same_string(value: str) -> None:
    assert yaml.safe_load(f"key: {yaml_quote(value)}") == {"key": value}


# -- the generated region ---------------------------------------------------------------------

def test_region_layout_reading_order_colours_ids_notes_orphans_captions_links(
        library: Library, tmp_path: Path) -> None:
    source = "/articles/changing.txt"
    article_id = add_article(
        library, "Layout", source=source, byline="A. Writer", site="Example",
        captions=(Caption("A trader on the floor.", "Reuters"),),
        links=(Link("Why bonds fell", "https://example.com/bonds", "related", "Read also"),))
    late = highlight(library, article_id, "closes the story", color="blue", note="last, blue")
    early = highlight(library, article_id, "sets the scene", note="first\n\nsecond paragraph")
    doomed = highlight(library, article_id, "quote we will highlight")
    library.annotations.add_article_note(article_id, "about the whole piece")
    changed = (PARAGRAPHS[0], "An entirely different middle paragraph now.", PARAGRAPHS[2])
    add_article(library, "Layout", paragraphs=changed, source=source, byline="A. Writer",
                site="Example", captions=(Caption("A trader on the floor.", "Reuters"),),
                links=(Link("Why bonds fell", "https://example.com/bonds", "related",
                            "Read also"),))
    assert library.annotations.get_highlight(doomed.id).status == "orphan"

    path = export_markdown(library, None, tmp_path).results[0].path
    assert path is not None
    ids = {h.id: f"hl-{h.uid[:8]}" for h in (late, early, doomed)}
    when = {h.id: h.created[:16].replace("T", " ") for h in (late, early, doomed)}
    [note] = library.annotations.article_notes(article_id)
    uid = library.articles.uid(article_id)
    link = "https://example.com/story#:~:text="

    def command(h: Any) -> str:
        return f"`newsreader open --highlight {ids[h.id]} {uid}`"

    assert region(path) == "\n".join([
        "# Layout",
        "",
        "Source: [Example](<https://example.com/story>) · by A. Writer",
        "",
        "## Notes",
        "",
        f"> [!note] Note · {note.created[:16].replace('T', ' ')}",
        "> about the whole piece",
        "",
        "## Highlights",
        "",
        f"> [!quote] {when[early.id]} · #highlight/yellow",
        "> sets the scene",
        ">",
        "> first",
        ">",
        "> second paragraph",
        ">",
        f"> [Open in the page](<{link}The%20first%20paragraph-,sets%20the%20scene,"
        f"-for%20the%20reader.>) · {command(early)}",
        "",
        f"^{ids[early.id]}",
        "",
        f"> [!quote] {when[late.id]} · #highlight/blue",
        "> closes the story",
        ">",
        "> last, blue",
        ">",
        f"> [Open in the page](<{link}The%20third%20paragraph-,closes%20the%20story,-.>) · "
        f"{command(late)}",
        "",
        f"^{ids[late.id]}",
        "",
        "## Orphaned highlights",
        "",
        "*These passages are no longer in the article's current text.*",
        "",
        f"> [!quote] {when[doomed.id]} · #highlight/yellow · orphaned",
        "> quote we will highlight",
        "",
        f"^{ids[doomed.id]}",
        "",
        "## Captions",
        "",
        "- A trader on the floor. (Reuters)",
        "",
        "## Links",
        "",
        "- Read also: [Why bonds fell](<https://example.com/bonds>)",
        "",
    ])


def test_with_article_adds_the_rendition_after_the_notes(library: Library,
                                                          tmp_path: Path) -> None:
    article_id = add_article(library)
    highlight(library, article_id, "sets the scene", note="my note")
    path = export_markdown(library, None, tmp_path, with_article=True).results[0].path
    assert path is not None
    text = region(path)
    [made] = library.annotations.highlights(article_id)
    assert ("## Article\n\nThe first paragraph ==sets the scene== for the reader. "
            f"^hl-{made.uid[:8]}-text\n\n{PARAGRAPHS[1]}") in text
    assert text.index("my note") < text.index("## Article")


def test_block_ids_are_unique_and_stable(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library)
    first = highlight(library, article_id, "sets the scene")
    library.db.execute("UPDATE highlights SET uid = ? WHERE id = ?", ["abcdef12" + "0" * 24,
                                                                       first.id])
    second = highlight(library, article_id, "closes the story")
    library.db.execute("UPDATE highlights SET uid = ? WHERE id = ?", ["abcdef12" + "1" * 24,
                                                                       second.id])
    path = export_markdown(library, None, tmp_path).results[0].path
    assert path is not None
    ids = re.findall(r"^\^(hl-[0-9a-f]+)$", region(path), flags=re.M)
    assert ids == ["hl-abcdef12", "hl-abcdef121"]


# -- re-export --------------------------------------------------------------------------------

def test_reexport_with_nothing_changed_is_byte_identical_and_not_rewritten(
        library: Library, tmp_path: Path) -> None:
    for title in HOSTILE_TITLES[:4]:
        highlight(library, add_article(library, title), "sets the scene", color="green")
    export_markdown(library, None, tmp_path, with_article=True)
    before = {p: p.read_bytes() for p in tmp_path.glob("*.md")}
    for path in before:
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    report = export_markdown(library, None, tmp_path, with_article=True)
    assert {r.status for r in report.results} == {"unchanged"}
    assert {p: p.read_bytes() for p in tmp_path.glob("*.md")} == before
    assert all(p.stat().st_mtime_ns == 1_000_000_000 for p in before)


def test_user_text_and_foreign_keys_survive_reexport(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library)
    highlight(library, article_id, "sets the scene")
    path = only_file_after(export_markdown(library, None, tmp_path))
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    head = head.replace('title: "A story"\n', 'title: "A story"\nmine: [1, 2]\nrating: 5\n'
                        '# a comment of mine\n')
    head += "\naliases:\n  - story\nstatus: reading"
    body = "\nMy thoughts before the export.\n" + body + "\n## My own section\n\nKeep me.\n"
    path.write_text(head + "\n---\n" + body, encoding="utf-8")

    highlight(library, article_id, "closes the story", note="new")
    assert export_markdown(library, None, tmp_path).results[0].status == "written"
    after = path.read_text(encoding="utf-8")
    assert "My thoughts before the export.\n" in after
    assert after.endswith("\n## My own section\n\nKeep me.\n")
    assert "closes the story" in region(path)
    data = front(path)
    assert data["highlights"] == 2 and data["mine"] == [1, 2] and data["status"] == "reading"
    assert list(data) == ["title", "mine", "rating", "source", "created", "tags", "aliases",
                          "newsreader-id", "highlights", "status"]
    assert data["aliases"] == ["A story", "story"]
    assert "# a comment of mine\n" in after
    assert export_markdown(library, None, tmp_path).results[0].status == "unchanged"


def only_file_after(report: ExportReport) -> Path:
    """The path of the single result of an export."""
    assert len(report.results) == 1
    path: Path | None = report.results[0].path
    assert path is not None
    return path


def test_a_renamed_or_moved_file_is_found_by_its_id(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library)
    highlight(library, article_id, "sets the scene")
    path = only_file_after(export_markdown(library, None, tmp_path))
    moved = tmp_path / "reading" / "2024" / "My favourite story.md"
    moved.parent.mkdir(parents=True)
    shutil.move(path, moved)
    highlight(library, article_id, "closes the story")
    for ids in (None, [article_id]):
        result = export_markdown(library, ids, tmp_path).results[0]
        assert result.path == moved
    assert only_file(tmp_path) == moved
    assert "closes the story" in region(moved)


def test_crlf_files_stay_crlf_and_unchanged(library: Library, tmp_path: Path) -> None:
    highlight(library, add_article(library), "sets the scene")
    path = only_file_after(export_markdown(library, None, tmp_path))
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert export_markdown(library, None, tmp_path).results[0].status == "unchanged"


def test_a_hand_edited_region_is_refused_unless_forced(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library)
    highlight(library, article_id, "sets the scene")
    path = only_file_after(export_markdown(library, None, tmp_path))
    edited = path.read_text(encoding="utf-8").replace("> sets the scene", "> sets the SCENE")
    path.write_text(edited + "\nafter the region\n", encoding="utf-8")
    highlight(library, article_id, "closes the story")
    result = export_markdown(library, None, tmp_path).results[0]
    assert result.status == "refused"
    assert result.reason is not None and "edited inside the generated region" in result.reason
    assert "--force" in result.reason
    assert path.read_text(encoding="utf-8") == edited + "\nafter the region\n"
    assert export_markdown(library, None, tmp_path, force=True).results[0].status == "written"
    text = path.read_text(encoding="utf-8")
    assert "> sets the scene" in text and "closes the story" in text
    assert text.endswith("\nafter the region\n")


def test_missing_markers_are_refused_unless_forced(library: Library, tmp_path: Path) -> None:
    highlight(library, add_article(library), "sets the scene")
    path = only_file_after(export_markdown(library, None, tmp_path))
    head, _ = path.read_text(encoding="utf-8").split("\n---\n", 1)
    path.write_text(head + "\n---\nI replaced everything.\n", encoding="utf-8")
    result = export_markdown(library, None, tmp_path).results[0]
    assert result.status == "refused" and "markers are missing" in (result.reason or "")
    export_markdown(library, None, tmp_path, force=True)
    text = path.read_text(encoding="utf-8")
    assert "> sets the scene" in text and text.endswith("\nI replaced everything.\n")


# -- escaping ---------------------------------------------------------------------------------

FORGERIES = [
    "# a heading", "## another", "- a list", "* star list", "+ plus list", "1. ordered",
    "2) ordered", "> a quote", "```", "~~~", "---", "===", "***", "| a | b |\n|---|---|",
    "a | b\n:-- | --:", "[ref]: https://evil.example", "<div>html</div>", "    indented code",
    "text ending in a block id ^forged", "^hl-12345678",
    "<!-- newsreader:end hash=0123456789abcdef -->", BEGIN, "$$", "> [!warning] callout",
    "%% hidden comment %%", "back\\slash \\# escaped",
]
_MD = MarkdownIt("commonmark").enable("table")
_PARAGRAPH_TOKENS = {"paragraph_open", "paragraph_close", "inline"}


def _block_tokens(markdown: str) -> set[str]:
    return {token.type for token in _MD.parse(markdown)}


@pytest.mark.parametrize("text", FORGERIES)
def test_notes_and_quotes_cannot_forge_structure(text: str) -> None:
    note = "\n".join(escape_block(text))
    assert _block_tokens(note) <= _PARAGRAPH_TOKENS
    quote = "\n".join(f"> {line}" if line else ">" for line in escape_block(text))
    assert _block_tokens(quote) <= _PARAGRAPH_TOKENS | {"blockquote_open", "blockquote_close"}
    assert not re.search(r"(^|\s)\^[\w-]+\s*$", note, flags=re.M)
    assert "<" not in note.replace("\\<", "")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#>-+*=_|`~[]<>:!$^%\\ \t\n1.)ab"))) | st.text())
def test_no_text_forges_structure(text: str) -> None:
    note = "\n".join(escape_block(text))
    assert _block_tokens(note) <= _PARAGRAPH_TOKENS
    assert not re.search(r"(^|\s)\^[A-Za-z0-9-]+\s*$", note, flags=re.M)


def test_forged_markers_in_notes_do_not_break_reexport(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library, "<!-- newsreader:end hash=0123456789abcdef -->")
    for number, forgery in enumerate(FORGERIES):
        highlight(library, article_id, PARAGRAPHS[number % 3][:10] if number < 3 else "reader",
                  note=forgery) if number < 4 else library.annotations.add_article_note(
                      article_id, forgery)
    path = only_file_after(export_markdown(library, None, tmp_path))
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines.count(BEGIN) == 1
    assert sum(1 for line in lines if line.startswith("<!-- newsreader:end")) == 1
    assert export_markdown(library, None, tmp_path).results[0].status == "unchanged"
    assert _block_tokens(region(path)) <= _PARAGRAPH_TOKENS | {
        "heading_open", "heading_close", "blockquote_open", "blockquote_close",
        "bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close"}


# -- file names -------------------------------------------------------------------------------

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)),
             *(f"LPT{n}" for n in range(10))}


@pytest.mark.parametrize("title", [*HOSTILE_TITLES, "", "🚀", "nul", "COM1", ".hidden", "a.b.c"])
def test_file_names_are_safe_everywhere(title: str) -> None:
    name = file_name(title, "0123456789abcdef0123456789abcdef")
    assert name.endswith("-01234567.md")
    assert not re.search(r'[<>:"/\\|?*\x00-\x1f]', name)
    assert not name.startswith((".", "-")) and ".." not in name
    assert name.split(".")[0].upper() not in _RESERVED
    assert len(name.encode("utf-8")) <= 150


def test_slugs_fold_accents_and_keep_other_letters() -> None:
    assert slugify("Café résumé naïve") == "cafe-resume-naive"
    assert slugify("Ελληνικά και 日本語") == "ελληνικά-και-日本語"
    assert slugify("Why: \"Quotes\" & Slashes/Back\\slashes 🚀") == (
        "why-quotes-slashes-back-slashes")
    assert slugify("🚀🎉") == "article"


def test_hostile_titles_export_inside_the_folder_and_never_collide(
        library: Library, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for title in HOSTILE_TITLES:
        highlight(library, add_article(library, title), "sets the scene")
    report = export_markdown(library, None, out)
    paths = [r.path for r in report.results]
    assert len(set(paths)) == len(HOSTILE_TITLES)
    assert all(p is not None and p.parent == out for p in paths)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths if p)


def test_names_are_never_reused_or_renamed(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library, "Original title")
    highlight(library, article_id, "sets the scene")
    path = only_file_after(export_markdown(library, None, tmp_path))
    add_article(library, "A new title", paragraphs=(*PARAGRAPHS, "More."),
                source=library.articles.get(article_id).source)
    assert only_file_after(export_markdown(library, None, tmp_path)) == path
    assert front(path)["title"] == "A new title"


# -- command line -----------------------------------------------------------------------------

def test_cli_export_to_a_folder_and_to_stdout(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        article_id = add_article(library, "CLI: story")
        highlight(library, article_id, "sets the scene", note="a note")
    runner = CliRunner()
    out = tmp_path / "notes"
    result = runner.invoke(main, ["--db", str(db), "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "written" in result.output and str(out) in result.output
    again = runner.invoke(main, ["--db", str(db), "export", "--out", str(out)])
    assert "unchanged" in again.output
    printed = runner.invoke(main, ["--db", str(db), "export", str(article_id), "--out", "-"])
    assert printed.exit_code == 0
    assert printed.stdout_bytes == only_file(out).read_bytes()


def test_cli_export_json_says_what_happened_to_each_file(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        first, second = add_article(library, "First"), add_article(library, "Second")
        highlight(library, first, "sets the scene")
        highlight(library, second, "closes the story")
    runner = CliRunner()
    args = ["--db", str(db), "export", "--out", str(tmp_path / "out"), "--json"]
    written = runner.invoke(main, args)
    assert written.exit_code == 0 and written.stderr == ""
    report = json.loads(written.stdout)
    assert report["format"] == "markdown" and report["same_id_as"] == []
    assert [(r["article_id"], r["title"], r["status"]) for r in report["results"]] == [
        (first, "First", "written"), (second, "Second", "written")]
    path = Path(report["results"][0]["path"])
    path.write_text(path.read_text().replace("sets the scene", "edited"))
    again = runner.invoke(main, args)
    statuses = {r["title"]: r for r in json.loads(again.stdout)["results"]}
    assert again.exit_code == 1
    assert statuses["First"]["status"] == "refused" and "--force" in statuses["First"]["reason"]
    assert statuses["Second"]["status"] == "unchanged"


@pytest.mark.parametrize("fmt", ["w3c", "json"])
def test_cli_export_json_of_one_document(tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        highlight(library, add_article(library), "sets the scene")
    runner = CliRunner()
    args = ["--db", str(db), "export", "--format", fmt, "--out", str(tmp_path), "--json"]
    first, second = (json.loads(runner.invoke(main, args).stdout) for _ in range(2))
    assert (first["status"], second["status"]) == ("written", "unchanged")
    assert Path(first["out"]).is_file() and first["left_out"] == []
    printing = runner.invoke(main, ["--db", str(db), "export", "--out", "-", "--json"])
    assert printing.exit_code == 2 and "--json" in printing.output


def test_cli_export_refuses_edited_files_with_status_1_and_force_overrides(
        tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as library:
        highlight(library, add_article(library), "sets the scene")
    runner = CliRunner()
    args = ["--db", str(db), "export", "--out", str(tmp_path / "out")]
    runner.invoke(main, args)
    path = only_file(tmp_path / "out")
    path.write_text(path.read_text().replace("sets the scene", "edited"))
    refused = runner.invoke(main, args)
    assert refused.exit_code == 1 and "--force" in refused.output
    assert runner.invoke(main, [*args, "--force"]).exit_code == 0
    assert "sets the scene" in path.read_text()


def test_cli_export_unknown_article_is_a_clear_error(tmp_path: Path) -> None:
    Library(tmp_path / "lib.db").close()
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "lib.db"), "export", "42",
                                       "--out", str(tmp_path)])
    assert result.exit_code == 1 and "no article with id 42" in result.output


def test_naming_an_article_twice_exports_it_once(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library)
    highlight(library, article_id, "sets the scene", note="trailing blanks   \n\tindented")
    report = export_markdown(library, [article_id, article_id], tmp_path)
    assert [r.status for r in report.results] == ["written"]
    assert not re.search(r"[ \t]$", only_file(tmp_path).read_text(), flags=re.M)


def test_cli_export_to_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    Library(tmp_path / "lib.db").close()
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "lib.db"), "export",
                                       "--out", str(blocker)])
    assert result.exit_code == 1 and "cannot write to" in result.output


def _link_targets(markdown: str) -> list[str]:
    """Every link and image address a CommonMark reader finds, unsafe schemes included."""
    md = MarkdownIt("commonmark")
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # see every link written
    found: list[str] = []
    stack = md.parse(markdown)
    while stack:
        token = stack.pop()
        stack.extend(token.children or [])
        if token.type in ("link_open", "image"):
            found.append(str(token.attrGet("href") or token.attrGet("src")))
    return found


def test_only_web_links_come_out_of_untrusted_text(library: Library, tmp_path: Path) -> None:
    evil = "[x](javascript:alert(1)) ![p](data:image/png;base64,AA) [f](file:///etc/passwd)"
    article_id = add_article(
        library, f"Title {evil}", paragraphs=(f"Body {evil} and [ok](https://example.org).",),
        byline=f"By {evil}", captions=(Caption(f"Caption {evil}", credit=evil),),
    )
    made = highlight(library, article_id, "Body")
    library.annotations.set_highlight_note(made.id, f"note {evil} [site](https://example.org)")
    library.annotations.add_article_note(article_id, "[y](\njavascript:alert(3))")
    report = export_markdown(library, [article_id], tmp_path, with_article=True)
    written = report.results[0].path
    assert written is not None
    text = written.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]  # front matter is YAML (quoted strings), not Markdown
    targets = _link_targets(body)
    assert all(t.startswith("https://") for t in targets), targets
    assert "https://example.org" in targets  # a note's own web link still works


# -- vault conventions (Obsidian Web Clipper property names) ----------------------------------

def test_front_matter_leaves_out_what_the_article_lacks(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library, "Bare", url=None)
    highlight(library, article_id, "sets the scene")
    text = only_file_after(export_markdown(library, None, tmp_path)).read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---\n")[1])
    assert None not in data.values()
    assert "null" not in text.split("---\n")[1]
    assert set(data) == {"title", "created", "tags", "aliases", "newsreader-id", "highlights"}


@pytest.mark.parametrize(("published", "expected"), [
    ("2026-02-27T17:45:00-08:00", "2026-02-27"),
    ("12 March 2026", "2026-03-12"),
    ("March 12, 2026", "2026-03-12"),
    ("2026-03-12", "2026-03-12"),
    ("last Tuesday", None),
])
def test_dates_come_out_in_one_form(library: Library, tmp_path: Path, published: str,
                                    expected: str | None) -> None:
    article_id = add_article(library, published=published)
    highlight(library, article_id, "sets the scene")
    data = front(only_file_after(export_markdown(library, None, tmp_path)))
    assert data.get("published") == expected
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(data["created"]))


def test_tags_become_valid_obsidian_tags(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library)
    highlight(library, article_id, "sets the scene")
    tag(library, article_id, "#politics", "world news", "Europe/ France", "2024", "!!!")
    data = front(only_file_after(export_markdown(library, None, tmp_path)))
    tags = data["tags"]
    assert isinstance(tags, list)
    assert sorted(tags) == sorted(["politics", "world-news", "Europe/France", "_2024"])
    for name in tags:
        assert re.fullmatch(r"[\w/-]*[^\W\d][\w/-]*", name) and not name.startswith("#")


def test_tags_and_aliases_added_in_the_vault_are_merged(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library)
    highlight(library, article_id, "sets the scene")
    tag(library, article_id, "politics")
    path = only_file_after(export_markdown(library, None, tmp_path))
    text = path.read_text(encoding="utf-8")
    text = text.replace('  - "politics"\n', '  - "politics"\n  - to-read\n')
    text = text.replace('aliases:\n  - "A story"\n', 'aliases:\n  - "A story"\n  - Harbour\n')
    path.write_text(text, encoding="utf-8")
    tag(library, article_id, "world")
    assert export_markdown(library, None, tmp_path).results[0].status == "written"
    data = front(path)
    assert data["tags"] == ["politics", "world", "to-read"]
    assert data["aliases"] == ["A story", "Harbour"]


def test_reformatting_our_keys_in_the_vault_causes_no_rewrite(
        library: Library, tmp_path: Path) -> None:
    article_id = add_article(library, published="2024-05-01")
    highlight(library, article_id, "sets the scene")
    tag(library, article_id, "politics", "world")
    path = only_file_after(export_markdown(library, None, tmp_path))
    text = path.read_text(encoding="utf-8")
    reformatted = (text.replace('title: "A story"', "title: A story")
                   .replace('published: "2024-05-01"', "published: 2024-05-01")
                   .replace('tags:\n  - "politics"\n  - "world"\n', "tags: [politics, world]\n"))
    assert reformatted != text
    path.write_text(reformatted, encoding="utf-8")
    assert export_markdown(library, None, tmp_path).results[0].status == "unchanged"
    assert path.read_text(encoding="utf-8") == reformatted


def test_keys_of_earlier_exports_are_renamed(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library)
    highlight(library, article_id, "sets the scene")
    path = only_file_after(export_markdown(library, None, tmp_path))
    text = path.read_text(encoding="utf-8")
    old = text.replace('source: "https://example.com/story"\n',
                       'site: null\nurl: "https://example.com/story"\nsaved: "2024"\n')
    path.write_text(old, encoding="utf-8")
    assert export_markdown(library, None, tmp_path).results[0].status == "written"
    assert path.read_text(encoding="utf-8") == text


def test_two_files_with_one_id_are_reported(library: Library, tmp_path: Path) -> None:
    article_id = add_article(library)
    highlight(library, article_id, "sets the scene")
    path = only_file_after(export_markdown(library, None, tmp_path))
    copy = tmp_path / "zz copy.md"
    copy.write_bytes(path.read_bytes())
    report = export_markdown(library, None, tmp_path)
    assert report.duplicates == [(copy, path)]
    assert "another's newsreader-id" in report.summary()
    result = CliRunner().invoke(main, ["--db", str(library.path), "export", "--out",
                                       str(tmp_path)])
    assert f"{copy} has the same newsreader-id as {path}" in result.output
