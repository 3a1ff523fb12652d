package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/index"
	"github.com/dangjian/dangjian/query"
)

// httpError is an error whose status code and message are meant for the client.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

// status maps an error to the status code and message a client gets. Errors the client
// cannot act on are logged and answered with a generic message.
func (s *Server) status(r *http.Request, err error) (int, string) {
	var he *httpError
	switch {
	case errors.As(err, &he):
		return he.status, he.msg
	case errors.Is(err, corpus.ErrNotFound):
		return http.StatusNotFound, "no such document"
	case errors.Is(err, collection.ErrUnknownProvince):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, index.ErrNoIndex), errors.Is(err, corpus.ErrNoFacts):
		return http.StatusServiceUnavailable, "the collection has not been indexed yet: run `dangjian rebuild`"
	case errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable, "the request was cancelled"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, fmt.Sprintf("the request took longer than %s; narrow the query", s.opts.RequestTimeout)
	}
	s.log.Printf("%s %s: %v", r.Method, r.URL.RequestURI(), err)
	return http.StatusInternalServerError, "internal error (logged by the server)"
}

// apiErrorBody is the JSON of every error response.
type apiErrorBody struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := s.status(r, err)
	w.Header().Del("Content-Disposition")
	writeJSON(w, code, apiErrorBody{Error: msg, Status: code})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Snippets keep their <mark> tags readable; the content type and nosniff keep
	// browsers from reading the body as HTML.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		code = http.StatusInternalServerError
		buf.Reset()
		fmt.Fprintf(&buf, `{"error": "encode response: %s", "status": 500}`+"\n", strings.ReplaceAll(err.Error(), `"`, `'`))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// searchParams are the parameters of a search, checked.
type searchParams struct {
	Q, Province, Year, Source string
	Page, Size                int
}

// opts converts the parameters to what collection.Search takes.
func (p searchParams) opts() collection.SearchOptions {
	return collection.SearchOptions{Province: p.Province, Year: p.Year, Source: p.Source,
		Limit: p.Size, Offset: (p.Page - 1) * p.Size}
}

// values gives the parameters as a URL query, for links that change one of them.
func (p searchParams) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"q": p.Q, "province": p.Province, "year": p.Year, "source": p.Source} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// empty reports whether nothing was asked for. Filters alone are not a search: they
// would list the whole collection (province:湖北 written in q is a search).
func (p searchParams) empty() bool {
	return p.Q == ""
}

// param returns a bounded, trimmed URL parameter.
func param(r *http.Request, name string) (string, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if len(v) > maxParamBytes {
		return "", badRequest("parameter %s is too long: %d bytes, at most %d", name, len(v), maxParamBytes)
	}
	if !utf8.ValidString(v) {
		return "", badRequest("parameter %s is not valid UTF-8", name)
	}
	return v, nil
}

// readSearch reads and checks search parameters: the query must parse, a province must be
// known, a year must be a year, and the page must lie within bounds.
func (s *Server) readSearch(r *http.Request, sizeParam bool) (searchParams, error) {
	p := searchParams{Page: 1, Size: s.opts.PageSize}
	for _, f := range []struct {
		name string
		dst  *string
	}{{"q", &p.Q}, {"province", &p.Province}, {"year", &p.Year}, {"source", &p.Source}} {
		v, err := param(r, f.name)
		if err != nil {
			return p, err
		}
		*f.dst = v
	}
	var err error
	if p.Page, err = intParam(r, "page", 1, 1, MaxPage); err != nil {
		return p, err
	}
	if sizeParam {
		if p.Size, err = intParam(r, "size", s.opts.PageSize, 1, MaxPageSize); err != nil {
			return p, err
		}
	}
	if p.Year != "" {
		if _, err := query.Parse("year:" + p.Year); err != nil {
			return p, badRequest("bad year %q: want a year such as 2023 or a range such as 2020..2023", p.Year)
		}
	}
	if p.empty() {
		return p, nil
	}
	if _, err := s.c.ParseQuery(p.Q, p.opts()); err != nil {
		return p, badRequest("%v", err)
	}
	return p, nil
}

// intParam reads an optional integer parameter within [lo, hi].
func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("bad %s %q: want a whole number from %d to %d", name, truncate(v, 32), lo, hi)
	}
	return n, nil
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// searchResponse is the search contract plus the page it shows.
type searchResponse struct {
	*collection.SearchResult
	Page     int `json:"page"`
	PageSize int `json:"size"` // named like its parameter
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	p, err := s.readSearch(r, true)
	if err == nil && p.empty() {
		err = badRequest("nothing to search for: give q (a word, a phrase, -word, province:湖北 …)")
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.c.Search(r.Context(), p.Q, p.opts())
	if err = complete(r, err); err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, searchResponse{SearchResult: res, Page: p.Page, PageSize: p.Size})
}

