"""``contentci merge``: combine the JSON reports of ``--shard`` runs into one report.

Each shard of a CI matrix writes ``--format json``; a final job merges them and
prints the whole result in any ``--format`` with one exit code, as if one run
had checked every file. Files are ordered by path, as a single run orders them;
a file present in two reports (overlapping shards) is an error, since the two
results might disagree.
"""

from __future__ import annotations

import json
from pathlib import Path

from contentci.core.errors import ContentciError


def load_report(path: str):
    """A :class:`~contentci.engine.check.Report` from a ``--format json`` file; ContentciError if it is not one."""
    from contentci.core.result import result_from_json
    from contentci.core.result import Report

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContentciError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ContentciError(f"{path} is not a JSON report: {exc}") from None
    except RecursionError:  # json decodes nested arrays and objects recursively
        raise ContentciError(f"{path} is not a JSON report: nested too deeply") from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("tool"), dict)
        or data["tool"].get("name") != "contentci"
        or not isinstance(data.get("files"), list)
    ):
        raise ContentciError(f"{path} is not a contentci JSON report (make it with `contentci check --format json`)")
    if data.get("version") != 1:
        raise ContentciError(f"{path}: report version {data.get('version')!r} is not supported (expected 1)")
    try:
        files = [result_from_json(f) for f in data["files"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise ContentciError(f"{path}: malformed file entry: {exc}") from None
    errors = data.get("errors", [])
    if not isinstance(errors, list) or not all(isinstance(e, str) for e in errors):
        raise ContentciError(f"{path}: errors must be a list of strings")
    not_checked = data.get("not_checked")
    if not isinstance(not_checked, dict):
        not_checked = {}
    return Report(files, errors=errors, not_checked={str(k): str(v) for k, v in not_checked.items()})


def merge(paths: list[str]):
    from contentci.core.result import Report

    if not paths:
        raise ContentciError("merge needs at least one JSON report")
    seen: dict[str, str] = {}
    files, errors = [], []
    not_checked: dict[str, str] = {}  # a family one shard could not check was not checked for the whole
    for path in paths:
        shard = load_report(path)
        errors += shard.errors  # a shard that could not check everything fails the merged run
        for family, reason in shard.not_checked.items():
            not_checked.setdefault(family, reason)
        for result in shard.files:
            if result.path in seen:
                raise ContentciError(
                    f"{result.path} is in both {seen[result.path]} and {path}; shards must not overlap"
                )
            seen[result.path] = path
            files.append(result)
    files.sort(key=lambda f: f.path)
    return Report(files, errors=errors, not_checked=not_checked)
