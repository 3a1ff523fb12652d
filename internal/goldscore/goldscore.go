// Package goldscore scores extracted initiatives and metrics against hand-labelled gold files, as design.md defines it.
//
// It follows ../shared/tools/score_extract.py, the reference: names and actors
// are compared after traditional→simplified conversion (hanzi.Simplify here,
// OpenCC there) and removal of punctuation; actors lose a province suffix
// (省, 市, 自治区 …); an initiative matches when the actors agree and one
// name contains the other; a metric matches on (actor, value, unit); a
// place-level gold actor also accepts a row attributed to its province.
// Optional gold items make a row correct but are not needed for recall.
package goldscore

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dangjian/dangjian/hanzi"
)

// Gold is one hand-labelled document (../shared/gold/GUIDELINE.md).
type Gold struct {
	Doc         string       `json:"doc"`
	Title       *string      `json:"title"`
	Source      *string      `json:"source"`
	Published   *string      `json:"published"`
	Year        *int         `json:"year"`
	Actors      []Actor      `json:"actors"`
	Initiatives []Initiative `json:"initiatives"`
	Metrics     []Metric     `json:"metrics"`
	Noise       []string     `json:"noise"`
}

// Actor is an organisation or place the document reports as acting.
type Actor struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Province string `json:"province,omitempty"`
}

// Initiative is a gold initiative; Required nil means required.
type Initiative struct {
	Actor          string `json:"actor"`
	Name           string `json:"name"`
	NameSimplified string `json:"name_simplified,omitempty"`
	Required       *bool  `json:"required,omitempty"`
	Evidence       string `json:"evidence,omitempty"`
}

// IsRequired reports whether recall needs the item (the default).
func (x Initiative) IsRequired() bool { return x.Required == nil || *x.Required }

// Metric is a gold metric.
type Metric struct {
	Actor    string  `json:"actor"`
	Value    float64 `json:"value"`
	Unit     string  `json:"unit"`
	What     string  `json:"what,omitempty"`
	Approx   bool    `json:"approx"`
	Evidence string  `json:"evidence,omitempty"`
}

// Load reads a gold file.
func Load(path string) (Gold, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Gold{}, fmt.Errorf("gold: %w", err)
	}
	var g Gold
	if err := json.Unmarshal(raw, &g); err != nil {
		return Gold{}, fmt.Errorf("gold: %s: %w", path, err)
	}
	if g.Doc == "" {
		return Gold{}, fmt.Errorf("gold: %s: no \"doc\"", path)
	}
	return g, nil
}

// InitiativeRow is an extracted initiative as an export row has it.
type InitiativeRow struct{ Actor, Province, Name string }

// MetricRow is an extracted metric as an export row has it.
type MetricRow struct {
	Actor, Province string
	Value           float64
	Unit            string
	What            string // the description of what is counted, "" when not scored
}

// PRF is precision, recall and their harmonic mean.
type PRF struct{ P, R, F1 float64 }

// Scores is the result of scoring one document.
type Scores struct {
	Actors, Initiatives, Metrics PRF
	InitiativeRows, MetricRows   int
	// Misses are required gold items (and actors) no row matched; Extras are
	// rows (and actors) that match no gold item.
	Misses, Extras []string
	// WhatMatched counts the gold metrics with a description that a row
	// matched; WhatAgreed those of them whose row also describes what is
	// counted as the gold does (one contains the other, punctuation removed).
	// WhatMisses lists the others as "gold ≠ row".
	WhatMatched, WhatAgreed int
	WhatMisses              []string
}

// Bar is a minimum F1 per category.
type Bar struct{ Actors, Initiatives, Metrics float64 }

// HeldBackBar is the bar design.md sets for the held-back documents.
func HeldBackBar() Bar { return Bar{Actors: 0.95, Initiatives: 0.90, Metrics: 0.90} }

// Meets reports whether every category reaches the bar.
func (s Scores) Meets(b Bar) bool {
	return s.Actors.F1 >= b.Actors && s.Initiatives.F1 >= b.Initiatives && s.Metrics.F1 >= b.Metrics
}

