// Command benchdrive runs the benchmark harness of issue 7: dangjian against jieba (Python),
// jieba-rs (@node-rs/jieba), SQLite FTS5 (trigram) and ripgrep over generated corpora of
// several sizes, and writes the tables to bench/RESULTS.md. bench/run.sh installs the peers,
// builds the binaries and calls it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dangjian/dangjian/benchcorpus"

	"github.com/dangjian/dangjian/internal/sighan"
)

const (
	nameDangjian = "dangjian"
	nameJieba    = "jieba (Python)"
	nameJiebaRS  = "jieba-rs (Node)"
	nameFTS5     = "SQLite FTS5 trigram"
	nameRipgrep  = "ripgrep"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchdrive:", err)
		os.Exit(1)
	}
}

// driver holds the settings of one benchmark run.
type driver struct {
	sizes      []float64 // megabytes of text
	runs       int
	largeRuns  int // runs for corpora of 100 MB and more, whose rebuilds take many minutes
	queries    int
	cliQueries int
	seed       int64
	profile    bool

	work, shared, scripts, peers, out string
	self, dangjian, python, node, rg  string
	log                               io.Writer
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 3 && args[0] == "segment" {
		return cutFile(args[1], args[2])
	}
	fs := flag.NewFlagSet("benchdrive", flag.ContinueOnError)
	fs.SetOutput(stderr)
	d := &driver{log: stderr}
	sizes := fs.String("sizes", "10,50,200", "corpus sizes in MB of text, comma-separated")
	quick := fs.Bool("quick", false, "one 1 MB corpus (overrides --sizes), to check the harness")
	fs.IntVar(&d.runs, "runs", 3, "runs per measurement; tables show medians")
	fs.IntVar(&d.largeRuns, "large-runs", 0, "runs for sizes of 100 MB and more, which also skip the in-process rebuild profile (0: --runs)")
	fs.IntVar(&d.queries, "queries", 1000, "queries per query set")
	fs.IntVar(&d.cliQueries, "cli-queries", 200, "queries run through the CLI as new processes (cold start)")
	fs.Int64Var(&d.seed, "seed", 1, "corpus and query seed")
	fs.BoolVar(&d.profile, "profile", true, "profile dangjian's segmentation, rebuild and queries (pprof top entries in the notes)")
	fs.StringVar(&d.work, "work", "bench/.work", "directory for corpora, data directories and profiles")
	fs.StringVar(&d.shared, "shared", "../shared", "the shared data directory (corpora, seeds, sighan2005)")
	fs.StringVar(&d.scripts, "scripts", "bench", "directory of the peer scripts")
	fs.StringVar(&d.peers, "peers", "bench/.peers", "directory holding node_modules with @node-rs/jieba")
	fs.StringVar(&d.out, "out", "bench/RESULTS.md", "markdown file for the results (empty: standard output only)")
	fs.StringVar(&d.dangjian, "dangjian", "bench/.work/bin/dangjian", "the dangjian binary")
	fs.StringVar(&d.python, "python", "/usr/bin/python3", "python3 with jieba and sqlite3 FTS5 (trigram)")
	fs.StringVar(&d.node, "node", "node", "node")
	fs.StringVar(&d.rg, "rg", "rg", "ripgrep")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *quick {
		*sizes = "1"
	}
	for _, s := range strings.Split(*sizes, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || v <= 0 {
			return fmt.Errorf("--sizes: %q is not a size in MB", s)
		}
		d.sizes = append(d.sizes, v)
	}
	if d.runs < 1 || d.queries < 1 {
		return errors.New("--runs and --queries must be at least 1")
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	d.self = self
	for _, p := range []*string{&d.work, &d.shared, &d.scripts, &d.peers, &d.dangjian} {
		if *p, err = filepath.Abs(*p); err != nil {
			return err
		}
	}
	for _, p := range []*string{&d.python, &d.node, &d.rg} {
		if *p, err = exec.LookPath(*p); err != nil {
			return fmt.Errorf("peer missing (run bench/run.sh, which installs it): %w", err)
		}
	}
	rep, err := d.all(ctx)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, rep.markdown())
	return nil
}

// write saves the report so far to --out.
func (d *driver) write(rep *report) error {
	if d.out == "" {
		return nil
	}
	if err := os.WriteFile(d.out, []byte(rep.markdown()), 0o644); err != nil {
		return fmt.Errorf("write results: %w", err)
	}
	d.logf("wrote %s", d.out)
	return nil
}

