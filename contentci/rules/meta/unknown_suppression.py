"""``contentci/unknown-suppression``: a suppression comment names a rule or family that does not exist."""

from __future__ import annotations

from contentci.core.registry import rule


@rule("contentci/unknown-suppression", "warning")
def unknown_suppression(doc, ctx):
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
    """
    return ()
