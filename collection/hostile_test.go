//go:build unix

package collection

// The hostile inputs here are fifos, links to /dev/zero and full disks: Unix files.

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/crawler"
)

// deepPage is a page of a million nested tags around one paragraph.
func deepPage() []byte {
	const n = 1_000_000
	return []byte("<html><head><title>深层嵌套</title></head><body>" + strings.Repeat("<i>", n) +
		"<p>" + strings.Repeat("湖北省委组织部坚持“四不两直”方式开展基层党建调研，推动述职评议考核走深走实。", 3) + "</p>" + strings.Repeat("</i>", n) + "</body></html>")
}

// zipBytes is the start of a ZIP archive, which some sites serve under an .html name.
var zipBytes = append([]byte("PK\x03\x04\x14\x00\x08\x00\x08\x00"), bytes.Repeat([]byte{0, 0x8b, 0xff, 0x13, 0x07}, 400)...)

// TestImportHostileFiles imports a folder of files that are not what they claim or are
// too big, and one good file: each bad file is refused with its reason (a 2 GB file by its
// size, before reading), none stops the import, and the good file is added.
func TestImportHostileFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", []byte("湖北基层党建\n\n湖北坚持“四不两直”方式调研。\n"))
	write("zip.html", zipBytes)
	write("empty.txt", nil)
	write("nul.txt", make([]byte, 4096))
	write("deep.html", deepPage())
	big, err := os.Create(filepath.Join(dir, "big.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: 2 GB long, no blocks written. Reading it would take seconds and 2 GB of memory.
	if err := big.Truncate(2 << 30); err != nil {
		t.Fatal(err)
	}
	big.Close()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	c := newCollection(t)
	got := map[string]string{}
	sum, err := c.Import(ctx, []string{dir}, func(ev ImportEvent) {
		got[filepath.Base(ev.Path)] = string(ev.Outcome) + ": " + ev.Reason
	})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	want := map[string]string{
		"good.txt":  "added",
		"deep.html": "added",
		"zip.html":  "refused: binary",
		"empty.txt": "refused: empty",
		"nul.txt":   "refused: binary",
		"big.txt":   "refused: file too large (2048 MB",
		"fifo.txt":  "refused: not a regular file",
		"zero.txt":  "refused: not a regular file",
	}
	for name, w := range want {
		if !strings.HasPrefix(got[name], w) {
			t.Errorf("%s: %q, want %q…", name, got[name], w)
		}
	}
	if sum.Added != 2 || sum.Refused != len(want)-2 {
		t.Errorf("summary %+v, want 2 added and %d refused", sum, len(want)-2)
	}
	if _, ok := got["folder.txt"]; ok {
		t.Errorf("a folder named folder.txt was treated as a file: %q", got["folder.txt"])
	}
}

// hostileSite serves pages that attack a crawler and counts what it sent.
type hostileSite struct {
	*httptest.Server
	mu       sync.Mutex
	hits     map[string]int
	bombSent atomic.Int64 // uncompressed bytes of the zip bomb written before the client hung up
}

func newHostileSite(t *testing.T) *hostileSite {
	s := &hostileSite{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *hostileSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.mu.Unlock()
	html := func() { w.Header().Set("Content-Type", "text/html; charset=utf-8") }
	switch r.URL.Path {
	case "/robots.txt":
		w.Write([]byte("User-agent: *\nAllow: /\n"))
	case "/":
		html()
		var b strings.Builder
		b.WriteString("<html><body><ul>")
		for _, p := range []string{"bomb", "zip", "deep", "endless", "huge-length", "to-file", "to-loopback-name", "loop", "good"} {
			fmt.Fprintf(&b, `<li><a href="/a/%s.html">%s</a></li>`, p, p)
		}
		b.WriteString(`<li><a href="file:///etc/passwd">file</a></li><li><a href="ftp://127.0.0.1/x.html">ftp</a></li>`)
		b.WriteString(`<li><a href="javascript:alert(1)">js</a></li></ul></body></html>`)
		w.Write([]byte(b.String()))
	case "/a/bomb.html":
		// A gzip stream of zeros: a few kilobytes on the wire per 10 MB unpacked, without end.
		html()
		w.Header().Set("Content-Encoding", "gzip")
		gz, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		gz.Write([]byte("<html><body><p>"))
		zeros := make([]byte, 1<<20)
		for range 4096 { // 4 GB unpacked if nobody stops reading
			if _, err := gz.Write(zeros); err != nil {
				return
			}
			if err := gz.Flush(); err != nil {
				return
			}
			s.bombSent.Add(int64(len(zeros)))
		}
	case "/a/zip.html":
		html()
		w.Write(zipBytes)
	case "/a/deep.html":
		html()
		w.Write(deepPage())
	case "/a/endless.html":
		html()
		w.Write([]byte("<html><body><p>"))
		chunk := bytes.Repeat([]byte("党建"), 1<<16)
		for range 1 << 12 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	case "/a/huge-length.html":
		html()
		w.Header().Set("Content-Length", "2147483648")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("<html><body><p>短</p>"))
	case "/a/to-file.html":
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	case "/a/to-loopback-name.html":
		http.Redirect(w, r, "http://localhost:1/a/x.html", http.StatusFound)
	case "/a/loop.html":
		http.Redirect(w, r, "/a/loop.html?again", http.StatusFound)
	case "/a/good.html":
		html()
		w.Write([]byte("<html><head><title>好文章</title></head><body><h1>基层党建</h1><div id=content><p>" +
			strings.Repeat("浙江省委组织部推进“四下基层”制度，各级党组织书记述职评议考核全覆盖。", 4) + "</p></div></body></html>"))
	default:
		http.NotFound(w, r)
	}
}

// TestCrawlHostileSite crawls a site of hostile pages: every bad page ends quickly with a
// recorded outcome, the good page is stored, and nothing but http(s) on the site's host is
// requested.
func TestCrawlHostileSite(t *testing.T) {
	ctx := context.Background()
	s := newHostileSite(t)
	c := newCollection(t)
	opts := loopbackOptions(s.URL + "/")
	opts.MaxRetries = 0
	events := map[string]crawler.Event{}
	var mu sync.Mutex
	_, err := c.Crawl(ctx, opts, func(ev crawler.Event) {
		mu.Lock()
		defer mu.Unlock()
		events[strings.TrimPrefix(ev.URL, s.URL)] = ev
	})
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	want := map[string]string{
		"/a/bomb.html":        "refused",
		"/a/endless.html":     "refused",
		"/a/huge-length.html": "refused",
		"/a/good.html":        "stored",
	}
	for path, outcome := range want {
		if ev, ok := events[path]; !ok || ev.Outcome != outcome {
			t.Errorf("%s: %+v, want outcome %s", path, ev, outcome)
		}
	}
	// ZIP bytes are not an article; a million nested tags are read and stored.
	if ev := events["/a/zip.html"]; ev.Outcome == "stored" || !strings.Contains(ev.Detail, "binary") {
		t.Errorf("/a/zip.html: %+v, want not stored, as binary", ev)
	}
	if ev := events["/a/deep.html"]; ev.Outcome != "stored" {
		t.Errorf("/a/deep.html: %+v, want stored", ev)
	}
	t.Logf("zip bomb: %d MB unpacked written before the crawler hung up", s.bombSent.Load()>>20)
	if sent := s.bombSent.Load(); sent > 64<<20 {
		t.Errorf("the crawler read %d MB of the zip bomb, want it to stop at the 10 MB body limit", sent>>20)
	}
	s.mu.Lock()
	for path, n := range s.hits {
		if n > 2 && path != "/a/loop.html" {
			t.Errorf("%s requested %d times", path, n)
		}
	}
	s.mu.Unlock()
	for u := range events {
		if strings.HasPrefix(u, "file:") || strings.HasPrefix(u, "ftp:") || strings.HasPrefix(u, "javascript:") ||
			strings.Contains(u, "localhost:1") && events[u].Outcome == "stored" {
			t.Errorf("%s was crawled: %+v", u, events[u])
		}
	}
	var urls []string
	c.Store.Each(ctx, func(d *corpus.Document) error {
		urls = append(urls, strings.TrimPrefix(d.URL, s.URL))
		return nil
	})
	if !reflect.DeepEqual(urls, []string{"/a/deep.html", "/a/good.html"}) && !reflect.DeepEqual(urls, []string{"/a/good.html", "/a/deep.html"}) {
		t.Errorf("stored %v, want the deep and the good page", urls)
	}
}

// TestCrawlRefusesWhatItMustNotFetch: start URLs of other schemes are refused without any
// request, and loopback targets are refused unless private addresses are allowed — also
// when named by a host name that resolves to loopback.
func TestCrawlRefusesWhatItMustNotFetch(t *testing.T) {
	ctx := context.Background()
	s := newHostileSite(t)
	_, port, _ := strings.Cut(strings.TrimPrefix(s.URL, "http://"), ":")
	for _, start := range []string{"file:///etc/passwd", "ftp://" + strings.TrimPrefix(s.URL, "http://") + "/", "javascript:alert(1)",
		"gopher://127.0.0.1:" + port + "/", s.URL + "/", "http://localhost:" + port + "/", "http://[::1]:" + port + "/"} {
		c, err := Open(ctx, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		opts := loopbackOptions(start)
		opts.AllowPrivate = false
		opts.MaxRetries = 0
		sum, err := c.Crawl(ctx, opts, nil)
		n, _ := c.Store.Count(ctx)
		c.Close()
		if n != 0 || sum.Stored != 0 {
			t.Errorf("%s: stored %d documents (err %v), want none", start, n, err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.hits) != 0 {
		t.Errorf("requests reached the server without --allow-private: %v", s.hits)
	}
}

// TestDamagedCorpusIsReported damages corpus.db in the ways disks and users do: every
// operation answers with an error (ErrDamaged where the damage shows on open), never a
// panic, and the file is left exactly as it was so that it can still be rescued.
func TestDamagedCorpusIsReported(t *testing.T) {
	ctx := context.Background()
	good := t.TempDir()
	c, err := Open(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Import(ctx, []string{writeSynthetic(t, t.TempDir(), 0, 200)}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	c.Close()
	orig, err := os.ReadFile(filepath.Join(good, corpus.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if len(orig) < 64<<10 {
		t.Fatalf("corpus.db is only %d bytes; the damage below needs a bigger one", len(orig))
	}
	garbage := func(b []byte, at, n int) []byte {
		b = bytes.Clone(b)
		for i := at; i < at+n && i < len(b); i++ {
			b[i] = byte(i*131 + 7)
		}
		return b
	}
	damages := []struct {
		name string
		file []byte
		open bool // the damage is found when the database is opened
	}{
		{"truncated to half", orig[:len(orig)/2], false},
		{"truncated inside the header", orig[:60], true},
		{"header overwritten", garbage(orig, 0, 100), true},
		{"schema page overwritten", garbage(orig, 100, 4000), true},
		{"pages in the middle overwritten", garbage(orig, len(orig)/3, 40<<10), false},
		{"a ZIP archive", zipBytes, true},
		{"a text file", []byte(strings.Repeat("不是数据库\n", 1000)), true},
	}
	for _, d := range damages {
		dir := t.TempDir()
		path := filepath.Join(dir, corpus.FileName)
		if err := os.WriteFile(path, d.file, 0o644); err != nil {
			t.Fatal(err)
		}
		before := sha256.Sum256(d.file)
		c, err := Open(ctx, dir)
		switch {
		case err != nil:
			if !errors.Is(err, corpus.ErrDamaged) {
				t.Errorf("%s: open: %v, want ErrDamaged", d.name, err)
			}
		case d.open:
			c.Close()
			t.Errorf("%s: opened without error", d.name)
		default:
			// The damage lies in pages that opening does not read: the integrity check and
			// the operations that read them must fail, none may panic or pass silently.
			if err := c.Store.IntegrityCheck(ctx); err == nil {
				t.Errorf("%s: integrity check passed", d.name)
			}
			failed := 0
			if _, err := c.Rebuild(ctx, nil); err != nil {
				failed++
			}
			if err := c.Export(ctx, "metrics", ExportOptions{}, io.Discard); err != nil {
				failed++
			}
			if _, err := c.Show(ctx, "100"); err != nil {
				failed++
			}
			if failed == 0 {
				t.Errorf("%s: rebuild, export and show all succeeded on a damaged database", d.name)
			}
			c.Close()
		}
		after, err := os.ReadFile(path)
		if err != nil || sha256.Sum256(after) != before {
			t.Errorf("%s: the damaged file was changed (%v)", d.name, err)
		}
	}
}

// TestRebuildOnFullDisk fills a small filesystem while a rebuild of a grown corpus writes
// its index: the rebuild fails with the disk's error, the previous index and tables both
// answer as before (search and export never disagree), the corpus is intact, nothing of the
// failed build is left, and once there is room again the next rebuild completes. It needs
// root to mount a tmpfs; CI runs as root.
func TestRebuildOnFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("mounts a filesystem")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mnt).CombinedOutput(); err != nil {
		if os.Getenv("CI") != "" && os.Geteuid() == 0 {
			t.Fatalf("mount tmpfs as root in CI: %v: %s", err, out)
		}
		t.Skipf("cannot mount a tmpfs to fill (needs root): %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(mnt, "data"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Import(ctx, []string{writeSynthetic(t, t.TempDir(), 0, 300)}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Rebuild(ctx, nil); err != nil {
		t.Fatalf("rebuild with room: %v", err)
	}
	answer := func() string {
		res, err := c.Search(ctx, "四不两直", SearchOptions{Limit: 500})
		if err != nil {
			t.Fatalf("search: %v", err)
		}
		var csv bytes.Buffer
		if err := c.Export(ctx, "metrics", ExportOptions{}, &csv); err != nil {
			t.Fatalf("export: %v", err)
		}
		return fmt.Sprintf("%d %v %x", res.Total, res.Facets, sha256.Sum256(csv.Bytes()))
	}
	want := answer()
	if _, err := c.Import(ctx, []string{writeSynthetic(t, t.TempDir(), 300, 60)}, nil); err != nil {
		t.Fatal(err)
	}
	docs := map[int64]string{}
	c.Store.Each(ctx, func(d *corpus.Document) error { docs[d.ID] = d.Hash; return nil })

	// Leave less room than a generation needs: the rebuild runs out in the middle.
	var st syscall.Statfs_t
	if err := syscall.Statfs(mnt, &st); err != nil {
		t.Fatal(err)
	}
	genSize := dirSize(t, filepath.Join(mnt, "data", "index"))
	filler := filepath.Join(mnt, "filler")
	free := int64(st.Bavail) * st.Bsize
	if err := os.WriteFile(filler, make([]byte, max(0, free-genSize/3)), 0o644); err != nil {
		t.Fatalf("fill the disk: %v", err)
	}
	_, err = c.Rebuild(ctx, nil)
	if err == nil {
		t.Fatalf("rebuild on a full disk succeeded (generation %d bytes, %d free)", genSize, genSize/3)
	}
	t.Logf("rebuild with %d bytes free (a generation takes %d): %v", genSize/3, genSize, err)
	if !strings.Contains(err.Error(), "no space") && !strings.Contains(err.Error(), "full") {
		t.Errorf("rebuild error %q does not say the disk is full", err)
	}
	if got := answer(); got != want {
		t.Errorf("after the failed rebuild: %s, want %s", got, want)
	}
	builds, _ := filepath.Glob(filepath.Join(mnt, "data", "index", "build-*"))
	if len(builds) != 0 {
		t.Errorf("the failed build left %v", builds)
	}
	os.Remove(filler)
	if err := c.Store.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	after := map[int64]string{}
	c.Store.Each(ctx, func(d *corpus.Document) error { after[d.ID] = d.Hash; return nil })
	if !reflect.DeepEqual(after, docs) {
		t.Errorf("documents changed by the failed rebuild")
	}
	if _, err := c.Rebuild(ctx, nil); err != nil {
		t.Fatalf("rebuild with room again: %v", err)
	}
	if got := answer(); !strings.HasPrefix(got, "360 ") {
		t.Errorf("after the next rebuild: %s, want 360 hits", got)
	}
}

func dirSize(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}
