package article

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/sample"
)

// TestSampleSiteMetadata reads every page of the bundled sample site as a saved page (no
// URL, so the profile comes from the page's own markers) and checks title, date and source
// against the site's ground truth.
func TestSampleSiteMetadata(t *testing.T) {
	infos := sample.Articles()
	if len(infos) == 0 {
		t.Fatal("sample site has no articles")
	}
	for _, info := range infos {
		raw, err := fs.ReadFile(sample.Site(), info.Path)
		if err != nil {
			t.Fatal(err)
		}
		a, err := FromHTML(raw, "", "")
		if err != nil {
			t.Errorf("%s: %v", info.Path, err)
			continue
		}
		if a.Title != info.Title {
			t.Errorf("%s: title %q, want %q", info.Path, a.Title, info.Title)
		}
		if got := a.Published.Format("2006-01-02"); got != info.Published {
			t.Errorf("%s: published %s, want %s", info.Path, got, info.Published)
		}
		if a.Source == "" || !(strings.Contains(info.Source, a.Source) || strings.Contains(a.Source, info.Source)) {
			t.Errorf("%s: source %q, want part of %q", info.Path, a.Source, info.Source)
		}
	}
}
