package article

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/dangjian/dangjian/internal/pagescore"
)

const (
	gneDir         = "../../shared/html/gne"
	readabilityDir = "../../shared/html/readability"
	seedsDir       = "../../shared/seeds"
)

func pubDay(a Article) string {
	if a.Published.IsZero() {
		return ""
	}
	return a.Published.Format("2006-01-02")
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }

func lastLine(s string) string { return s[strings.LastIndex(s, "\n")+1:] }

// chromeLineWords never occur in an article line of these pages, only in navigation and footers.
var chromeLineWords = []string{"首页", "版权所有", "Copyright", "分享到", "责任编辑", "客户端", "关注新华网", "人民网版权", "京ICP", "扫一扫"}

func TestGNEProfilePages(t *testing.T) {
	tests := []struct {
		file, url, profile, title, published, source, first, last string
	}{
		{"people_1.html", "http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html", "people", "女儿出嫁，郑板桥画了几笔兰花当嫁妆", "2019-06-15", "人民网", "父亲的教诲像一盏灯", "字里行间都是对儿子的爱。"},
		{"people_1.html", "", "people", "女儿出嫁，郑板桥画了几笔兰花当嫁妆", "2019-06-15", "人民网", "父亲的教诲像一盏灯", "字里行间都是对儿子的爱。"},
		{"xinhuanet_1.html", "http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm", "xinhua", "法国全国大罢工再次严重影响交通", "2019-12-10", "新华网", "新华社巴黎12月9日电", "宣布退休制度改革的总体架构。"},
		{"xinhuanet_1.html", "", "xinhua", "法国全国大罢工再次严重影响交通", "2019-12-10", "新华网", "新华社巴黎12月9日电", "宣布退休制度改革的总体架构。"},
	}
	for _, tt := range tests {
		a, err := FromHTML(readFixture(t, filepath.Join(gneDir, tt.file)), "", tt.url)
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if a.Profile != tt.profile || a.Title != tt.title || pubDay(a) != tt.published || a.Source != tt.source {
			t.Errorf("%s (%q): got profile %q title %q published %q source %q; want %q %q %q %q", tt.file, tt.url, a.Profile, a.Title, pubDay(a), a.Source, tt.profile, tt.title, tt.published, tt.source)
		}
		if !strings.HasPrefix(firstLine(a.Text), tt.first) || !strings.HasSuffix(lastLine(a.Text), tt.last) {
			t.Errorf("%s: text runs from %q to %q; want %q … %q", tt.file, firstLine(a.Text), lastLine(a.Text), tt.first, tt.last)
		}
		for _, line := range strings.Split(a.Text, "\n") {
			for _, w := range chromeLineWords {
				if strings.Contains(line, w) {
					t.Errorf("%s: chrome line in text: %q", tt.file, line)
				}
			}
		}
	}
}

func TestGNEGenericPages(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(gneDir, "*.html"))
	if len(files) == 0 {
		t.Fatalf("no pages in %s", gneDir)
	}
	for _, f := range files {
		a, err := FromHTML(readFixture(t, f), "", "")
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if runeLen(a.Text) < 100 || a.Title == "" || a.Published.IsZero() {
			t.Errorf("%s: text %d runes, title %q, published %v; want a body, a title and a date", filepath.Base(f), runeLen(a.Text), a.Title, a.Published)
		}
	}
}

