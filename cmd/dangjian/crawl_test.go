package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dangjian/dangjian/corpus"
)

// crawlSite is a test site of list pages and articles that counts requests per path and
// can kill a process when the nth article is requested.
type crawlSite struct {
	*httptest.Server
	mu       sync.Mutex
	hits     map[string]int
	articles atomic.Int32
	killAt   int32
	proc     atomic.Pointer[exec.Cmd]
	killedOn string
}

const crawlArticles = 24

func newCrawlSite(t *testing.T, killAt int32) *crawlSite {
	s := &crawlSite{hits: map[string]int{}, killAt: killAt}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *crawlSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var page, id int
	switch {
	case r.URL.Path == "/robots.txt":
		w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
	case sscan(r.URL.Path, "/list/%d.html", &page):
		var b strings.Builder
		b.WriteString("<html><body><h1>列表</h1><ul>")
		for i := page * 6; i < page*6+6 && i < crawlArticles; i++ {
			fmt.Fprintf(&b, `<li><a href="/a/%d.html">文章%d</a></li>`, i, i)
		}
		b.WriteString(`<li><a href="/private/x.html">内部</a></li></ul>`)
		if (page+1)*6 < crawlArticles {
			fmt.Fprintf(&b, `<a href="/list/%d.html">下一页</a>`, page+1)
		}
		b.WriteString("</body></html>")
		w.Write([]byte(b.String()))
	case sscan(r.URL.Path, "/a/%d.html", &id):
		if n := s.articles.Add(1); n == s.killAt {
			if cmd := s.proc.Load(); cmd != nil {
				s.killedOn = r.URL.Path
				cmd.Process.Kill()
				<-r.Context().Done()
				return
			}
		}
		fmt.Fprintf(w, "<html><head><title>第%d篇</title></head><body><h1>第%d篇 基层党建</h1><div id=content><p>%s</p></div></body></html>",
			id, id, strings.Repeat(fmt.Sprintf("第%d篇：各级党组织落实基层党建工作责任制，推动述职评议考核走深走实。", id), 3))
	default:
		http.NotFound(w, r)
	}
}

func sscan(path, format string, v *int) bool {
	n, err := fmt.Sscanf(path, format, v)
	return err == nil && n == 1
}

