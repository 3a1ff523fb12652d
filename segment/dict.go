package segment

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"sync"
	"unicode"
)

//go:generate go run ./internal/dictgen -o dict.bin

// dictData is gse's Chinese dictionary and HMM, as written by internal/dictgen:
// a trie in breadth-first order that decodes straight into a double array.
// After upgrading gse, run `go generate ./segment` (about half a minute).
//
//go:embed dict.bin
var dictData string

// dictMagic starts dictData and names its format version; internal/dictgen writes the same.
const dictMagic = "dangjian segment dictionary 1\n"

// minLogProb stands for "impossible" in the HMM, as in gse and jieba.
const minLogProb = -3.14e100

// slot is one cell of the double-array trie. A node's child for code c sits
// at base+c if that slot's check names the node; logp is the log probability
// of the word ending at the node (0 if none; for a single character, always set).
type slot struct {
	base, check int32
	logp        float32
}

// HMM states, in the byte order of their names, which gse breaks ties with.
const (
	stateB = iota // begins a word
	stateE        // ends a word
	stateM        // inside a word
	stateS        // a word of one character
)

// stock is the shared, read-only dictionary.
type stock struct {
	da       []slot
	bmp      []uint16        // code of each rune below 0x10000; 0 if not in the dictionary
	classes  []uint8         // class bits of each rune below 0x10000
	astral   map[rune]uint16 // codes of the few other runes
	logTotal float64         // log of the sum of gse's frequencies: every word costs that much
	unknown  float64         // log probability of a character the dictionary lacks

	start    [4]float64
	trans    [4][4]float64
	emit     [][4]float64 // emission log probabilities by code
	emitMore map[rune]*[4]float64
}

// loadStock decodes the embedded dictionary once per process (a few tens of
// milliseconds); afterwards it is only read.
var loadStock = sync.OnceValue(func() *stock {
	st, err := decodeStock(dictData)
	if err != nil {
		panic(fmt.Sprintf("segment: embedded dictionary: %v", err)) // dict.bin is generated and tested
	}
	return st
})

// Class bits of a rune, kept in a table because the unicode package searches
// range tables, which is slow for the CJK punctuation of every sentence.
const (
	classBlock = 1 << iota // part of words: see inBlock
	classSpace             // dropped between words
	classCased             // unicode.ToLower changes it
)

func runeClass(r rune) uint8 {
	var c uint8
	if inBlock(r) {
		c |= classBlock
	}
	if unicode.IsSpace(r) {
		c |= classSpace
	}
	if unicode.ToLower(r) != r {
		c |= classCased
	}
	return c
}

// class returns the class bits of r.
func (st *stock) class(r rune) uint8 {
	if r >= 0 && r < 0x10000 {
		return st.classes[r]
	}
	return runeClass(r)
}

// code returns the dictionary's code for r, 0 if r is in no word.
func (st *stock) code(r rune) uint16 {
	if r < 0x10000 && r >= 0 {
		return st.bmp[r]
	}
	return st.astral[r]
}

// emission returns the HMM's log probability that state emits r (with code c).
func (st *stock) emission(state int, r rune, c uint16) float64 {
	if c != 0 {
		return st.emit[c][state]
	}
	if e := st.emitMore[r]; e != nil {
		return e[state]
	}
	return minLogProb
}

// reader reads the varints of dictData.
type reader struct {
	s   string
	pos int
	err error
}

var errTruncated = errors.New("truncated")

func (r *reader) uvarint() uint64 {
	var x uint64
	for shift := 0; r.pos < len(r.s); shift += 7 {
		b := r.s[r.pos]
		r.pos++
		if b < 0x80 {
			return x | uint64(b)<<shift
		}
		x |= uint64(b&0x7f) << shift
	}
	r.err = errTruncated
	return 0
}

