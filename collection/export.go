package collection

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/dedup"
	"github.com/dangjian/dangjian/hanzi"
)

// Tables and formats export knows.
var (
	ExportTables  = []string{"initiatives", "metrics"}
	ExportFormats = []string{"csv", "jsonl", "xlsx"}
)

// Column headers of the exports: design.md's, in its order, with name_folded (the name
// in simplified characters, half-width, lower case: what a spreadsheet filter should
// match), the document's source and id, and the reprints that state the same item.
var (
	initiativeColumns = []string{"actor", "actor_kind", "province", "year", "initiative", "name_folded", "evidence", "title", "source", "published", "url", "doc", "also_in"}
	metricColumns     = []string{"actor", "actor_kind", "province", "year", "value", "unit", "what", "approx", "evidence", "title", "source", "published", "url", "doc", "also_in"}
)

// ExportOptions select the rows and the file format.
type ExportOptions struct {
	Province string // any name of a province (湖北, 湖北省, 湖北省委 is not one)
	Year     int
	Format   string // csv (default), jsonl or xlsx
	// Query, when set, keeps only the rows the facts query finds (see Facts).
	Query string
	// By "initiative" makes the initiatives table one row per actor and initiative
	// (InitiativeSummary) instead of one per mention.
	By string
}

// Ways to group the initiatives table.
const (
	ByMention    = "mention"
	ByInitiative = "initiative"
)

// summaryColumns are the columns of `export initiatives --by initiative`.
var summaryColumns = []string{"actor", "actor_kind", "province", "initiative", "name_folded", "count", "first_year", "last_year",
	"documents", "evidence", "title", "source", "url", "doc"}

// InitiativeSummary is one actor's initiative however often, and in whichever script,
// the reports name it: the mentions are the export's (a reprint's once), grouped by the
// actor and the folded name.
type InitiativeSummary struct {
	Actor      string `json:"actor"`
	ActorKind  string `json:"actor_kind"`
	Province   string `json:"province"`
	Initiative string `json:"initiative"` // the spelling most mentions use
	NameFolded string `json:"name_folded"`
	Count      int    `json:"count"`      // mentions
	FirstYear  *int   `json:"first_year"` // of the reports that mention it
	LastYear   *int   `json:"last_year"`
	Documents  int    `json:"documents"` // documents that mention it, reprints once
	// Evidence, DocID, Title, Source and URL are the first mention's.
	Evidence string `json:"evidence"`
	Title    string `json:"title,omitempty"`
	Source   string `json:"source,omitempty"`
	URL      string `json:"url,omitempty"`
	DocID    int64  `json:"doc"`
	spelling map[string]int
}

func (r *InitiativeSummary) cells() []string {
	return []string{r.Actor, r.ActorKind, r.Province, r.Initiative, r.NameFolded, strconv.Itoa(r.Count), yearCell(r.FirstYear),
		yearCell(r.LastYear), strconv.Itoa(r.Documents), r.Evidence, r.Title, r.Source, r.URL, strconv.FormatInt(r.DocID, 10)}
}

// summarize groups mention rows into one row per actor and folded initiative, in the
// order of each group's first mention.
func summarize(rows []exportRow) []*InitiativeSummary {
	type key struct{ actor, kind, province, name string }
	byKey := map[key]*InitiativeSummary{}
	docs := map[key]map[int64]bool{}
	var out []*InitiativeSummary
	for _, er := range rows {
		r, ok := er.row.(*InitiativeRow)
		if !ok {
			continue
		}
		k := key{r.Actor, r.ActorKind, r.Province, r.NameFolded}
		sum := byKey[k]
		if sum == nil {
			sum = &InitiativeSummary{Actor: r.Actor, ActorKind: r.ActorKind, Province: r.Province, NameFolded: r.NameFolded,
				Evidence: r.Evidence, Title: r.Title, Source: r.Source, URL: r.URL, DocID: r.DocID, spelling: map[string]int{}}
			byKey[k], docs[k] = sum, map[int64]bool{}
			out = append(out, sum)
		}
		sum.Count++
		sum.spelling[r.Initiative]++
		if n := sum.spelling[r.Initiative]; n > sum.spelling[sum.Initiative] || sum.Initiative == "" {
			sum.Initiative = r.Initiative
		}
		if !docs[k][r.DocID] {
			docs[k][r.DocID] = true
			sum.Documents++
		}
		if r.Year != nil {
			if sum.FirstYear == nil || *r.Year < *sum.FirstYear {
				sum.FirstYear = optYear(*r.Year)
			}
			if sum.LastYear == nil || *r.Year > *sum.LastYear {
				sum.LastYear = optYear(*r.Year)
			}
		}
	}
	return out
}

