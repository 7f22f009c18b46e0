// Package config holds the appliance configuration: defaults, the TOML file,
// AG_* environment variables and flags, in that order of precedence.
package config

import (
	"errors"
	"fmt"
	"maps"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Duration is a time.Duration written as "15s", "12h" in TOML and env.
type Duration struct{ time.Duration }

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := d.parse(string(b))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

func (*Duration) parse(s string) (time.Duration, error) {
	v, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("not a duration like \"15s\" or \"12h\": %q", s)
	}
	return v, nil
}

// MarshalText writes the duration back as a string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.Duration.String()), nil }

// Config is every setting of the appliance. config.example.toml documents each key.
type Config struct {
	Server    Server    `toml:"server"`
	Log       Log       `toml:"log"`
	Database  Database  `toml:"database"`
	Backup    Backup    `toml:"backup"`
	Jobs      Jobs      `toml:"jobs"`
	Metrics   Metrics   `toml:"metrics"`
	Auth      Auth      `toml:"auth"`
	Sockets   Sockets   `toml:"sockets"`
	Uploads   Uploads   `toml:"uploads"`
	Retention Retention `toml:"retention"`
	Privacy   Privacy   `toml:"privacy"`
	// File is the configuration file read ("" for none); not a setting.
	File string `toml:"-"`
}

type Server struct {
	Addr            string   `toml:"addr"`
	DataDir         string   `toml:"data_dir"`
	PublicURL       string   `toml:"public_url"`
	BodyLimit       int      `toml:"body_limit"`
	ReadTimeout     Duration `toml:"read_timeout"`
	WriteTimeout    Duration `toml:"write_timeout"`
	IdleTimeout     Duration `toml:"idle_timeout"`
	ShutdownTimeout Duration `toml:"shutdown_timeout"`
	MinFreeDiskMB   int      `toml:"min_free_disk_mb"`
	// MemoryLimitMB is the Go runtime's soft memory limit (GOMEMLIMIT) in
	// MiB; 0 leaves the runtime's default (or the GOMEMLIMIT variable).
	MemoryLimitMB  int      `toml:"memory_limit_mb"`
	TrustedProxies []string `toml:"trusted_proxies"`
	// MDNS announces the box as <MDNSName>.local on the school network.
	MDNS     bool   `toml:"mdns"`
	MDNSName string `toml:"mdns_name"`
}

type Log struct {
	Level  string `toml:"level"`
	Format string `toml:"format"`
}

type Database struct {
	Synchronous string   `toml:"synchronous"`
	BusyTimeout Duration `toml:"busy_timeout"`
	Readers     int      `toml:"readers"`
}

type Backup struct {
	Time string `toml:"time"`
	Keep int    `toml:"keep"`
	Dir  string `toml:"dir"`
	// CopyTo is a directory on another device (a school share, a USB
	// disk) that every scheduled backup is copied to and verified in.
	CopyTo string `toml:"copy_to"`
}

type Jobs struct {
	Concurrency int      `toml:"concurrency"`
	MaxAttempts int      `toml:"max_attempts"`
	RetryBase   Duration `toml:"retry_base"`
	Poll        Duration `toml:"poll"`
}

type Metrics struct {
	Token string `toml:"token"`
	// Profiling serves Go's profiles at /debug/pprof/ to loopback callers.
	Profiling bool `toml:"profiling"`
}

type Auth struct {
	SignupMode           string   `toml:"signup_mode"`
	SessionIdle          Duration `toml:"session_idle"`
	SessionAbsolute      Duration `toml:"session_absolute"`
	StudentSessionIdle   Duration `toml:"student_session_idle"`
	HashConcurrency      int      `toml:"hash_concurrency"`
	SchoolInviteCode     string   `toml:"school_invite_code"`
	PassportAddrFailures int      `toml:"passport_addr_failures"`
	PassportBoxRate      float64  `toml:"passport_box_rate"`
}

