package gazetteer

import "sort"

// Sentinel values stored in the trie instead of an entity index.
const (
	none           int32 = -1
	blocked        int32 = -2 // a blocker word: consumed, not reported
	patternCentral int32 = -3 // returned by Find's pattern path, never stored
)

// trie is a rune trie. Root children are found by direct indexing over the
// Basic Multilingual Plane, where nearly all Chinese text lies; the edges of
// deeper nodes lie in one array, sorted per node and searched by bisection,
// so that a walk touches few cache lines.
type trie struct {
	root  []int32 // rune → node index, for runes < len(root); node 0 roots the rest
	nodes []node
	keys  []rune
	next  []int32
	// pairs is a bit set of hashed two-rune prefixes of the words: most text
	// positions start no word, and one bit test tells without a search.
	pairs []uint64
	// building holds the edges while words are inserted; freeze moves them
	// into keys and next.
	building []map[rune]int32
}

type node struct {
	first, count int32 // edges keys[first:first+count]
	value        int32
}

const pairBits = 1 << 20

func pairHash(a, b rune) uint32 {
	return (uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA6B) >> 12 & (pairBits - 1)
}

func newTrie() trie {
	t := trie{root: make([]int32, 0x10000), pairs: make([]uint64, pairBits/64)}
	for i := range t.root {
		t.root[i] = none
	}
	t.newNode()
	return t
}

func (t *trie) newNode() int32 {
	t.nodes = append(t.nodes, node{value: none})
	t.building = append(t.building, nil)
	return int32(len(t.nodes) - 1)
}

// insert stores value under word, which has at least two runes; the first value stored for a word wins, so
// callers insert the more specific tables first.
func (t *trie) insert(word string, value int32) {
	if rs := []rune(word); len(rs) >= 2 {
		h := pairHash(rs[0], rs[1])
		t.pairs[h/64] |= 1 << (h % 64)
	}
	n := none
	for _, r := range word {
		if n == none && int(r) < len(t.root) {
			if t.root[r] == none {
				t.root[r] = t.newNode()
			}
			n = t.root[r]
			continue
		}
		if n == none {
			n = 0
		}
		c, ok := t.building[n][r]
		if !ok {
			c = t.newNode()
			if t.building[n] == nil {
				t.building[n] = map[rune]int32{}
			}
			t.building[n][r] = c
		}
		n = c
	}
	if n != none && t.nodes[n].value == none {
		t.nodes[n].value = value
	}
}

// freeze lays the edges out for lookup; no insert may follow.
func (t *trie) freeze() {
	for n, edges := range t.building {
		rs := make([]rune, 0, len(edges))
		for r := range edges {
			rs = append(rs, r)
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
		t.nodes[n].first, t.nodes[n].count = int32(len(t.keys)), int32(len(rs))
		for _, r := range rs {
			t.keys = append(t.keys, r)
			t.next = append(t.next, edges[r])
		}
	}
	t.building = nil
}

func (t *trie) child(n int32, r rune) int32 {
	nd := t.nodes[n]
	lo, hi := int(nd.first), int(nd.first+nd.count)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.keys[m] < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < int(nd.first+nd.count) && t.keys[lo] == r {
		return t.next[lo]
	}
	return none
}

// longest returns the value of the longest word that prefixes rs and its
// length in runes, or (none, 0).
func (t *trie) longest(rs []rune) (int32, int) {
	if len(rs) < 2 {
		return none, 0 // every word has two runes or more
	}
	if h := pairHash(rs[0], rs[1]); t.pairs[h/64]&(1<<(h%64)) == 0 {
		return none, 0
	}
	var n int32
	if int(rs[0]) < len(t.root) {
		n = t.root[rs[0]]
	} else {
		n = t.child(0, rs[0])
	}
	best, bestLen := none, 0
	for i := 1; n != none; i++ {
		nd := t.nodes[n]
		if nd.value != none {
			best, bestLen = nd.value, i
		}
		if i == len(rs) || nd.count == 0 {
			break
		}
		n = t.child(n, rs[i])
	}
	return best, bestLen
}
