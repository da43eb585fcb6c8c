"""How a reviewer judges whether an article explains a treatment's harms, beyond one sentence's cues.

:mod:`contentci.analysis.health.classify` marks the sentences that name a harm with a size
(``adequate_harm``). Three readings a careful reviewer adds, used by ``balance/harms-missing``:

- A comparison that only says the treatment has *fewer* or *milder* side effects than another,
  with no figure ("causes less severe side effects than chemotherapy"), is a benefit claim: it
  does not say what the harms are or how often they happen.
- A study's safety result is an account of harms, even without naming one ("the patch proved
  safe in the trial", "the study showed its safety"). A bare promise ("the cream has no
  side effects", "it is safe") is not: only what a study found counts.
- An article that reports only an association of a habit, food or exposure with a health outcome
  ("people who eat nuts have a lower risk of ..."), with hardly a drug, device or procedure in it,
  is not about an intervention whose harms a reader must weigh.
"""

from __future__ import annotations

import re

_HARM_NOUN = r"(?:side[- ]effects?|complications?|toxicit(?:y|ies)|adverse (?:events?|effects?|reactions?))"
# "fewer side effects", "less severe side-effects than", "avoids the complications of".
_COMPARATIVE = re.compile(
    r"\b(?:less|fewer|lower|reduc\w*|eliminat\w*|avoid\w*|minimi[sz]\w*|spar\w*|without (?:the|inducing|causing))\b"
    r"[^.;]{0,50}\b" + _HARM_NOUN,
    re.IGNORECASE,
)
# A figure that sizes the harm ("3% vs 9%", "12 of 200"): then the comparison does inform.
_HARM_FIGURE = re.compile(r"\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)|\b\d+ (?:of|in|out of) \d", re.IGNORECASE)
# A study's safety result: "was safe", "were well tolerated", "proved safe", "showed its safety".
_SAFETY_FINDING = re.compile(
    r"\b(?:was|were|proved|proven|found|shown|appeared|deemed)\s+(?:to be\s+)?(?:both\s+)?"
    r"(?:very\s+|generally\s+|completely\s+)?(?:feasible,?\s+(?:and\s+)?)?(?:safe|well[- ]tolerated)\b"
    r"|\b(?:indicated|showed|demonstrated|confirmed|established|supports?) (?:the|its) (?:long-term )?safety\b"
    r"|\bsafe and (?:effective|well[- ]tolerated)\b(?=[^.]*\b(?:stud(?:y|ies)|trial|researchers|found|showed)\b)",
    re.IGNORECASE,
)
_ASSOCIATION = re.compile(r"\b(?:associated with|linked (?:with|to)|associations?)\b", re.IGNORECASE)
_INTERVENTION = re.compile(
    r"\b(?:drugs?|medications?|medicines?|doses?|dosing|surgery|surgical|procedures?|devices?|implants?|vaccines?"
    r"|injections?|infusions?|therap(?:y|ies)|treatments?|radiation|chemotherapy|trials?)\b",
    re.IGNORECASE,
)
# At least this many association sentences and at most this many intervention sentences.
MIN_ASSOCIATIONS = 2
MAX_INTERVENTIONS = 2


def comparative_only(text: str) -> bool:
    """ "Fewer side effects than surgery" with no figure: a benefit claim, not the harms."""
    return _COMPARATIVE.search(text) is not None and _HARM_FIGURE.search(text) is None


def safety_finding(text: str) -> bool:
    """What a study found about safety ("the patch proved safe in the trial")."""
    return _SAFETY_FINDING.search(text) is not None


def association_only(texts: list[str]) -> bool:
    """An article on an association of a habit or exposure, with hardly an intervention in it."""
    associations = sum(1 for t in texts if _ASSOCIATION.search(t))
    if associations < MIN_ASSOCIATIONS:
        return False
    return sum(1 for t in texts if _INTERVENTION.search(t)) <= MAX_INTERVENTIONS


def harm_evidence(analysis) -> tuple[str, list] | None:
    """Why the article passes on harms: ``(reason, sentences)``, or None when it does not.

    Reasons: ``"sized"`` (a harm named with how common or serious it is), ``"safety"`` (a study's
    safety result), ``"association"`` (an association study with no intervention to weigh).
    """
    prose = [s for s in analysis.sentences if not s.tags.get("boilerplate")]
    sized = [s for s in analysis.where(adequate_harm=True) if not comparative_only(s.text)]
    if sized:
        return "sized", sized
    safety = [s for s in prose if safety_finding(s.text)]
    if safety:
        return "safety", safety
    if association_only([s.text for s in prose]):
        return "association", []
    return None
