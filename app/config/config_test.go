package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestExampleFileMatchesDefaults(t *testing.T) {
	cfg, err := Load("../../config.example.toml", nil)
	if err != nil {
		t.Fatalf("example config does not load: %v", err)
	}
	if !reflect.DeepEqual(normalise(cfg), normalise(Default())) {
		t.Fatalf("config.example.toml differs from Default():\nfile:    %+v\ndefault: %+v", cfg, Default())
	}
	if err := cfg.Validate(); err != nil {
		t.Fatalf("defaults do not validate: %v", err)
	}
	// Every key must be documented in the example.
	data, _ := os.ReadFile("../../config.example.toml")
	for _, env := range EnvKeys() {
		key := strings.ToLower(strings.TrimPrefix(env, "AG_"))
		_, leaf, _ := strings.Cut(key, "_")
		if !strings.Contains(string(data), "\n"+leaf+" = ") {
			t.Errorf("config.example.toml does not document %s", env)
		}
	}
}

// normalise makes nil and empty slices compare equal.
func normalise(c Config) Config {
	if len(c.Server.TrustedProxies) == 0 {
		c.Server.TrustedProxies = nil
	}
	if len(c.Sockets.TrustedNetworks) == 0 {
		c.Sockets.TrustedNetworks = nil
	}
	if len(c.Sockets.AllowedOrigins) == 0 {
		c.Sockets.AllowedOrigins = nil
	}
	c.File = "" // where it was read from, not a setting
	return c
}

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPrecedence(t *testing.T) {
	path := writeFile(t, "[server]\naddr = \":7000\"\ndata_dir = \"/srv/file\"\n[database]\nreaders = 3\n")
	cfg, err := Load(path, []string{"AG_SERVER_ADDR=:7100", "AG_JOBS_RETRY_BASE=5s", "AG_SOCKETS_TRUSTED_NETWORKS=10.0.0.0/8, 192.168.1.1", "PATH=/bin"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Server.Addr != ":7100" {
		t.Errorf("env must override file: addr = %q", cfg.Server.Addr)
	}
	if cfg.Server.DataDir != "/srv/file" || cfg.Database.Readers != 3 {
		t.Errorf("file must override defaults: %+v %+v", cfg.Server, cfg.Database)
	}
	if cfg.Jobs.RetryBase.Duration != 5*time.Second {
		t.Errorf("duration from env: %v", cfg.Jobs.RetryBase)
	}
	if got := cfg.Sockets.TrustedNetworks; len(got) != 2 || got[1] != "192.168.1.1" {
		t.Errorf("list from env: %v", got)
	}
	if cfg.Backup.Keep != 7 {
		t.Errorf("untouched key must keep its default, got %d", cfg.Backup.Keep)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
}

// A small box may hold the runtime to a low soft limit (the idle server
// needs less than 40 MB).
func TestSmallMemoryLimit(t *testing.T) {
	cfg, err := Load("", []string{"AG_SERVER_MEMORY_LIMIT_MB=32"})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil || cfg.Server.MemoryLimitMB != 32 {
		t.Fatalf("memory_limit_mb = 32: %d %v", cfg.Server.MemoryLimitMB, err)
	}
}

func TestBadConfigNamesKeyAndReason(t *testing.T) {
	cases := []struct {
		name, file string
		env        []string
		wantKey    string
	}{
		{"unknown key", "[server]\nadress = \":1\"\n", nil, "server.adress"},
		{"wrong type", "[database]\nreaders = \"many\"\n", nil, "database.readers"},
		{"bad duration", "[server]\nread_timeout = \"soon\"\n", nil, "server.read_timeout"},
		{"bad synchronous", "[database]\nsynchronous = \"OFF\"\n", nil, "database.synchronous"},
		{"bad addr", "[server]\naddr = \"8080\"\n", nil, "server.addr"},
		{"bad backup time", "[backup]\ntime = \"25:00\"\n", nil, "backup.time"},
		{"bad signup", "[auth]\nsignup_mode = \"maybe\"\n", nil, "auth.signup_mode"},
		{"env not a number", "", []string{"AG_BACKUP_KEEP=lots"}, "backup.keep"},
		{"env bad value", "", []string{"AG_LOG_LEVEL=loud"}, "log.level"},
		{"zero readers", "[database]\nreaders = 0\n", nil, "database.readers"},
		{"bad cidr", "[sockets]\ntrusted_networks = [\"10.0.0.0/99\"]\n", nil, "sockets.trusted_networks"},
		{"tiny memory limit", "[server]\nmemory_limit_mb = 10\n", nil, "server.memory_limit_mb"},
		{"negative memory limit", "", []string{"AG_SERVER_MEMORY_LIMIT_MB=-5"}, "server.memory_limit_mb"},
		{"no question pictures", "[uploads]\nquestion_pictures_per_day = 0\n", nil, "uploads.question_pictures_per_day"},
		{"env question pictures", "", []string{"AG_UPLOADS_QUESTION_PICTURES_PER_DAY=-1"}, "uploads.question_pictures_per_day"},
		{"broken toml", "[server\n", nil, "line"},
		{"misspelt variable", "", []string{"AG_SERVER_ADRR=127.0.0.1:9000"}, "AG_SERVER_ADDR"},
		{"variable missing a letter", "", []string{"AG_SERVR_ADDR=127.0.0.1:9000"}, "AG_SERVER_ADDR"},
		{"public url with a space", "[server]\npublic_url = \"http://a b\"\n", nil, "server.public_url"},
		{"public url without a host", "", []string{"AG_SERVER_PUBLIC_URL=https://"}, "server.public_url"},
		{"public url with a query", "", []string{"AG_SERVER_PUBLIC_URL=https://box.school.test/?x=1"}, "server.public_url"},
		{"public url with a user", "", []string{"AG_SERVER_PUBLIC_URL=https://me@box.school.test"}, "server.public_url"},
		{"public url with a path", "", []string{"AG_SERVER_PUBLIC_URL=http://x.example/ag"}, "server.public_url"},
		{"warning not before the deletion", "[retention]\narchived_class_days = 30\narchived_class_warn_days = 30\n", nil,
			"retention.archived_class_warn_days"},
		{"warning after the deletion", "", []string{"AG_RETENTION_ARCHIVED_CLASS_DAYS=10"}, "retention.archived_class_days (10)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := ""
			if tc.file != "" {
				path = writeFile(t, tc.file)
			}
			cfg, err := Load(path, tc.env)
			if err == nil {
				err = cfg.Validate()
			}
			if err == nil {
				t.Fatal("bad config accepted")
			}
			if !strings.Contains(err.Error(), tc.wantKey) {
				t.Fatalf("error %q does not name %q", err, tc.wantKey)
			}
		})
	}
}

// AG_ variables that are not a setting nor a letter or two from one are
// left alone: a box may set its own.
func TestOtherAGVariablesAreLeftAlone(t *testing.T) {
	if _, err := Load("", []string{"AG_CONFIG=/etc/ag.toml", "AG_BUILD_TAG=xyz", "AG_OWNER=it-team", "AG_TEST_LOG=1"}); err != nil {
		t.Fatalf("unrelated AG_ variables refused: %v", err)
	}
}

// The rules between settings leave alone what they do not concern: a
// trailing slash on public_url, a warning with the deletion off.
func TestRelatedSettingsAccepted(t *testing.T) {
	for _, env := range [][]string{
		{"AG_SERVER_PUBLIC_URL=https://box.school.test/"},
		{"AG_SERVER_PUBLIC_URL=http://box.school.test:8080"},
		{"AG_RETENTION_ARCHIVED_CLASS_DAYS=0", "AG_RETENTION_ARCHIVED_CLASS_WARN_DAYS=30"},
		{"AG_RETENTION_ARCHIVED_CLASS_DAYS=31", "AG_RETENTION_ARCHIVED_CLASS_WARN_DAYS=30"},
	} {
		cfg, err := Load("", env)
		if err == nil {
			err = cfg.Validate()
		}
		if err != nil {
			t.Errorf("%v refused: %v", env, err)
		}
	}
}
