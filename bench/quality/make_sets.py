#!/usr/bin/env python3
"""Builds every evaluation set of bench/quality/run.sh in one folder, deterministically.

  make_sets.py DATA_DIR OUT_DIR [--ki-test 3000] [--ki-dev 1000] [--seed 20180508]

DATA_DIR is shared/data. For each set S, OUT_DIR/S/ gets:
  corpus.jsonl       what rasd indexes (id, title, body, and source/date for the news)
  peer_corpus.jsonl  what the peers index (the harness's id/title/body; see below)
  queries.tsv        qid<TAB>text of the REPORTED queries (test split where one exists)
  qrels.tsv          TREC qrels for them
  dev_queries.tsv, dev_qrels.tsv   the split used for tuning (where one exists)
  meta.json          counts, split sizes and how the set was made

Sets:
  arcd, xquad_ar, quranqa   shared/data/qa_ir/<set>: passages become documents (title + text),
                            queries and qrels as given. ARCD: report test, tune on train.
                            XQuAD-ar: all test (never tuned on). Qur'an QA 2023 task A: report
                            test, tune on train + dev; zero-answer questions (pid -1) stay in
                            the qrels and are scored as ir_metrics.h says.
  news_ki                   known-item search on both news corpora (ANT multi-source v2.1 and
                            SaudiNewsNet, 62,555 articles): the query is an article's full title,
                            the relevant document its body. rasd indexes the corpus with
                            --no-title; the peers get the body only (title ""), so neither sees
                            titles. Candidates: a title of >= 3 words, a body of >= 30 words,
                            and a title no other article with a different body shares (such a
                            query has no single known item). Every article whose body is
                            byte-identical (after whitespace folding) to the known item's is
                            relevant too: it is the same document filed twice. Sampling:
                            random.Random(seed).sample over the candidates in corpus order;
                            the first --ki-dev are the dev split, the next --ki-test the test.
"""
import argparse
import collections
import io
import json
import os
import random
import re
import subprocess

NEWS = ["ant_multisource_v2.1.jsonl.zst", "saudinewsnet.jsonl.zst"]
QA = {"arcd": ("arcd", ["test"], ["train"]),
      "xquad_ar": ("xquad_ar", ["test"], []),
      "quranqa": ("quranqa2023_taskA", ["test"], ["train", "dev"])}
WS = re.compile(r"\s+")


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def one_line(text):
    return WS.sub(" ", text).strip()


def make_qa(data, out, name):
    src, report, tune = QA[name]
    d = os.path.join(data, "qa_ir", src)
    os.makedirs(out, exist_ok=True)
    docs = [json.loads(l) for l in open(os.path.join(d, "passages.jsonl"), encoding="utf-8") if l.strip()]
    rows = [{"id": p["pid"], "title": p.get("title") or "", "body": p.get("text") or ""} for p in docs]
    write_jsonl(os.path.join(out, "corpus.jsonl"), rows)
    write_jsonl(os.path.join(out, "peer_corpus.jsonl"), rows)
    queries = [json.loads(l) for l in open(os.path.join(d, "queries.jsonl"), encoding="utf-8") if l.strip()]
    qrels = collections.defaultdict(list)
    for line in open(os.path.join(d, "qrels.tsv"), encoding="utf-8"):
        p = line.split()
        if len(p) >= 4:
            qrels[p[0]].append(p)
    meta = {"set": name, "source": f"shared/data/qa_ir/{src}", "documents": len(rows)}
    for prefix, splits in (("", report), ("dev_", tune)):
        if not splits:
            continue
        qs = [q for q in queries if q.get("split") in splits and one_line(q["text"])]
        with open(os.path.join(out, prefix + "queries.tsv"), "w", encoding="utf-8") as f:
            for q in qs:
                f.write(f"{q['qid']}\t{one_line(q['text'])}\n")
        n = 0
        with open(os.path.join(out, prefix + "qrels.tsv"), "w", encoding="utf-8") as f:
            for q in qs:
                for p in qrels.get(str(q["qid"]), []):
                    f.write(" ".join(p[:4]) + "\n")
                    n += 1
        meta[prefix + "splits"] = splits
        meta[prefix + "queries"] = len(qs)
        meta[prefix + "judged_queries"] = len({str(q["qid"]) for q in qs} & set(qrels))
        meta[prefix + "qrels"] = n
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)
    return meta


def read_news(data):
    for name in NEWS:
        p = subprocess.Popen(["zstd", "-q", "-dc", os.path.join(data, "news", name)], stdout=subprocess.PIPE)
        for line in io.TextIOWrapper(p.stdout, encoding="utf-8"):
            if line.strip():
                yield json.loads(line)
        if p.wait() != 0:
            raise SystemExit(f"zstd failed on {name}")


def make_news_ki(data, out, n_test, n_dev, seed):
    os.makedirs(out, exist_ok=True)
    arts = []
    with open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as rasd_f, \
            open(os.path.join(out, "peer_corpus.jsonl"), "w", encoding="utf-8") as peer_f:
        for a in read_news(data):
            doc_id = str(a["id"])
            title, body = a.get("title") or "", a.get("body") or ""
            row = {"id": doc_id, "title": title, "body": body}
            for k in ("source", "date"):
                if a.get(k):
                    row[k] = a[k]
            rasd_f.write(json.dumps(row, ensure_ascii=False) + "\n")
            peer_f.write(json.dumps({"id": doc_id, "title": "", "body": body}, ensure_ascii=False) + "\n")
            arts.append((doc_id, one_line(title), one_line(body)))
    by_body = collections.defaultdict(list)
    bodies_of_title = collections.defaultdict(set)
    for doc_id, title, body in arts:
        by_body[body].append(doc_id)
        bodies_of_title[title].add(body)
    cands = [(doc_id, title, body) for doc_id, title, body in arts
             if len(title.split()) >= 3 and len(body.split()) >= 30 and len(bodies_of_title[title]) == 1]
    picked = random.Random(seed).sample(cands, min(len(cands), n_dev + n_test))
    splits = {"dev_": picked[:n_dev], "": picked[n_dev:]}
    meta = {"set": "news_ki", "source": "shared/data/news/" + " + ".join(NEWS), "documents": len(arts),
            "candidates": len(cands), "seed": seed}
    for prefix, rows in splits.items():
        nrel = 0
        with open(os.path.join(out, prefix + "queries.tsv"), "w", encoding="utf-8") as q, \
                open(os.path.join(out, prefix + "qrels.tsv"), "w", encoding="utf-8") as r:
            for i, (doc_id, title, body) in enumerate(rows):
                qid = f"{'d' if prefix else 't'}{i + 1:05d}"
                q.write(f"{qid}\t{title}\n")
                for rel in sorted(set(by_body[body])):
                    r.write(f"{qid} 0 {rel} 1\n")
                    nrel += 1
        meta[prefix + "queries"] = len(rows)
        meta[prefix + "qrels"] = nrel
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)
    return meta


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--ki-test", type=int, default=3000)
    ap.add_argument("--ki-dev", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20180508)
    ap.add_argument("--sets", default="arcd xquad_ar quranqa news_ki")
    a = ap.parse_args()
    for s in a.sets.split():
        out = os.path.join(a.out, s)
        meta = make_news_ki(a.data, out, a.ki_test, a.ki_dev, a.seed) if s == "news_ki" else make_qa(a.data, out, s)
        print(json.dumps(meta, ensure_ascii=False))


if __name__ == "__main__":
    main()