func TestReadabilityPages(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(readabilityDir, "*", "source.html"))
	if len(dirs) == 0 {
		t.Fatalf("no pages in %s", readabilityDir)
	}
	for _, src := range dirs {
		dir := filepath.Dir(src)
		a, err := FromHTML(readFixture(t, src), "", "")
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		exp, err := goquery.NewDocumentFromReader(strings.NewReader(string(readFixture(t, filepath.Join(dir, "expected.html")))))
		if err != nil {
			t.Fatal(err)
		}
		var meta struct{ Title string }
		if err := json.Unmarshal(readFixture(t, filepath.Join(dir, "expected-metadata.json")), &meta); err != nil {
			t.Fatal(err)
		}
		f := pagescore.BigramF1(a.Text, exp.Text())
		t.Logf("%s: F1 %.3f title %q", filepath.Base(dir), f, a.Title)
		if f < 0.85 {
			t.Errorf("%s: bigram F1 against expected output = %.3f, want >= 0.85", filepath.Base(dir), f)
		}
		if a.Title == "" || !strings.HasPrefix(meta.Title, a.Title) {
			t.Errorf("%s: title %q, want the head of %q without the site name", filepath.Base(dir), a.Title, meta.Title)
		}
	}
}

func TestProfileByHost(t *testing.T) {
	tests := []struct{ url, want string }{
		{"http://dangjian.people.com.cn/n1/2024/0607/c117092-40252111.html", "people"},
		{"https://www.people.com.cn/", "people"},
		{"http://paper.people.com.cn/rmrb/html/2024-06/07/nw.D110000renmrb_20240607_1-01.htm", "paper.people"},
		{"http://www.news.cn/politics/20240607/abc/c.html", "xinhua"},
		{"http://www.xinhuanet.com/politics/2024-06/07/c_1130159826.htm", "xinhua"},
		{"https://www.12371.cn/2024/06/07/ARTI1717718400000000.shtml", "12371"},
		{"http://www.qstheory.cn/dukan/qs/2024-06/01/c_1130154174.htm", "qstheory"},
		{"http://notpeople.com.cn/x.html", ""},
		{"http://example.org/people.com.cn/a.html", ""},
		{"not a url", ""},
	}
	for _, tt := range tests {
		p, _ := ProfileForURL(tt.url)
		if p.Name != tt.want {
			t.Errorf("ProfileForURL(%q) = %q, want %q", tt.url, p.Name, tt.want)
		}
	}
}

func TestProfileByMarkers(t *testing.T) {
	const para = "<p>各级党组织坚持把政治建设摆在首位，扎实推进基层党建各项工作，取得了明显成效，群众普遍认可。</p>"
	tests := []struct{ page, want string }{
		{`<html><head><link rel="canonical" href="http://politics.people.com.cn/n1/2024/0607/c1001-1.html"></head><body><div class="show_text">` + para + `</div></body></html>`, "people"},
		{`<html><head><meta property="og:url" content="https://www.12371.cn/2024/06/07/ARTI1.shtml"></head><body><div class="word">` + para + `</div></body></html>`, "12371"},
		{`<html><body><div id="rwb_zw">` + para + `</div></body></html>`, "people"},
		{`<html><body><div id="detailContent">` + para + `</div></body></html>`, "xinhua"},
		{`<html><body><div id="ozoom">` + para + `</div></body></html>`, "paper.people"},
		{`<html><body><div class="highlight"><div class="text">` + para + `</div></div></body></html>`, "qstheory"},
		{`<html><body><div class="article">` + para + `</div></body></html>`, "generic"},
	}
	for _, tt := range tests {
		a, err := FromHTML([]byte(tt.page), "", "")
		if err != nil || a.Profile != tt.want || !strings.Contains(a.Text, "政治建设摆在首位") {
			t.Errorf("FromHTML(%.60q…) = profile %q text %q err %v; want profile %q", tt.page, a.Profile, a.Text, err, tt.want)
		}
	}
}

func TestProfileFallsBackToGeneric(t *testing.T) {
	page := `<html><body><div id="rwb_zw">短</div><div class="main"><p>各级党组织坚持把政治建设摆在首位，扎实推进基层党建各项工作。</p><p>群众普遍认可，满意度持续提升，工作成效明显。</p></div></body></html>`
	a, err := FromHTML([]byte(page), "", "http://www.people.com.cn/n1/2024/0607/c1-2.html")
	if err != nil || a.Profile != "generic" || !strings.Contains(a.Text, "满意度持续提升") || pubDay(a) != "2024-06-07" {
		t.Errorf("got profile %q text %q published %q err %v; want generic fallback with URL date 2024-06-07", a.Profile, a.Text, pubDay(a), err)
	}
}

