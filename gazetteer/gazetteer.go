// Package gazetteer recognises Chinese provinces, lower-level places and central bodies and maps each to its province.
package gazetteer

//go:generate go run ./internal/gen -o places_gen.go ../../shared/gazetteer/areacity_provinces_prefectures.csv $CHINA_DIVISION_DIST

import (
	_ "embed"
	"strings"
)

// Kind says what an entity is.
type Kind string

// Kinds of entity.
const (
	KindProvince Kind = "province" // one of the 31 provincial-level units or 新疆生产建设兵团
	KindCentral  Kind = "central"  // a national body, central enterprise or national university
	KindPlace    Kind = "place"    // a prefecture, county, district, town or street
)

// Entity is a recognised name.
type Entity struct {
	// Name is the canonical short name for provinces (广西) and the name as
	// written for places and central bodies.
	Name string
	Kind Kind
	// Province is the short name of the province an entity lies in; "" for
	// central bodies and for ambiguous places.
	Province string
	// Candidates lists the provinces of an ambiguous place name (朝阳区 lies
	// in 北京 and 吉林); nil otherwise. See Find for the policy.
	Candidates []string
}

// Match is an entity found in a text, at rune offsets [Start, End).
type Match struct {
	Entity
	Start, End int
}

//go:embed central.txt
var centralList string

// blockers are words that are not names but overlap a name when a text is
// scanned left to right without word boundaries: 推广西部 is not 广西,
// 华北京津冀 is not 北京, 确保山区 is not 保山.
var blockers = []string{
	"推广", "华北", "东北", "西北", "西南", "华南", "华东", "华中", "泰山",
	"黄河", "长江", "确保", "平安", "确定", "江南", "岭南", "宽广", "深广",
}

// Gazetteer holds the name tables and the trie built from them. It is safe
// for concurrent use once built.
type Gazetteer struct {
	entities []Entity
	trie     trie
	byName   map[string]int // province names and aliases → index into provinces
}

// New builds a gazetteer from the embedded tables.
func New() *Gazetteer {
	g := &Gazetteer{byName: map[string]int{}, trie: newTrie()}
	add := func(name string, e Entity) {
		id := len(g.entities)
		g.entities = append(g.entities, e)
		g.trie.insert(name, int32(id))
	}
	// Earlier tables win where a name occurs in two of them.
	for i, p := range provinces {
		e := Entity{Name: p.short, Kind: KindProvince, Province: p.short}
		for _, n := range append([]string{p.short, p.full}, p.aliases...) {
			g.byName[n] = i
			add(n, e)
		}
	}
	for _, line := range strings.Split(centralList, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		add(line, Entity{Name: line, Kind: KindCentral})
	}
	for _, p := range placesByProvince {
		for _, name := range strings.Fields(p.names) {
			add(name, Entity{Name: name, Kind: KindPlace, Province: p.province})
		}
	}
	for _, a := range newAreas {
		add(a.name, Entity{Name: a.name, Kind: KindPlace, Province: a.province})
	}
	for _, line := range ambiguousPlaces {
		f := strings.Fields(line)
		add(f[0], Entity{Name: f[0], Kind: KindPlace, Candidates: f[1:]})
	}
	for _, b := range blockers {
		g.trie.insert(b, blocked)
	}
	g.trie.freeze()
	return g
}

// Province returns the canonical short name of a province given by its
// short, full or traditional name (广西壮族自治区, 廣西 → 广西).
func (g *Gazetteer) Province(name string) (string, bool) {
	i, ok := g.byName[strings.TrimSpace(name)]
	if !ok {
		return "", false
	}
	return provinces[i].short, true
}

// Provinces returns the 31 provincial-level units in NBS code order followed
// by 新疆生产建设兵团.
func (g *Gazetteer) Provinces() []string {
	out := make([]string, len(provinces))
	for i, p := range provinces {
		out[i] = p.short
	}
	return out
}

// Find scans folded (simplified) text and returns the entities in it, left
// to right, taking the longest name at each position so that a province
// inside a longer name (北京协和医学院, 中国医学科学院) is not reported.
//
// Ambiguous places: a name that exists in several provinces (江北区 in 重庆
// and 宁波) is resolved when the text qualifies it (宁波市江北区, 重庆江北区
// are names of their own) or when the province or a place of one of the
// candidate provinces stands right before it. Otherwise the match is
// returned with Province "" and its Candidates, and the caller decides from
// the wider context (the extract package uses the provinces named in the
// same document and drops the match if none fits).
//
// A central body followed by 党委 or 党组 is reported with that suffix
// (国务院国资委党委), the name the text gives the acting body.
func (g *Gazetteer) Find(text string) []Match {
	return g.FindRunes([]rune(text))
}

// FindRunes is Find on text already decoded to runes.
func (g *Gazetteer) FindRunes(rs []rune) []Match {
	var out []Match
	for i := 0; i < len(rs); {
		id, n := g.trie.longest(rs[i:])
		if pn := centralPattern(rs[i:]); pn > n {
			id, n = patternCentral, pn
		}
		switch {
		case n == 0:
			i++
			continue
		case id == blocked:
			i += n
			continue
		}
		var e Entity
		if id == patternCentral {
			e = Entity{Name: string(rs[i : i+n]), Kind: KindCentral}
		} else {
			e = g.entities[id]
		}
		end := i + n
		if e.Kind == KindCentral && hasPrefixRunes(rs[end:], "党委", "党组") {
			end += 2
			e.Name = string(rs[i:end])
		}
		if e.Province == "" && len(e.Candidates) > 0 && len(out) > 0 && out[len(out)-1].End == i {
			if p := out[len(out)-1].Province; contains(e.Candidates, p) {
				e.Province, e.Candidates = p, nil
			}
		}
		out = append(out, Match{Entity: e, Start: i, End: end})
		i = end
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func hasPrefixRunes(rs []rune, prefixes ...string) bool {
	for _, p := range prefixes {
		j := 0
		ok := true
		for _, r := range p {
			if j >= len(rs) || rs[j] != r {
				ok = false
				break
			}
			j++
		}
		if ok {
			return true
		}
	}
	return false
}
