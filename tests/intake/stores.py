"""The two file stores under one contract: a folder, and S3-compatible object storage served by
a real local S3 server (moto's, in a thread on a free port)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from intake.filestore import DirectoryStore
from intake.filestore_s3 import S3Store
from tests.live import free_port

CREDENTIALS = {"aws_access_key_id": "onewindow-test", "aws_secret_access_key": "onewindow-test"}


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A local S3-compatible server for the session."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def s3_client(endpoint: str) -> Any:
    """A plain S3 client of the test server (to look behind the store's back)."""
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **CREDENTIALS)


def s3_store(endpoint: str, bucket: str) -> S3Store:
    """An S3 store on a bucket of its own (created on the first write)."""
    return S3Store.of(f"s3://{bucket}/materials", endpoint_url=endpoint,
                      access_key=CREDENTIALS["aws_access_key_id"],
                      secret_key=CREDENTIALS["aws_secret_access_key"], region="us-east-1")


class Backstage:
    """What a test does to a store behind its back: list, overwrite, remove stored files."""

    def __init__(self, store: DirectoryStore | S3Store) -> None:
        self.store = store

    def names(self) -> list[str]:
        if isinstance(self.store, S3Store):
            return sorted(o["Key"].rsplit("/", 1)[-1] for o in self.store.objects())
        return sorted(p.name for p in self.store.files())

    def overwrite(self, sha256: str, content: bytes) -> None:
        if isinstance(self.store, S3Store):
            self.store.client.put_object(Bucket=self.store.bucket, Key=self.store.key(sha256),
                                         Body=content)
        else:
            self.store.path(sha256).write_bytes(content)

    def remove(self, sha256: str) -> None:
        if isinstance(self.store, S3Store):
            self.store.client.delete_object(Bucket=self.store.bucket, Key=self.store.key(sha256))
        else:
            self.store.path(sha256).unlink()


def make_store(kind: str, tmp_path: Path, endpoint: str) -> DirectoryStore | S3Store:
    """A fresh, empty store of `kind` ("directory" or "s3")."""
    if kind == "s3":
        return s3_store(endpoint, f"test-{tmp_path.name.lower().replace('_', '-')[-40:]}")
    return DirectoryStore(tmp_path / "store")
