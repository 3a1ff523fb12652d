package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTP://WWW.People.com.cn:80/n1/2024/0607/c1-2.html#top", "http://www.people.com.cn/n1/2024/0607/c1-2.html"},
		{"https://news.cn:443", "https://news.cn/"},
		{"http://a.cn/x.html?utm_source=wx&id=3&from=timeline&spm=1.2", "http://a.cn/x.html?id=3"},
		{"http://a.cn/x?b=2&a=1", "http://a.cn/x?a=1&b=2"},
		{"http://a.cn/a/./b/../c.html", "http://a.cn/a/c.html"},
		{"http://a.cn/a/./b/", "http://a.cn/a/b/"},
		{"http://user:pw@a.cn:8080/p", "http://a.cn:8080/p"},
		{"http://a.cn/p?", "http://a.cn/p"},
	}
	for _, tt := range tests {
		if got, err := Canonical(tt.in); err != nil || got != tt.want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"mailto:a@b.cn", "javascript:void(0)", "ftp://a.cn/x", "/relative"} {
		if got, err := Canonical(bad); err == nil {
			t.Errorf("Canonical(%q) = %q, want an error", bad, got)
		}
	}
}

func TestURLDate(t *testing.T) {
	tests := []struct{ path, want string }{
		{"/n1/2024/0607/c117092-40252111.html", "2024-06-07"},
		{"/local/2020-01/16/c_1125467812.htm", "2020-01-16"},
		{"/20240118/7c3f2e9a/c.html", "2024-01-18"},
		{"/2024/02/26/ARTI1708911234567890.shtml", "2024-02-26"},
		{"/rmrb/pc/content/202406/07/content_30039001.html", "2024-06-07"},
		{"/GB/117092/index.html", ""},
		{"/2024/13/45/x.html", ""},
	}
	for _, tt := range tests {
		d, ok := urlDate(&url.URL{Path: tt.path})
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("urlDate(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	c, err := New(testOptions(), newMemStore(), newMemStore())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		url  string
		want Kind
	}{
		{"http://dangjian.people.com.cn/n1/2024/0607/c117092-40252111.html", KindArticle},
		{"http://cpc.people.com.cn/GB/117092/index2.html", KindList},
		{"http://www.news.cn/local/2024-03/05/c_1130084562.htm", KindArticle},
		{"http://www.people.com.cn/about.html", KindPage},
		// Unknown hosts use every profile's patterns: a mirror keeps the real paths.
		{"http://127.0.0.1:8080/people/n1/2024/0607/c117092-40252111.html", KindArticle},
		{"http://127.0.0.1:8080/paper/rmrb/pc/layout/202406/07/node_01.html", KindList},
		{"http://127.0.0.1:8080/cwced/05e98007.html", KindPage},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		if got := c.classify(u, nil); got != tt.want {
			t.Errorf("classify(%s) = %s, want %s", tt.url, got, tt.want)
		}
	}
}

func TestRefusedAddr(t *testing.T) {
	tests := []struct {
		addr    string
		refused bool
	}{
		{"127.0.0.1:80", true}, {"10.1.2.3:80", true}, {"192.168.0.1:443", true}, {"172.16.5.5:80", true},
		{"169.254.169.254:80", true}, {"[::1]:80", true}, {"[fd00::1]:80", true}, {"0.0.0.0:80", true},
		{"100.64.1.1:80", true}, {"[::ffff:127.0.0.1]:80", true},
		{"202.108.22.5:80", false}, {"[2400:da00::6666]:443", false},
	}
	for _, tt := range tests {
		err := guardControl("tcp", tt.addr, nil)
		if got := err != nil; got != tt.refused {
			t.Errorf("guardControl(%s) = %v, want refused %v", tt.addr, err, tt.refused)
		}
	}
}

// A host name that resolves to loopback is refused after resolution, before any request.
func TestRefusesPrivateTargets(t *testing.T) {
	s := newSite(t, map[string]string{"/a.html": articlePage("甲")})
	port := s.Listener.Addr().(interface{ String() string }).String()
	port = port[strings.LastIndex(port, ":")+1:]
	for _, start := range []string{s.URL + "/a.html", "http://localhost:" + port + "/a.html"} {
		m := newMemStore()
		o := testOptions(start)
		o.AllowPrivate = false
		sum := crawl(t, o, m)
		canon, _ := Canonical(start)
		p := m.page(canon)
		if p == nil || p.Outcome != Refused || !strings.Contains(p.Err, "private") {
			t.Errorf("%s: page %+v, want refused as private", start, p)
		}
		if sum.Refused != 1 || sum.Stored != 0 {
			t.Errorf("%s: summary %+v, want 1 refused, 0 stored", start, sum)
		}
	}
	if n := s.count("/a.html") + s.count("/robots.txt"); n != 0 {
		t.Errorf("server got %d requests, want none", n)
	}
}

func TestRetriesServerErrors(t *testing.T) {
	s := newSite(t, map[string]string{
		"/":       articlePage("首页", "/flaky.html", "/busy.html", "/down.html"),
		"/flaky":  "",
		"/robots": "",
	})
	var flaky, busy atomic.Int32
	s.handlers["/flaky.html"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if flaky.Add(1) <= 2 {
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		}
		w.Write([]byte(articlePage("好了")))
	})
	s.handlers["/busy.html"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if busy.Add(1) <= 3 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(articlePage("不忙了")))
	})
	s.handlers["/down.html"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusBadGateway)
	})
	m := newMemStore()
	o := testOptions(s.URL + "/")
	sum := crawl(t, o, m)
	for _, p := range []string{"/flaky.html", "/busy.html"} {
		if pg := m.page(s.URL + p); pg == nil || pg.Outcome != Fetched {
			t.Errorf("%s: %+v, want fetched after retries", p, pg)
		}
	}
	if pg := m.page(s.URL + "/down.html"); pg == nil || pg.Outcome != Failed || !strings.Contains(pg.Err, "502") {
		t.Errorf("/down.html: %+v, want failed with 502", pg)
	}
	if got, want := s.count("/down.html"), o.MaxRetries+1; got != want {
		t.Errorf("/down.html requested %d times, want %d", got, want)
	}
	if sum.Failed != 1 || sum.Stored != 2 || sum.Retries != 2+3+o.MaxRetries {
		t.Errorf("summary %+v, want 1 failed, 2 stored, %d retries", sum, 5+o.MaxRetries)
	}
}

