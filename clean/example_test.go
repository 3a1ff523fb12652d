package clean_test

import (
	"fmt"

	"github.com/dangjian/dangjian/clean"
)

func ExampleAnalyze() {
	page := `# 述职评议推动责任落实
各地把述职评议考核作为推动党组织书记履职尽责的重要抓手，推动各级党组织切实解
## 城市更新项目集中开工
本报讯 全市十二个城市更新项目集中开工，总投资超过八十亿元，预计年底前完成一期工
决述职评议中查找的问题，推动党组织书记一件一件解决到位。`
	r := clean.Analyze(page)
	fmt.Println(r.Kept)
	for _, rm := range r.Removed {
		fmt.Println("removed:", rm.Reason)
	}
	// Output:
	// # 述职评议推动责任落实
	// 各地把述职评议考核作为推动党组织书记履职尽责的重要抓手，推动各级党组织切实解决述职评议中查找的问题，推动党组织书记一件一件解决到位。
	// removed: foreign article (dateline 本报讯)
}
