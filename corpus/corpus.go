// Package corpus is the durable store of dangjian: documents, their original bytes and texts,
// and the tables derived from them, in one SQLite database.
package corpus

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite" // also registers the pure-Go "sqlite" driver
)

// ErrNotFound is returned when a document reference matches nothing.
var ErrNotFound = errors.New("document not found")

// ErrDamaged is returned when the database file is corrupt, truncated or not a database.
var ErrDamaged = errors.New("the corpus database is damaged or is not a dangjian database")

// Removed is a part of a document's text that cleaning cut, kept so a reviewer can see it.
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Document is one article as stored: where it came from, its bytes and its texts.
type Document struct {
	ID        int64
	URL       string // page URL, or the path of an imported file as given
	Source    string // publisher as stated (人民日报, 新华网 …)
	Title     string
	Published string // YYYY-MM-DD, or a longer ISO form, or "" when unknown
	Format    string // "html" or "text"
	Charset   string // charset the raw bytes were decoded with
	Raw       []byte
	Text      string    // the article text as extracted, original characters
	Clean     string    // Text without widget, spam and footer lines: what is indexed and shown
	Removed   []Removed // what cleaning cut, with reasons
	Hash      string    // content hash of Text; equal hashes are the same content
	Added     time.Time
	// Relevant is false for a crawled page that the relevance filter judged not to be about
	// Party building; it is kept (nothing fetched is lost) but left out of the index.
	Relevant bool
	// Profile is the site profile that read the page, "generic" when its selectors found
	// no body and the text-density extractor did; kept in memory only, for crawl reports.
	Profile string
	// Page and Section place an e-paper article in the printed paper: page 4, 要闻. Zero and
	// "" for web pages and imported files.
	Page    int
	Section string
}

// ContentHash is the identity used to recognise re-imported content: the text with
// whitespace removed, so line endings and indentation do not make a copy look new.
func ContentHash(text string) string {
	h := sha256.New()
	for _, f := range strings.Fields(text) {
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Store is an open corpus database.
type Store struct {
	db   *sql.DB
	path string
}

// FileName is the database file inside a data directory.
const FileName = "corpus.db"

// Open opens (creating if needed) the corpus in the data directory dir.
func Open(ctx context.Context, dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("corpus: create data directory: %w", err)
	}
	path := filepath.Join(dir, FileName)
	// WAL lets searches read while an import or rebuild writes; busy_timeout turns
	// lock contention between processes into waiting instead of "database is locked".
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(30000)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("corpus: open %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		if damaged(err) {
			return nil, fmt.Errorf("corpus: %s: %w (%v); dangjian has not changed it: restore it from a backup, "+
				"or move it away and import and crawl again", path, ErrDamaged, err)
		}
		return nil, fmt.Errorf("corpus: %s: %w", path, err)
	}
	return s, nil
}

