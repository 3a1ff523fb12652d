package article

import (
	"path/filepath"
	"testing"

	"github.com/dangjian/dangjian/internal/sitefixture"
)

// TestSiteFixtures reads every site's fixture (testdata/sites/sites.json says whose
// markup each reconstructs; the text is ours) by its profile: title, date, source and
// body, without the page's furniture.
func TestSiteFixtures(t *testing.T) {
	fixtures, err := sitefixture.Load(filepath.Join("testdata", "sites"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fixtures {
		t.Run(f.File, func(t *testing.T) {
			a, err := FromHTML(f.Raw, f.ContentType, f.URL)
			if err != nil {
				t.Fatal(err)
			}
			if a.Profile != f.Profile {
				t.Errorf("read by profile %q, want %q", a.Profile, f.Profile)
			}
			if a.Title != f.Title {
				t.Errorf("title %q, want %q", a.Title, f.Title)
			}
			if got := a.Published.Format("2006-01-02"); a.Published.IsZero() || got != f.Published {
				t.Errorf("published %v, want %s", a.Published, f.Published)
			}
			if a.Source != f.Source {
				t.Errorf("source %q, want %q", a.Source, f.Source)
			}
			for _, p := range f.BodyProblems(a.Text) {
				t.Errorf("%s:\n%s", p, a.Text)
			}
		})
	}
}
