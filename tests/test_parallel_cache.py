"""Process pool, content cache, shards and merge: same answers, less work."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED

from contentci.run import cache as cache_module
from contentci.run import parallel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate_corpus


def write_corpus(folder: Path, count: int) -> list[Path]:
    rng = random.Random(11)
    paths = []
    for n in range(count):
        p = folder / "content" / f"a{n:03d}.md"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(generate_corpus.article(rng, n), encoding="utf-8")
        paths.append(p)
    (folder / "content" / "seed.md").write_bytes(SEED.read_bytes())
    return paths


def _bundle_entries(path: Path) -> dict:
    """A bundle file's results: one ``KEY<TAB>TAG<TAB>[PATH, FINDINGS]<TAB>METRICS`` line each."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    out = {}
    for line in lines[:-1]:
        key, _tag, findings, metrics = line.split("\t")
        (result_path, rows), metrics = json.loads(findings), json.loads(metrics)
        out[key] = {"path": result_path, "diagnostics": rows, "metrics": metrics}
    return out


@pytest.fixture
def count_checks(monkeypatch):
    calls = []
    real = parallel.check_bytes

    def counting(path, *args, **kwargs):
        calls.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(parallel, "check_bytes", counting)
    return calls


def test_results_do_not_depend_on_jobs(run, tmp_path):
    write_corpus(tmp_path, parallel.POOL_MIN_FILES + 6)
    one = run("check", "--format", "json", "--no-cache", "--jobs", "1", "content")
    two = run("check", "--format", "json", "--no-cache", "--jobs", "2", "content")
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output
    paths = [f["path"] for f in one.json["files"]]
    assert paths == sorted(paths) and len(paths) == parallel.POOL_MIN_FILES + 7


def test_unchanged_files_are_not_checked_again(run, tmp_path, count_checks):
    paths = write_corpus(tmp_path, 5)
    first = run("check", "--format", "json", "--jobs", "1", "content")
    assert len(count_checks) == 6
    assert (tmp_path / ".contentci_cache" / ".gitignore").read_text().strip().endswith("*")
    count_checks.clear()
    second = run("check", "--format", "json", "--jobs", "1", "content")
    assert count_checks == [] and second.output == first.output and second.exit_code == first.exit_code
    paths[2].write_text(paths[2].read_text() + "\nOne more plain line.\n")
    third = run("check", "--format", "json", "--jobs", "1", "content")
    assert count_checks == ["content/a002.md"]
    assert third.json["files"][2] != first.json["files"][2]
    count_checks.clear()
    run("check", "--format", "json", "--jobs", "1", "--no-cache", "content")
    assert len(count_checks) == 6
    count_checks.clear()
    one_file = run("check", "--format", "json", "--jobs", "1", "content/a001.md")  # another scope reuses entries
    assert count_checks == [] and one_file.json["files"] == [first.json["files"][1]]


def test_changed_config_or_selection_is_not_served_from_cache(run, tmp_path, count_checks):
    write_corpus(tmp_path, 2)
    before = run("check", "--format", "json", "--jobs", "1", "content")
    count_checks.clear()
    only = run("check", "--format", "json", "--jobs", "1", "--select", "readability/hard-sentence", "content")
    assert len(count_checks) == 3 and set(only.rules()) == {"readability/hard-sentence"}
    (tmp_path / ".contentci.toml").write_text("[readability]\nmax_grade = 20\n")
    count_checks.clear()
    after = run("check", "--format", "json", "--jobs", "1", "content")
    assert len(count_checks) == 3
    assert "readability/grade-level" in before.rules() and "readability/grade-level" not in after.rules()


