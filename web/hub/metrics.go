package hub

import "github.com/prometheus/client_golang/prometheus"

type metrics struct {
	open    prometheus.Gauge
	in      prometheus.Counter
	out     prometheus.Counter
	slow    prometheus.Counter
	limited prometheus.Counter
	tooBig  prometheus.Counter
	panics  prometheus.Counter
	refused *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		open: prometheus.NewGauge(prometheus.GaugeOpts{Name: "animalgenius_sockets_open", Help: "WebSockets open now."}),
		in: prometheus.NewCounter(prometheus.CounterOpts{Name: "animalgenius_socket_messages_in_total",
			Help: "Socket messages received."}),
		out: prometheus.NewCounter(prometheus.CounterOpts{Name: "animalgenius_socket_messages_out_total",
			Help: "Socket messages written."}),
		slow: prometheus.NewCounter(prometheus.CounterOpts{Name: "animalgenius_sockets_slow_closed_total",
			Help: "Sockets closed because they fell behind on reading."}),
		limited: prometheus.NewCounter(prometheus.CounterOpts{Name: "animalgenius_socket_messages_limited_total",
			Help: "Socket messages dropped by the per-socket rate limit."}),
		tooBig: prometheus.NewCounter(prometheus.CounterOpts{Name: "animalgenius_socket_frames_too_big_total",
			Help: "Sockets closed for sending a frame over the read limit."}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{Name: "animalgenius_socket_handler_panics_total",
			Help: "Panics in socket handlers (the socket was closed, the server carried on)."}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "animalgenius_sockets_refused_total",
			Help: "Sockets refused or closed by a limit, by reason."}, []string{"reason"}),
	}
	// Every reason starts at 0, so increase() in the alert rules sees the
	// first refusal (a series born at 1 shows no increase).
	for _, reason := range []string{"origin", "auth_timeout", "box_full", "addr_full", "game_full", "stopping"} {
		m.refused.WithLabelValues(reason)
	}
	if reg != nil {
		reg.MustRegister(m.open, m.in, m.out, m.slow, m.limited, m.tooBig, m.panics, m.refused)
	}
	return m
}

// CountRefused counts a socket turned away by a limit kept outside the hub:
// "game_full" when a game has sockets.max_per_game players.
func (h *Hub) CountRefused(reason string) { h.met.refused.WithLabelValues(reason).Inc() }
