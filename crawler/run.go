package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/dangjian/dangjian/article"
	"github.com/temoto/robotstxt"
)

// Event reports one processed URL (or a retry), for progress displays and JSON logs.
type Event struct {
	Time     time.Time `json:"time"`
	URL      string    `json:"url"`
	Kind     Kind      `json:"kind,omitempty"`
	Outcome  string    `json:"outcome"` // stored, duplicate, not-article, not-modified, redirect, robots, refused, failed, retry
	Status   int       `json:"status,omitempty"`
	DocID    int64     `json:"doc_id,omitempty"`
	Title    string    `json:"title,omitempty"`
	Relevant *bool     `json:"relevant,omitempty"`
	Attempt  int       `json:"attempt,omitempty"`
	RetryIn  string    `json:"retry_in,omitempty"`
	Bytes    int       `json:"bytes,omitempty"`
	Detail   string    `json:"detail,omitempty"` // error or note
	Stats    Stats     `json:"stats"`
}

// Stats are the running counts shown by a progress line.
type Stats struct {
	Fetched  int     `json:"fetched"`
	Queued   int     `json:"queued"`
	Stored   int     `json:"stored"`
	Errors   int     `json:"errors"`
	Requests int     `json:"requests"`
	Rate     float64 `json:"rate"` // requests per second so far
}

// Summary is the account of one run.
type Summary struct {
	Requests    int           `json:"requests"`     // HTTP requests, robots.txt and retries included
	Fetched     int           `json:"fetched"`      // queued URLs that got an HTTP answer
	Stored      int           `json:"stored"`       // new documents
	Irrelevant  int           `json:"irrelevant"`   // of those, judged off-topic (kept, not indexed)
	Duplicates  int           `json:"duplicates"`   // pages whose content was already stored
	NotArticles int           `json:"not_articles"` // list pages and pages without article text
	NotModified int           `json:"not_modified"`
	Redirects   int           `json:"redirects"`
	Disallowed  int           `json:"disallowed"` // forbidden by robots.txt, never requested
	Refused     int           `json:"refused"`    // 4xx, not a page, too large, private address
	Failed      int           `json:"failed"`     // transient failures after all retries; tried again next crawl
	Retries     int           `json:"retries"`
	Queued      int           `json:"queued"` // left for the next run
	Elapsed     time.Duration `json:"elapsed_ns"`
	Stopped     string        `json:"stopped,omitempty"` // why the run ended with pages still queued
	// Sites account for the pages by site profile and page kind, so that a profile whose
	// selectors no longer fit its site shows at once.
	Sites []SiteCount `json:"sites"`
}

// SiteCount is one site profile's pages of one kind in a run.
type SiteCount struct {
	Site    string `json:"site"` // the profile that read the pages
	Kind    Kind   `json:"kind"` // list, article or page
	Fetched int    `json:"fetched"`
	Stored  int    `json:"stored"`
	// NoBody counts article pages that gave no article text (the body selector matched
	// nothing); NoDate stored pages without a date. Example is the first such page.
	NoBody  int    `json:"no_body"`
	NoDate  int    `json:"no_date"`
	Example string `json:"example,omitempty"`
}

// count adds a fetched page to its site's and kind's line.
func (s *Summary) count(u, profile string, kind Kind, st Stored) {
	site := profile
	if site == "" {
		site = "generic"
		if p, ok := article.ProfileForURL(u); ok {
			site = p.Name
		} else if st.Profile != "" {
			site = st.Profile // a mirror's page, recognised by its markup
		}
	}
	i := slices.IndexFunc(s.Sites, func(c SiteCount) bool { return c.Site == site && c.Kind == kind })
	if i < 0 {
		s.Sites = append(s.Sites, SiteCount{Site: site, Kind: kind})
		i = len(s.Sites) - 1
	}
	c := &s.Sites[i]
	c.Fetched++
	switch {
	case st.Added:
		c.Stored++
		if st.BodyFallback {
			c.NoBody++
			c.Example = u
		}
		if st.Undated {
			c.NoDate++
			if c.Example == "" {
				c.Example = u
			}
		}
	case st.DocID == 0 && kind == KindArticle:
		c.NoBody++
		if c.Example == "" || c.NoBody == 1 {
			c.Example = u
		}
	}
}

