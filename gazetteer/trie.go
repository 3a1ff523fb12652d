package gazetteer

import "sort"

// Sentinel values stored in the trie instead of an entity index.
const (
	none           int32 = -1
	blocked        int32 = -2 // a blocker word: consumed, not reported
	patternCentral int32 = -3 // returned by Find's pattern path, never stored
)

// trie is a rune trie whose root children are found by direct indexing over
// the Basic Multilingual Plane, where nearly all Chinese text lies, and whose
// deeper edges are small sorted arrays searched by bisection.
type trie struct {
	root  []int32 // rune → node index, for runes < len(root)
	nodes []node
}

type node struct {
	keys  []rune
	next  []int32
	value int32
}

func newTrie() trie {
	t := trie{root: make([]int32, 0x10000)}
	for i := range t.root {
		t.root[i] = none
	}
	t.nodes = append(t.nodes, node{value: none}) // node 0 stands for the root of runes beyond the BMP
	return t
}

func (t *trie) child(n int32, r rune) int32 {
	keys := t.nodes[n].keys
	lo, hi := 0, len(keys)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if keys[m] < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(keys) && keys[lo] == r {
		return t.nodes[n].next[lo]
	}
	return none
}

// insert stores value under word; the first value stored for a word wins, so
// callers insert the more specific tables first.
func (t *trie) insert(word string, value int32) {
	n := none
	for _, r := range word {
		var c int32
		if n == none {
			if int(r) < len(t.root) {
				c = t.root[r]
				if c == none {
					c = t.newNode()
					t.root[r] = c
				}
				n = c
				continue
			}
			n = 0
		}
		c = t.child(n, r)
		if c == none {
			c = t.newNode()
			nd := &t.nodes[n]
			i := sort.Search(len(nd.keys), func(i int) bool { return nd.keys[i] >= r })
			nd.keys = append(nd.keys, 0)
			nd.next = append(nd.next, 0)
			copy(nd.keys[i+1:], nd.keys[i:])
			copy(nd.next[i+1:], nd.next[i:])
			nd.keys[i], nd.next[i] = r, c
		}
		n = c
	}
	if n != none && t.nodes[n].value == none {
		t.nodes[n].value = value
	}
}

func (t *trie) newNode() int32 {
	t.nodes = append(t.nodes, node{value: none})
	return int32(len(t.nodes) - 1)
}

// longest returns the value of the longest word that prefixes rs and its
// length in runes, or (none, 0).
func (t *trie) longest(rs []rune) (int32, int) {
	if len(rs) == 0 {
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
		if v := t.nodes[n].value; v != none {
			best, bestLen = v, i
		}
		if i == len(rs) {
			break
		}
		n = t.child(n, rs[i])
	}
	return best, bestLen
}
