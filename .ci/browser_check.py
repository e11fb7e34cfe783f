#!/usr/bin/env python3
"""Opens an HTML page in headless Chromium (Debian's `chromium`): takes a screenshot and
checks that it is not blank, and that the rendered DOM holds what the page must show.
usage: browser_check.py PAGE.html SHOT.png [--expect TEXT]... [--reject REGEX]...
(--reject: a pattern the page's visible text must not match, e.g. a file path)"""
import argparse, html, re, shutil, struct, subprocess, sys, tempfile, zlib
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    sys.exit("browser check: no chromium (install Debian's chromium package: .ci/setup-browser)")


def png_pixels(path):
    """Width, height and RGBA rows of a PNG as Chromium writes it (8-bit RGB/RGBA)."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "unexpected PNG format"
            bpp = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("shot")
    ap.add_argument("--expect", action="append", default=[])
    ap.add_argument("--reject", action="append", default=[])
    a = ap.parse_args()
    url = Path(a.page).resolve().as_uri()
    with tempfile.TemporaryDirectory() as profile:
        base = [chromium(), *FLAGS, f"--user-data-dir={profile}", "--window-size=1280,1600"]
        subprocess.run(base + [f"--screenshot={Path(a.shot).resolve()}", url], check=True,
                       capture_output=True, timeout=120)
        dom = subprocess.run(base + ["--dump-dom", url], check=True, capture_output=True,
                             timeout=120).stdout.decode("utf-8", "replace")
    w, h, bpp, rows = png_pixels(a.shot)
    inked = sum(1 for r in rows for i in range(0, len(r), bpp) if min(r[i:i + 3]) < 200)
    share = inked / (w * h)
    missing = [t for t in a.expect if t not in dom]
    print(f"browser check: {w}x{h} screenshot, {share:.1%} of pixels inked, "
          f"{len(dom)} bytes of DOM, {len(a.expect) - len(missing)}/{len(a.expect)} expected texts")
    if share < 0.01:
        sys.exit("browser check: the screenshot is blank")
    if missing:
        sys.exit(f"browser check: not in the rendered page: {missing}")
    body = re.sub(r"(?s)<(style|script|title)\b.*?</\1>", " ", dom)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    for pat in a.reject:
        m = re.search(pat, text)
        if m:
            sys.exit(f"browser check: the page shows {m.group(0)!r} (matches {pat!r})")


if __name__ == "__main__":
    main()
