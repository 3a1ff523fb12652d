package web

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/index"
)

// funcs are the helpers the templates use.
var funcs = template.FuncMap{
	"join": strings.Join,
	"num":  func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) },
	"examples": func() []string {
		return []string{"四不两直", "述职评议考核", "黨建 述職", "province:浙江 专项行动", "\"三会一课\" -形式主义"}
	},
}

// searchView is what the search page shows.
type searchView struct {
	Title   string
	P       searchParams
	Error   string
	Result  *collection.SearchResult
	Hits    []hitView
	Filters []chip
	Facets  []facetGroup
	Heatmap *heatmap
	// Spread is how the initiative the query names travelled, when it names one.
	Spread *collection.SpreadResult
	// Chart is the SVG line chart of the query per million characters, by year.
	Chart    template.HTML
	From, To int
	// Passages counts, with a province filter, the passages about that province that
	// match: what its facet count said, beside the articles listed.
	Passages        int
	PassageProvince string
	Prev            string
	Next            string
	Tables          string // the tables page for the province filtered on
}

// hitView is one hit as the page shows it.
type hitView struct {
	collection.SearchHit
	Rank      int
	Doc       string // link to the document view
	Original  string // the source URL when it is a web address
	Shown     []string
	More      int // provinces not shown
	SnippetsH []template.HTML
}

// chip is an active filter with the link that removes it.
type chip struct {
	Label, Remove string
}

// facetGroup is one facet's values, largest first.
type facetGroup struct {
	Name, Label string
	Values      []facetValue
}

type facetValue struct {
	Value  string
	Count  int
	Href   string
	Active bool
}

// docView is what the document page shows.
type docView struct {
	Title    string
	D        *docResponse
	Text     template.HTML
	Original string
	Back     string
	Counts   map[string]int
	// QueryHits counts the places of the query the reader came with, marked in Text.
	QueryHits int
}

// badRequestIfInput makes an error about the request's own query a 400.
func badRequestIfInput(err error) error {
	var he *httpError
	if errors.As(err, &he) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return badRequest("%v", err)
}

// tablesView is what the tables page shows.
type tablesView struct {
	Title     string
	Province  string
	Year      int
	Query     string // a facts query narrowing both tables
	Error     string
	Counts    []provinceLink
	Tables    *collection.Tables
	Exports   []exportLink
	AllHref   string
	Truncated bool
}

type provinceLink struct {
	collection.FactCount
	Label  string
	Href   string
	Active bool
}

type exportLink struct {
	Table, Label, Format, Href string
}

// errorView is the page for a failed request.
type errorView struct {
	Title   string
	Status  int
	Message string
}

// emptyView is the zero view of a page, for checking the templates at start.
func emptyView(name string) any {
	switch name {
	case "search":
		return &searchView{}
	case "doc":
		return &docView{D: &docResponse{DocView: &collection.DocView{}}}
	case "tables":
		return &tablesView{}
	}
	return &errorView{}
}

