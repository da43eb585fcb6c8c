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


TOP = 15  # bars in a ranked chart: the page summarises, it never draws one bar per article


def _rows_height(n: int) -> float:
    return 0.9 + 0.32 * n


MIN_ROWS = 4  # a ranked chart with one or two bars keeps the bar thickness of a four-bar one


def _keep_bar_thickness(ax, n: int) -> None:
    """Leave empty rows above the bars when there are few, instead of stretching one bar to fill the figure."""
    if n < MIN_ROWS:
        ax.set_ylim(-0.6, MIN_ROWS - 0.4)


def balance_buckets(view: ReportView) -> list[tuple[str, int, str]]:
    """Articles by how their benefit claims weigh against risk statements (the counts the
    benefit-risk-ratio finding states, from ``metrics.balance``)."""
    rows = [a for a in view.articles if a.benefits is not None or a.risks is not None]
    buckets = [
        ("no benefit claims", NEUTRAL, lambda b, r: b == 0),
        ("risks ≥ benefits", BENEFIT, lambda b, r: 0 < b <= r),
        ("benefits < 3× risks", "#d68910", lambda b, r: r < b < 3 * r),
        ("benefits ≥ 3× risks", RISK, lambda b, r: b > 0 and b >= 3 * r),
    ]
    out = []
    for label, colour, test in buckets:
        out.append((label, sum(1 for a in rows if test(a.benefits or 0, a.risks or 0)), colour))
    return out if rows else []


def balance(view: ReportView) -> str | None:
    buckets = balance_buckets(view)
    if not buckets:
        return None
    fig = _figure(_rows_height(len(buckets)))
    ax = fig.add_subplot()
    ys = list(range(len(buckets)))[::-1]
    ax.barh(ys, [n for _, n, _ in buckets], color=[c for _, _, c in buckets])
    ax.set_yticks(ys, [_label(b) for b, _, _ in buckets])
    for y, (_, n, _) in zip(ys, buckets):
        ax.annotate(str(n), (n, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_xlabel("articles (benefit claims against risk statements)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    _style(ax)
    total = sum(n for _, n, _ in buckets)
    return to_inline_svg(fig, "balance", f"Benefit claims against risk statements in {total} articles")


def findings_by_rule(view: ReportView) -> str | None:
    rows = view.rules[:TOP]
    if not rows:
        return None
    fig = _figure(_rows_height(len(rows)), len(rows))
    ax = fig.add_subplot()
    ys = list(range(len(rows)))[::-1]
    ax.barh(ys, [r.articles for r in rows], color=[COLOURS[r.severity] for r in rows])
    ax.set_yticks(ys, [_label(r.rule) for r in rows])
    _keep_bar_thickness(ax, len(rows))
    for y, r in zip(ys, rows):
        ax.annotate(str(r.articles), (r.articles, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_xlabel("articles failing the rule (colour: worst severity)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    _style(ax)
    more = f" (top {TOP} of {len(view.rules)})" if len(view.rules) > TOP else ""
    return to_inline_svg(fig, "rules", f"Rules failing most articles{more}")


def quality(view: ReportView) -> str | None:
    scores = [a.quality for a in view.articles if a.quality is not None]
    if not scores:
        return None
    fig = _figure(3.0)
    ax = fig.add_subplot()
    top = view.quality_max or max(scores)
    # The score runs from 1 to its scale's top (metrics.quality.scale "1-5"); half-point bins.
    ax.hist(scores, bins=max(4, min(20, int((top - 1) * 2))), range=(1, top), color=NEUTRAL, edgecolor="white")
    ax.set_xlabel(f"quality score (1–{top:g})")
    ax.set_ylabel("articles")
    ax.yaxis.get_major_locator().set_params(integer=True)
    _style(ax)
    return to_inline_svg(fig, "quality", f"Quality scores of {len(scores)} articles")


def folders(view: ReportView) -> str | None:
    rows = view.folders[:TOP]
    if len(view.folders) < 2:
        return None
    fig = _figure(_rows_height(len(rows)), len(rows))
    ax = fig.add_subplot()
    ys = list(range(len(rows)))[::-1]
    errors = [f.errors / f.articles for f in rows]
    warnings = [f.warnings / f.articles for f in rows]
    ax.barh(ys, errors, color=COLOURS["error"], label="errors")
    ax.barh(ys, warnings, left=errors, color=COLOURS["warning"], label="warnings")
    short = short_paths([f.folder + "/x" for f in rows])
    ax.set_yticks(ys, [_label(short[f.folder + "/x"].rsplit("/", 1)[0] or f.folder) for f in rows])
    ax.set_xlabel("findings per article")
    ax.legend(frameon=False, fontsize=9, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2)
    _style(ax)
    more = f" (top {TOP} of {len(view.folders)})" if len(view.folders) > TOP else ""
    return to_inline_svg(fig, "folders", f"Findings per article in each folder{more}")


def is_wide(view: ReportView, name: str) -> bool:
    """Whether a chart gets the page's full width (many rows need room for their labels)."""
    if name == "rules":
        return len(view.rules) > WIDE_ROWS
    if name == "folders":
        return len(view.folders) > WIDE_ROWS
    return False


def available() -> bool:
    try:
        _matplotlib()
    except MissingExtra:
        return False
    return True


NO_CHARTS = "charts are left out: matplotlib is not installed (pip install 'contentci[report]')"


def all_charts(view: ReportView) -> dict[str, str | None]:
    if not available():
        return {}
    return {
        "grades": grade_distribution(view),
        "balance": balance(view),
        "rules": findings_by_rule(view),
        "quality": quality(view),
        "folders": folders(view),
    }
