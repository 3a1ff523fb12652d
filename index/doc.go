// Package index provides the search index of a collection: exact, grep-like matching of
// any string in folded text, BM25 ranking, facets, snippets and atomic index generations.
//
// A generation holds the folded text of every article (title and cleaned text) in one file,
// the places where folding changed a character (to show the original), and a posting list
// for every pair of adjacent characters: the byte positions where the pair starts. A term
// is found by reading the positions of its rarest pair, merging those of its other pairs
// where that costs less than reading the text, and comparing the text at what remains, the way
// code-search engines (zoekt, Google Code Search) verify n-gram candidates; the positions
// are then placed in articles and in passages (sentences attributed to provinces) by their
// byte ranges. A string too common for that to stay quick (4 096 occurrences or more) has
// its articles and passages listed by the rebuild, with the ranking, facets and first hits
// of a search for it alone (grams.go), so the cost of a search no longer grows with the
// collection as its occurrences do. The files are written once by a Builder
// and mapped into memory by Open, so opening costs little and pages are shared between
// processes. Bleve holds the facts index (facts.go).
//
// Rebuilds write a new generation beside the current one and swap it in by renaming one
// file, so a search never sees a half-built index and a killed rebuild harms nothing.
package index
