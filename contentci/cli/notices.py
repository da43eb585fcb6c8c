"""Every line contentci writes to stderr, escaped: notices quote file names, config values and
article text, which must not start a CI command or reach the terminal as escape codes."""

from __future__ import annotations

import click

from contentci.core.escape import one_line


def notice(message: str) -> None:
    """``contentci: message`` on stderr, on one line."""
    click.echo(f"contentci: {one_line(message)}", err=True)


def error(message: str) -> None:
    """``contentci: error: message`` on stderr, on one line."""
    click.echo(f"contentci: error: {one_line(message)}", err=True)
