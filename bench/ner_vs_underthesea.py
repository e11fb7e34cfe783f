#!/usr/bin/env python3
"""Throughput of bantin's analyze (with entities) against underthesea's `ner` on the same
Vietnamese text, in the same run, both on one core.

The text is made from the example pages (examples/pages/*.txt, UTF-8 ones), repeated with
variations to about --kb kilobytes. bantin reads ten copies of it as pages (RAYON_NUM_THREADS=1,
best of three runs, process start included); underthesea tags the same body lines one by one.
underthesea (PyPI, GPL) is used only for this measurement and is never a dependency:
    pip install underthesea
usage: python3 bench/ner_vs_underthesea.py [--kb 300] [--bantin target/release/bantin]"""
import argparse, os, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def corpus(kb):
    seeds = []
    for p in sorted((ROOT / "examples/pages").glob("*.txt")):
        try:
            seeds.append(p.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
    names = ["Nghệ An", "Hà Tĩnh", "Quảng Bình", "Thanh Hóa", "Huế"]
    pages, total, i = [], 0, 0
    while total < kb * 1024:
        s = seeds[i % len(seeds)].replace("Nghệ An", names[i % len(names)]).replace("14/3", f"{1 + i % 28}/{1 + i % 12}")
        pages.append(s)
        total += len(s.encode("utf-8"))
        i += 1
    return pages, total

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kb", type=int, default=300)
    ap.add_argument("--bantin", default=str(ROOT / "target/release/bantin"))
    a = ap.parse_args()
    pages, size = corpus(a.kb)
    with tempfile.TemporaryDirectory() as d:
        # the same pages ten times over, so that process start-up does not dominate
        for r in range(10):
            for i, p in enumerate(pages):
                Path(d, f"{r:02}-{i:05}.txt").write_text(p, encoding="utf-8")
        env = dict(os.environ, RAYON_NUM_THREADS="1")
        best = None
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([a.bantin, "analyze", d, "-q", "-o", os.devnull], check=True, env=env)
            dt = time.perf_counter() - t
            best = dt if best is None else min(best, dt)
    try:
        from underthesea import ner
    except ImportError:
        sys.exit("underthesea is not installed: pip install underthesea")
    lines = [l for p in pages for l in p.splitlines() if len(l.split()) > 3]
    ner(lines[0])  # load the model before timing
    t = time.perf_counter()
    for l in lines:
        ner(l)
    u = time.perf_counter() - t
    lbytes = sum(len(l.encode("utf-8")) for l in lines)
    b_mbs = 10 * size / best / 1e6
    u_mbs = lbytes / u / 1e6
    print(f"text: {size/1e6:.2f} MB in {len(pages)} pages ({lbytes/1e6:.2f} MB of lines for underthesea)")
    print(f"bantin analyze (all stages), 1 core:    {b_mbs:8.2f} MB/s")
    print(f"underthesea ner, 1 core:                {u_mbs:8.3f} MB/s")
    print(f"ratio bantin / underthesea:             {b_mbs / u_mbs:8.0f}x")

if __name__ == "__main__":
    main()
