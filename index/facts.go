package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/dangjian/dangjian/hanzi"
	"github.com/dangjian/dangjian/segment"
)

// The facts index holds every initiative and metric row of a generation, so that the
// extracted tables can be searched and faceted with Bleve's query-string syntax
// (kind:initiative name:网格 province:浙江 year:>=2020). It lives in the generation's
// directory and is swapped in with it.

// factsDir is the facts index's directory inside a generation.
const factsDir = "facts"

// Fact is one initiative or metric row as the facts index stores it.
type Fact struct {
	Kind      string // "initiative" or "metric"
	Actor     string
	ActorKind string
	Province  string
	Year      int // 0 if unknown
	Name      string
	Value     float64
	Unit      string
	What      string
	Approx    bool
	Evidence  string
	DocID     int64
	Title     string
	Published string
	URL       string
	AlsoIn    []string
	Start     int
	End       int
}

// Fields of a fact record. The _s fields are exact keywords beside the analysed ones, for
// facets and for matching a whole name.
const (
	factKind      = "kind"
	factActor     = "actor"
	factActorKind = "actor_kind"
	factProvince  = "province"
	factYear      = "year"
	factYearKey   = "year_s"
	factName      = "name"
	factNameKey   = "name_s"
	factWhat      = "what"
	factWhatKey   = "what_s"
	factValue     = "value"
	factUnit      = "unit"
	factApprox    = "approx"
	factEvidence  = "evidence"
	factDoc       = "doc"
	factTitle     = "title"
	factPublished = "published"
	factURL       = "url"
	factAlsoIn    = "also_in"
	factStart     = "start"
	factEnd       = "end"
)

// wordsTokenizer is the name under which the project's segmenter is registered with
// Bleve, and wordsAnalyzer the analyser built on it.
const (
	wordsTokenizer = "dangjian_words"
	wordsAnalyzer  = "dangjian"
)

var registerOnce sync.Once

// registerWords makes the segmenter known to Bleve. Bleve looks tokenizers up by name in
// a process-wide registry when an index is opened, so this registration is the one
// global the facts index needs.
func registerWords() {
	registerOnce.Do(func() {
		err := registry.RegisterTokenizer(wordsTokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return &wordsTok{seg: segment.New()}, nil
		})
		if err != nil {
			panic(err) // only a second registration under the same name fails
		}
	})
}

// wordsTok emits each word of the segmenter and, inside words of three or more
// characters, every pair of characters: 网格 then finds 网格化管理, which the
// segmenter keeps as one word, and a query's words must all be present (see andMatches).
type wordsTok struct{ seg *segment.Segmenter }

func (t *wordsTok) Tokenize(input []byte) analysis.TokenStream {
	text := string(input)
	folded := hanzi.Fold(text) // 四下基層 is found as 四下基层; Fold keeps one rune for one
	var out analysis.TokenStream
	pos := 1
	// Byte offsets of each rune, for the tokens' Start and End.
	offs := make([]int, 0, len(text)+1)
	for i := range text {
		offs = append(offs, i)
	}
	offs = append(offs, len(text))
	frs := []rune(folded)
	if len(frs) != len(offs)-1 {
		frs = []rune(text) // invalid UTF-8: Fold replaced bytes; index the text as it is
		folded = text
	}
	for _, w := range t.seg.Tokens(folded) {
		if w.Text == "" || isPunctWord(w.Text) {
			continue
		}
		out = append(out, &analysis.Token{Term: []byte(w.Text), Start: offs[w.Start], End: offs[w.End], Position: pos, Type: analysis.Ideographic})
		if w.End-w.Start >= 3 {
			for k := w.Start; k+2 <= w.End; k++ {
				out = append(out, &analysis.Token{Term: []byte(string(frs[k : k+2])), Start: offs[k], End: offs[k+2], Position: pos, Type: analysis.Ideographic})
			}
		}
		pos++
	}
	return out
}

func isPunctWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return utf8.RuneCountInString(w) == 1 && !isWordRune(r)
}

func isWordRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x3400 && r <= 0x9FFF
}

