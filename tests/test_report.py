"""`contentci report` and `check --format html|markdown`: what the page says and what it never does."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from conftest import SEED

HOSTILE = """\
# Markup in an article

People paste <script>window.__pwned = 1</script> and <img src=x onerror="alert(1)"> into their articles, which any report generator must escape and display as literal text and never interpolate into its page as executable markup.

Stem cell therapy utilizes the unique ability of stem cells to regenerate and repair damaged tissues through immunomodulatory mechanisms, according to promotional materials distributed by commercial regenerative medicine clinics.
"""


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [v for k, v in attrs if k in ("src", "href", "xlink:href", "action", "srcset") and v]


def parse(html: str) -> Collector:
    c = Collector()
    c.feed(html)
    return c


def make_library(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "seed.md").write_bytes(SEED.read_bytes())
    (lib / "markup.md").write_text(HOSTILE, encoding="utf-8")
    (lib / "short.md").write_text("# Short\n\nA cat sat on the mat.\n", encoding="utf-8")
    return lib


def test_report_writes_one_self_contained_page(run, tmp_path):
    lib = make_library(tmp_path)
    r = run("report", str(lib), "-o", "r.html")
    assert r.exit_code == 0, r.stderr
    assert "wrote r.html (3 articles" in r.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    found = parse(html)
    # Only in-page links: no stylesheet, script, font or image from anywhere else.
    assert found.urls and all(u.startswith("#") for u in found.urls), found.urls
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|url\((?!#)", html, re.IGNORECASE)
    assert "link" not in found.tags and found.tags.count("script") == 1
    assert "default-src 'none'" in html  # the CSP forbids any fetch even if something slipped in


def test_overview_table_and_article_sections(run, tmp_path):
    lib = make_library(tmp_path)
    run("report", str(lib), "-o", "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    summary = run("check", "--format", "json", str(lib)).json["summary"]
    assert summary["errors"] >= 2  # the seed and markup.md read above grade 8, at least
    assert re.search(r'data-stat="articles">3<', html)
    assert re.search(rf'data-stat="errors">{summary["errors"]}<', html)
    assert re.search(rf'data-stat="warnings">{summary["warnings"]}<', html)
    assert re.search(r'data-stat="median-grade">1\d(\.\d)?<', html)
    assert "(target 8 or below)" in html
    assert html.count('<svg class="chart"') >= 2
    assert 'id="chart-grades"' in html and "target: grade 8" in html
    # Each table row links to its article's section, which lists the findings.
    for anchor in re.findall(r'<a href="#(article-\d+)">', html):
        assert f'<section class="article" id="{anchor}">' in html
    assert "readability/grade-level" in html and "2:160" in html


def test_hardest_sentence_is_marked_in_its_context(run, tmp_path):
    lib = make_library(tmp_path)
    run("report", str(lib), "-o", "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    # Seed line 2, column 160: the sentence the hard-sentence rule reports there.
    assert (
        "<mark>Conditions like rheumatoid arthritis, lupus, and multiple sclerosis can significantly impact a person’s quality of life.</mark>"
        in html
    )
    assert "Autoimmune diseases occur when the immune system" in html  # its context


WRAPPED = """\
# Wrapped lines

