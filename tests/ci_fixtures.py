"""Shared by the CI-surface tests (formats, suppressions, baselines, scope)."""

import pytest


@pytest.fixture
def run(run):
    """The conftest ``run``, limited to readability and contentci's own rules.

    These tests are about how findings are reported, suppressed and compared, so they assert
    exact lists of findings; those lists must not change when other rule families (health,
    grammar) land. Calls that pass their own ``--select`` are left alone.
    """

    def _run(*args, **kwargs):
        if args and args[0] in ("check", "baseline") and "--select" not in args and "--help" not in args:
            args = (args[0], "--select", "readability,contentci", *args[1:])
        return run(*args, **kwargs)

    return _run
