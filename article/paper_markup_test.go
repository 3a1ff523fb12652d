package article

import (
	"strings"
	"testing"
)

// TestPaperNewerLayoutMarkup reads an article of the e-paper's newer layout in the
// skeleton public scrapers describe (div.article-content, p.sec), with our own text.
func TestPaperNewerLayoutMarkup(t *testing.T) {
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>人民日报</title></head><body>
<div class="main"><div class="article"><h1>以述职评议推动基层党建提质增效</h1><p class="sec">本报记者 张三</p>
<div class="article-content"><p>某省坚持把述职评议考核作为压实基层党建责任的重要抓手，逐级开展书记述职。</p>
<p>全省各级党组织书记围绕责任落实情况现场述职，接受评议，推动问题整改见底见效。</p></div></div></div></body></html>`
	a, err := FromHTML([]byte(page), "text/html; charset=utf-8", "http://paper.people.com.cn/rmrb/pc/content/202412/24/content_30045001.html")
	if err != nil {
		t.Fatal(err)
	}
	if a.Profile != "paper.people" || !strings.Contains(a.Text, "逐级开展书记述职") || a.Title != "以述职评议推动基层党建提质增效" {
		t.Errorf("read by %q: title %q text %q", a.Profile, a.Title, a.Text)
	}
	if !strings.Contains(a.Author, "张三") {
		t.Errorf("author %q", a.Author)
	}
}
