"""Which files a run checks: explicit files, folders walked for included globs, excludes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from contentci.config import Config, glob_match

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", "venv", ".venv", "env", ".tox", ".nox", "site-packages"}


@dataclass(frozen=True)
class Target:
    path: Path  # as found on disk
    display: str  # what reports show: relative to the working folder when inside it
    relpath: str  # relative to the config root, for globs and overrides


def _display(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd).as_posix() if path.is_absolute() else path.as_posix().removeprefix("./")
    except ValueError:
        return path.as_posix()


def _relpath(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def discover(paths: list[str], config: Config, cwd: Path | None = None) -> tuple[list[Target], list[str]]:
    """Targets to check, sorted and de-duplicated, and problems with the given paths."""
    cwd = (cwd or Path.cwd()).resolve()
    found: dict[str, Target] = {}
    problems: list[str] = []

    def excluded(rel: str) -> bool:
        return any(glob_match(g, rel) for g in config.exclude)

    def add(path: Path) -> None:
        t = Target(path, _display(path, cwd), _relpath(path, config.root))
        found.setdefault(t.display, t)

    for raw in paths:
        p = Path(raw)
        if p.is_file() or (p.exists() and not p.is_dir()):
            if not excluded(_relpath(p, config.root)):
                add(p)
        elif p.is_dir():
            for folder, dirs, files in os.walk(p):
                fpath = Path(folder)
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".")
                    and d not in SKIP_DIRS
                    and not (fpath / d / "pyvenv.cfg").exists()
                    and not excluded(_relpath(fpath / d, config.root))
                )
                for name in sorted(f for f in files if not f.startswith(".")):
                    child = fpath / name
                    rel = _relpath(child, config.root)
                    if any(glob_match(g, rel) for g in config.include) and not excluded(rel):
                        add(child)
        elif p.is_symlink():
            problems.append(f"{raw}: broken symbolic link")
        else:
            problems.append(f"{raw}: no such file or folder")
    return sorted(found.values(), key=lambda t: t.display), problems
