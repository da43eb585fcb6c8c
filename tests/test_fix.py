"""`contentci fix` with the real disclaimer rules: what a user sees on disk and in exit codes."""

from __future__ import annotations

import os
import stat

from conftest import SEED

SUPPLEMENT = """\
---
title: Magnesium
topic: [supplement]
---

# Magnesium for sleep

Our magnesium supplement supports restful sleep and healthy muscles.
Take one capsule with dinner.
"""
DSHEA = (
    "These statements have not been evaluated by the Food and Drug Administration. "
    "This product is not intended to diagnose, treat, cure, or prevent any disease."
)


def disclaimer_errors(run, path) -> list[str]:
    r = run("check", "--format", "json", "--select", "disclaimer", str(path))
    return [d["rule"] for f in r.json["files"] for d in f["diagnostics"] if d["severity"] == "error"]


def test_fix_makes_the_seed_pass_every_disclaimer_rule(run, tmp_path):
    seed = tmp_path / "seed.md"
    seed.write_bytes(SEED.read_bytes())
    before = disclaimer_errors(run, seed)
    assert {"disclaimer/medical-advice", "disclaimer/regulatory-status"} <= set(before)
    r = run("fix", str(seed))
    assert r.exit_code == 0
    assert "disclaimer/medical-advice: inserted the medical-advice disclaimer at the end" in r.stderr
    check = run("check", "--format", "json", "--select", "disclaimer", str(seed))
    assert check.json["files"][0]["diagnostics"] == []
    fixed = seed.read_bytes()
    # The original text is untouched: the fix only appended.
    assert fixed.startswith(SEED.read_bytes())
    assert not fixed.endswith(b"\n")  # the seed has no final newline, and still has none
    # A second run changes nothing.
    again = run("fix", str(seed))
    assert again.exit_code == 0 and "fixed 0 of 1 file" in again.stderr
    assert seed.read_bytes() == fixed


def test_crlf_file_with_bom_keeps_both(run, tmp_path):
    seed = tmp_path / "seed.md"
    text = SEED.read_bytes().replace(b"\n", b"\r\n") + b"\r\n"
    seed.write_bytes(b"\xef\xbb\xbf" + text)
    assert run("fix", str(seed)).exit_code == 0
    fixed = seed.read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbf" + text)
    assert fixed.endswith(b"\r\n")
    assert fixed.count(b"\n") == fixed.count(b"\r\n")  # every line ending is still CRLF
    assert fixed.count(b"\r\n") > text.count(b"\r\n")
    assert disclaimer_errors(run, seed) == []
    run("fix", str(seed))
    assert seed.read_bytes() == fixed


def test_dshea_statement_is_inserted_word_for_word(run, tmp_path):
    f = tmp_path / "magnesium.md"
    f.write_text(SUPPLEMENT, encoding="utf-8")
    assert "disclaimer/dshea" in disclaimer_errors(run, f)
    assert run("fix", str(f)).exit_code == 0
    assert f.read_text(encoding="utf-8").endswith("\n\n" + DSHEA + "\n")
    assert "disclaimer/dshea" not in disclaimer_errors(run, f)


def test_diff_writes_nothing_and_exits_1(run, tmp_path):
    seed = tmp_path / "seed.md"
    seed.write_bytes(SEED.read_bytes())
    r = run("fix", "--diff", "seed.md")
    assert r.exit_code == 1
    assert r.output.startswith("--- a/seed.md\n+++ b/seed.md\n@@ ")
    assert "+This article is for general information only." in r.output
    assert "\\ No newline at end of file" in r.output
    assert seed.read_bytes() == SEED.read_bytes()
    run("fix", str(seed))
    clean = run("fix", "--diff", str(seed))
    assert clean.exit_code == 0 and clean.output == ""


def test_placement_top_from_config(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text('[disclaimers.required.dshea]\nplacement = "top"\n')
    f = tmp_path / "magnesium.md"
    f.write_text(SUPPLEMENT, encoding="utf-8")
    assert run("fix", "magnesium.md").exit_code == 0
    text = f.read_text(encoding="utf-8")
    assert "# Magnesium for sleep\n\n" + DSHEA + "\n\nOur magnesium supplement" in text
    assert "disclaimer/dshea" not in disclaimer_errors(run, f)


def test_permissions_are_kept(run, tmp_path):
    seed = tmp_path / "seed.md"
    seed.write_bytes(SEED.read_bytes())
    os.chmod(seed, 0o604)
    run("fix", str(seed))
    assert seed.read_bytes() != SEED.read_bytes()
    assert stat.S_IMODE(seed.stat().st_mode) == 0o604


def test_refuses_a_read_only_file_and_fixes_the_others(run, tmp_path):
    locked, other = tmp_path / "locked.md", tmp_path / "other.md"
    locked.write_bytes(SEED.read_bytes())
    other.write_bytes(SEED.read_bytes())
    os.chmod(locked, 0o444)  # tests run as root: the mode bits, not the OS, must stop the write
    r = run("fix", str(locked), str(other))
    assert r.exit_code == 2
    assert "locked.md is read-only; nothing written" in r.stderr
    assert locked.read_bytes() == SEED.read_bytes() and stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert other.read_bytes() != SEED.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked.md", "other.md"]


def test_refuses_a_file_that_changed_while_fixing(run, tmp_path, monkeypatch):
    from contentci import fix

    seed = tmp_path / "seed.md"
    seed.write_bytes(SEED.read_bytes())
    real_plan = fix.plan_bytes

    def plan_while_someone_edits(*args, **kwargs):
        plan = real_plan(*args, **kwargs)
        seed.write_bytes(b"An editor saved this meanwhile.\n")
        return plan

    monkeypatch.setattr(fix, "plan_bytes", plan_while_someone_edits)
    r = run("fix", str(seed))
    assert r.exit_code == 2
    assert "changed on disk while contentci was fixing it" in r.stderr
    assert seed.read_bytes() == b"An editor saved this meanwhile.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.md"]