type host struct {
	key         string // host[:port]
	origin      string // scheme://host[:port]
	queue       []task
	busy        bool
	next        time.Time // earliest start of the next request
	lastStart   time.Time
	robots      *robotstxt.RobotsData
	crawlDelay  time.Duration
	robotsTries int
	robotsErr   string // robots.txt could not be read: the host's pages wait
	robotsFinal bool   // … and never will be (refused address), so they are refused
}

type task struct {
	link    Link
	attempt int // retries so far
}

type result struct {
	h        *host
	t        task
	requests int
	aborted  bool // the run was cancelled mid-request; the page stays queued

	isRobots        bool
	robots          *robotstxt.RobotsData
	robotsErr       error
	robotsTransient bool

	page    *Page
	stored  Stored
	retryIn time.Duration
	detail  string
	err     error // the sink failed: the run stops
}

type run struct {
	c        *Crawler
	scope    scope
	start    time.Time
	hosts    map[string]*host
	order    []*host
	rr       int
	inflight int
	started  int
	results  chan result
	report   func(Event)
	sum      Summary
}

// Run crawls until the frontier in scope is empty, MaxPages pages were fetched, ctx is
// cancelled or the sink fails. It resumes a crawl that was interrupted: queued pages are
// fetched, done ones are not. When nothing is queued, the start pages are fetched again
// (conditionally) to find new articles. report, if not nil, is called for every page from
// the calling goroutine.
func (c *Crawler) Run(ctx context.Context, report func(Event)) (Summary, error) {
	r := &run{c: c, start: time.Now(), hosts: map[string]*host{}, results: make(chan result), report: report}
	seeds, err := c.seeds(ctx)
	if err != nil {
		return r.sum, err
	}
	r.scope = scopeOf(seeds)
	if _, err := c.frontier.Add(ctx, seeds); err != nil {
		return r.sum, fmt.Errorf("crawler: queue start pages: %w", err)
	}
	queued, err := r.queuedInScope(ctx)
	if err != nil {
		return r.sum, err
	}
	if len(queued) == 0 {
		var urls []string
		for _, s := range seeds {
			urls = append(urls, s.URL)
		}
		if err := c.frontier.Requeue(ctx, urls); err != nil {
			return r.sum, fmt.Errorf("crawler: queue start pages again: %w", err)
		}
		if queued, err = r.queuedInScope(ctx); err != nil {
			return r.sum, err
		}
	}
	for _, l := range queued {
		if err := r.push(l, false); err != nil {
			return r.sum, err
		}
	}
	err = r.loop(ctx)
	r.sum.Queued = r.pending()
	r.sum.Elapsed = time.Since(r.start)
	switch {
	case r.sum.Queued == 0:
	case ctx.Err() != nil:
		r.sum.Stopped = "interrupted"
	case r.maxed():
		r.sum.Stopped = fmt.Sprintf("page limit (%d) reached", c.opts.MaxPages)
	case err != nil:
		r.sum.Stopped = "error"
	}
	return r.sum, err
}

func (r *run) queuedInScope(ctx context.Context) ([]Link, error) {
	all, err := r.c.frontier.Queued(ctx)
	if err != nil {
		return nil, fmt.Errorf("crawler: read frontier: %w", err)
	}
	var in []Link
	for _, l := range all {
		if u, err := url.Parse(l.URL); err == nil && r.scope.allows(u) {
			in = append(in, l)
		}
	}
	return in, nil
}

// push adds a link to its host's queue, at the front for redirect targets.
func (r *run) push(l Link, front bool) error {
	u, err := url.Parse(l.URL)
	if err != nil {
		return fmt.Errorf("crawler: queued URL %q: %w", l.URL, err)
	}
	h := r.hosts[u.Host]
	if h == nil {
		h = &host{key: u.Host, origin: u.Scheme + "://" + u.Host}
		r.hosts[u.Host] = h
		r.order = append(r.order, h)
	}
	if front {
		h.queue = append([]task{{link: l}}, h.queue...)
	} else {
		h.queue = append(h.queue, task{link: l})
	}
	return nil
}

func (r *run) pending() int {
	n := r.inflight
	for _, h := range r.hosts {
		n += len(h.queue)
	}
	return n
}

func (r *run) maxed() bool { return r.c.opts.MaxPages > 0 && r.started >= r.c.opts.MaxPages }

