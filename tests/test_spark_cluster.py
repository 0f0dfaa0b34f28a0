"""On a real standalone Spark cluster: a master and a worker started from the PySpark package's
own `spark-class` on 127.0.0.1 (free ports), the job submitted to it with `spark-submit`, the
records equal to the CLI's, and every process stopped afterwards, also when the test fails."""

from __future__ import annotations

import gzip
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from .conftest import invoke, jsonl

START_SECONDS = 120  # a JVM start on a loaded 2-core machine takes 5-20 s
MASTER_URL_RE = re.compile(r"Starting Spark master at (spark://127\.0\.0\.1:\d+)")
REGISTERED_RE = re.compile(r"Successfully registered with master")


def spark_home() -> Path:
    from pyspark.find_spark_home import _find_spark_home

    return Path(_find_spark_home())


def wait_for(log: Path, pattern: re.Pattern[str], process: subprocess.Popen[bytes]) -> re.Match[str]:
    """The first match of `pattern` in the growing `log`, or fail if the process ends or time runs out."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        match = pattern.search(log.read_text(encoding="utf-8", errors="replace"))
        if match:
            return match
        if process.poll() is not None:
            break
        time.sleep(0.2)
    pytest.fail(f"{pattern.pattern!r} never appeared in {log.name}:\n{log.read_text(errors='replace')[-3000:]}")


def start(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with open(log, "wb") as handle:
        # Own process group, so stopping it also stops the JVM spark-class execs into.
        return subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT, env=env, start_new_session=True)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A standalone master and one worker (1 core) on 127.0.0.1; yields the master URL and the env to submit with."""
    env = {
        **os.environ,
        "SPARK_LOCAL_IP": "127.0.0.1",
        "PYSPARK_PYTHON": sys.executable,  # executors run this interpreter, which has newsarchive
        "SPARK_WORKER_DIR": str(tmp_path / "work"),
        "SPARK_LOG_DIR": str(tmp_path / "logs"),
    }
    spark_class = str(spark_home() / "bin" / "spark-class")
    processes: list[subprocess.Popen[bytes]] = []
    try:
        master_log = tmp_path / "master.log"
        master = start(
            [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "0",
             "--webui-port", "0"],
            master_log,
            env,
        )  # fmt: skip
        processes.append(master)
        url = wait_for(master_log, MASTER_URL_RE, master).group(1)
        worker_log = tmp_path / "worker.log"
        worker = start(
            [spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port", "0",
             "--webui-port", "0", "--cores", "1", "--memory", "1g", url],
            worker_log,
            env,
        )  # fmt: skip
        processes.append(worker)
        wait_for(worker_log, REGISTERED_RE, worker)
        yield url, env
    finally:
        for process in reversed(processes):
            stop(process)


def test_job_submitted_to_a_standalone_cluster_writes_the_cli_records(
    cluster: tuple[str, dict[str, str]], runner: CliRunner, tmp_path: Path
) -> None:
    import pyarrow.dataset as ds

    url, env = cluster
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "plain.txt").write_text("Plain headline\n\nA paragraph of plain text.\n", encoding="utf-8")
    (inputs / "front.md").write_text(
        "---\ntitle: Council votes\ndate: 2020-01-02\nauthor: Jane Doe\n---\nThe council voted.\n", encoding="utf-8"
    )
    (inputs / "packed.txt.gz").write_bytes(gzip.compress(b"Packed headline\n\nCompressed body.\n"))
    (inputs / "empty.txt").write_bytes(b"")
    output = tmp_path / "out"
    entry = str(Path(__import__("newsarchive.spark_submit").spark_submit.__file__))
    submit = [
        str(spark_home() / "bin" / "spark-submit"), "--master", url, "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.ui.enabled=false", "--executor-memory", "512m", entry, str(inputs), "--output", str(output),
    ]  # fmt: skip
    done = subprocess.run(submit, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 3, done.stderr[-3000:]  # the empty file failed
    # spark-submit passes the Python driver's stderr on through its own stdout.
    said = done.stdout + done.stderr
    assert "3 records written" in said and "1 failed" in said
    assert (output / "_SUCCESS").exists()

    invoke(runner, "--archive", str(tmp_path / "cli.db"), "ingest", str(inputs), expect=3)
    expected = {r["id"]: r for r in jsonl(invoke(runner, "--archive", str(tmp_path / "cli.db"), "export").stdout)}
    rows: list[dict[str, Any]] = ds.dataset(str(output), format="parquet", partitioning="hive").to_table().to_pylist()
    assert {row["id"] for row in rows} == expected.keys()
    for row in rows:
        got = {k: v for k, v in row.items() if k not in ("ingested_at", "year")}
        assert got == {k: v for k, v in expected[row["id"]].items() if k != "ingested_at"}
