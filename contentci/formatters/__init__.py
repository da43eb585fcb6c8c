"""Output formats. Each module has ``render(report, **options) -> str``; formatters only format."""

from __future__ import annotations

import importlib

FORMATS = {
    "text": "contentci.formatters.text",
    "json": "contentci.formatters.json_format",
    "github": "contentci.formatters.github",
    "sarif": "contentci.formatters.sarif",
    "junit": "contentci.formatters.junit",
    "summary": "contentci.formatters.summary",
    "html": "contentci.formatters.html",
}


def render(name: str, report, **options) -> str:
    return importlib.import_module(FORMATS[name]).render(report, **options)
