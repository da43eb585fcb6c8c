"""Where a report goes besides stdout: ``--output-format FORMAT=PATH`` files and the job summary."""

from __future__ import annotations

import os
from pathlib import Path

from contentci.core.errors import ConfigError


def parse_output_specs(specs: tuple[str, ...]) -> list[tuple[str, str]]:
    """``sarif=out.sarif`` -> [("sarif", "out.sarif")]; bad specs are a ConfigError."""
    from contentci.output.formats import FORMATS

    out = []
    for spec in specs:
        name, sep, path = spec.partition("=")
        name = name.strip()
        if not sep or not path.strip():
            raise ConfigError(f"--output-format {spec!r}: expected FORMAT=PATH, e.g. sarif=contentci.sarif")
        if name not in FORMATS:
            raise ConfigError(f"--output-format {spec!r}: unknown format {name!r}; choose from {', '.join(FORMATS)}")
        out.append((name, path))
    return out


def write_outputs(report, specs: list[tuple[str, str]], **options) -> None:
    from contentci.output.formats import render

    for name, path in specs:
        text = render(name, report, **{**options, "color": False})
        try:
            target = Path(path)
            if target.parent and not target.parent.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write {name} output to {path}: {exc.strerror or exc}") from None


def write_step_summary(report, **options) -> None:
    """Append the Markdown summary to ``$GITHUB_STEP_SUMMARY``, keeping that file under 1 MiB."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    from contentci.output.formats import summary  # (and html): only inside GitHub Actions

    try:
        used = os.path.getsize(path)
    except OSError:
        used = 0
    room = summary.LIMIT - used
    if room < 4096:
        return
    text = summary.render(report, **{**options, "limit": room})
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise ConfigError(f"cannot write the job summary to {path}: {exc.strerror or exc}") from None
