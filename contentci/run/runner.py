"""A run: load config, discover files, check each, collect a Report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from contentci.config.loading import load_config
from contentci.core.registry import config_schema
from contentci.run.discover import discover
from contentci.core.result import FileResult, Report, Selection
from contentci.core.errors import ConfigError
from contentci.core.text import did_you_mean


@dataclass
class RunOptions:
    paths: list[str] = field(default_factory=list)
    config_file: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    jobs: int | None = None  # worker processes; None: all cores; 1: in-process
    cache: bool = True
    shard: tuple[int, int] | None = None  # (K, N): only shard K of N
    changed_only: bool = False  # only files changed against a git base
    base: str | None = None  # that base (default: merge base with the default branch)
    diff_lines: bool = False  # only findings on changed lines (implies changed_only)
    report_unused_suppressions: bool = False
    require_grammar: bool = False
    allow_empty: bool = False  # a run that checks no file passes (else it is an error: nothing was checked)
    min_quality: float | None = None  # quality/below-minimum threshold (1-5)
    # Called as on_file(done, total, path) after each file: progress display hooks in here.
    on_file: Callable[[int, int, str], None] | None = None


def _validate_patterns(patterns: tuple[str, ...], flag: str) -> None:
    from contentci.core import registry

    for p in patterns:
        if not registry.known_pattern(p):
            hint = did_you_mean(p, [r.removesuffix("/*") for r in registry.rules()])
            raise ConfigError(f"{flag} {p!r} names no rule or family{hint}")


_rule_of = attrgetter("rule")


def _narrow(result: FileResult, options: RunOptions, changes, target) -> None:
    """Drop what this run does not report: unused suppressions unless asked, unchanged lines."""
    if not options.report_unused_suppressions:
        from contentci.engine.suppress import UNUSED

        if UNUSED in map(_rule_of, result.diagnostics):  # (most files have none: no new list)
            result.diagnostics = [d for d in result.diagnostics if d.rule != UNUSED]
    if options.diff_lines and changes is not None:
        from contentci.run import scope

        scope.keep_changed_lines(result, changes.lines(target.fspath))


def run(options: RunOptions) -> Report:
    config = load_config(options.config_file, schema=config_schema())
    if options.min_quality is not None:
        config.set_from_command_line("quality", "min_score", float(options.min_quality))
    _validate_patterns(options.select, "--select")
    _validate_patterns(options.ignore, "--ignore")
    selection = Selection(options.select, options.ignore)
    paths = options.paths or [str(config.root / p) for p in config.paths] or ["."]
    targets, problems = discover(paths, config)
    found_any = bool(targets)  # before a shard or the git scope narrows them (an empty shard is fine)
    if options.shard:
        from contentci.run import shard

        targets = shard.select(targets, *options.shard)
    changes = None
    if options.changed_only or options.diff_lines:
        from contentci.run import scope

        changes = scope.changes(options.base)
        targets = [t for t in targets if changes.changed(t.fspath)]
    from contentci.services.languagetool import service as grammar_service

    grammar = _grammar_plan(config, selection, options)
    with grammar_service.for_run(grammar["languagetool"], wanted=grammar["wanted"], cache=grammar["cache"]) as services:
        results, run_notices = _check_targets(targets, config, selection, options, paths, services)
        service = services.get("languagetool")
    for target, result in zip(targets, results):
        _narrow(result, options, changes, target)
    report = Report(results)
    report.notices.extend(config.notices)
    report.notices.extend(run_notices)
    _grammar_outcome(report, service, grammar["required"])
    report.errors.extend(problems)
    if not found_any and not options.allow_empty and not report.errors:
        report.errors.append("no files to check (--allow-empty makes that a pass)")
    elif not targets:  # none found, allowed; or a shard or the changed files held none
        report.notices.append("no changed files to check" if changes is not None else "no files to check")
    return report


def _grammar_plan(config, selection: Selection, options: RunOptions) -> dict:
    """Whether this run may need LanguageTool, whether it must have it, and how to reach it.

    Grammar is *required* (not checked means exit 2) when asked for: ``--require-grammar``,
    ``grammar.required = true``, ``CONTENTCI_GRAMMAR=required``, or ``--select`` naming grammar or
    a grammar rule (someone who selects grammar wants grammar, not a green run without it).
    Otherwise it is on by default and not checking it is a notice.
    """
    from contentci.services.languagetool.service import mode as grammar_mode

    base = config.resolve("")
    mode = grammar_mode()
    wanted = mode != "off" and selection.allows_family("grammar")
    selected = any(p.rstrip("/").split("/", 1)[0] == "grammar" for p in options.select)
    required = options.require_grammar or mode == "required" or base.section("grammar").get("required", False)
    return {
        "wanted": wanted,
        "required": bool((required or selected) and wanted),
        "languagetool": base.section("languagetool"),
        "cache": base.section("grammar").get("cache", True),
    }


def _grammar_outcome(report: Report, service, required: bool) -> None:
    """Files whose grammar could not be checked: the report's ``not_checked`` marker, and one
    notice (a warning), or one error (exit 2, after the outputs are written) when grammar was required."""
    if service is None or not service.unchecked:
        return
    reason = service.reason or "LanguageTool could not be used"
    report.not_checked["grammar"] = reason
    missed = len(service.unchecked)
    where = "" if missed >= service.files else f" in {missed} of {service.files} files"
    if required:
        report.errors.append(f"grammar is required but was not checked{where}: {reason}")
    else:
        report.notices.append(
            f"grammar not checked{where}: {reason} (--ignore grammar skips it without this notice)"
        )


def _check_targets(
    targets, config, selection, options: RunOptions, paths, services
) -> tuple[list[FileResult], list[str]]:
    """Cache, then a process pool for the rest (see :mod:`contentci.run.parallel`); and notices when
    ``--jobs`` asked for more workers than a run starts or the cache folder could not be used."""
    from contentci.run import parallel

    workers, jobs_notice = parallel.capped_workers(options.jobs)
    cache, cache_notices = None, []
    if options.cache and targets:
        from contentci.run.cache import ResultCache

        cache = ResultCache.open(config.root, cache_notices)
    jobs = [parallel.Job(t.display, t.fspath, config.resolve_file(t.fspath, t.relpath)) for t in targets]
    scope = "\0".join([str(Path.cwd()), *paths, repr(options.shard), repr(options.changed_only or options.diff_lines)])
    progress = None
    if options.on_file is not None:
        done = [0]

        def progress(result: FileResult) -> None:
            done[0] += 1
            options.on_file(done[0], len(jobs), result.path)

    results = parallel.check_jobs(
        jobs,
        selection,
        services,
        workers=workers,
        cache=cache,
        scope=cache.scope(scope) if cache else "",
        progress=progress,
    )
    notices = ([jobs_notice] if jobs_notice else []) + cache_notices + (cache.notices if cache else [])
    return results, notices
