#!/usr/bin/env python3
"""Latency query sets for bench/peers/run.sh, drawn from news titles (deterministic).

  make_queries.py CORPUS.jsonl OUT_DIR [--n 200] [--seed 7]

Writes, each with N queries taken from the titles of randomly drawn articles (words of 3+
letters, punctuation stripped, as the peers' tools/make_queries.py does):
  one.tsv           one title word (of 4+ letters)
  multi.tsv         2-5 consecutive title words
  phrase.tsv        2-3 consecutive title words; phrase.tsv.rasd has them as a "quoted phrase"
  filter.tsv        2-4 consecutive title words; filter.tsv.rasd adds source:"<the article's
                    outlet>" (a filter the known item passes)
  all.tsv           the four sets together (the harness's main run)
The peers' contract has neither phrases nor filters: they answer phrase.tsv and filter.tsv as
an OR of the words. bench/rasd-peer runs the .rasd variant when it exists, so rasd answers the
phrase and the filter as written (a stricter query, not the same work); see bench/README.md.
"""
import argparse
import json
import os
import random
import re

PUNCT = re.compile(r"[\"'«»“”‘’()\[\]{}<>،؛؟?!.,:;|/\\\-–—_*#…~+]+")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    cands = []
    with open(a.corpus, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            words = [w for w in PUNCT.sub(" ", d.get("title") or "").split() if len(w) >= 3]
            source = (d.get("source") or "").replace('"', "")
            if len(words) >= 4 and (d.get("body") or "").strip() and source:
                cands.append((words, source))
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    sets = {"one": [], "multi": [], "phrase": [], "filter": []}
    rasd = {"phrase": [], "filter": []}
    for i, (words, source) in enumerate(rng.sample(cands, 4 * a.n)):
        kind = ["one", "multi", "phrase", "filter"][i % 4]
        qid = f"{kind}{i // 4 + 1:04d}"
        if kind == "one":
            long_words = [w for w in words if len(w) >= 4] or words
            q = rng.choice(long_words)
        else:
            lo, hi = {"multi": (2, 5), "phrase": (2, 3), "filter": (2, 4)}[kind]
            k = min(len(words), rng.randint(lo, hi))
            s = rng.randrange(0, len(words) - k + 1)
            q = " ".join(words[s:s + k])
        sets[kind].append((qid, q))
        if kind == "phrase":
            rasd["phrase"].append((qid, f'"{q}"'))
        elif kind == "filter":
            rasd["filter"].append((qid, f'{q} source:"{source}"'))
    for name, rows in list(sets.items()) + [("all", [r for v in sets.values() for r in v])]:
        with open(os.path.join(a.out, name + ".tsv"), "w", encoding="utf-8") as f:
            for qid, q in rows:
                f.write(f"{qid}\t{q}\n")
    for name, rows in rasd.items():
        with open(os.path.join(a.out, name + ".tsv.rasd"), "w", encoding="utf-8") as f:
            for qid, q in rows:
                f.write(f"{qid}\t{q}\n")
    print(f"{4 * a.n} queries from {len(cands)} titles -> {a.out}")


if __name__ == "__main__":
    main()
