"""Helpers for grammar tests: a real LanguageTool install, a counting proxy, JVM bookkeeping."""

from __future__ import annotations

import http.server
import shutil
import threading
import urllib.request
from pathlib import Path

import psutil

from contentci.services.languagetool import VERSION
from contentci.services.languagetool.install import MANIFEST, SUMS


def languagetool_jvms() -> set[int]:
    """Pids of every LanguageTool server JVM on this machine."""
    out = set()
    for p in psutil.process_iter(["pid", "cmdline"]):
        cmd = p.info.get("cmdline") or []
        if any("org.languagetool.server.HTTPServer" in part for part in cmd) and "java" in (cmd[0] if cmd else ""):
            out.add(p.info["pid"])
    return out


def alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                out.add(pid)
        except psutil.NoSuchProcess:
            pass
    return out


def our_jvms(home: Path) -> set[int]:
    """Live LanguageTool JVMs whose classpath is inside ``home`` (so no other session's servers)."""
    out = set()
    for pid in languagetool_jvms():
        try:
            if str(home) in " ".join(psutil.Process(pid).cmdline()):
                out.add(pid)
        except psutil.NoSuchProcess:
            pass
    return alive(out)


def private_home(real_folder: Path, tmp: Path) -> Path:
    """A LanguageTool home of our own (own server.json) sharing the real install's jars."""
    folder = tmp / VERSION
    folder.mkdir(parents=True)
    (folder / "lib").symlink_to(real_folder / "lib")
    for name in (SUMS, MANIFEST):
        shutil.copy(real_folder / name, folder / name)
    return tmp


class CountingProxy:
    """Forwards requests to LanguageTool and counts the /v2/check ones; can die or hang on demand."""

    def __init__(self, target: str, die_after: int | None = None):
        self.target = target
        self.die_after = die_after  # drop connections after this many checks (a server that died)
        self.checks = 0
        self.bodies: list[bytes] = []
        self.hang = threading.Event()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _forward(self, body: bytes | None):
                if body is not None and proxy.hang.is_set():
                    proxy.hang_released.wait(30)
                    self.close_connection = True
                    return
                if body is not None and proxy.die_after is not None and proxy.checks > proxy.die_after:
                    self.close_connection = True
                    return
                req = urllib.request.Request(proxy.target + self.path, data=body, method=self.command)
                if body is not None:
                    req.add_header(
                        "Content-Type", self.headers.get("Content-Type", "application/x-www-form-urlencoded")
                    )
                with urllib.request.urlopen(req, timeout=120) as resp:
                    data = resp.read()
                    self.send_response(resp.status)
                    self.send_header("Content-Type", resp.headers.get("Content-Type", "application/json"))
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)

            def do_GET(self):
                self._forward(None)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path.startswith("/v2/check"):
                    proxy.checks += 1
                    proxy.bodies.append(body)
                self._forward(body)

        self.hang_released = threading.Event()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.hang_released.set()
        self.httpd.shutdown()
        self.httpd.server_close()


EMPTY_ANSWER = b'{"matches": []}'


class FakeLanguageTool:
    """An in-process stand-in for a broken LanguageTool server: ``/v2/languages`` always answers;
    ``/v2/check`` number n (from 1) is answered by ``behaviour(n, handler)``.

    Behaviours: :meth:`answer` (a valid empty answer), :meth:`hang_up` (close without a word),
    :meth:`error_500`, :meth:`declared_huge`, :meth:`endless` (no length, bytes until the client
    goes), :meth:`trickle` (the whole answer one byte per ``delay`` seconds).
    """

    def __init__(self, behaviour):
        self.behaviour = behaviour
        self.checks = 0
        self.stopping = threading.Event()
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                fake.answer(self, b'[{"name": "English (US)", "code": "en", "longCode": "en-US"}]')

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.checks += 1
                try:
                    fake.behaviour(fake.checks, self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up: what it should do
                self.close_connection = True

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @staticmethod
    def answer(handler, body: bytes = EMPTY_ANSWER, status: int = 200):
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    @staticmethod
    def hang_up(handler):
        handler.close_connection = True

    @classmethod
    def error_500(cls, handler):
        cls.answer(handler, b"Internal Server Error: java.lang.OutOfMemoryError", status=500)

    def declared_huge(self, handler):
        """Says 4 GiB are coming and sends 64 MiB of them (so a client that reads it all cannot
        take the machine's memory with it), unless the client hangs up first."""
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(4 * 2**30))
        handler.end_headers()
        self._spaces(handler, 64 * 2**20)

    def endless(self, handler, total: int = 40 * 2**20):
        """No Content-Length: ``total`` bytes of a valid answer padded with spaces, then the end."""
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Connection", "close")
        handler.end_headers()
        self._spaces(handler, total - len(EMPTY_ANSWER))
        handler.wfile.write(EMPTY_ANSWER)

    def _spaces(self, handler, total: int):
        block = b" " * 2**20
        sent = 0
        while sent < total and not self.stopping.is_set():
            handler.wfile.write(block)
            sent += len(block)

    def trickle(self, handler, delay: float = 0.2):
        """A complete, valid answer, one byte every ``delay`` seconds (about 8 minutes of it)."""
        body = b" " * 2000 + EMPTY_ANSWER
        head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        for byte in head + body:
            if self.stopping.wait(delay):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()

    def close(self):
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