// InitiativeRow is an exported initiative, also the shape of show's "initiatives".
type InitiativeRow struct {
	Actor      string `json:"actor"`
	ActorKind  string `json:"actor_kind"`
	Province   string `json:"province"`
	Year       *int   `json:"year"`
	Initiative string `json:"initiative"`
	NameFolded string `json:"name_folded"`
	Evidence   string `json:"evidence"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	DocID      int64  `json:"doc"`
	Title      string `json:"title,omitempty"`
	Source     string `json:"source,omitempty"`
	Published  string `json:"published,omitempty"`
	URL        string `json:"url,omitempty"`
	// AlsoIn lists the other copies (reprints) that state the same item.
	AlsoIn []string `json:"also_in,omitempty"`
}

// MetricRow is an exported metric, also the shape of show's "metrics".
type MetricRow struct {
	Actor     string  `json:"actor"`
	ActorKind string  `json:"actor_kind"`
	Province  string  `json:"province"`
	Year      *int    `json:"year"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	What      string  `json:"what"`
	Approx    bool    `json:"approx"`
	Evidence  string  `json:"evidence"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	DocID     int64   `json:"doc"`
	Title     string  `json:"title,omitempty"`
	Source    string  `json:"source,omitempty"`
	Published string  `json:"published,omitempty"`
	URL       string  `json:"url,omitempty"`
	// AlsoIn lists the other copies (reprints) that state the same item.
	AlsoIn []string `json:"also_in,omitempty"`
}

func optYear(y int) *int {
	if y <= 0 {
		return nil
	}
	return &y
}

func initiativeRow(r corpus.Initiative, e corpus.ExportRow) InitiativeRow {
	return InitiativeRow{Actor: r.Actor, ActorKind: r.ActorKind, Province: r.Province, Year: optYear(r.Year),
		Initiative: r.Name, NameFolded: hanzi.Fold(r.Name), Evidence: r.Evidence, Start: r.Start, End: r.End, DocID: r.DocID,
		Title: e.Title, Source: e.Source, Published: e.Published, URL: e.URL}
}

func metricRow(r corpus.Metric, e corpus.ExportRow) MetricRow {
	return MetricRow{Actor: r.Actor, ActorKind: r.ActorKind, Province: r.Province, Year: optYear(r.Year),
		Value: r.Value, Unit: r.Unit, What: r.What, Approx: r.Approx, Evidence: r.Evidence, Start: r.Start, End: r.End,
		DocID: r.DocID, Title: e.Title, Source: e.Source, Published: e.Published, URL: e.URL}
}

func (r InitiativeRow) cells() []string {
	return []string{r.Actor, r.ActorKind, r.Province, yearCell(r.Year), r.Initiative, r.NameFolded, r.Evidence, r.Title, r.Source,
		r.Published, r.URL, strconv.FormatInt(r.DocID, 10), strings.Join(r.AlsoIn, " ; ")}
}

func (r MetricRow) cells() []string {
	return []string{r.Actor, r.ActorKind, r.Province, yearCell(r.Year), strconv.FormatFloat(r.Value, 'f', -1, 64),
		r.Unit, r.What, strconv.FormatBool(r.Approx), r.Evidence, r.Title, r.Source, r.Published, r.URL,
		strconv.FormatInt(r.DocID, 10), strings.Join(r.AlsoIn, " ; ")}
}

func yearCell(y *int) string {
	if y == nil {
		return ""
	}
	return strconv.Itoa(*y)
}

// rowSink receives rows in one format.
type rowSink interface {
	row(v any, cells []string) error
	close() error
}

// Export writes a table to w. Rows come sorted by province, year and name.
func (c *Collection) Export(ctx context.Context, table string, o ExportOptions, w io.Writer) error {
	filter := corpus.FactFilter{Year: o.Year}
	if o.Province != "" {
		pv, ok := c.gaz().Province(o.Province)
		if !ok {
			return fmt.Errorf("unknown province %q (use a name such as 湖北 or 广西壮族自治区)", o.Province)
		}
		filter.Province = pv
	}
	var columns []string
	switch table {
	case "initiatives":
		columns = initiativeColumns
	case "metrics":
		columns = metricColumns
	default:
		return fmt.Errorf("unknown table %q (want %s)", table, strings.Join(ExportTables, " or "))
	}
	summary := o.By == ByInitiative && table == "initiatives"
	switch {
	case summary:
		columns = summaryColumns
	case o.By != "" && o.By != ByMention:
		return fmt.Errorf("--by %q: the %s table is one row per mention%s", o.By, table,
			map[bool]string{true: ", or per initiative (--by initiative)"}[table == "initiatives"])
	}
	// The rows come first, so that a failed export writes nothing, not even a header.
	rows, err := c.exportRows(ctx, table, filter, o.Query)
	if err != nil {
		return err
	}
	sink, err := newSink(o.Format, table, columns, w)
	if err != nil {
		return err
	}
	if summary {
		for _, r := range summarize(rows) {
			if err = sink.row(r, r.cells()); err != nil {
				return err
			}
		}
		return sink.close()
	}
	for _, r := range rows {
		if err = sink.row(r.row, r.row.cells()); err != nil {
			return err
		}
	}
	return sink.close()
}

// exportRows lists a table's rows as exported and shown: reprints once, those a facts
// query finds when one is given, the provinces in administrative order (北京, 天津, 河北 …,
// as the statistical codes run), then rows of no province.
func (c *Collection) exportRows(ctx context.Context, table string, filter corpus.FactFilter, query string) ([]exportRow, error) {
	var rows []exportRow
	var err error
	if query != "" {
		rows, err = c.queriedRows(ctx, table, filter, query)
	} else {
		rows, err = tableRows(ctx, c.Store, table, filter)
	}
	if err != nil {
		return nil, err
	}
	rank := map[string]int{}
	for i, pv := range c.gaz().Provinces() {
		rank[pv] = i + 1
	}
	order := func(pv string) int {
		if r, ok := rank[pv]; ok {
			return r
		}
		return len(rank) + 1
	}
	slices.SortStableFunc(rows, func(a, b exportRow) int { return order(a.row.province()) - order(b.row.province()) })
	return rows, nil
}

// factLister lists the rows of the extracted tables: the current ones (corpus.Store) or
// those a rebuild is staging (corpus.FactsWriter).
type factLister interface {
	Initiatives(ctx context.Context, f corpus.FactFilter, fn func(corpus.Initiative, corpus.ExportRow) error) error
	Metrics(ctx context.Context, f corpus.FactFilter, fn func(corpus.Metric, corpus.ExportRow) error) error
}

// tableRows lists a table's rows as exported: reprints once, sorted by province, year and name.
func tableRows(ctx context.Context, l factLister, table string, filter corpus.FactFilter) ([]exportRow, error) {
	var rows []exportRow
	var err error
	if table == "initiatives" {
		err = l.Initiatives(ctx, filter, func(r corpus.Initiative, e corpus.ExportRow) error {
			row := initiativeRow(r, e)
			rows = append(rows, exportRow{group: e.Group, key: row.Actor + "\x00" + dedup.Normalize(row.Initiative), row: &row})
			return nil
		})
	} else {
		err = l.Metrics(ctx, filter, func(r corpus.Metric, e corpus.ExportRow) error {
			row := metricRow(r, e)
			key := row.Actor + "\x00" + strconv.FormatFloat(row.Value, 'g', -1, 64) + row.Unit
			rows = append(rows, exportRow{group: e.Group, key: key, row: &row})
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	return oncePerGroup(rows), nil
}

// exportable is a row of either table.
type exportable interface {
	province() string
	doc() int64
	url() string
	alsoIn(url string)
	cells() []string
}

func (r *InitiativeRow) province() string  { return r.Province }
func (r *MetricRow) province() string      { return r.Province }
func (r *InitiativeRow) doc() int64        { return r.DocID }
func (r *InitiativeRow) url() string       { return r.URL }
func (r *InitiativeRow) alsoIn(url string) { r.AlsoIn = appendNew(r.AlsoIn, url) }
func (r *MetricRow) doc() int64            { return r.DocID }
func (r *MetricRow) url() string           { return r.URL }
func (r *MetricRow) alsoIn(url string)     { r.AlsoIn = appendNew(r.AlsoIn, url) }

// exportRow is a row with what identifies its item within a near-duplicate group.
type exportRow struct {
	group int64  // canonical document of the row's group
	key   string // actor and item (normalised name, or value and unit)
	row   exportable
}

// oncePerGroup keeps one row per item and near-duplicate group: the canonical copy's where
// it has the item, else the first; the other copies' rows go, their URLs listed in also_in.
// Rows of one document with the same item are separate statements and all stay. Order is
// kept.
func oncePerGroup(rows []exportRow) []exportRow {
	type item struct {
		group int64
		key   string
	}
	keeper := map[item]int{}
	for i, r := range rows {
		k := item{r.group, r.key}
		j, ok := keeper[k]
		if !ok || (r.row.doc() == r.group && rows[j].row.doc() != r.group) {
			keeper[k] = i
		}
	}
	out := rows[:0:0]
	for i, r := range rows {
		j := keeper[item{r.group, r.key}]
		if j != i && r.row.doc() != rows[j].row.doc() {
			rows[j].row.alsoIn(r.row.url())
			continue
		}
		out = append(out, r)
	}
	return out
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func newSink(format, table string, columns []string, w io.Writer) (rowSink, error) {
	switch format {
	case "", "csv":
		// The byte-order mark makes Excel read the file as UTF-8.
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return nil, err
		}
		cw := csv.NewWriter(w)
		return &csvSink{cw}, cw.Write(columns)
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return &jsonlSink{enc}, nil
	case "xlsx":
		return newXLSXSink(table, columns, w)
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(ExportFormats, ", "))
}

type csvSink struct{ w *csv.Writer }

func (s *csvSink) row(_ any, cells []string) error { return s.w.Write(cells) }
func (s *csvSink) close() error {
	s.w.Flush()
	return s.w.Error()
}

type jsonlSink struct{ enc *json.Encoder }

func (s *jsonlSink) row(v any, _ []string) error { return s.enc.Encode(v) }
func (s *jsonlSink) close() error                { return nil }

// xlsxSink writes rows into one sheet with a frozen header row and filters on every
// column. Excelize's stream writer cannot add filters, so rows go through the ordinary
// API; a sheet holds at most about a million rows either way.
type xlsxSink struct {
	f       *excelize.File
	sheet   string
	cols    int
	n       int
	w       io.Writer
	numCol  map[int]bool
	boolCol map[int]bool // approx: TRUE/FALSE cells, so that Excel filters them as booleans
}

func newXLSXSink(table string, columns []string, w io.Writer) (*xlsxSink, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", table); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	s := &xlsxSink{f: f, sheet: table, cols: len(columns), w: w, numCol: map[int]bool{}, boolCol: map[int]bool{}}
	for i, c := range columns {
		switch c {
		case "year", "value", "doc", "offset":
			s.numCol[i] = true
		case "approx":
			s.boolCol[i] = true
		}
	}
	if err := s.row(nil, columns); err != nil {
		return nil, err
	}
	if err := f.SetPanes(table, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return s, nil
}

func (s *xlsxSink) row(_ any, cells []string) error {
	s.n++
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c
		if s.numCol[i] && s.n > 1 {
			if f, err := strconv.ParseFloat(c, 64); err == nil {
				vals[i] = f
			}
		}
		if s.boolCol[i] && s.n > 1 {
			if b, err := strconv.ParseBool(c); err == nil {
				vals[i] = b
			}
		}
	}
	cell, _ := excelize.CoordinatesToCellName(1, s.n)
	if err := s.f.SetSheetRow(s.sheet, cell, &vals); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

func (s *xlsxSink) close() error {
	defer s.f.Close()
	last, _ := excelize.CoordinatesToCellName(s.cols, s.n)
	if err := s.f.AutoFilter(s.sheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if _, err := s.f.WriteTo(s.w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}
