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
    jobs: int | None = None  # worker processes; None: all cores; 1: in-process
    cache: bool = True
    shard: tuple[int, int] | None = None  # (K, N): only shard K of N


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
    paths = options.paths or [str(config.root / p) for p in config.paths] or ["."]
    targets, problems = discover(paths, config)
    if options.shard:
        from contentci import shard

        targets = shard.select(targets, *options.shard)
    results = _check_targets(targets, config, selection, options, paths)
    report = Report(results)
    report.notices.extend(problems)
    if not targets:
        report.notices.append("no files to check")
    return report


def _check_targets(targets, config, selection, options: RunOptions, paths) -> list[FileResult]:
    """Cache, then a process pool for the rest (see :mod:`contentci.parallel`)."""
    from contentci import parallel

    cache = None
    if options.cache and targets:
        from contentci.cache import ResultCache

        cache = ResultCache.open(config.root)
    jobs = [parallel.Job(t.display, t.path, config.resolve(t.relpath)) for t in targets]
    scope = "\0".join([str(Path.cwd()), *paths, repr(options.shard)])
    return parallel.check_jobs(jobs, selection, workers=options.jobs, cache=cache, scope=cache.scope(scope) if cache else "")
