package dedup_test

import (
	"fmt"
	"strings"

	"github.com/dangjian/dangjian/dedup"
)

func ExampleNormalize() {
	fmt.Println(dedup.Normalize("今年是開展這項工作的第十年，共走訪一千一百零七戶。"))
	fmt.Println(dedup.Normalize("今年是开展这项工作的第10年, 共走访1107户."))
	// Output:
	// 今年是开展这项工作的第10年共走访1107户
	// 今年是开展这项工作的第10年共走访1107户
}

func ExampleFind() {
	body := "某市坚持把基层党建工作抓在手上，今年是推行联系群众制度的第十年。" +
		"全市共建立服务站点二百三十个，帮助群众解决实际困难一千余件，" +
		"各级党组织书记每季度走访一次联系点，现场研究解决问题。" +
		"下一步，该市将把这项制度向新兴领域延伸，推动服务覆盖更多群体。"
	other := "某县组织开展农村环境整治，新修道路四十公里，改造危旧房屋三百户，" +
		"群众满意度明显提升，相关经验在全省推广。县里还设立专项资金，" +
		"支持村级组织开展公共服务，带动村集体经济收入稳步增长。"
	docs := []dedup.Doc{
		{ID: 1, Text: "基层党建见实效\n" + body, Published: "2024-06-07"},
		{ID: 2, Text: "转载：" + strings.ReplaceAll(body, "第十年", "第10年"), Published: "2024-06-08"},
		{ID: 3, Text: other, Published: "2024-06-07"},
	}
	groups, err := dedup.Find(docs, dedup.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range groups {
		fmt.Println("canonical", g.Canonical)
		for _, m := range g.Members {
			fmt.Printf("  %d %.2f\n", m.ID, m.Similarity)
		}
	}
	// Output:
	// canonical 1
	//   1 1.00
	//   2 1.00
}
