#!/usr/bin/env python3
"""Compares the scorers' JSON output with .ci/floors.json; exits 1 on any figure below its floor.

usage: check_floors.py FLOORS SEEDS_SCORE_JSON AEB_SCORE_JSON [TIMELINE_SCORE_JSON] [NAME=CORPUS_SCORE_JSON]...
A NAME=FILE argument (corpus_score.py --json output) gives corpora.NAME_b3_f1 and
corpora.NAME_largest_max (a ceiling: the largest predicted cluster)."""
import json, sys

corpora = dict(a.split("=", 1) for a in sys.argv[2:] if "=" in a)
sys.argv = [a for a in sys.argv if "=" not in a]

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
for name, path in corpora.items():
    c = json.load(open(path))
    have[("corpora", name + "_b3_f1")] = c["stories_b3"]["f1"]
    have[("corpora", name + "_largest_max")] = c["largest_cluster"]
failed = 0
for group, items in floors.items():
    if group.startswith("_"):
        continue
    for key, floor in items.items():
        got = have.get((group, key))
        ok = got is not None and (got <= floor if key.endswith("_max") else got >= floor)
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {group}.{key}: {got} (floor {floor})")
if seeds.get("problems"):
    for p in seeds["problems"]:
        print("problem:", p)
    failed += 1
sys.exit(1 if failed else 0)
