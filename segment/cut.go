package segment

import "unicode"

// span is a word as rune offsets [start, end) into the text.
type span struct{ start, end int32 }

// scratch holds the buffers of one Cut; Segmenters keep them in a pool.
type scratch struct {
	runes []rune   // the text, lower-cased
	codes []uint16 // dictionary code of each rune
	off   []int    // byte offset of each rune in the text, and the text's length
	spans []span   // the words found

	logp []float64 // logp[k]: log probability of the best segmentation of the block from k
	end  []int32   // end[k]: end of the first word of that segmentation

	slot2, check2 []int32 // double-array slot of the two runes from k, and its check
	slot3, check3 []int32 // the same for three runes

	viterbi [][4]float64
	back    [][4]uint8
	states  []uint8
}

// decode fills runes, codes and offsets from text and empties spans.
func (sc *scratch) decode(st *stock, text string) {
	sc.runes, sc.codes, sc.off, sc.spans = sc.runes[:0], sc.codes[:0], sc.off[:0], sc.spans[:0]
	for i, r := range text {
		if st.class(r)&classCased != 0 {
			r = unicode.ToLower(r)
		}
		sc.runes = append(sc.runes, r)
		sc.codes = append(sc.codes, st.code(r))
		sc.off = append(sc.off, i)
	}
	sc.off = append(sc.off, len(text))
}

// stockWord returns the log probability of runes[i:j] as a word of the stock dictionary.
func (sc *scratch) stockWord(st *stock, i, j int) (float64, bool) {
	da := st.da
	at := int32(0)
	for _, c := range sc.codes[i:j] {
		t := da[at].base + int32(c)
		if c == 0 || da[t].check != at {
			return 0, false
		}
		at = t
	}
	lp := da[at].logp
	return float64(lp), lp != 0 && j-i > 1
}

// route finds, for every rune of the block runes[bs:be], the most probable
// segmentation of the block from there on (jieba's DAG with maximum
// probability path), walking the dictionary trie once from each rune.
func (sc *scratch) route(st *stock, terms *overlay, bs, be int) {
	n := be - bs
	sc.logp = grow(sc.logp, n+1)
	sc.end = grow(sc.end, n+1)
	logp, ends := sc.logp[:n+1], sc.end[:n+1]
	runes, codes := sc.runes[bs:be], sc.codes[bs:be]
	da := st.da
	// Look up the two- and three-character prefixes at every position first:
	// these loads do not depend on each other from one position to the next, so
	// the processor overlaps their cache misses, which a walk, one step after
	// the other, cannot. Where a step fails, its slot is garbage, but still
	// inside the (padded) array, and its check does not name the node.
	sc.slot2, sc.check2 = grow(sc.slot2, n), grow(sc.check2, n)
	sc.slot3, sc.check3 = grow(sc.slot3, n), grow(sc.check3, n)
	slot2, check2, slot3, check3 := sc.slot2[:n], sc.check2[:n], sc.slot3[:n], sc.check3[:n]
	for k := 0; k+1 < n; k++ {
		t := da[codes[k]].base + int32(codes[k+1])
		slot2[k], check2[k] = t, da[t].check
	}
	for k := 0; k+2 < n; k++ {
		t := da[slot2[k]].base + int32(codes[k+2])
		slot3[k], check3[k] = t, da[t].check
	}
	logp[n], ends[n] = 0, int32(n)
	for k := n - 1; k >= 0; k-- {
		c := codes[k]
		best, bestEnd := st.unknown+logp[k+1], int32(k+1)
		if c != 0 {
			best = float64(da[c].logp) + logp[k+1]
		}
		consider := func(e int, lp float64) { // ties go to the longer word
			if p := lp + logp[e]; p > best || (p == best && int32(e) > bestEnd) {
				best, bestEnd = p, int32(e)
			}
		}
		if isDigit(runes[k]) && (k == 0 || !isDigit(runes[k-1])) {
			// A number is one word, as in the PKU and MSR standards, unless a
			// dictionary word that starts with it is more probable.
			consider(numberEnd(runes, k), st.unknown)
		}
		if k+1 < n && c != 0 && check2[k] == int32(c) {
			for at, e := slot2[k], k+1; ; {
				if lp := da[at].logp; lp != 0 {
					if p := float64(lp) + logp[e+1]; p > best || (p == best && int32(e+1) > bestEnd) {
						best, bestEnd = p, int32(e+1)
					}
				}
				if e++; e >= n {
					break
				}
				t, check := slot3[k], check3[k]
				if e > k+2 {
					t = da[at].base + int32(codes[e])
					check = da[t].check
				}
				if codes[e] == 0 || check != at {
					break
				}
				at = t
			}
		}
		if k+1 < n && terms.mayStart(runes[k], runes[k+1]) {
			terms.walk(runes[k:], func(e int, lp float64) { consider(k+e, lp) })
		}
		logp[k], ends[k] = best, bestEnd
	}
}

