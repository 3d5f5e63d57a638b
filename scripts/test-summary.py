#!/usr/bin/env python3
"""Says, at the end of a failed `swift test`, what failed and what was running.

A crash (SIGSEGV in a library, a failed precondition) ends the test process with
a long backtrace, and CI keeps only the tail of the log. This prints, last, the
lines that matter: failed expectations and tests, the crash's headline, and the
tests that had started and not finished when the process ended.
Usage: test-summary.py LOG
"""
import re
import sys

lines = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
started, finished = {}, set()
notable = []
for line in lines:
    if match := re.search(r"◇ Test (.+?) started\.", line):
        started.setdefault(match.group(1), line)
    elif match := re.search(r"[✔✘] Test (.+?) (?:passed|failed)", line):
        finished.add(match.group(1))
    if re.search(r"✘|Fatal error|crashed|Program crashed|error: |Thread \d+ crashed|Test Case .* failed", line):
        notable.append(line)

print("\n== what failed (from the test log) ==")
for line in notable[-40:]:
    print(line[:300])
running = [name for name in started if name not in finished]
if running:
    print("== tests running when the test process ended ==")
    for name in running:
        print(f"  {name}")
