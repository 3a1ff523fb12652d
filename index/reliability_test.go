package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/query"
)

// TestClosedIndexIsAnError: a search on a generation that has been closed (its files
// unmapped) must fail, not answer with no hits nor crash.
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

// TestDamagedGenerations damages the index directory in ways a disk, a backup tool or a
// user can: opening says what is wrong and that rebuild recreates it, and a rebuild does.
func TestDamagedGenerations(t *testing.T) {
	damages := []struct {
		name   string
		damage func(t *testing.T, root, gen string)
	}{
		{"CURRENT empty", func(t *testing.T, root, gen string) { write(t, filepath.Join(root, "CURRENT"), "") }},
		{"CURRENT garbage", func(t *testing.T, root, gen string) { write(t, filepath.Join(root, "CURRENT"), "\x00\xff../../etc") }},
		{"CURRENT names a path", func(t *testing.T, root, gen string) { write(t, filepath.Join(root, "CURRENT"), "gen-1/../../x") }},
		{"CURRENT deleted", func(t *testing.T, root, gen string) { os.Remove(filepath.Join(root, "CURRENT")) }},
		{"generation deleted", func(t *testing.T, root, gen string) { os.RemoveAll(gen) }},
		{"generation is a file", func(t *testing.T, root, gen string) { os.RemoveAll(gen); write(t, gen, "x") }},
		{"meta garbage", func(t *testing.T, root, gen string) { write(t, filepath.Join(gen, "dangjian.json"), "{{{") }},
		{"article records deleted", func(t *testing.T, root, gen string) { os.Remove(filepath.Join(gen, "records.bin")) }},
		{"article records cut short", func(t *testing.T, root, gen string) { write(t, filepath.Join(gen, "records.bin"), "x") }},
		{"postings deleted", func(t *testing.T, root, gen string) { os.Remove(filepath.Join(gen, "postings.bin")) }},
		{"keys changed", func(t *testing.T, root, gen string) {
			b, _ := os.ReadFile(filepath.Join(gen, "keys.bin"))
			b[3] ^= 0x40
			write(t, filepath.Join(gen, "keys.bin"), string(b))
		}},
		{"frequent strings changed", func(t *testing.T, root, gen string) {
			b, _ := os.ReadFile(filepath.Join(gen, "gramkeys.bin"))
			b[len(b)-1] ^= 0x40
			write(t, filepath.Join(gen, "gramkeys.bin"), string(b))
		}},
		{"every file truncated", func(t *testing.T, root, gen string) {
			filepath.Walk(gen, func(p string, info os.FileInfo, err error) error {
				if err == nil && !info.IsDir() && info.Name() != "dangjian.json" {
					os.Truncate(p, info.Size()/2)
				}
				return nil
			})
		}},
		{"index folder deleted", func(t *testing.T, root, gen string) { os.RemoveAll(root) }},
	}
	q, _ := query.Parse("四不两直")
	for _, d := range damages {
		root := filepath.Join(t.TempDir(), "index")
		buildTestIndex(t, root, testDocs)
		gen, err := current(root)
		if err != nil {
			t.Fatal(err)
		}
		d.damage(t, root, gen)
		ix, err := Open(root)
		if err == nil {
			// Damage that opening cannot see must show when searching, as an error.
			_, err = ix.Search(context.Background(), Request{Query: q})
			ix.Close()
		}
		if err == nil || !strings.Contains(err.Error(), "rebuild") && !errors.Is(err, ErrNoIndex) {
			t.Errorf("%s: %v, want an error that says to rebuild", d.name, err)
		}
		buildTestIndex(t, root, testDocs)
		ix, err = Open(root)
		if err != nil {
			t.Fatalf("%s: open after rebuild: %v", d.name, err)
		}
		res, err := ix.Search(context.Background(), Request{Query: q})
		ix.Close()
		if err != nil || res.Total != 1 {
			t.Errorf("%s: after rebuild: %+v, %v; want 1 hit", d.name, res, err)
		}
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOpenGenerationOutlivesCollection: a reader (another process, say `dangjian serve`)
// keeps answering from the generation it opened after later rebuilds have swept that
// generation's directory away.
func TestOpenGenerationOutlivesCollection(t *testing.T) {
	root := t.TempDir()
	buildTestIndex(t, root, testDocs)
	ix, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	texts := []string{"四不两直", "黨建", "形严实软"}
	want := map[string]int{}
	for _, text := range texts {
		q, _ := query.Parse(text)
		res, err := ix.Search(context.Background(), Request{Query: q})
		if err != nil || res.Total == 0 {
			t.Fatalf("search %s: %+v, %v", text, res, err)
		}
		want[text] = res.Total
	}
	for range 3 {
		buildTestIndex(t, root, testDocs[:1])
	}
	if _, err := os.Stat(ix.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("generation %s still on disk after three rebuilds (%v); the test needs it swept", ix.Dir(), err)
	}
	for _, text := range texts {
		q, _ := query.Parse(text)
		if res, err := ix.Search(context.Background(), Request{Query: q}); err != nil || res.Total != want[text] {
			t.Errorf("search %s on the swept generation: %+v, %v; want %d hits", text, res, err, want[text])
		}
	}
}

// TestDamagedFrequentStringLists: the lists of frequent strings are checked by size only
// when an index opens; lists overwritten in place make searches fail cleanly, not crash.
func TestDamagedFrequentStringLists(t *testing.T) {
	root := t.TempDir()
	buildWithGrams(t, root, testDocs, 1)
	gen, err := current(root)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(gen, gramListsFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range b {
		b[i] = 0xFF
	}
	write(t, path, string(b))
	ix, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	failed := 0
	for i := range ix.gramKeys.len() {
		q, err := query.Parse(string(ix.gramKeys.key(i)))
		if err != nil {
			continue
		}
		if _, err := ix.Search(context.Background(), Request{Query: q}); err != nil {
			failed++
		}
	}
	if failed == 0 {
		t.Errorf("no search of %d frequent strings noticed the damaged lists", ix.gramKeys.len())
	}
}
