"""Fuzz the command line: hostile inputs to the real commands, on a scratch library.

Usage: python scripts/fuzz_cli.py [--minutes 3 | --iterations N] [--seed N]
                                  [--call-timeout 20] [--findings fuzz-findings]

Each step runs one real command (``add``, ``restore``, ``note``, ``tag``, ``highlight``,
``export`` in every format, ``show``, ``list``, ``search``, ``notes``, and a few others)
in-process through click's CliRunner, with inputs taken from the hostile corpus in
tests/data/hostile/ and mutated: byte flips, splices, truncation, escape sequences and
random Unicode (controls, C1, bidi, surrogates). A backup that ``restore`` accepts goes
into a fresh library, which every reading command then visits. It fails on:

- a traceback (any exception other than click's own exits), or one printed as text;
- an exit status other than 0, 1 or 2, or a call over the time limit;
- an escape, C0 (but tab and newline), C1 or bidi-override character on stdout or stderr;
- a failed restore that left rows behind, a file that is not a library changed by opening it;
- at the end, ``PRAGMA integrity_check`` other than "ok" or a foreign-key violation.

Each failing input is saved under the findings folder (``report.txt``, the inputs, a copy
of the library, ``repro.py`` to run the call again) and a summary groups them by cause.
The exit status is 1 if anything was found. ``tests/test_fuzz_cli.py`` runs the same code
for a few hundred fixed-seed steps.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from click.testing import CliRunner, Result
from markdown_it import MarkdownIt

from newsreader.cli import COMMANDS
from newsreader.cli import main as cli
from newsreader.exporting import vault

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "hostile"
# What must never reach a terminal: C0 controls but tab and newline, DEL, C1 controls,
# bidi embeddings, overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Schemes an exported link or image may point at.
SAFE_SCHEMES = ("http://", "https://", "mailto:")
# A front-matter line: a quoted value, or a quoted item of a list (tags, aliases).
FRONT_MATTER_LINE = re.compile(r'^(?:[\w-]+:|  -) ".*"$', re.MULTILINE)


def link_targets(markdown: str) -> list[str]:
    """Every link and image address a CommonMark reader finds in ``markdown`` (the
    parser's own check of schemes is off, so that unsafe ones are seen too)."""
    parser = MarkdownIt("commonmark")
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    found: list[str] = []
    stack = parser.parse(markdown)
    while stack:
        token = stack.pop()
        stack.extend(token.children or [])
        if token.type in ("link_open", "image"):
            found.append(str(token.attrGet("href") or token.attrGet("src") or ""))
    return found

def generated_region(text: str) -> str:
    """What the export itself wrote into a vault file: its region, when the hash in the end
    marker says nobody edited it; the rest of a file (and an edited region) is the user's,
    which the export keeps as it is, links included."""
    parsed = vault.parse(text)
    if parsed is None or parsed.hand_edited or parsed.region is None:
        return ""
    return parsed.region
SPICE = ["\x1b[31m", "\x1b]0;t\x07", "\x1b]52;c;QUFB\x1b\\", "\x1b[2J", "\x9b1m", "\x9d0;x\x9c",
         "\u202e", "\u2066", "\x00", "\x07", "\r", "\x08", "\n---\n", "[@click=app.quit]",
         "[/]", "<!-- newsreader:end -->", "^hl-00000000", "\ud800", "\udcff", "\ufeff",
         "\u2028", "\x85", "e\u0301", "👩‍💻", "東京", "\uffff", "\U0010ffff", "&#27;", "&#x9b;"]
BYTE_SPICE = [s.encode("utf-8", "surrogatepass") for s in SPICE] + [
    b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3", b"\x80", b"\x9b", b"<div>" * 50, b"</p></div>",
    b"<meta charset='utf-16'>", b"<title>", b"</title>", b"\x1f\x8b\x08\x00"]
VALUES: list[Any] = [None, True, False, 0, -1, 1, 2**63, -(2**63) - 1, 10**30, 1.5,
                     float("inf"), float("nan"), "", "x", "\x1b[31mred", "\u202eevil", [], {},
                     [1], {"$base64": "AAAA"}, {"$base64": "!"}, "{}", "[]", "not json"]


class CallTimeout(BaseException):
    """A command ran past the per-call time limit (a BaseException, so nothing swallows it)."""


@dataclass
class Finding:
    """One broken promise: what kind, a short signature to group by, and the evidence."""

    kind: str
    signature: str
    detail: str
    argv: list[str]
    db: Path
    stdin: bytes | None = None
    stdout: str = ""
    stderr: str = ""


@dataclass
class Corpus:
    """The hostile corpus: pages, backups and strings, read once."""

    pages: dict[str, bytes]
    backups: dict[str, bytes]
    strings: dict[str, list[str]]

    @classmethod
    def load(cls, root: Path = CORPUS) -> Corpus:
        """Read the corpus folder."""
        return cls(pages={p.name: p.read_bytes() for p in sorted((root / "pages").iterdir())},
                   backups={p.name: p.read_bytes()
                            for p in sorted((root / "backups").iterdir())},
                   strings=json.loads((root / "strings.json").read_text(encoding="ascii")))


@dataclass
class Mutator:
    """Random changes to bytes, strings and backup records."""

    rng: random.Random
    corpus: Corpus

    def unicode(self, length: int = 8) -> str:
        """Random characters, weighted towards the ones that cause trouble."""
        pools = [(0, 0x20), (0x7F, 0xA0), (0x202A, 0x202F), (0x2066, 0x206A),
                 (0xD800, 0xE000), (0x300, 0x370), (0xFFF0, 0x10000), (0x20, 0x7F),
                 (0x1F300, 0x1F700), (0, 0x110000)]
        out = []
        for _ in range(self.rng.randint(1, length)):
            low, high = self.rng.choice(pools)
            out.append(chr(self.rng.randrange(low, high)))
        return "".join(out)

    def data(self, data: bytes) -> bytes:
        """``data`` with a few random byte-level changes."""
        rng = self.rng
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data) + 1)
            choice = rng.randrange(7)
            if choice == 0:
                data = data[:at] + rng.choice(BYTE_SPICE) + data[at:]
            elif choice == 1 and data:
                for _ in range(rng.randint(1, 8)):
                    spot = rng.randrange(len(data))
                    data = data[:spot] + bytes([rng.randrange(256)]) + data[spot + 1:]
            elif choice == 2:
                data = data[: rng.randrange(len(data) + 1)]
            elif choice == 3:
                other = rng.choice(list(self.corpus.pages.values()))
                start = rng.randrange(len(other) + 1)
                data = data[:at] + other[start: start + rng.randint(0, 3000)] + data[at:]
            elif choice == 4:
                data = data[:at] + self.unicode(12).encode("utf-8", "surrogatepass") + data[at:]
            elif choice == 5 and data:
                end = min(len(data), at + rng.randint(1, 500))
                data = data[:end] + data[at:end] * rng.randint(1, 20) + data[end:]
            else:
                data = data[:at] + data[at + rng.randint(1, 200):]
        return data

    def text(self, kind: str) -> str:
        """A string of the corpus's ``kind`` (notes, tags...), sometimes mutated."""
        value = self.expand(self.rng.choice(self.corpus.strings[kind]))
        roll = self.rng.random()
        if roll < 0.3:
            at = self.rng.randrange(len(value) + 1)
            value = value[:at] + self.rng.choice([*SPICE, self.unicode()]) + value[at:]
        elif roll < 0.4:
            value = self.unicode(40)
        elif roll < 0.5:
            value += self.expand(self.rng.choice(self.corpus.strings[kind]))
        return value

    @staticmethod
    def expand(value: str) -> str:
        """``long:N`` in the corpus stands for N characters."""
        if value.startswith("long:") and value[5:].isdigit():
            return ("long text, " * (int(value[5:]) // 11 + 1))[: int(value[5:])]
        return value

    def records(self, data: bytes) -> bytes:
        """A backup with its JSON changed: a value replaced, a key dropped or added, a
        record dropped or repeated."""
        rng = self.rng
        try:
            records = [json.loads(line) for line in data.decode("utf-8").splitlines() if line]
        except (ValueError, RecursionError):
            return self.data(data)
        if not records:
            return data
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            # Mostly one value deep inside an article: the header is checked first anyway.
            header_too = len(records) == 1 or rng.random() < 0.1
            index = rng.randrange(0 if header_too else 1, len(records))
            choice = rng.randrange(5) if rng.random() < 0.3 else rng.randrange(2, 5)
            if choice == 0 and len(records) > 1:
                records.insert(rng.randrange(len(records)), records[index])
            elif choice == 1 and len(records) > 1:
                del records[index]
            else:
                records[index] = self._change(records[index], choice)
        lines = (json.dumps(r, ensure_ascii=rng.random() < 0.5) for r in records)
        return "".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass")

    def _change(self, value: Any, choice: int) -> Any:
        if isinstance(value, list) and value:
            spot = self.rng.randrange(len(value))
            value = list(value)
            value[spot] = self._change(value[spot], choice)
            return value
        if isinstance(value, dict) and value:
            value = dict(value)
            key = self.rng.choice(list(value))
            if choice == 2 and self.rng.random() < 0.3:
                del value[key]
            elif choice == 3 and self.rng.random() < 0.3:
                value[self.rng.choice(["evil", "", "id", "\x1b", key + "x"])] = 1
            elif self.rng.random() < 0.6:
                value[key] = self._change(value[key], choice)
            else:
                value[key] = self._leaf()
            return value
        return self._leaf()

    def _leaf(self) -> Any:
        if self.rng.random() < 0.7:
            return self.rng.choice(VALUES)
        return self.text("texts")


@dataclass
class Run:
    """One fuzzing session over a scratch folder: its libraries, calls and findings."""

    work: Path
    seed: int = 1
    call_timeout: float = 20.0
    actions: Sequence[str] | None = None
    verbose: bool = False
    findings: list[Finding] = field(default_factory=list)
    calls: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.corpus = Corpus.load()
        self.mutate = Mutator(self.rng, self.corpus)
        self.db = self.work / "library.db"
        self.inputs = self.work / "inputs"
        self.inputs.mkdir(parents=True, exist_ok=True)
        self.runner = CliRunner()
        self.articles = 0
        self.texts: dict[str, str] = {}
        self.counter = 0
        table: dict[str, tuple[float, Callable[[], None]]] = {
            "add": (3, self.add), "restore": (2.5, self.restore), "note": (1.5, self.note),
            "tag": (1.5, self.tag), "highlight": (2, self.highlight),
            "export": (2, self.export), "vault": (0.5, self.vault), "show": (1.5, self.show),
            "list": (1, self.listing), "search": (1.5, self.search), "notes": (1, self.notes),
            "flags": (0.5, self.flags), "foreign": (0.4, self.foreign),
        }
        chosen = self.actions or list(table)
        self.table = [(table[name][0], table[name][1]) for name in chosen]

    # -- running a command and checking what it did

    def invoke(self, args: Sequence[str], *, db: Path | None = None,
               stdin: bytes | None = None) -> Result | None:
        """Run ``newsreader --db DB ARGS`` in-process and record any broken promise."""
        db = db or self.db
        argv = ["--db", str(db), *args]
        self.calls += 1

        def expire(signum: int, frame: FrameType | None) -> None:
            raise CallTimeout

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, self.call_timeout)
        try:
            result = self.runner.invoke(cli, argv, input=stdin, catch_exceptions=True)
        except CallTimeout:
            self.found("timeout", f"{args[0]}: over {self.call_timeout:g} s",
                       f"the call did not finish in {self.call_timeout:g} s", argv, db, stdin)
            return None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        self.check(result, argv, db, stdin)
        if self.verbose:
            first = (result.stdout or result.stderr).strip().splitlines()[:1]
            print(f"{result.exit_code} {args!r:.150} -> {first[0] if first else ''!r:.100}")
        return result

    def check(self, result: Result, argv: list[str], db: Path, stdin: bytes | None) -> None:
        """Record a traceback, an odd exit status or unsafe output of one call."""
        command = next((a for a in argv[2:] if a in COMMANDS), "?")
        out, err = result.stdout, result.stderr

        def report(kind: str, signature: str, detail: str) -> None:
            self.found(kind, f"{command}: {signature}", detail, argv, db, stdin, out, err)

        error = result.exception
        if error is not None and not isinstance(error, SystemExit):
            assert result.exc_info is not None
            report("traceback", f"{type(error).__name__} at {_place(result)}",
                   "".join(traceback.format_exception(*result.exc_info)))
        elif result.exit_code not in (0, 1, 2):
            report("exit status", f"exit {result.exit_code}", f"exit status {result.exit_code}")
        if "Traceback (most recent call last)" in out + err:
            report("printed traceback", "traceback in output", "a traceback was printed")
        for stream, text in (("stdout", out), ("stderr", err)):
            match = UNSAFE.search(text)
            if match:
                around = text[max(0, match.start() - 40): match.end() + 40]
                report("unsafe output", f"{_char_class(match.group())} on {stream}",
                       f"{match.group()!r} on {stream} in: {around!r}")

    def found(self, kind: str, signature: str, detail: str, argv: list[str], db: Path,
              stdin: bytes | None = None, stdout: str = "", stderr: str = "") -> None:
        """Record a finding."""
        self.findings.append(Finding(kind, signature, detail, list(argv), db, stdin,
                                     stdout, stderr))

    # -- inputs

    def scratch(self, data: bytes, name: str | None = None) -> Path:
        """Write ``data`` to a new file in the scratch folder (a hostile name sometimes)."""
        self.counter += 1
        folder = self.inputs / str(self.counter)
        folder.mkdir()
        if name is None or self.rng.random() < 0.25:
            hostile = self.rng.choice(self.corpus.strings["file_names"])
            stem = hostile.rsplit(".", 1)[0] if self.rng.random() < 0.7 else hostile
            suffix = Path(name).suffix if name else ".html"
            name = (stem + suffix).replace("/", "_")
        path = folder / name
        path.write_bytes(data)
        return path

    def article_id(self) -> str:
        """An article id: mostly one that exists, sometimes one that cannot."""
        if self.rng.random() < 0.8 and self.articles:
            return str(self.rng.randint(1, self.articles + 1))
        return self.rng.choice(self.corpus.strings["ids"])

    def page(self) -> tuple[str, bytes]:
        """A corpus page or a sample, often mutated."""
        name, data = self.rng.choice(list(self.corpus.pages.items()))
        if self.rng.random() < 0.6:
            data = self.mutate.data(data)
        return name, data

    # -- actions

    def step(self) -> None:
        """Run one randomly chosen action."""
        weights = [weight for weight, _ in self.table]
        action = self.rng.choices([a for _, a in self.table], weights)[0]
        action()

    def add(self) -> None:
        """``add`` with one to three sources: files, stdin, folders, URLs, missing paths."""
        sources: list[str] = []
        stdin = None
        for _ in range(self.rng.randint(1, 3)):
            roll = self.rng.random()
            name, data = self.page()
            if roll < 0.65:
                sources.append(str(self.scratch(data, name)))
            elif roll < 0.75 and stdin is None:
                sources.append("-")
                stdin = data
            elif roll < 0.85:
                folder = self.scratch(data, name).parent
                (folder / "second.txt").write_bytes(self.page()[1])
                sources.append(str(folder))
            elif roll < 0.95:
                sources.append(self.mutate.text("urls") if self.rng.random() < 0.3
                               else self.rng.choice(self.corpus.strings["urls"]))
            elif roll < 0.98:
                sources.append(str(self.inputs / "missing" / name))
            else:
                sources.append(str(self.fifo()))
        sources = [s for s in sources if not _network(s)]
        options = ["--json"] if self.rng.random() < 0.3 else []
        result = self.invoke(["add", *options, *sources], stdin=stdin)
        if result is not None:
            found = re.findall(r"^(?:added|updated)\D*(\d+)", result.stdout, re.MULTILINE)
            found += re.findall(r'"article_id": (\d+)', result.stdout)
            self.articles = max([self.articles, *map(int, found)])

    def fifo(self) -> Path:
        """A named pipe with nothing behind it."""
        self.counter += 1
        path = self.inputs / f"pipe-{self.counter}.html"
        os.mkfifo(path)
        return path

    def restore(self) -> None:
        """``restore`` a hostile or mutated backup into a fresh library, then read it all."""
        name, data = self.rng.choice(list(self.corpus.backups.items()))
        roll = self.rng.random()
        if roll < 0.45:
            data = self.mutate.records(data)
        elif roll < 0.6:
            data = self.mutate.data(data)
        elif roll < 0.7:
            exported = self.work / "exported.jsonl"
            self.invoke(["export", "--format", "json", "--out", str(exported)])
            if exported.is_file():
                data = self.mutate.records(exported.read_bytes())
        self.counter += 1
        target = self.db if self.rng.random() < 0.05 else self.work / f"r{self.counter}.db"
        self.restore_one(name, data, target, use_stdin=self.rng.random() < 0.3)

    def restore_one(self, name: str, data: bytes, target: Path, *, use_stdin: bool) -> None:
        """Restore ``data`` into ``target``; read what it accepted, check what it refused."""
        if use_stdin:
            result = self.invoke(["restore", "-"], db=target, stdin=data)
        else:
            result = self.invoke(["restore", str(self.scratch(data, name))], db=target)
        if target == self.db or result is None:
            return
        if result.exit_code != 0:
            self.expect_empty(target, ["--db", str(target), "restore", name])
        else:
            self.visit(target)
        self.check_database(target)
        for path in target.parent.glob(target.name + "*"):
            path.unlink()

    def expect_empty(self, db: Path, argv: list[str]) -> None:
        """A refused backup must leave no rows behind."""
        if not db.exists():
            return
        with contextlib.closing(sqlite3.connect(db)) as conn:
            try:
                rows = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                return
        if rows:
            self.found("partial restore", "restore: rows left after a refusal",
                       f"{rows} article(s) in the library after restore failed", argv, db)

    def visit(self, db: Path) -> None:
        """Every reading command over a library that a restore accepted."""
        listed = self.invoke(["list", "--json", "--archived"], db=db)
        ids = ["1"]
        if listed is not None and listed.exit_code == 0:
            with contextlib.suppress(ValueError, TypeError, KeyError):
                ids = [str(a["id"]) for a in json.loads(listed.stdout)][:3] or ids
        self.invoke(["list", "--archived"], db=db)
        for article in ids:
            for mode in ([], ["--json"], ["--markdown"]):
                self.invoke(["show", article, *mode], db=db)
        self.invoke(["notes"], db=db)
        self.invoke(["notes", "--json"], db=db)
        self.invoke(["search", "--in", "all", self.rng.choice(["a*", "the", "tag:news"])], db=db)
        vault = self.work / f"vault-{db.stem}"
        self.invoke(["export", "--out", str(vault), "--with-article"], db=db)
        shutil.rmtree(vault, ignore_errors=True)
        self.invoke(["export", "--format", self.rng.choice(["w3c", "json", "markdown"]),
                     "--out", "-"], db=db)
        self.invoke(["tag", ids[0], "after-restore"], db=db)
        self.invoke(["note", ids[0], "after restore"], db=db)

    def note(self) -> None:
        """``note`` with a hostile text."""
        self.invoke(["note", self.article_id(), self.mutate.text("texts")])

    def tag(self) -> None:
        """``tag`` with hostile tags, added or removed."""
        tags = [self.mutate.text("tags") for _ in range(self.rng.randint(1, 3))]
        remove = ["--remove"] if self.rng.random() < 0.25 else []
        self.invoke(["tag", self.article_id(), *remove, "--", *tags])

    def highlight(self) -> None:
        """``highlight`` a real passage or a hostile quote, with odd options."""
        article = self.article_id()
        text = self.texts.get(article)
        if text is None or self.rng.random() < 0.3:
            shown = self.invoke(["show", article, "--json"])
            if shown is not None and shown.exit_code == 0:
                with contextlib.suppress(ValueError, KeyError, TypeError):
                    text = self.texts[article] = json.loads(shown.stdout)["text"]
        if text and self.rng.random() < 0.7:
            start = self.rng.randrange(len(text))
            quote = text[start: start + self.rng.randint(1, 300)]
        else:
            quote = self.mutate.text("quotes")
        args = ["highlight", article, "--quote", quote]
        if self.rng.random() < 0.3:
            args += ["--occurrence", self.rng.choice(["1", "2", "0", "-1", "99999999999999999999"])]
        if self.rng.random() < 0.3:
            args += ["--color", self.rng.choice(["yellow", "green", "\x1b[31m", "", "pink"])]
        if self.rng.random() < 0.5:
            args += ["--note", self.mutate.text("texts")]
        if self.rng.random() < 0.3:
            args.append("--json")
        self.invoke(args)

    def export(self) -> None:
        """``export`` in every format, to standard output, a folder or a file."""
        fmt = self.rng.choice(["markdown", "w3c", "json"])
        roll = self.rng.random()
        if roll < 0.4:
            out = "-"
        elif roll < 0.8:
            out = str(self.work / "vault")
        elif roll < 0.9:
            out = str(self.scratch(b"existing file\n", "existing.md"))
        else:
            out = str(self.work / self.rng.choice(self.corpus.strings["file_names"]).replace(
                "/", "_"))
        args = ["export", "--format", fmt, "--out", out]
        if fmt != "json" or self.rng.random() < 0.1:
            args += [self.article_id() for _ in range(self.rng.randint(0, 2))]
        args += [flag for flag in ("--with-article", "--force", "--json")
                 if self.rng.random() < 0.3]
        result = self.invoke(args)
        if result is not None and fmt == "markdown":
            self.check_markdown(result.stdout if out == "-" else "", args)

    def check_markdown(self, stdout: str, argv: list[str]) -> None:
        """Exported Markdown links only to http(s): no javascript:, data: or file: links."""
        texts = [("standard output", stdout)] + [
            (path.name, generated_region(path.read_text(encoding="utf-8", errors="replace")))
            for path in sorted((self.work / "vault").glob("*.md"))]
        for where, text in texts:
            # Front matter holds quoted YAML strings, not Markdown (several files on stdout).
            text = FRONT_MATTER_LINE.sub("", text)
            unsafe = [url for url in link_targets(text) if not url.startswith(SAFE_SCHEMES)]
            if unsafe:
                self.found("vault link", "export: a non-http(s) Markdown link",
                           f"in {where}: {unsafe[0][:300]!r}", ["--db", str(self.db), *argv],
                           self.db)
                return

    def vault(self) -> None:
        """Damage a file in the export folder by hand, then export into it again."""
        files = sorted((self.work / "vault").glob("*.md"))
        if files:
            victim = self.rng.choice(files)
            victim.write_bytes(self.mutate.data(victim.read_bytes()))
        force = ["--force"] if self.rng.random() < 0.3 else []
        args = ["export", "--out", str(self.work / "vault"), "--with-article", *force]
        self.invoke(args)
        self.check_markdown("", args)

    def show(self) -> None:
        """``show`` in its three forms."""
        mode = self.rng.choice([[], ["--json"], ["--markdown"]])
        self.invoke(["show", self.article_id(), *mode])

    def listing(self) -> None:
        """``list`` with a hostile filter and odd options."""
        args = ["list"]
        if self.rng.random() < 0.5:
            args += ["--filter", self.mutate.text("queries")]
        if self.rng.random() < 0.3:
            args += ["--sort", self.rng.choice(["saved", "published", "title", "x"])]
        if self.rng.random() < 0.2:
            args += ["--limit", self.rng.choice(["1", "0", "99999999999999999999999"])]
        args += [flag for flag in ("--json", "--archived") if self.rng.random() < 0.4]
        self.invoke(args)

    def search(self) -> None:
        """``search`` with a hostile query."""
        scope = self.rng.choice(["articles", "highlights", "all"])
        args = ["search", "--in", scope]
        if self.rng.random() < 0.3:
            args.append("--json")
        self.invoke([*args, "--", self.mutate.text("queries")])

    def notes(self) -> None:
        """``notes`` for one article or all."""
        args = ["notes"] + ([self.article_id()] if self.rng.random() < 0.6 else [])
        self.invoke(args + (["--json"] if self.rng.random() < 0.4 else []))

    def flags(self) -> None:
        """archive, favourite and their opposites, and reclean."""
        command = self.rng.choice(["archive", "unarchive", "favourite", "unfavourite",
                                   "reclean"])
        self.invoke([command, self.article_id()])

    def foreign(self) -> None:
        """A file that is not a library given as ``--db``: refused, and left as it was."""
        self.counter += 1
        path = self.work / f"foreign-{self.counter}.db"
        roll = self.rng.random()
        if roll < 0.4:
            with contextlib.closing(sqlite3.connect(path)) as conn:
                conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
                conn.execute("INSERT INTO contacts VALUES ('a', '1')")
                conn.commit()
        elif roll < 0.55:
            path.write_bytes(self.rng.choice([b"\n", b"x", b"notes\n"]))  # `echo > FILE`
        else:
            path.write_bytes(self.page()[1] or b"x")
        before = path.read_bytes()
        command = self.rng.choice([["list"], ["show", "1"], ["note", "1", "x"], ["locate"],
                                   ["search", "x"], ["notes"]])
        self.invoke(command, db=path)
        leftovers = [p.name for p in path.parent.glob(path.name + "-*")]
        if path.read_bytes() != before or leftovers:
            self.found("foreign file changed", f"{command[0]}: a foreign --db was changed",
                       f"changed: {path.read_bytes() != before}; beside it: {leftovers}",
                       ["--db", str(path), *command], path)

    # -- the end

    def check_database(self, db: Path) -> None:
        """SQLite's own integrity and foreign-key checks on a library."""
        if not db.exists():
            return
        try:
            with contextlib.closing(sqlite3.connect(db)) as conn:
                integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
                dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
        except sqlite3.Error as error:
            integrity, dangling = [f"cannot check: {error}"], []
        if integrity != ["ok"]:
            self.found("integrity", "integrity_check not ok", "\n".join(integrity),
                       ["(PRAGMA integrity_check)"], db)
        if dangling:
            self.found("integrity", "foreign_key_check", repr(dangling[:10]),
                       ["(PRAGMA foreign_key_check)"], db)

    def setup(self) -> None:
        """A library with two articles, a highlight, notes and tags to work on."""
        pages = self.corpus.pages
        self.invoke(["add", str(self.scratch(pages["escapes-title.html"], "a.html")),
                     str(self.scratch(pages["markdown-injection.html"], "b.html"))])
        self.articles = 2
        self.invoke(["highlight", "1", "--quote", "harbour council", "--note", "seed note"])
        self.invoke(["note", "2", "seed article note"])
        self.invoke(["tag", "1", "news", "seed"])

    def sweep_pages(self, names: Sequence[str] | None = None) -> None:
        """``add`` each corpus page as it is, one call per page."""
        for name in names or sorted(self.corpus.pages):
            result = self.invoke(["add", "--json", str(self.scratch(self.corpus.pages[name],
                                                                     name))])
            if result is not None:
                found = re.findall(r'"article_id": (\d+)', result.stdout)
                self.articles = max([self.articles, *map(int, found)])

    def sweep_backups(self, names: Sequence[str] | None = None) -> None:
        """``restore`` each corpus backup as it is into a fresh library, and read it all."""
        for name in names or sorted(self.corpus.backups):
            self.restore_one(name, self.corpus.backups[name], self.work / f"{name}.db",
                             use_stdin=False)

    def finish(self) -> None:
        """The final checks on the main library."""
        if "check" in COMMANDS:
            result = self.invoke(["check"])
            if result is not None and result.exit_code != 0:
                self.found("library invariants", "check: the library's own checks failed",
                           result.output, ["--db", str(self.db), "check"], self.db)
        self.check_database(self.db)


def _network(source: str) -> bool:
    """True for a URL whose host is not this machine (the fuzzer sends nothing out)."""
    match = re.match(r"(?i)https?://([^/:?#]*)", source)
    return match is not None and match.group(1) not in ("127.0.0.1", "[", "")


def _place(result: Result) -> str:
    """The innermost frame of ours in a traceback, as file:line."""
    assert result.exc_info is not None
    tb: TracebackType | None = result.exc_info[2]
    place = "?"
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if "newsreader" in filename and "click" not in filename:
            place = f"{Path(filename).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return place


def _char_class(char: str) -> str:
    code = ord(char)
    if char == "\x1b":
        return "ESC"
    if code < 0x20 or code == 0x7F:
        return f"C0 control {char!r}"
    if code < 0xA0:
        return "C1 control"
    return "bidi override"


def save(findings: list[Finding], folder: Path) -> dict[str, list[Finding]]:
    """Save the first three findings of each signature under ``folder``; group them all."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.signature, []).append(finding)
    for number, (signature, members) in enumerate(sorted(groups.items()), start=1):
        for index, finding in enumerate(members[:3], start=1):
            slug = re.sub(r"[^A-Za-z0-9]+", "-", signature).strip("-")[:60]
            target = folder / f"{number:03}-{slug}-{index}"
            shutil.rmtree(target, ignore_errors=True)
            _save_one(finding, target)
    return groups


def _save_one(finding: Finding, target: Path) -> None:
    (target / "inputs").mkdir(parents=True)
    argv = list(finding.argv)
    for position, arg in enumerate(argv):
        path = Path(arg.replace("\x00", "")) if arg else None
        try:
            is_input = path is not None and path.is_absolute() and path.is_file()
        except (OSError, ValueError):
            is_input = False
        if path is not None and is_input and path != finding.db:
            copy = target / "inputs" / f"{position}{''.join(path.suffixes)[-12:]}"
            shutil.copyfile(path, copy)
            argv[position] = str(Path("inputs") / copy.name)
    if finding.db.is_file() and finding.db.stat().st_size < 50_000_000:
        shutil.copyfile(finding.db, target / "library.db")
    if "--db" in argv[:1]:
        argv[1] = "library.db"
    if finding.stdin is not None:
        (target / "stdin.bin").write_bytes(finding.stdin)
    (target / "report.txt").write_text(
        f"{finding.kind}: {finding.signature}\n\nargv: {argv!r}\n\n{finding.detail}\n\n"
        f"stdout: {finding.stdout[:4000]!r}\n\nstderr: {finding.stderr[:4000]!r}\n",
        encoding="utf-8", errors="backslashreplace")
    stdin = "Path('stdin.bin').read_bytes()" if finding.stdin is not None else "None"
    (target / "repro.py").write_text(
        "# Run from this folder: the call on a copy of the library as it was after the call.\n"
        "from pathlib import Path\nimport shutil\nfrom click.testing import CliRunner\n"
        "from newsreader.cli import main\n"
        "if Path('library.db').exists():\n    shutil.copyfile('library.db', 'repro.db')\n"
        f"argv = {argv!r}\nargv = ['repro.db' if a == 'library.db' else a for a in argv]\n"
        f"result = CliRunner().invoke(main, argv, input={stdin})\n"
        "print(repr(result.stdout), repr(result.stderr), result.exit_code)\n"
        "if result.exception is not None and not isinstance(result.exception, SystemExit):\n"
        "    import traceback; traceback.print_exception(*result.exc_info)\n",
        encoding="utf-8", errors="backslashreplace")


def fuzz(work: Path, *, seed: int = 1, iterations: int | None = None,
         deadline: float | None = None, call_timeout: float = 20.0,
         actions: Sequence[str] | None = None, verbose: bool = False) -> Run:
    """Set up a scratch library in ``work`` and run steps until ``iterations`` or
    ``deadline`` (a time.monotonic() value); then the final checks."""
    run = Run(work, seed=seed, call_timeout=call_timeout, actions=actions, verbose=verbose)
    with _quiet_logging():
        run.setup()
        done = 0
        while (iterations is None or done < iterations) and (
                deadline is None or time.monotonic() < deadline):
            run.step()
            done += 1
        run.finish()
    return run


@contextlib.contextmanager
def _quiet_logging() -> Iterator[None]:
    """trafilatura logs at WARNING about odd pages; the fuzzer's output is its summary."""
    import logging

    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(previous)


def summary(run: Run, groups: dict[str, list[Finding]]) -> str:
    """What was run and found, one line per kind of finding."""
    lines = [f"{run.calls} calls, {len(run.findings)} finding(s) in {len(groups)} group(s)"]
    for signature, members in sorted(groups.items()):
        first = members[0]
        detail = first.detail.strip().splitlines()[-1][:160] if first.detail.strip() else ""
        lines.append(f"  {len(members):>5}x {first.kind}: {signature}\n"
                     f"         e.g. {first.argv[2:]!r}"[:400] + f"\n         {detail}")
    return "\n".join(lines)


def main() -> int:
    """Fuzz for the given time or number of steps; print the summary, save the findings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--iterations", type=int, default=None,
                        help="Stop after this many steps instead of after --minutes.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--call-timeout", type=float, default=20.0, metavar="SECONDS")
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--actions", default=None,
                        help="Comma-separated actions to run (default: all).")
    parser.add_argument("--verbose", action="store_true", help="Print every call.")
    args = parser.parse_args()
    sys.setrecursionlimit(10_000)
    deadline = None if args.iterations else time.monotonic() + args.minutes * 60
    actions = args.actions.split(",") if args.actions else None
    with tempfile.TemporaryDirectory(prefix="fuzz-cli-") as work:
        run = fuzz(Path(work), seed=args.seed, iterations=args.iterations, deadline=deadline,
                   call_timeout=args.call_timeout, actions=actions, verbose=args.verbose)
        groups = save(run.findings, args.findings)
    print(summary(run, groups))
    if run.findings:
        print(f"findings saved under {args.findings}/", file=sys.stderr)
    return 1 if run.findings else 0


if __name__ == "__main__":
    sys.exit(main())