// damaged reports whether err is SQLite saying the file is corrupt or not a database.
func damaged(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	const sqliteCorrupt, sqliteNotADB = 11, 26
	code := se.Code() & 0xff // extended codes carry the primary code in the low byte
	return code == sqliteCorrupt || code == sqliteNotADB
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB exposes the database handle to the packages that keep derived tables beside the documents.
func (s *Store) DB() *sql.DB { return s.db }

// Path is the database file.
func (s *Store) Path() string { return s.path }

const schema = `
CREATE TABLE IF NOT EXISTS documents (
	id        INTEGER PRIMARY KEY,
	url       TEXT NOT NULL,
	source    TEXT NOT NULL DEFAULT '',
	title     TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	format    TEXT NOT NULL,
	charset   TEXT NOT NULL DEFAULT '',
	raw       BLOB NOT NULL,
	text      TEXT NOT NULL,
	clean     TEXT NOT NULL,
	hash      TEXT NOT NULL UNIQUE,
	added     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_url ON documents(url);
CREATE TABLE IF NOT EXISTS removed (
	doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	seq    INTEGER NOT NULL,
	text   TEXT NOT NULL,
	reason TEXT NOT NULL,
	PRIMARY KEY (doc_id, seq)
);
`

// columns added after the first release; a database made before them gets them on open.
var addedColumns = []struct{ table, column, decl string }{
	{"documents", "relevant", "INTEGER NOT NULL DEFAULT 1"},
	{"documents", "page", "INTEGER NOT NULL DEFAULT 0"},
	{"documents", "section", "TEXT NOT NULL DEFAULT ''"},
	{"crawl_frontier", "page", "INTEGER NOT NULL DEFAULT 0"},
	{"crawl_frontier", "section", "TEXT NOT NULL DEFAULT ''"},
	// doc_facts exists once a rebuild has run; a rebuild recreates it with these columns.
	{"doc_facts", "subject", "TEXT NOT NULL DEFAULT ''"},
	{"doc_facts", "subject_kind", "TEXT NOT NULL DEFAULT ''"},
	{"doc_facts", "subject_province", "TEXT NOT NULL DEFAULT ''"},
	{"doc_facts", "subject_why", "TEXT NOT NULL DEFAULT ''"},
}

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, schema+crawlSchema); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	for _, c := range addedColumns {
		var tables, n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, c.table).Scan(&tables); err != nil {
			return fmt.Errorf("inspect %s: %w", c.table, err)
		}
		if tables == 0 {
			continue // made later, with every column
		}
		err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info(?) WHERE name = ?`, c.table, c.column).Scan(&n)
		if err != nil {
			return fmt.Errorf("inspect %s: %w", c.table, err)
		}
		if n == 0 {
			if _, err := s.db.ExecContext(ctx, "ALTER TABLE "+c.table+" ADD COLUMN "+c.column+" "+c.decl); err != nil {
				return fmt.Errorf("add column %s.%s: %w", c.table, c.column, err)
			}
		}
	}
	return nil
}

// Add stores d unless a document with the same content is already there. It returns the
// id of the stored (or existing) document and whether d was new. The document and its
// removed parts are written in one transaction, so a crash never leaves half of it.
func (s *Store) Add(ctx context.Context, d *Document) (id int64, added bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, fmt.Errorf("corpus: begin: %w", err)
	}
	defer tx.Rollback()
	if id, added, err = addTx(ctx, tx, d); err != nil || !added {
		return id, added, err
	}
	if err := tx.Commit(); err != nil {
		return 0, false, fmt.Errorf("corpus: commit %s: %w", d.URL, err)
	}
	d.ID = id
	return id, true, nil
}

// addTx stores d inside tx unless its content is already stored, like Add.
func addTx(ctx context.Context, tx *sql.Tx, d *Document) (int64, bool, error) {
	if d.Hash == "" {
		d.Hash = ContentHash(d.Text)
	}
	if d.Added.IsZero() {
		d.Added = time.Now().UTC()
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE hash = ?`, d.Hash).Scan(&id)
	switch {
	case err == nil:
		return id, false, nil
	case !errors.Is(err, sql.ErrNoRows):
		return 0, false, fmt.Errorf("corpus: look up %s: %w", d.URL, err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO documents
		(url, source, title, published, format, charset, raw, text, clean, hash, added, relevant, page, section)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.URL, d.Source, d.Title, d.Published, d.Format, d.Charset, d.Raw, d.Text, d.Clean,
		d.Hash, d.Added.Format(time.RFC3339), d.Relevant, d.Page, d.Section)
	if err != nil {
		return 0, false, fmt.Errorf("corpus: insert %s: %w", d.URL, err)
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, false, fmt.Errorf("corpus: insert %s: %w", d.URL, err)
	}
	if err := insertRemoved(ctx, tx, id, d.Removed); err != nil {
		return 0, false, err
	}
	return id, true, nil
}

func insertRemoved(ctx context.Context, tx *sql.Tx, id int64, removed []Removed) error {
	for i, r := range removed {
		if _, err := tx.ExecContext(ctx, `INSERT INTO removed (doc_id, seq, text, reason) VALUES (?, ?, ?, ?)`,
			id, i, r.Text, r.Reason); err != nil {
			return fmt.Errorf("corpus: store removed part of document %d: %w", id, err)
		}
	}
	return nil
}

// UpdateClean replaces a document's cleaned text and removed parts, as a rebuild does when
// the cleaning rules have changed. The original bytes and text are never touched.
func (s *Store) UpdateClean(ctx context.Context, id int64, clean string, removed []Removed) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("corpus: begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET clean = ? WHERE id = ?`, clean, id); err != nil {
		return fmt.Errorf("corpus: update document %d: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM removed WHERE doc_id = ?`, id); err != nil {
		return fmt.Errorf("corpus: update document %d: %w", id, err)
	}
	if err := insertRemoved(ctx, tx, id, removed); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("corpus: commit document %d: %w", id, err)
	}
	return nil
}

