#!/usr/bin/env python3
"""Compares the scorers' JSON output with .ci/floors.json; exits 1 on any figure below its floor.

usage: check_floors.py FLOORS SEEDS_SCORE_JSON AEB_SCORE_JSON [TIMELINE_SCORE_JSON [NAME=JSON ...]]"""
import json, sys

floors = json.load(open(sys.argv[1]))
seeds = json.load(open(sys.argv[2]))
aeb = json.load(open(sys.argv[3]))
have = {
    ("seeds", "body_lines_f1"): seeds["body_lines"]["f1"],
    ("seeds", "articles_matched"): seeds["articles"]["matched"],
    ("seeds", "titles_ok"): seeds["titles"]["ok"],
    ("seeds", "published_ok"): seeds["published"]["ok"],
    ("seeds", "entities_f1"): seeds["entities"]["f1"],
    ("seeds", "linking_b3_f1"): seeds["linking_b3"]["f1"],
    ("seeds", "times_f1"): seeds["times"]["f1"],
    ("seeds", "times_value_accuracy"): seeds["times"]["value_accuracy"],
    ("seeds", "quotes_f1"): seeds["quotes"]["f1"],
    ("seeds", "quotes_speaker_accuracy"): seeds["quotes"]["speaker_ok"] / max(1, seeds["quotes"]["tp"]),
    ("seeds", "events_f1"): seeds["events"]["f1"],
    ("seeds", "stories_b3_f1"): (seeds.get("stories_b3") or {}).get("f1", 0.0),
    ("aeb", "f1"): aeb["f1"],
}
if len(sys.argv) > 4:
    have[("timeline", "date_f1")] = json.load(open(sys.argv[4]))["date_f1"]
# optional NAME=FILE arguments: undated pages (corpus_score.py --json), gold/dev (score.py --json)
for arg in sys.argv[5:]:
    name, _, path = arg.partition("=")
    d = json.load(open(path))
    if name in ("phenikaa", "vmds"):
        dates = d["dates"]
        n = max(1, dates["n"])
        # a "_max" floor is a ceiling: the figure must stay at or below it
        have[("undated", f"{name}_wrong_year_max")] = -dates["wrong_year"] / n
        have[("undated", f"{name}_day_month_1d")] = dates["day_month_within_1d"] / n
    elif name == "gold_dev":
        have[("gold_dev", "times_value_accuracy")] = d["times"]["value_accuracy"]
failed = 0
for group, items in floors.items():
    if group.startswith("_"):
        continue
    for key, floor in items.items():
        got = have.get((group, key))
        if key.endswith("_max"):
            got = None if got is None else -got
            ok = got is not None and got <= floor
        else:
            ok = got is not None and got >= floor
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {group}.{key}: {got} (floor {floor})")
if seeds.get("problems"):
    for p in seeds["problems"]:
        print("problem:", p)
    failed += 1
sys.exit(1 if failed else 0)
