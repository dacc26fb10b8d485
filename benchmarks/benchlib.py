"""Shared pieces of the terminal benchmarks: test articles, a tmux harness, tables.

The harness runs each program in its own detached tmux session (120x40) on a private tmux
server (``tmux -L newsreader-bench``, kept alive by an idle session so that no measurement
pays for starting the server), and polls ``capture-pane`` until a marker word is on the
screen. A launch is timed from just before the session is created to the first capture that
shows the marker; a key is timed from just before ``tmux send-keys`` to the first capture
that shows the next marker. Captures are taken every ``POLL`` seconds; a capture itself
takes a fraction of a millisecond (``capture_cost`` measures it), so every time is late by up
to one poll plus one capture, alike for every program measured.

The captures go through one tmux client in control mode (``tmux -C``), kept open for the
whole run: a ``tmux capture-pane`` command per poll would start a process every few
milliseconds (~3 ms of CPU each), taking CPU from the program measured, and more from a
program that uses both cores than from one that uses one.
"""

from __future__ import annotations

import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

SOCKET = "newsreader-bench"
WIDTH, HEIGHT = 120, 40
POLL = 0.005
REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
PYTHON = sys.executable
NEWSREADER = str(Path(sys.executable).with_name("newsreader"))
FLOOR_APP = str(BENCH_DIR / "floor_app.py")
DEFAULT_FROGMOUTH = "/tmp/frogmouth-venv/bin/frogmouth"
# COLUMNS and LINES would pin the terminal size. PYTHONDONTWRITEBYTECODE (set in some dev
# shells) would make every launch compile the editable project's modules from source, which
# an installed copy never does: unset, the warm-up run writes the .pyc files as usual.
UNSET = ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")

FIRST_MARKER = "Zqfirstline"
LAST_MARKER = "Zqlastline"

# Words of the test articles here and of the generated libraries (library_scale.py).
WORDS = [
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by",
    "at", "from", "it", "be", "this", "are", "has", "have", "said", "not", "an", "but", "which",
    "their", "more", "will", "were", "after", "been", "its", "new", "about", "than", "two",
    "people", "year", "also", "council", "government", "city", "minister", "police", "report",
    "water", "school", "health", "market", "company", "court", "police", "energy", "climate",
    "storm", "harbour", "barrier", "railway", "signal", "transit", "farmers", "orchard",
    "frost", "drones", "election", "budget", "housing", "hospital", "teachers", "strike",
    "union", "river", "flood", "bridge", "ferry", "island", "museum", "library", "festival",
    "airport", "border", "talks", "ceasefire", "treaty", "parliament", "vote", "inquiry",
    "regulator", "fine", "contract", "tender", "wind", "solar", "battery", "grid", "prices",
    "inflation", "wages",
]


# -- articles ---------------------------------------------------------------------------------


def article_markdown(words: int, seed: int = 1) -> str:
    """A Markdown article of about ``words`` words: a title, paragraphs of 40-120 words with
    a ``##`` heading every ten paragraphs; ``FIRST_MARKER`` opens the first paragraph and
    ``LAST_MARKER`` closes the last."""
    rng = random.Random(seed)
    lines = [f"# The {words:,}-word benchmark article", ""]
    count = 0
    paragraph = 0
    while count < words:
        if paragraph and paragraph % 10 == 0:
            lines += [f"## Part {paragraph // 10} of the report", ""]
        size = min(rng.randint(40, 120), max(1, words - count))
        text = [rng.choice(WORDS) for _ in range(size)]
        if paragraph == 0:
            text[0] = FIRST_MARKER
        text[0] = text[0].capitalize()
        lines += [" ".join(text) + ".", ""]
        count += size
        paragraph += 1
    lines[-2] = lines[-2][:-1] + f" {LAST_MARKER}."
    return "\n".join(lines)