func buildDangjian(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dangjian")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// corpusDigest lists (url, title, hash, relevant) of every document, sorted.
func corpusDigest(t *testing.T, dir string) []string {
	t.Helper()
	s, err := corpus.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out []string
	err = s.Each(context.Background(), func(d *corpus.Document) error {
		u := d.URL[strings.Index(d.URL, "/a/"):]
		out = append(out, fmt.Sprintf("%s %s %s %v", u, d.Title, d.Hash, d.Relevant))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestCrawlKilledAndResumed kills a real crawl with SIGKILL while a page is being served,
// runs crawl again, and compares the corpus with that of an uninterrupted crawl: the same
// documents, and no page fetched twice except the one in flight at the kill.
func TestCrawlKilledAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills processes")
	}
	bin := buildDangjian(t)
	args := func(data string, urls ...string) []string {
		a := []string{"crawl", "--data", data, "--allow-private", "--rate", "500", "--workers", "2"}
		for _, u := range urls {
			a = append(a, "--url", u)
		}
		return a
	}

	clean := newCrawlSite(t, 0)
	cleanData := t.TempDir()
	if out, err := exec.Command(bin, args(cleanData, clean.URL+"/list/0.html")...).CombinedOutput(); err != nil {
		t.Fatalf("clean crawl: %v\n%s", err, out)
	}
	want := corpusDigest(t, cleanData)
	if len(want) != crawlArticles {
		t.Fatalf("clean crawl stored %d documents, want %d", len(want), crawlArticles)
	}

	s := newCrawlSite(t, 10)
	data := t.TempDir()
	cmd := exec.Command(bin, args(data, s.URL+"/list/0.html")...)
	s.proc.Store(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil || s.killedOn == "" {
		t.Fatalf("crawl was not killed (err %v)", err)
	}
	s.proc.Store(nil)
	done := map[string]bool{}
	for _, d := range corpusDigest(t, data) {
		done[strings.Fields(d)[0]] = true
	}
	if len(done) == 0 || len(done) >= crawlArticles {
		t.Fatalf("%d documents stored before the kill, want some but not all", len(done))
	}

	resume := exec.Command(bin, "crawl", "--data", data, "--allow-private", "--rate", "500")
	if out, err := resume.CombinedOutput(); err != nil {
		t.Fatalf("resumed crawl: %v\n%s", err, out)
	}
	if got := corpusDigest(t, data); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("resumed corpus differs from the clean one:\ngot  %v\nwant %v", got, want)
	}
	// Only pages in flight at the kill (at most one per worker) may be fetched again.
	s.mu.Lock()
	defer s.mu.Unlock()
	again := 0
	for path, n := range s.hits {
		switch {
		case strings.HasPrefix(path, "/private/"):
			t.Errorf("%s requested despite robots.txt", path)
		case path == "/robots.txt":
		case n > 2 || n == 2 && done[path]:
			t.Errorf("%s requested %d times (stored before the kill: %v)", path, n, done[path])
		case n == 2:
			again++
		}
	}
	if s.hits[s.killedOn] != 2 || again > 2 {
		t.Errorf("%d pages fetched again, %s %d times; want only the pages in flight at the kill", again, s.killedOn, s.hits[s.killedOn])
	}
}

// TestCrawlCommand runs crawl in-process against the test site and checks the JSON lines,
// the summary and that show finds a page by the URL it was fetched under.
func TestCrawlCommand(t *testing.T) {
	s := newCrawlSite(t, 0)
	data := t.TempDir()
	var out, errOut bytes.Buffer
	ctx := context.Background()
	err := run(ctx, []string{"crawl", "--data", data, "--allow-private", "--rate", "500", "--max", "5", "--json", "--url", s.URL + "/list/0.html"}, &out, &errOut)
	if err != nil {
		t.Fatalf("crawl: %v\n%s", err, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var last struct {
		Summary struct {
			Fetched int    `json:"fetched"`
			Stored  int    `json:"stored"`
			Queued  int    `json:"queued"`
			Stopped string `json:"stopped"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
		t.Fatalf("last line %q: %v", lines[len(lines)-1], err)
	}
	if last.Summary.Fetched != 5 || last.Summary.Stored != 4 || last.Summary.Queued == 0 {
		t.Errorf("summary %+v, want 5 fetched (a list and 4 articles), 4 stored, more queued", last.Summary)
	}
	for _, l := range lines[:len(lines)-1] {
		var ev map[string]any
		if err := json.Unmarshal([]byte(l), &ev); err != nil || ev["url"] == nil || ev["outcome"] == nil {
			t.Errorf("event line %q: %v, want url and outcome", l, err)
		}
	}
	out.Reset()
	if err := run(ctx, []string{"--data", data, "show", "--json", s.URL + "/a/0.html"}, &out, &errOut); err != nil {
		t.Fatalf("show by URL: %v", err)
	}
	var doc struct{ URL, Title string }
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil || doc.Title != "第0篇" {
		t.Errorf("show gave %+v, %v; want the first article", doc, err)
	}
	// Without --allow-private a loopback target is refused, not fetched.
	before := s.hits["/list/0.html"]
	out.Reset()
	err = run(ctx, []string{"crawl", "--data", t.TempDir(), "--url", s.URL + "/list/0.html"}, &out, &errOut)
	// Nothing was read, so the crawl fails, saying why.
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 1 || !strings.Contains(ee.msg, "nothing could be crawled: no page was read (1 refused") {
		t.Fatalf("crawl of a refused start page: %v, want exit 1 saying nothing could be crawled", err)
	}
	if !strings.Contains(out.String(), "refused") || s.hits["/list/0.html"] != before {
		t.Errorf("loopback crawl without --allow-private printed %q, want refused without a request", out.String())
	}
}

func TestCrawlUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"crawl"}, "nothing to crawl"},
		{[]string{"crawl", "--site", "nosuchsite"}, "unknown site"},
		{[]string{"crawl", "--since", "last week", "--url", "http://a.cn/"}, "--since"},
		{[]string{"crawl", "--rate", "0", "--url", "http://a.cn/"}, "rate"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		err := run(context.Background(), append(tt.args, "--data", t.TempDir()), &out, &errOut)
		if err == nil || !strings.Contains(err.Error()+errOut.String(), tt.want) {
			t.Errorf("%v: error %v, want one mentioning %q", tt.args, err, tt.want)
		}
	}
}

// TestCrawlExitStatus: a crawl that reads no page at all fails with the reason; a plain
// directory server's listing is crawled without taking its robots.txt for a document.
func TestCrawlExitStatus(t *testing.T) {
	missing := httptest.NewServer(http.NotFoundHandler())
	defer missing.Close()
	_, errOut, code := dj(t, "crawl", "--data", t.TempDir(), "--allow-private", "--url", missing.URL+"/news/")
	if code != 1 || !strings.Contains(errOut, "nothing could be crawled: no page was read (1 refused, 0 failed") {
		t.Errorf("crawl of a 404 start page: exit %d, %s", code, errOut)
	}

	dir := t.TempDir()
	for name, text := range map[string]string{
		"robots.txt":   "User-agent: *\nAllow: /\n",
		"article.html": "<html><head><meta charset=\"utf-8\"><title>某县述职评议</title></head><body><h1>某县述职评议</h1><p>某县组织乡镇党委书记抓基层党建工作述职评议考核，全县18个乡镇党委书记逐一述职，党员群众代表现场测评。</p><p>县委组织部对测评结果靠后的书记进行约谈，限期整改，整改情况在全县通报。</p><p>述职评议考核结果作为干部选拔任用和评先评优的重要依据，推动各级党组织书记把抓基层党建的责任扛在肩上。</p></body></html>",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer files.Close()
	data := t.TempDir()
	out, errOut, code := dj(t, "crawl", "--data", data, "--allow-private", "--rate", "100", "--json", "--url", files.URL+"/")
	if code != 0 || !strings.Contains(out, `"outcome":"stored"`) || !strings.Contains(out, "/article.html") {
		t.Errorf("crawl of a directory listing: exit %d\n%s%s", code, out, errOut)
	}
	// The listing links robots.txt like any file; the crawl reads it as robots.txt only.
	if strings.Contains(out, `/robots.txt"`) {
		t.Errorf("robots.txt was crawled as a page:\n%s", out)
	}
}
