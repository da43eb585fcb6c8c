"""``--format checkstyle``: Checkstyle XML, read by Jenkins (Warnings NG), reviewdog and others.

``<checkstyle version="..."><file name="PATH"><error line column severity message source/>``,
one ``file`` per file with findings, in report order. Severities are Checkstyle's own (error,
warning, info); ``source`` is the rule id. File names and messages come from articles: they are
XML-escaped by the serialiser, characters XML 1.0 cannot carry at all (C0 controls other than
tab and line breaks, lone surrogates from a file name that is not UTF-8) become U+FFFD, and
the rest of :func:`contentci.core.escape.markup_text`'s set become character references.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from contentci.core.escape import markup_text
from contentci.output.formats.junit import _clean

CHECKSTYLE_VERSION = "4.3"  # the format version the readers of it expect


def render(report, **_options) -> str:
    root = ET.Element("checkstyle", version=CHECKSTYLE_VERSION)
    for result in report.files:
        if not result.diagnostics:
            continue
        file = ET.SubElement(root, "file", name=_clean(result.path))
        for d in result.diagnostics:
            message = d.message + (f" Suggestion: {d.suggestion}" if d.suggestion else "")
            ET.SubElement(
                file,
                "error",
                line=str(d.line),
                column=str(d.column),
                severity=d.severity.value,
                message=_clean(message),
                source=_clean(d.rule),
            )
    ET.indent(root)
    return markup_text('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
