#!/usr/bin/env python3
"""Writes the order the linker lays out aish's code in (`make link-order`).

Runs the commands a user types most (a one-shot chat over each transport and from
a pipe, a provider model, --version, --help, specialists, status, sessions) with a
release aish under valgrind's callgrind, against `aish mock` in another process,
and lists every function of aish they ran, first runs first. The linker (lld's
--symbol-ordering-file, Package.swift) then puts that code together, so a command
touches a few megabytes of the program instead of pages spread over all of it.

After the code come the program's protocol conformance descriptors (symbols ending
in `Mc`), all together. The Swift runtime answers each first "does this type
conform to that protocol?" by reading every conformance record in the binary,
11,900 of them, and each record's descriptor; a one-token chat asks 141 such
questions. Scattered, the descriptors span 39 MB of `.rodata` (316 pages); together
they take 0.9 MB, and a chat spends 0.3 ms less CPU (BENCHMARKS.md).

Sections are what the linker moves, and most hold many functions (a Swift object
file has one `.text`), so the list keeps one name per section, the first run.

usage: link-order.py AISH LINK_MAP OUTPUT
  AISH      a release aish (with its symbol table)
  LINK_MAP  lld's map of its link (-Xlinker -Map=FILE)
  OUTPUT    the order file to write
"""

import os
import subprocess
import sys
import tempfile


def workloads(url):
    """(arguments, standard input, extra environment) for each run, most important first."""
    provider = {"AISH_PROVIDER_URL": url + "/v1", "AISH_PROVIDER_MODELS": "mock-coder"}
    return [
        (["--url", url, "apollo", "benchmark", "--max-tokens", "2000"], None, {}),
        (["--url", url, "athena", "review this"], b"a diff to review\n", {}),
        (["--url", url, "apollo", "benchmark", "--max-tokens", "2000", "--transport", "ws"], None, {}),
        (["--url", url, "env/mock-coder", "benchmark", "--max-tokens", "2000"], None, provider),
        (["--version"], None, {}),
        (["--help"], None, {}),
        (["--url", url, "specialists"], None, {}),
        (["--url", url, "status"], None, {}),
        (["sessions"], None, {}),
    ]


def start_mock(aish):
    mock = subprocess.Popen(
        [aish, "mock", "--port", "0", "--tokens-per-second", "0", "--first-token-latency", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = mock.stdout.readline().decode()
    url = next((word for word in line.split() if word.startswith("http://")), None)
    if url is None:
        mock.kill()
        sys.exit(f"link-order: `aish mock` did not say where it listens (it said {line!r})")
    return mock, url


def functions_run(profile, binary):
    """The functions of `binary` in a callgrind profile, in the order the file names them."""
    names = []
    current = called = None
    with open(profile, errors="replace") as lines:
        for line in lines:
            if line.startswith("ob="):
                current = line[3:].strip()
            elif line.startswith("cob="):
                called = line[4:].strip()
            elif line.startswith("fn="):
                if current == binary:
                    names.append(line[3:].strip())
            elif line.startswith("cfn="):
                if (called or current) == binary:
                    names.append(line[4:].strip())
                called = None
    return [name for name in names if not name.startswith("0x") and not name.startswith("(")]


def sections_of(link_map):
    """Each symbol of the program with the input section that holds it, from lld's
    link map (`-Map`): an input section's line names its file and section, the lines
    after it its symbols."""
    holder = {}
    section = None
    with open(link_map, errors="replace") as lines:
        for line in lines:
            parts = line.split(maxsplit=4)
            if len(parts) < 5:
                continue
            if ":(" in parts[4]:
                section = parts[4].strip()
            elif section is not None:
                holder.setdefault(parts[4].strip(), section)
    return holder


def conformance_descriptors(binary):
    """The names of the protocol conformance descriptors defined in `binary`, by address."""
    listed = subprocess.run(["nm", "--defined-only", binary], check=True, capture_output=True, text=True)
    found = []
    for line in listed.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2].endswith("Mc"):
            found.append((int(parts[0], 16), parts[2]))
    return [name for _, name in sorted(found)]


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: link-order.py AISH LINK_MAP OUTPUT")
    aish, link_map, output = sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="aish-link-order-") as folder:
        # valgrind cannot read the DWARF swiftc writes; the symbol table is enough.
        stripped = os.path.join(folder, "aish")
        subprocess.run(["objcopy", "--strip-debug", aish, stripped], check=True)
        home = os.path.join(folder, "home")
        os.mkdir(home)
        mock, url = start_mock(aish)
        order, seen = [], set()
        try:
            for number, (arguments, stdin, extra) in enumerate(workloads(url)):
                profile = os.path.join(folder, f"callgrind.{number}")
                environment = {**os.environ, "HOME": home, **extra}
                run = subprocess.run(
                    ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + profile, "--dump-instr=no",
                     "--compress-strings=no", "--demangle=no", stripped, *arguments],
                    input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
                if run.returncode != 0:
                    sys.exit(f"link-order: aish {' '.join(arguments)} failed under valgrind:\n"
                             + run.stderr.decode(errors="replace")[-2000:])
                for name in functions_run(profile, stripped):
                    if name not in seen:
                        seen.add(name)
                        order.append(name)
        finally:
            mock.kill()
            mock.wait()
    holder = sections_of(link_map)
    kept, placed = [], set()
    for name in order:
        section = holder.get(name)
        if section is not None:
            if section in placed:
                continue
            placed.add(section)
        kept.append(name)
    descriptors = conformance_descriptors(aish)
    with open(output, "w") as file:
        file.write("\n".join(kept + descriptors) + "\n")
    print(f"link-order: {len(kept)} names ({len(order)} functions run) and {len(descriptors)} "
          f"conformance descriptors written to {output}")


if __name__ == "__main__":
    main()
