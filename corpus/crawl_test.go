package corpus

import (
	"context"
	"testing"
)

func crawlState(t *testing.T) (*Store, *CrawlState) {
	t.Helper()
	s, _ := openTemp(t)
	cs, err := s.CrawlState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s, cs
}

func TestEnqueueReturnsOnlyNewURLs(t *testing.T) {
	ctx := context.Background()
	_, cs := crawlState(t)
	added, err := cs.Enqueue(ctx, []FrontierEntry{{URL: "http://a.cn/"}, {URL: "http://a.cn/1.html", Depth: 1}})
	if err != nil || len(added) != 2 {
		t.Fatalf("first Enqueue added %v, %v; want 2", added, err)
	}
	added, err = cs.Enqueue(ctx, []FrontierEntry{{URL: "http://a.cn/1.html"}, {URL: "http://a.cn/2.html", Depth: 1}})
	if err != nil || len(added) != 1 || added[0].URL != "http://a.cn/2.html" {
		t.Errorf("second Enqueue added %v, %v; want only 2.html", added, err)
	}
	q, err := cs.Queued(ctx)
	if err != nil || len(q) != 3 || q[0].URL != "http://a.cn/" {
		t.Errorf("Queued = %v, %v; want 3 entries in insertion order", q, err)
	}
	starts, err := cs.Starts(ctx)
	if err != nil || len(starts) != 1 {
		t.Errorf("Starts = %v, %v; want the one depth-0 entry", starts, err)
	}
}

func TestCompleteStoresDocumentLinksAndState(t *testing.T) {
	ctx := context.Background()
	s, cs := crawlState(t)
	cs.Enqueue(ctx, []FrontierEntry{{URL: "http://a.cn/1.html"}, {URL: "http://a.cn/2.html"}})
	doc := &Document{URL: "http://a.cn/1.html", Title: "甲", Format: "html", Raw: []byte("<p>甲</p>"), Text: "甲文", Clean: "甲文", Relevant: true}
	id, added, newLinks, err := cs.Complete(ctx, Fetch{URL: doc.URL, Status: 200, Outcome: "fetched", ETag: `"e1"`},
		doc, []FrontierEntry{{URL: "http://a.cn/2.html"}, {URL: "http://a.cn/3.html", Depth: 1}})
	if err != nil || !added || id == 0 {
		t.Fatalf("Complete = %d, %v, %v; want a new document", id, added, err)
	}
	if len(newLinks) != 1 || newLinks[0].URL != "http://a.cn/3.html" {
		t.Errorf("new links %v, want only 3.html", newLinks)
	}
	e, _, _ := cs.Entry(ctx, doc.URL)
	if e.State != StateDone {
		t.Errorf("state %q, want done", e.State)
	}
	f, ok, err := cs.LastFetch(ctx, doc.URL)
	if err != nil || !ok || f.ETag != `"e1"` || f.DocID != id {
		t.Errorf("LastFetch = %+v, %v, %v; want etag and document", f, ok, err)
	}
	// The same content under another URL is recorded as that document.
	dup := &Document{URL: "http://a.cn/2.html", Format: "html", Raw: []byte("x"), Text: "甲文", Clean: "甲文"}
	id2, added2, _, err := cs.Complete(ctx, Fetch{URL: dup.URL, Status: 200, Outcome: "fetched"}, dup, nil)
	if err != nil || added2 || id2 != id {
		t.Errorf("duplicate Complete = %d, %v, %v; want the earlier id %d", id2, added2, err, id)
	}
	if got, ok, _ := cs.DocumentForURL(ctx, dup.URL); !ok || got != id {
		t.Errorf("DocumentForURL(%s) = %d, %v; want %d", dup.URL, got, ok, id)
	}
	// A 304 keeps validators and document.
	if _, _, _, err := cs.Complete(ctx, Fetch{URL: doc.URL, Status: 304, Outcome: "not-modified"}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if f, _, _ := cs.LastFetch(ctx, doc.URL); f.ETag != `"e1"` || f.DocID != id || f.Status != 304 {
		t.Errorf("after 304: %+v, want etag and document kept", f)
	}
	if n, _ := s.Count(ctx); n != 1 {
		t.Errorf("%d documents, want 1", n)
	}
}

func TestCompleteRetryGivesUpAfterMaxTries(t *testing.T) {
	ctx := context.Background()
	_, cs := crawlState(t)
	u := "http://a.cn/flaky.html"
	cs.Enqueue(ctx, []FrontierEntry{{URL: u}})
	for i := 1; i <= MaxCrawlTries; i++ {
		if _, _, _, err := cs.Complete(ctx, Fetch{URL: u, Status: 503, Outcome: "failed", Retry: true}, nil, nil); err != nil {
			t.Fatal(err)
		}
		e, _, _ := cs.Entry(ctx, u)
		want := StateQueued
		if i == MaxCrawlTries {
			want = StateFailed
		}
		if e.State != want || e.Tries != i {
			t.Errorf("after failure %d: state %q tries %d, want %q %d", i, e.State, e.Tries, want, i)
		}
	}
}

func TestRequeue(t *testing.T) {
	ctx := context.Background()
	_, cs := crawlState(t)
	u := "http://a.cn/"
	cs.Enqueue(ctx, []FrontierEntry{{URL: u}})
	cs.Complete(ctx, Fetch{URL: u, Status: 200, Outcome: "fetched"}, nil, nil)
	if q, _ := cs.Queued(ctx); len(q) != 0 {
		t.Fatalf("queued %v after completion, want none", q)
	}
	if err := cs.Requeue(ctx, []string{u, "http://unknown.cn/"}); err != nil {
		t.Fatal(err)
	}
	if q, _ := cs.Queued(ctx); len(q) != 1 || q[0].URL != u {
		t.Errorf("queued %v after Requeue, want %s", q, u)
	}
}
