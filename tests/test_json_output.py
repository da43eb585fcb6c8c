"""``--format json`` writes exactly what ``json.dumps(indent=2, ensure_ascii=False)`` would."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentci.output.formats.json_format import dumps_indented

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs",)))
    | st.text(alphabet='"\\\n\r\t\x00\x1f\u2028\u2019é😀 ')
)
KEYS = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_same_text_as_json_dumps(value):
    assert dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_a_real_report_is_byte_identical(run, tmp_path):
    from conftest import SEED

    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    (tmp_path / "empty.md").write_text("")
    result = run("check", "--format", "json", "--no-cache", ".")
    assert result.exit_code == 1
    assert result.output == json.dumps(json.loads(result.output), indent=2, ensure_ascii=False) + "\n"


def test_values_json_cannot_write_fail_as_json_dumps_does():
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"a": [1, object()]})
