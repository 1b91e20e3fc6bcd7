#!/usr/bin/env python3
"""Rewrites the output of every ```console example in docs/*.md by running its
commands, as tests/docs_test.cpp runs them: from the source folder, with the
built jixiao first on PATH and standard error merged into standard output.
Review the diff (git diff docs/) before committing: each change must be one
you meant.

  tests/regen-docs.py [BUILD_DIR]      (default: build)
"""
import os
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
build = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root / "build").resolve()
env = dict(os.environ, PATH=f"{build / 'cmd'}:{os.environ['PATH']}")


def run(command):
    done = subprocess.run(["sh", "-c", command + " 2>&1"], cwd=root, env=env, stderr=subprocess.DEVNULL,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    return done.stdout.decode("utf-8", errors="replace")


for doc in sorted((root / "docs").glob("*.md")):
    lines = doc.read_text(encoding="utf-8").split("\n")
    out, in_block, i = [], False, 0
    while i < len(lines):
        line = lines[i]
        if not in_block and line == "```console":
            in_block = True
        elif in_block and line == "```":
            in_block = False
        elif in_block and line.startswith("$ "):
            out.append(line)
            # Skip the old output up to the next command or the fence.
            i += 1
            while i < len(lines) and not lines[i].startswith("$ ") and lines[i] != "```":
                i += 1
            text = run(line[2:])
            out.extend(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"))
            continue
        out.append(line)
        i += 1
    new = "\n".join(out)
    if new != "\n".join(lines):
        doc.write_text(new, encoding="utf-8")
        print(f"rewrote {doc.relative_to(root)}")
