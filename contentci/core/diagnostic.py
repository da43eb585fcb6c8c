"""The one currency of contentci: a Diagnostic, plus the Finding a rule yields.

Rules never compute line:col themselves. They yield a :class:`Finding` with a
source *offset* span; the engine turns it into a :class:`Diagnostic` through the
document's line index, so every rule gets exact positions the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


SEVERITY_NAMES = tuple(s.value for s in Severity)
_SEVERITIES = {s.value: s for s in Severity}


@dataclass(frozen=True)
class Finding:
    """What a rule reports: a message about source offsets ``start``..``end``."""

    message: str
    start: int
    end: int
    suggestion: str | None = None
    # Document-level findings (e.g. a missing disclaimer) say so, so that
    # --diff-lines keeps them and baselines fingerprint them by rule alone.
    document_level: bool = False
    # Families with run-time ids (grammar/<LanguageTool id>) name the id and default severity
    # per finding; config severities and --select/--ignore still apply to that id.
    rule: str | None = None
    severity: str | None = None
    # What a reader needs to see the finding without the file (the audit page never reopens it):
    # {"text": the paragraph as plain text, "start": .., "end": ..} offsets of the flagged part in it.
    context: dict | None = field(default=None, compare=False, hash=False)


@dataclass(frozen=True)
class Diagnostic:
    """A finding located in a file: rule id, severity, message, 1-based span.

    ``start``/``end`` are the source offsets the engine located it from, so suppressions and
    fingerprints need not turn line:col back into offsets; a result read back from JSON or the
    cache has none (JSON carries line:col only). ``extra`` keeps keys a JSON report had beyond
    these fields, so a merge passes them on.
    """

    rule: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    suggestion: str | None = None
    document_level: bool = False
    # What a baseline recognises the finding by when lines move (engine/fingerprint.py).
    fingerprint: str | None = field(default=None, compare=False, hash=False)
    start: int | None = field(default=None, compare=False, hash=False, repr=False)
    end: int | None = field(default=None, compare=False, hash=False, repr=False)
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> dict:
        # Field by field rather than dataclasses.asdict, whose deep copies cost 10x (warm runs, --format json).
        data = {name: getattr(self, name) for name in _JSON_FIELDS}
        data["severity"] = self.severity.value
        if self.fingerprint is not None:
            data["fingerprint"] = self.fingerprint
        if self.extra:
            data.update(self.extra)
        return data

    @classmethod
    def from_json(cls, data: dict) -> Diagnostic:
        fingerprint = data.get("fingerprint")
        try:
            values = [data[k] for k in _JSON_FIELDS]
            values[1] = _SEVERITIES[values[1]]
        except (KeyError, TypeError):
            kwargs = {k: v for k, v in data.items() if k in _JSON_FIELD_SET}
            kwargs["severity"] = Severity(kwargs["severity"])
            return cls(**kwargs, fingerprint=fingerprint, extra=_extra(data))
        # The frozen dataclass __init__ sets each field through object.__setattr__; filling
        # __dict__ directly builds the same object 4x faster (a warm cache reads thousands).
        obj = object.__new__(cls)
        fields = obj.__dict__
        fields.update(zip(_JSON_FIELDS, values))
        fields["fingerprint"] = fingerprint
        fields["start"] = fields["end"] = None
        fields["extra"] = _extra(data) if len(data) > len(_JSON_FIELDS) + (fingerprint is not None) else {}
        return obj

    def to_row(self) -> list:
        """The fields in order, as a list (the result cache's compact form; :func:`from_rows` reads it).

        The last item is the fingerprint when there is no ``extra``, else ``extra`` with the
        fingerprint in it.
        """
        extra = self.extra
        if extra:
            last = {**extra, "fingerprint": self.fingerprint} if self.fingerprint is not None else extra
        else:
            last = self.fingerprint if self.fingerprint is not None else {}
        return [
            self.rule,
            self.severity._value_,
            self.message,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.suggestion,
            self.document_level,
            last,
        ]

    @property
    def sort_key(self) -> tuple:
        return (self.line, self.column, self.rule, self.message)


# The fields a JSON diagnostic always has, in their order; ``fingerprint`` follows when set.
_JSON_FIELDS = ("rule", "severity", "message", "line", "column", "end_line", "end_column", "suggestion", "document_level")
_JSON_FIELD_SET = frozenset(_JSON_FIELDS)
_KNOWN_KEYS = _JSON_FIELD_SET | {"fingerprint"}


def _extra(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in _KNOWN_KEYS}


def from_rows(rows: list) -> list[Diagnostic]:
    """Diagnostics from :meth:`Diagnostic.to_row` lists (decoded JSON); raises on a malformed row.

    A warm run builds every finding of a library this way (26,000 for 3,000 articles), so each
    object's ``__dict__`` is made in one step, bypassing the frozen dataclass's ``__init__``
    (which sets each field through ``object.__setattr__``) but holding exactly what it would.
    """
    new = object.__new__
    set_dict = object.__setattr__
    severities = _SEVERITIES
    out = []
    append = out.append
    for rule, severity, message, line, column, end_line, end_column, suggestion, document_level, extra in rows:
        if not (rule.__class__ is message.__class__ is str) or not (
            line.__class__ is column.__class__ is end_line.__class__ is end_column.__class__ is int
        ):
            raise TypeError("not a diagnostic row")  # a damaged cache entry: a miss, never a crash later
        if extra.__class__ is str:
            fingerprint, extra = extra, {}
        elif extra.__class__ is dict:
            fingerprint, extra = extra.get("fingerprint"), _extra(extra)
        else:
            raise TypeError("not a diagnostic row")
        d = new(Diagnostic)
        set_dict(
            d,
            "__dict__",
            {
                "rule": rule,
                "severity": severities[severity],
                "message": message,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "suggestion": suggestion,
                "document_level": document_level,
                "fingerprint": fingerprint,
                "start": None,
                "end": None,
                "extra": extra,
            },
        )
        append(d)
    return out
