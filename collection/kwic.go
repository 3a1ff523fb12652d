package collection

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/dangjian/dangjian/hanzi"
	"github.com/dangjian/dangjian/query"
)

// KWICOptions select and order concordance lines.
type KWICOptions struct {
	Width    int    // characters of context on each side (default 20)
	Sort     string // "" (document order), left, right, date or province
	Province string
	Year     string
}

// KWICSorts are the orders kwic knows.
var KWICSorts = []string{"left", "right", "date", "province"}

// KWICLine is one occurrence with its context, the JSON contract of `kwic --format jsonl`.
type KWICLine struct {
	DocID     int64    `json:"doc"`
	Title     string   `json:"title"`
	Published string   `json:"published,omitempty"`
	Year      *int     `json:"year"`
	Provinces []string `json:"provinces"`
	Left      string   `json:"left"`
	Match     string   `json:"match"`
	Right     string   `json:"right"`
	Offset    int      `json:"offset"` // character offset of the match in the document's text
	URL       string   `json:"url"`
}

// kwicColumns are the columns of kwic's CSV and XLSX output.
var kwicColumns = []string{"doc", "title", "published", "year", "provinces", "left", "match", "right", "offset", "url"}

func (l *KWICLine) cells() []string {
	return []string{strconv.FormatInt(l.DocID, 10), l.Title, l.Published, yearCell(l.Year), strings.Join(l.Provinces, "、"),
		l.Left, l.Match, l.Right, strconv.Itoa(l.Offset), l.URL}
}

// kwicPage is how many documents one search page of kwic fetches.
const kwicPage = 200

// KWIC lists every occurrence of the query's words and phrases in the documents that
// match it, as search finds them (folded: 黨建 is 党建), with Width characters of context
// on each side in the text's own characters. A reprint's occurrences are listed once,
// under the group's canonical document.
func (c *Collection) KWIC(ctx context.Context, text string, o KWICOptions) ([]KWICLine, error) {
	if o.Width <= 0 {
		o.Width = 20
	}
	if o.Sort != "" && !contains(KWICSorts, o.Sort) {
		return nil, fmt.Errorf("unknown sort %q (want %s)", o.Sort, strings.Join(KWICSorts, ", "))
	}
	q, err := c.ParseQuery(text, SearchOptions{Province: o.Province, Year: o.Year})
	if err != nil {
		return nil, err
	}
	needles := QueryNeedles(q)
	if len(needles) == 0 {
		return nil, fmt.Errorf("kwic needs a word to look for, e.g. dangjian kwic 从严治党")
	}
	var out []KWICLine
	for offset := 0; ; offset += kwicPage {
		res, err := c.Search(ctx, text, SearchOptions{Province: o.Province, Year: o.Year, Limit: kwicPage, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			d, err := c.Store.Find(ctx, strconv.FormatInt(h.ID, 10))
			if err != nil {
				return nil, err
			}
			out = append(out, concordance(h, d.Clean, needles, o.Width)...)
		}
		if len(res.Hits) < kwicPage || offset+kwicPage >= res.Total {
			break
		}
	}
	sortKWIC(out, o.Sort)
	return out, nil
}

// QueryNeedles are the words and phrases a query looks for, folded as search matches
// them, each once: what a concordance lists and a document page marks.
func QueryNeedles(q *query.Query) []string {
	var needles []string
	for _, t := range q.Terms {
		for _, a := range t.Alternatives() {
			if n := hanzi.Fold(a.Text); n != "" && !contains(needles, n) {
				needles = append(needles, n)
			}
		}
	}
	return needles
}

// concordance finds every occurrence of the needles in text (folded for matching).
func concordance(h SearchHit, text string, needles []string, width int) []KWICLine {
	orig := []rune(text)
	folded := []rune(hanzi.Fold(text))
	if len(folded) != len(orig) {
		folded = orig
	}
	var out []KWICLine
	published := ""
	if h.Published != nil {
		published = *h.Published
	}
	for p := 0; p < len(folded); p++ {
		for _, n := range needles {
			k := query.MatchAt(folded, p, n)
			if k == 0 {
				continue
			}
			l := max(0, p-width)
			r := min(len(orig), p+k+width)
			out = append(out, KWICLine{DocID: h.ID, Title: h.Title, Published: published, Year: h.Year, Provinces: h.Provinces,
				Left: oneLine(orig[l:p]), Match: string(orig[p : p+k]), Right: oneLine(orig[p+k : r]), Offset: p, URL: h.URL})
			break
		}
	}
	return out
}

// oneLine joins the lines of a context with spaces, so that every occurrence is one line.
func oneLine(rs []rune) string {
	return strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(string(rs))
}

func sortKWIC(lines []KWICLine, by string) {
	reverse := func(s string) string {
		rs := []rune(s)
		for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
			rs[i], rs[j] = rs[j], rs[i]
		}
		return string(rs)
	}
	key := func(l KWICLine) string {
		switch by {
		case "left":
			return reverse(l.Left) // the words right before the match first
		case "right":
			return l.Right
		case "date":
			// An article without a date of publication is placed by the year it reports
			// on, and one with neither comes last.
			switch {
			case l.Published != "":
				return l.Published
			case l.Year != nil:
				return strconv.Itoa(*l.Year)
			}
			return "~"
		case "province":
			return strings.Join(l.Provinces, ",")
		}
		return ""
	}
	if by == "" {
		return
	}
	sort.SliceStable(lines, func(i, j int) bool { return key(lines[i]) < key(lines[j]) })
}

// WriteKWIC writes concordance lines as csv, jsonl or xlsx.
func WriteKWIC(lines []KWICLine, format string, w io.Writer) error {
	sink, err := newSink(format, "kwic", kwicColumns, w)
	if err != nil {
		return err
	}
	for i := range lines {
		if err := sink.row(&lines[i], lines[i].cells()); err != nil {
			return err
		}
	}
	return sink.close()
}
