// Package web serves dangjian's JSON API and its search page over a collection.
package web

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log"
	"net/http"
	"time"

	"github.com/dangjian/dangjian/collection"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Bounds on what one request may ask for.
const (
	// MaxPageSize is the most hits one page of /api/search returns.
	MaxPageSize = 100
	// MaxPage is the last page served: deep pages cost a ranking of everything before them.
	MaxPage = 500
	// maxParamBytes bounds the query text before it is parsed; query.Parse then bounds it
	// to query.MaxRunes characters.
	maxParamBytes = 4096
	// tableRows is how many rows of each table the page shows; exports have them all.
	tableRows = 300
)

// Options tune a Server; the zero value gives the defaults.
type Options struct {
	// RequestTimeout bounds the work for one request (search, trend, export); 15 s if zero.
	RequestTimeout time.Duration
	// PageSize is the number of hits per page; 20 if zero.
	PageSize int
	// Log receives server-side errors; standard error if nil.
	Log *log.Logger
}

// Server answers the API and the page for one collection. It only reads.
type Server struct {
	c       *collection.Collection
	opts    Options
	log     *log.Logger
	pages   *template.Template
	handler http.Handler
}

// New makes a server over c, parsing and checking its templates.
func New(c *collection.Collection, o Options) (*Server, error) {
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 15 * time.Second
	}
	if o.PageSize <= 0 {
		o.PageSize = 20
	}
	o.PageSize = min(o.PageSize, MaxPageSize)
	s := &Server{c: c, opts: o, log: o.Log}
	if s.log == nil {
		s.log = log.New(log.Writer(), "dangjian serve: ", log.LstdFlags)
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	static, err := fs.Sub(staticFiles, "static")
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /api/search", s.apiSearch)
	mux.HandleFunc("GET /api/trend", s.apiTrend)
	mux.HandleFunc("GET /api/facts", s.apiFacts)
	mux.HandleFunc("GET /api/kwic", s.apiKWIC)
	mux.HandleFunc("GET /api/spread", s.apiSpread)
	mux.HandleFunc("GET /api/docs/{id}", s.apiDoc)
	mux.HandleFunc("GET /api/export/{table}", s.apiExport)
	mux.HandleFunc("GET /api/", func(w http.ResponseWriter, r *http.Request) {
		s.apiError(w, r, &httpError{status: http.StatusNotFound, msg: fmt.Sprintf("no API endpoint %s", r.URL.Path)})
	})
	mux.HandleFunc("GET /{$}", s.searchPage)
	mux.HandleFunc("GET /doc/{id}", s.docPage)
	mux.HandleFunc("GET /tables", s.tablesPage)
	mux.HandleFunc("GET /kwic", s.kwicPage)
	// Browsers ask for /favicon.ico whatever the page says; the icon is the page's own SVG.
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		s.errorPage(w, r, &httpError{status: http.StatusNotFound, msg: "no page " + r.URL.Path})
	})
	s.handler = mux
	return s, nil
}

// ServeHTTP refuses everything but reads, sets the headers every response carries and
// bounds the time a request may take.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// No inline script or style is ever needed, so even markup that slipped through
	// escaping could not run.
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		s.apiError(w, r, &httpError{status: http.StatusMethodNotAllowed, msg: fmt.Sprintf("method %s not allowed: the API is read-only", r.Method)})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.RequestTimeout)
	defer cancel()
	s.handler.ServeHTTP(w, r.WithContext(ctx))
}

// HTTPServer returns an http.Server for s on addr with every timeout set, so that slow or
// idle clients cannot hold connections open.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      s.opts.RequestTimeout + 10*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          s.log,
	}
}

// cacheStatic lets browsers keep the assets for an hour; they change only with the binary.
func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// parsePages parses the page templates and executes each once on an empty view, so that a
// template error stops the server at start rather than on the first request.
func parsePages() (*template.Template, error) {
	t, err := template.New("pages").Funcs(funcs).ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	for _, name := range []string{"search", "doc", "tables", "error"} {
		if err := t.ExecuteTemplate(io.Discard, name, emptyView(name)); err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
	}
	return t, nil
}
