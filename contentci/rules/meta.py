"""contentci's own findings about files it could not read properly."""

from contentci.core.registry import rule


@rule("contentci/unreadable", "error")
def unreadable(doc, ctx):
    """The file could not be read or decoded as text.

    contentci reads UTF-8 (with or without a byte-order mark) and UTF-16 with a
    byte-order mark. A binary file (a NUL byte anywhere), a file with invalid
    UTF-8, one that cannot be opened, a symbolic link loop, a pipe or device, or
    a file over 2 MiB (about 300,000 words: far past any article, and the cap
    keeps every run's time bounded) gets this one finding, at line 1, and no
    others; every other file in the run is still checked.

    Fires: a PNG image renamed to ``photo.md``; a Latin-1 file with ``caf\\xe9``.
    Passes: any UTF-8 text file.
    """
    return ()


@rule("contentci/front-matter", "error")
def front_matter(doc, ctx):
    """The YAML front matter between ``---`` fences could not be read.

    Front matter is parsed with a safe loader: it must be a mapping, valid YAML,
    with no Python object tags, and at most 256 KiB. When it cannot be read, the
    article is still checked as if it had no front matter, so metadata rules may
    also fire.

    Fires::

        ---
        title: [unclosed
        ---

    Passes::

        ---
        title: Vitamin D
        ---
    """
    if doc.front_matter_error and doc.front_matter_span:
        from contentci.core.diagnostic import Finding

        start, end = doc.front_matter_span
        first_line_end = doc.source.find("\n", start)
        yield Finding(doc.front_matter_error, start, first_line_end if first_line_end > 0 else end, document_level=True)


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
