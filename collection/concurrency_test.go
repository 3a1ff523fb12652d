package collection

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dangjian/dangjian/index"
	"github.com/dangjian/dangjian/query"
)

// writeSynthetic writes n small reports into a new folder under dir, numbered from first,
// each naming a province, an initiative and a metric, and returns the folder.
func writeSynthetic(t testing.TB, dir string, first, n int) string {
	t.Helper()
	provinces := []string{"湖北", "浙江", "广西", "黑龙江", "重庆", "陕西"}
	folder := filepath.Join(dir, fmt.Sprintf("batch-%d", first))
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := first; i < first+n; i++ {
		pv := provinces[i%len(provinces)]
		text := fmt.Sprintf("第%d号报告：%s抓基层党建工作\n\n%s省委坚持“四不两直”方式开展第%d轮调研，访谈约谈领导干部%d人。\n"+
			"%s推进“红色驿站%d号”建设，全年办结群众反映事项%d件。\n", i, pv, pv, i, 100+i, pv, i, 1000+i)
		if err := os.WriteFile(filepath.Join(folder, fmt.Sprintf("r%05d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return folder
}

// TestSearchHoldsItsGeneration: a search that started on a generation keeps it open while
// rebuilds swap in two newer ones; it is closed only when the search is done.
func TestSearchHoldsItsGeneration(t *testing.T) {
	ctx := context.Background()
	c := newCollection(t)
	if _, err := c.Import(ctx, []string{writeSynthetic(t, t.TempDir(), 0, 3)}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	q, err := c.ParseQuery("四不两直", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ix, release, err := c.acquire()
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := c.Rebuild(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Search(ctx, "四不两直", SearchOptions{}); err != nil {
		t.Fatalf("search on the newest generation: %v", err)
	}
	res, err := ix.Search(ctx, indexRequest(q))
	if err != nil || res.Total != 3 {
		t.Fatalf("search held across two rebuilds: total %v, %v; want 3 hits", res, err)
	}
	release()
	if res, err := ix.Search(ctx, indexRequest(q)); err == nil {
		t.Errorf("retired generation still open after its last search released it: %+v", res)
	}
}

// TestReadersDuringWrites runs searches, trends and exports in loops, through this
// collection and through a second one opened on the same directory (as another process
// would), while imports and rebuilds write. No reader may see an error, and the number of
// documents a reader finds never goes down: each answer comes from a whole generation.
func TestReadersDuringWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("rebuilds repeatedly")
	}
	ctx := context.Background()
	src := t.TempDir()
	c := newCollection(t)
	const batch, rounds = 20, 6
	if _, err := c.Import(ctx, []string{writeSynthetic(t, src, 0, batch)}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, c.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var reads atomic.Int64
	errs := make(chan error, 64)
	reader := func(c *Collection, name string) {
		defer wg.Done()
		last := 0
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			var err error
			switch i % 3 {
			case 0:
				var res *SearchResult
				if res, err = c.Search(ctx, "四不两直", SearchOptions{Limit: 5}); err == nil {
					if res.Total < last {
						err = fmt.Errorf("%d hits after %d: an older generation answered", res.Total, last)
					}
					last = res.Total
				}
			case 1:
				var tr *TrendResult
				if tr, err = c.Trend(ctx, "约谈"); err == nil && tr.Total == 0 {
					err = errors.New("trend counted nothing")
				}
			case 2:
				err = c.Export(ctx, []string{"initiatives", "metrics"}[i%2], ExportOptions{Format: "csv"}, io.Discard)
			}
			if err != nil {
				errs <- fmt.Errorf("%s, read %d: %w", name, i, err)
				return
			}
			reads.Add(1)
		}
	}
	for i, rc := range []*Collection{c, c, other} {
		wg.Add(1)
		go reader(rc, fmt.Sprintf("reader %d", i))
	}
	var writeErr error
	for r := 1; r <= rounds && writeErr == nil; r++ {
		if _, writeErr = c.Import(ctx, []string{writeSynthetic(t, src, r*batch, batch)}, nil); writeErr == nil {
			_, writeErr = c.Rebuild(ctx, nil)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	if writeErr != nil {
		t.Errorf("writer: %v", writeErr)
	}
	for err := range errs {
		t.Error(err)
	}
	res, err := other.Search(ctx, "四不两直", SearchOptions{})
	if err != nil || res.Total != batch*(rounds+1) {
		t.Errorf("after the writes: %v hits, %v; want %d", res, err, batch*(rounds+1))
	}
	t.Logf("%d reads during %d imports and rebuilds", reads.Load(), rounds)
}

func indexRequest(q *query.Query) index.Request { return index.Request{Query: q, Limit: 10} }
