// Package extract finds who did what in a report: sentences, actors, initiatives, metrics and the year reported on.
package extract

import (
	"strings"

	"github.com/dangjian/dangjian/gazetteer"
	"github.com/dangjian/dangjian/hanzi"
)

// Actor is an organisation or place that a sentence reports as doing something.
type Actor struct {
	Name string
	// Kind is "province", "central" or "place".
	Kind string
	// Province is the province short name; "" for central bodies.
	Province string
}

// Sentence is one sentence of the text with the actors it is attributed to.
type Sentence struct {
	Start, End int // rune offsets, End exclusive
	Actors     []Actor
	// Stretches divide the sentence by the actors that govern its clauses, in order and
	// without gaps: in 福建约谈…，黑龙江、湖北等地采取“四不两直”… the first stretch is 福建's,
	// the second 黑龙江's and 湖北's. A sentence of one subject is one stretch.
	Stretches []Stretch
}

// Stretch is a run of a sentence's clauses that the same actors govern.
type Stretch struct {
	Start, End int // rune offsets, End exclusive
	Actors     []Actor
}

// Initiative is a named programme, campaign or mechanism an actor carries out.
type Initiative struct {
	Actor Actor
	// Name is the name as the text writes it, between the marks.
	Name     string
	Sentence int // index into Result.Sentences
	// Start and End are the rune offsets of the name, without its marks.
	Start, End int
}

// Metric is a number that counts or measures a result of an actor's work.
type Metric struct {
	Actor  Actor
	Value  float64
	Unit   string
	What   string
	Approx bool // the text says 多, 余, 约 …
	// Sentence is an index into Result.Sentences.
	Sentence int
	// Start and End are the rune offsets of the number and its unit.
	Start, End int
}

// Result is everything extracted from one text.
type Result struct {
	Sentences   []Sentence
	Initiatives []Initiative
	Metrics     []Metric
	// Year is the year whose work the text reports on, 0 if unclear.
	Year int
	// Subject is the one actor a local report is about, whose work its
	// sentences without a subject of their own report; the zero Actor for a
	// review of many actors. SubjectWhy says where it was found: "title",
	// "lead", "dateline" or "subjects" (the clause subjects nearly all name it).
	Subject    Actor
	SubjectWhy string
}

// Extractor extracts items from texts. It is safe for concurrent use.
type Extractor struct {
	gaz  *gazetteer.Gazetteer
	stop map[string]bool
}

// New returns an extractor that recognises names with g.
func New(g *gazetteer.Gazetteer) *Extractor {
	return &Extractor{gaz: g, stop: stopList()}
}

// Extract analyses text in simplified or traditional characters. It matches
// on the folded text (hanzi.Fold keeps rune offsets) and reports names as
// text writes them, so pass the original to keep its case and characters
// (C919, not c919); passing folded text works too.
func (e *Extractor) Extract(text string) Result {
	return e.ExtractFolded(text, hanzi.Fold(text))
}

// ExtractFolded is Extract for a caller that has folded the text already: folded must be
// hanzi.Fold(text). A rebuild folds each text once for the index and extraction both.
func (e *Extractor) ExtractFolded(text, folded string) Result {
	return e.ExtractTitled("", text, folded)
}

// ExtractTitled is ExtractFolded for a text whose headline is kept apart from
// it, as a web page's is: the headline may name the actor the text is about
// (昭通：…), which the text itself then need not repeat.
func (e *Extractor) ExtractTitled(title, text, folded string) Result {
	rs := []rune(folded)
	orig := rs
	if folded != text {
		if o := []rune(text); len(o) == len(rs) { // Fold keeps one rune for one, except in invalid UTF-8
			orig = o
		}
	}
	d := &doc{rs: rs, orig: orig, ex: e}
	d.sents = splitSentences(rs)
	d.matches = dropStreetNames(rs, e.gaz.FindRunes(rs))
	if title = strings.TrimSpace(title); title != "" && !strings.HasPrefix(strings.TrimSpace(text), title) {
		h := []rune(hanzi.Fold(title))
		d.headline = &doc{rs: h, orig: h, ex: e, sents: splitSentences(h), matches: dropStreetNames(h, e.gaz.FindRunes(h))}
		for i := range d.headline.sents {
			d.headline.sents[i].matches = d.headline.matches
		}
	}
	d.attributeActors()

	var res Result
	res.Sentences = make([]Sentence, len(d.sents))
	for i, s := range d.sents {
		res.Sentences[i] = Sentence{Start: s.start, End: s.end, Actors: s.actors(), Stretches: s.stretches()}
	}
	for i := range d.sents {
		res.Initiatives = append(res.Initiatives, d.initiatives(i)...)
		res.Metrics = append(res.Metrics, d.metrics(i)...)
	}
	res.Year = reportYear(rs)
	if len(d.subject) == 1 {
		res.Subject, res.SubjectWhy = d.subject[0], d.subjectWhy
	}
	return res
}

// doc is the working state of one extraction.
type doc struct {
	ex      *Extractor
	rs      []rune // folded, for matching
	orig    []rune // as given, for reporting names
	sents   []sentence
	matches []gazetteer.Match
	// provCount counts how often each province is named in the text, to
	// resolve ambiguous place names.
	provCount map[string]int
	// subject is the document's own actor (see Result.Subject), or nil.
	subject    []Actor
	subjectWhy string
	// headline is the headline kept apart from the text, analysed on its own; nil without one.
	headline *doc
}
