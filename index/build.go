package index

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// Record is what the index keeps of an article or of one passage of it.
type Record struct {
	Kind      string // KindDoc or KindPassage
	DocID     int64
	Seq       int // passage number within its document; 0 for the article record
	Title     string
	URL       string
	Source    string
	Published string
	Year      int
	Provinces []string
	// Text is the article's cleaned text, or the passage's sentence, in original characters.
	Text string
	// Folded is the searchable text folded by hanzi.Fold: title and text for an article, the
	// sentence for a passage. It has the same characters at the same offsets as the original.
	Folded     string
	Words      []string // the segmenter's words of Folded, for ranking
	Start, End int      // a passage's rune offsets in its article's text
	// Group is the canonical article of the record's near-duplicate group (DocID for the
	// canonical itself); 0 when the article has no copies.
	Group int64
}

func (r *Record) id() string {
	if r.Kind == KindPassage {
		return "p" + strconv.FormatInt(r.DocID, 10) + "." + strconv.Itoa(r.Seq)
	}
	return "d" + strconv.FormatInt(r.DocID, 10)
}

func (r *Record) fields() map[string]interface{} {
	m := map[string]interface{}{
		fieldKind:   r.Kind,
		fieldDoc:    strconv.FormatInt(r.DocID, 10),
		fieldGrams:  r.Folded,
		fieldWords:  strings.Join(r.Words, " "),
		fieldSource: r.Source,
		fieldText:   r.Text,
	}
	if r.Group != 0 {
		m[fieldGroup] = strconv.FormatInt(r.Group, 10)
	}
	if r.Year > 0 {
		m[fieldYear] = strconv.Itoa(r.Year)
	}
	if len(r.Provinces) > 0 {
		m[fieldProvince] = r.Provinces
	}
	if r.Kind == KindPassage {
		m[fieldStart] = strconv.Itoa(r.Start)
		m[fieldEnd] = strconv.Itoa(r.End)
		return m
	}
	m[fieldTitle] = r.Title
	m[fieldURL] = r.URL
	m[fieldPublished] = r.Published
	return m
}

// Builder writes a new index generation beside the current one. Nothing a search can see
// changes until Commit swaps it in; a crash or an Abort leaves the previous index as it was.
//
// Bleve's offline builder analyses and writes on the caller's goroutine, so one builder
// uses one core. The generation is therefore split into shards, one builder and goroutine
// each; an article and its passages always go to the same shard, and searches query the
// shards together through a Bleve index alias.
type Builder struct {
	root    string
	dir     string // the build directory, then the finished generation's
	gen     string // the finished generation's name; "" until Finish
	shards  []*shard
	meta    Meta
	release func()
}

// shard is one part of a generation being built.
type shard struct {
	path    string
	b       bleve.Builder
	records chan *Record
	done    chan error // receives the shard's first indexing error, or nil, when records is closed
	count   int
	// aborted makes the shard drop what is still queued instead of indexing it: an Abort
	// (Ctrl-C) should not wait for work that is thrown away.
	aborted atomic.Bool
}

func shardDir(i int) string { return bleveDir + "-" + strconv.Itoa(i) }

// NewBuilder starts a rebuild in the index directory root (DATA/index), with one shard per
// processor.
func NewBuilder(root string) (*Builder, error) {
	return newBuilder(root, runtime.GOMAXPROCS(0))
}

func newBuilder(root string, shards int) (*Builder, error) {
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
	m, err := newMapping()
	if err != nil {
		os.RemoveAll(dir)
		release()
		return nil, fmt.Errorf("index: mapping: %w", err)
	}
	b := &Builder{root: root, dir: dir, release: release, meta: Meta{Shards: shards}}
	for i := range shards {
		sh := &shard{path: filepath.Join(dir, shardDir(i)), records: make(chan *Record, 256), done: make(chan error, 1)}
		sh.b, err = bleve.NewBuilder(sh.path, m, map[string]interface{}{
			// Keep the builder's scratch files inside the build directory, so a killed rebuild
			// leaves nothing outside the data directory and the next rebuild sweeps it away.
			"buildPathPrefix": dir,
			"batchSize":       2000,
		})
		if err != nil {
			b.stop()
			os.RemoveAll(dir)
			release()
			return nil, fmt.Errorf("index: start build: %w", err)
		}
		b.shards = append(b.shards, sh)
		go sh.run()
	}
	return b, nil
}

func (sh *shard) run() {
	var err error
	for r := range sh.records {
		if err != nil || sh.aborted.Load() {
			continue // drain so Add never blocks
		}
		if e := sh.b.Index(r.id(), r.fields()); e != nil {
			err = fmt.Errorf("index: add %s: %w", r.id(), e)
		}
		sh.count++
	}
	sh.done <- err
}

// stop ends the shard goroutines and returns the first error any of them met.
func (b *Builder) stop() error {
	var first error
	for _, sh := range b.shards {
		if sh.records == nil {
			continue
		}
		close(sh.records)
		if err := <-sh.done; err != nil && first == nil {
			first = err
		}
		sh.records = nil
	}
	return first
}

// Add indexes one record. Records are indexed in the background; an error shows at Commit.
func (b *Builder) Add(r *Record) error {
	sh := b.shards[int(uint64(r.DocID)%uint64(len(b.shards)))]
	if r.Kind == KindPassage {
		b.meta.Passages++
	} else {
		b.meta.Documents++
		b.meta.TextBytes += int64(len(r.Text))
	}
	sh.records <- r
	return nil
}

// Finish writes the new generation completely and durably without making it current:
// everything that can fail for want of disk space or I/O happens here, so a caller can
// commit what belongs with the index (the extracted tables) only once the index is sure.
// After Finish, Commit only swaps it in, and Abort still discards it.
func (b *Builder) Finish() error {
	if b.gen != "" {
		return nil
	}
	if err := b.finish(); err != nil {
		return fmt.Errorf("index: finish build: %w", err)
	}
	b.meta.Built = time.Now().UTC()
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

// finish writes the index files of every shard, in parallel: closing a builder merges its
// segments. Bleve's offline builder cannot finish an index without documents, so an empty
// shard is made the ordinary way.
func (b *Builder) finish() error {
	if err := b.stop(); err != nil {
		return err
	}
	errs := make(chan error, len(b.shards))
	for _, sh := range b.shards {
		go func() { errs <- sh.close() }()
	}
	var first error
	for range b.shards {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (sh *shard) close() error {
	if sh.count > 0 {
		return sh.b.Close()
	}
	if err := os.RemoveAll(sh.path); err != nil {
		return err
	}
	m, err := newMapping()
	if err != nil {
		return err
	}
	bi, err := bleve.New(sh.path, m)
	if err != nil {
		return err
	}
	return bi.Close()
}

// Abort discards the generation being built. The offline builder is not closed: closing
// merges the segments written so far, work that is thrown away with the directory.
func (b *Builder) Abort() {
	for _, sh := range b.shards {
		sh.aborted.Store(true)
	}
	b.stop()
	if b.dir != "" {
		os.RemoveAll(b.dir)
		if b.gen != "" {
			os.Remove(filepath.Join(b.root, currentFile+".tmp"))
		}
	}
	b.release()
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
