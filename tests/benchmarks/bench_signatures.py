"""Benchmark: sign and confirm N signatures over HTTP, and print signatures per second.

Not part of the test suite (pytest only collects ``test_*.py``). By default it prepares
everything itself and leaves nothing behind:

1. a throwaway database: an SQLite file in a temporary folder, or the PostgreSQL database
   given with ``--database-url`` (created beforehand, e.g. ``createdb -h 127.0.0.1 -U postgres
   bench_signatures``); ``migrate`` and ``load_demo_content`` fill it;
2. the site, started here on 127.0.0.1 and a free port: gunicorn with the production
   settings (2 workers) or ``--server runserver`` with the development settings; emails go
   to files in the temporary folder and the signature rate limits are raised;
3. N people sign the first open declaration (GET the page for the CSRF token, POST the form),
   then confirm from the link in their email (GET the confirmation page, POST its form),
   ``--concurrency`` at a time;
4. the confirmed count of the open-data endpoint must have grown by exactly N.

    .venv/bin/python tests/benchmarks/bench_signatures.py -n 200 --concurrency 4
    .venv/bin/python tests/benchmarks/bench_signatures.py --database-url postgres://postgres@127.0.0.1:5432/bench_signatures

Only the standard library is used, and only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
HOST = "127.0.0.1"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')
CONFIRM_LINK = re.compile(r"https?://[^\s<>\"]+/confirm/[^\s<>\"/]+/")
EMAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"

# Production settings, plus what a benchmark on one machine needs: mail to files, static files
# collected into the temporary folder (never into the repository).
BENCH_SETTINGS = """\
import os

from site_cms.settings.production import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
if os.environ.get("BENCH_SQLITE_IMMEDIATE") and DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # Take SQLite's write lock when a transaction begins, so that writers wait (busy timeout)
    # instead of failing with "database is locked" when two workers write at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)  # noqa: F405
