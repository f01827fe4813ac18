#!/usr/bin/env python3
"""Writes the "## Retrieval quality" section of docs/QUALITY.md from bench/quality/run.sh results.

  update_doc.py RESULTS.jsonl SETS_DIR DOC.md --command CMD --peers "p1 p2 ..."

Only that section is replaced (from its heading to the next "## " heading); the rest of the
file is left as it is. DOC.md = /dev/null prints the section only.
"""
import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import doc_section  # noqa: E402  (bench/doc_section.py)

SECTION = "## Retrieval quality"
NAMES = {"arcd": "ARCD (test)", "xquad_ar": "XQuAD-ar", "quranqa": "Qur'an QA 2023 A (test)",
         "news_ki": "News known-item (test)"}
DEV_NAMES = {"arcd": "ARCD train", "quranqa": "Qur'an QA train+dev", "news_ki": "News known-item dev"}
ORDER = ["news_ki", "arcd", "xquad_ar", "quranqa"]


def fmt(v):
    return "-" if v is None else f"{v:.3f}"


def table(rows, systems, metric, dev=False):
    out = ["| set | queries | " + " | ".join(systems) + " |", "|---|---|" + "---|" * len(systems)]
    for s in ORDER:
        r = rows.get(s)
        if not r:
            continue
        vals = {sy: r[sy][metric] for sy in systems if sy in r}
        best = max(vals.values()) if vals else None
        n = next(iter(r.values()))["queries"]
        cells = []
        for sy in systems:
            v = vals.get(sy)
            c = fmt(v)
            cells.append(f"**{c}**" if v is not None and v == best else c)
        out.append(f"| {NAMES[s]} | {n} | " + " | ".join(cells) + " |")
    return out


def pvalue(p):
    return "p < 0.0001" if p < 1e-4 else f"p {p:.4f}"


