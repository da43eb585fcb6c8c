"""``contentci show-config PATH``: the settings that apply to one file, and where each came from."""

from __future__ import annotations

import json
import sys

import click

from contentci.cli import notices
from contentci.core.errors import ContentciError


def sourced_settings(config, path: str) -> list[tuple[str, object, str]]:
    """(key, value, source) for every setting of the file at ``path``, in TOML key spelling."""
    from contentci.core import registry

    layers = config.sourced_layers(path)
    out: list[tuple[str, object, str]] = []
    profile, source = "auto", "default"
    for where, layer in layers:
        if "profile" in layer:
            profile, source = layer["profile"], where
    out.append(("profile", profile, source))
    rules: dict[str, tuple[str, str]] = {}
    for where, layer in layers:
        for rule_id, severity in layer.get("rules", {}).items():
            rules[rule_id] = (severity, where)
    out += [(f'rules."{rule_id}"', value, where) for rule_id, (value, where) in sorted(rules.items())]
    for name, options in sorted(registry.settings_schema().items()):
        for key, opt in sorted(options.items()):
            value, where = opt.default, "default"
            for layer_where, layer in layers:
                if key in layer.get(name, {}):
                    value, where = layer[name][key], layer_where
            out.append((f"{name}.{key}", value, where))
    return out


@click.command("show-config")
@click.argument("path")
@click.option(
    "--config", "config_file", metavar="FILE", help="Config file (default: nearest .contentci.toml or pyproject.toml)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON: the config files, and each setting's value and source.")
def show_config_command(path: str, config_file: str | None, as_json: bool) -> None:
    """Print the settings that apply to PATH (a file need not exist yet) and the source of each:
    a config file (with the [[overrides]] entry), the command line, or the default."""
    from contentci.config.loading import load_config
    from contentci.core.registry import config_schema

    try:
        config = load_config(config_file, schema=config_schema())
        settings = sourced_settings(config, path)
        files = [c.where for c in [config, *config.nested_chain(path)] if c.source is not None]
    except ContentciError as exc:
        notices.error(str(exc))
        sys.exit(2)
    if as_json:
        data = {
            "path": path,
            "config_files": files,
            "settings": {key: {"value": value, "source": where} for key, value, where in settings},
        }
        click.echo(json.dumps(data, indent=2, default=str))
        return
    click.echo(f"# {path}")
    click.echo(f"# config files, nearest last: {', '.join(files) if files else 'none (defaults)'}")
    for key, value, where in settings:
        click.echo(f"{key} = {json.dumps(value, default=str)}  # {where}")
    for notice in config.notices:
        notices.notice(notice)
