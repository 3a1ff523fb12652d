// Command gen writes hanzi's traditional→simplified tables from OpenCC's
// TSCharacters and TSPhrases dictionaries.
//
// Usage (run by `go generate ./hanzi`):
//
//	go run ./internal/gen [-dict DIR] [-o FILE]
//
// DIR defaults to $OPENCC_DICT, else /usr/share/opencc. It must hold either the
// plain-text dictionaries (TSCharacters.txt, TSPhrases.txt, as in OpenCC's
// data/dictionary) or the compiled .ocd2 files that Debian's libopencc-data
// installs; the latter are dumped to text with opencc_dict (Debian package
// opencc). So on Debian: `apt-get install -y opencc libopencc-data` and then
// `go generate ./hanzi`. Update hanzi/NOTICE when the OpenCC version changes.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, log io.Writer) error {
	defDict := os.Getenv("OPENCC_DICT")
	if defDict == "" {
		defDict = "/usr/share/opencc"
	}
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	dict := fs.String("dict", defDict, "directory with TSCharacters and TSPhrases (.txt or .ocd2)")
	out := fs.String("o", "opencc_tables.go", "output Go file")
	if err := fs.Parse(args); err != nil {
		return err
	}

	tmp, err := os.MkdirTemp("", "hanzi-gen-")
	if err != nil {
		return fmt.Errorf("temp dir: %w", err)
	}
	defer os.RemoveAll(tmp)

	charsText, err := readDict(*dict, "TSCharacters", tmp)
	if err != nil {
		return err
	}
	phrasesText, err := readDict(*dict, "TSPhrases", tmp)
	if err != nil {
		return err
	}
	chars, err := parseChars(charsText)
	if err != nil {
		return fmt.Errorf("TSCharacters: %w", err)
	}
	phrases, dropped, err := parsePhrases(phrasesText)
	if err != nil {
		return fmt.Errorf("TSPhrases: %w", err)
	}
	kept, conflicts := keptOutputs(chars, phrases)
	for _, c := range conflicts {
		fmt.Fprintf(log, "gen: warning: phrase output %s is itself a key with another output; not idempotent\n", c)
	}

	src, err := render(chars, phrases, kept)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	fmt.Fprintf(log, "gen: %d characters, %d phrases (+%d kept outputs, %d dropped for length) -> %s\n",
		len(chars), len(phrases), len(kept), dropped, *out)
	return nil
}

// readDict returns the plain-text form of dictionary name in dir, dumping a
// compiled .ocd2 with opencc_dict when no .txt is there.
func readDict(dir, name, tmp string) ([]byte, error) {
	txt := filepath.Join(dir, name+".txt")
	b, err := os.ReadFile(txt)
	if err == nil {
		return b, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read %s: %w", txt, err)
	}
	ocd := filepath.Join(dir, name+".ocd2")
	if _, err := os.Stat(ocd); err != nil {
		return nil, fmt.Errorf("no %s.txt or %s.ocd2 in %s: %w", name, name, dir, err)
	}
	dump := filepath.Join(tmp, name+".txt")
	cmd := exec.Command("opencc_dict", "-i", ocd, "-o", dump, "-f", "ocd2", "-t", "text")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("opencc_dict %s: %w: %s", ocd, err, msg)
	}
	b, err = os.ReadFile(dump)
	if err != nil {
		return nil, fmt.Errorf("read dump of %s: %w", ocd, err)
	}
	return b, nil
}

// entry is one dictionary line: a key and its first (preferred) candidate.
type entry struct {
	trad, simp string
}

// parseDict reads OpenCC's text format: "key<TAB>candidate candidate…".
func parseDict(text []byte) ([]entry, error) {
	var es []entry
	sc := bufio.NewScanner(bytes.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, vals, ok := strings.Cut(line, "\t")
		fields := strings.Fields(vals)
		if !ok || key == "" || len(fields) == 0 {
			return nil, fmt.Errorf("line %d: want key<TAB>candidates, got %q", n, line)
		}
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("line %d: invalid UTF-8", n)
		}
		es = append(es, entry{trad: key, simp: fields[0]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	return es, nil
}

// parseChars returns the single-character mappings sorted by traditional
// rune. Identity entries are dropped, and chains (薴→苧, 苧→苎) are followed
// to their end so that simplifying twice changes nothing.
func parseChars(text []byte) ([]entry, error) {
	es, err := parseDict(text)
	if err != nil {
		return nil, err
	}
	m := make(map[rune]rune, len(es))
	for _, e := range es {
		if utf8.RuneCountInString(e.trad) != 1 || utf8.RuneCountInString(e.simp) != 1 {
			return nil, fmt.Errorf("entry %s→%s is not one character for one", e.trad, e.simp)
		}
		t, _ := utf8.DecodeRuneInString(e.trad)
		s, _ := utf8.DecodeRuneInString(e.simp)
		if t != s {
			m[t] = s
		}
	}
	var out []entry
	for t, s := range m {
		for steps := 0; ; steps++ {
			next, ok := m[s]
			if !ok {
				break
			}
			if steps > len(m) {
				return nil, fmt.Errorf("mapping cycle through %c", t)
			}
			s = next
		}
		if s != t {
			out = append(out, entry{trad: string(t), simp: string(s)})
		}
	}
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.trad, b.trad) })
	return out, nil
}

