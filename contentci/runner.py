"""A run: load config, discover files, check each, collect a Report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

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
    min_quality: float | None = None  # quality/below-minimum threshold (1-5)
    # Called as on_file(done, total, path) after each file: progress display hooks in here.
    on_file: Callable[[int, int, str], None] | None = None


def _validate_patterns(patterns: tuple[str, ...], flag: str) -> None:
    from contentci import registry

    for p in patterns:
        if not registry.known_pattern(p):
            import difflib

            near = difflib.get_close_matches(p, [r.removesuffix("/*") for r in registry.rules()], n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise ConfigError(f"{flag} {p!r} names no rule or family{hint}")


def run(options: RunOptions) -> Report:
    config = load_config(options.config_file)
    _validate_patterns(options.select, "--select")
    _validate_patterns(options.ignore, "--ignore")
    selection = Selection(options.select, options.ignore)
    services = {"min_quality": options.min_quality} if options.min_quality is not None else {}
    paths = options.paths or [str(config.root / p) for p in config.paths] or ["."]
    targets, problems = discover(paths, config)
    results: list[FileResult] = []
    for target in targets:
        try:
            data = target.path.read_bytes()
        except OSError as exc:
            results.append(unreadable(target.display, exc.strerror or str(exc)))
        else:
            results.append(check_bytes(target.display, data, config.resolve(target.relpath), selection, services))
        if options.on_file is not None:
            options.on_file(len(results), len(targets), target.display)
    report = Report(results)
    report.notices.extend(problems)
    if not targets:
        report.notices.append("no files to check")
    return report
