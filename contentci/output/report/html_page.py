"""Render the HTML page: the model, the charts and the jinja2 template (autoescaped).

Every piece of article text reaches the page through jinja2's autoescaping; the
only unescaped parts are our own: the CSS, the sorting script and the SVG that
matplotlib wrote (which escapes its own text). The page's Content Security
Policy allows exactly one script, ours, by its SHA-256 hash, and no network
access of any kind, so even a mistake in escaping could not run article code.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources

from contentci.core.escape import markup_text
from contentci.output.report.model import build, num


def _asset(name: str) -> str:
    return resources.files("contentci.output.report").joinpath("templates", name).read_text(encoding="utf-8")


def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_asset),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def sortnum(value) -> str:
    return "" if value is None else repr(float(value))


def render(report, *, title: str = "contentci report", previous=None, **_options) -> str:
    from markupsafe import Markup

    from contentci import __version__
    from contentci.output.report import charts

    env = _environment()
    view = build(report, title=title, previous=previous)
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    page = env.get_template("report.html.j2").render(
        view=view,
        charts=charts.all_charts(view),
        charts_note=None if charts.available() else charts.NO_CHARTS,
        css=Markup(_asset("report.css")),
        script=Markup(script),
        script_hash=f"sha256-{digest}",
        version=__version__,
        generated=None,
        num=num,
        wide=lambda name: charts.is_wide(view, name),
        sortnum=sortnum,
    )
    return markup_text(page)  # article text in it can start no CI command either