// String is the reference script's report line.
func (s Scores) String() string {
	return fmt.Sprintf("actors F1 %.2f (P %.2f R %.2f) initiatives F1 %.2f (P %.2f R %.2f, %d rows) metrics F1 %.2f (P %.2f R %.2f, %d rows)",
		s.Actors.F1, s.Actors.P, s.Actors.R, s.Initiatives.F1, s.Initiatives.P, s.Initiatives.R, s.InitiativeRows,
		s.Metrics.F1, s.Metrics.P, s.Metrics.R, s.MetricRows)
}

// isPunct is the reference script's PUNCT class: whitespace, CJK symbols,
// full-width forms, curly quotes and the ASCII marks it lists.
func isPunct(r rune) bool {
	switch {
	case unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f: // Python's \s on str
		return true
	case r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xff0f, r >= 0xff1a && r <= 0xff20, r >= 0x2018 && r <= 0x201f:
		return true
	}
	return strings.ContainsRune("·•、，。：；！？“”‘’《》「」『』（）()[]【】-—_.,;:!?\"'/+", r)
}

// provinceSuffixes are cut from actor names longer than two characters, longest first.
var provinceSuffixes = [...]string{"壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"}

// NormActor is how actors are compared: simplified, trimmed, without a province suffix.
func NormActor(a string) string {
	a = strings.TrimSpace(hanzi.Simplify(a))
	if utf8.RuneCountInString(a) <= 2 {
		return a
	}
	for _, s := range provinceSuffixes {
		if strings.HasSuffix(a, s) {
			return strings.TrimSuffix(a, s)
		}
	}
	return a
}

