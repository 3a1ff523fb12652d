package collection

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/dangjian/dangjian/article"
	"github.com/dangjian/dangjian/clean"
	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/doctext"
)

// MaxFileSize is the largest file import reads; larger files are refused before reading.
const MaxFileSize = 64 << 20

// Outcome of importing one file.
type Outcome string

const (
	Added   Outcome = "added"
	Skipped Outcome = "skipped (duplicate)"
	Refused Outcome = "refused"
	// Ignored is a file inside a folder that is not of a type import reads (a picture, a
	// spreadsheet, a hidden folder): reported with the reason, and no failure.
	Ignored Outcome = "ignored"
)

// ImportEvent reports what happened to one file.
type ImportEvent struct {
	Path    string
	Outcome Outcome
	ID      int64  // the stored document (also for duplicates: the one already there)
	Title   string // for added files
	Reason  string // for refused files
}

// ImportSummary counts the outcomes.
type ImportSummary struct {
	Added, Skipped, Refused, Ignored int
}

// counting returns a report that counts each event in s before passing it on to report
// (which may be nil).
func (s *ImportSummary) counting(report func(ImportEvent)) func(ImportEvent) {
	return func(ev ImportEvent) {
		switch ev.Outcome {
		case Added:
			s.Added++
		case Skipped:
			s.Skipped++
		case Refused:
			s.Refused++
		case Ignored:
			s.Ignored++
		}
		if report != nil {
			report(ev)
		}
	}
}

// unsupported says why a file is not imported: its type.
func unsupported(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case "":
		ext = "no extension"
	case ".doc", ".wps":
		return fmt.Sprintf("%s is an older Word format import does not read: save it as .docx", ext)
	}
	return fmt.Sprintf("not a type import reads (%s; it reads .txt, .md, .html, .htm, .pdf, .docx, records in .jsonl and .csv, and web archives in .warc and .warc.gz)", ext)
}

// importable reports whether a file found inside a folder is one import reads.
func importable(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".md", ".html", ".htm", ".pdf", ".docx":
		return true
	}
	return RecordFormat(name) != "" || isWARC(name)
}

// ImportOptions say how Import reads what it is given.
type ImportOptions struct {
	// Format, when set (jsonl or csv), reads every file as records of that format; else
	// .jsonl, .ndjson and .csv files are records and the others documents.
	Format string
	// Mapping names the record fields (see ParseMapping).
	Mapping map[string]string
}

// Import adds files and folders (recursively) to the corpus. Every file gets an event; a
// refused file does not stop the others. The error is for failures of the store itself
// (or cancellation), not for bad files.
func (c *Collection) Import(ctx context.Context, paths []string, report func(ImportEvent)) (ImportSummary, error) {
	return c.ImportWith(ctx, paths, ImportOptions{}, report)
}

// ImportWith is Import with options: files of records (JSON Lines, CSV) become one
// document per record.
func (c *Collection) ImportWith(ctx context.Context, paths []string, o ImportOptions, report func(ImportEvent)) (ImportSummary, error) {
	var sum ImportSummary
	emit := sum.counting(report)
	for _, p := range paths {
		files, ignored, err := expand(p)
		if err != nil {
			emit(ImportEvent{Path: p, Outcome: Refused, Reason: err.Error()})
			continue
		}
		for _, ig := range ignored {
			emit(ig)
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return sum, err
			}
			if o.Format == "" && isWARC(f) {
				if err := c.ImportWARC(ctx, f, emit); err != nil {
					return sum, err
				}
				continue
			}
			if format := cmpOr(o.Format, RecordFormat(f)); format != "" {
				if _, err := c.ImportRecords(ctx, f, format, o.Mapping, emit); err != nil {
					return sum, err
				}
				continue
			}
			ev, err := c.importFile(ctx, f)
			if err != nil {
				return sum, err
			}
			emit(ev)
		}
	}
	return sum, nil
}

// expand lists the files a path names: itself, or the importable files under a folder in
// a stable order, with an Ignored event for each other file and each hidden folder (.git)
// under it, which is not entered.
func expand(p string) ([]string, []ImportEvent, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read: %w", unwrapPathError(err))
	}
	if !st.IsDir() {
		return []string{p}, nil, nil
	}
	var files []string
	var ignored []ImportEvent
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return fmt.Errorf("walk %s: %w", path, err)
		case d.IsDir() && path != p && strings.HasPrefix(d.Name(), "."):
			ignored = append(ignored, ImportEvent{Path: path, Outcome: Ignored, Reason: "hidden folder, not entered"})
			return filepath.SkipDir
		case d.IsDir():
		case importable(d.Name()):
			files = append(files, path)
		default:
			ignored = append(ignored, ImportEvent{Path: path, Outcome: Ignored, Reason: unsupported(path)})
		}
		return nil
	})
	sort.Strings(files)
	return files, ignored, err
}

