"""The one currency of contentci: a Diagnostic, plus the Finding a rule yields.

Rules never compute line:col themselves. They yield a :class:`Finding` with a
source *offset* span; the engine turns it into a :class:`Diagnostic` through the
document's line index, so every rule gets exact positions the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cache


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
    """A finding located in a file: rule id, severity, message, 1-based span."""

    rule: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    suggestion: str | None = None
    document_level: bool = False
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> dict:
        # Field by field rather than dataclasses.asdict, whose deep copies cost 10x (warm runs, --format json).
        data = {name: getattr(self, name) for name in _json_fields(type(self))}
        data["severity"] = self.severity.value
        data.update(self.extra)
        return data

    @classmethod
    def from_json(cls, data: dict) -> Diagnostic:
        known = _json_fields(cls)
        if (
            len(data) >= len(known) and known[1] == "severity"
        ):  # every field to_json wrote, plus extras such as a fingerprint (a warm cache reads thousands)
            try:
                values = [data[k] for k in known]
                values[1] = _SEVERITIES[values[1]]
                # The frozen dataclass __init__ sets each field through object.__setattr__;
                # filling __dict__ directly builds the same object 4x faster.
                obj = object.__new__(cls)
                obj.__dict__.update(zip(known, values))
                obj.__dict__["extra"] = (
                    {k: v for k, v in data.items() if k not in _json_field_set(cls)} if len(data) > len(known) else {}
                )
                return obj
            except (KeyError, TypeError):
                pass
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["severity"] = Severity(kwargs["severity"])
        extra = {k: v for k, v in data.items() if k not in known}
        return cls(**kwargs, extra=extra)

    def to_row(self) -> list:
        """The fields in order, as a list (the result cache's compact form; :func:`from_rows` reads it).

        The last item is the fingerprint when that is all ``extra`` holds, else ``extra`` itself.
        """
        extra = self.extra
        last = extra.get("fingerprint") if len(extra) == 1 else None
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
            last if isinstance(last, str) else extra,
        ]

    @property
    def sort_key(self) -> tuple:
        return (self.line, self.column, self.rule, self.message)


@cache
def _json_fields(cls) -> tuple[str, ...]:
    return tuple(f for f in cls.__dataclass_fields__ if f != "extra")


@cache
def _json_field_set(cls) -> frozenset[str]:
    return frozenset(_json_fields(cls))


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
                "extra": {"fingerprint": extra} if extra.__class__ is str else dict(extra),
            },
        )
        append(d)
    return out
