package segment

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestCutKeepsDomainTerms(t *testing.T) {
	tests := []struct{ text, term string }{
		{"市应急局坚持四不两直暗查暗访，突击检查了三家企业。", "四不两直"},
		{"深刻领悟两个确立的决定性意义，增强四个意识。", "两个确立"},
		{"各支部按月落实三会一课制度并做好记录。", "三会一课"},
		{"年底开展村党组织书记抓党建述职评议考核工作。", "述职评议考核"},
		{"班子成员履行一岗双责，分管领域出了问题要问责。", "一岗双责"},
		{"着力纠治学习教育中的形严实软问题。", "形严实软"},
		{"省里向重点村选派第一书记，带领驻村工作队修通了路。", "第一书记"},
		{"以党建引领基层治理，推广红色物业和网格化管理。", "红色物业"},
		{"学习推广枫桥经验，把矛盾化解在基层。", "枫桥经验"},
		{"整顿软弱涣散村党组织二十个。", "软弱涣散"},
		{"深化千万工程经验运用，建设和美乡村。", "千万工程"},
	}
	s := New()
	for _, tt := range tests {
		if got := s.Cut(tt.text); !slices.Contains(got, tt.term) {
			t.Errorf("Cut(%q) = %q, want the word %q in it", tt.text, strings.Join(got, "/"), tt.term)
		}
	}
}

func TestCutDropsSpaceAndKeepsPunctuation(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{" \t\n\u3000", nil},
		{"党建，引领。", []string{"党建", "，", "引领", "。"}},
		{"学习——实践……", []string{"学习", "——", "实践", "……"}},
		{"GDP 增长", []string{"GDP", "增长"}},
		{"2023年增长5.2%，１９９８年", []string{"2023年", "增长", "5.2%", "，", "１９９８年"}},
	}
	s := New()
	for _, tt := range tests {
		if got := s.Cut(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Cut(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestAddTerms(t *testing.T) {
	tests := []struct{ text, term string }{
		{"该县创新推出红旗渠畔议事坊，群众有事好商量。", "红旗渠畔议事坊"},
		{"群众拨打12345热线反映问题。", "12345热线"},
		{"推行周二说事日以来解决了不少难题。", "周二说事日"},
	}
	for _, tt := range tests {
		s := New()
		if got := s.Cut(tt.text); slices.Contains(got, tt.term) {
			t.Fatalf("Cut(%q) = %q before AddTerms, want %q split", tt.text, got, tt.term)
		}
		s.AddTerms([]string{tt.term, " ", "一"})
		if got := s.Cut(tt.text); !slices.Contains(got, tt.term) {
			t.Errorf("Cut(%q) = %q after AddTerms, want the word %q", tt.text, got, tt.term)
		}
		if got := New().Cut(tt.text); slices.Contains(got, tt.term) {
			t.Errorf("another Segmenter's Cut(%q) = %q, want terms added elsewhere not to leak", tt.text, got)
		}
	}
}

func TestAddQuotedTerms(t *testing.T) {
	const text = "推行“周二说事日”以来，“周二说事日”解决了不少难题。"
	s := New()
	s.AddTerms(QuotedTerms(text))
	got := s.Cut(text)
	if n := strings.Count("/"+strings.Join(got, "/")+"/", "/周二说事日/"); n != 2 {
		t.Errorf("Cut(%q) = %q, want 周二说事日 twice as a word", text, strings.Join(got, "/"))
	}
}

func TestTokensReproduceText(t *testing.T) {
	texts := []string{
		"全面从严治党永远在路上。",
		"Ａ股 ABC 与 İstanbul 的“党建+”  ２０２３年增长５.２％——",
		"黨建引領基層治理\n第二段",
		"\xff无效\xfe字节",
	}
	texts = append(texts, reportLines(t, 200)...)
	s := New()
	for _, text := range texts {
		runes := []rune(text)
		end := 0
		for _, tok := range s.Tokens(text) {
			if gap := string(runes[end:tok.Start]); strings.TrimSpace(gap) != "" {
				t.Fatalf("Tokens(%q) skipped %q before %+v", text, gap, tok)
			}
			// Comparing as runes because invalid UTF-8 bytes become U+FFFD in runes.
			if got := string(runes[tok.Start:tok.End]); got != string([]rune(tok.Text)) || tok.Start >= tok.End {
				t.Fatalf("Tokens(%q): token %+v covers %q", text, tok, got)
			}
			end = tok.End
		}
		if rest := string(runes[end:]); strings.TrimSpace(rest) != "" {
			t.Fatalf("Tokens(%q) left %q at the end", text, rest)
		}
	}
}

func TestCutConcurrent(t *testing.T) {
	lines := reportLines(t, 40)
	s := New()
	want := make([][]string, len(lines))
	for i, l := range lines {
		want[i] = s.Cut(l)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if g == 0 {
				s.AddTerms([]string{"并发测试新词"})
			}
			for i, l := range lines {
				if got := s.Cut(l); !slices.Equal(got, want[i]) {
					t.Errorf("parallel Cut(%q) = %q, want %q", l, got, want[i])
				}
			}
		}()
	}
	wg.Wait()
}

// reportLines returns up to n non-empty paragraphs of the government work reports.
func reportLines(t testing.TB, n int) []string {
	t.Helper()
	var lines []string
	for _, doc := range reportContents(t, 1<<20) {
		for _, l := range strings.Split(doc, "\n") {
			if strings.TrimSpace(l) != "" && len(lines) < n {
				lines = append(lines, l)
			}
		}
	}
	if len(lines) == 0 {
		t.Fatal("no report text found")
	}
	return lines
}

// reportContents reads the content of government work reports until about limit bytes.
func reportContents(t testing.TB, limit int) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "shared", "corpora", "government_work_reports.jsonl"))
	if err != nil {
		t.Fatalf("open reports: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	var docs []string
	size := 0
	for sc.Scan() && size < limit {
		var doc struct{ Content string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatalf("parse report: %v", err)
		}
		docs = append(docs, doc.Content)
		size += len(doc.Content)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read reports: %v", err)
	}
	return docs
}

func BenchmarkCut(b *testing.B) {
	docs := reportContents(b, 4<<20)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	s := New()
	s.Cut("预热") // load the dictionary outside the measurement
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			s.Cut(d)
		}
	}
}

func TestLexiconTermsStayWhole(t *testing.T) {
	s := New()
	n := 0
	for _, line := range strings.Split(lexicon, "\n") {
		term, _ := parseLexiconLine(line)
		if term == "" {
			continue
		}
		n++
		if got := s.Cut(term); len(got) != 1 {
			t.Errorf("Cut(%q) = %q, want the lexicon term whole", term, strings.Join(got, "/"))
		}
	}
	if n < 400 {
		t.Errorf("lexicon has %d terms, want at least 400", n)
	}
}
