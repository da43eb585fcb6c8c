"""A run: load config, discover files, check each, collect a Report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from contentci.config import load_config
from contentci.discover import discover
from contentci.engine import FileResult, Report, Selection, check_bytes, unreadable
from contentci.errors import ConfigError


@dataclass
class RunOptions:
    paths: list[str] = field(default_factory=list)
    config_file: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    changed_only: bool = False  # only files changed against a git base
    base: str | None = None  # that base (default: merge base with the default branch)
    diff_lines: bool = False  # only findings on changed lines (implies changed_only)
    report_unused_suppressions: bool = False


def _validate_patterns(patterns: tuple[str, ...], flag: str) -> None:
    from contentci import registry

    for p in patterns:
        if not registry.known_pattern(p):
            import difflib

            near = difflib.get_close_matches(p, [r.removesuffix("/*") for r in registry.rules()], n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise ConfigError(f"{flag} {p!r} names no rule or family{hint}")


def _narrow(result: FileResult, options: RunOptions, changes, target) -> None:
    """Drop what this run does not report: unused suppressions unless asked, unchanged lines."""
    if not options.report_unused_suppressions:
        from contentci.suppress import UNUSED

        result.diagnostics = [d for d in result.diagnostics if d.rule != UNUSED]
    if options.diff_lines and changes is not None:
        from contentci import scope

        scope.keep_changed_lines(result, changes.lines(str(target.path)))


def run(options: RunOptions) -> Report:
    config = load_config(options.config_file)
    _validate_patterns(options.select, "--select")
    _validate_patterns(options.ignore, "--ignore")
    selection = Selection(options.select, options.ignore)
    paths = options.paths or [str(config.root / p) for p in config.paths] or ["."]
    targets, problems = discover(paths, config)
    changes = None
    if options.changed_only or options.diff_lines:
        from contentci import scope

        changes = scope.changes(options.base)
        targets = [t for t in targets if changes.changed(t.path)]
    results: list[FileResult] = []
    for target in targets:
        try:
            data = target.path.read_bytes()
        except OSError as exc:
            results.append(unreadable(target.display, exc.strerror or str(exc)))
            continue
        results.append(check_bytes(target.display, data, config.resolve(target.relpath), selection))
    for target, result in zip(targets, results):
        _narrow(result, options, changes, target)
    report = Report(results)
    report.notices.extend(problems)
    if not targets:
        report.notices.append("no changed files to check" if changes is not None else "no files to check")
    return report
