"""Keystroke to fresh diagnostics in the language server: how long a writer waits for findings.

    python benchmarks/lsp_latency.py [--keystrokes 40] [--file tests/fixtures/stem-cell-autoimmune.md]

Starts ``contentci server`` as an editor would (stdio, grammar off, so the offline
findings only), opens the article, then types: one character a keystroke, each
sent as a ``didChange`` once the findings for the previous one have arrived. The
latency of a keystroke is the time from sending its change to receiving the
``publishDiagnostics`` for that version. Measured twice: with the server's default
debounce (what a writer gets: the server waits for a pause in typing before it
checks) and with ``--debounce 0`` (the check's own cost). Prints the median, the
90th percentile and the maximum of each. Needs ``pip install 'contentci[lsp]'``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


async def measure(path: Path, keystrokes: int, debounce: float | None) -> list[float]:
    from lsprotocol import types as T
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("contentci-latency", "1")
    arrived: dict[int, float] = {}
    waiters: dict[int, asyncio.Future] = {}
    uri = path.resolve().as_uri()

    @client.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: T.PublishDiagnosticsParams) -> None:
        if params.uri == uri and params.version is not None:
            arrived.setdefault(params.version, time.perf_counter())
            future = waiters.get(params.version)
            if future is not None and not future.done():
                future.set_result(None)

    args = ["-m", "contentci", "server"] + ([] if debounce is None else ["--debounce", str(debounce)])
    env = {**os.environ, "CONTENTCI_GRAMMAR": "off", "PYTHONPATH": str(ROOT)}
    await client.start_io(sys.executable, *args, env=env, cwd=str(path.resolve().parent))
    await client.initialize_async(
        T.InitializeParams(capabilities=T.ClientCapabilities(), root_uri=path.resolve().parent.as_uri())
    )
    client.initialized(T.InitializedParams())

    async def until(version: int) -> None:
        waiters[version] = asyncio.get_running_loop().create_future()
        if version in arrived:
            return
        await asyncio.wait_for(waiters[version], 120)

    text = path.read_text(encoding="utf-8")
    client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, "markdown", 1, text)))
    await until(1)
    lines = text.split("\n")
    line = next(i for i, s in enumerate(lines) if len(s) > 40)  # type into a paragraph, as a writer does
    latencies = []
    for k in range(keystrokes):
        version = k + 2
        at = T.Position(line=line, character=len(lines[line]) + k)
        sent = time.perf_counter()
        client.text_document_did_change(
            T.DidChangeTextDocumentParams(
                T.VersionedTextDocumentIdentifier(version, uri),
                [T.TextDocumentContentChangePartial(range=T.Range(at, at), text="x" if k % 6 else " ")],
            )
        )
        await until(version)
        latencies.append(arrived[version] - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return latencies


def describe(name: str, values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    return f"{name:<26} median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms   max {ms[-1]:7.1f} ms   ({len(ms)} keystrokes)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keystrokes", type=int, default=40)
    parser.add_argument("--file", type=Path, default=ROOT / "tests" / "fixtures" / "stem-cell-autoimmune.md")
    args = parser.parse_args()
    print(f"document: {args.file} ({args.file.stat().st_size:,} bytes), grammar off")
    default = asyncio.run(measure(args.file, args.keystrokes, None))
    print(describe("default debounce (0.3 s)", default))
    immediate = asyncio.run(measure(args.file, args.keystrokes, 0))
    print(describe("--debounce 0", immediate))


if __name__ == "__main__":
    main()
