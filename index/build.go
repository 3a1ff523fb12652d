package index

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dangjian/dangjian/dedup"
	"github.com/dangjian/dangjian/hanzi"
)

// Article is what the index keeps of one article: its metadata for display and filters,
// its text for matching and snippets, and its passages (sentences) with the provinces each
// is about, for searches by province and for trends.
type Article struct {
	DocID     int64
	Title     string
	URL       string
	Source    string
	Published string
	Year      int
	Provinces []string
	// Text is the cleaned text in original characters.
	Text string
	// Folded is hanzi.Fold(Title + "\n" + Text): the same runes at the same positions,
	// folded for matching. Add computes it when it is empty.
	Folded string
	// Words are the segmenter's words of Folded in order, for ranking: a match that is a
	// whole word ranks above one inside a longer word.
	Words    []string
	Passages []Passage
	// Group is the canonical article of the article's near-duplicate group (DocID for the
	// canonical itself); 0 when the article has no copies.
	Group int64
}

// Passage is one sentence of an article: rune offsets in the article's Text, and the
// provinces it is attributed to.
type Passage struct {
	Start, End int
	Provinces  []string
}

// Builder writes a new index generation beside the current one. Nothing a search can see
// changes until Commit swaps it in; a crash or an Abort leaves the previous index as it was.
//
// The generation has two parts. The text index is our own (see postings.go): every
// position of the folded text is filed under the pair of characters that starts there, so
// any string is found by reading one posting list and comparing the text at each position,
// as code-search engines do; it is built in memory in one pass and written as flat files
// that searches map into memory, with the lists of the frequent strings (grams.go). Bleve
// keeps the article records: the fields a hit shows.
type Builder struct {
	root    string
	dir     string // the build directory, then the finished generation's
	gen     string // the finished generation's name; "" until Finish
	meta    Meta
	release func()

	folded, patches *fileWriter
	patchBuf        []byte
	docs            []docRecord
	passages        []passageRecord
	provinces       []uint16
	words           wordBits
	strs            stringTable
	grams           gramTable
	gramMin         int         // occurrences that make a string frequent (see grams.go)
	records         *fileWriter // records.bin
	recordStarts    []uint32
	recordBuf       []byte
	facts           *factStore // started by the first AddFact
	// firstOf finds the first passage of a near-duplicate group with a normalised text.
	firstOf map[normKey]uint32
}

// normKey is a group and a hash of a normalised text: 64 bits make a collision among a
// group's passages improbable beyond concern, and keep the table small.
type normKey struct {
	group int64
	hash  uint64
}

// NewBuilder starts a rebuild in the index directory root (DATA/index).
func NewBuilder(root string) (*Builder, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	release, err := lock(root)
	if err != nil {
		return nil, err
	}
	prev, _ := current(root)
	collect(root, filepath.Base(prev), "")
	dir, err := os.MkdirTemp(root, buildPrefix)
	if err != nil {
		release()
		return nil, fmt.Errorf("index: %w", err)
	}
	b := &Builder{root: root, dir: dir, release: release, grams: newGramTable(), gramMin: gramMinCount, strs: newStringTable(), firstOf: map[normKey]uint32{}}
	fail := func(err error) (*Builder, error) {
		b.closeFiles()
		os.RemoveAll(dir)
		release()
		return nil, err
	}
	if b.folded, err = newFileWriter(filepath.Join(dir, foldedFile)); err != nil {
		return fail(err)
	}
	if b.patches, err = newFileWriter(filepath.Join(dir, patchesFile)); err != nil {
		return fail(err)
	}
	if b.records, err = newFileWriter(filepath.Join(dir, recordsFile)); err != nil {
		return fail(err)
	}
	return b, nil
}

// Add indexes one article. Articles are numbered in the order they are added.
func (b *Builder) Add(a *Article) error {
	folded := a.Folded
	if folded == "" {
		folded = hanzi.Fold(a.Title + "\n" + a.Text)
	}
	// The title ends where as many runes as it has are read from the folded text.
	titleLen := 0
	for range utf8.RuneCountInString(a.Title) {
		_, size := utf8.DecodeRuneInString(folded[titleLen:])
		titleLen += size
	}
	if titleLen >= len(folded) || folded[titleLen] != '\n' ||
		utf8.RuneCountInString(folded) != utf8.RuneCountInString(a.Title)+1+utf8.RuneCountInString(a.Text) {
		return fmt.Errorf("index: article %d: the folded text does not match title and text rune for rune", a.DocID)
	}
	titleLen++
	b.patchBuf = appendPatches(b.patchBuf[:0], a.Text, folded[titleLen:])
	fStart, pStart := b.folded.n, b.patches.n
	if fStart+int64(len(folded)) > math.MaxUint32 || pStart+int64(len(b.patchBuf)) > math.MaxUint32 {
		return fmt.Errorf("index: article %d: the collection exceeds the 4 GiB of text one index holds", a.DocID)
	}
	if err := b.folded.write(folded); err != nil {
		return err
	}
	if err := b.patches.writeBytes(b.patchBuf); err != nil {
		return err
	}
	b.recordStarts = append(b.recordStarts, uint32(b.records.n))
	b.recordBuf = appendRecord(b.recordBuf[:0], a, &b.strs)
	if b.records.n+int64(len(b.recordBuf)) > math.MaxUint32 {
		return fmt.Errorf("index: article %d: the records exceed the 4 GiB one index holds", a.DocID)
	}
	if err := b.records.writeBytes(b.recordBuf); err != nil {
		return err
	}
	b.grams.addText(folded, uint32(fStart))
	b.markWords(folded, a.Words, fStart)

	doc := docRecord{
		id: a.DocID, group: a.Group,
		start: uint32(fStart), text: uint32(fStart) + uint32(titleLen), end: uint32(fStart + int64(len(folded))),
		patchStart: uint32(pStart), patchEnd: uint32(pStart + int64(len(b.patchBuf))),
		firstPassage: uint32(len(b.passages)),
		year:         uint16(min(max(a.Year, 0), math.MaxUint16)), source: b.strs.id(a.Source),
	}
	b.docs = append(b.docs, doc)
	b.addPassages(a, folded, doc)
	b.meta.Documents++
	b.meta.LastDocID = max(b.meta.LastDocID, a.DocID)
	b.meta.TextBytes += int64(len(a.Text))
	return nil
}