"""


# --- Timing ---------------------------------------------------------------------------------


@dataclass
class Timings:
    steps: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, step: str, seconds: float) -> None:
        with self.lock:
            self.steps.setdefault(step, []).append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


# --- HTTP (127.0.0.1 only) ---------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 after a POST is the answer we measure, not a page to load


class Browser:
    """One visitor: its own cookies, no proxy, no redirect following, local addresses only."""

    def __init__(self, base_url: str, timeout: float):
        self.base_url = base_url
        self.timeout = timeout
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirect(),
        )

    def url(self, path: str) -> str:
        url = urllib.parse.urljoin(self.base_url, path)
        if urllib.parse.urlsplit(url).hostname != HOST:
            raise ValueError(f"refusing to contact {url}: the benchmark only talks to {HOST}")
        return url

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": self.url(path)}  # what a browser sends with a form
        request = urllib.request.Request(self.url(path), data=body, headers=headers)  # noqa: S310 (http://127.0.0.1 only)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            return error.code, error.read().decode("utf-8", "replace")

    def csrf_token(self, html: str) -> str:
        match = CSRF_INPUT.search(html)
        if not match:
            raise RuntimeError("no CSRF token in the page")
        return match.group(1)


def timed(timings: Timings, step: str, call):
    started = time.perf_counter()
    result = call()
    timings.add(step, time.perf_counter() - started)
    return result


# --- The site under test ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def child_environment(args, workdir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(name, None)
    (workdir / "mail").mkdir()
    env.update(
        DATABASE_URL=args.database_url or f"sqlite:///{workdir / 'db.sqlite3'}",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(workdir / "mail"),
        MEDIA_ROOT=str(workdir / "media"),
        BENCH_STATIC_ROOT=str(workdir / "static"),
        SIGNATURE_RATE_LIMIT_IP="1000000",
        SIGNATURE_RATE_LIMIT_EMAIL="1000000",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    if args.sqlite_immediate:
        env["BENCH_SQLITE_IMMEDIATE"] = "1"
    if args.server == "gunicorn":
        (workdir / "bench_settings.py").write_text(BENCH_SETTINGS)
        env.update(
            DJANGO_SETTINGS_MODULE="bench_settings",
            PYTHONPATH=os.pathsep.join([str(workdir), str(REPO)]),
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS=HOST,
            SECURE_SSL_REDIRECT="0",
            SECURE_HSTS_SECONDS="0",
        )
    else:
        env.update(DJANGO_SETTINGS_MODULE="site_cms.settings.dev", ALLOWED_HOSTS=HOST)
    return env


def manage(env: dict, *command: str) -> None:
    started = time.perf_counter()
    command_line = [PYTHON, "manage.py", *command]
    subprocess.run(command_line, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    print(f"  manage.py {' '.join(command)}: {time.perf_counter() - started:.1f} s")


def start_server(args, env: dict, workdir: Path, port: int) -> subprocess.Popen:
    if args.server == "gunicorn":
        gunicorn = Path(PYTHON).with_name("gunicorn")
        command = [str(gunicorn), "site_cms.wsgi:application", "--bind", f"{HOST}:{port}"]
        command += ["--workers", str(args.workers), "--timeout", "60", "--log-level", "warning"]
    else:
        command = [PYTHON, "manage.py", "runserver", f"{HOST}:{port}", "--noreload"]
    log = open(workdir / "server.log", "wb")  # noqa: SIM115 (closed with the process)
    # Its own session, so that a stuck server can be stopped with everything it started.
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603


def wait_until_up(base_url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    browser = Browser(base_url, timeout=5)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped during start-up (see server.log)")
        try:
            if browser.request("/robots.txt")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not answer within a minute")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)  # gunicorn's master stops its workers
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # the group this script created for it
        server.wait(timeout=5)


# --- The benchmark ---------------------------------------------------------------------------------


def open_declaration(base_url: str) -> tuple[str, str, int]:
    """(translation key, path of the French page, confirmed count) of the first open declaration."""
    status, body = Browser(base_url, timeout=30).request("/api/declarations.json")
    if status != 200:
        raise RuntimeError(f"/api/declarations.json answered {status}")
    for entry in json.loads(body)["declarations"]:
        if entry["open"]:
            path = urllib.parse.urlsplit(entry["url"]["fr"] or entry["url"]["en"]).path
            return entry["translation_key"], path, entry["signatures"]["confirmed"]
    raise RuntimeError("no declaration is open for signature")


def confirmed_count(base_url: str, translation_key: str) -> int:
    _status, body = Browser(base_url, timeout=30).request("/api/declarations.json")
    for entry in json.loads(body)["declarations"]:
        if entry["translation_key"] == translation_key:
            return entry["signatures"]["confirmed"]
    raise RuntimeError("the declaration left the open data")


def sign(base_url: str, page_path: str, address: str, index: int, timings: Timings, timeout: float) -> None:
    browser = Browser(base_url, timeout)
    try:
        status, html = timed(timings, "GET declaration page", lambda: browser.request(page_path))
        if status != 200:
            raise RuntimeError(f"GET {page_path} answered {status}")
        form = {
            "csrfmiddlewaretoken": browser.csrf_token(html),
            "first_name": f"Bench{index}",
            "last_name": "Signataire",
            "email": address,
            "organisation": "Benchmark" if index % 2 else "",
            "country": "FR",
            "consent": "on",
            "website_url": "",
        }
        if index % 3:
            form["show_publicly"] = "on"
        status, html = timed(timings, "POST signature", lambda: browser.request(page_path, form))
        if status != 302:
            raise RuntimeError(f"POST signature answered {status}")
    except Exception as error:  # noqa: BLE001 (counted and reported)
        timings.error(f"sign {address}: {error}")


def confirm(base_url: str, confirm_path: str, address: str, timings: Timings, timeout: float) -> None:
    browser = Browser(base_url, timeout)  # a fresh visitor: the link is opened from the email
    try:
        status, html = timed(timings, "GET confirm page", lambda: browser.request(confirm_path))
        if status != 200:
            raise RuntimeError(f"GET confirm page answered {status}")
        form = {"csrfmiddlewaretoken": browser.csrf_token(html)}
        status, html = timed(timings, "POST confirmation", lambda: browser.request(confirm_path, form))
        if status != 200 or "signing-result--confirmed" not in html:
            raise RuntimeError(f"POST confirmation answered {status} without a confirmation")
    except Exception as error:  # noqa: BLE001 (counted and reported)
        timings.error(f"confirm {address}: {error}")


def confirmation_links(mail_dir: Path, wanted: set[str], seconds: float = 60) -> dict[str, str]:
    """{recipient: path of the confirmation link} read from the email files."""
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


def run_phase(concurrency: int, tasks) -> float:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(task) for task in tasks]:
            future.result()
    return time.perf_counter() - started


def benchmark(args, base_url: str, mail_dir: Path) -> bool:
    translation_key, page_path, before = open_declaration(base_url)
    print(f"Declaration {translation_key} at {page_path}: {before} confirmed signatures before the run")
    run_id = secrets.token_hex(3)
    addresses = [f"bench-{run_id}-{index}@example.org" for index in range(args.signatures)]
    timings = Timings()

    sign_seconds = run_phase(
        args.concurrency,
        [
            (lambda a=address, i=index: sign(base_url, page_path, a, i, timings, args.timeout))
            for index, address in enumerate(addresses)
        ],
    )
    links = confirmation_links(mail_dir, set(addresses))
    missing = len(addresses) - len(links)
    if missing:
        timings.error(f"{missing} confirmation emails never arrived")
    confirm_seconds = run_phase(
        args.concurrency,
        [(lambda a=address, p=path: confirm(base_url, p, a, timings, args.timeout)) for address, path in links.items()],
    )
    after = confirmed_count(base_url, translation_key)

    n = args.signatures
    print()
    print(f"N = {n} signatures, concurrency {args.concurrency}, server {args.server}", end="")
    print(f" ({args.workers} workers)" if args.server == "gunicorn" else "")
    database = "PostgreSQL" if args.database_url else "SQLite"
    if args.sqlite_immediate and not args.database_url:
        database += " (transaction_mode=IMMEDIATE)"
    print(f"database: {database}")
    print(f"sign:    {sign_seconds:7.2f} s  {n / sign_seconds:8.1f} signatures/s (GET page + POST form)")
    print(f"confirm: {confirm_seconds:7.2f} s  {n / confirm_seconds:8.1f} confirmations/s (GET link + POST form)")
    total = sign_seconds + confirm_seconds
    print(f"total:   {total:7.2f} s  {n / total:8.1f} signed and confirmed signatures/s")
    print()
    print(f"{'step':22} {'count':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for step, values in timings.steps.items():
        p50, p99 = percentile(values, 0.5) * 1000, percentile(values, 0.99) * 1000
        print(f"{step:22} {len(values):6d} {p50:8.1f} {p99:8.1f} {max(values) * 1000:8.1f}")
    if timings.errors:
        print(f"\n{len(timings.errors)} errors, first ones:")
        for message in timings.errors[:10]:
            print(f"  {message}")
    ok = after - before == n and not timings.errors
    print(f"\nconfirmed count from /api/declarations.json: {before} → {after} (+{after - before}, expected +{n})")
    print("OK" if ok else "FAILED")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--signatures", type=int, default=200, help="signatures to sign and confirm (200)")
    parser.add_argument("--concurrency", type=int, default=4, help="simultaneous visitors (threads, 4)")
    parser.add_argument("--database-url", help="PostgreSQL database to fill (default: a temporary SQLite file)")
    parser.add_argument("--server", choices=["gunicorn", "runserver"], default="gunicorn")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds allowed per HTTP request (30)")
    parser.add_argument(
        "--sqlite-immediate",
        action="store_true",
        help="gunicorn on SQLite: begin transactions IMMEDIATE with a 20 s busy timeout (not the project's setting)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, emails, database)")
    args = parser.parse_args()
    if not 0 < args.signatures <= 100_000 or not 0 < args.concurrency <= 64:
        parser.error("1 ≤ N ≤ 100000 and 1 ≤ concurrency ≤ 64")
    if args.database_url:
        host = urllib.parse.urlsplit(args.database_url).hostname
        if host not in (HOST, "localhost"):
            parser.error("the benchmark only uses a database on 127.0.0.1")

    workdir = Path(tempfile.mkdtemp(prefix="bench-signatures-"))
    server = None
    try:
        env = child_environment(args, workdir)
        print(f"Preparing {workdir}")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_content")
        if args.server == "gunicorn":
            manage(env, "collectstatic", "--noinput")
        port = free_port()
        base_url = f"http://{HOST}:{port}/"
        server = start_server(args, env, workdir, port)
        wait_until_up(base_url, server)
        print(f"Server up at {base_url}")
        return 0 if benchmark(args, base_url, workdir / "mail") else 1
    finally:
        if server is not None:
            stop_server(server)
        if args.keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