func (r *reader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (r *reader) float64() float64 {
	if r.pos+8 > len(r.s) {
		r.err = errTruncated
		return 0
	}
	var u uint64
	for i := 7; i >= 0; i-- {
		u = u<<8 | uint64(r.s[r.pos+i])
	}
	r.pos += 8
	return math.Float64frombits(u)
}

// orImpossible turns the NaN that marks a missing HMM entry into minLogProb.
func orImpossible(v float64) float64 {
	if math.IsNaN(v) {
		return minLogProb
	}
	return v
}

func decodeStock(data string) (*stock, error) {
	if len(data) < len(dictMagic) || data[:len(dictMagic)] != dictMagic {
		return nil, errors.New("unknown format")
	}
	r := &reader{s: data, pos: len(dictMagic)}
	st := &stock{bmp: make([]uint16, 0x10000), classes: make([]uint8, 0x10000), astral: make(map[rune]uint16)}
	for r := range st.classes {
		st.classes[r] = runeClass(rune(r))
	}
	st.logTotal = r.float64()
	st.unknown = -st.logTotal
	nchars := int(r.uvarint())
	if nchars >= math.MaxUint16 {
		return nil, fmt.Errorf("%d characters do not fit the codes", nchars)
	}
	prev := rune(0)
	for c := 1; c <= nchars; c++ {
		prev += rune(r.varint())
		if prev >= 0 && prev < 0x10000 {
			st.bmp[prev] = uint16(c)
		} else {
			st.astral[prev] = uint16(c)
		}
	}
	nodes, size := int(r.uvarint()), int(r.uvarint())
	if r.err != nil || nodes < nchars+1 || size < nodes || size > 1<<26 {
		return nil, fmt.Errorf("bad header: %d nodes in %d slots", nodes, size)
	}
	// The padding lets a transition from any node compute base+code without a range check.
	st.da = make([]slot, size+nchars+1)
	for i := range st.da {
		st.da[i].check = -1
	}
	slotOf := make([]int32, nodes)
	next := 1
	base := int32(0)
	for i := 0; i < nodes && r.err == nil; i++ {
		at := slotOf[i]
		kids := int(r.uvarint())
		if kids > 0 {
			if i > 0 {
				base += int32(r.varint())
			}
			st.da[at].base = base
			c := int32(0)
			for range kids {
				c += int32(r.uvarint())
				t := base + c
				if t <= 0 || int(t) >= size || next >= nodes || st.da[t].check != -1 {
					return nil, fmt.Errorf("node %d: bad child slot %d", i, t)
				}
				st.da[t].check = at
				slotOf[next] = t
				next++
			}
		}
		freq := float64(r.uvarint())
		if i >= 1 && i <= nchars {
			freq = max(freq, 1) // a known character never seen alone still counts once
		}
		if freq > 0 {
			st.da[at].logp = float32(math.Log(freq) - st.logTotal)
		}
	}
	if r.err != nil || next != nodes {
		return nil, fmt.Errorf("trie: %d of %d nodes: %v", next, nodes, r.err)
	}
	for i := range st.start {
		st.start[i] = orImpossible(r.float64())
	}
	for i := range st.trans {
		for j := range st.trans[i] {
			st.trans[i][j] = orImpossible(r.float64())
		}
	}
	st.emit = make([][4]float64, nchars+1)
	for c := range st.emit {
		st.emit[c] = [4]float64{minLogProb, minLogProb, minLogProb, minLogProb}
	}
	st.emitMore = make(map[rune]*[4]float64)
	n := int(r.uvarint())
	prev = 0
	for range n {
		prev += rune(r.uvarint())
		var e [4]float64
		for s := range e {
			e[s] = orImpossible(r.float64())
		}
		if c := st.code(prev); c != 0 {
			st.emit[c] = e
		} else {
			st.emitMore[prev] = &e
		}
	}
	if r.err != nil || r.pos != len(data) {
		return nil, fmt.Errorf("hmm: %v at byte %d of %d", r.err, r.pos, len(data))
	}
	return st, nil
}
