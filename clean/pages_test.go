package clean

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dangjian/dangjian/article"
	"github.com/dangjian/dangjian/internal/pagescore"
)

const cwcedDir = "../../shared/html/cwced"

// pageText is the main text of a saved HTML page as import extracts it.
func pageText(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.FromHTML(raw, "", "")
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return a.Text
}

// TestRealPages runs Article over the real single-article web pages of CWCED: it must keep
// what line cleaning keeps, page by page, since none of them prints another article.
func TestRealPages(t *testing.T) {
	pages, err := pagescore.CWCED(cwcedDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatalf("no pages in %s/original", cwcedDir)
	}
	var sumLines, sumArticle float64
	for _, p := range pages {
		id := p.ID
		text := pageText(t, p.HTMLPath)
		lines, _ := Lines(text)
		art, removed := Article(text)
		fl, fa := pagescore.BigramF1(lines, p.Gold), pagescore.BigramF1(art, p.Gold)
		sumLines += fl
		sumArticle += fa
		if fa < fl-0.02 {
			t.Errorf("%s: F1 %.3f with Article, %.3f with Lines", id[:8], fa, fl)
			for _, rm := range removed {
				if !lineReasons[rm.Reason] {
					t.Logf("%s: removed (%s): %.80q", id[:8], rm.Reason, rm.Text)
				}
			}
		} else if fa != fl {
			t.Logf("%s: F1 %.3f with Article, %.3f with Lines", id[:8], fa, fl)
		}
	}
	n := float64(len(pages))
	t.Logf("%d pages: mean bigram F1 %.3f with Article, %.3f with Lines", len(pages), sumArticle/n, sumLines/n)
	if sumArticle/n < 0.92 {
		t.Errorf("mean bigram F1 %.3f with Article, want ≥ 0.92", sumArticle/n)
	}
}

// TestRealPagesKeepText runs Article over real news pages without gold text: each prints
// one article, so Article must keep what line cleaning keeps.
func TestRealPagesKeepText(t *testing.T) {
	var pages []string
	for _, g := range []string{"../../shared/html/gne/*.html", "../../shared/html/readability/*/source.html"} {
		m, _ := filepath.Glob(g)
		pages = append(pages, m...)
	}
	if len(pages) == 0 {
		t.Fatal("no pages in ../../shared/html/gne or ../../shared/html/readability")
	}
	for _, p := range pages {
		text := pageText(t, p)
		lines, _ := Lines(text)
		art, removed := Article(text)
		want, got := pagescore.Bigrams(lines), pagescore.Bigrams(art)
		total, kept := 0, 0
		for g, n := range want {
			total += n
			kept += min(n, got[g])
		}
		if total > 0 && float64(kept) < 0.99*float64(total) {
			t.Errorf("%s: Article keeps %d of the %d bigrams Lines keeps", p, kept, total)
			for _, rm := range removed {
				if !lineReasons[rm.Reason] {
					t.Logf("%s: removed (%s): %.80q", p, rm.Reason, rm.Text)
				}
			}
		}
	}
}
