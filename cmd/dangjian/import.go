package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dangjian/dangjian/collection"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("import", "PATH…", stderr)
	paths, err := parse(fs, args)
	if err != nil {
		return err
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
	sum, err := c.Import(ctx, paths, func(ev collection.ImportEvent) {
		switch ev.Outcome {
		case collection.Added:
			fmt.Fprintf(stdout, "added    %s  (id %d) %s\n", ev.Path, ev.ID, ev.Title)
		case collection.Skipped:
			fmt.Fprintf(stdout, "skipped  %s  (duplicate of id %d)\n", ev.Path, ev.ID)
		case collection.Refused:
			fmt.Fprintf(stderr, "refused  %s: %s\n", ev.Path, ev.Reason)
		}
	})
	fmt.Fprintf(stdout, "%d added, %d skipped (duplicate), %d refused\n", sum.Added, sum.Skipped, sum.Refused)
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
