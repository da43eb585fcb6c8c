"""Readability: the seed fails at college level; plain text passes; only prose is scored."""

import shutil

from conftest import SEED, source_at

from contentci.analysis.readability import scores as readability
from contentci.document.parse import parse

FOURTH_GRADE = """# Our Dog Max

Max is a big brown dog. He likes to run in the park. He runs fast.
He can catch a ball. Then he brings it back to me. We play every day.

When it rains, Max stays in the house. He sleeps by the door. He waits for the sun.
I give him a bath on Sunday. He does not like it. But he looks nice and clean after.
Mom says Max is the best dog on our street. I think so too.
"""


def test_seed_fails_with_college_grade_and_hard_sentences(run, tmp_path):
    shutil.copy(SEED, tmp_path / "seed.md")
    result = run("check", "--format", "json", "seed.md")
    assert result.exit_code == 1
    file = result.json["files"][0]
    grade = file["metrics"]["readability"]["grade"]
    assert 13 <= grade <= 19
    errors = [d for d in file["diagnostics"] if d["rule"] == "readability/grade-level"]
    assert len(errors) == 1 and errors[0]["severity"] == "error"
    msg = errors[0]["message"]
    for name in ("Flesch-Kincaid", "SMOG", "Gunning Fog", "Coleman-Liau", "ARI", "Dale-Chall"):
        assert name in msg
    assert (errors[0]["line"], errors[0]["column"]) == (1, 1)
    hard = [d for d in file["diagnostics"] if d["rule"] == "readability/hard-sentence"]
    assert len(hard) >= 3
    doc = parse("seed.md", SEED.read_bytes())
    sentence_starts = set()
    from contentci.document import sentences

    for block in doc.blocks:
        for s in sentences.split(block.text):
            sentence_starts.add(doc.position(block.source_offset(s.start)))
    for d in hard:
        assert (d["line"], d["column"]) in sentence_starts
        assert d["severity"] == "warning"
        assert "words" in d["message"]
    # A known hard sentence is reported exactly where it starts.
    starts = {source_at(SEED, d["line"], d["column"], 30) for d in hard}
    assert "Conditions like rheumatoid arth" in {s + source_at(SEED, 2, 190, 1) for s in starts} or any(
        s.startswith("Conditions like rheumatoid") for s in starts
    )


def test_plain_fourth_grade_text_passes(run, tmp_path):
    (tmp_path / "dog.md").write_text(FOURTH_GRADE)
    result = run("check", "--format", "json", "dog.md")
    assert result.exit_code == 0, result.output
    assert result.json["files"][0]["metrics"]["readability"]["grade"] <= 6
    assert result.json["files"][0]["diagnostics"] == []


def test_hard_words_in_code_front_matter_comments_and_urls_are_not_scored(run, tmp_path):
    noisy = (
        "---\ntitle: Immunomodulatory mesenchymal pharmacokinetics\nsummary: incomprehensibly polysyllabic\n---\n"
        + FOURTH_GRADE.replace(
            "He runs fast.",
            "He runs fast. See [the park](https://example.org/incomprehensible-characterization-methodology) "
            "and `immunomodulatory_pharmacokinetics()`.",
        )
        + "\n<!-- extraordinarily incomprehensible characterization methodology -->\n\n"
        "```\nimmunomodulatory pharmacokinetic characterization\n```\n\n"
        "    indented hyperparameterization institutionalization\n"
    )
    plain = FOURTH_GRADE.replace("He runs fast.", "He runs fast. See the park and.")
    (tmp_path / "noisy.md").write_text(noisy)
    (tmp_path / "plain.md").write_text(plain)
    data = run("check", "--format", "json", "noisy.md", "plain.md").json
    grades = {f["path"]: f["metrics"]["readability"] for f in data["files"]}
    assert grades["noisy.md"]["grade"] == grades["plain.md"]["grade"]
    assert grades["noisy.md"]["words"] == grades["plain.md"]["words"]


def test_jargon_aware_grade_counts_short_jargon_as_hard():
    vocab = readability.vocabulary()
    easy = readability._easy_words()
    jargon, _, found = readability.count_sentence("Your MSC dose and the stent biopsy are due.", vocab, easy)
    plain, _, _ = readability.count_sentence("Your new dose and the next check are due.", vocab, easy)
    assert {"MSC", "stent", "biopsy"} <= set(found)
    assert readability.jargon_aware_grade(jargon) > readability.jargon_aware_grade(plain) + 3
    familiar, long_words, _ = readability.count_sentence(
        "Take your medication with your vitamin every day.", vocab, easy
    )
    assert "medication" not in long_words
    assert readability.jargon_aware_grade(familiar) < readability.flesch_kincaid(familiar) + 1


def test_max_grade_from_config(run, tmp_path):
    (tmp_path / "dog.md").write_text(FOURTH_GRADE)
    (tmp_path / ".contentci.toml").write_text("[readability]\nmax_grade = 0.5\n")
    result = run("check", "dog.md")
    assert result.exit_code == 1
    assert "dog.md:1:3: error readability/grade-level Reads at grade" in result.output  # the heading text
    assert "the target is 0.5 or below" in result.output


def test_headline_grade_ranks_labelled_passages_better_than_every_classic_formula():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval" / "readability"))
    import evaluate

    items = evaluate.load(Path(evaluate.__file__).with_name("passages.yaml"))
    held_out = [i for i in items if int(i["id"][1:]) % 2 == 0]
    for group in (items, held_out):
        labels = [i["label"] for i in group]
        ours = evaluate.spearman([i["scores"]["grade"] for i in group], labels)
        for key, _ in evaluate.SCORES[1:]:
            assert ours > evaluate.spearman([i["scores"][key] for i in group], labels), key


def test_sentence_difficulty_fast_path_matches_scoring_each_sentence_alone():
    """The rule grades from sums packed per token; the result must be the one-sentence score."""
    import random

    rng = random.Random(3)
    pieces = ["Stem", "cells", "(MSC)", "mesenchymal", "the", "HbA1c", "7.5%", ", ", "; ", "[1]", "Cleveland",
              "Clinic", "patient\u2019s", "immunomodulatory", "x", "(", ")", ".", "U.S.", "nih.gov", "\u00e9tude"]  # fmt: skip
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(300)]
    docs = [parse(f"t{n}.md", t.encode()) for n, t in enumerate(texts)] + [parse("seed.md", SEED.read_bytes())]
    for doc in docs:
        for extra in ((), ("stent", "cells")):
            result = readability.analyze(doc, extra)
            expected = [readability.sentence_difficulty(result.sentence_text(i), extra) for i in range(len(result))]
            assert result.sentence_difficulties() == expected
