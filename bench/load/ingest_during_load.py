#!/usr/bin/env python3
"""Ingest N new articles through POST /api/articles while a load test runs, or verify them.

  ingest_during_load.py URL N BATCH SECONDS   spreads N articles in batches over SECONDS,
                                              prints {"sent":…,"acknowledged":…,"errors":[…]}
  ingest_during_load.py --verify URL N        fetches every article, prints {"found":…,"missing":[…]}
Only 127.0.0.1 is ever contacted (the URL the load test started).
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request


def article(i):
    return {"id": f"load-{i:05d}", "title": f"خبر اختبار الحمل رقم {i}",
            "body": "أعلنت وزارة الطاقة عن مشروع جديد للطاقة الشمسية في الصحراء، "
                    f"وقال الوزير إن المشروع رقم {i} سيوفر الكهرباء لآلاف المنازل.",
            "source": "اختبار الحمل", "date": "2026-05-01"}


def ingest(url, n, batch, seconds):
    assert url.startswith("http://127.0.0.1:")
    token = os.environ.get("RASD_WRITE_TOKEN", "")
    batches = (n + batch - 1) // batch
    pause = seconds * 0.6 / max(1, batches)
    time.sleep(seconds * 0.2)  # let the load ramp up first
    sent = acknowledged = 0
    errors = []
    for b in range(batches):
        ids = range(b * batch, min(n, (b + 1) * batch))
        body = "\n".join(json.dumps(article(i), ensure_ascii=False) for i in ids).encode()
        req = urllib.request.Request(url + "/api/articles", data=body, method="POST", headers={
            "Content-Type": "application/x-ndjson", "Authorization": f"Bearer {token}"})
        sent += len(ids)
        try:
            with urllib.request.urlopen(req, timeout=60) as res:
                acknowledged += json.load(res)["added"]
        except (urllib.error.URLError, OSError) as e:
            errors.append(str(e))
        time.sleep(pause)
    print(json.dumps({"sent": sent, "acknowledged": acknowledged, "errors": errors}))


def verify(url, n):
    assert url.startswith("http://127.0.0.1:")
    missing = []
    for i in range(n):
        try:
            with urllib.request.urlopen(f"{url}/api/articles/load-{i:05d}", timeout=30) as res:
                if json.load(res)["article"]["id"] != f"load-{i:05d}":
                    missing.append(i)
        except (urllib.error.URLError, OSError):
            missing.append(i)
    print(json.dumps({"found": n - len(missing), "missing": missing[:20]}))


if __name__ == "__main__":
    if sys.argv[1] == "--verify":
        verify(sys.argv[2], int(sys.argv[3]))
    else:
        ingest(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
