package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"
)

// TestServe starts serve on a free loopback port, asks it for its health and a search, and
// stops it by cancelling its context, as Ctrl-C does.
func TestServe(t *testing.T) {
	data := seeds(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, pw, io.Discard)
		pw.Close()
	}()
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
	}()
	var line string
	select {
	case line = <-lines:
	case err := <-done:
		t.Fatalf("serve ended before serving: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve printed no address within 30 s")
	}
	m := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+/) `).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("serve printed %q, want the loopback address it serves on", line)
	}
	base := m[1]

	resp, err := http.Get(base + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz: status %d, want 200", resp.StatusCode)
	}
	resp, err = http.Get(base + "api/search?q=" + url.QueryEscape("四不两直"))
	if err != nil {
		t.Fatal(err)
	}
	var res struct{ Total int }
	err = json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || res.Total == 0 {
		t.Errorf("GET /api/search?q=四不两直: status %d, %d hits, %v; want 200 with hits", resp.StatusCode, res.Total, err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after cancel: %v, want a clean stop", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop within 10 s of its context ending")
	}
}

func TestServeUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"serve", "extra"}, 2},
		{[]string{"serve", "--addr"}, 2},
		{[]string{"serve", "--addr", "256.0.0.1:80", "--data", t.TempDir()}, 1},
	} {
		if _, _, code := dj(t, tc.args...); code != tc.code {
			t.Errorf("dangjian %v: exit %d, want %d", tc.args, code, tc.code)
		}
	}
}
