package collection

import (
	"context"
	"fmt"
	"strings"

	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/hanzi"
)

// Citation names a document as a reference list does: `show --cite`.
type Citation struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Published string `json:"published"` // YYYY-MM-DD, or ""
	Page      int    `json:"page,omitempty"`
	URL       string `json:"url"`
	Accessed  string `json:"accessed"` // when it was fetched or imported, YYYY-MM-DD
	// GBT7714 is the reference in the style of GB/T 7714-2015: a newspaper article as
	// 题名[N]. 报纸名, 出版日期(版次); a web page as 责任者. 题名[EB/OL]. (发布日期)[引用日期].
	// URL; anything else as 责任者. 题名[Z]. 日期.
	GBT7714 string `json:"gbt7714"`
}

// Cite makes the citation of the document ref names (an id, a URL or an imported path).
func (c *Collection) Cite(ctx context.Context, ref string) (*Citation, error) {
	d, err := c.Store.Find(ctx, ref)
	if err != nil {
		return nil, err
	}
	return citation(d), nil
}

func citation(d *corpus.Document) *Citation {
	ct := &Citation{ID: d.ID, Title: strings.TrimSpace(d.Title), Source: strings.TrimSpace(d.Source), Page: d.Page, URL: d.URL}
	if len(d.Published) >= 10 {
		ct.Published = d.Published[:10]
	}
	if !d.Added.IsZero() {
		ct.Accessed = d.Added.Format("2006-01-02")
	}
	title := ct.Title
	if title == "" {
		title = "[无题]"
	}
	web := strings.HasPrefix(d.URL, "http://") || strings.HasPrefix(d.URL, "https://")
	var b strings.Builder
	switch {
	case isNewspaper(ct.Source) && ct.Published != "":
		fmt.Fprintf(&b, "%s[N]. %s, %s", title, ct.Source, ct.Published)
		if ct.Page > 0 {
			fmt.Fprintf(&b, "(%d)", ct.Page)
		}
		b.WriteString(".")
	case web:
		if ct.Source != "" {
			b.WriteString(ct.Source + ". ")
		}
		fmt.Fprintf(&b, "%s[EB/OL]. ", title)
		if ct.Published != "" {
			fmt.Fprintf(&b, "(%s)", ct.Published)
		}
		if ct.Accessed != "" {
			fmt.Fprintf(&b, "[%s]", ct.Accessed)
		}
		if ct.Published != "" || ct.Accessed != "" {
			b.WriteString(". ")
		}
		b.WriteString(d.URL + ".")
	default:
		if ct.Source != "" {
			b.WriteString(ct.Source + ". ")
		}
		fmt.Fprintf(&b, "%s[Z]", title)
		if ct.Published != "" {
			b.WriteString(". " + ct.Published)
		}
		b.WriteString(".")
	}
	ct.GBT7714 = b.String()
	return ct
}

// isNewspaper tells a paper (人民日报, 湖北日报, 人民日报海外版, 學習時報) from a website or
// a journal by its name.
func isNewspaper(source string) bool {
	s := hanzi.Simplify(source)
	return strings.HasSuffix(s, "报") || strings.HasSuffix(s, "报海外版")
}
