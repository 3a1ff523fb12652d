package gazetteer_test

import (
	"fmt"

	"github.com/dangjian/dangjian/gazetteer"
)

func ExampleGazetteer_Find() {
	g := gazetteer.New()
	for _, m := range g.Find("彭水县委与中国人民大学、广西壮族自治区党委组织部座谈") {
		fmt.Println(m.Name, m.Kind, m.Province, m.Start, m.End)
	}
	// Output:
	// 彭水县 place 重庆 0 3
	// 中国人民大学 central  5 11
	// 广西 province 广西 12 19
}
