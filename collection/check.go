package collection

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dangjian/dangjian/article"
	"github.com/dangjian/dangjian/crawler"
)

// PageCheck is what the site profile extracts from one page: `crawl --check URL`.
type PageCheck struct {
	URL         string   `json:"url"`
	Status      int      `json:"status"`
	ContentType string   `json:"content_type"`
	Profile     string   `json:"profile"`
	Title       string   `json:"title"`
	Published   string   `json:"published"`
	Source      string   `json:"source"`
	Charset     string   `json:"charset"`
	Characters  int      `json:"characters"` // of the cleaned article text
	Opening     []string `json:"opening"`    // its first lines
	// Problem says what failed (no body, no date, not a page); "" when the page extracts whole.
	Problem string `json:"problem,omitempty"`
}

// openingLines is how many lines of the text a check shows.
const openingLines = 4

// CheckPage fetches one page and reports what its profile extracts, storing nothing, so
// that a profile that no longer fits its site shows at once.
func CheckPage(ctx context.Context, o crawler.Options, url string) (*PageCheck, error) {
	p, err := crawler.FetchPage(ctx, o, url)
	if err != nil {
		return nil, err
	}
	pc := &PageCheck{URL: url, Status: p.Status, ContentType: p.ContentType}
	if prof, ok := article.ProfileForURL(url); ok {
		pc.Profile = prof.Name
	}
	if o.Profile != "" {
		pc.Profile = o.Profile
	}
	if p.Status != 200 || p.Body == nil {
		pc.Problem = fmt.Sprintf("HTTP status %d: nothing to extract", p.Status)
		return pc, nil
	}
	doc, err := Parse(p.Body, url, p.ContentType, o.Profile)
	if err != nil {
		pc.Problem = "no article body: " + err.Error()
		return pc, nil
	}
	pc.Title, pc.Published, pc.Source, pc.Charset = doc.Title, doc.Published, doc.Source, doc.Charset
	pc.Characters = utf8.RuneCountInString(doc.Clean)
	for _, l := range strings.Split(doc.Clean, "\n") {
		if l = strings.TrimSpace(l); l != "" && len(pc.Opening) < openingLines {
			pc.Opening = append(pc.Opening, l)
		}
	}
	var missing []string
	if pc.Title == "" {
		missing = append(missing, "no title")
	}
	if pc.Published == "" {
		missing = append(missing, "no date")
	}
	pc.Problem = strings.Join(missing, ", ")
	return pc, nil
}
