package dedup

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

func exactSetK(text string, k int) map[uint64]bool {
	rs := normalizeRunes(text)
	m := map[uint64]bool{}
	for i := 0; i+k <= len(rs); i++ {
		m[shingleHash(rs[i:i+k])] = true
	}
	return m
}

func TestMeasureK(t *testing.T) {
	if os.Getenv("MEASURE") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("../../shared/seeds/*.txt")
	var texts []string
	for _, f := range files {
		b, _ := os.ReadFile(f)
		texts = append(texts, string(b))
	}
	type rep struct{ Title, Content string }
	var reps []rep
	for _, f := range []string{"government_work_reports.jsonl", "cpc_congress_reports.jsonl"} {
		fh, _ := os.Open("../../shared/corpora/" + f)
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var r rep
			json.Unmarshal(sc.Bytes(), &r)
			reps = append(reps, r)
		}
	}
	for _, k := range []int{3, 4, 5, 6, 7, 8, 10, 12, 15} {
		s0, s3 := exactSetK(texts[0], k), exactSetK(texts[3], k)
		c03, _ := exactContain(s0, s3)
		sets := make([]map[uint64]bool, len(reps))
		for i, r := range reps {
			sets[i] = exactSetK(r.Content, k)
		}
		var cs []float64
		for i := range reps {
			for j := i + 1; j < len(reps); j++ {
				if len(sets[i]) < 100 || len(sets[j]) < 100 {
					continue
				}
				c, _ := exactContain(sets[i], sets[j])
				cs = append(cs, c)
			}
		}
		sort.Float64s(cs)
		n := len(cs)
		var seedMax float64
		for i := range texts {
			for j := i + 1; j < len(texts); j++ {
				if i == 0 && j == 3 {
					continue
				}
				c, _ := exactContain(exactSetK(texts[i], k), exactSetK(texts[j], k))
				seedMax = max(seedMax, c)
			}
		}
		t.Logf("k=%2d seed03 %.3f  corpus max %.3f p99.9 %.3f p99 %.3f  seeds-other max %.3f", k, c03, cs[n-1], cs[n*999/1000], cs[n*99/100], seedMax)
	}
}
