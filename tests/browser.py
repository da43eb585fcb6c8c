"""Real headless Chromium for tests, driven through chromedriver (selenium).

Under CI (``CI=true``) a missing browser is a failure, not a skip: the report's
browser tests are the proof that the page works, and CI provisions Chromium
with ``scripts/provision-browser``.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1800",
)


def _find(*names: str) -> str | None:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def start_chromium():
    """A selenium WebDriver for a fresh headless Chromium with an empty profile."""
    browser = _find("chromium", "chromium-browser")
    driver_path = _find("chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        browser = None
    if not browser or not driver_path:
        reason = "headless Chromium, chromedriver or selenium is missing (run scripts/provision-browser)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    profile = tempfile.mkdtemp(prefix="contentci-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver._contentci_profile = profile
    return driver


def stop_chromium(driver) -> None:
    try:
        driver.quit()
    finally:
        shutil.rmtree(driver._contentci_profile, ignore_errors=True)