def write_articles(folder: Path, sizes: Sequence[int]) -> dict[int, Path]:
    """Write one article per size into ``folder``; returns the files by word count."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for words in sizes:
        path = folder / f"article-{words}.md"
        text = article_markdown(words)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths[words] = path
    return paths


# -- tmux ---------------------------------------------------------------------------------


def _tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True,
                          check=check)


def ensure_server() -> None:
    """Start the private tmux server (with an idle session that keeps it alive)."""
    if shutil.which("tmux") is None:
        sys.exit("tmux is not installed; these benchmarks run programs in tmux.")
    if _tmux("has-session", "-t", "keeper", check=False).returncode != 0:
        _tmux("new-session", "-d", "-s", "keeper", "-x", str(WIDTH), "-y", str(HEIGHT),
              "sleep 86400")
        _tmux("set-option", "-g", "remain-on-exit", "on")
        _tmux("set-option", "-g", "status", "off")
        _tmux("set-option", "-g", "escape-time", "0")


class _ControlClient:
    """One tmux client in control mode: commands in, each answer between ``%begin`` and
    ``%end`` (or ``%error``) lines; other lines are notifications, skipped. A ``%begin``
    whose last field (flags) is not 1 opens a block that answers no command of ours (the
    attach's own, which may come after the first answers), also skipped."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            ["tmux", "-L", SOCKET, "-C", "attach-session", "-t", "keeper"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        if self.run("display-message -p control-ready") != "control-ready":
            raise RuntimeError("the tmux control client did not answer as expected")

    def run(self, command: str) -> str:
        """Send one command; returns its output."""
        self._send(command)
        return self._answer()

    def _send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def _answer(self) -> str:
        assert self.process.stdout is not None
        lines: list[str] | None = None
        for line in self.process.stdout:
            line = line.rstrip("\n")
            if lines is None:
                ours = line.startswith("%begin") and line.split()[-1] == "1"
                lines = [] if ours else None
            elif line.startswith(("%end", "%error")):
                return "\n".join(lines)
            else:
                lines.append(line)
        raise RuntimeError("the tmux control client ended")


_control: _ControlClient | None = None


def _capture(target: str) -> str:
    """The text on a pane now, through the control client (started on first use)."""
    global _control
    if _control is None or _control.process.poll() is not None:
        ensure_server()
        _control = _ControlClient()
    return _control.run(f"capture-pane -p -t {target}")


def stop_server() -> None:
    """Stop the private tmux server (and anything still running in it)."""
    _tmux("kill-server", check=False)


def shell_command(argv: Sequence[str], env: dict[str, str] | None = None) -> str:
    """``argv`` as a tmux command: exec'd (so the pane's process is the program itself),
    with ``env`` set and ``UNSET`` unset."""
    settings = [f"{key}={value}" for key, value in (env or {}).items()]
    unset = [part for name in UNSET for part in ("-u", name)]
    return shlex.join(["exec", "env", *unset, *settings, *argv])


class Session:
    """One program running in a tmux session of its own."""

    counter = 0

    def __init__(self, argv: Sequence[str], env: dict[str, str] | None = None) -> None:
        Session.counter += 1
        self.name = f"run{os.getpid()}-{Session.counter}"
        self.command = shell_command(argv, env)
        self.started = 0.0

    def start(self) -> float:
        """Create the session; returns the time just before (``perf_counter``)."""
        self.started = time.perf_counter()
        _tmux("new-session", "-d", "-s", self.name, "-x", str(WIDTH), "-y", str(HEIGHT),
              self.command)
        return self.started

    def screen(self) -> str:
        """The text on the pane now."""
        return _capture(self.name)

    def wait_for(self, *markers: str, timeout: float = 60.0) -> float:
        """Poll until every marker is on the screen; returns the ``perf_counter`` time of the
        capture that showed them. Raises TimeoutError with the screen if they never do."""
        deadline = time.perf_counter() + timeout
        while True:
            text = self.screen()
            seen = time.perf_counter()
            if all(marker in text for marker in markers):
                return seen
            if seen > deadline:
                raise TimeoutError(f"{self.command}: {markers} not seen in {timeout} s; "
                                   f"screen:\n{text}")
            time.sleep(POLL)

    def send(self, *keys: str) -> float:
        """Send tmux key names; returns the time just before."""
        started = time.perf_counter()
        _tmux("send-keys", "-t", self.name, *keys)
        return started

    def pid(self) -> int:
        """The process id of the program in the pane."""
        return int(_tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").stdout)

    def close(self) -> None:
        """Kill the session (and the program in it)."""
        _tmux("kill-session", "-t", self.name, check=False)


@contextmanager
def session(argv: Sequence[str], env: dict[str, str] | None = None) -> Iterator[Session]:
    """A started Session, killed on the way out."""
    run = Session(argv, env)
    run.start()
    try:
        yield run
    finally:
        run.close()


def capture_cost(samples: int = 30) -> float:
    """Median seconds one capture takes (the poll's own latency)."""
    ensure_server()
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        _capture("keeper")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM, Linux) of a process, in MB (10^6 bytes)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024 / 1e6
    raise RuntimeError(f"no VmHWM for process {pid}")


# -- reporting ------------------------------------------------------------------------------


def median(samples: Sequence[float]) -> float:
    """The median."""
    return statistics.median(samples)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table (it reads well in a terminal too)."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
             for row in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def describe_machine() -> str:
    """CPU count, memory, Python and Textual versions, in one line."""
    from importlib.metadata import version

    memory = ""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f", {int(line.split()[1]) / 1024 ** 2:.0f} GB"
    return (f"{os.cpu_count()} cores{memory}, Python {sys.version.split()[0]}, "
            f"Textual {version('textual')}, tmux {_tmux_version()}")


def _tmux_version() -> str:
    result = subprocess.run(["tmux", "-V"], capture_output=True, text=True, check=False)
    return result.stdout.strip().removeprefix("tmux ")
