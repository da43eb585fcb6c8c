"""Output formats. Each module has ``render(report, **options) -> str``; formatters only format."""

from __future__ import annotations

import importlib

FORMATS = {
    "text": "contentci.output.formats.text",
    "json": "contentci.output.formats.json_format",
    "github": "contentci.output.formats.github",
    "sarif": "contentci.output.formats.sarif",
    "junit": "contentci.output.formats.junit",
    "summary": "contentci.output.formats.summary",
    "html": "contentci.output.formats.html",
    "gitlab": "contentci.output.formats.gitlab",
    "rdjson": "contentci.output.formats.rdjson",
    "checkstyle": "contentci.output.formats.checkstyle",
    "azure": "contentci.output.formats.azure",
}


def render(name: str, report, **options) -> str:
    return importlib.import_module(FORMATS[name]).render(report, **options)
