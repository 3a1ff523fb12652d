package article

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// checkArticle asserts what every caller relies on: valid UTF-8 everywhere, "\n" as the
// only line break, no trailing space on a line and, for pages (paragraphs), no blank lines.
func checkArticle(t *testing.T, a Article, paragraphs bool) {
	t.Helper()
	for name, s := range map[string]string{"title": a.Title, "text": a.Text, "source": a.Source, "author": a.Author} {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in %s %q", name, s)
		}
	}
	for i, l := range strings.Split(a.Text, "\n") {
		if paragraphs && strings.TrimSpace(l) == "" && a.Text != "" {
			t.Fatalf("text line %d is blank in %q", i, a.Text)
		}
		if strings.ContainsRune(l, '\r') || strings.TrimRightFunc(l, isSpace) != l {
			t.Fatalf("text line %d %q has a carriage return or trailing space", i, l)
		}
	}
	if y := a.Published.Year(); !a.Published.IsZero() && (y < 1900 || y > 2200) {
		t.Fatalf("published %v", a.Published)
	}
}

func FuzzFromHTML(f *testing.F) {
	f.Add([]byte(`<html><head><meta charset="gbk"><title>标题 - 网</title></head><body><p>正文，内容。</p></body></html>`), "text/html", "http://www.people.com.cn/n1/2024/0607/c1-2.html")
	f.Add([]byte("<div><p>a<br>b</div></p><table><td>c"), "", "")
	f.Add([]byte(strings.Repeat("<div>", 2000)+"深处的正文。"+strings.Repeat("</div>", 5)), "text/html; charset=utf-8", "")
	f.Add([]byte("PK\x03\x04\x14\x00\x00\x00<html><body>不是网页</body></html>"), "text/html", "http://a.cn/x.html")
	f.Fuzz(func(t *testing.T, raw []byte, contentType, pageURL string) {
		a, err := FromHTML(raw, contentType, pageURL)
		if err != nil {
			return
		}
		checkArticle(t, a, true)
	})
}

func FuzzFromText(f *testing.F) {
	f.Add([]byte("标题\n\n  正文第一段。\r\n第二段，2024年6月7日。\n"), "a.txt")
	f.Add([]byte("\xef\xbb\xbf# 标题\n\n黨建工作"), "b.md")
	f.Add([]byte("\xff\xfe\x5a\x5b\n\x00"), "c.txt")
	f.Add([]byte("\x1f\x8b\x08\x00binary"), "d.txt")
	f.Fuzz(func(t *testing.T, raw []byte, name string) {
		a, err := FromText(raw, name)
		if err != nil {
			return
		}
		checkArticle(t, a, false)
	})
}
