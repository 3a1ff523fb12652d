package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"path/filepath"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// Index is an open, read-only index generation.
type Index struct {
	mu     sync.RWMutex // Close waits for searches that use the mapped files
	closed bool
	dir    string
	meta   Meta

	records records // what hits display
	mapped  [][]byte

	baseOnce sync.Once // TrendBase's counts, made on first use
	base     map[string]map[int]int

	factsOnce sync.Once // the facts index is opened on first query (facts.go)
	facts     bleve.Index
	factsErr  error

	folded    []byte
	patches   []byte // the original characters (original.go)
	postings  []byte
	keys      keyTable
	gramKeys  gramKeys
	gramLists []byte
	passages  passageTable
	provinces []byte // uint16 string ids
	names     []string
	layout    // the articles, passages and word boundaries
	avgPsgLen float64
}

// errClosed is returned by searches on a closed index.
var errClosed = errors.New("index: closed")

// Open opens the current generation under root (DATA/index) for searching. It never
// blocks a rebuild and a rebuild never blocks it.
func Open(root string) (*Index, error) {
	dir, err := current(root)
	if err != nil {
		return nil, err
	}
	meta, err := readMeta(dir)
	if err != nil {
		return nil, err
	}
	if meta.Format != format {
		return nil, fmt.Errorf("index: the index in %s was written in format %d by another version of dangjian, this one reads format %d; run `dangjian rebuild` to recreate it", dir, meta.Format, format)
	}
	ix := &Index{dir: dir, meta: meta}
	if err := ix.load(); err != nil {
		ix.Close()
		first, _, _ := strings.Cut(err.Error(), "\n")
		return nil, fmt.Errorf("index: the index in %s is damaged (%s); run `dangjian rebuild` to recreate it", dir, first)
	}
	return ix, nil
}

// verified are the files whose checksum Open verifies: the tables every search reads
// whole or in part. The text and postings are checked by size and decoded with bounds
// checks, which keeps opening a large collection fast.
var verified = map[string]bool{docsFile: true, patchesFile: true, passagesFile: true, provincesFile: true, stringsFile: true, keysFile: true, gramKeysFile: true}

func (ix *Index) load() error {
	files := map[string]*[]byte{
		foldedFile: &ix.folded, patchesFile: &ix.patches, wordsFile: (*[]byte)(&ix.words), postingsFile: &ix.postings,
		keysFile: (*[]byte)(&ix.keys), passagesFile: (*[]byte)(&ix.passages), provincesFile: &ix.provinces,
		gramKeysFile: (*[]byte)(&ix.gramKeys), gramListsFile: &ix.gramLists,
	}
	var docs, names []byte
	for _, name := range []string{foldedFile, patchesFile, wordsFile, postingsFile, keysFile, gramKeysFile, gramListsFile, passagesFile, provincesFile, docsFile, stringsFile} {
		want, ok := ix.meta.Files[name]
		if !ok {
			return fmt.Errorf("%s is not listed in %s", name, metaFile)
		}
		b, err := mapFile(filepath.Join(ix.dir, name))
		if err != nil {
			return err
		}
		ix.mapped = append(ix.mapped, b)
		if int64(len(b)) != want.Size {
			return fmt.Errorf("%s has %d bytes, %d were written", name, len(b), want.Size)
		}
		if verified[name] && crc32.Checksum(b, castagnoli) != want.CRC32 {
			return fmt.Errorf("%s does not match its checksum", name)
		}
		switch name {
		case docsFile:
			docs = b
		case stringsFile:
			names = b
		default:
			*files[name] = b
		}
	}
	var st stringTable
	if err := json.Unmarshal(names, &st); err != nil {
		return fmt.Errorf("%s: %w", stringsFile, err)
	}
	ix.names = st.Names
	if err := ix.check(readDocs(docs)); err != nil {
		return err
	}
	rec, err := mapFile(filepath.Join(ix.dir, recordsFile))
	if err != nil {
		return err
	}
	ix.mapped = append(ix.mapped, rec)
	if want, ok := ix.meta.Files[recordsFile]; !ok || int64(len(rec)) != want.Size {
		return fmt.Errorf("%s is missing from %s or has another size than was written", recordsFile, metaFile)
	}
	ix.records, err = newRecords(rec, len(ix.docs))
	return err
}

