"""Write the hostile corpus in tests/data/hostile/: inputs that attack the command line.

Usage: python scripts/make_hostile_corpus.py

- ``pages/``: files for ``add`` (binary, empty, NUL bytes, a huge line and deep nesting
  gzipped so they stay small, unknown and lying charsets, BOMs, escape sequences and bidi
  overrides in titles and bodies, Rich markup, Markdown, YAML and export-marker
  injection, an entity bomb, javascript: links, lone surrogates, broken gzip).
- ``backups/``: files for ``restore``, each a valid backup (made here by the real program)
  with one thing wrong: binary, not UTF-8, not JSON, numbers past SQLite's range, 1e400,
  NaN, wrong types, negative offsets, dangling references, unknown tables and columns,
  escape codes in titles and notes, deep nesting; feeds that are not http(s) and feed
  entries naming no feed or article.
- ``strings.json``: notes, tags, quotes, search queries, file names and URLs with escape
  codes, newlines, front matter and Markdown structure (``long:N`` stands for N characters,
  made at run time).

Everything is deterministic except the valid backup's timestamps and uids. The files are
small: the corpus is kept in the repository; ``scripts/fuzz_cli.py`` mutates it.
"""

from __future__ import annotations

import gzip
import json
import random
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from newsreader.cli import main as cli
from newsreader.storage import Library

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "hostile"

ESC = {
    "osc52": "\x1b]52;c;ZXZpbCBjbGlwYm9hcmQ=\x07",
    "title": "\x1b]0;pwned\x07",
    "clear": "\x1b[2J\x1b[H",
    "red": "\x1b[31m",
    "dcs": "\x1bP+q544e\x1b\\",
    "c1csi": "\x9b31m",
    "c1osc": "\x9d0;c1 title\x9c",
    "rlo": "\u202e",
    "isolate": "\u2067",
    "bell": "\x07",
    "backspace": "\x08\x08\x08",
    "cr": "\rOVERWRITTEN",
}
ALL_ESC = "".join(ESC.values())
BODY = ("<p>The harbour council voted on Tuesday to build a tidal barrier across the estuary "
        "mouth, after three floods in ten years.</p><p>Residents said the plan was long "
        "overdue and asked when work would start on the northern wall.</p>")


