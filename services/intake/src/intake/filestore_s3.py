"""The content-addressed file store on S3-compatible object storage (distributed mode): the
same contract as `DirectoryStore` — bytes under their SHA-256, checked on every read, an object
a rolled-back transaction created taken back, and a sweep of what no row names.

Each write (or reuse) of an object stamps it with a fresh `writer` token in its metadata; a
rollback deletes the object only while it still carries the token this transaction wrote, so an
object another transaction reused meanwhile is kept (the directory store compares mtimes).
"""

import hashlib
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from sqlalchemy.orm import Session

from intake.filestore import PENDING, Damaged, Received, spool

MISSING = {"404", "NoSuchKey", "NotFound"}


class S3Store:
    """Objects under `<prefix>ab/cd/<sha256>` in one bucket of an S3-compatible service."""

    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        self.client, self.bucket = client, bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.bucket_ready = False

    @classmethod
    def of(cls, url: str, *, endpoint_url: str | None, access_key: str | None,
           secret_key: str | None, region: str) -> "S3Store":
        """The store an `s3://bucket/prefix` URL names, on `endpoint_url` (MinIO, Ceph…)."""
        place = urlsplit(url)
        client = boto3.client(
            "s3", endpoint_url=endpoint_url or None, region_name=region,
            aws_access_key_id=access_key or None, aws_secret_access_key=secret_key or None,
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 3}))
        return cls(client, place.netloc, place.path)

    def key(self, sha256: str) -> str:
        """The object key of one file."""
        return f"{self.prefix}{sha256[:2]}/{sha256[2:4]}/{sha256}"

    def put(self, session: Session, content: bytes) -> str:
        """Store the bytes once; an object this transaction creates is remembered for rollback."""
        sha256 = hashlib.sha256(content).hexdigest()
        self._upload(session, sha256, content)
        return sha256

    def receive(self, source: BinaryIO, *, largest: int) -> Received:
        """An upload spooled to a local temporary folder, sent on when kept."""
        return spool(source, Path(tempfile.gettempdir()), largest=largest)

    def keep(self, session: Session, received: Received) -> str:
        """Send a received file once (streamed from its spool), then drop the spool."""
        try:
            with received.path.open("rb") as body:
                self._upload(session, received.sha256, body)
        finally:
            received.discard()
        return received.sha256

    def _upload(self, session: Session, sha256: str, body: bytes | BinaryIO) -> None:
        key, writer = self.key(sha256), uuid.uuid4().hex
        if self._writer(key) is not None:  # already there: re-stamped, so a rollback keeps it
            self.client.copy_object(Bucket=self.bucket, Key=key, MetadataDirective="REPLACE",
                                    CopySource={"Bucket": self.bucket, "Key": key},
                                    Metadata={"writer": writer},
                                    ContentType="application/octet-stream")
            return
        self._ensure_bucket()
        self.client.put_object(Bucket=self.bucket, Key=key, Body=body,
                               Metadata={"writer": writer},
                               ContentType="application/octet-stream",
                               ChecksumAlgorithm="SHA256")
        session.info.setdefault(PENDING, []).append((self, key, writer))

    def get(self, sha256: str) -> bytes:
        """The bytes, refused when missing or when they no longer hash to their name."""
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self.key(sha256))
        except ClientError as exc:
            if _code(exc) in MISSING | {"NoSuchBucket"}:
                raise Damaged(f"The stored file {sha256[:12]}… is missing.") from exc
            raise
        content: bytes = answer["Body"].read()
        if hashlib.sha256(content).hexdigest() != sha256:
            raise Damaged(f"The stored file {sha256[:12]}… does not match its SHA-256.")
        return content

    def take_back(self, key: str, writer: str) -> None:
        """Remove an object a rolled-back transaction created, unless another re-stamped it."""
        if self._writer(key) == writer:
            self.client.delete_object(Bucket=self.bucket, Key=key)

    def sweep(self, referenced: set[str], *, older_than: float) -> list[str]:
        """Remove the objects no row names, older than `older_than` seconds; their names."""
        cutoff, removed = time.time() - older_than, []
        for found in self.objects():
            name = found["Key"].rsplit("/", 1)[-1]
            if name not in referenced and found["LastModified"].timestamp() < cutoff:
                self.client.delete_object(Bucket=self.bucket, Key=found["Key"])
                removed.append(name)
        return removed

    def objects(self) -> list[dict[str, Any]]:
        """Every stored object (key, size, last modified)."""
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix)
        try:
            return [o for page in pages for o in page.get("Contents", [])
                    if len(o["Key"].removeprefix(self.prefix).split("/")) == 3]
        except ClientError as exc:
            if _code(exc) == "NoSuchBucket":
                return []
            raise

    def _writer(self, key: str) -> str | None:
        """The writer token of an object, "" when it has none; None when there is no object."""
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if _code(exc) in MISSING | {"NoSuchBucket"}:
                return None
            raise
        return str(head.get("Metadata", {}).get("writer", ""))

    def _ensure_bucket(self) -> None:
        if self.bucket_ready:
            return
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as exc:
            if _code(exc) not in MISSING | {"NoSuchBucket"}:
                raise
            self.client.create_bucket(Bucket=self.bucket)
        self.bucket_ready = True


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))
