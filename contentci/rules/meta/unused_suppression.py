"""``contentci/unused-suppression``: a suppression silenced nothing (reported with ``--report-unused-suppressions``)."""

from __future__ import annotations

from contentci.core.registry import rule


@rule("contentci/unused-suppression", "warning")
def unused_suppression(doc, ctx):
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
    """
    return ()
