package config

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

// exampleKeys reads config.example.toml as plain TOML: dotted key -> value.
func exampleKeys(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile("../../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for section, keys := range doc {
		for k, v := range keys {
			out[section+"."+k] = v
		}
	}
	return out
}

// asTOML renders cfg and reads it back the way exampleKeys reads the file.
func asTOML(t *testing.T, cfg Config) map[string]any {
	t.Helper()
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(cfg); err != nil {
		t.Fatal(err)
	}
	var doc map[string]map[string]any
	if err := toml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for section, keys := range doc {
		for k, v := range keys {
			out[section+"."+k] = v
		}
	}
	return out
}

// otherValue returns a value of the same TOML type as v that differs from
// it, and how to write it in an environment variable.
func otherValue(t *testing.T, key string, v any) (any, string) {
	t.Helper()
	switch v := v.(type) {
	case string:
		if d, err := (&Duration{}).parse(v); err == nil {
			nd := Duration{d + 17_000_000_000}
			text, _ := nd.MarshalText()
			return string(text), string(text)
		}
		return "changed-" + key, "changed-" + key
	case int64:
		return v + 3, fmt.Sprint(v + 3)
	case float64:
		return v + 2.5, fmt.Sprint(v + 2.5)
	case bool:
		return !v, fmt.Sprint(!v)
	case []any:
		return []any{"10.1.0.0/16", "192.168.7.7"}, " 10.1.0.0/16 , 192.168.7.7 "
	}
	t.Fatalf("%s: the example's value %v has a type (%T) this test does not know", key, v, v)
	return nil, ""
}

// TestEveryExampleKeyIsSettableByEnvironment sets each key of
// config.example.toml through its AG_ variable alone and reads it back.
func TestEveryExampleKeyIsSettableByEnvironment(t *testing.T) {
	example := exampleKeys(t)
	if len(example) < 40 {
		t.Fatalf("only %d keys read from config.example.toml", len(example))
	}
	envKeys := EnvKeys()
	for key, v := range example {
		env := envName(key)
		if !slices.Contains(envKeys, env) {
			t.Errorf("%s is documented but has no variable %s", key, env)
			continue
		}
		want, raw := otherValue(t, key, v)
		cfg, err := Load("", []string{env + "=" + raw})
		if err != nil {
			t.Errorf("%s=%q refused: %v", env, raw, err)
			continue
		}
		got := asTOML(t, cfg)
		if !reflect.DeepEqual(got[key], want) {
			t.Errorf("%s=%q: %s = %#v, want %#v", env, raw, key, got[key], want)
		}
		// Nothing else moved.
		for other, ov := range asTOML(t, Default()) {
			if other != key && !reflect.DeepEqual(got[other], ov) {
				t.Errorf("%s also changed %s", env, other)
			}
		}
	}
	// And the other way: every variable is documented in the example.
	for _, env := range envKeys {
		found := false
		for key := range example {
			found = found || envName(key) == env
		}
		if !found {
			t.Errorf("%s is not in config.example.toml", env)
		}
	}
}

func TestEnvironmentValuesOfTheWrongShapeNameTheVariable(t *testing.T) {
	for env, raw := range map[string]string{
		"AG_SOCKETS_MESSAGE_RATE": "fast", "AG_SERVER_MIN_FREE_DISK_MB": "1.5", "AG_METRICS_PROFILING": "perhaps",
		"AG_AUTH_SESSION_IDLE": "12", "AG_DATABASE_READERS": "", "AG_SOCKETS_MESSAGE_BURST": "99999999999999999999",
	} {
		_, err := Load("", []string{env + "=" + raw})
		if err == nil || !strings.Contains(err.Error(), env) {
			t.Errorf("%s=%q: %v", env, raw, err)
		}
	}
	for _, raw := range []string{"NaN", "Inf", "-Inf"} {
		if _, err := Load("", []string{"AG_SOCKETS_MESSAGE_RATE=" + raw}); err == nil {
			t.Errorf("message_rate %q accepted", raw)
		}
	}
	cfg, err := Load("", []string{"AG_SOCKETS_MESSAGE_RATE=2.5"})
	if err != nil || cfg.Sockets.MessageRate != 2.5 {
		t.Fatalf("AG_SOCKETS_MESSAGE_RATE=2.5: %v %v", cfg.Sockets.MessageRate, err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
}