// absPath is where an imported file is stored as coming from: its absolute path, so that
// exports and citations name the file wherever they are opened.
func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// importFile reads, decodes, extracts and cleans one file and stores it. Problems with the
// file become a Refused event; only a failing store is returned as an error.
func (c *Collection) importFile(ctx context.Context, path string) (ImportEvent, error) {
	refuse := func(reason string) (ImportEvent, error) {
		return ImportEvent{Path: path, Outcome: Refused, Reason: reason}, nil
	}
	if !importable(path) {
		return refuse(unsupported(path))
	}
	raw, err := readLimited(path)
	if err != nil {
		return refuse(err.Error())
	}
	doc, err := Parse(raw, path, "", "")
	if err != nil {
		return refuse(err.Error())
	}
	doc.URL = absPath(path)
	id, added, err := c.Store.Add(ctx, doc)
	if err != nil {
		return ImportEvent{}, err
	}
	if !added {
		return ImportEvent{Path: path, Outcome: Skipped, ID: id}, nil
	}
	return ImportEvent{Path: path, Outcome: Added, ID: id, Title: doc.Title}, nil
}

func readLimited(path string) ([]byte, error) {
	// O_NONBLOCK: opening a named pipe would otherwise wait for a writer forever; for a
	// regular file it changes nothing, and anything else is refused below.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", unwrapPathError(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	if st.Size() > MaxFileSize {
		return nil, fmt.Errorf("file too large (%d MB; the limit is %d MB)", st.Size()>>20, MaxFileSize>>20)
	}
	raw, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	if len(raw) > MaxFileSize {
		return nil, fmt.Errorf("file too large (the limit is %d MB)", MaxFileSize>>20)
	}
	return raw, nil
}

// Parse turns raw bytes into a document ready to store: HTML (by name or content type) or
// plain text, decoded, with its main text extracted and cleaned. ref is the URL or path the
// document is known by. The error says in plain words why the bytes are not a document.
func Parse(raw []byte, ref, contentType, profile string) (*corpus.Document, error) {
	var (
		a   article.Article
		err error
	)
	format := "text"
	switch ext := strings.ToLower(filepath.Ext(ref)); {
	case ext == ".pdf" || ext == ".docx":
		// A published report: its text, read out of the file, goes the way of a text file's.
		format = ext[1:]
		var text string
		if format == "pdf" {
			text, err = doctext.PDF(context.Background(), raw)
		} else {
			text, err = doctext.DOCX(raw)
		}
		if err != nil {
			return nil, err
		}
		a, err = article.FromText([]byte(text), filepath.Base(ref))
	case isHTML(ref, contentType):
		format = "html"
		if profile != "" {
			a, err = article.FromHTMLWithProfile(raw, contentType, ref, profile)
		} else {
			a, err = article.FromHTML(raw, contentType, ref)
		}
	default:
		a, err = article.FromText(raw, filepath.Base(ref))
	}
	switch {
	case errors.Is(err, article.ErrEmpty):
		return nil, errors.New("empty file")
	case errors.Is(err, article.ErrBinary):
		return nil, fmt.Errorf("binary content, not text (%v)", err)
	case errors.Is(err, article.ErrUndecodable):
		return nil, fmt.Errorf("text cannot be decoded in any known charset (%v)", err)
	case err != nil:
		return nil, err
	}
	if strings.TrimSpace(a.Text) == "" {
		return nil, errors.New("no article text found")
	}
	kept, removed := clean.Article(a.Text)
	if strings.TrimSpace(kept) == "" {
		return nil, errors.New("nothing but page furniture (all lines removed by cleaning)")
	}
	return &corpus.Document{
		URL: ref, Source: a.Source, Title: a.Title, Published: formatPublished(a.Published),
		Format: format, Charset: a.Charset, Raw: raw, Text: a.Text, Clean: kept, Removed: removed, Relevant: true,
		Profile: a.Profile,
	}, nil
}

func isHTML(ref, contentType string) bool {
	if strings.Contains(strings.ToLower(contentType), "html") {
		return true
	}
	switch strings.ToLower(filepath.Ext(ref)) {
	case ".html", ".htm", ".shtml", ".xhtml":
		return true
	}
	return false
}

// formatPublished writes a date as YYYY-MM-DD, with the time of day when the source stated one.
func formatPublished(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0:
		return t.Format("2006-01-02")
	default:
		return t.Format("2006-01-02T15:04")
	}
}
