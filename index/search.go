package index

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dangjian/dangjian/hanzi"
	"github.com/dangjian/dangjian/query"
)

// Request is a search: the parsed query, its filters merged in, and the page wanted.
type Request struct {
	Query  *query.Query
	Limit  int // hits per page; 10 if zero
	Offset int
}

// Hit is one article that matches.
type Hit struct {
	DocID     int64    `json:"id"`
	URL       string   `json:"url"`
	Title     string   `json:"title"`
	Source    string   `json:"source"`
	Published string   `json:"published"`
	Year      int      `json:"year,omitempty"`
	Score     float64  `json:"score"`
	Provinces []string `json:"provinces"`
	Snippets  []string `json:"snippets"`
	// Duplicates are the other matching members of the article's near-duplicate group.
	Duplicates []int64 `json:"duplicates"`
}

// Result is a page of hits, the total and the facet counts over all hits.
type Result struct {
	Total int   `json:"total"`
	Hits  []Hit `json:"hits"`
	// Facets count articles by source and year, and passages by province: a province
	// counts where a passage attributed to it says what was searched.
	Facets map[string]map[string]int `json:"facets"`
}

// matcher is a query prepared for one search: folded terms and filters as string ids.
type matcher struct {
	terms     [][]string // AND of OR-groups of folded strings
	exclude   []string
	sources   map[uint16]bool // nil: any source
	years     map[int]bool    // nil: any year
	provinces map[uint16]bool // nil: no province filter, search articles
}

func (ix *Index) newMatcher(q *query.Query) (*matcher, error) {
	m := &matcher{}
	for _, t := range q.Terms {
		var group []string
		for _, a := range t.Alternatives() {
			group = append(group, hanzi.Fold(a.Text))
		}
		m.terms = append(m.terms, group)
	}
	for _, t := range q.Exclude {
		m.exclude = append(m.exclude, hanzi.Fold(t.Text))
	}
	// Names match whatever script or width they are written in: source:新華網 is 新华网.
	ids := func(values []string) map[uint16]bool {
		set := map[uint16]bool{}
		for _, v := range values {
			v = hanzi.Fold(v)
			for id, name := range ix.names {
				if hanzi.Fold(name) == v {
					set[uint16(id)] = true
				}
			}
		}
		return set
	}
	for field, values := range q.Filters {
		if len(values) == 0 {
			continue
		}
		switch field {
		case "province":
			m.provinces = ids(values)
		case "source":
			m.sources = ids(values)
		case "year":
			m.years = map[int]bool{}
			for _, v := range values {
				lo, hi, err := yearRange(v)
				if err != nil {
					return nil, err
				}
				for y := lo; y <= hi; y++ {
					m.years[y] = true
				}
			}
		default:
			return nil, fmt.Errorf("index: unknown filter %q", field)
		}
	}
	return m, nil
}

// yearRange reads "2023" or "2020..2023".
func yearRange(v string) (int, int, error) {
	lo, hi, isRange := strings.Cut(v, "..")
	if !isRange {
		hi = lo
	}
	a, err1 := strconv.Atoi(lo)
	b, err2 := strconv.Atoi(hi)
	if err1 != nil || err2 != nil || a > b || b-a > query.MaxYearSpan {
		return 0, 0, fmt.Errorf("index: bad year %q (want YYYY or YYYY..YYYY)", v)
	}
	return a, b, nil
}

// highlights is every positive term, for marking snippets.
func (m *matcher) highlights() []string {
	var out []string
	for _, g := range m.terms {
		for _, t := range g {
			out = append(out, query.PhraseParts(t)...) // a phrase with spaces is marked part by part
		}
	}
	return out
}

// termHits is where one term stands: the entry of its lists when it is a frequent string
// (see grams.go), otherwise its occurrences.
type termHits struct {
	term string
	gram int
	occs []occ
}

func (ix *Index) termHits(term string) (termHits, error) {
	switch parts := query.PhraseParts(term); {
	case len(parts) > 1:
		return ix.phraseHits(term)
	case len(parts) == 1:
		term = parts[0] // spaces around a phrase stand for nothing
	}
	if i := ix.gramKeys.find(term); i >= 0 {
		return termHits{term: term, gram: i}, nil
	}
	return ix.occurrenceHits(term)
}

