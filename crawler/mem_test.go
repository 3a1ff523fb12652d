package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// memStore is an in-memory Frontier and Sink: it keeps every page it is given.
type memStore struct {
	mu      sync.Mutex
	order   []string
	entries map[string]*memEntry
	pages   map[string]*Page
	bodies  map[string]string // content → first URL stored with it, to recognise duplicates
	ids     map[string]int64
}

type memEntry struct {
	link  Link
	state string
	etag  string
	lm    string
}

func newMemStore() *memStore {
	return &memStore{entries: map[string]*memEntry{}, pages: map[string]*Page{}, bodies: map[string]string{}, ids: map[string]int64{}}
}

func (m *memStore) add(links []Link) []Link {
	var added []Link
	for _, l := range links {
		if m.entries[l.URL] == nil {
			m.entries[l.URL] = &memEntry{link: l, state: "queued"}
			m.order = append(m.order, l.URL)
			added = append(added, l)
		}
	}
	return added
}

func (m *memStore) Add(_ context.Context, links []Link) ([]Link, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.add(links), nil
}

func (m *memStore) list(keep func(*memEntry) bool) []Link {
	var out []Link
	for _, u := range m.order {
		if e := m.entries[u]; keep(e) {
			out = append(out, e.link)
		}
	}
	return out
}

func (m *memStore) Queued(context.Context) ([]Link, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.list(func(e *memEntry) bool { return e.state == "queued" }), nil
}

func (m *memStore) Starts(context.Context) ([]Link, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.list(func(e *memEntry) bool { return e.link.Depth == 0 && e.link.Redirects == 0 }), nil
}

func (m *memStore) Requeue(_ context.Context, urls []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, u := range urls {
		if e := m.entries[u]; e != nil {
			e.state = "queued"
		}
	}
	return nil
}

func (m *memStore) Validators(_ context.Context, url string) (string, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e := m.entries[url]; e != nil {
		return e.etag, e.lm, nil
	}
	return "", "", nil
}

func (m *memStore) StorePage(_ context.Context, p *Page) (Stored, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.add([]Link{p.Link})
	e := m.entries[p.URL]
	e.state = "done"
	if p.Outcome == Failed {
		e.state = "failed"
	}
	if p.Outcome == Fetched {
		e.etag, e.lm = p.ETag, p.LastModified
	}
	cp := *p
	m.pages[p.URL] = &cp
	st := Stored{NewLinks: m.add(p.Links)}
	if p.Outcome == Fetched && p.Article {
		body := string(p.Body)
		if first, ok := m.bodies[body]; ok {
			st.DocID = m.ids[first]
		} else {
			m.bodies[body] = p.URL
			m.ids[p.URL] = int64(len(m.ids) + 1)
			st.DocID, st.Added, st.Relevant = m.ids[p.URL], true, true
		}
	}
	return st, nil
}

func (m *memStore) page(url string) *Page {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pages[url]
}

func (m *memStore) stored() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, u := range m.order {
		if _, ok := m.ids[u]; ok {
			out = append(out, u)
		}
	}
	return out
}

// site is a test server that serves pages from a map and records every request.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	pages    map[string]string       // path → HTML
	handlers map[string]http.Handler // path → special behaviour
	hits     map[string]int
	times    []time.Time
	paths    []string
}

func newSite(t *testing.T, pages map[string]string) *site {
	s := &site{pages: pages, handlers: map[string]http.Handler{}, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.RequestURI()]++
	s.times = append(s.times, time.Now())
	s.paths = append(s.paths, r.URL.RequestURI())
	h := s.handlers[r.URL.Path]
	page, ok := s.pages[r.URL.Path]
	s.mu.Unlock()
	switch {
	case h != nil:
		h.ServeHTTP(w, r)
	case ok:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	default:
		http.NotFound(w, r)
	}
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// testOptions are fast options for loopback tests.
func testOptions(urls ...string) Options {
	o := NewOptions()
	o.URLs = urls
	o.AllowPrivate = true
	o.Rate = 1000
	o.MaxCrawlDelay = 0
	o.ConnectTimeout = time.Second
	o.ReadTimeout = time.Second
	o.RequestTimeout = 2 * time.Second
	o.BackoffBase = 5 * time.Millisecond
	o.MaxBackoff = 20 * time.Millisecond
	o.MaxRetryAfter = 2 * time.Second
	return o
}

func crawl(t *testing.T, o Options, m *memStore) Summary {
	t.Helper()
	c, err := New(o, m, m)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sum, err := c.Run(ctx, nil)
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	if ctx.Err() != nil {
		t.Fatal("crawl did not finish")
	}
	return sum
}

// articlePage is a page with enough prose to pass for an article, and links.
func articlePage(title string, links ...string) string {
	var b strings.Builder
	b.WriteString("<html><head><title>" + title + "</title></head><body><h1>" + title + "</h1><div id=content><p>")
	b.WriteString(strings.Repeat("各级党组织认真落实基层党建工作责任制，推动述职评议考核走深走实。", 4))
	b.WriteString("</p></div><ul>")
	for _, l := range links {
		b.WriteString(`<li><a href="` + l + `">` + l + `</a></li>`)
	}
	b.WriteString("</ul></body></html>")
	return b.String()
}
