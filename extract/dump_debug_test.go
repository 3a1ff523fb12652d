package extract

import (
	"fmt"
	"os"
	"testing"

	"github.com/dangjian/dangjian/gazetteer"
	"github.com/dangjian/dangjian/hanzi"
)

func TestDump(t *testing.T) {
	path := os.Getenv("DUMP")
	if path == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(path)
	text := hanzi.Fold(string(raw))
	rs := []rune(text)
	res := New(gazetteer.New()).Extract(text)
	fmt.Println("year", res.Year, "sentences", len(res.Sentences))
	for _, in := range res.Initiatives {
		s := res.Sentences[in.Sentence]
		ev := string(rs[s.Start:min(s.End, s.Start+40)])
		fmt.Printf("I %s/%s/%s  %s   | %s\n", in.Actor.Name, in.Actor.Kind, in.Actor.Province, in.Name, ev)
	}
	for _, m := range res.Metrics {
		fmt.Printf("M %s/%s %g %s approx=%v what=%s | %s\n", m.Actor.Name, m.Actor.Province, m.Value, m.Unit, m.Approx, m.What, string(rs[max(m.Start-15, 0):m.End]))
	}
	if os.Getenv("SENT") != "" {
		for _, s := range res.Sentences {
			fmt.Printf("S %v | %s\n", s.Actors, string(rs[s.Start:min(s.End, s.Start+50)]))
		}
	}
}
