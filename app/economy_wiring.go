package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"animalgenius/app/economy"
	"animalgenius/app/game"
	"animalgenius/app/pets"
	"animalgenius/app/uploads"
	"animalgenius/embed"
)

// openEconomy builds the uploads service (its job handler runs in the job
// runner) and the economy service, registers its metrics (a.coinMetrics,
// built first because the students service pays the welcome bonus), and
// seeds the shipped store catalog.
func (a *App) openEconomy() error {
	var err error
	lim := uploads.Limits{MaxBytes: a.cfg.Uploads.MaxBytes, MaxPixels: a.cfg.Uploads.MaxPixels, MaxDimension: a.cfg.Uploads.MaxDimension}
	if a.uploads, err = uploads.NewService(a.cfg.Server.DataDir, lim, a.runner); err != nil {
		return err
	}
	a.runner.Handle(uploads.JobKind, a.uploads.HandleJob)

	m := a.coinMetrics
	a.economy = economy.NewService(a.store, artSource{uploads: a.uploads}, economy.Options{Observer: m, Logger: a.log,
		// Coins show in the roster, not on the live board.
		ClassChanged: a.insight.OnCoinsChanged})
	a.registry.MustRegister(m.awarded, m.spent, m.purchased, &petMoodCollector{svc: a.economy})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := a.economy.Seed(ctx); err != nil {
		return fmt.Errorf("unable to seed the store catalog: %w", err)
	}
	return nil
}

// artSource reads the pictures avatars are made of from the binary and
// from the uploads folder.
type artSource struct{ uploads *uploads.Service }

func (s artSource) Art(path string) (economy.Art, error) {
	if name, ok := strings.CutPrefix(path, "/uploads/"); ok {
		p, found := s.uploads.Path(name)
		if !found {
			return economy.Art{}, fs.ErrNotExist
		}
		b, err := os.ReadFile(p)
		mime := "image/png"
		if strings.HasSuffix(name, ".jpg") {
			mime = "image/jpeg"
		}
		return economy.Art{Image: b, MIME: mime}, err
	}
	if rest, ok := strings.CutPrefix(path, "/art/items/"); ok && !strings.Contains(rest, "/") {
		b, err := fs.ReadFile(embed.FS, "art/items/"+rest)
		return economy.Art{SVG: b}, err
	}
	return economy.Art{}, fs.ErrNotExist
}

func (s artSource) Animal(code string) ([]byte, error) {
	if strings.ContainsAny(code, "/.") {
		return nil, fs.ErrNotExist
	}
	return fs.ReadFile(embed.FS, "art/animals/"+code+".svg")
}

// exists tells whether an item image path names a picture we have.
func (s artSource) exists(path string) bool {
	if name, ok := strings.CutPrefix(path, "/uploads/"); ok {
		_, found := s.uploads.Path(name)
		return found
	}
	if rest, ok := strings.CutPrefix(path, "/art/items/"); ok && !strings.Contains(rest, "/") {
		_, err := fs.Stat(embed.FS, "art/items/"+rest)
		return err == nil
	}
	return false
}

// economyMetrics counts coins and purchases as they commit.
type economyMetrics struct {
	awarded, spent *prometheus.CounterVec
	purchased      *prometheus.CounterVec
}

func newEconomyMetrics() *economyMetrics {
	return &economyMetrics{
		awarded: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "animalgenius_coins_awarded_total", Help: "Coins credited to students, by ledger type.",
		}, []string{"type"}),
		spent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "animalgenius_coins_spent_total", Help: "Coins debited from students, by ledger type.",
		}, []string{"type"}),
		purchased: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "animalgenius_items_purchased_total", Help: "Store purchases, by slot (pets count as slot \"pet\").",
		}, []string{"slot"}),
	}
}

func (m *economyMetrics) CoinsMoved(ledgerType string, amount int) {
	if amount > 0 {
		m.awarded.WithLabelValues(ledgerType).Add(float64(amount))
	} else if amount < 0 {
		m.spent.WithLabelValues(ledgerType).Add(float64(-amount))
	}
}

func (m *economyMetrics) Purchased(slot string) { m.purchased.WithLabelValues(slot).Inc() }

// petMoodCollector reports pets by their mood at scrape time (moods decay
// with time, so they are computed, not counted).
type petMoodCollector struct{ svc *economy.Service }

var petMoodDesc = prometheus.NewDesc("animalgenius_pets", "Pets by their mood now.", []string{"mood"}, nil)

func (c *petMoodCollector) Describe(ch chan<- *prometheus.Desc) { ch <- petMoodDesc }

func (c *petMoodCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	moods, err := c.svc.PetMoods(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(petMoodDesc, err)
		return
	}
	for _, m := range pets.Moods {
		ch <- prometheus.MustNewConstMetric(petMoodDesc, prometheus.GaugeValue, float64(moods[m]), string(m))
	}
}

// gameRewards pays a live game's podium through the economy's ledger.
type gameRewards struct{ svc *economy.Service }

func (g gameRewards) AwardGameCoins(ctx context.Context, gameID, hostID int64, awards []game.Award) error {
	list := make([]economy.StudentCoins, 0, len(awards))
	for _, a := range awards {
		list = append(list, economy.StudentCoins{StudentID: a.StudentID, Coins: a.Coins, Reason: fmt.Sprintf("Live game: place %d", a.Rank)})
	}
	_, err := g.svc.AwardGame(ctx, gameID, hostID, list)
	if errors.Is(err, economy.ErrAlreadyAwarded) {
		return game.ErrAwarded
	}
	return err
}
