"""What a report shows, computed once from a Report: the overview and one view per article.

Both the HTML and the Markdown page render this model, so they always agree.
Metrics are read defensively: a metric that a run did not compute (no health
rules, a rule that failed) shows as missing rather than breaking the report.
"""

from __future__ import annotations

import re

import statistics
from collections import Counter
from dataclasses import dataclass, field

from contentci.core.diagnostic import Diagnostic, Severity

HARD_SENTENCE_RULE = "readability/hard-sentence"
BENEFIT_KEYS = ("benefits", "benefit_claims", "benefit_statements", "benefit")
RISK_KEYS = ("risks", "harms", "risk_statements", "harm_statements", "risk")
SCORE_KEYS = ("score", "total", "value")
MAX_KEYS = ("max", "max_score", "out_of", "scale_max")


DETAILED = 100  # articles given a full section (the worst first); the table lists every article
WORKLIST = 25  # rows of the worklist at the top of the page
TOP_RULES = 15


@dataclass
class Highlight:
    """A hard sentence in its paragraph (plain text carried in the result, never reread from disk)."""

    line: int
    message: str
    before: str
    sentence: str
    after: str


@dataclass
class FindingGroup:
    """Findings of one rule with one message in one article: shown once, with every line it is on."""

    severity: Severity
    rule: str
    message: str
    suggestion: str | None
    positions: list[tuple[int, int]]

    @property
    def count(self) -> int:
        return len(self.positions)


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
    groups: list[FindingGroup] = field(default_factory=list)
    detailed: bool = False
    label: str = ""  # the path shown: without the absolute folder every article shares

    @property
    def anchor(self) -> str:
        return f"article-{self.index}"

    @property
    def over_target(self) -> bool:
        return self.grade is not None and self.target is not None and self.grade > self.target

    @property
    def folder(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else "."

    @property
    def priority(self) -> tuple:
        """Worst first: errors, then warnings, then infos; ties by path."""
        return (-self.errors, -self.warnings, -self.infos, self.path)

    @property
    def top_rule(self) -> str | None:
        return self.groups[0].rule if self.groups else None


@dataclass
class RuleView:
    rule: str
    severity: str  # worst severity seen
    articles: int  # articles it fails
    findings: int


@dataclass
class FolderView:
    folder: str
    articles: int
    errors: int
    warnings: int


@dataclass
class Change:
    name: str  # rule id or article path
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass
class Comparison:
    """What got better and worse since an earlier run: findings per rule and per article."""

    rules_worse: list[Change]
    rules_better: list[Change]
    articles_worse: list[Change]
    articles_better: list[Change]
    before: int
    after: int


def _per(report) -> tuple[Counter, Counter]:
    rules: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    for f in report.files:
        articles[f.path] += len(f.diagnostics)
        rules.update(d.rule for d in f.diagnostics)
    return rules, articles


def compare(report, previous, limit: int = 15) -> Comparison:
    now_rules, now_articles = _per(report)
    old_rules, old_articles = _per(previous)

    def changes(now: Counter, old: Counter, *, keep_gone: bool) -> list[Change]:
        names = set(now) | (set(old) if keep_gone else set(old) & set(now))
        return [Change(n, old[n], now[n]) for n in names if old[n] != now[n]]

    rules = changes(now_rules, old_rules, keep_gone=True)
    # Articles only in one of the runs were added or removed, not fixed or broken.
    articles = [c for c in changes(now_articles, old_articles, keep_gone=False)]
    worse = lambda cs: sorted((c for c in cs if c.delta > 0), key=lambda c: (-c.delta, c.name))[:limit]  # noqa: E731
    better = lambda cs: sorted((c for c in cs if c.delta < 0), key=lambda c: (c.delta, c.name))[:limit]  # noqa: E731
    return Comparison(
        worse(rules), better(rules), worse(articles), better(articles), sum(old_rules.values()), sum(now_rules.values())
    )


@dataclass
class ReportView:
    title: str
    articles: list[ArticleView]  # worst first
    errors: int
    warnings: int
    infos: int
    median_grade: float | None
    target: float | None
    median_quality: float | None
    quality_max: float | None
    by_rule: list[tuple[str, str, int]]  # (rule, worst severity, count), most frequent first
    notices: list[str]
    compare: Comparison | None = None  # against an earlier run, when one was given
    root: str = ""  # the absolute folder stripped from every label, if any
    rules: list[RuleView] = field(default_factory=list)  # most articles failed first
    folders: list[FolderView] = field(default_factory=list)  # most findings per article first

    @property
    def has_quality(self) -> bool:
        return any(a.quality is not None for a in self.articles)

    @property
    def has_balance(self) -> bool:
        return any(a.benefits is not None or a.risks is not None for a in self.articles)

    @property
    def worklist(self) -> list[ArticleView]:
        return [a for a in self.articles[:WORKLIST] if a.errors or a.warnings or a.infos]

    @property
    def detailed(self) -> list[ArticleView]:
        return [a for a in self.articles if a.detailed]


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
    """(benefit claims, risk statements) from ``metrics.balance``, when a rule computed it."""
    b = metrics.get("balance")
    if not isinstance(b, dict):
        return None, None
    benefits, risks = _first(b, BENEFIT_KEYS), _first(b, RISK_KEYS)
    return (None if benefits is None else int(benefits)), (None if risks is None else int(risks))


def num(value, places: int = 1) -> str:
    """A grade or score with a fixed number of decimals, so a column of them lines up (10.0, 9.5)."""
    return "–" if value is None else f"{value:.{places}f}" if places else str(value)


def highlight(d: Diagnostic) -> Highlight | None:
    """The paragraph a finding carries (``extra["context"]``), cut into before / flagged part / after."""
    ctx = d.extra.get("context") if isinstance(d.extra, dict) else None
    if not isinstance(ctx, dict):
        return None
    text, start, end = ctx.get("text"), ctx.get("start"), ctx.get("end")
    if not isinstance(text, str) or not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        return None
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    before = ("… " if ctx.get("cut_before") is True else "") + _flow(text[:start])
    after = _flow(text[max(start, end) :]) + (" …" if ctx.get("cut_after") is True else "")
    return Highlight(d.line, d.message, before, _flow(text[start:end]), after)


_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def _flow(text: str) -> str:
    """A paragraph's source line breaks as spaces: Markdown wraps lines, the reader sees one paragraph."""
    return _LINE_BREAK.sub(" ", text)


def group(findings: list[Diagnostic]) -> list[FindingGroup]:
    """Errors first, then warnings, then infos; the same rule and message once, with all its lines."""
    groups: dict[tuple[str, str], FindingGroup] = {}
    for d in sorted(findings, key=lambda d: (-d.severity.rank, d.line, d.column)):
        g = groups.get((d.rule, d.message))
        if g is None:
            g = groups[(d.rule, d.message)] = FindingGroup(d.severity, d.rule, d.message, d.suggestion, [])
        g.positions.append((d.line, d.column))
    return sorted(groups.values(), key=lambda g: (-g.severity.rank, -g.count, g.positions[0]))


def _shared_root(paths: list[str]) -> str:
    """The absolute folder (ending in ``/``) all paths share, so 3,000 rows do not repeat it; "" if none."""
    if not paths or not all(p.startswith("/") for p in paths):
        return ""
    root = paths[0].rsplit("/", 1)[0] + "/"
    for p in paths:
        while root and not p.startswith(root):
            root = root[:-1].rsplit("/", 1)[0] + "/" if "/" in root[:-1] else ""
    return "" if root == "/" else root


def build(report, *, title: str = "contentci report", detailed: int = DETAILED, previous=None) -> ReportView:
    articles: list[ArticleView] = []
    rule_counts: Counter[str] = Counter()
    rule_articles: Counter[str] = Counter()
    rule_worst: dict[str, Severity] = {}
    for i, result in enumerate(report.files, 1):
        m = result.metrics if isinstance(result.metrics, dict) else {}
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
        articles.append(view)
        for d in result.diagnostics:
            rule_counts[d.rule] += 1
            if d.rule not in rule_worst or d.severity.rank > rule_worst[d.rule].rank:
                rule_worst[d.rule] = d.severity
        rule_articles.update({d.rule for d in result.diagnostics})
    articles.sort(key=lambda a: a.priority)
    root = _shared_root([a.path for a in articles])
    for a in articles:
        a.label = a.path[len(root) :] if root else a.path
    for n, view in enumerate(articles):
        if n < detailed:  # grouping and context only where the page shows them
            view.detailed = True
            view.groups = group(view.findings)
            hard = (highlight(d) for d in view.findings if d.rule == HARD_SENTENCE_RULE)
            view.highlights = [h for h in hard if h is not None]
    folders: dict[str, FolderView] = {}
    for a in articles:
        f = folders.setdefault(a.folder, FolderView(a.folder, 0, 0, 0))
        f.articles += 1
        f.errors += a.errors
        f.warnings += a.warnings
    grades = [a.grade for a in articles if a.grade is not None]
    targets = [a.target for a in articles if a.target is not None]
    qualities = [a.quality for a in articles if a.quality is not None]
    maxima = [a.quality_max for a in articles if a.quality_max is not None]
    rules = [RuleView(r, rule_worst[r].value, n, rule_counts[r]) for r, n in rule_articles.items()]
    rules.sort(key=lambda r: (-r.articles, -r.findings, r.rule))
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
        rules=rules,
        root=root,
        compare=compare(report, previous) if previous is not None else None,
        folders=sorted(folders.values(), key=lambda f: (-(f.errors + f.warnings) / f.articles, f.folder)),
    )
