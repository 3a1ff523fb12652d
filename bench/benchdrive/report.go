package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/dangjian/dangjian/internal/sighan"
)

// report is a whole benchmark run.
type report struct {
	started time.Time
	took    time.Duration
	machine string
	f1      map[string]map[string]sighan.Score // segmenter → "pku"/"msr" → score
	sizes   []*sizeResult
}

// describeMachine is the machine and peer versions, for the head of RESULTS.md.
func describeMachine(d *driver) string {
	cpu := "unknown"
	if raw, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(raw), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := "unknown"
	if raw, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(raw), "MemTotal: %d kB", &kb); err == nil {
			mem = fmt.Sprintf("%.1f GB", float64(kb)/(1<<20))
		}
	}
	load, _ := os.ReadFile("/proc/loadavg")
	ctx := context.Background()
	version := func(name string, args ...string) string {
		out, err := exec.CommandContext(ctx, name, args...).Output()
		if err != nil {
			return "unknown"
		}
		return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
	}
	var nodeJieba struct{ Version string }
	if raw, err := os.ReadFile(filepath.Join(d.peers, "node_modules", "@node-rs", "jieba", "package.json")); err == nil {
		json.Unmarshal(raw, &nodeJieba)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "- machine: %d cores (`nproc`), %s, %s RAM, load average at start %s\n", runtime.NumCPU(), cpu, mem, strings.Join(strings.Fields(string(load))[:3], " "))
	fmt.Fprintf(&b, "- Go %s; dangjian at commit %s%s\n", strings.TrimPrefix(runtime.Version(), "go"), version("git", "rev-parse", "--short", "HEAD"), dirty(ctx))
	fmt.Fprintf(&b, "- peers: Python jieba %s and SQLite %s (%s), @node-rs/jieba %s (Node %s), %s\n",
		version(d.python, "-c", "import jieba; print(jieba.__version__)"),
		version(d.python, "-c", "import sqlite3; print(sqlite3.sqlite_version)"), d.python,
		nodeJieba.Version, version(d.node, "--version"), version(d.rg, "--version"))
	return b.String()
}

// dirty names the files outside bench/ that differ from the commit: the binaries are built
// from the working tree, where colleagues' changes in progress may stand.
func dirty(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "git", "status", "--porcelain", "--untracked-files=no").Output()
	if err != nil || len(strings.TrimSpace(string(out))) == 0 {
		return " (working tree clean)"
	}
	var files []string
	for _, l := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if len(l) > 3 && !strings.HasPrefix(l[3:], "bench/") { // "XY path"
			files = append(files, l[3:])
		}
	}
	if len(files) == 0 {
		return " (working tree clean)"
	}
	return fmt.Sprintf(" plus uncommitted changes in the working tree (%s)", strings.Join(files, ", "))
}

// row is one line of a size table: a figure per engine, the ratio, the target and the verdict.
type row struct {
	what                               string
	dj, jieba, jiebaRS, fts, rg, ratio string
	target, verdict                    string
}

func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "**MISS**"
}

