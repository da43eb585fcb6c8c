"""Configuration: find, load, validate up front, and resolve per file.

Sources, first found wins: ``--config FILE``; else the nearest ``.contentci.toml``
or ``pyproject.toml`` with a ``[tool.contentci]`` table, searching up from the
working folder. Globs in the config are relative to the config file's folder.
Without ``--config``, a config file in a folder below that one (a nested config)
applies on top of it to the files in its folder, as ruff and markdownlint-cli2 do:
its profile, rules, sections and overrides win for those files, nearest last.
Every key is validated before any file is read: an unknown key or a bad value
is a :class:`ConfigError` naming the key and the nearest valid spelling.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from contentci.config.globs import OverrideIndex, validate_globs
from contentci.core.diagnostic import SEVERITY_NAMES
from contentci.core.errors import ConfigError
from contentci.core.registry import ConfigSchema, Option
from contentci.core.text import did_you_mean

DEFAULT_INCLUDE = ["*.md", "*.markdown", "*.txt"]
PROFILES = ("auto", "health", "news", "general")
SEVERITY_VALUES = SEVERITY_NAMES + ("off",)


# Keys allowed at the top level (besides rule sections declared by rule modules).
TOP_LEVEL: dict[str, Option] = {
    "paths": Option(list, [], "Files or folders checked when none are given on the command line."),
    "include": Option(list, DEFAULT_INCLUDE, "Globs of files to check inside folders.", validate=validate_globs),
    "exclude": Option(list, [], "Globs of files and folders never checked.", validate=validate_globs),
    "profile": Option(str, "auto", "health, news, general, or auto (health rules for health articles, news rules for health news and press releases).", PROFILES),
}
OVERRIDE_KEYS = ("files", "profile", "rules")


@dataclass(frozen=True)
class ResolvedConfig:
    """The settings that apply to one file: what a check is a pure function of (with the bytes)."""

    profile: str
    severities: dict[str, str]  # rule id or family prefix -> severity or "off"
    sections: dict[str, dict[str, Any]]

    def section(self, name: str) -> dict[str, Any]:
        return self.sections.get(name, {})

    def severity_for(self, rule_id: str, default: str) -> str:
        """Configured severity: the exact id wins over a family prefix."""
        if rule_id in self.severities:
            return self.severities[rule_id]
        fam = rule_id.split("/", 1)[0]
        return self.severities.get(fam, default)

    @cached_property  # asked by every analysis memo of every file: compute once
    def key(self) -> str:
        return json.dumps([self.profile, self.severities, self.sections], sort_keys=True, default=str)


@dataclass
class Config:
    root: Path
    schema: ConfigSchema
    source: Path | None = None
    paths: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    base: dict[str, Any] = field(default_factory=dict)  # profile, rules, sections
    overrides: list[dict[str, Any]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # keys read but not applied, said once per run
    command_line: dict[str, Any] = field(default_factory=dict)  # sections set by flags: win over every file
    nested: bool = True  # nested config files apply to their folders (not with --config FILE)
    _folders: dict[str, Config | None] = field(default_factory=dict, repr=False)  # folder -> its own config
    _chains: dict[str, list[Config]] = field(default_factory=dict, repr=False)  # folder -> nested configs

    @property
    def where(self) -> str:
        return _where(self.source) if self.source is not None else "default"

    def set_from_command_line(self, section: str, key: str, value: Any) -> None:
        """A flag's value (``check --min-quality 3`` is ``quality.min_score``), over every file and override."""
        self.command_line.setdefault(section, {})[key] = value
        self._resolve.cache_clear()

    def resolve(self, relpath: str) -> ResolvedConfig:
        """Settings for a file at ``relpath`` (posix, relative to the config root)."""
        return self._resolve(self._override_index.matching(relpath))

    def resolve_file(self, fspath: str | os.PathLike, relpath: str | None = None) -> ResolvedConfig:
        """Settings for the file at ``fspath``: this config, then each nested config between its folder
        and the file's (``relpath``, relative to the root, when the caller already has it)."""
        chain = self.nested_chain(fspath)
        rel = relpath if relpath is not None else self.relpath(fspath)
        if not chain:
            return self.resolve(rel)
        real = _real(fspath)
        matched = ((self, self._override_index.matching(rel)),) + tuple(
            (c, c._override_index.matching(_relative(real, c.root) or "")) for c in chain
        )
        return self._resolve_chain(matched)

    def relpath(self, fspath: str | os.PathLike) -> str:
        """``fspath`` relative to the root, posix (as discovery makes it), or as given when outside."""
        return _relative(_real(fspath), self.root) or Path(fspath).as_posix()

    def nested_chain(self, fspath: str | os.PathLike) -> list[Config]:
        """The nested configs that apply to ``fspath``, outermost first (empty with ``--config``)."""
        if not self.nested:
            return []
        folder = os.path.dirname(_real(fspath))
        chain = self._chains.get(folder)
        if chain is None:
            rel = _relative(folder, self.root)
            chain = []
            if rel not in (None, "."):
                here = self.root
                for part in rel.split("/"):
                    here = here / part
                    found = self._folder_config(here)
                    if found is not None:
                        chain.append(found)
            self._chains[folder] = chain
        return chain

    def sourced_layers(self, fspath: str | os.PathLike | None = None) -> list[tuple[str, dict[str, Any]]]:
        """(where, layer) for every layer that applies to a file, lowest precedence first (``show-config``)."""
        rel = self.relpath(fspath) if fspath is not None else ""
        out = [(self.where, self.base)]
        out += [(f"{self.where} overrides[{i}]", self.overrides[i]) for i in self._override_index.matching(rel)]
        if fspath is not None:
            real = _real(fspath)
            for c in self.nested_chain(fspath):
                out.append((c.where, c.base))
                matching = c._override_index.matching(_relative(real, c.root) or "")
                out += [(f"{c.where} overrides[{i}]", c.overrides[i]) for i in matching]
        out.append(("command line", self.command_line))
        return out

    def _folder_config(self, folder: Path) -> Config | None:
        key = str(folder)
        if key not in self._folders:
            found = _config_in(folder)
            nested = None
            if found is not None:
                path, data = found
                nested = build_config(data, folder, path, self.schema)
                ignored = [k for k in ("paths", "include", "exclude") if k in data]
                if ignored:
                    self.notices.append(
                        f"{nested.where}: {', '.join(ignored)} only apply in the config a run starts from; "
                        "a nested config sets rules, profile, sections and overrides"
                    )
                self.notices.extend(nested.notices)
            self._folders[key] = nested
        return self._folders[key]

    @cached_property
    def _override_index(self) -> OverrideIndex:
        return OverrideIndex([o["files"] for o in self.overrides])

    @cache  # noqa: B019 - a Config lives for one run; its overrides never change
    def _resolve(self, matched: tuple[int, ...]) -> ResolvedConfig:
        return self._merge([self.base] + [self.overrides[i] for i in matched] + [self.command_line])

    @cache  # noqa: B019 - as _resolve; the nested configs are kept in _folders, so their ids hold
    def _resolve_chain(self, matched: tuple[tuple[Config, tuple[int, ...]], ...]) -> ResolvedConfig:
        layers = []
        for config, indexes in matched:
            layers += [config.base] + [config.overrides[i] for i in indexes]
        return self._merge(layers + [self.command_line])

    def _merge(self, layers: list[dict[str, Any]]) -> ResolvedConfig:
        """Defaults, then each layer in turn: a later layer's keys win."""
        schema = self.schema.sections
        sections = {name: {k: _copy(opt.default) for k, opt in opts.items()} for name, opts in schema.items()}
        profile = "auto"
        severities: dict[str, str] = {}
        for layer in layers:
            profile = layer.get("profile", profile)
            severities.update(layer.get("rules", {}))
            for name in schema:
                sections[name].update(layer.get(name, {}))
        return ResolvedConfig(profile, severities, sections)

    def __hash__(self) -> int:
        return id(self)


