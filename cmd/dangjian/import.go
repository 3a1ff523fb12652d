package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/dangjian/dangjian/collection"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("import", "[--format jsonl|csv] [--map title=title,text=content,date=year,url=url] PATH…", stderr)
	format := fs.String("format", "", "read the files as records, one document each: jsonl or csv (default: by extension)")
	mapSpec := fs.String("map", "", "record fields to use: title=…,text=…,date=…,url=…,source=… (defaults: title, text or content, date or year, url)")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *format != "" && !slices.Contains(collection.RecordFormats, *format) {
		return &exitError{code: 2, msg: fmt.Sprintf("unknown --format %q (want jsonl or csv)", *format)}
	}
	mapping, err := collection.ParseMapping(*mapSpec)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	if len(paths) == 0 {
		fs.Usage()
		return &exitError{code: 2, msg: "import needs at least one file or folder"}
	}
	c, err := collection.Open(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()
	sum, err := c.ImportWith(ctx, paths, collection.ImportOptions{Format: *format, Mapping: mapping}, func(ev collection.ImportEvent) {
		switch ev.Outcome {
		case collection.Added:
			fmt.Fprintf(stdout, "added    %s  (id %d) %s\n", ev.Path, ev.ID, ev.Title)
		case collection.Skipped:
			fmt.Fprintf(stdout, "skipped  %s  (duplicate of id %d)\n", ev.Path, ev.ID)
		case collection.Refused:
			fmt.Fprintf(stderr, "refused  %s: %s\n", ev.Path, ev.Reason)
		case collection.Ignored:
			fmt.Fprintf(stdout, "ignored  %s: %s\n", ev.Path, ev.Reason)
		}
	})
	ignored := ""
	if sum.Ignored > 0 {
		ignored = fmt.Sprintf(", %d ignored (not a document type import reads)", sum.Ignored)
	}
	fmt.Fprintf(stdout, "%d added, %d skipped (duplicate), %d refused%s\n", sum.Added, sum.Skipped, sum.Refused, ignored)
	if err != nil {
		return fmt.Errorf("import stopped: %w (documents stored so far are kept)", err)
	}
	if sum.Added > 0 {
		fmt.Fprintln(stdout, "run `dangjian rebuild` to make the new documents searchable")
	}
	if sum.Refused > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d file(s) refused", sum.Refused)}
	}
	return nil
}
