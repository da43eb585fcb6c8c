"""The HTTP call to LanguageTool's ``/v2/check`` with annotated text, and its offsets.

Several paragraphs go in one request, joined by ``\\n\\n`` markup so LanguageTool sees paragraph
breaks. LanguageTool counts offsets in UTF-16 code units (it is Java); we convert them to code
points per paragraph, so an emoji before a typo does not shift it.

Every request is bounded twice, so a broken or hostile server costs a failed request, never the
run: ``timeout`` is a deadline for the whole exchange (connect, headers, body), not only for each
read, since a server trickling one byte a second would pass any per-read timeout; and the answer
is read up to :func:`answer_limit` bytes, never whole (one 4 GiB answer once took 8 GB of memory).
"""

from __future__ import annotations

import bisect
import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass

from contentci.services.languagetool.annotate import Paragraph

SEPARATOR = {"markup": "\n\n", "interpretAs": "\n\n"}
MAX_REQUEST_CHARS = 20_000  # per request; larger batches are split
MAX_SUGGESTIONS = 3
# An answer may be this large whatever was sent; LanguageTool's answer to a 20,000-character
# batch full of typos is ~2 MB (each match repeats its sentence and rule description).
MIN_ANSWER_BYTES = 16 * 2**20
ANSWER_BYTES_PER_SENT = 64  # larger requests (one huge paragraph) may have proportionally larger answers
MAX_ANSWER_BYTES = 64 * 2**20  # but never more than this
CHUNK = 64 * 1024
ERROR_DETAIL_BYTES = 1000  # of an HTTP error's body, for the message


class LanguageToolRequestError(Exception):
    """The server could not be reached, timed out, or answered with an error or garbage."""


def answer_limit(sent: int) -> int:
    """The largest answer accepted to a request of ``sent`` bytes."""
    return min(MAX_ANSWER_BYTES, max(MIN_ANSWER_BYTES, ANSWER_BYTES_PER_SENT * sent))


class _Deadline:
    """Shuts the request's sockets down when ``seconds`` have passed, whatever is being read.

    A socket timeout bounds each read only; http.client reads the status line and headers with
    readline, which a trickling server can keep busy forever. Shutting the socket down from a
    timer thread ends any blocked read at once (it sees end of file).
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                raise TimeoutError(f"no complete answer within {self.seconds:g} s")
            self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                try:  # the plain socket's shutdown, also for TLS: never touch the SSL object from here
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
                except OSError:
                    pass


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    """urllib (proxies from the environment, http and https) with connections the deadline watches."""

    def watched(base):
        class Connection(base):
            def connect(self):
                super().connect()
                deadline.watch(self.sock)

        return Connection

    http_conn, https_conn = watched(http.client.HTTPConnection), watched(http.client.HTTPSConnection)

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(http_conn, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(https_conn, req, context=self._context)

    return urllib.request.build_opener(HTTPHandler(), HTTPSHandler())


def _read_bounded(resp, limit: int) -> bytes:
    """The body, or LanguageToolRequestError once it is longer than ``limit`` (never read whole)."""
    declared = resp.headers.get("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > limit:
        raise LanguageToolRequestError(f"answer of {int(declared):,} bytes is over the {limit:,}-byte limit")
    parts, size = [], 0
    while True:
        part = resp.read(CHUNK)
        if not part:
            return b"".join(parts)
        size += len(part)
        if size > limit:
            raise LanguageToolRequestError(f"answer is over the {limit:,}-byte limit")
        parts.append(part)


def fetch(url: str, body: bytes | None, timeout: float, limit: int) -> bytes:
    """GET (or POST ``body``) ``url``: the answer's bytes, within ``timeout`` seconds and ``limit`` bytes.

    Any failure (no connection, HTTP error, deadline, too large) is LanguageToolRequestError.
    """
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
    request = urllib.request.Request(url, data=body, headers=headers)
    base = urllib.parse.urlsplit(url)._replace(path="", query="", fragment="").geturl()
    started = time.monotonic()
    with _Deadline(timeout) as deadline:
        try:
            with _opener(deadline).open(request, timeout=timeout) as resp:
                data = _read_bounded(resp, limit)
            if deadline.expired:  # the shut-down socket read as an early end of the answer
                raise TimeoutError
            return data
        except urllib.error.HTTPError as exc:
            try:
                detail = exc.read(ERROR_DETAIL_BYTES).decode("utf-8", "replace").strip().splitlines()[:1]
            except (OSError, http.client.HTTPException, ValueError):
                detail = []
            finally:
                exc.close()
            raise LanguageToolRequestError(f"HTTP {exc.code} from {base}: {' '.join(detail)}") from None
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
            if deadline.expired or time.monotonic() - started >= timeout:
                raise LanguageToolRequestError(f"{base}: no complete answer within {timeout:g} s") from None
            reason = getattr(exc, "reason", exc)
            raise LanguageToolRequestError(f"{base}: {reason}") from None


@dataclass(frozen=True)
class Match:
    """A LanguageTool match inside one paragraph, in code points from the paragraph's start."""

    start: int
    end: int
    rule: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Match:
        return cls(**{**data, "replacements": tuple(data.get("replacements", ()))})


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Utf16Index:
    """UTF-16 offsets in a string to code-point offsets."""

    def __init__(self, text: str):
        self.narrow = all(ord(ch) <= 0xFFFF for ch in text)
        if not self.narrow:
            self.starts, pos = [], 0
            for ch in text:
                self.starts.append(pos)
                pos += 2 if ord(ch) > 0xFFFF else 1
            self.starts.append(pos)

    def to_cp(self, unit: int) -> int:
        if self.narrow:
            return unit
        return bisect.bisect_right(self.starts, unit) - 1


