"""``--format junit``: JUnit XML for CI systems that show test reports.

One test case per checked file. A file fails when it has a finding at or above
``--fail-on``; the failure lists those findings. Findings below the threshold go
to the case's ``system-out`` so they are visible without failing it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from contentci.core.diagnostic import Severity
from contentci.core.escape import markup_text, one_line

# Characters XML 1.0 cannot carry, even escaped; articles may contain them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _line(path: str, d) -> str:
    return _clean(f"{one_line(path)}:{d.line}:{d.column}: {d.severity.value} {one_line(d.rule)} {one_line(d.message)}")


def render(report, *, fail_on: str = "error", **_options) -> str:
    threshold = Severity(fail_on).rank
    suite = ET.Element("testsuite", name="contentci")
    failures = 0
    for result in report.files:
        case = ET.SubElement(
            suite, "testcase", classname="contentci", name=_clean(result.path), file=_clean(result.path)
        )
        failing = [d for d in result.diagnostics if d.severity.rank >= threshold]
        other = [d for d in result.diagnostics if d.severity.rank < threshold]
        if failing:
            failures += 1
            counts = ", ".join(f"{n} {s.value}" for s in Severity if (n := sum(d.severity == s for d in failing)))
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{len(failing)} finding{'s' if len(failing) != 1 else ''} ({counts})",
                type=max(failing, key=lambda d: d.severity.rank).severity.value,
            )
            failure.text = "\n".join(_line(result.path, d) for d in failing)
        if other:
            ET.SubElement(case, "system-out").text = "\n".join(_line(result.path, d) for d in other)
    suite.set("tests", str(len(report.files)))
    suite.set("failures", str(failures))
    suite.set("errors", str(sum(1 for f in report.files if f.internal_error)))
    root = ET.Element("testsuites", name="contentci", tests=suite.get("tests"), failures=str(failures))
    root.append(suite)
    ET.indent(root)
    return markup_text('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