func TestRetryAfter(t *testing.T) {
	s := newSite(t, map[string]string{"/": articlePage("首页", "/limited.html", "/forever.html")})
	var n atomic.Int32
	var first, second atomic.Int64
	s.handlers["/limited.html"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			first.Store(time.Now().UnixNano())
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		second.Store(time.Now().UnixNano())
		w.Write([]byte(articlePage("限流之后")))
	})
	s.handlers["/forever.html"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "come back tomorrow", http.StatusServiceUnavailable)
	})
	m := newMemStore()
	crawl(t, testOptions(s.URL+"/"), m)
	if p := m.page(s.URL + "/limited.html"); p == nil || p.Outcome != Fetched {
		t.Fatalf("/limited.html: %+v, want fetched", p)
	}
	if gap := time.Duration(second.Load() - first.Load()); gap < time.Second {
		t.Errorf("retried after %v, want at least the 1s of Retry-After", gap)
	}
	p := m.page(s.URL + "/forever.html")
	if p == nil || p.Outcome != Failed || !strings.Contains(p.Err, "Retry-After") {
		t.Errorf("/forever.html: %+v, want failed citing Retry-After", p)
	}
	if got := s.count("/forever.html"); got != 1 {
		t.Errorf("/forever.html requested %d times, want 1 (its Retry-After exceeds the limit)", got)
	}
}