def _real(fspath: str | os.PathLike) -> str:
    """The file's absolute path with its folders' links resolved (as discovery resolves them)."""
    path = os.path.abspath(fspath)
    try:
        return os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))
    except (OSError, ValueError):
        return path


def _relative(path: str, root: Path) -> str | None:
    base = str(root)
    if path == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    return path[len(prefix) :].replace(os.sep, "/") if path.startswith(prefix) else None


def _copy(value):
    return list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value


def find_config_file(start: Path) -> tuple[Path, dict] | None:
    """Nearest ``.contentci.toml`` or ``pyproject.toml`` with ``[tool.contentci]``.

    A config name that is there but is no readable file (a broken link, a folder, a FIFO) is an
    error, not skipped: skipping it would silently apply a parent's config or the defaults."""
    for folder in [start, *start.parents]:
        found = _config_in(folder)
        if found is not None:
            return found
    return None


def _config_in(folder: Path) -> tuple[Path, dict] | None:
    """This folder's own config file and its contentci table, if it has one."""
    dedicated = folder / ".contentci.toml"
    if _present(dedicated):
        return dedicated, _read_toml(dedicated)
    pyproject = folder / "pyproject.toml"
    if _present(pyproject):
        data = _read_toml(pyproject)
        if isinstance(data.get("tool"), dict) and "contentci" in data["tool"]:
            return pyproject, data["tool"]["contentci"]
    return None


