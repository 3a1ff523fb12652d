package sample

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/temoto/robotstxt"
	"golang.org/x/net/html"
)

// readPage returns a page of the site decoded to UTF-8 according to its
// listed encoding, failing the test when the bytes do not fit that encoding.
func readPage(t *testing.T, name, enc string) string {
	t.Helper()
	raw, err := fs.ReadFile(Site(), name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if enc == "utf-8" {
		if !utf8.Valid(raw) {
			t.Fatalf("%s: listed as utf-8 but is not valid UTF-8", name)
		}
		return string(raw)
	}
	if utf8.Valid(raw) {
		t.Fatalf("%s: listed as %s but is valid UTF-8", name, enc)
	}
	decoded, err := codec(enc).NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatalf("%s: decode %s: %v", name, enc, err)
	}
	if bytes.ContainsRune(decoded, utf8.RuneError) {
		t.Fatalf("%s: decoding as %s produced replacement characters", name, enc)
	}
	return string(decoded)
}

func parse(t *testing.T, name, text string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatalf("%s: parse: %v", name, err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

// find returns the first element in document order for which match is true.
func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, match); f != nil {
			return f
		}
	}
	return nil
}

func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var found []*html.Node
	if n.Type == html.ElementNode && match(n) {
		found = append(found, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		found = append(found, findAll(c, match)...)
	}
	return found
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func byID(id string) func(*html.Node) bool {
	return func(n *html.Node) bool { return attr(n, "id") == id }
}

func byClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return hasClass(n, class) }
}

// bodies lists, per publisher, where the real sites keep an article's text.
var bodies = map[string][]func(*html.Node) bool{
	"people":   {byClass("rm_txt_con")},
	"paper":    {byID("ozoom")},
	"xinhua":   {byID("detailContent"), byID("p-detail")},
	"12371":    {byClass("word")},
	"qstheory": {byClass("highlight"), byClass("text")},
}

// articleBody returns the text of an article's body container.
func articleBody(t *testing.T, a ArticleInfo) string {
	t.Helper()
	doc := parse(t, a.Path, readPage(t, a.Path, a.Encoding))
	for _, match := range bodies[a.Site] {
		if n := find(doc, match); n != nil {
			return textOf(n)
		}
	}
	t.Fatalf("%s: no body container for site %q", a.Path, a.Site)
	return ""
}

// urlDate pulls the publication date out of the URL forms the sites use.
var urlDate = regexp.MustCompile(`/n1/(\d{4})/(\d\d)(\d\d)/|/(\d{4})(\d\d)/(\d\d)/|/(\d{4})-(\d\d)/(\d\d)/|/(\d{4})(\d\d)(\d\d)/|^12371/(\d{4})/(\d\d)/(\d\d)/`)

func dateFromPath(p string) string {
	m := urlDate.FindStringSubmatch(p)
	for i := 1; i+2 < len(m); i += 3 {
		if m[i] != "" {
			return m[i] + "-" + m[i+1] + "-" + m[i+2]
		}
	}
	return ""
}

func TestArticlesMatchFiles(t *testing.T) {
	articles := Articles()
	if len(articles) < 14 || len(articles) > 18 {
		t.Fatalf("got %d articles, want 14 to 18", len(articles))
	}
	seen := map[string]bool{}
	for _, a := range articles {
		if seen[a.Path] {
			t.Errorf("%s listed twice", a.Path)
		}
		seen[a.Path] = true
		text := readPage(t, a.Path, a.Encoding)
		doc := parse(t, a.Path, text)

		if got := strings.SplitN(a.Path, "/", 2)[0]; got != a.Site {
			t.Errorf("%s: Site %q, want top folder %q", a.Path, a.Site, got)
		}
		if title := find(doc, func(n *html.Node) bool { return n.Data == "title" }); title == nil || !strings.Contains(textOf(title), a.Title) {
			t.Errorf("%s: <title> does not contain %q", a.Path, a.Title)
		}
		head := strings.ToLower(text[:strings.Index(text, "</head>")])
		wantCharset := map[string]string{"utf-8": "utf-8", "gbk": "gb2312", "big5": "big5"}[a.Encoding]
		if !strings.Contains(head, "charset="+wantCharset) && !strings.Contains(head, `charset="`+wantCharset) {
			t.Errorf("%s: head does not declare charset %s", a.Path, wantCharset)
		}
		if got := dateFromPath(a.Path); got != a.Published {
			t.Errorf("%s: date in path %q, want Published %q", a.Path, got, a.Published)
		}
		y, m, d := a.Published[:4], a.Published[5:7], a.Published[8:]
		flat := squeeze(textOf(doc))
		if !strings.Contains(flat, a.Published) && !strings.Contains(flat, y+"年"+m+"月"+d+"日") && !strings.Contains(flat, y+m+"/"+d) {
			t.Errorf("%s: page does not show the date %s", a.Path, a.Published)
		}
		if !strings.Contains(flat, a.Source) {
			t.Errorf("%s: page does not credit %q", a.Path, a.Source)
		}
		canon := find(doc, func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == "canonical" })
		if canon == nil || attr(canon, "href") != "/"+a.Path {
			t.Errorf("%s: want canonical link to /%s", a.Path, a.Path)
		}
		if n := utf8.RuneCountInString(squeeze(articleBody(t, a))); n < 600 || n > 2000 {
			t.Errorf("%s: body has %d characters, want 600 to 2000", a.Path, n)
		}
		if !strings.Contains(flat, "微信扫一扫") && !strings.Contains(flat, "微信掃一掃") {
			t.Errorf("%s: no share widget", a.Path)
		}
		if !strings.Contains(flat, "Copyright") {
			t.Errorf("%s: no copyright footer", a.Path)
		}
	}
}