func TestFromHTMLWithProfile(t *testing.T) {
	raw := readFixture(t, filepath.Join(gneDir, "xinhuanet_1.html"))
	a, err := FromHTMLWithProfile(raw, "", "", "generic")
	if err != nil || a.Profile != "generic" || !strings.Contains(a.Text, "法国9日再次爆发全国跨行业大罢工") {
		t.Errorf("forced generic: profile %q err %v text %.80q", a.Profile, err, a.Text)
	}
	_, err = FromHTMLWithProfile(raw, "", "", "nosuch")
	if err == nil || !strings.Contains(err.Error(), "xinhua") || !strings.Contains(err.Error(), "generic") {
		t.Errorf("unknown profile error = %v, want one listing the profile names", err)
	}
	if _, ok := ProfileByName("people"); !ok {
		t.Error(`ProfileByName("people") not found`)
	}
	names := profileNames()
	if names[len(names)-1] != "generic" || len(Profiles()) != 6 {
		t.Errorf("Profiles() = %v, want five site profiles then generic", names)
	}
}

func TestFromHTMLFixtures(t *testing.T) {
	tests := []struct{ file, charset, title, published, source, text string }{
		{"gbk_declared_utf8.html", "gb18030", "党建引领基层治理调研", "2023-05-12", "示例日报", "群众满意度持续提升"},
		{"utf8_declared_gb2312.html", "utf-8", "党建引领基层治理调研", "2023-05-12", "示例日报", "群众满意度持续提升"},
		{"big5_no_meta.html", "big5", "黨建引領基層治理調研", "2023-05-12", "示例日報", "群眾滿意度持續提升"},
	}
	for _, tt := range tests {
		a, err := FromHTML(readFixture(t, filepath.Join("testdata", tt.file)), "", "")
		if err != nil || a.Charset != tt.charset || a.Title != tt.title || pubDay(a) != tt.published || a.Source != tt.source || !strings.Contains(a.Text, tt.text) {
			t.Errorf("%s: got %q %q %q %q err %v; want %q %q %q %q", tt.file, a.Charset, a.Title, pubDay(a), a.Source, err, tt.charset, tt.title, tt.published, tt.source)
		}
		if strings.Contains(a.Text, "首页") || strings.Contains(a.Text, "联系方式") || strings.Contains(a.Text, "聯繫方式") {
			t.Errorf("%s: navigation or footer in text %q", tt.file, a.Text)
		}
	}
}

func TestFromHTMLRefusesBinary(t *testing.T) {
	_, err := FromHTML(readFixture(t, "testdata/zip_magic.html"), "text/html", "")
	if !errors.Is(err, ErrBinary) {
		t.Errorf("FromHTML(zip) error = %v, want ErrBinary", err)
	}
	_, err = FromHTML([]byte("  \n "), "", "")
	if !errors.Is(err, ErrEmpty) {
		t.Errorf("FromHTML(blank) error = %v, want ErrEmpty", err)
	}
}

func TestDeeplyNestedPage(t *testing.T) {
	for _, tag := range []string{"div", "span", "table", "b"} {
		page := "<html><body>" + strings.Repeat("<"+tag+">", 100000) + "<p>深处的段落，依然可以读到。</p></body></html>"
		a, err := FromHTML([]byte(page), "", "")
		if err != nil {
			t.Errorf("%s: %v", tag, err)
			continue
		}
		if !strings.Contains(a.Text, "深处的段落") && tag != "table" {
			t.Errorf("%s: text %q, want the nested paragraph", tag, a.Text)
		}
	}
}

