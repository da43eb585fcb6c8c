"""The language server behind ``contentci server`` (pygls, LSP over stdio).

Each document is checked as ``contentci check`` would check it at its path: the same engine entry
(:func:`contentci.engine.check.check_bytes`), the config resolved for that path (the nearest config
from the document's workspace folder, nested configs included), suppressions and profiles. The text
is the editor's buffer, never the file on disk. Checks run off the message loop in one worker
thread; an edit during the debounce or while a check waits cancels it, and a result for an older
version than the buffer's is dropped. Offline findings are published first; grammar findings from
the session's one LanguageTool server follow in a second publish.
"""

from __future__ import annotations

import asyncio
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from contentci import __version__
from contentci.core.diagnostic import Diagnostic
from contentci.core.errors import ContentciError
from contentci.core.result import Selection

SEVERITY = {
    "error": T.DiagnosticSeverity.Error,
    "warning": T.DiagnosticSeverity.Warning,
    "info": T.DiagnosticSeverity.Information,
}
CONFIG_NAMES = (".contentci.toml", "pyproject.toml")
SOURCE = "contentci"


@dataclass
class Checked:
    """One version of a document as checked: its text, findings and where its title line is."""

    version: int
    text: str
    path: str
    lines: list[str]
    title: tuple[int, int, int]  # (0-based line, start, end column in code points)
    offline: list[Diagnostic] = field(default_factory=list)
    grammar: list[Diagnostic] = field(default_factory=list)
    config_error: str | None = None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.offline + self.grammar


