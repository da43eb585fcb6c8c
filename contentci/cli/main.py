"""The ``contentci`` command line. Commands parse arguments and call the library."""

from __future__ import annotations

import os
import sys

import click

from contentci import __version__
from contentci.cli import notices
from contentci.cli.options import apply_baseline, config_option, patterns, run_options, selection_options
from contentci.core.errors import ContentciError
from contentci.output.formats import FORMATS

FAIL_ON = ("error", "warning", "info")


# Options `check` and `merge` share.
_fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Lowest severity that fails the run.",
)
_outputs_option = click.option(
    "--output-format",
    "outputs",
    multiple=True,
    metavar="FORMAT=PATH",
    help="Also write FORMAT to PATH (repeatable), e.g. sarif=contentci.sarif.",
)


_patterns = patterns


def _use_color(stream, mode: str = "auto") -> bool:
    """``--color``: always or never as asked; auto: not with ``NO_COLOR``, yes with ``FORCE_COLOR``,
    else only on a terminal."""
    if mode != "auto":
        return mode == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


# Output options `check` and `merge` share, after --format and --output-format.
_OUTPUT_OPTIONS = (
    click.option(
        "-o",
        "--output-file",
        metavar="PATH",
        help="Write the --format output to PATH instead of stdout (notices and errors stay on stderr).",
    ),
    click.option(
        "--concise",
        is_flag=True,
        help="Text: one line per finding. Default: each finding with an excerpt of its source line and "
        "^^^ under the span (also one line per finding with -q).",
    ),
    click.option(
        "--statistics",
        is_flag=True,
        help="Text: after the findings, a count per rule (most frequent first) with what it checks. "
        "Other formats keep their document as it is and the table goes to stderr.",
    ),
    click.option(
        "--color",
        "color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Colour text output; auto: on a terminal, not with NO_COLOR set, always with FORCE_COLOR. "
        "The flag wins over both. Files written with -o or --output-format are never coloured.",
    ),
    click.option(
        "--exit-zero",
        is_flag=True,
        help="Exit 0 even when findings reach --fail-on. A run that failed (a missing path, no file "
        "checked, a config error, grammar required and not checked) still exits 2.",
    ),
)


def _output_options(command):
    for option in reversed(_OUTPUT_OPTIONS):
        command = option(command)
    return command


