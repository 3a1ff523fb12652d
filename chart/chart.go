// Package chart draws small SVG line charts of yearly figures, for the terminal's --svg and the web page.
package chart

import (
	"fmt"
	"html"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Series is one line: a label and its value by year. A year missing from Values is a gap
// (no text that year), not a zero.
type Series struct {
	Label  string
	Values map[int]float64
}

// Size and margins of the chart, in pixels.
const (
	width       = 720
	height      = 320
	left        = 56
	right       = 120 // room for the labels at the lines' ends
	top         = 20
	bottom      = 36
	maxSeries   = 8
	legendSpace = 16
)

// palette gives each line a colour that stays apart from its neighbours.
var palette = []string{"#b8322a", "#2f6fb0", "#3f9a3f", "#e07b3c", "#7b4fa6", "#17868c", "#a8801a", "#666"}

// Lines draws up to eight series over the years given (in order) as an SVG document:
// one line per series, broken where a year has no value, the years along the bottom and
// the values up the side. title is the chart's accessible name.
func Lines(title string, years []int, series []Series) []byte {
	if len(series) > maxSeries {
		series = series[:maxSeries]
	}
	years = append([]int(nil), years...)
	sort.Ints(years)
	hi := 0.0
	for _, s := range series {
		for _, v := range s.Values {
			hi = math.Max(hi, v)
		}
	}
	if hi == 0 {
		hi = 1
	}
	hi = niceCeil(hi)
	plotW, plotH := float64(width-left-right), float64(height-top-bottom)
	x := func(i int) float64 {
		if len(years) == 1 {
			return float64(left) + plotW/2
		}
		return float64(left) + plotW*float64(i)/float64(len(years)-1)
	}
	y := func(v float64) float64 { return float64(top) + plotH*(1-v/hi) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s" font-family="sans-serif" font-size="11">`,
		width, height, width, height, html.EscapeString(title))
	fmt.Fprintf(&b, `<title>%s</title>`, html.EscapeString(title))
	for k := 0; k <= 4; k++ {
		v := hi * float64(k) / 4
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/><text x="%d" y="%.1f" text-anchor="end" fill="#666">%s</text>`,
			left, width-right, y(v), y(v), left-6, y(v)+4, label(v))
	}
	step := max(1, len(years)/12) // at most about a dozen year labels
	for i, yr := range years {
		if i%step == 0 || i == len(years)-1 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#666">%d</text>`, x(i), height-bottom+16, yr)
		}
	}
	for si, s := range series {
		colour := palette[si%len(palette)]
		var path strings.Builder
		pen := false
		lastX, lastY := 0.0, 0.0
		for i, yr := range years {
			v, ok := s.Values[yr]
			if !ok {
				pen = false // a gap: the line breaks
				continue
			}
			cmd := "L"
			if !pen {
				cmd = "M"
			}
			fmt.Fprintf(&path, "%s%.1f %.1f ", cmd, x(i), y(v))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"><title>%s %d: %s</title></circle>`, x(i), y(v), colour, html.EscapeString(s.Label), yr, label(v))
			pen, lastX, lastY = true, x(i), y(v)
		}
		if path.Len() > 0 {
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.TrimSpace(path.String()), colour)
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="%s">%s</text>`, lastX+6, lastY+4+float64(si%2)*legendSpace/4, colour, html.EscapeString(s.Label))
		}
	}
	b.WriteString(`</svg>`)
	return []byte(b.String())
}

// niceCeil rounds a maximum up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func label(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// sparks are the bars of a sparkline, lowest to highest.
var sparks = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws values (in order) as one character each; a missing value (NaN) is a space.
func Sparkline(values []float64) string {
	hi := 0.0
	for _, v := range values {
		if !math.IsNaN(v) {
			hi = math.Max(hi, v)
		}
	}
	var b strings.Builder
	for _, v := range values {
		switch {
		case math.IsNaN(v):
			b.WriteRune(' ')
		case hi == 0:
			b.WriteRune(sparks[0])
		default:
			b.WriteRune(sparks[int(math.Round(v/hi*float64(len(sparks)-1)))])
		}
	}
	return b.String()
}
