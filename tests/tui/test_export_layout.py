"""Pilot tests: the TUI's exports (``E`` in the reader, the palette's export all) lay
files out as the settings file's export_preset or export_template says, and a template
that fails is a notification, not a crash."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from newsreader.domain.models import Article, Block
from newsreader.storage import Library
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.commands.palette import EXPORT_ALL
from newsreader.tui.screens.reader import ReaderScreen

from .conftest import add_article, make_app, run_palette, wait_until


def _settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    """A settings file holding ``text``; exports go to the returned folder."""
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))
    out = tmp_path / "exports"
    monkeypatch.setenv("NEWSREADER_EXPORT_DIR", str(out))
    return out


def _annotated(library: Library) -> int:
    article = add_article(library, Article(title="Layouts", blocks=(
        Block("paragraph", "Alpha beta gamma delta."),)), "layouts.txt")
    library.annotations.add_highlight(article, 0, 10, note="my thought")
    return article


def _notices(app: NewsreaderApp, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Each notification from now on, with its severity."""
    said: list[tuple[str, str]] = []
    original = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        said.append((message, kwargs.get("severity", "information")))
        original(message, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return said


async def _press_e(app: NewsreaderApp, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    said = _notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("E")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: len(said) >= 2)
        assert app.is_running
    return said


async def test_e_uses_the_preset_of_the_settings_file(
        library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _settings(tmp_path, monkeypatch, 'export_preset = "logseq"\n')
    said = await _press_e(make_app(library, _annotated(library)), monkeypatch)
    [file] = out.glob("*.md")
    text = file.read_text(encoding="utf-8")
    assert "\t  id:: " in text and "\t- Alpha beta" in text  # Logseq's outline
    assert said[-1] == (f"Exported to {file}", "information")


async def test_e_uses_the_template_of_the_settings_file(
        library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("{% for h in highlights %}QUOTE<{{ h.quote }}>\n{% endfor %}",
                        encoding="utf-8")
    out = _settings(tmp_path, monkeypatch, f'export_template = "{template}"\n')
    await _press_e(make_app(library, _annotated(library)), monkeypatch)
    [file] = out.glob("*.md")
    assert "QUOTE<Alpha beta>" in file.read_text(encoding="utf-8")


@pytest.mark.parametrize("template_text", [
    "{% for h in highlights %}",  # not valid Jinja
    "{{ no_such_variable }}",  # fails when rendered
])
async def test_a_bad_template_is_a_notification(
        library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        template_text: str) -> None:
    template = tmp_path / "bad.md.j2"
    template.write_text(template_text, encoding="utf-8")
    out = _settings(tmp_path, monkeypatch, f'export_template = "{template}"\n')
    said = await _press_e(make_app(library, _annotated(library)), monkeypatch)
    message, severity = said[-1]
    assert message.startswith("Export failed:") and str(template) in message
    assert severity == "error"
    assert not out.exists() or not list(out.glob("*.md"))


async def test_export_all_uses_the_preset_and_reports_a_missing_template(
        library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _settings(tmp_path, monkeypatch, 'export_preset = "readwise"\n')
    _annotated(library)
    app = make_app(library)
    said = _notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_palette(app, pilot, EXPORT_ALL)
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: any(m.startswith("Exported:") for m, _ in said))
        [file] = out.glob("*.md")
        readwise = file.read_text(encoding="utf-8")
        assert "## Highlights" in readwise and "- Alpha beta" in readwise
        os.remove(file)
        missing = tmp_path / "gone.md.j2"
        (tmp_path / "config.toml").write_text(f'export_template = "{missing}"\n',
                                              encoding="utf-8")
        await run_palette(app, pilot, EXPORT_ALL)
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: said[-1][1] == "error")
        assert str(missing) in said[-1][0] and app.is_running
        assert not list(out.glob("*.md"))
