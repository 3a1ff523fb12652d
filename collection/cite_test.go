package collection

import (
	"testing"
	"time"

	"github.com/dangjian/dangjian/corpus"
)

// TestCitation writes GB/T 7714-2015 references: a newspaper article with its page, a
// web page with its publication and access dates, and a file of neither.
func TestCitation(t *testing.T) {
	added := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		doc  corpus.Document
		want string
	}{
		{corpus.Document{Title: "述职评议考核推动基层党建提质增效", Source: "人民日报", Published: "2024-12-24", Page: 6,
			URL: "http://paper.people.com.cn/rmrb/pc/content/202412/24/content_30045001.html", Added: added},
			"述职评议考核推动基层党建提质增效[N]. 人民日报, 2024-12-24(6)."},
		{corpus.Document{Title: "各地扎实开展基层党建述职评议考核", Source: "新华网", Published: "2024-06-07T10:12",
			URL: "https://www.news.cn/politics/20240607/3f2a9c0e5b7d4e1a8c6b2d4f0e9a7c31/c.html", Added: added},
			"新华网. 各地扎实开展基层党建述职评议考核[EB/OL]. (2024-06-07)[2026-12-04]. https://www.news.cn/politics/20240607/3f2a9c0e5b7d4e1a8c6b2d4f0e9a7c31/c.html."},
		{corpus.Document{Title: "堅持問題導向", Source: "學習時報", Published: "2024-03-03", URL: "/data/a.txt", Added: added},
			"堅持問題導向[N]. 學習時報, 2024-03-03."},
		{corpus.Document{Title: "", Source: "某县委组织部", URL: "/data/b.txt", Added: added},
			"某县委组织部. [无题][Z]."},
	}
	for _, tt := range tests {
		if got := citation(&tt.doc).GBT7714; got != tt.want {
			t.Errorf("citation of %q:\n got %s\nwant %s", tt.doc.Title, got, tt.want)
		}
	}
}
