#!/usr/bin/env python3
"""jixiao's own scorer: a conversion against hand-made gold records, so that
the accuracy floors run from the repository alone.

Gold is one JSON record a line (the format of testdata/fixtures/*.gold.jsonl):
{"t": "project", "i": N, "name": …, "year": …, "department": …, …} and
{"t": "ind", "p": N, "level1": …, "level2": …, "name": …, "value": {…}}.
An indicator is exact when it is found by name (NFKC, white space ignored)
in its project, with both levels and every value field the gold names right;
exact_f1 is the F1 of exact indicators over gold and output. `"value": null`
in gold means ambiguous: levels only.

  score_gold.py GOLD.jsonl OUTPUT.json [-v]
  score_gold.py --gold-dir G --out-dir O [-v]   every G/NAME.jsonl against
      O/NAME.json (or .jsonl), as the shared scorer (../shared/tools/score)
      takes them; the last line is the summary in the shared scorer's words
  score_gold.py --producers BIN FOLDER FLOOR   every FOLDER/NAME.pdf against
      NAME.gold.jsonl, one line per producer (the name's part before the
      first '-'); exit 1 if a producer is below FLOOR
  score_gold.py --layouts BIN FOLDER GOLD_FOLDER FLOORS   every FOLDER/NAME.LAYOUT.*
      against GOLD_FOLDER/NAME.gold.jsonl, one line per layout; exit 1 if a
      layout is below its floor (FLOORS: `0.97`, or `paragraphs:0.92 default:0.97`)
  (--producers and --layouts also exit 1 where the output has a project the
  gold does not name: a listing table or a heading read as a project)
"""
import json
import math
import os
import subprocess
import sys
import tempfile
import unicodedata

HEADER = ("year", "department", "implementer", "attribute", "period", "amount_yuan")
VALUE = ("kind", "op", "number", "min", "max", "unit", "base", "date", "from", "to", "subject")


def squash(text):
    return None if text is None else "".join(unicodedata.normalize("NFKC", str(text)).split())


