"""`contentci server` driven over stdio by a real LSP client (pytest-lsp's), as an editor drives it."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from pathlib import Path

import psutil
import pytest
from lsprotocol import types as T
from pytest_lsp import client_capabilities, make_test_lsp_client

from conftest import SEED

pytestmark = pytest.mark.asyncio
WAIT = 120  # seconds before a missing notification fails the test instead of hanging it


class Editor:
    """A client with a server process, and the buffers it has open."""

    def __init__(self, client, process):
        self.client = client
        self.process = process
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}

    async def diagnostics(self, uri: str, version: int, *, count: int = 1) -> list[T.Diagnostic]:
        """The ``count``-th publish for this version of the document (grammar comes in a second one)."""
        seen = 0
        while True:
            params = await asyncio.wait_for(
                self.client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), WAIT
            )
            if params.uri == uri and params.version == version:
                seen += 1
                if seen == count:
                    return list(params.diagnostics)

    async def open(self, path: Path, text: str | None = None) -> tuple[str, list[T.Diagnostic]]:
        uri = path.as_uri()
        self.texts[uri] = path.read_text(encoding="utf-8") if text is None else text
        self.versions[uri] = 1
        waiting = asyncio.ensure_future(self.diagnostics(uri, 1))
        self.client.text_document_did_open(
            T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, "markdown", 1, self.texts[uri]))
        )
        return uri, await waiting

    async def edit(self, uri: str, edits: list[T.TextEdit]) -> list[T.Diagnostic]:
        self.versions[uri] += 1
        version = self.versions[uri]
        self.texts[uri] = apply(self.texts[uri], edits)
        waiting = asyncio.ensure_future(self.diagnostics(uri, version))
        changes = [T.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in reversed(edits)]
        self.client.text_document_did_change(
            T.DidChangeTextDocumentParams(T.VersionedTextDocumentIdentifier(version, uri), changes)
        )
        return await waiting

    async def actions(self, uri: str, diagnostic: T.Diagnostic) -> list[T.CodeAction]:
        params = T.CodeActionParams(
            T.TextDocumentIdentifier(uri), diagnostic.range, T.CodeActionContext(diagnostics=[diagnostic])
        )
        return await asyncio.wait_for(self.client.text_document_code_action_async(params), WAIT) or []


def offset(text: str, pos: T.Position) -> int:
    """Offset of an LSP position (UTF-16 units) in ``text``."""
    lines = text.split("\n")
    head = sum(len(line) + 1 for line in lines[: pos.line])
    units, col = 0, 0
    line = lines[pos.line] if pos.line < len(lines) else ""
    while units < pos.character:
        units += len(line[col].encode("utf-16-le")) // 2
        col += 1
    return head + col


def apply(text: str, edits: list[T.TextEdit]) -> str:
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(text, e.range.start)] + e.new_text + text[offset(text, e.range.end) :]
    return text


def edits_of(action: T.CodeAction) -> list[T.TextEdit]:
    return [e for change in action.edit.document_changes for e in change.edits]


async def start(folders: list[Path], env: dict | None = None) -> Editor:
    client = make_test_lsp_client()
    environment = {**os.environ, "CONTENTCI_GRAMMAR": "off", **(env or {})}
    await client.start_io(
        sys.executable, "-m", "contentci", "server", "--debounce", "0.05", env=environment, cwd=str(folders[0])
    )
    await client.initialize_session(
        T.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=folders[0].as_uri(),
            workspace_folders=[T.WorkspaceFolder(f.as_uri(), f.name) for f in folders],
        )
    )
    return Editor(client, psutil.Process(client._server.pid))


async def stop(editor: Editor) -> list[psutil.Process]:
    """Shut the server down; return what is left of its process tree (nothing, when all is well)."""
    tree = [editor.process, *editor.process.children(recursive=True)]
    await asyncio.wait_for(editor.client.shutdown_session(), WAIT)
    await editor.client.stop()
    gone, alive = psutil.wait_procs(tree, timeout=30)
    return alive


def check_json(path: Path, cwd: Path) -> list[dict]:
    import subprocess

    out = subprocess.run(
        [sys.executable, "-m", "contentci", "check", "--format", "json", "--no-cache", str(path)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "CONTENTCI_GRAMMAR": "off"},
    )
    return json.loads(out.stdout)["files"][0]["diagnostics"]


@pytest.fixture
def workspace(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.md")
    return folder


def by_code(diagnostics, code):
    return [d for d in diagnostics if d.code == code]


async def test_seed_diagnostics_match_check_at_exact_ranges(workspace):
    editor = await start([workspace])
    try:
        uri, diags = await editor.open(workspace / "seed.md")
        expected = check_json(workspace / "seed.md", workspace)
        assert sorted(d.code for d in diags) == sorted(d["rule"] for d in expected)
        title = SEED.read_text(encoding="utf-8").split("\n")[0]
        hype = by_code(diags, "claims/hype")
        assert [(d.range.start.line, d.range.start.character, d.range.end.character) for d in hype] == [(14, 46, 59)]
        assert hype[0].severity == T.DiagnosticSeverity.Warning
        assert hype[0].source == "contentci"
        assert hype[0].code_description.href.startswith("https://")
        harms = by_code(diags, "balance/harms-missing")[0]
        assert harms.severity == T.DiagnosticSeverity.Error
        # Document-level findings sit on the title line, not spread over the article.
        assert (harms.range.start.line, harms.range.start.character) == (0, 0)
        assert (harms.range.end.line, harms.range.end.character) == (0, len(title))
        assert by_code(diags, "balance/costs-missing")[0].severity == T.DiagnosticSeverity.Information
        hard = sorted((d.range.start.line, d.range.start.character) for d in by_code(diags, "readability/hard-sentence"))
        assert hard == sorted(
            (d["line"] - 1, d["column"] - 1) for d in expected if d["rule"] == "readability/hard-sentence"
        )
    finally:
        assert await stop(editor) == []


async def test_edit_updates_diagnostics_from_the_buffer_not_the_disk(workspace):
    editor = await start([workspace])
    try:
        uri, diags = await editor.open(workspace / "seed.md")
        hype = by_code(diags, "claims/hype")[0]
        after = await editor.edit(uri, [T.TextEdit(hype.range, "new")])
        assert by_code(after, "claims/hype") == []
        # A hype word typed into the unsaved buffer is found where it was typed.
        at = T.Position(line=2, character=0)
        after = await editor.edit(uri, [T.TextEdit(T.Range(at, at), "A miracle cure. ")])
        assert [(d.range.start.line, d.range.start.character) for d in by_code(after, "claims/hype")] == [
            (2, 2),
            (2, 10),
        ]
        assert (workspace / "seed.md").read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")
    finally:
        assert await stop(editor) == []


async def test_code_actions_replace_hype_insert_disclaimer_and_suppress(workspace, tmp_path):
    editor = await start([workspace])
    try:
        uri, diags = await editor.open(workspace / "seed.md")
        hype = by_code(diags, "claims/hype")[0]
        actions = await editor.actions(uri, hype)
        titles = [a.title for a in actions]
        assert "Replace 'revolutionary' with 'new'" in titles
        assert "Suppress claims/hype for this line" in titles

        # The disclaimer action makes exactly the edits `contentci fix` makes on disk.
        advice = by_code(diags, "disclaimer/medical-advice")[0]
        insert = next(a for a in await editor.actions(uri, advice) if a.title.startswith("Insert the missing"))
        fixed_copy = tmp_path / "fixed" / "seed.md"
        fixed_copy.parent.mkdir()
        shutil.copy(SEED, fixed_copy)
        import subprocess

        subprocess.run([sys.executable, "-m", "contentci", "fix", str(fixed_copy)], check=True, cwd=fixed_copy.parent)
        after = await editor.edit(uri, edits_of(insert))
        assert editor.texts[uri] == fixed_copy.read_text(encoding="utf-8")
        assert by_code(after, "disclaimer/medical-advice") == []

        # Suppressing the hype finding on its line: the finding goes, nothing else is reported for it.
        hype = by_code(after, "claims/hype")[0]
        suppress = next(a for a in await editor.actions(uri, hype) if a.title.startswith("Suppress"))
        after = await editor.edit(uri, edits_of(suppress))
        assert "<!-- contentci-disable-next-line claims/hype -->" in editor.texts[uri]
        assert by_code(after, "claims/hype") == []
        assert not [d for d in after if str(d.code).startswith("contentci/")]

        # A document-level finding is suppressed for the file.
        costs = by_code(after, "balance/costs-missing")[0]
        suppress = next(a for a in await editor.actions(uri, costs) if a.title.startswith("Suppress"))
        after = await editor.edit(uri, edits_of(suppress))
        assert by_code(after, "balance/costs-missing") == []
        assert by_code(after, "balance/harms-missing")  # only that rule
    finally:
        assert await stop(editor) == []


async def test_hover_shows_the_rule_explanation(workspace):
    from contentci.core import registry

    editor = await start([workspace])
    try:
        uri, diags = await editor.open(workspace / "seed.md")
        hype = by_code(diags, "claims/hype")[0]
        hover = await asyncio.wait_for(
            editor.client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), hype.range.start)),
            WAIT,
        )
        assert "**claims/hype**" in hover.contents.value
        assert registry.find_rule("claims/hype").doc.split("\n")[0] in hover.contents.value
        nothing = await editor.client.text_document_hover_async(
            T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(line=5, character=3))
        )
        assert nothing is None
    finally:
        assert await stop(editor) == []


async def test_several_folders_each_with_its_config_and_a_nested_one(tmp_path):
    strict, relaxed = tmp_path / "strict", tmp_path / "relaxed"
    for folder in (strict, relaxed):
        (folder / "team").mkdir(parents=True)
        shutil.copy(SEED, folder / "seed.md")
        shutil.copy(SEED, folder / "team" / "seed.md")
    (strict / ".contentci.toml").write_text('[rules]\n"claims/hype" = "error"\n')
    (strict / "team" / ".contentci.toml").write_text('[rules]\n"claims/hype" = "info"\n')
    (relaxed / ".contentci.toml").write_text('[rules]\nclaims = "off"\n')
    editor = await start([strict, relaxed])
    try:
        severities = {}
        for path in (strict / "seed.md", strict / "team" / "seed.md", relaxed / "seed.md"):
            _, diags = await editor.open(path)
            severities[path.relative_to(tmp_path).as_posix()] = [d.severity for d in by_code(diags, "claims/hype")]
        assert severities == {
            "strict/seed.md": [T.DiagnosticSeverity.Error],
            "strict/team/seed.md": [T.DiagnosticSeverity.Information],
            "relaxed/seed.md": [],
        }
    finally:
        assert await stop(editor) == []


async def test_a_bad_config_is_one_diagnostic_not_a_crash(workspace):
    (workspace / ".contentci.toml").write_text('[rules]\n"claims/hyp" = "off"\n')
    editor = await start([workspace])
    try:
        uri, diags = await editor.open(workspace / "seed.md")
        assert len(diags) == 1
        assert diags[0].message.startswith("config: ") and "claims/hype" in diags[0].message
        assert diags[0].range.start.line == 0
    finally:
        assert await stop(editor) == []



async def publishes_until(editor: Editor, uri: str, done) -> list[T.PublishDiagnosticsParams]:
    """Every publish for ``uri``, in order, up to and including the first one ``done`` accepts."""
    seen = []
    while True:
        params = await asyncio.wait_for(editor.client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), WAIT)
        if params.uri == uri:
            seen.append(params)
            if done(params):
                return seen


TYPO_ARTICLE = "# Stem cells\n\nStem cell therpy is not proven.\n"


async def test_grammar_arrives_after_the_offline_findings_from_one_server_stopped_on_exit(lt_install, tmp_path):
    from lt_support import our_jvms, private_home

    home = private_home(lt_install, tmp_path / "lt-home")

    def ours() -> set[int]:
        return our_jvms(home)

    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "typo.md").write_text(TYPO_ARTICLE, encoding="utf-8")
    editor = await start([folder], env={"CONTENTCI_GRAMMAR": "on", "CONTENTCI_LANGUAGETOOL_HOME": str(home)})
    try:
        uri = (folder / "typo.md").as_uri()

        def has_grammar(p):
            return any(str(d.code).startswith("grammar/") for d in p.diagnostics)

        waiting = asyncio.ensure_future(publishes_until(editor, uri, has_grammar))
        editor.client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, "markdown", 1, TYPO_ARTICLE)))
        seen = await waiting
        # The offline findings come first, without waiting for LanguageTool to start.
        assert not has_grammar(seen[0]) and seen[0].version == 1
        typo = [d for d in seen[-1].diagnostics if d.code == "grammar/MORFOLOGIK_RULE_EN_US"]
        assert [(d.range.start.line, d.range.start.character, d.range.end.character) for d in typo] == [(2, 10, 16)]
        assert len(ours()) == 1
        # Fixing the typo in the buffer: the next grammar publish for the new version has no typo.
        fix = T.TextEdit(typo[0].range, "therapy")
        editor.versions[uri] = 1
        editor.texts[uri] = TYPO_ARTICLE
        await editor.edit(uri, [fix])  # the offline publish for version 2
        later = await publishes_until(editor, uri, lambda p: p.version == 2)  # then grammar's
        assert not any(d.code == "grammar/MORFOLOGIK_RULE_EN_US" for d in later[-1].diagnostics)
        assert len(ours()) == 1  # one LanguageTool server for the session, not one per check
    finally:
        assert await stop(editor) == []
    deadline = asyncio.get_running_loop().time() + 30
    while ours() and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.2)
    assert ours() == set()  # the server it started is stopped with it


async def test_a_1_mb_document_never_blocks_the_editor_and_a_newer_edit_wins(workspace):
    big = (SEED.read_text(encoding="utf-8") + "\n\n") * (1_000_000 // len(SEED.read_text(encoding="utf-8")) + 1)
    shutil.copy(SEED, workspace / "other.md")
    editor = await start([workspace])
    try:
        _, small = await editor.open(workspace / "other.md")
        uri = (workspace / "big.md").as_uri()
        editor.texts[uri], editor.versions[uri] = big, 1
        waiting = asyncio.ensure_future(publishes_until(editor, uri, lambda p: p.version == 3))
        editor.client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, "markdown", 1, big)))
        # Two quick edits while the first check runs (a check of 1 MB takes seconds).
        for version, word in ((2, "Breakthrough"), (3, "Miracle")):
            at = T.Position(line=0, character=0)
            editor.client.text_document_did_change(
                T.DidChangeTextDocumentParams(
                    T.VersionedTextDocumentIdentifier(version, uri),
                    [T.TextDocumentContentChangePartial(range=T.Range(at, at), text=f"{word} ")],
                )
            )
        # Meanwhile the editor's other requests are answered: hover on the small document.
        hype = by_code(small, "claims/hype")[0]
        hover = await asyncio.wait_for(
            editor.client.text_document_hover_async(
                T.HoverParams(T.TextDocumentIdentifier((workspace / "other.md").as_uri()), hype.range.start)
            ),
            WAIT,
        )
        assert "**claims/hype**" in hover.contents.value
        assert not waiting.done()  # answered before the big document's newest findings were out
        seen = await waiting
        assert 2 not in [p.version for p in seen]  # the superseded edit was never published
        final = seen[-1].diagnostics
        # Every finding of the whole megabyte, as `contentci check` gives for the same text.
        (workspace / "big.md").write_text("Miracle Breakthrough " + big, encoding="utf-8")
        expected = check_json(workspace / "big.md", workspace)
        assert len(final) == len(expected) > 500
        first_line = [d for d in final if d.range.start.line == 0 and d.code == "claims/hype"]
        assert [(d.range.start.character, d.range.end.character) for d in first_line][:1] == [(0, 7)]  # "Miracle"
    finally:
        assert await stop(editor) == []
