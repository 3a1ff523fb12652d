// Package crawler fetches article pages from news sites politely and resumably: scope and
// link discovery from site profiles, robots.txt, per-host rate limits, retries with backoff,
// and a persistent frontier supplied by the caller.
package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dangjian/dangjian/article"
)

// ErrNothingToCrawl is returned when no start page is given and none is remembered.
var ErrNothingToCrawl = errors.New("nothing to crawl: give --site or --url")

// Options control a crawl. Make them with NewOptions, which sets the defaults.
type Options struct {
	Sites   []string // site profile names whose start pages begin the crawl
	URLs    []string // further start pages; the crawl stays on their hosts
	Profile string   // force this site profile for every page ("" chooses by host and markers)
	// Paper, when set, walks the People's Daily e-paper day by day and page by page from
	// the layout pages it lists (see PaperWalk), beside any other start pages.
	Paper *PaperWalk

	MaxPages int       // stop after fetching this many pages in this run (0: no limit)
	MaxDepth int       // follow links at most this many steps from a start page (negative: no limit)
	Since    time.Time // skip articles whose URL dates them before this day (zero: no limit)
	Keywords []string  // relevance keywords; see Relevance

	Rate          float64       // requests per second to one host
	Workers       int           // requests in flight over all hosts
	UserAgent     string        // product token, also the name matched in robots.txt
	Contact       string        // URL or address in the User-Agent for site operators
	IgnoreRobots  bool          // do not read robots.txt (only for sites you run)
	MaxCrawlDelay time.Duration // longest robots.txt Crawl-delay honoured; longer ones are capped
	AllowPrivate  bool          // allow loopback and private addresses (tests, the demo, intranets)

	ConnectTimeout time.Duration // TCP and TLS connection set-up
	ReadTimeout    time.Duration // waiting for the response header
	RequestTimeout time.Duration // whole request including the body
	MaxBodyBytes   int64
	MaxRedirects   int
	MaxRetries     int           // retries of one page within a run after transient failures
	BackoffBase    time.Duration // first retry wait; doubled on each retry
	MaxBackoff     time.Duration
	MaxRetryAfter  time.Duration // a longer Retry-After leaves the page for the next crawl
}

// NewOptions returns the defaults: one request per second per host, four in flight,
// robots.txt obeyed, public addresses only.
func NewOptions() Options {
	return Options{
		MaxDepth:       -1,
		Keywords:       DefaultKeywords(),
		Rate:           1,
		Workers:        4,
		UserAgent:      "dangjian/0.1",
		Contact:        "https://github.com/dangjian/dangjian",
		MaxCrawlDelay:  30 * time.Second,
		ConnectTimeout: 10 * time.Second,
		ReadTimeout:    30 * time.Second,
		RequestTimeout: 60 * time.Second,
		MaxBodyBytes:   10 << 20,
		MaxRedirects:   5,
		MaxRetries:     3,
		BackoffBase:    2 * time.Second,
		MaxBackoff:     2 * time.Minute,
		MaxRetryAfter:  5 * time.Minute,
	}
}

func (o *Options) userAgent() string {
	if o.Contact == "" {
		return o.UserAgent
	}
	return o.UserAgent + " (+" + o.Contact + ")"
}

// robotsAgent is the name looked up in robots.txt: the product token without its version.
func (o *Options) robotsAgent() string {
	name, _, _ := strings.Cut(o.UserAgent, "/")
	return name
}

func (o *Options) validate() error {
	switch {
	case o.Rate <= 0:
		return fmt.Errorf("rate must be positive, got %v", o.Rate)
	case o.Workers < 1:
		return fmt.Errorf("workers must be at least 1, got %d", o.Workers)
	case o.MaxBodyBytes <= 0:
		return fmt.Errorf("body size limit must be positive, got %d", o.MaxBodyBytes)
	case o.UserAgent == "":
		return errors.New("user agent must not be empty")
	}
	return nil
}

// Kind says what a URL is expected to be, from the site profiles' URL patterns.
type Kind string

const (
	KindList    Kind = "list"    // channel or layout page: its links are followed, it is not stored
	KindArticle Kind = "article" // article page: stored, its links are not followed
	KindPage    Kind = "page"    // unknown: links followed, stored if it holds an article
)

// Link is an entry of the frontier.
type Link struct {
	URL       string // canonical
	Kind      Kind
	Depth     int    // steps from a start page
	Referrer  string // page the link was found on
	Site      string // for start pages of a --site crawl: the profile name
	Redirects int    // redirects followed to reach this URL
	// Page and Section: for an article listed on an e-paper's page, that page's number and
	// name (4, 要闻), so the stored article says where it was printed.
	Page    int
	Section string
}