class Session:
    """What the server keeps between messages: configs per folder, checks in flight, last results."""

    def __init__(self, ls: LanguageServer, debounce: float):
        self.ls = ls
        self.debounce = debounce
        self.configs: dict[str, object] = {}  # folder -> Config (load_config from there)
        self.tasks: dict[str, asyncio.Task] = {}
        self.checked: dict[str, Checked] = {}
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="contentci-check")  # one check at a time
        self.grammar_pool = ThreadPoolExecutor(1, thread_name_prefix="contentci-grammar")
        self.stack = ExitStack()
        self.services: dict | None = None  # the session's LanguageTool service, started on first need
        self.lock = threading.Lock()

    # -- config ------------------------------------------------------------------------
    def path_of(self, uri: str) -> str:
        return to_fs_path(uri) or os.path.join(self.folder_for(None), uri.rsplit("/", 1)[-1] or "untitled.md")

    def folder_for(self, path: str | None) -> str:
        """The workspace folder holding ``path`` (the deepest one), else the file's own folder."""
        folders = [to_fs_path(f.uri) for f in self.ls.workspace.folders.values()]
        folders = [f for f in folders if f]
        if not folders and self.ls.workspace.root_path:
            folders = [self.ls.workspace.root_path]
        if path is None:
            return folders[0] if folders else os.getcwd()
        inside = [f for f in folders if path == f or path.startswith(f.rstrip(os.sep) + os.sep)]
        return max(inside, key=len) if inside else os.path.dirname(path)

    def config_for(self, path: str):
        from contentci.config.loading import load_config
        from contentci.core.registry import config_schema

        folder = self.folder_for(path)
        with self.lock:
            config = self.configs.get(folder)
            if config is None:
                config = self.configs[folder] = load_config(cwd=Path(folder), schema=config_schema())
        return config

    def forget_configs(self) -> None:
        with self.lock:
            self.configs.clear()

    # -- checking ----------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        old = self.tasks.pop(uri, None)
        if old is not None:
            old.cancel()  # a newer edit wins: an older check still waiting never runs
        self.tasks[uri] = asyncio.get_running_loop().create_task(self._check(uri, delay))

    def version_of(self, uri: str) -> int | None:
        doc = self.ls.workspace.text_documents.get(uri)
        return None if doc is None else doc.version

    async def _check(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        doc = self.ls.workspace.text_documents.get(uri)
        if doc is None:
            return
        text, version = doc.source, doc.version or 0
        loop = asyncio.get_running_loop()
        checked = await loop.run_in_executor(self.pool, self.check_offline, uri, text, version)
        if self.version_of(uri) != version:
            return  # the buffer moved on; its own check is scheduled
        self.checked[uri] = checked
        self.publish(uri, checked)
        if checked.config_error is None and self.grammar_wanted(checked.path):
            grammar = await loop.run_in_executor(self.grammar_pool, self.check_grammar, checked)
            if self.version_of(uri) == version and grammar is not None:
                checked.grammar = grammar
                self.publish(uri, checked)

    def check_offline(self, uri: str, text: str, version: int) -> Checked:
        from contentci.engine.check import check_bytes
        from contentci.engine.suppress import UNUSED
        from contentci.run.parallel import split_selection

        path = self.path_of(uri)
        lines = text.split("\n")
        checked = Checked(version, text, path, lines, _title(path, text))
        try:
            config = self.config_for(path)
            if _excluded(config, path):
                return checked
            resolved = config.resolve_file(path)
        except ContentciError as exc:
            checked.config_error = str(exc)
            return checked
        pure, _ = split_selection(Selection())
        result = check_bytes(path, text.encode("utf-8", "surrogatepass"), resolved, pure)
        checked.offline = [d for d in result.diagnostics if d.rule != UNUSED]
        return checked

    def grammar_wanted(self, path: str) -> bool:
        from contentci.services.languagetool.service import mode

        try:
            return mode() != "off"
        except ContentciError:
            return False

    def check_grammar(self, checked: Checked) -> list[Diagnostic] | None:
        from contentci.engine.check import check_bytes
        from contentci.engine.suppress import UNUSED
        from contentci.run.parallel import split_selection

        try:
            config = self.config_for(checked.path)
            resolved = config.resolve_file(checked.path)
            if self.services is None:
                from contentci.services.languagetool.service import for_run

                base = config.resolve("")
                self.services = self.stack.enter_context(
                    for_run(base.section("languagetool"), wanted=True, cache=base.section("grammar").get("cache", True))
                )
        except ContentciError:
            return None
        _, grammar_selection = split_selection(Selection())
        if grammar_selection is None:
            return None
        data = checked.text.encode("utf-8", "surrogatepass")
        result = check_bytes(checked.path, data, resolved, grammar_selection, self.services)
        ids = {(d.rule, d.line, d.column) for d in checked.offline}
        return [d for d in result.diagnostics if d.rule != UNUSED and (d.rule, d.line, d.column) not in ids]

    def publish(self, uri: str, checked: Checked) -> None:
        out = [self.to_lsp(checked, d) for d in checked.diagnostics]
        if checked.config_error:
            out.append(
                T.Diagnostic(
                    range=self.title_range(checked),
                    message=f"config: {checked.config_error}",
                    severity=T.DiagnosticSeverity.Error,
                    source=SOURCE,
                )
            )
        self.ls.text_document_publish_diagnostics(
            T.PublishDiagnosticsParams(uri=uri, diagnostics=out, version=checked.version)
        )

    # -- positions ---------------------------------------------------------------------
    def units(self, line_text: str, column: int) -> int:
        """Client units for the first ``column`` code points of a line (UTF-16 unless negotiated)."""
        head = line_text[:column]
        encoding = str(self.ls.workspace.position_encoding or "utf-16")
        if encoding == "utf-8":
            return len(head.encode("utf-8", "surrogatepass"))
        if encoding == "utf-32":
            return len(head)
        return len(head.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, checked: Checked, line: int, column: int) -> T.Position:
        """LSP position of a 0-based line and code-point column."""
        line = max(0, min(line, len(checked.lines) - 1))
        return T.Position(line=line, character=self.units(checked.lines[line], column))

    def code_points(self, checked: Checked, pos: T.Position) -> int:
        """Source offset (code points) of an LSP position."""
        line = max(0, min(pos.line, len(checked.lines) - 1))
        text, units, col = checked.lines[line], 0, 0
        while col < len(text) and units < pos.character:
            units = self.units(text, col + 1)
            col += 1
        return sum(len(x) + 1 for x in checked.lines[:line]) + col

    def title_range(self, checked: Checked) -> T.Range:
        line, start, end = checked.title
        return T.Range(start=self.position(checked, line, start), end=self.position(checked, line, end))

    def range_of(self, checked: Checked, d: Diagnostic) -> T.Range:
        if d.document_level:
            return self.title_range(checked)  # "no harm named" belongs to the article, shown at its title
        return T.Range(
            start=self.position(checked, d.line - 1, d.column - 1),
            end=self.position(checked, d.end_line - 1, d.end_column - 1),
        )

    def to_lsp(self, checked: Checked, d: Diagnostic) -> T.Diagnostic:
        message = d.message if not d.suggestion else f"{d.message}\nSuggestion: {d.suggestion}"
        return T.Diagnostic(
            range=self.range_of(checked, d),
            message=message,
            severity=SEVERITY[d.severity.value],
            code=d.rule,
            code_description=T.CodeDescription(href=help_uri(d.rule)),
            source=SOURCE,
            data={"rule": d.rule, "suggestion": d.suggestion, "document_level": d.document_level},
        )

    def at(self, uri: str, rng: T.Range) -> list[Diagnostic]:
        """The findings of the last check whose range overlaps ``rng`` (the title line counts for document-level)."""
        checked = self.checked.get(uri)
        if checked is None:
            return []
        out = []
        for d in checked.diagnostics:
            r = self.range_of(checked, d)
            if (r.start.line, r.start.character) <= (rng.end.line, rng.end.character) and (
                rng.start.line,
                rng.start.character,
            ) <= (r.end.line, r.end.character):
                out.append(d)
        return out

    # -- code actions ------------------------------------------------------------------
    def code_actions(self, uri: str, rng: T.Range, asked: list[T.Diagnostic] = ()) -> list[T.CodeAction]:
        checked = self.checked.get(uri)
        if checked is None or checked.version != self.version_of(uri):
            return []
        found = self.at(uri, rng)
        ours = {(str(d.code), d.range.start.line, d.range.start.character) for d in asked if d.source == SOURCE}
        if ours:  # the client names the findings it asks about: only those (the title line holds many)
            found = [d for d in found if (d.rule, *_start(self.range_of(checked, d))) in ours]
        actions: list[T.CodeAction] = []
        if any(d.rule.startswith("disclaimer/") for d in found):
            action = self.disclaimer_action(uri, checked, [d for d in found if d.rule.startswith("disclaimer/")])
            if action is not None:
                actions.append(action)
        from contentci.fix.suggestions import replacement

        for d in found:
            new = replacement(d, checked.lines)  # the rdjson format's suggestions use the same
            if new is not None:
                r = self.range_of(checked, d)
                old = checked.lines[d.line - 1][d.column - 1 : d.end_column - 1] if d.line == d.end_line else ""
                actions.append(
                    self.action(uri, checked, f"Replace '{old}' with '{new}'", [T.TextEdit(r, new)], d, preferred=True)
                )
        for d in found:
            edit = self.suppression_edit(checked, d)
            if edit is not None:
                kind = "this file" if d.document_level else "this line"
                actions.append(self.action(uri, checked, f"Suppress {d.rule} for {kind}", [edit], d))
        return actions

    def action(self, uri, checked, title, edits, d=None, preferred=False) -> T.CodeAction:
        return T.CodeAction(
            title=title,
            kind=T.CodeActionKind.QuickFix,
            diagnostics=[self.to_lsp(checked, d)] if d is not None else None,
            is_preferred=preferred or None,
            edit=T.WorkspaceEdit(
                document_changes=[
                    T.TextDocumentEdit(
                        text_document=T.OptionalVersionedTextDocumentIdentifier(uri=uri, version=checked.version),
                        edits=edits,
                    )
                ]
            ),
        )

    def disclaimer_action(self, uri: str, checked: Checked, found: list[Diagnostic]) -> T.CodeAction | None:
        """The edits ``contentci fix`` would make to this buffer, as one text edit."""
        from contentci.fix import plan_bytes

        try:
            resolved = self.config_for(checked.path).resolve_file(checked.path)
            plan = plan_bytes(checked.path, checked.text.encode("utf-8", "surrogatepass"), resolved)
        except ContentciError:
            return None
        if not plan.changed:
            return None
        old, new = checked.text, plan.fixed.decode("utf-8", "surrogatepass")
        start = 0
        while start < min(len(old), len(new)) and old[start] == new[start]:
            start += 1
        tail = 0
        while tail < min(len(old), len(new)) - start and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        edit = T.TextEdit(
            T.Range(self._offset_position(checked, start), self._offset_position(checked, len(old) - tail)),
            new[start : len(new) - tail],
        )
        rules = sorted({d.rule for d in found})
        title = "Insert the missing disclaimer" + ("s" if len(plan.applied) > 1 else "") + " (contentci fix)"
        action = self.action(uri, checked, title, [edit], found[0], preferred=True)
        action.diagnostics = [self.to_lsp(checked, d) for d in found if d.rule in rules]
        return action

    def _offset_position(self, checked: Checked, offset: int) -> T.Position:
        line = checked.text.count("\n", 0, offset)
        start = checked.text.rfind("\n", 0, offset) + 1
        return self.position(checked, line, offset - start)

    def suppression_edit(self, checked: Checked, d: Diagnostic) -> T.TextEdit | None:
        """A suppression comment for this finding (Markdown only: in plain text a comment is prose)."""
        if not checked.path.lower().endswith((".md", ".markdown", ".mdx")) or d.rule.startswith("contentci/"):
            return None
        if d.document_level:
            line = checked.title[0]
            at = self.position(checked, line, 0)
            return T.TextEdit(T.Range(at, at), f"<!-- contentci-disable-file {d.rule} -->\n")
        line = d.line - 1
        before = checked.lines[line - 1].rstrip("\r") if line > 0 else ""
        comment = f"<!-- contentci-disable-next-line {d.rule} -->"
        if before.strip():
            # The line above is in the same block: a comment at its end keeps the paragraph whole.
            at = self.position(checked, line - 1, len(before))
            return T.TextEdit(T.Range(at, at), " " + comment)
        at = self.position(checked, line, 0)
        return T.TextEdit(T.Range(at, at), comment + "\n")

    # -- hover ---------------------------------------------------------------------------
    def hover(self, uri: str, pos: T.Position) -> T.Hover | None:
        from contentci.core import registry

        found = self.at(uri, T.Range(pos, pos))
        if not found:
            return None
        parts = []
        for rule_id in dict.fromkeys(d.rule for d in found):
            rule = registry.find_rule(rule_id)
            doc = rule.doc if rule is not None else ""
            parts.append(f"**{rule_id}** — [rule docs]({help_uri(rule_id)})\n\n{doc}".rstrip())
        return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))

    def close(self) -> None:
        for task in self.tasks.values():
            task.cancel()
        self.pool.shutdown(wait=False, cancel_futures=True)
        try:  # the service's cache lives in the grammar thread: close it (and stop the server) there
            self.grammar_pool.submit(self.stack.close).result()
        except RuntimeError:  # closed already (shutdown, then exit)
            pass
        self.grammar_pool.shutdown(wait=True, cancel_futures=True)


