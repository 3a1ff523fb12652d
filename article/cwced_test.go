package article

import (
	"os"
	"testing"

	"github.com/dangjian/dangjian/internal/pagescore"
)

// cwcedDir holds real pages with hand-made gold text (read in place, never copied).
const cwcedDir = "../../shared/html/cwced"

func cwcedPages(tb testing.TB) []pagescore.Page {
	tb.Helper()
	pages, err := pagescore.CWCED(cwcedDir)
	if err != nil {
		tb.Fatal(err)
	}
	if len(pages) == 0 {
		tb.Fatalf("no pages in %s", cwcedDir)
	}
	return pages
}

func TestCWCEDQuality(t *testing.T) {
	pages := cwcedPages(t)
	sum, datesOK, datesN := 0.0, 0, 0
	for _, p := range pages {
		raw, err := os.ReadFile(p.HTMLPath)
		if err != nil {
			t.Fatal(err)
		}
		a, err := FromHTML(raw, "", "")
		if err != nil {
			t.Errorf("%s: %v", p.ID, err)
			continue
		}
		f := pagescore.BigramF1(a.Text, p.Gold)
		sum += f
		got := ""
		if !a.Published.IsZero() {
			got = a.Published.Format("2006-01-02")
		}
		mark := ""
		if p.Date != "" {
			datesN++
			if got == p.Date {
				datesOK++
			} else {
				mark = " DATE-MISS"
			}
		}
		t.Logf("%s F1 %.3f charset %s date %q (gold %q)%s title %q", p.ID[:8], f, a.Charset, got, p.Date, mark, a.Title)
	}
	mean := sum / float64(len(pages))
	acc := float64(datesOK) / float64(datesN)
	t.Logf("%d pages: mean bigram F1 %.3f, dates %d/%d = %.2f", len(pages), mean, datesOK, datesN, acc)
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
	for _, p := range cwcedPages(b) {
		raw, err := os.ReadFile(p.HTMLPath)
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
