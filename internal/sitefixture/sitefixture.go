// Package sitefixture loads the pages in article/testdata/sites, each in one site's
// markup skeleton, with what extraction must read from it; tests of several packages
// share them.
package sitefixture

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Fixture is one saved page and the fields its site's profile must extract.
type Fixture struct {
	File        string   `json:"file"`
	Skeleton    string   `json:"skeleton"` // whose markup the page reconstructs
	URL         string   `json:"url"`
	ContentType string   `json:"content_type"`
	Profile     string   `json:"profile"`
	Title       string   `json:"title"`
	Published   string   `json:"published"` // YYYY-MM-DD
	Source      string   `json:"source"`
	Body        []string `json:"body"`        // sentences the body holds
	NotInBody   []string `json:"not_in_body"` // page furniture the body must not hold
	Raw         []byte   `json:"-"`           // the page's bytes, in the charset the site serves
}

// Load reads dir/sites.json and every page it names; it fails on an empty list, so a
// test over the fixtures cannot pass by having none.
func Load(dir string) ([]Fixture, error) {
	b, err := os.ReadFile(filepath.Join(dir, "sites.json"))
	if err != nil {
		return nil, fmt.Errorf("site fixtures: %w", err)
	}
	var fs []Fixture
	if err := json.Unmarshal(b, &fs); err != nil {
		return nil, fmt.Errorf("site fixtures: %s: %w", filepath.Join(dir, "sites.json"), err)
	}
	if len(fs) == 0 {
		return nil, fmt.Errorf("site fixtures: %s lists no pages", dir)
	}
	for i := range fs {
		if fs[i].Raw, err = os.ReadFile(filepath.Join(dir, fs[i].File)); err != nil {
			return nil, fmt.Errorf("site fixtures: %w", err)
		}
	}
	return fs, nil
}

// BodyProblems lists how an extracted body misses the fixture: sentences it lacks and
// page furniture it holds.
func (f Fixture) BodyProblems(text string) []string {
	var out []string
	for _, s := range f.Body {
		if !strings.Contains(text, s) {
			out = append(out, fmt.Sprintf("body lacks %q", s))
		}
	}
	for _, s := range f.NotInBody {
		if strings.Contains(text, s) {
			out = append(out, fmt.Sprintf("body holds the page's %q", s))
		}
	}
	return out
}
