#!/usr/bin/env python3
"""Measures jixiao against the floor and writes docs/performance.md.

    tests/bench/run-benchmarks.py [--big-mb 512] [--work /tmp/jixiao-bench] [--no-write]

One run: builds in Release (build-bench/), makes the corpus (make-corpus.py),
then measures, single-threaded unless said otherwise:
  - the floor: jixiao_floor (read, ICU NFKC, write) on the 64 MB file, MB/s;
  - `jixiao convert` on the same file in each format, MB/s and its share of
    the floor;
  - peak RSS (/usr/bin/time -v) on 64 MB and on the big file, each format;
  - start-up: converting one small file, median of 50 runs;
  - 2,000 small files in one process, -j 1 and -j 2;
  - PDF pages per second over the testdata PDFs, beside `pdftotext -layout`;
  - the stage benchmarks (Google Benchmark, jixiao_bench) at 1x, 4x, 16x.
It prints the table and writes it, with the machine it ran on, to
docs/performance.md. Times are the median of three runs (of seven, taken in
turn, for the -j 1 / -j 2 pair).
"""
import argparse
import datetime
import json
import shutil
import os
import platform
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BUILD = os.path.join(ROOT, "build-bench")
JIXIAO = os.path.join(BUILD, "cmd", "jixiao")
FLOOR = os.path.join(BUILD, "tests", "bench", "jixiao_floor")
BENCH = os.path.join(BUILD, "tests", "bench", "jixiao_bench")
FORMATS = ["jsonl", "json", "csv"]

# The targets of issues #9 and #20, as ratios measured in the same run.
TARGET_SHARE = 0.25      # JSONL MB/s ≥ 25% of the floor's
TARGET_JSON = 0.90       # JSON within 10% of JSONL
TARGET_RSS_MB = 64
TARGET_STARTUP_MS = 5
TARGET_RENDERING_SHARE = 0.10  # -layout and plain text, JSONL: ≥ 10% of the floor
RENDERINGS = ["layout", "plain"]
RENDERING_MB = 16
TARGET_SPEEDUP = 1.8


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def timed(cmd, repeat=3):
    """Median wall time of `cmd`, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed_alternately(cmd_a, cmd_b, repeat=7):
    """Median wall times of two commands run in turn, so that a machine
    whose speed drifts (a shared VM) treats both alike."""
    a, b = [], []
    for _ in range(repeat):
        a.append(timed(cmd_a, repeat=1))
        b.append(timed(cmd_b, repeat=1))
    return statistics.median(a), statistics.median(b)


def timed_in_turn(cmds, repeat=3):
    """Median wall times of several commands run in turn, `repeat` rounds."""
    times = [[] for _ in cmds]
    for _ in range(repeat):
        for i, cmd in enumerate(cmds):
            times[i].append(timed(cmd, repeat=1))
    return [statistics.median(t) for t in times]


def peak_rss_mb(cmd):
    """Peak resident set size of `cmd` in MiB, from GNU time -v."""
    out = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True).stderr
    kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", out).group(1))
    return kb / 1024


def build():
    run(["cmake", "-S", ROOT, "-B", BUILD, "-DCMAKE_BUILD_TYPE=Release", "-DJIXIAO_TESTS=OFF"],
        stdout=subprocess.DEVNULL)
    run(["cmake", "--build", BUILD, "-j2"], stdout=subprocess.DEVNULL)


def corpus(work, big_mb):
    os.makedirs(work, exist_ok=True)
    maker = os.path.join(ROOT, "tests", "bench", "make-corpus.py")
    files = {"64": os.path.join(work, "64.txt"), "big": os.path.join(work, f"{big_mb}.txt")}
    if not os.path.exists(files["64"]):
        run([sys.executable, maker, "big", files["64"], "64"])
    if not os.path.exists(files["big"]):
        run([sys.executable, maker, "big", files["big"], str(big_mb)])
    for kind in RENDERINGS:
        files[kind] = os.path.join(work, f"{kind}-{RENDERING_MB}.txt")
        if not os.path.exists(files[kind]):
            run([sys.executable, maker, "rendering", files[kind], str(RENDERING_MB), kind])
    small = os.path.join(work, "small")
    if not os.path.isdir(small) or len(os.listdir(small)) != 2000:
        run([sys.executable, maker, "small", small, "2000"])
    return files, small


def convert_cmd(path, fmt, jobs=1, out="/dev/null"):
    return [JIXIAO, "convert", "-q", "-j", str(jobs), "--format", fmt, "--fail-on", "never",
            path, "-o", out]


def startup_ms(cmd, runs=50):
    """Median wall time of `cmd` in ms, process creation included."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def pdf_pages_per_second():
    """Pages a second on every testdata PDF, best of five: jixiao as a batch is
    run (one process, one thread, every file), jixiao started once per file,
    and `pdftotext -layout` (which reads one file a run) started once per
    file."""
    pdfs = sorted(os.path.join(folder, f)
                  for folder in (os.path.join(ROOT, "testdata", name)
                                 for name in ("fixtures", "tables", "producers"))
                  for f in os.listdir(folder) if f.endswith(".pdf"))
    pages = 0
    for pdf in pdfs:
        doc = json.loads(subprocess.run([JIXIAO, "convert", "-q", "--fail-on", "never", pdf],
                                        stdout=subprocess.PIPE, check=True).stdout)
        pages += doc["source"].get("pdf_pages", 0)

    def best_of(commands):
        best = None
        for _ in range(5):
            start = time.perf_counter()
            for command in commands:
                subprocess.run(command, check=False, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            took = time.perf_counter() - start
            best = took if best is None else min(best, took)
        return best

    batch = best_of([[JIXIAO, "convert", "-q", "-j", "1", "--fail-on", "never"] + pdfs +
                     ["-o", "/dev/null"]])
    each = best_of([[JIXIAO, "convert", "-q", "--fail-on", "never", pdf, "-o", "/dev/null"]
                    for pdf in pdfs])
    theirs = (best_of([["pdftotext", "-layout", pdf, "-"] for pdf in pdfs])
              if shutil.which("pdftotext") else None)
    return pages, len(pdfs), pages / batch, pages / each, (pages / theirs if theirs else None)


def stage_benchmarks():
    if not os.path.exists(BENCH):
        return None
    out = subprocess.run([BENCH, "--benchmark_min_time=0.2", "--benchmark_format=json"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                         check=True).stdout
    rows = {}
    for b in json.loads(out)["benchmarks"]:
        name = b["name"]
        if b.get("aggregate_name") or "_BigO" in name or "_RMS" in name:
            if name.endswith("_BigO"):
                rows.setdefault(name[3:-5], {})["bigo"] = b.get("big_o", "")
            continue
        if "/" not in name:  # not sized: a time (grammar loading)
            rows.setdefault(name[3:], {})["ms"] = b["real_time"] / 1e6 if b["time_unit"] == "ns" \
                else b["real_time"] / 1e3 if b["time_unit"] == "us" else b["real_time"]
            continue
        stage, times = name[3:].split("/")
        rows.setdefault(stage, {})[times] = b["bytes_per_second"] / 1e6
    return rows


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    with open("/proc/meminfo") as f:
        mem_kb = int(next(line.split()[1] for line in f if line.startswith("MemTotal")))
    compiler = subprocess.run(["c++", "--version"], stdout=subprocess.PIPE, text=True).stdout
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            stdout=subprocess.PIPE, text=True).stdout.strip()
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory": f"{mem_kb / 1048576:.0f} GiB",
        "os": platform.platform(), "compiler": compiler.splitlines()[0] if compiler else "?",
        "commit": commit, "date": datetime.date.today().isoformat(),
    }


