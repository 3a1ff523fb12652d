package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Initiative is one row of the initiatives table: a named programme an actor carries out,
// with the sentence that says so.
type Initiative struct {
	DocID     int64
	Actor     string
	ActorKind string // province, central or place
	Province  string // the actor's province ("" for central bodies)
	Year      int    // the year the document reports on (0 if unknown)
	Name      string
	Evidence  string // the sentence, original characters
	Start     int    // rune offsets of the name in the document's cleaned text
	End       int
}

// Metric is one row of the metrics table: a number that counts a result of an actor's work.
type Metric struct {
	DocID     int64
	Actor     string
	ActorKind string
	Province  string
	Year      int
	Value     float64
	Unit      string
	What      string
	Approx    bool
	Evidence  string
	Start     int // rune offsets of the number and unit in the document's cleaned text
	End       int
}

// DocFacts is what rebuild found about a document as a whole.
type DocFacts struct {
	DocID     int64
	Year      int      // the year reported on, else the year published, else 0
	Provinces []string // provinces of the actors, in order of first mention
	// Group is the canonical document of the near-duplicate group the document belongs to
	// (its own id when it has no copies); Similarity is its similarity to that canonical.
	Group      int64
	Similarity float64
	// Subject is the one actor the document reports on ("" for a review of many), with
	// its kind, province and where extraction found it (show's subject line).
	Subject, SubjectKind, SubjectProvince, SubjectWhy string
}

const factsSchema = `
CREATE TABLE %[1]sinitiatives (
	doc_id INTEGER NOT NULL, actor TEXT NOT NULL, actor_kind TEXT NOT NULL, province TEXT NOT NULL,
	year INTEGER NOT NULL, name TEXT NOT NULL, evidence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
CREATE TABLE %[1]smetrics (
	doc_id INTEGER NOT NULL, actor TEXT NOT NULL, actor_kind TEXT NOT NULL, province TEXT NOT NULL,
	year INTEGER NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, what TEXT NOT NULL, approx INTEGER NOT NULL,
	evidence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
CREATE TABLE %[1]sdoc_facts (doc_id INTEGER PRIMARY KEY, year INTEGER NOT NULL, provinces TEXT NOT NULL,
	grp INTEGER NOT NULL, similarity REAL NOT NULL, subject TEXT NOT NULL DEFAULT '', subject_kind TEXT NOT NULL DEFAULT '',
	subject_province TEXT NOT NULL DEFAULT '', subject_why TEXT NOT NULL DEFAULT '');
`

// factTables are the derived tables a rebuild replaces as a whole.
var factTables = []string{"initiatives", "metrics", "doc_facts"}

const stagingPrefix = "staging_"

// FactsWriter fills staging copies of the extracted tables during a rebuild; Commit
// swaps them in, in one transaction, so export never sees a half-built table.
type FactsWriter struct {
	s   *Store
	ctx context.Context // the rebuild's: cancelling it rolls back the open batch
	tx  *sql.Tx
	ins map[string]*sql.Stmt
	n   int
}

// NewFactsWriter starts a fresh set of extracted tables.
func (s *Store) NewFactsWriter(ctx context.Context) (*FactsWriter, error) {
	var drops []string
	for _, t := range factTables {
		drops = append(drops, "DROP TABLE IF EXISTS "+stagingPrefix+t+";")
	}
	if _, err := s.db.ExecContext(ctx, strings.Join(drops, "")+fmt.Sprintf(factsSchema, stagingPrefix)); err != nil {
		return nil, fmt.Errorf("corpus: create staging tables: %w", err)
	}
	w := &FactsWriter{s: s, ctx: ctx}
	return w, w.begin()
}

