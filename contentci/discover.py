"""Which files a run checks: explicit files, folders walked for included globs, excludes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from contentci.config import Config, glob_match

SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "__pycache__",
    "venv",
    ".venv",
    "env",
    ".tox",
    ".nox",
    "site-packages",
}


@dataclass(frozen=True)
class Target:
    path: Path  # as found on disk
    display: str  # what reports show: relative to the working folder when inside it
    relpath: str  # relative to the config root, for globs and overrides


def _resolve(path: Path, folders: dict[Path, Path] | None = None) -> Path:
    """``path.resolve()``, resolving each folder once (a walk of 3,000 files took 0.5 s of lstat calls).

    Never raises: a symbolic link loop resolves to the absolute path, and reading it
    later reports the loop for that file.
    """
    try:
        if folders is not None and not path.is_symlink():
            parent = folders.get(path.parent)
            if parent is None:
                parent = folders[path.parent] = path.parent.resolve()
            return parent / path.name
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _loops(path: Path) -> bool:
    import errno

    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _under(path: str, base: str) -> str | None:
    """``path`` relative to folder ``base`` in posix form, or None when it is not inside."""
    if path == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if path.startswith(prefix):
        return path[len(prefix) :].replace(os.sep, "/")
    return None


def _display(path: Path, cwd: Path, resolved: Path | None = None) -> str:
    try:
        return (
            (resolved or _resolve(path)).relative_to(cwd).as_posix()
            if path.is_absolute()
            else path.as_posix().removeprefix("./")
        )
    except ValueError:
        return path.as_posix()


def _relpath(path: Path, root: Path, resolved: Path | None = None) -> str:
    try:
        return (resolved or _resolve(path)).relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def discover(paths: list[str], config: Config, cwd: Path | None = None) -> tuple[list[Target], list[str]]:
    """Targets to check, sorted and de-duplicated, and problems with the given paths."""
    cwd = (cwd or Path.cwd()).resolve()
    found: dict[str, Target] = {}
    problems: list[str] = []

    def excluded(rel: str) -> bool:
        return any(glob_match(g, rel) for g in config.exclude)

    root = str(config.root.resolve()) if config.root.is_absolute() else str(config.root)

    def add(path: Path, resolved: Path | None = None) -> None:
        t = Target(path, _display(path, cwd, resolved), _relpath(path, config.root, resolved))
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
                real = str(_resolve(fpath))  # each folder resolved once; files by string (3,000 Paths cost 0.3 s)
                for name in sorted(f for f in files if not f.startswith(".")):
                    child = os.path.join(folder, name)
                    resolved = str(_resolve(Path(child))) if os.path.islink(child) else os.path.join(real, name)
                    rel = _under(resolved, root) or Path(child).as_posix()
                    if any(glob_match(g, rel) for g in config.include) and not excluded(rel):
                        shown = (
                            (_under(resolved, str(cwd)) or Path(child).as_posix())
                            if p.is_absolute()
                            else Path(child).as_posix().removeprefix("./")
                        )
                        found.setdefault(shown, Target(Path(child), shown, rel))
        elif p.is_symlink():
            problems.append(f"{raw}: {'symbolic link loop' if _loops(p) else 'broken symbolic link'}")
        else:
            problems.append(f"{raw}: no such file or folder")
    return sorted(found.values(), key=lambda t: t.display), problems
