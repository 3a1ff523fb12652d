package collection

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// SpreadResult is the JSON contract of `spread --json` and /api/spread: where a named
// initiative appears, actor by actor in order of first appearance.
type SpreadResult struct {
	Name   string        `json:"name"`
	Rows   int           `json:"rows"` // initiative rows found, reprints once
	Actors []SpreadActor `json:"actors"`
}

// SpreadActor is one actor's history with the initiative.
type SpreadActor struct {
	Actor     string `json:"actor"`
	ActorKind string `json:"actor_kind"`
	Province  string `json:"province"`
	// FirstYear is the first year reported on where it appears; null when no document
	// of the actor's says the year.
	FirstYear *int `json:"first_year"`
	// First is the document of the first appearance: the earliest published of that year.
	First SpreadDoc `json:"first"`
	// Years are all the years it appears in, first included, in order.
	Years []int `json:"years"`
	// Names are the names as written (四下基层, 四下基層 …).
	Names []string `json:"names"`
}

// maxSpreadRows bounds the rows one spread reads.
const maxSpreadRows = 100000

// SpreadDoc identifies a document.
type SpreadDoc struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Published string `json:"published"`
	URL       string `json:"url"`
}

// Spread traces a named initiative through the documents: for each actor (province,
// place or central body) the first year and document where it appears, then the later
// years, actors in order of first appearance. The name matches as facts' name: does, so
// 四下基层 finds 坚持“四下基层”, in simplified or traditional characters.
func (c *Collection) Spread(ctx context.Context, name string) (*SpreadResult, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, fmt.Errorf("spread needs the name of an initiative, e.g. dangjian spread 四下基层")
	}
	q := "+kind:initiative +name:" + escapeTerm(name)
	res, err := c.facts(ctx, q, maxSpreadRows)
	if err != nil {
		return nil, err
	}
	out := &SpreadResult{Name: name, Rows: len(res.Rows), Actors: []SpreadActor{}}
	byActor := map[string]*SpreadActor{}
	var order []string // actors in order of first appearance
	// Rows sorted oldest first: by year (unknown last), then by publication date.
	rows := res.Rows
	sort.SliceStable(rows, func(i, j int) bool {
		yi, yj := yearOr(rows[i].Year), yearOr(rows[j].Year)
		if yi != yj {
			return yi < yj
		}
		if rows[i].Published != rows[j].Published {
			return rows[i].Published < rows[j].Published
		}
		// Ties (the same document, often the same sentence) in a fixed order, not the
		// order Bleve happens to rank them.
		if rows[i].DocID != rows[j].DocID {
			return rows[i].DocID < rows[j].DocID
		}
		if rows[i].Start != rows[j].Start {
			return rows[i].Start < rows[j].Start
		}
		return rows[i].Actor < rows[j].Actor
	})
	for _, r := range rows {
		key := r.Actor + "\x00" + r.Province
		a := byActor[key]
		if a == nil {
			a = &SpreadActor{Actor: r.Actor, ActorKind: r.ActorKind, Province: r.Province, FirstYear: r.Year, Years: []int{},
				First: SpreadDoc{ID: r.DocID, Title: r.Title, Published: r.Published, URL: r.URL}}
			byActor[key] = a
			order = append(order, key)
		}
		if r.Year != nil && (len(a.Years) == 0 || a.Years[len(a.Years)-1] != *r.Year) {
			a.Years = append(a.Years, *r.Year)
		}
		if !contains(a.Names, r.Initiative) {
			a.Names = append(a.Names, r.Initiative)
		}
	}
	for _, key := range order {
		out.Actors = append(out.Actors, *byActor[key])
	}
	return out, nil
}

// yearOr is a year for sorting: unknown years come last.
func yearOr(y *int) int {
	if y == nil {
		return 1 << 30
	}
	return *y
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// escapeTerm escapes the query string's own characters and spaces in a value, so that
// it is matched as text (a quoted value would be a phrase, which the pairs of characters
// the facts index adds turn into any of them).
func escapeTerm(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+-=&|><!(){}[]^"~*?:\/ `, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