MAX_CONFIG_BYTES = 1 << 20  # a config is a few KB; this bounds what tomllib is asked to hold


def _present(path: Path) -> bool:
    """Whether a config file of this name exists in any form (a dangling link too)."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    return True


def _read_toml(path: Path) -> dict:
    import tomllib  # only when a config file is found: ~5 ms of import a run without one skips

    from contentci.core.files import read_regular

    try:
        data = read_regular(path, MAX_CONFIG_BYTES)  # never blocks on a FIFO, never reads past the cap
    except FileNotFoundError:
        raise ConfigError(f"cannot read {path}: broken symbolic link") from None
    except OSError as exc:  # Refused says why: a folder, not a regular file, over the cap
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:  # tomllib decodes the bytes itself and lets this through
        raise ConfigError(
            f"{path} is not valid TOML: not UTF-8 (byte {exc.object[exc.start]:#04x} at offset {exc.start})"
        ) from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{path} is not valid TOML: nested too deeply") from None


def load_config(explicit: str | None = None, cwd: Path | None = None, *, schema: ConfigSchema) -> Config:
    cwd = cwd or Path.cwd()
    if explicit:
        path = Path(explicit)
        if not _present(path):
            raise ConfigError(f"config file not found: {explicit}")
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("contentci", {})
        config = build_config(data, path.resolve().parent, path, schema)
        config.nested = False  # the file asked for is the whole config, as with ruff's --config
        return config
    found = find_config_file(cwd.resolve())
    if not found:
        return build_config({}, cwd.resolve(), None, schema)
    path, data = found
    return build_config(data, path.parent.resolve(), path, schema)


def build_config(data: dict, root: Path, source: Path | None, config_schema: ConfigSchema) -> Config:
    where = _where(source)
    prefix = "tool.contentci." if source is not None and source.name == "pyproject.toml" else ""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: the contentci table must be a table")
    schema = config_schema.sections
    allowed = set(TOP_LEVEL) | set(schema) | {"rules", "overrides"}
    for key in data:
        if key not in allowed:
            raise ConfigError(_unknown(where, prefix + key, key, allowed))
    top = {k: _check_value(where, prefix + k, opt, data[k]) for k, opt in TOP_LEVEL.items() if k in data}
    notices: list[str] = []
    base = _layer(data, where, prefix, config_schema, notices)
    overrides = []
    raw_overrides = data.get("overrides", [])
    if not isinstance(raw_overrides, list):
        raise ConfigError(f"{where}: {prefix}overrides must be an array of tables ([[{prefix}overrides]])")
    for n, item in enumerate(raw_overrides):
        p = f"{prefix}overrides[{n}]."
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: {p[:-1]} must be a table")
        for key in item:
            if key not in set(OVERRIDE_KEYS) | set(schema):
                raise ConfigError(_unknown(where, p + key, key, set(OVERRIDE_KEYS) | set(schema)))
        files = item.get("files")
        if isinstance(files, str):
            files = [files]
        if not files or not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise ConfigError(f"{where}: {p}files must be a glob or a list of globs")
        problem = validate_globs(files)
        if problem:
            raise ConfigError(f"{where}: {p}files: {problem}")
        layer = _layer(item, where, p, config_schema, notices)
        layer["files"] = files
        overrides.append(layer)
    return Config(
        root=root,
        schema=config_schema,
        source=source,
        paths=top.get("paths", []),
        include=top.get("include", list(DEFAULT_INCLUDE)),
        exclude=top.get("exclude", []),
        base=base,
        overrides=overrides,
        notices=notices,
    )


def _layer(data: dict, where: str, prefix: str, schema: ConfigSchema, notices: list[str]) -> dict:
    layer: dict[str, Any] = {}
    if "profile" in data:
        layer["profile"] = _check_value(where, prefix + "profile", TOP_LEVEL["profile"], data["profile"])
    if "rules" in data:
        layer["rules"] = _check_rules(where, prefix + "rules", data["rules"], schema)
    for name, options in schema.sections.items():
        if name not in data:
            continue
        table = data[name]
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: {prefix}{name} must be a table")
        checked = {}
        for key, value in table.items():
            if key not in options:
                raise ConfigError(_unknown(where, f"{prefix}{name}.{key}", key, set(options)))
            checked[key] = _check_value(where, f"{prefix}{name}.{key}", options[key], value)
            if options[key].env_only:
                del checked[key]
                notices.append(
                    f"{where}: {prefix}{name}.{key} is ignored: it could make contentci run commands, so it is "
                    f"read only from the environment ({options[key].env_only})"
                )
        layer[name] = checked
    return layer


def _check_rules(where: str, prefix: str, table: Any, schema: ConfigSchema) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: {prefix} must be a table of rule ids to severities")
    out = {}
    for rule_id, value in table.items():
        if not schema.known_pattern(rule_id):
            raise ConfigError(_unknown(where, f'{prefix}."{rule_id}"', rule_id, set(schema.rule_names), what="rule"))
        if isinstance(value, dict):
            extra = set(value) - {"severity"}
            if extra:
                key = sorted(extra)[0]
                raise ConfigError(_unknown(where, f'{prefix}."{rule_id}".{key}', key, {"severity"}))
            value = value.get("severity")
        if value not in SEVERITY_VALUES:
            raise ConfigError(
                f'{where}: {prefix}."{rule_id}" = {value!r} is not a severity; use one of {", ".join(SEVERITY_VALUES)}'
            )
        out[rule_id.rstrip("/")] = value
    return out


def _check_value(where: str, key: str, opt: Option, value: Any) -> Any:
    expected = opt.type
    ok = True
    if expected is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif expected is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif expected is bool:
        ok = isinstance(value, bool)
    elif expected is str:
        ok = isinstance(value, str)
    elif expected is list:
        if isinstance(value, str):
            value = [value]
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif expected is dict:
        ok = isinstance(value, dict)
    if not ok:
        name = {
            float: "a number",
            int: "a whole number",
            bool: "true or false",
            str: "a string",
            list: "a list of strings",
            dict: "a table",
        }.get(expected, str(expected))
        raise ConfigError(f"{where}: {key} = {value!r} must be {name}")
    if opt.choices and value not in opt.choices:
        hint = did_you_mean(str(value), [str(c) for c in opt.choices])
        raise ConfigError(f"{where}: {key} = {value!r} is not one of {', '.join(map(str, opt.choices))}{hint}")
    if opt.validate:
        problem = opt.validate(value)
        if problem:
            raise ConfigError(f"{where}: {key}: {problem}")
    return value


def _unknown(where: str, full: str, key: str, allowed: set[str], what: str = "key") -> str:
    listed = f"; valid {what}s: {', '.join(sorted(allowed))}" if len(allowed) < 15 else ""
    hint = did_you_mean(key, sorted(allowed), cutoff=0.5) or listed
    return f"{where}: unknown {what} {full!r}{hint}"


def _where(source: Path | None) -> str:
    if source is None:
        return "config"
    try:
        return str(source.relative_to(Path.cwd()))
    except ValueError:
        return str(source)
