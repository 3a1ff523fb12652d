package index

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/dangjian/dangjian/dedup"
	"github.com/dangjian/dangjian/hanzi"
	"github.com/dangjian/dangjian/query"
)

// MaxCandidates bounds how many records one query may verify: the best-scoring ones are
// kept, so a query that matches more counts and shows only those.
const MaxCandidates = 200000

// Index is an open, read-only index generation.
type Index struct {
	bi     bleve.Index // the shards searched as one
	shards []bleve.Index
	dir    string
	meta   Meta
}

// Open opens the current generation under root (DATA/index) for searching. It never
// blocks a rebuild and a rebuild never blocks it.
func Open(root string) (*Index, error) {
	dir, err := current(root)
	if err != nil {
		return nil, err
	}
	meta, err := readMeta(dir)
	if err != nil {
		return nil, err
	}
	ix := &Index{dir: dir, meta: meta}
	for i := range max(meta.Shards, 1) {
		bi, err := bleve.OpenUsing(filepath.Join(dir, shardDir(i)), map[string]interface{}{"read_only": true})
		if err != nil {
			ix.Close()
			first, _, _ := strings.Cut(err.Error(), "\n")
			return nil, fmt.Errorf("index: the index in %s is damaged (%s); run `dangjian rebuild` to recreate it", dir, first)
		}
		ix.shards = append(ix.shards, bi)
	}
	ix.bi = bleve.NewIndexAlias(ix.shards...)
	return ix, nil
}

