"""Compares the Parquet rows the Spark job wrote with the command line's records, field by
field: the same articles (source, index), and in each every field of the record equal
(nested fields read back from their JSON).

    python examples/spark/compare.py records.parquet records.jsonl

Prints one line per difference (at most 20) and 'N passed, N failed' (articles); exits 1
on any difference.
"""

from __future__ import annotations

import json
import sys

import bantin
import pyarrow.parquet as pq


def rows(parquet: str) -> dict[tuple[str, int], dict]:
    table = pq.read_table(parquet)
    kinds = dict(bantin.record_columns())
    missing = [n for n in kinds if n not in table.schema.names]
    if missing:
        raise SystemExit(f"columns missing from {parquet}: {missing}")
    cols = {n: table.column(n).to_pylist() for n in kinds}
    out = {}
    for i in range(table.num_rows):
        row = {}
        for n, k in kinds.items():
            v = cols[n][i]
            row[n] = json.loads(v) if k == "json" and v is not None else v
        key = (row["source"], row["index"])
        if key in out:
            raise SystemExit(f"{key} twice in {parquet}")
        out[key] = row
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    got = rows(argv[0])
    want = {}
    with open(argv[1], encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                want[(r["source"], r["index"])] = r
    kinds = dict(bantin.record_columns())
    diffs = []
    passed = failed = 0
    fields = 0
    for key in sorted(set(want) | set(got)):
        if key not in got:
            diffs.append(f"{key}: in the command line's records, not in the Parquet rows")
            failed += 1
            continue
        if key not in want:
            diffs.append(f"{key}: in the Parquet rows, not in the command line's records")
            failed += 1
            continue
        w, g = want[key], got[key]
        extra = set(w) - set(kinds)
        bad = [f"field {n!r} has no column" for n in sorted(extra)]
        for n in kinds:
            fields += 1
            if w.get(n) != g.get(n):
                bad.append(f"{n}: {json.dumps(w.get(n), ensure_ascii=False)[:120]} != "
                           f"{json.dumps(g.get(n), ensure_ascii=False)[:120]}")
        if bad:
            failed += 1
            diffs.extend(f"{key[0]}#{key[1]} {b}" for b in bad)
        else:
            passed += 1
    for d in diffs[:20]:
        print(d)
    print(f"{len(want)} records, {fields} fields compared")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not want else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
