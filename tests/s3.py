"""A local S3 endpoint for the tests: moto's server mode on a loopback port.

``s3_endpoint()`` starts it (once per test process) and gives what the settings read from the
environment (``AWS_*``, see ``site_cms.settings.base.media_storage``); ``new_bucket()`` makes an
empty private bucket. Tests that need S3 are skipped, with the reason, when moto cannot start.
"""

from __future__ import annotations

import secrets
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"  # noqa: S105 (moto accepts any credentials)
REGION = "us-east-1"


@dataclass(frozen=True)
class S3Endpoint:
    url: str

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )

    def environment(self, bucket: str) -> dict[str, str]:
        """The variables that put the site's media in ``bucket`` (as production reads them)."""
        return {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.url,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_S3_REGION_NAME": REGION,
        }

    def new_bucket(self) -> str:
        """A new empty bucket, private (no ACL or policy opens it)."""
        name = f"media-{secrets.token_hex(6)}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> set[str]:
        """Every key in ``bucket`` (read with credentials)."""
        listing = self.client().list_objects_v2(Bucket=bucket)
        return {item["Key"] for item in listing.get("Contents", [])}

    def read(self, bucket: str, key: str) -> bytes:
        """An object's bytes, read with credentials."""
        return self.client().get_object(Bucket=bucket, Key=key)["Body"].read()

    def read_anonymously(self, bucket: str, key: str) -> int:
        """The HTTP status of a plain GET of an object, without credentials."""
        try:
            with urllib.request.urlopen(f"{self.url}/{bucket}/{key}", timeout=10) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


_server = None
_endpoint: S3Endpoint | None = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def s3_endpoint() -> S3Endpoint:
    """moto's S3 server on a loopback port, started once for this test process (skips if it cannot)."""
    global _server, _endpoint
    if _endpoint is not None:
        return _endpoint
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as error:  # pragma: no cover - moto[server] is in requirements-dev.txt
        pytest.skip(f"moto's server mode is not installed ({error}): `make install-dev` installs it")
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    try:
        server.start()
    except Exception as error:  # pragma: no cover - depends on the machine
        pytest.skip(f"moto's S3 server could not start on 127.0.0.1:{port}: {error}")
    _server, _endpoint = server, S3Endpoint(f"http://127.0.0.1:{port}")
    return _endpoint
