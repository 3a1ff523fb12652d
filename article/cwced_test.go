package article

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// cwcedDir holds real pages with hand-made gold text (read in place, never copied).
const cwcedDir = "../../shared/html/cwced"

// bigramF1 is the score of /work/shared/tools/page_extract.py: white space
// removed, multiset overlap of adjacent character pairs.
func bigramF1(got, gold string) float64 {
	grams := func(s string) map[string]int {
		s = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
		rs := []rune(s)
		m := map[string]int{}
		for i := 0; i+1 < len(rs); i++ {
			m[string(rs[i:i+2])]++
		}
		return m
	}
	a, b := grams(got), grams(gold)
	na, nb, ov := 0, 0, 0
	for _, c := range a {
		na += c
	}
	for _, c := range b {
		nb += c
	}
	if na == 0 || nb == 0 {
		return 0
	}
	for k, c := range a {
		ov += min(c, b[k])
	}
	if ov == 0 {
		return 0
	}
	p, r := float64(ov)/float64(na), float64(ov)/float64(nb)
	return 2 * p * r / (p + r)
}

var goldDateRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)

func cwcedIDs(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join(cwcedDir, "original", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no pages in %s", cwcedDir)
	}
	var ids []string
	for _, f := range files {
		ids = append(ids, strings.TrimSuffix(filepath.Base(f), ".html"))
	}
	sort.Strings(ids)
	return ids
}

func TestCWCEDQuality(t *testing.T) {
	ids := cwcedIDs(t)
	sum, datesOK, datesN := 0.0, 0, 0
	for _, id := range ids {
		raw, err := os.ReadFile(filepath.Join(cwcedDir, "original", id+".html"))
		if err != nil {
			t.Fatal(err)
		}
		gold, err := os.ReadFile(filepath.Join(cwcedDir, "cleaned", id+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		goldDate, err := os.ReadFile(filepath.Join(cwcedDir, "date", id+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		a, err := FromHTML(raw, "", "")
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		f := bigramF1(a.Text, string(gold))
		sum += f
		got := ""
		if !a.Published.IsZero() {
			got = a.Published.Format("2006-01-02")
		}
		want := strings.TrimSpace(string(goldDate))
		mark := ""
		if m := goldDateRe.FindString(want); m != "" {
			datesN++
			if got == m {
				datesOK++
			} else {
				mark = " DATE-MISS"
			}
		}
		t.Logf("%s F1 %.3f charset %s date %q (gold %q)%s title %q", id[:8], f, a.Charset, got, want, mark, a.Title)
	}
	mean := sum / float64(len(ids))
	acc := float64(datesOK) / float64(datesN)
	t.Logf("%d pages: mean bigram F1 %.3f, dates %d/%d = %.2f", len(ids), mean, datesOK, datesN, acc)
	if mean < 0.90 {
		t.Errorf("mean bigram F1 = %.3f, want >= 0.90", mean)
	}
	if acc < 0.80 {
		t.Errorf("date accuracy = %.2f, want >= 0.80", acc)
	}
}

func BenchmarkFromHTML(b *testing.B) {
	var pages [][]byte
	total := 0
	for _, id := range cwcedIDs(b) {
		raw, err := os.ReadFile(filepath.Join(cwcedDir, "original", id+".html"))
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, raw)
		total += len(raw)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			if _, err := FromHTML(p, "", ""); err != nil {
				b.Fatal(err)
			}
		}
	}
}
