package web

import (
	"github.com/dangjian/dangjian/hanzi"
	"github.com/dangjian/dangjian/query"
	"html"
	"html/template"
	"sort"
	"strconv"
	"strings"

	"github.com/dangjian/dangjian/collection"
)

// Mark is a span of a document's text to be marked: an actor's name, an initiative or a
// metric, at rune offsets [Start, End) of the text.
type Mark struct {
	Kind  string `json:"kind"` // actor, initiative or metric
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"` // what the mark says on hover
	query bool   // it also holds the query the reader came with (withQuery)
}

// docMarks lists the marks of a document, without overlaps: extracted items win over actor
// names, and among items the earlier, then the longer, wins. A name is marked as an actor
// when extraction found it acting: the actor of an item, one of the document's provinces, or
// a place in one of them (a central body only as an item's actor, since names that merely
// look like one are common).
func docMarks(v *collection.DocView, mentions []collection.Mention) []Mark {
	acting := map[string]bool{}
	for _, in := range v.Initiatives {
		acting[in.Actor] = true
	}
	for _, m := range v.Metrics {
		acting[m.Actor] = true
	}
	provinces := map[string]bool{}
	for _, pv := range v.Provinces {
		provinces[pv] = true
	}
	var items, actors []Mark
	for _, in := range v.Initiatives {
		items = append(items, Mark{Kind: "initiative", Start: in.Start, End: in.End,
			Label: "initiative of " + in.Actor + ": " + in.Initiative})
	}
	for _, m := range v.Metrics {
		label := "metric of " + m.Actor + ": " + m.What + " " + strconv.FormatFloat(m.Value, 'f', -1, 64) + " " + m.Unit
		if m.Approx {
			label += " (approx.)"
		}
		items = append(items, Mark{Kind: "metric", Start: m.Start, End: m.End, Label: label})
	}
	for _, m := range mentions {
		if !acting[m.Name] && (m.Kind == "central" || !provinces[m.Province]) {
			continue
		}
		label := "actor: " + m.Name + " (" + m.Kind
		if m.Province != "" && m.Province != m.Name {
			label += ", " + m.Province
		}
		actors = append(actors, Mark{Kind: "actor", Start: m.Start, End: m.End, Label: label + ")"})
	}
	n := len([]rune(v.Text))
	taken := make([]bool, n)
	var out []Mark
	for _, group := range [][]Mark{items, actors} {
		sort.SliceStable(group, func(i, j int) bool {
			if group[i].Start != group[j].Start {
				return group[i].Start < group[j].Start
			}
			return group[i].End > group[j].End
		})
	next:
		for _, m := range group {
			if m.Start < 0 || m.End > n || m.Start >= m.End {
				continue // offsets from an older rebuild of a text since changed
			}
			for i := m.Start; i < m.End; i++ {
				if taken[i] {
					continue next
				}
			}
			for i := m.Start; i < m.End; i++ {
				taken[i] = true
			}
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// markedHTML renders text as HTML with the marks as <mark> elements. Every character of the
// text is escaped; the only markup is the marks themselves.
func markedHTML(text string, marks []Mark) template.HTML {
	rs := []rune(text)
	var b strings.Builder
	pos := 0
	firstQuery := true
	for _, m := range marks {
		if m.Start < pos || m.End > len(rs) || m.Start >= m.End {
			continue
		}
		b.WriteString(template.HTMLEscapeString(string(rs[pos:m.Start])))
		id, class := "", "m-"+m.Kind
		if m.query || m.Kind == "query" {
			if firstQuery {
				id, firstQuery = ` id="hit"`, false // the page's "jump to the first hit" goes here
			}
			if m.Kind != "query" {
				class += " m-query"
			}
		}
		b.WriteString(`<mark class="` + template.HTMLEscapeString(class) + `"` + id + ` title="` + template.HTMLEscapeString(m.Label) + `">`)
		b.WriteString(template.HTMLEscapeString(string(rs[m.Start:m.End])))
		b.WriteString("</mark>")
		pos = m.End
	}
	b.WriteString(template.HTMLEscapeString(string(rs[pos:])))
	return template.HTML(b.String())
}

// snippetHTML rebuilds a search snippet, which arrives escaped but for its <mark> tags, so
// that whatever reached it the page gets nothing but escaped text and <mark> elements.
func snippetHTML(s string) template.HTML {
	var b strings.Builder
	open := false
	for s != "" {
		tag := "<mark>"
		if open {
			tag = "</mark>"
		}
		i := strings.Index(s, tag)
		if i < 0 {
			break
		}
		b.WriteString(template.HTMLEscapeString(html.UnescapeString(s[:i])))
		b.WriteString(tag)
		open = !open
		s = s[i+len(tag):]
	}
	b.WriteString(template.HTMLEscapeString(html.UnescapeString(s)))
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}

// withQuery adds the occurrences of the query's words and phrases (folded, as search
// matches) to a document's marks; where one overlaps an extracted item's mark, that mark
// stays and is shown as holding the query too.
func withQuery(text string, needles []string, marks []Mark) ([]Mark, int) {
	orig := []rune(text)
	folded := []rune(hanzi.Fold(text))
	if len(folded) != len(orig) {
		folded = orig
	}
	var qs []Mark
	for p := 0; p < len(folded); {
		hit := 0
		for _, n := range needles {
			hit = max(hit, query.MatchAt(folded, p, n))
		}
		if hit == 0 {
			p++
			continue
		}
		qs = append(qs, Mark{Kind: "query", Start: p, End: p + hit, Label: "the query: " + string(orig[p:p+hit])})
		p += hit
	}
	if len(qs) == 0 {
		return marks, 0
	}
	out := append([]Mark(nil), marks...)
	for _, q := range qs {
		covered := false
		for i := range out {
			if m := &out[i]; m.Kind != "query" && m.Start < q.End && q.Start < m.End {
				m.query, covered = true, true
			}
		}
		if !covered {
			out = append(out, q)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, len(qs)
}
