// Command dictgen writes dict.bin, the segmenter's dictionary and hidden
// Markov model in a form that loads in milliseconds, from the data of
// github.com/go-ego/gse: the words and frequencies of its embedded Chinese
// dictionary (as gse loads them), the frequencies of single characters from its
// dictionary files (which gse flattens to 2), and the HMM probabilities of its
// hmm package. Run it with `go generate` in the segment directory.
package main

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

func main() {
	out := flag.String("o", "dict.bin", "output file")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "dictgen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	dir, err := gseDir()
	if err != nil {
		return err
	}
	seg := &gse.Segmenter{SkipLog: true}
	if err := seg.LoadDictEmbed("zh"); err != nil {
		return fmt.Errorf("load gse dictionary: %w", err)
	}
	words := make(map[string]uint64)
	for i := range seg.Dict.Tokens {
		tok := &seg.Dict.Tokens[i]
		if utf8.RuneCountInString(tok.Text()) < 2 {
			continue // single characters come from the files, with their real frequencies
		}
		f := tok.Freq()
		if f != math.Trunc(f) || f < 1 {
			return fmt.Errorf("gse word %q has frequency %v, want a positive integer", tok.Text(), f)
		}
		words[tok.Text()] = uint64(f)
	}
	chars, err := charFreqs(dir)
	if err != nil {
		return err
	}
	hmm, err := hmmModel(filepath.Join(dir, "hmm"))
	if err != nil {
		return err
	}
	data := encode(buildTrie(words, chars), math.Log(seg.Dict.TotalFreq()), hmm)
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("write dictionary: %w", err)
	}
	fmt.Printf("dictgen: %d words, %d characters, %d bytes\n", len(words), len(chars), len(data))
	return nil
}

// gseDir returns the directory of the gse module this module requires.
func gseDir() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		return "", fmt.Errorf("find gse module: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// charFreqs reads the frequencies of single characters from gse's simplified,
// then traditional dictionary; the first entry of a character wins, as in gse.
// Upper-case letters are left out: the segmenter looks up lower-cased text.
func charFreqs(dir string) (map[rune]uint64, error) {
	chars := make(map[rune]uint64)
	for _, name := range []string{"s_1.txt", "t_1.txt"} {
		f, err := os.Open(filepath.Join(dir, "data", "dict", "zh", name))
		if err != nil {
			return nil, fmt.Errorf("open gse dictionary: %w", err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 2 {
				continue
			}
			r, size := utf8.DecodeRuneInString(fields[0])
			if size != len(fields[0]) || unicode.ToLower(r) != r {
				continue
			}
			freq, err := strconv.ParseUint(fields[1], 10, 64)
			if err != nil {
				continue // gse skips such lines too
			}
			if _, seen := chars[r]; !seen {
				chars[r] = freq
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("read gse dictionary %s: %w", name, err)
		}
	}
	return chars, nil
}

// hmm holds the model of gse's hmm package (jieba's finalseg), states in the order B, E, M, S.
type hmm struct {
	start [4]float64
	trans [4][4]float64 // NaN where gse has no entry
	emit  map[rune]*[4]float64
}

const stateNames = "BEMS"

// hmmModel reads the probabilities from the Go source of gse's hmm package,
// where they are map literals assigned to probStart, probTrans and probEmit.
func hmmModel(dir string) (*hmm, error) {
	m := &hmm{emit: make(map[rune]*[4]float64)}
	for i := range m.trans {
		for j := range m.trans[i] {
			m.trans[i][j] = math.NaN()
		}
	}
	fset := token.NewFileSet()
	found := map[string]int{}
	for _, name := range []string{"viterbi.go", "prob_trans.go", "prob_emit.go"} {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			return nil, fmt.Errorf("parse gse hmm: %w", err)
		}
		var perr error
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != 1 || perr != nil {
				return true
			}
			ix, ok := as.Lhs[0].(*ast.IndexExpr)
			if !ok {
				return true
			}
			table, ok := ix.X.(*ast.Ident)
			if !ok || !strings.HasPrefix(table.Name, "prob") {
				return true
			}
			state, err := stateOf(ix.Index)
			if err != nil {
				perr = err
				return false
			}
			switch table.Name {
			case "probStart":
				m.start[state], perr = number(as.Rhs[0])
			case "probTrans", "probEmit":
				lit, ok := as.Rhs[0].(*ast.CompositeLit)
				if !ok {
					perr = fmt.Errorf("%s: want a map literal", table.Name)
					return false
				}
				for _, e := range lit.Elts {
					kv := e.(*ast.KeyValueExpr)
					v, err := number(kv.Value)
					if err != nil {
						perr = err
						return false
					}
					if table.Name == "probTrans" {
						to, err := stateOf(kv.Key)
						if err != nil {
							perr = err
							return false
						}
						m.trans[state][to] = v
						continue
					}
					r, err := charLit(kv.Key)
					if err != nil {
						perr = err
						return false
					}
					if m.emit[r] == nil {
						m.emit[r] = &[4]float64{math.NaN(), math.NaN(), math.NaN(), math.NaN()}
					}
					m.emit[r][state] = v
				}
			default:
				return true
			}
			found[table.Name]++
			return true
		})
		if perr != nil {
			return nil, fmt.Errorf("read gse hmm %s: %w", name, perr)
		}
	}
	if found["probStart"] != 4 || found["probTrans"] != 4 || found["probEmit"] != 4 || len(m.emit) < 5000 {
		return nil, fmt.Errorf("gse hmm source changed shape: found %v and %d emitting characters", found, len(m.emit))
	}
	return m, nil
}

