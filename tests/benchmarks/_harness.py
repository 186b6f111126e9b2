"""What the benchmarks share: a throwaway database and the site served on 127.0.0.1.

The site runs from the repository with the production settings (through a settings module
generated in the temporary folder: mail to files, static files collected there), under
gunicorn, or ``runserver`` with the development settings. Only the standard library is used,
and only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
HOST = "127.0.0.1"
REDIS_PORT = 6379

# Production settings, plus what a benchmark on one machine needs: mail to files, static files
# collected into the temporary folder (never into the repository).
BENCH_SETTINGS = """\
import os

from site_cms.settings.production import *  # noqa: F403

EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
if os.environ.get("BENCH_SQLITE_IMMEDIATE") and DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # Take SQLite's write lock when a transaction begins, so that writers wait (busy timeout)
    # instead of failing with "database is locked" when two workers write at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)  # noqa: F405
"""

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')
CONFIRM_LINK = re.compile(r"https?://[^\s<>\"]+/confirm/[^\s<>\"/]+/")
EMAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # between two messages of Django's file-based backend

PROXY_VARIABLES = ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


@contextlib.contextmanager
def temporary_folder(prefix: str, *, keep: bool) -> Iterator[Path]:
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield workdir
    finally:
        if keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def check_local_database_url(parser, database_url: str | None) -> None:
    if database_url and urllib.parse.urlsplit(database_url).hostname not in (HOST, "localhost"):
        parser.error("the benchmark only uses a database on 127.0.0.1")


def site_environment(workdir: Path, *, database_url: str | None, server: str = "gunicorn", **extra: str) -> dict:
    """The environment of ``manage.py`` and of the server: the temporary database, folders and settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE", "PAGE_CACHE", "FRAGMENT_CACHE")
    }
    for name in PROXY_VARIABLES:
        env.pop(name, None)
    (workdir / "mail").mkdir(exist_ok=True)
    env.update(
        DATABASE_URL=database_url or f"sqlite:///{workdir / 'db.sqlite3'}",
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        # The emails are delivered in the request (no worker in the benchmark), as in development.
        EMAIL_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        EMAIL_FILE_PATH=str(workdir / "mail"),
        MEDIA_ROOT=str(workdir / "media"),
        CACHE_DIR=str(workdir / "cache"),  # the production cache without Redis
        BENCH_STATIC_ROOT=str(workdir / "static"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    if server == "gunicorn":
        (workdir / "bench_settings.py").write_text(BENCH_SETTINGS)
        env.update(
            DJANGO_SETTINGS_MODULE="bench_settings",
            PYTHONPATH=os.pathsep.join([str(workdir), str(REPO)]),
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS=HOST,
            SECURE_SSL_REDIRECT="0",
            SECURE_HSTS_SECONDS="0",
            # Plain HTTP on the loopback: cookies that a client sends back over HTTP.
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            LANGUAGE_COOKIE_SECURE="0",
        )
    else:
        env.update(DJANGO_SETTINGS_MODULE="site_cms.settings.dev", ALLOWED_HOSTS=HOST)
    env.update(extra)
    return env


def manage(env: dict, *command: str) -> tuple[float, str]:
    """Run ``manage.py command``; print and return its duration, and return its output."""
    started = time.perf_counter()
    command_line = [PYTHON, "manage.py", *command]
    result = subprocess.run(command_line, cwd=REPO, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    seconds = time.perf_counter() - started
    print(f"  manage.py {' '.join(command)}: {seconds:.1f} s")
    return seconds, result.stdout


# --- Redis ---------------------------------------------------------------------------------


def _redis_command(sock: socket.socket, *words: str) -> bytes:
    payload = f"*{len(words)}\r\n" + "".join(f"${len(word.encode())}\r\n{word}\r\n" for word in words)
    sock.sendall(payload.encode())
    return sock.recv(1024)


def flushed_redis_url(db: int) -> str | None:
    """``redis://127.0.0.1:6379/<db>`` after emptying that database, or None when Redis does not answer."""
    try:
        with socket.create_connection((HOST, REDIS_PORT), timeout=1) as sock:
            if not _redis_command(sock, "PING").startswith(b"+PONG"):
                return None
            for words in (("SELECT", str(db)), ("FLUSHDB",)):
                if not _redis_command(sock, *words).startswith(b"+OK"):
                    raise RuntimeError(f"Redis refused {' '.join(words)}")
    except OSError:
        return None
    return f"redis://{HOST}:{REDIS_PORT}/{db}"


# --- The server --------------------------------------------------------------------------------


def free_port(candidates: range | list[int] | None = None) -> int:
    """The first port of ``candidates`` nobody listens on, or any free port."""
    for port in candidates or [0]:
        with socket.socket() as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in {candidates}")


def local_url(base_url: str, path: str) -> str:
    url = urllib.parse.urljoin(base_url, path)
    if urllib.parse.urlsplit(url).hostname != HOST:
        raise ValueError(f"refusing to contact {url}: the benchmark only talks to {HOST}")
    return url


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirection is an answer to measure, not a page to load


def get(base_url: str, path: str, timeout: float = 30) -> tuple[int, bytes]:
    """GET without proxy, cookies or redirects: (status, body)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect())
    try:
        with opener.open(local_url(base_url, path), timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
        return error.code, error.read()


class Browser:
    """One visitor: its own cookies, no proxy, no redirect following, local addresses only.

    ``cookies`` shares another visitor's cookie jar: the same person on another server.
    """

    def __init__(self, base_url: str, timeout: float = 30, cookies: http.cookiejar.CookieJar | None = None):
        self.base_url = base_url
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar() if cookies is None else cookies
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),
            urllib.request.HTTPCookieProcessor(self.cookies),
            NoRedirect(),
        )

    def url(self, path: str) -> str:
        return local_url(self.base_url, path)

    def request(
        self, path: str, data: dict | None = None, files: dict[str, tuple[str, bytes, str]] | None = None
    ) -> tuple[int, str]:
        """GET, or POST ``data`` (form-encoded, or multipart with ``files``: {field: (name, bytes, type)})."""
        status, body, _headers = self.request_raw(path, data, files)
        return status, body.decode("utf-8", "replace")

    def request_raw(self, path: str, data: dict | None = None, files: dict | None = None) -> tuple[int, bytes, dict]:
        """(status, body bytes, headers) of a GET or a POST, as ``request``."""
        headers = {"Referer": self.url(path)}  # what a browser sends with a form
        if files:
            body, headers["Content-Type"] = multipart(data or {}, files)
        else:
            body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.url(path), data=body, headers=headers)  # noqa: S310 (http://127.0.0.1 only)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            return error.code, error.read(), dict(error.headers)

    def csrf_token(self, html: str) -> str:
        match = CSRF_INPUT.search(html)
        if not match:
            raise RuntimeError("no CSRF token in the page")
        return match.group(1)


def multipart(data: dict, files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    """A multipart/form-data body and its content type, as a browser sends a form with files."""
    boundary = f"----harness{secrets.token_hex(12)}"
    parts = []
    for name, value in data.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def confirmation_links(mail_dir: Path, wanted: set[str], seconds: float = 60) -> dict[str, str]:
    """{recipient: path of the signature confirmation link} read from the email files."""
    links: dict[str, str] = {}
    deadline = time.monotonic() + seconds
    while True:
        for file in mail_dir.iterdir():
            for chunk in file.read_bytes().split(EMAIL_SEPARATOR):
                if not chunk.strip():
                    continue
                message = email.message_from_bytes(chunk, policy=email.policy.default)
                recipient = str(message["To"]).strip().lower()
                if recipient not in wanted or recipient in links:
                    continue
                body = message.get_body(preferencelist=("plain",))
                match = CONFIRM_LINK.search(body.get_content() if body else "")
                if match:
                    links[recipient] = urllib.parse.urlsplit(match.group(0)).path
        if len(links) >= len(wanted) or time.monotonic() > deadline:
            return links
        time.sleep(0.2)


def start_server(
    env: dict, workdir: Path, port: int, *, server: str = "gunicorn", workers: int = 2, threads: int = 1, log="server"
) -> subprocess.Popen:
    if server == "gunicorn":
        gunicorn = Path(PYTHON).with_name("gunicorn")
        command = [str(gunicorn), "site_cms.wsgi:application", "--bind", f"{HOST}:{port}"]
        command += ["--workers", str(workers), "--threads", str(threads), "--timeout", "60", "--log-level", "warning"]
    else:
        command = [PYTHON, "manage.py", "runserver", f"{HOST}:{port}", "--noreload"]
    log_file = open(workdir / f"{log}.log", "wb")  # noqa: SIM115 (closed with the process)
    # Its own session, so that a stuck server can be stopped with everything it started.
    return subprocess.Popen(  # noqa: S603
        command, cwd=REPO, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
    )


def wait_until_up(base_url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped during start-up (see its log)")
        try:
            if get(base_url, "/robots.txt", timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer within {seconds:.0f} s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)  # gunicorn's master stops its workers
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # the group this script created for it
        server.wait(timeout=5)


@contextlib.contextmanager
def running_server(env: dict, workdir: Path, *, ports: range | None = None, **options) -> Iterator[str]:
    """Start the site on a free port (of ``ports`` if given), yield its base URL, stop it."""
    port = free_port(ports)
    base_url = f"http://{HOST}:{port}/"
    server = start_server(env, workdir, port, **options)
    try:
        wait_until_up(base_url, server)
        yield base_url
    finally:
        stop_server(server)


@contextlib.contextmanager
def running_servers(
    env: dict, workdir: Path, ports: list[int], *, log: str = "server", **options
) -> Iterator[list[str]]:
    """Start one server of the site per port (all at once, then wait for each), against the same database
    and cache, as application servers behind a proxy would be; yield their base URLs, then stop them.

    Each server writes its log to ``<log>-<port>.log`` in ``workdir``.
    """
    base_urls = [f"http://{HOST}:{port}/" for port in ports]
    servers: list[subprocess.Popen] = []
    try:
        for port in ports:
            servers.append(start_server(env, workdir, port, log=f"{log}-{port}", **options))
        for base_url, server in zip(base_urls, servers, strict=True):
            wait_until_up(base_url, server)
        yield base_urls
    finally:
        for server in servers:
            stop_server(server)


def free_ports(count: int, candidates: range | None = None) -> list[int]:
    """``count`` different free ports (of ``candidates`` if given)."""
    ports: list[int] = []
    while len(ports) < count:
        port = free_port(None if candidates is None else [port for port in candidates if port not in ports])
        if port not in ports:  # any free port may come twice
            ports.append(port)
    return ports