func (d *driver) logf(format string, args ...any) {
	fmt.Fprintf(d.log, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

// all runs every measurement for every size.
func (d *driver) all(ctx context.Context) (*report, error) {
	rep := &report{started: time.Now(), machine: describeMachine(d)}
	if err := os.MkdirAll(d.work, 0o755); err != nil {
		return nil, err
	}
	src, err := benchcorpus.Load(filepath.Join(d.shared, "corpora"))
	if err != nil {
		return nil, err
	}
	if err := src.AddTexts(filepath.Join(d.shared, "seeds")); err != nil {
		return nil, err
	}
	d.logf("bakeoff: SIGHAN 2005 PKU and MSR for the three segmenters")
	rep.f1 = map[string]map[string]sighan.Score{}
	for _, s := range d.segmenters() {
		rep.f1[s.name] = map[string]sighan.Score{}
		for _, set := range []string{"pku", "msr"} {
			sc, err := d.bakeoff(ctx, s, set)
			if err != nil {
				return nil, err
			}
			rep.f1[s.name][set] = sc
		}
	}
	for _, size := range d.sizes {
		sd := *d
		large := size >= 100 && d.largeRuns > 0
		if large {
			sd.runs = d.largeRuns
		}
		r, err := sd.size(ctx, src, size, !large)
		if err != nil {
			return nil, err
		}
		r.runs = sd.runs
		rep.sizes = append(rep.sizes, r)
		rep.took = time.Since(rep.started)
		if err := d.write(rep); err != nil { // so a run stopped at a larger size keeps the smaller ones
			return nil, err
		}
	}
	return rep, nil
}

// sizeResult is everything measured on one corpus.
type sizeResult struct {
	c        *workload
	runs     int
	seg      map[string]segStat
	build    map[string]buildStat
	imported time.Duration
	query    map[string]latStat
	agree    map[string]agreement
	absent   int
	profiles map[string]string // "segment", "rebuild", "query" → pprof top
}

func (d *driver) size(ctx context.Context, src *benchcorpus.Source, size float64, profileRebuild bool) (*sizeResult, error) {
	label := sizeLabel(size)
	dir := filepath.Join(d.work, strings.ReplaceAll(label, " ", ""))
	d.logf("%s: generating corpus in %s", label, dir)
	c, err := prepare(src, dir, size, d.seed, d.queries)
	if err != nil {
		return nil, err
	}
	r := &sizeResult{c: c, seg: map[string]segStat{}, build: map[string]buildStat{}, query: map[string]latStat{},
		agree: map[string]agreement{}, profiles: map[string]string{}}
	d.logf("%s: %d documents, %.1f MB, %d passages", label, c.nDocs, mb(c.bytes), c.nPass)

	d.logf("%s: segmentation, the three segmenters in turn × %d", label, d.runs)
	if r.seg, err = d.segSpeeds(ctx, d.segmenters(), c.text, filepath.Join(dir, "cut.txt")); err != nil {
		return nil, err
	}
	os.Remove(filepath.Join(dir, "cut.txt"))
	if d.profile {
		prof := filepath.Join(dir, "segment.prof")
		if _, err := measure(ctx, []string{"GOMAXPROCS=1", "BENCH_CPUPROFILE=" + prof}, d.self, "segment", c.text, filepath.Join(dir, "cut.txt")); err != nil {
			return nil, err
		}
		r.profiles["segment"] = pprofTop(ctx, d.self, prof)
	}

	d.logf("%s: dangjian import", label)
	imp, err := d.importCorpus(ctx, c)
	if err != nil {
		return nil, err
	}
	r.imported = imp.wall
	d.logf("%s: dangjian rebuild and FTS5 build in turn × %d", label, d.runs)
	if r.build[nameDangjian], r.build[nameFTS5], err = d.builds(ctx, c); err != nil {
		return nil, err
	}
	if d.profile && profileRebuild {
		prof := filepath.Join(dir, "rebuild.prof")
		d.logf("%s: profiling a rebuild in-process", label)
		if err := d.profileRebuild(ctx, c, prof); err != nil {
			return nil, err
		}
		r.profiles["rebuild"] = pprofTop(ctx, d.self, prof)
	}

	qs, err := readQueries(c.queries)
	if err != nil {
		return nil, err
	}
	d.logf("%s: %d queries: ripgrep × %d", label, len(qs), d.runs)
	lat, rgSets, err := d.ripgrep(ctx, c, qs)
	if err != nil {
		return nil, err
	}
	r.query[nameRipgrep] = lat
	for _, s := range rgSets {
		if len(s) == 0 {
			r.absent++
		}
	}
	d.logf("%s: queries: FTS5 × %d", label, d.runs)
	lat, ftsSets, err := d.fts5Queries(ctx, c)
	if err != nil {
		return nil, err
	}
	r.query[nameFTS5] = lat
	r.agree[nameFTS5] = compare(ctx, c, qs, ftsSets, rgSets, nil)
	d.logf("%s: queries: dangjian in-process × %d", label, d.runs)
	prof := ""
	if d.profile {
		prof = filepath.Join(dir, "query.prof")
	}
	lat, djSets, col, err := d.inProcess(ctx, c, qs, prof)
	if err != nil {
		return nil, err
	}
	r.query[nameDangjian] = lat
	r.agree[nameDangjian] = compare(ctx, c, qs, djSets, rgSets, col)
	col.Close()
	if prof != "" {
		r.profiles["query"] = pprofTop(ctx, d.self, prof)
	}
	d.logf("%s: queries: dangjian CLI cold start × %d", label, d.runs)
	if r.query[nameDangjian+" CLI"], err = d.coldStart(ctx, c, qs); err != nil {
		return nil, err
	}
	return r, nil
}

// pprofTop is the top entries of a CPU profile by own time and by cumulative time, or the
// reason there are none.
func pprofTop(ctx context.Context, exe, prof string) string {
	var parts []string
	for _, sort := range []string{"-flat", "-cum"} {
		out, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", sort, "-nodecount=12", exe, prof).CombinedOutput()
		if err != nil {
			return "pprof failed: " + tail(string(out))
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		for i, l := range lines {
			if strings.Contains(l, "flat%") {
				lines = lines[max(0, i-1):] // the "Showing nodes…" line, the header and the entries
				break
			}
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	return strings.Join(parts, "\n\n")
}