def same(want, got):
    if isinstance(want, list):
        return any(same(w, got) for w in want)
    if isinstance(want, bool) or isinstance(got, bool):
        return want == got
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        return math.isclose(want, got, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(want, str) and isinstance(got, str):
        return squash(want) == squash(got)
    return want == got


def field(value, key):
    if not isinstance(value, dict):
        return None
    if key == "base":
        base = value.get("base")
        return base.get("number") if isinstance(base, dict) else None
    return value.get(key)


def value_ok(want, got):
    if want is None:
        return True
    if any(key in want and not same(want[key], field(got, key)) for key in VALUE):
        return False
    if "detail" in want:
        got_detail = got.get("detail") if isinstance(got, dict) else None
        if want["detail"] is None:
            return got_detail in (None, {})
        return value_ok(want["detail"], got_detail or {})
    return True


def amount_yuan(project):
    amount = project.get("amount")
    if not isinstance(amount, dict):
        return None
    base = amount.get("base")
    if isinstance(base, dict) and base.get("unit") == "元":
        return base.get("number")
    return amount.get("number") if amount.get("unit") in (None, "元") else None


def load_output(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        doc = json.loads(text)
        return doc.get("projects", []) if isinstance(doc, dict) else doc
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def score(gold_path, out_path, misses):
    """Counts (exact, gold indicators, output indicators, header right, header total)."""
    with open(gold_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    projects = load_output(out_path)
    by_name = {}
    for p in projects:
        by_name.setdefault(squash(p.get("name")), p)
    names = lambda rec: [squash(n) for n in (rec["name"] if isinstance(rec["name"], list) else [rec["name"]])]
    pairs, exact, gold_n, header_ok, header_n = {}, 0, 0, 0, 0
    used = set()
    for rec in records:
        if rec["t"] == "project":
            found = next((by_name[n] for n in names(rec) if n in by_name), None)
            if found is None:
                misses.append(f"{gold_path}: project {rec['name']!r} not found")
                continue
            pairs[rec["i"]] = found
            for key in HEADER:
                if key in rec:
                    header_n += 1
                    got = amount_yuan(found) if key == "amount_yuan" else found.get(key)
                    header_ok += same(rec[key], got)
            continue
        gold_n += 1
        project = pairs.get(rec["p"])
        if project is None:
            continue
        match = next(((k, ind) for k, ind in enumerate(project.get("indicators", []))
                      if (id(project), k) not in used and squash(ind.get("name")) in names(rec)), None)
        if match is None:
            misses.append(f"{gold_path}: project {rec['p']} indicator {rec['name']!r} not found")
            continue
        used.add((id(project), match[0]))
        ind = match[1]
        if (same(rec["level1"], ind.get("level1")) and same(rec["level2"], ind.get("level2"))
                and value_ok(rec.get("value"), ind.get("value") or {})):
            exact += 1
        else:
            misses.append(f"{gold_path}: project {rec['p']} indicator {rec['name']!r} wrong: "
                          f"{ind.get('level1')}/{ind.get('level2')} {ind.get('value')}")
    # A project the gold does not have (a listing table's header read as a
    # project's) is a header wrong.
    paired = {id(p) for p in pairs.values()}
    for p in projects:
        if id(p) not in paired and squash(p.get("name")) not in by_gold_name(records, names):
            misses.append(f"{gold_path}: project {p.get('name')!r} not in the gold")
            header_n += 1
    out_n = sum(len(p.get("indicators", [])) for p in projects)
    return exact, gold_n, out_n, header_ok, header_n


def by_gold_name(records, names):
    return {n for rec in records if rec["t"] == "project" for n in names(rec)}


def f1(exact, gold_n, out_n):
    p = exact / out_n if out_n else 0.0
    r = exact / gold_n if gold_n else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def summary(exact, gold_n, out_n, hok, hn):
    """The shared scorer's summary line, so that the two can be compared."""
    p = exact / out_n if out_n else 0.0
    r = exact / gold_n if gold_n else 0.0
    return (f"score: exact_f1={f1(exact, gold_n, out_n):.3f} precision={p:.3f} recall={r:.3f} "
            f"header_acc={hok / hn if hn else 0:.3f}")


def gold_only(gold_path):
    """The counts of a gold file whose output is missing: every indicator lost."""
    with open(gold_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    return 0, sum(rec["t"] != "project" for rec in records), 0, 0, 0


def score_dirs(gold_dir, out_dir, verbose):
    """Every GOLD_DIR/NAME.jsonl against OUT_DIR/NAME.json(l), summed."""
    totals, misses = [0, 0, 0, 0, 0], []
    for name in sorted(n for n in os.listdir(gold_dir) if n.endswith(".jsonl")):
        gold = os.path.join(gold_dir, name)
        outs = [os.path.join(out_dir, name[:-len(".jsonl")] + ext) for ext in (".json", ".jsonl")]
        out = next((o for o in outs if os.path.exists(o)), None)
        if out is None:
            misses.append(f"{gold}: no output file")
        counts = score(gold, out, misses) if out else gold_only(gold)
        totals = [t + c for t, c in zip(totals, counts)]
    if verbose:
        print("\n".join(misses))
    exact, gold_n, out_n, hok, hn = totals
    print(f"counts: exact {exact}/{gold_n} (output has {out_n}), header {hok}/{hn}")
    print(summary(*totals))
    return 0


def convert_and_score(binary, pairs, group_of, floor, verbose=False):
    """pairs: (input, gold); one line per group, exit status 1 if one is below its
    floor (a number, or a dict of group -> floor with a "default")."""
    totals = {}
    extra = {}
    misses = []
    with tempfile.TemporaryDirectory() as work:
        for k, (source, gold) in enumerate(pairs):
            out = os.path.join(work, f"{k}.json")
            subprocess.run([binary, "convert", "--quiet", "--fail-on", "never", source, "-o", out],
                           check=True)
            before = len(misses)
            counts = score(gold, out, misses)
            t = totals.setdefault(group_of(source), [0, 0, 0, 0, 0])
            for k, v in enumerate(counts):
                t[k] += v
            extra.setdefault(group_of(source), 0)
            extra[group_of(source)] += sum("not in the gold" in m for m in misses[before:])
    status = 0
    for group, (exact, gold_n, out_n, hok, hn) in sorted(totals.items()):
        value = f1(exact, gold_n, out_n)
        least = floor.get(group, floor["default"]) if isinstance(floor, dict) else floor
        below = value < least
        # A project the gold does not have fails the floor whatever the F1.
        status |= below or extra[group] > 0
        print(f"{group:14} exact_f1={value:.3f} header_acc={hok / hn if hn else 0:.3f}"
              f"{'  BELOW ' + str(least) if below else ''}"
              f"{f'  {extra[group]} PROJECTS NOT IN THE GOLD' if extra[group] else ''}")
    if status or verbose:
        print("\n".join(misses))
    return int(status)


def producers(binary, folder, floor):
    pairs = [(os.path.join(folder, n), os.path.join(folder, n[:-4] + ".gold.jsonl"))
             for n in sorted(os.listdir(folder)) if n.endswith(".pdf")]
    return convert_and_score(binary, pairs, lambda p: os.path.basename(p).split("-")[0], floor)


def layouts(binary, folder, gold_folder, floor, verbose):
    pairs = []
    for n in sorted(os.listdir(folder)):
        parts = n.split(".")
        if len(parts) >= 3 and parts[-1] in ("txt", "csv"):
            pairs.append((os.path.join(folder, n), os.path.join(gold_folder, parts[0] + ".gold.jsonl")))
    pairs = [p for p in pairs if os.path.exists(p[1])]
    return convert_and_score(binary, pairs, lambda p: os.path.basename(p).split(".")[1], floor,
                             verbose)


def floors(text):
    """`0.97` or `paragraphs:0.92 default:0.97`."""
    if ":" not in text:
        return float(text)
    out = dict((k, float(v)) for k, v in (item.split(":") for item in text.split()))
    out.setdefault("default", 0.0)
    return out


def main(argv):
    if len(argv) == 4 and argv[0] == "--producers":
        return producers(argv[1], argv[2], float(argv[3]))
    if len(argv) >= 5 and argv[0] == "--layouts":
        return layouts(argv[1], argv[2], argv[3], floors(argv[4]), "-v" in argv[5:])
    if len(argv) >= 4 and argv[0] == "--gold-dir" and argv[2] == "--out-dir":
        return score_dirs(argv[1], argv[3], "-v" in argv[4:])
    if len(argv) >= 2:
        misses = []
        counts = score(argv[0], argv[1], misses)
        if "-v" in argv[2:]:
            print("\n".join(misses))
        print(summary(*counts))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
