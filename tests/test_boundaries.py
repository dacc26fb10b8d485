"""The layers hold: import-linter's contracts (in pyproject.toml) are kept, and no module
imports itself through others. Both read every import statement, those inside functions
included. ARCHITECTURE.md describes the layers."""

from __future__ import annotations

import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import grimp
import pytest

from .conftest import ROOT


def import_cycle(package: str) -> list[str] | None:
    """One chain of modules in ``package`` that ends where it starts, or None."""
    graph = grimp.build_graph(package, cache_dir=None)
    imports = {module: graph.find_modules_directly_imported_by(module)
               for module in graph.modules}
    try:
        TopologicalSorter(imports).prepare()
    except CycleError as error:
        return list(error.args[1])
    return None


def test_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_imports_itself_through_others() -> None:
    # import-linter's acyclic_siblings contract compares siblings only, so it does not see
    # a package's __init__ and one of its own modules importing each other.
    cycle = import_cycle("newsreader")
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_an_import_inside_a_function_makes_a_cycle(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "cyclic"
    package.mkdir()
    (package / "__init__.py").write_text("from cyclic import first\n")
    (package / "first.py").write_text("def later():\n    from cyclic import second\n")
    (package / "second.py").write_text("import cyclic\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    cycle = import_cycle("cyclic")
    assert cycle is not None
    assert set(cycle) == {"cyclic", "cyclic.first", "cyclic.second"}
