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

Only the standard library is used, and only 127.0.0.1 is ever contacted (see ``_harness.py``).
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from _harness import (
    Browser,
    check_local_database_url,
    confirmation_links,
    manage,
    running_server,
    site_environment,
    temporary_folder,
)

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


def timed(timings: Timings, step: str, call):
    started = time.perf_counter()
    result = call()
    timings.add(step, time.perf_counter() - started)
    return result


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
    check_local_database_url(parser, args.database_url)

    with temporary_folder("bench-signatures-", keep=args.keep) as workdir:
        env = site_environment(
            workdir,
            database_url=args.database_url,
            server=args.server,
            SIGNATURE_RATE_LIMIT_IP="1000000",
            SIGNATURE_RATE_LIMIT_EMAIL="1000000",
            **({"BENCH_SQLITE_IMMEDIATE": "1"} if args.sqlite_immediate else {}),
        )
        print(f"Preparing {workdir}")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_content")
        if args.server == "gunicorn":
            manage(env, "collectstatic", "--noinput")
        with running_server(env, workdir, server=args.server, workers=args.workers) as base_url:
            print(f"Server up at {base_url}")
            return 0 if benchmark(args, base_url, workdir / "mail") else 1


if __name__ == "__main__":
    sys.exit(main())
