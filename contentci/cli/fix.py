"""``contentci fix [PATHS]``: insert missing disclaimers (and, if asked, plain words), or show the diff."""

from __future__ import annotations

import sys

import click

from contentci.cli import notices
from contentci.core.errors import ContentciError, DocumentError


@click.command("fix")
@click.argument("paths", nargs=-1)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print a unified diff and write nothing; exit 1 when there would be changes.",
)
@click.option(
    "--unsafe-fixes", is_flag=True, help="Also swap long words for plain ones (data/plain_words.txt) in prose."
)
@click.option(
    "--config", "config_file", metavar="FILE", help="Config file (default: nearest .contentci.toml or pyproject.toml)."
)
@click.option("-q", "--quiet", is_flag=True, help="Say nothing but errors.")
def fix_command(paths, show_diff, unsafe_fixes, config_file, quiet) -> None:
    """Insert missing required disclaimers from their templates at their configured placement.

    Claims are never rewritten and existing text is never moved. Files are
    written atomically with their encoding, BOM, line endings (LF, CRLF or CR)
    and final newline kept; a file with hard links is written in place so every
    name sees the fix; a file that changes on disk meanwhile is left alone;
    temp files of an earlier, killed fix are removed. Exit 0 when done
    (or, with --diff, when nothing would change), 1 when --diff found changes,
    2 on errors.
    """
    from contentci.config.loading import load_config
    from contentci.core.registry import config_schema
    from contentci.run.discover import discover
    from contentci.fix import plan_bytes
    from contentci.fix.safe_write import clean_stale, replace, snapshot

    def say(message: str) -> None:
        if not quiet:
            notices.notice(message)

    try:
        config = load_config(config_file, schema=config_schema())
        targets, problems = discover(list(paths) or [str(config.root / p) for p in config.paths] or ["."], config)
    except ContentciError as exc:
        notices.error(str(exc))
        sys.exit(2)
    for problem in problems:
        notices.error(problem)
    failed, changed = len(problems), 0
    for target in targets:
        try:
            if not show_diff:  # temp files a killed earlier fix left beside it (--diff writes nothing)
                clean_stale(target.path, target.display)
            snap = snapshot(target.path, config.root)
            plan = plan_bytes(target.display, snap.data, config.resolve_file(target.fspath, target.relpath), unsafe=unsafe_fixes)
            if plan.changed and not show_diff:
                replace(snap, plan.fixed, target.display)
        except DocumentError as exc:
            notices.error(f"{target.display}: cannot fix: {exc}")
            failed += 1
            continue
        except OSError as exc:
            notices.error(f"{target.display}: {exc.strerror or exc}")
            failed += 1
            continue
        except ContentciError as exc:
            notices.error(str(exc))
            failed += 1
            continue
        for note in plan.notes:
            say(f"{target.display}: not fixed: {note}")
        if not plan.changed:
            continue
        changed += 1
        if show_diff:
            from contentci.document.parse import decode

            click.echo(plan.diff(decode(plan.original)[2]), nl=False)
        else:
            for line in plan.applied:
                say(f"{target.display}: {line}")
    verb = "would fix" if show_diff else "fixed"
    say(f"{verb} {changed} of {len(targets)} file{'' if len(targets) == 1 else 's'}")
    if failed:
        sys.exit(2)
    sys.exit(1 if show_diff and changed else 0)