// complete adds to err the request's deadline, if it passed: a search cut short may return
// what it found so far without saying so, and a partial answer must not pass for a whole one.
func complete(r *http.Request, err error) error {
	if err == nil {
		err = r.Context().Err()
	}
	return err
}

// readTrendQuery reads q for a trend, which needs at least one word to count.
func (s *Server) readTrendQuery(r *http.Request) (string, error) {
	q, err := param(r, "q")
	if err != nil {
		return "", err
	}
	if q == "" {
		return "", badRequest("trend needs q, the words to count, e.g. q=四不两直")
	}
	pq, err := s.c.ParseQuery(q, collection.SearchOptions{})
	if err != nil {
		return "", badRequest("%v", err)
	}
	if len(pq.Terms) == 0 {
		return "", badRequest("trend needs a word to count, not only filters or exclusions")
	}
	return q, nil
}

func (s *Server) apiTrend(w http.ResponseWriter, r *http.Request) {
	q, err := s.readTrendQuery(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.c.Trend(r.Context(), q)
	if err = complete(r, err); err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// maxFactsSize is the most rows one /api/facts answer lists.
const maxFactsSize = 1000

// apiFacts answers a facts query: q in Bleve's query-string syntax over the extracted
// rows, size rows (default 20).
func (s *Server) apiFacts(w http.ResponseWriter, r *http.Request) {
	q, err := param(r, "q")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	size, err := intParam(r, "size", collection.DefaultFactsLimit, 1, maxFactsSize)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.c.Facts(r.Context(), q, size)
	if errors.Is(err, index.ErrBadQuery) {
		err = badRequest("%v", err)
	}
	if err = complete(r, err); err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// apiKWIC answers a concordance: q, width (1–100, default 20), sort; format csv, jsonl
// or xlsx downloads every line, else JSON {"query", "total", "lines"}.
func (s *Server) apiKWIC(w http.ResponseWriter, r *http.Request) {
	q, err := param(r, "q")
	if err == nil && q == "" {
		err = badRequest("kwic needs q, the words to look for, e.g. q=从严治党")
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	width, err := intParam(r, "width", 20, 1, 100)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	sortBy, _ := param(r, "sort")
	format, _ := param(r, "format")
	if format != "" && !slices.Contains(collection.ExportFormats, format) {
		s.apiError(w, r, badRequest("unknown format %q: want %s", truncate(format, 32), strings.Join(collection.ExportFormats, ", ")))
		return
	}
	lines, err := s.c.KWIC(r.Context(), q, collection.KWICOptions{Width: width, Sort: sortBy})
	if err = complete(r, err); err != nil {
		s.apiError(w, r, badRequestIfInput(err))
		return
	}
	if format == "" {
		if lines == nil {
			lines = []collection.KWICLine{}
		}
		writeJSON(w, http.StatusOK, map[string]any{"query": q, "total": len(lines), "lines": lines})
		return
	}
	var buf bytes.Buffer
	if err := collection.WriteKWIC(lines, format, &buf); err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", exportTypes[format])
	w.Header().Set("Content-Disposition", attachment("dangjian-kwic."+format))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	buf.WriteTo(w)
}

// apiSpread traces the initiative named by name.
func (s *Server) apiSpread(w http.ResponseWriter, r *http.Request) {
	name, err := param(r, "name")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if name == "" {
		s.apiError(w, r, badRequest("spread needs name, e.g. name=四下基层"))
		return
	}
	res, err := s.c.Spread(r.Context(), name)
	if err = complete(r, err); err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// docResponse is show's contract plus what the page needs: the marks of actors,
// initiatives and metrics in the text, and the text as HTML with them marked.
type docResponse struct {
	*collection.DocView
	Marks []Mark `json:"marks"`
	HTML  string `json:"html"`
}

// readDoc loads the document named by the path's {id}.
func (s *Server) readDoc(r *http.Request) (*docResponse, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return nil, badRequest("bad document id %q: want a positive whole number", truncate(raw, 32))
	}
	v, err := s.c.Show(r.Context(), strconv.FormatInt(id, 10))
	if errors.Is(err, corpus.ErrNotFound) {
		return nil, &httpError{status: http.StatusNotFound, msg: fmt.Sprintf("no document %d", id)}
	}
	if err != nil {
		return nil, err
	}
	marks := docMarks(v, s.c.Mentions(v.Text))
	return &docResponse{DocView: v, Marks: marks, HTML: string(markedHTML(v.Text, marks))}, nil
}

func (s *Server) apiDoc(w http.ResponseWriter, r *http.Request) {
	d, err := s.readDoc(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// exportTypes are the content types of the export formats.
var exportTypes = map[string]string{
	"csv":   "text/csv; charset=utf-8",
	"jsonl": "application/x-ndjson; charset=utf-8",
	"xlsx":  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// exportRequest is a checked export: table, filters, format and the file name to offer.
type exportRequest struct {
	table string
	opts  collection.ExportOptions
	file  string
}

func (s *Server) readExport(r *http.Request) (exportRequest, error) {
	e := exportRequest{table: r.PathValue("table")}
	if !slices.Contains(collection.ExportTables, e.table) {
		return e, &httpError{status: http.StatusNotFound, msg: fmt.Sprintf("no table %q: want %s", truncate(e.table, 32), strings.Join(collection.ExportTables, " or "))}
	}
	format, err := param(r, "format")
	if err != nil {
		return e, err
	}
	if format == "" {
		format = "csv"
	}
	if !slices.Contains(collection.ExportFormats, format) {
		return e, badRequest("unknown format %q: want %s", truncate(format, 32), strings.Join(collection.ExportFormats, ", "))
	}
	e.opts.Format = format
	name := []string{"dangjian", e.table}
	province, err := param(r, "province")
	if err != nil {
		return e, err
	}
	if province != "" {
		pv, ok := s.c.Province(province)
		if !ok {
			return e, badRequest("unknown province %q (use a name such as 湖北, 湖北省 or 广西壮族自治区)", truncate(province, 32))
		}
		e.opts.Province = pv
		name = append(name, pv)
	}
	if e.opts.Year, err = intParam(r, "year", 0, 1900, 2100); err != nil {
		return e, err
	}
	if e.opts.Year != 0 {
		name = append(name, strconv.Itoa(e.opts.Year))
	}
	if e.opts.Query, err = param(r, "q"); err != nil {
		return e, err
	}
	if e.opts.By, err = param(r, "by"); err != nil {
		return e, err
	}
	switch {
	case e.opts.By == collection.ByInitiative && e.table == "initiatives":
		name = append(name, "by-initiative")
	case e.opts.By != "" && e.opts.By != collection.ByMention:
		return e, badRequest("by=%q: the %s table is one row per mention (by=mention)%s", truncate(e.opts.By, 32), e.table,
			map[bool]string{true: " or per initiative (by=initiative)"}[e.table == "initiatives"])
	}
	e.file = strings.Join(name, "-") + "." + format
	return e, nil
}

func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	e, err := s.readExport(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", exportTypes[e.opts.Format])
	w.Header().Set("Content-Disposition", attachment(e.file))
	sp := &spool{w: w, limit: 1 << 20}
	if err := s.c.Export(r.Context(), e.table, e.opts, sp); err != nil {
		if !sp.committed {
			s.apiError(w, r, err)
			return
		}
		// Part of the file has gone out with a 200: break the connection so the client
		// sees a failed download rather than a short file.
		s.log.Printf("export %s: %v", r.URL.RequestURI(), err)
		panic(http.ErrAbortHandler)
	}
	sp.finish()
}

// attachment is a Content-Disposition offering the file name twice: as filename*, UTF-8 by
// RFC 6266, which browsers read, and as a quoted filename in raw UTF-8, which is what
// `curl -OJ` and other plain clients save under (they ignore filename*).
func attachment(name string) string {
	quoted := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == '\\' {
			return -1
		}
		return r
	}, name)
	return `attachment; filename="` + quoted + `"; filename*=UTF-8''` + url.PathEscape(name)
}

// spool holds back the start of a response so that an error found early (before any row,
// the usual case) can still be answered with a proper status; past limit it streams.
type spool struct {
	w         http.ResponseWriter
	buf       bytes.Buffer
	limit     int
	committed bool
}

func (s *spool) Write(p []byte) (int, error) {
	if s.committed {
		return s.w.Write(p)
	}
	s.buf.Write(p)
	if s.buf.Len() <= s.limit {
		return len(p), nil
	}
	s.committed = true
	s.w.WriteHeader(http.StatusOK)
	if _, err := s.buf.WriteTo(s.w); err != nil {
		return 0, err
	}
	return len(p), nil
}

// finish sends what is held back, with its length when all of it was held.
func (s *spool) finish() {
	if !s.committed {
		s.w.Header().Set("Content-Length", strconv.Itoa(s.buf.Len()))
		s.w.WriteHeader(http.StatusOK)
		s.buf.WriteTo(s.w)
	}
}

// health is the body of /healthz.
type health struct {
	Status    string `json:"status"`
	Documents int    `json:"documents"`
	Index     string `json:"index,omitempty"`
	Error     string `json:"error,omitempty"`
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	n, err := s.c.Store.Count(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	h := health{Status: "ok", Documents: n}
	ix, err := s.c.Index()
	if err != nil {
		code, msg := s.status(r, err)
		h.Status, h.Error = "unavailable", msg
		writeJSON(w, code, h)
		return
	}
	h.Index = filepath.Base(ix.Dir())
	writeJSON(w, http.StatusOK, h)
}
