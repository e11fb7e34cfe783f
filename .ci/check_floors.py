#!/usr/bin/env python3
"""Compares the scorers' JSON output with .ci/floors.json; exits 1 on any figure below its
floor (or above it, for a key ending in `_max`), and on any floor group left unmeasured.

usage: check_floors.py FLOORS SEEDS_SCORE_JSON AEB_SCORE_JSON TIMELINE_SCORE_JSON [GROUP=JSON ...]

GROUP is one of:
  vi_html       vi_html_score.py --json on ../shared/dev/vi_html
  phenikaa vmds corpus_score.py --json on the pages as they are (records, printed dates, stories)
  undated_phenikaa undated_vmds  corpus_score.py --json on the pages without their stamp line
  wcxb          wcxb_score.py --json
  dev           score.py --json on ../shared/gold/dev
  distractors   crates/bantin/tests/annotations/score_events.py --json
  distractors2  the same on events_distractors2.json (a second set of pages)
  summary       summary_score.py --json (ratios to the LexRank peer)
  topics        corpus_score.py --json --field topic on phenikaa
  mixed         corpus_score.py --json on vmds mixed with the distractors"""
import json, sys


def score_py(group, d):
    """The figures of score.py's JSON (seeds, gold/dev)."""
    out = {
        "body_lines_f1": d["body_lines"]["f1"],
        "articles_matched": d["articles"]["matched"],
        "titles_ok": d["titles"]["ok"],
        "published_ok": d["published"]["ok"],
        "entities_f1": d["entities"]["f1"],
        "linking_b3_f1": d["linking_b3"]["f1"],
        "times_f1": d["times"]["f1"],
        "times_value_accuracy": d["times"]["value_accuracy"],
        "quotes_f1": d["quotes"]["f1"],
        "quotes_speaker_accuracy": d["quotes"]["speaker_ok"] / max(1, d["quotes"]["tp"]),
        "events_f1": d["events"]["f1"],
        "stories_b3_f1": (d.get("stories_b3") or {}).get("f1", 0.0),
    }
    for t, v in (d.get("entities_by_type") or {}).items():
        out[f"{t.lower()}_f1"] = v["f1"]
    return {(group, k): v for k, v in out.items()}


def corpus(group, d):
    out = {}
    if "pages_with_one_record" in d:
        out["pages_with_one_record"] = d["pages_with_one_record"]
    dates = d.get("dates") or {}
    if dates:
        n = max(1, dates.get("n", 1))
        out["dates_exact"] = dates.get("exact")
        out["wrong_year_max"] = dates.get("wrong_year", 0) / n
        out["day_month_1d"] = dates.get("day_month_within_1d", 0) / n
    if isinstance(d.get("stories_b3"), dict):
        out["b3_f1"] = d["stories_b3"].get("f1")
    if d.get("largest_cluster") is not None:
        out["largest_max"] = d["largest_cluster"]
    return {(group, k): v for k, v in out.items() if v is not None}


floors = json.load(open(sys.argv[1]))
seeds = json.load(open(sys.argv[2]))
have = score_py("seeds", seeds)
have[("aeb", "f1")] = json.load(open(sys.argv[3]))["f1"]
have[("timeline", "date_f1")] = json.load(open(sys.argv[4]))["date_f1"]
for arg in sys.argv[5:]:
    group, _, path = arg.partition("=")
    d = json.load(open(path))
    if group == "vi_html":
        for k in ["one_article", "title", "day", "minute", "first_para", "last_para", "length", "author"]:
            have[(group, k)] = d[k]
    elif group in ("phenikaa", "vmds", "undated_phenikaa", "undated_vmds", "topics", "mixed"):
        have.update(corpus(group, d))
    elif group == "wcxb":
        have[(group, "f1")] = d["f1"]
        have[(group, "author")] = int(d["author"].split("/")[0])
        have[(group, "day")] = int(d["day"].split("/")[0])
    elif group == "dev":
        have.update(score_py(group, d))
    elif group in ("distractors", "distractors2"):
        have[(group, "events_f1")] = d["events"]["f1"]
    elif group == "summary":
        have[(group, "rouge2_over_lexrank")] = round(d["bantin"]["r2"] / max(d["lexrank"]["r2"], 1e-9), 3)
        have[(group, "rouge1_over_lexrank")] = round(d["bantin"]["r1"] / max(d["lexrank"]["r1"], 1e-9), 3)
    else:
        sys.exit(f"check_floors.py: unknown group {group!r}")
failed = 0
for group, items in floors.items():
    if group.startswith("_"):
        continue
    for key, floor in items.items():
        got = have.get((group, key))
        if key.endswith("_max"):
            ok = got is not None and got <= floor
        else:
            ok = got is not None and got >= floor
        failed += not ok
        shown = round(got, 4) if isinstance(got, float) else got
        print(f"{'ok  ' if ok else 'FAIL'} {group}.{key}: {shown} ({'ceiling' if key.endswith('_max') else 'floor'} {floor})")
if seeds.get("problems"):
    for p in seeds["problems"]:
        print("problem:", p)
    failed += 1
sys.exit(1 if failed else 0)
