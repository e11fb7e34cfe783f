"""bantin: raw Vietnamese news pages into clean, dated, linked article records.

The engine is bantin's Rust library; the records are the ones ``bantin analyze`` writes
(same JSON, field for field):

>>> import bantin
>>> records = bantin.analyze(page_bytes, name="page.html")
>>> engine = bantin.Engine(aliases=["aliases.toml"])
>>> records = engine.analyze_many([("a.txt", a), ("b.html", b)])

A run can also be split, for corpora spread over machines: ``Engine.read`` each page
where it lies (no linking), then ``Engine.link`` the pages read, on one machine, for the
run-level entity ids and stories. The Arrow calls (``analyze_arrow``, ``read_arrow``,
``link_arrow``, ``merge_arrow``) do the same on ``pyarrow.RecordBatch`` es, for Spark's
``mapInArrow`` (see ``examples/spark/analyze.py``).
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Iterable, Sequence, Union

from . import _bantin
from ._bantin import SCHEMA_VERSION, __version__

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow

__all__ = [
    "AliasError",
    "BantinError",
    "BantinWarning",
    "Engine",
    "Page",
    "ReadError",
    "SCHEMA_VERSION",
    "__version__",
    "analyze",
    "record_columns",
    "record_schema",
    "records_from_arrow",
]

Data = Union[bytes, bytearray, memoryview, str]
PageInput = Union[Data, "tuple[str, Data]"]

_ERRORS = ("warn", "raise", "ignore")


class BantinError(Exception):
    """Base class of bantin's errors."""


