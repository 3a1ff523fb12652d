package segment

import "math"

// overlay is a small trie of terms over runes, added to the stock dictionary
// per Segmenter. Its edges live in an open-addressing hash table: looking one
// up costs a multiplication and, as a rule, one probe.
type overlay struct {
	edges []overlayEdge // power-of-two size, at most half full
	used  int
	freqs []float64 // frequency of the term ending at each node, 0 if none; node 0 is the root
	logp  []float64
	pairs []uint64 // bit pairHash(a, b) is set when some term starts with a, b
}

// overlayEdge leads from node from by rune r to node to; to == 0 marks a free entry.
type overlayEdge struct {
	from int32
	r    rune
	to   int32
}

// overlayFilterBits sets the size of the filter of first pairs: 2^16 bits, 8 KiB per Segmenter.
const overlayFilterBits = 16

func newOverlay() overlay {
	return overlay{
		edges: make([]overlayEdge, 1024),
		freqs: []float64{0},
		logp:  []float64{0},
		pairs: make([]uint64, 1<<overlayFilterBits/64),
	}
}

// pairHash maps two runes to a bit of overlay.pairs.
func pairHash(a, b rune) uint32 {
	return (uint32(a)*0x9e3779b1 ^ uint32(b)) * 0x85ebca6b >> (32 - overlayFilterBits)
}

// mayStart reports whether a term may start with the runes a, b; false means none does.
func (o *overlay) mayStart(a, b rune) bool {
	h := pairHash(a, b)
	return o.pairs[h/64]&(1<<(h%64)) != 0
}

func edgeHash(from int32, r rune) uint64 {
	return (uint64(uint32(from))<<32 | uint64(uint32(r))) * 0x9e3779b97f4a7c15
}

// child returns the node reached from node from by r, 0 if none.
func (o *overlay) child(from int32, r rune) int32 {
	mask := uint64(len(o.edges) - 1)
	for i := edgeHash(from, r) >> 32 & mask; ; i = (i + 1) & mask {
		e := &o.edges[i]
		if e.to == 0 {
			return 0
		}
		if e.from == from && e.r == r {
			return e.to
		}
	}
}

func (o *overlay) insertEdge(e overlayEdge) {
	mask := uint64(len(o.edges) - 1)
	i := edgeHash(e.from, e.r) >> 32 & mask
	for o.edges[i].to != 0 {
		i = (i + 1) & mask
	}
	o.edges[i] = e
	o.used++
}

// add records term (at least two runes) with freq; logTotal turns frequencies into log probabilities.
func (o *overlay) add(term string, freq, logTotal float64) {
	runes := []rune(term)
	h := pairHash(runes[0], runes[1])
	o.pairs[h/64] |= 1 << (h % 64)
	at := int32(0)
	for _, r := range runes {
		t := o.child(at, r)
		if t == 0 {
			t = int32(len(o.freqs))
			o.freqs = append(o.freqs, 0)
			o.logp = append(o.logp, 0)
			if 2*(o.used+1) > len(o.edges) {
				o.rehash()
			}
			o.insertEdge(overlayEdge{at, r, t})
		}
		at = t
	}
	o.freqs[at] = freq
	o.logp[at] = math.Log(freq) - logTotal
}

// rehash doubles the edge table.
func (o *overlay) rehash() {
	old := o.edges
	o.edges, o.used = make([]overlayEdge, 2*len(old)), 0
	for _, e := range old {
		if e.to != 0 {
			o.insertEdge(e)
		}
	}
}

// walk calls found(end, logp) for every term that starts runes, in order of length.
func (o *overlay) walk(runes []rune, found func(end int, logp float64)) {
	at := int32(0)
	for e, r := range runes {
		if at = o.child(at, r); at == 0 {
			return
		}
		if o.freqs[at] > 0 {
			found(e+1, o.logp[at])
		}
	}
}

// freq returns the frequency of the term runes, 0 if it is none.
func (o *overlay) freq(runes []rune) float64 {
	if len(runes) < 2 || !o.mayStart(runes[0], runes[1]) {
		return 0
	}
	at := int32(0)
	for _, r := range runes {
		if at = o.child(at, r); at == 0 {
			return 0
		}
	}
	return o.freqs[at]
}
