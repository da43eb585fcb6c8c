"""``contentci fix``: insert missing required disclaimers, safely.

What it changes: each disclaimer that applies to an article (from the
disclaimer rules' :func:`contentci.analysis.health.disclaimers.required_for`) and is missing
gets its template inserted as a paragraph at its configured placement. With
``unsafe=True`` it also swaps long words for plain ones in prose. It never
rewrites a claim, never moves or edits existing text, and never inserts a
disclaimer whose statement already stands elsewhere in the article (it says
so instead: moving text is a person's decision).

How it writes: edits are spliced into the original bytes (BOM, encoding, line
endings and final newline stay as they were; the inserted text uses the file's
line ending: LF, CRLF, or CR for a file with old Mac line endings), the result is
checked again so a second run changes nothing, and the file is replaced atomically,
refusing if it changed meanwhile.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from contentci.fix import placement, text_edits
from contentci.fix.text_edits import Edit


@dataclass
class FilePlan:
    path: str
    original: bytes
    fixed: bytes
    applied: list[str] = field(default_factory=list)  # one line per fix, for the summary
    notes: list[str] = field(default_factory=list)  # what fix did not do, and why
    # The edits made, at offsets in the decoded text (``why``: the rule ids each one satisfies).
    edits: list[Edit] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self, encoding: str = "utf-8") -> str:
        def lines(data: bytes) -> list[str]:
            text = data.decode("utf-16" if encoding == "utf-16" else "utf-8-sig", errors="replace")
            return text.splitlines(keepends=True)

        a, b = (self.path, self.path) if self.path.startswith("/") else (f"a/{self.path}", f"b/{self.path}")
        out = difflib.unified_diff(lines(self.original), lines(self.fixed), a, b)
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).lower()


def disclaimer_edits(doc, ctx, requirements) -> tuple[list[Edit], list[str], list[str]]:
    """Edits inserting each missing disclaimer's template; (edits, applied, notes)."""
    nl = text_edits.newline_of(doc.source)
    source = _norm(doc.source)
    groups: dict[int, list] = {}
    applied, notes = [], []
    for req in requirements:
        if req.satisfied:
            continue
        if not req.template.strip():
            notes.append(
                f"{req.rule}: no template to insert; add one in config ([disclaimers.required.{req.id}] template)"
            )
            continue
        if getattr(req, "found_at", None):
            line, _ = doc.position(req.found_at[0])
            notes.append(
                f"{req.rule}: a statement at line {line} stands outside its placement ({req.placement}); move it by hand"
            )
            continue
        if _norm(req.template) in source:
            notes.append(
                f"{req.rule}: its template is already in the file but does not satisfy the rule; check the config"
            )
            continue
        groups.setdefault(placement.offset_for(doc, req.placement), []).append(req)
    edits = []
    for at, reqs in sorted(groups.items()):
        text = (nl + nl).join(" ".join(r.template.split()) for r in reqs)
        edit = text_edits.paragraph_insertion(doc.source, at, text, nl)
        edits.append(Edit(edit.start, edit.end, edit.text, ", ".join(r.rule for r in reqs)))
        line, _ = doc.position(at)
        for r in reqs:
            template = " ".join(r.template.split())
            new_line = line + edit.text[: edit.text.index(template)].count("\n")
            where = "at the top" if r.placement in placement.TOP else "at the end"
            applied.append(f"{r.rule}: inserted the {r.id} disclaimer {where}, line {new_line}")
    return edits, applied, notes


def _cr_only(data: bytes) -> tuple[str, str, int] | None:
    """(text, codec, BOM length) of a file whose lines end with CR alone (no LF anywhere), else None."""
    from contentci.core.errors import DocumentError
    from contentci.document.parse import decode

    try:
        text, _, encoding = decode(data)
    except DocumentError:
        return None
    if "\r" not in text or "\n" in text:
        return None
    return (text, *text_edits.codec_of(data, encoding))


def plan_bytes(
    path: str,
    data: bytes,
    config,
    *,
    unsafe: bool = False,
    requirements: Callable | None = None,
) -> FilePlan:
    """What fixing one file's bytes would give; pure (reads and writes nothing).

    A file with CR line endings only is planned as if its CRs were LFs (same length, so every
    offset holds) and the result turned back, so the inserted lines end with CR like the rest
    (they ended with LF, which made the file's line endings mixed).
    """
    cr = _cr_only(data)
    if cr is None:
        return _plan_bytes(path, data, config, unsafe=unsafe, requirements=requirements)
    text, codec, bom = cr
    view = data[:bom] + text.replace("\r", "\n").encode(codec)
    plan = _plan_bytes(path, view, config, unsafe=unsafe, requirements=requirements)
    fixed = data if not plan.changed else data[:bom] + plan.fixed[bom:].decode(codec).replace("\n", "\r").encode(codec)
    edits = [Edit(e.start, e.end, e.text.replace("\n", "\r"), e.why) for e in plan.edits]  # same offsets
    return FilePlan(path, data, fixed, plan.applied, plan.notes, edits)


def _plan_bytes(path: str, data: bytes, config, *, unsafe: bool, requirements: Callable | None) -> FilePlan:
    from contentci.document.parse import parse
    from contentci.fix.context import context_for, required_for

    requirements = requirements or required_for
    doc = parse(path, data)
    ctx = context_for(doc, path, config)
    edits, applied, notes = disclaimer_edits(doc, ctx, requirements(doc, ctx))
    if unsafe:
        from contentci.fix import plain_words

        swaps = plain_words.edits(doc, exclude=[(e.start, e.end) for e in edits])
        edits += swaps
        applied += [f"{e.why}" for e in swaps]
    fixed = text_edits.apply(data, doc.source, doc.encoding, edits)
    if fixed != data:
        # Check the result as the rules will: an insertion that does not satisfy its rule (say, the
        # file ends inside an open code fence) is dropped, so fix never writes what it cannot finish.
        again = parse(path, fixed)
        failing = {r.rule for r in requirements(again, context_for(again, path, config)) if not r.satisfied}
        bad = [e for e in edits if failing & set(e.why.split(", "))]
        if bad:
            for e in bad:
                notes.append(
                    f"{e.why}: inserting the template would not satisfy the rule here; not inserted, add it by hand"
                )
            edits = [e for e in edits if e not in bad]
            applied = [a for a in applied if a.split(":", 1)[0] not in {r for e in bad for r in e.why.split(", ")}]
            fixed = text_edits.apply(data, doc.source, doc.encoding, edits)
    return FilePlan(path, data, fixed, applied, notes, edits if fixed != data else [])
