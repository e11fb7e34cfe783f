"""bantin on Spark: a folder of pages into article records, written as Parquet.

    python examples/spark/analyze.py PAGES_DIR -o records.parquet [--master local[2]]
        [--aliases FILE]... [--max-size-mb 64] [--partitions N]

The same script runs on a cluster (``spark-submit --master yarn examples/spark/analyze.py
hdfs:///crawl/2024 -o hdfs:///records/2024``), bantin's wheel installed on every node.

Three stages, giving the records ``bantin analyze PAGES_DIR`` writes, field for field:
1. executors: the pages (binaryFile source) through every per-page stage
   (``Engine.read_arrow`` in ``mapInArrow``): each article's unlinked record, kept where it
   is, and its links (mentions, quote speakers, events, the MinHash and word-pair
   signatures; no text);
2. driver: the links of the whole run, in the order the command line walks the folder,
   linked (one id per entity across the run) and grouped into copies and stories
   (``Engine.link_arrow``);
3. executors: each record joined with what linking gave it (``Engine.merge_arrow``), one
   row per article in the columns of ``bantin.record_schema()`` (nested fields as JSON),
   written as Parquet.

Pages are named as the command line names them (the folder as given, then the path
inside it); like the command line, files whose name starts with "." are not read (Spark
also leaves out files and folders starting with "_").
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter

import bantin
import pyarrow as pa


def spark_schema(columns):
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    return StructType(
        [StructField(n, LongType() if k == "int" else StringType(), True) for n, k in columns]
    )


READ_COLUMNS = [("source", "str"), ("index", "int"), ("record", "str"), ("links", "str"), ("error", "str")]


def to_arrow(df) -> pa.Table:
    """A (small) DataFrame collected to the driver as Arrow."""
    if hasattr(df, "toArrow"):  # Spark 4
        return df.toArrow()
    return df._collect_as_arrow_table() if hasattr(df, "_collect_as_arrow_table") else pa.Table.from_batches(
        df._collect_as_arrow()
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages", help="a folder of pages (walked recursively), local or a URI")
    ap.add_argument("-o", "--output", required=True, help="the Parquet folder to write")
    ap.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    ap.add_argument("--aliases", action="append", default=[], help="an alias file (TOML)")
    ap.add_argument("--max-size-mb", type=int, default=64)
    ap.add_argument("--partitions", type=int, help="partitions of the pages (default: Spark's)")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)

    # the workers run this interpreter, where bantin is installed
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if (args.master or "").startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark import StorageLevel

    builder = SparkSession.builder.appName("bantin")
    if args.master:  # else spark-submit's, or local[*]
        builder = builder.master(args.master)
    spark = (
        builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "500")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    t0 = time.time()

    # alias files travel as their text: the executors need not see the driver's disk
    alias_texts = []
    for a in args.aliases:
        try:
            with open(a, encoding="utf-8") as f:
                alias_texts.append(f.read())
        except OSError as e:
            print(f"bantin: cannot read alias file {a}: {e}", file=sys.stderr)
            return 2
    try:
        driver = bantin.Engine(alias_texts=alias_texts, max_size_mb=args.max_size_mb)
    except bantin.AliasError as e:
        print(f"bantin: {e}", file=sys.stderr)
        return 2
    max_size = args.max_size_mb

    def read_pages(batches):
        # one engine per worker process, one thread: Spark runs the tasks in parallel
        engine = bantin.Engine.shared(alias_texts=alias_texts, max_size_mb=max_size, threads=1)
        for b in batches:
            yield engine.read_arrow(b)

    def merge(batches):
        engine = bantin.Engine.shared(alias_texts=alias_texts, max_size_mb=max_size, threads=1)
        for b in batches:
            yield engine.merge_arrow(b)

    files = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(args.pages)
    given = args.pages.rstrip("/") or "/"
    if "://" in given or given.startswith("file:"):
        name = F.col("path")
    else:
        # the name the command line gives: the folder as given, then the path inside it
        prefix = "file:" + os.path.abspath(given)
        name = F.when(
            F.col("path").startswith(prefix),
            F.concat(F.lit(given), F.expr(f"substring(path, {len(prefix) + 1})")),
        ).otherwise(F.col("path"))
    pages = files.select(name.alias("name"), F.col("content").alias("data"))
    # like the command line: files whose name starts with "." are not pages
    pages = pages.where(~F.element_at(F.split(F.col("name"), "/"), -1).startswith("."))
    if args.partitions:
        pages = pages.repartition(args.partitions)

    read = pages.mapInArrow(read_pages, spark_schema(READ_COLUMNS)).persist(StorageLevel.MEMORY_AND_DISK)

    # the pages skipped, said as the command line says them
    errors = to_arrow(read.where(F.col("error").isNotNull()).select("source", "error"))
    skipped = Counter()
    for src, err in zip(errors.column("source").to_pylist(), errors.column("error").to_pylist()):
        reason, _, message = err.partition("\t")
        skipped[reason] += 1
        if not args.quiet:
            print(f"bantin: skipped {src}: {message}", file=sys.stderr)

    # the run-level step, on the driver, on the links only
    links = to_arrow(read.where(F.col("error").isNull()).select("links"))
    linked = driver.link_arrow(links.combine_chunks().to_batches()[0] if links.num_rows else
                               pa.RecordBatch.from_arrays([pa.array([], pa.string())], names=["links"]))
    linked_table = pa.Table.from_batches([linked])
    try:
        linked_df = spark.createDataFrame(linked_table)  # Spark 4 takes Arrow tables
    except (TypeError, ValueError):
        linked_df = spark.createDataFrame(linked_table.to_pandas(), schema=spark_schema(
            [("source", "str"), ("index", "int"), ("linked", "str")]))

    joined = read.where(F.col("error").isNull()).select("source", "index", "record").join(
        linked_df, on=["source", "index"], how="inner"
    )
    records = joined.select("record", "linked").mapInArrow(merge, spark_schema(bantin.record_columns()))
    records.write.mode("overwrite").parquet(args.output)
    n_files = read.select("source").distinct().count()
    n_read = n_files - sum(skipped.values())
    if not args.quiet:
        why = ", ".join(f"{v} {k}" for k, v in sorted(skipped.items()))
        print(
            f"bantin: {n_read} files read, {linked.num_rows} articles found, "
            f"{sum(skipped.values())} files skipped{f' ({why})' if why else ''}"
            f" in {time.time() - t0:.1f} s",
            file=sys.stderr,
        )
    read.unpersist()
    spark.stop()
    return 0 if n_read else 1


if __name__ == "__main__":
    sys.exit(main())
