// Package sample embeds a small site of Party-building articles, written for the project, in the layouts of the real sites.
//
// The site imitates five publishers, each in a top folder that Handler serves
// under the path prefix of the same name: people (people.com.cn), paper (paper.people.com.cn),
// xinhua (xinhuanet.com and news.cn), 12371 (12371.cn) and qstheory (qstheory.cn).
// Its pages carry the chrome of the real sites (navigation, share widgets,
// related links, copyright footers) and the traps a crawler and a cleaner must
// handle: GBK pages, one GBK page whose Content-Type header wrongly says UTF-8,
// a Big5 page in traditional characters, articles that are not about Party
// building, a near-duplicate reprint, a robots.txt that forbids one folder, PDF and
// image links, and a related link to a page that no longer exists.
// The folder files/ holds two plain-text reports for the import command. Beside the
// embedded site, not served, reports/ (a PDF, a Word file and a picture) and my-reports.csv
// are what the README's import examples read.
//
// The text is the project's own; facts and figures echo published reports.
package sample

import (
	"bytes"
	"embed"
	"fmt"
	"html"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed site
var files embed.FS

// Site returns the sample site, rooted so that paths start with the publisher
// folder ("people/n1/2024/0607/c117092-40252111.html") or name "robots.txt".
func Site() fs.FS {
	site, err := fs.Sub(files, "site")
	if err != nil {
		// fs.Sub fails only for an invalid name, and "site" is a constant.
		panic("sample: " + err.Error())
	}
	return site
}

// Handler serves the site on one host: a front page at "/" linking the start pages, and
// Site() path p at URL path "/"+p, with a
// Content-Type whose charset is the one listed as Declared (for one GBK page
// deliberately wrong), and 404 for anything that is not a file of the site.
func Handler() http.Handler {
	return &server{site: Site(), declared: declaredCharsets()}
}

// StartPages returns the Site() paths of the list pages a crawl starts from, one
// per publisher; the other list pages are reached through their pagination links.
func StartPages() []string {
	var starts []string
	for _, p := range listPages() {
		if p.start {
			starts = append(starts, p.path)
		}
	}
	return starts
}

// ListPages returns the Site() paths of all channel, list and newspaper layout
// pages, that is the start pages and the pages their pagination leads to.
func ListPages() []string {
	var paths []string
	for _, p := range listPages() {
		paths = append(paths, p.path)
	}
	return paths
}

type server struct {
	site     fs.FS
	declared map[string]string // Site() path → charset named in the Content-Type header
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		// The front page links each publisher's first list page, so a crawl can start here.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>dangjian 示例站点</title></head><body><h1>dangjian 示例站点</h1><ul>\n")
		for _, p := range StartPages() {
			fmt.Fprintf(&b, "<li><a href=\"/%s\">%s</a></li>\n", html.EscapeString(p), html.EscapeString(p))
		}
		b.WriteString("</ul></body></html>\n")
		http.ServeContent(w, r, "index.html", time.Time{}, strings.NewReader(b.String()))
		return
	}
	if !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	data, err := fs.ReadFile(s.site, name)
	if err != nil {
		// Directories land here too: the real sites answer them with other
		// pages, which the sample does not imitate.
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", s.contentType(name))
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

func (s *server) contentType(name string) string {
	charset := s.declared[name]
	if charset == "" {
		charset = "utf-8"
	}
	switch path.Ext(name) {
	case ".html", ".htm", ".shtml":
		return "text/html; charset=" + charset
	case ".txt":
		return "text/plain; charset=" + charset
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}
