package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dangjian/dangjian/corpus"
)

// buildBinary compiles dangjian once for the tests that need a real process to kill.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dangjian")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestKilledRebuildKeepsOldIndex kills real rebuilds with SIGKILL at several moments and
// checks each time that the previous index answers the same queries and the database is
// intact, then that the next rebuild completes.
func TestKilledRebuildKeepsOldIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills processes")
	}
	bin := buildBinary(t)
	data := t.TempDir()
	runBin := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(bin, append(args, "--data", data)...).CombinedOutput()
		if err != nil {
			t.Fatalf("dangjian %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	runBin("import", filepath.Join(shared, "seeds"))
	runBin("rebuild")
	queries := []string{"四不两直", "黨建", "形严实软", "province:浙江 专项行动"}
	want := map[string]string{}
	for _, q := range queries {
		want[q] = runBin("search", "--json", q)
	}
	for _, delay := range []time.Duration{50, 300, 800, 1500, 2200} {
		cmd := exec.Command(bin, "rebuild", "--data", data)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		for _, q := range queries {
			if got := runBin("search", "--json", q); got != want[q] {
				t.Errorf("after kill at %dms, search %q changed:\n%s\nwant\n%s", delay, q, got, want[q])
			}
		}
	}
	store, err := corpus.Open(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
	store.Close()
	runBin("rebuild")
	for _, q := range queries {
		if got := runBin("search", "--json", q); got != want[q] {
			t.Errorf("after a clean rebuild, search %q differs", q)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(data, "index"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "build-") {
			t.Errorf("leftover %s after a completed rebuild", e.Name())
		}
	}
}
