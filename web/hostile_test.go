package web

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzAPI sends arbitrary parameters to every endpoint. Whatever they are, the server
// answers with a status a client can act on (never 500, never a panic) and, for the JSON
// API, with JSON.
func FuzzAPI(f *testing.F) {
	f.Add(uint8(0), "四不两直", "湖北", "2023", "1", "20", "csv")
	f.Add(uint8(1), strings.Repeat("a OR ", 50)+"b", "", "2020..2023", "", "", "")
	f.Add(uint8(2), "", "廣西壯族自治區", "1900..2100", "", "", "xlsx")
	f.Add(uint8(3), strings.Repeat(`"`, 255), "\xff", "2023..2020", "500", "100", "jsonl")
	f.Add(uint8(4), "-a -b -c province:湖北 year:2023 source:人民日报", "湖北省", "", "1e9", "-1", "pdf")
	f.Add(uint8(5), "黨建 “主题党日” -形式主义", "", "", "", "", "")
	f.Add(uint8(6), "../../etc/passwd", "", "", "", "", "")
	fx := seeded(f)
	s, err := New(fx.c, Options{Log: log.New(io.Discard, "", 0)})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, endpoint uint8, q, province, year, page, size, format string) {
		v := url.Values{"q": {q}, "province": {province}, "year": {year}, "page": {page}, "size": {size}, "format": {format}}
		path := []string{"/api/search", "/api/trend", "/api/export/initiatives", "/api/export/metrics",
			"/", "/api/docs/" + url.PathEscape(q), "/docs/" + url.PathEscape(q)}[int(endpoint)%7]
		req := httptest.NewRequest(http.MethodGet, path+"?"+v.Encode(), nil)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusNotFound, http.StatusServiceUnavailable:
		case http.StatusTemporaryRedirect, http.StatusMovedPermanently:
			// the mux cleans dot segments from paths by redirecting, on this server only
			if loc := rec.Header().Get("Location"); !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") {
				t.Fatalf("GET %s: redirect to %q", req.URL, loc)
			}
		default:
			t.Fatalf("GET %s: status %d: %s", req.URL, rec.Code, rec.Body.String())
		}
		isJSON := strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json")
		if strings.HasPrefix(path, "/api/") && rec.Code >= 400 && !isJSON {
			t.Fatalf("GET %s: error %d as %q, want JSON", req.URL, rec.Code, rec.Header().Get("Content-Type"))
		}
		if isJSON && !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("GET %s: invalid JSON %q", req.URL, rec.Body.String())
		}
	})
}

// TestHostileYears: a year the index cannot use is the client's mistake (400), wherever
// it is written, never a server error.
func TestHostileYears(t *testing.T) {
	fx := seeded(t)
	s, err := New(fx.c, Options{Log: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		"/api/search?q=00&year=0000+00000",
		"/?q=00&year=0000+00000",
		"/api/search?q=" + url.QueryEscape("党建 year:1000..2000"),
		"/api/search?q=党建&year=0000..9999",
		"/?q=党建&year=1000..2000",
		"/api/trend?q=" + url.QueryEscape("党建 year:0000..9999"),
	} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 400", path, rec.Code)
		}
	}
}
