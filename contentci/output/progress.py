"""A progress bar on stderr for long runs, shown only where a person is watching.

Shown when stderr is a terminal, the output format is for people, ``--quiet``
is off and no ``CI`` variable says this is a CI log (where a redrawn bar is
noise). It never writes to stdout, so piping a report stays clean.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MIN_FILES = 2  # a single file finishes before a bar is worth drawing


def in_ci(environ=os.environ) -> bool:
    value = environ.get("CI", "").strip().lower()
    return value not in ("", "0", "false", "no")


def wanted(*, quiet: bool = False, machine_output: bool = False, stream=None, environ=os.environ) -> bool:
    stream = sys.stderr if stream is None else stream
    if quiet or machine_output or in_ci(environ):
        return False
    return bool(getattr(stream, "isatty", None) and stream.isatty())


@contextmanager
def progress_for(*, quiet: bool = False, machine_output: bool = False, stream=None) -> Iterator[Callable | None]:
    """Yield a ``runner.RunOptions.on_file`` callback drawing the bar, or None when not wanted."""
    stream = sys.stderr if stream is None else stream
    if not wanted(quiet=quiet, machine_output=machine_output, stream=stream):
        yield None
        return
    import click

    state: dict = {}

    def on_file(done: int, total: int, path: str) -> None:
        if total < MIN_FILES:
            return
        bar = state.get("bar")
        if bar is None:
            bar = click.progressbar(length=total, label="checking", file=stream, show_pos=True, width=30)
            bar.__enter__()
            state["bar"] = bar
        bar.update(1)

    try:
        yield on_file
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)
