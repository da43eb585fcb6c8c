"""fix's byte-exact machinery: splicing edits, placements, atomic writes, refusal on concurrent change."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

import pytest

from contentci.config.loading import load_config
from contentci.core.registry import config_schema
from contentci.fix import plan_bytes, text_edits
from contentci.fix.safe_write import FileChanged, replace, snapshot
from contentci.fix.text_edits import Edit


@dataclass(frozen=True)
class Req:
    id: str
    rule: str
    template: str
    placement: str
    satisfied: bool
    found_at: tuple | None = None


def fake_requirements(*specs):
    """A requirements provider: each (id, placement, template) is satisfied once its template is in the text."""

    def provider(doc, ctx):
        prose = " ".join(doc.prose.split())
        return [Req(i, f"disclaimer/{i}", t, p, t in prose) for i, p, t in specs]

    return provider


BOTTOM = fake_requirements(("medical-advice", "anywhere", "This is not medical advice."))
TOP = fake_requirements(("sponsor", "top", "This article was paid for by Acme."))


def plan(data: bytes, provider, name="a.md", **kw):
    return plan_bytes(name, data, load_config(None, schema=config_schema()).resolve(name), requirements=provider, **kw)


def test_splice_keeps_every_byte_outside_the_edit():
    source = "é\r\nb\r\n"
    data = b"\xef\xbb\xbf" + source.encode()
    out = text_edits.apply(data, source, "utf-8", [Edit(3, 3, "X")])
    assert out == b"\xef\xbb\xbf\xc3\xa9\r\nXb\r\n"


def test_overlapping_edits_are_refused():
    with pytest.raises(ValueError):
        text_edits.apply(b"abcdef", "abcdef", "utf-8", [Edit(0, 3, "x"), Edit(2, 4, "y")])


@pytest.mark.parametrize(
    "before, after",
    [
        ("# T\n\nBody.\n", "# T\n\nBody.\n\nThis is not medical advice.\n"),
        ("# T\n\nBody.", "# T\n\nBody.\n\nThis is not medical advice."),  # no final newline stays so
        ("# T\n\nBody.\n\n", "# T\n\nBody.\n\nThis is not medical advice.\n"),
        ("", "This is not medical advice.\n"),
    ],
)
def test_bottom_placement(before, after):
    assert plan(before.encode(), BOTTOM).fixed.decode() == after


@pytest.mark.parametrize(
    "before, after",
    [
        ("# T\n\nBody.\n", "# T\n\nThis article was paid for by Acme.\n\nBody.\n"),
        ("# T\nBody.\n", "# T\n\nThis article was paid for by Acme.\n\nBody.\n"),
        ("T\n===\n\nBody.\n", "T\n===\n\nThis article was paid for by Acme.\n\nBody.\n"),
        ("Body.\n", "This article was paid for by Acme.\n\nBody.\n"),
        ("---\ntitle: x\n---\nBody.\n", "---\ntitle: x\n---\n\nThis article was paid for by Acme.\n\nBody.\n"),
    ],
)
def test_top_placement(before, after):
    assert plan(before.encode(), TOP).fixed.decode() == after


def test_crlf_and_bom_are_kept_and_the_insert_uses_crlf():
    data = b"\xef\xbb\xbf# T\r\n\r\nBody.\r\n"
    fixed = plan(data, BOTTOM).fixed
    assert fixed == b"\xef\xbb\xbf# T\r\n\r\nBody.\r\n\r\nThis is not medical advice.\r\n"
    assert plan(fixed, BOTTOM).fixed == fixed  # second run: nothing


def test_utf16_file_stays_utf16():
    data = "# T\r\n\r\nBody.\r\n".encode("utf-16")
    fixed = plan(data, BOTTOM).fixed
    assert (
        fixed.startswith(data[:2])
        and fixed.decode("utf-16") == "# T\r\n\r\nBody.\r\n\r\nThis is not medical advice.\r\n"
    )


def test_satisfied_or_misplaced_disclaimers_are_left_alone():
    data = b"# T\n\nThis is not medical advice.\n"
    assert not plan(data, BOTTOM).changed

    def misplaced(doc, ctx):
        return [Req("x", "disclaimer/x", "Words.", "top", False, found_at=(5, 9))]

    p = plan(b"# T\n\nBody text here.\n", misplaced)
    assert not p.changed and "outside its placement" in p.notes[0]


def test_two_disclaimers_at_the_end_become_two_paragraphs():
    both = fake_requirements(("a", "bottom", "First note."), ("b", "anywhere", "Second note."))
    assert plan(b"Body.\n", both).fixed == b"Body.\n\nFirst note.\n\nSecond note.\n"


def test_plain_word_swaps_only_when_asked():
    none = fake_requirements()
    data = b"We utilize `utilize` and [Utilize](http://x/utilize) prior to eating. <!-- utilize -->\n"
    assert not plan(data, none).changed
    fixed = plan(data, none, unsafe=True).fixed
    assert fixed == b"We use `utilize` and [Use](http://x/utilize) before eating. <!-- utilize -->\n"


def test_atomic_replace_keeps_permissions(tmp_path):
    f = tmp_path / "a.md"
    f.write_bytes(b"old\n")
    os.chmod(f, 0o640)
    snap = snapshot(f)
    replace(snap, b"new\n")
    assert f.read_bytes() == b"new\n"
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temp file left behind


def test_replace_refuses_a_file_changed_meanwhile(tmp_path):
    f = tmp_path / "a.md"
    f.write_bytes(b"old\n")
    snap = snapshot(f)
    f.write_bytes(b"someone else's edit\n")
    with pytest.raises(FileChanged, match="changed on disk"):
        replace(snap, b"new\n")
    assert f.read_bytes() == b"someone else's edit\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_replace_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    replace(snapshot(link), b"new\n")
    assert link.is_symlink() and real.read_bytes() == b"new\n"


from hypothesis import given, settings
from hypothesis import strategies as st

LINES = st.lists(
    st.sampled_from(
        [
            "# Title",
            "Title",
            "===",
            "",
            "   ",
            "Body text here.",
            "- item",
            "---",
            "é ünïcode ✓",
            "<!-- c -->",
            "    code",
        ]
    ),
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(
    lines=LINES,
    newline=st.sampled_from(["\n", "\r\n"]),
    final_newline=st.booleans(),
    bom=st.booleans(),
    where=st.sampled_from(["top", "bottom", "anywhere", "first-n-paragraphs"]),
)
def test_fix_only_inserts_keeps_style_and_is_idempotent(lines, newline, final_newline, bom, where):
    provider = fake_requirements(("note", where, "A required note."))
    text = newline.join(lines) + (newline if final_newline and lines else "")
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    first = plan(data, provider)
    assert first.changed
    fixed = first.fixed
    # Only an insertion: removing one contiguous run of bytes gives the original back.
    i = next((k for k in range(len(data)) if data[k] != fixed[k]), len(data))
    inserted = fixed[i : i + len(fixed) - len(data)]
    assert fixed[:i] + fixed[i + len(inserted) :] == data
    assert b"A required note." in inserted
    assert fixed.startswith(b"\xef\xbb\xbf") == bom
    if "\r\n" in text:
        assert inserted.count(b"\n") == inserted.count(b"\r\n")
    else:  # LF, or no line ending to copy
        assert b"\r" not in inserted
    assert fixed.endswith(b"\n") == (text.endswith("\n") or not text)
    assert not plan(fixed, provider).changed


def test_insertion_that_would_not_satisfy_its_rule_is_dropped():
    # The file ends inside an open code fence: appended text would be code, not a disclaimer.
    data = b"Body.\n\n```\ncode\n"
    p = plan(data, BOTTOM)
    assert not p.changed
    assert "would not satisfy the rule here" in p.notes[0]


def test_cr_only_insert_uses_cr():
    data = b"# T\r\rBody.\r"
    fixed = plan(data, BOTTOM).fixed
    assert fixed == b"# T\r\rBody.\r\rThis is not medical advice.\r"
    top = plan(data, TOP).fixed
    assert top == b"# T\r\rThis article was paid for by Acme.\r\rBody.\r"
    assert plan(fixed, BOTTOM).fixed == fixed


def test_replace_of_a_hard_link_writes_in_place(tmp_path):
    f, other = tmp_path / "a.md", tmp_path / "b.md"
    f.write_bytes(b"old text, longer than the new\n")
    os.link(f, other)
    os.chmod(f, 0o640)
    replace(snapshot(f), b"new\n")
    assert other.read_bytes() == f.read_bytes() == b"new\n"
    assert f.stat().st_ino == other.stat().st_ino and f.stat().st_nlink == 2
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_interrupted_in_place_write_is_reported_not_deleted(tmp_path):
    """A killed in-place write may have left the article short; its temp copy holds the whole new
    text, so it is kept and the file refused until a person looks."""
    from contentci.fix.safe_write import Interrupted, clean_stale

    f = tmp_path / "a.md"
    f.write_bytes(b"new te")  # torn
    dead = subprocess_dead_pid()
    copy = tmp_path / f".a.md.{dead}.abcd1234.contentci-copy"
    copy.write_bytes(b"new text\n")
    with pytest.raises(Interrupted, match=copy.name):
        clean_stale(f)
    assert copy.exists()
    f.write_bytes(b"new text\n")  # the person finished it by hand: the copy is no longer needed
    clean_stale(f)
    assert not copy.exists()


def test_legacy_temp_without_pid_is_removed_only_when_old(tmp_path):
    from contentci.fix.safe_write import STALE_AFTER, clean_stale

    f = tmp_path / "a.md"
    f.write_bytes(b"x\n")
    old, new = tmp_path / ".a.md.abcd1234.contentci-tmp", tmp_path / ".a.md.efgh5678.contentci-tmp"
    old.write_bytes(b"")
    new.write_bytes(b"")
    past = old.stat().st_mtime - STALE_AFTER - 60
    os.utime(old, (past, past))
    clean_stale(f)
    assert not old.exists() and new.exists()


def subprocess_dead_pid() -> int:
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid
