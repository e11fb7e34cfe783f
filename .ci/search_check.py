#!/usr/bin/env python3
"""Every article of a store must be found by a query typed without tone marks: for each
record, the first words of its title (or first paragraph), folded (tone marks and other
diacritics removed, đ -> d), are searched with `bantin search`; the article must be among
the hits, and first (or an article of the same title first) when the same words are typed
with their tone marks.
usage: search_check.py BANTIN STORE RECORDS.jsonl"""
import json, subprocess, sys, unicodedata


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower()


def words(s, n=10):
    ws = [w.strip('“”"‘’\'.,:;!?()') for w in s.split()]
    return " ".join([w for w in ws if w][:n])


def search(bantin, store, q):
    out = subprocess.run([bantin, "search", q, "--store", store, "--format", "jsonl", "--limit", "10"],
                         capture_output=True, text=True)
    return [json.loads(l) for l in out.stdout.splitlines() if l.strip()]


def main():
    bantin, store, records = sys.argv[1:4]
    found = first = total = 0
    for line in open(records, encoding="utf-8"):
        r = json.loads(line)
        text = (r.get("title") or {}).get("text") or (r["paragraphs"][0]["text"] if r["paragraphs"] else "")
        q = words(text)
        if not q:
            continue
        total += 1
        key = (r["source"], r["index"])
        hits = [(h["source"], h["index"]) for h in search(bantin, store, fold(q))]
        ok = key in hits
        found += ok
        top = search(bantin, store, q)
        title = (r.get("title") or {}).get("text")
        exact_first = bool(top) and ((top[0]["source"], top[0]["index"]) == key
                                     or (title is not None and top[0].get("title") == title))
        first += exact_first
        print(f"{'ok  ' if ok else 'MISS'} {'first' if exact_first else '     '} {fold(q)!r}  ->  {r['source']}#{r['index']}")
    print(f"search check: {found}/{total} articles found by queries without tone marks; "
          f"{first}/{total} ranked first with tone marks")
    sys.exit(0 if found == total and first == total else 1)


if __name__ == "__main__":
    main()
