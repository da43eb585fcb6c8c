"""Required disclaimers: medical advice, consult a professional, emergencies, FDA status, DSHEA, your own.

One kind of rule, a required statement, drives every ``disclaimer/*`` id: each built-in rule is
an entry of ``data/health/disclaimers.yaml`` (id, severity, topics, documentation and examples,
the synonym slots that satisfy it, the template ``contentci fix`` inserts), so a new disclaimer
rule is one YAML entry. Each asks :func:`contentci.analysis.health.disclaimers.required_for`
whether its disclaimer applies and is met; ``[disclaimers]`` in config adjusts them, and
``disclaimer/custom`` reports the ones a config adds.
"""

from __future__ import annotations

from contentci.analysis.health import disclaimer_definitions, disclaimers
from contentci.core.diagnostic import Finding
from contentci.core.registry import rule, settings

settings("disclaimers", disclaimer_definitions.SETTINGS)

HEALTH = ("health",)


def _findings(doc, ctx, *, rule_id: str):
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


def _register_builtin() -> None:
    """One rule per entry of ``data/health/disclaimers.yaml`` that has a ``rule``, ``severity`` and
    ``doc``: the id, default severity, topics and documentation (with its examples) are data."""
    from functools import partial

    for spec in disclaimer_definitions.builtin().values():
        rule_id = spec.get("rule")
        if not rule_id or "doc" not in spec or "severity" not in spec:
            continue  # structure_function: phrase lists other entries use
        check = partial(_findings, rule_id=rule_id)
        check.__doc__ = spec["doc"]
        rule(rule_id, spec["severity"], profiles=HEALTH, topics=tuple(spec.get("topics") or ()))(check)


_register_builtin()


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
    return _findings(doc, ctx, rule_id="disclaimer/custom")