def _html(title: str, body: str = BODY, head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{body}</article></body></html>").encode("utf-8", "surrogatepass")


def pages() -> dict[str, bytes]:
    """Every page of the corpus, by file name."""
    rng = random.Random(16)
    deep = "<div>" * 60_000 + "<p>deep text in the middle</p>" + "</div>" * 60_000
    return {
        "empty.html": b"",
        "whitespace.txt": b" \n\t\r\n   \n",
        "binary.html": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(600)),
        "nul-bytes.txt": b"Title\x00 with NULs\n\n" + b"body\x00text " * 80,
        "nul-in-title.html": _html("Nul\x00 title", BODY.replace("voted", "vo\x00ted")),
        "huge-line.txt.gz": gzip.compress(b"Huge line\n\n" + b"word " * 600_000, 9, mtime=0),
        "deeply-nested.html.gz": gzip.compress(f"<html><body>{deep}</body></html>".encode(), 9,
                                               mtime=0),
        "not-gzip.html.gz": b"<html><body><p>not compressed at all</p></body></html>",
        "truncated.html.gz": gzip.compress(_html("Truncated gzip"), mtime=0)[:40],
        "charset-unknown.html": _html("Unknown charset", head='<meta charset="x-no-such-9">'),
        "charset-lies.html": _html("Declares Shift_JIS, is UTF-8: café", head=(
            '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">')),
        "charset-utf16-declared.html": _html("Says UTF-16, is not",
                                             head='<meta charset="utf-16">'),
        "charset-invalid-utf8.txt": b"Caf\xe9 \xff\xfe title\n\nSome \x81\x8d\x9b31m body.",
        "bom-utf8.html": b"\xef\xbb\xbf" + _html("UTF-8 BOM title"),
        "bom-utf16le.txt": "\ufeffUTF-16 title\n\nA body in UTF-16.".encode("utf-16-le"),
        "bom-utf16-odd.txt": b"\xff\xfeT\x00i\x00t\x00",  # odd length after the BOM
        "bom-only.txt": b"\xef\xbb\xbf",
        "bom-then-binary.txt": b"\xef\xbb\xbf\x00\x01\x02\x03\xff\xfe\xfd" * 20,
        "escapes-title.html": _html(f"Esc {ALL_ESC} title"),
        "escapes-body.txt": (f"Plain title\n\nA dek {ESC['clear']}here\n\n"
                             f"Body {ALL_ESC} text with controls.").encode(),
        "escapes-entities.html": _html("Entities &#27;[31m &#x9b;31m &#x202e; &#0; &#7;",
                                       "<p>body &#x1b;]52;c;ZXZpbA==&#7; &#xD800; "
                                       "&#x110000; &#128; text of the page</p>"),
        "c1-cp1252.txt": b"Title \x9b31m\n\n\x9d0;evil\x9c body in cp1252 \x80\x85\x9f.",
        "bidi-title.md": f"# Invoice {ESC['rlo']}fdp.exe{ESC['isolate']}\n\nBody text.".encode(),
        "rich-markup.html": _html("[@click=app.quit]Quit[/] [bold red]x[/]",
                                  "<p>[link=file:///etc/passwd]a link[/link] [/] "
                                  "[on red]markup[/] in the body of the article.</p>"),
        "markdown-injection.html": _html(
            "# Heading\n---\ntitle: evil\n[x](javascript:alert(1)) ^hl-00000000",
            "<p>&lt;!-- newsreader:begin --&gt; <!-- newsreader:end --> "
            "<a href='javascript:alert(1)'>js</a> <a href='data:text/html,x'>data</a> "
            "[link](javascript:x) ![img](http://127.0.0.1:9/x) | table | row |</p>"),
        "yaml-injection.md": (b"---\ntitle: !!python/object/apply:os.system ['true']\n"
                              b"tags: [a, b\n---\n# \"title\": 'x' #: | > & * ! %\n\n"
                              b"key: value\n---\nbody: \"quoted\""),
        "front-matter-only.md": b"---\ntitle: only front matter\n---\n",
        "entity-bomb.xhtml": (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
            b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
            b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&lol4; &xxe;</p></body></html>'),
        "long-title.html": _html("Long " + "title " * 800),
        "only-script.html": b"<html><body><script>alert(1)</script><style>p{}</style></body>"
                            b"</html>",
        "surrogates.txt": "Lone \ud800 surrogate\n\nbody \udfff text".encode(
            "utf-8", "surrogatepass"),
        "overlong-utf8.txt": b"Overlong \xc0\xaf \xe0\x80\xaf slash\n\nbody \xed\xa0\x80 text",
        "wide.txt": ("東京の記事 👩‍💻\n\n" + "長い" * 2000 + "\n\n" + "e\u0301" * 500).encode(),
        "many-links.html": _html("Many links", "<p>" + " ".join(
            f"<a href='https://example.org/{n}'>l{n}</a>" for n in range(300)) + "</p>"),
        "crlf-controls.txt": b"Title\r\r\n\r\nBody\x0bwith\x0cvertical\x1ctabs\x7fand DEL.",
    }


def _valid_backup(work: Path) -> list[dict[str, Any]]:
    page = work / "page.html"
    page.write_bytes(_html("A valid backup's article"))
    db = str(work / "lib.db")
    runner = CliRunner()
    for args in (["add", str(page)],
                 ["highlight", "1", "--quote", "tidal barrier", "--note", "a note"],
                 ["note", "1", "an article note"], ["tag", "1", "news", "harbour"]):
        result = runner.invoke(cli, ["--db", db, *args])
        assert result.exit_code == 0, result.output
    with Library(Path(db)) as library:  # a feed followed, without the network
        feed, _ = library.feeds.add("https://feeds.example/harbour.xml", title="Harbour news")
        library.feeds.mark_seen(feed.id, [("harbour-1", 1), ("harbour-2", None)])
    result = runner.invoke(cli, ["--db", db, "export", "--format", "json", "--out", "-"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _lines(records: list[Any]) -> bytes:
    # Infinity is how json writes a float past range; 1e400 is how another program might.
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return text.replace("Infinity", "1e400").encode("utf-8", "surrogatepass")


def _edit(records: list[dict[str, Any]], path: str, value: Any) -> bytes:
    """The backup with the value at ``path`` (``line.key.index...``) replaced."""
    copy = json.loads(json.dumps(records))
    *parents, last = path.split(".")
    target: Any = copy
    for step in parents:
        target = target[int(step)] if isinstance(target, list) else target[step]
    if isinstance(target, list):
        target[int(last)] = value
    elif value is _DROP:
        del target[last]
    else:
        target[last] = value
    return _lines(copy)


_DROP = object()


def backups(valid: list[dict[str, Any]]) -> dict[str, bytes]:
    """Every backup of the corpus, by file name."""
    article = next(n for n, r in enumerate(valid) if "article" in r)
    a, rev, hl = f"{article}.article", f"{article}.revisions.0", f"{article}.highlights.0"
    note = f"{article}.notes.0"
    feed = next(n for n, r in enumerate(valid) if r.get("table") == "feeds")
    entry = next(n for n, r in enumerate(valid) if r.get("table") == "feed_entries")
    f, e = f"{feed}.row", f"{entry}.row"
    edits: dict[str, tuple[str, Any]] = {
        "id-past-int64": (f"{a}.id", 2**63),
        "id-negative-huge": (f"{a}.id", -(2**80)),
        "offset-huge": (f"{hl}.start", 10**30),
        "float-1e400": (f"{a}.reading_position", 1e400),
        "schema-text": ("0.schema", "two"),
        "schema-list": ("0.schema", [1]),
        "schema-huge": ("0.schema", 10**40),
        "version-text": ("0.version", "1"),
        "title-list": (f"{a}.title", ["a", "b"]),
        "title-object": (f"{a}.title", {"$base64": "AAAA"}),
        "title-escapes": (f"{a}.title", f"Restored {ALL_ESC} title"),
        "title-huge": (f"{a}.title", "T" * 20_000),
        "note-escapes": (f"{note}.body", f"note {ALL_ESC}\n---\ntitle: x\n# heading"),
        "tag-escapes": ("1.row.name", f"tag{ESC['osc52']}{ESC['rlo']}"),
        "text-number": (f"{rev}.text", 12345),
        "text-null": (f"{rev}.text", None),
        "structure-not-json": (f"{rev}.structure", "{not json"),
        "structure-missing-keys": (f"{rev}.structure", "{}"),
        "structure-wrong-types": (f"{rev}.structure", '{"title": 5, "blocks": "x"}'),
        "original-bad-base64": (f"{rev}.original", {"$base64": "!!not base64!!"}),
        "offsets-negative": (f"{hl}.start", -5),
        "offsets-reversed": (f"{hl}.end", 0),
        "count-unknown": (f"{a}.highlight_count", 99),
        "count-text": (f"{a}.highlight_count", "many"),
        "current-revision-dangling": (f"{a}.current_revision_id", 999),
        "note-dangling-highlight": (f"{note}.highlight_id", 999),
        "revision-wrong-article": (f"{rev}.article_id", 999),
        "unknown-column": (f"{a}.evil", 1),
        "missing-column": (f"{a}.uid", _DROP),
        "bool-as-flag": (f"{a}.read", True),
        "color-unknown": (f"{hl}.color", "\x1b[31mred"),
        "source-escapes": (f"{a}.source", f"/tmp/{ESC['clear']}page.html"),
        "url-javascript": (f"{a}.url", "javascript:alert(1)"),
        "uid-duplicate-shape": (f"{a}.uid", ""),
        "feed-url-file": (f"{f}.url", "file:///etc/passwd"),
        "feed-url-number": (f"{f}.url", 7),
        "feed-title-escapes": (f"{f}.title", f"Feed {ALL_ESC} title"),
        "feed-failed-bool": (f"{f}.failed", True),
        "feed-unknown-column": (f"{f}.evil", 1),
        "feed-entry-dangling-feed": (f"{e}.feed_id", 999),
        "feed-entry-dangling-article": (f"{e}.article_id", 999),
        "feed-entry-key-list": (f"{e}.key", ["a"]),
        "feed-entry-missing-seen": (f"{e}.seen_at", _DROP),
    }
    out = {f"{name}.jsonl": _edit(valid, path, value) for name, (path, value) in edits.items()}
    good = _lines(valid)
    rng = random.Random(9)
    out |= {
        "valid.jsonl": good,
        "empty.jsonl": b"",
        "header-only.jsonl": _lines(valid[:1]),
        "not-a-backup.jsonl": b'{"format": "something-else", "version": 1}\n',
        "binary.jsonl": bytes(rng.randrange(256) for _ in range(400)),
        "not-utf8.jsonl": good.replace(b"A valid", b"A \xff\xfe valid"),
        "bom.jsonl": b"\xef\xbb\xbf" + good,
        "crlf.jsonl": good.replace(b"\n", b"\r\n"),
        "line-is-list.jsonl": _lines([valid[0], [1, 2, 3], *valid[1:]]),
        "line-is-number.jsonl": _lines([valid[0], 1e400]),
        "line-not-json.jsonl": _lines(valid[:2]) + b"{broken\n" + _lines(valid[2:]),
        "nan.jsonl": good.replace(b'"reading_position":0', b'"reading_position":NaN')
                         .replace(b'"reading_position": 0', b'"reading_position": NaN'),
        "deep-nesting.jsonl": _lines(valid[:1]) + b"[" * 5_000 + b"]" * 5_000 + b"\n",
        "duplicate-article.jsonl": good + _lines([valid[article]]),
        "duplicate-feed-entry.jsonl": good + _lines([valid[entry]]),
        "unknown-kind.jsonl": _lines([*valid, {"what": "is this"}]),
        "unknown-table.jsonl": _lines([*valid, {"table": 'x"; DROP TABLE articles; --',
                                                 "row": {"a": 1}}]),
        "fts-table.jsonl": _lines([*valid, {"table": "articles_fts", "row": {"title": "x"}}]),
        "sqlite-master.jsonl": _lines([*valid, {"table": "sqlite_master",
                                                 "row": {"type": "table"}}]),
        "surrogate-title.jsonl": _edit(valid, f"{a}.title", "lone \ud800 surrogate"),
        "surrogate-escaped.jsonl": _edit(valid, f"{a}.title", "lone SURROGATE").replace(
            b"SURROGATE", b"\\ud800"),
        "truncated.jsonl": good[: len(good) // 2],
    }
    return out


STRINGS: dict[str, list[str]] = {
    "texts": [
        "", " ", "\n", "plain note", f"note {ALL_ESC} end", ESC["osc52"], ESC["rlo"] + "evil",
        "line one\nline two\r\nline three\rfour", "---\ntitle: injected\ntags: [x]\n---",
        "# Heading\n\n> quote\n\n- [ ] task\n\n<!-- newsreader:end -->\n^hl-deadbeef",
        "[@click=app.quit]quit[/] [bold]x[/bold] [/]", "<script>alert(1)</script>",
        "[x](javascript:alert(1))", "{{template}} ${HOME} $(rm -rf /) `id`", "\x00nul\x00",
        "\t\ttabs\t", "-", "--json", "--help", "東京 👩‍💻 e\u0301", "\ufeffbom", "\ud800",
        "\udcff\udcfe from bad argv bytes", "\u2028line\u2029para\x85nel", "long:5000",
        "long:200000",
    ],
    "tags": [
        "news", "a/b", "tag with spaces", "UPPER", "upper", " padded ", ",", "a,b", "#hash",
        "tag:x", "is:archived", "\x1b[2Jclear", ESC["rlo"] + "gat", "new\nline", "", "long:300",
        "\"quoted\"", "'single'", "*", "ñ", "n\u0303", "-x", "--remove",
    ],
    "queries": [
        "harbour", "\"harbour council", "\"\"", "*", "a*", "-", "NOT", "AND OR", "NEAR(a b)",
        "tag:", "tag:\x1b[31m", "site:", "is:", "is:bogus", "has:", ":", "(", ")", "^x", "x:y",
        "title:harbour", "\x00", ESC["osc52"], "long:3000", "\"a\" \"b\" c* d", "'", "%",
        "\\", "{a b}", "col:\"x\"", "tidal barrier", "e\u0301",
    ],
    "quotes": [
        "tidal barrier", "harbour", "the", "council voted", "\n\n", " ", "", "long:2000",
        ESC["red"], "Residents said the plan was long overdue", "ESTUARY", "e\u0301",
    ],
    "file_names": [
        "plain.html", f"{ESC['clear']}cleared.html", f"osc{ESC['osc52']}.txt",
        f"invoice{ESC['rlo']}lmth.txt", "new\nline.md", "-dash.html", "--json.html",
        " space .txt", "[@click=app.quit].html", "東京.md", "\udcffbad-bytes.txt",
        "x" * 240 + ".html", "semi;colon$(id).txt",
    ],
    "urls": [
        "http://127.0.0.1:9/page", "https://127.0.0.1:9/", "http://[::1]:9/x",
        "javascript:alert(1)", "file:///etc/passwd", "data:text/html,<p>x</p>", "ftp://x/",
        "http://", "http://[::1", "http://127.0.0.1:99999/", "http://127.0.0.1:9/\x1b[2J",
        "http://127.0.0.1:9/\u202e", "HTTP://127.0.0.1:9/", "http:/127.0.0.1",
    ],
    "ids": ["1", "2", "0", "-1", "999999", "9223372036854775808", "1e3", "x", "", "1 2",
            "99999999999999999999999999"],
}


def main() -> None:
    """Write the corpus."""
    for folder in ("pages", "backups"):
        (OUT / folder).mkdir(parents=True, exist_ok=True)
        for old in (OUT / folder).iterdir():
            old.unlink()
    for name, data in pages().items():
        (OUT / "pages" / name).write_bytes(data)
    with tempfile.TemporaryDirectory() as work:
        valid = _valid_backup(Path(work))
    for name, data in backups(valid).items():
        (OUT / "backups" / name).write_bytes(data)
    text = json.dumps(STRINGS, ensure_ascii=True, indent=1)
    (OUT / "strings.json").write_text(text + "\n", encoding="ascii")
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"wrote {len(list(OUT.rglob('*.*')))} files, {size // 1024} KiB, to {OUT}")


if __name__ == "__main__":
    main()