func TestStallingServer(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	s := newSite(t, map[string]string{"/": articlePage("首页", "/stall-header.html", "/stall-body.html", "/ok.html"), "/ok.html": articlePage("正常")})
	stall := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}
	s.handlers["/stall-header.html"] = http.HandlerFunc(stall)
	s.handlers["/stall-body.html"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>开头"))
		w.(http.Flusher).Flush()
		stall(w, r)
	})
	m := newMemStore()
	o := testOptions(s.URL + "/")
	o.ReadTimeout, o.RequestTimeout, o.MaxRetries = 100*time.Millisecond, 300*time.Millisecond, 1
	sum := crawl(t, o, m)
	for _, p := range []string{"/stall-header.html", "/stall-body.html"} {
		if pg := m.page(s.URL + p); pg == nil || pg.Outcome != Failed || !strings.Contains(pg.Err, "timeout") && !strings.Contains(pg.Err, "deadline") {
			t.Errorf("%s: %+v, want failed by timeout", p, pg)
		}
	}
	if sum.Stored != 1 || sum.Failed != 2 {
		t.Errorf("summary %+v, want 1 stored and 2 failed", sum)
	}
}

func TestTruncatedBody(t *testing.T) {
	s := newSite(t, map[string]string{"/": articlePage("首页", "/cut.html", "/cut-once.html")})
	full := articlePage("完整的文章")
	truncate := func(w http.ResponseWriter) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(full), full[:len(full)/3])
		buf.Flush()
		conn.Close()
	}
	var once atomic.Int32
	s.handlers["/cut.html"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { truncate(w) })
	s.handlers["/cut-once.html"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if once.Add(1) == 1 {
			truncate(w)
			return
		}
		w.Write([]byte(full))
	})
	m := newMemStore()
	crawl(t, testOptions(s.URL+"/"), m)
	if p := m.page(s.URL + "/cut.html"); p == nil || p.Outcome != Failed || p.Body != nil {
		t.Errorf("/cut.html: %+v, want failed with no body kept", p)
	}
	if p := m.page(s.URL + "/cut-once.html"); p == nil || string(p.Body) != full {
		t.Errorf("/cut-once.html: want the whole page after a retry, got %+v", p)
	}
}

func TestRedirects(t *testing.T) {
	s := newSite(t, map[string]string{
		"/":           articlePage("首页", "/loop-a.html", "/chain/0", "/old.html"),
		"/new.html":   articlePage("新地址"),
		"/robots.txt": "",
	})
	redirect := func(to string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusMovedPermanently) })
	}
	s.handlers["/loop-a.html"] = redirect("/loop-b.html")
	s.handlers["/loop-b.html"] = redirect("/loop-a.html")
	s.handlers["/old.html"] = redirect("/new.html?utm_source=old")
	s.handlers["/chain/"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusFound)
	})
	for i := range 20 {
		s.handlers[fmt.Sprintf("/chain/%d", i)] = s.handlers["/chain/"]
	}
	m := newMemStore()
	o := testOptions(s.URL + "/")
	sum := crawl(t, o, m)
	if p := m.page(s.URL + "/new.html"); p == nil || p.Outcome != Fetched || p.Redirects != 1 {
		t.Errorf("/new.html: %+v, want fetched after one redirect", p)
	}
	if a, b := s.count("/loop-a.html"), s.count("/loop-b.html"); a != 1 || b != 1 {
		t.Errorf("redirect loop: /loop-a.html %d, /loop-b.html %d requests, want 1 each", a, b)
	}
	last := m.page(fmt.Sprintf("%s/chain/%d", s.URL, o.MaxRedirects))
	if last == nil || last.Outcome != Refused || !strings.Contains(last.Err, "redirects") {
		t.Errorf("chain: %+v, want refused for too many redirects", last)
	}
	if n := s.count(fmt.Sprintf("/chain/%d", o.MaxRedirects+1)); n != 0 {
		t.Errorf("chain followed beyond %d redirects", o.MaxRedirects)
	}
	if sum.Stored != 1 {
		t.Errorf("stored %d, want 1 (the redirect target; the start page is a list)", sum.Stored)
	}
}

