package index

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/dangjian/dangjian/hanzi"
)

// restoreWindows checks that every sampled window of the folded text restores the same
// characters of text.
func restoreWindows(t *testing.T, text string, windows int) {
	t.Helper()
	folded := hanzi.Fold(text)
	o := newOriginal(text, folded)
	if got := o.text(0, len(folded)); got != text {
		t.Fatalf("whole text of %.40q restores as %.40q", text, got)
	}
	// Rune starts in both texts, so that a window of folded bytes has its original bytes.
	var fb, ob []int
	for i := range folded {
		fb = append(fb, i)
	}
	for i := range text {
		ob = append(ob, i)
	}
	fb, ob = append(fb, len(folded)), append(ob, len(text))
	if len(fb) != len(ob) {
		t.Fatalf("folding changed the number of characters of %.40q", text)
	}
	rng := rand.New(rand.NewPCG(1, uint64(len(text))))
	for range windows {
		a, b := rng.IntN(len(fb)), rng.IntN(len(fb))
		a, b = min(a, b), max(a, b)
		if got, want := o.text(fb[a], fb[b]), text[ob[a]:ob[b]]; got != want {
			t.Fatalf("characters %d to %d restore as %q, want %q", a, b, got, want)
		}
	}
}

func TestOriginalRestoresEveryWindow(t *testing.T) {
	tests := []string{
		"",
		"党建工作",
		"黨建工作，抓基層（試點）：ＡＢＣ　全角空格ａｂ",
		"ABC Def，ＸＹＺ１２３！",
		"，，，，",
		"乾淨與乾隆",
		"bad \xff\xfe bytes，黨\xe4",
	}
	for _, text := range tests {
		restoreWindows(t, text, 200)
	}
	seeds, err := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", "*.txt"))
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seed documents in ../shared/seeds (%v)", err)
	}
	for _, path := range seeds {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		restoreWindows(t, string(b), 2000)
	}
}

// The patches cost far less than a second copy of the text: most are full-width
// punctuation, a byte or two each.
func TestPatchesAreSmall(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "seeds", "000_9cc716cc01e6bbdf.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	p := appendPatches(nil, text, hanzi.Fold(text))
	if runes := utf8.RuneCountInString(text); len(p) == 0 || len(p) > runes/5 {
		t.Errorf("%d runes give %d bytes of patches, want some and at most a fifth", runes, len(p))
	}
}

func FuzzOriginal(f *testing.F) {
	f.Add("黨建，ＡＢ　a", []byte{0x05, 0x03, 0x81, 0x02})
	f.Add("", []byte{0xff, 0xff})
	f.Fuzz(func(t *testing.T, text string, damaged []byte) {
		folded := hanzi.Fold(text)
		if got := newOriginal(text, folded).text(0, len(folded)); got != text {
			t.Fatalf("restores %q, want %q", got, text)
		}
		// Patches that do not belong to the text restore something, and never panic.
		o := original{folded: []byte(folded), patches: damaged}
		for i := range folded {
			o.text(i, len(folded))
			o.text(0, i)
		}
	})
}
