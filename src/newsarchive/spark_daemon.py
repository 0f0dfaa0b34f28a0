"""The Python process Spark forks its local Python workers from, with the parser imported.

PySpark starts one daemon per executor (`python -m pyspark.daemon`) and forks a worker from
it for each task slot; every worker then imports what its tasks need. Started through this
module instead (`spark.python.daemon.module`, set by `spark.start_session` for local
masters), the daemon imports the parser first, as `pool.FORKSERVER_PRELOAD` does for
`ingest`'s workers, so each worker inherits it rather than importing it again. Only modules
that start no threads are imported before the fork (PySpark's daemon imports pyarrow and
pandas after it for that reason), so the forked workers are as safe as PySpark's own.
"""

from __future__ import annotations

import importlib

from .pool import FORKSERVER_PRELOAD

for _module in FORKSERVER_PRELOAD:
    importlib.import_module(_module)

if __name__ == "__main__":
    from pyspark.daemon import manager

    manager()