func TestTitleAndDateRules(t *testing.T) {
	tests := []struct{ name, page, url, title, published string }{
		{"site suffix stripped", `<title>党建工作综述 - 人民网</title><body><p>正文内容在这里，内容充实，标点齐全，说明工作成效。</p></body>`, "", "党建工作综述", ""},
		{"underscore suffix", `<title>党建工作综述_新华网</title><body><p>正文。</p></body>`, "", "党建工作综述", ""},
		{"h1 matching title", `<title>要闻|党建工作综述|某某网</title><body><h1>网站标志</h1><h1>党建工作综述</h1></body>`, "", "党建工作综述", ""},
		{"meta date", `<meta name="PubDate" content="2022-01-28 10:00:00"><body><p>2001年的事。</p></body>`, "", "", "2022-01-28"},
		{"iso meta date", `<meta property="article:published_time" content="2024-06-07T08:21:00+08:00"><body><p>正文。</p></body>`, "", "", "2024-06-07"},
		{"visible date after title beats copyright and sidebar", `<title>标题文字</title><body><div>2019年01月01日 日历</div><h1>标题文字</h1><div>发布时间：2024年06月07日 08:21 来源：人民网－人民日报</div><p>正文，共三段，说明情况，内容充实。</p><ul><li><a href="/x">相关文章 2020-01-01</a></li></ul><div>Copyright 2005-2024</div></body>`, "", "标题文字", "2024-06-07"},
		{"xinhua url date", `<body><p>正文。</p></body>`, "http://example.com/2024-06/07/c_1.htm", "", "2024-06-07"},
		{"12371 url date", `<body><p>正文。</p></body>`, "http://example.com/2024/06/07/ARTI1.shtml", "", "2024-06-07"},
		{"news.cn url date", `<body><p>正文。</p></body>`, "http://example.com/politics/20240607/abc/c.html", "", "2024-06-07"},
		{"credit line", `<body><div class="main"><p>正文第一段，内容充实，标点齐全。</p><p>（《人民日报》2024年06月07日第01版）</p></div></body>`, "", "", "2024-06-07"},
		{"copyright only", `<body><p>正文，没有日期。</p><div>Copyright © 2015-2024</div></body>`, "", "", ""},
	}
	for _, tt := range tests {
		a, err := FromHTML([]byte(tt.page), "", tt.url)
		if err != nil || a.Title != tt.title || pubDay(a) != tt.published {
			t.Errorf("%s: title %q published %q err %v; want %q %q", tt.name, a.Title, pubDay(a), err, tt.title, tt.published)
		}
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-03-03 03:14", "2024-03-03T03:14"},
		{"2024年06月07日 08:21", "2024-06-07T08:21"},
		{"发布时间：2024年6月7日", "2024-06-07T00:00"},
		{"2024/6/7", "2024-06-07T00:00"},
		{"9/17/2004 5:54:13 PM", "2004-09-17T17:54"},
		{"2024-02-30", ""},
		{"2005-2024", ""},
		{"电话 0371-65795678", ""},
	}
	for _, tt := range tests {
		d, _, ok := findDate(tt.in)
		got := ""
		if ok {
			got = d.Format("2006-01-02T15:04")
		}
		if got != tt.want {
			t.Errorf("findDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for u, want := range map[string]string{
		"/n1/2024/0607/c117092-40252111.html":                        "2024-06-07",
		"/rmrb/pc/content/202412/24/content_30045001.html":           "2024-12-24",
		"/rmrb/html/2021-06/08/nw.D110000renmrb_20210608_3-04.htm":   "2021-06-08",
		"/politics/20240607/3f2a9c0e5b7d4e1a8c6b2d4f0e9a7c31/c.html": "2024-06-07",
		"/2024/06/07/ARTI1717723456789012.shtml":                     "2024-06-07",
	} {
		if d, ok := dateFromURL(u); !ok || d.Format(time.DateOnly) != want {
			t.Errorf("dateFromURL(%s) = %v %v, want %s", u, d, ok, want)
		}
	}
}
