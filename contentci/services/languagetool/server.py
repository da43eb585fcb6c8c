"""The LanguageTool server lifecycle, all of it: find, start, health-check, stop. No JVM leaks.

Three kinds of server, tried in this order by :func:`obtain`:

1. **remote**: ``CONTENTCI_LANGUAGETOOL_URL`` or config ``languagetool.url`` (a CI service
   container, a team server). Used as is; never started or stopped by us.
2. **shared**: started by ``contentci languagetool start``; its ``server.json`` (pid, port) sits in
   the install folder and later runs reuse it until ``contentci languagetool stop``.
3. **private**: started for one ``check`` run and stopped when it ends. It runs in its own
   process group under a tiny shell watchdog that kills the JVM if our process vanishes (even by
   SIGKILL); we also stop it from ``atexit``, on SIGTERM/SIGHUP, and on Ctrl-C (KeyboardInterrupt
   unwinds through the runner's ``finally``).

A busy port is skipped: the server gets the preferred port when it is free, else any free one.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from contentci.core.errors import ContentciError
from contentci.services.languagetool import VERSION
from contentci.services.languagetool.install import install_dir, installed, lib_dir, require_java, verify

DEFAULT_PORT = 8081
DEFAULT_XMX = "1g"
# C1-only JIT and the serial GC: on a 2-core CI machine the first check drops from ~25 s to ~6 s
# (the C2 compiler threads compete with the checker for the CPU) and a warm check gets faster too.
DEFAULT_JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
# JVM options can run commands (-XX:OnOutOfMemoryError=..., -javaagent:...), so they come only
# from the user's environment, never from a repository's config (docs/hardening.md).
JAVA_OPTIONS_ENV = "CONTENTCI_JAVA_OPTIONS"
START_TIMEOUT = 180.0  # seconds for the JVM to listen and answer its first check
STATE = "server.json"
MAIN_CLASS = "org.languagetool.server.HTTPServer"
# Runs the JVM as a child and kills it once the watched pid is gone (even after a SIGKILL).
WATCHDOG = (
    "w=$1; shift; \"$@\" & c=$!; trap 'kill $c 2>/dev/null; exit 143' TERM INT HUP; "
    'while kill -0 "$w" 2>/dev/null && kill -0 $c 2>/dev/null; do sleep 1; done; '
    "kill $c 2>/dev/null; wait $c"
)


class LanguageToolUnavailable(ContentciError):
    """No LanguageTool server can be had for this run; the message says why and what to do."""


@dataclass
class Server:
    url: str  # base URL, without /v2
    kind: str  # remote | shared | private
    version: str | None = None
    pid: int | None = None  # process group leader of a server we started
    port: int | None = None

    @property
    def owned(self) -> bool:
        return self.kind == "private"


# -- small helpers ---------------------------------------------------------------------


def normalize_url(url: str) -> str:
    url = url.strip().rstrip("/")
    url = url.removesuffix("/v2")
    if not urllib.parse.urlparse(url).scheme:
        url = "http://" + url
    return url


LANGUAGES_ANSWER_BYTES = 2**20  # /v2/languages is a few kB


def languages_ok(url: str, timeout: float = 2.0) -> bool:
    """Does ``url`` answer LanguageTool's ``/v2/languages`` within ``timeout`` seconds? (No text is sent.)"""
    from contentci.services.languagetool.client import LanguageToolRequestError, fetch

    try:
        fetch(url + "/v2/languages", None, timeout, LANGUAGES_ANSWER_BYTES)
    except LanguageToolRequestError:
        return False
    return True


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def pick_port(preferred: int | None = DEFAULT_PORT) -> int:
    """``preferred`` when free, else a free port chosen by the OS."""
    if preferred and port_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours is dead for our purposes
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def kill_group(pid: int, timeout: float = 10.0) -> None:
    """Stop the process group led by ``pid``: SIGTERM, then SIGKILL after ``timeout``."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = 0 if pid_alive(pid) else pid
            if done or not pid_alive(pid):
                # The leader is gone; make sure nothing else in its group lingers.
                try:
                    os.killpg(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
                return
            time.sleep(0.05)


# -- starting ---------------------------------------------------------------------------


def java_options() -> tuple[str, ...]:
    """The JVM options: ``CONTENTCI_JAVA_OPTIONS`` split like a shell would, else the defaults."""
    import shlex

    value = os.environ.get(JAVA_OPTIONS_ENV)
    if value is None:
        return DEFAULT_JAVA_OPTIONS
    try:
        return tuple(shlex.split(value))
    except ValueError as exc:
        raise LanguageToolUnavailable(f"{JAVA_OPTIONS_ENV} cannot be split into options: {exc}") from None


def _launch(port: int, xmx: str, log: Path, watch_pid: int | None, version: str) -> subprocess.Popen:
    java = require_java(version)
    cmd = [
        java,
        f"-Xmx{xmx}",
        *java_options(),
        "-cp",
        str(lib_dir(version)) + os.sep + "*",
        MAIN_CLASS,
        "--port",
        str(port),
    ]
    if watch_pid is not None:
        cmd = ["/bin/sh", "-c", WATCHDOG, "contentci-languagetool", str(watch_pid), *cmd]
    with open(log, "ab") as out:
        return subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def _wait_ready(proc: subprocess.Popen, url: str, log: Path, timeout: float) -> None:
    """Wait until the server answers a real check (the first one loads the English rules)."""
    from contentci.services.languagetool.client import LanguageToolRequestError, warm_up

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise LanguageToolUnavailable(
                f"LanguageTool exited during start-up (code {proc.returncode}); {_log_tail(log)}"
            )
        if languages_ok(url, timeout=1.0):
            try:
                warm_up(url, timeout=max(5.0, deadline - time.monotonic()))
            except LanguageToolRequestError as exc:  # it died or broke while loading its rules
                message = f"LanguageTool failed its first check ({exc}); {_log_tail(log)}"
                raise LanguageToolUnavailable(message) from None
            return
        time.sleep(0.2)
    raise LanguageToolUnavailable(f"LanguageTool did not answer within {timeout:.0f} s; {_log_tail(log)}")


def _log_tail(log: Path) -> str:
    try:
        lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return "no log"
    interesting = [line for line in lines if "Exception" in line or "Error" in line] or lines
    return f"log {log}: " + " | ".join(interesting[-3:])


def start(
    *,
    shared: bool,
    xmx: str = DEFAULT_XMX,
    port: int | None = DEFAULT_PORT,
    version: str = VERSION,
    timeout: float = START_TIMEOUT,
) -> Server:
    """Start a server from the verified install. Shared ones outlive us; private ones do not."""
    folder = installed(version)
    if folder is None:
        raise LanguageToolUnavailable(f"LanguageTool {version} is not installed; run `contentci languagetool install`")
    problems = verify(folder)
    if problems:
        raise LanguageToolUnavailable(
            f"the LanguageTool install in {folder} is damaged ({'; '.join(problems[:3])}); "
            "run `contentci languagetool install --force`"
        )
    chosen = pick_port(port)
    url = f"http://127.0.0.1:{chosen}"
    log = folder / ("server.log" if shared else f"private-{os.getpid()}.log")
    proc = _launch(chosen, xmx, log, None if shared else os.getpid(), version)
    server = Server(url, "shared" if shared else "private", version, proc.pid, chosen)
    if not shared:
        _track(server)
    try:
        _wait_ready(proc, url, log, timeout)
    except BaseException:
        stop(server)
        raise
    if shared:
        state = {
            "pid": proc.pid,
            "port": chosen,
            "url": url,
            "version": version,
            "xmx": xmx,
            "log": str(log),
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        (folder / STATE).write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    elif log.exists():
        log.unlink(missing_ok=True)  # the private log mattered only for start-up errors
    return server


def stop(server: Server) -> None:
    """Stop a server we started (shared or private); remote servers are left alone."""
    if server.pid is None or server.kind == "remote":
        return
    kill_group(server.pid)
    _OWNED.pop(server.pid, None)
    if server.kind == "shared":
        state = install_dir(server.version or VERSION) / STATE
        if _read_state(state).get("pid") == server.pid:
            state.unlink(missing_ok=True)


# -- the shared server's state -------------------------------------------------------------


def _read_state(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def running(version: str = VERSION) -> Server | None:
    """The shared server when it is alive and healthy; a stale state file is removed."""
    path = install_dir(version) / STATE
    state = _read_state(path)
    if not state:
        return None
    pid, url = state.get("pid"), state.get("url")
    if isinstance(pid, int) and isinstance(url, str) and pid_alive(pid) and languages_ok(url):
        return Server(url, "shared", state.get("version"), pid, state.get("port"))
    if isinstance(pid, int) and pid_alive(pid) and _is_languagetool(pid):
        return None  # alive but not answering (still starting, or hung): leave it be
    path.unlink(missing_ok=True)
    return None


def _is_languagetool(pid: int) -> bool:
    try:
        return MAIN_CLASS.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc: assume it is ours rather than kill a stranger


def stop_shared(version: str = VERSION) -> Server | None:
    """Stop the shared server, healthy or not (a hung JVM is still ours to stop)."""
    path = install_dir(version) / STATE
    state = _read_state(path)
    pid = state.get("pid")
    if not isinstance(pid, int) or not pid_alive(pid) or not _is_languagetool(pid):
        path.unlink(missing_ok=True)
        return None
    srv = Server(str(state.get("url", "")), "shared", version, pid, state.get("port"))
    stop(srv)
    return srv


def status(version: str = VERSION) -> dict:
    state = _read_state(install_dir(version) / STATE)
    server = running(version)
    return {
        "installed": installed(version) is not None,
        "version": version,
        "folder": str(install_dir(version)),
        "running": server is not None,
        **({"url": server.url, "pid": server.pid, "xmx": state.get("xmx")} if server else {}),
    }


# -- what a run uses -------------------------------------------------------------------------


def remote_url(settings: dict) -> str | None:
    url = os.environ.get("CONTENTCI_LANGUAGETOOL_URL") or settings.get("url") or ""
    return normalize_url(url) if url.strip() else None


def obtain(settings: dict) -> Server:
    """A server for this run: remote, else the shared one, else a private one started now."""
    url = remote_url(settings)
    if url:
        if not languages_ok(url, timeout=float(settings.get("timeout", 10))):
            raise LanguageToolUnavailable(f"the LanguageTool server at {url} is not answering")
        return Server(url, "remote")
    shared = running()
    if shared:
        return shared
    if installed() is None:
        raise LanguageToolUnavailable(
            "LanguageTool is not installed; run `contentci languagetool install` (needs Java 17+ and Maven), "
            "or set CONTENTCI_LANGUAGETOOL_URL"
        )
    return start(
        shared=False,
        xmx=settings.get("xmx") or DEFAULT_XMX,
        port=None,
    )


# -- private servers never outlive the run ---------------------------------------------------

_OWNED: dict[int, Server] = {}
_previous_handlers: dict[int, object] = {}


def _track(server: Server) -> None:
    if not _OWNED and not _previous_handlers:
        atexit.register(stop_all)
        _install_signal_handlers()
    _OWNED[server.pid] = server


def stop_all() -> None:
    """Stop every private server of this process (atexit, signals, end of run)."""
    for server in list(_OWNED.values()):
        stop(server)


def _install_signal_handlers() -> None:
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            _previous_handlers[sig] = signal.signal(sig, _on_signal)
        except (ValueError, OSError):
            pass


def _on_signal(signum, frame) -> None:
    stop_all()
    previous = _previous_handlers.get(signum)
    if callable(previous):
        previous(signum, frame)
    sys.exit(128 + signum)
