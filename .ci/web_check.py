#!/usr/bin/env python3
"""End-to-end check of the web pages in headless Chromium, driven through WebDriver
(Debian's chromium-driver) with nothing but the standard library: type a query without tone
marks, open a story from the hits, open an article from the story, search by filters alone;
on every page, no file path and no raw id is shown, the story page names people in full,
the home chart has one row per listed story, every story is titled on its page as on the
home page, an outlet typed without tone marks finds its articles, and events read as sentences. Screenshots of
the home, story and article pages (1280 px wide) are written to SHOTS_DIR.
usage: web_check.py BASE_URL SHOTS_DIR QUERY EXPECTED_IN_FIRST_HIT"""
import base64, json, os, re, shutil, socket, subprocess, sys, tempfile, time, unicodedata
import urllib.parse, urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,1600", "--hide-scrollbars"]


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


def fold(s):
    """What a user types without tone marks: `Dân trí` → `dan tri`."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def api(base, path):
    with urllib.request.urlopen(base + path, timeout=60) as r:
        return json.loads(r.read())


EVENT_CODES = re.compile(r"\b(VISIT|MEET|SIGN|INVITE|DEPLOY|RETURN)\b")


def body_text(d):
    return d.s("POST", "/execute/sync", {"script": "return document.body.innerText", "args": []})


def check_clean(d, what, raw_ids, sources):
    """No file path or raw id in what the page shows."""
    text = body_text(d)
    for src in sources:
        folder = os.path.dirname(src)
        if folder and folder in text:
            sys.exit(f"web check: {what} shows the path {folder!r}")
    m = re.search(r"(?:[A-Za-z]:)?(?:[\\/][\w.-]+){2,}\.(?:txt|html?|gz)\b", text)
    if m:
        sys.exit(f"web check: {what} shows the file path {m.group(0)!r}")
    m = re.search(r"\bstory-\d+\b|\btopic-\d+\b|#\d+ ¶", text)
    if m:
        sys.exit(f"web check: {what} shows the raw id {m.group(0)!r}")
    words = set(re.findall(r"[\w-]+", text))
    shown = sorted(i for i in raw_ids if i in words)
    if shown:
        sys.exit(f"web check: {what} shows entity ids {shown[:5]}")
    return text


def full_name(variants):
    """The spelling with the most words, then the most used (bantin::display::canonical_name)."""
    return max(variants, key=lambda v: (len(v[0].split()), v[1], v[0]))[0]


def shoot(d, shots, name):
    png = base64.b64decode(d.s("GET", "/screenshot"))
    path = os.path.join(shots, f"{name}.png")
    open(path, "wb").write(png)
    print(f"web check: screenshot {path} ({len(png)} bytes)")


def main():
    base, shots, query, expected = sys.argv[1:5]
    os.makedirs(shots, exist_ok=True)
    # what must never be shown: entity ids with a hyphen (spellings have none) and folders
    ents = api(base, "/api/entities?limit=1000")
    raw_ids = {e["id"] for e in ents if "-" in e["id"] and e["id"] not in
               {w for x in ents for v in x["variants"] for w in v[0].split()}}
    arts = api(base, "/api/articles?limit=1000")
    sources = {a["source"] for a in arts}
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
        d.find("ul.stories li")
        check_clean(d, "the home page", raw_ids, sources)
        rows = d.find("svg.stories-chart a.row")
        listed = d.find("ul.stories li")
        if len(rows) != len(listed):
            sys.exit(f"web check: the chart has {len(rows)} rows for {len(listed)} stories")
        print(f"web check: home: {len(rows)} chart rows for {len(listed)} stories")
        shoot(d, shots, "home")
        # every story is named on its page as the home page lists it
        listed_titles = [(d.text(a), d.s("GET", f"/element/{a}/attribute/href"))
                         for a in d.find("ul.stories li a.story")]
        for name, href in listed_titles:
            d.s("POST", "/url", {"url": base + href if href.startswith("/") else href})
            h1 = d.text(d.find("h1")[0])
            if h1 != name:
                sys.exit(f"web check: the story listed as {name!r} is titled {h1!r} on its page")
        print(f"web check: {len(listed_titles)} stories titled on their pages as on the home page")
        d.s("POST", "/url", {"url": base + "/"})
        box = d.find("form.search input[name=q]")[0]
        d.s("POST", f"/element/{box}/value", {"text": query})
        d.click(d.find("form.search button")[0])
        hits = d.find("ol.hits a.hit")
        first = d.text(hits[0])
        if expected.lower() not in first.lower():
            sys.exit(f"web check: first hit for {query!r} is {first!r}, expected {expected!r} in it")
        marks = d.find("ol.hits .snippet b")
        check_clean(d, "the hits", raw_ids, sources)
        print(f"web check: search {query!r}: {len(hits)} hits, first {first!r}, {len(marks)} words highlighted")
        d.click(d.find("ol.hits a[href^='/stories/']")[0])
        title = d.text(d.find("h1")[0])
        d.find("svg circle")
        url = d.s("GET", "/url")
        story_id = url.rstrip("/").rsplit("/", 1)[-1]
        check_clean(d, "the story page", raw_ids, sources)
        story = api(base, f"/api/stories/{story_id}")["story"]
        chips = [d.text(c) for c in d.find("a.chip.PER", wait=2)]
        shown = [e for e in story["entities"] if e["type"] != "MISC"][:40]
        for e in shown:
            if e["type"] != "PER":
                continue
            want = full_name(e["variants"])
            if len(want.split()) > 1 and not any(c.startswith(want + " ") or c == want for c in chips):
                sys.exit(f"web check: the story page does not name {want!r} in full (chips {chips[:8]})")
        print(f"web check: story {url}: {title!r} with its timeline chart, {len(chips)} people named in full")
        shoot(d, shots, "story")
        d.click(d.find("a.article")[0])
        people = d.find("article mark.PER")
        dates = d.find("article mark.TIME", wait=2)
        check_clean(d, "the article page", raw_ids, sources)
        print(f"web check: article {d.s('GET', '/url')}: {len(people)} people and {len(dates)} dates marked")
        shoot(d, shots, "article")
        # every article's record, read once: the first with events, the first with an outlet
        records = [(a["id"], api(base, f"/api/articles/{a['id']}")["record"]) for a in arts]
        with_events = next((i for i, rec in records if rec.get("events")), None)
        outlet = next((rec["outlet"] for _, rec in records if rec.get("outlet")), None)
        # an article with events: each reads as a sentence
        if with_events is not None:
            d.s("POST", "/url", {"url": f"{base}/articles/{with_events}"})
            lines = [d.text(li) for li in d.find("ul.events li")]
            for line in lines:
                if EVENT_CODES.search(line) or "@" in line or " · " in line or len(line.split()) < 3:
                    sys.exit(f"web check: the event line {line!r} does not read as a sentence")
            check_clean(d, "the article page with events", raw_ids, sources)
            print(f"web check: events read as sentences: {lines[0]!r}")
        # filters alone: people named, no words
        d.s("POST", "/url", {"url": base + "/"})
        d.s("POST", f"/element/{d.find('form.search select[name=type] option[value=PER]')[0]}/click", {})
        d.click(d.find("form.search button")[0])
        hits = d.find("ol.hits a.hit")
        check_clean(d, "the filtered hits", raw_ids, sources)
        print(f"web check: filters alone (people named): {len(hits)} hits")
        # filters alone: one outlet, typed without tone marks, in the form
        if outlet is not None:
            want = api(base, "/api/search?" + urllib.parse.urlencode({"outlet": outlet, "limit": 100}))
            d.s("POST", "/url", {"url": base + "/"})
            box = d.find("form.search input[name=outlet]")[0]
            d.s("POST", f"/element/{box}/value", {"text": fold(outlet)})
            d.click(d.find("form.search button")[0])
            hits = d.find("ol.hits a.hit")
            if want["total"] < 1 or len(hits) != min(want["total"], 20):
                sys.exit(f"web check: outlet {outlet!r}: {len(hits)} hits on the page, "
                         f"{want['total']} from the API")
            labels = [d.text(m) for m in d.find("ol.hits li > span.meta")]
            if not all(m.startswith(outlet) for m in labels):
                sys.exit(f"web check: outlet {outlet!r}: hits labelled {labels[:3]}")
            check_clean(d, "the hits of one outlet", raw_ids, sources)
            print(f"web check: filters alone (outlet {fold(outlet)!r}): {len(hits)} hits")
        d.s("DELETE", "")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
