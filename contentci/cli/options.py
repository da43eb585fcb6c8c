"""The options that choose what a run checks, shared by ``check`` and ``report`` (defined once)."""

from __future__ import annotations

import click


def patterns(values: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return tuple(out)


config_option = click.option(
    "--config", "config_file", metavar="FILE", help="Config file (default: nearest .contentci.toml or pyproject.toml)."
)

# Everything after PATHS and --config that selects what is checked and how, in --help order.
SELECTION = (
    click.option(
        "--select", multiple=True, metavar="RULES", help="Only these rule ids or families (comma-separated, repeatable)."
    ),
    click.option(
        "--ignore", multiple=True, metavar="RULES", help="Skip these rule ids or families (comma-separated, repeatable)."
    ),
    click.option("--changed-only", is_flag=True, help="Only files changed against a git base (see --base)."),
    click.option(
        "--base",
        metavar="REF",
        help="Git base for --changed-only/--diff-lines (default: merge base with the default branch).",
    ),
    click.option(
        "--diff-lines",
        is_flag=True,
        help="Only findings on changed lines (implies --changed-only); document-level findings are kept.",
    ),
    click.option(
        "--baseline",
        "baseline_file",
        metavar="FILE",
        help="Report only findings not recorded in this baseline (see `contentci baseline`).",
    ),
    click.option(
        "--report-unused-suppressions", is_flag=True, help="Report suppression comments that suppressed nothing."
    ),
    click.option(
        "--require-grammar",
        is_flag=True,
        help="Exit 2 when grammar could not be checked for every file (LanguageTool missing, dead, hung or "
        "broken); other findings and output files are still written. Implied by --select grammar. "
        "Default: one notice, and the exit code follows the other findings.",
    ),
    click.option(
        "--min-quality",
        type=click.FloatRange(1, 5),
        metavar="N",
        help="Fail health articles whose quality score (1-5) is below N (rule quality/below-minimum).",
    ),
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=0),
        default=0,
        metavar="N",
        help="Worker processes (default 0: one per core; 1: no pool).",
    ),
    click.option("--no-cache", is_flag=True, help="Check every file again instead of reusing cached results."),
    click.option(
        "--shard", metavar="K/N", help="Check only shard K of N (a deterministic split by path, for CI matrices)."
    ),
)

SELECTION_NAMES = (
    "select",
    "ignore",
    "changed_only",
    "base",
    "diff_lines",
    "baseline_file",
    "report_unused_suppressions",
    "require_grammar",
    "min_quality",
    "jobs",
    "no_cache",
    "shard",
)


def selection_options(command):
    for option in reversed(SELECTION):
        command = option(command)
    return command


def run_options(paths, config_file, *, on_file, allow_empty, select, ignore, changed_only, base, diff_lines,
                report_unused_suppressions, require_grammar, min_quality, jobs, no_cache, shard, **_unused):
    """runner.RunOptions from the shared options (``baseline_file`` is applied after the run)."""
    from contentci.run import runner

    parsed = None
    if shard is not None:
        from contentci.run.shard import parse

        parsed = parse(shard)
    return runner.RunOptions(
        paths=list(paths),
        config_file=config_file,
        select=patterns(select),
        ignore=patterns(ignore),
        changed_only=changed_only,
        base=base,
        diff_lines=diff_lines,
        report_unused_suppressions=report_unused_suppressions,
        require_grammar=require_grammar,
        allow_empty=allow_empty,
        min_quality=min_quality,
        on_file=on_file,
        jobs=jobs or None,
        cache=not no_cache,
        shard=parsed,
    )


def apply_baseline(report, baseline_file) -> None:
    if baseline_file:
        from contentci.run import baseline

        baseline.apply(report, baseline_file)
