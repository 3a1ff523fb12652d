package collection

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/hanzi"
)

// TestKWICEqualsAScan: on the 88 real reports, kwic 从严治党 lists exactly the occurrences
// a scan of every document's folded text finds, with their context.
func TestKWICEqualsAScan(t *testing.T) {
	ctx := context.Background()
	files, _ := filepath.Glob(filepath.Join(shared, "corpora", "*.jsonl"))
	if len(files) != 2 {
		t.Fatalf("want the 2 corpora in %s/corpora, found %d", shared, len(files))
	}
	c := rebuiltCollection(t, files...)
	const word = "从严治党"
	var want []string
	for id := int64(1); id <= 88; id++ {
		d, err := c.Store.Find(ctx, fmt.Sprint(id))
		if err != nil {
			t.Fatal(err)
		}
		folded := []rune(hanzi.Fold(d.Clean))
		n := []rune(word)
		for p := 0; p+len(n) <= len(folded); p++ {
			if string(folded[p:p+len(n)]) == word {
				want = append(want, fmt.Sprintf("%d@%d", id, p))
			}
		}
	}
	lines, err := c.KWIC(ctx, word, KWICOptions{Width: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		got = append(got, fmt.Sprintf("%d@%d", l.DocID, l.Offset))
		if hanzi.Fold(l.Match) != word || len([]rune(l.Left)) > 10 || len([]rune(l.Right)) > 10 || strings.Contains(l.Left+l.Right, "\n") {
			t.Errorf("line %+v", l)
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	if len(want) < 20 || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("kwic %s: %d lines, the scan %d\n got %v\nwant %v", word, len(got), len(want), got, want)
	}
	// Sorted by the right context, and written as CSV with a header.
	lines, err = c.KWIC(ctx, word, KWICOptions{Width: 10, Sort: "right"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(lines); i++ {
		if lines[i-1].Right > lines[i].Right {
			t.Fatalf("not sorted by the right context at %d", i)
		}
	}
	var out bytes.Buffer
	if err := WriteKWIC(lines, "csv", &out); err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(out.String(), "\n"); rows != len(lines)+1 {
		t.Errorf("csv has %d lines for %d occurrences", rows, len(lines))
	}
	if _, err := c.KWIC(ctx, word, KWICOptions{Sort: "size"}); err == nil {
		t.Error("an unknown sort accepted")
	}
}

// newCollection is an empty collection in a new folder, closed when the test ends.
func newCollection(t *testing.T) *Collection {
	t.Helper()
	c, err := Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// rebuiltCollection imports paths into a new collection and rebuilds it; it is closed
// when the test ends.
func rebuiltCollection(t *testing.T, paths ...string) *Collection {
	t.Helper()
	ctx := context.Background()
	c := newCollection(t)
	if _, err := c.Import(ctx, paths, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	return c
}
