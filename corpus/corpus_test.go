package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func TestAddGetFind(t *testing.T) {
	ctx := context.Background()
	s, dir := openTemp(t)
	path := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := &Document{URL: path, Title: "标题", Format: "text", Charset: "utf-8", Raw: []byte("原文"),
		Text: "第一行\n第二行", Clean: "第一行", Removed: []Removed{{Text: "第二行", Reason: "spam"}}}
	id, added, err := s.Add(ctx, d)
	if err != nil || !added {
		t.Fatalf("Add = %d, %v, %v; want new document", id, added, err)
	}
	again := &Document{URL: "other.txt", Format: "text", Raw: []byte("y"), Text: "第一行\r\n第二行  "}
	id2, added, err := s.Add(ctx, again)
	if err != nil || added || id2 != id {
		t.Fatalf("re-Add = %d, %v, %v; want duplicate of %d", id2, added, err, id)
	}
	got, err := s.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "标题" || string(got.Raw) != "原文" || got.Clean != "第一行" || len(got.Removed) != 1 || got.Removed[0].Reason != "spam" {
		t.Errorf("Get = %+v", got)
	}
	for _, ref := range []string{"1", path} {
		if d, err := s.Find(ctx, ref); err != nil || d.ID != id {
			t.Errorf("Find(%q) = %v, %v", ref, d, err)
		}
	}
	if _, err := s.Find(ctx, "nothing-here"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Find(unknown) err = %v, want ErrNotFound", err)
	}
	if err := s.UpdateClean(ctx, id, "新", nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Get(ctx, id); got.Clean != "新" || len(got.Removed) != 0 || got.Text != "第一行\n第二行" {
		t.Errorf("after UpdateClean: %+v", got)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestEachStreamsInOrder(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	for _, txt := range []string{"甲", "乙", "丙"} {
		if _, _, err := s.Add(ctx, &Document{URL: txt, Format: "text", Raw: []byte(txt), Text: txt, Clean: txt}); err != nil {
			t.Fatal(err)
		}
	}
	var got string
	if err := s.Each(ctx, func(d *Document) error { got += d.Text; return nil }); err != nil {
		t.Fatal(err)
	}
	if got != "甲乙丙" {
		t.Errorf("Each order = %q, want 甲乙丙", got)
	}
	if n, _ := s.Count(ctx); n != 3 {
		t.Errorf("Count = %d, want 3", n)
	}
}

func TestOpenDamagedDatabase(t *testing.T) {
	ctx := context.Background()
	for name, content := range map[string][]byte{
		"not a database": []byte("garbage, not SQLite at all, long enough to be read as a header......................................................"),
	} {
		dir := t.TempDir()
		s, err := Open(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Add(ctx, &Document{URL: "a", Format: "text", Raw: []byte("a"), Text: "甲", Clean: "甲"}); err != nil {
			t.Fatal(err)
		}
		s.Close()
		for _, f := range []string{FileName + "-wal", FileName + "-shm"} {
			os.Remove(filepath.Join(dir, f))
		}
		if err := os.WriteFile(filepath.Join(dir, FileName), content, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = Open(ctx, dir)
		if !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: Open err = %v, want ErrDamaged", name, err)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, FileName)); string(got) != string(content) {
			t.Errorf("%s: Open changed the damaged file", name)
		}
	}
}

func TestOpenTruncatedDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		txt := fmt.Sprintf("第%d篇文章的内容比较长,用来让数据库文件超过几个页面。", i)
		if _, _, err := s.Add(ctx, &Document{URL: txt, Format: "text", Raw: []byte(txt), Text: txt, Clean: txt}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	path := filepath.Join(dir, FileName)
	full, _ := os.ReadFile(path)
	if err := os.WriteFile(path, full[:len(full)/3], 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, dir)
	if err == nil {
		// SQLite may open a truncated file and find the damage only when it reads the
		// missing pages: the integrity check must report it.
		defer s.Close()
		if err := s.IntegrityCheck(ctx); err == nil {
			t.Error("truncated database passed the integrity check")
		}
		return
	}
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("Open err = %v, want ErrDamaged", err)
	}
}

// TestOpenOlderDatabase: a database written before the newer columns (documents without
// page and section, doc_facts without the subject) opens with them added, its rows kept.
func TestOpenOlderDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sql.Open("sqlite", filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`CREATE TABLE documents (id INTEGER PRIMARY KEY, url TEXT NOT NULL, source TEXT NOT NULL DEFAULT '',
		title TEXT NOT NULL DEFAULT '', published TEXT NOT NULL DEFAULT '', format TEXT NOT NULL, charset TEXT NOT NULL DEFAULT '',
		raw BLOB NOT NULL, text TEXT NOT NULL, clean TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, added TEXT NOT NULL);
		INSERT INTO documents VALUES (1, 'a.txt', '', '旧文档', '', 'text', 'utf-8', x'00', '旧文档', '旧文档', 'h1', '2024-01-01T00:00:00Z');
		CREATE TABLE doc_facts (doc_id INTEGER PRIMARY KEY, year INTEGER NOT NULL, provinces TEXT NOT NULL, grp INTEGER NOT NULL, similarity REAL NOT NULL);
		INSERT INTO doc_facts VALUES (1, 2023, '湖北', 1, 1);
		CREATE TABLE initiatives (doc_id INTEGER NOT NULL, actor TEXT NOT NULL, actor_kind TEXT NOT NULL, province TEXT NOT NULL,
			year INTEGER NOT NULL, name TEXT NOT NULL, evidence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
		CREATE TABLE metrics (doc_id INTEGER NOT NULL, actor TEXT NOT NULL, actor_kind TEXT NOT NULL, province TEXT NOT NULL,
			year INTEGER NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, what TEXT NOT NULL, approx INTEGER NOT NULL,
			evidence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.Get(ctx, 1)
	if err != nil || d.Title != "旧文档" || d.Page != 0 || d.Section != "" || !d.Relevant {
		t.Fatalf("old document: %+v, %v", d, err)
	}
	f, _, _, err := s.Facts(ctx, 1)
	if err != nil || f.Year != 2023 || f.Subject != "" {
		t.Errorf("old facts: %+v, %v", f, err)
	}
}
