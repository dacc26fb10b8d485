"""`newsreader import` and `newsreader pending` on the command line: a JSON report for
scripts, one line per failure, exit status 1 when anything failed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsreader.cli import main

from .test_import_formats import FORMATS_DIR

LEDGER = str(FORMATS_DIR / "lighthouse.html")


def _run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_report_of_an_annotation_import(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    assert _run(db, "add", LEDGER)[0] == 0
    code, out, _ = _run(db, "import", "hypothesis", str(FORMATS_DIR / "hypothesis.json"),
                        "--json")
    report = json.loads(out)
    assert code == 1  # one annotation has no address
    assert report["format"] == "hypothesis"
    assert [(r["status"], r["article_id"]) for r in report["results"]
            if r["status"] != "failed"] == [("merged", 1)]
    assert report["unmatched"] == [{"target": "https://example.com/another-article",
                                    "annotations": 1}]
    assert report["skipped"][0]["reason"] == "a reply to another annotation"
    assert report["highlights"]["moved"] == 1
    failed = [r for r in report["results"] if r["status"] == "failed"]
    assert [r["error"] for r in failed] == ["it has no uri"]


def test_text_report_names_each_failure_on_one_line(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    code, out, err = _run(db, "import", "wallabag", str(FORMATS_DIR / "wallabag.json"))
    assert code == 1
    assert "Traceback" not in out + err
    assert f"failed: {FORMATS_DIR / 'wallabag.json'} entry 3: it has no url\n" in err
    assert "Reading the Shipping Forecast" in out and "kept to fetch" in out
    assert "highlights: 3 added (1 exact, 0 moved, 1 fuzzy, 1 orphaned)" in err
    again = _run(db, "import", "wallabag", str(FORMATS_DIR / "wallabag.json"))
    assert "already in library" in again[1] and "already kept" in again[1]
    assert "3 already there" in again[2]


def test_a_file_of_another_format_fails_with_its_reason(tmp_path: Path) -> None:
    code, out, err = _run(tmp_path / "lib.db", "import", "omnivore",
                          str(FORMATS_DIR / "pocket.csv"))
    assert code == 1 and "Traceback" not in out + err
    assert "not a zip file" in err
    code, _, err = _run(tmp_path / "lib.db", "import", "pocket", str(tmp_path / "missing.csv"))
    assert code == 1 and f"failed: {tmp_path / 'missing.csv'}: no such file" in err


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _run(tmp_path / "lib.db", "import", "delicious", "x.html")
    assert code == 2 and "'delicious' is not one of" in err


def test_pending_lists_addresses_kept_to_fetch(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    assert _run(db, "import", "pocket", str(FORMATS_DIR / "pocket.csv"))[0] == 1
    waiting = json.loads(_run(db, "pending", "--json")[1])
    assert [(p["url"], p["tags"], p["archived"], p["origin"]) for p in waiting] == [
        ("https://example.org/tide-tables", ["sea", "almanac"], False, "pocket"),
        ("https://Example.org/harbour-lights/", [], True, "pocket")]
    code, out, err = _run(db, "pending")
    assert code == 0 and "https://example.org/tide-tables  The Tide Tables  [sea, almanac]" in out
    assert "2 address(es) waiting" in err
    # The articles list does not see them, and still works.
    assert json.loads(_run(db, "list", "--json")[1]) == []
    assert "No articles yet" in _run(db, "list")[2]


def test_pending_on_a_new_library(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    assert _run(db, "add", LEDGER)[0] == 0
    assert _run(db, "pending", "--json")[1].strip() == "[]"