// addPassages files an article's passages with their byte ranges in the folded text, in
// text order; overlapping or out-of-range passages are dropped, since a position must
// belong to one passage at most. Passages attributed to no province are counted but not
// stored: every search of passages is about provinces (a province filter, the province
// facet, trends), and most sentences name none.
func (b *Builder) addPassages(a *Article, folded string, doc docRecord) {
	ps := append([]Passage(nil), a.Passages...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Start < ps[j].Start })
	text := folded[doc.text-doc.start:]
	// byteAt converts rune offsets in increasing order to byte offsets of text.
	runeAt, byteAt := 0, 0
	toByte := func(r int) int {
		for runeAt < r && byteAt < len(text) {
			_, size := utf8.DecodeRuneInString(text[byteAt:])
			byteAt += size
			runeAt++
		}
		return byteAt
	}
	lastEnd := 0
	for _, p := range ps {
		if p.Start < lastEnd || p.End <= p.Start {
			continue
		}
		s := toByte(p.Start)
		e := toByte(p.End)
		if runeAt < p.End {
			break // beyond the text
		}
		lastEnd = p.End
		b.meta.Passages++
		if len(p.Provinces) == 0 {
			continue
		}
		rec := passageRecord{
			start: doc.text + uint32(s), end: doc.text + uint32(e),
			doc: uint32(len(b.docs) - 1), provinces: uint32(len(b.provinces)),
		}
		rec.first = uint32(len(b.passages))
		if a.Group != 0 {
			h := fnv.New64a()
			h.Write([]byte(dedup.Normalize(text[s:e])))
			k := normKey{a.Group, h.Sum64()}
			if first, ok := b.firstOf[k]; ok {
				rec.first = first
			} else {
				b.firstOf[k] = rec.first
			}
		}
		b.passages = append(b.passages, rec)
		for _, pv := range p.Provinces {
			b.provinces = append(b.provinces, b.strs.id(pv))
		}
	}
}

// markWords sets the bit of every byte where one of the article's words starts or ends.
// Words are slices of folded in order, with whitespace left out between them, so the end
// of a word before a space or a line break is a boundary too.
func (b *Builder) markWords(folded string, words []string, base int64) {
	need := int((base + int64(len(folded)) + 8) / 8)
	for len(b.words) < need {
		b.words = append(b.words, 0)
	}
	at := 0
	for _, w := range words {
		i := strings.Index(folded[at:], w)
		if i < 0 || w == "" {
			return // not the segmentation of this text: rank without it
		}
		for _, pos := range []int64{base + int64(at+i), base + int64(at+i+len(w))} {
			b.words[pos/8] |= 1 << (pos % 8)
		}
		at += i + len(w)
	}
}

// Finish writes the new generation completely and durably without making it current:
// everything that can fail for want of disk space or I/O happens here, so a caller can
// commit what belongs with the index (the extracted tables) only once the index is sure.
// After Finish, Commit only swaps it in, and Abort still discards it.
//
// The functions given run alongside the writing, each in its own goroutine, and Finish
// waits for them: a rebuild adds the facts (AddFact) while the text index is written.
func (b *Builder) Finish(alongside ...func() error) error {
	if b.gen != "" {
		return nil
	}
	errc := make(chan error, len(alongside))
	for _, f := range alongside {
		go func() { errc <- f() }()
	}
	err := b.finish()
	for range alongside {
		if e := <-errc; err == nil {
			err = e
		}
	}
	if err == nil {
		err = b.closeFacts()
	}
	if err != nil {
		return fmt.Errorf("index: finish build: %w", err)
	}
	b.meta.Built = time.Now().UTC()
	b.meta.Format = format
	if err := writeMeta(b.dir, b.meta); err != nil {
		return err
	}
	if err := syncTree(b.dir); err != nil {
		return err
	}
	// A generation that is finished but not current is swept by the next rebuild, like a
	// killed build.
	gen := genPrefix + strconv.FormatInt(time.Now().UnixNano(), 10)
	if err := os.Rename(b.dir, filepath.Join(b.root, gen)); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	b.dir, b.gen = filepath.Join(b.root, gen), gen
	if err := syncDir(b.root); err != nil {
		return err
	}
	return prepare(b.root, gen)
}