class ReadError(BantinError, ValueError):
    """A page holds no article: empty, binary, too large, bad gzip data, or no article
    in it. ``str(err)`` is ``"NAME: REASON"`` with the command line's reason; ``name``
    is the page's name, ``reason`` the short key the command line counts skipped files by
    ("empty", "binary", "without article", "too large", "unreadable", "internal error")."""

    def __init__(self, name: str, reason: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.reason = reason
        self.message = message


class AliasError(BantinError, ValueError):
    """An alias file cannot be read or is not a valid alias file (the command line's
    message)."""


class BantinWarning(UserWarning):
    """A page skipped by a call that reads many pages (``errors="warn"``)."""


def _data(d: Any) -> bytes | str:
    if isinstance(d, (bytes, str)):
        return d
    if isinstance(d, (bytearray, memoryview)):
        return bytes(d)
    raise TypeError(f"page data must be bytes or str, not {type(d).__name__}")


def _pages(pages: Any) -> list[tuple[str, bytes | str]]:
    if isinstance(pages, (bytes, bytearray, memoryview, str)):
        raise TypeError("pages must be a list of pages, not one page (use analyze)")
    if isinstance(pages, Mapping):
        items = pages.items()
    else:
        items = pages
    out = []
    for i, p in enumerate(items):
        if isinstance(p, (tuple, list)):
            if len(p) != 2:
                raise TypeError("a page is (name, data) or data")
            name, data = p
            out.append((os.fspath(name), _data(data)))
        else:
            out.append((str(i), _data(p)))
    return out


def _check_errors(errors: str) -> None:
    if errors not in _ERRORS:
        raise ValueError(f"errors must be one of {', '.join(_ERRORS)}, not {errors!r}")


def _failed(failures: Sequence[tuple[int, str, str, str]], errors: str) -> None:
    if not failures:
        return
    if errors == "raise":
        _, name, reason, message = failures[0]
        raise ReadError(name, reason, message)
    if errors == "warn":
        for _, name, _, message in failures:
            # the command line's line, without its "bantin: " prefix
            warnings.warn(f"skipped {name}: {message}", BantinWarning, stacklevel=3)


class Page:
    """One page read by :meth:`Engine.read`, not linked yet: its articles' records
    (entity ids, event actors, quote speakers and stories still empty) and what the
    run-level step needs of them (mentions, speakers, events, signatures; no text).
    Pages pickle, so they can be read on one machine and linked on another."""

    __slots__ = ("name", "_articles")

    def __init__(self, name: str, articles: list[tuple[str, str]]) -> None:
        self.name = name
        self._articles = articles

    @property
    def records(self) -> list[dict[str, Any]]:
        """The unlinked records of the page's articles."""
        return [json.loads(r) for r, _ in self._articles]

    def __len__(self) -> int:
        return len(self._articles)

    def __repr__(self) -> str:
        return f"<bantin.Page {self.name!r}, {len(self)} articles>"

    def __getstate__(self) -> tuple[str, list[tuple[str, str]]]:
        return (self.name, self._articles)

    def __setstate__(self, state: tuple[str, list[tuple[str, str]]]) -> None:
        self.name, self._articles = state


class Engine:
    """The bantin engine, built once (the knowledge base of the built-in alias file and
    yours) and used for every call; safe to share between threads.

    :param aliases: alias files (TOML), layered over the built-in one, later files
        winning: the command line's ``--aliases FILE``.
    :param alias_texts: alias files given as their TOML text, layered after ``aliases``.
    :param max_size_mb: pages larger than this (after gzip decompression) are skipped:
        the command line's ``--max-size-mb``.
    :param threads: worker threads for the calls on many pages (default: one per core).
    :param around: when undated pages were written (``"2024"``, ``"2024-02"``,
        ``"2024-02-15"``): a date reasoned from a text that gives no year takes the nearest
        year to it (``published_from: "hint"``); printed dates are not touched. The command
        line's ``--around DATE``.
    :raises AliasError: when an alias file cannot be read or parsed.
    :raises ValueError: when ``around`` is no such date.
    """

    def __init__(
        self,
        aliases: Iterable[str | os.PathLike[str]] = (),
        *,
        alias_texts: Iterable[str] = (),
        max_size_mb: int = 64,
        threads: int | None = None,
        around: str | None = None,
    ) -> None:
        try:
            self._e = _bantin.Engine(
                [os.fspath(a) for a in aliases], list(alias_texts), max_size_mb, threads, around
            )
        except ValueError as e:
            if str(e).startswith("around:"):
                raise ValueError(str(e)) from None
            raise AliasError(str(e)) from None

    @classmethod
    def shared(
        cls,
        aliases: Iterable[str | os.PathLike[str]] = (),
        *,
        alias_texts: Iterable[str] = (),
        max_size_mb: int = 64,
        threads: int | None = None,
        around: str | None = None,
    ) -> Engine:
        """An engine built once per process for these arguments and kept: what a Spark
        task (or any worker called many times) takes instead of building its own."""
        key = (tuple(os.fspath(a) for a in aliases), tuple(alias_texts), max_size_mb, threads, around)
        e = _shared.get(key)
        if e is None:
            e = _shared[key] = cls(
                key[0], alias_texts=key[1], max_size_mb=max_size_mb, threads=threads, around=around
            )
        return e

    def analyze(self, data: Data, name: str = "-") -> list[dict[str, Any]]:
        """The records of one page, as ``bantin analyze`` writes them for that file.

        :param data: the page's bytes (text or HTML, any encoding bantin reads, gzip) or
            its text.
        :param name: its name, the records' ``source``.
        :raises ReadError: when the page holds no article.
        """
        js, failures = self._e.analyze([(name, _data(data))])
        _failed(failures, "raise")
        return json.loads(js)

    def analyze_many(
        self, pages: Iterable[PageInput] | Mapping[str, Data], *, errors: str = "warn"
    ) -> list[dict[str, Any]]:
        """The records of many pages as one run, as ``bantin analyze PAGES...``: every
        page read in parallel (the GIL released), then one id per entity across them and
        the stories grouped. Records come in page order.

        :param pages: ``(name, data)`` pairs, a mapping of name to data, or bare data
            (named by position: "0", "1", ...).
        :param errors: a page that holds no article is skipped with a
            :class:`BantinWarning` ("warn"), skipped silently ("ignore"), or raises
            :class:`ReadError` ("raise").
        """
        _check_errors(errors)
        js, failures = self._e.analyze(_pages(pages))
        _failed(failures, errors)
        return json.loads(js)

    def read(self, data: Data, name: str = "-") -> Page:
        """One page through every stage but the run-level linking (see :meth:`link`).

        :raises ReadError: when the page holds no article.
        """
        arts, failures = self._e.read([(name, _data(data))])
        _failed(failures, "raise")
        return Page(name, [(r, l) for _, r, l in arts])

    def read_many(
        self, pages: Iterable[PageInput] | Mapping[str, Data], *, errors: str = "warn"
    ) -> list[Page]:
        """Pages read in parallel (the GIL released), not linked: one :class:`Page` per
        page that holds an article, in page order."""
        _check_errors(errors)
        pages = _pages(pages)
        arts, failures = self._e.read(pages)
        _failed(failures, errors)
        by_page: dict[int, list[tuple[str, str]]] = {}
        for pos, r, l in arts:
            by_page.setdefault(pos, []).append((r, l))
        return [Page(pages[pos][0], a) for pos, a in sorted(by_page.items())]

    def link(self, pages: Iterable[Page]) -> list[dict[str, Any]]:
        """The run-level step over pages read by :meth:`read` (here or elsewhere), in
        run order: one id per entity across them, quotes' speakers and events' actors
        as those ids, one event told in several articles of a page kept once, copies and
        stories. Gives the records ``bantin analyze`` writes for the same pages in the
        same order."""
        articles: list[tuple[str, str]] = []
        for p in pages:
            if not isinstance(p, Page):
                raise TypeError(f"link takes the pages Engine.read gives, not {type(p).__name__}")
            articles.extend(p._articles)
        return json.loads(self._e.link(articles))

    def analyze_arrow(self, batch: pyarrow.RecordBatch, *, errors: str = "warn") -> pyarrow.RecordBatch:
        """A batch of pages (columns ``name``: string, ``data``: binary or string) through
        :meth:`analyze_many`: one row per article, a column per record field (see
        :func:`record_schema`; nested fields as JSON text)."""
        _check_errors(errors)
        cols, failures = self._e.analyze_columns(_col_in(batch, "name"), _col_in(batch, "data"))
        _failed(failures, errors)
        return _batch(cols)

    def read_arrow(self, batch: pyarrow.RecordBatch) -> pyarrow.RecordBatch:
        """The per-page step of a split run on a batch of pages (``name``, ``data``):
        one row per article with ``source``, ``index``, ``record`` (unlinked record
        JSON) and ``links`` (what :meth:`link_arrow` needs, no text), ``error`` null; a
        page that holds no article gives one row with its name as ``source`` and
        ``error`` = ``"REASON<TAB>MESSAGE"``, the rest null."""
        return _batch(self._e.read_columns(_col_in(batch, "name"), _col_in(batch, "data")))

    def link_arrow(self, batch: pyarrow.RecordBatch) -> pyarrow.RecordBatch:
        """The run-level step of a split run, on the ``links`` column of every article of
        the run (rows in any order: they are put in the order ``bantin analyze DIR``
        walks, path components then index). Gives ``source``, ``index`` and ``linked``
        (JSON) for :meth:`merge_arrow`."""
        return _batch(self._e.link_columns(_col_in(batch, "links")))

    def merge_arrow(self, batch: pyarrow.RecordBatch) -> pyarrow.RecordBatch:
        """The last step of a split run: ``record`` (from :meth:`read_arrow`) and
        ``linked`` (from :meth:`link_arrow`) of each article joined; one row per
        article in the columns of :func:`record_schema`."""
        return _batch(self._e.merge_columns(_col_in(batch, "record"), _col_in(batch, "linked")))


_default: Engine | None = None
_shared: dict[tuple[Any, ...], Engine] = {}


def analyze(data: Data, name: str = "-") -> list[dict[str, Any]]:
    """The records of one page, as ``bantin analyze`` writes them for that file, with
    the built-in alias file (see :meth:`Engine.analyze`).

    :raises ReadError: when the page holds no article.
    """
    global _default
    if _default is None:
        _default = Engine()
    return _default.analyze(data, name)


def record_columns() -> list[tuple[str, str]]:
    """The columns of a record row: ``(name, kind)`` for every record field in order;
    kind is "int", "str" or "json" (nested fields as JSON text)."""
    return list(_bantin.record_columns())


def record_schema() -> pyarrow.Schema:
    """The Arrow schema of the rows :meth:`Engine.analyze_arrow` gives."""
    import pyarrow as pa

    return pa.schema(
        [(n, pa.int64() if k == "int" else pa.string()) for n, k in record_columns()]
    )


def records_from_arrow(batch: pyarrow.RecordBatch | pyarrow.Table) -> list[dict[str, Any]]:
    """The records of rows in the columns of :func:`record_schema` (from
    :meth:`Engine.analyze_arrow` or a Parquet file written from them), exactly as
    ``bantin analyze`` writes them."""
    kinds = dict(record_columns())
    cols = {n: batch.column(n).to_pylist() for n in batch.schema.names if n in kinds}
    out = []
    for i in range(batch.num_rows):
        row = {}
        for n, vals in cols.items():
            v = vals[i]
            row[n] = json.loads(v) if (kinds[n] == "json" and v is not None) else v
        out.append(json.loads(_bantin.record_from_fields(json.dumps(row, ensure_ascii=False))))
    return out


def _col_in(batch: Any, name: str) -> tuple[bytes, bytes, int, int, bool]:
    import pyarrow as pa

    if isinstance(batch, pa.Table):
        batch = batch.combine_chunks().to_batches()
        batch = batch[0] if batch else None
        if batch is None:
            return (b"\0" * 4, b"", 0, 0, False)
    if not isinstance(batch, pa.RecordBatch):
        raise TypeError(f"a pyarrow.RecordBatch is needed, not {type(batch).__name__}")
    i = batch.schema.get_field_index(name)
    if i < 0:
        raise ValueError(f"the batch has no column {name!r} (it has {', '.join(batch.schema.names)})")
    col = batch.column(i)
    t = col.type
    if pa.types.is_string(t) or pa.types.is_binary(t):
        large = False
    elif pa.types.is_large_string(t) or pa.types.is_large_binary(t):
        large = True
    else:
        raise TypeError(f"column {name!r} must be string or binary, not {t}")
    if col.null_count:
        raise ValueError(f"column {name!r} has {col.null_count} null values")
    if len(col) == 0:
        return (b"\0" * (8 if large else 4), b"", 0, 0, large)
    bufs = col.buffers()
    data = bufs[2].to_pybytes() if bufs[2] is not None else b""
    return (bufs[1].to_pybytes(), data, col.offset, len(col), large)


def _batch(cols: Sequence[tuple[str, str, int, int, list[bytes]]]) -> pyarrow.RecordBatch:
    import pyarrow as pa

    arrays = []
    names = []
    for name, kind, length, nulls, bufs in cols:
        validity = pa.py_buffer(bufs[0]) if nulls else None
        if kind == "int":
            arr = pa.Array.from_buffers(pa.int64(), length, [validity, pa.py_buffer(bufs[1])], null_count=nulls)
        else:
            arr = pa.Array.from_buffers(
                pa.string(), length, [validity, pa.py_buffer(bufs[1]), pa.py_buffer(bufs[2])], null_count=nulls
            )
        arrays.append(arr)
        names.append(name)
    return pa.RecordBatch.from_arrays(arrays, names=names)