func stateOf(e ast.Expr) (int, error) {
	r, err := charLit(e)
	if err != nil {
		return 0, err
	}
	i := strings.IndexRune(stateNames, r)
	if i < 0 {
		return 0, fmt.Errorf("unknown state %q", r)
	}
	return i, nil
}

func charLit(e ast.Expr) (rune, error) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.CHAR {
		return 0, fmt.Errorf("want a character literal, got %T", e)
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		return 0, fmt.Errorf("character literal %s: %w", lit.Value, err)
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r, nil
}

func number(e ast.Expr) (float64, error) {
	sign := 1.0
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.SUB {
		sign, e = -1, u.X
	}
	lit, ok := e.(*ast.BasicLit)
	if !ok || (lit.Kind != token.FLOAT && lit.Kind != token.INT) {
		return 0, fmt.Errorf("want a number, got %T", e)
	}
	v, err := strconv.ParseFloat(lit.Value, 64)
	if err != nil {
		return 0, fmt.Errorf("number %s: %w", lit.Value, err)
	}
	return sign * v, nil
}

// trie is the dictionary as a trie over character codes, nodes in
// breadth-first order (node 0 is the root, nodes 1..len(runes) its children,
// one per code), with each node's double-array base.
type trie struct {
	runes    []rune     // runes[c-1] has code c; frequent characters get small codes
	children [][]uint16 // codes of each node's children, ascending
	freq     []uint64   // frequency of the word ending at the node, 0 if none
	base     []int32    // double-array base of nodes with children
	size     int        // slots in the double array
}

