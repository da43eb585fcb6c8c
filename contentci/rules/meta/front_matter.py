"""``contentci/front-matter``: the YAML front matter between ``---`` fences could not be read."""

from __future__ import annotations

from contentci.core.registry import rule


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
