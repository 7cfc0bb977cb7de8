#!/usr/bin/env python3
"""Measure how many of the HTTP calls a careful reader finds in real clients routelint finds.

The clients are not in this repository (they are other people's code): collect them in a
directory, one file per source file named `<owner>__<repo>__<path with / as __>`, with a
MANIFEST.md beside them. For each file the manifest has a line

    * File: `<file name>` ...

followed by markdown table rows whose first cell holds the call's line (also "94 (chain 93)"
or "223–226") and whose second to fourth cells include the kind: `call` (a request with a
concrete path: counted), `wrapper-internal` or `indirect` (known, not counted). A section
"## Totals" ends the part that is read.

Each repository's files are copied to a directory of their own, each at its path there, and
scanned together with
`routelint calls --format json`. A manifest call counts as found when routelint reports a
resolved call on one of its lines. A resolved call on a line the manifest does not list is
a false positive, or a request reported where its route is defined rather than where the
manifest counts it: a second figure counts the manifest calls (with a method and path in their
row) not found at their line that such a call has the same method and path as.

    python3 scripts/measure_recall.py CORPUS_DIR [ROUTELINT_BINARY] [--missed]

`--missed` lists, under each file, the manifest calls routelint did not find.
"""
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


def read_manifest(path):
    text = open(path, encoding="utf-8").read().split("## Totals")[0]
    rows = collections.defaultdict(list)
    current = None
    for line in text.split("\n"):
        m = re.match(r"\* File: `([^`]+)`", line)
        if m:
            current = m.group(1)
            continue
        if not current or not line.startswith("| ") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if not re.match(r"\d", cells[0]):
            continue
        numbers = [int(x) for x in re.findall(r"\d+", cells[0])]
        kind = next((c.split()[0] for c in cells[1:4]
                     if c.split() and c.split()[0] in ("call", "wrapper-internal", "indirect")), "call")
        if kind == "call" and not any(c.startswith("call") for c in cells[1:4]):
            # tables that give a second line column (e.g. "path() line | method line")
            numbers += [int(x) for x in re.findall(r"\d+", cells[1])]
        lines = set(numbers)
        if len(numbers) >= 2 and "–" in cells[0]:
            lines |= set(range(numbers[0], numbers[1] + 1))
        rows[current].append((kind, lines, cells))
    return rows


def main():
    show_missed = "--missed" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--missed"]
    corpus = args[0]
    exe = args[1] if len(args) > 1 else "target/release/routelint"
    exe = os.path.abspath(exe)
    rows = read_manifest(os.path.join(corpus, "MANIFEST.md"))
    repos = collections.defaultdict(list)
    for name in os.listdir(corpus):
        if name.endswith(".rs"):
            repos["__".join(name.split("__")[:2])].append(name)
    total = found_total = false_positives = found_elsewhere = 0
    # Found calls whose manifest row names a method and a path: how many of them routelint
    # reads with that method and path (the path compared from its end: a base's own path, such
    # as `/api/v1`, may sit on either side).
    comparable = agreeing = 0
    disagreements = []
    with tempfile.TemporaryDirectory() as work:
        for repo, files in sorted(repos.items()):
            directory = os.path.join(work, repo)
            os.makedirs(directory)
            # Each file at its path in the repository (`src/interface/wireguard.rs`): module
            # paths (`super::BASE`, `mod x;`) mean what they mean in the client.
            for name in files:
                inside = os.path.join(directory, *name.split("__")[2:])
                os.makedirs(os.path.dirname(inside), exist_ok=True)
                shutil.copy(os.path.join(corpus, name), inside)
            out = subprocess.run([exe, "calls", "--format", "json", "."], cwd=directory,
                                 capture_output=True, text=True)
            calls = json.loads(out.stdout)
            for call in calls:
                call["file"] = repo + "__" + call["file"].replace(os.sep, "__")
            # Resolved calls on no listed line of their file: where a route is defined rather
            # than where it is used (`fn app_info() -> Endpoint { builder("/apps/{id}", GET) }`).
            listed_lines = {n: set().union(*[r[1] for r in rows.get(n, [])]) if rows.get(n) else set()
                            for n in files}
            unlisted = [c for c in calls if c["status"] != "unresolved"
                        and c["line"] not in listed_lines.get(c["file"], set())]
            for name in sorted(files):
                mine = [c for c in calls if c["file"] == name]
                expected = [r for r in rows.get(name, []) if r[0] == "call"]
                listed = set().union(*[r[1] for r in rows.get(name, [])]) if rows.get(name) else set()
                at_line = [any(c["line"] in lines and c["status"] != "unresolved" for c in mine)
                           for _, lines, _ in expected]
                found = sum(at_line)
                for hit, (_, lines, cells) in zip(at_line, expected):
                    method, path = route_of(cells)
                    if not hit or not method:
                        continue
                    comparable += 1
                    here = [c for c in mine if c["line"] in lines and c["status"] != "unresolved"]
                    if any(c["method"] == method and same_path_end(c["path"], path) for c in here):
                        agreeing += 1
                    else:
                        disagreements.append(f"{name}:{cells[0]}: manifest {method} {path}, found "
                                             + "; ".join(f"{c['method']} {c['path']}" for c in here))
                # A call not found at its line, whose method and path a resolved call on an
                # unlisted line of the same repository has: found where its route is defined.
                for hit, (_, _, cells) in zip(at_line, expected):
                    method, path = route_of(cells)
                    if hit or not method:
                        continue
                    match = next((c for c in unlisted if c["method"] == method
                                  and same_path(c["path"], path)), None)
                    if match:
                        found_elsewhere += 1
                extra = [c for c in mine if c["line"] not in listed and c["status"] != "unresolved"]
                total += len(expected)
                found_total += found
                false_positives += len(extra)
                print(f"{name}: {found}/{len(expected)} found, {len(extra)} unlisted"
                      + "".join(f"\n    unlisted {c['line']}: {c['method']} {c['path']}" for c in extra)
                      + "".join(f"\n    missed {cells[0]}: {' '.join(cells[1:4])}"
                                for hit, (_, _, cells) in zip(at_line, expected)
                                if not hit and show_missed))
    share = found_total / total if total else 0
    print(f"total: {found_total}/{total} calls found ({share:.0%}), {false_positives} resolved calls on unlisted lines")
    print(f"  of the found calls with a method and path in their row, {agreeing}/{comparable} "
          f"read with that method and path")
    if show_missed:
        for line in disagreements:
            print(f"    differs {line}")
    if found_elsewhere:
        both = found_total + found_elsewhere
        print(f"  and {found_elsewhere} more found with their method and path on an unlisted line "
              f"(where the route is defined): {both}/{total} ({both / total:.0%})")


def route_of(cells):
    """The (method, path) a manifest row names in its cells, if it does."""
    method = next((c for c in cells[1:4] if c in ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")), None)
    path = next((c.strip("`") for c in cells[2:5] if c.strip("`").startswith("/")), None)
    return (method, path) if method and path else (None, None)


def normalized(path):
    """The path without its query, every `{name}` as `{}`, no trailing `/`."""
    return re.sub(r"\{[^}]*\}", "{}", path.split("?")[0]).rstrip("/")


def same_path_end(a, b):
    """One path ends with the other, once every `{name}` is `{}`, a trailing `/` dropped."""
    a, b = normalized(a), normalized(b)
    if not a or not b:
        return a == b
    return a.endswith(b) or b.endswith(a)


def same_path(a, b):
    """Paths equal once every `{name}` is `{}` and a trailing `/` dropped."""
    return normalized(a) == normalized(b)


if __name__ == "__main__":
    main()
