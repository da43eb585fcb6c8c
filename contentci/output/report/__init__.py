"""Audit reports for people: one self-contained HTML page with charts, or Markdown.

``contentci report`` and ``check --format html`` both land here. The page
embeds everything it shows (charts as inline SVG drawn by matplotlib, its CSS
and a few lines of JS), links nowhere outside itself and carries a Content
Security Policy that lets only its own script run, so it opens offline, can be
attached to a ticket, and article text in it can never execute.

matplotlib and jinja2 come with the optional extra ``contentci[report]``; they
are imported only when a report is rendered.
"""

from __future__ import annotations

def render_html(report, **options) -> str:
    """The report as one HTML page (needs ``contentci[report]``)."""
    from contentci.output.report.html_page import render

    return render(report, **options)


def render_markdown(report, **options) -> str:
    """The report as Markdown: the overview, the table of articles and each article's findings."""
    from contentci.output.report.markdown_page import render

    return render(report, **options)