func (ix *Index) occurrenceHits(term string) (termHits, error) {
	pos, err := ix.occurrences(term)
	occs := make([]occ, len(pos))
	for i, p := range pos {
		occs[i] = occ{p, uint32(len(term))}
	}
	return termHits{term: term, gram: -1, occs: occs}, err
}

// listed: the term's entry lists its articles and passages, which a single character's
// entry does not (see gramLister.encode).
func (t *termHits) listed() bool { return t.gram >= 0 && utf8.RuneCountInString(t.term) > 1 }

// side is articles or passages: the units a search places terms in.
type side struct {
	us       *units
	passages bool
	weight   func(unit int, o occ) float64
	avgLen   float64
}

// groupUnits is where any term of a group stands on one side, with the counts added.
func (ix *Index) groupUnits(group []termHits, s *side) ([]unitTF, error) {
	var out []unitTF
	for i, t := range group {
		var list []unitTF
		if t.gram >= 0 {
			var err error
			part := gramDocs
			if s.passages {
				part = gramPassages
			}
			if list, err = ix.gramPart(t.gram, part); err != nil {
				return nil, err
			}
		} else {
			list = inUnits(t.occs, s.us, s.weight)
		}
		if i == 0 {
			out = list
		} else {
			out = sumUnits(out, list)
		}
	}
	return out, nil
}

// BM25's parameters, the usual ones.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// bm25 scores a unit's weighted count of a term that df of the units contain.
func bm25(us *units, avgLen float64, df int) func(unitTF) float64 {
	total := float64(us.len())
	idf := math.Log(1 + (total-float64(df)+0.5)/(float64(df)+0.5))
	return func(t unitTF) float64 {
		norm := bm25K1 * (1 - bm25B + bm25B*float64(us.spans[t.unit].end-us.spans[t.unit].start)/max(avgLen, 1))
		return idf * t.tf * (bm25K1 + 1) / (t.tf + norm)
	}
}

// ranked is a unit that matched every group, with its BM25 score.
type ranked struct {
	unit  uint32
	score float64
}

