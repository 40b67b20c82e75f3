#!/usr/bin/env python3
"""Check story.jsonl (cross-document event gold) against gold/events.jsonl.

    python3 check_story.py [--story story.jsonl] [--gold .../gold/events.jsonl]

Standard library only.  Exit status 0 when every check passes, 1 otherwise.

Checks
  1. every line of story.jsonl is a JSON object with id, type, summary, date, mentions,
     conflicts; ids are unique and look like E<digits>; date is null or {start <= end};
  2. every mention line 1..N of the gold file (N = 543) is used by exactly one event,
     and no event refers to a line outside 1..N;
  3. the gold types of the mentions in one event are compatible with each other and
     with the event's type (same type, or an allowed pair, see ALLOWED_TYPE_PAIRS);
  4. conflicts: field is one of count/date/place/killed/injured/agents, the event has
     mentions from 2+ documents, there are 2+ distinct values, every doc id occurs among
     the event's mentions, and every (value, doc) pair is backed by a mention of that
     doc in the event whose gold value is exactly that value;
  5. optional fields: `docs` (if present) equals the event's mention docs in order of
     first mention; `partial` (if present) is a subset of `mentions`.
Warnings (do not fail): two mentions of one event taken from the same sentence.
"""
import argparse
import json
import re
import sys

DEFAULT_GOLD = "/work/main/examples/news/gold/events.jsonl"
DEFAULT_STORY = __file__.rsplit("/", 1)[0] + "/story.jsonl" if "/" in __file__ else "story.jsonl"

# Cross-type pairs allowed inside one event.  Everything else must share one type.
#   accusation + statement: a speech act that both states and accuses, e.g. the
#   Interior Minister's state-TV remarks ("statement", Vireo) are the same happening as
#   his claim that the rally was funded from abroad ("accusation", Lanterna, Quayside).
# Not allowed (kept as separate events): arrest + espionage ("dismantled a network" is
# the exposure of the network, not the round-up), charge + conviction (11 March charges
# vs 12 May verdict), diplomatic + statement (a closure vs the ministry's comment on it),
# attack + arrest (the consulate attack vs the arrests after it).
ALLOWED_TYPE_PAIRS = {frozenset({"accusation", "statement"})}
CONFLICT_FIELDS = {"count", "date", "place", "killed", "injured", "agents"}


def compatible(a, b):
    return a == b or frozenset({a, b}) in ALLOWED_TYPE_PAIRS


def gold_value(m, field):
    v = m.get(field)
    if field == "date" and v is not None:
        v = {"start": v["start"], "end": v["end"]}
    return v


