"""`newsreader feeds ...` and `newsreader fetch` on the command line, against a local
HTTP server: discovery, OPML in and out, quiet output for cron, exit status 1 on failure."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsreader.cli import main

from .feed_server import Server, serving


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serving() as state:
        yield state


def _run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def test_add_discovers_the_feed_a_page_names(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "lib.db"
    code, out, _ = _run(db, "feeds", "add", f"{server.base}/page.html")
    assert code == 0 and "Atom & Tide" in out
    _, listing, _ = _run(db, "feeds", "list", "--json")
    assert [feed["url"] for feed in json.loads(listing)] == [f"{server.base}/atom.xml"]


def test_add_counts_the_entries_to_fetch(tmp_path: Path, server: Server) -> None:
    code, out, _ = _run(tmp_path / "lib.db", "feeds", "add", f"{server.base}/rss1.xml")
    assert code == 0 and out.strip().endswith(", 1 entry to fetch")
    code, out, _ = _run(tmp_path / "lib.db", "feeds", "add", f"{server.base}/atom.xml")
    assert code == 0 and out.strip().endswith(", 2 entries to fetch")


def test_add_refuses_what_is_no_feed(tmp_path: Path, server: Server) -> None:
    code, _, err = _run(tmp_path / "lib.db", "feeds", "add", f"{server.base}/broken.xml")
    assert code == 1 and "cannot follow" in err and "not a feed" in err


def test_fetch_is_quiet_unless_something_fails(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "lib.db"
    for path in ("/rss1.xml", "/feed.json"):
        assert _run(db, "feeds", "add", server.base + path)[0] == 0
    code, out, err = _run(db, "fetch")
    assert (code, out, err) == (0, "", "")
    listed = {feed["title"]: feed for feed in json.loads(_run(db, "feeds", "list", "--json")[1])}
    assert listed["JSON Tide"]["unread"] == 2 and listed["RSS One"]["unread"] == 1
    assert listed["RSS One"]["last_result"] == "1 new"


def _one_good_feed_and_one_broken(tmp_path: Path, server: Server) -> Path:
    """A library following RSS One and "Loop", whose address redirects for ever."""
    db = tmp_path / "lib.db"
    assert _run(db, "feeds", "add", f"{server.base}/rss1.xml")[0] == 0
    opml = tmp_path / "subs.opml"
    opml.write_text(f'<opml version="2.0"><body><outline text="Loop" '
                    f'xmlUrl="{server.base}/loop"/></body></opml>')
    assert _run(db, "feeds", "import", str(opml))[0] == 0
    return db


def test_a_broken_feed_is_named_and_exits_1(tmp_path: Path, server: Server) -> None:
    db = _one_good_feed_and_one_broken(tmp_path, server)
    code, _, err = _run(db, "fetch")
    assert code == 1
    assert err.strip() == "failed: Loop: too many redirects (more than 5)"
    assert "1 unread" in _run(db, "feeds", "list")[1]


def test_fetch_json_says_what_each_feed_gave(tmp_path: Path, server: Server) -> None:
    db = _one_good_feed_and_one_broken(tmp_path, server)
    code, out, err = _run(db, "fetch", "--json")
    assert code == 1 and err == ""
    report = json.loads(out)
    feeds = {feed["name"]: feed for feed in report["feeds"]}
    assert report["added"] == 1 and report["pending"] == []
    assert (feeds["RSS One"]["status"], feeds["RSS One"]["added"]) == ("fetched", 1)
    assert feeds["Loop"]["status"] == "failed"
    assert feeds["Loop"]["error"] == "too many redirects (more than 5)"
    again = json.loads(_run(db, "fetch", "--json", "RSS One")[1])
    assert again["added"] == 0 and [feed["name"] for feed in again["feeds"]] == ["RSS One"]


def test_opml_import_and_export_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
        '<outline text="Folder"><outline text="Tom &amp; &quot;Jerry&quot; &lt;3" '
        'type="rss" xmlUrl="https://example.com/a?x=1&amp;y=2" htmlUrl="https://example.com/"/>'
        '</outline><outline text="No address"/>'
        '<outline text="B" xmlUrl="http://example.org/b.xml"/></body></opml>')
    code, _, err = _run(db, "feeds", "import", str(opml))
    assert code == 0 and "2 feed(s) added" in err
    assert "0 feed(s) added, 2 already" in _run(db, "feeds", "import", str(opml))[2]
    code, out, _ = _run(db, "feeds", "export")
    root = ElementTree.fromstring(out)
    assert root.get("version") == "2.0"
    outlines = {node.get("xmlUrl"): node for node in root.iter("outline")}
    assert set(outlines) == {"https://example.com/a?x=1&y=2", "http://example.org/b.xml"}
    first = outlines["https://example.com/a?x=1&y=2"]
    assert first.get("text") == 'Tom & "Jerry" <3'
    assert first.get("htmlUrl") == "https://example.com/"


def test_remove_by_title_keeps_the_rest(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    opml = tmp_path / "subs.opml"
    opml.write_text('<opml version="2.0"><body><outline text="A" xmlUrl="http://a.test/f"/>'
                    '<outline text="B" xmlUrl="http://b.test/f"/></body></opml>')
    _run(db, "feeds", "import", str(opml))
    assert _run(db, "feeds", "remove", "a")[0] == 0
    assert [feed["title"] for feed in json.loads(_run(db, "feeds", "list", "--json")[1])] == [
        "B"]
    code, _, err = _run(db, "feeds", "remove", "nothing")
    assert code == 1 and "no feed named nothing" in err


def test_add_later_keeps_urls_that_fetch_then_fetches(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "lib.db"
    url = f"{server.base}/later/one.html"
    code, out, _ = _run(db, "add", "--later", url, url + "#again")
    assert code == 0
    assert out.splitlines() == [f"kept to fetch  {url}", f"already kept   {url}#again"]
    assert [item["url"] for item in json.loads(_run(db, "pending", "--json")[1])] == [url]
    assert _run(db, "fetch")[0] == 0
    assert json.loads(_run(db, "pending", "--json")[1]) == []
    titles = [article["title"] for article in json.loads(_run(db, "list", "--json")[1])]
    assert titles == ["Page /later/one.html"]


def test_add_later_takes_only_web_addresses(tmp_path: Path) -> None:
    code, _, err = _run(tmp_path / "lib.db", "add", "--later", "notes.txt")
    assert code == 1 and "--later takes http(s) URLs" in err