def test_corrupt_cache_entries_are_ignored_and_rewritten(run, tmp_path, count_checks):
    write_corpus(tmp_path, 3)
    first = run("check", "--format", "json", "--jobs", "1", "content")
    cache = tmp_path / ".contentci_cache"
    packs, bundles = list(cache.rglob("packs/*.pack")), list(cache.rglob("bundles/*.tsv"))
    assert packs and bundles
    for n, pack in enumerate(packs):
        pack.write_bytes([b"", b"{not json", b"\x00\xff", b'{"results": {"x": 1}}'][n % 4])
    bad = [
        "{not json",
        "[3, []]\t{}",  # a path that is no string
        "[]\t{}",
        '["x", 5]\t{}',  # findings that are no list
        '["x", [["r", "warning", "m", "1", 1, 1, 1, null, false, "f"]]]\t{}',  # a line that is no number
        '["x", [["r", "warning"]]]\t{}',  # a finding cut short
        '["x", []]\t{',  # metrics cut short
        '["x", []]\t{"a": }',  # metrics that are no JSON
        '["x", []]\t["a"]',  # metrics that are no object
        "\x00",
    ]
    for n, bundle in enumerate(bundles):
        if n % 3 == 2:
            bundle.write_bytes(b"\x00\xff\n")  # not even UTF-8
            continue
        keys = [line.split("\t", 1)[0] for line in bundle.read_text().split("\n") if line]
        tag = cache_module.ResultCache(bundle.parent.parent)._tag  # tagged as this user's: decoding is what fails
        lines = [(k, bad[(n + i) % len(bad)]) for i, k in enumerate(keys)]
        bundle.write_text("".join(f"{k}\t{tag(k, entry)}\t{entry}\n" for k, entry in lines) + "garbage\n")
    count_checks.clear()
    second = run("check", "--format", "json", "--jobs", "1", "content")
    assert second.output == first.output and len(count_checks) == 4
    for bundle in cache.rglob("bundles/*"):
        assert all(r["path"].startswith("content/") for r in _bundle_entries(bundle).values())
    count_checks.clear()
    assert run("check", "--format", "json", "--jobs", "1", "content").output == first.output
    assert count_checks == []


def test_unwritable_config_folder_uses_the_user_cache(run, tmp_path, monkeypatch, count_checks):
    write_corpus(tmp_path, 1)
    user = tmp_path / "user-cache"
    real = cache_module._writable
    monkeypatch.setattr(cache_module, "_writable", lambda folder: user in folder.parents and real(folder))
    env = {"CONTENTCI_CACHE_DIR": str(user)}
    monkeypatch.setenv("CONTENTCI_CACHE_DIR", str(user))
    run("check", "--jobs", "1", "content", env=env)
    assert not (tmp_path / ".contentci_cache").exists()
    assert list(user.rglob("bundles/*"))
    count_checks.clear()
    run("check", "--jobs", "1", "content", env=env)
    assert count_checks == []


