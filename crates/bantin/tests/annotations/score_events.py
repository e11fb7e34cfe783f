#!/usr/bin/env python3
"""Scores the events of bantin records against an annotation file of this folder
(events_distractors.json: actors and places as byte spans of the page files, no text).

A predicted event is right when its type is the annotated one, its date agrees (month and
day when either side has no year; any date when the annotation has none) and one of its
actors is an annotated actor: an entity whose mention span overlaps an annotated actor span,
or which is written the same way. Optional events absorb a prediction without counting.

usage: score_events.py RECORDS.jsonl [--annotations FILE] [--pages DIR] [--json]
"""
import argparse, json, os, unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def nfc(s):
    return unicodedata.normalize("NFC", s).strip().lower()


def same_date(pred, gold):
    if gold is None:
        return True
    if not pred:
        return False
    p, g = pred.split("T")[0], gold.split("T")[0]
    if p == g:
        return True
    if p.startswith("XXXX") or g.startswith("XXXX"):
        return p[4:] == g[4:]
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("records")
    ap.add_argument("--annotations", default=str(HERE / "events_distractors.json"))
    ap.add_argument("--pages")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    ann = json.loads(Path(args.annotations).read_text())
    pages = Path(args.pages or (HERE / "../../../.." / ann["pages"]))
    recs = defaultdict(list)
    for line in open(args.records, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            recs[os.path.basename(r["source"])].append(r)
    tp = fp = fn = 0
    rows = []
    for a in ann["articles"]:
        raw = (pages / a["file"]).read_bytes()
        text = lambda sp: nfc(raw[sp[0]:sp[1]].decode("utf-8"))

        def actors_of(ge):
            return [(tuple(sp), text(sp)) for sp in ge["actors"]]

        left = list(a["events"])
        opt = list(a["optional_events"])
        for r in recs.get(a["file"], []):
            ents = defaultdict(list)
            for e in r.get("entities", []):
                ents[e["id"]].append((tuple(e["span"]), nfc(e["text"])))
            for ev in r.get("events", []):
                mine = [m for x in ev.get("actors", []) for m in ents.get(x, [])]

                def fits(ge):
                    if ge["type"] != ev.get("type") or not same_date(ev.get("date"), ge["date"]):
                        return False
                    for (gs, gt) in actors_of(ge):
                        for (ms, mt) in mine:
                            if mt == gt or (ms[0] < gs[1] and gs[0] < ms[1]):
                                return True
                    return False

                hit = next((g for g in left if fits(g)), None)
                if hit:
                    left.remove(hit)
                    tp += 1
                    rows.append(("tp", a["file"], ev["type"], ev.get("date")))
                    continue
                hit = next((g for g in opt if fits(g)), None)
                if hit:
                    opt.remove(hit)
                    rows.append(("opt", a["file"], ev["type"], ev.get("date")))
                    continue
                fp += 1
                rows.append(("fp", a["file"], ev["type"], ev.get("date")))
        for g in left:
            fn += 1
            rows.append(("fn", a["file"], g["type"], g["date"]))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    out = {"events": {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}}
    if args.json:
        print(json.dumps(out))
    else:
        for row in rows:
            print(*row)
        e = out["events"]
        print(f"events          P {e['p']:.3f}  R {e['r']:.3f}  F1 {e['f1']:.3f}  (tp {tp} fp {fp} fn {fn})")


if __name__ == "__main__":
    main()
