package extract

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dangjian/dangjian/gazetteer"
	"github.com/dangjian/dangjian/hanzi"
)

// The scoring below follows shared/design.md and shared/tools/score_extract.py.

const sharedDir = "../../shared"

type goldFile struct {
	Doc    string `json:"doc"`
	Year   *int   `json:"year"`
	Actors []struct {
		Name, Kind, Province string
	} `json:"actors"`
	Initiatives []struct {
		Actor          string `json:"actor"`
		Name           string `json:"name"`
		NameSimplified string `json:"name_simplified"`
		Required       *bool  `json:"required"`
	} `json:"initiatives"`
	Metrics []struct {
		Actor string  `json:"actor"`
		Value float64 `json:"value"`
		Unit  string  `json:"unit"`
	} `json:"metrics"`
}

var (
	scorePunct  = regexp.MustCompile(`[\s\x{3000}-\x{303f}\x{ff00}-\x{ff0f}\x{ff1a}-\x{ff20}\x{2018}-\x{201f}·•、，。：；！？“”‘’《》「」『』（）()\[\]【】\-—_.,;:!?"'/+]`)
	scoreSuffix = regexp.MustCompile(`(壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$`)
)

func scoreActor(a string) string {
	a = strings.TrimSpace(hanzi.Simplify(a))
	if utf8.RuneCountInString(a) > 2 {
		return scoreSuffix.ReplaceAllString(a, "")
	}
	return a
}

func scoreName(n string) string { return scorePunct.ReplaceAllString(hanzi.Simplify(n), "") }

type prf struct{ f, p, r float64 }

func f1(tpR, nGold, tpP, nPred int) prf {
	r, p := 1.0, 0.0
	if nGold > 0 {
		r = float64(tpR) / float64(nGold)
	}
	if nPred > 0 {
		p = float64(tpP) / float64(nPred)
	} else if nGold == 0 {
		p = 1
	}
	if p+r == 0 {
		return prf{0, p, r}
	}
	return prf{2 * p * r / (p + r), p, r}
}

type rowKey struct{ actor, prov string }

type docScore struct {
	actors, initiatives, metrics prf
	misses                       []string
}