func (rep *report) markdown() string {
	var b strings.Builder
	b.WriteString("# Benchmark results (issue 7)\n\n")
	fmt.Fprintf(&b, "Written by `bench/run.sh` on %s (took %s). Every figure is the median of the runs its section names.\n\n",
		rep.started.UTC().Format("2006-01-02 15:04 MST"), rep.took.Round(time.Second))
	b.WriteString(rep.machine)
	var labels []string
	for _, s := range rep.sizes {
		labels = append(labels, s.c.label)
	}
	fmt.Fprintf(&b, "- sizes run: %s\n\n", strings.Join(labels, ", "))

	b.WriteString("## Segmentation quality: SIGHAN 2005 (official span scoring)\n\n")
	b.WriteString("| segmenter | PKU P | PKU R | PKU F1 | MSR P | MSR R | MSR F1 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, n := range []string{nameDangjian, nameJieba, nameJiebaRS} {
		p, m := rep.f1[n]["pku"], rep.f1[n]["msr"]
		fmt.Fprintf(&b, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", n, p.P, p.R, p.F1, m.P, m.R, m.F1)
	}
	djF1, rsF1 := rep.f1[nameDangjian]["pku"].F1, rep.f1[nameJiebaRS]["pku"].F1
	fmt.Fprintf(&b, "\nTarget PKU F1 ≥ jieba-rs's: %.3f vs %.3f — %s\n\n", djF1, rsF1, verdict(djF1 >= rsF1))

	for _, s := range rep.sizes {
		rep.sizeTable(&b, s)
	}
	if len(rep.sizes) > 1 {
		rep.growth(&b)
	}
	rep.notes(&b)
	return b.String()
}

func (rep *report) sizeTable(b *strings.Builder, s *sizeResult) {
	c := s.c
	fmt.Fprintf(b, "## %s: %.1f MB of text, %d documents, %d passages, %d queries (%d absent per ripgrep); medians of %d runs\n\n",
		c.label, mb(c.bytes), c.nDocs, c.nPass, s.query[nameDangjian].n, s.absent, s.runs)
	at200 := c.bytes >= 190<<20
	stated := func(t string) string {
		if at200 {
			return t
		}
		return t + " (stated for 200 MB)"
	}
	dj, py, rs := s.seg[nameDangjian], s.seg[nameJieba], s.seg[nameJiebaRS]
	bd, bf := s.build[nameDangjian], s.build[nameFTS5]
	qd, qf, qr, qc := s.query[nameDangjian], s.query[nameFTS5], s.query[nameRipgrep], s.query[nameDangjian+" CLI"]
	ad, af := s.agree[nameDangjian], s.agree[nameFTS5]
	rows := []row{
		{what: "segmentation MB/s, 1 core (cutting only)", dj: f1(dj.cutMBs), jieba: f1(py.cutMBs), jiebaRS: f1(rs.cutMBs),
			ratio:  fmt.Sprintf("%.2f× jieba-rs, %.1f× jieba", dj.cutMBs/rs.cutMBs, dj.cutMBs/py.cutMBs),
			target: "≥ 1.0× jieba-rs, ≥ 5× jieba", verdict: verdict(dj.cutMBs >= rs.cutMBs && dj.cutMBs >= 5*py.cutMBs)},
		{what: "segmentation MB/s, whole process (start-up, dictionary load, I/O)", dj: f1(dj.wallMBs), jieba: f1(py.wallMBs), jiebaRS: f1(rs.wallMBs),
			ratio: fmt.Sprintf("%.2f× jieba-rs, %.1f× jieba", dj.wallMBs/rs.wallMBs, dj.wallMBs/py.wallMBs)},
		{what: "dictionary load, s", dj: f2(dj.loadS), jieba: f2(py.loadS), jiebaRS: f2(rs.loadS)},
		{what: "segmentation peak RSS, MB", dj: f0(mb(dj.rss)), jieba: f0(mb(py.rss)), jiebaRS: f0(mb(rs.rss))},
		{what: "full rebuild MB/s, 2 cores (wall of the process)", dj: f2(bd.mbs), fts: f2(bf.mbs),
			ratio: fmt.Sprintf("%.2f× FTS5", bd.mbs/bf.mbs), target: "≥ 1.0× FTS5", verdict: verdict(bd.mbs >= bf.mbs)},
		{what: "full rebuild, s", dj: f1(bd.seconds), fts: f1(bf.seconds)},
		{what: "rebuild peak RSS, MB", dj: f0(mb(bd.rss)), fts: f0(mb(bf.rss)), target: stated("≤ 2048 MB"), verdict: verdict(bd.rss <= 2<<30)},
		{what: "on disk, MB (dangjian: index + corpus.db; FTS5: its database)", dj: fmt.Sprintf("%.1f (%.1f× text)", mb(bd.size), float64(bd.size)/float64(c.bytes)),
			fts:   fmt.Sprintf("%.1f (%.1f× text)", mb(bf.size), float64(bf.size)/float64(c.bytes)),
			ratio: fmt.Sprintf("%.2f× FTS5", float64(bd.size)/float64(bf.size)), target: "≤ 2× FTS5", verdict: verdict(bd.size <= 2*bf.size)},
		{what: "index generation alone, MB", dj: fmt.Sprintf("%.1f (%.1f× text)", mb(bd.extra), float64(bd.extra)/float64(c.bytes)),
			ratio: fmt.Sprintf("%.2f× FTS5", float64(bd.extra)/float64(bf.size))},
		{what: "query p50, ms (dangjian in-process)", dj: f2(qd.p50), fts: f2(qf.p50), rg: f1(qr.p50),
			ratio: fmt.Sprintf("%.0f× faster than ripgrep", qr.p50/qd.p50), target: stated("≤ 2 ms; ≥ 100× ripgrep"),
			verdict: verdict(qd.p50 <= 2 && qr.p50 >= 100*qd.p50)},
		{what: "query p99, ms (dangjian in-process)", dj: f2(qd.p99), fts: f2(qf.p99), rg: f1(qr.p99),
			target: stated("≤ 20 ms"), verdict: verdict(qd.p99 <= 20)},
		{what: fmt.Sprintf("CLI `search --json` cold start p50 / p99, ms (%d queries)", qc.n), dj: fmt.Sprintf("%.0f / %.0f", qc.p50, qc.p99),
			target: "≤ 300 ms", verdict: verdict(qc.p50 <= 300)},
		{what: "queries whose documents equal ripgrep's", dj: fmt.Sprintf("%d / %d", ad.agree, ad.queries), fts: fmt.Sprintf("%d / %d", af.agree, af.queries)},
		{what: "queries that differ from ripgrep for no reason of design (not folding, line repair or cleaning)", dj: fmt.Sprint(ad.unexplainedQ), fts: fmt.Sprint(af.unexplainedQ),
			target: "0", verdict: verdict(ad.unexplainedQ == 0 && af.unexplainedQ == 0)},
	}
	b.WriteString("| measure | dangjian | jieba (Python) | jieba-rs (Node) | SQLite FTS5 trigram | ripgrep | ratio | target | result |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n")
	for _, r := range rows {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.what, dash(r.dj), dash(r.jieba), dash(r.jiebaRS), dash(r.fts), dash(r.rg), r.ratio, r.target, r.verdict)
	}
	fmt.Fprintf(b, "\nImport of the files (`dangjian import`, once, not part of the rebuild figure): %.1f s.\n", s.imported.Seconds())
	for _, a := range []struct {
		name string
		a    agreement
	}{{nameDangjian, ad}, {nameFTS5, af}} {
		if a.a.agree == a.a.queries {
			continue
		}
		fmt.Fprintf(b, "\nDisagreements of %s with ripgrep: %d queries; %d documents found only by %s (%d of them because the folded text contains the folded query — traditional/simplified and width folding —, %d because the query stands across a line break that paragraph repair joins; both by design), %d only by ripgrep (%d of them because the query stands only in lines that cleaning removed).\n",
			a.name, a.a.queries-a.a.agree, a.a.extra, a.name, a.a.folded, a.a.joined, a.a.missing, a.a.cleaned)
		for _, e := range a.a.examples {
			fmt.Fprintf(b, "- unexplained: %s\n", e)
		}
	}
	b.WriteString("\n")
}