// NormName is how initiative names are compared: simplified, without punctuation or spaces.
func NormName(n string) string {
	var b strings.Builder
	for _, r := range hanzi.Simplify(n) {
		if !isPunct(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func normUnit(u string) string { return strings.TrimSpace(hanzi.Simplify(u)) }

func f1(tpR, nGold, tpP, nPred int) PRF {
	r, p := 1.0, 0.0
	if nGold > 0 {
		r = float64(tpR) / float64(nGold)
	}
	switch {
	case nPred > 0:
		p = float64(tpP) / float64(nPred)
	case nGold == 0:
		p = 1
	}
	if p+r == 0 {
		return PRF{P: p, R: r}
	}
	return PRF{P: p, R: r, F1: 2 * p * r / (p + r)}
}

type rowKey struct{ actor, prov string }

func (k rowKey) String() string {
	if k.prov == "" || k.prov == k.actor {
		return k.actor
	}
	return k.actor + "/" + k.prov
}

type goldName struct{ actor, name string }

type goldValue struct {
	actor string
	value float64
	unit  string
}

// Score scores the rows extracted from one document against its gold.
func Score(g Gold, inits []InitiativeRow, metrics []MetricRow) Scores {
	place := map[string]string{} // place-level gold actor → its province
	for _, a := range g.Actors {
		if a.Kind == "place" {
			place[NormActor(a.Name)] = NormActor(a.Province)
		}
	}
	sameActor := func(k rowKey, ga string) bool {
		if k.actor == ga {
			return true
		}
		pv := place[ga]
		return pv != "" && k.actor == pv && (k.prov == "" || k.prov == pv)
	}

	type irow struct {
		k    rowKey
		name string
	}
	pi := make([]irow, len(inits))
	for i, r := range inits {
		pi[i] = irow{rowKey{NormActor(r.Actor), NormActor(r.Province)}, NormName(r.Name)}
	}
	var req, all []goldName
	for _, x := range g.Initiatives {
		n := x.Name
		if x.NameSimplified != "" {
			n = x.NameSimplified
		}
		item := goldName{NormActor(x.Actor), NormName(n)}
		if x.IsRequired() {
			req = append(req, item)
		}
		all = append(all, item)
	}
	match := func(p irow, gn goldName) bool {
		return sameActor(p.k, gn.actor) && p.name != "" && gn.name != "" &&
			(strings.Contains(gn.name, p.name) || strings.Contains(p.name, gn.name))
	}
	var s Scores
	s.InitiativeRows, s.MetricRows = len(inits), len(metrics)
	tpReq := 0
	for _, gn := range req {
		if anyOf(pi, func(p irow) bool { return match(p, gn) }) {
			tpReq++
		} else {
			s.Misses = append(s.Misses, "initiative "+gn.actor+" "+gn.name)
		}
	}
	tpPred := 0
	for _, p := range pi {
		if anyOf(all, func(gn goldName) bool { return match(p, gn) }) {
			tpPred++
		} else {
			s.Extras = append(s.Extras, "initiative "+p.k.String()+" "+p.name)
		}
	}
	s.Initiatives = f1(tpReq, len(req), tpPred, len(pi))

	type mrow struct {
		k     rowKey
		value float64
		unit  string
		what  string
	}
	pm := make([]mrow, len(metrics))
	for i, r := range metrics {
		pm[i] = mrow{rowKey{NormActor(r.Actor), NormActor(r.Province)}, r.Value, normUnit(r.Unit), NormName(r.What)}
	}
	gm := make([]goldValue, len(g.Metrics))
	for i, x := range g.Metrics {
		gm[i] = goldValue{NormActor(x.Actor), x.Value, normUnit(x.Unit)}
	}
	mmatch := func(p mrow, gv goldValue) bool {
		return sameActor(p.k, gv.actor) && !math.IsNaN(p.value) &&
			math.Abs(p.value-gv.value) < 1e-6*math.Max(1, math.Abs(gv.value)) && p.unit == gv.unit
	}
	tpm := 0
	for i, gv := range gm {
		if anyOf(pm, func(p mrow) bool { return mmatch(p, gv) }) {
			tpm++
			if want := NormName(g.Metrics[i].What); want != "" {
				s.WhatMatched++
				var got []string
				if anyOf(pm, func(p mrow) bool {
					if !mmatch(p, gv) {
						return false
					}
					got = append(got, p.what)
					return p.what != "" && (strings.Contains(p.what, want) || strings.Contains(want, p.what))
				}) {
					s.WhatAgreed++
				} else {
					s.WhatMisses = append(s.WhatMisses, want+" ≠ "+strings.Join(got, "|"))
				}
			}
		} else {
			s.Misses = append(s.Misses, "metric "+gv.actor+" "+formatValue(gv.value)+gv.unit)
		}
	}
	tpmP := 0
	for _, p := range pm {
		if anyOf(gm, func(gv goldValue) bool { return mmatch(p, gv) }) {
			tpmP++
		} else {
			s.Extras = append(s.Extras, "metric "+p.k.String()+" "+formatValue(p.value)+p.unit)
		}
	}
	s.Metrics = f1(tpm, len(gm), tpmP, len(pm))

	// Actors: those with a required initiative or a metric, places lifted to their province.
	lift := func(a string) string {
		if pv := place[a]; pv != "" {
			return pv
		}
		return a
	}
	want, allowed, got := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, x := range g.Initiatives {
		a := lift(NormActor(x.Actor))
		allowed[a] = true
		if x.IsRequired() {
			want[a] = true
		}
	}
	for _, x := range g.Metrics {
		want[lift(NormActor(x.Actor))] = true
	}
	for _, p := range pi {
		got[lift(p.k.actor)] = true
	}
	for _, p := range pm {
		got[lift(p.k.actor)] = true
	}
	inter, good := 0, 0
	for _, a := range sortedKeys(got) {
		if want[a] {
			inter++
		}
		if want[a] || allowed[a] {
			good++
		} else {
			s.Extras = append(s.Extras, "actor "+a)
		}
	}
	for _, a := range sortedKeys(want) {
		if !got[a] {
			s.Misses = append(s.Misses, "actor "+a)
		}
	}
	s.Actors = f1(inter, len(want), good, len(got))
	return s
}

func anyOf[T any](xs []T, f func(T) bool) bool {
	for _, x := range xs {
		if f(x) {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func formatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
