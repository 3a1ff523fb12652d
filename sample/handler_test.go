package sample

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func get(t *testing.T, method, url string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func TestHandlerServesDeclaredCharsets(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	for _, a := range append(Articles(), Reports()...) {
		resp, body := get(t, http.MethodGet, srv.URL+"/"+a.Path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("/%s: status %d, want 200", a.Path, resp.StatusCode)
			continue
		}
		kind := "text/html"
		if strings.HasSuffix(a.Path, ".txt") {
			kind = "text/plain"
		}
		if got, want := resp.Header.Get("Content-Type"), kind+"; charset="+a.Declared; got != want {
			t.Errorf("/%s: Content-Type %q, want %q", a.Path, got, want)
		}
		if want := readRaw(t, a.Path); string(body) != want {
			t.Errorf("/%s: body differs from the site file", a.Path)
		}
	}
}

func readRaw(t *testing.T, name string) string {
	t.Helper()
	raw, err := Site().Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	b, err := io.ReadAll(raw)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHandler(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	tests := []struct {
		method, path string
		status       int
		ctype        string
	}{
		{"GET", "/robots.txt", 200, "text/plain; charset=utf-8"},
		{"GET", "/people/GB/117092/index.html", 200, "text/html; charset=utf-8"},
		{"GET", "/people/GB/117092/index2.html", 200, "text/html; charset=GB2312"},
		{"GET", "/people/NMediaFile/2024/0607/MAIN202406070829000123.gif", 200, "image/gif"},
		{"GET", "/paper/rmrb/pc/attachement/202406/07/rmrb2024060701.pdf", 200, "application/pdf"},
		{"GET", "/12371/2024/02/26/W020240226512345678901.pdf", 200, "application/pdf"},
		{"HEAD", "/xinhua/news/index.htm", 200, "text/html; charset=utf-8"},
		{"GET", "/", 200, "text/html; charset=utf-8"}, // the front page links the start pages
		{"GET", "/people/", 404, ""},
		{"GET", "/people/GB/117092", 404, ""},
		{"GET", "/nope.html", 404, ""},
		{"GET", "/people/n1/2023/0601/c117092-40000001.html", 404, ""},
		{"GET", "/../people/GB/117092/index.html", 200, "text/html; charset=utf-8"},
		{"POST", "/robots.txt", 405, ""},
	}
	for _, tt := range tests {
		resp, body := get(t, tt.method, srv.URL+tt.path)
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, resp.StatusCode, tt.status)
			continue
		}
		if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("%s %s: Content-Type %q, want %q", tt.method, tt.path, resp.Header.Get("Content-Type"), tt.ctype)
		}
		if tt.path == "/" {
			for _, p := range StartPages() {
				if !strings.Contains(string(body), `href="/`+p+`"`) {
					t.Errorf("the front page does not link %s", p)
				}
			}
		}
		if tt.method == "HEAD" && len(body) != 0 {
			t.Errorf("HEAD %s: got %d body bytes, want none", tt.path, len(body))
		}
	}
}

func TestHandlerRobots(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	_, body := get(t, http.MethodGet, srv.URL+"/robots.txt")
	for _, line := range []string{"User-agent: *", "Disallow: /people/private/"} {
		if !strings.Contains(string(body), line+"\n") {
			t.Errorf("robots.txt lacks the line %q:\n%s", line, body)
		}
	}
}

func ExampleHandler() {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	for _, p := range StartPages() {
		resp, err := http.Get(srv.URL + "/" + p)
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode, p)
	}
	// Output:
	// 200 people/GB/117092/index.html
	// 200 paper/rmrb/pc/layout/202406/07/node_01.html
	// 200 xinhua/news/index.htm
	// 200 12371/djgz/index.shtml
	// 200 qstheory/qslgxd/index.htm
}

func ExampleArticles() {
	relevant, reprints := 0, 0
	for _, a := range Articles() {
		if a.Relevant {
			relevant++
		}
		if a.DuplicateOf != "" {
			reprints++
		}
	}
	fmt.Println(len(Articles()), "articles,", relevant, "about Party building,", reprints, "reprint")
	// Output: 17 articles, 14 about Party building, 1 reprint
}
