"""Where a local Spark process's fixed cost goes: one process times its phases.

    .venv/bin/python benchmarks/spark_phases.py [--log]

In one process: the session's start, a job on 1 text article, two jobs on 400 others each
(the first pays for the first query's planning, the Python daemon and workers, the first
Parquet writer; the second is a warm job), and the session's end, each in seconds, printed
as one JSON line. `--log` shows Spark's log at INFO with millisecond timestamps on stderr
(a log4j2 configuration in a temporary SPARK_CONF_DIR), to see the phases inside a job.
Alternate it with another checkout (`PYTHONPATH=OTHER/src`) to compare; the machine's load
moves every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from perfutil import add_corpus_option, use_corpus, write_editions

LOG4J2 = """rootLogger.level = info
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n
logger.spark.name = org.apache.spark
logger.spark.level = info
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cores", type=int, default=2, help="local[N] (default 2)")
    parser.add_argument("--log", action="store_true", help="Spark's log at INFO, timestamped, on stderr")
    add_corpus_option(parser)
    args = parser.parse_args()
    use_corpus(args.corpus)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        jobs = {"one": 1, "first_400": 400, "warm_400": 400}
        for name, count in jobs.items():
            write_editions(tmp / name, count)
        if args.log:
            (tmp / "conf").mkdir()
            (tmp / "conf" / "log4j2.properties").write_text(LOG4J2)
            os.environ["SPARK_CONF_DIR"] = str(tmp / "conf")
        from newsarchive.spark import end_session, run_job, start_session

        seconds: dict[str, float] = {}
        started = time.perf_counter()
        session = start_session(f"local[{args.cores}]")
        if args.log:
            session.sparkContext.setLogLevel("INFO")
        seconds["start"] = time.perf_counter() - started
        for name in jobs:
            started = time.perf_counter()
            run_job([str(tmp / name)], str(tmp / f"out-{name}"), spark=session)
            seconds[name] = time.perf_counter() - started
        started = time.perf_counter()
        end_session(session)
        seconds["stop"] = time.perf_counter() - started
    print(json.dumps({name: round(value, 2) for name, value in seconds.items()}), flush=True)


if __name__ == "__main__":
    main()
