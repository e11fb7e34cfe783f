#!/usr/bin/env bash
# Load test of `bantin serve`: a store of generated articles (100,000 by default, built by
# the store bench when missing), mixed requests from wrk (Debian's package) for a minute on
# loopback, while another process (`bantin ingest`) adds INGEST=10000 new generated pages to
# the same store. Fails when any request errs, the rate is under 1,000 requests/s, the p99
# latency is 50 ms or more, or the ingest fails.
# usage: bench/load.sh [STORE_DIR] [SECONDS]     (ARTICLES=20000 for a smaller store;
#        UNCACHED=1 so that no search is answered from the server's cache; INGEST=0 for
#        reads alone)
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-target/load-store}
secs=${2:-60}
articles=${ARTICLES:-100000}
if [ ! -f "$store/bantin.sqlite" ]; then
  echo "== building a store of $articles generated articles in $store"
  BANTIN_BENCH_ARTICLES=$articles BANTIN_BENCH_STORE="$(realpath -m "$store")" \
    cargo bench -q -p bantin-store --bench store
fi
if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" != 0 ] && sudo=sudo
  $sudo apt-get install -y -qq wrk >/dev/null
fi
cargo build --release -q
ingest=${INGEST:-10000}
pages=$(mktemp -d)
python3 - "$pages" "$ingest" <<'PY'
import os, sys
out, n = sys.argv[1], int(sys.argv[2])
places = ["Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "Hải Phòng", "Nha Trang", "Vinh", "Quy Nhơn"]
things = ["cây cầu", "bệnh viện", "trường học", "nhà máy nước", "tuyến buýt", "công viên"]
for i in range(n):
    p, t = places[i % len(places)], things[(i // 8) % len(things)]
    with open(os.path.join(out, f"load{i:06d}.txt"), "w") as f:
        f.write(f"{p} khánh thành {t} mới số {i}\n"
                f"Ngày {1 + i % 28}/{1 + i % 12}/2025, {p} khánh thành {t} mới số {i} với tổng vốn {100 + i % 900} tỷ đồng. "
                f"Ông Đỗ Minh Quân{i} cho biết công trình phục vụ khoảng {10 + i % 90} nghìn người dân.\n"
                f"Theo kế hoạch, giai đoạn hai hoàn thành trong năm {2026 + i % 3}.\n")
PY
n=$(target/release/bantin stats --store "$store" | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
target/release/bantin serve --store "$store" --addr "127.0.0.1:$port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$pages"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/stats" >/dev/null && break; sleep 0.1; done
echo "== wrk: $secs s of mixed requests (uncached searches: ${UNCACHED:-0}) on a store of $n articles ($(nproc) cores, server and wrk on the same machine)"
ingest_rc=0
if [ "$ingest" -gt 0 ]; then
  echo "== meanwhile: bantin ingest of $ingest new pages into the same store (another process)"
  ( started=$(date +%s.%N)
    target/release/bantin ingest "$pages" --store "$store" -q
    echo "ingest: done in $(python3 -c "import time; print(round(time.time() - $started, 1))") s" ) &
  ingester=$!
fi
out=$(LOAD_ARTICLES=$n UNCACHED=${UNCACHED:-0} wrk -t2 -c32 -d"${secs}s" --latency -s bench/load.lua "http://127.0.0.1:$port")
echo "$out"
if [ "$ingest" -gt 0 ]; then
  echo "== waiting for the ingest to end"
  wait $ingester || ingest_rc=$?
  target/release/bantin stats --store "$store"
fi
python3 - "$out" "$ingest_rc" <<'PY'
import re, sys
out = sys.argv[1]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
total = int(re.search(r"(\d+) requests in", out).group(1))
non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
sock = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
unit = {"us": 1e-3, "ms": 1.0, "s": 1e3}
m = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
p99 = float(m.group(1)) * unit[m.group(2)]
ingest_rc = int(sys.argv[2])
print(f"load: {total} requests, {rps:.0f} requests/s, p99 {p99:.1f} ms, {non2xx} non-2xx, {sock} socket errors; ingest exit {ingest_rc}")
sys.exit(0 if rps >= 1000 and non2xx == 0 and sock == 0 and p99 < 50 and ingest_rc == 0 else 1)
PY