def help_uri(rule_id: str) -> str:
    """The rule's documentation link: the same one SARIF gives code scanning (``helpUri``)."""
    from contentci.core import registry
    from contentci.output.formats.sarif import rule_descriptor

    return rule_descriptor(rule_id, registry.find_rule(rule_id))["helpUri"]


def _start(r: T.Range) -> tuple[int, int]:
    return r.start.line, r.start.character


def _excluded(config, path: str) -> bool:
    from contentci.config.globs import glob_matcher

    return bool(config.exclude) and glob_matcher(config.exclude)(config.relpath(path))


def _title(path: str, text: str) -> tuple[int, int, int]:
    """The article's title line (its first heading or prose line), where document-level findings go."""
    from contentci.document.parse import parse

    try:
        doc = parse(path, text.encode("utf-8", "surrogatepass"))
        start, end = doc.first_prose_span()
    except ContentciError:
        return 0, 0, 0
    line, col = doc.position(start)
    end_line, end_col = doc.position(end)
    if end_line != line:
        end_col = len(text.split("\n")[line - 1].rstrip("\r")) + 1
    return line - 1, col - 1, end_col - 1


def make_server(debounce: float = 0.3) -> LanguageServer:
    ls = LanguageServer("contentci", __version__)
    session = Session(ls, debounce)
    ls.session = session

    @ls.feature(T.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: LanguageServer, params: T.DidOpenTextDocumentParams):
        session.schedule(params.text_document.uri, 0)

    @ls.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: LanguageServer, params: T.DidChangeTextDocumentParams):
        session.schedule(params.text_document.uri, session.debounce)

    @ls.feature(T.TEXT_DOCUMENT_DID_SAVE, T.SaveOptions(include_text=False))
    async def did_save(ls: LanguageServer, params: T.DidSaveTextDocumentParams):
        uri = params.text_document.uri
        if (to_fs_path(uri) or "").endswith(CONFIG_NAMES):
            session.forget_configs()
            for other in list(ls.workspace.text_documents):
                session.schedule(other, 0)
        else:
            session.schedule(uri, 0)

    @ls.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: LanguageServer, params: T.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        task = session.tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        session.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @ls.feature(T.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: LanguageServer, params: T.DidChangeWatchedFilesParams):
        if any((to_fs_path(c.uri) or "").endswith(CONFIG_NAMES) for c in params.changes):
            session.forget_configs()
            for uri in list(ls.workspace.text_documents):
                session.schedule(uri, 0)

    @ls.feature(T.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def folders(ls: LanguageServer, params: T.DidChangeWorkspaceFoldersParams):
        session.forget_configs()

    @ls.feature(
        T.TEXT_DOCUMENT_CODE_ACTION, T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix])
    )
    async def code_action(ls: LanguageServer, params: T.CodeActionParams):
        loop = asyncio.get_running_loop()  # the disclaimer edit plans a fix: off the message loop
        return await loop.run_in_executor(
            None, session.code_actions, params.text_document.uri, params.range, params.context.diagnostics
        )

    @ls.feature(T.TEXT_DOCUMENT_HOVER)
    def hover(ls: LanguageServer, params: T.HoverParams):
        return session.hover(params.text_document.uri, params.position)

    @ls.feature(T.SHUTDOWN)
    def shutdown(ls: LanguageServer, *args):
        session.close()

    return ls


def serve(debounce: float = 0.3) -> None:
    ls = make_server(debounce)
    try:
        ls.start_io()
    finally:
        ls.session.close()


