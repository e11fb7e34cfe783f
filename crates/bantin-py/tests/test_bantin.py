"""The Python package: records as the command line writes them, the engine, Arrow
batches, the split run, and bad input.

    pytest crates/bantin-py/tests      # BANTIN_BIN=path/to/bantin compares with the CLI
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import bantin

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples" / "pages"

# a page written for these tests (a made-up story)
PAGE = (
    "Bộ trưởng Trần Văn Bình thăm Đà Nẵng\n"
    "Ngày 3/5/2024, Bộ trưởng Trần Văn Bình tới Đà Nẵng, bắt đầu chuyến thăm làm việc ba ngày. "
    "Ông Bình gặp Chủ tịch thành phố Lê Thị Hoa hôm 4/5.\n"
    "“Thành phố sẽ mở thêm hai tuyến xe buýt điện trong năm nay”, bà Hoa nói.\n"
)


def cli() -> str | None:
    b = os.environ.get("BANTIN_BIN") or str(ROOT / "target" / "release" / "bantin")
    return b if os.path.exists(b) else None


def cli_records(*paths: str, extra: tuple[str, ...] = ()) -> list[dict]:
    b = cli()
    if b is None:
        pytest.skip("no bantin binary (set BANTIN_BIN)")
    out = subprocess.run([b, "analyze", "-q", *extra, *paths], capture_output=True, check=True, cwd=ROOT)
    return [json.loads(line) for line in out.stdout.decode().splitlines() if line.strip()]


def example_pages() -> list[tuple[str, bytes]]:
    # named as the command line names them when given "examples/pages"
    return [
        (f"examples/pages/{p.name}", p.read_bytes())
        for p in sorted(EXAMPLES.iterdir())
        if not p.name.startswith(".")
    ]


# ---- analyze


def test_analyze_gives_records():
    recs = bantin.analyze(PAGE.encode(), name="a.txt")
    assert len(recs) == 1
    r = recs[0]
    assert r["source"] == "a.txt" and r["index"] == 0
    assert r["title"]["text"].startswith("Bộ trưởng Trần Văn Bình")
    assert r["published"].startswith("2024-05")
    assert any(e["text"] == "Trần Văn Bình" and e["type"] == "PER" for e in r["entities"])
    assert r["quotes"] and r["story"].startswith("story-") and r["topic"].startswith("topic-")
    # text is taken as UTF-8: the same records
    assert bantin.analyze(PAGE, name="a.txt") == recs
    assert bantin.analyze(bytearray(PAGE.encode()), name="a.txt") == recs
    # spans are byte offsets into the page
    s, e = r["title"]["span"]
    assert PAGE.encode()[s:e].decode() == r["title"]["text"]


def test_analyze_is_the_cli_on_each_example_page():
    for name, data in example_pages():
        assert bantin.analyze(data, name=name) == cli_records(name), name


def test_gzip_pages_read_like_files():
    assert bantin.analyze(gzip.compress(PAGE.encode()), name="a.txt") == bantin.analyze(PAGE, name="a.txt")


# ---- Engine


def test_analyze_many_is_the_cli_on_the_examples():
    pages = example_pages()
    e = bantin.Engine()
    got = e.analyze_many(pages)
    assert got == cli_records("examples/pages")
    # a mapping, and bare data named by position
    assert e.analyze_many(dict(pages)) == got
    assert [r["source"] for r in e.analyze_many([d for _, d in pages[:2]])][:1] == ["0"]


def test_read_then_link_is_analyze_many():
    e = bantin.Engine(threads=2)
    pages = example_pages() + [(f"again/{n}", d) for n, d in example_pages()]
    whole = e.analyze_many(pages)
    read = e.read_many(pages)
    assert [p.name for p in read] == [n for n, _ in pages]
    # read anywhere, linked elsewhere
    read = pickle.loads(pickle.dumps(read))
    assert e.link(read) == whole
    assert e.link([e.read(d, name=n) for n, d in pages]) == whole
    # unlinked records carry no ids or stories yet
    assert all(not r["entities"] and r["story"] is None for p in read for r in p.records)
    # the same page twice: its entities share ids
    ids = {x["text"]: x["id"] for r in whole for x in r["entities"]}
    assert ids


def test_aliases(tmp_path):
    f = tmp_path / "aliases.toml"
    f.write_text(
        '[[entity]]\nid = "tran-van-binh"\nname = "Trần Văn Bình"\ntype = "PER"\nvariants = ["Bộ trưởng Bình"]\n',
        encoding="utf-8",
    )
    recs = bantin.Engine(aliases=[f]).analyze(PAGE, name="a.txt")
    assert any(x["id"] == "tran-van-binh" for x in recs[0]["entities"])
    same = bantin.Engine(alias_texts=[f.read_text(encoding="utf-8")]).analyze(PAGE, name="a.txt")
    assert same == recs
    with pytest.raises(bantin.AliasError, match="cannot read alias file .*nope.toml"):
        bantin.Engine(aliases=[tmp_path / "nope.toml"])
    bad = tmp_path / "bad.toml"
    bad.write_text("[[entity]\nid =", encoding="utf-8")
    with pytest.raises(bantin.AliasError, match=f"in {bad}"):
        bantin.Engine(aliases=[bad])


def test_analyze_many_releases_the_gil():
    e = bantin.Engine(threads=1)
    pages = [(f"p{i}.txt", PAGE * 40) for i in range(40)]
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    t0 = time.time()
    e.analyze_many(pages)
    took = time.time() - t0
    done.set()
    t.join()
    # the other thread ran along (with the GIL held it could not tick at all while the
    # pages are read; the machine may be busy, so only a few ticks are asked for)
    assert ticks > 10, (ticks, took)


def test_engine_is_shared_between_threads():
    e = bantin.Engine()
    want = e.analyze(PAGE, name="a.txt")
    out = []
    ts = [threading.Thread(target=lambda: out.append(e.analyze(PAGE, name="a.txt"))) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert out == [want] * 4
    assert bantin.Engine.shared(threads=1) is bantin.Engine.shared(threads=1)


# ---- errors


@pytest.mark.parametrize(
    "data,reason,message",
    [
        (b"", "empty", "empty file"),
        (b"   \n\t  \n", "empty", "empty file"),
        (b"\x00\x01\x02\x03binary\x00\x00", "binary", "binary file, not text"),
        (b"\x1f\x8b\x08\x00broken", "unreadable", "cannot read: bad gzip data"),
        ("<html><body><nav><a href=x>Trang chủ</a></nav></body></html>", "without article", "no article found"),
    ],
)
def test_bad_pages_raise_read_error(data, reason, message):
    with pytest.raises(bantin.ReadError) as err:
        bantin.analyze(data, name="bad.txt")
    assert err.value.reason == reason and err.value.name == "bad.txt"
    assert str(err.value).startswith(f"bad.txt: {message}")
    assert isinstance(err.value, ValueError)


def test_too_large():
    e = bantin.Engine(max_size_mb=1)
    with pytest.raises(bantin.ReadError, match=r"too large \(2 MB, limit 1 MB") as err:
        e.analyze(PAGE * (2 * 2**20 // len(PAGE.encode()) + 1), name="big.txt")
    assert err.value.reason == "too large"
    # a gzip bomb stops at the limit
    with pytest.raises(bantin.ReadError, match="too large"):
        e.analyze(gzip.compress(b"a " * 2**21), name="bomb.gz")


def test_many_pages_with_bad_ones():
    e = bantin.Engine()
    pages = [("a.txt", PAGE), ("empty.txt", b""), ("b.txt", PAGE)]
    with pytest.warns(bantin.BantinWarning, match="skipped empty.txt: empty file"):
        recs = e.analyze_many(pages)
    assert [r["source"] for r in recs] == ["a.txt", "b.txt"]
    assert e.analyze_many(pages, errors="ignore") == recs
    with pytest.raises(bantin.ReadError, match="empty.txt: empty file"):
        e.analyze_many(pages, errors="raise")
    with pytest.raises(ValueError, match="errors must be one of"):
        e.analyze_many(pages, errors="explode")
    with pytest.raises(TypeError):
        e.analyze_many([("a.txt", 3)])
    with pytest.raises(TypeError):
        e.analyze_many(PAGE)
    with pytest.raises(TypeError):
        e.link([{"source": "a"}])


def test_no_crash_on_binary_or_huge_input():
    e = bantin.Engine()
    rnd = random.Random(7)
    for _ in range(20):
        data = bytes(rnd.getrandbits(8) for _ in range(rnd.randrange(1, 5000)))
        try:
            e.analyze(data, name="random.bin")
        except bantin.ReadError:
            pass
    # text-like noise: every byte printable or a high byte (legacy encodings)
    for _ in range(20):
        data = bytes(rnd.choice(b"abc \n.,:\xc3\xa0\xe1\xba\xbfABC0123<>/\"=") for _ in range(rnd.randrange(1, 20000)))
        try:
            e.analyze(data, name="noise.txt")
        except bantin.ReadError:
            pass
    # huge: one very long line, very deep HTML, many articles
    huge = [
        ("line.txt", ("Hà Nội " * 400_000).encode()),
        ("deep.html", b"<html><body>" + b"<div>" * 100_000 + PAGE.encode() + b"</div>" * 100_000),
        ("many.txt", (PAGE + "\n") * 2_000),
        ("utf16.txt", "\ufeff".encode("utf-16-le") + (PAGE * 500).encode("utf-16-le")),
    ]
    recs = e.analyze_many(huge, errors="ignore")
    assert all(r["source"] in dict(huge) for r in recs)


# ---- Arrow


pa = pytest.importorskip("pyarrow")


def batch_of(pages, large=False):
    names, data = zip(*pages)
    return pa.record_batch(
        [
            pa.array(list(names), pa.large_string() if large else pa.string()),
            pa.array([d if isinstance(d, bytes) else d.encode() for d in data], pa.large_binary() if large else pa.binary()),
        ],
        names=["name", "data"],
    )


def test_analyze_arrow_rows_are_the_records():
    e = bantin.Engine()
    pages = example_pages()
    out = e.analyze_arrow(batch_of(pages))
    assert out.schema == bantin.record_schema()
    want = e.analyze_many(pages)
    assert out.num_rows == len(want)
    assert bantin.records_from_arrow(out) == want
    # nested fields are JSON text
    assert json.loads(out.column("entities")[0].as_py()) == want[0]["entities"]
    assert out.column("source").to_pylist() == [r["source"] for r in want]
    # large types, a slice of a batch, text data
    assert bantin.records_from_arrow(e.analyze_arrow(batch_of(pages, large=True))) == want
    sliced = batch_of([("x", b"")] + pages + [("y", b"")]).slice(1, len(pages))
    assert bantin.records_from_arrow(e.analyze_arrow(sliced, errors="raise")) == want
    text = pa.record_batch([pa.array(["a.txt"]), pa.array([PAGE])], names=["name", "data"])
    assert bantin.records_from_arrow(e.analyze_arrow(text)) == e.analyze_many([("a.txt", PAGE)])


def test_arrow_errors():
    e = bantin.Engine()
    with pytest.raises(ValueError, match="no column 'data'"):
        e.analyze_arrow(pa.record_batch([pa.array(["a"])], names=["name"]))
    with pytest.raises(TypeError, match="must be string or binary"):
        e.analyze_arrow(pa.record_batch([pa.array(["a"]), pa.array([1])], names=["name", "data"]))
    with pytest.raises(ValueError, match="null"):
        e.analyze_arrow(pa.record_batch([pa.array(["a"]), pa.array([None], pa.binary())], names=["name", "data"]))
    with pytest.raises(TypeError):
        e.analyze_arrow({"name": ["a"], "data": [b""]})
    empty = e.analyze_arrow(batch_of([("a", b"")]), errors="ignore")
    assert empty.num_rows == 0 and empty.schema == bantin.record_schema()
    with pytest.raises(bantin.ReadError):
        e.analyze_arrow(batch_of([("a", b"")]), errors="raise")


def test_split_run_on_arrow_is_analyze_arrow():
    e = bantin.Engine()
    pages = example_pages() + [("examples/pages/zz_empty.txt", b"")]
    want = e.analyze_arrow(batch_of(pages), errors="ignore")
    # per page, in two batches
    read = [e.read_arrow(batch_of(pages[:3])), e.read_arrow(batch_of(pages[3:]))]
    t = pa.Table.from_batches(read)
    err = [x for x in t.column("error").to_pylist() if x]
    assert err == ["empty\tempty file"]
    import pyarrow.compute as pc

    ok = t.filter(pc.is_null(t.column("error")))
    # the run-level step, the rows shuffled
    links = ok.select(["links"]).take(list(reversed(range(ok.num_rows)))).combine_chunks().to_batches()[0]
    linked = e.link_arrow(links)
    assert linked.schema.names == ["source", "index", "linked"]
    by_key = {(s, i): l for s, i, l in zip(*(linked.column(n).to_pylist() for n in linked.schema.names))}
    recs = [by_key[(s, i)] for s, i in zip(ok.column("source").to_pylist(), ok.column("index").to_pylist())]
    joined = pa.record_batch([ok.column("record").combine_chunks(), pa.array(recs)], names=["record", "linked"])
    got = e.merge_arrow(joined)
    assert bantin.records_from_arrow(got) == bantin.records_from_arrow(want)


# ---- the Spark job, on the example pages


def test_spark_job_writes_the_cli_records(tmp_path):
    pytest.importorskip("pyspark")
    if os.environ.get("BANTIN_SKIP_SPARK"):
        pytest.skip("BANTIN_SKIP_SPARK set")
    want = cli_records("examples/pages")
    out = tmp_path / "records.parquet"
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "spark" / "analyze.py"), "examples/pages", "-o", str(out),
         "--master", "local[2]", "-q"],
        check=True, cwd=ROOT,
    )
    import pyarrow.parquet as pq

    got = bantin.records_from_arrow(pq.read_table(out))
    key = lambda r: (r["source"], r["index"])  # noqa: E731
    assert sorted(got, key=key) == sorted(want, key=key)


def test_around_gives_a_year_to_undated_pages_only():
    undated = "Hà Nội mở tuyến buýt điện mới\n\nSáng 28/12, thành phố đưa vào vận hành tuyến buýt điện nối trung tâm với sân bay.\n"
    plain = bantin.Engine().analyze(undated, "undated.txt")
    hinted = bantin.Engine(around="2024-01").analyze(undated, "undated.txt")
    assert plain[0]["published"] == "XXXX-12-28"
    assert (hinted[0]["published"], hinted[0]["published_from"]) == ("2023-12-28", "hint")
    with pytest.raises(ValueError):
        bantin.Engine(around="tháng 2")
