"""Properties every document and every result must have, shared by the property tests and benchmarks/fuzz.py."""

from __future__ import annotations


def document_problems(doc) -> list[str]:
    """What is wrong with a parsed Document (empty when nothing is)."""
    src = doc.source
    out = []
    last = -1
    for n, block in enumerate(doc.blocks):
        pos = 0
        for p in block.pieces:
            if p.text_start != pos or p.length <= 0:
                out.append(f"block {n}: pieces not contiguous at {pos}")
            if p.src_start < 0 or p.src_start + p.src_len > len(src):
                out.append(f"block {n}: piece outside the source")
            elif p.verbatim and src[p.src_start : p.src_start + p.length] != block.text[pos : pos + p.length]:
                out.append(f"block {n}: verbatim piece at {p.src_start} does not match the source")
            if p.src_start < last:
                out.append(f"block {n}: piece runs backwards ({p.src_start} < {last})")
            last = p.src_start
            pos += p.length
        if pos != len(block.text):
            out.append(f"block {n}: pieces cover {pos} of {len(block.text)} characters")
        for i, j in ((0, len(block.text)), (0, 0), (len(block.text) // 2, len(block.text))):
            s, e = block.source_span(i, j)
            if not 0 <= s <= e <= len(src):
                out.append(f"block {n}: span {i}..{j} maps to {s}..{e}")
    for link in doc.links:
        if not 0 <= link.start <= len(src):
            out.append(f"link {link.href!r} at {link.start} outside the source")
    for s, e in doc.html_spans:
        if not 0 <= s <= e <= len(src):
            out.append(f"html span {s}..{e} outside the source")
    return out


def result_problems(result, source_lines: list[str]) -> list[str]:
    """What is wrong with a FileResult for a file whose lines (split on \\n) are ``source_lines``."""
    out = []
    if result.internal_error:
        out.append(
            "internal error: "
            + "; ".join(d.message for d in result.diagnostics if d.rule == "contentci/internal-error")
        )
    for d in result.diagnostics:
        if not 1 <= d.line <= len(source_lines) or not 1 <= d.end_line <= len(source_lines):
            out.append(f"{d.rule}: line {d.line}..{d.end_line} outside 1..{len(source_lines)}")
            continue
        if not 1 <= d.column <= len(source_lines[d.line - 1]) + 1:
            out.append(f"{d.rule}: column {d.column} outside line {d.line}")
        if not 1 <= d.end_column <= len(source_lines[d.end_line - 1]) + 1:
            out.append(f"{d.rule}: end column {d.end_column} outside line {d.end_line}")
        if (d.end_line, d.end_column) < (d.line, d.column):
            out.append(f"{d.rule}: span runs backwards {d.line}:{d.column}..{d.end_line}:{d.end_column}")
    keys = [d.sort_key for d in result.diagnostics]
    if keys != sorted(keys):
        out.append("diagnostics not sorted")
    return out