Hard-wrapped Markdown is one paragraph to a reader. Immunomodulatory
mesenchymal stromal cell preparations demonstrate considerable heterogeneity
across manufacturing facilities. The page should show it flowing.
"""


def test_context_shows_a_wrapped_paragraph_as_one_flowing_paragraph(run, tmp_path):
    (tmp_path / "wrapped.md").write_text(WRAPPED, encoding="utf-8")
    run("report", "wrapped.md", "--select", "readability", "-o", "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    block = re.search(r'<blockquote class="context">(.*?)</blockquote>', html, re.S)
    assert block, html
    # The source's line breaks became spaces (the block is shown with white-space: pre-wrap).
    assert "\n" not in block.group(1)
    assert "<mark>Immunomodulatory mesenchymal stromal cell preparations demonstrate" in block.group(1)
    # Grades and scores keep one decimal, so a column of them lines up.
    assert re.search(r'<td class="num[^"]*">\d+\.\d<td class="num">(\d\.\d|–)<', html), html


def test_article_markup_never_becomes_page_markup(run, tmp_path):
    lib = make_library(tmp_path)
    run("report", str(lib), "-o", "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    # The hard sentence's paragraph is shown as text: the tags are gone, their words are not.
    assert "People paste window.__pwned = 1 and  into their articles" in html
    assert "<img" not in html and "<script>window" not in html


def test_hostile_file_name_is_escaped_everywhere(run, tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    name = '<img src=x onerror=alert(1)> $x$ "q".md'
    (lib / name).write_bytes(SEED.read_bytes())
    r = run("report", str(lib), "-o", "r.html")
    assert r.exit_code == 0, r.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_check_format_html_writes_the_same_page(run, tmp_path):
    lib = make_library(tmp_path)
    run("report", str(lib), "-o", "r.html")
    r = run("check", "--format", "html", str(lib))
    assert r.exit_code == 1  # check still fails on errors
    assert r.output == (tmp_path / "r.html").read_text(encoding="utf-8")


def test_report_markdown(run, tmp_path):
    lib = make_library(tmp_path)
    r = run("report", str(lib), "--format", "markdown")
    assert r.exit_code == 0
    md = r.output
    summary = run("check", "--format", "json", str(lib)).json["summary"]
    assert md.startswith("# contentci report\n")
    assert "- Articles: 3" in md and f"- Errors: {summary['errors']}\n" in md
    assert "| `readability/hard-sentence` | warning |" in md
    assert re.search(r"\| \[lib/seed\.md\]\(#article-\d\) \| 16\.2 \|", md)
    assert "<script>" not in md and "<img" not in md


def test_without_the_charts_extra_the_page_is_still_written(run, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # a plain `pip install contentci`
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    r = run("report", str(SEED), "-o", "r.html")
    assert r.exit_code == 0, r.stderr
    assert "charts are left out: matplotlib is not installed" in r.stderr
    assert "Traceback" not in r.stderr + r.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'id="charts-note"' in html and "pip install &#39;contentci[report]&#39;" in html
    assert '<svg class="chart"' not in html
    assert 'id="worklist"' in html and "readability/grade-level" in html


def test_report_without_health_metrics_says_so(run, tmp_path):
    r = run("report", str(SEED), "-o", "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert r.exit_code == 0
    assert "No quality scores in this run" in html or '<svg class="chart" role="img" aria-label="Quality' in html


def test_unwritable_output_is_a_clear_error(run, tmp_path):
    r = run("report", str(SEED), "-o", str(tmp_path / "missing" / "r.html"))
    assert r.exit_code == 2
    assert "cannot write" in r.stderr and "Traceback" not in r.stderr


def test_no_files_still_writes_a_report(run, tmp_path):
    (tmp_path / "empty").mkdir()
    r = run("report", "empty", "-o", "r.html")
    assert r.exit_code == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'data-stat="articles">0<' in html and "no files to check" in html


def _shard_report(tmp_path, path: str) -> Path:
    """A shard's JSON report naming ``path``, with findings whose positions point into it."""
    import json

    finding = {
        "rule": "readability/hard-sentence",
        "severity": "warning",
        "message": "Hard sentence (grade 14, target 8): 30 words",
        "line": 1,
        "column": 1,
        "end_line": 3,
        "end_column": 20,
        "suggestion": None,
        "document_level": False,
    }
    report = {
        "version": 1,
        "tool": {"name": "contentci", "version": "0.1.0"},
        "files": [{"path": path, "metrics": {}, "diagnostics": [finding, finding | {"rule": "claims/hype"}]}],
        "summary": {"files": 1, "errors": 0, "warnings": 2, "infos": 0},
    }
    out = tmp_path / "shard.json"
    out.write_text(json.dumps(report), encoding="utf-8")
    return out


