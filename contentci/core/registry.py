"""Rule registry: rule ids to check functions, their default severities and docs.

A rule is a function ``(doc, ctx) -> Iterable[Finding]`` registered with
:func:`rule`. Its docstring is its user documentation (``contentci explain``).
Families whose rule ids are dynamic (``grammar/<LanguageTool id>``) register a
:func:`family` instead. Rules are found, on first use, by importing every package under
``contentci/rules/`` (a family: its options and helpers in ``__init__.py``) and every module
in it (one rule each): the decorator is the only registration.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from contentci.core.diagnostic import Finding, Severity

RULES_PACKAGE = "contentci.rules"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: Callable[..., Iterable[Finding]] | None
    doc: str
    profiles: tuple[str, ...] = ("health", "general")
    topics: tuple[str, ...] = ()  # empty: any topic
    dynamic: bool = False  # a family whose ids are made at run time (grammar/...)
    # Services the rule's findings depend on besides the bytes ("languagetool"): the run plans
    # those services from this, and never caches such a rule's results with the file's.
    needs: tuple[str, ...] = ()
    # An id the engine emits itself (an unreadable file, a bad suppression comment): documented
    # and configurable like a rule, but there is no check to run.
    emitted: bool = False

    @property
    def family(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""


@dataclass
class Metric:
    name: str
    compute: Callable[..., Any]
    order: int = 0  # where ``metrics.<name>`` stands in a file's JSON (lowest first)


_RULES: dict[str, Rule] = {}
_METRICS: dict[str, Metric] = {}
_SETTINGS: dict[str, dict[str, Option]] = {}
_loaded = False


@dataclass(frozen=True)
class Option:
    """A setting in a config section: its type, default and one-line help."""

    type: Any
    default: Any
    help: str = ""
    choices: tuple = ()
    validate: Callable[[Any], str | None] | None = field(default=None, compare=False)
    # Set for options that start processes or load code: the value comes only from this
    # environment variable (the user's own), never from a repository's config.
    env_only: str | None = None


# Families written for a publisher's own patient information (front-matter metadata, disclaimers,
# the quality score that counts them): under the ``news`` profile they run only when the config
# names them (``[rules] "metadata/author" = "warning"``). News stories and press releases carry
# their byline and date in the text and are not the place for "not medical advice".
NEWS_OFF_FAMILIES = ("disclaimer", "metadata", "quality")


def runs_in(rule: Rule, profile: str, severities: dict[str, str] | None = None) -> bool:
    """Does ``rule`` apply to a document of ``profile``?

    ``news`` runs what ``health`` runs, except the :data:`NEWS_OFF_FAMILIES` rules, which run only
    when ``severities`` (the config's ``[rules]``) names the rule or its family.
    """
    if profile == "auto" or profile in rule.profiles:
        return True
    if profile != "news" or "health" not in rule.profiles:
        return False
    if rule.family not in NEWS_OFF_FAMILIES or "general" in rule.profiles:
        return True
    named = severities or {}
    return rule.id in named or rule.family in named


def rule(rule_id: str, severity: str, *, profiles=("health", "general"), topics=(), needs=()):
    """Register a check function as rule ``rule_id`` (``family/name``)."""

    def register(fn):
        doc = inspect.cleandoc(fn.__doc__ or "")
        _RULES[rule_id] = Rule(rule_id, Severity(severity), fn, doc, tuple(profiles), tuple(topics), needs=tuple(needs))
        return fn

    return register


def family(prefix: str, severity: str, doc: str, *, profiles=("health", "general"), check=None, needs=()) -> None:
    """Register a family with run-time rule ids, e.g. ``grammar`` for ``grammar/<LT id>``.

    Its ``check`` yields Findings that carry their own ``rule`` id (and default ``severity``).
    """
    _RULES[prefix + "/*"] = Rule(
        prefix + "/*", Severity(severity), check, inspect.cleandoc(doc), tuple(profiles), dynamic=True, needs=tuple(needs)
    )


def emitted(rule_id: str, severity: str, doc: str, *, profiles=("health", "general")) -> None:
    """Document an id the engine emits itself: ``contentci explain`` and config know it, nothing runs."""
    _RULES[rule_id] = Rule(rule_id, Severity(severity), None, inspect.cleandoc(doc), tuple(profiles), emitted=True)


def metric(name: str, *, order: int):
    """Register a per-file metric (``metrics.<name>`` in JSON, in ``order``)."""

    def register(fn):
        _METRICS[name] = Metric(name, fn, order)
        return fn

    return register


def settings(section: str, options: dict[str, Option]) -> None:
    """Declare the options of a config section (``[tool.contentci.<section>]``)."""
    _SETTINGS.setdefault(section, {}).update(options)


def load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        import pkgutil

        package = importlib.import_module(RULES_PACKAGE)
        for family in sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.ispkg):
            module = importlib.import_module(f"{RULES_PACKAGE}.{family}")
            for rule_module in sorted(m.name for m in pkgutil.iter_modules(module.__path__)):
                importlib.import_module(f"{RULES_PACKAGE}.{family}.{rule_module}")
        ordered = sorted(_METRICS.values(), key=lambda m: (m.order, m.name))
        _METRICS.clear()
        _METRICS.update((m.name, m) for m in ordered)


def rules() -> dict[str, Rule]:
    load()
    return _RULES


def metrics() -> dict[str, Metric]:
    load()
    return _METRICS


def service_needs() -> dict[str, tuple[str, ...]]:
    """Each rule family whose rules need a service, and the services they need."""
    out: dict[str, tuple[str, ...]] = {}
    for r in rules().values():
        if r.needs:
            out[r.family] = tuple(dict.fromkeys(out.get(r.family, ()) + r.needs))
    return out


def settings_schema() -> dict[str, dict[str, Option]]:
    load()
    return _SETTINGS


@dataclass(frozen=True)
class ConfigSchema:
    """What a config may say, handed to config loading (rules first, then config, as flake8 does)."""

    sections: dict[str, dict[str, Option]]  # [section] -> key -> Option
    known_pattern: Callable[[str], bool]  # is this a rule id or family?
    rule_names: tuple[str, ...]  # ids and families, for "did you mean"


def config_schema() -> ConfigSchema:
    """The schema of the rules installed: every rule package is imported first."""
    return ConfigSchema(settings_schema(), known_pattern, tuple(r.removesuffix("/*") for r in rules()))


def find_rule(rule_id: str) -> Rule | None:
    """The rule for an id, including ids inside dynamic families."""
    table = rules()
    if rule_id in table:
        return table[rule_id]
    fam = rule_id.split("/", 1)[0]
    return table.get(fam + "/*")


def matches(rule_id: str, pattern: str) -> bool:
    """``pattern`` is a rule id or a family prefix (``grammar``, ``grammar/``)."""
    pattern = pattern.rstrip("/")
    return (
        rule_id == pattern
        or rule_id.startswith(pattern + "/")
        or (pattern.endswith("*") and rule_id.startswith(pattern[:-1]))
    )


def known_pattern(pattern: str) -> bool:
    p = pattern.rstrip("/")
    if p == "all":
        return True
    for rid in rules():
        if rid == p or rid.split("/", 1)[0] == p or (rid.endswith("/*") and p.startswith(rid[:-1])):
            return True
    return False