type Sockets struct {
	MaxPerGame      int      `toml:"max_per_game"`
	MaxTotal        int      `toml:"max_total"`
	MaxPerAddr      int      `toml:"max_per_addr"`
	TrustedNetworks []string `toml:"trusted_networks"`
	AllowedOrigins  []string `toml:"allowed_origins"`
	MessageRate     float64  `toml:"message_rate"`
	MessageBurst    int      `toml:"message_burst"`
	PINAddrFailures int      `toml:"pin_addr_failures"`
}

type Uploads struct {
	MaxBytes     int `toml:"max_bytes"`
	MaxPixels    int `toml:"max_pixels"`
	MaxDimension int `toml:"max_dimension"`
	// QuestionPicturesPerDay is how many question pictures one teacher may
	// upload in 24 hours.
	QuestionPicturesPerDay int `toml:"question_pictures_per_day"`
}

// Retention says how long data is kept; 0 keeps it (the rule is off).
type Retention struct {
	// ArchivedClassDays: the students of a class archived this long are
	// deleted; teachers are warned ArchivedClassWarnDays before.
	ArchivedClassDays     int `toml:"archived_class_days"`
	ArchivedClassWarnDays int `toml:"archived_class_warn_days"`
	// GameDays: finished games (players, answers) are deleted after this.
	GameDays int `toml:"game_days"`
	// AuditDays: audit lines are deleted after this; their addresses are
	// blanked after AuditAddressDays.
	AuditDays        int `toml:"audit_days"`
	AuditAddressDays int `toml:"audit_address_days"`
	// UploadDays: uploaded picture files no row uses are deleted after this.
	UploadDays int `toml:"upload_days"`
	// BackupDays: backup files (scheduled, manual, pre-migrate) and the
	// data kept aside by restore are deleted after this.
	BackupDays int `toml:"backup_days"`
}

// Privacy is what the privacy notice (/privacy) says about the school.
type Privacy struct {
	// Contact is who parents and students ask about their data (a name,
	// an email address or a phone number, in one line).
	Contact string `toml:"contact"`
}

// mdnsLabel is one DNS label: the box answers to <label>.local.
var mdnsLabel = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)

// Default returns the configuration used when nothing else is given.
func Default() Config {
	return Config{
		Server: Server{
			Addr: ":8080", DataDir: "./data", BodyLimit: 1 << 20,
			ReadTimeout: Duration{15 * time.Second}, WriteTimeout: Duration{30 * time.Second},
			IdleTimeout: Duration{120 * time.Second}, ShutdownTimeout: Duration{10 * time.Second},
			MinFreeDiskMB: 200, MDNS: true, MDNSName: "animalgenius",
		},
		Log:      Log{Level: "info", Format: "text"},
		Database: Database{Synchronous: "FULL", BusyTimeout: Duration{5 * time.Second}, Readers: 8},
		Backup:   Backup{Time: "02:30", Keep: 7},
		Jobs:     Jobs{Concurrency: 2, MaxAttempts: 5, RetryBase: Duration{2 * time.Second}, Poll: Duration{time.Second}},
		Auth: Auth{
			SignupMode: "invite", SessionIdle: Duration{12 * time.Hour}, SessionAbsolute: Duration{7 * 24 * time.Hour},
			StudentSessionIdle: Duration{2 * time.Hour}, HashConcurrency: 2, PassportAddrFailures: 200, PassportBoxRate: 6,
		},
		Sockets: Sockets{MaxPerGame: 1000, MaxTotal: 5000, MaxPerAddr: 2000, MessageRate: 10, MessageBurst: 20, PINAddrFailures: 200},
		Uploads: Uploads{MaxBytes: 10 << 20, MaxPixels: 40_000_000, MaxDimension: 8000, QuestionPicturesPerDay: 50},
		Retention: Retention{ArchivedClassDays: 365, ArchivedClassWarnDays: 30, GameDays: 365, AuditDays: 730, AuditAddressDays: 90,
			UploadDays: 7, BackupDays: 90},
	}
}

