package main

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dangjian/dangjian/benchcorpus"
)

// workload is one generated benchmark corpus on disk, in the forms each peer reads.
type workload struct {
	label    string // "10 MB"
	dir      string
	docs     string // directory of text files: what dangjian imports and ripgrep scans
	text     string // all document texts concatenated: what the segmenters cut
	passages string // "DOCNAME<TAB>passage" lines: what FTS5 indexes
	queries  string // one query per line
	nDocs    int
	nPass    int
	bytes    int64 // text bytes of the documents
}

// prepare writes a corpus of about mb megabytes (seed fixed) under dir.
func prepare(src *benchcorpus.Source, dir string, mb float64, seed int64, nQueries int) (*workload, error) {
	c := &workload{label: sizeLabel(mb), dir: dir, docs: filepath.Join(dir, "docs"),
		text: filepath.Join(dir, "text.txt"), passages: filepath.Join(dir, "passages.tsv"),
		queries: filepath.Join(dir, "queries.txt")}
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	if err := os.MkdirAll(c.docs, 0o755); err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	text, err := os.Create(c.text)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	defer text.Close()
	pass, err := os.Create(c.passages)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	defer pass.Close()
	tw, pw := bufio.NewWriter(text), bufio.NewWriter(pass)
	var names []string
	var texts []string // kept only for sampling queries; a few hundred MB at most
	err = src.Generate(seed, int(mb*(1<<20)), func(d benchcorpus.Doc) error {
		if err := os.WriteFile(filepath.Join(c.docs, d.Name), []byte(d.Text), 0o644); err != nil {
			return err
		}
		tw.WriteString(d.Text)
		for _, p := range passages(d.Text) {
			fmt.Fprintf(pw, "%s\t%s\n", d.Name, p)
			c.nPass++
		}
		c.nDocs++
		c.bytes += int64(len(d.Text))
		names = append(names, d.Name)
		texts = append(texts, d.Text)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	if err := tw.Flush(); err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	if err := pw.Flush(); err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	qs := sampleQueries(texts, nQueries, seed)
	if err := os.WriteFile(c.queries, []byte(strings.Join(qs, "\n")+"\n"), 0o644); err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	return c, nil
}

func sizeLabel(mb float64) string {
	if mb == float64(int(mb)) {
		return fmt.Sprintf("%d MB", int(mb))
	}
	return fmt.Sprintf("%g MB", mb)
}

// passages splits a document into sentences: at line ends and after 。！？, the
// terminator kept with its sentence. Tabs become spaces so a passage stays one field.
func passages(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		start := 0
		for i, r := range line {
			if r == '。' || r == '！' || r == '？' {
				out = appendPassage(out, line[start:i+utf8.RuneLen(r)])
				start = i + utf8.RuneLen(r)
			}
		}
		out = appendPassage(out, line[start:])
	}
	return out
}

func appendPassage(out []string, p string) []string {
	if p = strings.TrimSpace(strings.ReplaceAll(p, "\t", " ")); p != "" {
		out = append(out, p)
	}
	return out
}

// rare are characters that do not occur in the reports; one inserted into a sampled string
// makes a query that (almost surely) matches nothing. ripgrep decides what is absent.
var rare = []rune("龘靐齉麤鱻爩")

// sampleQueries draws n strings of 2 to 8 Han characters from the texts, deterministic for
// seed; about one in ten has a rare character inserted so that it occurs nowhere.
func sampleQueries(texts []string, n int, seed int64) []string {
	rng := rand.New(rand.NewSource(seed + 7))
	seen := map[string]bool{}
	var out []string
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		runes := []rune(texts[rng.Intn(len(texts))])
		length := 2 + rng.Intn(7)
		if len(runes) <= length {
			continue
		}
		start := rng.Intn(len(runes) - length)
		q := runes[start : start+length]
		if !allHan(q) {
			continue
		}
		if rng.Intn(10) == 0 {
			at := 1 + rng.Intn(len(q)-1)
			q = append(append(append([]rune{}, q[:at]...), rare[rng.Intn(len(rare))]), q[at:]...)
		}
		if s := string(q); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func allHan(rs []rune) bool {
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}