func TestHugePage(t *testing.T) {
	s := newSite(t, map[string]string{"/": articlePage("首页", "/huge.html", "/huge-chunked.html", "/ok.html"), "/ok.html": articlePage("正常")})
	var written atomic.Int64
	huge := func(declare bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if declare {
				w.Header().Set("Content-Length", fmt.Sprint(50<<20))
			}
			chunk := []byte(strings.Repeat("党建", 1<<12))
			for written.Load() < 50<<20 {
				n, err := w.Write(chunk)
				written.Add(int64(n))
				if err != nil {
					return
				}
			}
		}
	}
	s.handlers["/huge.html"] = huge(true)
	s.handlers["/huge-chunked.html"] = huge(false)
	m := newMemStore()
	o := testOptions(s.URL + "/")
	o.MaxBodyBytes = 1 << 20
	sum := crawl(t, o, m)
	for _, p := range []string{"/huge.html", "/huge-chunked.html"} {
		if pg := m.page(s.URL + p); pg == nil || pg.Outcome != Refused || !strings.Contains(pg.Err, "limit") && !strings.Contains(pg.Err, "larger") {
			t.Errorf("%s: %+v, want refused as too large", p, pg)
		}
	}
	if w := written.Load(); w >= 40<<20 {
		t.Errorf("server wrote %d MB before the crawler stopped reading", w>>20)
	}
	if sum.Stored != 1 {
		t.Errorf("stored %d, want 1", sum.Stored)
	}
}

func TestDocumentAndImageLinks(t *testing.T) {
	s := newSite(t, map[string]string{"/": articlePage("首页", "/a.pdf", "/b.JPG", "/c.docx", "/download?id=7", "/ok.html"), "/ok.html": articlePage("正常")})
	s.handlers["/download"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4 " + strings.Repeat("x", 1000)))
	})
	s.handlers["/a.pdf"] = s.handlers["/download"]
	m := newMemStore()
	sum := crawl(t, testOptions(s.URL+"/"), m)
	for _, p := range []string{"/a.pdf", "/b.JPG", "/c.docx"} {
		if n := s.count(p); n != 0 {
			t.Errorf("%s requested %d times, want never", p, n)
		}
	}
	if p := m.page(s.URL + "/download?id=7"); p == nil || p.Outcome != Refused || !strings.Contains(p.Err, "application/pdf") {
		t.Errorf("/download: %+v, want refused as application/pdf", p)
	}
	if sum.Stored != 1 {
		t.Errorf("stored %d, want 1", sum.Stored)
	}
}

func TestRobotsDisallow(t *testing.T) {
	s := newSite(t, map[string]string{
		"/":                 articlePage("首页", "/private/a.html", "/open.html", "/search?q=x", "/private-not.html"),
		"/open.html":        articlePage("公开"),
		"/private/a.html":   articlePage("内部"),
		"/private-not.html": articlePage("公开二"),
	})
	s.handlers["/robots.txt"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("User-agent: *\nDisallow: /private/\nDisallow: /search\n\nUser-agent: otherbot\nDisallow: /\n"))
	})
	m := newMemStore()
	sum := crawl(t, testOptions(s.URL+"/"), m)
	for _, p := range []string{"/private/a.html", "/search?q=x"} {
		if n := s.count(p); n != 0 {
			t.Errorf("%s requested %d times, want never", p, n)
		}
		if pg := m.page(s.URL + p); pg == nil || pg.Outcome != Disallowed {
			t.Errorf("%s: %+v, want recorded as disallowed", p, pg)
		}
	}
	if sum.Disallowed != 2 || sum.Stored != 2 || s.count("/robots.txt") != 1 {
		t.Errorf("summary %+v, robots.txt read %d times; want 2 disallowed, 2 stored, robots.txt read once", sum, s.count("/robots.txt"))
	}
}