// growth compares the largest corpus with the smallest.
func (rep *report) growth(b *strings.Builder) {
	lo, hi := rep.sizes[0], rep.sizes[len(rep.sizes)-1]
	for _, s := range rep.sizes {
		if s.c.bytes < lo.c.bytes {
			lo = s
		}
		if s.c.bytes > hi.c.bytes {
			hi = s
		}
	}
	grow := float64(hi.c.bytes) / float64(lo.c.bytes)
	fmt.Fprintf(b, "## Growth from %s to %s (%.1f× the text)\n\n", lo.c.label, hi.c.label, grow)
	b.WriteString("| measure | " + lo.c.label + " | " + hi.c.label + " | growth | target | result |\n| --- | ---: | ---: | ---: | --- | --- |\n")
	rb := hi.build[nameDangjian].seconds / lo.build[nameDangjian].seconds
	fmt.Fprintf(b, "| dangjian rebuild, s | %.1f | %.1f | %.2f× (%.2f× per MB) | per-MB cost ≤ 1.10× (linear, 10%% for noise) | %s |\n",
		lo.build[nameDangjian].seconds, hi.build[nameDangjian].seconds, rb, rb/grow, verdict(rb/grow <= 1.10))
	fb := hi.build[nameFTS5].seconds / lo.build[nameFTS5].seconds
	fmt.Fprintf(b, "| FTS5 build, s | %.1f | %.1f | %.2f× (%.2f× per MB) | | |\n", lo.build[nameFTS5].seconds, hi.build[nameFTS5].seconds, fb, fb/grow)
	qp := hi.query[nameDangjian].p99 / lo.query[nameDangjian].p99
	fmt.Fprintf(b, "| dangjian query p99, ms | %.2f | %.2f | %.2f× | < 2× | %s |\n\n", lo.query[nameDangjian].p99, hi.query[nameDangjian].p99, qp, verdict(qp < 2))
}