func TestEncodingsAndDeclaredCharsets(t *testing.T) {
	count := map[string]int{}
	wrong := 0
	for _, a := range Articles() {
		count[a.Encoding]++
		want := map[string]string{"utf-8": "utf-8", "gbk": "GB2312", "big5": "Big5"}[a.Encoding]
		if a.Declared != want {
			wrong++
			if a.Encoding != "gbk" || a.Declared != "utf-8" {
				t.Errorf("%s: %s page declared %s; only a GBK page may wrongly declare utf-8", a.Path, a.Encoding, a.Declared)
			}
		}
	}
	if count["gbk"] < 2 || count["big5"] != 1 {
		t.Errorf("got encodings %v, want at least 2 gbk and 1 big5", count)
	}
	if wrong != 1 {
		t.Errorf("got %d pages with a wrong declared charset, want 1", wrong)
	}
}

// shingles returns the set of character 4-grams of s without whitespace.
func shingles(s string) map[string]bool {
	r := []rune(squeeze(s))
	set := map[string]bool{}
	for i := 0; i+4 <= len(r); i++ {
		set[string(r[i:i+4])] = true
	}
	return set
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

func TestNearDuplicate(t *testing.T) {
	articles := Articles()
	byPath := map[string]ArticleInfo{}
	grams := map[string]map[string]bool{}
	bodyText := map[string]string{}
	for _, a := range articles {
		byPath[a.Path] = a
		bodyText[a.Path] = articleBody(t, a)
		grams[a.Path] = shingles(bodyText[a.Path])
	}
	dups := 0
	for i, a := range articles {
		if a.DuplicateOf != "" {
			dups++
			orig, ok := byPath[a.DuplicateOf]
			if !ok {
				t.Errorf("%s: DuplicateOf %s is not an article", a.Path, a.DuplicateOf)
				continue
			}
			if orig.Site == a.Site {
				t.Errorf("%s: reprint of %s on the same site", a.Path, orig.Path)
			}
			if squeeze(bodyText[a.Path]) == squeeze(bodyText[orig.Path]) {
				t.Errorf("%s: identical to %s, want minor edits", a.Path, orig.Path)
			}
		}
		for _, b := range articles[i+1:] {
			sim := jaccard(grams[a.Path], grams[b.Path])
			dup := a.DuplicateOf == b.Path || b.DuplicateOf == a.Path
			if dup && sim < 0.8 {
				t.Errorf("%s ~ %s: similarity %.2f, want ≥ 0.8 for a reprint", a.Path, b.Path, sim)
			}
			if !dup && sim > 0.3 {
				t.Errorf("%s ~ %s: similarity %.2f, want ≤ 0.3 for distinct articles", a.Path, b.Path, sim)
			}
		}
	}
	if dups != 1 {
		t.Errorf("got %d reprints, want 1", dups)
	}
}

func TestRelevance(t *testing.T) {
	irrelevant := 0
	for _, a := range Articles() {
		body := articleBody(t, a)
		if a.Relevant {
			if !strings.ContainsAny(body, "党黨") {
				t.Errorf("%s: listed as relevant but never mentions the Party", a.Path)
			}
			continue
		}
		irrelevant++
		for _, w := range []string{"党建", "党组织", "述职", "党员"} {
			if strings.Contains(body, w) {
				t.Errorf("%s: listed as not relevant but mentions %s", a.Path, w)
			}
		}
	}
	if irrelevant < 2 {
		t.Errorf("got %d articles that are not about Party building, want at least 2", irrelevant)
	}
}

// siteLinks returns the Site() paths that the <a href> links of a page point to,
// resolved against the page's URL path; links to other hosts are left out.
func siteLinks(t *testing.T, name string, doc *html.Node) []string {
	t.Helper()
	base := &url.URL{Path: "/" + name}
	var links []string
	for _, a := range findAll(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") != "" }) {
		ref, err := url.Parse(attr(a, "href"))
		if err != nil {
			t.Errorf("%s: bad link %q: %v", name, attr(a, "href"), err)
			continue
		}
		u := base.ResolveReference(ref)
		if u.Scheme != "" || u.Host != "" {
			continue
		}
		links = append(links, strings.TrimPrefix(path.Clean(u.Path), "/"))
	}
	return links
}

func TestListPagesLinkEveryArticle(t *testing.T) {
	articles := map[string]bool{}
	for _, a := range Articles() {
		articles[a.Path] = true
	}
	encodings := map[string]string{}
	for _, p := range listPages() {
		encodings[p.path] = p.encoding
	}
	starts := StartPages()
	if len(starts) != 5 {
		t.Fatalf("got %d start pages, want one per publisher", len(starts))
	}
	// Walk the pagination chains from the start pages, over list pages only.
	linkedFrom := map[string][]string{}
	reached := map[string]bool{}
	queue := slices.Clone(starts)
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		if reached[page] {
			continue
		}
		reached[page] = true
		enc, ok := encodings[page]
		if !ok {
			t.Fatalf("%s: reached but not a list page", page)
		}
		doc := parse(t, page, readPage(t, page, enc))
		linked := map[string]bool{}
		for _, l := range siteLinks(t, page, doc) {
			if _, err := fs.Stat(Site(), l); err != nil {
				t.Errorf("%s: link to %s, which is not in the site", page, l)
				continue
			}
			switch {
			case articles[l]:
				if !linked[l] {
					linkedFrom[l] = append(linkedFrom[l], page)
				}
				linked[l] = true
			case encodings[l] != "":
				if strings.SplitN(l, "/", 2)[0] != strings.SplitN(page, "/", 2)[0] {
					t.Errorf("%s: pagination leads to another site's %s", page, l)
				}
				queue = append(queue, l)
			}
		}
	}
	for _, p := range ListPages() {
		if !reached[p] {
			t.Errorf("list page %s is not reached from the start pages", p)
		}
	}
	for a := range articles {
		if len(linkedFrom[a]) != 1 {
			t.Errorf("%s: linked from list pages %v, want exactly one", a, linkedFrom[a])
		}
	}
}

