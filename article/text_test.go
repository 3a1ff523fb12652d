package article

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func seedPath(t *testing.T, prefix string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(seedsDir, prefix+"_*.txt"))
	if len(m) != 1 {
		t.Fatalf("seed %s: found %v", prefix, m)
	}
	return m[0]
}

func TestFromTextSeeds(t *testing.T) {
	tests := []struct{ seed, title, published, source string }{
		{"000", "压紧压实强基固本政治责任 全面提高基层党建工作质效", "2024-06-07", "人民日报"},
		{"001", "", "", "新华网"},
		{"002", "堅持問題導向全面提高機關黨建質量研究", "2024-03-03", ""},
		{"003", "压紧压实强基固本政治责任 全面提高基层党建工作质效", "", ""},
		{"004", "", "", ""},
	}
	for _, tt := range tests {
		path := seedPath(t, tt.seed)
		raw := readFixture(t, path)
		a, err := FromText(raw, path)
		if err != nil {
			t.Fatalf("%s: %v", tt.seed, err)
		}
		if a.Title != tt.title || pubDay(a) != tt.published || a.Source != tt.source {
			t.Errorf("seed %s: title %q published %q source %q; want %q %q %q", tt.seed, a.Title, pubDay(a), a.Source, tt.title, tt.published, tt.source)
		}
		if strings.Contains(a.Text, "\r") || runeLen(a.Text) < runeLen(string(raw))*9/10 {
			t.Errorf("seed %s: text not kept whole with normalised newlines (%d of %d runes)", tt.seed, runeLen(a.Text), runeLen(string(raw)))
		}
	}
}

// TestFromTextGold checks the hand-labelled title, source and date of the seeds that have gold.
func TestFromTextGold(t *testing.T) {
	golds, _ := filepath.Glob("../../shared/gold/*.json")
	if len(golds) == 0 {
		t.Fatal("no gold files")
	}
	for _, g := range golds {
		var gold struct {
			Doc       string
			Title     *string
			Source    *string
			Published *string
		}
		if err := json.Unmarshal(readFixture(t, g), &gold); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(seedsDir, gold.Doc)
		a, err := FromText(readFixture(t, path), path)
		if err != nil {
			t.Fatal(err)
		}
		deref := func(p *string) string {
			if p == nil {
				return ""
			}
			return *p
		}
		if a.Title != deref(gold.Title) || a.Source != deref(gold.Source) || pubDay(a) != deref(gold.Published) {
			t.Errorf("%s: title %q source %q published %q; gold %q %q %q", gold.Doc, a.Title, a.Source, pubDay(a), deref(gold.Title), deref(gold.Source), deref(gold.Published))
		}
	}
}

func TestFromTextRules(t *testing.T) {
	tests := []struct{ name, text, title, published, source string }{
		{"markdown headline", "## 标题在此\n\n正文第一段。", "标题在此", "", ""},
		{"skip punctuation and meta", "?\n作者:佚名 来源:光明日报 2023-09-01\n真正的标题\n正文。", "真正的标题", "2023-09-01", "光明日报"},
		{"date line in header", "题目\n2024-03-03 03:14 某某课题组\n正文。", "题目", "2024-03-03", ""},
		{"dateline with year", "新华社北京2024年6月6日电 日前，有关部门印发通知。", "", "2024-06-06", "新华社"},
		{"dateline without year", "新华网重庆7月30日电 记者报道。", "", "", "新华网"},
		{"credit line", "标题\n正文。\n(《光明日报》2023年09月01日 05版)", "标题", "2023-09-01", "光明日报"},
		{"date in body is not publication", "标题\n正文。\n正文第二段。\n第三段。\n第四段。\n第五段。\n第六段。\n第七段。\n第八段。\n2019年5月1日，会议召开。", "标题", "", ""},
		{"paragraph first line", "这是一个很长的段落，没有标题，直接开始叙述各项工作的进展情况和下一步打算，内容较多，长度超过标题。", "", "", ""},
	}
	for _, tt := range tests {
		a, err := FromText([]byte(tt.text), tt.name)
		if err != nil || a.Title != tt.title || pubDay(a) != tt.published || a.Source != tt.source {
			t.Errorf("%s: title %q published %q source %q err %v; want %q %q %q", tt.name, a.Title, pubDay(a), a.Source, err, tt.title, tt.published, tt.source)
		}
	}
}

func TestFromTextGBKAndNewlines(t *testing.T) {
	a, err := FromText(readFixture(t, "testdata/gbk_text.txt"), "gbk_text.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := "# 党建引领基层治理调研\n\n来源：示例日报 2023-05-12\n\n本市各级党组织围绕基层治理开展专题调研。\n调研组认为成效明显。"
	if a.Text != want || a.Charset != "gb18030" || a.Title != "党建引领基层治理调研" || a.Source != "示例日报" || pubDay(a) != "2023-05-12" {
		t.Errorf("got text %q charset %q title %q source %q published %q", a.Text, a.Charset, a.Title, a.Source, pubDay(a))
	}
	if _, err := FromText(readFixture(t, "testdata/zip_magic.html"), "x.txt"); err == nil {
		t.Error("FromText(zip) succeeded, want ErrBinary")
	}
}
