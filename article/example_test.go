package article_test

import (
	"fmt"

	"github.com/dangjian/dangjian/article"
)

func ExampleFromHTML() {
	page := []byte(`<html><head><meta charset="utf-8"><title>基层党建工作综述 - 示例网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/news">要闻</a></div>
<h1>基层党建工作综述</h1><div class="info">2024年06月07日 08:21 来源：人民日报</div>
<div class="content"><p>各地坚持问题导向，推动基层党组织建设全面进步、全面过硬。</p><p>下一步，将持续巩固提升，抓好整改落实。</p></div>
<div class="footer">版权所有 示例网</div></body></html>`)
	a, err := article.FromHTML(page, "text/html", "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Title)
	fmt.Println(a.Published.Format("2006-01-02 15:04"), a.Source, a.Profile)
	fmt.Println(a.Text)
	// Output:
	// 基层党建工作综述
	// 2024-06-07 08:21 人民日报 generic
	// 各地坚持问题导向，推动基层党组织建设全面进步、全面过硬。
	// 下一步，将持续巩固提升，抓好整改落实。
}