func TestPagesParse(t *testing.T) {
	pages := 0
	err := fs.WalkDir(Site(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Ext(p) {
		case ".html", ".htm", ".shtml":
		default:
			return nil
		}
		pages++
		raw, err := fs.ReadFile(Site(), p)
		if err != nil {
			return err
		}
		doc, err := html.Parse(bytes.NewReader(raw))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		if find(doc, func(n *html.Node) bool { return n.Data == "title" }) == nil {
			t.Errorf("%s: no <title>", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := len(Articles()) + len(ListPages()) + 1; pages != want {
		t.Errorf("got %d HTML pages, want %d (articles, list pages, the private page)", pages, want)
	}
}

func TestRobots(t *testing.T) {
	raw, err := fs.ReadFile(Site(), "robots.txt")
	if err != nil {
		t.Fatal(err)
	}
	robots, err := robotstxt.FromBytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	const private = "people/private/draft-20240613.html"
	if _, err := fs.Stat(Site(), private); err != nil {
		t.Fatalf("the forbidden page must exist so that fetching it shows: %v", err)
	}
	if robots.TestAgent("/"+private, "dangjian") {
		t.Errorf("robots.txt allows /%s", private)
	}
	allowed := append(ListPages(), "files/zugong-2020-tongbao.txt")
	for _, a := range Articles() {
		allowed = append(allowed, a.Path)
	}
	for _, p := range allowed {
		if !robots.TestAgent("/"+p, "dangjian") {
			t.Errorf("robots.txt forbids /%s", p)
		}
	}
	// The forbidden page is linked, so that only robots.txt keeps a crawler away.
	index := "people/GB/117092/index.html"
	if !slices.Contains(siteLinks(t, index, parse(t, index, readPage(t, index, "utf-8"))), private) {
		t.Errorf("%s does not link the forbidden page", index)
	}
}

func TestReports(t *testing.T) {
	reports := Reports()
	encodings := map[string]bool{}
	for _, r := range reports {
		encodings[r.Encoding] = true
		text := readPage(t, r.Path, r.Encoding)
		if first, _, _ := strings.Cut(text, "\n"); strings.TrimSpace(first) != r.Title {
			t.Errorf("%s: first line %q, want title %q", r.Path, first, r.Title)
		}
		y, m, d := r.Published[:4], strings.TrimPrefix(r.Published[5:7], "0"), strings.TrimPrefix(r.Published[8:], "0")
		if date := fmt.Sprintf("%s年%s月%s日", y, m, d); !strings.Contains(text, date) {
			t.Errorf("%s: does not contain its date %s", r.Path, date)
		}
		if n := utf8.RuneCountInString(squeeze(text)); n < 600 {
			t.Errorf("%s: %d characters, want at least 600", r.Path, n)
		}
	}
	if len(reports) != 2 || !encodings["gbk"] || !encodings["utf-8"] {
		t.Errorf("got reports %v, want one GBK and one UTF-8", reports)
	}
	matches, err := fs.Glob(Site(), "files/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(matches) != len(reports) {
		t.Errorf("files/ has %v, want exactly the %d listed reports", matches, len(reports))
	}
}
