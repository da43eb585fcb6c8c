"""``contentci report PATHS -o report.html``: check, then write an audit page for people."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from contentci.cli import notices
from contentci.cli.options import apply_baseline, config_option, run_options, selection_options
from contentci.core.errors import ContentciError
from contentci.core.text import plural


@click.command("report")
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", metavar="FILE", help="Write the report here (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default="html", show_default=True)
@click.option("--title", default="contentci report", show_default=True, help="Heading of the report.")
@click.option(
    "--compare",
    "compare_file",
    metavar="OLD.json",
    help="A JSON report of an earlier run (`check --format json`): show what got better and worse since.",
)
@config_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no notices.")
@selection_options
def report_command(paths, output, fmt, title, compare_file, config_file, quiet, **selection) -> None:
    """Check files and write one self-contained report: overview, charts, every article's findings.

    The HTML page embeds its charts and loads nothing from the network, so it
    opens offline and can be attached to a ticket. Exit 0 when the report was
    written (whatever it found), 2 when it could not be.
    """
    from contentci.run import runner
    from contentci.output.progress import progress_for
    from contentci.output.report import render_html, render_markdown
    from contentci.output.report.charts import NO_CHARTS, available as charts_available

    try:
        previous = None
        if compare_file:
            from contentci.output.merge import load_report

            previous = load_report(compare_file)  # read before the run: a bad file fails fast
        with progress_for(quiet=quiet) as on_file:
            # An audit of nothing is still a page that says so (check fails on it; report does not).
            options = run_options(paths, config_file, on_file=on_file, allow_empty=True, **selection)
            report = runner.run(options)
        apply_baseline(report, selection["baseline_file"])
        page = (render_html if fmt == "html" else render_markdown)(report, title=title, previous=previous)
    except ContentciError as exc:
        notices.error(str(exc))
        sys.exit(2)
    if output is None or output == "-":
        click.echo(page, nl=False)
    else:
        try:
            Path(output).write_text(page, encoding="utf-8")
        except OSError as exc:
            notices.error(f"cannot write {output}: {exc.strerror or exc}")
            sys.exit(2)
        if not quiet:
            s = report.summary
            notices.notice(
                f"wrote {output} ({plural(s['files'], 'article')}, {plural(s['errors'], 'error')}, "
                f"{plural(s['warnings'], 'warning')})"
            )
    if fmt == "html" and not charts_available():
        notices.notice(NO_CHARTS)  # said even with --quiet: the page is missing something
    if not quiet:
        for notice in report.notices:
            notices.notice(notice)
    for problem in report.errors:
        notices.error(problem)
    if report.errors or any(f.internal_error for f in report.files):
        sys.exit(2)