// interval is the least time between two requests to h: the rate, or robots.txt's
// Crawl-delay when that asks for more (up to MaxCrawlDelay).
func (r *run) interval(h *host) time.Duration {
	d := time.Duration(float64(time.Second) / r.c.opts.Rate)
	return max(d, min(h.crawlDelay, r.c.opts.MaxCrawlDelay))
}

func (r *run) loop(ctx context.Context) error {
	var fatal error
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		stopping := ctx.Err() != nil || fatal != nil
		if !stopping {
			if err := r.dispatch(ctx); err != nil {
				fatal = err
				stopping = true
			}
		}
		if r.inflight == 0 && (stopping || r.pending() == 0 || r.maxed()) {
			return fatal
		}
		var wake <-chan time.Time
		if !stopping && r.inflight < r.c.opts.Workers && !r.maxed() {
			if next, ok := r.nextReady(); ok {
				timer.Reset(time.Until(next))
				wake = timer.C
			}
		}
		var cancelled <-chan struct{}
		if !stopping {
			cancelled = ctx.Done()
		}
		select {
		case res := <-r.results:
			r.inflight--
			if err := r.handle(res); err != nil && fatal == nil {
				fatal = err
			}
		case <-wake:
		case <-cancelled:
		}
	}
}

// dispatch starts requests to every host that may receive one now, up to Workers in flight.
func (r *run) dispatch(ctx context.Context) error {
	opts := &r.c.opts
	for r.inflight < opts.Workers && !r.maxed() {
		now := time.Now()
		h := r.pickReady(now)
		if h == nil {
			return nil
		}
		t := h.queue[0]
		h.queue = h.queue[1:]
		if !opts.IgnoreRobots && h.robots == nil {
			if h.robotsErr != "" {
				outcome := Failed
				if h.robotsFinal {
					outcome = Refused
				}
				if err := r.record(ctx, h, t, &Page{Link: t.link, Outcome: outcome, Err: h.robotsErr}); err != nil {
					return err
				}
				continue
			}
			h.queue = append([]task{t}, h.queue...)
			r.launch(h, now, func() result { return r.fetchRobots(ctx, h) })
			continue
		}
		if !opts.IgnoreRobots && !h.robots.TestAgent(requestPath(t.link.URL), opts.robotsAgent()) {
			if err := r.record(ctx, h, t, &Page{Link: t.link, Outcome: Disallowed, Err: "disallowed by robots.txt"}); err != nil {
				return err
			}
			continue
		}
		if t.attempt == 0 {
			r.started++
		}
		r.launch(h, now, func() result { return r.fetchPage(ctx, h, t) })
	}
	return nil
}

// record stores the outcome of a page that needed no request.
func (r *run) record(ctx context.Context, h *host, t task, p *Page) error {
	stored, err := r.c.sink.StorePage(ctx, p)
	return r.handle(result{h: h, t: t, page: p, stored: stored, err: err, detail: p.Err})
}

func (r *run) launch(h *host, now time.Time, fn func() result) {
	h.busy = true
	h.lastStart = now
	h.next = now.Add(r.interval(h))
	r.inflight++
	go func() { r.results <- fn() }()
}

// pickReady returns the next host, round robin, that is idle, has work and may be asked now.
func (r *run) pickReady(now time.Time) *host {
	for i := range r.order {
		h := r.order[(r.rr+i)%len(r.order)]
		if !h.busy && len(h.queue) > 0 && !h.next.After(now) {
			r.rr = (r.rr + i + 1) % len(r.order)
			return h
		}
	}
	return nil
}

func (r *run) nextReady() (time.Time, bool) {
	var next time.Time
	found := false
	for _, h := range r.order {
		if !h.busy && len(h.queue) > 0 && (!found || h.next.Before(next)) {
			next, found = h.next, true
		}
	}
	return next, found
}