func TestSamePageUnderSeveralURLs(t *testing.T) {
	body := articlePage("同一篇")
	s := newSite(t, map[string]string{
		"/": articlePage("首页", "/a.html", "/a.html?utm_source=wx", "/a.html#comments", "/./a.html", "/copy.html",
			"http://"+"LOCALHOST_PLACEHOLDER"),
		"/a.html":    body,
		"/copy.html": body,
	})
	s.pages["/"] = strings.Replace(s.pages["/"], "http://LOCALHOST_PLACEHOLDER", strings.ToUpper(s.URL)+"/a.html", 1)
	m := newMemStore()
	sum := crawl(t, testOptions(s.URL+"/"), m)
	if n := s.count("/a.html"); n != 1 {
		t.Errorf("/a.html requested %d times, want once", n)
	}
	if sum.Stored != 1 || sum.Duplicates != 1 {
		t.Errorf("summary %+v, want /a.html stored and /copy.html a duplicate", sum)
	}
	if got := m.stored(); !slices.Contains(got, s.URL+"/a.html") {
		t.Errorf("stored %v, want /a.html under its canonical URL", got)
	}
}

// The server records request times: no host gets requests faster than the rate, and
// robots.txt's Crawl-delay is honoured when it asks for more.
func TestRatePerHost(t *testing.T) {
	var links []string
	pages := map[string]string{}
	for i := range 8 {
		p := fmt.Sprintf("/p%d.html", i)
		links = append(links, p)
		pages[p] = articlePage(fmt.Sprint("第", i, "篇"))
	}
	pages["/"] = articlePage("首页", links...)
	fast, slow := newSite(t, pages), newSite(t, pages)
	slow.handlers["/robots.txt"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("User-agent: *\nCrawl-delay: 0.1\n"))
	})
	m := newMemStore()
	o := testOptions(fast.URL+"/", slow.URL+"/")
	o.Rate, o.MaxCrawlDelay, o.Workers = 40, time.Second, 4
	sum := crawl(t, o, m)
	if sum.Stored+sum.Duplicates != 16 {
		t.Fatalf("stored %d and %d duplicates, want 16 articles", sum.Stored, sum.Duplicates)
	}
	// The server sees a request some time after the crawler sends it, and on a loaded
	// machine that delay varies by several milliseconds: one gap may look shorter by as much
	// as the next looks longer. Each gap must keep most of the interval, and the requests as
	// a whole must keep the rate exactly, but for the delay of the first and the last.
	const tolerance = 5 * time.Millisecond
	for _, tt := range []struct {
		s    *site
		want time.Duration
	}{{fast, 25 * time.Millisecond}, {slow, 100 * time.Millisecond}} {
		tt.s.mu.Lock()
		times := slices.Clone(tt.s.times)
		tt.s.mu.Unlock()
		if len(times) != 10 {
			t.Errorf("%s: %d requests, want 10", tt.s.URL, len(times))
		}
		for i := 1; i < len(times); i++ {
			if gap := times[i].Sub(times[i-1]); gap < tt.want/2 {
				t.Errorf("%s: requests %d and %d %v apart, want about %v", tt.s.URL, i-1, i, gap, tt.want)
			}
		}
		if n := len(times); n > 1 {
			if span, want := times[n-1].Sub(times[0]), time.Duration(n-1)*tt.want-tolerance; span < want {
				t.Errorf("%s: %d requests in %v, want ≥ %v", tt.s.URL, n, span, want)
			}
		}
	}
}

func TestConditionalRecrawl(t *testing.T) {
	s := newSite(t, map[string]string{"/a.html": articlePage("甲")})
	var conditional atomic.Int32
	s.handlers["/"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte(articlePage("首页", "/a.html")))
	})
	m := newMemStore()
	crawl(t, testOptions(s.URL+"/"), m)
	sum := crawl(t, testOptions(s.URL+"/"), m)
	if conditional.Load() != 1 || sum.NotModified != 1 {
		t.Errorf("second crawl: %d conditional requests, summary %+v; want one 304", conditional.Load(), sum)
	}
	if n := s.count("/a.html"); n != 1 {
		t.Errorf("/a.html requested %d times over two crawls, want once", n)
	}
}