// render executes a page into a buffer first, so a template failure is a clean 500.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, v any) {
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, v); err != nil {
		s.log.Printf("%s %s: render %s: %v", r.Method, r.URL.RequestURI(), name, err)
		http.Error(w, "internal error (logged by the server)", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(code)
	buf.WriteTo(w)
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := s.status(r, err)
	s.render(w, r, code, "error", &errorView{Title: http.StatusText(code), Status: code, Message: msg})
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.readSearch(r, false)
	v := &searchView{Title: "dangjian", P: p}
	// The filters show as chips with a way to remove them even when one is bad (火星,
	// year=abc): the hidden fields would otherwise repeat the error on every search.
	for _, f := range []struct{ name, label, value string }{
		{"province", "province", p.Province}, {"year", "year", p.Year}, {"source", "source", p.Source}} {
		if f.value != "" {
			v.Filters = append(v.Filters, chip{Label: f.label + ": " + f.value, Remove: "/" + encode(without(p.values(), f.name))})
		}
	}
	code := http.StatusOK
	if err == nil && !p.empty() {
		v.Title = p.Q + " — dangjian"
		err = s.fillSearch(r, v)
	}
	if err != nil {
		code, v.Error = s.status(r, err)
	}
	s.render(w, r, code, "search", v)
}

// fillSearch runs the search and the trend for the page.
func (s *Server) fillSearch(r *http.Request, v *searchView) error {
	p := v.P
	res, err := s.c.Search(r.Context(), p.Q, p.opts())
	if err = complete(r, err); err != nil {
		return err
	}
	v.Result = res
	base := p.values()
	for i, h := range res.Hits {
		hv := hitView{SearchHit: h, Rank: (p.Page-1)*p.Size + i + 1, Original: webURL(h.URL)}
		dq := url.Values{}
		if p.Q != "" {
			dq.Set("q", p.Q)
		}
		hv.Doc = "/doc/" + strconv.FormatInt(h.ID, 10) + encode(dq)
		const shown = 8
		hv.Shown = h.Provinces[:min(len(h.Provinces), shown)]
		hv.More = len(h.Provinces) - len(hv.Shown)
		for _, sn := range h.Snippets {
			hv.SnippetsH = append(hv.SnippetsH, snippetHTML(sn))
		}
		v.Hits = append(v.Hits, hv)
	}
	if len(res.Hits) > 0 {
		v.From, v.To = (p.Page-1)*p.Size+1, (p.Page-1)*p.Size+len(res.Hits)
	}
	if p.Page > 1 {
		v.Prev = pageHref(base, p.Page-1)
	}
	if v.To < res.Total && p.Page < MaxPage {
		v.Next = pageHref(base, p.Page+1)
	}
	// Each facet says what it counts: provinces count the passages (sentences about the
	// province) that match, years and sources the matching articles.
	for _, f := range []struct{ name, label, value string }{
		{"province", "province · passages", p.Province}, {"year", "year · articles", p.Year}, {"source", "source · articles", p.Source}} {
		vals := facetValues(base, f.name, f.value, res.Facets[f.name])
		if f.name == "year" {
			sort.SliceStable(vals, func(i, j int) bool { return vals[i].Value > vals[j].Value }) // newest first, as a reader scans years
		}
		v.Facets = append(v.Facets, facetGroup{Name: f.name, Label: f.label, Values: vals})
	}
	province, _ := s.c.Province(p.Province)
	if province != "" {
		v.Tables = "/tables?province=" + url.QueryEscape(province)
		v.Passages, v.PassageProvince = res.Facets["province"][province], province
	}
	if pq, err := s.c.ParseQuery(p.Q, collection.SearchOptions{}); err == nil && len(pq.Terms) > 0 {
		tr, err := s.c.Trend(r.Context(), p.Q)
		if err = complete(r, err); err != nil {
			return err
		}
		v.Heatmap = newHeatmap(tr, base, province, p.Year)
		if rates, err := s.c.TrendWith(r.Context(), p.Q, true); err == nil && len(rates.Years) > 1 {
			v.Chart = template.HTML(rates.Chart())
		}
		if q := strings.TrimSpace(p.Q); len(pq.Terms) == 1 && !strings.ContainsAny(q, " :\"-") {
			sp, err := s.c.Spread(r.Context(), q)
			if err = complete(r, err); err != nil && !errors.Is(err, index.ErrBadQuery) {
				return err
			}
			if err == nil && len(sp.Actors) > 0 {
				v.Spread = sp
			}
		}
	}
	return nil
}

// facetValues lists a facet's values by count, each linking to the search filtered on it.
func facetValues(base url.Values, name, active string, counts map[string]int) []facetValue {
	var out []facetValue
	for val, n := range counts {
		out = append(out, facetValue{Value: val, Count: n, Href: "/" + encode(with(base, name, val)), Active: val == active})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	return out
}

func pageHref(base url.Values, page int) string {
	if page <= 1 {
		return "/" + encode(base)
	}
	return "/" + encode(with(base, "page", strconv.Itoa(page)))
}

// with returns a copy of v with name set to value (and no page: a new filter starts at 1).
func with(v url.Values, name, value string) url.Values {
	out := without(v, name)
	out.Set(name, value)
	return out
}

func without(v url.Values, name string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		if k != name && k != "page" {
			out[k] = append([]string(nil), vs...)
		}
	}
	return out
}

func encode(v url.Values) string {
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// webURL returns u if it is a web address worth linking to, else "" (imported files carry
// their local path, which a browser must not be sent to).
func webURL(u string) string {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return ""
	}
	return u
}

func (s *Server) docPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.readDoc(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := &docView{Title: d.Title, D: d, Text: markedHTML(d.Text, d.Marks), Original: webURL(d.URL), Counts: map[string]int{}}
	if v.Title == "" {
		v.Title = "document " + strconv.FormatInt(d.ID, 10)
	}
	for _, m := range d.Marks {
		v.Counts[m.Kind]++
	}
	if q, err := param(r, "q"); err == nil && q != "" {
		v.Back = "/?q=" + url.QueryEscape(q)
		// The query the reader came with is marked in the text, with a jump to its first place.
		if pq, err := s.c.ParseQuery(q, collection.SearchOptions{}); err == nil {
			var marks []Mark
			marks, v.QueryHits = withQuery(d.Text, collection.QueryNeedles(pq), d.Marks)
			v.Text = markedHTML(d.Text, marks)
		}
	}
	s.render(w, r, http.StatusOK, "doc", v)
}

func (s *Server) tablesPage(w http.ResponseWriter, r *http.Request) {
	v := &tablesView{Title: "initiatives and metrics — dangjian", AllHref: "/tables"}
	code := http.StatusOK
	err := s.fillTables(r, v)
	if err != nil {
		code, v.Error = s.status(r, err)
	}
	s.render(w, r, code, "tables", v)
}

func (s *Server) fillTables(r *http.Request, v *tablesView) error {
	province, err := param(r, "province")
	if err != nil {
		return err
	}
	if province != "" {
		pv, ok := s.c.Province(province)
		if !ok {
			return badRequest("unknown province %q (use a name such as 湖北, 湖北省 or 广西壮族自治区)", truncate(province, 32))
		}
		v.Province = pv
		v.Title = pv + ": initiatives and metrics — dangjian"
	}
	if v.Year, err = intParam(r, "year", 0, 1900, 2100); err != nil {
		return err
	}
	if v.Query, err = param(r, "q"); err != nil {
		return err
	}
	counts, err := s.c.FactCountsFor(r.Context(), v.Query)
	if errors.Is(err, index.ErrBadQuery) {
		return badRequest("%v", err)
	}
	if err != nil {
		return err
	}
	yearQ := url.Values{} // what the province links keep: the year and the facts query
	if v.Year != 0 {
		yearQ.Set("year", strconv.Itoa(v.Year))
	}
	if v.Query != "" {
		yearQ.Set("q", v.Query)
	}
	if len(yearQ) > 0 {
		v.AllHref = "/tables" + encode(yearQ)
	}
	for _, fc := range counts {
		pl := provinceLink{FactCount: fc, Label: fc.Province, Active: fc.Province == v.Province && v.Province != ""}
		if fc.Province == "" {
			pl.Label = "central bodies"
		} else {
			pl.Href = "/tables" + encode(with(yearQ, "province", fc.Province))
		}
		v.Counts = append(v.Counts, pl)
	}
	v.Tables, err = s.c.Tables(r.Context(), collection.ExportOptions{Province: v.Province, Year: v.Year, Query: v.Query}, tableRows)
	if errors.Is(err, index.ErrBadQuery) {
		return badRequest("%v", err)
	}
	if err != nil {
		return err
	}
	v.Truncated = v.Tables.InitiativeTotal > len(v.Tables.Initiatives) || v.Tables.MetricTotal > len(v.Tables.Metrics)
	q := url.Values{}
	if v.Province != "" {
		q.Set("province", v.Province)
	}
	if v.Year != 0 {
		q.Set("year", strconv.Itoa(v.Year))
	}
	if v.Query != "" {
		q.Set("q", v.Query)
	}
	for _, table := range collection.ExportTables {
		for _, format := range collection.ExportFormats {
			v.Exports = append(v.Exports, exportLink{Table: table, Label: table, Format: format,
				Href: "/api/export/" + table + encode(with(q, "format", format))})
		}
	}
	for _, format := range collection.ExportFormats {
		v.Exports = append(v.Exports, exportLink{Table: "initiatives-by-initiative", Label: "initiatives, one row each", Format: format,
			Href: "/api/export/initiatives" + encode(with(with(q, "by", collection.ByInitiative), "format", format))})
	}
	return nil
}

// kwicView is the concordance page.
type kwicView struct {
	Title   string
	Q       string
	Width   int
	Sorts   []sortOption
	Error   string
	Lines   []collection.KWICLine
	Total   int
	Exports []exportLink
}

type sortOption struct {
	Value, Label string
	Active       bool
}

// maxKWICLines is how many concordance lines the page shows; the downloads have them all.
const maxKWICLines = 1000

func (s *Server) kwicPage(w http.ResponseWriter, r *http.Request) {
	v := &kwicView{Title: "concordance — dangjian", Width: 20}
	code := http.StatusOK
	if err := s.fillKWIC(r, v); err != nil {
		code, v.Error = s.status(r, err)
	}
	s.render(w, r, code, "kwic", v)
}

func (s *Server) fillKWIC(r *http.Request, v *kwicView) error {
	var err error
	if v.Q, err = param(r, "q"); err != nil {
		return err
	}
	if v.Width, err = intParam(r, "width", 20, 1, 100); err != nil {
		return err
	}
	sortBy, err := param(r, "sort")
	if err != nil {
		return err
	}
	for _, o := range append([]string{""}, collection.KWICSorts...) {
		label := o
		if o == "" {
			label = "document order"
		}
		v.Sorts = append(v.Sorts, sortOption{Value: o, Label: label, Active: o == sortBy})
	}
	if v.Q == "" {
		return nil
	}
	v.Title = v.Q + ": concordance — dangjian"
	lines, err := s.c.KWIC(r.Context(), v.Q, collection.KWICOptions{Width: v.Width, Sort: sortBy})
	if err = complete(r, err); err != nil {
		return badRequestIfInput(err)
	}
	v.Total = len(lines)
	v.Lines = lines[:min(len(lines), maxKWICLines)]
	q := url.Values{"q": {v.Q}, "width": {strconv.Itoa(v.Width)}}
	if sortBy != "" {
		q.Set("sort", sortBy)
	}
	for _, f := range collection.ExportFormats {
		v.Exports = append(v.Exports, exportLink{Format: f, Href: "/api/kwic" + encode(with(q, "format", f))})
	}
	return nil
}
