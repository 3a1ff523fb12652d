package article

import (
	"testing"
	"unicode/utf8"
)

func FuzzFromHTML(f *testing.F) {
	f.Add([]byte(`<html><head><meta charset="gbk"><title>标题 - 网</title></head><body><p>正文，内容。</p></body></html>`), "text/html", "http://www.people.com.cn/n1/2024/0607/c1-2.html")
	f.Add([]byte("<div><p>a<br>b</div></p><table><td>c"), "", "")
	f.Fuzz(func(t *testing.T, raw []byte, contentType, pageURL string) {
		a, err := FromHTML(raw, contentType, pageURL)
		if err != nil {
			return
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
			t.Errorf("invalid UTF-8 in %q / %q", a.Title, a.Text)
		}
	})
}
