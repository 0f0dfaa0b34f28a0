"""Entry file for `spark-submit`: runs `newsarchive spark` with the arguments that follow it.

spark-submit takes a Python file, not a module or a console script, so this small file is it:

    spark-submit --master spark://head:7077 --py-files newsarchive.zip \\
        "$(python -c 'import newsarchive.spark_submit as m; print(m.__file__)')" \\
        s3a://bucket/crawl/ --output s3a://bucket/records/

The master, executors and any `--conf` come from spark-submit; `--master` is not needed here.
"""

from __future__ import annotations

import sys

from newsarchive.cli import cli


def main() -> None:
    """Run the `spark` command on this process's arguments."""
    cli(["spark", *sys.argv[1:]], prog_name="newsarchive")


if __name__ == "__main__":
    main()