func (r *run) handle(res result) error {
	h := res.h
	h.busy = false
	r.sum.Requests += res.requests
	now := time.Now()
	if res.aborted {
		if !res.isRobots {
			h.queue = append([]task{res.t}, h.queue...)
		}
		return nil
	}
	if res.isRobots {
		switch {
		case res.robotsErr == nil:
			h.robots = res.robots
			h.crawlDelay = res.robots.FindGroup(r.c.opts.robotsAgent()).CrawlDelay
			h.next = later(h.next, h.lastStart.Add(r.interval(h)))
		case res.robotsTransient && h.robotsTries < r.c.opts.MaxRetries:
			h.robotsTries++
			h.next = later(h.next, now.Add(r.c.opts.backoff(h.robotsTries, 0)))
		default:
			h.robotsErr = "robots.txt unreadable: " + describe(res.robotsErr)
			h.robotsFinal = !res.robotsTransient
			if h.robotsFinal {
				h.next = time.Time{} // no request reached the host; refusing its pages needs no wait
			}
		}
		return nil
	}
	if res.retryIn > 0 {
		r.sum.Retries++
		h.next = later(h.next, now.Add(res.retryIn))
		t := res.t
		t.attempt++
		h.queue = append([]task{t}, h.queue...)
		r.emit(Event{URL: t.link.URL, Kind: t.link.Kind, Outcome: "retry", Status: res.page.Status,
			Attempt: t.attempt, RetryIn: res.retryIn.Round(time.Millisecond).String(), Detail: res.detail})
		return nil
	}
	if res.err != nil {
		h.queue = append([]task{res.t}, h.queue...) // still queued in the frontier too
		return res.err
	}
	p, st := res.page, res.stored
	ev := Event{URL: p.URL, Kind: p.Kind, Status: p.Status, Outcome: string(p.Outcome), Detail: p.Err, Attempt: res.t.attempt}
	switch p.Outcome {
	case Fetched:
		r.sum.Fetched++
		r.sum.count(p.URL, p.Profile, p.Kind, st)
		ev.Bytes = len(p.Body)
		switch {
		case st.Added:
			r.sum.Stored++
			if !st.Relevant {
				r.sum.Irrelevant++
			}
			ev.Outcome, ev.DocID, ev.Title = "stored", st.DocID, st.Title
			rel := st.Relevant
			ev.Relevant = &rel
		case st.DocID != 0:
			r.sum.Duplicates++
			ev.Outcome, ev.DocID, ev.Title = "duplicate", st.DocID, st.Title
		default:
			r.sum.NotArticles++
			ev.Outcome, ev.Detail = "not-article", st.Note
		}
	case NotModified:
		r.sum.Fetched++
		r.sum.NotModified++
	case Redirected:
		r.sum.Fetched++
		r.sum.Redirects++
		ev.Detail = "→ " + p.Location
	case Disallowed:
		r.sum.Disallowed++
	case Refused:
		if p.Status != 0 {
			r.sum.Fetched++
		}
		r.sum.Refused++
	case Failed:
		if p.Status != 0 {
			r.sum.Fetched++
		}
		r.sum.Failed++
	}
	for _, l := range st.NewLinks {
		if err := r.push(l, p.Outcome == Redirected); err != nil {
			return err
		}
	}
	r.emit(ev)
	return nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func (r *run) emit(ev Event) {
	if r.report == nil {
		return
	}
	ev.Time = time.Now()
	elapsed := time.Since(r.start).Seconds()
	ev.Stats = Stats{Fetched: r.sum.Fetched, Queued: r.pending(), Stored: r.sum.Stored,
		Errors: r.sum.Refused + r.sum.Failed, Requests: r.sum.Requests}
	if elapsed > 0 {
		ev.Stats.Rate = float64(r.sum.Requests) / elapsed
	}
	r.report(ev)
}

// fetchPage requests one page and hands the outcome to the sink; it runs on its own goroutine.
func (r *run) fetchPage(ctx context.Context, h *host, t task) result {
	c := r.c
	res := result{h: h, t: t, requests: 1}
	etag, lastModified, err := c.frontier.Validators(ctx, t.link.URL)
	if err != nil {
		res.err = fmt.Errorf("crawler: validators of %s: %w", t.link.URL, err)
		return res
	}
	resp, err := c.get(ctx, t.link.URL, etag, lastModified)
	if ctx.Err() != nil {
		res.aborted = true
		return res
	}
	p := &Page{Link: t.link}
	if prof := c.profileFor(t.link.URL); prof != nil {
		p.Profile = prof.Name
	}
	status := 0
	var retryAfter time.Duration
	if resp != nil {
		status, retryAfter = resp.status, resp.retryAfter
		p.Status, p.ContentType, p.ETag, p.LastModified = resp.status, resp.contentType, resp.etag, resp.lastModified
	}
	switch {
	case err == nil && status == http.StatusOK:
		p.Outcome, p.Body, p.Article = Fetched, resp.body, t.link.Kind != KindList
		if t.link.Kind != KindArticle || t.link.Depth == 0 {
			if text, _, err := article.Decode(resp.body, resp.contentType); err == nil {
				p.Links = c.discover(p, text, r.scope)
			}
		}
	case err == nil && status == http.StatusNotModified:
		p.Outcome = NotModified
	case err == nil && status >= 300 && status < 400 && resp.location != "":
		r.redirect(p, resp.location)
	case transient(status, err):
		reason := reasonOf(status, err)
		if retryAfter > c.opts.MaxRetryAfter {
			p.Outcome, p.Err = Failed, fmt.Sprintf("%s, Retry-After %s is longer than the %s limit", reason, retryAfter, c.opts.MaxRetryAfter)
			break
		}
		if t.attempt < c.opts.MaxRetries {
			res.page, res.detail = p, reason
			res.retryIn = c.opts.backoff(t.attempt+1, retryAfter)
			return res
		}
		p.Outcome, p.Err = Failed, fmt.Sprintf("%s (after %d retries)", reason, t.attempt)
	default:
		p.Outcome, p.Err = Refused, reasonOf(status, err)
	}
	// A page that was fetched is stored even when Ctrl-C comes now; only a crash loses it.
	res.page = p
	res.stored, res.err = c.sink.StorePage(context.WithoutCancel(ctx), p)
	return res
}

// redirect queues a redirect's target in place of the page, within the crawl's scope and
// redirect limit.
func (r *run) redirect(p *Page, location string) {
	target, err := url.Parse(location)
	var cu *url.URL
	if err == nil {
		cu, err = canonicalURL(target)
	}
	switch {
	case err != nil:
		p.Outcome, p.Err = Refused, fmt.Sprintf("HTTP %d to an unusable location %q", p.Status, location)
	case cu.String() == p.URL:
		p.Outcome, p.Err = Refused, fmt.Sprintf("HTTP %d redirects to itself", p.Status)
	case p.Redirects >= r.c.opts.MaxRedirects:
		p.Outcome, p.Err = Refused, fmt.Sprintf("more than %d redirects", r.c.opts.MaxRedirects)
	case !r.scope.allows(cu):
		p.Outcome, p.Err = Refused, "redirect leaves the crawl's sites: "+cu.String()
	default:
		kind := r.c.classify(cu, r.c.forced)
		if kind == KindPage {
			kind = p.Kind
		}
		p.Outcome, p.Location = Redirected, cu.String()
		p.Links = []Link{{URL: cu.String(), Kind: kind, Depth: p.Depth, Referrer: p.URL, Redirects: p.Redirects + 1,
			Page: p.Page, Section: p.Section}}
	}
}

func reasonOf(status int, err error) string {
	if err != nil {
		return describe(err)
	}
	return fmt.Sprintf("HTTP %d %s", status, http.StatusText(status))
}

// fetchRobots reads the host's robots.txt, following up to MaxRedirects redirects.
// A missing file (4xx) allows everything; a server error or an unreachable server
// leaves the host's pages for later, as RFC 9309 asks.
func (r *run) fetchRobots(ctx context.Context, h *host) result {
	res := result{h: h, isRobots: true}
	u := h.origin + "/robots.txt"
	for hop := 0; ; hop++ {
		resp, err := r.c.get(ctx, u, "", "")
		res.requests++
		if ctx.Err() != nil {
			res.aborted = true
			return res
		}
		switch {
		case errors.Is(err, ErrNotPage), errors.Is(err, ErrTooLarge):
			res.robots, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
		case err != nil:
			res.robotsErr, res.robotsTransient = err, transient(0, err)
		case resp.status >= 300 && resp.status < 400 && resp.location != "" && hop < r.c.opts.MaxRedirects:
			u = resp.location
			continue
		case resp.status >= 200 && resp.status < 300:
			if res.robots, err = robotstxt.FromBytes(resp.body); err != nil {
				res.robots, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
			}
		case resp.status >= 400 && resp.status < 500 && resp.status != http.StatusTooManyRequests:
			res.robots, _ = robotstxt.FromStatusAndBytes(resp.status, nil)
		default:
			res.robotsErr, res.robotsTransient = fmt.Errorf("HTTP %d", resp.status), true
		}
		return res
	}
}

// requestPath is the part of a URL that robots.txt rules match: path and query.
func requestPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "/"
	}
	return u.RequestURI()
}
