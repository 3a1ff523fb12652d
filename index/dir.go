package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// ErrNoIndex is returned when the data directory has no index yet: run `dangjian rebuild`.
var ErrNoIndex = errors.New("no index: run `dangjian rebuild`")

// Layout of DIR/index: CURRENT names the generation searches open; gen-* are complete
// indexes; build-* are rebuilds in progress (or killed); LOCK serialises rebuilds.
const (
	currentFile = "CURRENT"
	genPrefix   = "gen-"
	buildPrefix = "build-"
	lockFile    = "LOCK"
	metaFile    = "dangjian.json"
)

// format is the version of the generation's files; a generation written in another
// format is rebuilt, not read.
const format = 5

// Meta describes one index generation.
type Meta struct {
	Format    int       `json:"format"`
	Built     time.Time `json:"built"`
	Documents int       `json:"documents"`
	// LastDocID is the highest document id indexed: documents stored after the rebuild
	// have higher ids, which is how a search knows that some are not searched yet.
	LastDocID int64 `json:"last_doc_id"`
	Passages  int   `json:"passages"` // sentences; those attributed to a province are stored
	TextBytes int64 `json:"text_bytes"`
	// Files are the generation's own files with their sizes and checksums.
	Files map[string]fileInfo `json:"files"`
}

// current returns the directory of the generation searches should open. A generation can
// vanish between reading CURRENT and looking at it (two rebuilds in between: the second
// sweeps what the first replaced), so a missing one is only an error while CURRENT still
// names it.
func current(root string) (string, error) {
	name, err := readCurrent(root)
	for attempt := 0; err == nil; attempt++ {
		dir := filepath.Join(root, name)
		_, statErr := os.Stat(filepath.Join(dir, metaFile))
		if statErr == nil {
			return dir, nil
		}
		now, err2 := readCurrent(root)
		if err2 != nil || now == name || attempt == 10 {
			return "", fmt.Errorf("index: generation %s is incomplete or missing (%v); run `dangjian rebuild`", name, statErr)
		}
		name = now
	}
	return "", err
}

// readCurrent reads the generation name CURRENT holds.
func readCurrent(root string) (string, error) {
	b, err := os.ReadFile(filepath.Join(root, currentFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", ErrNoIndex
	}
	if err != nil {
		return "", fmt.Errorf("index: read %s: %w", currentFile, err)
	}
	name := strings.TrimSpace(string(b))
	if !strings.HasPrefix(name, genPrefix) || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("index: %s names %q, not an index generation; run `dangjian rebuild`", filepath.Join(root, currentFile), name)
	}
	return name, nil
}

// prepare writes the name of gen into CURRENT's replacement, durably, so that publishing
// it is a rename: the one step left after a finished build needs no room on the disk.
func prepare(root, gen string) error {
	tmp := filepath.Join(root, currentFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("index: publish: %w", err)
	}
	if _, err := f.WriteString(gen + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("index: publish: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("index: publish: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("index: publish: %w", err)
	}
	return nil
}

// publish makes the prepared generation current: CURRENT is replaced by rename, which is
// atomic, so a reader sees either the old or the new name, never a torn file.
func publish(root string) error {
	if err := os.Rename(filepath.Join(root, currentFile+".tmp"), filepath.Join(root, currentFile)); err != nil {
		return fmt.Errorf("index: publish: %w", err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("index: sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("index: sync %s: %w", dir, err)
	}
	return nil
}

// collect removes what earlier rebuilds left behind: killed builds, and generations older
// than the previous one. The previous generation is kept so a search that opened it just
// before the swap can finish.
func collect(root, keep, previous string) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	var gens []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, buildPrefix):
			os.RemoveAll(filepath.Join(root, name))
		case strings.HasPrefix(name, genPrefix) && name != keep && name != previous:
			gens = append(gens, name)
		}
	}
	sort.Strings(gens)
	for _, g := range gens {
		os.RemoveAll(filepath.Join(root, g))
	}
}

// lock takes the rebuild lock of root, failing at once if another rebuild holds it.
func lock(root string) (release func(), err error) {
	f, err := os.OpenFile(filepath.Join(root, lockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("index: lock: %w", err)
	}
	if err := lockFileNow(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("index: another rebuild is running on %s", root)
	}
	// Commit releases the lock and an Abort after a failed Commit releases it again.
	return sync.OnceFunc(func() {
		unlockFile(f)
		f.Close()
	}), nil
}

func writeMeta(dir string, m Meta) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, metaFile))
	if err != nil {
		return fmt.Errorf("index: write meta: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("index: write meta: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("index: write meta: %w", err)
	}
	return f.Close()
}

func readMeta(dir string) (Meta, error) {
	var m Meta
	b, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return m, fmt.Errorf("index: read meta: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("index: the index in %s is damaged (%s: %v); run `dangjian rebuild` to recreate it", dir, metaFile, err)
	}
	return m, nil
}

// CurrentDir is the directory of the current generation under root, for callers that
// want to notice a rebuild without opening the index.
func CurrentDir(root string) (string, error) { return current(root) }
