package web

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/dangjian/dangjian/collection"
)

// Geometry of the heatmap, in SVG user units (pixels at 100 %).
const (
	heatCellW = 48
	heatCellH = 24
	heatGap   = 2
	heatHeadH = 22 // year labels
)

// heatmap is a province × year grid of passage counts drawn as SVG.
type heatmap struct {
	Width, Height int
	LabelX        int // right edge of the province names
	Total         int
	Cols          []heatCol
	Rows          []heatRow
}

type heatCol struct {
	X     int // centre
	Label string
}

type heatRow struct {
	Y        int // baseline of the label
	Province string
	Total    int
	Href     string
	Cells    []heatCell
}

// heatCell is one province and year; a cell without passages has no link.
type heatCell struct {
	X, Y, W, H int
	TX, TY     int // where the count is written
	Province   string
	Year       string // "?" for passages of unknown year
	Count      int
	Fill, Ink  string
	Href       string
	Label      string
	Selected   bool
}

// newHeatmap lays out a trend, marking the cell of the province and year filtered on.
// Clicking a cell filters the search on its province and year.
func newHeatmap(tr *collection.TrendResult, base url.Values, province, year string) *heatmap {
	if tr == nil || len(tr.Provinces) == 0 {
		return nil
	}
	h := &heatmap{Total: tr.Total}
	maxCount, longest := 0, 2
	for _, row := range tr.Provinces {
		for _, n := range row.Counts {
			maxCount = max(maxCount, n)
		}
		longest = max(longest, utf8.RuneCountInString(row.Province))
	}
	// Room for the longest province name (新疆生产建设兵团) at about 14 px a character.
	h.LabelX = 14*longest + 4
	heatLabelW := h.LabelX + 6
	for i, y := range tr.Years {
		label := strconv.Itoa(y)
		if y == 0 {
			label = "?"
		}
		h.Cols = append(h.Cols, heatCol{X: heatLabelW + i*(heatCellW+heatGap) + heatCellW/2, Label: label})
	}
	for r, row := range tr.Provinces {
		top := heatHeadH + r*(heatCellH+heatGap)
		hr := heatRow{Y: top + heatCellH/2 + 5, Province: row.Province, Total: row.Total,
			Href: "/" + encode(with(without(base, "year"), "province", row.Province))}
		for i, y := range tr.Years {
			n := row.Counts[strconv.Itoa(y)]
			c := heatCell{X: heatLabelW + i*(heatCellW+heatGap), Y: top, W: heatCellW, H: heatCellH,
				Province: row.Province, Year: h.Cols[i].Label, Count: n}
			c.TX, c.TY = c.X+heatCellW/2, top+heatCellH/2+5
			c.Fill, c.Ink = heatColour(n, maxCount)
			c.Label = fmt.Sprintf("%s · %s: %d passage(s)", row.Province, c.Year, n)
			// A cell of the unknown year (?) links nowhere: no year filter selects articles
			// without a year, and dropping the filter would show other years' hits.
			if n > 0 && y > 0 {
				q := with(base, "province", row.Province)
				q.Set("year", strconv.Itoa(y))
				c.Href = "/" + encode(q)
			}
			if y == 0 {
				c.Label += " (articles without a known year; not a filter)"
			}
			c.Selected = province == row.Province && year == c.Year
			hr.Cells = append(hr.Cells, c)
		}
		h.Rows = append(h.Rows, hr)
	}
	h.Width = heatLabelW + len(tr.Years)*(heatCellW+heatGap)
	h.Height = heatHeadH + len(tr.Provinces)*(heatCellH+heatGap)
	return h
}

// heatColour shades a count from pale to deep red on a square-root scale, so that a few
// large counts do not wash out the rest, and picks ink that reads on it.
func heatColour(n, maxCount int) (fill, ink string) {
	if n == 0 || maxCount == 0 {
		return "#f4f1ee", "#9a9a9a"
	}
	t := math.Sqrt(float64(n) / float64(maxCount))
	lerp := func(a, b int) int { return a + int(math.Round(t*float64(b-a))) }
	fill = fmt.Sprintf("#%02x%02x%02x", lerp(0xfb, 0x9b), lerp(0xd9, 0x12), lerp(0xcf, 0x12))
	if t > 0.5 {
		return fill, "#ffffff"
	}
	return fill, "#3a1a14"
}