class LazyGroup(click.Group):
    """A command group whose ``lazy`` commands ({name: "module:attribute"}) are imported only when
    one is run or ``--help`` lists them, so `contentci check` never pays for their imports."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = {}

    def list_commands(self, ctx) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx, name: str):
        if name in self.lazy and name not in self.commands:
            import importlib

            module, attribute = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="contentci")
def cli() -> None:
    """Lint written content like code: readability, balance, disclaimers, grammar."""


@cli.command()
@click.argument("paths", nargs=-1)
@config_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="Output format on stdout.",
)
@_outputs_option
@_output_options
@_fail_on_option
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no suggestions, summary or notices.")
@click.option(
    "--allow-empty",
    is_flag=True,
    help="Pass when no file is found to check (default: exit 2, since nothing was checked).",
)
@selection_options
def check(paths, config_file, fmt, outputs, fail_on, quiet, allow_empty, **selection) -> None:
    """Check files and folders (default: configured paths, else the current folder)."""
    from contentci.output import destinations as out_files
    from contentci.run import runner
    from contentci.output.progress import progress_for

    shown = {k: selection.pop(k) for k in ("output_file", "concise", "statistics", "color", "exit_zero")}
    try:
        specs = out_files.parse_output_specs(outputs)
        machine = fmt != "text" or shown["output_file"] is not None
        with progress_for(quiet=quiet, machine_output=machine) as on_file:
            options = run_options(paths, config_file, on_file=on_file, allow_empty=allow_empty, **selection)
            report = runner.run(options)
        apply_baseline(report, selection["baseline_file"])
        out = _publish(report, fmt, specs, fail_on, quiet, config_file=config_file, **shown)
    except ContentciError as exc:
        _fail(str(exc))
    _print_report(out)
    if not quiet:
        for notice in report.notices:
            notices.notice(notice)
    for problem in report.errors:
        notices.error(problem)
    _exit_for(report, fail_on, shown["exit_zero"])


def _publish(
    report, fmt: str, specs, fail_on: str, quiet: bool, *, output_file=None, concise=False, statistics=False,
    color="auto", exit_zero=False, config_file=None, resolve_configs=True,
) -> str:
    """Write the --output-format files, the -o file and the GitHub job summary; return the text
    to print (empty when -o took it)."""
    from contentci.output import destinations as out_files
    from contentci.output.formats import render
    from contentci.output.sources import Sources

    names = {fmt, *(name for name, _ in specs)}
    sources = Sources() if names & {"text", "rdjson"} else None
    options = {"fail_on": fail_on, "quiet": quiet, "concise": concise, "statistics": statistics, "sources": sources}
    if "rdjson" in names:
        options["suggestions"] = _suggestions(report, sources, config_file if resolve_configs else False)
    out_files.write_outputs(report, specs, **options)
    out_files.write_step_summary(report, fail_on=fail_on)
    if statistics and fmt != "text":
        from contentci.output.formats.text import statistics_lines

        for line in statistics_lines(report):
            click.echo(line, err=True)
    if output_file is not None:
        out_files.write_outputs(report, [(fmt, output_file)], **options)
        return ""
    return render(fmt, report, **options, color=_use_color(sys.stdout, color) and fmt == "text")


def _suggestions(report, sources, config_file) -> dict:
    """rdjson's suggestions: hype replacements, and (with the run's config) disclaimer insertions."""
    from contentci.fix.suggestions import for_report

    resolve = None
    if config_file is not False:
        from contentci.config.loading import load_config
        from contentci.core.registry import config_schema

        config = load_config(config_file, schema=config_schema())
        resolve = config.resolve_file
    return for_report(report, sources, resolve)


def _print_report(out: str) -> None:
    """``click.echo(out, nl=False)``, never stripping: the only escape codes in a report are the
    colours ``--color`` asked for (article text is escaped), and written to a pipe or file click
    would strip them with a regex pass over all of it (5 ms for 3,000 articles' findings)."""
    if out:
        click.echo(out, nl=False, color=True)


def _exit_for(report, fail_on: str, exit_zero: bool = False):
    """Exit 2 if a rule failed or the run has an error (grammar required but not checked),
    1 if anything reaches ``--fail-on`` (0 with ``--exit-zero``), else 0."""
    from contentci.core.diagnostic import Severity

    if report.errors or any(f.internal_error for f in report.files):
        sys.exit(2)
    worst = report.worst()
    failed = worst is not None and worst.rank >= Severity(fail_on).rank
    sys.exit(1 if failed and not exit_zero else 0)


def _fail(message: str):
    notices.error(message)
    sys.exit(2)


@cli.command("rules")
@click.option(
    "--profile",
    "profile",
    type=click.Choice(["health", "news", "general"]),
    default=None,
    help="Only the rules a document of this profile runs (topic-gated rules still need their topic).",
)
def list_rules(profile: str | None) -> None:
    """List every rule: id, default severity and one line of what it checks."""
    from contentci.core import registry

    table = registry.rules()
    width = max(len(r) for r in table)
    for rule_id in sorted(table):
        r = table[rule_id]
        if profile and not registry.runs_in(r, profile):
            continue
        topics = f"  [{', '.join(r.topics)} articles]" if profile and r.topics else ""
        click.echo(f"{rule_id:<{width}}  {r.severity.value:<7}  {r.summary}{topics}")


@cli.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print a rule's documentation (its docstring)."""
    from contentci.core import registry

    rule = registry.find_rule(rule_id)
    if rule is None:
        from contentci.core.text import did_you_mean

        hint = did_you_mean(rule_id, registry.rules()) or "; `contentci rules` lists them"
        _fail(f"unknown rule {rule_id!r}{hint}")
    click.echo(f"{rule.id}  (default severity: {rule.severity.value})\n")
    click.echo(rule.doc)


@cli.command("merge")
@click.argument("reports", nargs=-1, required=True)
@click.option("--format", "fmt", default="text", show_default=True, help="Any format `check` prints.")
@_fail_on_option
@_outputs_option
@_output_options
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no suggestions or summary.")
def merge_command(reports, fmt, fail_on, outputs, quiet, **shown) -> None:
    """Combine the JSON reports of `check --shard K/N` runs into one result.

    Prints it like `check` would have for all the files, writes the --output-format files and the
    GitHub job summary, and exits as `check` does (1 when a finding reaches --fail-on).
    """
    from contentci.output import destinations as out_files
    from contentci.output.merge import merge

    if fmt not in FORMATS:
        _fail(f"--format {fmt!r} is not one of {', '.join(FORMATS)}")
    try:
        specs = out_files.parse_output_specs(outputs)
        report = merge(list(reports))
        # Excerpts and rdjson columns read the files where they are now; disclaimer insertions
        # need each file's config, which a merge does not load: hype replacements only.
        out = _publish(report, fmt, specs, fail_on, quiet, resolve_configs=False, **shown)
    except ContentciError as exc:
        _fail(str(exc))
    _print_report(out)
    for problem in report.errors:
        notices.error(problem)
    _exit_for(report, fail_on, shown["exit_zero"])


@cli.command("baseline")
@click.argument("paths", nargs=-1)
@click.option(
    "-o",
    "--output",
    default=".contentci-baseline.json",
    show_default=True,
    metavar="FILE",
    help="Where to write the baseline.",
)
@click.option(
    "--config", "config_file", metavar="FILE", help="Config file (default: nearest .contentci.toml or pyproject.toml)."
)
@click.option("--select", multiple=True, metavar="RULES", help="Only these rule ids or families.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rule ids or families.")
def baseline_command(paths, output, config_file, select, ignore) -> None:
    """Record today's findings, so `check --baseline FILE` fails only on new ones."""
    from contentci.run import baseline, runner

    try:
        options = runner.RunOptions(
            paths=list(paths), config_file=config_file, select=_patterns(select), ignore=_patterns(ignore)
        )
        report = runner.run(options)
        count = baseline.write(report, output)
    except ContentciError as exc:
        _fail(str(exc))
    click.echo(
        f"contentci: recorded {count} finding{'s' if count != 1 else ''} in {len(report.files)} file{'s' if len(report.files) != 1 else ''} to {output}"
    )


# Commands in their own modules, imported only when run (or listed by --help).
cli.lazy["languagetool"] = "contentci.cli.languagetool:languagetool"
cli.lazy["report"] = "contentci.cli.report:report_command"
cli.lazy["fix"] = "contentci.cli.fix:fix_command"  # ~10 ms of imports, only for `contentci fix`
cli.lazy["show-config"] = "contentci.cli.show_config:show_config_command"
cli.lazy["server"] = "contentci.cli.server:server_command"  # needs the lsp extra (pygls)


def _tune_gc() -> None:
    """Fewer cyclic-GC passes for a short-lived, allocation-heavy process (forked workers inherit it).

    CPython collects the young generation every 700 net allocations and everything every
    100 of those; checking an article allocates hundreds of thousands of objects and the
    analyses keep large memos, so on 250 articles the collector took 2-3 s of an 8 s run
    (gc.callbacks), 0.6-0.9 s with these thresholds. Objects alive after start-up are frozen
    out of every collection. Only the command line does this; the library leaves the GC alone.
    """
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 50, 50)


def main() -> None:
    _tune_gc()
    try:
        cli(prog_name="contentci")
    except KeyboardInterrupt:
        click.echo("contentci: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug of ours: exit 2 ("error"), never 1 ("findings"), and no traceback
        import traceback

        where = traceback.extract_tb(exc.__traceback__)[-1]
        notices.error(
            f"internal error: {type(exc).__name__}: {exc} (at {os.path.basename(where.filename)}:{where.lineno}; "
            "please report it with the command that caused it)"
        )
        sys.exit(2)
