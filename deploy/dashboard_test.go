package deploy_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"animalgenius/app/apptest"
)

type dashboard struct {
	Title  string `json:"title"`
	Panels []struct {
		Title   string `json:"title"`
		Type    string `json:"type"`
		Targets []struct {
			Expr string `json:"expr"`
		} `json:"targets"`
	} `json:"panels"`
}

func readDashboard(t *testing.T) dashboard {
	t.Helper()
	b, err := os.ReadFile("grafana/animalgenius.json")
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("the dashboard is not JSON: %v", err)
	}
	return d
}

func dashboardExprs(t *testing.T) []string {
	var out []string
	for _, p := range readDashboard(t).Panels {
		for _, tg := range p.Targets {
			out = append(out, tg.Expr)
		}
	}
	if len(out) < 15 {
		t.Fatalf("only %d queries in the dashboard", len(out))
	}
	return out
}

// TestDashboardQueriesParse hands every query of the Grafana dashboard to
// promtool as a recording rule: a query Prometheus cannot parse fails here.
func TestDashboardQueriesParse(t *testing.T) {
	t.Parallel()
	promtool := tool(t, "promtool", "prometheus")
	var b strings.Builder
	b.WriteString("groups:\n  - name: dashboard\n    rules:\n")
	for i, e := range dashboardExprs(t) {
		e = strings.ReplaceAll(e, "$instance", ".*")
		q, _ := json.Marshal(e)
		fmt.Fprintf(&b, "      - record: dashboard:query_%d\n        expr: %s\n", i, q)
	}
	path := filepath.Join(t.TempDir(), "dashboard.rules.yml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := run(t, ".", promtool, "check", "rules", path)
	if !strings.Contains(out, "SUCCESS") {
		t.Fatalf("promtool:\n%s", out)
	}
}

// TestRulesAndDashboardReadMetricsTheServerHas starts the real appliance,
// scrapes /metrics and checks that every metric the alert rules and the
// dashboard name is there: a renamed metric would leave an alert that can
// never fire.
func TestRulesAndDashboardReadMetricsTheServerHas(t *testing.T) {
	t.Parallel()
	app := apptest.Start(t, nil)
	app.Get("/api/v1/version") // one request, so the HTTP histogram has series
	status, _, metrics := app.Get("/metrics")
	if status != http.StatusOK {
		t.Fatalf("/metrics: %d", status)
	}
	have := map[string]bool{}
	for _, line := range strings.Split(metrics, "\n") {
		if name, _, ok := strings.Cut(line, " "); ok && !strings.HasPrefix(line, "#") {
			name, _, _ = strings.Cut(name, "{")
			have[name] = true
		}
	}
	rules, err := os.ReadFile("prometheus/animalgenius.rules.yml")
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{"prometheus/animalgenius.rules.yml": string(rules)}
	sources["grafana/animalgenius.json"] = strings.Join(dashboardExprs(t), "\n")
	metric := regexp.MustCompile(`\b(animalgenius_[a-z_]+|process_[a-z_]+)\b`)
	for file, text := range sources {
		var names []string
		for _, m := range metric.FindAllString(text, -1) {
			if !slices.Contains(names, m) {
				names = append(names, m)
			}
		}
		if len(names) < 8 {
			t.Fatalf("%s: only %d metric names found", file, len(names))
		}
		for _, name := range names {
			if !have[name] && !have[name+"_count"] { // a histogram is _bucket, _sum and _count
				t.Errorf("%s reads %s, which /metrics does not have", file, name)
			}
		}
	}
}
