"""SQLite FTS5 (trigram tokenizer) peer: build a passage index, run queries.

usage: fts5.py build DB PASSAGES      PASSAGES: lines "DOCNAME<TAB>passage"
       fts5.py query DB QUERIES OUT   QUERIES: one per line; OUT: lines "MS<TAB>doc,doc,…"
build prints {"build_s"}: reading the passages, inserting and committing.
query prints {"open_s"}; each line of OUT has one query's latency in milliseconds (all
matching documents fetched) and the documents that contain it.
Interpreter start-up is outside the figures.
"""
import json
import os
import sqlite3
import sys
import time


def build(db, passages):
    if os.path.exists(db):
        os.remove(db)
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE p USING fts5(doc UNINDEXED, text, tokenize='trigram')")
    with open(passages, encoding="utf-8") as f:
        rows = (line.rstrip("\n").split("\t", 1) for line in f)
        con.executemany("INSERT INTO p(doc, text) VALUES (?, ?)", rows)
    con.commit()
    con.close()
    json.dump({"build_s": time.perf_counter() - t0}, sys.stdout)


def query(db, queries, out):
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("SELECT count(*) FROM p WHERE p MATCH 'warm'").fetchall()
    opened = time.perf_counter() - t0
    with open(queries, encoding="utf-8") as f:
        qs = [q.rstrip("\n") for q in f if q.strip()]
    lines = []
    for q in qs:
        t0 = time.perf_counter()
        if len(q) >= 3:
            # A trigram MATCH of the quoted string: every trigram of q, then FTS5 checks the phrase.
            sql, arg = "SELECT DISTINCT doc FROM p WHERE p MATCH ?", '"' + q.replace('"', '""') + '"'
        else:
            # Shorter strings have no trigram, so no index helps: scan every row. (LIKE would
            # scan too, but SQLite 3.40's trigram LIKE returns no rows for patterns this short.)
            sql, arg = "SELECT DISTINCT doc FROM p WHERE instr(text, ?) > 0", q
        docs = [r[0] for r in con.execute(sql, (arg,))]
        ms = (time.perf_counter() - t0) * 1000
        lines.append("%.4f\t%s" % (ms, ",".join(sorted(docs))))
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    json.dump({"open_s": opened}, sys.stdout)


if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "query":
        query(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: fts5.py build DB PASSAGES | query DB QUERIES OUT")
