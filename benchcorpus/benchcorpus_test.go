package benchcorpus

import (
	"reflect"
	"strings"
	"testing"
)

func TestGenerateIsDeterministicAndSized(t *testing.T) {
	s, err := Load("../../shared/corpora")
	if err != nil {
		t.Fatal(err)
	}
	if s.Bytes() < 1<<20 {
		t.Fatalf("source holds %d bytes, want the real reports", s.Bytes())
	}
	collect := func(seed int64) []Doc {
		var docs []Doc
		if err := s.Generate(seed, 200_000, func(d Doc) error { docs = append(docs, d); return nil }); err != nil {
			t.Fatal(err)
		}
		return docs
	}
	a, b := collect(1), collect(1)
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed gave different documents")
	}
	total := 0
	names := map[string]bool{}
	for _, d := range a {
		total += len(d.Text)
		if names[d.Name] {
			t.Errorf("duplicate name %s", d.Name)
		}
		names[d.Name] = true
		if !strings.HasPrefix(d.Text, d.Title+"\n"+d.Published) {
			t.Errorf("%s does not start with its title and date", d.Name)
		}
	}
	if total < 200_000 || total > 260_000 {
		t.Errorf("generated %d bytes, want about 200000", total)
	}
	if reflect.DeepEqual(a[:3], collect(2)[:3]) {
		t.Error("different seeds gave the same documents")
	}
}

func TestAddTextsDrawsFromTheSeeds(t *testing.T) {
	s, err := Load("../../shared/corpora")
	if err != nil {
		t.Fatal(err)
	}
	before := s.Bytes()
	if err := s.AddTexts("../../shared/seeds"); err != nil {
		t.Fatal(err)
	}
	if s.Bytes() <= before {
		t.Errorf("Bytes() = %d after adding the seeds, want more than %d", s.Bytes(), before)
	}
	if err := s.AddTexts(t.TempDir()); err == nil {
		t.Error("AddTexts(empty dir) = nil, want an error")
	}
}
