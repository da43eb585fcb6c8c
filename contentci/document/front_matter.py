"""YAML front matter: read once, with PyYAML's safe loader, into the Document's fields."""

from __future__ import annotations

import re

FRONT_MATTER_LIMIT = 256 * 1024  # characters; larger front matter is refused, not parsed
# Values with every alias expanded: a rule reading ``title`` as text walks the expanded value, so
# nine nested aliases of ten (a "billion laughs") cost gigabytes there though the parsed object is small.
FRONT_MATTER_NODES = 20_000


def expanded_size(node, limit: int) -> int:
    """How many YAML nodes ``node`` stands for with each alias expanded, stopping past ``limit``
    (a recursive alias is endless). Linear in the composed nodes: a node's size is counted once."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack = [(node, False)]
    while stack:
        n, done = stack.pop()
        key = id(n)
        if done:
            on_path.discard(key)
            value = n.value if isinstance(n.value, list) else ()
            total = 1
            for child in value:
                for c in child if isinstance(child, tuple) else (child,):
                    total += sizes[id(c)]
            sizes[key] = min(total, limit + 1)
            if total > limit:
                return limit + 1
            continue
        if key in sizes:
            continue
        if key in on_path:
            return limit + 1  # a node inside itself
        on_path.add(key)
        stack.append((n, True))
        if isinstance(n.value, list):
            for child in n.value:
                for c in child if isinstance(child, tuple) else (child,):
                    if id(c) in on_path:
                        return limit + 1
                    if id(c) not in sizes:
                        stack.append((c, False))
    return sizes[id(node)]


def _load(raw: str):
    """Parse with the safe loader, refusing (ValueError) before anything is built when the
    values with aliases expanded are over :data:`FRONT_MATTER_NODES`."""
    import yaml

    # libyaml's safe loader when present: same answers, ~5x faster than pure Python.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if expanded_size(node, FRONT_MATTER_NODES) > FRONT_MATTER_NODES:
            raise _TooLarge(
                f"front matter has over {FRONT_MATTER_NODES:,} values once its YAML aliases are expanded; "
                f"the limit is {FRONT_MATTER_NODES:,}"
            )
        return loader.construct_document(node)
    finally:
        loader.dispose()


class _TooLarge(Exception):
    pass


def read_front_matter(doc) -> int:
    """Fill ``doc.front_matter`` (or ``front_matter_error``) and return where the body starts."""
    src = doc.source
    m = re.match(r"---[ \t]*\r?\n", src)
    if not m:
        return 0
    close = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", re.MULTILINE).search(src, m.end())
    if not close:
        return 0
    doc.front_matter_span = (0, close.end())
    raw = src[m.end() : close.start()]
    if len(raw) > FRONT_MATTER_LIMIT:
        doc.front_matter_error = f"front matter is {len(raw):,} characters; the limit is {FRONT_MATTER_LIMIT:,}"
        return close.end()
    import yaml

    try:
        data = _load(raw) if raw.strip() else {}
    except _TooLarge as exc:
        doc.front_matter_error = str(exc)
        return close.end()
    except MemoryError:
        doc.front_matter_error = "front matter is too large to read"
        return close.end()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        doc.front_matter_error = f"front matter is not valid YAML{where}: {problem}"
        return close.end()
    except RecursionError:
        doc.front_matter_error = "front matter nests too deeply"
        return close.end()
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. "date: 2026-13-45" (found by fuzzing)
        doc.front_matter_error = f"front matter has a value YAML cannot read: {exc}"
        return close.end()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        doc.front_matter_error = f"front matter must be a mapping of keys to values, not {type(data).__name__}"
        return close.end()
    doc.front_matter = data
    return close.end()