// Outcome is what became of one queued URL.
type Outcome string

const (
	Fetched     Outcome = "fetched"      // 200 with a body, handed to the sink
	NotModified Outcome = "not-modified" // 304 to a conditional GET
	Redirected  Outcome = "redirect"     // the target was queued instead
	Disallowed  Outcome = "robots"       // robots.txt forbids it; never requested
	Refused     Outcome = "refused"      // permanent: 4xx, not a page, too large, private address
	Failed      Outcome = "failed"       // transient failure after all retries; tried again next crawl
)

// Page is the result of processing one queued URL, handed to the Sink.
type Page struct {
	Link
	Outcome      Outcome
	Status       int
	ContentType  string
	ETag         string
	LastModified string
	Location     string // canonical redirect target
	Body         []byte // raw bytes, for Fetched
	Article      bool   // the body should be stored if it holds an article
	Profile      string // forced profile name, or ""
	Links        []Link // in-scope links found on the page (or the redirect target)
	Err          string // reason for Refused and Failed
}

// Stored is what the Sink did with a page.
type Stored struct {
	DocID    int64  // the stored document, or the earlier one with the same content
	Added    bool   // a new document was stored
	Title    string // of the document
	Relevant bool   // the relevance filter's verdict
	Undated  bool   // the page gave no date: its profile's date selector may have failed
	// BodyFallback: the site's profile found no body and the generic extractor read the page.
	BodyFallback bool
	// Profile is the profile that read the stored page: its host's, or for a mirror or a
	// saved copy the one its markers name.
	Profile  string
	Note     string // why a fetched page was not stored (no article text …)
	NewLinks []Link // the page's links that were not in the frontier before
}

// Frontier is the crawl's persistent queue.
type Frontier interface {
	// Add queues links unknown to the frontier and returns those it added.
	Add(ctx context.Context, links []Link) ([]Link, error)
	// Queued lists the queued links in the order they were added.
	Queued(ctx context.Context) ([]Link, error)
	// Starts lists the start pages of earlier crawls.
	Starts(ctx context.Context) ([]Link, error)
	// Requeue queues URLs again that were done, to re-crawl start pages.
	Requeue(ctx context.Context, urls []string) error
	// Validators returns the ETag and Last-Modified of the last successful fetch of url.
	Validators(ctx context.Context, url string) (etag, lastModified string, err error)
}

// Sink receives every processed URL. StorePage must in one transaction store the page's
// article (if Article is set and the body holds one), add its Links to the frontier and
// record the outcome, so that after a crash each page is either done with all of its
// effects or still queued.
type Sink interface {
	StorePage(ctx context.Context, p *Page) (Stored, error)
}

// Crawler runs crawls with fixed options against one frontier and sink.
type Crawler struct {
	opts     Options
	frontier Frontier
	sink     Sink
	client   *http.Client
	forced   *article.Profile
	// paper reads the pages of paperHost, the host a date walk's Base names (see profileFor).
	paper     *article.Profile
	paperHost string
	patterns  []profilePatterns
}

type profilePatterns struct {
	name          string
	article, list []*regexp.Regexp
}

// New checks the options and makes a crawler.
func New(opts Options, frontier Frontier, sink Sink) (*Crawler, error) {
	if err := opts.validate(); err != nil {
		return nil, fmt.Errorf("crawler: %w", err)
	}
	c := &Crawler{opts: opts, frontier: frontier, sink: sink, client: newClient(&opts)}
	if opts.Profile != "" {
		p, ok := article.ProfileByName(opts.Profile)
		if !ok {
			return nil, fmt.Errorf("crawler: unknown profile %q (known: %s)", opts.Profile, strings.Join(profileNames(), ", "))
		}
		c.forced = &p
	}
	if opts.Paper != nil && opts.Paper.Base != "" {
		u, err := url.Parse(opts.Paper.Base)
		if err != nil {
			return nil, fmt.Errorf("crawler: e-paper base %q: %w", opts.Paper.Base, err)
		}
		p, _ := article.ProfileByName(PaperSite)
		c.paper, c.paperHost = &p, u.Host
	}
	for _, name := range opts.Sites {
		if p, ok := article.ProfileByName(name); !ok || len(p.Start) == 0 {
			return nil, fmt.Errorf("crawler: unknown site %q (known: %s)", name, strings.Join(siteNames(), ", "))
		}
	}
	for _, p := range article.Profiles() {
		pp := profilePatterns{name: p.Name}
		for _, re := range p.ArticleURL {
			pp.article = append(pp.article, regexp.MustCompile(re))
		}
		for _, re := range p.ListURL {
			pp.list = append(pp.list, regexp.MustCompile(re))
		}
		c.patterns = append(c.patterns, pp)
	}
	return c, nil
}

