"""Is a health article a news story or a press release? (profile ``auto`` -> ``news``)

A publisher's patient page and a news report about a study need different checks: the page owes
readers a reviewer, a date in its metadata and a "not medical advice" line; a news story owes them
the study's size, harms and limitations. Detection reads the forms that news and press releases
share, each an explainable signal (:func:`news_signals` lists which ones fired):

- strong: a release marker ("NEWS RELEASE", "FOR IMMEDIATE RELEASE", "Newswise"), a wire or outlet
  credit ("(Reuters)", "(HealthDay News)"), a city dateline opening the text ("BOSTON --"), a media
  contact line;
- quotes attributed with "said"/"says": strong at 3 or more and 0.5 per 100 words, weak at 2
  and 0.3 (patient information seldom quotes anyone);
- weak: an "About <organisation>" section, a byline ("By Jane Doe"), reporting of new research
  ("researchers at ...", "published in the journal ...", "a new study").

News when the strong signals count 2 each and the weak 1 each add up to at least 2.
"""

from __future__ import annotations

import re

_RELEASE = re.compile(
    r"\b(?:NEWS RELEASE|PRESS RELEASE|FOR IMMEDIATE RELEASE|EMBARGOED|Newswise|PRNewswire|Business Wire|EurekAlert)\b"
)
_WIRE = re.compile(
    r"\((?:Reuters|AP|AFP|CNN|UPI|Bloomberg|HealthDay(?: News)?|MedPage Today|STAT|Xinhua)\)|\bHealthDay Reporter\b"
)
# "BOSTON --", "NEW YORK, May 3, 2016 -", "Baltimore, Md. --": a place in capitals or with its state
# abbreviation, then a dash, at the start of one of the first paragraphs.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?, [A-Z][a-z]{1,4}\.?)"
    r"(?:,? [^\n]{0,40}?)?\s+(?:--|[\u2014\u2013\u2015]|-)\s",
)
_CONTACT = re.compile(
    r"\b(?:Media|Press|News media) (?:contacts?|inquiries|relations)\b|^\s*Contacts?:\s", re.IGNORECASE | re.MULTILINE
)
_ABOUT = re.compile(r"^\s*About (?:the )?[A-Z][\w&.'\-]*(?: [A-Z&][\w&.'\-]*){0,6}\s*:?\s*$|^\s*About (?:the )?[A-Z]\w+[^\n]{0,80}\b(?:is|was) (?:a|an|the|one)\b", re.MULTILINE)
_BYLINE = re.compile(r"^\s*By [A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-zA-Z'\-]+){1,2}\s*$", re.MULTILINE)
_RESEARCH = re.compile(
    r"\b(?:researchers|scientists|investigators) (?:at|from|with|led by)\b|\bpublished (?:online )?(?:today |this week )?in (?:the )?(?:journal|[A-Z])"
    r"|\b(?:new|a new|the new) (?:study|research|trial|findings)\b|\bpresented (?:today |this week )?at\b",
)
_SAID = re.compile(r"\b(?:said|says)\b")


def news_signals(text: str, paragraphs: list[str]) -> dict[str, int]:
    """Each signal that fired and its weight (2 strong, 1 weak)."""
    head = paragraphs[:4]
    found: dict[str, int] = {}
    if _RELEASE.search(text):
        found["release marker"] = 2
    if _WIRE.search(text):
        found["wire or outlet credit"] = 2
    if any(_DATELINE.match(p) for p in head):
        found["dateline"] = 2
    if _CONTACT.search(text):
        found["media contact"] = 2
    if _ABOUT.search(text):
        found["About section"] = 1
    if _BYLINE.search("\n".join(head)):
        found["byline"] = 1
    if _RESEARCH.search(text):
        found["reports new research"] = 1
    words = max(1, len(text.split()))
    said = len(_SAID.findall(text))
    if said >= 3 and 100 * said / words >= 0.5:  # reporting: a patient page rarely quotes anyone
        found["quotes attributed with said/says"] = 2
    elif said >= 2 and 100 * said / words >= 0.3:
        found["quotes attributed with said/says"] = 1
    return found


def is_news(doc) -> bool:
    """Does this document read as a news story or a press release?"""
    return doc.memo(_is_news)


def _is_news(doc) -> bool:
    paragraphs = [b.text for b in doc.blocks if b.kind in ("paragraph", "heading")]
    return sum(news_signals("\n".join(paragraphs), paragraphs).values()) >= 2
