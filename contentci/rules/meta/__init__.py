"""contentci's own findings about files it could not read or check properly.

``front_matter.py`` and ``front_matter_value.py`` are rules. The ids below are emitted by the
engine itself (reading a file, applying suppression comments, catching a rule's failure); they
are declared here so that ``contentci rules``/``explain`` document them and config can set
their severity.
"""

from __future__ import annotations

from contentci.core.registry import emitted

emitted(
    "contentci/unreadable",
    "error",
    """The file could not be read or decoded as text.

    contentci reads UTF-8 (with or without a byte-order mark) and UTF-16 with a
    byte-order mark. A binary file (a NUL byte anywhere), a file with invalid
    UTF-8, one that cannot be opened, a symbolic link loop, a pipe or device, or
    a file over 2 MiB (about 300,000 words: far past any article, and the cap
    keeps every run's time bounded) gets this one finding, at line 1, and no
    others; every other file in the run is still checked.

    Fires: a PNG image renamed to ``photo.md``; a Latin-1 file with ``caf\\xe9``.
    Passes: any UTF-8 text file.
    """,
)

emitted(
    "contentci/unknown-suppression",
    "warning",
    """A suppression comment names a rule or family that does not exist.

    Suppressions silence findings: ``<!-- contentci-disable RULES -->`` until
    ``<!-- contentci-enable -->``, ``<!-- contentci-disable-next-line RULES -->``,
    ``<!-- contentci-disable-file RULES -->`` and, in front matter,
    ``contentci: {disable: [RULES]}``. RULES are rule ids or families
    (``readability``, ``readability/``), separated by commas or spaces; none
    means every rule. A misspelt id would silently suppress nothing, so it is
    reported at the comment, with the nearest real id. The finding itself cannot
    be suppressed; fix the comment instead.

    Fires: ``<!-- contentci-disable-next-line readabilty/hard-sentence -->``.
    Passes: ``<!-- contentci-disable-next-line readability/hard-sentence -->``.
    """,
)

emitted(
    "contentci/unused-suppression",
    "warning",
    """A suppression silenced nothing (reported with ``--report-unused-suppressions``).

    When the text that needed a suppression is rewritten, the comment stays behind
    and would hide the next real problem in that place. With
    ``contentci check --report-unused-suppressions``, each suppression (or each
    rule id in it) that matched no finding is reported at the comment. Rules that
    did not run on the file (switched off, or not selected) do not count as unused.

    Fires (with the flag), when the next line has no hard sentence::

        <!-- contentci-disable-next-line readability/hard-sentence -->
        Dogs run.

    Passes: the same comment above a sentence that is still hard to read.
    """,
)

emitted(
    "contentci/internal-error",
    "error",
    """A rule failed on this file: a bug in contentci, reported instead of hidden.

    When a rule raises an unexpected error, that file
    gets this one finding naming the rule and the error, the other rules' findings are kept,
    every other file is still checked, and the run exits 2, so CI never passes green on a file
    that was not fully checked. It cannot be suppressed or turned off; please report it with
    the file that caused it.

    Fires: never on purpose.
    Passes: every file contentci can check.
    """,
)
