package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dangjian/dangjian/chart"
	"github.com/dangjian/dangjian/collection"
)

func runTrend(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("trend", "[--json] [--per-million] QUERY", stderr)
	asJSON := fs.Bool("json", false, "print the counts as one JSON object")
	perMillion := fs.Bool("per-million", false, "counts per million characters of each province's text in each year")
	svg := fs.String("svg", "", "also write a line chart of the provinces with the most passages to this SVG file")
	words, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(words) == 0 {
		fs.Usage()
		return &exitError{code: 2, msg: "trend needs a query, e.g. dangjian trend 四不两直"}
	}
	c, err := openExisting(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()
	noteUnindexed(ctx, c, stderr)
	res, err := c.TrendWith(ctx, strings.Join(words, " "), *perMillion)
	if err != nil {
		return err
	}
	if *svg != "" {
		page := res.Chart()
		if err := writeAtomically(*svg, func(w io.Writer) error { _, err := w.Write(page); return err }); err != nil {
			return fmt.Errorf("trend --svg: %w", err)
		}
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	if res.PerMillion {
		printRates(stdout, res)
		return nil
	}
	printTrend(stdout, res)
	return nil
}

// printRates draws the counts per million characters, each province's row followed by
// its denominators in thousands of characters; a year without text is a gap (—).
func printRates(w io.Writer, res *collection.TrendResult) {
	if res.Total == 0 {
		fmt.Fprintf(w, "no passages attributed to a province say %q\n", res.Query)
		return
	}
	fmt.Fprintf(w, "passages saying %q per million characters of the province's text, by year\n(under each row: the characters, in thousands)\n\n", res.Query)
	const nameWidth = 18
	header := pad("province", nameWidth)
	for _, y := range res.Years {
		header += fmt.Sprintf("%8s", yearLabel(y))
	}
	fmt.Fprintln(w, header)
	for _, row := range res.Provinces {
		rates, chars := pad(row.Province, nameWidth), pad("", nameWidth)
		for _, y := range res.Years {
			key := strconv.Itoa(y)
			n, ok := row.Chars[key]
			if !ok {
				rates += fmt.Sprintf("%8s", "—")
				chars += fmt.Sprintf("%8s", "")
				continue
			}
			rates += fmt.Sprintf("%8.1f", row.Rates[key])
			chars += fmt.Sprintf("%8s", strconv.FormatFloat(float64(n)/1000, 'f', 1, 64))
		}
		fmt.Fprintln(w, rates+"  "+spark(res, row))
		fmt.Fprintln(w, chars)
	}
}

// printTrend draws provinces as rows and years as columns, with totals, padding by
// display width so Chinese names line up.
func printTrend(w io.Writer, res *collection.TrendResult) {
	if res.Total == 0 {
		fmt.Fprintf(w, "no passages attributed to a province say %q\n", res.Query)
		return
	}
	fmt.Fprintf(w, "passages saying %q, by province and year\n\n", res.Query)
	const nameWidth = 18
	header := pad("province", nameWidth)
	for _, y := range res.Years {
		header += fmt.Sprintf("%6s", yearLabel(y))
	}
	fmt.Fprintln(w, header+"  total")
	colTotals := make([]int, len(res.Years))
	for _, row := range res.Provinces {
		line := pad(row.Province, nameWidth)
		for i, y := range res.Years {
			n := row.Counts[strconv.Itoa(y)]
			colTotals[i] += n
			cell := "·"
			if n > 0 {
				cell = strconv.Itoa(n)
			}
			line += fmt.Sprintf("%6s", cell)
		}
		fmt.Fprintf(w, "%s%7d  %s\n", line, row.Total, spark(res, row))
	}
	line := pad("total", nameWidth)
	for _, n := range colTotals {
		line += fmt.Sprintf("%6d", n)
	}
	fmt.Fprintf(w, "%s%7d\n", line, res.Total)
}

func yearLabel(y int) string {
	if y == 0 {
		return "?"
	}
	return strconv.Itoa(y)
}

// pad fills s with spaces to width terminal columns; Han characters take two.
func pad(s string, width int) string {
	cols := displayWidth(s)
	if cols >= width {
		return s + " "
	}
	return s + strings.Repeat(" ", width-cols)
}

// displayWidth is how many terminal columns s takes; Han characters take two.
func displayWidth(s string) int {
	cols := 0
	for _, r := range s {
		if r >= 0x1100 && utf8.RuneLen(r) >= 3 {
			cols += 2
		} else {
			cols++
		}
	}
	return cols
}

// spark draws a row's counts (or rates) by year as a sparkline.
func spark(res *collection.TrendResult, row collection.TrendRow) string {
	values := make([]float64, len(res.Years))
	for i, y := range res.Years {
		key := strconv.Itoa(y)
		switch r, ok := row.Rates[key]; {
		case res.PerMillion && ok:
			values[i] = r
		case res.PerMillion:
			values[i] = math.NaN()
		default:
			values[i] = float64(row.Counts[key])
		}
	}
	return chart.Sparkline(values)
}
