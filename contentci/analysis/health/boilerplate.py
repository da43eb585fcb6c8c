"""Boilerplate in news stories and press releases: text that is about the publisher, not the news.

"About <organisation>" sections, media contacts, mission statements, forward-looking-statement
legalese, funding and source lines are pasted under every release. Their words ("risks and
uncertainties", "funded by", "$3.2 billion enterprise") say
nothing about the treatment, so no balance or claims cue should read them. One detector, shared
by the rules: :func:`boilerplate_blocks` gives the indexes of the blocks that are boilerplate,
:func:`is_boilerplate_sentence` judges one sentence on its own.
"""

from __future__ import annotations

import re

# A block that opens a publisher section: everything after it, to the next heading that is not
# itself such a section, is boilerplate. "About Acme Health" / "About the study" (the latter is
# not: the study is the news, so only organisation-like names count).
_ABOUT_HEAD = re.compile(
    r"^\s*(?:About|ABOUT) (?!(?i:(?:the |this |these |your |our )?(?:stud(?:y|ies)|trials?|research|findings|results|conditions?|diseases?|treatments?|drugs?|tests?|procedures?|surgery|devices?|data)\b|(?:this|these|your|our)\b))"
    r"(?:the )?[A-Z0-9][\w&.,'\u2019\-]*(?: (?:[A-Z0-9&(][\w&.,'\u2019()\-]*|of|for|and|the|at|in|on|de|du)){0,9}\s*:?\s*$"
)
_SECTION_HEAD = re.compile(
    r"^\s*(?:(?:Media|Press|News media) (?:contacts?|inquiries|relations)|Contacts?|Forward[- ]Looking Statements?"
    r"|Safe Harbor|Cautionary (?:Note|Statement)s?|Disclaimer|Source|Sources|Story Source|Journal Reference|Funding"
    r"|Notes? (?:to|for) (?:editors|journalists)|Editor'?s notes?|###|-###-|# # #)\s*:?\s*$",
    re.IGNORECASE,
)
# Sentences that are boilerplate wherever they stand.
_SENTENCE = re.compile(
    r"forward[- ]looking statements?|Private Securities Litigation Reform Act|undue reliance"
    r"|\b(?:risks|factors),? (?:and|&) uncertainties\b|\bactual results (?:could|may|might) differ"
    r"|\b(?:Media|Press) (?:contact|inquiries)\b|^\s*Contacts?:"
    r"|(?:\b(?:contact|media|press|inquir\w*|e-?mail|phone|tel)\b|^[^.!?]{0,60}$)[^\n]*?(?:[\w.+-]+@[\w-]+\.[\w.]+|\(\d{3}\) ?\d{3}-\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b)"
    r"|\b(?:funded|supported|sponsored|financed) (?:in part )?by (?:a |an |the )?(?:grants?\b|funding\b|[A-Z])|\b(?:funding|grants?) (?:was |were )?(?:provided )?(?:by|from) (?:the )?[A-Z]"
    r"|\bmission is\b|\bour mission\b|\bdedicated to (?:improving|advancing|finding|the)\b|\bcommitted to (?:improving|advancing|discovering)\b"
    r"|\b(?:is|are) (?:a|an|the|one of the)(?: [\w-]+){0,4} (?:nonprofit|non-profit|not-for-profit)\b"
    r"|\b(?:leading|premier|largest|world[- ]renowned|global|top-ranked)(?: [\w-]+){0,3} (?:provider|developer|company|organi[sz]ation|institution|cent(?:er|re)|hospital|university|network|system|foundation|charity|manufacturer|innovator|leader|enterprise)s?\b"
    r"|\bvisit (?:www\.|https?://|us at)|\bfollow us on\b|\bfor more information,? (?:visit|contact|go to)\b"
    r"|^\s*(?:SOURCE|Source|Story Source|Journal Reference|Materials provided by)\s*:",
)


# Words one of which every boilerplate sentence holds: a cheap test first (the regex costs tens of
# microseconds a sentence, and almost no sentence is boilerplate).
_KEYS = (
    "forward", "securities", "undue", "uncertaint", "actual results", "contact", "inquir", "@", "funded",
    "supported", "sponsored", "financed", "funding", "grant", "mission", "dedicated", "committed", "profit",
    "leading", "premier", "largest", "renowned", "global", "top-ranked", "visit", "follow us", "information",
    "source", "reference", "materials provided",
)
_KEY = re.compile("|".join(map(re.escape, _KEYS)))  # one C-level scan, not a Python loop over the keys
_PHONE = re.compile(r"\d{3}\)? ?[-.]?\d{3}[-.]\d{4}")


def is_boilerplate_sentence(text: str) -> bool:
    """Legalese, a contact or funding line, a mission statement, a source line."""
    if _KEY.search(text.lower()) is None and _PHONE.search(text) is None:
        return False
    return _SENTENCE.search(text) is not None


def boilerplate_blocks(doc) -> frozenset[int]:
    """Indexes of the blocks in publisher sections ("About X", contacts, legal notes, sources)."""
    return doc.memo(_boilerplate_blocks)


def _boilerplate_blocks(doc) -> frozenset[int]:
    """Publisher sections close a release: a section head counts only in its second half (an
    "About STAR" midway is more likely the trial's own section than the sponsor's)."""
    out: set[int] = set()
    inside = False
    half = len(doc.blocks) / 2
    for i, block in enumerate(doc.blocks):
        text = block.text.strip()
        head = (
            i >= half
            and len(text.split()) <= 12
            and (_ABOUT_HEAD.match(text) is not None or _SECTION_HEAD.match(text) is not None)
        )
        if head:
            inside = True
        elif block.kind == "heading":
            inside = False  # a new heading that opens no publisher section ends the last one
        if inside:
            out.add(i)
    return frozenset(out)