// Error names the key that is wrong and why.
type Error struct {
	Key    string
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("config: %s: %s", e.Key, e.Reason) }

// Validate checks every key and returns all problems found.
func (c *Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, &Error{Key: key, Reason: fmt.Sprintf(format, args...)})
	}
	if _, _, err := net.SplitHostPort(c.Server.Addr); err != nil {
		bad("server.addr", "must be host:port or :port, got %q", c.Server.Addr)
	}
	if strings.TrimSpace(c.Server.DataDir) == "" {
		bad("server.data_dir", "must not be empty")
	}
	if c.Server.PublicURL != "" && !strings.HasPrefix(c.Server.PublicURL, "http://") && !strings.HasPrefix(c.Server.PublicURL, "https://") {
		bad("server.public_url", "must start with http:// or https://, got %q", c.Server.PublicURL)
	} else if c.Server.PublicURL != "" && !goodPublicURL(c.Server.PublicURL) {
		bad("server.public_url", "must be the address pupils open, a scheme and a host name with no spaces, user, query or fragment (e.g. https://animalgenius.school.example), got %q", c.Server.PublicURL)
	} else if p, _ := url.Parse(c.Server.PublicURL); p != nil && p.Path != "" && p.Path != "/" {
		bad("server.public_url", "must have no path: Animal Genius is served from the root of its address (e.g. https://animalgenius.school.example, not .../ag), got %q", c.Server.PublicURL)
	}
	if !mdnsLabel.MatchString(c.Server.MDNSName) {
		bad("server.mdns_name", "must be 1-63 letters, digits or hyphens, not starting or ending with a hyphen, got %q", c.Server.MDNSName)
	}
	if c.Server.BodyLimit < 4096 || c.Server.BodyLimit > 64<<20 {
		bad("server.body_limit", "must be between 4096 and 67108864 bytes, got %d", c.Server.BodyLimit)
	}
	positive := map[string]Duration{
		"server.read_timeout": c.Server.ReadTimeout, "server.write_timeout": c.Server.WriteTimeout,
		"server.idle_timeout": c.Server.IdleTimeout, "server.shutdown_timeout": c.Server.ShutdownTimeout,
		"database.busy_timeout": c.Database.BusyTimeout, "jobs.retry_base": c.Jobs.RetryBase, "jobs.poll": c.Jobs.Poll,
		"auth.session_idle": c.Auth.SessionIdle, "auth.session_absolute": c.Auth.SessionAbsolute,
		"auth.student_session_idle": c.Auth.StudentSessionIdle,
	}
	for _, key := range sortedKeys(positive) {
		if positive[key].Duration <= 0 {
			bad(key, "must be a positive duration, got %s", positive[key].Duration)
		}
	}
	if c.Server.MemoryLimitMB != 0 && (c.Server.MemoryLimitMB < 16 || c.Server.MemoryLimitMB > 1<<20) {
		bad("server.memory_limit_mb", "must be 0 (no limit) or between 16 and 1048576 MiB, got %d", c.Server.MemoryLimitMB)
	}
	if c.Server.MinFreeDiskMB < 0 {
		bad("server.min_free_disk_mb", "must be 0 or more, got %d", c.Server.MinFreeDiskMB)
	}
	for _, p := range c.Server.TrustedProxies {
		if _, err := parsePrefix(p); err != nil {
			bad("server.trusted_proxies", "%q is not an IP address or CIDR", p)
		}
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level", "must be debug, info, warn or error, got %q", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		bad("log.format", "must be text or json, got %q", c.Log.Format)
	}
	switch strings.ToUpper(c.Database.Synchronous) {
	case "FULL", "NORMAL", "EXTRA":
		c.Database.Synchronous = strings.ToUpper(c.Database.Synchronous)
	default:
		bad("database.synchronous", "must be FULL, NORMAL or EXTRA, got %q", c.Database.Synchronous)
	}
	if c.Database.Readers < 1 || c.Database.Readers > 64 {
		bad("database.readers", "must be between 1 and 64, got %d", c.Database.Readers)
	}
	if c.Backup.Time != "" {
		if _, err := time.Parse("15:04", c.Backup.Time); err != nil {
			bad("backup.time", "must be a time of day like \"02:30\" or empty to turn scheduled backups off, got %q", c.Backup.Time)
		}
	}
	if c.Backup.CopyTo != "" && !filepath.IsAbs(c.Backup.CopyTo) {
		bad("backup.copy_to", "must be an absolute path (a mounted share or USB disk) or empty, got %q", c.Backup.CopyTo)
	}
	if c.Backup.Keep < 1 || c.Backup.Keep > 1000 {
		bad("backup.keep", "must be between 1 and 1000, got %d", c.Backup.Keep)
	}
	if c.Jobs.Concurrency < 1 || c.Jobs.Concurrency > 64 {
		bad("jobs.concurrency", "must be between 1 and 64, got %d", c.Jobs.Concurrency)
	}
	if c.Jobs.MaxAttempts < 1 || c.Jobs.MaxAttempts > 100 {
		bad("jobs.max_attempts", "must be between 1 and 100, got %d", c.Jobs.MaxAttempts)
	}
	switch c.Auth.SignupMode {
	case "invite", "open", "closed":
	default:
		bad("auth.signup_mode", "must be invite, open or closed, got %q", c.Auth.SignupMode)
	}
	if c.Auth.SessionIdle.Duration > c.Auth.SessionAbsolute.Duration {
		bad("auth.session_idle", "must not be longer than auth.session_absolute")
	}
	if c.Auth.HashConcurrency < 1 || c.Auth.HashConcurrency > 64 {
		bad("auth.hash_concurrency", "must be between 1 and 64, got %d", c.Auth.HashConcurrency)
	}
	if c.Auth.SchoolInviteCode != "" && len(c.Auth.SchoolInviteCode) < 8 {
		bad("auth.school_invite_code", "must be at least 8 characters or empty")
	}
	if !(c.Auth.PassportBoxRate > 0 && c.Auth.PassportBoxRate <= 100_000) {
		bad("auth.passport_box_rate", "must be more than 0 and at most 100000, got %v", c.Auth.PassportBoxRate)
	}
	if c.Auth.PassportAddrFailures < 1 {
		bad("auth.passport_addr_failures", "must be 1 or more, got %d", c.Auth.PassportAddrFailures)
	}
	if c.Sockets.MaxPerGame < 2 || c.Sockets.MaxPerGame > 100_000 {
		bad("sockets.max_per_game", "must be between 2 and 100000, got %d", c.Sockets.MaxPerGame)
	}
	if c.Sockets.MaxTotal < 1 || c.Sockets.MaxTotal > 1_000_000 {
		bad("sockets.max_total", "must be between 1 and 1000000, got %d", c.Sockets.MaxTotal)
	}
	if c.Sockets.MaxPerAddr < 1 || c.Sockets.MaxPerAddr > c.Sockets.MaxTotal {
		bad("sockets.max_per_addr", "must be between 1 and sockets.max_total, got %d", c.Sockets.MaxPerAddr)
	}
	for _, p := range c.Sockets.TrustedNetworks {
		if _, err := parsePrefix(p); err != nil {
			bad("sockets.trusted_networks", "%q is not an IP address or CIDR", p)
		}
	}
	if c.Sockets.MessageRate < 0.1 || c.Sockets.MessageRate > 10_000 {
		bad("sockets.message_rate", "must be between 0.1 and 10000 messages per second, got %v", c.Sockets.MessageRate)
	}
	if c.Sockets.MessageBurst < 1 || c.Sockets.MessageBurst > 100_000 {
		bad("sockets.message_burst", "must be between 1 and 100000, got %d", c.Sockets.MessageBurst)
	}
	if c.Sockets.PINAddrFailures < 2 {
		bad("sockets.pin_addr_failures", "must be 2 or more, got %d", c.Sockets.PINAddrFailures)
	}
	for _, o := range c.Sockets.AllowedOrigins {
		if !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") {
			bad("sockets.allowed_origins", "%q must start with http:// or https://", o)
		}
	}
	if c.Uploads.MaxBytes < 1024 || c.Uploads.MaxBytes > 100<<20 {
		bad("uploads.max_bytes", "must be between 1024 and 104857600, got %d", c.Uploads.MaxBytes)
	}
	if c.Uploads.MaxPixels < 1 {
		bad("uploads.max_pixels", "must be 1 or more, got %d", c.Uploads.MaxPixels)
	}
	if c.Uploads.MaxDimension < 16 {
		bad("uploads.max_dimension", "must be 16 or more, got %d", c.Uploads.MaxDimension)
	}
	if c.Uploads.QuestionPicturesPerDay < 1 || c.Uploads.QuestionPicturesPerDay > 10000 {
		bad("uploads.question_pictures_per_day", "must be between 1 and 10000, got %d", c.Uploads.QuestionPicturesPerDay)
	}
	for _, r := range []struct {
		key  string
		days int
	}{{"archived_class_days", c.Retention.ArchivedClassDays}, {"archived_class_warn_days", c.Retention.ArchivedClassWarnDays},
		{"game_days", c.Retention.GameDays}, {"audit_days", c.Retention.AuditDays}, {"audit_address_days", c.Retention.AuditAddressDays},
		{"upload_days", c.Retention.UploadDays}, {"backup_days", c.Retention.BackupDays}} {
		if r.days < 0 || r.days > 36500 {
			bad("retention."+r.key, "must be a number of days from 0 (off) to 36500, got %d", r.days)
		}
	}
	if c.Retention.ArchivedClassDays > 0 && c.Retention.ArchivedClassWarnDays >= c.Retention.ArchivedClassDays {
		bad("retention.archived_class_warn_days", "must be less than retention.archived_class_days (%d), so the warning comes before the deletion, got %d",
			c.Retention.ArchivedClassDays, c.Retention.ArchivedClassWarnDays)
	}
	if c.Retention.AuditDays > 0 && c.Retention.AuditAddressDays > c.Retention.AuditDays {
		bad("retention.audit_address_days", "must not be more than retention.audit_days (%d), got %d", c.Retention.AuditDays, c.Retention.AuditAddressDays)
	}
	if n := utf8.RuneCountInString(c.Privacy.Contact); n > 200 || strings.ContainsAny(c.Privacy.Contact, "\r\n") {
		bad("privacy.contact", "must be one line of at most 200 characters, got %d characters", n)
	}
	return errors.Join(errs...)
}

// parsePrefix accepts "10.0.0.0/8" or a single address.
func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		return netip.ParsePrefix(s)
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// Prefixes parses a validated list of networks.
func Prefixes(list []string) []netip.Prefix {
	out := make([]netip.Prefix, 0, len(list))
	for _, s := range list {
		if p, err := parsePrefix(s); err == nil {
			out = append(out, p)
		}
	}
	return out
}

func sortedKeys(m map[string]Duration) []string { return slices.Sorted(maps.Keys(m)) }

// BackupDir is where scheduled and pre-migrate backups go: backup.dir, or
// <data_dir>/backups.
func (c Config) BackupDir() string {
	if c.Backup.Dir != "" {
		return c.Backup.Dir
	}
	return filepath.Join(c.Server.DataDir, "backups")
}

// goodPublicURL tells whether u (starting with http:// or https://) is a
// base for links: a host (and port), maybe a path, and nothing that would
// make the links pupils open wrong.
func goodPublicURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || p.Hostname() == "" || p.User != nil || p.RawQuery != "" || p.Fragment != "" || p.Opaque != "" {
		return false
	}
	return !strings.ContainsAny(u, " \t\r\n\\<>\"'`")
}
