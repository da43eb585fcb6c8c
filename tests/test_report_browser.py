"""The HTML report in a real headless Chromium: loads offline, draws charts, runs no article code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser import start_chromium, stop_chromium
from conftest import FIXTURES


class By:  # selenium's locator strategies, without importing selenium before the browser check
    CSS_SELECTOR, TAG_NAME, ID = "css selector", "tag name", "id"


REPO = Path(__file__).resolve().parent.parent
HOSTILE = """\
# An article that tries to run code

Some people write <script>window.__pwned = 1; document.title = "pwned";</script> into their articles, and other people paste <img src=x onerror="window.__pwned = 2"> tags, which a careless report generator would happily copy into its page where they would then run.

Stem cell therapy utilizes the unique ability of stem cells to regenerate and repair damaged tissues through immunomodulatory mechanisms.
"""


@pytest.fixture(scope="module")
def chromium():
    driver = start_chromium()
    yield driver
    stop_chromium(driver)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """`contentci report content/ tests/fixtures/ <hostile> -o r.html`, as a user runs it."""
    from click.testing import CliRunner

    from contentci.cli.main import cli

    work = tmp_path_factory.mktemp("report")
    hostile = work / "hostile"
    hostile.mkdir()
    (hostile / "script-tag.md").write_text(HOSTILE, encoding="utf-8")
    paths = [str(p) for p in (REPO / "content", FIXTURES) if p.exists()] + [str(hostile)]
    out = work / "r.html"
    result = CliRunner().invoke(cli, ["report", *paths, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def _load(driver, path: Path):
    driver.get(path.as_uri())
    driver.get_log("browser")  # drop anything logged before this page
    driver.refresh()


def test_report_loads_offline_with_charts_and_no_console_errors(chromium, page, tmp_path):
    _load(chromium, page)
    errors = [e for e in chromium.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    assert chromium.title == "contentci report"
    charts = chromium.find_elements(By.CSS_SELECTOR, "figure svg.chart")
    assert len(charts) >= 2  # grade distribution and findings by rule at least
    assert chromium.find_element(By.CSS_SELECTOR, "#chart-grades svg.chart").size["height"] > 100
    # Nothing was fetched: no stylesheet, font, script or image from anywhere.
    assert chromium.execute_script("return performance.getEntriesByType('resource').length") == 0
    shot = tmp_path / "report.png"
    assert chromium.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    keep = REPO / "build" / "report-screenshot.png"
    keep.parent.mkdir(exist_ok=True)
    shutil.copyfile(shot, keep)


def test_article_markup_is_shown_as_text_and_never_runs(chromium, page):
    _load(chromium, page)
    assert chromium.execute_script("return window.__pwned === undefined")
    assert chromium.title == "contentci report"
    text = chromium.find_element(By.TAG_NAME, "body").text
    # The hard sentence's paragraph is shown as text: the tags' words stay, the tags are gone.
    assert "Some people write window.__pwned = 1;" in text
    # The only script element is the report's own sorting script; no img came from article text.
    assert chromium.execute_script("return document.scripts.length") == 1
    assert chromium.find_elements(By.CSS_SELECTOR, "img") == []


def test_table_sorts_by_grade_and_links_to_the_article(chromium, page):
    _load(chromium, page)
    header = chromium.find_element(By.CSS_SELECTOR, "#articles th[data-key='grade'] button")

    def grades():
        cells = chromium.find_elements(By.CSS_SELECTOR, "#articles tbody td:nth-child(2)")
        return [float(c.text) for c in cells if c.text != "–"]

    header.click()
    assert grades() == sorted(grades()) and len(grades()) >= 2
    header.click()
    assert grades() == sorted(grades(), reverse=True)
    link = chromium.find_element(By.CSS_SELECTOR, "#articles tbody a")
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    assert chromium.execute_script("return location.hash") == "#" + target
    assert chromium.find_element(By.ID, target).find_element(By.TAG_NAME, "h3").text == link.text


def _charts_fit_and_no_console_errors(driver):
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    viewport = driver.execute_script("return window.innerHeight")
    charts = driver.find_elements(By.CSS_SELECTOR, "figure svg.chart")
    assert charts
    for chart in charts:
        assert 50 < chart.size["height"] <= viewport, (chart.get_attribute("aria-label"), chart.size)


def _worst_first(driver, report: dict):
    def badness(f):
        sev = [d["severity"] for d in f["diagnostics"]]
        return (sev.count("error"), sev.count("warning"))

    worst = max(badness(f) for f in report["files"])
    first = driver.find_element(By.CSS_SELECTOR, "#worklist tbody tr")
    path = first.find_element(By.CSS_SELECTOR, "td[data-key='path'] a").get_attribute("title")  # the full path
    shown = (int(first.find_element(By.CSS_SELECTOR, "td[data-key='errors']").text),
             int(first.find_element(By.CSS_SELECTOR, "td[data-key='warnings']").text))
    by_path = {f["path"]: badness(f) for f in report["files"]}
    assert shown == by_path[path] == worst
    # The worklist comes before the charts and the full table.
    top = driver.execute_script("return document.getElementById('worklist').getBoundingClientRect().top")
    charts = driver.execute_script("return document.querySelector('.charts').getBoundingClientRect().top")
    assert top < charts


def test_small_report_charts_fit_and_worst_article_leads(chromium, page):
    _load(chromium, page)
    _charts_fit_and_no_console_errors(chromium)
    import json

    from click.testing import CliRunner

    from contentci.cli.main import cli

    paths = [str(p) for p in (REPO / "content", FIXTURES) if p.exists()] + [str(page.parent / "hostile")]
    data = json.loads(CliRunner().invoke(cli, ["check", "--format", "json", *paths]).stdout)
    _worst_first(chromium, data)


@pytest.fixture(scope="module")
def library_page(tmp_path_factory):
    """3,000 generated articles, checked and reported (`benchmarks/generate_corpus.py --count 3000`)."""
    import json
    import subprocess
    import sys

    from click.testing import CliRunner

    from contentci.cli.main import cli

    work = tmp_path_factory.mktemp("library")
    corpus = work / "corpus"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate_corpus.py"), str(corpus), "--count", "3000"],
        check=True,
        capture_output=True,
    )
    out = work / "r.html"
    # Grammar off, as for every test without a LanguageTool fixture; a cache of its own.
    env = {"CONTENTCI_GRAMMAR": "off", "CONTENTCI_CACHE_DIR": str(work / "cache")}
    result = CliRunner().invoke(cli, ["report", str(corpus), "-q", "-o", str(out)], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = CliRunner().invoke(cli, ["check", "--format", "json", "-q", str(corpus)], env=env).stdout  # warm: cached
    return out, json.loads(data)


def test_report_of_3000_articles_stays_small_and_readable(chromium, library_page):
    page, data = library_page
    assert len(data["files"]) == 3000
    assert page.stat().st_size < 2_000_000
    _load(chromium, page)
    _charts_fit_and_no_console_errors(chromium)
    _worst_first(chromium, data)
    rows = chromium.execute_script("return document.querySelectorAll('#articles tbody tr').length")
    assert rows == 3000  # every article is in the table, even the ones without a full section
    keep = REPO / "build" / "report-3000-screenshot.png"
    keep.parent.mkdir(exist_ok=True)
    assert chromium.save_screenshot(str(keep))


def test_missing_browser_fails_under_ci(monkeypatch):
    import browser

    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="headless Chromium"):
        browser.start_chromium()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        browser.start_chromium()
