"""The report's charts, drawn by matplotlib and embedded as inline SVG.

matplotlib's SVG is a standalone document; to live inside an HTML page it is
trimmed here: no XML prolog, DOCTYPE, metadata or namespace URLs (so the page
names no outside address at all), no global ``<style>`` (its ``*`` selector
would leak into the page), and every id prefixed with the chart's name so two
charts never share one. Text stays text (``svg.fonttype: none``): smaller, and
readable by screen readers and tests.
"""

from __future__ import annotations

import io
import re

from contentci.core.errors import MissingExtra
from contentci.core.escape import one_line
from contentci.output.report.model import ReportView

COLOURS = {"error": "#c0392b", "warning": "#d68910", "info": "#2e86c1"}
BENEFIT, RISK, NEUTRAL, TARGET = "#1e8449", "#c0392b", "#34495e", "#c0392b"
MAX_LABEL = 32
WIDE_ROWS = 8  # charts with more rows than this span the page


def _matplotlib():
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingExtra(
            "the HTML report draws its charts with matplotlib, which is not installed; "
            "install it with: pip install 'contentci[report]'"
        ) from None
    return matplotlib, Figure


def short_paths(paths: list[str]) -> dict[str, str]:
    """Article labels: paths without the folder they all share (``content/a.md`` → ``a.md``)."""
    import os.path

    parts = [p.split("/") for p in paths]
    common = 0
    if len(parts) > 1:
        while all(len(p) > common + 1 for p in parts) and len({p[common] for p in parts}) == 1:
            common += 1
    else:
        common = max(0, len(parts[0]) - 1) if parts else 0
    return {p: "/".join(q[common:]) or os.path.basename(p) for p, q in zip(paths, parts)}


def _label(text: str) -> str:
    """A chart label: shortened from the left (paths differ at the end) and with ``$`` literal
    (matplotlib would read ``$...$`` as maths), control characters shown as escapes."""
    text = one_line(text)
    if len(text) > MAX_LABEL:
        text = "…" + text[-(MAX_LABEL - 1) :]
    return text.replace("\\", "\\\\").replace("$", r"\$")


_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^")]+)')


def to_inline_svg(fig, name: str, description: str) -> str:
    matplotlib, _ = _matplotlib()
    buf = io.StringIO()
    rc = {"svg.fonttype": "none", "svg.hashsalt": name, "svg.image_inline": True}
    with matplotlib.rc_context(rc):
        fig.savefig(
            buf,
            format="svg",
            bbox_inches="tight",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    svg = re.sub(r'<style type="text/css">.*?</style>', "", svg, flags=re.DOTALL)
    svg = re.sub(r'\s+xmlns(?::\w+)?="[^"]*"', "", svg)
    svg = _ID.sub(lambda m: f'id="{name}-{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{name}-{m.group(2)}", svg)
    svg = re.sub(r'\s(width|height)="[\d.]+pt"', "", svg, count=2)
    from markupsafe import escape

    return svg.replace("<svg", f'<svg class="chart" role="img" aria-label="{escape(description)}"', 1)


def _figure(height: float, rows: int = 0):
    matplotlib, Figure = _matplotlib()
    return Figure(figsize=(9.0 if rows > WIDE_ROWS else 5.0, max(2.4, height)), dpi=96)


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=10)


def grade_distribution(view: ReportView) -> str | None:
    grades = [a.grade for a in view.articles if a.grade is not None]
    if not grades:
        return None
    fig = _figure(3.0)
    ax = fig.add_subplot()
    low, high = int(min(grades + [view.target or 0])), int(max(grades + [view.target or 0])) + 2
    ax.hist(grades, bins=range(max(0, low - 1), high + 1), color=NEUTRAL, edgecolor="white")
    if view.target is not None:
        ax.axvline(view.target, color=TARGET, linestyle="--", linewidth=2, label=f"target: grade {view.target:g}")
        ax.legend(frameon=False, fontsize=9)
    ax.set_xlabel("reading grade (US school grade)")
    ax.set_ylabel("articles")
    ax.yaxis.get_major_locator().set_params(integer=True)
    _style(ax)
    desc = f"Reading grades of {len(grades)} articles"
    if view.target is not None:
        over = sum(g > view.target for g in grades)
        desc += f"; {over} above the target grade {view.target:g}"
    return to_inline_svg(fig, "grades", desc)


def _per_article_height(n: int) -> float:
    return 0.9 + 0.32 * n


def balance(view: ReportView) -> str | None:
    rows = [a for a in view.articles if a.benefits is not None or a.risks is not None]
    if not rows:
        return None
    fig = _figure(_per_article_height(len(rows)), len(rows))
    ax = fig.add_subplot()
    ys = list(range(len(rows)))[::-1]
    ax.barh(
        [y + 0.2 for y in ys], [a.benefits or 0 for a in rows], height=0.4, color=BENEFIT, label="benefit statements"
    )
    ax.barh([y - 0.2 for y in ys], [a.risks or 0 for a in rows], height=0.4, color=RISK, label="risk statements")
    short = short_paths([a.path for a in rows])
    ax.set_yticks(ys, [_label(short[a.path]) for a in rows])
    ax.set_xlabel("statements")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, fontsize=9, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2)
    _style(ax)
    return to_inline_svg(fig, "balance", f"Benefit and risk statements in {len(rows)} articles")


def findings_by_rule(view: ReportView) -> str | None:
    if not view.by_rule:
        return None
    rows = view.by_rule
    fig = _figure(_per_article_height(len(rows)), len(rows))
    ax = fig.add_subplot()
    ys = list(range(len(rows)))[::-1]
    ax.barh(ys, [n for _, _, n in rows], color=[COLOURS[s] for _, s, _ in rows])
    ax.set_yticks(ys, [_label(r) for r, _, _ in rows])
    for y, (_, _, n) in zip(ys, rows):
        ax.annotate(str(n), (n, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_xlabel("findings (colour: worst severity)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    _style(ax)
    return to_inline_svg(fig, "rules", f"Findings by rule: {len(rows)} rules fired")


def quality(view: ReportView) -> str | None:
    rows = [a for a in view.articles if a.quality is not None]
    if not rows:
        return None
    fig = _figure(_per_article_height(len(rows)), len(rows))
    ax = fig.add_subplot()
    ys = list(range(len(rows)))[::-1]
    ax.barh(ys, [a.quality for a in rows], color=NEUTRAL)
    short = short_paths([a.path for a in rows])
    ax.set_yticks(ys, [_label(short[a.path]) for a in rows])
    if view.quality_max:
        ax.set_xlim(0, view.quality_max)
        ax.set_xlabel(f"quality score (0–{view.quality_max:g})")
    else:
        ax.set_xlabel("quality score")
    _style(ax)
    return to_inline_svg(fig, "quality", f"Quality score of {len(rows)} articles")


def is_wide(view: ReportView, name: str) -> bool:
    """Whether a chart gets the page's full width (many rows need room for their labels)."""
    if name == "rules":
        return len(view.by_rule) > WIDE_ROWS
    if name in ("balance", "quality"):
        return len(view.articles) > WIDE_ROWS
    return False


def all_charts(view: ReportView) -> dict[str, str | None]:
    return {
        "grades": grade_distribution(view),
        "balance": balance(view),
        "rules": findings_by_rule(view),
        "quality": quality(view),
    }