def same_value(a, b, field):
    if field == "date" and isinstance(a, dict):
        a = {"start": a.get("start"), "end": a.get("end")}
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--story", default=DEFAULT_STORY)
    ap.add_argument("--gold", default=DEFAULT_GOLD)
    a = ap.parse_args()

    errors, warnings = [], []
    gold = [json.loads(l) for l in open(a.gold, encoding="utf-8") if l.strip()]
    n = len(gold)

    events = []
    for i, line in enumerate(open(a.story, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            ev = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"story line {i}: bad JSON ({e})")
            continue
        for k in ("id", "type", "summary", "date", "mentions", "conflicts"):
            if k not in ev:
                errors.append(f"story line {i}: missing key {k!r}")
        events.append(ev)

    # 1. ids, dates
    seen = {}
    for ev in events:
        eid = ev.get("id")
        if not isinstance(eid, str) or not re.fullmatch(r"E\d+", eid):
            errors.append(f"bad id {eid!r}")
        if eid in seen:
            errors.append(f"duplicate id {eid}")
        seen[eid] = ev
        d = ev.get("date")
        if d is not None:
            if not (isinstance(d, dict) and re.fullmatch(r"\d{4}-\d\d-\d\d", str(d.get("start")))
                    and re.fullmatch(r"\d{4}-\d\d-\d\d", str(d.get("end"))) and d["start"] <= d["end"]):
                errors.append(f"{eid}: bad date {d!r}")

    # 2. every gold line exactly once
    owner = {}
    for ev in events:
        ms = ev.get("mentions") or []
        if not ms:
            errors.append(f"{ev.get('id')}: no mentions")
        for m in ms:
            if not isinstance(m, int) or not 1 <= m <= n:
                errors.append(f"{ev.get('id')}: mention {m!r} outside 1..{n}")
                continue
            if m in owner:
                errors.append(f"line {m} in both {owner[m]} and {ev.get('id')}")
            else:
                owner[m] = ev.get("id")
    missing = [m for m in range(1, n + 1) if m not in owner]
    if missing:
        errors.append(f"gold lines not in any event: {missing}")

    # 3. type compatibility
    for ev in events:
        ms = [m for m in ev.get("mentions", []) if isinstance(m, int) and 1 <= m <= n]
        types = sorted({gold[m - 1]["type"] for m in ms})
        for t in types:
            if not compatible(t, ev.get("type")):
                errors.append(f"{ev['id']}: mention type {t!r} incompatible with event type {ev.get('type')!r}")
        for i, t1 in enumerate(types):
            for t2 in types[i + 1:]:
                if not compatible(t1, t2):
                    errors.append(f"{ev['id']}: mention types {t1!r} and {t2!r} not allowed together")
        sents = {}
        for m in ms:
            key = (gold[m - 1]["doc_id"], gold[m - 1]["sentence"])
            if key in sents:
                warnings.append(f"{ev['id']}: lines {sents[key]} and {m} come from the same sentence")
            sents[key] = m

    # 4. conflicts
    for ev in events:
        ms = [m for m in ev.get("mentions", []) if isinstance(m, int) and 1 <= m <= n]
        docs = []
        for m in ms:
            if gold[m - 1]["doc_id"] not in docs:
                docs.append(gold[m - 1]["doc_id"])
        confs = ev.get("conflicts") or []
        if confs and len(docs) < 2:
            errors.append(f"{ev['id']}: conflicts listed but mentions come from one document")
        fields = [c.get("field") for c in confs]
        if len(fields) != len(set(fields)):
            errors.append(f"{ev['id']}: a conflict field is listed twice")
        for c in confs:
            f = c.get("field")
            if f not in CONFLICT_FIELDS:
                errors.append(f"{ev['id']}: conflict field {f!r} not in {sorted(CONFLICT_FIELDS)}")
                continue
            vals = c.get("values") or []
            keys = [json.dumps(v.get("value"), sort_keys=True) for v in vals]
            if len(vals) < 2:
                errors.append(f"{ev['id']}: conflict on {f} has fewer than two values")
            if len(keys) != len(set(keys)):
                errors.append(f"{ev['id']}: conflict on {f} repeats a value")
            for v in vals:
                if v.get("value") in (None, []):
                    errors.append(f"{ev['id']}: conflict on {f} lists a null value")
                if not v.get("docs"):
                    errors.append(f"{ev['id']}: conflict on {f} value {v.get('value')!r} has no docs")
                for d in v.get("docs") or []:
                    if d not in docs:
                        errors.append(f"{ev['id']}: conflict doc {d} is not among the event's mentions")
                        continue
                    if not any(gold[m - 1]["doc_id"] == d and same_value(v["value"], gold_value(gold[m - 1], f), f)
                               for m in ms):
                        errors.append(f"{ev['id']}: no mention in {d} has {f} = {v['value']!r}")

    # 5. optional fields
    for ev in events:
        ms = [m for m in ev.get("mentions", []) if isinstance(m, int) and 1 <= m <= n]
        if "docs" in ev:
            docs = []
            for m in sorted(ms):
                if gold[m - 1]["doc_id"] not in docs:
                    docs.append(gold[m - 1]["doc_id"])
            if ev["docs"] != docs:
                errors.append(f"{ev['id']}: docs field does not match the mentions' documents")
        if "partial" in ev and not set(ev["partial"]) <= set(ms):
            errors.append(f"{ev['id']}: partial lists lines that are not mentions of the event")

    # summary
    multi = [ev for ev in events
             if len({gold[m - 1]["doc_id"] for m in ev.get("mentions", []) if isinstance(m, int) and 1 <= m <= n}) >= 2]
    single_mention = sum(1 for ev in events if len(ev.get("mentions", [])) == 1)
    with_conf = [ev for ev in events if ev.get("conflicts")]
    print(f"gold mention lines: {n}; covered: {len(owner)}")
    print(f"events: {len(events)}; with mentions from 2+ documents: {len(multi)}; "
          f"single-mention events: {single_mention}")
    print(f"events with conflicts: {len(with_conf)} "
          f"({', '.join(ev['id'] + ':' + '/'.join(c['field'] for c in ev['conflicts']) for ev in with_conf)})")
    print("allowed cross-type pairs: " + ", ".join("+".join(sorted(p)) for p in ALLOWED_TYPE_PAIRS))
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"FAILED ({len(errors)} errors)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
