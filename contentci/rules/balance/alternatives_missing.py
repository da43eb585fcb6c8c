"""``balance/alternatives-missing``: no other options, and nothing on what happens without treatment."""

from __future__ import annotations

from contentci.analysis.health.classify import analyze
from contentci.core.registry import rule
from contentci.rules.balance import HEALTH, TREATMENT, _doc_finding


@rule("balance/alternatives-missing", "warning", profiles=HEALTH, topics=TREATMENT)
def alternatives_missing(doc, ctx):
    """No other options, and nothing on what happens without treatment.

    Readers choosing a treatment need to know what else they could do
    (other drugs, surgery, exercise, lifestyle changes, waiting) and what
    happens if they do nothing: "standard care", "other cancer therapies",
    "typically treated with surgery", "compared with chemotherapy alone",
    "compared with 2 in 100 among people not screened". Connectives are no
    options: "as well as", "rather than", "instead of" and "compared with"
    count only when a treatment, no treatment or the usual one follows
    ("compared with men" does not). A comparison with a placebo or sham is
    about evidence, not options. A rival named only to be dismissed ("unlike
    pills...", "why risk surgery?") does not count. Cue lists:
    ``alternatives``, ``alternatives_dismissive``, ``treatment``.

    Fires::

        ---
        topic: treatment
        ---
        Laser eye surgery helps most people see without glasses.

    Passes::

        ---
        topic: treatment
        ---
        Laser eye surgery helps most people see without glasses. Glasses and
        contact lenses are other options.
    """
    if analyze(doc, ctx).where(alternatives=True):
        return
    yield _doc_finding(
        doc,
        "No other options are presented, and nothing says what happens without treatment.",
        "Add the other choices (including doing nothing) and how they compare.",
    )
