package bench

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
)

// The cached-read loops (the school scenario's reads phase and the
// reference scenario's /healthz pair) ask for small and large cached
// answers as fast as the server gives them, with the load generator
// often pinned to one core. They use fasthttp's client, not net/http's:
// each worker keeps one keep-alive connection and one request (URI and
// cookie set once) and reads each answer's body from the connection into
// a 64 KB buffer of its own, counting it, so a 110 KB roster costs the
// load core its reads and no allocation. The product's paths and the bare
// fiber reference go through the same loop, so their ratio compares
// servers, not clients.

// readPath is one GET loop of alternateReads: the path (and cookie) for
// worker w, on base (the server under test when empty).
type readPath struct {
	op   string
	base string
	path func(w int) (string, *http.Cookie)
	// gzip asks with Accept-Encoding: gzip, as browsers do, and counts an
	// answer that does not come gzipped as an error.
	gzip bool
}

// alternateReads measures each path with --concurrency clients for total,
// in three rounds of total/3 each, the paths in turn, so that a change in the
// box's other load hits every path alike. It returns each path's rate
// (0 for a path with nothing to ask), or nil when the run's time ran out.
func alternateReads(ctx context.Context, e *benchEnv, paths []readPath, total time.Duration) []float64 {
	const rounds = 3
	counts := make([]int64, len(paths))
	spent := make([]time.Duration, len(paths))
	clients := map[string]*fasthttp.HostClient{} // by base URL
	defer func() {
		for _, hc := range clients {
			hc.CloseIdleConnections()
		}
	}()
	for range rounds {
		for i, p := range paths {
			if ctx.Err() != nil {
				return nil
			}
			if p0, _ := p.path(0); p0 == "" {
				continue
			}
			base := p.base
			if base == "" {
				base = e.base
			}
			hc := clients[base]
			if hc == nil {
				hc = readClient(base, e.opts.Concurrency)
				clients[base] = hc
			}
			st := e.stats.op(p.op)
			var count atomic.Int64
			start := time.Now()
			end := start.Add(total / rounds)
			var wg sync.WaitGroup
			for w := 0; w < e.opts.Concurrency; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					path, ck := p.path(w)
					count.Add(readLoop(ctx, e, hc, st, base+path, ck, p.gzip, end))
				}(w)
			}
			wg.Wait()
			spent[i] += time.Since(start) // to the last answer of the round
			counts[i] += count.Load()
		}
	}
	if spent[0] <= 0 {
		return nil
	}
	rates := make([]float64, len(paths))
	for i := range paths {
		if spent[i] > 0 {
			rates[i] = float64(counts[i]) / spent[i].Seconds()
		}
	}
	return rates
}

// readClient is the client of one base URL ("http://host:port", maybe
// with a path prefix): a connection for each of conns workers, bodies
// streamed. fasthttp streams a body only when it is over
// MaxResponseBodySize (below that it reads it into a buffer from a pool
// that soon stops keeping large ones, so each roster would be a new
// allocation), hence the limit of 1 byte: every body is a stream.
func readClient(base string, conns int) *fasthttp.HostClient {
	scheme, rest, _ := strings.Cut(base, "://")
	host, _, _ := strings.Cut(rest, "/")
	tls := scheme == "https"
	return &fasthttp.HostClient{
		Addr:                fasthttp.AddMissingPort(host, tls),
		IsTLS:               tls,
		MaxConns:            conns,
		StreamResponseBody:  true,
		MaxResponseBodySize: 1,
	}
}

// readLoop is one worker of alternateReads: GET uri (with the cookie, if
// any) back to back until end, ctx's end or the request budget, each
// request recorded in st: its latency when it answered 200 with a body,
// else why not. A request under way at end is waited for (it keeps its
// connection); one cut by ctx's deadline is not recorded (the bench's time
// ran out, not the server's). It returns the requests that succeeded.
func readLoop(ctx context.Context, e *benchEnv, hc *fasthttp.HostClient, st *opStats, uri string, ck *http.Cookie, gzip bool, end time.Time) int64 {
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(uri)
	if ck != nil {
		req.Header.SetCookie(ck.Name, ck.Value)
	}
	if gzip {
		req.Header.Set(fasthttp.HeaderAcceptEncoding, "gzip, deflate, br")
	}
	buf := make([]byte, 64<<10)
	var done int64
	for time.Now().Before(end) && ctx.Err() == nil && e.allow() {
		start := time.Now()
		deadline, cut := start.Add(30*time.Second), false // 30 s as the timed requests' client
		if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
			deadline, cut = d, true
		}
		err := hc.DoDeadline(req, resp, deadline)
		size := 0
		if err == nil {
			size, err = drain(resp.BodyStream(), buf)
			resp.CloseBodyStream() // the connection goes back to the client
		}
		took := time.Since(start)
		switch {
		case err != nil && (ctx.Err() != nil || cut && !time.Now().Before(deadline)):
			return done
		case err != nil:
			st.fail("transport: " + shortErr(err))
		case resp.StatusCode() != http.StatusOK:
			st.fail("status " + strconv.Itoa(resp.StatusCode()))
		case size == 0:
			st.fail("empty body")
		case gzip && string(resp.Header.ContentEncoding()) != "gzip":
			st.fail("not gzipped")
		default:
			st.ok(took)
			done++
		}
	}
	return done
}

// drain reads body (nil when there is none) to its end into buf, over
// and over, and returns its length.
func drain(body io.Reader, buf []byte) (int, error) {
	size := 0
	for body != nil {
		n, err := body.Read(buf)
		size += n
		if err == io.EOF {
			break
		}
		if err != nil {
			return size, err
		}
	}
	return size, nil
}
