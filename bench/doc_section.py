#!/usr/bin/env python3
"""Replaces one '## TITLE' section of a Markdown document with new text.

usage: doc_section.py DOC.md "TITLE" SECTION_BODY_FILE [FIRST_LINE_IF_NEW]

The section runs from the line '## TITLE' to the next line starting with '## ' (or the end).
Other sections are left byte for byte as they are, so that each benchmark script can own one
section of a shared document. A missing section is appended; a missing document is created
with FIRST_LINE_IF_NEW (default: '# ' and the file name). The benchmark scripts that build
their section in Python import replace_section instead.
"""
import os
import sys


def replace_section(doc, section, first_line=None):
    """Writes `section` (its first line '## TITLE') over that section of `doc`."""
    new_lines = section.strip("\n").split("\n") + [""]
    heading = new_lines[0].strip()
    if not heading.startswith("## "):
        raise ValueError(f"a section starts with '## TITLE', not {new_lines[0]!r}")
    if os.path.exists(doc):
        with open(doc, encoding="utf-8") as f:
            lines = f.read().split("\n")
    else:
        lines = [first_line or "# " + os.path.basename(doc), ""]
    while lines and lines[-1] == "":
        lines.pop()
    start = next((i for i, l in enumerate(lines) if l.strip() == heading), None)
    if start is None:
        if lines and lines[-1].strip():
            lines.append("")
        lines += new_lines
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
                   len(lines))
        lines[start:end] = new_lines
    text = "\n".join(lines).rstrip("\n") + "\n"
    os.makedirs(os.path.dirname(os.path.abspath(doc)), exist_ok=True)
    with open(doc, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.split("\n\n")[1])
    doc, title, body_file = sys.argv[1:4]
    with open(body_file, encoding="utf-8") as f:
        body = f.read().strip("\n")
    replace_section(doc, "## " + title + "\n\n" + body, sys.argv[4] if len(sys.argv) > 4 else None)


if __name__ == "__main__":
    main()
