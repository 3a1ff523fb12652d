package clean

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/dangjian/dangjian/hanzi"
)

const seedDir = "../../shared/seeds"

func readSeed(t testing.TB, prefix string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(seedDir, prefix+"_*.txt"))
	if len(files) != 1 {
		t.Fatalf("seed %s: found %d files in %s", prefix, len(files), seedDir)
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// lineReasons are the reasons line cleaning gives; anything else is a cut segment.
var lineReasons = map[string]bool{ReasonWidget: true, ReasonLinkList: true, ReasonSpam: true, ReasonFooter: true, ReasonJunk: true}

// comparable folds a text for comparing two printings of one article: simplified
// characters, digits and Chinese numerals as one symbol, no spaces.
func comparable(s string) string {
	var b strings.Builder
	for _, r := range hanzi.Fold(s) {
		switch {
		case unicode.IsSpace(r):
		case unicode.IsDigit(r) || strings.ContainsRune("〇零一二三四五六七八九十百千万", r):
			b.WriteByte('#')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sentences splits a text after sentence-final punctuation, keeping sentences of some length.
func sentences(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("。！？\n", r) }) {
		if len([]rune(strings.TrimSpace(part))) >= 12 {
			out = append(out, strings.TrimSpace(part))
		}
	}
	return out
}

// TestSeed003 runs the interleaved newspaper page: every foreign item goes, the review
// (a reprint of seed 000) stays, and the cut sentences are rejoined.
func TestSeed003(t *testing.T) {
	raw := readSeed(t, "003")
	r := Analyze(raw)

	for _, foreign := range []string{"王鲁明", "张建刚、毕维准", "CPTPP", "自贸片区", "自贸试验区", "国际贸易实现新发展",
		"深化医药卫生体制改革", "三明医改", "嫦娥六号", "月背珍宝", "四子王旗", "奋力改革开放打头阵", "警示教育案例汇编", "崂山区", "崔海龙"} {
		if strings.Contains(r.Kept, foreign) {
			t.Errorf("foreign text %q kept", foreign)
		}
		found := false
		for _, rm := range r.Removed {
			found = found || strings.Contains(rm.Text, foreign)
		}
		if !found {
			t.Errorf("foreign text %q not listed as removed", foreign)
		}
	}
	for _, rm := range r.Removed {
		if lineReasons[rm.Reason] {
			continue
		}
		if strings.Contains(rm.Text, "述职评议") {
			t.Errorf("review text removed (%s): %.60q", rm.Reason, rm.Text)
		}
	}

	kept, page := comparable(r.Kept), comparable(raw)
	total, present, keptN := 0, 0, 0
	for _, s := range sentences(readSeed(t, "000")) {
		c := comparable(s)
		total++
		if strings.Contains(page, c) {
			present++
			if strings.Contains(kept, c) {
				keptN++
			} else {
				t.Logf("review sentence not kept: %q", s)
			}
		}
	}
	if present < total/2 {
		t.Fatalf("only %d of %d sentences of seed 000 found in seed 003: comparison broken", present, total)
	}
	if share := float64(keptN) / float64(present); share < 0.95 {
		t.Errorf("kept %d of %d review sentences that the page contains (%.3f), want ≥ 0.95", keptN, present, share)
	}
	t.Logf("seed 003: %d sentences of seed 000, %d on the page, %d kept", total, present, keptN)

	for _, joined := range []string{"着力解决改革发展稳定中的突出问题。", "查找解决问题短板1.6万个。", "推动各级党组织织书记领办项目3000多个。"} {
		if !strings.Contains(r.Kept, joined) {
			t.Errorf("cut sentence not rejoined: %q", joined)
		}
	}
	if len(r.Joins) != 3 {
		t.Errorf("%d joins, want 3: %q", len(r.Joins), r.Joins)
	}
}

// TestSeedsSingleArticle: pages with one article lose nothing but noise lines.
func TestSeedsSingleArticle(t *testing.T) {
	for _, prefix := range []string{"000", "001", "002", "004"} {
		raw := readSeed(t, prefix)
		r := Analyze(raw)
		for _, l := range strings.Split(raw, "\n") {
			l = strings.TrimSpace(l)
			if len([]rune(l)) > 40 && hasSentencePunct(l) && !strings.Contains(r.Kept, l) {
				t.Errorf("%s: paragraph missing from kept text: %.40q", prefix, l)
			}
		}
		for _, rm := range r.Removed {
			if !lineReasons[rm.Reason] && len([]rune(rm.Text)) > 20 {
				t.Errorf("%s: removed text (%s): %q", prefix, rm.Reason, rm.Text)
			}
		}
		if len(r.Joins) != 0 {
			t.Errorf("%s: joins on an unbroken page: %q", prefix, r.Joins)
		}
	}
}

// TestGoldNoise: what the gold files list as noise never reaches the kept text.
func TestGoldNoise(t *testing.T) {
	files, _ := filepath.Glob("../../shared/gold/*.json")
	checked := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			Doc   string   `json:"doc"`
			Noise []string `json:"noise"`
		}
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		raw, err := os.ReadFile(filepath.Join(seedDir, g.Doc))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		kept, _ := Article(string(raw))
		for _, n := range g.Noise {
			checked++
			if strings.Contains(kept, n) {
				t.Errorf("%s: noise %q kept", g.Doc, n)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no noise snippets in ../../shared/gold/*.json")
	}
}

// Synthetic pages with other interleavings; the wording is ours.
const (
	pageReview = `织密组织体系 激发基层活力
——年度机关党建工作综述
本报记者 林晓
过去一年，各地各部门坚持把机关党建摆在突出位置，推动党建工作和业务工作深度融合，机关党组织的政治功能和组织功能不断增强。
江苏推行“支部联学”机制，组织机关党员到一线开展调研，形成问题清单320份，推动机关党支部书记带头解决群众急难愁盼问题。
强化政治引领 落实第一议题
各级机关党组织把政治建设放在首位，落实“第一议题”制度，党员干部理论学习的自觉性明显增强。四川开展“红色讲堂进支部”活动，覆盖党员4.2万人次，党支部书记轮流讲党课。
暴雨黄色预警继续发布
据新华社北京7月12日电 中央气象台12日继续发布暴雨黄色预警，预计华北南部、黄淮等地有大到暴雨，局地大暴雨。气象专家提醒公众注意防范城市内涝和山洪地质灾害。
夯实支部基础 提升组织力
各地机关党组织坚持大抓基层、大抓支部，推动机关党支部标准化规范化建设，党员教育管理更加严格。云南实施“支部建设提升行动”，整顿软弱涣散党支部86个，机关基层党组织的组织力进一步提升。
夏粮收购进度加快
本报北京7月12日电（记者 周敏）记者从粮食部门获悉，今年夏粮收购进度明显加快，主产区各类粮食企业累计收购小麦超过三千万吨，市场运行总体平稳，价格保持稳定。`

	pageJump = `# 党建引领乡村治理见实效
本报记者 何平
今年以来，各地党组织把抓党建促乡村振兴作为书记工程，选派驻村第一书记，推动党组织书记抓乡村治理的责任落到实处。
甘肃推行村党组织书记“擂台比武”，把村级党组织建设成效晾出来、比一比，引导村党组织书记比学赶超，带动党员群众参与治理。（下转第二版）
## 高温天气持续 电力供应保持平稳
本报讯 连日来，多地出现高温天气，用电负荷屡创新高。电网企业加强设备巡检和负荷调度，确保居民和重点企业用电需求，全网供电总体平稳有序。
## 夜市经济带旺城市烟火气
本报讯 入夏以来，各地夜市人气持续走高，餐饮、文创、演艺等业态融合发展，带动消费增长，也给城市管理提出了新的课题。
（上接第一版）与此同时，贵州推动村党组织书记和村委会主任“一肩挑”，健全村务监督委员会，让党组织书记抓治理有抓手、有章法，党员在乡村治理中当先锋作表率。
各地党组织还把乡村治理成效作为党组织书记述职评议的重要内容，推动村党组织书记把心思用在为民办事上。`

	pageSingle = `以高质量党建引领高质量发展
——某市国有企业党建工作调查
近年来，某市国资系统各级党组织坚持把党的领导融入公司治理各环节，推动国有企业党建工作与生产经营深度融合。
一、把方向：党委前置研究落到实处
各企业党委严格落实前置研究讨论重大经营管理事项清单，全年前置研究事项410项，确保企业改革发展方向不偏。
二、强基础：支部建在项目上
市属企业推行“支部建在项目上”，在重点工程一线成立临时党支部37个，组建党员突击队，攻克技术难题52项。
三、聚人才：党管人才机制更加完善
各企业党组织完善党管人才工作机制，实施青年人才“揭榜挂帅”计划，选拔优秀年轻干部充实到基层一线。
（记者 王芳）`

	// pageEssay is one article with no dateline, jump or closing line; its last section
	// shares next to no words with the rest, which alone proves nothing.
	pageEssay = `读书会十年记
一、缘起
读书会在我们这座小城已经办了十多年，起初只是几位退休教师在茶馆里轮流讲自己读过的书，后来年轻人也陆续加入进来，每月一次，从来没有间断过。
为什么一群素不相识的人能够坚持这么久？有人说是图个热闹，有人说是为了给孩子做个榜样，还有人说，一个人读书容易半途而废，大家一起读就不好意思偷懒了。
二、闲话
今年夏天雨水偏多，城外的稻田长势喜人，果园里的桃子也比往年甜，菜市场上的黄瓜豆角便宜了不少，街坊们傍晚乘凉时总爱聊起收成和天气。`

	// pageLettered numbers its points with 甲，乙，丙 and ends with a news item of its
	// own: the lettered points begin like fragments, but there are too many of them.
	pageLettered = `# 村规民约修订说明
本报记者 何平
今年春天，村民代表大会对村规民约作了一次修订，修订稿经过三轮讨论，逐条征求了各村民小组的意见。
甲，宅基地审批一律张榜公示，公示期不少于十五天，有异议的由村务监督委员会调查核实后答复。
乙，红白喜事从简操办，酒席桌数和礼金标准由各村民小组商定，超过标准的不得参加年底评先。
丙，河道两侧五米以内不得堆放垃圾和杂物，违者由保洁员登记，限期清理，逾期不清理的公开通报。
丁，农田灌溉用水按面积分摊费用，泵站由专人值守，轮灌顺序每季度抽签确定一次，张贴在村委会门口。
修订后的村规民约已印发到户，村里还将在年底组织一次执行情况评议。
本报讯 昨天，市体育中心举行全民健身长跑活动，三千多名市民参加，最年长的参赛者已经七十六岁。`

	// pageLeadByline has its byline after the lead paragraph, not at the end.
	pageLeadByline = `社区食堂开进老小区
家门口就能吃上热乎饭菜，老人们高兴地说，社区食堂办到了大家的心坎上，一顿午饭只要十来块钱。
本报记者 周敏
走进城东街道的社区食堂，十几张餐桌已经坐满了老人，窗口里的菜品有荤有素，价格贴在墙上一目了然。
街道负责人介绍，社区食堂由街道提供场地，引进专业餐饮企业运营，八十岁以上的老人用餐还有补贴。
下一步，街道还将在另外三个老小区开办社区食堂，并为行动不便的老人提供送餐上门服务。`

	pageTwoParty = `# 激活基层党建“一池春水”
——全国各地推进党建引领基层治理综述
本报记者 杨帆
各地坚持以党建引领基层治理，推动党组织向城市社区、农村和新兴领域延伸，基层党组织覆盖面和影响力持续扩大。
浙江深化“红色根脉强基工程”，推动社区党组织书记与网格员结对，广东推行“党建+网格”机制，河南开展“五星支部”创建，基层党组织凝聚力不断增强。
各地还把党建引领基层治理成效纳入党组织书记述职评议考核，推动党组织书记把基层治理抓在手上。
（记者 杨帆）
## 东湖区开展党员志愿服务月活动
本报讯（记者 刘洋）近日，东湖区委组织部组织全区党员开展志愿服务月活动，东湖区各街道党工委组织党员到社区报到，东湖区共有党员志愿者3600余名参与。
东湖区委书记陈明表示，东湖区将把党员志愿服务常态化，让党员在东湖区社区治理中发挥先锋作用。`
)

func TestSyntheticPages(t *testing.T) {
	tests := []struct {
		name       string
		page       string
		keep, drop []string
	}{
		{"review with two news items", pageReview, []string{"支部联学", "红色讲堂进支部", "支部建设提升行动", "强化政治引领"}, []string{"暴雨黄色预警", "华北南部", "夏粮收购", "三千万吨"}},
		{"jump to page two and back", pageJump, []string{"擂台比武", "（下转第二版）", "一肩挑", "述职评议的重要内容"}, []string{"用电负荷", "夜市", "高温天气"}},
		{"single article", pageSingle, []string{"前置研究事项410项", "临时党支部37个", "揭榜挂帅", "（记者 王芳）"}, nil},
		{"essay turning to another matter", pageEssay, []string{"退休教师", "稻田长势喜人"}, nil},
		{"essay, then a news item", pageEssay + "\n本报讯 昨天，市体育中心举行全民健身长跑活动，三千多名市民参加，最年长的参赛者已经七十六岁。", []string{"退休教师", "稻田长势喜人"}, []string{"全民健身"}},
		{"points lettered like fragments", pageLettered, []string{"宅基地审批", "红白喜事", "河道两侧", "农田灌溉", "印发到户"}, []string{"全民健身"}},
		{"byline after the lead", pageLeadByline, []string{"心坎上", "本报记者 周敏", "坐满了老人", "送餐上门"}, nil},
		{"two Party-building articles", pageTwoParty, []string{"红色根脉强基工程", "五星支部", "（记者 杨帆）"}, []string{"东湖区", "志愿服务月", "3600余名"}},
	}
	for _, tt := range tests {
		r := Analyze(tt.page)
		for _, s := range tt.keep {
			if !strings.Contains(r.Kept, s) {
				t.Errorf("%s: %q not kept; removed %q", tt.name, s, r.Removed)
			}
		}
		for _, s := range tt.drop {
			if strings.Contains(r.Kept, s) {
				t.Errorf("%s: %q kept", tt.name, s)
			}
		}
		if tt.drop == nil && len(r.Removed) != 0 {
			t.Errorf("%s: removed %q, want nothing", tt.name, r.Removed)
		}
	}
}

func TestRepairSynthetic(t *testing.T) {
	page := `# 述职评议考核推动责任落实
各地把述职评议考核作为推动党组织书记履职尽责的重要抓手，坚持问题导向，推动各级党组织切实解
## 城市更新项目集中开工
本报讯 昨天，全市十二个城市更新项目集中开工，总投资超过八十亿元，涉及老旧小区改造、道路管网更新等内容，预计年底前完成一期工
决基层党建工作中的突出问题。山西建立问题整改台账，整改完成率达到九成以上，推动党组织书记把责任扛在肩上、抓在手上，一件一件解决到位。
程，惠及居民三万余户。`
	r := Analyze(page)
	want := "切实解决基层党建工作中的突出问题。"
	if !strings.Contains(r.Kept, want) {
		t.Errorf("kept text lacks the repaired sentence %q:\n%s", want, r.Kept)
	}
	for _, s := range []string{"城市更新", "惠及居民"} {
		if strings.Contains(r.Kept, s) {
			t.Errorf("foreign text %q kept:\n%s", s, r.Kept)
		}
	}
	if len(r.Joins) != 1 || !strings.HasPrefix(r.Joins[0].Head, "决基层") {
		t.Errorf("joins = %q, want one ending in 决基层…", r.Joins)
	}
}

func TestLineFeature(t *testing.T) {
	tests := []struct {
		line string
		kind kind
		tail tail
		frag bool
	}{
		{"据新华社北京6月6日电(记者宋晨)6月6日14时48分,上升器完成交会对接。", kindDateline, tailNone, false},
		{"新华社北京6月6日电 日前,国务院办公厅印发通知。", kindDateline, tailNone, false},
		{"本报讯（记者 刘洋）近日，东湖区开展活动。", kindDateline, tailNone, false},
		{"6月6日电视台播出了专题节目。", kindBody, tailNone, false},
		{"(上接第一版)编印警示教育案例汇编。", kindContinued, tailNone, false},
		{"新华社记者(据新华社北京6月6日电)", kindEnd, tailNone, false},
		{"(《人民日报》2024年06月07日第01版)", kindEnd, tailNone, false},
		{"（记者 王芳）", kindEnd, tailNone, false},
		{"### 国际贸易实现新发展", kindHeading, tailNone, false},
		{"强化责任落实,推动各级党委(党组)书记履职尽责、示范带头抓党建", kindHeading, tailWeak, false},
		{"坚持书记带头。江西要求每名书记报告情况,推动各级党组织", kindBody, tailStrong, false},
		{"区,强化高效能创新两方面,继续深入实施提升战略。", kindBody, tailNone, true},
		{"，并于15时24分完成转移。", kindBody, tailNone, true},
		{"但,这并不容易。", kindBody, tailNone, false},
		{"二，这一说法在当时流传甚广。", kindBody, tailNone, false},
		{"省、自治区、直辖市设立监察委员会。", kindBody, tailNone, false},
		{"一、把方向：党委前置研究落到实处", kindHeading, tailWeak, false},
		{"记者 王芳 摄", kindHeading, tailWeak, false},
		{"（记者 王芳 摄）", kindHeading, tailNone, false},
		{"推动党组织书记抓乡村治理的责任落到实处。（下转第二版）", kindBody, tailNone, false},
	}
	for _, tt := range tests {
		f := lineFeature(tt.line, true, true)
		if f.kind != tt.kind || f.tail != tt.tail || f.frag != tt.frag {
			t.Errorf("lineFeature(%q) = kind %d tail %d frag %v, want %d %d %v", tt.line, f.kind, f.tail, f.frag, tt.kind, tt.tail, tt.frag)
		}
	}
}
