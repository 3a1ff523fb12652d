package sample

// ArticleInfo is the ground truth about one document of the sample site.
type ArticleInfo struct {
	Path      string // in Site(); served by Handler at "/"+Path
	Site      string // publisher folder: people, paper, xinhua, 12371, qstheory or files
	Title     string // the headline as the page shows it (traditional characters kept)
	Source    string // the credit the page gives after 来源
	Published string // YYYY-MM-DD
	// Encoding is the character encoding of the file's bytes: utf-8, gbk or big5.
	Encoding string
	// Declared is the charset Handler names in the Content-Type header; it
	// disagrees with Encoding for exactly one page.
	Declared string
	// Relevant is false for the articles that are not about Party building
	// (weather, sport, grain purchases) and that a relevance filter should drop.
	Relevant bool
	// DuplicateOf is the Path of the article this one reprints with minor
	// edits on another site, or "".
	DuplicateOf string
}

// Articles returns the ground truth for every article page of the site.
func Articles() []ArticleInfo {
	return []ArticleInfo{
		{Path: "people/n1/2024/0607/c117092-40252111.html", Site: "people", Title: "把抓基层党建的责任扛牢压实", Source: "人民网－人民日报", Published: "2024-06-07", Encoding: "gbk", Declared: "GB2312", Relevant: true, DuplicateOf: "paper/rmrb/pc/content/202406/07/content_30039001.html"},
		{Path: "people/n1/2020/0110/c117092-31541236.html", Site: "people", Title: "多地书记述职“晒账单” 抓党建促脱贫攻坚成重点", Source: "人民网－中国共产党新闻网", Published: "2020-01-10", Encoding: "utf-8", Declared: "utf-8", Relevant: true},
		{Path: "people/n1/2022/0302/c117092-32364127.html", Site: "people", Title: "各地完成2021年度述职评议考核 巩固拓展党史学习教育成果", Source: "人民网－中国共产党新闻网", Published: "2022-03-02", Encoding: "gbk", Declared: "utf-8", Relevant: true},
		{Path: "people/n1/2024/0612/c1008-40254318.html", Site: "people", Title: "中央气象台：江南华南新一轮强降雨来袭 局地有大暴雨", Source: "人民网－社会频道", Published: "2024-06-12", Encoding: "utf-8", Declared: "utf-8", Relevant: false},
		{Path: "paper/rmrb/pc/content/202406/07/content_30039001.html", Site: "paper", Title: "把抓基层党建的责任扛牢压实", Source: "人民日报", Published: "2024-06-07", Encoding: "utf-8", Declared: "utf-8", Relevant: true},
		{Path: "paper/rmrb/pc/content/202406/07/content_30039002.html", Site: "paper", Title: "让述职评议考核“考”出真担当", Source: "人民日报", Published: "2024-06-07", Encoding: "utf-8", Declared: "utf-8", Relevant: true},
		{Path: "paper/rmrb/pc/content/202406/07/content_30039015.html", Site: "paper", Title: "浙江以“双融双强”推动两新组织党建提质增效", Source: "人民日报", Published: "2024-06-07", Encoding: "utf-8", Declared: "utf-8", Relevant: true},
		{Path: "paper/rmrb/pc/content/202406/07/content_30039016.html", Site: "paper", Title: "全国夏粮收购有序展开", Source: "人民日报", Published: "2024-06-07", Encoding: "utf-8", Declared: "utf-8", Relevant: false},
		{Path: "xinhua/local/2020-01/16/c_1125467812.htm", Site: "xinhua", Title: "重庆：区县党委书记同台述职 “晒”成绩更要“亮”短板", Source: "新华网", Published: "2020-01-16", Encoding: "utf-8", Declared: "utf-8", Relevant: true},
		{Path: "xinhua/20240118/7c3f2e9a4b5d4e8f9a1b6c2d3e4f5a6b/c.html", Site: "xinhua", Title: "黑龙江：“四不两直”摸实情 述职评议动真格", Source: "新华网", Published: "2024-01-18", Encoding: "utf-8", Declared: "utf-8", Relevant: true},
		{Path: "xinhua/20240420/e1d2c3b4a5f64e7d8c9b0a1f2e3d4c5b/c.html", Site: "xinhua", Title: "全国田径大奖赛肇庆站落幕 多名选手创赛季最好成绩", Source: "新华网", Published: "2024-04-20", Encoding: "utf-8", Declared: "utf-8", Relevant: false},
		{Path: "xinhua/gate/big5/www.news.cn/local/2024-03/05/c_1130084562.htm", Site: "xinhua", Title: "湖北省直機關以問題導向推動機關黨建提質增效", Source: "新華網", Published: "2024-03-05", Encoding: "big5", Declared: "Big5", Relevant: true},
		{Path: "12371/2024/02/26/ARTI1708911234567890.shtml", Site: "12371", Title: "福建：以主体责任检查推动管党治党责任落地见效", Source: "福建日报", Published: "2024-02-26", Encoding: "utf-8", Declared: "utf-8", Relevant: true},
		{Path: "12371/2023/04/12/ARTI1681267890123456.shtml", Site: "12371", Title: "广西、陕西、宁夏等地扎实开展2022年度述职评议考核", Source: "共产党员网", Published: "2023-04-12", Encoding: "utf-8", Declared: "utf-8", Relevant: true},
		{Path: "12371/2023/11/08/ARTI1699401234567891.shtml", Site: "12371", Title: "浙江深化“循迹溯源学思想促践行” 推动主题教育成果转化见效", Source: "浙江组工", Published: "2023-11-08", Encoding: "utf-8", Declared: "utf-8", Relevant: true},
		{Path: "qstheory/wp/2024-06/11/c_1130161234.htm", Site: "qstheory", Title: "以述职评议考核压实基层党建责任", Source: "求是网", Published: "2024-06-11", Encoding: "utf-8", Declared: "utf-8", Relevant: true},
		{Path: "qstheory/dukan/qs/2019-12/02/c_1125291234.htm", Site: "qstheory", Title: "把主题教育成果转化为基层党组织建设的实际成效", Source: "《求是》2019/23", Published: "2019-12-02", Encoding: "utf-8", Declared: "utf-8", Relevant: true},
	}
}