// newFactsMapping describes the fact records.
func newFactsMapping() (mapping.IndexMapping, error) {
	registerWords()
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(wordsAnalyzer, map[string]interface{}{
		"type":      custom.Name,
		"tokenizer": wordsTokenizer,
	}); err != nil {
		return nil, fmt.Errorf("index: facts mapping: %w", err)
	}
	// Doc values are kept only for the facets; the evidence is stored, not searched: cutting
	// every sentence into words would double the time a rebuild spends on this index.
	words := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = wordsAnalyzer
		f.Store = true
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	number := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	for _, n := range []string{factKind, factActor, factNameKey, factWhatKey, factApprox, factPublished} {
		dm.AddFieldMappingsAt(n, keywordField(false))
	}
	for _, n := range FactFacets {
		dm.AddFieldMappingsAt(n, keywordField(true))
	}
	for _, n := range []string{factName, factWhat} {
		dm.AddFieldMappingsAt(n, words())
	}
	for _, n := range []string{factYear, factValue} {
		dm.AddFieldMappingsAt(n, number())
	}
	// Offsets and the document id are shown, not searched: a numeric field indexes
	// several terms per value.
	for _, n := range []string{factDoc, factStart, factEnd} {
		f := number()
		f.Index = false
		dm.AddFieldMappingsAt(n, f)
	}
	for _, n := range []string{factTitle, factURL, factAlsoIn, factEvidence} {
		dm.AddFieldMappingsAt(n, storedField())
	}
	im.DefaultMapping = dm
	im.DefaultAnalyzer = wordsAnalyzer
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}

// factStore writes the fact records of a new generation.
type factStore struct{ *recordStore }

func newFactStore(path string) (*factStore, error) {
	rs, err := newRecordStore(path, "facts", newFactsMapping)
	if err != nil {
		return nil, err
	}
	return &factStore{rs}, nil
}

func (s *factStore) add(f *Fact) error {
	fields := map[string]interface{}{
		factKind: f.Kind, factActor: f.Actor, factActorKind: f.ActorKind, factProvince: f.Province,
		factEvidence: f.Evidence, factDoc: float64(f.DocID), factTitle: f.Title, factURL: f.URL,
		factStart: float64(f.Start), factEnd: float64(f.End), factApprox: strconv.FormatBool(f.Approx),
	}
	if f.Published != "" {
		fields[factPublished] = f.Published
	}
	if f.Year > 0 {
		fields[factYear] = float64(f.Year)
		fields[factYearKey] = strconv.Itoa(f.Year)
	}
	if len(f.AlsoIn) > 0 {
		fields[factAlsoIn] = f.AlsoIn
	}
	if f.Kind == "initiative" {
		fields[factName], fields[factNameKey] = f.Name, hanzi.Fold(f.Name)
	} else {
		fields[factWhat], fields[factWhatKey] = f.What, hanzi.Fold(f.What)
		fields[factValue], fields[factUnit] = f.Value, f.Unit
	}
	return s.put("f"+strconv.Itoa(s.count), fields)
}

// AddFact adds an initiative or metric row to the generation being built. Rows are added
// after the articles, once the caller has collapsed reprints.
func (b *Builder) AddFact(f *Fact) error {
	if b.facts == nil {
		fs, err := newFactStore(filepath.Join(b.dir, factsDir))
		if err != nil {
			return err
		}
		b.facts = fs
	}
	return b.facts.add(f)
}

// FactsResult is what a facts query found.
type FactsResult struct {
	Total  uint64
	Facts  []Fact
	Facets map[string][]FacetCount
}

// FacetCount is one value of a facet and how many matching rows have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// FactFacets are the fields facts queries are faceted by.
var FactFacets = []string{factProvince, factYearKey, factActorKind, factUnit}

// ErrBadQuery wraps the parser's complaint about a facts query.
var ErrBadQuery = errors.New("bad query")

// maxFacet is how many values a facet lists.
const maxFacet = 50

