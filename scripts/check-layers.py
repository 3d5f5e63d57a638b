#!/usr/bin/env python3
"""Fails when a folder of AishKit uses a type declared in a folder above it.

The order, lowest first, is LAYERS below (and the README's "Layout" section). A
folder may use the types of its own folder and of the folders listed before it.
"Uses" is a grep: a top-level type declared in one folder whose name appears, as a
whole word outside comments and string literals, in a file of another folder.
"""
import pathlib
import re
import sys

LAYERS = [
    "Support", "Platform", "Protocol", "Auth", "Transport", "Session", "OpenAI", "Config", "Render",
    "Discovery", "Bulk", "Status", "Team", "Providers", "Chat", "Shell", "InMemory", "Completion",
]

root = pathlib.Path(__file__).resolve().parent.parent / "Sources" / "AishKit"
declaration = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private|final|indirect|nonisolated)\s+)*"
    r"(?:struct|enum|class|actor|protocol|typealias)\s+([A-Z]\w*)", re.M)
comment = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
string = re.compile(r'"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"')
word = re.compile(r"\b[A-Z]\w*\b")


def folder_of(path):
    return path.relative_to(root).parts[0]


files = sorted(p for p in root.rglob("*.swift"))
owner = {}
for path in files:
    folder = folder_of(path)
    for name in declaration.findall(path.read_text()):
        owner.setdefault(name, folder)

unknown = sorted({folder_of(p) for p in files} - set(LAYERS))
if unknown:
    sys.exit(f"check-layers: folders missing from LAYERS in {__file__}: {', '.join(unknown)}")

rank = {name: index for index, name in enumerate(LAYERS)}
problems = []
for path in files:
    folder = folder_of(path)
    text = string.sub('""', comment.sub("", path.read_text()))
    for name in sorted(set(word.findall(text))):
        other = owner.get(name)
        if other and other != folder and rank[other] > rank[folder]:
            problems.append(f"{path.relative_to(root.parent.parent)}: {folder} uses {name} from {other}, a folder above it")

if problems:
    print("\n".join(problems))
    sys.exit(f"check-layers: {len(problems)} upward uses; order (lowest first): {' < '.join(LAYERS)}")
print(f"folders in order: {' < '.join(LAYERS)}")