// Reports returns the ground truth for the plain-text reports under files/,
// meant for the import command rather than the crawler. Their Title is the
// first line and Published the date written in the report.
func Reports() []ArticleInfo {
	return []ArticleInfo{
		{Path: "files/huining-2022-shuzhi.txt", Site: "files", Title: "中共会宁县委书记2022年度抓基层党建工作述职报告", Published: "2023-01-10", Encoding: "utf-8", Declared: "utf-8", Relevant: true},
		{Path: "files/zugong-2020-tongbao.txt", Site: "files", Title: "关于××市2020年度基层党建工作情况的通报", Published: "2021-01-25", Encoding: "gbk", Declared: "GB2312", Relevant: true},
	}
}

// listPage is a page that links articles: a channel page, a page of its
// pagination chain, or a newspaper layout page.
type listPage struct {
	path     string
	encoding string
	declared string
	start    bool
}

func listPages() []listPage {
	return []listPage{
		{path: "people/GB/117092/index.html", encoding: "utf-8", declared: "utf-8", start: true},
		{path: "people/GB/117092/index2.html", encoding: "gbk", declared: "GB2312"},
		{path: "people/GB/117092/index3.html", encoding: "utf-8", declared: "utf-8"},
		{path: "paper/rmrb/pc/layout/202406/07/node_01.html", encoding: "utf-8", declared: "utf-8", start: true},
		{path: "paper/rmrb/pc/layout/202406/07/node_02.html", encoding: "utf-8", declared: "utf-8"},
		{path: "xinhua/news/index.htm", encoding: "utf-8", declared: "utf-8", start: true},
		{path: "xinhua/news/index_2.htm", encoding: "utf-8", declared: "utf-8"},
		{path: "12371/djgz/index.shtml", encoding: "utf-8", declared: "utf-8", start: true},
		{path: "12371/djgz/index_1.shtml", encoding: "utf-8", declared: "utf-8"},
		{path: "qstheory/qslgxd/index.htm", encoding: "utf-8", declared: "utf-8", start: true},
	}
}

// declaredCharsets maps every Site() path whose Content-Type header names a
// charset other than utf-8 to that charset.
func declaredCharsets() map[string]string {
	declared := map[string]string{}
	for _, a := range append(Articles(), Reports()...) {
		if a.Declared != "utf-8" {
			declared[a.Path] = a.Declared
		}
	}
	for _, p := range listPages() {
		if p.declared != "utf-8" {
			declared[p.path] = p.declared
		}
	}
	return declared
}
