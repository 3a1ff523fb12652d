package chart

import (
	"encoding/xml"
	"math"
	"strings"
	"testing"
)

func TestLinesBreaksAtGaps(t *testing.T) {
	svg := Lines("counts <by> year", []int{2019, 2020, 2021, 2022}, []Series{
		{Label: "浙江", Values: map[int]float64{2019: 1, 2020: 3, 2022: 2}}, // 2021: no text
		{Label: "福建", Values: map[int]float64{2020: 0, 2021: 4}},
	})
	if err := xml.Unmarshal(svg, new(struct{})); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, svg)
	}
	s := string(svg)
	// 浙江's line has two pieces (2019–2020, then 2022 alone): two moves in one path.
	paths := strings.Split(s, `<path d="`)
	if len(paths) != 3 || strings.Count(strings.SplitN(paths[1], `"`, 2)[0], "M") != 2 {
		t.Errorf("paths: %q", paths[1:])
	}
	if !strings.Contains(s, "counts &lt;by&gt; year") || strings.Contains(s, "<by>") {
		t.Error("the title is not escaped")
	}
	if strings.Count(s, "<circle") != 5 {
		t.Errorf("%d points, want 5 (one per value, a zero included)", strings.Count(s, "<circle"))
	}
}

func TestSparkline(t *testing.T) {
	if got := Sparkline([]float64{0, 4, math.NaN(), 8}); got != "▁▅ █" {
		t.Errorf("Sparkline = %q", got)
	}
}
