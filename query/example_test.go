package query_test

import (
	"fmt"

	"github.com/dangjian/dangjian/query"
)

func ExampleParse() {
	q, err := query.Parse(`四不两直 “主题党日” -形式主义 红色物业 OR 物业党建 province:湖北 year:2020..2023`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range q.Terms {
		fmt.Printf("term %q phrase=%v alternatives=%d\n", t.Text, t.Phrase, len(t.Any))
	}
	fmt.Println("exclude", q.Exclude[0].Text)
	fmt.Println("filters", q.Filters["province"], q.Filters["year"])
	fmt.Println(q)
	// Output:
	// term "四不两直" phrase=false alternatives=0
	// term "主题党日" phrase=true alternatives=0
	// term "" phrase=false alternatives=2
	// exclude 形式主义
	// filters [湖北] [2020..2023]
	// 四不两直 "主题党日" 红色物业 OR 物业党建 -形式主义 province:湖北 year:2020..2023
}
