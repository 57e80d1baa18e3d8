"""The command line's console: standard logging to standard error at a level the user picks, and progress
bars (tqdm) that show only on a terminal.

Standard output is kept for results (tables, JSON lines), so that a piped command's output stays
machine-clean: log lines and bars go to standard error, and a bar is drawn only when standard error is
a terminal (not in CI logs, not when redirected to a file) and the log level lets INFO through
(`--quiet` hides them). Library modules log through `logging.getLogger(__name__)` and never print;
without configure_logging (the library used from Python) only warnings reach Python's last-resort
handler, and no bar is drawn.
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

LOGGER_NAME = "dateline"
QUIET, NORMAL, VERBOSE = -1, 0, 1
_LEVELS = {QUIET: logging.WARNING, NORMAL: logging.INFO, VERBOSE: logging.DEBUG}
_FORMATS = {QUIET: "%(message)s", NORMAL: "%(message)s", VERBOSE: "%(levelname)s %(name)s: %(message)s"}
_HANDLER_NAME = "dateline-console"

T = TypeVar("T")


def add_verbosity_options(parser: argparse.ArgumentParser) -> None:
    """-q/--quiet and -v/--verbose on a command (one of them at most)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=QUIET, default=NORMAL,
                       help="print only warnings and errors on standard error (no progress bar)")
    group.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=VERBOSE,
                       help="print debugging detail on standard error")


def add_verbosity_options_everywhere(parser: argparse.ArgumentParser) -> None:
    """add_verbosity_options on every command that runs (the leaves of nested subcommands), once each."""
    seen: set[int] = set()
    pending = [parser]
    while pending:
        current = pending.pop()
        commands = [a for a in current._actions if isinstance(a, argparse._SubParsersAction)]
        if not commands:
            if id(current) not in seen and not any("--quiet" in a.option_strings for a in current._actions):
                add_verbosity_options(current)
            seen.add(id(current))
            continue
        for action in commands:
            pending.extend(action.choices.values())


def configure_logging(verbosity: int = NORMAL) -> None:
    """Send the `dateline` loggers' records at the chosen level to standard error, one line each."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(_LEVELS[verbosity])
    for handler in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
        logger.removeHandler(handler)
    handler = _StandardError()
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(_FORMATS[verbosity]))
    logger.addHandler(handler)
    logger.propagate = False


class _StandardError(logging.StreamHandler):
    """A handler writing to whatever sys.stderr is when a record comes, not when it was made (a test's
    captured stream, or a caller's redirection, may have been swapped since)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def bars_shown() -> bool:
    """Whether progress bars are drawn: standard error is a terminal and INFO is logged."""
    stream = sys.stderr
    return bool(getattr(stream, "isatty", None) and stream.isatty()) and \
        logging.getLogger(LOGGER_NAME).isEnabledFor(logging.INFO)


def progress(items: Iterable[T], *, total: int | None = None, desc: str | None = None,
             unit: str = "file") -> Iterator[T]:
    """`items`, with a progress bar on standard error when bars_shown(); the bar is removed when done."""
    return iter(tqdm(items, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False,
                     disable=not bars_shown(), dynamic_ncols=True))


def run_command(handler, args: argparse.Namespace) -> int:
    """Run a command's handler, turning what the user's world can cause into one line and an exit code:
    a file or folder the system refuses (OSError: missing, unreadable, not writable, disk full) is one
    line on standard error and 1; Ctrl-C is one line and 130; a reader that closed the pipe (`| head`)
    ends the command quietly with 141, as a shell's SIGPIPE would. With -v the traceback is kept."""
    words = [getattr(args, key, None) for key in ("command", "audit_command")]
    name = " ".join(["dateline", *(word for word in words if isinstance(word, str))])
    try:
        return handler(args)
    except BrokenPipeError:
        _silence_stdout()
        return 141
    except KeyboardInterrupt:
        print(f"{name}: interrupted", file=sys.stderr)
        return 130
    except OSError as error:
        if getattr(args, "verbosity", NORMAL) == VERBOSE:
            raise
        print(f"{name}: {error}", file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    """Point standard output at the null device, so that Python's flush at exit meets no closed pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
