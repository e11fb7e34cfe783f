#!/usr/bin/env python3
"""End-to-end check of the web pages in headless Chromium, driven through WebDriver
(Debian's chromium-driver) with nothing but the standard library: type a query without tone
marks, open a story from the hits, open an article from the story, take a screenshot.
usage: web_check.py BASE_URL SHOT.png QUERY EXPECTED_IN_FIRST_HIT"""
import base64, json, shutil, socket, subprocess, sys, tempfile, time, urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,1600"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.loads(r.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            sys.exit(f"web check: WebDriver {method} {path}: {e.read().decode()[:500]}")

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def find(self, css, wait=10.0):
        end = time.time() + wait
        while True:
            found = self.s("POST", "/elements", {"using": "css selector", "value": css})
            if found:
                return [f[ELEMENT] for f in found]
            if time.time() > end:
                sys.exit(f"web check: nothing matches {css!r} on {self.s('GET', '/url')}")
            time.sleep(0.1)

    def text(self, el):
        return self.s("GET", f"/element/{el}/text")

    def click(self, el):
        self.s("POST", f"/element/{el}/click", {})


def main():
    base, shot, query, expected = sys.argv[1:5]
    driver_bin = shutil.which("chromedriver") or sys.exit("web check: no chromedriver (.ci/setup-browser)")
    browser = shutil.which("chromium") or sys.exit("web check: no chromium (.ci/setup-browser)")
    port = free_port()
    proc = subprocess.Popen([driver_bin, f"--port={port}"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    profile = tempfile.mkdtemp()
    try:
        d = Driver(port)
        for _ in range(100):
            try:
                if d.call("GET", "/status").get("ready"):
                    break
            except Exception:
                pass
            time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": browser, "args": FLAGS + [f"--user-data-dir={profile}"]}}}}
        d.session = d.call("POST", "/session", caps)["sessionId"]
        d.s("POST", "/url", {"url": base + "/"})
        box = d.find("form.search input[name=q]")[0]
        d.s("POST", f"/element/{box}/value", {"text": query})
        d.click(d.find("form.search button")[0])
        hits = d.find("ol.hits a.hit")
        first = d.text(hits[0])
        if expected.lower() not in first.lower():
            sys.exit(f"web check: first hit for {query!r} is {first!r}, expected {expected!r} in it")
        marks = d.find("ol.hits .snippet b")
        print(f"web check: search {query!r}: {len(hits)} hits, first {first!r}, {len(marks)} words highlighted")
        d.click(d.find("ol.hits a[href^='/stories/']")[0])
        title = d.text(d.find("h1")[0])
        d.find("svg circle")
        print(f"web check: story {d.s('GET', '/url')}: {title!r} with its timeline chart")
        d.click(d.find("a.article")[0])
        people = d.find("article mark.PER")
        dates = d.find("article mark.TIME", wait=2) if True else []
        print(f"web check: article {d.s('GET', '/url')}: {len(people)} people and {len(dates)} dates marked")
        png = base64.b64decode(d.s("GET", "/screenshot"))
        open(shot, "wb").write(png)
        print(f"web check: screenshot {shot} ({len(png)} bytes)")
        d.s("DELETE", "")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
