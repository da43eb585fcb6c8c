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


def test_article_markup_is_escaped(run, tmp_path):
    lib = make_library(tmp_path)
    run("report", str(lib), "-o", "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert "<img" not in html and "window.__pwned = 1</script>" not in html


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
    assert "<script>" not in md and "&lt;script&gt;" in md


def test_missing_extra_is_a_clear_error(run, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    r = run("report", str(SEED), "-o", "r.html")
    assert r.exit_code == 2
    assert "pip install 'contentci[report]'" in r.stderr
    assert "Traceback" not in r.stderr + r.output
    assert not (tmp_path / "r.html").exists()


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
