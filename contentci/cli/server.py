"""``contentci server``: the language server for editors (LSP over stdio; needs ``contentci[lsp]``)."""

from __future__ import annotations

import sys

import click

from contentci.cli import notices


@click.command("server")
@click.option(
    "--debounce",
    type=click.FloatRange(0, 10),
    default=0.3,
    show_default=True,
    metavar="SECONDS",
    help="Wait this long after the last keystroke before checking a changed document.",
)
def server_command(debounce: float) -> None:
    """Run the language server on stdin/stdout: findings as you type, fixes as code actions,
    rule explanations on hover. Start it from your editor (README, "In your editor")."""
    try:
        from contentci.cli import lsp
    except ImportError as exc:
        notices.error(f"contentci server needs the lsp extra: pip install 'contentci[lsp]' ({exc})")
        sys.exit(2)
    lsp.serve(debounce)
