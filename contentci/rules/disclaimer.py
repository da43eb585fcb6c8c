"""Required disclaimers: medical advice, consult a professional, emergencies, FDA status, DSHEA, your own.

Each rule asks :func:`contentci.analysis.health.disclaimers.required_for` whether its
disclaimer applies and is met; definitions, synonym slots and templates are
data (``data/health/disclaimers.yaml``) adjustable under ``[disclaimers]``.
"""

from __future__ import annotations

from contentci.analysis.health import disclaimer_definitions, disclaimers
from contentci.core.diagnostic import Finding
from contentci.core.registry import rule, settings

settings("disclaimers", disclaimer_definitions.SETTINGS)

HEALTH = ("health",)


def _findings(doc, ctx, rule_id: str):
    for req in disclaimers.required_for(doc, ctx, rule_id):
        if req.satisfied:
            continue
        label = f"'{req.id}' disclaimer: " if rule_id == "disclaimer/custom" else ""
        if req.found_at:
            where = {
                "top": "near the top",
                "bottom": "near the end",
                "first-n-paragraphs": f"in the first {req.paragraphs} paragraphs",
            }.get(req.placement, "")
            yield Finding(
                f"{label}this disclaimer must stand {where} (placement = {req.placement}).",
                req.found_at[0],
                req.found_at[1],
                req.template or None,
            )
            continue
        start, end = doc.first_prose_span()
        message = req.message[0].upper() + req.message[1:] if req.message else "A required disclaimer is missing"
        yield Finding(f"{label}{message}.", start, end, req.template or None, document_level=True)


@rule("disclaimer/medical-advice", "error", profiles=HEALTH)
def medical_advice(doc, ctx):
    """No statement that the article is general information, not medical advice.

    Health articles should say they inform and do not replace professional
    care. Any wording that fills the slot passes: "not medical advice", "for
    general information only", "not a substitute for professional care", "does
    not replace your doctor's advice". The DSHEA statement alone is not such a
    statement. Placement: ``[disclaimers] placement`` (``anywhere`` by default,
    or ``top``, ``bottom``, ``first-n-paragraphs`` with ``paragraphs = n``).

    Fires::

        ---
        profile: health
        ---
        Ibuprofen eases pain for most people.

    Passes::

        ---
        profile: health
        ---
        Ibuprofen eases pain for most people. This page is general information
        and no substitute for advice from your own doctor.
    """
    return _findings(doc, ctx, "disclaimer/medical-advice")


@rule("disclaimer/consult-professional", "warning", profiles=HEALTH)
def consult_professional(doc, ctx):
    """No suggestion to talk with a doctor, pharmacist or other health professional.

    One sentence must pair a verb of asking (talk, ask, consult, see, check
    with) with a professional (doctor, pharmacist, nurse, health care
    provider, physiotherapist...). "Consult with healthcare professionals"
    passes.

    Fires::

        ---
        profile: health
        ---
        Ibuprofen eases pain for most people.

    Passes::

        ---
        profile: health
        ---
        Ibuprofen eases pain for most people. Ask your pharmacist if it is safe
        with your other medicines.
    """
    return _findings(doc, ctx, "disclaimer/consult-professional")


@rule("disclaimer/emergency", "info", profiles=HEALTH)
def emergency(doc, ctx):
    """Emergency symptoms are discussed but nothing says when to call 911.

    Applies when the article mentions symptoms that can mean an emergency
    (chest pain, trouble breathing, signs of a stroke, a severe allergic
    reaction, suicidal thoughts, heavy bleeding...). It then needs a line such
    as "call 911", "go to the emergency room" or "call your local emergency
    number".

    Fires::

        ---
        profile: health
        ---
        Chest pain can be a sign of a heart attack.

    Passes::

        ---
        profile: health
        ---
        Chest pain can be a sign of a heart attack. If you have chest pain,
        call 911 right away.
    """
    return _findings(doc, ctx, "disclaimer/emergency")


@rule("disclaimer/regulatory-status", "error", profiles=HEALTH, topics=("stem-cell",))
def regulatory_status(doc, ctx):
    """A stem cell or regenerative medicine article does not state FDA status.

    FDA has approved few stem cell products: blood-forming stem cells from cord
    blood for some blood disorders and, since December 2024, one mesenchymal
    stromal cell product (remestemcel-L) for children with steroid-refractory
    acute graft-versus-host disease. None is approved for autoimmune diseases
    such as rheumatoid arthritis, lupus or multiple sclerosis; other uses belong
    in clinical trials, and FDA warns of infections, blindness and tumours
    from unapproved clinics. One sentence must name the regulator (FDA, or
    another agency) and a status (approved, not approved, cleared, only in
    clinical trials). "FDA-registered facility" is not a status. Applies to
    the ``stem-cell`` topic.

    Fires::

        ---
        topic: stem-cell
        ---
        Our clinic offers stem cell shots for knee pain.

    Passes::

        ---
        topic: stem-cell
        ---
        Our clinic offers stem cell shots for knee pain. The FDA has not
        approved stem cell shots for knee pain.
    """
    return _findings(doc, ctx, "disclaimer/regulatory-status")


@rule("disclaimer/dshea", "error", profiles=HEALTH, topics=("supplement",))
def dshea(doc, ctx):
    """A supplement article makes structure/function claims without the exact DSHEA statement.

    Under 21 CFR 101.93(c), a supplement's structure/function claim ("supports
    immune health", "promotes restful sleep") must carry: "These statements have
    not been evaluated by the Food and Drug Administration. This product is not
    intended to diagnose, treat, cure, or prevent any disease." The singular
    form the rule allows ("This statement has not been evaluated...") passes
    too. Whitespace and line breaks may vary; the wording may not. Applies to
    the ``supplement`` topic when the article makes such a claim as its own
    (not "makers claim it supports...").

    Fires::

        ---
        topic: supplement
        ---
        Our zinc gummies support immune health.

    Passes::

        ---
        topic: supplement
        ---
        Our zinc gummies support immune health.

        These statements have not been evaluated by the Food and Drug
        Administration. This product is not intended to diagnose, treat, cure,
        or prevent any disease.
    """
    return _findings(doc, ctx, "disclaimer/dshea")


@rule("disclaimer/custom", "warning", profiles=("health", "general"))
def custom(doc, ctx):
    """A disclaimer you require in config is missing.

    Add your own under ``[disclaimers.required.NAME]``: ``terms`` (patterns
    that make it apply) and/or ``topics``, ``slots`` (a list of synonym lists;
    one sentence must match every slot) or ``exact`` wording, ``placement``,
    ``template`` and ``message``. The finding names the disclaimer. Unlike the
    built-in disclaimers, your own apply to every article, health or not
    (limit them with ``terms`` or ``topics``; non-health articles have the
    topic ``general``).

    Example config (``.contentci.toml``)::

        [disclaimers.required.affiliate]
        terms = ["affiliate"]
        slots = [["commission"]]
        template = "We earn a commission when you buy through our links."

    Fires (with that config)::

        ---
        profile: health
        ---
        Buy the brace through our affiliate link.

    Passes::

        ---
        profile: health
        ---
        Buy the brace through our affiliate link. We earn a commission on sales.
    """
    return _findings(doc, ctx, "disclaimer/custom")
