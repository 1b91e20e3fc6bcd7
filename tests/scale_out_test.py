#!/usr/bin/python3
"""Scale-out recipes of docs/scale-out.md, run on this machine.

  scale_out_test.py dask JIXIAO SOURCE_DIR       the Dask driver on a local cluster
  scale_out_test.py parallel JIXIAO SOURCE_DIR   the GNU parallel recipe, hosts = `:`

Both convert copies of the repository's text inputs and check that the
joined parts equal one `jixiao convert --format jsonl` run over the same
files, in the same (sorted) order. The Dask test also kills one worker
process while shards are running (the run must still finish with no record
missing or doubled) and runs again (nothing converted). Exits 77 (skipped)
where Dask or GNU parallel is not installed.
"""
import importlib.util
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

SKIP = 77


def make_inputs(source_dir, folder, copies):
    """The repository's text inputs, `copies` times each, in subfolders."""
    texts = sorted((source_dir / "testdata").glob("*.txt")) + \
        sorted((source_dir / "testdata" / "layouts").glob("*.txt"))
    for copy in range(copies):
        target = folder / f"batch-{copy}"
        target.mkdir(parents=True)
        for text in texts:
            shutil.copy(text, target / text.name)
    return sorted(str(p) for p in folder.rglob("*.txt"))


def single_run(jixiao, inputs):
    done = subprocess.run([jixiao, "convert", "-q", "--format", "jsonl", *inputs],
                          stdout=subprocess.PIPE, check=False)
    return done.stdout.decode().splitlines()


def fail(message):
    print("FAILED:", message)
    sys.exit(1)


def expect(condition, message):
    if not condition:
        fail(message)


# --- Dask ---------------------------------------------------------------

def load_driver(source_dir):
    spec = importlib.util.spec_from_file_location("jixiao_dask",
                                                  source_dir / "cmd" / "jixiao-dask.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def slow_jixiao(folder, jixiao):
    """jixiao behind a short wait, so that shards are still running when a
    worker is killed."""
    wrapper = folder / "slow-jixiao"
    wrapper.write_text(f"#!/bin/sh\nsleep 0.2\nexec '{jixiao}' \"$@\"\n")
    wrapper.chmod(0o755)
    return str(wrapper)


def joined_parts(out):
    lines = []
    for part in sorted((out / "parts").glob("part-*.jsonl")):
        lines += part.read_text().splitlines()
    return lines


def kill_one_worker_when_a_part_appears(client, out, killed):
    deadline = time.time() + 60
    while time.time() < deadline and not list((out / "parts").glob("part-*.jsonl")):
        time.sleep(0.05)
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    killed.append(victim)


def test_dask(jixiao, source_dir):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("skipped: python3-distributed is not installed (Debian: python3-distributed)")
        return SKIP
    driver = load_driver(source_dir)
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        inputs = make_inputs(source_dir, work / "archive", 3)
        expected = single_run(jixiao, inputs)
        out = work / "out"
        arguments = driver.parse_arguments(
            ["--out", str(out), "--shard-files", "2", "--jixiao", slow_jixiao(work, jixiao),
             str(work / "archive")])
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        try:
            killed = []
            killer = threading.Thread(target=kill_one_worker_when_a_part_appears,
                                      args=(client, out, killed))
            killer.start()
            listed, shards, skipped, failed = driver.run(arguments, client)
            killer.join()
            expect(killed, "no worker was killed")
            expect(not failed, f"shards failed: {failed}")
            expect(listed == inputs, "the driver listed other inputs")
            expect(skipped == 0, f"{skipped} shards skipped on the first run")
            got = joined_parts(out)
            expect(len(got) == len(expected),
                   f"{len(got)} records in the parts, {len(expected)} from one run")
            expect(got == expected, "the parts differ from one jixiao run")
            manifest = (out / "manifest.jsonl").read_text().splitlines()
            expect(len(manifest) == len(inputs), "the manifest does not list every input once")
            expect(not list(out.rglob(".*")) and not list(out.rglob("*.tmp.*")),
                   "temporary files were left behind")
            print(f"dask: {len(inputs)} inputs, {len(shards)} shards, worker {killed[0]} killed "
                  f"mid-run; {len(got)} records, equal to one run")
            # Again: every shard is complete, nothing is converted.
            before = {p: p.stat().st_mtime_ns for p in (out / "parts").iterdir()}
            _, shards, skipped, failed = driver.run(arguments, client)
            expect(skipped == len(shards) and not failed, f"second run converted "
                   f"{len(shards) - skipped} shards")
            expect(before == {p: p.stat().st_mtime_ns for p in (out / "parts").iterdir()},
                   "the second run rewrote parts")
            # An input changed: its shard alone runs again.
            changed = pathlib.Path(inputs[0])
            changed.write_text(changed.read_text() + "\n")
            _, shards, skipped, failed = driver.run(arguments, client)
            expect(skipped == len(shards) - 1 and not failed,
                   f"after one input changed, {len(shards) - skipped} shards ran")
            print("dask: a second run converted nothing; a changed input's shard alone ran again")
        finally:
            client.close()
            cluster.close()
    return 0


# --- GNU parallel -------------------------------------------------------

def recipe_lines(source_dir):
    """The shell lines under `<!-- recipe:parallel` in docs/scale-out.md."""
    text = (source_dir / "docs" / "scale-out.md").read_text()
    block = re.search(r"<!-- recipe:parallel.*?-->\n```sh\n(.*?)```", text, re.S)
    return block.group(1)


def test_parallel(jixiao, source_dir):
    if shutil.which("parallel") is None:
        print("skipped: GNU parallel is not installed (Debian: parallel)")
        return SKIP
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        inputs = make_inputs(source_dir, work / "archive", 2)
        relative = [os.path.relpath(p, work) for p in inputs]
        expected = single_run(jixiao, inputs)
        (work / "hosts").write_text(":\n")
        env = dict(os.environ, PATH=f"{pathlib.Path(jixiao).parent}:{os.environ['PATH']}")
        # (A table-less input exits 1, which parallel reports as its status.)
        subprocess.run(["bash", "-c", recipe_lines(source_dir)], cwd=work, env=env, check=False)
        joined = (work / "archive.jsonl").read_text().splitlines()
        expect((work / "inputs.txt").read_text().split() == relative, "inputs.txt differs")
        expect(len(joined) == len(expected),
               f"{len(joined)} records joined, {len(expected)} from one run")
        # The recipe names inputs relative to its folder; one run here named
        # them absolutely: compare with the paths made relative.
        prefix = str(work) + "/"
        expect([line.replace(prefix, "") for line in expected] == joined,
               "the joined parts differ from one jixiao run")
        log = (work / "jobs.log").read_text().splitlines()
        expect(len(log) == len(inputs) + 1, "jobs.log does not list every input")
        print(f"parallel: {len(inputs)} inputs, {len(joined)} records, equal to one run")
    return 0


def main():
    mode, jixiao, source_dir = sys.argv[1], os.path.abspath(sys.argv[2]), pathlib.Path(sys.argv[3])
    return {"dask": test_dask, "parallel": test_parallel}[mode](jixiao, source_dir)


if __name__ == "__main__":
    sys.exit(main())
