"""Is a sentence prose a reader has to work through, or a label, caption, contact or list of names?

The hard-sentence rule asks this of the sentences it would report: captions ("Photo: ..."),
contact and "SOURCE:" lines, author lists and affiliations, lines that are mostly links, and
headings typed as plain paragraphs score as long, rare-worded sentences but are not prose to
simplify. Each test looks at the form of the line, never at its topic.
"""

from __future__ import annotations

import re

# A line that opens with a label and a colon (or a bar): "SOURCE:", "Media contact:", "Photo |".
_LABEL = re.compile(
    r"\A\W*(?:sources?|contacts?|media(?: contacts?| inquiries| relations)?|press(?: contacts?| office)?|"
    r"captions?|photos?|photo credits?|images?|image credits?|pictures?|credits?|illustrations?|graphics?|videos?|"
    r"references?|citations?|doi|funding|disclosures?|conflicts? of interest|competing interests|"
    r"editor'?s note|notes? to editors?|related(?: links| stories| articles)?|read more|see also|more information|"
    r"follow(?: us)?|copyright|journals?|authors?|affiliations?|keywords|tags|email|e-mail|phone|tel|fax|web|website|"
    r"url|link|written by|reported by|edited by|reviewed by|medically reviewed by|updated|published|posted)"
    r"\s*(?::|\||\u2014|--)",
    re.IGNORECASE,
)
# Captions and credits anywhere in the line.
_CAPTION = re.compile(
    r"\((?:photo|image|credit|file photo|pictured)\b|\b(?:photo|image|illustration|video)s?\s*(?:by|courtesy|credit)\b"
    r"|\bcourtesy of\b|\bgetty images\b|\bAP photo\b|\bshutterstock\b|\bistock(?:photo)?\b|\bthinkstock\b",
    re.IGNORECASE,
)
# Runs start only where a run begins and never give back (possessive): a megabyte without a space
# is one scan, not one per position.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?:\+?\d{1,3}[\s.-])?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
_URL = re.compile(r"https?://|www\.|(?<![\w-])[\w-]++\.(?:com|org|net|gov|edu|ly|io|co|uk)\b(?:/\S*)?", re.IGNORECASE)
_CITATION = re.compile(r"\bet al\b.*\d|\bdoi\s*:?\s*10\.|\b(?:19|20)\d\d;\s*\d+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['\u2019.-][^\W\d_]+)*")
# Words that join names without being names: "University of Texas and the Mayo Clinic".
_JOINERS = frozenset("of and the for in at on de la van von der du & y e di da".split())
_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*\Z")


WINDOW = 4000  # characters of a sentence (and its block) these heuristics look at: a longer one is judged on its start


def reason(sentence: str, block_text: str, block_kind: str = "paragraph") -> str | None:
    """Why ``sentence`` (in a block of ``block_text``) is not prose to simplify, or None if it is."""
    if len(sentence) > WINDOW or len(block_text) > WINDOW:
        whole = block_text.strip() == sentence.strip()
        sentence = sentence[:WINDOW]
        block_text = sentence if whole else block_text[:WINDOW]
    first_line = block_text.lstrip().split("\n", 1)[0]
    if _LABEL.match(sentence) or _LABEL.match(first_line):
        return "a label line"
    if _CAPTION.search(sentence):
        return "a caption or credit"
    if _EMAIL.search(sentence) or _PHONE.search(sentence):
        return "a contact line"
    if _CITATION.search(sentence):
        return "a reference"
    tokens = sentence.split()
    links = sum(1 for t in tokens if _URL.search(t))
    if links and links * 5 >= len(tokens):
        return "mostly links"
    words = _WORD.findall(sentence)
    content = [w for w in words[1:] if w.lower() not in _JOINERS]
    if len(content) >= 4:
        capitalised = sum(1 for w in content if w[0].isupper())
        if capitalised * 5 >= len(content) * 3:  # three in five words or more are names
            return "mostly names"
    if block_kind == "paragraph" and block_text.strip() == sentence.strip() and not _END.search(sentence):
        return "a heading or label without a full stop"
    return None
