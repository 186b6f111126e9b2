"""Throwaway PostgreSQL databases for the tests that run the site in other processes."""

from __future__ import annotations

import contextlib
import secrets
import urllib.parse
from collections.abc import Iterator

import pytest


class PostgresServer:
    """The PostgreSQL server of ``url`` (any database URL of it), reached through its maintenance database."""

    def __init__(self, url: str, purpose: str):
        self.parts = urllib.parse.urlsplit(url)
        self.purpose = purpose

    def url_of(self, name: str) -> str:
        return urllib.parse.urlunsplit(self.parts._replace(path=f"/{name}"))

    def execute(self, sql: str) -> list[tuple]:
        """Run ``sql`` in the maintenance database (autocommit), or skip saying why it cannot."""
        try:
            import psycopg
        except ImportError as error:  # pragma: no cover - psycopg is in requirements.txt
            pytest.skip(f"psycopg is not installed ({error})")
        try:
            connection = psycopg.connect(self.url_of("postgres"), autocommit=True, connect_timeout=3)
        except psycopg.OperationalError as error:
            pytest.skip(f"no PostgreSQL at {self.parts.hostname}:{self.parts.port} for {self.purpose}: {error}")
        with connection:
            cursor = connection.execute(sql)
            return cursor.fetchall() if cursor.description else []

    def create(self, name: str) -> None:
        self.execute(f'CREATE DATABASE "{name}"')

    def drop(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def major_version(self) -> int:
        return int(self.execute("SHOW server_version_num")[0][0]) // 10000


@contextlib.contextmanager
def throwaway_postgres_database(url: str, prefix: str, purpose: str) -> Iterator[tuple[PostgresServer, str]]:
    """A new empty database with a random name on ``url``'s server, dropped afterwards: (server, its name)."""
    server = PostgresServer(url, purpose)
    name = f"{prefix}_{secrets.token_hex(6)}"
    server.create(name)
    try:
        yield server, name
    finally:
        server.drop(name)
