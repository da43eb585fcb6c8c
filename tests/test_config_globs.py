"""Globs in config (include, exclude, overrides files) cannot hang a run, and a bad one is a
config error: they become regular expressions too."""

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from contentci.config.globs import glob_match

GOOD = "Max is a big dog. He likes to run. He can catch a ball and bring it back.\n"


def reference_match(pattern: str, path: str) -> bool:
    """The plain translation (every wildcard backtracks): the meaning the fast one must keep."""

    def regex(p: str) -> str:
        p = p.strip().removeprefix("./").rstrip("/")
        out, i = [], 0
        while i < len(p):
            if p.startswith("**/", i):
                out.append("(?:.*/)?")
                i += 3
            elif p.startswith("**", i):
                out.append(".*")
                i += 2
            elif p[i] == "*":
                out.append("[^/]*")
                i += 1
            elif p[i] == "?":
                out.append("[^/]")
                i += 1
            elif p[i] == "[" and p.find("]", i) > 0:
                j = p.find("]", i)
                out.append("[" + p[i + 1 : j].replace("!", "^", 1) + "]")
                i = j + 1
            else:
                out.append(re.escape(p[i]))
                i += 1
        return "".join(out) + "(?:/.*)?" + r"\Z"

    return bool(re.match(regex(pattern), path)) or (
        "/" not in pattern.rstrip("/") and bool(re.match(regex(pattern), path.rsplit("/", 1)[-1]))
    )


PATTERN_PARTS = st.sampled_from(["a", "b", "/", ".", "*", "**", "**/", "?", "[ab]", "[!a]", "[/]"])
PATHS = st.lists(st.sampled_from(["a", "b", "/", ".", "ab", "ba", "aa/"]), max_size=12).map("".join)


@settings(max_examples=2000, deadline=None)
@given(st.lists(PATTERN_PARTS, min_size=1, max_size=8).map("".join), PATHS)
def test_globs_mean_what_the_plain_translation_means(pattern, path):
    assert glob_match(pattern, path) == reference_match(pattern, path), (pattern, path)


def test_examples_of_what_globs_match():
    assert glob_match("*.md", "docs/a.md") and not glob_match("*.md", "docs/a.txt")
    assert glob_match("docs/**", "docs/x/y.md") and not glob_match("docs/*.md", "docs/x/y.md")
    assert glob_match("**/draft-*-v*.md", "a/b/draft-one-v2.md")
    assert glob_match("*a*b*c.md", "xaybzc.md") and not glob_match("*a*b*c.md", "xa/ybzc.md")
    assert glob_match("**a**b", "xa/yb") and not glob_match("*a*b", "xa/yb")


def test_a_glob_with_many_wildcards_matches_a_long_name_at_once():
    name = "a" * 200 + ".md"
    start = time.perf_counter()
    for pattern in ["*a*a*a*a*a*a*a*b.md", "**a**a**a**a**a**b", "*a*a*a*a*a*a/*.md", "a*******b"]:
        assert not glob_match(pattern, name)
        assert not glob_match(pattern, "x/" + name)
    assert glob_match("*a*a*a*a*a*a*a*a.md", name)
    assert time.perf_counter() - start < 1  # the plain translation: minutes


def test_exclude_with_many_wildcards_does_not_stall_a_run(run, tmp_path):
    (tmp_path / ".contentci.toml").write_text('exclude = ["*a*a*a*a*a*a*a*b.md"]\n')
    (tmp_path / ("a" * 80 + ".md")).write_text(GOOD)
    start = time.monotonic()
    result = run("check", ".")
    assert result.exit_code == 0 and "1 file checked" in result.output
    assert time.monotonic() - start < 10


def test_a_bad_glob_is_a_config_error_naming_the_key(run, tmp_path):
    (tmp_path / "a.md").write_text(GOOD)
    for config, key in [
        ('exclude = ["[z-a]*.md"]\n', "exclude: "),
        ('include = ["*.md", "[b-a].txt"]\n', "include: "),
        ('[[overrides]]\nfiles = ["[z-a]/**"]\nprofile = "general"\n', "overrides[0].files: "),
    ]:
        (tmp_path / ".contentci.toml").write_text(config)
        result = run("check", "a.md")
        assert result.exit_code == 2, config
        assert "Traceback" not in result.stderr
        assert (
            f".contentci.toml: {key}" in result.stderr and "is not a valid glob: bad character range" in result.stderr
        )


def test_the_override_index_matches_exactly_what_each_glob_matches():
    """Literal globs are looked up, not tried; the index must agree with glob_match on every path."""
    from contentci.config.globs import OverrideIndex, glob_match

    globs = ["a.md", "docs", "docs/x.md", "./docs/y.md", "docs/", "b/c", "*.md", "docs/**/z.md", " d.md ",
             "q?.md", "[ab].md", "x", "**/k", "docs/*/z.md", "b"]  # fmt: skip
    paths = ["a.md", "docs/a.md", "docs/x.md", "docs/y.md", "b/c/d.md", "b/c", "e/a.md", "x/docs/a.md", "d.md",
             "q1.md", "b.md", "docs/k/z.md", "x", "y/x", "x/y", "k/a.txt", "b/b"]  # fmt: skip
    index = OverrideIndex([[g] for g in globs] + [globs[:3], globs[5:9]])
    for path in paths:
        want = [i for i, g in enumerate(globs) if glob_match(g, path)]
        want += [len(globs)] if any(glob_match(g, path) for g in globs[:3]) else []
        want += [len(globs) + 1] if any(glob_match(g, path) for g in globs[5:9]) else []
        assert list(index.matching(path)) == want, path


def test_thousands_of_overrides_resolve_each_file_by_its_own(run, tmp_path):
    lines = [f'[[overrides]]\nfiles = ["notes/n{i}.md"]\nrules = {{ "claims/hype" = "off" }}\n' for i in range(2000)]
    (tmp_path / ".contentci.toml").write_text('profile = "health"\n' + "".join(lines))
    (tmp_path / "notes").mkdir()
    for name in ("n7.md", "n1999.md", "other.md"):
        (tmp_path / "notes" / name).write_text("# Note\n\nThis revolutionary tonic is a miracle.\n")
    result = run("check", "--format", "json", "--select", "claims/hype", ".")
    assert {f["path"]: [d["rule"] for d in f["diagnostics"]] for f in result.json["files"]} == {
        "notes/n1999.md": [],
        "notes/n7.md": [],
        "notes/other.md": ["claims/hype", "claims/hype"],
    }