// begin opens the next batch. Its transaction lives as long as the rebuild's context, not
// the context of the Add call that happens to open it.
func (w *FactsWriter) begin() error {
	ctx := w.ctx
	tx, err := w.s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("corpus: begin: %w", err)
	}
	w.tx, w.ins = tx, map[string]*sql.Stmt{}
	for table, q := range map[string]string{
		"initiatives": `INSERT INTO staging_initiatives VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		"metrics":     `INSERT INTO staging_metrics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		"doc_facts":   `INSERT INTO staging_doc_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	} {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			tx.Rollback()
			return fmt.Errorf("corpus: prepare %s: %w", table, err)
		}
		w.ins[table] = st
	}
	return nil
}

// Add stores what was extracted from one document.
func (w *FactsWriter) Add(ctx context.Context, f DocFacts, inits []Initiative, metrics []Metric) error {
	if f.Group == 0 {
		f.Group, f.Similarity = f.DocID, 1
	}
	if _, err := w.ins["doc_facts"].ExecContext(ctx, f.DocID, f.Year, strings.Join(f.Provinces, ","), f.Group, f.Similarity,
		f.Subject, f.SubjectKind, f.SubjectProvince, f.SubjectWhy); err != nil {
		return fmt.Errorf("corpus: store facts of document %d: %w", f.DocID, err)
	}
	for _, r := range inits {
		if _, err := w.ins["initiatives"].ExecContext(ctx, r.DocID, r.Actor, r.ActorKind, r.Province, r.Year,
			r.Name, r.Evidence, r.Start, r.End); err != nil {
			return fmt.Errorf("corpus: store initiative of document %d: %w", r.DocID, err)
		}
	}
	for _, r := range metrics {
		if _, err := w.ins["metrics"].ExecContext(ctx, r.DocID, r.Actor, r.ActorKind, r.Province, r.Year,
			r.Value, r.Unit, r.What, r.Approx, r.Evidence, r.Start, r.End); err != nil {
			return fmt.Errorf("corpus: store metric of document %d: %w", r.DocID, err)
		}
	}
	// Commit in batches: one transaction per document would be slow, one for the whole
	// corpus would hold the write lock for the whole rebuild.
	if w.n++; w.n%500 == 0 {
		if err := w.tx.Commit(); err != nil {
			return fmt.Errorf("corpus: commit facts: %w", err)
		}
		return w.begin()
	}
	return nil
}

// Commit replaces the extracted tables with the staged ones.
func (w *FactsWriter) Commit(ctx context.Context) error {
	if err := w.tx.Commit(); err != nil {
		return fmt.Errorf("corpus: commit facts: %w", err)
	}
	tx, err := w.s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("corpus: begin: %w", err)
	}
	defer tx.Rollback()
	for _, t := range factTables {
		if _, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS "+t); err != nil {
			return fmt.Errorf("corpus: replace %s: %w", t, err)
		}
		if _, err := tx.ExecContext(ctx, "ALTER TABLE "+stagingPrefix+t+" RENAME TO "+t); err != nil {
			return fmt.Errorf("corpus: replace %s: %w", t, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("corpus: replace extracted tables: %w", err)
	}
	return nil
}

// Abort drops the staged tables; the current ones stay as they were.
func (w *FactsWriter) Abort() {
	w.tx.Rollback()
	for _, t := range factTables {
		w.s.db.Exec("DROP TABLE IF EXISTS " + stagingPrefix + t)
	}
}

// hasFacts reports whether a rebuild has ever produced the extracted tables.
func (s *Store) hasFacts(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'initiatives'`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("corpus: %w", err)
	}
	return n > 0, nil
}

// FactFilter selects rows for export.
type FactFilter struct {
	Province string // short name; "" for all
	Year     int    // 0 for all
}

// ExportRow joins an extracted row with its document's metadata and near-duplicate group.
type ExportRow struct {
	Title, Published, URL, Source string
	Group                         int64 // canonical document of the row's group
}

