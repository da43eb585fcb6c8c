"""``contentci languagetool install|start|stop|status``: thin click commands over the library."""

from __future__ import annotations

import json
import sys

import click

from contentci.cli import notices


def _fail(message: str):
    notices.error(message)
    sys.exit(2)


@click.group()
def languagetool() -> None:
    """Install and run the LanguageTool server that grammar/* rules use."""


@languagetool.command()
@click.option("--force", is_flag=True, help="Download again even if a verified install exists.")
def install(force: bool) -> None:
    """Fetch an English LanguageTool from Maven Central into the user cache (Java 17+, Maven)."""
    from contentci.core.errors import ContentciError
    from contentci.services.languagetool import install as lt_install

    try:
        folder = lt_install.install(force=force, say=lambda s: notices.notice(s))
    except ContentciError as exc:
        _fail(str(exc))
    click.echo(str(folder))


@languagetool.command()
@click.option("--port", type=int, default=8081, show_default=True, help="Preferred port; a busy one is skipped.")
@click.option("--xmx", default=None, metavar="SIZE", help="Java heap, e.g. 1g (default: languagetool.xmx, else 1g).")
def start(port: int, xmx: str | None) -> None:
    """Start one background server that later `check` runs reuse (until `stop`)."""
    from contentci.core.errors import ContentciError
    from contentci.services.languagetool import server

    existing = server.running()
    if existing:
        click.echo(f"LanguageTool already running at {existing.url} (pid {existing.pid})")
        return
    try:
        settings = _configured()
        srv = server.start(
            shared=True,
            xmx=xmx or settings.get("xmx") or "1g",
            port=port,
        )
    except ContentciError as exc:
        _fail(str(exc))
    click.echo(f"LanguageTool {srv.version} running at {srv.url} (pid {srv.pid})")


def _configured() -> dict:
    """The ``[languagetool]`` settings of the nearest config (defaults when it cannot be read)."""
    from contentci.config.loading import load_config
    from contentci.core.registry import config_schema
    from contentci.core.errors import ContentciError

    try:
        return load_config(schema=config_schema()).resolve("").section("languagetool")
    except ContentciError:
        return {}


@languagetool.command()
def stop() -> None:
    """Stop the background server started by `start`."""
    from contentci.services.languagetool import server

    srv = server.stop_shared()
    if srv is None:
        click.echo("no LanguageTool server of contentci is running")
        return
    click.echo(f"stopped LanguageTool at {srv.url} (pid {srv.pid})")


@languagetool.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status(as_json: bool) -> None:
    """Say whether LanguageTool is installed and running (exit 1 when not running)."""
    from contentci.services.languagetool import server

    info = server.status()
    if as_json:
        click.echo(json.dumps(info, indent=2))
    else:
        click.echo(
            f"LanguageTool {info['version']}: {'installed' if info['installed'] else 'not installed'} in {info['folder']}"
        )
        click.echo(
            f"server: running at {info['url']} (pid {info['pid']})" if info["running"] else "server: not running"
        )
    sys.exit(0 if info["running"] else 1)