def test_plain_word_swaps_only_with_unsafe_fixes(run, tmp_path):
    seed = tmp_path / "seed.md"
    seed.write_bytes(SEED.read_bytes())
    run("fix", str(seed))
    assert b"utilizes the unique ability" in seed.read_bytes()
    r = run("fix", "--unsafe-fixes", str(seed))
    assert r.exit_code == 0
    text = seed.read_bytes()
    assert b"Stem cell therapy uses the unique ability" in text
    assert b"represents a revolutionary approach" in text  # claims are never rewritten


def test_unreadable_file_is_a_clear_error(run, tmp_path):
    (tmp_path / "bad.md").write_bytes(b"\x00\x01binary")
    r = run("fix", "bad.md")
    assert r.exit_code == 2
    assert "bad.md: cannot fix: looks like a binary file" in r.stderr
    assert "Traceback" not in r.stderr


def test_non_health_article_is_untouched(run, tmp_path):
    f = tmp_path / "garden.md"
    body = "# Tomatoes\n\nWater tomatoes in the morning. Pick them when they are red.\n"
    f.write_text(body, encoding="utf-8")
    r = run("fix", "--diff", "garden.md")
    assert r.exit_code == 0 and r.output == ""


def test_disclaimer_rule_turned_off_is_not_fixed(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text('[rules]\n"disclaimer/regulatory-status" = "off"\n')
    seed = tmp_path / "seed.md"
    seed.write_bytes(SEED.read_bytes())
    run("fix", "seed.md")
    text = seed.read_text(encoding="utf-8")
    assert "This article is for general information only." in text
    assert "The FDA has approved only a few stem cell products" not in text


def test_cr_only_file_gets_cr_line_endings_in_the_insert(run, tmp_path):
    """Old Mac line endings: the inserted disclaimers end their lines with CR too, never LF."""
    seed = tmp_path / "seed.md"
    original = SEED.read_bytes().replace(b"\n", b"\r") + b"\r"
    seed.write_bytes(original)
    r = run("fix", str(seed))
    assert r.exit_code == 0, r.stderr
    assert "inserted the medical-advice disclaimer at the end" in r.stderr
    fixed = seed.read_bytes()
    assert b"\n" not in fixed
    assert fixed.startswith(original) and b"not medical advice" in fixed[len(original) :]
    assert fixed.endswith(b"\r")
    assert run("fix", str(seed)).exit_code == 0 and seed.read_bytes() == fixed  # a second run: nothing


def test_hard_link_is_kept(run, tmp_path):
    """A file with two names is written in place: both names show the fix, one inode."""
    seed, other = tmp_path / "seed.md", tmp_path / "same-article.md"
    seed.write_bytes(SEED.read_bytes())
    os.link(seed, other)
    inode = seed.stat().st_ino
    r = run("fix", str(seed))
    assert r.exit_code == 0, r.stderr
    assert seed.read_bytes() != SEED.read_bytes() and other.read_bytes() == seed.read_bytes()
    assert seed.stat().st_ino == other.stat().st_ino == inode and seed.stat().st_nlink == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same-article.md", "seed.md"]


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temp_files_of_a_killed_fix_are_removed(run, tmp_path):
    """A fix killed between writing its temp file and renaming it leaves ``.NAME.PID.XXXXXXXX.contentci-tmp``;
    the next fix of that file deletes those of dead processes and leaves a running one's alone."""
    seed = tmp_path / "seed.md"
    seed.write_bytes(SEED.read_bytes())
    stale = tmp_path / f".seed.md.{_dead_pid()}.abcd1234.contentci-tmp"
    stale.write_bytes(SEED.read_bytes()[:100])  # half-written
    live = tmp_path / f".seed.md.{os.getpid()}.efgh5678.contentci-tmp"
    live.write_bytes(b"being written")
    r = run("fix", str(seed))
    assert r.exit_code == 0, r.stderr
    assert not stale.exists()
    assert live.read_bytes() == b"being written"
    assert seed.read_bytes().startswith(SEED.read_bytes())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, "seed.md"])
