package segment_test

import (
	"fmt"
	"strings"

	"github.com/dangjian/dangjian/segment"
)

func ExampleSegmenter_Cut() {
	s := segment.New()
	fmt.Println(strings.Join(s.Cut("坚持四不两直，落实一岗双责。"), "/"))
	// Output: 坚持/四不两直/，/落实/一岗双责/。
}

func ExampleSegmenter_AddTerms() {
	text := "多地推广“板凳民主”议事会。"
	s := segment.New()
	fmt.Println(strings.Join(s.Cut(text), "/"))
	s.AddTerms(segment.QuotedTerms(text))
	fmt.Println(strings.Join(s.Cut(text), "/"))
	// Output:
	// 多地/推广/“/板凳/民主/”/议事会/。
	// 多地/推广/“/板凳民主/”/议事会/。
}
