"""ruff and mypy are part of the test suite, so a style or type error fails CI; and the TUI
uses Textual and Rich through their public API only."""

from __future__ import annotations

import ast
import contextlib
import functools
import importlib
import inspect
import pkgutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import newsreader.tui

from .conftest import ROOT

FOREIGN_PACKAGES = {"textual", "rich"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = _run("mypy", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def _private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def _private_names(cls: type, *, assigned_only: bool) -> set[str]:
    """The private names a class's source defines in its body or uses as ``self._name``
    (only those it assigns, with ``assigned_only``)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    names: set[str] = set()
    class_def = tree.body[0]
    assert isinstance(class_def, ast.ClassDef)
    if not assigned_only:
        for node in class_def.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
    for found in ast.walk(class_def):
        if (isinstance(found, ast.Attribute) and isinstance(found.value, ast.Name)
                and found.value.id == "self"
                and (not assigned_only or isinstance(found.ctx, ast.Store))):
            names.add(found.attr)
    return {name for name in names if _private(name)}


@functools.cache
def _their_private_names(base: type) -> frozenset[str]:
    names = {name for name in vars(base) if _private(name)}
    with contextlib.suppress(OSError, TypeError):  # a class with no Python source
        names |= _private_names(base, assigned_only=True)
    return frozenset(names)


def _classes(owner: object, module: str) -> Iterator[type]:
    for value in vars(owner).values():
        if inspect.isclass(value) and value.__module__ == module:
            yield value
            yield from _classes(value, module)


def test_tui_classes_use_no_private_name_of_textual_or_rich() -> None:
    # Overriding, reading or setting a base class's private member ties the code to one
    # Textual release; setting one by accident (a name we picked, which Textual also uses)
    # silently changes Textual's behaviour.
    clashes = []
    for info in pkgutil.walk_packages(newsreader.tui.__path__, "newsreader.tui."):
        module = importlib.import_module(info.name)
        for cls in set(_classes(module, module.__name__)):
            foreign = [base for base in cls.__mro__
                       if base.__module__.partition(".")[0] in FOREIGN_PACKAGES]
            if foreign:
                theirs = frozenset().union(*map(_their_private_names, foreign))
                clashes += [f"{cls.__module__}.{cls.__qualname__}.{name}"
                            for name in sorted(_private_names(cls, assigned_only=False) & theirs)]
    assert not clashes, "\n".join(clashes)