// Cancelling a crawl and running it again fetches every page, none twice once stored.
func TestResumeAfterCancel(t *testing.T) {
	pages := map[string]string{}
	var links []string
	for i := range 12 {
		p := fmt.Sprintf("/p%02d.html", i)
		links = append(links, p)
		pages[p] = articlePage(fmt.Sprint("第", i, "篇"))
	}
	pages["/"] = articlePage("首页", links...)
	s := newSite(t, pages)
	m := newMemStore()
	o := testOptions(s.URL + "/")
	o.Workers = 1
	c, err := New(o, m, m)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stored := 0
	if _, err := c.Run(ctx, func(ev Event) {
		if ev.Outcome == "stored" {
			if stored++; stored == 5 {
				cancel()
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	first := m.stored()
	if len(first) != 5 {
		t.Fatalf("first run stored %d pages, want 5", len(first))
	}
	o.URLs = nil // resume from the remembered start page
	sum := crawl(t, o, m)
	if got := len(m.stored()); got != 12 {
		t.Errorf("after resuming %d pages stored, want 12 (run summary %+v)", got, sum)
	}
	for _, u := range first {
		p := strings.TrimPrefix(u, s.URL)
		if n := s.count(p); n != 1 {
			t.Errorf("%s stored in the first run, requested %d times, want once", p, n)
		}
	}
}

func TestMaxPagesAndSince(t *testing.T) {
	s := newSite(t, map[string]string{
		"/":                       articlePage("首页", "/n1/2019/0101/c1-1.html", "/n1/2024/0607/c1-2.html", "/n1/2024/0608/c1-3.html", "/undated.html"),
		"/n1/2019/0101/c1-1.html": articlePage("旧"), "/n1/2024/0607/c1-2.html": articlePage("新"),
		"/n1/2024/0608/c1-3.html": articlePage("更新"), "/undated.html": articlePage("无日期"),
	})
	m := newMemStore()
	o := testOptions(s.URL + "/")
	o.Since = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	o.MaxPages = 3
	sum := crawl(t, o, m)
	if n := s.count("/n1/2019/0101/c1-1.html"); n != 0 {
		t.Errorf("article dated before --since requested %d times", n)
	}
	if sum.Fetched != 3 || sum.Queued != 1 || !strings.Contains(sum.Stopped, "limit") {
		t.Errorf("summary %+v, want 3 fetched, 1 left queued, stopped by the limit", sum)
	}
}

// The User-Agent names the tool and the contact URL.
func TestUserAgent(t *testing.T) {
	var ua atomic.Value
	s := newSite(t, nil)
	s.handlers["/"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.UserAgent())
		w.Write([]byte(articlePage("首页")))
	})
	o := testOptions(s.URL + "/")
	o.Contact = "https://example.org/crawler-contact"
	crawl(t, o, newMemStore())
	if got, _ := ua.Load().(string); !strings.HasPrefix(got, "dangjian/") || !strings.Contains(got, o.Contact) {
		t.Errorf("User-Agent %q, want dangjian/… with %s", got, o.Contact)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 6, 7, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
	}{
		{"", 0}, {"5", 5 * time.Second}, {"-3", 0}, {"soon", 0},
		{"Fri, 07 Jun 2024 08:00:30 GMT", 30 * time.Second}, {"Fri, 07 Jun 2024 07:00:00 GMT", 0},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.v, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestBackoffGrowsWithJitter(t *testing.T) {
	o := NewOptions()
	o.BackoffBase, o.MaxBackoff = 100*time.Millisecond, time.Second
	for attempt, want := range []time.Duration{100, 200, 400, 800, 1000, 1000} {
		want *= time.Millisecond
		d := o.backoff(attempt+1, 0)
		if d < want/2 || d > want {
			t.Errorf("backoff(%d) = %v, want in [%v, %v]", attempt+1, d, want/2, want)
		}
	}
	if d := o.backoff(1, 3*time.Second); d != 3*time.Second {
		t.Errorf("backoff with Retry-After 3s = %v, want 3s", d)
	}
}
