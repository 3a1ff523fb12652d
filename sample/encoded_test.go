package sample

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

var update = flag.Bool("update", false, "rewrite the encoded site files from their UTF-8 sources in testdata/encoded")

// encodedSources holds, for every file of the site stored in GBK or Big5, an
// editable UTF-8 copy at the same path; the site file must be its encoding.
const encodedSources = "testdata/encoded"

func codec(name string) encoding.Encoding {
	switch name {
	case "gbk":
		return simplifiedchinese.GBK
	case "big5":
		return traditionalchinese.Big5
	}
	return nil
}

// fileEncodings maps every Site() path not stored as UTF-8 to its encoding.
func fileEncodings() map[string]string {
	encodings := map[string]string{}
	for _, a := range append(Articles(), Reports()...) {
		if a.Encoding != "utf-8" {
			encodings[a.Path] = a.Encoding
		}
	}
	for _, p := range listPages() {
		if p.encoding != "utf-8" {
			encodings[p.path] = p.encoding
		}
	}
	return encodings
}

func TestEncodedFilesMatchSources(t *testing.T) {
	encodings := fileEncodings()
	if len(encodings) == 0 {
		t.Fatal("no GBK or Big5 files listed")
	}
	for name, enc := range encodings {
		src, err := os.ReadFile(filepath.Join(encodedSources, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s: UTF-8 source: %v", name, err)
			continue
		}
		want, err := codec(enc).NewEncoder().Bytes(src)
		if err != nil {
			t.Errorf("%s: encode as %s: %v", name, enc, err)
			continue
		}
		if *update {
			dst := filepath.Join("site", filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := fs.ReadFile(Site(), name)
		if err != nil {
			t.Errorf("%s: %v (run go test -run EncodedFiles -update)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the %s encoding of its source (run go test -run EncodedFiles -update)", name, enc)
		}
		if utf8.Valid(got) {
			t.Errorf("%s is valid UTF-8, want %s bytes", name, enc)
		}
	}
	// Every source must belong to a listed file, or an edit would go unnoticed.
	err := filepath.WalkDir(encodedSources, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(encodedSources, p)
		if err != nil {
			return err
		}
		if _, ok := encodings[filepath.ToSlash(rel)]; !ok {
			t.Errorf("%s: source for a file not listed as GBK or Big5", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
