package index

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash"
	"hash/crc32"
	"os"
	"path/filepath"
)

// Files of a generation besides Bleve's directory. Numbers are little-endian.
const (
	foldedFile    = "folded.txt"    // the folded title and text of every article, one after another
	patchesFile   = "patches.bin"   // where each article's original characters differ from folded.txt (original.go)
	docsFile      = "docs.bin"      // one docRecord per article
	passagesFile  = "passages.bin"  // one passageRecord per passage, then a sentinel
	provincesFile = "provinces.bin" // uint16 string ids: the provinces of each passage
	stringsFile   = "strings.json"  // the names behind string ids
	wordsFile     = "words.bin"     // a bit per byte of folded.txt: a word starts or ends there
	keysFile      = "keys.bin"      // the sorted character pairs and where their postings start
	postingsFile  = "postings.bin"  // the positions of each pair, delta-encoded varints
	gramKeysFile  = "gramkeys.bin"  // the frequent strings, sorted, and where their lists start
	gramListsFile = "gramlists.bin" // the articles and passages of each frequent string
	recordsFile   = "records.bin"   // what a hit shows of each article, then where each record starts
)

// fileInfo lets Open check a file without reading it all: its size, and a checksum that
// Open verifies for the small files.
type fileInfo struct {
	Size  int64  `json:"size"`
	CRC32 uint32 `json:"crc32c"`
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// fileWriter writes a file through a buffer, counting bytes and checksumming them.
type fileWriter struct {
	f   *os.File
	w   *bufio.Writer
	crc hash.Hash32
	n   int64
	err error
	buf [binary.MaxVarintLen64]byte
}

func newFileWriter(path string) (*fileWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	return &fileWriter{f: f, w: bufio.NewWriterSize(f, 1<<20), crc: crc32.New(castagnoli)}, nil
}

func (w *fileWriter) writeBytes(p []byte) error {
	if w.err != nil {
		return w.err
	}
	if _, err := w.w.Write(p); err != nil {
		w.err = fmt.Errorf("index: write %s: %w", filepath.Base(w.f.Name()), err)
		return w.err
	}
	w.crc.Write(p)
	w.n += int64(len(p))
	return nil
}

func (w *fileWriter) write(s string) error { return w.writeBytes([]byte(s)) }

func (w *fileWriter) uint16(v uint16) error {
	return w.writeBytes(binary.LittleEndian.AppendUint16(w.buf[:0], v))
}

func (w *fileWriter) uint64(v uint64) error {
	return w.writeBytes(binary.LittleEndian.AppendUint64(w.buf[:0], v))
}

func (w *fileWriter) uvarint(v uint64) error {
	return w.writeBytes(binary.AppendUvarint(w.buf[:0], v))
}

func (w *fileWriter) info() fileInfo { return fileInfo{Size: w.n, CRC32: w.crc.Sum32()} }

// close flushes the file to the kernel; syncTree makes it durable with the rest.
func (w *fileWriter) close() error {
	if w.f == nil {
		return w.err
	}
	if w.err == nil {
		if err := w.w.Flush(); err != nil {
			w.err = fmt.Errorf("index: write %s: %w", filepath.Base(w.f.Name()), err)
		}
	}
	if err := w.f.Close(); err != nil && w.err == nil {
		w.err = fmt.Errorf("index: write %s: %w", filepath.Base(w.f.Name()), err)
	}
	w.f = nil
	return w.err
}

// writeFile creates path, lets fn fill it and closes it.
func writeFile(path string, fn func(*fileWriter) error) (fileInfo, error) {
	w, err := newFileWriter(path)
	if err != nil {
		return fileInfo{}, err
	}
	err = fn(w)
	if cerr := w.close(); err == nil {
		err = cerr
	}
	return w.info(), err
}

// docRecord is an article's entry in docs.bin: where its folded text (title, then text
// from byte text) and the patches that restore its original characters lie, its first
// passage, and its filters.
type docRecord struct {
	id, group            int64
	start, text, end     uint32 // folded.txt
	patchStart, patchEnd uint32 // patches.bin
	firstPassage         uint32
	year, source         uint16
}

const docRecordSize = 48

func writeDocs(w *fileWriter, docs []docRecord) error {
	var b [docRecordSize]byte
	for _, d := range docs {
		le := binary.LittleEndian
		le.PutUint64(b[0:], uint64(d.id))
		le.PutUint64(b[8:], uint64(d.group))
		le.PutUint32(b[16:], d.start)
		le.PutUint32(b[20:], d.text)
		le.PutUint32(b[24:], d.end)
		le.PutUint32(b[28:], d.patchStart)
		le.PutUint32(b[32:], d.patchEnd)
		le.PutUint32(b[36:], d.firstPassage)
		le.PutUint16(b[40:], d.year)
		le.PutUint16(b[42:], d.source)
		if err := w.writeBytes(b[:]); err != nil {
			return err
		}
	}
	return nil
}

func readDocs(data []byte) []docRecord {
	docs := make([]docRecord, len(data)/docRecordSize)
	le := binary.LittleEndian
	for i := range docs {
		b := data[i*docRecordSize:]
		docs[i] = docRecord{
			id: int64(le.Uint64(b[0:])), group: int64(le.Uint64(b[8:])),
			start: le.Uint32(b[16:]), text: le.Uint32(b[20:]), end: le.Uint32(b[24:]),
			patchStart: le.Uint32(b[28:]), patchEnd: le.Uint32(b[32:]), firstPassage: le.Uint32(b[36:]),
			year: le.Uint16(b[40:]), source: le.Uint16(b[42:]),
		}
	}
	return docs
}

// passageRecord is a passage's entry in passages.bin: its bytes in folded.txt, its
// article, where its provinces start in provinces.bin (they end where the next passage's
// start; a sentinel record closes the last), and the first passage of its near-duplicate
// group with the same normalised text (itself if none), which tells a repeated passage of
// a reprint without reading text.
type passageRecord struct {
	start, end, doc, provinces, first uint32
}

const passageRecordSize = 20

func writePassages(w *fileWriter, ps []passageRecord, provinces uint32) error {
	var b [passageRecordSize]byte
	for _, p := range append(ps, passageRecord{provinces: provinces}) {
		binary.LittleEndian.PutUint32(b[0:], p.start)
		binary.LittleEndian.PutUint32(b[4:], p.end)
		binary.LittleEndian.PutUint32(b[8:], p.doc)
		binary.LittleEndian.PutUint32(b[12:], p.provinces)
		binary.LittleEndian.PutUint32(b[16:], p.first)
		if err := w.writeBytes(b[:]); err != nil {
			return err
		}
	}
	return nil
}

// passageTable reads passages.bin in place.
type passageTable []byte

func (t passageTable) len() int { return len(t)/passageRecordSize - 1 }

func (t passageTable) start(i int) uint32 {
	return binary.LittleEndian.Uint32(t[i*passageRecordSize:])
}

func (t passageTable) end(i int) uint32 {
	return binary.LittleEndian.Uint32(t[i*passageRecordSize+4:])
}

func (t passageTable) doc(i int) uint32 {
	return binary.LittleEndian.Uint32(t[i*passageRecordSize+8:])
}

func (t passageTable) first(i int) uint32 {
	return binary.LittleEndian.Uint32(t[i*passageRecordSize+16:])
}

// provinces is the range of passage i's provinces in provinces.bin.
func (t passageTable) provinces(i int) (uint32, uint32) {
	return binary.LittleEndian.Uint32(t[i*passageRecordSize+12:]), binary.LittleEndian.Uint32(t[(i+1)*passageRecordSize+12:])
}

func writeUint16s(w *fileWriter, vs []uint16) error {
	for _, v := range vs {
		if err := w.uint16(v); err != nil {
			return err
		}
	}
	return nil
}

// stringTable numbers the few distinct names of sources and provinces.
type stringTable struct {
	Names []string `json:"names"`
	ids   map[string]uint16
}

func newStringTable() stringTable { return stringTable{ids: map[string]uint16{}} }

// id numbers a name; names beyond the 65 535th share the last id, which is not expected
// of sources and provinces but must not break a rebuild.
func (t *stringTable) id(s string) uint16 {
	if id, ok := t.ids[s]; ok {
		return id
	}
	if len(t.Names) == 0xFFFF {
		return 0xFFFE
	}
	id := uint16(len(t.Names))
	t.Names = append(t.Names, s)
	t.ids[s] = id
	return id
}

func (t *stringTable) write(w *fileWriter) error {
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	return w.writeBytes(b)
}

// A record in records.bin is what a hit displays of an article that the other files do
// not hold: the URL, the title as written, the publication date (uvarint length, bytes
// each) and the provinces (uvarint count, uvarint string ids). After the records comes a
// table of len(docs)+1 uint32 offsets, record i spanning [offset i, offset i+1).

func appendRecord(buf []byte, a *Article, strs *stringTable) []byte {
	for _, s := range []string{a.URL, a.Title, a.Published} {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	buf = binary.AppendUvarint(buf, uint64(len(a.Provinces)))
	for _, p := range a.Provinces {
		buf = binary.AppendUvarint(buf, uint64(strs.id(p)))
	}
	return buf
}

// records reads records.bin of a loaded index.
type records struct {
	data  []byte // the records
	table []byte // the offsets
}

func newRecords(b []byte, docs int) (records, error) {
	n := (docs + 1) * 4
	if len(b) < n {
		return records{}, fmt.Errorf("%s holds %d bytes, too few for %d articles", recordsFile, len(b), docs)
	}
	r := records{data: b[:len(b)-n], table: b[len(b)-n:]}
	prev := uint32(0)
	for i := 0; i <= docs; i++ {
		off := binary.LittleEndian.Uint32(r.table[4*i:])
		if off < prev || int(off) > len(r.data) {
			return records{}, fmt.Errorf("%s: record %d starts at %d, outside the records", recordsFile, i, off)
		}
		prev = off
	}
	return r, nil
}

// get decodes the record of article doc (its number in docs.bin).
func (r records) get(doc int, names []string) (articleFields, error) {
	b := r.data[binary.LittleEndian.Uint32(r.table[4*doc:]):binary.LittleEndian.Uint32(r.table[4*doc+4:])]
	var f articleFields
	bad := fmt.Errorf("%s: record %d is damaged", recordsFile, doc)
	for _, s := range []*string{&f.URL, &f.Title, &f.Published} {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return f, bad
		}
		*s, b = string(b[k:k+int(n)]), b[k+int(n):]
	}
	count, k := binary.Uvarint(b)
	if k <= 0 || count > uint64(len(b)) {
		return f, bad
	}
	b = b[k:]
	for range count {
		id, k := binary.Uvarint(b)
		if k <= 0 || id >= uint64(len(names)) {
			return f, bad
		}
		f.Provinces, b = append(f.Provinces, names[id]), b[k:]
	}
	return f, nil
}
