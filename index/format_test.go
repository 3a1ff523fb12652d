package index

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var pinFormat = flag.Bool("pin-format", false, "write testdata/format/N.sha256 for a new format number N")

// TestFormatPinned ties the encoders to the format number. It builds a fixed index (with
// frequent-string lists) and compares the checksum of every file of ours in the generation
// with those recorded for the current format. A change to any encoder changes a checksum:
// then the format number in dir.go must go up (so that older indexes are refused with
// "run rebuild" instead of being misread), and `go test ./index -run TestFormatPinned
// -pin-format` records the new format's checksums. The file of an existing format is never
// rewritten.
func TestFormatPinned(t *testing.T) {
	root := t.TempDir()
	buildWithGrams(t, root, pinDocs(), 2)
	dir, err := current(root)
	if err != nil {
		t.Fatal(err)
	}
	got, err := fileSums(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "gramlists.bin") || strings.Contains(got, e3b0) {
		t.Fatalf("the pinned index must exercise every encoder, none empty:\n%s", got)
	}
	path := filepath.Join("testdata", "format", fmt.Sprintf("%d.sha256", format))
	want, err := os.ReadFile(path)
	switch {
	case os.IsNotExist(err) && *pinFormat:
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	case os.IsNotExist(err):
		t.Fatalf("no checksums recorded for format %d: run `go test ./index -run TestFormatPinned -pin-format` and commit %s", format, path)
	case err != nil:
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("the index files written in format %d differ from those recorded in %s:\n%s\nwant\n%s\n"+
			"An encoder changed: raise `format` in index/dir.go and record the new format with -pin-format.",
			format, path, got, want)
	}
}

// e3b0 starts the SHA-256 of no bytes.
const e3b0 = "e3b0c44298fc1c149afbf4c8996fb924"

// pinDocs are fixed articles in both scripts, with provinces, reprints and strings
// frequent enough to be listed.
func pinDocs() []testDoc {
	docs := append([]testDoc{}, testDocs...)
	for i := range 40 {
		id := int64(10 + i)
		var group int64
		if i%5 == 1 {
			group = id - 1
		}
		docs = append(docs, testDoc{id, fmt.Sprintf("党建报道%d", i%7), []string{"人民日报", "新华网"}[i%2], 2018 + i%6,
			strings.Repeat("浙江党建工作扎实。", 1+i%3) + fmt.Sprintf("湖北第%d次述职评议會議。", i%6), map[int][]string{0: {"浙江"}, 1 + i%3: {"湖北"}}, group})
	}
	return docs
}

// fileSums lists "sha256  name" for the generation's own files; the Bleve indexes inside
// it carry their own versions, and the meta file its build time.
func fileSums(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	var lines []string
	for _, e := range entries {
		if e.IsDir() || e.Name() == metaFile {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return "", err
		}
		sum := sha256.Sum256(b)
		lines = append(lines, hex.EncodeToString(sum[:])+"  "+e.Name())
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n", nil
}
