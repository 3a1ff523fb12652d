package collection

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/internal/pagescore"
)

func cwcedPages(t *testing.T) []pagescore.Page {
	t.Helper()
	pages, err := pagescore.CWCED(filepath.Join(shared, "html", "cwced"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatalf("no CWCED pages in %s/html/cwced", shared)
	}
	return pages
}

// checkCWCED compares what view gives for each real page with its hand-made gold text and
// date, as ../shared/tools/page_extract.py does, and holds the bars of the issues.
func checkCWCED(t *testing.T, how string, pages []pagescore.Page, view func(pagescore.Page) (*DocView, error)) {
	t.Helper()
	var sum float64
	dates, datesOK := 0, 0
	for _, p := range pages {
		v, err := view(p)
		if err != nil {
			t.Errorf("%s: %v", p.ID, err)
			continue
		}
		f := pagescore.BigramF1(v.Text, p.Gold)
		sum += f
		if f < 0.8 {
			t.Logf("%s: F1 %.2f", p.ID[:8], f)
		}
		if p.Date != "" {
			dates++
			if v.Published != nil && strings.HasPrefix(*v.Published, p.Date) {
				datesOK++
			} else {
				t.Logf("%s: date %v, gold %s", p.ID[:8], v.Published, p.Date)
			}
		}
	}
	mean := sum / float64(len(pages))
	t.Logf("%d real pages %s: mean text bigram F1 %.3f, dates %d/%d", len(pages), how, mean, datesOK, dates)
	if mean < 0.90 {
		t.Errorf("mean bigram F1 %.3f, want ≥ 0.90", mean)
	}
	if dates == 0 || float64(datesOK)/float64(dates) < 0.8 {
		t.Errorf("dates right for %d/%d pages, want ≥ 80%%", datesOK, dates)
	}
}

// TestRealPagesThroughImport imports the CWCED pages as files and checks what `show` gives.
func TestRealPagesThroughImport(t *testing.T) {
	pages := cwcedPages(t)
	ctx := context.Background()
	c := newCollection(t)
	var paths []string
	for _, p := range pages {
		paths = append(paths, p.HTMLPath)
	}
	if _, err := c.Import(ctx, paths, nil); err != nil {
		t.Fatal(err)
	}
	show := func(p pagescore.Page) (*DocView, error) { return c.Show(ctx, p.HTMLPath) }
	checkCWCED(t, "imported", pages, show)
	// Rebuild cleans again with the current rules: what show gives after it must hold too.
	if _, err := c.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	checkCWCED(t, "imported and rebuilt", pages, show)
}
