package extract_test

import (
	"fmt"

	"github.com/dangjian/dangjian/extract"
	"github.com/dangjian/dangjian/gazetteer"
)

func ExampleExtractor_Extract() {
	ex := extract.New(gazetteer.New())
	res := ex.Extract("2023年,江苏、安徽等地开展“党建引领网格治理”行动,培训网格员2.4万人。")
	for _, in := range res.Initiatives {
		fmt.Println(in.Actor.Name, in.Name)
	}
	for _, m := range res.Metrics {
		fmt.Println(m.Actor.Name, m.Value, m.Unit, m.What)
	}
	fmt.Println(res.Year)
	// Output:
	// 江苏 党建引领网格治理
	// 安徽 党建引领网格治理
	// 江苏 24000 人 培训网格员
	// 安徽 24000 人 培训网格员
	// 2023
}