// Facts runs a query in Bleve's query-string syntax over the fact records and returns
// up to limit rows (every row for limit ≤ 0), best first, with the total and the facets
// of all matches.
func (ix *Index) Facts(ctx context.Context, q string, limit int) (*FactsResult, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, errClosed
	}
	fi, err := ix.factIndex()
	if err != nil {
		return nil, err
	}
	var bq query.Query = bleve.NewMatchAllQuery()
	if q != "" {
		parsed, err := bleve.NewQueryStringQuery(q).Parse()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadQuery, err)
		}
		bq = andMatches(parsed)
	}
	if limit <= 0 {
		n, err := fi.DocCount() // every row: the whole index is the bound
		if err != nil {
			return nil, fmt.Errorf("index: facts: %w", err)
		}
		limit = max(1, int(n))
	}
	req := bleve.NewSearchRequestOptions(bq, limit, 0, false)
	req.Fields = []string{"*"}
	for _, f := range FactFacets {
		req.AddFacet(f, bleve.NewFacetRequest(f, maxFacet))
	}
	res, err := fi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: facts query: %w", err)
	}
	out := &FactsResult{Total: res.Total, Facets: map[string][]FacetCount{}}
	for _, h := range res.Hits {
		out.Facts = append(out.Facts, factOf(h))
	}
	for name, fr := range res.Facets {
		counts := []FacetCount{}
		if fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				counts = append(counts, FacetCount{Value: t.Term, Count: t.Count})
			}
		}
		if name == factYearKey {
			sort.Slice(counts, func(i, j int) bool { return counts[i].Value < counts[j].Value })
			name = factYear
		}
		out.Facets[name] = counts
	}
	return out, nil
}

// andMatches makes every clause of a query and every word of a matched value required.
// Bleve's query string makes clauses without + optional and matches any word of a value,
// so kind:initiative name:四不两直 would list every initiative, and 四不两直 would also
// find 四不放过 through the pair 四不; a researcher narrowing a table means all of them.
// A quoted value ("四不两直") is matched the same way: the pairs of characters the
// index adds at a word's position would make a phrase match any one of them.
func andMatches(q query.Query) query.Query {
	switch x := q.(type) {
	case *query.MatchQuery:
		x.SetOperator(query.MatchQueryOperatorAnd)
	case *query.MatchPhraseQuery:
		m := query.NewMatchQuery(x.MatchPhrase)
		m.SetField(x.Field())
		m.SetBoost(x.Boost())
		m.SetOperator(query.MatchQueryOperatorAnd)
		return m
	case *query.BooleanQuery:
		if d, ok := x.Should.(*query.DisjunctionQuery); ok && len(d.Disjuncts) > 0 {
			c, _ := x.Must.(*query.ConjunctionQuery)
			if c == nil {
				c = query.NewConjunctionQuery(nil)
			}
			c.Conjuncts = append(c.Conjuncts, d.Disjuncts...)
			x.Must, x.Should = c, nil
		}
		if x.Must != nil {
			x.Must = andMatches(x.Must)
		}
		if x.MustNot != nil {
			x.MustNot = andMatches(x.MustNot)
		}
	case *query.ConjunctionQuery:
		for i, sub := range x.Conjuncts {
			x.Conjuncts[i] = andMatches(sub)
		}
	case *query.DisjunctionQuery:
		for i, sub := range x.Disjuncts {
			x.Disjuncts[i] = andMatches(sub)
		}
	}
	return q
}

func factOf(h *bsearch.DocumentMatch) Fact {
	f := h.Fields
	num := func(name string) float64 { v, _ := f[name].(float64); return v }
	fact := Fact{Kind: str(f, factKind), Actor: str(f, factActor), ActorKind: str(f, factActorKind), Province: str(f, factProvince),
		Year: int(num(factYear)), Name: str(f, factName), Value: num(factValue), Unit: str(f, factUnit), What: str(f, factWhat),
		Approx: str(f, factApprox) == "true", Evidence: str(f, factEvidence), DocID: int64(num(factDoc)), Title: str(f, factTitle),
		Published: str(f, factPublished), URL: str(f, factURL), AlsoIn: strs(f, factAlsoIn),
		Start: int(num(factStart)), End: int(num(factEnd))}
	return fact
}

// factIndex opens the generation's facts index on first use: most commands never query it.
func (ix *Index) factIndex() (bleve.Index, error) {
	ix.factsOnce.Do(func() {
		registerWords()
		path := filepath.Join(ix.dir, factsDir)
		if _, err := os.Stat(path); err != nil {
			ix.factsErr = fmt.Errorf("index: this index has no facts (built by an older version): run `dangjian rebuild`")
			return
		}
		ix.facts, ix.factsErr = bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
		if ix.factsErr != nil {
			ix.factsErr = fmt.Errorf("index: open facts: %w", ix.factsErr)
		}
	})
	return ix.facts, ix.factsErr
}