const docColumns = `id, url, source, title, published, format, charset, text, clean, hash, added, relevant, page, section`

func scanDoc(row interface{ Scan(...any) error }, d *Document) error {
	var added string
	if err := row.Scan(&d.ID, &d.URL, &d.Source, &d.Title, &d.Published, &d.Format, &d.Charset,
		&d.Text, &d.Clean, &d.Hash, &added, &d.Relevant, &d.Page, &d.Section); err != nil {
		return err
	}
	d.Added, _ = time.Parse(time.RFC3339, added)
	return nil
}

// CountRelevantAfter counts the documents stored after the one with id last that the
// index takes in (relevant ones): those a rebuild would add.
func (s *Store) CountRelevantAfter(ctx context.Context, last int64) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id > ? AND relevant = 1`, last).Scan(&n); err != nil {
		return 0, fmt.Errorf("corpus: count new documents: %w", err)
	}
	return n, nil
}

// Get loads a document, its raw bytes and removed parts by id.
func (s *Store) Get(ctx context.Context, id int64) (*Document, error) {
	d := &Document{}
	err := scanDoc(s.db.QueryRowContext(ctx, `SELECT `+docColumns+` FROM documents WHERE id = ?`, id), d)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("corpus: document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("corpus: document %d: %w", id, err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT raw FROM documents WHERE id = ?`, id).Scan(&d.Raw); err != nil {
		return nil, fmt.Errorf("corpus: raw bytes of document %d: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT text, reason FROM removed WHERE doc_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("corpus: removed parts of document %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r Removed
		if err := rows.Scan(&r.Text, &r.Reason); err != nil {
			return nil, fmt.Errorf("corpus: removed parts of document %d: %w", id, err)
		}
		d.Removed = append(d.Removed, r)
	}
	return d, rows.Err()
}

// Find resolves a reference as a user types it: a document id, a URL, or the path a file
// was imported from (as given, or any path naming the same file).
func (s *Store) Find(ctx context.Context, ref string) (*Document, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return s.Get(ctx, id)
	}
	candidates := []string{ref}
	if abs, err := filepath.Abs(ref); err == nil && abs != ref {
		candidates = append(candidates, abs)
	}
	for _, c := range candidates {
		var id int64
		err := s.db.QueryRowContext(ctx, `SELECT id FROM documents WHERE url = ? ORDER BY id LIMIT 1`, c).Scan(&id)
		if err == nil {
			return s.Get(ctx, id)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("corpus: find %q: %w", ref, err)
		}
	}
	// A crawled page may have been fetched under another URL, or reached by a redirect.
	if id, ok, err := (&CrawlState{s: s}).DocumentForURL(ctx, ref); err != nil {
		return nil, fmt.Errorf("corpus: find %q: %w", ref, err)
	} else if ok {
		return s.Get(ctx, id)
	}
	// An imported path may have been given relative to another directory: match by file identity.
	if st, err := os.Stat(ref); err == nil {
		rows, err := s.db.QueryContext(ctx, `SELECT id, url FROM documents WHERE url NOT LIKE 'http%'`)
		if err != nil {
			return nil, fmt.Errorf("corpus: find %q: %w", ref, err)
		}
		var match int64
		for rows.Next() {
			var id int64
			var u string
			if rows.Scan(&id, &u) == nil {
				if st2, err := os.Stat(u); err == nil && os.SameFile(st, st2) {
					match = id
					break
				}
			}
		}
		rows.Close()
		if match != 0 {
			return s.Get(ctx, match)
		}
	}
	return nil, fmt.Errorf("corpus: %q: %w", ref, ErrNotFound)
}

// Count is the number of documents.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return 0, fmt.Errorf("corpus: count: %w", err)
	}
	return n, nil
}

// Each calls fn for every document in id order, without raw bytes or removed parts,
// streaming so a large corpus never sits in memory at once.
func (s *Store) Each(ctx context.Context, fn func(*Document) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+docColumns+` FROM documents ORDER BY id`)
	if err != nil {
		return fmt.Errorf("corpus: list documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		d := &Document{}
		if err := scanDoc(rows, d); err != nil {
			return fmt.Errorf("corpus: read document: %w", err)
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("corpus: list documents: %w", err)
	}
	return nil
}

// IntegrityCheck runs SQLite's own consistency check and reports anything but "ok".
func (s *Store) IntegrityCheck(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("corpus: integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("corpus: integrity check: %s", res)
	}
	return nil
}
