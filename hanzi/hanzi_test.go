package hanzi

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// shared is the project's shared data folder, seen from this package's directory.
const shared = "../../shared"

func TestSimplify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"黨建", "党建"},
		{"內蒙古", "内蒙古"},
		{"乾淨", "干净"},
		{"乾隆", "乾隆"},
		{"乾隆年間很乾燥", "乾隆年间很干燥"},
		{"發展", "发展"},
		{"頭髮", "头发"},
		{"機關黨委", "机关党委"},
		{"薴", "苎"},
		{"茵藉", "茵借"},
		{"迴覆", "回复"},
		{"淩藉", "凌借"},
		{"党建", "党建"},
		{"ＡＢＣ　１", "ＡＢＣ　１"},
		{"Mixed 黨 Text", "Mixed 党 Text"},
		{"", ""},
		{"a\xffb\xe4\xb8", "a\xffb\xe4\xb8"},
	}
	for _, tt := range tests {
		if got := Simplify(tt.in); got != tt.want {
			t.Errorf("Simplify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"黨建ＡＢＣ", "党建abc"},
		{"！～", "!~"},
		{"（２０２４年）", "(2024年)"},
		{"中央組織部　ＧＤＰ", "中央组织部 gdp"},
		{"Hello World", "hello world"},
		{"乾隆ＸＹ", "乾隆xy"},
		{"全角逗號，句號。", "全角逗号,句号。"},
		{"\u3001\uFF00\uFF5F", "\u3001\uFF00\uFF5F"},
		{"A\xffB", "a\xffb"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldRune(t *testing.T) {
	tests := []struct{ in, want rune }{
		{'A', 'a'},
		{'z', 'z'},
		{'Ａ', 'a'},
		{'ｚ', 'z'},
		{'！', '!'},
		{'～', '~'},
		{'\u3000', ' '},
		{'黨', '党'},
		{'乾', '干'},
		{'党', '党'},
		{'𡞵', '㛟'},
		{'䂎', '𥎝'},
		{utf8.RuneError, utf8.RuneError},
		{-1, -1},
		{utf8.MaxRune + 1, utf8.MaxRune + 1},
	}
	for _, tt := range tests {
		if got := FoldRune(tt.in); got != tt.want {
			t.Errorf("FoldRune(%U) = %U, want %U", tt.in, got, tt.want)
		}
	}
}

// TestEveryCharacter checks each pair of the generated table on its own.
func TestEveryCharacter(t *testing.T) {
	n := 0
	for pairs := tsChars; pairs != ""; n++ {
		trad, a := utf8.DecodeRuneInString(pairs)
		simp, b := utf8.DecodeRuneInString(pairs[a:])
		pairs = pairs[a+b:]
		if got := FoldRune(trad); got != simp {
			t.Errorf("FoldRune(%c) = %c, want %c", trad, got, simp)
		}
		if got := FoldRune(simp); got != simp {
			t.Errorf("FoldRune(%c) = %c, want it unchanged", simp, got)
		}
	}
	if n < 4000 {
		t.Errorf("table has %d characters, want at least 4000", n)
	}
}

// TestPhrasesIdempotent folds every pair of phrase keys and outputs, which is
// where a second pass could segment differently from the first.
func TestPhrasesIdempotent(t *testing.T) {
	var words []string
	for line := range strings.Lines(tsPhrases + keptPhrases) {
		trad, simp, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		words = append(words, trad, simp)
		if got := Simplify(trad); got != simp {
			t.Errorf("Simplify(%s) = %s, want %s", trad, got, simp)
		}
	}
	if len(words) < 500 {
		t.Fatalf("only %d phrase words, want at least 500", len(words))
	}
	for _, a := range words {
		for _, b := range words {
			s := a + b
			once := Simplify(s)
			if twice := Simplify(once); twice != once {
				t.Errorf("Simplify(Simplify(%s)) = %s, want %s", s, twice, once)
			}
		}
	}
}

// TestRewritesAcyclic guards the termination of convert: following rewrites
// (characters, and phrases position by position) never returns to a rune.
func TestRewritesAcyclic(t *testing.T) {
	next := make(map[rune][]rune)
	for pairs := tsChars; pairs != ""; {
		trad, a := utf8.DecodeRuneInString(pairs)
		simp, b := utf8.DecodeRuneInString(pairs[a:])
		pairs = pairs[a+b:]
		next[trad] = append(next[trad], simp)
	}
	for line := range strings.Lines(tsPhrases + keptPhrases) {
		trad, simp, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		tr, sr := []rune(trad), []rune(simp)
		for i := range tr {
			if tr[i] != sr[i] {
				next[tr[i]] = append(next[tr[i]], sr[i])
			}
		}
	}
	const (
		unseen = iota
		active
		done
	)
	state := make(map[rune]int)
	var visit func(r rune) bool
	visit = func(r rune) bool {
		switch state[r] {
		case active:
			return false
		case done:
			return true
		}
		state[r] = active
		for _, s := range next[r] {
			if !visit(s) {
				t.Errorf("rewrite cycle through %c→%c", r, s)
				return false
			}
		}
		state[r] = done
		return true
	}
	for r := range next {
		if !visit(r) {
			return
		}
	}
}

// TestMixedIdempotent folds random mixtures of phrases, their outputs and
// single characters, as found nowhere in the tables themselves.
func TestMixedIdempotent(t *testing.T) {
	var parts []string
	for line := range strings.Lines(tsPhrases + keptPhrases) {
		trad, simp, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		parts = append(parts, trad, simp)
		for _, r := range trad {
			parts = append(parts, string(r))
		}
	}
	parts = append(parts, "Ａ", "，", " ", "a\xff")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var sb strings.Builder
		for range 2 + rng.IntN(5) {
			sb.WriteString(parts[rng.IntN(len(parts))])
		}
		s := sb.String()
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Errorf("Fold(Fold(%s)) = %s, want %s", s, twice, once)
		}
		if utf8.RuneCountInString(once) != utf8.RuneCountInString(s) {
			t.Errorf("Fold(%s) = %s changed the rune count", s, once)
		}
	}
}

func TestNoAllocationWhenUnchanged(t *testing.T) {
	s := strings.Repeat("党建引领基层治理 abc 2024, ", 50)
	var out string
	allocs := testing.AllocsPerRun(10, func() { out = Fold(s) })
	if out != s {
		t.Fatalf("Fold changed already folded text")
	}
	if allocs != 0 {
		t.Errorf("Fold of folded text allocates %v times, want 0", allocs)
	}
}

func TestTraditionalSeed(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(shared, "seeds", "002_5d6fb8c6b03e9a71.txt"))
	if err != nil {
		t.Fatal(err)
	}
	got := Fold(string(b))
	for _, want := range []string{"党建", "机关"} {
		if !strings.Contains(got, want) {
			t.Errorf("folded seed lacks %s", want)
		}
	}
	if strings.Contains(got, "黨") {
		t.Errorf("folded seed still contains 黨")
	}
}

// TestAlignment checks on real text that rune i of the output comes from rune
// i of the input: either FoldRune of it, or both are characters of a phrase.
func TestAlignment(t *testing.T) {
	texts := seedTexts(t)
	texts = append(texts, corpusTexts(t, 40)...)
	phraseChars := make(map[rune]bool)
	for line := range strings.Lines(tsPhrases + keptPhrases) {
		for _, r := range line {
			phraseChars[r] = true
		}
	}
	for i, in := range texts {
		out := Fold(in)
		ins, outs := []rune(in), []rune(out)
		if len(ins) != len(outs) {
			t.Errorf("text %d: %d runes folded to %d", i, len(ins), len(outs))
			continue
		}
		for j := range ins {
			if outs[j] != FoldRune(ins[j]) && !(phraseChars[ins[j]] && phraseChars[outs[j]]) {
				t.Errorf("text %d rune %d: %c folded to %c", i, j, ins[j], outs[j])
				break
			}
		}
		if again := Fold(out); again != out {
			t.Errorf("text %d: Fold is not idempotent", i)
		}
		if s := Simplify(in); utf8.RuneCountInString(s) != len(ins) {
			t.Errorf("text %d: Simplify changed rune count", i)
		}
	}
}

func seedTexts(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(shared, "seeds", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no seed files in %s", shared)
	}
	var texts []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}

// corpusTexts returns the content of the first n government work reports.
func corpusTexts(t testing.TB, n int) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(shared, "corpora", "government_work_reports.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for len(texts) < n && sc.Scan() {
		var doc struct{ Content string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatalf("corpus line %d: %v", len(texts)+1, err)
		}
		texts = append(texts, doc.Content)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(texts) == 0 {
		t.Fatal("corpus is empty")
	}
	return texts
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{
		"", "黨建", "乾隆乾淨", "袖裏乾坤", "乾图乾圖", "ＡＢＣ　！～", "Hello 世界",
		"a\xffb\xe4\xb8", "\xef\xbc", "𡞵䂎", "宫商角徵羽變徵",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, conv := range []struct {
			name string
			fn   func(string) string
		}{{"Fold", Fold}, {"Simplify", Simplify}} {
			out := conv.fn(s)
			if got, want := utf8.RuneCountInString(out), utf8.RuneCountInString(s); got != want {
				t.Errorf("%s(%q) has %d runes, want %d", conv.name, s, got, want)
			}
			if utf8.ValidString(s) && !utf8.ValidString(out) {
				t.Errorf("%s(%q) = %q is not valid UTF-8", conv.name, s, out)
			}
			if again := conv.fn(out); again != out {
				t.Errorf("%s(%s(%q)) = %q, want %q", conv.name, conv.name, s, again, out)
			}
		}
		if got, want := Fold(Simplify(s)), Fold(s); got != want {
			t.Errorf("Fold(Simplify(%q)) = %q, want Fold = %q", s, got, want)
		}
		// Offsets: rune i of the output stands for rune i of the input, so ASCII (line
		// breaks, digits, markup) stays exactly where it was, and folding the lines one by
		// one gives the same text as folding the whole.
		in, out := []rune(s), []rune(Fold(s))
		for i, r := range in {
			if i < len(out) && r < utf8.RuneSelf && out[i] != lowerASCII(r) {
				t.Fatalf("Fold(%q) rune %d = %q, want %q in place", s, i, out[i], lowerASCII(r))
			}
		}
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = Fold(l)
		}
		if got, want := strings.Join(lines, "\n"), Fold(s); got != want {
			t.Fatalf("Fold line by line of %q = %q, Fold of the whole = %q", s, got, want)
		}
	})
}