// parsePhrases returns the phrases whose simplified form has as many runes as
// the traditional one, sorted by key, and how many others were dropped.
func parsePhrases(text []byte) ([]entry, int, error) {
	es, err := parseDict(text)
	if err != nil {
		return nil, 0, err
	}
	var out []entry
	dropped := 0
	for _, e := range es {
		if utf8.RuneCountInString(e.trad) != utf8.RuneCountInString(e.simp) {
			dropped++
			continue
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.trad, b.trad) })
	out = slices.CompactFunc(out, func(a, b entry) bool { return a.trad == b.trad })
	return out, dropped, nil
}

// keptOutputs lists phrase outputs that the character table would change
// (乾隆 keeps 乾, which alone becomes 干). Matching them as phrases of their
// own keeps them as they are, so a second pass over simplified text changes
// nothing. conflicts names outputs that are already keys with another output.
func keptOutputs(chars, phrases []entry) (kept []entry, conflicts []string) {
	cm := make(map[rune]rune, len(chars))
	for _, e := range chars {
		t, _ := utf8.DecodeRuneInString(e.trad)
		s, _ := utf8.DecodeRuneInString(e.simp)
		cm[t] = s
	}
	keys := make(map[string]string, len(phrases))
	for _, p := range phrases {
		keys[p.trad] = p.simp
	}
	seen := make(map[string]bool)
	for _, p := range phrases {
		q := p.simp
		byChar := strings.Map(func(r rune) rune {
			if s, ok := cm[r]; ok {
				return s
			}
			return r
		}, q)
		if byChar == q || seen[q] {
			continue
		}
		seen[q] = true
		if to, ok := keys[q]; ok {
			if to != q {
				conflicts = append(conflicts, q)
			}
			continue
		}
		kept = append(kept, entry{trad: q, simp: q})
	}
	slices.SortFunc(kept, func(a, b entry) int { return strings.Compare(a.trad, b.trad) })
	return kept, conflicts
}

// render writes the Go source: character pairs packed into one string, and
// phrases as "traditional<TAB>simplified" lines.
func render(chars, phrases, kept []entry) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by go run ./internal/gen; DO NOT EDIT.\n")
	b.WriteString("// Source: OpenCC TSCharacters and TSPhrases (Apache-2.0), see NOTICE.\n\n")
	b.WriteString("package hanzi\n\n")

	b.WriteString("// tsChars holds traditional→simplified character pairs, two runes per\n")
	b.WriteString("// pair, sorted by the traditional rune.\n")
	b.WriteString("const tsChars = \"\" +\n")
	const perLine = 24
	for i := 0; i < len(chars); i += perLine {
		line := ""
		for _, e := range chars[i:min(i+perLine, len(chars))] {
			line += e.trad + e.simp
		}
		sep := " +"
		if i+perLine >= len(chars) {
			sep = ""
		}
		fmt.Fprintf(&b, "\t%q%s\n", line, sep)
	}
	b.WriteString("\n")

	writePhrases(&b, "tsPhrases", "holds the TSPhrases entries whose simplified form has\n// the same length, as \"traditional<TAB>simplified\" lines sorted by key.", phrases)
	writePhrases(&b, "keptPhrases", "holds phrase outputs that keep a character the\n// character table would change (乾图); they map to themselves so that\n// simplifying twice changes nothing.", kept)

	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format generated source: %w", err)
	}
	return src, nil
}

func writePhrases(b *bytes.Buffer, name, doc string, es []entry) {
	fmt.Fprintf(b, "// %s %s\n", name, doc)
	if len(es) == 0 {
		fmt.Fprintf(b, "const %s = \"\"\n\n", name)
		return
	}
	fmt.Fprintf(b, "const %s = \"\" +\n", name)
	for i, e := range es {
		sep := " +"
		if i == len(es)-1 {
			sep = ""
		}
		fmt.Fprintf(b, "\t%q%s\n", e.trad+"\t"+e.simp+"\n", sep)
	}
	b.WriteString("\n")
}
