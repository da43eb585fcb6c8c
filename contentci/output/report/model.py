"""What a report shows, computed once from a Report: the overview and one view per article.

Both the HTML and the Markdown page render this model, so they always agree.
Metrics are read defensively: a metric that a run did not compute (no health
rules, a rule that failed) shows as missing rather than breaking the report.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from contentci.core.diagnostic import Diagnostic, Severity

HARD_SENTENCE_RULE = "readability/hard-sentence"
BENEFIT_KEYS = ("benefits", "benefit_claims", "benefit_statements", "benefit")
RISK_KEYS = ("risks", "harms", "risk_statements", "harm_statements", "risk")
SCORE_KEYS = ("score", "total", "value")
MAX_KEYS = ("max", "max_score", "out_of", "scale_max")


@dataclass
class Highlight:
    """A hard sentence in its context: the source lines around it, split at the sentence."""

    line: int
    message: str
    before: str
    sentence: str
    after: str


@dataclass
class ArticleView:
    index: int
    path: str
    grade: float | None
    target: float | None
    quality: float | None
    quality_max: float | None
    benefits: int | None
    risks: int | None
    errors: int
    warnings: int
    infos: int
    findings: list[Diagnostic]
    highlights: list[Highlight] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"article-{self.index}"

    @property
    def over_target(self) -> bool:
        return self.grade is not None and self.target is not None and self.grade > self.target


@dataclass
class ReportView:
    title: str
    articles: list[ArticleView]
    errors: int
    warnings: int
    infos: int
    median_grade: float | None
    target: float | None
    median_quality: float | None
    quality_max: float | None
    by_rule: list[tuple[str, str, int]]  # (rule, worst severity, count), most frequent first
    notices: list[str]

    @property
    def has_quality(self) -> bool:
        return any(a.quality is not None for a in self.articles)

    @property
    def has_balance(self) -> bool:
        return any(a.benefits is not None or a.risks is not None for a in self.articles)


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _first(data: dict, keys: tuple[str, ...]):
    for key in keys:
        if key in data:
            value = data[key]
            if isinstance(value, (list, tuple)):
                return len(value)
            return _number(value)
    return None


def quality_of(metrics: dict) -> tuple[float | None, float | None]:
    """(score, maximum) from ``metrics.quality``: a number, or a dict with a score and a scale."""
    q = metrics.get("quality")
    if isinstance(q, dict):
        score = _first(q, SCORE_KEYS)
        top = _first(q, MAX_KEYS)
        scale = q.get("scale")
        if top is None and isinstance(scale, (list, tuple)) and scale:
            top = _number(scale[-1])
        elif top is None and isinstance(scale, str) and "-" in scale:
            try:
                top = float(scale.rsplit("-", 1)[1].split()[0])
            except ValueError:
                top = None
        return score, top
    return _number(q), None


def balance_of(metrics: dict) -> tuple[int | None, int | None]:
    """(benefit statements, risk statements) from ``metrics.balance``, when a rule computed it."""
    b = metrics.get("balance")
    if not isinstance(b, dict):
        return None, None
    benefits, risks = _first(b, BENEFIT_KEYS), _first(b, RISK_KEYS)
    return (None if benefits is None else int(benefits)), (None if risks is None else int(risks))


def read_source(path: str) -> str | None:
    """The file's text as rules saw it, or None when it can no longer be read."""
    from contentci.document.parse import decode
    from contentci.core.errors import DocumentError

    try:
        return decode(Path(path).read_bytes())[0]
    except (OSError, DocumentError):
        return None


def highlight(source: str, d: Diagnostic) -> Highlight | None:
    """Cut the lines holding a diagnostic's span into before / span / after."""
    lines = source.split("\n")
    if not (1 <= d.line <= len(lines) and d.line <= d.end_line <= len(lines)):
        return None
    chunk = "\n".join(line.rstrip("\r") for line in lines[d.line - 1 : d.end_line])
    start = d.column - 1
    end = sum(len(line.rstrip("\r")) + 1 for line in lines[d.line - 1 : d.end_line - 1]) + d.end_column - 1
    start, end = max(0, min(start, len(chunk))), max(0, min(end, len(chunk)))
    return Highlight(d.line, d.message, chunk[:start], chunk[start:end], chunk[end:])


def build(report, *, title: str = "contentci report", source: Callable[[str], str | None] = read_source) -> ReportView:
    articles: list[ArticleView] = []
    rule_counts: Counter[str] = Counter()
    rule_worst: dict[str, Severity] = {}
    for i, result in enumerate(report.files, 1):
        m = result.metrics or {}
        readability = m.get("readability") if isinstance(m.get("readability"), dict) else {}
        quality, quality_max = quality_of(m)
        benefits, risks = balance_of(m)
        view = ArticleView(
            index=i,
            path=result.path,
            grade=_number(readability.get("grade")),
            target=_number(readability.get("target")),
            quality=quality,
            quality_max=quality_max,
            benefits=benefits,
            risks=risks,
            errors=result.count(Severity.ERROR),
            warnings=result.count(Severity.WARNING),
            infos=result.count(Severity.INFO),
            findings=list(result.diagnostics),
        )
        hard = [d for d in result.diagnostics if d.rule == HARD_SENTENCE_RULE]
        text = source(result.path) if hard else None
        if text is not None:
            view.highlights = [h for h in (highlight(text, d) for d in hard) if h is not None]
        articles.append(view)
        for d in result.diagnostics:
            rule_counts[d.rule] += 1
            if d.rule not in rule_worst or d.severity.rank > rule_worst[d.rule].rank:
                rule_worst[d.rule] = d.severity
    grades = [a.grade for a in articles if a.grade is not None]
    targets = [a.target for a in articles if a.target is not None]
    qualities = [a.quality for a in articles if a.quality is not None]
    maxima = [a.quality_max for a in articles if a.quality_max is not None]
    return ReportView(
        title=title,
        articles=articles,
        errors=report.count(Severity.ERROR),
        warnings=report.count(Severity.WARNING),
        infos=report.count(Severity.INFO),
        median_grade=round(statistics.median(grades), 1) if grades else None,
        target=Counter(targets).most_common(1)[0][0] if targets else None,
        median_quality=round(statistics.median(qualities), 1) if qualities else None,
        quality_max=max(maxima) if maxima else None,
        by_rule=[(r, rule_worst[r].value, n) for r, n in sorted(rule_counts.items(), key=lambda kv: (-kv[1], kv[0]))],
        notices=list(report.notices),
    )
