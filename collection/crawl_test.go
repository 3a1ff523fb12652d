package collection

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dangjian/dangjian/crawler"
	"github.com/dangjian/dangjian/internal/pagescore"
	"github.com/dangjian/dangjian/sample"
)

// loopbackOptions are crawl options for a test server: loopback allowed, fast.
func loopbackOptions(urls ...string) crawler.Options {
	o := crawler.NewOptions()
	o.URLs = urls
	o.AllowPrivate = true
	o.Rate = 500
	o.MaxCrawlDelay = 0
	o.BackoffBase, o.MaxBackoff = 5*time.Millisecond, 20*time.Millisecond
	return o
}

// countingHandler records the paths requested.
type countingHandler struct {
	h    http.Handler
	mu   sync.Mutex
	hits map[string]int
}

func (c *countingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	c.hits[r.URL.Path]++
	c.mu.Unlock()
	c.h.ServeHTTP(w, r)
}

// TestCrawlSampleSite crawls the bundled sample site from its start pages and checks the
// corpus against the site's ground truth: every article stored once under its URL with
// the right title, date and relevance, text decoded right whatever the header said, and
// the page robots.txt forbids never requested.
func TestCrawlSampleSite(t *testing.T) {
	ctx := context.Background()
	h := &countingHandler{h: sample.Handler(), hits: map[string]int{}}
	srv := httptest.NewServer(h)
	defer srv.Close()
	var starts []string
	for _, p := range sample.StartPages() {
		starts = append(starts, srv.URL+"/"+p)
	}
	c := newCollection(t)
	sum, err := c.Crawl(ctx, loopbackOptions(starts...), nil)
	if err != nil {
		t.Fatal(err)
	}
	arts := sample.Articles()
	if sum.Disallowed != 1 {
		t.Errorf("%d pages disallowed, want the one private page (summary %+v)", sum.Disallowed, sum)
	}
	if sum.Stored != len(arts) {
		t.Errorf("stored %d documents, want the %d articles (summary %+v)", sum.Stored, len(arts), sum)
	}
	for _, a := range arts {
		d, err := c.Store.Find(ctx, srv.URL+"/"+a.Path)
		if err != nil {
			t.Errorf("%s: %v", a.Path, err)
			continue
		}
		if d.Title != a.Title || d.Published[:min(10, len(d.Published))] != a.Published || d.Relevant != a.Relevant {
			t.Errorf("%s: title %q published %q relevant %v; want %q %q %v", a.Path, d.Title, d.Published, d.Relevant, a.Title, a.Published, a.Relevant)
		}
		if strings.ContainsRune(d.Text, '\uFFFD') || !strings.Contains(d.Text, "党") && !strings.Contains(d.Text, "黨") && a.Relevant {
			t.Errorf("%s: text badly decoded (charset %s): %.60q", a.Path, d.Charset, d.Text)
		}
	}
	for p, n := range h.hits {
		if strings.HasPrefix(p, "/people/private/") {
			t.Errorf("%s requested %d times despite robots.txt", p, n)
		}
		if n > 1 && p != "/robots.txt" {
			t.Errorf("%s requested %d times, want once", p, n)
		}
	}
	if n := h.hits["/robots.txt"]; n != 1 {
		t.Errorf("robots.txt requested %d times, want once (one host)", n)
	}
	// On loopback no page has its site's host: the report names the profile each article's
	// markup was recognised by, every one of the five sites.
	sites := map[string]int{}
	for _, sc := range sum.Sites {
		if sc.Kind == crawler.KindArticle {
			sites[sc.Site] += sc.Stored
		}
	}
	for _, name := range []string{"people", "paper.people", "xinhua", "12371", "qstheory"} {
		if sites[name] == 0 {
			t.Errorf("the report credits no article to %s: %v", name, sites)
		}
	}
	if sites["generic"] != 0 {
		t.Errorf("%d articles of the sample read by no site profile: %+v", sites["generic"], sum.Sites)
	}
}

// TestCrawlWrongCharsetHeader serves a GBK page whose header says UTF-8.
func TestCrawlWrongCharsetHeader(t *testing.T) {
	ctx := context.Background()
	var raw []byte
	var info sample.ArticleInfo
	for _, a := range sample.Articles() {
		if a.Encoding == "gbk" && !strings.EqualFold(a.Declared, "gb2312") && !strings.EqualFold(a.Declared, "gbk") {
			info = a
		}
	}
	if info.Path == "" {
		t.Fatal("the sample has no GBK page declared otherwise")
	}
	raw, err := os.ReadFile(filepath.Join("..", "sample", "site", filepath.FromSlash(info.Path)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(raw)
	}))
	defer srv.Close()
	c := newCollection(t)
	u := srv.URL + "/n1/2022/0302/c117092-32364127.html"
	if _, err := c.Crawl(ctx, loopbackOptions(u), nil); err != nil {
		t.Fatal(err)
	}
	d, err := c.Store.Find(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != info.Title || !strings.EqualFold(d.Charset, "gbk") && !strings.EqualFold(d.Charset, "gb18030") {
		t.Errorf("title %q charset %q, want %q decoded as GBK", d.Title, d.Charset, info.Title)
	}
	if string(d.Raw) != string(raw) {
		t.Error("raw bytes not stored as fetched")
	}
}

// TestRealPagesThroughCrawl serves the CWCED pages from a plain file server without a
// charset in the header, crawls them by URL and compares the text `show` gives with the
// gold text and date, as ../shared/tools/page_extract.py --crawl does.
func TestRealPagesThroughCrawl(t *testing.T) {
	pages := cwcedPages(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, err := os.ReadFile(filepath.Join(shared, "html", "cwced", "original", filepath.Base(r.URL.Path)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(raw)
	}))
	defer srv.Close()
	ctx := context.Background()
	c := newCollection(t)
	var urls []string
	for _, p := range pages {
		urls = append(urls, srv.URL+"/"+p.ID+".html")
	}
	o := loopbackOptions(urls...)
	o.MaxDepth = 0
	sum, err := c.Crawl(ctx, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Fetched != len(pages) {
		t.Errorf("fetched %d pages, want %d (summary %+v)", sum.Fetched, len(pages), sum)
	}
	checkCWCED(t, "crawled", pages, func(p pagescore.Page) (*DocView, error) { return c.Show(ctx, srv.URL+"/"+p.ID+".html") })
}
