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

// hanTables are the read-only character tables the topic measures use.
type hanTables struct {
	stop   map[rune]bool
	domain map[uint64]bool
}

var tables = func() hanTables {
	t := hanTables{stop: map[rune]bool{}, domain: map[uint64]bool{}}
	for _, r := range stopRunes {
		t.stop[r] = true
	}
	rs := []rune(domainPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		t.domain[pairKey(rs[i], rs[i+1])] = true
	}
	return t
}()

func pairKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }

// lineTopic is the bigrams of one line and how much of it is Party-building vocabulary.
type lineTopic struct {
	keys   []uint64
	domain int // bigrams from domainPairs
	han    int // Han characters
}

func topicOf(s string) lineTopic {
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
			if tables.domain[k] {
				t.domain++
			}
			if !tables.stop[prev] && !tables.stop[r] {
				t.keys = append(t.keys, k)
			}
		}
		prev = r
	}
	return t
}

// bag counts bigrams.
type bag map[uint64]int32

func (b bag) add(keys []uint64) {
	for _, k := range keys {
		b[k]++
	}
}

// weight damps repetition: a segment that says 述职评议考核 ten times is not ten times as close.
func weight(c int32) float64 {
	if c <= 0 {
		return 0
	}
	return 1 + math.Log(float64(c))
}

// profile is the bigram bag of the main article with its squared norm and its share of
// Party-building bigrams per Han character.
type profile struct {
	bag    bag
	norm2  float64
	domain float64
}

func newProfile(b bag, domain float64) profile {
	p := profile{bag: b, domain: domain}
	for _, c := range b {
		w := weight(c)
		p.norm2 += w * w
	}
	return p
}

// similarity is the cosine between seg and the profile without own, the part of seg that is
// itself in the profile, so that a segment is never compared with itself.
func (p profile) similarity(seg, own bag) float64 {
	norm2, dot, segNorm2 := p.norm2, 0.0, 0.0
	for k, c := range seg {
		pc := p.bag[k]
		if o := own[k]; o > 0 {
			w0, w1 := weight(pc), weight(pc-o)
			norm2 += w1*w1 - w0*w0
			pc -= o
		}
		w := weight(c)
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