// Close releases the index files.
func (ix *Index) Close() error {
	var first error
	for _, bi := range ix.shards {
		if err := bi.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Meta describes the generation that is open.
func (ix *Index) Meta() Meta { return ix.meta }

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

// matcher is a query prepared for one search: folded terms and what must be verified.
type matcher struct {
	terms   [][]string // AND of OR-groups of folded strings
	exclude []string
	filters map[string][]string
	verify  bool // the n-gram lookup alone is not exact for some term
}

func newMatcher(q *query.Query) *matcher {
	m := &matcher{filters: q.Filters}
	for _, t := range q.Terms {
		var group []string
		alts := t.Any
		if len(alts) == 0 {
			alts = []query.Term{t}
		}
		for _, a := range alts {
			f := hanzi.Fold(a.Text)
			group = append(group, f)
			if !exactByGrams(f) {
				m.verify = true
			}
		}
		m.terms = append(m.terms, group)
	}
	for _, t := range q.Exclude {
		m.exclude = append(m.exclude, hanzi.Fold(t.Text))
		m.verify = true
	}
	return m
}

// exactByGrams: a single run of one or two word characters is one index term, so the
// lookup alone decides it; anything longer is a conjunction of bigrams that must be checked.
func exactByGrams(s string) bool {
	n := 0
	for _, r := range s {
		if !isWordRune(r) {
			return false
		}
		n++
	}
	return n >= 1 && n <= 2
}

// matches reports whether folded text satisfies the query's terms and exclusions.
func (m *matcher) matches(folded string) bool {
	for _, group := range m.terms {
		ok := false
		for _, t := range group {
			if strings.Contains(folded, t) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, t := range m.exclude {
		if strings.Contains(folded, t) {
			return false
		}
	}
	return true
}

// highlights is every positive term, for marking snippets.
func (m *matcher) highlights() []string {
	var out []string
	for _, g := range m.terms {
		out = append(out, g...)
	}
	return out
}

func termQuery(field, term string) bquery.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return q
}

// gramQuery finds the records that hold every n-gram of a folded term.
func gramQuery(term string) bquery.Query {
	gs := grams(term)
	if len(gs) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	qs := make([]bquery.Query, len(gs))
	for i, g := range gs {
		qs[i] = termQuery(fieldGrams, g)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// bleveQuery is the candidate query for records of a kind. Words of the segmenter raise
// the score of records where a term stands as a whole word.
func (m *matcher) bleveQuery(kind string) (bquery.Query, error) {
	must := []bquery.Query{termQuery(fieldKind, kind)}
	var should []bquery.Query
	for _, group := range m.terms {
		alts := make([]bquery.Query, len(group))
		for i, t := range group {
			alts[i] = gramQuery(t)
			wq := bleve.NewTermQuery(t)
			wq.SetField(fieldWords)
			wq.SetBoost(2)
			should = append(should, wq)
		}
		if len(alts) == 1 {
			must = append(must, alts[0])
		} else {
			must = append(must, bleve.NewDisjunctionQuery(alts...))
		}
	}
	for field, values := range m.filters {
		f, err := filterQuery(field, values, kind)
		if err != nil {
			return nil, err
		}
		if f != nil {
			must = append(must, f)
		}
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(must...)
	if len(should) > 0 {
		bq.AddShould(should...)
	}
	return bq, nil
}

// filterQuery restricts by a field:value filter. Provinces belong to passages; an article
// query ignores the province filter, which the caller applies through passages.
func filterQuery(field string, values []string, kind string) (bquery.Query, error) {
	var alts []bquery.Query
	switch field {
	case "province":
		if kind == KindDoc {
			return nil, nil
		}
		for _, v := range values {
			alts = append(alts, termQuery(fieldProvince, v))
		}
	case "source":
		for _, v := range values {
			alts = append(alts, termQuery(fieldSource, v))
		}
	case "year":
		for _, v := range values {
			lo, hi, err := yearRange(v)
			if err != nil {
				return nil, err
			}
			for y := lo; y <= hi; y++ {
				alts = append(alts, termQuery(fieldYear, strconv.Itoa(y)))
			}
		}
	default:
		return nil, fmt.Errorf("index: unknown filter %q", field)
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return bleve.NewDisjunctionQuery(alts...), nil
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

// candidate is a record that the n-gram lookup returned.
type candidate struct {
	id     string
	score  float64
	fields map[string]interface{}
}

func (ix *Index) candidates(ctx context.Context, q bquery.Query, fields []string) ([]candidate, error) {
	req := bleve.NewSearchRequestOptions(q, MaxCandidates, 0, false)
	req.Fields = fields
	res, err := ix.search(ctx, req)
	if err == nil {
		err = ctx.Err() // a search cut short returns what it found so far: not an answer
	}
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	out := make([]candidate, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = candidate{id: h.ID, score: h.Score, fields: h.Fields}
	}
	return out, nil
}

// search runs req over all shards. Bleve's alias answers with the hits of the shards that
// worked and counts the others as failed; a shard that failed (closed, damaged) makes the
// answer incomplete, so it is an error, not fewer hits.
func (ix *Index) search(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	if res.Status != nil && res.Status.Failed > 0 {
		for _, e := range res.Status.Errors {
			return nil, fmt.Errorf("%d of %d shards failed: %w", res.Status.Failed, res.Status.Total, e)
		}
		return nil, fmt.Errorf("%d of %d shards failed", res.Status.Failed, res.Status.Total)
	}
	return res, nil
}

func str(fields map[string]interface{}, name string) string {
	s, _ := fields[name].(string)
	return s
}

func strs(fields map[string]interface{}, name string) []string {
	switch v := fields[name].(type) {
	case string:
		return []string{v}
	case []interface{}:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// passage is a verified passage match.
type passage struct {
	id        string // the record's id, to read its text when needed
	doc       int64
	group     int64
	grouped   bool // the article has copies: the passage may repeat one of theirs
	score     float64
	text      string
	start     int
	year      int
	provinces []string
}

// passages finds the passages that contain every term of m (all in the one sentence).
func (ix *Index) passages(ctx context.Context, m *matcher) ([]passage, error) {
	q, err := m.bleveQuery(KindPassage)
	if err != nil {
		return nil, err
	}
	// Text is read with the candidates only when they must be verified; otherwise only
	// the few passages that need it (reprints, snippets) read it later.
	fields := []string{fieldDoc, fieldYear, fieldProvince, fieldStart, fieldGroup}
	if m.verify {
		fields = append(fields, fieldText)
	}
	cands, err := ix.candidates(ctx, q, fields)
	if err != nil {
		return nil, err
	}
	out := make([]passage, 0, len(cands))
	for _, c := range cands {
		text := str(c.fields, fieldText)
		if m.verify && !m.matches(hanzi.Fold(text)) {
			continue
		}
		doc, _ := strconv.ParseInt(str(c.fields, fieldDoc), 10, 64)
		group, grouped := groupField(c.fields, doc)
		out = append(out, passage{id: c.id, doc: doc, group: group, grouped: grouped, score: c.score, text: text,
			start: atoi(str(c.fields, fieldStart)), year: atoi(str(c.fields, fieldYear)), provinces: strs(c.fields, fieldProvince)})
	}
	var grouped []*passage
	for i := range out {
		if out[i].grouped {
			grouped = append(grouped, &out[i])
		}
	}
	if err := ix.loadPassageTexts(ctx, grouped); err != nil {
		return nil, fmt.Errorf("index: load passages: %w", err)
	}
	return out, nil
}

// Search runs a query. Without a province filter it matches articles (all terms somewhere in
// the article); with one, passages attributed to that province (all terms in one passage),
// and an article is a hit when one of its passages is. Near-duplicate articles (reprints)
// make one hit: the group's canonical when it matches, the others under Duplicates.
func (ix *Index) Search(ctx context.Context, r Request) (*Result, error) {
	if r.Query == nil {
		return nil, fmt.Errorf("index: empty query")
	}
	limit := r.Limit
	if limit <= 0 {
		limit = 10
	}
	m := newMatcher(r.Query)
	res := &Result{Facets: map[string]map[string]int{"province": {}, "year": {}, "source": {}}}

	psgs, err := ix.passages(ctx, m)
	if err != nil {
		return nil, err
	}
	var hits []*docHit
	if len(m.filters["province"]) > 0 {
		byDoc := map[int64]*docHit{}
		for _, p := range psgs {
			h := byDoc[p.doc]
			if h == nil {
				h = &docHit{id: p.doc, group: p.group}
				byDoc[p.doc] = h
				hits = append(hits, h)
			}
			h.score += p.score
			h.passages = append(h.passages, p)
		}
	} else {
		q, err := m.bleveQuery(KindDoc)
		if err != nil {
			return nil, err
		}
		fields := []string{fieldDoc, fieldGroup}
		if m.verify {
			fields = append(fields, fieldTitle, fieldText)
		}
		cands, err := ix.candidates(ctx, q, fields)
		if err != nil {
			return nil, err
		}
		for _, c := range cands {
			if m.verify && !m.matches(hanzi.Fold(str(c.fields, fieldTitle)+"\n"+str(c.fields, fieldText))) {
				continue
			}
			id, _ := strconv.ParseInt(str(c.fields, fieldDoc), 10, 64)
			group, _ := groupField(c.fields, id)
			hits = append(hits, &docHit{id: id, score: c.score, group: group})
		}
	}
	inHits := make(map[int64]bool, len(hits))
	for _, h := range hits {
		inHits[h.id] = true
	}
	for _, p := range distinctPassages(psgs) {
		if !inHits[p.doc] {
			continue
		}
		for _, pv := range p.provinces {
			res.Facets["province"][pv]++
		}
	}
	hits = collapse(hits)
	res.Total = len(hits)
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}
	docs, err := ix.loadDocs(ctx, ids, false)
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		d := docs[h.id]
		if d.Source != "" {
			res.Facets["source"][d.Source]++
		}
		if d.Year > 0 {
			res.Facets["year"][strconv.Itoa(d.Year)]++
		}
	}
	if r.Offset < len(hits) {
		page := hits[r.Offset:]
		if len(page) > limit {
			page = page[:limit]
		}
		pageIDs := make([]int64, len(page))
		var psgs []*passage
		for i, h := range page {
			pageIDs[i] = h.id
			for j := range h.passages {
				psgs = append(psgs, &h.passages[j])
			}
		}
		texts, err := ix.loadDocs(ctx, pageIDs, true)
		if err != nil {
			return nil, err
		}
		if err := ix.loadPassageTexts(ctx, psgs); err != nil {
			return nil, fmt.Errorf("index: load passages: %w", err)
		}
		for _, h := range page {
			res.Hits = append(res.Hits, ix.hit(h, texts[h.id], m))
		}
	}
	if res.Hits == nil {
		res.Hits = []Hit{}
	}
	return res, nil
}

// docHit is an article that matched, with the passages that matched when searching passages.
type docHit struct {
	id         int64
	group      int64
	score      float64
	passages   []passage
	duplicates []int64
}

// groupField reads a record's near-duplicate group: its canonical article, and whether
// the article has copies at all (a record without the field is its own group).
func groupField(fields map[string]interface{}, id int64) (int64, bool) {
	if g, err := strconv.ParseInt(str(fields, fieldGroup), 10, 64); err == nil && g != 0 {
		return g, true
	}
	return id, false
}

// collapse orders hits by score and keeps one per near-duplicate group: the canonical where
// it matched (it is the most complete copy), else the best-scoring member, listing the others.
func collapse(hits []*docHit) []*docHit {
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].id < hits[j].id
	})
	out := hits[:0:0]
	first := map[int64]*docHit{}
	for _, h := range hits {
		rep := first[h.group]
		if rep == nil {
			first[h.group] = h
			out = append(out, h)
			continue
		}
		if h.id == h.group {
			// The canonical takes the place of the member that ranked first.
			rep.id, h.id = h.id, rep.id
			rep.passages, h.passages = h.passages, rep.passages
		}
		rep.duplicates = append(rep.duplicates, h.id)
	}
	for _, h := range out {
		sort.Slice(h.duplicates, func(i, j int) bool { return h.duplicates[i] < h.duplicates[j] })
	}
	return out
}

// distinctPassages drops the passages that repeat, within a near-duplicate group, a passage
// already counted: a reprint says nothing new. Passages are compared on their normalised
// text, so a reprint that writes 第十年 as 第10年 repeats too.
func distinctPassages(psgs []passage) []passage {
	type key struct {
		group int64
		text  string
	}
	seen := make(map[key]bool, len(psgs))
	out := make([]passage, 0, len(psgs))
	for _, p := range psgs {
		if !p.grouped {
			out = append(out, p) // an article without copies repeats nothing
			continue
		}
		k := key{p.group, dedup.Normalize(p.text)}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return out
}

// hit makes the displayed form of a matching article.
func (ix *Index) hit(h *docHit, d docFields, m *matcher) Hit {
	hit := Hit{DocID: h.id, URL: d.URL, Title: d.Title, Source: d.Source, Published: d.Published,
		Year: d.Year, Score: h.score, Provinces: d.Provinces, Duplicates: h.duplicates}
	if hit.Provinces == nil {
		hit.Provinces = []string{}
	}
	if hit.Duplicates == nil {
		hit.Duplicates = []int64{}
	}
	if len(h.passages) > 0 {
		for _, p := range h.passages {
			hit.Snippets = append(hit.Snippets, Snippets(p.text, m.highlights(), 1, passageWidth)...)
			if len(hit.Snippets) >= maxSnippets {
				break
			}
		}
	} else {
		hit.Snippets = Snippets(d.Text, m.highlights(), maxSnippets, snippetWidth)
		if len(hit.Snippets) == 0 {
			hit.Snippets = Snippets(d.Title, m.highlights(), 1, snippetWidth)
		}
	}
	if hit.Snippets == nil {
		hit.Snippets = []string{}
	}
	return hit
}

const (
	maxSnippets  = 3
	snippetWidth = 60
	// A passage hit shows its sentence whole where it can: it is the evidence that the
	// province said it.
	passageWidth = 160
)

// docFields is what an article record stores for display.
type docFields struct {
	URL, Title, Source, Published, Text string
	Year                                int
	Provinces                           []string
}

// loadDocs reads the stored fields of the articles of hits. Facets need the source and
// year of every hit, snippets the text of only the page's hits, so text is read only when
// withText says so: reading every hit's text made common words slow.
func (ix *Index) loadDocs(ctx context.Context, ids []int64, withText bool) (map[int64]docFields, error) {
	out := make(map[int64]docFields, len(ids))
	fields := []string{fieldDoc, fieldURL, fieldTitle, fieldSource, fieldPublished, fieldYear, fieldProvince}
	if withText {
		fields = append(fields, fieldText)
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = "d" + strconv.FormatInt(id, 10)
	}
	err := ix.stored(ctx, keys, fields, func(f map[string]interface{}) {
		id, _ := strconv.ParseInt(str(f, fieldDoc), 10, 64)
		out[id] = docFields{URL: str(f, fieldURL), Title: str(f, fieldTitle),
			Source: str(f, fieldSource), Published: str(f, fieldPublished),
			Text: str(f, fieldText), Year: atoi(str(f, fieldYear)), Provinces: strs(f, fieldProvince)}
	})
	if err != nil {
		return nil, fmt.Errorf("index: load documents: %w", err)
	}
	return out, nil
}

// stored reads fields of records by id, a thousand at a time.
func (ix *Index) stored(ctx context.Context, ids []string, fields []string, fn func(map[string]interface{})) error {
	const chunk = 1000
	for i := 0; i < len(ids); i += chunk {
		keys := ids[i:min(i+chunk, len(ids))]
		req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(keys), len(keys), 0, false)
		req.Fields = fields
		res, err := ix.search(ctx, req)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			h.Fields["_id"] = h.ID
			fn(h.Fields)
		}
	}
	return nil
}

// loadPassageTexts fills in the text of the passages that lack it.
func (ix *Index) loadPassageTexts(ctx context.Context, psgs []*passage) error {
	var ids []string
	byID := map[string][]*passage{}
	for _, p := range psgs {
		if p.text == "" && p.id != "" {
			if byID[p.id] == nil {
				ids = append(ids, p.id)
			}
			byID[p.id] = append(byID[p.id], p)
		}
	}
	return ix.stored(ctx, ids, []string{fieldText}, func(f map[string]interface{}) {
		for _, p := range byID[str(f, "_id")] {
			p.text = str(f, fieldText)
		}
	})
}

// Trend counts the passages that say what q asks for, by province and year, each passage
// once per near-duplicate group.
func (ix *Index) Trend(ctx context.Context, q *query.Query) (map[string]map[int]int, error) {
	m := newMatcher(q)
	psgs, err := ix.passages(ctx, m)
	if err != nil {
		return nil, err
	}
	out := map[string]map[int]int{}
	for _, p := range distinctPassages(psgs) {
		for _, pv := range p.provinces {
			if out[pv] == nil {
				out[pv] = map[int]int{}
			}
			out[pv][p.year]++
		}
	}
	return out, nil
}

// Snippets cuts up to max windows of about width characters around the places where terms
// (folded) occur in text, HTML-escaped, with each occurrence wrapped in <mark>. The text
// keeps its original characters; matching is done on its folded form.
func Snippets(text string, terms []string, max, width int) []string {
	orig := []rune(text)
	folded := []rune(hanzi.Fold(text))
	if len(folded) != len(orig) {
		folded = orig
	}
	var spans [][2]int
	for _, t := range terms {
		tr := []rune(t)
		if len(tr) == 0 {
			continue
		}
		for i := 0; i+len(tr) <= len(folded); i++ {
			if runesEqual(folded[i:i+len(tr)], tr) {
				spans = append(spans, [2]int{i, i + len(tr)})
			}
		}
	}
	if len(spans) == 0 {
		return nil
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var out []string
	covered := -1
	for _, sp := range spans {
		if sp[0] < covered || len(out) >= max {
			continue
		}
		lineStart, lineEnd := sp[0], sp[1]
		for lineStart > 0 && orig[lineStart-1] != '\n' {
			lineStart--
		}
		for lineEnd < len(orig) && orig[lineEnd] != '\n' {
			lineEnd++
		}
		pad := (width - (sp[1] - sp[0])) / 2
		if pad < 0 {
			pad = 0
		}
		ws, we := max0(sp[0]-pad, lineStart), min(sp[1]+pad, lineEnd)
		covered = we
		out = append(out, renderSnippet(orig, ws, we, lineStart, lineEnd, spans))
	}
	return out
}

func max0(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func renderSnippet(orig []rune, ws, we, lineStart, lineEnd int, spans [][2]int) string {
	var b strings.Builder
	if ws > lineStart {
		b.WriteString("…")
	}
	i := ws
	for _, sp := range spans {
		if sp[1] <= i || sp[0] >= we {
			continue
		}
		s := max0(sp[0], i)
		e := min(sp[1], we)
		b.WriteString(escape(orig[i:s]))
		b.WriteString("<mark>")
		b.WriteString(escape(orig[s:e]))
		b.WriteString("</mark>")
		i = e
	}
	b.WriteString(escape(orig[i:we]))
	if we < lineEnd {
		b.WriteString("…")
	}
	return b.String()
}

func escape(rs []rune) string {
	var b strings.Builder
	b.Grow(len(rs) * 3)
	for _, r := range rs {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case utf8.RuneError:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Dir is the generation's directory.
func (ix *Index) Dir() string { return ix.dir }
