"""``--format json``: the stable machine-readable report (``"version": 1``)."""

import json


def render(report, **_options) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
