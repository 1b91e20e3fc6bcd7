#!/usr/bin/env python3
"""Compares the fields of testdata/tables/*.gold.jsonl that the shared scorer
does not look at with jixiao's output: a project's table_type, budget and
tasks, an indicator's actual, weight, score, deviation, direction,
explanation, scoring, remark and value_type.

  check-fields.py GOLD.jsonl OUTPUT.json [-v]
  check-fields.py --gold-dir DIR --out-dir DIR [-v]   every DIR/NAME.gold.jsonl

Text is compared after NFKC with spaces removed (jixiao's normalization);
values by kind, op, number, unit, date and base. The last line is
`fields: RIGHT/TOTAL`; the exit status is 1 when any is wrong.
"""
import argparse
import json
import os
import sys
import unicodedata

TEXT_FIELDS = ("deviation", "direction", "explanation", "scoring", "remark", "value_type")


def squash(text):
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def same_number(a, b):
    return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9


def value_errors(want, got, where):
    if not isinstance(got, dict):
        return [f"{where}: want {want}, got {got!r}"]
    errors = []
    for key in ("kind", "op", "unit", "date", "from", "to"):
        if key in want and want[key] != got.get(key):
            errors.append(f"{where}.{key}: want {want[key]!r} got {got.get(key)!r}")
    for key in ("number", "min", "max"):
        if key in want and want[key] is not None and not same_number(want[key], got.get(key)):
            errors.append(f"{where}.{key}: want {want[key]!r} got {got.get(key)!r}")
    if "base" in want and not same_number(want["base"], (got.get("base") or {}).get("number")):
        errors.append(f"{where}.base: want {want['base']!r} got {got.get('base')!r}")
    if "subject" in want and squash(want["subject"]) != squash(got.get("subject")):
        errors.append(f"{where}.subject: want {want['subject']!r} got {got.get('subject')!r}")
    return errors


def check(gold_path, out_path):
    """Returns (right, total, errors)."""
    with open(gold_path, encoding="utf-8") as f:
        gold = [json.loads(line) for line in f if line.strip()]
    with open(out_path, encoding="utf-8") as f:
        text = f.read()
    out = json.loads(text)["projects"] if text.lstrip().startswith("{") else \
        [json.loads(line) for line in text.splitlines() if line.strip()]
    right = total = 0
    errors = []

    def tally(errs, where):
        nonlocal right, total
        total += 1
        if errs:
            errors.extend(errs)
        else:
            right += 1

    projects = {}
    for g in (r for r in gold if r["t"] == "project"):
        p = next((p for p in out if squash(p.get("name")) == squash(g["name"])), None)
        where = f"{os.path.basename(gold_path)}: project {g['name']}"
        if p is None:
            errors.append(f"{where}: not found")
            continue
        projects[g["i"]] = p
        tally([] if p.get("table_type") == g["table_type"] else
              [f"{where}.table_type: want {g['table_type']!r} got {p.get('table_type')!r}"], where)
        if "budget" in g:
            b = p.get("budget") or {}
            for key, want in g["budget"].items():
                w = f"{where}.budget.{key}"
                if isinstance(want, dict):
                    tally(value_errors(want, b.get(key), w), w)
                else:
                    tally([] if same_number(want, b.get(key)) else [f"{w}: want {want} got {b.get(key)}"], w)
        if "tasks" in g:
            got = p.get("tasks") or []
            for k, want in enumerate(g["tasks"]):
                w = f"{where}.tasks[{k}]"
                t = got[k] if k < len(got) else {}
                errs = [f"{w}.{key}: want {want[key]!r} got {t.get(key)!r}" for key in ("name", "content")
                        if squash(want[key]) != squash(t.get(key))]
                errs += value_errors(want["amount"], t.get("amount"), w + ".amount")
                tally(errs, w)
            tally([] if len(got) == len(g["tasks"]) else
                  [f"{where}.tasks: want {len(g['tasks'])} got {len(got)}"], where)
    used = set()
    for g in (r for r in gold if r["t"] == "ind"):
        p = projects.get(g["p"])
        if p is None:
            continue
        where = f"{os.path.basename(gold_path)}: project {g['p']} indicator {g['name']}"
        match = next((k for k, i in enumerate(p.get("indicators", []))
                      if (g["p"], k) not in used and squash(i.get("name")) == squash(g["name"])), None)
        if match is None:
            errors.append(f"{where}: not found")
            continue
        used.add((g["p"], match))
        ind = p["indicators"][match]
        if "actual" in g:
            tally(value_errors(g["actual"], ind.get("actual"), where + ".actual"), where)
        for key in ("weight", "score"):
            if key in g:
                tally([] if same_number(g[key], ind.get(key)) else
                      [f"{where}.{key}: want {g[key]} got {ind.get(key)}"], where)
        for key in TEXT_FIELDS:
            if key in g:
                tally([] if squash(g[key]) == squash(ind.get(key)) else
                      [f"{where}.{key}: want {g[key]!r} got {ind.get(key)!r}"], where)
            elif key in ind:
                tally([f"{where}.{key}: want none got {ind[key]!r}"], where)
    return right, total, errors


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?")
    ap.add_argument("output", nargs="?")
    ap.add_argument("--gold-dir")
    ap.add_argument("--out-dir")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    jobs = []
    if args.gold_dir:
        for name in sorted(os.listdir(args.gold_dir)):
            if name.endswith(".gold.jsonl"):
                jobs.append((os.path.join(args.gold_dir, name),
                             os.path.join(args.out_dir, name[:-len(".gold.jsonl")] + ".json")))
    elif args.gold and args.output:
        jobs.append((args.gold, args.output))
    else:
        ap.error("give GOLD OUTPUT or --gold-dir and --out-dir")
    right = total = 0
    errors = []
    for gold, out in jobs:
        r, t, e = check(gold, out)
        right, total, errors = right + r, total + t, errors + e
    if args.verbose or errors:
        print("\n".join(errors))
    print(f"fields: {right}/{total}")
    return 0 if right == total and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
