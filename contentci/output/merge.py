"""``contentci merge``: combine the JSON reports of ``--shard`` runs into one report.

Each shard of a CI matrix writes ``--format json``; a final job merges them and
prints the whole result in any ``--format`` with one exit code, as if one run
had checked every file. Files are ordered by path, as a single run orders them;
a file present in two reports (overlapping shards) is an error, since the two
results might disagree.

Shard reports are artifacts other jobs (and so a pull request) can influence: each is checked
against the published schema (``contentci/data/report.schema.json``) before use, strictly
(integers are integers, not ``1.0`` or ``true``; no lone surrogates in any string; the same
contentci version as this one), and a bad one is an error naming the file and the field.
"""

from __future__ import annotations

import json

from contentci.core.errors import ContentciError

# A report is about 1 KiB an article (with each finding's paragraph); 64 MiB holds ~50,000 articles
# and bounds the memory one crafted shard can take (decoded JSON is ~8x its text).
REPORT_LIMIT = 64 * 2**20


def load_report(path: str):
    """A :class:`~contentci.engine.check.Report` from a ``--format json`` file; ContentciError if it is not one."""
    from contentci.core.result import result_from_json
    from contentci.core.result import Report

    from contentci.core.files import read_regular, size_text

    try:
        data = json.loads(read_regular(path, REPORT_LIMIT).decode("utf-8"))
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
    version = data.get("version")
    if type(version) is not int or version != 1:
        raise ContentciError(f"{path}: version: report version {version!r} is not supported (expected 1)")
    problem = report_problem(data)
    if problem:
        raise ContentciError(f"{path}: {problem}")
    files = [result_from_json(f) for f in data["files"]]
    return Report(files, errors=list(data.get("errors", [])), not_checked=dict(data.get("not_checked", {})))


def report_problem(data) -> str | None:
    """What is wrong with a decoded JSON report, as ``field: reason``; None if it is a valid one."""
    from contentci import __version__

    where = _lone_surrogate(data, "")
    if where is not None:
        return f"{where or 'the report'}: holds a lone surrogate (not valid Unicode text)"
    error = next(iter(sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))), None)
    if error is not None:
        field = error.json_path.removeprefix("$.").removeprefix("$") or "the report"
        return f"{field}: {_short(error.message)}"
    if data["tool"]["version"] != __version__:
        return (
            f"tool.version: made by contentci {data['tool']['version']}, this is {__version__}; "
            "merge reports made by the same version"
        )
    for n, file in enumerate(data["files"]):
        for m, d in enumerate(file["diagnostics"]):
            if (d["end_line"], d["end_column"]) < (d["line"], d["column"]):
                return f"files[{n}].diagnostics[{m}].end_line: the finding ends before it starts"
    return None


def _short(message: str) -> str:
    return message if len(message) <= 200 else message[:200] + "..."


def _lone_surrogate(value, where: str) -> str | None:
    """The JSON path of the first string (or key) holding a lone surrogate, else None.

    Walked with a stack, not recursion: a shard as deeply nested as the JSON decoder allows must
    not end in a RecursionError here.
    """
    stack = [(value, where)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, str):
            if not _encodable(item):
                return at
        elif isinstance(item, dict):
            for key, child in reversed(list(item.items())):
                if isinstance(key, str) and not _encodable(key):
                    return at
                stack.append((child, f"{at}.{key}" if at else str(key)))
        elif isinstance(item, list):
            stack.extend((child, f"{at}[{n}]") for n, child in reversed(list(enumerate(item))))
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_VALIDATOR = None


def _validator():
    """The report schema's validator, with JSON's integers only: ``1.0`` and ``true`` are not integers."""
    global _VALIDATOR
    if _VALIDATOR is None:
        import jsonschema

        from contentci.core.resources import read_text

        base = jsonschema.Draft202012Validator
        checker = base.TYPE_CHECKER.redefine("integer", lambda _checker, value: type(value) is int)
        strict = jsonschema.validators.extend(base, type_checker=checker)
        _VALIDATOR = strict(json.loads(read_text("report.schema.json")))
    return _VALIDATOR


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
