"""Readability: the seed fails at college level; plain text passes; only prose is scored."""

import shutil

import pytest
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


@pytest.mark.parametrize("text_limit", [None, 40])
def test_sentence_difficulty_fast_path_matches_scoring_each_sentence_alone(text_limit, monkeypatch):
    """The rule grades from sums packed per token; the result must be the one-sentence score."""
    import random

    if text_limit is not None:  # sentences too long for the 32-bit sums are graded from their text
        monkeypatch.setattr(readability, "_DIFF_TEXT_LIMIT", text_limit)

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


NEWS = """# Stem cell news

Max is a big dog. He likes to run. He can catch a ball and bring it back.

Dr. Randall Starling is chairman of cardiology at the Cleveland Clinic in Cleveland, Ohio.

The biopsy showed eosinophilic infiltration of the oesophageal mucosa consistent with chronic inflammation.

SOURCE: Journal of Clinical Immunology, mesenchymal stromal cells and immunomodulatory pathways, 2019.

Photo: mesenchymal stromal cells under immunofluorescence microscopy, courtesy of the laboratory.

For media inquiries about immunomodulatory therapy trials, email press@example.org or call 555-123-4567.

Jane Alder, Robert Brennan, Maria Castellanos and Thomas Delacroix, University of Pennsylvania School of Medicine.

what immunomodulatory mesenchymal stromal cell therapies could mean for refractory autoimmune disease

Mesenchymal stromal cells exert immunomodulatory effects via paracrine signalling in the synovium.

Patients with refractory thrombocytopenia received eltrombopag after splenectomy failed to normalise platelet counts.
"""


def hard_lines(run, tmp_path, config="[readability]\nmax_hard_sentences = 100\n"):
    (tmp_path / "news.md").write_text(NEWS)
    (tmp_path / ".contentci.toml").write_text('[rules]\n"readability/grade-level" = "off"\n' + config)
    result = run("check", "--format", "json", "--select", "readability/hard-sentence", "news.md")
    return [(d["line"], d["message"]) for d in result.json["files"][0]["diagnostics"]]


def test_hard_sentences_are_jargon_prose_not_names_captions_contacts_sources_or_headings(run, tmp_path):
    found = hard_lines(run, tmp_path)
    # Only the three jargon-dense prose sentences: the names sentence (line 5), the SOURCE, Photo and
    # contact lines, the author list and the unpunctuated heading-like line are not prose to simplify.
    assert [line for line, _ in found] == [7, 19, 21]
    message = dict(found)[21]
    assert (
        message.startswith("Hard sentence (grade ") and "target 8): 13 words; rare words: thrombocytopenia" in message
    )
    assert "jargon: refractory, platelet" in message


def test_hard_sentence_cap_keeps_the_hardest_and_is_configurable(run, tmp_path):
    every = hard_lines(run, tmp_path)
    grades = {line: int(message.split("grade ")[1].split(",")[0]) for line, message in every}
    hardest_two = sorted(sorted(grades, key=lambda line: -grades[line])[:2])
    assert [line for line, _ in hard_lines(run, tmp_path, "[readability]\nmax_hard_sentences = 2\n")] == hardest_two
    assert hard_lines(run, tmp_path, "[readability]\nmax_hard_sentences = 0\n") == []
    assert hard_lines(run, tmp_path, "[readability]\nmax_hard_sentences = 100\nmax_grade = 20\n") == []


def test_explain_hard_sentence_says_how_the_score_is_made(run):
    text = " ".join(run("explain", "readability/hard-sentence").output.split())
    for phrase in ("MedReadMe", "ridge regression", "word rarity", "names", "max_hard_sentences", "SOURCE:"):
        assert phrase in text, phrase


def test_word_rarity_comes_from_the_packaged_frequency_table():
    from contentci.analysis.readability import difficulty

    assert difficulty.zipf("the") > 7 > difficulty.zipf("hospital") > 4 > difficulty.zipf("mesenchymal")
    assert difficulty.zipf("qqqzzx") == difficulty.UNLISTED_ZIPF
    assert difficulty.rare_words("Ask Dr. Okonkwo whether eltrombopag is right for you.") == ["eltrombopag"]


def test_medreadme_evaluation_says_clearly_when_its_data_is_absent(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "eval" / "readability" / "medreadme.py"
    proc = subprocess.run([sys.executable, str(script), str(tmp_path / "none.csv")], capture_output=True, text=True)
    assert proc.returncode == 2 and "MedReadMe data not found" in proc.stderr
