package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/dangjian/dangjian/segment"

	"github.com/dangjian/dangjian/internal/sighan"
)

// cutFile is the `benchdrive segment IN OUT` child: dangjian's segmenter under the same
// protocol as the peer scripts (one output line per input line, timing JSON on stdout).
// With BENCH_CPUPROFILE set, the cutting is profiled into that file.
func cutFile(in, out string) error {
	start := time.Now()
	seg := segment.New()
	seg.Cut("预热") // loads the dictionaries
	load := time.Since(start)
	raw, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("segment: %w", err)
	}
	lines := strings.Split(string(raw), "\n")
	if p := os.Getenv("BENCH_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			return fmt.Errorf("segment: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("segment: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	start = time.Now()
	cut := make([][]string, len(lines))
	for i, l := range lines {
		cut[i] = seg.Cut(l)
	}
	elapsed := time.Since(start)
	var b strings.Builder
	for i, words := range cut {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.Join(words, " "))
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("segment: %w", err)
	}
	return json.NewEncoder(os.Stdout).Encode(timing{LoadS: load.Seconds(), CutS: elapsed.Seconds(), Bytes: int64(len(raw))})
}

// segmenter is one of the three segmenters compared, run as a child process.
type segmenter struct {
	name string
	cmd  func(in, out string) []string // program and arguments
	env  []string
}

func (d *driver) segmenters() []segmenter {
	return []segmenter{
		{name: nameDangjian, cmd: func(in, out string) []string { return []string{d.self, "segment", in, out} },
			env: []string{"GOMAXPROCS=1"}},
		{name: nameJieba, cmd: func(in, out string) []string {
			return []string{d.python, filepath.Join(d.scripts, "jieba_cut.py"), in, out}
		}},
		{name: nameJiebaRS, cmd: func(in, out string) []string {
			return []string{d.node, filepath.Join(d.scripts, "jieba_rs_cut.js"), in, out}
		}, env: []string{"BENCH_PEERS=" + d.peers}},
	}
}

// segStat is the median of several runs of one segmenter over one text.
type segStat struct {
	cutMBs  float64 // bytes / cutting time: dictionary load and start-up excluded
	wallMBs float64 // bytes / wall time of the whole process
	loadS   float64
	rss     int64
}

// segSpeeds runs every segmenter over the text d.runs times, taking turns so that a change
// in the load of this shared machine falls on all of them alike.
func (d *driver) segSpeeds(ctx context.Context, segs []segmenter, in, out string) (map[string]segStat, error) {
	type samples struct{ cut, wall, load, rss []float64 }
	all := make([]samples, len(segs))
	for range d.runs {
		for i, s := range segs {
			argv := s.cmd(in, out)
			c, err := measure(ctx, s.env, argv[0], argv[1:]...)
			if err != nil {
				return nil, err
			}
			t, err := parseTiming(c)
			if err != nil {
				return nil, err
			}
			mb := float64(t.Bytes) / (1 << 20)
			all[i].cut = append(all[i].cut, mb/t.CutS)
			all[i].wall = append(all[i].wall, mb/c.wall.Seconds())
			all[i].load = append(all[i].load, t.LoadS)
			all[i].rss = append(all[i].rss, float64(c.maxRSS))
		}
	}
	stats := map[string]segStat{}
	for i, s := range segs {
		a := all[i]
		stats[s.name] = segStat{cutMBs: median(a.cut), wallMBs: median(a.wall), loadS: median(a.load), rss: int64(median(a.rss))}
	}
	return stats, nil
}

// bakeoff scores a segmenter on a SIGHAN 2005 test set ("pku" or "msr").
func (d *driver) bakeoff(ctx context.Context, s segmenter, set string) (sighan.Score, error) {
	in := filepath.Join(d.shared, "sighan2005", "testing", set+"_test.utf8")
	out := filepath.Join(d.work, "sighan-"+set+"-"+s.name+".txt")
	argv := s.cmd(in, out)
	if _, err := measure(ctx, s.env, argv[0], argv[1:]...); err != nil {
		return sighan.Score{}, err
	}
	got, err := os.ReadFile(out)
	if err != nil {
		return sighan.Score{}, fmt.Errorf("bakeoff: %w", err)
	}
	gold, err := os.ReadFile(filepath.Join(d.shared, "sighan2005", "gold", set+"_test_gold.utf8"))
	if err != nil {
		return sighan.Score{}, fmt.Errorf("bakeoff: %w", err)
	}
	sc, err := sighan.Words(strings.Fields(string(got)), strings.Fields(string(gold)))
	if err != nil {
		return sighan.Score{}, fmt.Errorf("bakeoff %s %s: %w", s.name, set, err)
	}
	return sc, nil
}
