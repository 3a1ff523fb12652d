package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/web"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("serve", "[--addr 127.0.0.1:8080]", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; other hosts can reach the server only if this is not a loopback address")
	timeout := fs.Duration("timeout", 15*time.Second, "longest time one request may work")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fs.Usage()
		return &exitError{code: 2, msg: "serve takes no arguments"}
	}
	c, err := openExisting(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()
	return serveCollection(ctx, c, *addr, *timeout, stdout, stderr)
}

// serveCollection serves c on addr until ctx ends, then shuts down gracefully.
func serveCollection(ctx context.Context, c *collection.Collection, addr string, timeout time.Duration, stdout, stderr io.Writer) error {
	logger := log.New(stderr, "dangjian serve: ", log.LstdFlags)
	s, err := web.New(c, web.Options{RequestTimeout: timeout, Log: logger})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(stderr, "dangjian serve: warning: listening on %s, reachable from other hosts\n", ln.Addr())
	}
	if _, err := c.Index(); err != nil {
		fmt.Fprintf(stderr, "dangjian serve: warning: %v\n", err)
	}
	srv := s.HTTPServer(addr)
	fmt.Fprintf(stdout, "serving %s on http://%s/ (Ctrl-C to stop)\n", c.Dir, ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: shut down: %w", err)
	}
	<-done
	return nil
}
