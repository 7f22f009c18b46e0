// Package deploy_test checks the files a school installs next to the
// binary with the tools they will be used with: promtool for the alert
// rules, systemd-analyze for the unit.
package deploy_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tool finds a command; under CI (CI=true, where .ci/run installs it) a
// missing tool fails the test, elsewhere it skips with the reason.
func tool(t *testing.T, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing: .ci/run installs Debian's %s package", name, debianPackage)
		}
		t.Skipf("%s not installed (apt-get install %s); CI runs this test", name, debianPackage)
	}
	return path
}

func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestPrometheusRulesCheck(t *testing.T) {
	t.Parallel()
	promtool := tool(t, "promtool", "prometheus")
	out := run(t, "prometheus", promtool, "check", "rules", "animalgenius.rules.yml")
	if !strings.Contains(out, "SUCCESS") {
		t.Fatalf("promtool check rules:\n%s", out)
	}
}

func TestPrometheusRulesUnitTests(t *testing.T) {
	t.Parallel()
	promtool := tool(t, "promtool", "prometheus")
	out := run(t, "prometheus", promtool, "test", "rules", "animalgenius.rules.test.yml")
	if !strings.Contains(out, "SUCCESS") {
		t.Fatalf("promtool test rules:\n%s", out)
	}
}

// TestEveryAlertIsUnitTested keeps the rules and their tests together: an
// alert without a test that expects it to fire is a rule nobody has seen work.
func TestEveryAlertIsUnitTested(t *testing.T) {
	t.Parallel()
	rules, err := os.ReadFile("prometheus/animalgenius.rules.yml")
	if err != nil {
		t.Fatal(err)
	}
	tests, err := os.ReadFile("prometheus/animalgenius.rules.test.yml")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(rules), "\n") {
		name, ok := strings.CutPrefix(strings.TrimSpace(line), "- alert: ")
		if !ok {
			continue
		}
		n++
		if !strings.Contains(string(tests), "alertname: "+name+"\n        exp_alerts:\n          - exp_labels") {
			t.Errorf("alert %s has no unit test where it fires", name)
		}
	}
	if n < 8 {
		t.Fatalf("only %d alerts found", n)
	}
}

// TestSystemdUnitVerifies runs systemd-analyze verify on the unit with
// ExecStart pointing at a freshly built binary (verify checks that the
// command exists and is executable).
func TestSystemdUnitVerifies(t *testing.T) {
	t.Parallel()
	analyze := tool(t, "systemd-analyze", "systemd")
	dir := t.TempDir()
	bin := filepath.Join(dir, "animalgenius")
	build := exec.Command("go", "build", "-o", bin, "..")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	unit, err := os.ReadFile("animalgenius.service")
	if err != nil {
		t.Fatal(err)
	}
	// A refusal at start (exit 78) is not restarted for ever; the copy
	// target is optional ("-"), so an unplugged disk does not stop the start.
	for _, want := range []string{"Type=notify\n", "WatchdogSec=", "NotifyAccess=main\n", "-g animalgenius config.example.toml",
		"\nRestartPreventExitStatus=78\n", "ReadWritePaths=/var/lib/animalgenius -/mnt/school-share/animalgenius\n"} {
		if !strings.Contains(string(unit), want) {
			t.Errorf("the unit lacks %q", want)
		}
	}
	if strings.Contains(string(unit), "Type=simple") {
		t.Error("Type=simple returns from systemctl start before the migrations are done")
	}
	local := strings.ReplaceAll(string(unit), "/usr/local/bin/animalgenius", bin)
	path := filepath.Join(dir, "animalgenius.service")
	if err := os.WriteFile(path, []byte(local), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, analyze, "verify", path).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
}
