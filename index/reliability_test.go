package index

import (
	"context"
	"testing"

	"github.com/dangjian/dangjian/query"
)

// TestClosedIndexIsAnError: a search on a generation that has been closed (or whose shards
// fail) must fail, not answer with no hits.
func TestClosedIndexIsAnError(t *testing.T) {
	root := t.TempDir()
	buildTestIndex(t, root, testDocs)
	ix, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	q, err := query.Parse("四不两直")
	if err != nil {
		t.Fatal(err)
	}
	if res, err := ix.Search(context.Background(), Request{Query: q}); err != nil || res.Total != 1 {
		t.Fatalf("open index: %+v, %v; want 1 hit", res, err)
	}
	ix.Close()
	if res, err := ix.Search(context.Background(), Request{Query: q}); err == nil {
		t.Errorf("closed index answered %+v, want an error", res)
	}
	if counts, err := ix.Trend(context.Background(), q); err == nil {
		t.Errorf("closed index counted %v, want an error", counts)
	}
}
