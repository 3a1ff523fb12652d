package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandsOnDamagedData: every command on a damaged database or a deleted index exits
// with a one-line reason that says what to do, and leaves the database file as it was.
func TestCommandsOnDamagedData(t *testing.T) {
	data := t.TempDir()
	junk := []byte(strings.Repeat("PK\x03\x04 not a database ", 400))
	db := filepath.Join(data, "corpus.db")
	if err := os.WriteFile(db, junk, 0o644); err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "a.txt"), []byte("标题\n\n湖北开展“四不两直”调研。\n"), 0o644)
	for _, args := range [][]string{
		{"search", "党建"}, {"trend", "党建"}, {"export", "metrics"}, {"show", "1"}, {"dups"},
		{"rebuild"}, {"import", src}, {"crawl", "--url", "http://127.0.0.1:1/"},
	} {
		_, stderr, code := dj(t, append(args, "--data", data)...)
		if code == 0 || !strings.Contains(stderr, "damaged") || strings.Count(strings.TrimSpace(stderr), "\n") > 1 {
			t.Errorf("%v on a damaged database: exit %d, %q; want a short error saying it is damaged", args, code, stderr)
		}
	}
	if got, _ := os.ReadFile(db); string(got) != string(junk) {
		t.Errorf("the damaged database was changed")
	}

	data = t.TempDir()
	if _, stderr, code := dj(t, "import", "--data", data, src); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	for _, args := range [][]string{{"search", "四不两直"}, {"trend", "四不两直"}} {
		_, stderr, code := dj(t, append(args, "--data", data)...)
		if code == 0 || !strings.Contains(stderr, "rebuild") {
			t.Errorf("%v before any rebuild: exit %d, %q; want advice to rebuild", args, code, stderr)
		}
	}
	dj(t, "rebuild", "--data", data)
	os.RemoveAll(filepath.Join(data, "index"))
	if _, stderr, code := dj(t, "search", "--data", data, "四不两直"); code == 0 || !strings.Contains(stderr, "rebuild") {
		t.Errorf("search with the index deleted: exit %d, %q; want advice to rebuild", code, stderr)
	}
	if _, stderr, code := dj(t, "rebuild", "--data", data); code != 0 {
		t.Fatalf("rebuild after the index was deleted: %s", stderr)
	}
	if out, stderr, code := dj(t, "search", "--data", data, "四不两直"); code != 0 || !strings.Contains(out, "1 hit") {
		t.Errorf("search after rebuild: exit %d, %q %q", code, out, stderr)
	}
}

// TestCrawlOtherSchemes: start URLs that are not http(s) are refused with a reason.
func TestCrawlOtherSchemes(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "ftp://127.0.0.1/", "javascript:alert(1)", "data:text/html,<p>x"} {
		out, stderr, _ := dj(t, "crawl", "--data", t.TempDir(), "--allow-private", "--url", u)
		if strings.Contains(out, "stored") && !strings.Contains(out, "0 stored") || !strings.Contains(out+stderr, "http") {
			t.Errorf("crawl %s: %q %q; want it refused, naming http(s)", u, out, stderr)
		}
	}
}
