#!/usr/bin/python3
"""Converts an archive of tables on a Dask cluster, one JSON Lines part per shard.

  jixiao-dask.py --out DIR [--scheduler ADDRESS | --local-workers N]
                 [--shard-files N] [--jixiao PATH] [--glob PATTERN]...
                 [--jixiao-args "ARGS"] INPUT...

INPUT is a file or a folder (searched recursively for --glob, default *.txt
and *.csv, as `jixiao convert` does). The inputs, sorted, are grouped into
shards of --shard-files; each shard is one Dask task, run on a worker, that
runs `jixiao convert --format jsonl --manifest` over its inputs and writes

  DIR/parts/part-NNNNN.jsonl     the shard's projects, as jixiao writes them
  DIR/shards/part-NNNNN.json     the shard's record: for each input its path,
                                 size, modification time, and what jixiao's
                                 --manifest says (status, sha256, projects,
                                 indicators, diagnostics, warnings, errors)

each through a temporary file renamed when complete, so a part is whole or
absent. A worker that dies mid-shard has its shard run again elsewhere (Dask
reschedules it); the rename makes the second run's part the only one. At the
end DIR/manifest.jsonl lists every input in order, one JSON object a line.

A second run with the same inputs skips every shard whose record matches its
inputs (path, size, modification time) and whose part is there with the
recorded size: an interrupted archive resumes where it stopped. Parts of
shards that no longer exist are removed.

The workers must see the inputs and DIR at the same paths (a shared file
system), and have jixiao (--jixiao, else on PATH). Merge the parts with
`cat DIR/parts/part-*.jsonl`; see docs/scale-out.md.

Exit status: 0 every input converted; 1 some input had an error (jixiao's
status 1); 2 usage; 3 some input could not be read, or a shard failed.
"""
import argparse
import fnmatch
import json
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

def list_inputs(arguments, globs):
    """Files named, and files below folders whose name matches a glob; sorted."""
    found = []
    for argument in arguments:
        path = pathlib.Path(argument)
        if path.is_dir():
            for folder, _, names in os.walk(path):
                found += [os.path.join(folder, n) for n in names
                          if any(fnmatch.fnmatchcase(n, g) for g in globs)]
        else:
            found.append(argument)
    return sorted(dict.fromkeys(found))


