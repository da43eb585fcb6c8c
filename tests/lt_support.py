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
