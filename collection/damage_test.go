package collection

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDamagedIndexIsRebuilt damages the index in the ways a disk or a user can — segment
// files gone, CURRENT pointing nowhere, the whole folder deleted — and checks that search
// says so and that rebuild recovers.
func TestDamagedIndexIsRebuilt(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "a.txt"), []byte("标题\n\n湖北开展“四不两直”调研。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { c.Close() }()
	if _, err := c.Import(ctx, []string{src}, nil); err != nil {
		t.Fatal(err)
	}
	damages := map[string]func(root string){
		"records deleted": func(root string) {
			recs, _ := filepath.Glob(filepath.Join(root, "gen-*", "records.bin"))
			for _, r := range recs {
				os.Remove(r)
			}
		},
		"CURRENT names nothing": func(root string) { os.WriteFile(filepath.Join(root, "CURRENT"), []byte("gen-0\n"), 0o644) },
		"index deleted":         func(root string) { os.RemoveAll(root) },
	}
	for name, damage := range damages {
		if _, err := c.Rebuild(ctx, nil); err != nil {
			t.Fatalf("%s: rebuild: %v", name, err)
		}
		c.Close() // drop the open generation, as a new process would start
		if c, err = Open(ctx, c.Dir); err != nil {
			t.Fatal(err)
		}
		damage(filepath.Join(c.Dir, "index"))
		_, err := c.Search(ctx, "四不两直", SearchOptions{})
		if err == nil || !strings.Contains(err.Error(), "rebuild") {
			t.Errorf("%s: search err = %v, want one that says to rebuild", name, err)
		}
		if _, err := c.Rebuild(ctx, nil); err != nil {
			t.Fatalf("%s: rebuild after damage: %v", name, err)
		}
		res, err := c.Search(ctx, "四不两直", SearchOptions{})
		if err != nil || res.Total != 1 {
			t.Errorf("%s: after rebuild: %v, %v", name, res, err)
		}
	}
}