def test_two_runs_sharing_a_cache_at_once(tmp_path):
    write_corpus(tmp_path, parallel.POOL_MIN_FILES + 2)
    cmd = [sys.executable, "-m", "contentci", "check", "--format", "json", "content"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reference = subprocess.run(cmd + ["--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True)
    for _ in range(2):
        procs = [
            subprocess.Popen(
                cmd + ["--jobs", j], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for j in ("1", "2")
        ]
        outs = [p.communicate(timeout=120) for p in procs]
        for p, (out, err) in zip(procs, outs):
            assert p.returncode == 1, err
            assert out == reference.stdout


def test_shards_split_the_files_and_merge_back(run, tmp_path):
    write_corpus(tmp_path, 12)
    full = run("check", "--format", "json", "--no-cache", "content")
    shard_files = []
    for k in (1, 2, 3):
        out = run("check", "--format", "json", "--shard", f"{k}/3", "content")
        (tmp_path / f"shard{k}.json").write_text(out.output)
        shard_files.append([f["path"] for f in out.json["files"]])
    everything = [p for s in shard_files for p in s]
    assert sorted(everything) == [f["path"] for f in full.json["files"]]
    assert len(everything) == len(set(everything)) and all(shard_files)
    merged = run("merge", "--format", "json", "shard1.json", "shard2.json", "shard3.json")
    assert merged.exit_code == full.exit_code == 1
    assert merged.json == full.json
    text = run("merge", "shard3.json", "shard1.json", "shard2.json")
    assert text.output == run("check", "--no-cache", "content").output


def test_shard_and_merge_errors_are_clear(run, tmp_path):
    write_corpus(tmp_path, 1)
    for bad in ("0/3", "4/3", "x", "1/0"):
        result = run("check", "--shard", bad, "content")
        assert result.exit_code == 2 and "--shard" in result.stderr
    (tmp_path / "a.json").write_text(run("check", "--format", "json", "content").output)
    (tmp_path / "junk.json").write_text("[1, 2]")
    for args, message in (
        (["a.json", "a.json"], "shards must not overlap"),
        (["junk.json"], "not a contentci JSON report"),
        (["missing.json"], "cannot read missing.json"),
    ):
        result = run("merge", *args)
        assert result.exit_code == 2 and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


NO_NETWORK = """
import socket, sys
def hook(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname") or (
        event == "socket.__new__" and args[1] in (socket.AF_INET, socket.AF_INET6)
    ):
        sys.stderr.write("NETWORK " + event + "\\n")
        sys.stderr.flush()
        import os
        os._exit(99)
sys.addaudithook(hook)
from contentci.cli.main import main
sys.argv = ["contentci"] + sys.argv[1:]
main()
"""


def test_a_parallel_run_opens_no_socket(tmp_path):
    write_corpus(tmp_path, parallel.POOL_MIN_FILES + 2)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", NO_NETWORK, "check", "--jobs", "2", "--no-cache", "--format", "json", "content"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "NETWORK" not in proc.stderr and proc.returncode == 1, proc.stderr
    assert len(json.loads(proc.stdout)["files"]) == parallel.POOL_MIN_FILES + 3


def test_a_bundle_another_run_rewrote_meanwhile_keeps_both_runs_results(tmp_path):
    from contentci.core.result import FileResult

    first, second = cache_module.ResultCache(tmp_path), cache_module.ResultCache(tmp_path)
    mine, theirs = "ab" + "1" * 38, "ab" + "2" * 38
    assert first.get(mine) is None and second.get(theirs) is None  # both runs looked before either wrote
    second.put(theirs, FileResult("b.md"))
    second.flush()
    first.put(mine, FileResult("a.md"))
    first.flush()
    bundle = _bundle_entries(tmp_path / "bundles" / "a.tsv")
    assert {k: v["path"] for k, v in bundle.items()} == {mine: "a.md", theirs: "b.md"}
    later = cache_module.ResultCache(tmp_path)
    assert later.get(mine).path == "a.md" and later.get(theirs).path == "b.md"


def test_a_file_changed_between_the_cache_lookup_and_its_check_is_reported_as_it_is_and_not_cached(
    run, tmp_path, monkeypatch
):
    # Pool workers read their files again (the parent holds no file's bytes when it forks).
    # Here the parent reads the seed's text in a001.md, and the workers the article on disk now.
    write_corpus(tmp_path, parallel.POOL_MIN_FILES)
    parent, real = os.getpid(), parallel.read_file

    def changed_meanwhile(path):
        if os.getpid() == parent and Path(path).name == "a001.md":
            return SEED.read_bytes()
        return real(path)

    monkeypatch.setattr(parallel, "read_file", changed_meanwhile)
    pooled = run("check", "--format", "json", "--jobs", "2", "content")
    monkeypatch.setattr(parallel, "read_file", real)
    alone = run("check", "--format", "json", "--no-cache", "--jobs", "1", "content/a001.md")
    assert pooled.json["files"][1] == alone.json["files"][0]  # the article, not the seed the parent saw
    cached = {}
    for bundle in (tmp_path / ".contentci_cache").rglob("bundles/*.tsv"):
        cached.update(_bundle_entries(bundle))
    paths = sorted(r["path"] for r in cached.values())
    assert len(paths) == parallel.POOL_MIN_FILES and "content/a001.md" not in paths  # every other file is cached


# -- stat records: a warm run takes unchanged files' digests from the pack instead of reading them --


@pytest.fixture
def count_reads(monkeypatch):
    """The files a run reads (in this process: these tests use --jobs 1)."""
    reads = []
    real = parallel.read_file

    def counting(path):
        reads.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(parallel, "read_file", counting)
    return reads


@pytest.fixture
def later(monkeypatch):
    """Runs start reading 10 s from now: files written by the test have settled (see contentci.run.cache)."""
    import time

    monkeypatch.setattr(cache_module, "clock", lambda: time.time_ns() + 10**10)


def test_settled_unchanged_files_are_not_read_again_and_a_changed_one_is(
    run, tmp_path, count_checks, count_reads, later
):
    paths = write_corpus(tmp_path, 3)
    first = run("check", "--format", "json", "--jobs", "1", "content")
    assert len(count_reads) == len(count_checks) == 4
    count_reads.clear(), count_checks.clear()
    second = run("check", "--format", "json", "--jobs", "1", "content")
    assert count_reads == [] and count_checks == [] and second.output == first.output
    text_second = run("check", "--jobs", "1", "content")  # another format, same results
    assert count_reads == [] and text_second.output == run("check", "--jobs", "1", "--no-cache", "content").output
    count_reads.clear(), count_checks.clear()

    # Same size, mtime put back: only the ctime (which nothing in user space sets back) shows it.
    st = os.stat(paths[1])
    old = paths[1].read_text()
    paths[1].write_text(old.replace("a", "o"))
    os.utime(paths[1], ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(paths[1]).st_size == st.st_size and os.stat(paths[1]).st_mtime_ns == st.st_mtime_ns
    third = run("check", "--format", "json", "--jobs", "1", "content")
    assert count_reads == ["a001.md"] and count_checks == ["content/a001.md"]
    alone = run("check", "--format", "json", "--jobs", "1", "--no-cache", "content/a001.md")
    assert third.json["files"][1] == alone.json["files"][0] != first.json["files"][1]
    assert third.json["files"][0] == first.json["files"][0]
    count_reads.clear(), count_checks.clear()

    # A different selection or config is a different key: read and checked again, never served.
    only = run("check", "--format", "json", "--jobs", "1", "--select", "readability/hard-sentence", "content")
    assert len(count_checks) == 4 and set(only.rules()) == {"readability/hard-sentence"}
    (tmp_path / ".contentci.toml").write_text("[readability]\nmax_grade = 20\n")
    count_checks.clear()
    after = run("check", "--format", "json", "--jobs", "1", "content")
    assert len(count_checks) == 4 and "readability/grade-level" not in after.rules()


def test_a_file_changed_in_the_tick_a_run_read_it_is_read_again(run, tmp_path, monkeypatch, count_reads):
    # Timestamps have ticks (1-10 ms on Linux, 2 s on FAT): a write in the tick of the previous
    # change leaves the stat as it was. Here every file's stat says "changed at the moment the run
    # started reading", and the article is rewritten behind an unchanged stat.
    paths = write_corpus(tmp_path, 2)
    now = 1_800_000_000_123_456_789
    monkeypatch.setattr(cache_module, "clock", lambda: now)

    def same_stat(path):
        st = os.stat(path)
        return (st.st_dev, st.st_ino, st.st_size, st.st_mode, now - 1000, now - 1000)

    monkeypatch.setattr(parallel, "_signature", same_stat)
    first = run("check", "--format", "json", "--jobs", "1", "content")
    old = paths[0].read_text()
    paths[0].write_text(old.replace("a", "o"))
    count_reads.clear()
    second = run("check", "--format", "json", "--jobs", "1", "content")
    assert "a000.md" in count_reads  # no stat record was kept for a file that racy: read again
    alone = run("check", "--format", "json", "--jobs", "1", "--no-cache", "content/a000.md")
    assert second.json["files"][0] == alone.json["files"][0] != first.json["files"][0]

    # The same files seen as changed well before the run: their records are kept and trusted.
    monkeypatch.setattr(cache_module, "clock", lambda: now + 5 * 10**9)
    run("check", "--format", "json", "--jobs", "1", "content")
    count_reads.clear()
    assert run("check", "--format", "json", "--jobs", "1", "content").output == second.output
    assert count_reads == []


def test_a_damaged_pack_is_ignored_whole_and_rewritten(run, tmp_path, count_checks, count_reads, later):
    write_corpus(tmp_path, 2)
    first = run("check", "--format", "json", "--jobs", "1", "content")
    (pack,) = (tmp_path / ".contentci_cache").rglob("packs/*.pack")
    data = bytearray(pack.read_bytes())
    data[-30] ^= 0x01  # one bit of a result, behind a header that still looks right
    pack.write_bytes(bytes(data))
    count_reads.clear(), count_checks.clear()
    second = run("check", "--format", "json", "--jobs", "1", "content")
    assert second.output == first.output
    assert len(count_reads) == 3 and count_checks == []  # read again, results from the bundles
    count_reads.clear()
    assert run("check", "--format", "json", "--jobs", "1", "content").output == first.output
    assert count_reads == []  # the pack was written again


def test_files_changed_just_before_a_long_run_are_read_once_more_at_its_end(run, tmp_path, monkeypatch, count_reads):
    # A fresh checkout (or copy) checked at once: every file changed within the racy margin of the
    # read. When the run lasts past that margin it reads them again, so the next run need not.
    import time

    write_corpus(tmp_path, 2)
    start = time.time_ns()
    moments = iter([start, start + 10**10])  # the run starts reading now; it ends 10 s later
    monkeypatch.setattr(cache_module, "clock", lambda: next(moments))
    first = run("check", "--format", "json", "--jobs", "1", "content")
    assert sorted(count_reads) == sorted(["a000.md", "a001.md", "seed.md"] * 2)
    monkeypatch.setattr(cache_module, "clock", lambda: start + 2 * 10**10)
    count_reads.clear()
    assert run("check", "--format", "json", "--jobs", "1", "content").output == first.output
    assert count_reads == []


@pytest.mark.parametrize(
    "entry",
    [
        "{not json",
        "[3, []]\t{}",  # a path that is no string
        '["x", 5]\t{}',  # findings that are no list
        '["x", [["r", "warning", "m", "1", 1, 1, 1, null, false, "f"]]]\t{}',  # a line that is no number
        '["x", [["r", "loud", "m", 1, 1, 1, 1, null, false, "f"]]]\t{}',  # no such severity
        '["x", [["r", "warning"]]]\t{}',  # a finding cut short
        '["x", []]\t{',  # metrics cut short
        '["x", []]\t{"a": }',  # metrics that are no JSON
        '["x", []]',  # no metrics
        '["x", []]\t{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",  # nested past the decoder's recursion limit
    ],
    ids=lambda entry: entry[:40],
)
def test_a_malformed_bundle_line_is_a_miss_and_is_replaced(tmp_path, entry):
    from contentci.core.result import FileResult

    key = "a" + "0" * 39
    (tmp_path / "bundles").mkdir()
    cache = cache_module.ResultCache(tmp_path)
    (tmp_path / "bundles" / "a.tsv").write_text(f"{key}\t{cache._tag(key, entry)}\t{entry}\n", encoding="utf-8")
    assert cache.get(key) is None and cache.misses == 1
    cache.put(key, FileResult("a.md", metrics={"readability": {"grade": 7.5}}))
    cache.flush()
    again = cache_module.ResultCache(tmp_path).get(key)
    assert again.path == "a.md" and again.metrics == {"readability": {"grade": 7.5}}
