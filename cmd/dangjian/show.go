package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/corpus"
)

func runShow(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("show", "[--json] [--cite] REF   (REF: document id, URL or imported path)", stderr)
	asJSON := fs.Bool("json", false, "print the document as one JSON object")
	cite := fs.Bool("cite", false, "print how to cite the document: title, source, date, URL and a GB/T 7714 reference")
	refs, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(refs) != 1 {
		fs.Usage()
		return &exitError{code: 2, msg: "show needs exactly one document reference"}
	}
	c, err := openExisting(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()
	notFound := &exitError{code: 1, msg: fmt.Sprintf("no document %q in %s (give an id, a URL or the path it was imported from)", refs[0], *data)}
	if *cite {
		ct, err := c.Cite(ctx, refs[0])
		if errors.Is(err, corpus.ErrNotFound) {
			return notFound
		}
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(stdout, ct)
		}
		fmt.Fprintf(stdout, "标题: %s\n来源: %s\n日期: %s\n", ct.Title, ct.Source, ct.Published)
		if ct.Page > 0 {
			fmt.Fprintf(stdout, "版次: %d\n", ct.Page)
		}
		fmt.Fprintf(stdout, "URL:  %s\n\n%s\n", ct.URL, ct.GBT7714)
		return nil
	}
	v, err := c.Show(ctx, refs[0])
	if errors.Is(err, corpus.ErrNotFound) {
		return notFound
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, v)
	}
	fmt.Fprintf(stdout, "id:        %d\ntitle:     %s\nurl:       %s\nsource:    %s\n", v.ID, v.Title, v.URL, v.Source)
	if v.Published != nil {
		fmt.Fprintf(stdout, "published: %s\n", *v.Published)
	}
	if v.Year != nil {
		fmt.Fprintf(stdout, "year:      %d\n", *v.Year)
	}
	if v.Page != nil {
		fmt.Fprintf(stdout, "page:      %d %s\n", *v.Page, v.Section)
	}
	fmt.Fprintf(stdout, "charset:   %s\nformat:    %s\n", v.Charset, v.Format)
	if len(v.Provinces) > 0 {
		fmt.Fprintf(stdout, "provinces: %s\n", strings.Join(v.Provinces, "、"))
	}
	if v.Subject != nil {
		fmt.Fprintf(stdout, "subject:   %s (%s) — from the %s\n", v.Subject.Name, subjectKind(v.Subject), subjectWhy[v.Subject.Why])
	}
	fmt.Fprintf(stdout, "\n%s\n", v.Text)
	if len(v.Initiatives) > 0 {
		fmt.Fprintf(stdout, "\ninitiatives (%d):\n", len(v.Initiatives))
		for _, r := range v.Initiatives {
			fmt.Fprintf(stdout, "  %-8s %s\n", r.Actor, r.Initiative)
		}
	}
	if len(v.Metrics) > 0 {
		fmt.Fprintf(stdout, "\nmetrics (%d):\n", len(v.Metrics))
		for _, r := range v.Metrics {
			approx := ""
			if r.Approx {
				approx = " (approx.)"
			}
			fmt.Fprintf(stdout, "  %-8s %s: %s %s%s\n", r.Actor, r.What, strconv.FormatFloat(r.Value, 'f', -1, 64), r.Unit, approx)
		}
	}
	if len(v.Removed) > 0 {
		fmt.Fprintf(stdout, "\nremoved by cleaning (%d):\n", len(v.Removed))
		for _, r := range v.Removed {
			fmt.Fprintf(stdout, "  [%s] %s\n", r.Reason, r.Text)
		}
	}
	return nil
}

// subjectWhy says in words where a document's subject was found.
var subjectWhy = map[string]string{
	"title":    "headline",
	"lead":     "lead sentence",
	"subjects": "clause subjects, nearly all of which name it",
	"dateline": "dateline, borne out by the text",
}

// subjectKind describes a subject's kind and, for a place, its province.
func subjectKind(s *collection.Subject) string {
	if s.Kind == "place" && s.Province != "" {
		return "place in " + s.Province
	}
	return s.Kind
}
