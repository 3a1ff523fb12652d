package dedup

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

func exactSet(text string) map[uint64]bool {
	rs := normalizeRunes(text)
	m := map[uint64]bool{}
	for i := 0; i+shingleLen <= len(rs); i++ {
		m[shingleHash(rs[i:i+shingleLen])] = true
	}
	return m
}

func exactContain(a, b map[uint64]bool) (float64, float64) {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return float64(n) / float64(min(len(a), len(b))), float64(n) / float64(len(a)+len(b)-n)
}

func TestMeasure(t *testing.T) {
	if os.Getenv("MEASURE") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("../../shared/seeds/*.txt")
	var texts []string
	for _, f := range files {
		b, _ := os.ReadFile(f)
		texts = append(texts, string(b))
	}
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			a, b := newSketch(Doc{Text: texts[i]}), newSketch(Doc{Text: texts[j]})
			c, jac := exactContain(exactSet(texts[i]), exactSet(texts[j]))
			t.Logf("seed %d-%d exact %.3f jac %.3f sampled %.3f len %d %d", i, j, c, jac, similarity(&a, &b), a.length, b.length)
		}
	}
	type rep struct {
		Title, Content string
	}
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
	sets := make([]map[uint64]bool, len(reps))
	sks := make([]sketch, len(reps))
	for i, r := range reps {
		sets[i] = exactSet(r.Content)
		sks[i] = newSketch(Doc{Text: r.Content})
	}
	type pr struct {
		c, s float64
		a, b string
	}
	var all []pr
	for i := range reps {
		for j := i + 1; j < len(reps); j++ {
			if len(sets[i]) < 100 || len(sets[j]) < 100 {
				continue
			}
			c, _ := exactContain(sets[i], sets[j])
			all = append(all, pr{c, similarity(&sks[i], &sks[j]), reps[i].Title, reps[j].Title})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].c > all[j].c })
	for _, p := range all[:25] {
		t.Logf("%.3f %.3f %s | %s", p.c, p.s, p.a, p.b)
	}
	hist := make([]int, 11)
	for _, p := range all {
		hist[int(p.c*10)]++
	}
	t.Logf("pairs %d hist %v", len(all), hist)
}
