package gazetteer

// newAreas are the state-level new areas (国家级新区) with their provinces. They are
// development zones, not administrative divisions, so the NBS-derived tables lack most of
// them, yet reports name them as actors (雄安新区党工委…). Facts from the State Council's
// approvals, 1992–2017.
var newAreas = []struct{ name, province string }{
	{"雄安新区", "河北"}, {"雄安", "河北"},
	{"浦东新区", "上海"},
	{"滨海新区", "天津"},
	{"两江新区", "重庆"},
	{"舟山群岛新区", "浙江"},
	{"兰州新区", "甘肃"},
	{"南沙新区", "广东"},
	{"西咸新区", "陕西"},
	{"贵安新区", "贵州"},
	{"西海岸新区", "山东"}, {"青岛西海岸新区", "山东"},
	{"金普新区", "辽宁"},
	{"天府新区", "四川"},
	{"湘江新区", "湖南"},
	{"江北新区", "江苏"}, {"南京江北新区", "江苏"},
	{"福州新区", "福建"},
	{"滇中新区", "云南"},
	{"哈尔滨新区", "黑龙江"},
	{"长春新区", "吉林"},
	{"赣江新区", "江西"},
}
