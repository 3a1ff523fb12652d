package web

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/dangjian/dangjian/collection"
)

const shared = "../../shared"

// fixtures are documents written for these tests beside the seeds. hostile carries markup
// in its title, text, initiative and metric that must show as text everywhere; sichuan
// says 四不两直 about a third province, so that filtering on 湖北 narrows the hits.
var fixtures = map[string]string{
	"hostile.txt": `<img src=x onerror="window.__xss=1">湖南驿站调查<script>window.__xss=2</script>
人民网 2024年03月01日
湖南省委组织部推行“<b onmouseover="window.__xss=3">红色驿站</b>”工作法，全省建成党群驿站<svg onload="window.__xss=4">1200个</svg>。
测试结尾 <iframe src="javascript:window.__xss=5"></iframe> 驿站完。
`,
	"hostile.html": `<!doctype html><html><head><meta charset="utf-8"><title>&lt;img src=x onerror=&quot;window.__xss=6&quot;&gt;驿站建设观察</title></head>
<body><div class="nav">首页 | 新闻</div><h1>&lt;img src=x onerror=&quot;window.__xss=6&quot;&gt;驿站建设观察</h1>
<div class="article"><p>2024年02月02日 来源：新华网</p>
<p>湖南各地把党群驿站建在群众家门口，&lt;script&gt;window.__xss=7&lt;/script&gt;驿站里设有议事厅、图书角和便民服务台，党员志愿者轮流值守，帮助群众解决急难愁盼问题。</p>
<p>长沙市在社区推行“驿站议事会”制度，每月召开一次，听取居民意见，办理居民诉求三千余件。&lt;a href=&quot;javascript:window.__xss=8&quot;&gt;点击&lt;/a&gt;</p>
</div></body></html>
`,
	"sichuan.txt": `四川开展基层党建专项督导
来源：新华网 2024年01月15日
2023年，四川省委组织部坚持问题导向，采取“四不两直”方式随机抽查20个县的基层党组织，现场发现并督促整改问题150个。
`,
}

// hostileWord is a word only the hostile fixtures contain.
const hostileWord = "驿站"

// fixture is the collection every read-only test shares: the five seeds and the fixtures,
// imported and rebuilt once (the rebuild loads the segmenter's dictionary, which takes seconds).
type fixture struct {
	dir string
	c   *collection.Collection
	url string // a server with default options on loopback
	srv *http.Server
}

var seededFixture = sync.OnceValues(func() (*fixture, error) {
	dir, err := os.MkdirTemp("", "dangjian-web-test-")
	if err != nil {
		return nil, err
	}
	f := &fixture{dir: dir}
	docs := filepath.Join(dir, "fixtures")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		return f, err
	}
	for name, text := range fixtures {
		if err := os.WriteFile(filepath.Join(docs, name), []byte(text), 0o644); err != nil {
			return f, err
		}
	}
	ctx := context.Background()
	if f.c, err = collection.Open(ctx, filepath.Join(dir, "data")); err != nil {
		return f, err
	}
	seeds, _ := filepath.Glob(filepath.Join(shared, "seeds", "*.txt"))
	if _, err := f.c.Import(ctx, append(seeds, docs), nil); err != nil {
		return f, err
	}
	if _, err := f.c.Rebuild(ctx, nil); err != nil {
		return f, err
	}
	f.url, f.srv, err = start(f.c, Options{})
	return f, err
})

// start serves c on a loopback port through the same http.Server serve uses.
func start(c *collection.Collection, o Options) (string, *http.Server, error) {
	if o.Log == nil {
		o.Log = log.New(io.Discard, "", 0)
	}
	s, err := New(c, o)
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := s.HTTPServer(ln.Addr().String())
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), srv, nil
}

func seeded(t testing.TB) *fixture {
	t.Helper()
	if files, _ := filepath.Glob(filepath.Join(shared, "seeds", "*.txt")); len(files) != 5 {
		t.Fatalf("want the 5 seeds in %s/seeds, found %d", shared, len(files))
	}
	f, err := seededFixture()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestMain(m *testing.M) {
	code := m.Run()
	if f, _ := seededFixture(); f != nil {
		if f.srv != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			f.srv.Shutdown(ctx)
			cancel()
		}
		if f.c != nil {
			f.c.Close()
		}
		os.RemoveAll(f.dir)
	}
	os.Exit(code)
}

// get fetches a path from the shared server.
func get(t testing.TB, base, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", path, err)
	}
	return resp, body
}