def significance(test, versus):
    """rasd against the best peer of each set, and the largest p against any peer."""
    rows = []
    for s in ORDER:
        r, v = test.get(s), versus.get(s)
        if not r or not v:
            continue
        peers = [p for p in v if p in r]
        if not peers:
            continue
        best = max(peers, key=lambda p: r[p]["ndcg@10"])
        b = v[best]["baseline"]
        cells = [f"{b[m]['difference']:+.3f} ({pvalue(b[m]['p'])})"
                 for m in ("ndcg@10", "map", "mrr@10", "recall@100")]
        worst = max(peers, key=lambda p: v[p]["baseline"]["ndcg@10"]["p"])
        wp = v[worst]["baseline"]["ndcg@10"]
        rows.append(f"| {NAMES[s]} | {best} | " + " | ".join(cells) +
                    f" | {pvalue(wp['p'])} ({worst}, {wp['difference']:+.3f}) |")
    if not rows:
        return []
    trials = next(iter(next(iter(versus.values())).values()))["baseline"]["trials"]
    return ["", "**rasd against the peers, query by query.** rasd's score minus the best peer's "
            "(by nDCG@10), as the mean of the per-query differences, with the two-sided p-value of "
            f"a paired randomization test ({trials:,} random sign assignments; "
            "`rasd eval --baseline`, `src/rasd/cli/significance.h`); the last column is the "
            "largest nDCG@10 p-value against any peer.", "",
            "| set | best peer | nDCG@10 | MAP | MRR@10 | Recall@100 | largest p (nDCG@10) |",
            "|---|---|---|---|---|---|---|"] + rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("sets")
    ap.add_argument("doc")
    ap.add_argument("--command", default="bench/quality/run.sh")
    ap.add_argument("--peers", default="")
    a = ap.parse_args()
    test, dev = collections.defaultdict(dict), collections.defaultdict(dict)
    versus = collections.defaultdict(dict)  # set -> peer -> rasd's eval with that peer as baseline
    qqa_dev = None
    for line in open(a.results, encoding="utf-8"):
        d = json.loads(line)
        if d["split"] == "qqa-dev":
            qqa_dev = d
            continue
        if d["split"] == "versus":
            versus[d["set"]][d["system"]] = d
            continue
        (test if d["split"] == "test" else dev)[d["set"]][d["system"]] = d
    systems = ["rasd"] + [p for p in a.peers.split() if any(p in r for r in test.values())]
    meta = {}
    for s in ORDER:
        p = os.path.join(a.sets, s, "meta.json")
        if os.path.exists(p):
            meta[s] = json.load(open(p))

    out = [SECTION, ""]
    out.append(f"Reproduce: `{a.command}` (builds every set, runs rasd and the peers on the same "
               "data, rewrites this section; about 15 minutes). The numbers below are its output.")
    out.append("")
    out.append("Main metric nDCG@10; the best system of each row in bold. Metrics are computed by "
               "`rasd eval` (TREC definitions, `src/rasd/cli/ir_metrics.h`) for every system, rasd "
               "and peers alike, from each system's top-100 run; queries are read as plain words by "
               "every system.")
    out.append("")
    out += table(test, systems, "ndcg@10")
    for metric, title in (("map", "MAP"), ("mrr@10", "MRR@10"), ("recall@100", "Recall@100")):
        out += ["", f"**{title}**", ""]
        out += table(test, systems, metric)
    out += significance(test, versus)
    out += ["", "rasd on the splits used for tuning (never reported above as test):", "",
            "| split | queries | MAP | nDCG@10 | MRR@10 | R@10 | R@100 |", "|---|---|---|---|---|---|---|"]
    for s in ORDER:
        d = dev.get(s, {}).get("rasd")
        if d:
            out.append(f"| {DEV_NAMES.get(s, s)} | {d['queries']} | {fmt(d['map'])} | {fmt(d['ndcg@10'])} | "
                       f"{fmt(d['mrr@10'])} | {fmt(d['recall@10'])} | {fmt(d['recall@100'])} |")
    if qqa_dev:
        out.append("")
        out.append(f"Qur'an QA 2023 task A, dev split alone ({qqa_dev['queries']} questions, "
                   f"{qqa_dev['no_answer']} without an answer), the split of the organisers' published BM25 "
                   f"baseline (MAP 0.170, nDCG@10 0.213): rasd MAP {qqa_dev['map']:.3f}, nDCG@10 "
                   f"{qqa_dev['ndcg@10']:.3f}, MRR@10 {qqa_dev['mrr@10']:.3f}.")
    out.append("")
    out.append("The sets (built by `bench/quality/make_sets.py`, deterministic):")
    out.append("")
    if "news_ki" in meta:
        m = meta["news_ki"]
        out.append(f"* **News known-item**: {m['documents']:,} articles of ANT multi-source v2.1 + SaudiNewsNet. "
                   f"The query is an article's full title, the relevant document its body (and any article "
                   f"with a byte-identical body: the same text filed twice). Titles are not searchable: rasd "
                   f"indexes with `--no-title`, the peers get an empty title. {m['queries']:,} test and "
                   f"{m['dev_queries']:,} dev queries sampled with seed {m['seed']} from {m['candidates']:,} "
                   "candidates (title of 3+ words, body of 30+ words, title not shared by a different body). "
                   "PostgreSQL is left out of this row: `ts_rank` scores every match and needs tens of "
                   "minutes for these queries.")
    if "arcd" in meta:
        m = meta["arcd"]
        out.append(f"* **ARCD**: {m['documents']} Wikipedia paragraphs (title + text); {m['queries']} test questions "
                   f"reported, the {m['dev_queries']} train questions used for tuning.")
    if "xquad_ar" in meta:
        m = meta["xquad_ar"]
        out.append(f"* **XQuAD-ar**: {m['documents']} paragraphs, {m['queries']} questions, all test: never tuned on.")
    if "quranqa" in meta:
        m = meta["quranqa"]
        out.append(f"* **Qur'an QA 2023 task A**: {m['documents']} passages (Classical Arabic), {m['queries']} test "
                   f"questions ({m['judged_queries']} judged; question 504 has no qrels) reported, the "
                   f"{m['dev_queries']} train + dev questions used for tuning. Zero-answer questions (qrels pid "
                   "-1) are scored as the official QQA23 scorer does: 1 for a run that abstains (returns "
                   "nothing, or -1 first), else 0. No system here abstains, so they score 0 for every "
                   "system, as in the organisers' BM25 baseline (MAP 0.170 / nDCG@10 0.213 on dev).")
    out.append("")
    section = "\n".join(out) + "\n"

    if a.doc == "/dev/null":
        print(section)
        return
    doc_section.replace_section(a.doc, section, "# rasd quality")
    print(section)


if __name__ == "__main__":
    main()