func (f FactFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.Province != "" {
		conds = append(conds, "f.province = ?")
		args = append(args, f.Province)
	}
	if f.Year != 0 {
		conds = append(conds, "f.year = ?")
		args = append(args, f.Year)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// ErrNoFacts is returned by the export queries before the first rebuild.
var ErrNoFacts = errors.New("nothing extracted yet: run `dangjian rebuild`")

// Initiatives lists initiative rows sorted by province, year and name.
func (s *Store) Initiatives(ctx context.Context, f FactFilter, fn func(Initiative, ExportRow) error) error {
	if ok, err := s.hasFacts(ctx); err != nil || !ok {
		return firstErr(err, ErrNoFacts)
	}
	return s.initiatives(ctx, "", f, fn)
}

// Flush commits the rows added so far, so that the staged tables can be read.
func (w *FactsWriter) Flush() error {
	if err := w.tx.Commit(); err != nil {
		return fmt.Errorf("corpus: commit facts: %w", err)
	}
	return w.begin()
}

// Initiatives lists the staged initiative rows (flushed) like Store.Initiatives.
func (w *FactsWriter) Initiatives(ctx context.Context, f FactFilter, fn func(Initiative, ExportRow) error) error {
	return w.s.initiatives(ctx, stagingPrefix, f, fn)
}

// Metrics lists the staged metric rows (flushed) like Store.Metrics.
func (w *FactsWriter) Metrics(ctx context.Context, f FactFilter, fn func(Metric, ExportRow) error) error {
	return w.s.metrics(ctx, stagingPrefix, f, fn)
}

func (s *Store) initiatives(ctx context.Context, prefix string, f FactFilter, fn func(Initiative, ExportRow) error) error {
	where, args := f.where()
	rows, err := s.db.QueryContext(ctx, `SELECT f.doc_id, f.actor, f.actor_kind, f.province, f.year, f.name, f.evidence,
		f.start, f."end", d.title, d.published, d.url, d.source, g.grp
		FROM `+prefix+`initiatives f JOIN documents d ON d.id = f.doc_id JOIN `+prefix+`doc_facts g ON g.doc_id = f.doc_id`+where+`
		ORDER BY f.province = '', f.province, f.year, f.name, f.actor, g.grp, f.doc_id <> g.grp, f.doc_id, f.start`, args...)
	if err != nil {
		return fmt.Errorf("corpus: list initiatives: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r Initiative
		var e ExportRow
		if err := rows.Scan(&r.DocID, &r.Actor, &r.ActorKind, &r.Province, &r.Year, &r.Name, &r.Evidence,
			&r.Start, &r.End, &e.Title, &e.Published, &e.URL, &e.Source, &e.Group); err != nil {
			return fmt.Errorf("corpus: list initiatives: %w", err)
		}
		if err := fn(r, e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Metrics lists metric rows sorted by province, year and what they count.
func (s *Store) Metrics(ctx context.Context, f FactFilter, fn func(Metric, ExportRow) error) error {
	if ok, err := s.hasFacts(ctx); err != nil || !ok {
		return firstErr(err, ErrNoFacts)
	}
	return s.metrics(ctx, "", f, fn)
}

func (s *Store) metrics(ctx context.Context, prefix string, f FactFilter, fn func(Metric, ExportRow) error) error {
	where, args := f.where()
	rows, err := s.db.QueryContext(ctx, `SELECT f.doc_id, f.actor, f.actor_kind, f.province, f.year, f.value, f.unit,
		f.what, f.approx, f.evidence, f.start, f."end", d.title, d.published, d.url, d.source, g.grp
		FROM `+prefix+`metrics f JOIN documents d ON d.id = f.doc_id JOIN `+prefix+`doc_facts g ON g.doc_id = f.doc_id`+where+`
		ORDER BY f.province = '', f.province, f.year, f.what, f.actor, g.grp, f.doc_id <> g.grp, f.doc_id, f.start`, args...)
	if err != nil {
		return fmt.Errorf("corpus: list metrics: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r Metric
		var e ExportRow
		if err := rows.Scan(&r.DocID, &r.Actor, &r.ActorKind, &r.Province, &r.Year, &r.Value, &r.Unit, &r.What,
			&r.Approx, &r.Evidence, &r.Start, &r.End, &e.Title, &e.Published, &e.URL, &e.Source, &e.Group); err != nil {
			return fmt.Errorf("corpus: list metrics: %w", err)
		}
		if err := fn(r, e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Facts returns what extraction found in one document: its year, provinces, initiatives
// and metrics. Before the first rebuild all are empty.
func (s *Store) Facts(ctx context.Context, id int64) (DocFacts, []Initiative, []Metric, error) {
	f := DocFacts{DocID: id}
	if ok, err := s.hasFacts(ctx); err != nil || !ok {
		return f, nil, nil, err
	}
	var provinces string
	err := s.db.QueryRowContext(ctx, `SELECT year, provinces, grp, similarity, subject, subject_kind, subject_province, subject_why
		FROM doc_facts WHERE doc_id = ?`, id).
		Scan(&f.Year, &provinces, &f.Group, &f.Similarity, &f.Subject, &f.SubjectKind, &f.SubjectProvince, &f.SubjectWhy)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return f, nil, nil, fmt.Errorf("corpus: facts of document %d: %w", id, err)
	}
	if provinces != "" {
		f.Provinces = strings.Split(provinces, ",")
	}
	var inits []Initiative
	var metrics []Metric
	rows, err := s.db.QueryContext(ctx, `SELECT actor, actor_kind, province, year, name, evidence, start, "end"
		FROM initiatives WHERE doc_id = ? ORDER BY start`, id)
	if err != nil {
		return f, nil, nil, fmt.Errorf("corpus: initiatives of document %d: %w", id, err)
	}
	for rows.Next() {
		r := Initiative{DocID: id}
		if err := rows.Scan(&r.Actor, &r.ActorKind, &r.Province, &r.Year, &r.Name, &r.Evidence, &r.Start, &r.End); err != nil {
			rows.Close()
			return f, nil, nil, fmt.Errorf("corpus: initiatives of document %d: %w", id, err)
		}
		inits = append(inits, r)
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, `SELECT actor, actor_kind, province, year, value, unit, what, approx, evidence, start, "end"
		FROM metrics WHERE doc_id = ? ORDER BY start`, id)
	if err != nil {
		return f, nil, nil, fmt.Errorf("corpus: metrics of document %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		r := Metric{DocID: id}
		if err := rows.Scan(&r.Actor, &r.ActorKind, &r.Province, &r.Year, &r.Value, &r.Unit, &r.What, &r.Approx,
			&r.Evidence, &r.Start, &r.End); err != nil {
			return f, nil, nil, fmt.Errorf("corpus: metrics of document %d: %w", id, err)
		}
		metrics = append(metrics, r)
	}
	return f, inits, metrics, rows.Err()
}

// GroupMember is a document of a near-duplicate group, for review.
type GroupMember struct {
	DocID      int64
	Similarity float64 // to the canonical; 1 for the canonical itself
	Title      string
	URL        string
	Published  string
}

// Groups lists the near-duplicate groups of two or more documents, canonical first in
// each, groups in order of their canonical's id.
func (s *Store) Groups(ctx context.Context, fn func(canonical int64, members []GroupMember) error) error {
	if ok, err := s.hasFacts(ctx); err != nil || !ok {
		return firstErr(err, ErrNoFacts)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT g.grp, g.doc_id, g.similarity, d.title, d.url, d.published
		FROM doc_facts g JOIN documents d ON d.id = g.doc_id
		WHERE g.grp IN (SELECT grp FROM doc_facts GROUP BY grp HAVING count(*) > 1)
		ORDER BY g.grp, g.doc_id <> g.grp, g.doc_id`)
	if err != nil {
		return fmt.Errorf("corpus: list groups: %w", err)
	}
	defer rows.Close()
	var (
		cur     int64
		members []GroupMember
	)
	for rows.Next() {
		var grp int64
		var m GroupMember
		if err := rows.Scan(&grp, &m.DocID, &m.Similarity, &m.Title, &m.URL, &m.Published); err != nil {
			return fmt.Errorf("corpus: list groups: %w", err)
		}
		if grp != cur && len(members) > 0 {
			if err := fn(cur, members); err != nil {
				return err
			}
			members = nil
		}
		cur = grp
		members = append(members, m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("corpus: list groups: %w", err)
	}
	if len(members) > 0 {
		return fn(cur, members)
	}
	return nil
}

// GroupOf lists the other members of a document's near-duplicate group.
func (s *Store) GroupOf(ctx context.Context, id int64) ([]GroupMember, error) {
	if ok, err := s.hasFacts(ctx); err != nil || !ok {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT g.doc_id, g.similarity, d.title, d.url, d.published
		FROM doc_facts g JOIN documents d ON d.id = g.doc_id
		WHERE g.grp = (SELECT grp FROM doc_facts WHERE doc_id = ?) AND g.doc_id <> ?
		ORDER BY g.doc_id <> g.grp, g.doc_id`, id, id)
	if err != nil {
		return nil, fmt.Errorf("corpus: group of document %d: %w", id, err)
	}
	defer rows.Close()
	var out []GroupMember
	for rows.Next() {
		var m GroupMember
		if err := rows.Scan(&m.DocID, &m.Similarity, &m.Title, &m.URL, &m.Published); err != nil {
			return nil, fmt.Errorf("corpus: group of document %d: %w", id, err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