def batches(paragraphs: list[Paragraph], limit: int = MAX_REQUEST_CHARS) -> list[list[Paragraph]]:
    out: list[list[Paragraph]] = [[]]
    size = 0
    for p in paragraphs:
        if out[-1] and size + len(p.source) > limit:
            out.append([])
            size = 0
        out[-1].append(p)
        size += len(p.source) + 2
    return [b for b in out if b]


def post(url: str, params: dict, timeout: float) -> dict:
    body = urllib.parse.urlencode(params).encode("utf-8")
    data = fetch(url + "/v2/check", body, timeout, answer_limit(len(body)))
    try:
        answer = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
        raise LanguageToolRequestError(f"{url} answered with something that is not JSON: {exc}") from None
    if not isinstance(answer, dict):
        raise LanguageToolRequestError(f"{url} answered with JSON that is not a LanguageTool answer")
    return answer


def check(url: str, paragraphs: list[Paragraph], *, language: str, picky: bool, timeout: float) -> list[list[Match]]:
    """LanguageTool's matches for each paragraph (one request for the lot)."""
    annotation: list[dict] = []
    bases: list[int] = []
    units = 0
    for n, para in enumerate(paragraphs):
        if n:
            annotation.append(SEPARATOR)
            units += 2
        bases.append(units)
        annotation.extend(s.as_json() for s in para.segments)
        units += utf16_len(para.source)
    params = {"language": language, "data": json.dumps({"annotation": annotation}, ensure_ascii=False)}
    if picky:
        params["level"] = "picky"
    response = post(url, params, timeout)
    try:
        return _matches(response, paragraphs, bases)
    except (AttributeError, TypeError, ValueError, OverflowError) as exc:  # a match of the wrong shape
        raise LanguageToolRequestError(f"{url} answered with matches LanguageTool never sends: {exc}") from None


def _matches(response: dict, paragraphs: list[Paragraph], bases: list[int]) -> list[list[Match]]:
    results: list[list[Match]] = [[] for _ in paragraphs]
    indexes = [Utf16Index(p.source) for p in paragraphs]
    for m in response.get("matches") or []:
        offset, length = int(m.get("offset", 0)), int(m.get("length", 0))
        if offset < 0 or length < 0:
            continue
        k = bisect.bisect_right(bases, offset) - 1
        if k < 0:
            continue
        local, para = offset - bases[k], paragraphs[k]
        if local + length > utf16_len(para.source):
            continue  # runs into the separator: not about this paragraph's text
        start, end = indexes[k].to_cp(local), indexes[k].to_cp(local + length)
        rule = m.get("rule") or {}
        replacements = tuple(r.get("value", "") for r in (m.get("replacements") or [])[:MAX_SUGGESTIONS])
        results[k].append(
            Match(
                start,
                end,
                str(rule.get("id", "UNKNOWN")),
                str((rule.get("category") or {}).get("id", "")),
                str(rule.get("issueType", "")),
                str(m.get("message", "")).strip(),
                replacements,
            )
        )
    return results


def warm_up(url: str, timeout: float) -> None:
    """One small check, so the JVM loads the English rules before real work arrives."""
    post(url, {"language": "en-US", "text": "This is a sentense to warm up the server."}, timeout)