// finish writes every file of the generation and records their sizes and checksums in
// the meta, so that Open can tell a damaged generation from a sound one.
func (b *Builder) finish() error {
	if err := b.folded.close(); err != nil {
		return err
	}
	if err := b.patches.close(); err != nil {
		return err
	}
	for _, off := range append(b.recordStarts, uint32(b.records.n)) {
		if err := b.records.writeBytes(binary.LittleEndian.AppendUint32(nil, off)); err != nil {
			return err
		}
	}
	if err := b.records.close(); err != nil {
		return err
	}

	b.meta.Files = map[string]fileInfo{foldedFile: b.folded.info(), patchesFile: b.patches.info(), recordsFile: b.records.info()}
	b.firstOf = nil // every passage is filed
	for len(b.words) < int((b.folded.n+8)/8) {
		b.words = append(b.words, 0)
	}
	files := []struct {
		name  string
		write func(*fileWriter) error
	}{
		{docsFile, func(w *fileWriter) error { return writeDocs(w, b.docs) }},
		{passagesFile, func(w *fileWriter) error { return writePassages(w, b.passages, uint32(len(b.provinces))) }},
		{provincesFile, func(w *fileWriter) error { return writeUint16s(w, b.provinces) }},
		{stringsFile, func(w *fileWriter) error { return b.strs.write(w) }},
		{wordsFile, func(w *fileWriter) error { return w.writeBytes(b.words) }},
	}
	for _, f := range files {
		info, err := writeFile(filepath.Join(b.dir, f.name), f.write)
		if err != nil {
			return err
		}
		b.meta.Files[f.name] = info
	}
	if err := b.writeGrams(); err != nil {
		return err
	}
	keys, postings, err := b.grams.write(b.dir)
	if err != nil {
		return err
	}
	b.meta.Files[keysFile], b.meta.Files[postingsFile] = keys, postings
	b.grams = gramTable{}
	return nil
}

// closeFacts writes the facts index, an empty one when no fact was added.
func (b *Builder) closeFacts() error {
	if b.facts == nil {
		fs, err := newFactStore(filepath.Join(b.dir, factsDir))
		if err != nil {
			return err
		}
		b.facts = fs
	}
	return b.facts.close()
}

// writeGrams lists the frequent strings (see grams.go) from the pair table and the
// folded text, which is read back from its file.
func (b *Builder) writeGrams() error {
	folded, err := mapFile(filepath.Join(b.dir, foldedFile))
	if err != nil {
		return err
	}
	defer unmapFile(folded)
	place := &layout{words: b.words}
	place.grow(len(b.docs), len(b.passages))
	for _, d := range b.docs {
		place.addDoc(d)
	}
	for _, p := range b.passages {
		place.addPassage(p)
	}
	place.finish(b.provinces, len(b.strs.Names))
	lister := &gramLister{folded: folded, place: place, min: b.gramMin}
	lists, err := newFileWriter(filepath.Join(b.dir, gramListsFile))
	if err != nil {
		return err
	}
	keys, err := writeFile(filepath.Join(b.dir, gramKeysFile), func(w *fileWriter) error { return writeGrams(&b.grams, lister, w, lists) })
	if cerr := lists.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	b.meta.Files[gramKeysFile], b.meta.Files[gramListsFile] = keys, lists.info()
	return nil
}

// Commit finishes the new generation if Finish has not, and makes it current.
func (b *Builder) Commit() error {
	defer b.release()
	if err := b.Finish(); err != nil {
		os.RemoveAll(b.dir)
		return err
	}
	prev, _ := current(b.root)
	if err := publish(b.root); err != nil {
		return err
	}
	b.dir = "" // current now: an Abort must not remove it
	if err := syncDir(b.root); err != nil {
		return err
	}
	collect(b.root, b.gen, filepath.Base(prev))
	return nil
}

// Abort discards the generation being built.
func (b *Builder) Abort() {
	b.closeFiles()
	if b.dir != "" {
		os.RemoveAll(b.dir)
		if b.gen != "" {
			os.Remove(filepath.Join(b.root, currentFile+".tmp"))
		}
	}
	b.release()
}

func (b *Builder) closeFiles() {
	if b.folded != nil {
		b.folded.close()
	}
	if b.patches != nil {
		b.patches.close()
	}
	if b.records != nil {
		b.records.close()
	}
	if b.facts != nil {
		b.facts.abort()
	}
}

// syncTree flushes every file of the new generation to disk before it is published, so a
// power cut after the swap cannot leave CURRENT naming a half-written index.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("index: sync %s: %w", path, err)
		}
		defer f.Close()
		if err := f.Sync(); err != nil && !d.IsDir() {
			return fmt.Errorf("index: sync %s: %w", path, err)
		}
		return nil
	})
}
