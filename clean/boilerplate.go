package clean

import (
	"fmt"
	"hash/maphash"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dangjian/dangjian/corpus"
)

// Boilerplate learns the lines that one site repeats on many of its pages — navigation,
// footers, standing notices — which no fixed pattern can know, so they can be removed too.
// Learn every page of a corpus first, then Remove from each page's cleaned text.
type Boilerplate struct {
	// A line is boilerplate of a site when it stands on at least MinPages of the site's
	// pages and on at least MinShare of them. Both bounds keep article text safe: a sentence
	// shared by a few reprints never reaches them, a site's chrome is on nearly every page.
	MinPages int
	MinShare float64

	seed  maphash.Seed
	mu    sync.Mutex
	pages map[string]int              // site → pages learnt
	lines map[string]map[uint64]int32 // site → line hash → pages it stands on
}

// Default bounds, chosen so that a site needs a handful of pages before anything is
// learnt, and a line must be on a fifth of them.
const (
	DefaultMinPages = 5
	DefaultMinShare = 0.2
	// boilerplateMaxRunes: chrome lines are short; a long line repeated across pages is
	// more likely a quoted passage or a reprint, which cleaning must not touch.
	boilerplateMaxRunes = 60
)

// NewBoilerplate returns an empty Boilerplate with the default bounds.
func NewBoilerplate() *Boilerplate {
	return &Boilerplate{MinPages: DefaultMinPages, MinShare: DefaultMinShare, seed: maphash.MakeSeed(),
		pages: map[string]int{}, lines: map[string]map[uint64]int32{}}
}

// candidate gives the key of a line that could be boilerplate, or false.
func (b *Boilerplate) candidate(line string) (uint64, bool) {
	t := strings.TrimSpace(line)
	if t == "" || utf8.RuneCountInString(t) > boilerplateMaxRunes {
		return 0, false
	}
	return maphash.String(b.seed, t), true
}

// Learn counts the lines of one page of site. It may be called from several goroutines.
func (b *Boilerplate) Learn(site, text string) {
	seen := map[uint64]bool{}
	for _, line := range strings.Split(text, "\n") {
		if k, ok := b.candidate(line); ok {
			seen[k] = true
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pages[site]++
	m := b.lines[site]
	if m == nil {
		m = map[uint64]int32{}
		b.lines[site] = m
	}
	for k := range seen {
		m[k]++
	}
}

// Remove drops from text the lines that site repeats on many pages, and says why.
func (b *Boilerplate) Remove(site, text string) (kept string, removed []corpus.Removed) {
	b.mu.Lock()
	pages, counts := b.pages[site], b.lines[site]
	b.mu.Unlock()
	if pages < b.MinPages || len(counts) == 0 {
		return text, nil
	}
	need := max(b.MinPages, int(b.MinShare*float64(pages)+0.999))
	lines := strings.Split(text, "\n")
	out := lines[:0:0]
	for _, line := range lines {
		if k, ok := b.candidate(line); ok && int(counts[k]) >= need {
			removed = append(removed, corpus.Removed{Text: strings.TrimSpace(line),
				Reason: fmt.Sprintf("site boilerplate (on %d of %d pages of %s)", counts[k], pages, site)})
			continue
		}
		out = append(out, line)
	}
	if len(removed) == 0 {
		return text, nil
	}
	return joinCollapsed(out), removed
}
