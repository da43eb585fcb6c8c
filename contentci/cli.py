"""The ``contentci`` command line. Commands parse arguments and call the library."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from contentci import __version__
from contentci.errors import ContentciError

FAIL_ON = ("error", "warning", "info")


def _patterns(values: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return tuple(out)


def _use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="contentci")
def cli() -> None:
    """Lint written content like code: readability, balance, disclaimers, grammar."""


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--config", "config_file", metavar="FILE", help="Config file (default: nearest .contentci.toml or pyproject.toml).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True, help="Lowest severity that fails the run.")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rule ids or families (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rule ids or families (comma-separated, repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no suggestions, summary or notices.")
@click.option("--require-grammar", is_flag=True, help="Exit 2 when LanguageTool cannot be had (default: one notice).")
@click.option("--min-quality", type=click.FloatRange(1, 5), metavar="N", help="Fail health articles whose quality score (1-5) is below N (rule quality/below-minimum).")
def check(paths, config_file, fmt, fail_on, select, ignore, quiet, require_grammar, min_quality) -> None:
    """Check files and folders (default: configured paths, else the current folder)."""
    from contentci import runner
    from contentci.diagnostic import Severity

    try:
        options = runner.RunOptions(
            paths=list(paths),
            config_file=config_file,
            select=_patterns(select),
            ignore=_patterns(ignore),
            require_grammar=require_grammar,
            min_quality=min_quality,
        )
        report = runner.run(options)
    except ContentciError as exc:
        _fail(str(exc))
    from contentci.formatters import render

    out = render(fmt, report, color=_use_color(sys.stdout) and fmt == "text", quiet=quiet)
    click.echo(out, nl=False)
    if not quiet:
        for notice in report.notices:
            click.echo(f"contentci: {notice}", err=True)
    if any(f.internal_error for f in report.files):
        sys.exit(2)
    worst = report.worst()
    sys.exit(1 if worst is not None and worst.rank >= Severity(fail_on).rank else 0)


def _fail(message: str):
    click.echo(f"contentci: error: {message}", err=True)
    sys.exit(2)


@cli.command("rules")
def list_rules() -> None:
    """List every rule: id, default severity and one line of what it checks."""
    from contentci import registry

    table = registry.rules()
    width = max(len(r) for r in table)
    for rule_id in sorted(table):
        r = table[rule_id]
        click.echo(f"{rule_id:<{width}}  {r.severity.value:<7}  {r.summary}")


@cli.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print a rule's documentation (its docstring)."""
    from contentci import registry

    rule = registry.find_rule(rule_id)
    if rule is None:
        import difflib

        near = difflib.get_close_matches(rule_id, list(registry.rules()), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else "; `contentci rules` lists them"
        _fail(f"unknown rule {rule_id!r}{hint}")
    click.echo(f"{rule.id}  (default severity: {rule.severity.value})\n")
    click.echo(rule.doc)


from contentci.languagetool.commands import languagetool  # noqa: E402

cli.add_command(languagetool)


def main() -> None:
    try:
        cli(prog_name="contentci")
    except KeyboardInterrupt:
        click.echo("contentci: interrupted", err=True)
        sys.exit(130)
