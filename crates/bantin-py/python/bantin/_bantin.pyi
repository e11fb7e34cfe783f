"""Type stubs of the native module (the Rust side); use the ``bantin`` package's API."""

from typing import Optional, Sequence, Tuple, Union

SCHEMA_VERSION: int
__version__: str

# (offsets, data, offset, length, large): an Arrow string/binary column as buffers
_ColIn = Tuple[bytes, bytes, int, int, bool]
# (name, "str" | "int", length, null count, [validity, offsets, data] or [validity, values])
_ColOut = Tuple[str, str, int, int, list[bytes]]
# (position, name, reason key, message)
_Failure = Tuple[int, str, str, str]
_Data = Union[bytes, bytearray, str]

class Engine:
    def __init__(
        self,
        aliases: Sequence[str] = ...,
        alias_texts: Sequence[str] = ...,
        max_size_mb: int = 64,
        threads: Optional[int] = None,
        around: Optional[str] = None,
    ) -> None: ...
    def analyze(self, pages: Sequence[Tuple[str, _Data]]) -> Tuple[str, list[_Failure]]: ...
    def read(
        self, pages: Sequence[Tuple[str, _Data]]
    ) -> Tuple[list[Tuple[int, str, str]], list[_Failure]]: ...
    def link(self, articles: Sequence[Tuple[str, str]]) -> str: ...
    def analyze_columns(self, names: _ColIn, data: _ColIn) -> Tuple[list[_ColOut], list[_Failure]]: ...
    def read_columns(self, names: _ColIn, data: _ColIn) -> list[_ColOut]: ...
    def link_columns(self, links: _ColIn) -> list[_ColOut]: ...
    def merge_columns(self, record: _ColIn, linked: _ColIn) -> list[_ColOut]: ...

def record_columns() -> list[Tuple[str, str]]: ...
def record_from_fields(fields: str) -> str: ...
