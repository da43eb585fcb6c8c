"""What a ``check`` run uses for grammar: the paragraph cache first, a server only on a miss.

The server is obtained lazily (:func:`server.obtain`): a run whose paragraphs are all cached
starts no JVM and sends nothing. Whatever goes wrong with LanguageTool (it cannot be had, dies,
hangs, answers garbage or too much), the run goes on without it: the service remembers why
(``unavailable`` before any server could be had, ``failure`` after) and which files it could not
check (``unchecked``); the runner turns that into ONE notice, or exit 2 when grammar was required,
after every other finding and output file is written. A server of ours (or the shared one) that
stops answering is started again, but a run starts at most :data:`MAX_STARTS` servers: a JVM
that keeps dying costs one restart, not one per file.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager

from typing import TYPE_CHECKING

from contentci.core.errors import ContentciError
from contentci.services.languagetool import VERSION

if TYPE_CHECKING:
    from contentci.services.languagetool import server
    from contentci.services.languagetool.annotate import Paragraph
    from contentci.services.languagetool.cache import ParagraphCache
    from contentci.services.languagetool.client import Match

# The HTTP client, server lifecycle and paragraph cache (http.client, ssl, sqlite3: ~40 ms of
# imports) are imported inside the methods that use them, so a run without grammar never loads them.


MAX_STARTS = 2  # servers a run may start (or look for): the first and one restart


class GrammarSkipped(Exception):
    """Grammar cannot be checked in this run (the reason is on the service)."""


class GrammarService:
    def __init__(self, settings: dict, cache: ParagraphCache):
        self.settings = settings
        self.cache = cache
        self.server: server.Server | None = None
        self.unavailable: str | None = None
        self.failure: str | None = None
        self.requests = 0  # /v2/check requests sent (tests and benchmarks count them)
        self.paragraphs_sent = 0
        self.starts = 0  # times a server was obtained (started, found, or a remote one health-checked)
        self.files = 0  # documents asked about
        self.unchecked: list[str] = []  # paths whose grammar could not be checked
        self.first_request: float | None = None  # monotonic time of the first request: run_timeout counts from it

    @property
    def reason(self) -> str | None:
        """Why grammar was not checked (for some files), or None."""
        return self.failure or self.unavailable

    @property
    def timeout(self) -> float:
        return float(self.settings.get("timeout", 60))

    def _request_timeout(self) -> float:
        """This request's deadline: ``timeout``, or less when the run's ``run_timeout`` is nearly spent."""
        budget = float(self.settings.get("run_timeout", 0) or 0)
        now = time.monotonic()
        if self.first_request is None:
            self.first_request = now
        if budget <= 0:
            return self.timeout
        left = budget - (now - self.first_request)
        if left <= 0:
            self.failure = self._spent(budget)
            raise GrammarSkipped()
        return min(self.timeout, left)

    @staticmethod
    def _spent(budget: float) -> str:
        return (
            f"the run's time for LanguageTool (languagetool.run_timeout = {budget:g} s) was spent "
            "before every file was checked"
        )

    def server_id(self) -> str:
        from contentci.services.languagetool import server

        url = server.remote_url(self.settings)
        return f"remote:{url}" if url else f"languagetool-{VERSION}"

    def matches(self, doc, *, language: str, picky: bool) -> list[tuple[Paragraph, list[Match]]]:
        """Each prose paragraph of ``doc`` with LanguageTool's matches (cached or fresh)."""
        self.files += 1
        try:
            return self._matches(doc, language, picky)
        except GrammarSkipped:
            self.unchecked.append(doc.path)
            raise

    def _matches(self, doc, language: str, picky: bool) -> list[tuple[Paragraph, list[Match]]]:
        from contentci.services.languagetool.annotate import paragraphs
        from contentci.services.languagetool.cache import ParagraphCache

        paras = paragraphs(doc)
        sid = self.server_id()
        keys = [ParagraphCache.key(sid, language, picky, p.key) for p in paras]
        results: dict[int, list[Match]] = {}
        missing = []
        for i, key in enumerate(keys):
            hit = self.cache.get(key)
            if hit is None:
                missing.append(i)
            else:
                results[i] = hit
        if missing:
            fresh = self._check([paras[i] for i in missing], language, picky)
            self.cache.put({keys[i]: m for i, m in zip(missing, fresh)})
            results.update(zip(missing, fresh))
        return [(p, results[i]) for i, p in enumerate(paras)]

    def _check(self, paras: list[Paragraph], language: str, picky: bool) -> list[list[Match]]:
        if self.unavailable or self.failure:
            raise GrammarSkipped()
        from contentci.services.languagetool import client

        out: list[list[Match]] = []
        for batch in client.batches(paras):
            out.extend(self._send(batch, language, picky))
        return out

    def _send(self, batch: list[Paragraph], language: str, picky: bool) -> list[list[Match]]:
        from contentci.services.languagetool import client, server
        from contentci.services.languagetool.client import LanguageToolRequestError

        timeout = self._request_timeout()
        srv = self._server()
        try:
            self.requests += 1
            self.paragraphs_sent += len(batch)
            return client.check(srv.url, batch, language=language, picky=picky, timeout=timeout)
        except LanguageToolRequestError as exc:
            budget = float(self.settings.get("run_timeout", 0) or 0)
            if timeout < self.timeout and budget > 0 and time.monotonic() - self.first_request >= budget:
                self.failure = self._spent(budget)  # cut short by the run's budget, not the server's fault
                raise GrammarSkipped() from None
            if srv.owned:
                server.stop(srv)
            self.server = None
            if srv.kind != "remote" and self.starts < MAX_STARTS:  # ours, or the shared one died: start anew
                return self._send(batch, language, picky)
            self.failure = f"LanguageTool stopped answering ({exc})"
            raise GrammarSkipped() from None

    def _server(self) -> server.Server:
        if self.server is None:
            from contentci.services.languagetool import server
            from contentci.services.languagetool.client import LanguageToolRequestError

            if self.starts >= MAX_STARTS:  # never reached through _send; a guard for other callers
                self.failure = self.failure or f"LanguageTool was started {self.starts} times and failed each time"
                raise GrammarSkipped()
            self.starts += 1
            try:
                self.server = server.obtain(self.settings)
            except (ContentciError, LanguageToolRequestError) as exc:  # not installed, no Java, died in warm-up
                if self.starts > 1:
                    self.failure = f"LanguageTool stopped answering and could not be restarted: {exc}"
                else:
                    self.unavailable = str(exc)
                raise GrammarSkipped() from None
        return self.server

    def close(self) -> None:
        if self.server is not None and self.server.owned:
            from contentci.services.languagetool import server

            server.stop(self.server)
        self.server = None
        self.cache.close()


def mode() -> str:
    """``CONTENTCI_GRAMMAR``: ``on`` (default), ``off``, or ``required``."""
    value = os.environ.get("CONTENTCI_GRAMMAR", "on").strip().lower()
    if value not in ("on", "off", "required"):
        raise ContentciError(f"CONTENTCI_GRAMMAR={value!r}: use on, off or required")
    return value


@contextmanager
def for_run(languagetool_settings: dict, *, wanted: bool, cache: bool = True):
    """Services for one run: ``{"languagetool": GrammarService}``, or ``{}`` when grammar is off.

    Whatever happens inside (an error, Ctrl-C), a private server started for the run is stopped.
    """
    if not wanted:
        yield {}
        return
    from contentci.services.languagetool.cache import ParagraphCache

    service = GrammarService(languagetool_settings, ParagraphCache(enabled=cache))
    try:
        yield {"languagetool": service}
    finally:
        service.close()
