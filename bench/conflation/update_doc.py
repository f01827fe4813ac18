#!/usr/bin/env python3
"""Replaces one '## TITLE' section of a Markdown file with the contents of a file.

usage: update_doc.py DOC.md "TITLE" SECTION_BODY_FILE [FIRST_LINE_IF_NEW]

The section runs from the line '## TITLE' to the next line starting with '## ' (or the end).
Other sections are left byte-for-byte as they are, so several people can own sections of the
same document. A missing section is appended; a missing file is created with FIRST_LINE_IF_NEW.
"""
import os
import sys


def main():
    doc, title, body_file = sys.argv[1:4]
    first = sys.argv[4] if len(sys.argv) > 4 else "# " + os.path.basename(doc)
    body = open(body_file, encoding="utf-8").read().strip("\n")
    new_section = ["## " + title, ""] + body.split("\n") + [""]
    lines = open(doc, encoding="utf-8").read().split("\n") if os.path.exists(doc) else [first, ""]
    if lines and lines[-1] == "":
        lines.pop()
    start = next((i for i, l in enumerate(lines) if l.strip() == "## " + title), None)
    if start is None:
        if lines and lines[-1].strip():
            lines.append("")
        lines += new_section
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
                   len(lines))
        lines[start:end] = new_section
    text = "\n".join(lines).rstrip("\n") + "\n"
    os.makedirs(os.path.dirname(os.path.abspath(doc)), exist_ok=True)
    with open(doc, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