def verdict(ok):
    return "met" if ok else "**missed**"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--big-mb", type=int, default=512)
    ap.add_argument("--work", default="/tmp/jixiao-bench")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/ alone")
    args = ap.parse_args()

    print("building (Release) ...", flush=True)
    build()
    print("making the corpus ...", flush=True)
    files, small = corpus(args.work, args.big_mb)
    mb64 = os.path.getsize(files["64"]) / 1048576
    mbbig = os.path.getsize(files["big"]) / 1048576

    print("floor ...", flush=True)
    floor_s = timed([FLOOR, files["64"], os.path.join(args.work, "floor.out")])
    floor = mb64 / floor_s

    # The formats in turn, three rounds: the targets compare them with each
    # other (JSON within 10% of JSONL), and this VM's speed drifts by as
    # much between minutes.
    print("convert --format " + ", ".join(FORMATS) + " in turn ...", flush=True)
    times = timed_in_turn([convert_cmd(files["64"], fmt, out=os.path.join(args.work, "out." + fmt))
                           for fmt in FORMATS])
    speed = {fmt: mb64 / t for fmt, t in zip(FORMATS, times)}

    rendering_speed = {}
    for kind in RENDERINGS:
        print(f"convert {kind} text ...", flush=True)
        mb = os.path.getsize(files[kind]) / 1048576
        rendering_speed[kind] = (mb, mb / timed(convert_cmd(files[kind], "jsonl")))

    rss = {}
    for fmt in FORMATS:
        for label, path in (("64", files["64"]), ("big", files["big"])):
            print(f"peak RSS, {fmt}, {os.path.basename(path)} ...", flush=True)
            rss[(fmt, label)] = peak_rss_mb(convert_cmd(path, fmt))

    print("start-up ...", flush=True)
    sample = os.path.join(ROOT, "testdata", "pingluo-2026-kexie.txt")
    start_ms = startup_ms([JIXIAO, "convert", "-q", sample, "-o", "/dev/null"])
    version_ms = startup_ms([JIXIAO, "--version"])
    true_ms = startup_ms(["/bin/true"])

    print("2,000 small files ...", flush=True)
    j1, j2 = timed_alternately(convert_cmd(small, "jsonl", jobs=1),
                               convert_cmd(small, "jsonl", jobs=2))

    print("PDF ...", flush=True)
    pages, pdf_count, pages_per_s, per_file_per_s, pdftotext_per_s = pdf_pages_per_second()

    print("stage benchmarks ...", flush=True)
    stages = stage_benchmarks()

    m = machine()
    share = speed["jsonl"] / floor
    json_ratio = speed["json"] / speed["jsonl"]
    max_rss = max(rss.values())
    lines = []
    lines.append(f"Measured {m['date']} at commit `{m['commit']}` by `tests/bench/run-benchmarks.py` "
                 f"on {m['cpu']}, {m['cores']} cores, {m['memory']}; {m['os']}; {m['compiler']}.")
    lines.append("")
    lines.append("| measure | result | target | |")
    lines.append("|---|---|---|---|")
    lines.append(f"| floor: read + ICU NFKC + write, {mb64:.0f} MB | {floor:.0f} MB/s | | |")
    for fmt in FORMATS:
        lines.append(f"| `convert --format {fmt}`, {mb64:.0f} MB, one thread | {speed[fmt]:.1f} MB/s "
                     f"({speed[fmt] / floor:.1%} of the floor) | "
                     + ("≥ 25% of the floor | " + verdict(share >= TARGET_SHARE) if fmt == "jsonl" else
                        "within 10% of JSONL | " + verdict(json_ratio >= TARGET_JSON) if fmt == "json" else "| ")
                     + " |")
    for kind in RENDERINGS:
        mb, rate = rendering_speed[kind]
        what = "`pdftotext -layout`" if kind == "layout" else "plain `pdftotext`"
        lines.append(f"| {what} text of the fixtures, {mb:.0f} MB, JSONL, one thread | {rate:.1f} MB/s "
                     f"({rate / floor:.1%} of the floor) | ≥ 10% of the floor | "
                     f"{verdict(rate / floor >= TARGET_RENDERING_SHARE)} |")
    for fmt in FORMATS:
        lines.append(f"| peak RSS, {fmt}: {mb64:.0f} MB / {mbbig:.0f} MB input | "
                     f"{rss[(fmt, '64')]:.1f} MiB / {rss[(fmt, 'big')]:.1f} MiB | < 64 MB | "
                     f"{verdict(max(rss[(fmt, '64')], rss[(fmt, 'big')]) < TARGET_RSS_MB)} |")
    lines.append(f"| start-up + one small file (`testdata/pingluo-2026-kexie.txt`), median of 50 | "
                 f"{start_ms:.1f} ms (`--version`: {version_ms:.1f} ms; `/bin/true`, started "
                 f"the same way: {true_ms:.1f} ms) | < 5 ms | "
                 f"{verdict(start_ms < TARGET_STARTUP_MS)} |")
    lines.append(f"| 2,000 small files, one process, `-j 1` → `-j 2` | {j1:.2f} s → {j2:.2f} s "
                 f"({j1 / j2:.2f}×) | ≥ 1.8× | {verdict(j1 / j2 >= TARGET_SPEEDUP)} |")
    lines.append(f"| PDF: {pages} pages in {pdf_count} files, one process (a batch), one thread | "
                 f"{pages_per_s:.0f} pages/s (a process per file: {per_file_per_s:.0f}) | "
                 + (f"≥ `pdftotext -layout`, a process per file: {pdftotext_per_s:.0f} | "
                    f"{verdict(pages_per_s >= pdftotext_per_s)} |" if pdftotext_per_s else "| |"))
    if stages:
        lines.append("")
        lines.append("Stages (Google Benchmark, `build-bench/tests/bench/jixiao_bench`), MB/s of "
                     "input at 1×, 4× and 16× the testdata documents (~100 KB); a rate that falls "
                     "as the input grows would be a stage that is not linear:")
        lines.append("")
        lines.append("| stage | 1× | 4× | 16× | fit |")
        lines.append("|---|---|---|---|---|")
        for stage, row in stages.items():
            if "ms" in row:
                continue
            lines.append(f"| {stage} | {row.get('1', 0):.1f} | {row.get('4', 0):.1f} | "
                         f"{row.get('16', 0):.1f} | {row.get('bigo', '')} |")
        for stage, row in stages.items():
            if "ms" in row:
                lines.append("")
                lines.append(f"{stage} (every embedded grammar parsed and compiled, as each "
                             f"start-up does): {row['ms']:.2f} ms.")
    table = "\n".join(lines)
    print()
    print(table)
    if args.no_write:
        return
    doc = os.path.join(ROOT, "docs", "performance.md")
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    begin, end = "<!-- measured: begin -->", "<!-- measured: end -->"
    if begin not in text or end not in text:
        sys.exit(f"{doc}: no {begin} … {end} block to fill")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(doc, "w", encoding="utf-8") as f:
        f.write(head + begin + "\n" + table + "\n" + end + tail)
    print(f"\nwritten to {os.path.relpath(doc, ROOT)}")


if __name__ == "__main__":
    main()
