package collection

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// bigramF1 is the score of ../shared/tools/page_extract.py: character bigrams of the texts
// with whitespace removed, compared as multisets.
func bigramF1(got, gold string) float64 {
	grams := func(s string) map[string]int {
		rs := []rune(strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s))
		m := map[string]int{}
		for i := 0; i+1 < len(rs); i++ {
			m[string(rs[i:i+2])]++
		}
		return m
	}
	a, b := grams(got), grams(gold)
	na, nb, overlap := 0, 0, 0
	for g, n := range a {
		na += n
		overlap += min(n, b[g])
	}
	for _, n := range b {
		nb += n
	}
	if na == 0 || nb == 0 || overlap == 0 {
		return 0
	}
	p, r := float64(overlap)/float64(na), float64(overlap)/float64(nb)
	return 2 * p * r / (p + r)
}

// TestRealPagesThroughImport imports the CWCED pages as files and compares what `show`
// gives with the hand-made gold text and date, as ../shared/tools/page_extract.py does.
func TestRealPagesThroughImport(t *testing.T) {
	root := filepath.Join(shared, "html", "cwced")
	pages, _ := filepath.Glob(filepath.Join(root, "original", "*.html"))
	if len(pages) == 0 {
		t.Fatalf("no pages in %s/original", root)
	}
	ctx := context.Background()
	c, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Import(ctx, pages, nil); err != nil {
		t.Fatal(err)
	}
	dateRE := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)
	var sum float64
	dates, datesOK := 0, 0
	for _, p := range pages {
		id := strings.TrimSuffix(filepath.Base(p), ".html")
		gold, err := os.ReadFile(filepath.Join(root, "cleaned", id+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		v, err := c.Show(ctx, p)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		f := bigramF1(v.Text, string(gold))
		sum += f
		goldDate, _ := os.ReadFile(filepath.Join(root, "date", id+".txt"))
		if d := dateRE.FindString(strings.TrimSpace(string(goldDate))); d != "" {
			dates++
			if v.Published != nil && strings.HasPrefix(*v.Published, d) {
				datesOK++
			} else {
				t.Logf("%s: date %v, gold %s", id[:8], v.Published, d)
			}
		}
		if f < 0.8 {
			t.Logf("%s: F1 %.2f", id[:8], f)
		}
	}
	mean := sum / float64(len(pages))
	t.Logf("%d real pages: mean text bigram F1 %.3f, dates %d/%d", len(pages), mean, datesOK, dates)
	if mean < 0.90 {
		t.Errorf("mean bigram F1 %.3f, want ≥ 0.90", mean)
	}
	if dates == 0 || float64(datesOK)/float64(dates) < 0.8 {
		t.Errorf("dates right for %d/%d pages, want ≥ 80%%", datesOK, dates)
	}
}
