"""A vault exported, edited the ways Obsidian users edit it, and exported again, all
through the command line: every edit is kept, the library's changes arrive, no file is
duplicated. Everything is read back with PyYAML and markdown-it-py."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result
from markdown_it import MarkdownIt

from newsreader.cli import main

from .test_import_formats import FORMATS_DIR

PAGE = str(FORMATS_DIR / "lighthouse.html")
URL = "https://example.org/lighthouse-ledger"
FIRST = "kept goats on a rock"
SECOND = "the lamp was lit at dusk"
ABOVE = "My reading notes, written before the generated part.\n\n"
BELOW = "\n## What I think\n\n- It reads like a [[Sea stories]] diary.\n"
_END = re.compile(r"<!-- newsreader:end hash=[0-9a-f]{16} -->\n")


class Vault:
    """A library and a vault folder, driven through the command line."""

    def __init__(self, tmp_path: Path) -> None:
        self.db = str(tmp_path / "library.db")
        self.folder = tmp_path / "vault"
        self.runner = CliRunner()

    def run(self, *args: str) -> Result:
        """Run one command on the library; it must succeed."""
        result = self.runner.invoke(main, ["--db", self.db, *args])
        assert result.exit_code == 0, result.output
        return result

    def export(self) -> str:
        """Export every annotated article into the vault; the report's lines."""
        return self.run("export", "--out", str(self.folder)).output

    def files(self) -> list[Path]:
        """Every Markdown file in the vault, subfolders too."""
        return sorted(self.folder.rglob("*.md"))


def split(text: str) -> tuple[dict[str, Any], str]:
    """A file's front matter (read by PyYAML) and its body."""
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    front = yaml.safe_load(head)
    assert isinstance(front, dict)
    return front, body


def quotes(body: str) -> list[str]:
    """The text of every block quote (a callout is one) in the body, read by markdown-it."""
    found, depth = [], 0
    for token in MarkdownIt("commonmark").parse(body):
        if token.type == "blockquote_open":
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        elif token.type == "inline" and depth:
            found.append(token.content)
    return found


def test_a_vault_edited_in_obsidian_keeps_every_edit(tmp_path: Path) -> None:
    vault = Vault(tmp_path)
    vault.run("add", PAGE)
    vault.run("highlight", "1", "--quote", FIRST, "--note", "Goats on a bare rock!")
    vault.run("tag", "1", "sea", "coastal life")
    assert "written" in vault.export()
    [exported] = vault.files()
    front, body = split(exported.read_text(encoding="utf-8"))
    assert front["source"] == URL and front["aliases"] == [front["title"]]
    assert front["tags"] == ["coastal-life", "sea"] and front["highlights"] == 1
    uid = front["newsreader-id"]

    # Edited as Obsidian users do: the properties panel (which writes the YAML in its own
    # style: no quotes), new keys and tags, notes around the region, a rename, a move.
    front["tags"] += ["to-read", "project/lighthouses"]
    front |= {"status": "reading", "rating": 4, "cssclasses": ["wide"]}
    head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
    begin = body.index("<!-- newsreader:begin")
    edited = f"---\n{head}---\n{ABOVE}{body[begin:]}{BELOW}"
    moved = vault.folder / "Reading" / "Lighthouse keepers (my notes).md"
    moved.parent.mkdir()
    moved.write_text(edited, encoding="utf-8")
    exported.unlink()

    # Nothing changed in the library: the edited file is left exactly as it is.
    assert "written" not in vault.export()
    assert vault.files() == [moved] and moved.read_text(encoding="utf-8") == edited

    vault.run("highlight", "1", "--quote", SECOND, "--occurrence", "2", "--color", "green",
              "--note", "- the same words\n- forty-one winters apart")
    vault.run("tag", "1", "weather")
    vault.run("note", "1", "A ledger as a diary.")
    report = vault.export()

    assert vault.files() == [moved], report  # updated where it now is, not written anew
    text = moved.read_text(encoding="utf-8")
    front, body = split(text)
    assert front["newsreader-id"] == uid and front["highlights"] == 2
    assert (front["status"], front["rating"], front["cssclasses"]) == ("reading", 4, ["wide"])
    assert set(front["tags"]) == {"coastal-life", "sea", "weather", "to-read",
                                  "project/lighthouses"}
    assert len(front["tags"]) == len(set(front["tags"]))
    assert body.startswith(ABOVE) and body.endswith(BELOW)
    region = body[len(ABOVE):-len(BELOW)]
    assert region.startswith("<!-- newsreader:begin") and _END.search(region)
    quoted = "\n".join(quotes(region))
    assert FIRST in quoted and "Goats on a bare rock!" in quoted
    assert SECOND in quoted and "#highlight/green" in quoted
    assert "forty-one winters apart" in quoted
    assert "A ledger as a diary." in region
    assert quoted.index(SECOND) > quoted.index(FIRST)  # reading order: the last line
    tokens = MarkdownIt("commonmark").parse(BELOW)
    assert [t.type for t in tokens][:3] == ["heading_open", "inline", "heading_close"]

    # And once more with nothing new: no rewrite, still one file.
    assert "written" not in vault.export()
    assert vault.files() == [moved] and moved.read_text(encoding="utf-8") == text
