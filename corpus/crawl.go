package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CrawlState is the persistent state of crawls in the corpus database: the frontier of
// URLs (queued, done or failed) and the log of what each fetch returned, with the
// validators for conditional re-fetching. It lives beside the documents so that a page is
// marked done in the same transaction that stores its document.
type CrawlState struct {
	s *Store
}

// Frontier states.
const (
	StateQueued = "queued"
	StateDone   = "done"
	StateFailed = "failed" // gave up after MaxCrawlTries runs
)

// MaxCrawlTries is how many crawls try a page that keeps failing transiently before it is
// given up.
const MaxCrawlTries = 3

const crawlSchema = `
CREATE TABLE IF NOT EXISTS crawl_frontier (
	seq       INTEGER PRIMARY KEY,
	url       TEXT NOT NULL UNIQUE,
	kind      TEXT NOT NULL DEFAULT '',
	depth     INTEGER NOT NULL DEFAULT 0,
	referrer  TEXT NOT NULL DEFAULT '',
	site      TEXT NOT NULL DEFAULT '',
	redirects INTEGER NOT NULL DEFAULT 0,
	state     TEXT NOT NULL DEFAULT 'queued',
	tries     INTEGER NOT NULL DEFAULT 0,
	added     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS crawl_frontier_state ON crawl_frontier(state, seq);
CREATE TABLE IF NOT EXISTS crawl_fetches (
	url           TEXT PRIMARY KEY,
	status        INTEGER NOT NULL DEFAULT 0,
	outcome       TEXT NOT NULL,
	reason        TEXT NOT NULL DEFAULT '',
	content_type  TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	location      TEXT NOT NULL DEFAULT '',
	doc_id        INTEGER REFERENCES documents(id) ON DELETE SET NULL,
	bytes         INTEGER NOT NULL DEFAULT 0,
	fetched       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS crawl_fetches_doc ON crawl_fetches(doc_id);
`

// CrawlState gives access to the crawl tables (created with the database).
func (s *Store) CrawlState(ctx context.Context) (*CrawlState, error) {
	return &CrawlState{s: s}, nil
}

// FrontierEntry is one URL of the frontier.
type FrontierEntry struct {
	URL       string
	Kind      string
	Depth     int
	Referrer  string
	Site      string
	Redirects int
	Page      int // for an e-paper article: the page and section that listed it
	Section   string
	State     string
	Tries     int
}

// Fetch is the record of the last fetch of a URL.
type Fetch struct {
	URL          string
	Status       int
	Outcome      string // what the crawler made of it: fetched, redirect, refused …
	Reason       string
	ContentType  string
	ETag         string
	LastModified string
	Location     string
	DocID        int64 // the document the page was stored as (or a duplicate of), 0 if none
	Bytes        int
	Fetched      time.Time
	Retry        bool // a transient failure: queue the URL again for the next crawl
}

func crawlNow() string { return time.Now().UTC().Format(time.RFC3339) }

// Enqueue adds entries whose URL the frontier does not know and returns those it added.
func (cs *CrawlState) Enqueue(ctx context.Context, entries []FrontierEntry) ([]FrontierEntry, error) {
	tx, err := cs.s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("corpus: begin: %w", err)
	}
	defer tx.Rollback()
	added, err := enqueue(ctx, tx, entries)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("corpus: commit frontier: %w", err)
	}
	return added, nil
}

func enqueue(ctx context.Context, tx *sql.Tx, entries []FrontierEntry) ([]FrontierEntry, error) {
	var added []FrontierEntry
	for _, e := range entries {
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO crawl_frontier
			(url, kind, depth, referrer, site, redirects, page, section, state, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.URL, e.Kind, e.Depth, e.Referrer, e.Site, e.Redirects, e.Page, e.Section, StateQueued, crawlNow())
		if err != nil {
			return nil, fmt.Errorf("corpus: queue %s: %w", e.URL, err)
		}
		if n, err := res.RowsAffected(); err == nil && n > 0 {
			e.State = StateQueued
			added = append(added, e)
		}
	}
	return added, nil
}

const frontierColumns = `url, kind, depth, referrer, site, redirects, page, section, state, tries`