func scoreDoc(g goldFile, res Result) docScore {
	place := map[string]string{}
	for _, a := range g.Actors {
		if a.Kind == "place" {
			place[scoreActor(a.Name)] = scoreActor(a.Province)
		}
	}
	type irow struct {
		k    rowKey
		name string
	}
	type mrow struct {
		k     rowKey
		value float64
		unit  string
	}
	var pi []irow
	for _, in := range res.Initiatives {
		pi = append(pi, irow{rowKey{scoreActor(in.Actor.Name), scoreActor(in.Actor.Province)}, scoreName(in.Name)})
	}
	var pm []mrow
	for _, m := range res.Metrics {
		pm = append(pm, mrow{rowKey{scoreActor(m.Actor.Name), scoreActor(m.Actor.Province)}, m.Value, strings.TrimSpace(hanzi.Simplify(m.Unit))})
	}
	type gi struct{ actor, name string }
	var req, opt []gi
	for _, x := range g.Initiatives {
		n := x.Name
		if x.NameSimplified != "" {
			n = x.NameSimplified
		}
		item := gi{scoreActor(x.Actor), scoreName(n)}
		if x.Required == nil || *x.Required {
			req = append(req, item)
		} else {
			opt = append(opt, item)
		}
	}
	sameActor := func(k rowKey, ga string) bool {
		if k.actor == ga {
			return true
		}
		pv, ok := place[ga]
		return ok && pv != "" && (k.actor == ga || k.actor == pv) && (k.prov == "" || k.prov == pv || k.actor == ga)
	}
	match := func(p irow, g gi) bool {
		return sameActor(p.k, g.actor) && p.name != "" && g.name != "" && (strings.Contains(g.name, p.name) || strings.Contains(p.name, g.name))
	}
	var sc docScore
	tpReq := 0
	for _, g := range req {
		found := false
		for _, p := range pi {
			if match(p, g) {
				found = true
				break
			}
		}
		if found {
			tpReq++
		} else {
			sc.misses = append(sc.misses, "missed initiative "+g.actor+" "+g.name)
		}
	}
	fp := 0
	for _, p := range pi {
		ok := false
		for _, g := range append(append([]gi{}, req...), opt...) {
			if match(p, g) {
				ok = true
				break
			}
		}
		if !ok {
			fp++
			sc.misses = append(sc.misses, "extra initiative "+p.k.actor+"/"+p.k.prov+" "+p.name)
		}
	}
	sc.initiatives = f1(tpReq, len(req), len(pi)-fp, len(pi))

	type gm struct {
		actor string
		value float64
		unit  string
	}
	var gms []gm
	for _, x := range g.Metrics {
		gms = append(gms, gm{scoreActor(x.Actor), x.Value, strings.TrimSpace(hanzi.Simplify(x.Unit))})
	}
	mmatch := func(p mrow, g gm) bool {
		return sameActor(p.k, g.actor) && math.Abs(p.value-g.value) < 1e-6*math.Max(1, math.Abs(g.value)) && p.unit == g.unit
	}
	tpm := 0
	for _, g := range gms {
		found := false
		for _, p := range pm {
			if mmatch(p, g) {
				found = true
				break
			}
		}
		if found {
			tpm++
		} else {
			sc.misses = append(sc.misses, "missed metric "+g.actor+" "+formatValue(g.value)+g.unit)
		}
	}
	tpmP := 0
	for _, p := range pm {
		ok := false
		for _, g := range gms {
			if mmatch(p, g) {
				ok = true
				break
			}
		}
		if ok {
			tpmP++
		} else {
			sc.misses = append(sc.misses, "extra metric "+p.k.actor+"/"+p.k.prov+" "+formatValue(p.value)+p.unit)
		}
	}
	sc.metrics = f1(tpm, len(gms), tpmP, len(pm))

	lift := func(a string) string {
		if pv, ok := place[a]; ok && pv != "" {
			return pv
		}
		return a
	}
	ga, gopt, pa := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, x := range g.Initiatives {
		a := lift(scoreActor(x.Actor))
		gopt[a] = true
		if x.Required == nil || *x.Required {
			ga[a] = true
		}
	}
	for _, x := range g.Metrics {
		ga[lift(scoreActor(x.Actor))] = true
	}
	for _, p := range pi {
		pa[lift(p.k.actor)] = true
	}
	for _, p := range pm {
		pa[lift(p.k.actor)] = true
	}
	inter, good := 0, 0
	for a := range pa {
		if ga[a] {
			inter++
		}
		if ga[a] || gopt[a] {
			good++
		} else {
			sc.misses = append(sc.misses, "extra actor "+a)
		}
	}
	for a := range ga {
		if !pa[a] {
			sc.misses = append(sc.misses, "missed actor "+a)
		}
	}
	sc.actors = f1(inter, len(ga), good, len(pa))
	return sc
}

func formatValue(v float64) string {
	return strings.TrimRight(strings.TrimRight(strconvFloat(v), "0"), ".")
}

func strconvFloat(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestGoldScores(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(sharedDir, "gold", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no gold files found in " + sharedDir + "/gold")
	}
	ex := New(gazetteer.New())
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var g goldFile
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		text, err := os.ReadFile(filepath.Join(sharedDir, "seeds", g.Doc))
		if err != nil {
			t.Fatal(err)
		}
		res := ex.Extract(hanzi.Fold(string(text)))
		sc := scoreDoc(g, res)
		t.Logf("%s: actors F1 %.2f (P %.2f R %.2f) initiatives F1 %.2f (P %.2f R %.2f, %d rows) metrics F1 %.2f (P %.2f R %.2f, %d rows) year %d",
			g.Doc[:3], sc.actors.f, sc.actors.p, sc.actors.r, sc.initiatives.f, sc.initiatives.p, sc.initiatives.r, len(res.Initiatives),
			sc.metrics.f, sc.metrics.p, sc.metrics.r, len(res.Metrics), res.Year)
		for _, m := range sc.misses {
			t.Log("  " + m)
		}
		if sc.actors.f < 0.95 || sc.initiatives.f < 0.90 || sc.metrics.f < 0.90 {
			t.Errorf("%s below the bar (actors ≥ 0.95, initiatives ≥ 0.90, metrics ≥ 0.90)", g.Doc)
		}
		want := 0
		if g.Year != nil {
			want = *g.Year
		}
		if res.Year != want {
			t.Errorf("%s: year %d, want %d", g.Doc, res.Year, want)
		}
	}
}

func extractSeed(t *testing.T, prefix string) Result {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(sharedDir, "seeds", prefix+"*.txt"))
	if len(paths) != 1 {
		t.Fatalf("seed %s not found", prefix)
	}
	raw, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	return testExtractor.Extract(hanzi.Fold(string(raw)))
}
