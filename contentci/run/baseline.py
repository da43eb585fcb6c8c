"""Baselines: accept today's findings, fail only on new ones.

``contentci baseline -o .contentci-baseline.json`` records every finding's
fingerprint; ``contentci check --baseline FILE`` drops findings the baseline
holds, and reports baselined findings that no longer occur as stale (fixed).

A fingerprint is a hash of the rule id, the finding's source text (whitespace
collapsed, case folded) and its occurrence index among findings with the same
rule and text in the file, so it survives lines moving when text is added above.
Document-level findings have no span text: rule and index alone. The file path
(relative to the baseline file's folder) is stored beside the fingerprint.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from contentci.core.errors import ConfigError
from contentci.engine.fingerprint import fingerprint_of

VERSION = 1


def _key_path(display: str, folder: Path) -> str:
    """A report path as stored in a baseline: relative to the baseline's folder, posix."""
    absolute = Path(os.path.abspath(display))
    try:
        return absolute.relative_to(folder).as_posix()
    except ValueError:
        return Path(os.path.relpath(absolute, folder)).as_posix()


def write(report, path: str) -> int:
    """Write the report's findings as a baseline; returns how many were recorded."""
    target = Path(path)
    folder = Path(os.path.abspath(target.parent))
    entries = [
        {
            "path": _key_path(p, folder),
            "rule": d.rule,
            "fingerprint": fingerprint_of(d),
            "line": d.line,
            "message": d.message,
        }
        for p, d in report.diagnostics
    ]
    data = {"version": VERSION, "tool": "contentci", "findings": entries}
    try:
        target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write baseline {path}: {exc.strerror or exc}") from None
    return len(entries)


# A baseline holds a path and fingerprint per accepted finding (~150 bytes); 64 MiB is ~400,000 of them.
BASELINE_LIMIT = 64 * 2**20


def load(path: str) -> list[dict]:
    from contentci.core.files import read_regular

    try:
        data = json.loads(read_regular(path, BASELINE_LIMIT).decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"baseline file not found: {path} (create it with `contentci baseline -o {path}`)") from None
    except OSError as exc:
        raise ConfigError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"baseline {path} is not valid JSON: {exc}") from None
    except RecursionError:  # json decodes nested arrays and objects recursively
        raise ConfigError(f"baseline {path} is not valid JSON: nested too deeply") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise ConfigError(f"baseline {path} is not a contentci baseline (version {VERSION})")
    entries = data["findings"]
    for e in entries:
        if not (isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("fingerprint"), str)):
            raise ConfigError(f"baseline {path} has a malformed entry: {str(e)[:80]}")
    return entries


def apply(report, path: str) -> None:
    """Remove baselined findings from the report; record matched, new and stale counts."""
    entries = load(path)
    folder = Path(os.path.abspath(Path(path).parent))
    remaining = Counter((e["path"], e["fingerprint"]) for e in entries)
    checked = set()
    matched = 0
    for result in report.files:
        key_path = _key_path(result.path, folder)
        checked.add(key_path)
        kept = []
        for d in result.diagnostics:
            key = (key_path, fingerprint_of(d))
            if remaining[key] > 0:
                remaining[key] -= 1
                matched += 1
            else:
                kept.append(d)
        result.diagnostics = kept
    stale = []
    budget = Counter({k: v for k, v in remaining.items() if v > 0 and k[0] in checked})
    for e in entries:
        key = (e["path"], e["fingerprint"])
        if budget[key] > 0:
            budget[key] -= 1
            stale.append({k: e.get(k) for k in ("path", "rule", "line", "message", "fingerprint")})
    new = sum(len(f.diagnostics) for f in report.files)
    report.baseline = {"file": path, "matched": matched, "new": new, "stale": stale}
    if matched:
        report.notices.append(f"{matched} finding{'s' if matched != 1 else ''} in baseline {path} not reported")
    if stale:
        report.notices.append(
            f"{len(stale)} baselined finding{'s are' if len(stale) != 1 else ' is'} fixed (stale); "
            f"refresh with `contentci baseline -o {path}`"
        )
