"""Run every issue-8 performance benchmark in turn and print their tables.

    .venv/bin/python benchmarks/run_all.py [--quick] [--only NAME ...]

Each benchmark is a script of its own (run it alone for its options); this runs them one
after another, never two at once, so that none disturbs another's timings. Needs tmux, and
frogmouth in a venv of its own for the peer's columns (``reader_open.py`` says when it is
missing). ``--quick`` uses fewer repeats (for checking that they run, not for figures).
The figures and the method are recorded in docs/benchmarks.md.

Scripts:

- ``tui_launch``: launch to the library's first frame at 1k/10k/100k articles vs the floor
- ``reader_open``: ``newsreader open FILE`` vs ``frogmouth FILE`` (2k/20k/200k words), and
  keypress to article vs a stock TextArea
- ``memory``: peak RSS with the 100k library open vs the floor app
- ``import_speed``: import pages/s on the dev corpora vs trafilatura alone
- ``import_folder``: a folder import on all cores vs one process; library size vs bytes imported
- ``memory_pages``: time and peak memory importing million-element pages vs trafilatura
- ``export``: Markdown export of 1,000 articles with 10,000 highlights vs plain writes
- ``anchoring``: placing a 3,000-character highlight again, and the write lock held meanwhile
- ``library_scale``: library open time and search latency at 1k and 100k articles

Not run here, for their time: ``feeds.py`` (its sequential baseline alone takes about five
minutes) and the extraction scripts (``extraction.py``, ``textcopy.py``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from benchlib import stop_server

HERE = Path(__file__).resolve().parent
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    # name: (full arguments, --quick arguments)
    "tui_launch": ([], ["--repeat", "1"]),
    "reader_open": ([], ["--repeat", "1", "--words", "2000,20000"]),
    "memory": ([], ["--repeat", "1"]),
    "import_speed": ([], ["--repeat", "1"]),
    "import_folder": ([], ["--repeat", "1"]),
    "memory_pages": ([], ["--limit", "20"]),
    "export": ([], ["--repeat", "1"]),
    "anchoring": ([], ["--repeat", "1"]),
    "library_scale": (["--sizes", "1000,100000"], ["--sizes", "1000"]),
}


def load() -> str:
    """The 1-, 5- and 15-minute load averages (other work on the machine skews timings)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def wait_quiet(limit: float, patience: float = 600) -> None:
    """Wait (up to ``patience`` seconds) for the 1-minute load average to fall below
    ``limit``: our own runs add little, so a higher load means someone else is busy."""
    deadline = time.monotonic() + patience
    while float(load().split()[0]) >= limit and time.monotonic() < deadline:
        time.sleep(10)


def main() -> None:
    """Run the chosen benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS))
    parser.add_argument("--quiet-load", type=float, default=None, metavar="LOAD",
                        help="before each benchmark, wait for the load average to fall "
                             "below LOAD (at most 10 minutes)")
    args = parser.parse_args()
    failed = []
    try:
        for name, (full, quick) in BENCHMARKS.items():
            if args.only and name not in args.only:
                continue
            if args.quiet_load is not None:
                wait_quiet(args.quiet_load)
            print(f"\n=== {name} === (load average before: {load()})", flush=True)
            started = time.perf_counter()
            result = subprocess.run([sys.executable, str(HERE / f"{name}.py"),
                                     *(quick if args.quick else full)], check=False)
            print(f"({name}: {time.perf_counter() - started:.0f} s; load average after: "
                  f"{load()})", flush=True)
            if result.returncode:
                failed.append(name)
    finally:
        stop_server()
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