func (rep *report) notes(b *strings.Builder) {
	b.WriteString(`## How these are measured

- Corpora: ` + "`benchcorpus`" + ` over ../shared/corpora plus the paragraphs of ../shared/seeds, seed 1: runs of real
  paragraphs recombined into documents with varied dates and provinces. The same text feeds every engine: the
  document files (dangjian import, ripgrep), their concatenation (the segmenters) and their sentences split at
  line ends and 。！？ (one FTS5 row per sentence, with its document name).
- Segmentation: each segmenter is a child process (dangjian's with GOMAXPROCS=1; Python and Node are single-threaded)
  that loads its dictionary, reads the file, cuts it line by line in precise mode with HMM (jieba.cut(HMM=True),
  jieba-rs cut(hmm=true), dangjian Segmenter.Cut) and writes the words. "cutting only" times the cut loop;
  "whole process" is the child's wall time. The runs take turns between the segmenters (and between
  the two builders below), so a change in the load of the machine falls on all alike. F1: the same scripts over the SIGHAN 2005 test files, scored by spans
  of characters with whitespace ignored, like the bakeoff's scorer.
- Rebuild: ` + "`dangjian rebuild`" + ` (clean, learn quoted terms, near-duplicate groups, segment, extract, index) on the
  imported corpus vs ` + "`fts5.py build`" + ` (CREATE VIRTUAL TABLE … fts5(doc UNINDEXED, text, tokenize='trigram'), every
  sentence inserted in one transaction). MB/s is text bytes over the child's wall time; peak RSS is the child's
  ru_maxrss; sizes are blocks on disk.
- Queries: strings of 2–8 Han characters sampled from the documents, one in ten with a rare character inserted.
  dangjian in-process: collection.Search with the CLI's defaults (first page of 10 hits with snippets, total, facets),
  index already open. FTS5: a phrase MATCH fetching every matching document (strings of 2 characters have no trigram:
  instr(), a scan of every row, since SQLite 3.40's trigram LIKE returns nothing for them). ripgrep: ` + "`rg -l -F Q docs/`" + ` as a new process over files in the page cache.
  CLI cold start: ` + "`dangjian search --json Q`" + ` as a new process. Agreement: every hit and its duplicates (asked with no
  page limit) against the files ripgrep lists.
`)
	for _, s := range rep.sizes {
		if len(s.profiles) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n## Profiles at %s (pprof top, CPU)\n", s.c.label)
		for _, k := range []struct{ key, what string }{
			{"segment", "Segmentation (dangjian segment child, cutting only)"},
			{"rebuild", "Rebuild (in-process, 2 cores)"},
			{"query", "Queries (in-process, one pass over the query set)"},
		} {
			if p := s.profiles[k.key]; p != "" {
				fmt.Fprintf(b, "\n%s:\n\n```\n%s\n```\n", k.what, p)
			}
		}
	}
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func f0(v float64) string { return fmt.Sprintf("%.0f", v) }
func f1(v float64) string { return fmt.Sprintf("%.1f", v) }
func f2(v float64) string { return fmt.Sprintf("%.2f", v) }
