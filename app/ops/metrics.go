package ops

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// MetricsOptions are the readings behind the box's health metrics.
type MetricsOptions struct {
	// Disk reports free and total bytes of the data directory's disk.
	Disk func() (free, total uint64, err error)
	// MinFreeBytes is server.min_free_disk_mb in bytes.
	MinFreeBytes uint64
	// Ready is /readyz's check (nil: always ready).
	Ready func(ctx context.Context) error
	// SocketsMax is sockets.max_total.
	SocketsMax int
	Backups    *Backups
	Version    string
}

// RegisterMetrics adds the gauges the alert rules in deploy/prometheus
// read. They are computed when /metrics is scraped.
func RegisterMetrics(reg prometheus.Registerer, o MetricsOptions) {
	disk := func(free bool) func() float64 {
		return func() float64 {
			f, t, err := o.Disk()
			if err != nil {
				return 0
			}
			if free {
				return float64(f)
			}
			return float64(t)
		}
	}
	unix := func(t time.Time) float64 {
		if t.IsZero() {
			return 0
		}
		return float64(t.UnixNano()) / 1e9
	}
	b := o.Backups
	copies := prometheus.NewDesc("animalgenius_backup_copies_total",
		"Backup copies to backup.copy_to since start, by outcome (verified or failed).", []string{"outcome"}, nil)
	info := prometheus.NewGauge(prometheus.GaugeOpts{Name: "animalgenius_build_info", Help: "Always 1; the version is a label.",
		ConstLabels: prometheus.Labels{"version": o.Version}})
	info.Set(1)
	reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "animalgenius_disk_free_bytes",
			Help: "Free bytes on the data directory's disk (for the server's user)."}, disk(true)),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "animalgenius_disk_size_bytes",
			Help: "Size in bytes of the data directory's disk."}, disk(false)),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "animalgenius_disk_min_free_bytes",
			Help: "server.min_free_disk_mb in bytes: below it uploads are refused and /readyz fails."},
			func() float64 { return float64(o.MinFreeBytes) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "animalgenius_ready",
			Help: "1 when /readyz would answer 200 (database answers, schema current, disk not nearly full), else 0."},
			func() float64 {
				if o.Ready == nil {
					return 1
				}
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				defer cancel()
				if o.Ready(ctx) != nil {
					return 0
				}
				return 1
			}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "animalgenius_sockets_max",
			Help: "sockets.max_total: WebSockets the box accepts at once."}, func() float64 { return float64(o.SocketsMax) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "animalgenius_backup_last_success_timestamp_seconds",
			Help: "Unix time of the newest good backup in the backup directory (0: none yet)."},
			func() float64 { return unix(b.Status().LastGood) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "animalgenius_backup_copy_configured",
			Help: "1 when backup.copy_to is set."}, func() float64 {
			if b.CopyConfigured() {
				return 1
			}
			return 0
		}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "animalgenius_backup_copy_last_success_timestamp_seconds",
			Help: "Unix time of the newest verified backup copy in backup.copy_to (0: none yet or not configured)."},
			func() float64 { return unix(b.Status().LastCopy) }),
		copyCounter{desc: copies, b: b}, info,
	)
}

// copyCounter exposes the copy counts kept by Backups.
type copyCounter struct {
	desc *prometheus.Desc
	b    *Backups
}

func (c copyCounter) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c copyCounter) Collect(ch chan<- prometheus.Metric) {
	copied, failed := c.b.Counts()
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(copied), "verified")
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(failed), "failed")
}