func profileNames() []string {
	var names []string
	for _, p := range article.Profiles() {
		names = append(names, p.Name)
	}
	return names
}

// siteNames lists the profiles a crawl can start from.
func siteNames() []string {
	var names []string
	for _, p := range article.Profiles() {
		if len(p.Start) > 0 {
			names = append(names, p.Name)
		}
	}
	return names
}

// seeds are the start pages of this run: from the options, or remembered from earlier runs.
func (c *Crawler) seeds(ctx context.Context) ([]Link, error) {
	var seeds []Link
	for _, name := range c.opts.Sites {
		p, _ := article.ProfileByName(name)
		for _, s := range p.Start {
			u, err := url.Parse(s)
			if err != nil {
				return nil, fmt.Errorf("crawler: start page of %s: %w", name, err)
			}
			cu, err := canonicalURL(u)
			if err != nil {
				return nil, fmt.Errorf("crawler: start page of %s: %w", name, err)
			}
			seeds = append(seeds, Link{URL: cu.String(), Kind: c.classify(cu, nil), Site: name})
		}
	}
	urls := c.opts.URLs
	if c.opts.Paper != nil {
		layouts, err := c.opts.Paper.LayoutURLs()
		if err != nil {
			return nil, fmt.Errorf("crawler: e-paper walk: %w", err)
		}
		urls = append(append([]string(nil), urls...), layouts...)
	}
	for _, s := range urls {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("crawler: start URL %q: %w", s, err)
		}
		cu, err := canonicalURL(u)
		if err != nil {
			return nil, fmt.Errorf("crawler: start URL %q: %w", s, err)
		}
		seeds = append(seeds, Link{URL: cu.String(), Kind: c.classify(cu, nil)})
	}
	if len(seeds) > 0 {
		return seeds, nil
	}
	seeds, err := c.frontier.Starts(ctx)
	if err != nil {
		return nil, fmt.Errorf("crawler: %w", err)
	}
	if len(seeds) == 0 {
		return nil, ErrNothingToCrawl
	}
	return seeds, nil
}

// scopeOf is the set of hosts the seeds allow: a site's profile hosts, a URL's own host.
func scopeOf(seeds []Link) scope {
	s := scope{hosts: map[string]bool{}}
	for _, l := range seeds {
		if l.Site != "" {
			if p, ok := article.ProfileByName(l.Site); ok {
				s.domains = append(s.domains, p.Hosts...)
				continue
			}
		}
		if u, err := url.Parse(l.URL); err == nil {
			s.hosts[u.Host] = true
		}
	}
	return s
}

// classify tells from the URL alone what a page is, by the patterns of the profile for its
// host, else of the forced or detected profile, else of every site profile (for mirrors and
// saved copies whose paths keep the real sites' shapes).
func (c *Crawler) classify(u *url.URL, pageProfile *article.Profile) Kind {
	var names []string
	switch p, ok := article.ProfileForURL(u.String()); {
	case ok:
		names = []string{p.Name}
	case c.forced != nil:
		names = []string{c.forced.Name}
	case pageProfile != nil && len(pageProfile.ArticleURL) > 0:
		names = []string{pageProfile.Name}
	}
	isArticle, isList := false, false
	for _, pp := range c.patterns {
		if names != nil && !slices.Contains(names, pp.name) {
			continue
		}
		isArticle = isArticle || matchAny(pp.article, u.Path)
		isList = isList || matchAny(pp.list, u.Path)
	}
	switch {
	case isArticle && !isList:
		return KindArticle
	case isList && !isArticle:
		return KindList
	}
	return KindPage
}

// restricted reports whether links to u must match its profile's article or list
// patterns: true on a known site's hosts and under a forced profile, where following
// every link would wander over the whole site.
func (c *Crawler) restricted(u *url.URL) bool {
	if c.forced != nil {
		return len(c.forced.ArticleURL)+len(c.forced.ListURL) > 0
	}
	_, ok := article.ProfileForURL(u.String())
	return ok
}

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
