"""``--format html``: the self-contained audit page that ``contentci report`` writes."""


def render(report, **options) -> str:
    from contentci.output.report import render_html

    options.pop("color", None)
    options.pop("quiet", None)
    return render_html(report, **options)
