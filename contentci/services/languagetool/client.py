"""The HTTP call to LanguageTool's ``/v2/check`` with annotated text, and its offsets.

Several paragraphs go in one request, joined by ``\\n\\n`` markup so LanguageTool sees paragraph
breaks. LanguageTool counts offsets in UTF-16 code units (it is Java); we convert them to code
points per paragraph, so an emoji before a typo does not shift it. urllib with a bounded timeout:
a dead or hung server is an error after ``timeout`` seconds, never a hang.
"""

from __future__ import annotations

import bisect
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass

from contentci.services.languagetool.annotate import Paragraph

SEPARATOR = {"markup": "\n\n", "interpretAs": "\n\n"}
MAX_REQUEST_CHARS = 20_000  # per request; larger batches are split
MAX_SUGGESTIONS = 3


class LanguageToolRequestError(Exception):
    """The server could not be reached, timed out, or answered with an error."""


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
    request = urllib.request.Request(
        url + "/v2/check", data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            return json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()[:1]
        raise LanguageToolRequestError(f"HTTP {exc.code} from {url}: {' '.join(detail)}") from None
    except (urllib.error.URLError, http.client.HTTPException, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise LanguageToolRequestError(f"{url}: {reason}") from None
    except ValueError as exc:
        raise LanguageToolRequestError(f"{url} answered with something that is not JSON: {exc}") from None


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
    results: list[list[Match]] = [[] for _ in paragraphs]
    indexes = [Utf16Index(p.source) for p in paragraphs]
    for m in response.get("matches", []):
        offset, length = int(m.get("offset", 0)), int(m.get("length", 0))
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
