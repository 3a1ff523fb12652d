package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names of an index record.
const (
	fieldKind      = "kind"
	fieldDoc       = "doc"
	fieldGrams     = "grams"
	fieldWords     = "words"
	fieldText      = "text"
	fieldTitle     = "title"
	fieldURL       = "url"
	fieldSource    = "source"
	fieldYear      = "year"
	fieldPublished = "published"
	fieldProvince  = "province"
	fieldStart     = "start"
	fieldEnd       = "end"
	fieldGroup     = "group"
)

// Record kinds: one record per article, one per passage (sentence) of it.
const (
	KindDoc     = "doc"
	KindPassage = "passage"
)

// newMapping describes the records. Matching uses the n-gram field, which needs neither
// term vectors nor stored values; ranking adds the segmenter's words. Text and metadata are
// stored so hits can be verified and cut into snippets without a second store; facets are
// counted from verified hits, so no field needs doc values.
func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(gramAnalyzerName, map[string]interface{}{
		"type": custom.Name, "tokenizer": gramTokenizerName,
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(wordAnalyzerName, map[string]interface{}{
		"type": custom.Name, "tokenizer": whitespace.Name,
	}); err != nil {
		return nil, err
	}
	indexed := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keyword := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	storedOnly := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldKind, keyword(false))
	dm.AddFieldMappingsAt(fieldDoc, keyword(true))
	dm.AddFieldMappingsAt(fieldGrams, indexed(gramAnalyzerName))
	dm.AddFieldMappingsAt(fieldWords, indexed(wordAnalyzerName))
	dm.AddFieldMappingsAt(fieldSource, keyword(true))
	dm.AddFieldMappingsAt(fieldYear, keyword(true))
	dm.AddFieldMappingsAt(fieldProvince, keyword(true))
	for _, name := range []string{fieldText, fieldTitle, fieldURL, fieldPublished, fieldStart, fieldEnd, fieldGroup} {
		dm.AddFieldMappingsAt(name, storedOnly())
	}
	im.DefaultMapping = dm
	im.DefaultAnalyzer = gramAnalyzerName
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}
