package collection

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/hanzi"
	"github.com/dangjian/dangjian/index"
)

const shared = "../../shared"

func seedFiles(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(shared, "seeds", "*.txt"))
	if len(files) == 0 {
		t.Fatalf("no seeds in %s/seeds", shared)
	}
	return files
}

// seeded is one collection with the seeds imported and indexed, shared by the tests that
// only read it (the rebuild loads the segmenter's dictionary, which takes seconds).
var seeded = sync.OnceValues(func() (*Collection, error) {
	dir, err := os.MkdirTemp("", "dangjian-test-")
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	c, err := Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	files, _ := filepath.Glob(filepath.Join(shared, "seeds", "*.txt"))
	if _, err := c.Import(ctx, files, nil); err != nil {
		return nil, err
	}
	if _, err := c.Rebuild(ctx, nil); err != nil {
		return nil, err
	}
	return c, nil
})

func seededCollection(t *testing.T) *Collection {
	t.Helper()
	seedFiles(t)
	c, err := seeded()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMain(m *testing.M) {
	code := m.Run()
	if c, err := seeded(); err == nil && c != nil {
		c.Close()
		os.RemoveAll(c.Dir)
	}
	os.Exit(code)
}

// TestSearchIsExactLikeGrep draws strings of 1 to 10 characters from the seeds' article
// text and checks that search returns exactly the seeds whose normalised text holds them.
func TestSearchIsExactLikeGrep(t *testing.T) {
	c := seededCollection(t)
	ctx := context.Background()
	type seed struct {
		id     int64
		folded string
	}
	var seeds []seed
	err := c.Store.Each(ctx, func(d *corpus.Document) error {
		seeds = append(seeds, seed{d.ID, hanzi.Fold(d.Title + "\n" + d.Clean)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seeds) != 5 {
		t.Fatalf("%d seeds indexed, want 5", len(seeds))
	}
	queries := []string{"四不两直", "约谈领导干部1107", "形严实软", "党建", "黨建", "述职评议考核", "1107"}
	rng := rand.New(rand.NewSource(2024))
	for _, s := range seeds {
		runes := []rune(s.folded)
		for n := 0; n < 70; {
			length := 1 + rng.Intn(10)
			start := rng.Intn(len(runes))
			if start+length > len(runes) {
				continue
			}
			cand := runes[start : start+length]
			if !allWordRunes(cand) {
				continue
			}
			queries = append(queries, string(cand))
			n++
		}
	}
	if len(queries) < 300 {
		t.Fatalf("only %d queries drawn", len(queries))
	}
	for _, q := range queries {
		var want []int64
		fq := hanzi.Fold(q)
		for _, s := range seeds {
			if strings.Contains(s.folded, fq) {
				want = append(want, s.id)
			}
		}
		res, err := c.Search(ctx, q, SearchOptions{Limit: 100})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		// A reprint is listed under its group's hit, not as a hit of its own.
		var got []int64
		for _, h := range res.Hits {
			got = append(got, h.ID)
			got = append(got, h.Duplicates...)
		}
		sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
		if !reflect.DeepEqual(got, want) || res.Total != len(res.Hits) {
			t.Errorf("search %q = %v (total %d), want %v", q, got, res.Total, want)
		}
	}
	t.Logf("%d queries checked against grep over the folded seed texts", len(queries))
}

func allWordRunes(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func TestCleanedNoiseIsNotFound(t *testing.T) {
	c := seededCollection(t)
	for _, q := range []string{"微信扫一扫", "长按识别", "香蕉", "猜你喜欢", "粤ICP备"} {
		res, err := c.Search(context.Background(), q, SearchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 0 {
			t.Errorf("search %q found %d hits in removed noise", q, res.Total)
		}
	}
}

func TestTraditionalAndSimplifiedFindEachOther(t *testing.T) {
	c := seededCollection(t)
	ctx := context.Background()
	trad, err := c.Store.Find(ctx, filepath.Join(shared, "seeds", "002_5d6fb8c6b03e9a71.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"党建", "黨建"} {
		res, err := c.Search(ctx, q, SearchOptions{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range res.Hits {
			if h.ID == trad.ID {
				found = true
				if len(h.Snippets) == 0 || !strings.Contains(h.Snippets[0], "<mark>黨建</mark>") {
					t.Errorf("search %q: snippet of the traditional seed should show 黨建: %q", q, h.Snippets)
				}
			}
		}
		if !found {
			t.Errorf("search %q did not find the traditional seed", q)
		}
		if res.Total < 4 {
			t.Errorf("search %q found %d documents, want the simplified seeds too", q, res.Total)
		}
	}
}

func TestImportTwiceAddsNothing(t *testing.T) {
	c := seededCollection(t)
	sum, err := c.Import(context.Background(), []string{filepath.Join(shared, "seeds")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 0 || sum.Skipped != 5 || sum.Refused != 0 {
		t.Errorf("second import = %+v, want 5 skipped", sum)
	}
}

func TestImportRefusesBadFilesAndKeepsGoing(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("empty.txt", nil)
	write("binary.html", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00binary zip data\x00\x00\x01"))
	// 湖北省委组织部推进基层党建工作。 in GBK, with a meta tag saying so.
	gbk := []byte("<html><head><meta charset=\"gbk\"><title>\xba\xfe\xb1\xb1</title></head><body><p>\xba\xfe\xb1\xb1\xca\xa1\xce\xaf\xd7\xe9\xd6\xaf\xb2\xbf\xcd\xc6\xbd\xf8\xbb\xf9\xb2\xe3\xb5\xb3\xbd\xa8\xb9\xa4\xd7\xf7\xa1\xa3</p></body></html>")
	write("gbk.html", gbk)
	write("good.txt", []byte("标题\n\n浙江开展“双融双强”行动,推动党建工作。\n"))
	write("broken.pdf", []byte("%PDF-1.4"))
	write("photo.jpg", []byte("\xff\xd8\xff"))

	ctx := context.Background()
	c := newCollection(t)
	var events []ImportEvent
	sum, err := c.Import(ctx, []string{dir}, func(ev ImportEvent) { events = append(events, ev) })
	if err != nil {
		t.Fatal(err)
	}
	// A broken PDF is refused for what it is; a picture in the folder is reported, not refused.
	if sum.Added != 2 || sum.Refused != 3 || sum.Ignored != 1 {
		t.Fatalf("import = %+v (%+v), want 2 added, 3 refused, 1 ignored", sum, events)
	}
	reasons := map[string]string{}
	for _, ev := range events {
		reasons[filepath.Base(ev.Path)] = ev.Reason
	}
	if !strings.Contains(reasons["empty.txt"], "empty") {
		t.Errorf("empty.txt reason = %q", reasons["empty.txt"])
	}
	if !strings.Contains(reasons["broken.pdf"], "PDF") {
		t.Errorf("broken.pdf reason = %q", reasons["broken.pdf"])
	}
	if !strings.Contains(reasons["photo.jpg"], "not a type import reads (.jpg") {
		t.Errorf("photo.jpg reason = %q", reasons["photo.jpg"])
	}
	if !strings.Contains(reasons["binary.html"], "binary") {
		t.Errorf("binary.html reason = %q", reasons["binary.html"])
	}
	v, err := c.Show(ctx, filepath.Join(dir, "gbk.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(v.Text, "湖北省委组织部推进基层党建工作") || v.Charset != "gb18030" {
		t.Errorf("gbk.html shown as %q (charset %s)", v.Text, v.Charset)
	}
}

func TestShowSeed(t *testing.T) {
	c := seededCollection(t)
	v, err := c.Show(context.Background(), filepath.Join(shared, "seeds", "000_9cc716cc01e6bbdf.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if v.Title != "压紧压实强基固本政治责任 全面提高基层党建工作质效" || v.Published == nil || *v.Published != "2024-06-07" || v.Source != "人民日报" {
		t.Errorf("show seed 000 = title %q published %v source %q", v.Title, v.Published, v.Source)
	}
	if strings.Contains(v.Text, "微信扫一扫") || len(v.Removed) == 0 {
		t.Errorf("seed 000: widget line not removed (removed %v)", v.Removed)
	}
}

// TestRebuildOfManyDocuments crosses the facts writer's batch size, where a transaction
// opened inside the indexing stage must survive that stage's end.
func TestRebuildOfManyDocuments(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for i := range 1200 {
		text := fmt.Sprintf("第%d号通报\n浙江开展“红色根脉强基工程”,培训党员%d人。\n", i, i+1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := newCollection(t)
	if _, err := c.Import(ctx, []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	meta, err := c.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if meta.Documents != 1200 {
		t.Errorf("indexed %d documents, want 1200", meta.Documents)
	}
	rows := 0
	if err := c.Export(ctx, "metrics", ExportOptions{Format: "jsonl"}, countWriter{&rows}); err != nil {
		t.Fatal(err)
	}
	if rows != 1200 {
		t.Errorf("exported %d metric rows, want 1200", rows)
	}
	// Documents are analysed on every core but indexed in corpus order: a second rebuild
	// writes the same text index, byte for byte.
	first := indexFiles(t, c)
	if _, err := c.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	second := indexFiles(t, c)
	if len(first) < 5 {
		t.Fatalf("only %d index files found", len(first))
	}
	for name, sum := range first {
		if second[name] != sum {
			t.Errorf("%s differs between two rebuilds of the same corpus", name)
		}
	}
}

// indexFiles hashes the files of the current generation that are not Bleve's (Bleve's
// segments carry timestamps) nor the meta (which records when it was built).
func indexFiles(t *testing.T, c *Collection) map[string][32]byte {
	t.Helper()
	gen, err := index.CurrentDir(c.indexRoot())
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(gen, "*.*"))
	out := map[string][32]byte{}
	for _, f := range files {
		if filepath.Base(f) == "dangjian.json" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = sha256.Sum256(b)
	}
	return out
}

type countWriter struct{ n *int }

func (w countWriter) Write(p []byte) (int, error) {
	*w.n += bytes.Count(p, []byte("\n"))
	return len(p), nil
}

func TestSearchByFilterAlone(t *testing.T) {
	c := seededCollection(t)
	res, err := c.Search(context.Background(), "", SearchOptions{Province: "重庆"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Error("search with only --province 重庆 found nothing")
	}
	if _, err := c.Search(context.Background(), " ", SearchOptions{}); err == nil {
		t.Error("a blank search with no filter should be refused")
	}
}
