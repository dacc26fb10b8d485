"""The domain never imports Textual: only newsreader.tui may (DESIGN §1)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import newsreader

DOMAIN_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(newsreader.__path__, "newsreader.")
    if not info.name.startswith("newsreader.tui") and info.name != "newsreader.__main__"
)


def test_the_domain_is_discovered() -> None:
    assert {"newsreader.cli", "newsreader.storage.library", "newsreader.ingest.importing",
            "newsreader.ingest.cleaning.text"} <= set(DOMAIN_MODULES)


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
