package web

import (
	"crypto/subtle"
	"maps"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"animalgenius/web/clientaddr"
)

type httpMetrics struct {
	latency *prometheus.HistogramVec
	// observers holds the histogram of each (method, route, code class)
	// seen so far, so a request finds its own without hashing label
	// values or copying strings. Copied on write: routes are few.
	mu        sync.Mutex
	observers atomic.Pointer[map[observerKey]prometheus.Observer]
}

type observerKey struct {
	method, route, code string
}

func newHTTPMetrics(reg prometheus.Registerer) *httpMetrics {
	m := &httpMetrics{
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "animalgenius_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route template.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"method", "route", "code"}),
	}
	m.observers.Store(&map[observerKey]prometheus.Observer{})
	reg.MustRegister(m.latency)
	return m
}

func (m *httpMetrics) observe(method, route string, status int, took time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	k := observerKey{method, route, codeClass(status)}
	o, ok := (*m.observers.Load())[k]
	if !ok {
		o = m.observer(k)
	}
	o.Observe(took.Seconds())
}

// observer adds the histogram of k. fiber's c.Method() and route (like
// other Ctx strings) may point into fasthttp's reused request buffer; a
// key or label value kept past the request must own its bytes, or a later
// request rewrites it ("GETT") and /metrics fails.
func (m *httpMetrics) observer(k observerKey) prometheus.Observer {
	m.mu.Lock()
	defer m.mu.Unlock()
	old := *m.observers.Load()
	if o, ok := old[k]; ok {
		return o
	}
	k = observerKey{strings.Clone(k.method), strings.Clone(k.route), k.code}
	o := m.latency.WithLabelValues(k.method, k.route, k.code)
	next := make(map[observerKey]prometheus.Observer, len(old)+1)
	maps.Copy(next, old)
	next[k] = o
	m.observers.Store(&next)
	return o
}

func codeClass(status int) string {
	switch {
	case status >= 500:
		return "5xx"
	case status >= 400:
		return "4xx"
	case status >= 300:
		return "3xx"
	}
	return "2xx"
}

// metricsHandler serves Prometheus text to callers on this machine, and to
// others only with the configured bearer token. A request relayed by a
// reverse proxy on this machine comes from elsewhere: it needs the token.
func (s *Server) metricsHandler(gatherer prometheus.Gatherer) fiber.Handler {
	h := adaptor.HTTPHandler(promhttp.HandlerFor(gatherer, promhttp.HandlerOpts{}))
	token := s.cfg.Metrics.Token
	return func(c *fiber.Ctx) error {
		if !clientaddr.Local(c) {
			got, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
			if token == "" || !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
				return Err(http.StatusForbidden, "forbidden", "Metrics are served to this machine only, or with the metrics token.")
			}
		}
		return h(c)
	}
}
