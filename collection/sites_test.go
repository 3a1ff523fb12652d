package collection

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/crawler"
	"github.com/dangjian/dangjian/internal/sitefixture"
)

// TestCheckSiteFixtures serves every site fixture on loopback at its real path, with the
// Content-Type its site sends (people.com.cn names no charset in the header, its pages
// say GB2312), and checks what `crawl --check` reads from it by the site's profile.
func TestCheckSiteFixtures(t *testing.T) {
	fixtures, err := sitefixture.Load(filepath.Join("..", "article", "testdata", "sites"))
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]sitefixture.Fixture{}
	for _, f := range fixtures {
		u, err := url.Parse(f.URL)
		if err != nil {
			t.Fatal(err)
		}
		pages[u.Path] = f
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.ContentType)
		w.Write(f.Raw)
	}))
	defer srv.Close()
	for _, f := range fixtures {
		t.Run(f.File, func(t *testing.T) {
			u, _ := url.Parse(f.URL)
			o := crawler.NewOptions()
			o.AllowPrivate, o.Profile = true, f.Profile
			pc, err := CheckPage(context.Background(), o, srv.URL+u.Path)
			if err != nil {
				t.Fatal(err)
			}
			if pc.Problem != "" || pc.Title != f.Title || !strings.HasPrefix(pc.Published, f.Published) || pc.Source != f.Source {
				t.Errorf("check: problem %q, title %q, published %q, source %q; want %q, %s, %q",
					pc.Problem, pc.Title, pc.Published, pc.Source, f.Title, f.Published, f.Source)
			}
			if want := map[bool]string{true: "gbk", false: "utf-8"}[strings.Contains(f.Skeleton, "GB2312")]; !strings.EqualFold(pc.Charset, want) && !(want == "gbk" && strings.EqualFold(pc.Charset, "gb18030")) {
				t.Errorf("decoded as %q, want %s", pc.Charset, want)
			}
			for _, p := range f.BodyProblems(strings.Join(pc.Opening, "\n")) {
				if strings.HasPrefix(p, "body holds") {
					t.Error(p)
				}
			}
			if len(pc.Opening) == 0 || !strings.Contains(pc.Opening[0], f.Body[0]) {
				t.Errorf("opening %q, want it to start with the first paragraph (%q)", pc.Opening, f.Body[0])
			}
		})
	}
}
