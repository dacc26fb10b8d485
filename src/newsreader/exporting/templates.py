"""The generated region of an export file, rendered by a Jinja2 template.

A template is the user's own (``export --template FILE``) or a built-in preset
(``presets/*.md.j2``: ``default``, ``readwise``, ``logseq``). The data is untrusted, the
template is trusted only as far as Jinja2's sandbox allows: it runs in a
``SandboxedEnvironment`` and sees plain values, every text already escaped so that no
title, quote or note can forge Markdown structure, a marker or a block id. The variables
are listed in the README ("Export templates").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from newsreader.domain.models import Highlight, Note
from newsreader.exporting.escaping import escape_block, escape_inline, escape_note, safe_url
from newsreader.exporting.highlight_links import open_command, stable_uuid, text_fragment_url
from newsreader.exporting.properties import obsidian_tags, plain_date

PRESETS = ("default", "readwise", "logseq")
_BLANK_RUNS = re.compile(r"\n{3,}")


class TemplateProblem(Exception):
    """A template that cannot be read or rendered; the message says where, for a person."""


@dataclass(frozen=True)
class RegionTemplate:
    """A loaded template, ready to render regions."""

    name: str
    source: str

    @cached_property
    def compiled(self) -> Template:
        """The template compiled, once for every article an export renders with it."""
        return _environment().from_string(self.source)

    def render(self, context: dict[str, Any]) -> str:
        """The region for one article: blank-line runs collapsed, ending in one newline."""
        try:
            text = self.compiled.render(context)
        except TemplateError as error:
            raise TemplateProblem(f"the template {self.name} failed: {error}") from None
        lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
        return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


@cache
def preset(name: str) -> RegionTemplate:
    """A built-in template by name (one of :data:`PRESETS`), read and compiled once."""
    if name not in PRESETS:
        raise TemplateProblem(f"no preset called {name!r}; the presets are {', '.join(PRESETS)}")
    source = (resources.files("newsreader.exporting") / "presets" / f"{name}.md.j2").read_text(
        encoding="utf-8")
    return RegionTemplate(f"preset {name}", source)


def template_file(path: Path) -> RegionTemplate:
    """A user's template file, checked to compile."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateProblem(f"cannot read the template {path}: {error}") from None
    try:
        _environment().parse(source)
    except TemplateError as error:
        line = getattr(error, "lineno", None)
        where = f"{path}, line {line}" if line else str(path)
        raise TemplateProblem(f"the template {where} is not valid Jinja: {error}") from None
    return RegionTemplate(str(path), source)


def _quoted(text: str) -> str:
    """Each line of ``text`` after ``> `` (a blank line as ``>``), to sit inside a callout."""
    return "\n".join(f"> {line}" if line.strip() else ">" for line in str(text).split("\n"))


def _environment() -> SandboxedEnvironment:
    environment = SandboxedEnvironment(
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False,
        keep_trailing_newline=True)
    environment.filters["quoted"] = _quoted
    return environment


# -- the variables a template sees ------------------------------------------------------------

def note_value(note: Note) -> dict[str, str]:
    """A note as a template sees it: its Markdown (escaped) and when it was written."""
    return {"text": "\n".join(escape_note(note.body)), "created": _when(note.created)}


def highlight_value(highlight: Highlight, *, block_id: str, url: str | None,
                    article_uid: str) -> dict[str, Any]:
    """A highlight as a template sees it."""
    page = safe_url(url)
    return {
        "quote": "\n".join(escape_block(highlight.exact)) or "…",
        "notes": [note_value(note) for note in highlight.notes if note.body.strip()],
        "colour": highlight.color,
        "created": _when(highlight.created),
        "date": plain_date(highlight.created) or "",
        "block_id": block_id,
        "uuid": str(stable_uuid("highlight", highlight.uid)),
        "link": text_fragment_url(page, highlight) if page else "",
        "command": open_command(article_uid, block_id),
        "orphan": highlight.start is None,
        "status": highlight.status,
    }


def article_value(*, title: str, url: str | None, author: str | None, site: str | None,
                  published: str | None, saved: str, description: str | None,
                  tags: tuple[str, ...], uid: str, source_line: str) -> dict[str, Any]:
    """The article's fields as a template sees them (absent ones are empty)."""
    return {
        "title": escape_inline(title), "url": safe_url(url) or "",
        "author": escape_inline(author or ""), "site": escape_inline(site or ""),
        "published": plain_date(published) or "", "created": plain_date(saved) or "",
        "description": escape_inline(description or ""), "tags": obsidian_tags(tags),
        "uid": uid, "source_line": source_line,
    }


def _when(timestamp: str) -> str:
    """``YYYY-MM-DD HH:MM`` from a stored ISO timestamp (the date alone if that is all)."""
    return timestamp[:16].replace("T", " ") if len(timestamp) >= 16 else timestamp