def identity(path):
    """What tells whether an input changed since its shard was converted."""
    try:
        stat = os.stat(path)
        return {"path": path, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    except OSError:
        return {"path": path, "size": None, "mtime_ns": None}


def shard_name(index):
    return f"part-{index:05d}"


def write_atomically(target, write):
    """Writes through a temporary file beside `target`, renamed when whole."""
    folder = os.path.dirname(target)
    fd, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            result = write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
        return result
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def convert_shard(index, inputs, out_dir, jixiao, extra):
    """The task run on a worker: one jixiao run over the shard's inputs,
    writing its part (jixiao writes it under a temporary name and renames
    it), then the shard's record from jixiao's --manifest."""
    part = os.path.join(out_dir, "parts", shard_name(index) + ".jsonl")
    listing = os.path.join(out_dir, "shards", f".{shard_name(index)}.{os.getpid()}.manifest")
    identities = [identity(path) for path in inputs]
    done = subprocess.run([jixiao, "--lang", "en", "convert", "-q", "-j", "1", "--format", "jsonl",
                           "--manifest", listing, *extra, "-o", part, "--", *inputs],
                          stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        with open(listing, encoding="utf-8") as data:
            converted = [json.loads(line) for line in data]
        os.unlink(listing)
    except OSError:
        converted = []
    if len(converted) != len(inputs) or not os.path.exists(part):
        raise RuntimeError(f"jixiao exited {done.returncode}: "
                           + done.stderr.decode("utf-8", "replace")[-2000:])
    records = [dict(ident, **{k: v for k, v in record.items() if k != "path"})
               for ident, record in zip(identities, converted)]
    shard = {"shard": shard_name(index), "inputs": records,
             "part_bytes": os.path.getsize(part)}
    record_path = os.path.join(out_dir, "shards", shard_name(index) + ".json")
    write_atomically(record_path, lambda out: out.write(json.dumps(shard).encode() + b"\n"))
    return shard


def complete_shard(out_dir, index, inputs):
    """The shard's record when its part is whole and its inputs unchanged."""
    record_path = os.path.join(out_dir, "shards", shard_name(index) + ".json")
    part = os.path.join(out_dir, "parts", shard_name(index) + ".jsonl")
    try:
        with open(record_path, encoding="utf-8") as data:
            shard = json.load(data)
        if os.path.getsize(part) != shard["part_bytes"]:
            return None
    except (OSError, ValueError, KeyError):
        return None
    recorded = [{k: r.get(k) for k in ("path", "size", "mtime_ns")} for r in shard["inputs"]]
    return shard if recorded == [identity(p) for p in inputs] else None


def remove_stale(out_dir, shard_count):
    """Parts and records of shards past the current ones, and temporary files
    left by a lost worker."""
    for sub in ("parts", "shards"):
        for entry in os.scandir(os.path.join(out_dir, sub)):
            match = re.fullmatch(r"part-(\d+)\.jsonl?|part-(\d+)\.json", entry.name)
            number = match and int(match.group(1) or match.group(2))
            # (Temporary files: ours start with a dot, jixiao's hold `.tmp.`.)
            temporary = entry.name.startswith(".") or ".tmp." in entry.name
            if temporary or (match and number >= shard_count):
                os.unlink(entry.path)


def connect(arguments):
    from distributed import Client, LocalCluster
    if arguments.scheduler:
        return Client(arguments.scheduler), None
    cluster = LocalCluster(n_workers=arguments.local_workers, threads_per_worker=1,
                           processes=True, dashboard_address=None)
    return Client(cluster), cluster


def run(arguments, client):
    """Converts every shard not yet complete; returns the shards' records, in order."""
    from distributed import as_completed
    inputs = list_inputs(arguments.inputs, arguments.glob or ["*.txt", "*.csv"])
    out_dir = os.path.abspath(arguments.out)
    for sub in ("parts", "shards"):
        os.makedirs(os.path.join(out_dir, sub), exist_ok=True)
    size = arguments.shard_files
    shards = [inputs[i:i + size] for i in range(0, len(inputs), size)]
    extra = shlex.split(arguments.jixiao_args)
    records, futures = {}, {}
    for index, shard in enumerate(shards):
        done = complete_shard(out_dir, index, shard)
        if done:
            records[index] = done
        else:
            futures[client.submit(convert_shard, index, shard, out_dir, arguments.jixiao, extra,
                                  key=f"jixiao-{shard_name(index)}-{os.getpid()}",
                                  retries=arguments.retries, pure=False)] = index
    skipped = len(records)
    failed = []
    for future in as_completed(list(futures)):
        try:
            records[futures[future]] = future.result()
        except Exception as error:  # a shard that failed on every try
            failed.append(f"{shard_name(futures[future])}: {error}")
    if not failed:
        remove_stale(out_dir, len(shards))
    ordered = [records[i] for i in sorted(records)]

    def write_manifest(out):
        for shard in ordered:
            for record in shard["inputs"]:
                out.write(json.dumps(dict(record, shard=shard["shard"]), ensure_ascii=False)
                          .encode() + b"\n")

    write_atomically(os.path.join(out_dir, "manifest.jsonl"), write_manifest)
    return inputs, ordered, skipped, failed


def summary(inputs, shards, skipped, failed):
    records = [r for s in shards for r in s["inputs"]]
    projects = sum(r["projects"] for r in records)
    unreadable = sum(1 for r in records if r["status"] == 3)
    errors = sum(1 for r in records if r["status"] == 1)
    print(f"jixiao-dask: {len(inputs)} inputs in {len(shards) + len(failed)} shards "
          f"({len(shards) - skipped} converted, {skipped} already complete, {len(failed)} failed), "
          f"{projects} projects, {errors} inputs with errors, {unreadable} unreadable",
          file=sys.stderr)
    for line in failed:
        print(f"jixiao-dask: {line}", file=sys.stderr)
    if failed or unreadable:
        return 3
    return 1 if errors else 0


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="jixiao-dask", description="Convert an archive of tables on a Dask cluster.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    parser.add_argument("--out", required=True, help="shared folder for parts and manifest")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="address of a running Dask scheduler")
    where.add_argument("--local-workers", type=int, default=2,
                       help="without --scheduler: a local cluster of this many worker processes")
    parser.add_argument("--shard-files", type=int, default=64, help="inputs a shard (default 64)")
    parser.add_argument("--retries", type=int, default=2,
                        help="runs again of a shard that raised (a dead worker's shard is "
                        "rescheduled by Dask in any case)")
    parser.add_argument("--jixiao", default="jixiao", help="the jixiao program on the workers")
    parser.add_argument("--glob", action="append", help="file names to take from folders")
    parser.add_argument("--jixiao-args", default="",
                        help="more options for jixiao convert, as one string")
    arguments = parser.parse_args(argv)
    if arguments.shard_files < 1 or arguments.local_workers < 1:
        parser.error("--shard-files and --local-workers take a number from 1")
    return arguments


def main(argv):
    arguments = parse_arguments(argv)
    client, cluster = connect(arguments)
    try:
        return summary(*run(arguments, client))
    finally:
        client.close()
        if cluster:
            cluster.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
