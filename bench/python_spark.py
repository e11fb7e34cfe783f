"""Speed of the Python package and the Spark job beside the command line, on the same pages.

    python bench/python_spark.py PAGES_DIR [--bantin target/release/bantin] [--copies 4]
        [--no-spark]

PAGES_DIR is copied COPIES times under other names (a larger corpus, the same kind of
pages) into a temporary folder. Then, in the same run:
- per core: `bantin analyze` with one thread (RAYON_NUM_THREADS=1) against
  `Engine(threads=1).analyze_many` on the same pages read into memory, best of 3 each,
  interleaved; the ratio says how far the package is from the CLI;
- 2 cores: `bantin analyze` with two threads against the Spark job in local[2] (start of
  the JVM included, and without it: the job's own time as it prints it).
Prints a Markdown table: MB/s and pages/s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bantin

ROOT = Path(__file__).resolve().parents[1]


def walk(d: Path) -> list[Path]:
    return sorted((p for p in d.rglob("*") if p.is_file() and not p.name.startswith(".")), key=lambda p: p.parts)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("--bantin", default=str(ROOT / "target" / "release" / "bantin"))
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--no-spark", action="store_true")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bantin-bench-"))
    try:
        corpus = tmp / "pages"
        for i in range(args.copies):
            shutil.copytree(args.pages, corpus / f"c{i}")
        files = walk(corpus)
        pages = [(str(p), p.read_bytes()) for p in files]
        mb = sum(len(d) for _, d in pages) / 1e6
        n = len(pages)
        print(f"{n} pages, {mb:.1f} MB ({args.copies} copies of {args.pages})", file=sys.stderr)

        def cli(threads: int) -> float:
            env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
            t = time.perf_counter()
            subprocess.run([args.bantin, "analyze", str(corpus), "-q", "-o", os.devnull], check=True, env=env)
            return time.perf_counter() - t

        engine = bantin.Engine(threads=1)

        def py() -> float:
            t = time.perf_counter()
            engine.analyze_many(pages, errors="ignore")
            return time.perf_counter() - t

        cli1, py1 = [], []
        for _ in range(3):
            cli1.append(cli(1))
            py1.append(py())
        c1, p1 = min(cli1), min(py1)
        rows = [
            ("CLI, 1 thread", c1),
            ("Engine.analyze_many, 1 thread", p1),
        ]
        if not args.no_spark:
            c2 = min(cli(2) for _ in range(3))
            rows.append(("CLI, 2 threads", c2))
            out = tmp / "out.parquet"
            t = time.perf_counter()
            res = subprocess.run(
                [sys.executable, str(ROOT / "examples" / "spark" / "analyze.py"), str(corpus), "-o", str(out),
                 "--master", "local[2]"],
                check=True, capture_output=True, text=True,
            )
            total = time.perf_counter() - t
            m = re.search(r"in ([0-9.]+) s", res.stderr)
            rows.append(("Spark local[2], whole run (JVM start included)", total))
            if m:
                rows.append(("Spark local[2], the job (session started)", float(m.group(1))))
        print("| run | seconds | MB/s | pages/s |")
        print("|---|---:|---:|---:|")
        for name, s in rows:
            print(f"| {name} | {s:.2f} | {mb / s:.2f} | {n / s:.0f} |")
        print(f"\nanalyze_many per core / CLI per core: {c1 / p1:.2f} (1.00 = the same speed)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
