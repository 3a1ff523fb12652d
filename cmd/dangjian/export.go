package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dangjian/dangjian/collection"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("export", "initiatives|metrics [--by initiative] [--province P] [--year Y] [--q QUERY] [--format csv|jsonl|xlsx] [-o FILE]", stderr)
	var o collection.ExportOptions
	fs.StringVar(&o.Province, "province", "", "only rows of this province")
	fs.StringVar(&o.Query, "q", "", "only the rows this facts query finds (see dangjian facts)")
	fs.IntVar(&o.Year, "year", 0, "only rows of this year")
	fs.StringVar(&o.By, "by", collection.ByMention, "initiatives: one row per mention, or per actor and initiative (initiative)")
	fs.StringVar(&o.Format, "format", "", "csv, jsonl or xlsx (default: from -o's extension, else csv)")
	out := fs.String("o", "", "write to this file instead of standard output")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return &exitError{code: 2, msg: "export needs one table: initiatives or metrics"}
	}
	if o.Format, err = exportFormat(o.Format, *out); err != nil {
		return err
	}
	c, err := openExisting(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()
	noteUnindexed(ctx, c, stderr)
	if *out == "" {
		return c.Export(ctx, rest[0], o, stdout)
	}
	return writeAtomically(*out, func(w io.Writer) error { return c.Export(ctx, rest[0], o, w) })
}

// exportFormat settles an export's format from --format and -o: the format named, else the
// file name's extension, else CSV. A format that contradicts the file name is refused
// (-o x.xlsx --format csv would write CSV into a file Excel refuses), and so is XLSX on a
// terminal.
func exportFormat(format, out string) (string, error) {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	known := slices.Contains(collection.ExportFormats, ext)
	switch {
	case format != "" && !slices.Contains(collection.ExportFormats, format):
		return "", &exitError{code: 2, msg: fmt.Sprintf("--format %q: want csv, jsonl or xlsx", format)}
	case format != "" && known && format != ext:
		return "", &exitError{code: 2, msg: fmt.Sprintf("-o %s names a .%s file but --format is %s: drop one, or make them agree", out, ext, format)}
	case format == "" && known:
		format = ext
	case format == "":
		format = "csv"
	}
	if format == "xlsx" && out == "" {
		return "", &exitError{code: 2, msg: "an xlsx export needs -o FILE (it is not text for a terminal)"}
	}
	return format, nil
}

// writeAtomically writes a file through a temporary neighbour and renames it into place,
// so a failed export never leaves a truncated file where a good one was. The file gets
// the mode of the one it replaces, else 0666 less the umask, like any file the user
// creates; errors name the file asked for, never the temporary one.
func writeAtomically(path string, write func(io.Writer) error) error {
	fail := func(err error) error {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	mode, replace := fs.FileMode(0o666), false
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return fmt.Errorf("cannot write %s: it is a folder", path)
		}
		mode, replace = st.Mode().Perm(), true
	}
	var tmp *os.File
	for i := 0; ; i++ {
		name := filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.tmp-%d-%d", filepath.Base(path), os.Getpid(), i))
		var err error
		tmp, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if errors.Is(err, fs.ErrExist) && i < 100 {
			continue
		}
		if err != nil {
			return fail(err)
		}
		break
	}
	defer os.Remove(tmp.Name())
	if replace {
		if err := tmp.Chmod(mode); err != nil {
			tmp.Close()
			return fail(err)
		}
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fail(err)
		}
		return err
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fail(err)
	}
	return nil
}
