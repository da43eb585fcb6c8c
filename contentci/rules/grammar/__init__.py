"""Grammar and spelling from a real LanguageTool server, as rules ``grammar/<LanguageTool id>``."""

from __future__ import annotations

import re

from contentci.core import registry
from contentci.core.diagnostic import SEVERITY_NAMES, Finding
from contentci.core.registry import Option, settings
from contentci.core.resources import word_set

SEVERITY_VALUES = SEVERITY_NAMES + ("off",)
# LanguageTool category ids -> default severity; categories not listed are warnings.
CATEGORY_SEVERITY = {
    "TYPOS": "warning",
    "GRAMMAR": "warning",
    "CONFUSED_WORDS": "warning",
    "PUNCTUATION": "warning",
    "CASING": "warning",
    "STYLE": "info",
    "REDUNDANCY": "info",
    "PLAIN_ENGLISH": "info",
    "TYPOGRAPHY": "info",
    "REPETITIONS_STYLE": "info",
}


def _severities(value: dict) -> str | None:
    bad = {k: v for k, v in value.items() if v not in SEVERITY_VALUES}
    if bad:
        k, v = next(iter(bad.items()))
        return f"{k} = {v!r} is not a severity; use one of {', '.join(SEVERITY_VALUES)}"
    return None


_HEAP = re.compile(r"([1-9][0-9]{0,6})([kKmMgG])")
_MIN_HEAP_MB = 128  # below this LanguageTool cannot load its English models


def _seconds(value: float) -> str | None:
    """A duration: a number of seconds, not negative, not NaN or infinite."""
    if not (0 <= value < float("inf")):
        return f"{value!r} is not a number of seconds (0 or more)"
    return None


def _heap(value: str) -> str | None:
    """A Java heap size and nothing else: the value becomes one ``-Xmx`` argument of the JVM."""
    m = _HEAP.fullmatch(value)
    if m is None:
        return f"{value!r} is not a heap size; write a number and a unit, e.g. 1g or 768m"
    megabytes = int(m.group(1)) * {"k": 1 / 1024, "m": 1, "g": 1024}[m.group(2).lower()]
    if megabytes < _MIN_HEAP_MB:
        return f"{value!r} is too small for LanguageTool; use at least {_MIN_HEAP_MB}m"
    return None


settings(
    "grammar",
    {
        "language": Option(str, "en-US", "LanguageTool language code (en-US, en-GB, en-CA, en-AU, ...)."),
        "required": Option(
            bool,
            False,
            "Exit 2 when grammar could not be checked for every file (default: one notice, grammar skipped).",
        ),
        "accept": Option(list, [], "Words never reported as misspelled (added to the packaged medical word list)."),
        "disable_rules": Option(list, [], "LanguageTool rule ids never reported (e.g. EN_QUOTES)."),
        "categories": Option(
            dict, {}, 'Severity per LanguageTool category id, e.g. {STYLE = "off"}.', validate=_severities
        ),
        "picky": Option(bool, False, "Ask LanguageTool for its picky level (more style findings)."),
        "cache": Option(bool, True, "Keep paragraph results on disk so unchanged prose is not sent again."),
    },
)
settings(
    "languagetool",
    {
        "url": Option(str, "", "A running LanguageTool server to use (CONTENTCI_LANGUAGETOOL_URL wins)."),
        "xmx": Option(str, "1g", "Java heap for a server contentci starts (-Xmx), e.g. 1g or 768m.", validate=_heap),
        "timeout": Option(
            float, 60.0, "Seconds one LanguageTool request may take in all (connect to last byte) before giving up."
        ),
        "run_timeout": Option(
            float,
            900.0,
            "Seconds a run may spend on LanguageTool requests, from the first (each worker process counts its "
            "own, side by side); after it, grammar is not checked for the remaining files. 0: no limit.",
            validate=_seconds,
        ),
        "java_options": Option(
            list,
            [],
            "Ignored in a config file: JVM options can run commands, so they come only from "
            "CONTENTCI_JAVA_OPTIONS (default -XX:TieredStopAtLevel=1 -XX:+UseSerialGC).",
            env_only="CONTENTCI_JAVA_OPTIONS",
        ),
    },
)

DOC = """Grammar and spelling findings from LanguageTool; the id after ``grammar/`` is LanguageTool's rule id.

Each prose block is sent to a LanguageTool server as annotated text: prose as text, Markdown
syntax as markup, so every finding points at the exact line:column of the source (emoji and
other characters outside the BMP included). Code blocks, inline code, front matter, HTML and
URLs are never checked. The message is LanguageTool's; its first replacement is the suggestion.

Severity by LanguageTool category: typos, grammar, confused words, punctuation and casing are
warnings; style, redundancy, plain English and typography are info. Change a category with
``grammar.categories = {STYLE = "off"}``, one rule with ``[rules] "grammar/EN_QUOTES" = "off"``
or ``grammar.disable_rules``, the whole family with ``[rules] grammar = "info"`` or
``--ignore grammar``. Correct medical spelling (``mesenchymal``, ``hematopoietic``) is accepted
from a packaged word list; add your own words with ``grammar.accept``.

Server: ``CONTENTCI_LANGUAGETOOL_URL`` or ``languagetool.url`` if set; else the server of
``contentci languagetool start``; else a private one started for the run and stopped at its end
(install it once with ``contentci languagetool install``: Java 17+ and Maven). Results are cached
per paragraph, so a second run over unchanged text sends nothing. When no server can be had, or
it dies, hangs or answers garbage mid-run, grammar is skipped with one notice (and
``"not_checked"`` in the JSON report) while every other finding is still reported;
``grammar.required = true``, ``--require-grammar`` or ``--select grammar`` makes that exit 2.
``CONTENTCI_GRAMMAR=off`` turns grammar off for a shell or CI job.

Fires (grammar/MORFOLOGIK_RULE_EN_US at 1:13)::

    Stem cell **therpy** is not proven.

Passes (the same word in code is not checked)::

    Run `therpy --help` for options.
"""


def check(doc, ctx):
    service = ctx.services.get("languagetool")
    if service is None:
        return
    from contentci.services.languagetool.service import GrammarSkipped

    opts = ctx.config.section("grammar")
    try:
        found = service.matches(doc, language=opts["language"], picky=opts["picky"])
    except GrammarSkipped:
        return
    disabled = set(opts["disable_rules"])
    accepted = word_set("medical_words.txt") | {w.lower() for w in opts["accept"]}
    severities = {**CATEGORY_SEVERITY, **opts["categories"]}
    for para, matches in found:
        for m in matches:
            if m.rule in disabled or para.touches_opaque(m.start, m.end):
                continue
            start, end = para.start + m.start, para.start + m.end
            if _is_spelling(m) and _word(doc.source[start:end]) in accepted:
                continue
            severity = severities.get(m.category, "warning")
            if severity == "off":
                continue
            suggestion = m.replacements[0] if m.replacements and m.replacements[0] else None
            message = m.message
            if _is_spelling(m):  # LanguageTool's spelling message does not name the word
                message = f'{m.message.rstrip(".")}: "{doc.source[start:end]}".'
            yield Finding(message, start, end, suggestion, rule=f"grammar/{m.rule}", severity=severity)


def _is_spelling(m) -> bool:
    """The speller's own rules (not grammar rules that LanguageTool files under misspelling)."""
    return "MORFOLOGIK" in m.rule or "SPELL" in m.rule


def _word(text: str) -> str:
    word = text.strip().lower().replace("\u2019", "'")
    return word.removesuffix("'s")


registry.family("grammar", "warning", DOC, check=check, needs=("languagetool",))
