package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Sentinel errors for the outcomes callers and tests branch on.
var (
	ErrPrivateAddress = errors.New("address is loopback or private (allow with --allow-private)")
	ErrTooLarge       = errors.New("page larger than the size limit")
	ErrNotPage        = errors.New("not a web page")
)

// refusedAddr reports why a connection to ip must not be made, or "".
func refusedAddr(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case ip.IsLoopback():
		return "loopback"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast(), ip.IsInterfaceLocalMulticast():
		return "link-local"
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsMulticast():
		return "multicast"
	}
	// 100.64.0.0/10 is carrier-grade NAT space, private in all but name.
	if ip.Is4() && ip.As4()[0] == 100 && ip.As4()[1]&0xc0 == 64 {
		return "shared (CGNAT)"
	}
	return ""
}

// guardControl runs after DNS resolution, right before connect, so that a host name that
// resolves to 127.0.0.1 (or a redirect to one) is refused like the literal address.
func guardControl(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("connect %s: %w", address, err)
	}
	if why := refusedAddr(ap.Addr()); why != "" {
		return fmt.Errorf("connect %s (%s): %w", address, why, ErrPrivateAddress)
	}
	return nil
}

// newClient builds the HTTP client: timeouts from the options, the private-address guard
// at connect time, no proxy (a proxy would resolve names where the guard cannot see them),
// and redirects returned to the crawler, which queues them as links so that they obey
// scope, robots.txt and the per-host rate like any other page.
func newClient(o *Options) *http.Client {
	dialer := &net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}
	if !o.AllowPrivate {
		dialer.Control = guardControl
	}
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   o.ConnectTimeout,
		ResponseHeaderTimeout: o.ReadTimeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   o.RequestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// response is what one GET returned.
type response struct {
	status       int
	contentType  string
	etag         string
	lastModified string
	location     string        // resolved redirect target
	retryAfter   time.Duration // from a Retry-After header, 0 if none
	body         []byte
}

// acceptedTypes are the media types stored as pages.
var acceptedTypes = map[string]bool{"text/html": true, "application/xhtml+xml": true, "text/plain": true}

// get fetches u once. Conditional headers are sent when etag or lastModified are known.
// Errors are returned for transport failures and for bodies that are too large or not pages.
func (c *Crawler) get(ctx context.Context, u, etag, lastModified string) (*response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("request %s: %w", u, err)
	}
	req.Header.Set("User-Agent", c.opts.userAgent())
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1")
	req.Header.Set("Accept-Language", "zh-CN,zh;q=0.9")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	r := &response{
		status:       resp.StatusCode,
		contentType:  resp.Header.Get("Content-Type"),
		etag:         resp.Header.Get("ETag"),
		lastModified: resp.Header.Get("Last-Modified"),
		retryAfter:   parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
	if loc := resp.Header.Get("Location"); loc != "" && resp.StatusCode >= 300 && resp.StatusCode < 400 {
		if target, err := req.URL.Parse(loc); err == nil {
			r.location = target.String()
		}
	}
	if resp.StatusCode != http.StatusOK {
		// Error pages and redirects are not read: a little of the body is drained so the
		// connection can be reused, the rest is dropped with it.
		io.CopyN(io.Discard, resp.Body, 64<<10)
		return r, nil
	}
	if resp.ContentLength > c.opts.MaxBodyBytes {
		return r, fmt.Errorf("%d bytes, limit %d: %w", resp.ContentLength, c.opts.MaxBodyBytes, ErrTooLarge)
	}
	if mt, _, err := mime.ParseMediaType(r.contentType); err == nil && !acceptedTypes[mt] {
		return r, fmt.Errorf("%s: %w", mt, ErrNotPage)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBodyBytes+1))
	if err != nil {
		return r, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > c.opts.MaxBodyBytes {
		return r, fmt.Errorf("more than %d bytes: %w", c.opts.MaxBodyBytes, ErrTooLarge)
	}
	if r.contentType == "" {
		// Without a header the type is sniffed, but only the media type is kept: the
		// sniffer's "charset=utf-8" is a guess that must not pass for a declaration.
		mt, _, _ := mime.ParseMediaType(http.DetectContentType(body))
		if !acceptedTypes[mt] {
			return r, fmt.Errorf("%s: %w", mt, ErrNotPage)
		}
		r.contentType = mt
	}
	r.body = body
	return r, nil
}

// parseRetryAfter reads a Retry-After value: seconds, or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// transient reports whether a failed fetch may succeed when tried again later.
func transient(status int, err error) bool {
	if err != nil {
		return !errors.Is(err, ErrPrivateAddress) && !errors.Is(err, ErrTooLarge) &&
			!errors.Is(err, ErrNotPage) && !errors.Is(err, context.Canceled)
	}
	switch status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusGatewayTimeout, http.StatusRequestTimeout:
		return true
	}
	return false
}

// backoff is the wait before retry number attempt (1, 2, …): exponential from BackoffBase,
// capped at MaxBackoff, with jitter so that many crawlers do not return in step. A server's
// Retry-After is honoured when it asks for longer.
func (o *Options) backoff(attempt int, retryAfter time.Duration) time.Duration {
	d := o.BackoffBase << min(attempt-1, 20)
	if d > o.MaxBackoff || d <= 0 {
		d = o.MaxBackoff
	}
	d = d/2 + rand.N(d/2+1)
	return max(d, retryAfter)
}

// describe turns a transport error into a short reason for reports.
func describe(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout: " + err.Error()
	}
	return err.Error()
}

// OnePage is one page fetched on its own, outside a crawl.
type OnePage struct {
	URL         string
	Status      int
	ContentType string
	Body        []byte // nil unless Status is 200 and the body is a page
}

// FetchPage fetches one page with the crawl's client, limits and address guard, but
// without robots.txt, a frontier or storage: what `crawl --check` looks at.
func FetchPage(ctx context.Context, opts Options, u string) (*OnePage, error) {
	c := &Crawler{opts: opts, client: newClient(&opts)}
	r, err := c.get(ctx, u, "", "")
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %s", u, describe(err))
	}
	return &OnePage{URL: u, Status: r.status, ContentType: r.contentType, Body: r.body}, nil
}
