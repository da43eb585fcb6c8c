"""Package data files (word lists, templates): read once, shared by every rule."""

from __future__ import annotations

from functools import cache


@cache
def read_text(name: str) -> str:
    # Imported here: importlib.resources brings tempfile, shutil, bz2, lzma and random (~15 ms),
    # which a run served from the result cache never needs.
    from importlib import resources

    return resources.files("contentci").joinpath("data", name).read_text(encoding="utf-8")


@cache
def word_set(name: str) -> frozenset[str]:
    """A data file of one entry a line (``#`` comments, blank lines ignored), lowercased."""
    return frozenset(w for w in (line.split("#", 1)[0].strip().lower() for line in read_text(name).splitlines()) if w)


@cache
def load_yaml(name: str):
    """A YAML data file, parsed once per process.

    libyaml's safe loader when PyYAML has it (the same data as ``yaml.safe_load``, ~15x faster:
    the cue lists took ~30 ms to parse in pure Python, a third of a one-file run's own work).
    Callers must not mutate the result; it is shared.
    """
    import yaml

    return yaml.load(read_text(name), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# Used only when contentci's metadata cannot be read (run from a source tree that was never installed).
FALLBACK_URLS = {
    "Homepage": "https://github.com/contentci/contentci",
    "Repository": "https://github.com/contentci/contentci",
    "Documentation": "https://github.com/contentci/contentci#readme",
    "Issues": "https://github.com/contentci/contentci/issues",
}


@cache
def project_url(label: str) -> str:
    """The ``[project.urls]`` entry ``label`` of pyproject.toml, from the installed metadata.

    importlib.metadata is imported here, not at start-up: only SARIF, the language server and
    ``init`` need a project address.
    """
    from importlib import metadata

    try:
        entries = metadata.metadata("contentci").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        entries = []
    for entry in entries:
        name, _, url = entry.partition(",")
        if name.strip().lower() == label.lower() and url.strip():
            return url.strip()
    return FALLBACK_URLS[label]
