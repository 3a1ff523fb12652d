package clean

import (
	"math"
	"unicode"

	"github.com/dangjian/dangjian/hanzi"
)

// A topic is measured by the character bigrams of a text: every pair of adjacent Han
// characters, folded to simplified, except pairs with one of the very common characters
// below, which say nothing about what a text is about.
const stopRunes = "的了和与及是在为对等中上下个一不也都将把被从向以于之其这那有要并而或着到就又各年月日我们他她它说来去会能可已所此该由给让使得地"

// domainPairs are the bigrams of Party-building vocabulary (党建, 党组织, 述职, 书记 …).
const domainPairs = "党建党组党委党员书记述职支部党性党纪党风廉政治党党务党课组工党日党总党代入党两新"

// hanTables are the read-only character tables the topic measures use. The rune sets
// are bit sets over the Basic Multilingual Plane, where all these characters lie: a
// lookup per character must cost next to nothing.
type hanTables struct {
	stop        runeSet
	domainFirst runeSet
	domain      map[uint64]bool
}

type runeSet [1 << 10]uint64

func (s *runeSet) add(r rune) { s[r>>6] |= 1 << (r & 63) }

func (s *runeSet) has(r rune) bool { return r < 1<<16 && s[r>>6]&(1<<(r&63)) != 0 }

var tables = func() *hanTables {
	t := &hanTables{domain: map[uint64]bool{}}
	for _, r := range stopRunes {
		t.stop.add(r)
	}
	rs := []rune(domainPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		t.domainFirst.add(rs[i])
		t.domain[pairKey(rs[i], rs[i+1])] = true
	}
	return t
}()

func pairKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }

// lineTopic is the bigrams of one line, as ids of the page's bigram dictionary, and how
// much of it is Party-building vocabulary.
type lineTopic struct {
	ids    []int32
	domain int // bigrams from domainPairs
	han    int // Han characters
}

// topicOf reads the bigrams of s, numbering new ones in dict.
func topicOf(s string, dict map[uint64]int32) lineTopic {
	var t lineTopic
	var prev rune
	for _, r := range s {
		r = hanzi.FoldRune(r)
		if !unicode.Is(unicode.Han, r) {
			prev = 0
			continue
		}
		t.han++
		if prev != 0 {
			k := pairKey(prev, r)
			if tables.domainFirst.has(prev) && tables.domain[k] {
				t.domain++
			}
			if !tables.stop.has(prev) && !tables.stop.has(r) {
				id, ok := dict[k]
				if !ok {
					id = int32(len(dict))
					dict[k] = id
				}
				t.ids = append(t.ids, id)
			}
		}
		prev = r
	}
	return t
}

// weight damps repetition: a segment that says 述职评议考核 ten times is not ten times as close.
func weight(c int32) float64 {
	switch {
	case c <= 0:
		return 0
	case int(c) < len(weights):
		return weights[c]
	}
	return 1 + math.Log(float64(c))
}

// weights holds weight for small counts, which are nearly all of them.
var weights = func() (w [64]float64) {
	for c := 1; c < len(w); c++ {
		w[c] = 1 + math.Log(float64(c))
	}
	return w
}()

// profile is the bigram counts of the main article (by bigram id) with their squared norm
// and the article's share of Party-building bigrams per Han character.
type profile struct {
	counts []int32
	norm2  float64
	domain float64
}

// counter counts the bigrams of one segment at a time in dense arrays, remembering which
// ids it touched so that clearing costs no more than counting.
type counter struct {
	all, own []int32
	touched  []int32
}

func newCounter(n int) *counter {
	return &counter{all: make([]int32, n), own: make([]int32, n)}
}

func (c *counter) add(ids []int32, own bool) {
	for _, id := range ids {
		if c.all[id] == 0 {
			c.touched = append(c.touched, id)
		}
		c.all[id]++
		if own {
			c.own[id]++
		}
	}
}

func (c *counter) reset() {
	for _, id := range c.touched {
		c.all[id], c.own[id] = 0, 0
	}
	c.touched = c.touched[:0]
}

// similarity is the cosine between the counted segment and the profile without the
// segment's own part of it (bigrams from lines that are themselves in the profile), so a
// segment is never compared with itself.
func (p profile) similarity(c *counter) float64 {
	norm2, dot, segNorm2 := p.norm2, 0.0, 0.0
	for _, id := range c.touched {
		pc := p.counts[id]
		if own := c.own[id]; own > 0 {
			w0, w1 := weight(pc), weight(pc-own)
			norm2 += w1*w1 - w0*w0
			pc -= own
		}
		w := weight(c.all[id])
		segNorm2 += w * w
		dot += w * weight(pc)
	}
	if norm2 <= 1e-9 || segNorm2 == 0 {
		return 0
	}
	return dot / math.Sqrt(norm2*segNorm2)
}

// closeness is similarity discounted for a segment that talks much less about Party
// building than the main article: generic policy language (高质量发展, 习近平新时代中国特色
// 社会主义思想) makes a health-reform notice look like a Party-building review by bigrams
// alone. At most it halves the similarity; on a main article without Party-building
// vocabulary it changes nothing.
func (p profile) closeness(sim, domain float64) float64 {
	if p.domain <= 0 {
		return sim
	}
	return sim * min(1, 0.5+domain/p.domain)
}