// check verifies what searches rely on without checking again: every offset lies within
// its file and articles and passages come in text order.
func (ix *Index) check(docs []docRecord) error {
	if len(docs)*docRecordSize != int(ix.meta.Files[docsFile].Size) || len(ix.keys)%keyEntrySize != 0 || len(ix.keys) == 0 ||
		len(ix.passages)%passageRecordSize != 0 || len(ix.passages) == 0 || len(ix.provinces)%2 != 0 ||
		len(ix.words) < (len(ix.folded)+7)/8 || len(ix.gramKeys)%gramEntry != 0 || len(ix.gramKeys) == 0 {
		return errors.New("a table has the wrong size")
	}
	if ix.gramKeys.off(ix.gramKeys.len()) != uint64(len(ix.gramLists)) {
		return errors.New("frequent strings and their lists disagree")
	}
	if ix.keys.off(ix.keys.len()) != uint64(len(ix.postings)) {
		return errors.New("keys and postings disagree")
	}
	np := ix.passages.len()
	ix.grow(len(docs), np)
	provs := make([]uint16, len(ix.provinces)/2)
	for j := range provs {
		provs[j] = uint16(ix.provinces[2*j]) | uint16(ix.provinces[2*j+1])<<8
		if int(provs[j]) >= len(ix.names) {
			return fmt.Errorf("provinces.bin names no province at %d", j)
		}
	}
	var last uint32
	for i, d := range docs {
		if d.start < last || d.start > d.text || d.text > d.end || int(d.end) > len(ix.folded) ||
			d.patchStart > d.patchEnd || int(d.patchEnd) > len(ix.patches) || int(d.firstPassage) > np || int(d.source) >= max(len(ix.names), 1) {
			return fmt.Errorf("article %d is out of range", i)
		}
		last = d.end
		ix.addDoc(d)
	}
	last = 0
	total := 0.0
	high := uint32(0) // where the last passage's provinces end
	for i := range np {
		p := passageRecord{start: ix.passages.start(i), end: ix.passages.end(i), doc: ix.passages.doc(i), first: ix.passages.first(i)}
		pl, ph := ix.passages.provinces(i)
		if int(p.first) > i || p.start < last || p.end < p.start || int(p.doc) >= len(docs) || p.start < docs[p.doc].text || p.end > docs[p.doc].end ||
			pl > ph || int(ph) > len(provs) || (i > 0 && pl != high) {
			return fmt.Errorf("passage %d is out of range", i)
		}
		p.provinces, high = pl, ph
		last = p.end
		total += float64(p.end - p.start)
		ix.addPassage(p)
	}
	if np > 0 && int(high) != len(provs) {
		return fmt.Errorf("passage %d is out of range", np-1)
	}
	ix.avgPsgLen = total / float64(max(np, 1))
	ix.finish(provs, len(ix.names))
	return nil
}

// Close releases the index files, once no search is using them.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	var first error
	ix.factsOnce.Do(func() {}) // no facts index opens after Close
	if ix.facts != nil {
		if err := ix.facts.Close(); err != nil && first == nil {
			first = err
		}
	}
	for _, b := range ix.mapped {
		if err := unmapFile(b); err != nil && first == nil {
			first = err
		}
	}
	ix.mapped = nil
	ix.folded, ix.patches, ix.words, ix.postings, ix.keys, ix.passages, ix.provinces = nil, nil, nil, nil, nil, nil, nil
	ix.gramKeys, ix.gramLists = nil, nil
	return first
}

// Meta describes the generation that is open.
func (ix *Index) Meta() Meta { return ix.meta }

// Dir is the generation's directory.
func (ix *Index) Dir() string { return ix.dir }

// readLock holds the index open for one search.
func (ix *Index) readLock() error {
	ix.mu.RLock()
	if ix.closed {
		ix.mu.RUnlock()
		return errClosed
	}
	return nil
}
