package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"

	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/index"
)

// buildStat is the median of several index builds.
type buildStat struct {
	seconds float64 // wall time of the whole process
	mbs     float64 // text megabytes per wall second
	rss     int64
	size    int64 // on disk: dangjian's index generation plus corpus.db; the FTS5 database
	extra   int64 // dangjian: the index generation alone
}

func (d *driver) dataDir(c *workload) string { return filepath.Join(c.dir, "dangjian-data") }

// importCorpus imports the documents with the CLI, once: rebuilds then start from it.
func (d *driver) importCorpus(ctx context.Context, c *workload) (child, error) {
	return measure(ctx, nil, d.dangjian, "--data", d.dataDir(c), "import", c.docs)
}

// builds runs `dangjian rebuild` (clean, learn terms, dedup, segment, extract, index) over
// the imported corpus and the FTS5 build over the same passages, d.runs times each, taking
// turns so that a change in the load of this shared machine falls on both alike.
func (d *driver) builds(ctx context.Context, c *workload) (dj, fts buildStat, err error) {
	data, db := d.dataDir(c), d.ftsDB(c)
	var djSecs, djRSS, ftsSecs, ftsRSS []float64
	for range d.runs {
		ch, err := measure(ctx, nil, d.dangjian, "--data", data, "rebuild")
		if err != nil {
			return dj, fts, err
		}
		djSecs, djRSS = append(djSecs, ch.wall.Seconds()), append(djRSS, float64(ch.maxRSS))
		if ch, err = measure(ctx, nil, d.python, filepath.Join(d.scripts, "fts5.py"), "build", db, c.passages); err != nil {
			return dj, fts, err
		}
		ftsSecs, ftsRSS = append(ftsSecs, ch.wall.Seconds()), append(ftsRSS, float64(ch.maxRSS))
	}
	gen, err := index.CurrentDir(filepath.Join(data, "index"))
	if err != nil {
		return dj, fts, fmt.Errorf("rebuild: %w", err)
	}
	files, _ := filepath.Glob(filepath.Join(data, "corpus.db*"))
	ixBytes := diskBytes(gen)
	size := ixBytes
	for _, f := range files {
		size += diskBytes(f)
	}
	s := median(djSecs)
	dj = buildStat{seconds: s, mbs: mb(c.bytes) / s, rss: int64(median(djRSS)), size: size, extra: ixBytes}
	s = median(ftsSecs)
	fts = buildStat{seconds: s, mbs: mb(c.bytes) / s, rss: int64(median(ftsRSS)), size: diskBytes(db)}
	return dj, fts, nil
}

func (d *driver) ftsDB(c *workload) string { return filepath.Join(c.dir, "fts5.db") }

// profileRebuild runs one more rebuild in this process under the CPU profiler.
func (d *driver) profileRebuild(ctx context.Context, c *workload, prof string) error {
	col, err := collection.Open(ctx, d.dataDir(c))
	if err != nil {
		return err
	}
	defer col.Close()
	f, err := os.Create(prof)
	if err != nil {
		return fmt.Errorf("profile: %w", err)
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return fmt.Errorf("profile: %w", err)
	}
	defer pprof.StopCPUProfile()
	_, err = col.Rebuild(ctx, nil)
	return err
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }
