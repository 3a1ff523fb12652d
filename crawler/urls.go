package crawler

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ErrNotHTTP is returned for URLs a crawler never fetches (mailto:, javascript:, ftp: …).
var ErrNotHTTP = errors.New("not an http(s) URL")

// trackingParams are query parameters that only say where a visitor came from; pages are
// the same with or without them.
var trackingParams = map[string]bool{
	"spm": true, "from": true, "fbclid": true, "gclid": true, "isappinstalled": true,
	"scene": true, "clicktime": true, "enterid": true, "wfr": true, "share_token": true,
	"sharer_shareid": true, "sharer_sharetime": true, "tt_from": true,
}

// Canonical returns the form of a URL under which a page is queued, stored and compared:
// lower-case scheme and host, no default port, no user info, no fragment, dot segments
// resolved, tracking parameters (utm_*, spm, from …) dropped and the rest sorted.
func Canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("crawler: parse %q: %w", raw, err)
	}
	c, err := canonicalURL(u)
	if err != nil {
		return "", fmt.Errorf("crawler: %q: %w", raw, err)
	}
	return c.String(), nil
}

func canonicalURL(in *url.URL) (*url.URL, error) {
	u := *in
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, ErrNotHTTP
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return nil, errors.New("no host")
	}
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	u.Host = host
	if port != "" {
		u.Host += ":" + port
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	u.Opaque = ""
	if u.Path == "" {
		u.Path = "/"
	}
	if strings.Contains(u.Path, "/.") {
		cleaned := path.Clean(u.Path)
		if strings.HasSuffix(u.Path, "/") && cleaned != "/" {
			cleaned += "/"
		}
		u.Path, u.RawPath = cleaned, ""
	}
	u.RawQuery = canonicalQuery(u.RawQuery)
	u.ForceQuery = false
	return &u, nil
}

func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	q, err := url.ParseQuery(raw)
	if err != nil {
		return raw // an odd query is kept as written rather than guessed at
	}
	for k := range q {
		if trackingParams[strings.ToLower(k)] || strings.HasPrefix(strings.ToLower(k), "utm_") {
			delete(q, k)
		}
	}
	return q.Encode()
}

// skippedExt are extensions of links that never lead to an article page: documents,
// images, media, archives, styles and scripts. They are not queued at all.
var skippedExt = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true, ".webp": true, ".svg": true, ".ico": true,
	".mp3": true, ".mp4": true, ".flv": true, ".avi": true, ".mov": true, ".wav": true, ".m3u8": true,
	".zip": true, ".rar": true, ".7z": true, ".gz": true, ".tar": true, ".exe": true, ".apk": true,
	".css": true, ".js": true, ".json": true, ".xml": true, ".rss": true,
}

// isSkippedLink reports links never queued: files by their extension, and the files a
// site keeps for machines, not readers — robots.txt, humans.txt, /.well-known/ (sitemaps
// go by their .xml) — which a directory listing links like any other file.
func isSkippedLink(u *url.URL) bool {
	p := strings.ToLower(u.Path)
	name := path.Base(p)
	return skippedExt[path.Ext(p)] || name == "robots.txt" || name == "humans.txt" || strings.HasPrefix(p, "/.well-known/")
}

// urlDateRe finds the publication date that news sites put in article paths:
// /n1/2024/0607/, /2024-06/07/, /20240118/, /2024/02/26/, /202406/07/.
var urlDateRe = regexp.MustCompile(`/((?:19|20)\d{2})[-/]?(\d{2})[-/]?(\d{2})(?:/|$)`)

// urlDate is the date a URL path carries, if any.
func urlDate(u *url.URL) (time.Time, bool) {
	m := urlDateRe.FindStringSubmatch(u.Path)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
}

// scope is the set of hosts a crawl stays on.
type scope struct {
	hosts   map[string]bool // exact host[:port] from start URLs
	domains []string        // site profile hosts: the host itself or any subdomain
}

func (s scope) allows(u *url.URL) bool {
	if s.hosts[u.Host] {
		return true
	}
	host := u.Hostname()
	// www.example.cn and example.cn are one site for a crawl started at either.
	if s.hosts[strings.TrimPrefix(u.Host, "www.")] || s.hosts["www."+u.Host] {
		return true
	}
	for _, d := range s.domains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}
