package crawler

import (
	"strings"

	"github.com/dangjian/dangjian/hanzi"
)

// DefaultKeywords are the words that mark an article about Party building: the subject
// itself, its bodies and its recurring review formats.
func DefaultKeywords() []string {
	return []string{
		"党建", "党的建设", "党组织", "党支部", "党委", "党员", "组织部", "组织工作",
		"述职评议", "从严治党", "管党治党", "主题教育", "基层党", "干部队伍", "综述",
	}
}

// Relevance judges whether an article is about Party building. A keyword in the title
// is enough; in the text alone, keywords must occur MinHits times, so that a weather
// report quoting one Party committee is not taken for a Party-building review.
// Traditional characters count as simplified ones (黨建 = 党建).
type Relevance struct {
	Keywords []string
	MinHits  int
}

// NewRelevance makes a filter for the keywords, with the default MinHits.
func NewRelevance(keywords []string) Relevance {
	return Relevance{Keywords: keywords, MinHits: 3}
}

// Relevant reports the verdict; with no keywords every article is relevant.
func (r Relevance) Relevant(title, text string) bool {
	if len(r.Keywords) == 0 {
		return true
	}
	title, text = hanzi.Fold(title), hanzi.Fold(text)
	hits := 0
	for _, k := range r.Keywords {
		k = hanzi.Fold(strings.TrimSpace(k))
		if k == "" {
			continue
		}
		if strings.Contains(title, k) {
			return true
		}
		hits += strings.Count(text, k)
	}
	return hits >= max(r.MinHits, 1)
}
