"""``contentci/front-matter-value``: a front-matter ``profile`` or ``topic`` value contentci does not know."""

from __future__ import annotations

import re

from contentci.analysis.health.topics import TOPICS
from contentci.config.loading import PROFILES
from contentci.core.diagnostic import Finding
from contentci.core.registry import rule
from contentci.core.text import did_you_mean

_KEY_LINE = re.compile(r"^(profile|topics?)[ \t]*:", re.MULTILINE)


@rule("contentci/front-matter-value", "error", profiles=("health", "general", "news"))
def front_matter_value(doc, ctx):
    """A front-matter ``profile`` or ``topic`` value that contentci does not know.

    ``profile:`` must be ``health``, ``news``, ``general`` or ``auto``, and each
    ``topic:`` / ``topics:`` value one of ``treatment``, ``supplement``,
    ``stem-cell``, ``condition``, ``general``. An unknown value is ignored (the
    profile and topics are then detected from the text), so a typo such as
    ``profile: helth`` or ``topic: suplement`` would silently change which
    rules run; it is reported at its line, with the nearest known value.

    Fires::

        ---
        profile: helth
        ---
        Ibuprofen eases pain.

    Passes::

        ---
        profile: health
        ---
        Ibuprofen eases pain.
    """
    if not doc.front_matter or not doc.front_matter_span:
        return
    lines = {m.group(1): m.start() for m in _KEY_LINE.finditer(doc.source, *doc.front_matter_span)}
    wrong = []
    value = doc.front_matter.get("profile")
    if value is not None and value not in PROFILES:
        wrong.append(("profile", value, PROFILES))
    for key in ("topic", "topics"):
        raw = doc.front_matter.get(key)
        values = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else [] if raw is None else [raw]
        for v in values:
            if str(v).strip().lower() not in TOPICS:
                wrong.append((key, v, TOPICS))
    for key, v, known in wrong:
        start = lines.get(key, doc.front_matter_span[0])
        end = doc.source.find("\n", start)
        hint = did_you_mean(str(v), known)  # "; did you mean 'health'?"
        near = hint.split("'")[1] if hint else None
        said = f"Front matter '{key}: {v}' is not one of {', '.join(known)}{hint or '.'}"
        yield Finding(
            f"{said} It is ignored, so the {'profile' if key == 'profile' else 'topics'} came from the text instead.",
            start,
            end if end > start else start,
            f"{key}: {near}" if near else None,
        )