def test_merged_report_naming_a_system_file_never_reads_it(run, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("Xq7 the-secret-line-one Zr9\nsecond-secret-line here\nthird-secret-line\n", encoding="utf-8")
    for named in ("/etc/passwd", str(secret)):
        shard = _shard_report(tmp_path, named)
        r = run("merge", str(shard), "--format", "html")
        assert r.exit_code == 0, r.stderr
        page = r.output
        assert named in page  # the path is shown, as a label
        source = Path(named).read_bytes().decode("utf-8", "replace") if Path(named).exists() else ""
        for line in source.splitlines():
            for part in line.split(":"):  # every field of every line, not only whole lines
                if len(part) >= 6 and part not in named:
                    assert part not in page, part
        assert "secret-line" not in page


def _treatment(tmp_path) -> Path:
    lib = tmp_path / "treat"
    lib.mkdir()
    (lib / "cream.md").write_text(
        "---\ntopic: treatment\n---\n# A skin cream\n\n"
        "The cream relieves itching, reduces redness and improves sleep. It helps skin heal. "
        "It soothes burns and helps wounds close. Some people get a mild rash.\n",
        encoding="utf-8",
    )
    return lib


def test_benefit_and_risk_counts_agree_in_finding_metric_and_page(run, tmp_path):
    lib = _treatment(tmp_path)
    data = run("check", "--format", "json", str(lib)).json
    balance = data["files"][0]["metrics"]["balance"]
    message = next(d["message"] for d in data["files"][0]["diagnostics"] if d["rule"] == "balance/benefit-risk-ratio")
    benefits, risks = map(int, re.match(r"(\d+) benefit claims .* against (\d+) risk", message).groups())
    assert (benefits, risks) == (balance["benefits"], balance["risks"])
    assert benefits > balance["benefit_sentences"]  # claims, not sentences: one sentence holds three
    run("report", str(lib), "-o", "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    shown = f"{benefits} benefit claims / {risks} risk statement{'s' if risks != 1 else ''}"
    assert f"<span data-balance>{shown}</span>" in html


def test_worklist_puts_the_worst_article_first_and_groups_repeats(run, tmp_path):
    lib = make_library(tmp_path)
    (lib / "hype.md").write_text(
        "---\nprofile: health\n---\n# Hype\n\nThe revolutionary pill is here. A revolutionary cream too. Another revolutionary idea.\n",
        encoding="utf-8",
    )
    data = run("check", "--format", "json", str(lib)).json

    def badness(f):
        sev = [d["severity"] for d in f["diagnostics"]]
        return (sev.count("error"), sev.count("warning"))

    worst = max(data["files"], key=badness)
    run("report", str(lib), "-o", "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    worklist = html[html.index('<table id="worklist">') :]
    first = re.search(r'<td data-key="path"><a href="#article-\d+" title="([^"]+)">', worklist).group(1)
    assert first == worst["path"]
    # Three hype findings with one message: listed once, with its count and lines.
    section = html[html.index("<h3>lib/hype.md</h3>") :]
    section = section[: section.index("</section>")]
    assert section.count("claims/hype") == 1 and "×3 (at 6:5, 6:35, 6:68)" in section
    # Errors before warnings in every article section.
    for body in re.findall(r'<section class="article".*?</section>', html, re.DOTALL):
        order = re.findall(r'class="sev sev-(\w+)"', body)
        ranks = [{"error": 0, "warning": 1, "info": 2}[s] for s in order]
        assert ranks == sorted(ranks)


def test_report_takes_checks_selection_options(run, tmp_path):
    lib = make_library(tmp_path)
    r = run("report", str(lib), "--select", "readability", "--jobs", "1", "--no-cache", "-o", "r.html")
    assert r.exit_code == 0, r.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    rules = set(re.findall(r"<code>([a-z]+/[\w-]+)</code>", html))
    assert rules and all(rule.startswith("readability/") for rule in rules), rules
    r = run("report", str(lib), "--ignore", "readability,metadata", "-o", "r2.html")
    html = (tmp_path / "r2.html").read_text(encoding="utf-8")
    assert "readability/grade-level" not in html and "metadata/author" not in html
    assert "disclaimer/medical-advice" in html


def test_report_ignore_grammar_runs_no_grammar(run, tmp_path, grammar_env):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "typo.md").write_text("# Typos\n\nThe recieve was definately wrong here.\n", encoding="utf-8")
    run("report", str(lib), "-o", "with.html")
    assert "grammar/" in (tmp_path / "with.html").read_text(encoding="utf-8")  # the server is live
    r = run("report", str(lib), "--ignore", "grammar", "-o", "without.html")
    assert r.exit_code == 0, r.stderr
    assert "grammar/" not in (tmp_path / "without.html").read_text(encoding="utf-8")


def test_compare_shows_what_got_better_and_worse(run, tmp_path):
    lib = make_library(tmp_path)
    old = run("check", "--format", "json", str(lib))
    (tmp_path / "old.json").write_text(old.output, encoding="utf-8")
    # Since then: the short article gained hype, the markup article was rewritten plainly.
    (lib / "short.md").write_text("---\nprofile: health\n---\n# Short\n\nA revolutionary cat sat on a revolutionary mat.\n", encoding="utf-8")
    (lib / "markup.md").write_text("# Markup\n\nA dog ran. It was fun.\n", encoding="utf-8")
    r = run("report", str(lib), "--compare", "old.json", "-o", "r.html")
    assert r.exit_code == 0, r.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    section = html[html.index('<h2 id="compare">') : html.index("Rules failing most articles")]

    def rows(title):
        table = section[section.index(f'data-compare="{title}"') :]
        table = table[: table.index("</table>")]
        return {m[0]: (int(m[1]), int(m[2])) for m in re.findall(r"<tr><td>(?:<code>)?([^<]+)(?:</code>)?</td><td class=\"num\">(\d+)</td><td class=\"num\">(\d+)</td>", table)}

    assert rows("Rules: worse")["claims/hype"] [1] - rows("Rules: worse")["claims/hype"][0] == 2  # the two new ones
    assert "lib/short.md" in rows("Articles: worse")
    assert "lib/markup.md" in rows("Articles: better")
    bad = run("report", str(lib), "--compare", "missing.json", "-o", "r.html")
    assert bad.exit_code == 2 and "missing.json" in bad.stderr