// buildTrie builds the trie of words and single characters and lays it out as a double array.
func buildTrie(words map[string]uint64, chars map[rune]uint64) *trie {
	count := make(map[rune]int)
	for w := range words {
		for _, r := range w {
			count[r]++
		}
	}
	for r := range chars {
		count[r]++
	}
	t := &trie{}
	for r := range count {
		t.runes = append(t.runes, r)
	}
	slices.SortFunc(t.runes, func(a, b rune) int {
		return cmp.Or(count[b]-count[a], cmp.Compare(a, b))
	})
	code := make(map[rune]uint16, len(t.runes))
	for i, r := range t.runes {
		code[r] = uint16(i + 1)
	}
	type entry struct {
		codes []uint16
		freq  uint64
	}
	entries := make([]entry, 0, len(words)+len(t.runes))
	for _, r := range t.runes {
		entries = append(entries, entry{[]uint16{code[r]}, chars[r]})
	}
	for w, f := range words {
		var cs []uint16
		for _, r := range w {
			cs = append(cs, code[r])
		}
		entries = append(entries, entry{cs, f})
	}
	slices.SortFunc(entries, func(a, b entry) int { return slices.Compare(a.codes, b.codes) })

	// Breadth-first over ranges of the sorted entries: the entries below a node
	// share its path; the first of them ends at the node if it is that long.
	type node struct{ lo, hi, depth int }
	queue := []node{{0, len(entries), 0}}
	var placer placer
	for qi := 0; qi < len(queue); qi++ {
		n := queue[qi]
		lo, freq := n.lo, uint64(0)
		if n.depth > 0 && len(entries[lo].codes) == n.depth {
			freq, lo = entries[lo].freq, lo+1
		}
		var kids []uint16
		for i := lo; i < n.hi; {
			c := entries[i].codes[n.depth]
			j := i
			for j < n.hi && entries[j].codes[n.depth] == c {
				j++
			}
			kids = append(kids, c)
			queue = append(queue, node{i, j, n.depth + 1})
			i = j
		}
		t.children = append(t.children, kids)
		t.freq = append(t.freq, freq)
		base := int32(0)
		if len(kids) > 0 && qi > 0 {
			base = placer.place(kids)
		} else if qi == 0 {
			placer.reserve(kids)
		}
		t.base = append(t.base, base)
	}
	t.size = placer.size()
	return t
}

// placer finds double-array bases: the smallest base whose slots for all the
// children are free (first fit).
type placer struct {
	used      []bool
	firstFree int
}

func (p *placer) reserve(kids []uint16) {
	p.mark(0)
	for _, c := range kids {
		p.mark(int(c))
	}
}

func (p *placer) mark(slot int) {
	for slot >= len(p.used) {
		p.used = append(p.used, false)
	}
	p.used[slot] = true
	for p.firstFree < len(p.used) && p.used[p.firstFree] {
		p.firstFree++
	}
}

func (p *placer) free(slot int) bool { return slot >= len(p.used) || !p.used[slot] }

func (p *placer) place(kids []uint16) int32 {
	first := int(kids[0])
	for t := max(p.firstFree, first+1); ; t++ {
		if !p.free(t) {
			continue
		}
		base := t - first
		ok := true
		for _, c := range kids[1:] {
			if !p.free(base + int(c)) {
				ok = false
				break
			}
		}
		if ok {
			for _, c := range kids {
				p.mark(base + int(c))
			}
			return int32(base)
		}
	}
}

func (p *placer) size() int { return len(p.used) }

// encode writes the format that segment's loadStock reads (see dict.go there).
func encode(t *trie, logTotal float64, m *hmm) []byte {
	b := []byte(magic)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(logTotal))
	b = binary.AppendUvarint(b, uint64(len(t.runes)))
	prev := rune(0)
	for _, r := range t.runes {
		b = binary.AppendVarint(b, int64(r-prev))
		prev = r
	}
	b = binary.AppendUvarint(b, uint64(len(t.children)))
	b = binary.AppendUvarint(b, uint64(t.size))
	// Node by node in breadth-first order: child count, base (as the change from
	// the last base written), child codes (as increments), word frequency.
	prevBase := int32(0)
	for i, kids := range t.children {
		b = binary.AppendUvarint(b, uint64(len(kids)))
		if len(kids) > 0 && i > 0 {
			b = binary.AppendVarint(b, int64(t.base[i]-prevBase))
			prevBase = t.base[i]
		}
		prev := uint16(0)
		for _, c := range kids {
			b = binary.AppendUvarint(b, uint64(c-prev))
			prev = c
		}
		b = binary.AppendUvarint(b, t.freq[i])
	}
	for _, v := range m.start {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	for _, row := range m.trans {
		for _, v := range row {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
	}
	emitting := make([]rune, 0, len(m.emit))
	for r := range m.emit {
		emitting = append(emitting, r)
	}
	slices.Sort(emitting)
	b = binary.AppendUvarint(b, uint64(len(emitting)))
	prev = 0
	for _, r := range emitting {
		b = binary.AppendUvarint(b, uint64(r-prev))
		prev = r
		for _, v := range m.emit[r] {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
	}
	return b
}

// magic starts dict.bin and names its format version.
const magic = "dangjian segment dictionary 1\n"