func (cs *CrawlState) entries(ctx context.Context, where string, args ...any) ([]FrontierEntry, error) {
	rows, err := cs.s.db.QueryContext(ctx, `SELECT `+frontierColumns+` FROM crawl_frontier WHERE `+where+` ORDER BY seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("corpus: read frontier: %w", err)
	}
	defer rows.Close()
	var out []FrontierEntry
	for rows.Next() {
		var e FrontierEntry
		if err := rows.Scan(&e.URL, &e.Kind, &e.Depth, &e.Referrer, &e.Site, &e.Redirects, &e.Page, &e.Section, &e.State, &e.Tries); err != nil {
			return nil, fmt.Errorf("corpus: read frontier: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("corpus: read frontier: %w", err)
	}
	return out, nil
}

// Queued lists the queued entries in the order they were added.
func (cs *CrawlState) Queued(ctx context.Context) ([]FrontierEntry, error) {
	return cs.entries(ctx, `state = ?`, StateQueued)
}

// Starts lists the start pages of all crawls so far (depth 0, not reached by a redirect).
func (cs *CrawlState) Starts(ctx context.Context) ([]FrontierEntry, error) {
	return cs.entries(ctx, `depth = 0 AND redirects = 0`)
}

// Entry returns the frontier entry of url.
func (cs *CrawlState) Entry(ctx context.Context, url string) (FrontierEntry, bool, error) {
	es, err := cs.entries(ctx, `url = ?`, url)
	if err != nil || len(es) == 0 {
		return FrontierEntry{}, false, err
	}
	return es[0], true, nil
}

// Requeue queues URLs again (start pages of a new crawl). Unknown URLs are ignored.
func (cs *CrawlState) Requeue(ctx context.Context, urls []string) error {
	tx, err := cs.s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("corpus: begin: %w", err)
	}
	defer tx.Rollback()
	for _, u := range urls {
		if _, err := tx.ExecContext(ctx, `UPDATE crawl_frontier SET state = ?, tries = 0 WHERE url = ?`, StateQueued, u); err != nil {
			return fmt.Errorf("corpus: queue %s again: %w", u, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("corpus: commit frontier: %w", err)
	}
	return nil
}

// LastFetch returns the record of the last fetch of url.
func (cs *CrawlState) LastFetch(ctx context.Context, url string) (Fetch, bool, error) {
	var f Fetch
	var docID sql.NullInt64
	var fetched string
	err := cs.s.db.QueryRowContext(ctx, `SELECT url, status, outcome, reason, content_type, etag, last_modified,
		location, doc_id, bytes, fetched FROM crawl_fetches WHERE url = ?`, url).Scan(&f.URL, &f.Status, &f.Outcome,
		&f.Reason, &f.ContentType, &f.ETag, &f.LastModified, &f.Location, &docID, &f.Bytes, &fetched)
	if errors.Is(err, sql.ErrNoRows) {
		return Fetch{}, false, nil
	}
	if err != nil {
		return Fetch{}, false, fmt.Errorf("corpus: fetch record of %s: %w", url, err)
	}
	f.DocID = docID.Int64
	f.Fetched, _ = time.Parse(time.RFC3339, fetched)
	return f, true, nil
}

// Complete records a finished fetch in one transaction: the document (unless its content
// is already stored), the links found on the page, the fetch record and the URL's new
// state. A crash before the commit leaves the URL queued with nothing of it stored.
// It returns the document id (new or earlier), whether it was new, and the links that
// were new to the frontier.
func (cs *CrawlState) Complete(ctx context.Context, f Fetch, doc *Document, links []FrontierEntry) (id int64, added bool, newLinks []FrontierEntry, err error) {
	tx, err := cs.s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, nil, fmt.Errorf("corpus: begin: %w", err)
	}
	defer tx.Rollback()
	if doc != nil {
		if id, added, err = addTx(ctx, tx, doc); err != nil {
			return 0, false, nil, err
		}
		f.DocID = id
	}
	if newLinks, err = enqueue(ctx, tx, links); err != nil {
		return 0, false, nil, err
	}
	if f.Fetched.IsZero() {
		f.Fetched = time.Now().UTC()
	}
	var docID any
	if f.DocID != 0 {
		docID = f.DocID
	}
	if f.Outcome == "not-modified" {
		// A 304 keeps the validators and the document of the fetch it confirms.
		_, err = tx.ExecContext(ctx, `UPDATE crawl_fetches SET status = ?, outcome = ?, fetched = ? WHERE url = ?`,
			f.Status, f.Outcome, f.Fetched.Format(time.RFC3339), f.URL)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO crawl_fetches
			(url, status, outcome, reason, content_type, etag, last_modified, location, doc_id, bytes, fetched)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.URL, f.Status, f.Outcome, f.Reason, f.ContentType, f.ETag, f.LastModified, f.Location, docID, f.Bytes,
			f.Fetched.Format(time.RFC3339))
	}
	if err != nil {
		return 0, false, nil, fmt.Errorf("corpus: record fetch of %s: %w", f.URL, err)
	}
	state := StateDone
	if f.Retry {
		state = StateQueued
	}
	// A URL first seen here (a start page never queued) is inserted so its state is kept.
	if _, err := enqueue(ctx, tx, []FrontierEntry{{URL: f.URL}}); err != nil {
		return 0, false, nil, err
	}
	if f.Retry {
		_, err = tx.ExecContext(ctx, `UPDATE crawl_frontier SET tries = tries + 1,
			state = CASE WHEN tries + 1 >= ? THEN ? ELSE ? END WHERE url = ?`, MaxCrawlTries, StateFailed, StateQueued, f.URL)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE crawl_frontier SET state = ? WHERE url = ?`, state, f.URL)
	}
	if err != nil {
		return 0, false, nil, fmt.Errorf("corpus: mark %s: %w", f.URL, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, false, nil, fmt.Errorf("corpus: commit fetch of %s: %w", f.URL, err)
	}
	if doc != nil && added {
		doc.ID = id
	}
	return id, added, newLinks, nil
}

// DocumentForURL returns the id of the document a crawled URL was stored as, following
// redirects, so that the address a page was fetched under finds it even when the
// document is known by another (its redirect target, or an earlier copy of its content).
func (cs *CrawlState) DocumentForURL(ctx context.Context, url string) (int64, bool, error) {
	for hop := 0; hop < 10; hop++ {
		f, ok, err := cs.LastFetch(ctx, url)
		if err != nil || !ok {
			return 0, false, err
		}
		if f.DocID != 0 {
			return f.DocID, true, nil
		}
		if f.Location == "" {
			return 0, false, nil
		}
		url = f.Location
	}
	return 0, false, nil
}