// cutBlock appends the words of the block runes[bs:be] to sc.spans.
// Consecutive single characters that do not form a known word are handed to the HMM.
func (sc *scratch) cutBlock(st *stock, terms *overlay, bs, be int) {
	sc.route(st, terms, bs, be)
	n := be - bs
	bufStart := -1
	flush := func(end int) {
		if bufStart < 0 {
			return
		}
		_, known := sc.stockWord(st, bs+bufStart, bs+end)
		if end-bufStart == 1 || known || terms.freq(sc.runes[bs+bufStart:bs+end]) > 0 {
			for i := bs + bufStart; i < bs+end; i++ {
				sc.spans = append(sc.spans, span{int32(i), int32(i + 1)})
			}
		} else {
			sc.hmmCut(st, bs+bufStart, bs+end)
		}
		bufStart = -1
	}
	for k := 0; k < n; {
		end := int(sc.end[k])
		if end-k == 1 {
			if bufStart < 0 {
				bufStart = k
			}
		} else {
			flush(k)
			sc.spans = append(sc.spans, span{int32(bs + k), int32(bs + end)})
		}
		k = end
	}
	flush(n)
}

// hmmCut appends the words of runes[i:j] as gse's hmm.Cut finds them: runs of
// Han characters by the HMM, then runs of ASCII letters and digits (or a
// decimal number), and whatever lies between as one piece.
func (sc *scratch) hmmCut(st *stock, i, j int) {
	runes := sc.runes
	for p := i; p < j; {
		q := p + 1
		switch r := runes[p]; {
		case isHan(r):
			for q < j && isHan(runes[q]) {
				q++
			}
			sc.viterbiCut(st, p, q)
		case isASCIIAlnum(r):
			q = asciiRunEnd(runes[:j], p)
			sc.spans = append(sc.spans, span{int32(p), int32(q)})
		default:
			for q < j && !isHan(runes[q]) && !isASCIIAlnum(runes[q]) {
				q++
			}
			sc.spans = append(sc.spans, span{int32(p), int32(q)})
		}
		p = q
	}
}

func isHan(r rune) bool {
	if 0x4e00 <= r && r <= 0x9fff {
		return true
	}
	return r >= 0x2e80 && unicode.Is(unicode.Han, r)
}

func isASCIIAlnum(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}

func isASCIIDigit(r rune) bool { return '0' <= r && r <= '9' }

// asciiRunEnd returns the end of the match of `\d+\.\d+|[a-zA-Z0-9]+` at p (gse's regSkip).
func asciiRunEnd(runes []rune, p int) int {
	q := p
	for q < len(runes) && isASCIIDigit(runes[q]) {
		q++
	}
	if q > p && q+1 < len(runes) && runes[q] == '.' && isASCIIDigit(runes[q+1]) {
		q += 2
		for q < len(runes) && isASCIIDigit(runes[q]) {
			q++
		}
		return q
	}
	for q < len(runes) && isASCIIAlnum(runes[q]) {
		q++
	}
	return q
}

// prevStates lists the states that may precede each state, in gse's order.
var prevStates = [4][2]uint8{
	stateB: {stateE, stateS},
	stateE: {stateB, stateM},
	stateM: {stateM, stateB},
	stateS: {stateS, stateE},
}

// viterbiCut appends the words of the Han run runes[i:j] by the most probable
// state sequence of the HMM, computed and broken on ties exactly as gse does.
func (sc *scratch) viterbiCut(st *stock, i, j int) {
	n := j - i
	sc.viterbi = grow(sc.viterbi, n)
	sc.back = grow(sc.back, n)
	sc.states = grow(sc.states, n)
	v, back := sc.viterbi[:n], sc.back[:n]
	for y := range 4 {
		v[0][y] = st.emission(y, sc.runes[i], sc.codes[i]) + st.start[y]
	}
	for t := 1; t < n; t++ {
		r, c := sc.runes[i+t], sc.codes[i+t]
		for y := range 4 {
			em := st.emission(y, r, c)
			best, from := 0.0, uint8(0)
			for k, y0 := range prevStates[y] {
				p := v[t-1][y0] + st.trans[y0][y] + em
				if k == 0 || p > best || (p == best && y0 > from) {
					best, from = p, y0
				}
			}
			v[t][y], back[t][y] = best, from
		}
	}
	last := uint8(stateS)
	if v[n-1][stateE] > v[n-1][stateS] {
		last = stateE
	}
	states := sc.states[:n]
	for t := n - 1; t >= 0; t-- {
		states[t] = last
		last = back[t][last]
	}
	begin, next := 0, 0
	for t, y := range states {
		switch y {
		case stateB:
			begin = t
		case stateE:
			sc.spans = append(sc.spans, span{int32(i + begin), int32(i + t + 1)})
			next = t + 1
		case stateS:
			sc.spans = append(sc.spans, span{int32(i + t), int32(i + t + 1)})
			next = t + 1
		}
	}
	if next < n {
		sc.spans = append(sc.spans, span{int32(i + next), int32(j)})
	}
}

// grow returns s with room for n elements.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}
