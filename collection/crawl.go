package collection

import (
	"context"
	"github.com/dangjian/dangjian/article"
	"unicode/utf8"

	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/crawler"
)

// minPageRunes is the least cleaned text a page of unknown kind must hold to be stored as
// an article; less is a channel header or a layout page's caption.
const minPageRunes = 80

// Crawl fetches pages into the corpus as opts say, resuming an interrupted crawl. Every
// fetched article is stored with its relevance verdict; progress (if not nil) hears of
// every page.
func (c *Collection) Crawl(ctx context.Context, opts crawler.Options, progress func(crawler.Event)) (crawler.Summary, error) {
	cs, err := c.Store.CrawlState(ctx)
	if err != nil {
		return crawler.Summary{}, err
	}
	st := &crawlStore{cs: cs, relevance: crawler.NewRelevance(opts.Keywords)}
	cr, err := crawler.New(opts, st, st)
	if err != nil {
		return crawler.Summary{}, err
	}
	return cr.Run(ctx, progress)
}

// crawlStore is the crawler's frontier and sink over the corpus database.
type crawlStore struct {
	cs        *corpus.CrawlState
	relevance crawler.Relevance
}

func toEntries(links []crawler.Link) []corpus.FrontierEntry {
	out := make([]corpus.FrontierEntry, 0, len(links))
	for _, l := range links {
		out = append(out, corpus.FrontierEntry{URL: l.URL, Kind: string(l.Kind), Depth: l.Depth,
			Referrer: l.Referrer, Site: l.Site, Redirects: l.Redirects, Page: l.Page, Section: l.Section})
	}
	return out
}

func toLinks(entries []corpus.FrontierEntry) []crawler.Link {
	out := make([]crawler.Link, 0, len(entries))
	for _, e := range entries {
		out = append(out, crawler.Link{URL: e.URL, Kind: crawler.Kind(e.Kind), Depth: e.Depth,
			Referrer: e.Referrer, Site: e.Site, Redirects: e.Redirects, Page: e.Page, Section: e.Section})
	}
	return out
}

func (s *crawlStore) Add(ctx context.Context, links []crawler.Link) ([]crawler.Link, error) {
	added, err := s.cs.Enqueue(ctx, toEntries(links))
	return toLinks(added), err
}

func (s *crawlStore) Queued(ctx context.Context) ([]crawler.Link, error) {
	es, err := s.cs.Queued(ctx)
	return toLinks(es), err
}

func (s *crawlStore) Starts(ctx context.Context) ([]crawler.Link, error) {
	es, err := s.cs.Starts(ctx)
	return toLinks(es), err
}

func (s *crawlStore) Requeue(ctx context.Context, urls []string) error {
	return s.cs.Requeue(ctx, urls)
}

func (s *crawlStore) Validators(ctx context.Context, url string) (string, string, error) {
	f, ok, err := s.cs.LastFetch(ctx, url)
	if err != nil || !ok || (f.Outcome != string(crawler.Fetched) && f.Outcome != string(crawler.NotModified)) {
		return "", "", err
	}
	return f.ETag, f.LastModified, nil
}

// StorePage parses a fetched page as import does, judges its relevance and records it
// with its links and fetch record in one transaction.
func (s *crawlStore) StorePage(ctx context.Context, p *crawler.Page) (crawler.Stored, error) {
	f := corpus.Fetch{URL: p.URL, Status: p.Status, Outcome: string(p.Outcome), Reason: p.Err,
		ContentType: p.ContentType, ETag: p.ETag, LastModified: p.LastModified, Location: p.Location,
		Bytes: len(p.Body), Retry: p.Outcome == crawler.Failed}
	var doc *corpus.Document
	var note string
	switch {
	case p.Outcome != crawler.Fetched:
	case !p.Article:
		note = "list page"
	default:
		d, err := Parse(p.Body, p.URL, p.ContentType, p.Profile)
		switch {
		case err != nil:
			note = err.Error()
		case p.Kind == crawler.KindPage && utf8.RuneCountInString(d.Clean) < minPageRunes:
			note = "too little text for an article"
		default:
			d.Relevant = s.relevance.Relevant(d.Title, d.Clean)
			d.Page, d.Section = p.Page, p.Section
			if d.Page == 0 {
				d.Page = crawler.PaperPageOfURL(p.URL) // an article reached without its layout page
			}
			doc = d
		}
	}
	if f.Reason == "" {
		f.Reason = note
	}
	id, added, newLinks, err := s.cs.Complete(ctx, f, doc, toEntries(p.Links))
	if err != nil {
		return crawler.Stored{}, err
	}
	st := crawler.Stored{DocID: id, Added: added, Note: note, NewLinks: toLinks(newLinks)}
	if doc != nil {
		st.Title, st.Relevant, st.Undated, st.Profile = doc.Title, doc.Relevant, doc.Published == "", doc.Profile
		// A page its site's profile should read but whose body the generic extractor found:
		// the profile's body selector matched nothing.
		if want := expectedProfile(p); want != "" && want != "generic" && doc.Profile == "generic" {
			st.BodyFallback = true
		}
	}
	return st, nil
}

// expectedProfile is the site profile that should read a page: the forced one, else the
// one of its host; "" when none is known (a saved copy is recognised by its markers).
func expectedProfile(p *crawler.Page) string {
	if p.Profile != "" {
		return p.Profile
	}
	if prof, ok := article.ProfileForURL(p.URL); ok {
		return prof.Name
	}
	return ""
}