// evaluate finds the units (articles, or passages) that contain every group and no
// excluded term, and that pass keep (nil: every unit passes), scored by BM25 over the
// weighted counts.
func (ix *Index) evaluate(ctx context.Context, groups, excluded [][]termHits, s *side, keep func(unit int) bool) ([]ranked, error) {
	us := s.us
	var out []ranked
	if len(groups) == 0 {
		for u := range us.len() {
			if keep == nil || keep(u) {
				out = append(out, ranked{unit: uint32(u)})
			}
		}
	}
	for g, group := range groups {
		tfs, err := ix.groupUnits(group, s)
		if err != nil {
			return nil, err
		}
		score := bm25(us, s.avgLen, len(tfs))
		if g == 0 {
			out = make([]ranked, 0, len(tfs))
			for _, t := range tfs {
				if keep == nil || keep(int(t.unit)) {
					out = append(out, ranked{t.unit, score(t)})
				}
			}
		} else {
			out = merge(out, tfs, true, score)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	for _, ex := range excluded {
		hit, err := ix.groupUnits(ex, s)
		if err != nil {
			return nil, err
		}
		out = merge(out, hit, false, nil)
	}
	return out, nil
}

// merge walks a and b, both in unit order, keeping the units of a whose presence in b is
// inB: with inB, an intersection that adds each unit's score in b; without, a subtraction.
func merge(a []ranked, b []unitTF, inB bool, score func(unitTF) float64) []ranked {
	out := a[:0]
	j := 0
	for _, r := range a {
		for j < len(b) && b[j].unit < r.unit {
			j++
		}
		found := j < len(b) && b[j].unit == r.unit
		if found != inB {
			continue
		}
		if found {
			r.score += score(b[j])
		}
		out = append(out, r)
	}
	return out
}

// found is what one query finds: its matching passages and, without a province filter,
// its matching articles.
type found struct {
	m        *matcher
	passages []ranked
	docs     []ranked
	facet    []unitTF // when not nil, the province facet by string id, instead of passages
	answer   int      // the frequent string whose stored ranking answers, or -1
}

// find runs the query over passages (all terms in one sentence) and, without a province
// filter, over articles (all terms anywhere in the title and text).
func (ix *Index) find(ctx context.Context, q *query.Query, withDocs, answered bool) (*found, error) {
	m, err := ix.newMatcher(q)
	if err != nil {
		return nil, err
	}
	// A term is looked up once; where it stands is read for articles and for passages.
	hits := func(terms []string) ([]termHits, error) {
		out := make([]termHits, len(terms))
		for i, t := range terms {
			h, err := ix.termHits(t)
			if err != nil {
				return nil, fmt.Errorf("index: search: %w", err)
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			out[i] = h
		}
		return out, nil
	}
	groups := make([][]termHits, len(m.terms))
	for i, g := range m.terms {
		if groups[i], err = hits(g); err != nil {
			return nil, err
		}
	}
	excluded := make([][]termHits, len(m.exclude))
	for i, t := range m.exclude {
		if excluded[i], err = hits([]string{t}); err != nil {
			return nil, err
		}
	}
	var docOK, psgOK func(int) bool // nil: no filter, every unit passes
	if m.sources != nil || m.years != nil {
		docOK = func(d int) bool {
			doc := &ix.docs[d]
			return (m.sources == nil || m.sources[doc.source]) && (m.years == nil || m.years[int(doc.year)])
		}
	}
	if docOK != nil || m.provinces != nil {
		psgOK = func(p int) bool {
			if docOK != nil && !docOK(int(ix.psgs[p].doc)) {
				return false
			}
			if m.provinces == nil {
				return true
			}
			for _, id := range ix.passageProvinces(uint32(p)) {
				if m.provinces[id] {
					return true
				}
			}
			return false
		}
	}
	f := &found{m: m, answer: -1}
	if alone := len(groups) == 1 && len(groups[0]) == 1 && len(excluded) == 0 && psgOK == nil; withDocs && alone && groups[0][0].gram >= 0 {
		// A frequent string searched alone: the rebuild ranked its articles and counted its
		// passages by province.
		f.answer = groups[0][0].gram
		if f.facet, err = ix.gramPart(f.answer, gramFacet); err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		if answered {
			return f, nil
		}
	}
	for _, g := range slices.Concat(groups, excluded) {
		for i := range g {
			if g[i].gram >= 0 && !g[i].listed() {
				if g[i], err = ix.occurrenceHits(g[i].term); err != nil {
					return nil, fmt.Errorf("index: search: %w", err)
				}
			}
		}
	}
	// Articles and passages are searched at once, on two cores where there are two.
	var docErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		if withDocs && m.provinces == nil {
			weight := func(u int, o occ) float64 { return ix.docWeight(u, o, ix.words.edge(o)) }
			docs := &side{us: &ix.docUnits, weight: weight, avgLen: ix.avgDocLen}
			f.docs, docErr = ix.evaluate(ctx, groups, excluded, docs, docOK)
		}
	}()
	// Passages are ranked only when they make the hits (a province filter); otherwise
	// they feed the province facet, and the whole-word test would be work for nothing.
	weight := func(int, occ) float64 { return 1 }
	if m.provinces != nil {
		weight = func(u int, o occ) float64 { return ix.passageWeight(u, o, ix.words.edge(o)) }
	}
	psgs := &side{us: &ix.psgUnits, passages: true, weight: weight, avgLen: ix.avgPsgLen}
	if f.facet == nil {
		f.passages, err = ix.evaluate(ctx, groups, excluded, psgs, psgOK)
	}
	<-done
	if err == nil {
		err = docErr
	}
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	return f, nil
}

// Search runs a query. Without a province filter it matches articles (all terms somewhere in
// the article); with one, passages attributed to that province (all terms in one passage),
// and an article is a hit when one of its passages is. Near-duplicate articles (reprints)
// make one hit: the group's canonical when it matches, the others under Duplicates.
func (ix *Index) Search(ctx context.Context, r Request) (*Result, error) {
	if r.Query == nil {
		return nil, fmt.Errorf("index: empty query")
	}
	if err := ix.readLock(); err != nil {
		return nil, err
	}
	defer ix.mu.RUnlock()
	limit := r.Limit
	if limit <= 0 {
		limit = 10
	}
	f, err := ix.find(ctx, r.Query, true, true)
	if err != nil {
		return nil, err
	}
	if f.answer >= 0 {
		rk, err := ix.answer(f.answer)
		if err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		if r.Offset+limit <= len(rk.top) || len(rk.top) == rk.total {
			rk.top, rk.dups = rk.top[:min(r.Offset+limit, len(rk.top))], rk.dups[:min(r.Offset+limit, len(rk.top))]
			return ix.result(ctx, f.m, rk, f.facet, nil, r.Offset)
		}
		// A page beyond the stored ones: rank every article.
		if f, err = ix.find(ctx, r.Query, true, false); err != nil {
			return nil, err
		}
	}
	var hits []docHit
	if f.m.provinces != nil {
		for i, p := range f.passages {
			d := ix.psgs[p.unit].doc
			if k := len(hits); k > 0 && hits[k-1].doc == d {
				hits[k-1].score += p.score
				hits[k-1].to++
				continue
			}
			hits = append(hits, docHit{doc: d, score: p.score, from: int32(i), to: int32(i + 1)})
		}
	} else {
		hits = make([]docHit, len(f.docs))
		for i, d := range f.docs {
			hits[i] = docHit{doc: d.unit, score: d.score}
		}
	}
	matched := ix.marked(hits)
	provinces := f.facet
	if provinces == nil {
		provinces = ix.countProvinces(f.passages, matched)
	}
	rk := ix.rank(hits, matched, r.Offset+limit)
	return ix.result(ctx, f.m, rk, provinces, f.passages, r.Offset)
}

// result is the page of hits from offset of a ranking, and its facets.
func (ix *Index) result(ctx context.Context, m *matcher, rk ranking, provinces []unitTF, psgs []ranked, offset int) (*Result, error) {
	res := &Result{Total: rk.total, Hits: []Hit{}, Facets: map[string]map[string]int{"province": {}, "year": {}, "source": {}}}
	for _, c := range provinces {
		res.Facets["province"][ix.names[c.unit]] += int(c.tf)
	}
	for _, c := range rk.sources {
		if ix.names[c.unit] != "" {
			res.Facets["source"][ix.names[c.unit]] = int(c.tf)
		}
	}
	for _, c := range rk.years {
		if c.unit > 0 {
			res.Facets["year"][strconv.Itoa(int(c.unit))] = int(c.tf)
		}
	}
	if offset < len(rk.top) {
		var err error
		if res.Hits, err = ix.page(ctx, rk.top[offset:], rk.dups[offset:], psgs, m); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// docHit is an article that matched; when passages were searched, from and to delimit its
// passages among those found. It holds no pointers: a common word makes tens of thousands.
type docHit struct {
	doc      uint32 // article number in the index
	from, to int32
	score    float64
}

// better orders hits: higher score first, then lower id.
func (l *layout) better(a, b *docHit) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return l.docs[a.doc].id < l.docs[b.doc].id
}

// top returns the best n hits in order, selecting them with a heap: a common word can
// match most articles, of which a page shows ten.
func (l *layout) top(hits []docHit, n int) []docHit {
	if n >= len(hits) {
		slices.SortFunc(hits, func(a, b docHit) int { return l.order(&a, &b) })
		return hits
	}
	// h is a min-heap (worst on top) of the best n seen so far.
	h := make([]docHit, 0, n)
	worse := func(i, j int) bool { return l.better(&h[j], &h[i]) }
	down := func(i int) {
		for {
			c := 2*i + 1
			if c >= len(h) {
				return
			}
			if c+1 < len(h) && worse(c+1, c) {
				c++
			}
			if !worse(c, i) {
				return
			}
			h[i], h[c] = h[c], h[i]
			i = c
		}
	}
	for _, x := range hits {
		if len(h) < n {
			h = append(h, x)
			for i := len(h) - 1; i > 0 && worse(i, (i-1)/2); i = (i - 1) / 2 {
				h[i], h[(i-1)/2] = h[(i-1)/2], h[i]
			}
			continue
		}
		if l.better(&x, &h[0]) {
			h[0] = x
			down(0)
		}
	}
	slices.SortFunc(h, func(a, b docHit) int { return l.order(&a, &b) })
	return h
}

func (l *layout) order(a, b *docHit) int {
	switch {
	case l.better(a, b):
		return -1
	case l.better(b, a):
		return 1
	}
	return 0
}

// collapse keeps one hit per near-duplicate group, ranked by its best member: the
// canonical where it matched (it is the most complete copy), else the best member. The
// others are listed as its duplicates when its page is shown.
func (l *layout) collapse(hits []docHit) []docHit {
	out := hits[:0]
	var first []int32 // group number → index in out, +1; 0 for a group not seen yet
	for _, h := range hits {
		grp := l.groupNum[h.doc]
		if grp < 0 {
			out = append(out, h) // no copies: nothing to collapse into
			continue
		}
		if first == nil {
			first = make([]int32, l.groups)
		}
		if first[grp] == 0 {
			out = append(out, h)
			first[grp] = int32(len(out))
			continue
		}
		rep := &out[first[grp]-1]
		best := max(rep.score, h.score)
		if canon := l.groupCanon[grp]; int32(rep.doc) != canon && (int32(h.doc) == canon || l.better(&h, rep)) {
			*rep = h
		}
		rep.score = best
	}
	return out
}

// duplicates are the matched members of h's near-duplicate group besides h, in order.
func (l *layout) duplicates(h *docHit, matched []uint64) []uint32 {
	grp := l.groupNum[h.doc]
	if grp < 0 {
		return nil
	}
	var out []uint32
	for _, d := range l.groupMembers[l.groupStart[grp]:l.groupStart[grp+1]] {
		if d != h.doc && matched[d/64]&(1<<(d%64)) != 0 {
			out = append(out, d)
		}
	}
	return out
}

// marked has a bit set for the article of every hit: the articles that matched, before
// near-duplicates are collapsed.
func (l *layout) marked(hits []docHit) []uint64 {
	matched := make([]uint64, (len(l.docs)+63)/64)
	for _, h := range hits {
		matched[h.doc/64] |= 1 << (h.doc % 64)
	}
	return matched
}

// ranking is what a search shows besides the text of its page: the total, the articles
// by source (string id) and by year, and the best hits with their matched duplicates.
type ranking struct {
	total          int
	sources, years []unitTF // (string id or year, count), in order
	top            []docHit
	dups           [][]uint32
}

// rank collapses near-duplicates among the hits (matched marks them all), counts them,
// and keeps the best n in order.
func (l *layout) rank(hits []docHit, matched []uint64, n int) ranking {
	hits = l.collapse(hits)
	rk := ranking{total: len(hits)}
	years := make([]int, l.maxYear+1)
	sources := make([]int, l.nameCount)
	for _, h := range hits {
		d := &l.docs[h.doc]
		sources[d.source]++
		years[d.year]++
	}
	rk.sources, rk.years = nonZero(sources), nonZero(years)
	rk.top = l.top(hits, min(n, len(hits)))
	for i := range rk.top {
		rk.dups = append(rk.dups, l.duplicates(&rk.top[i], matched))
	}
	return rk
}

// nonZero are the counts that are not zero, with their index.
func nonZero(counts []int) []unitTF {
	var out []unitTF
	for i, n := range counts {
		if n > 0 {
			out = append(out, unitTF{uint32(i), float64(n)})
		}
	}
	return out
}

// countProvinces counts the matching passages of the matched articles by province (string
// id), each passage once per near-duplicate group: a reprint says nothing new.
func (ix *Index) countProvinces(psgs []ranked, matched []uint64) []unitTF {
	byID := make([]int, len(ix.names))
	ix.layout.countProvinces(len(psgs), func(i int) uint32 { return psgs[i].unit }, func(d uint32) bool {
		return matched[d/64]&(1<<(d%64)) != 0
	}, byID)
	return nonZero(byID)
}

// page makes the displayed form of the hits of one page.
func (ix *Index) page(ctx context.Context, page []docHit, dups [][]uint32, psgs []ranked, m *matcher) ([]Hit, error) {
	out := make([]Hit, 0, len(page))
	terms := m.highlights()
	for i, h := range page {
		d := &ix.docs[h.doc]
		a, err := ix.records.get(int(h.doc), ix.names)
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		hit := Hit{DocID: d.id, URL: a.URL, Title: a.Title, Source: ix.names[d.source], Published: a.Published,
			Year: int(d.year), Score: h.score, Provinces: a.Provinces, Duplicates: []int64{}}
		for _, d := range dups[i] {
			hit.Duplicates = append(hit.Duplicates, ix.docs[d].id)
		}
		slices.Sort(hit.Duplicates)
		if hit.Provinces == nil {
			hit.Provinces = []string{}
		}
		o := original{folded: ix.folded[d.text:d.end], patches: ix.patches[d.patchStart:d.patchEnd]}
		if h.to > h.from {
			for _, p := range psgs[h.from:h.to] {
				s, e := ix.passages.start(int(p.unit))-d.text, ix.passages.end(int(p.unit))-d.text
				hit.Snippets = append(hit.Snippets, snippets(o, int(s), int(e), terms, 1, passageWidth)...)
				if len(hit.Snippets) >= maxSnippets {
					break
				}
			}
		} else {
			hit.Snippets = snippets(o, 0, len(o.folded), terms, maxSnippets, snippetWidth)
			if len(hit.Snippets) == 0 {
				title := string(ix.folded[d.start : d.text-1])
				hit.Snippets = snippets(newOriginal(a.Title, title), 0, len(title), terms, 1, snippetWidth)
			}
		}
		if hit.Snippets == nil {
			hit.Snippets = []string{}
		}
		out = append(out, hit)
	}
	return out, nil
}

const (
	maxSnippets  = 3
	snippetWidth = 60
	// A passage hit shows its sentence whole where it can: it is the evidence that the
	// province said it.
	passageWidth = 160
)

// Trend counts the passages that say what q asks for, by province and year, each passage
// once per near-duplicate group.
// TrendBase counts the characters of the passages attributed to each province, by year
// (0: unknown): the denominators of counts per million characters. A reprint's passages
// count once, as in Trend. It is computed on first use and kept.
func (ix *Index) TrendBase() (map[string]map[int]int, error) {
	if err := ix.readLock(); err != nil {
		return nil, err
	}
	defer ix.mu.RUnlock()
	ix.baseOnce.Do(func() {
		out := map[string]map[int]int{}
		ix.distinctPassages(len(ix.psgs), func(i int) uint32 { return uint32(i) }, func(p uint32) {
			sp := ix.psgUnits.spans[p]
			text := ix.folded[sp.start:sp.end]
			chars := utf8.RuneCount(text) - bytes.Count(text, []byte{'\n'}) // characters of text, not line ends
			year := int(ix.docs[ix.psgs[p].doc].year)
			for _, id := range ix.passageProvinces(p) {
				pv := ix.names[id]
				if out[pv] == nil {
					out[pv] = map[int]int{}
				}
				out[pv][year] += chars
			}
		})
		ix.base = out
	})
	return ix.base, nil
}

func (ix *Index) Trend(ctx context.Context, q *query.Query) (map[string]map[int]int, error) {
	if err := ix.readLock(); err != nil {
		return nil, err
	}
	defer ix.mu.RUnlock()
	f, err := ix.find(ctx, q, false, false)
	if err != nil {
		return nil, err
	}
	out := map[string]map[int]int{}
	ix.distinctPassages(len(f.passages), func(i int) uint32 { return f.passages[i].unit }, func(p uint32) {
		year := int(ix.docs[ix.psgs[p].doc].year)
		for _, id := range ix.passageProvinces(p) {
			pv := ix.names[id]
			if out[pv] == nil {
				out[pv] = map[int]int{}
			}
			out[pv][year]++
		}
	})
	return out, nil
}
