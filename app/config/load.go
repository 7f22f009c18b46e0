package config

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/pelletier/go-toml/v2"
)

// Load builds the configuration: defaults, then the TOML file at path (if
// path is not empty), then AG_* variables from env (e.g. AG_SERVER_ADDR,
// AG_DATABASE_SYNCHRONOUS). Flags are applied by the caller, then Validate.
func Load(path string, env []string) (Config, error) {
	cfg := Default()
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return cfg, fmt.Errorf("config: unable to read %s: %w", path, err)
		}
		dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
		if err := dec.Decode(&cfg); err != nil {
			return cfg, describeTOMLError(path, err)
		}
		cfg.File = path
	}
	if err := applyEnv(&cfg, env); err != nil {
		return cfg, err
	}
	return cfg, nil
}

func describeTOMLError(path string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) && len(strict.Errors) > 0 {
		keys := make([]string, 0, len(strict.Errors))
		for _, e := range strict.Errors {
			keys = append(keys, strings.Join(e.Key(), "."))
		}
		return &Error{Key: strings.Join(keys, ", "), Reason: "unknown key in " + path + " (see config.example.toml)"}
	}
	var decErr *toml.DecodeError
	if errors.As(err, &decErr) {
		row, col := decErr.Position()
		key := strings.Join(decErr.Key(), ".")
		if key == "" {
			key = fmt.Sprintf("%s line %d column %d", path, row, col)
		}
		return &Error{Key: key, Reason: decErr.Error()}
	}
	return fmt.Errorf("config: %s: %w", path, err)
}

// EnvKeys lists every AG_* variable the configuration understands.
func EnvKeys() []string {
	var keys []string
	walk(reflect.ValueOf(&Config{}).Elem(), "", func(key string, _ reflect.Value) {
		keys = append(keys, envName(key))
	})
	return keys
}

func envName(key string) string {
	return "AG_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

func applyEnv(cfg *Config, env []string) error {
	vars := map[string]string{}
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "AG_") {
			vars[k] = v
		}
	}
	if len(vars) == 0 {
		return nil
	}
	var errs []error
	known := map[string]bool{}
	walk(reflect.ValueOf(cfg).Elem(), "", func(key string, field reflect.Value) {
		known[envName(key)] = true
		raw, ok := vars[envName(key)]
		if !ok {
			return
		}
		if err := setField(field, raw); err != nil {
			errs = append(errs, &Error{Key: key, Reason: fmt.Sprintf("from %s: %v", envName(key), err)})
		}
	})
	// A misspelt setting would be ignored without a word, as a wrong key in
	// the file is not: a variable a letter or two away from a setting's is
	// refused, naming the setting. Other AG_ variables are left alone (the
	// command line's AG_CONFIG, or whatever else a box sets).
	settings := slices.Sorted(maps.Keys(known))
	for _, name := range slices.Sorted(maps.Keys(vars)) {
		if known[name] || notSettings[name] {
			continue
		}
		for _, k := range settings {
			if levenshtein.ComputeDistance(name, k) <= 2 {
				errs = append(errs, fmt.Errorf("config: %s is not a setting; did you mean %s?", name, k))
				break
			}
		}
	}
	return errors.Join(errs...)
}

// notSettings are AG_ variables that are read elsewhere, not settings.
var notSettings = map[string]bool{"AG_CONFIG": true, "AG_CHROMIUM": true, "AG_TEST_LOG": true}

// walk calls fn for every leaf setting with its dotted TOML key.
func walk(v reflect.Value, prefix string, fn func(key string, field reflect.Value)) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		name := t.Field(i).Tag.Get("toml")
		if name == "-" {
			continue
		}
		key := name
		if prefix != "" {
			key = prefix + "." + name
		}
		f := v.Field(i)
		if f.Kind() == reflect.Struct && f.Type() != reflect.TypeFor[Duration]() {
			walk(f, key, fn)
			continue
		}
		fn(key, f)
	}
}

func setField(f reflect.Value, raw string) error {
	raw = strings.TrimSpace(raw)
	switch {
	case f.Type() == reflect.TypeFor[Duration]():
		var d Duration
		if err := d.UnmarshalText([]byte(raw)); err != nil {
			return err
		}
		f.Set(reflect.ValueOf(d))
	case f.Kind() == reflect.String:
		f.SetString(raw)
	case f.CanInt():
		n, err := strconv.ParseInt(raw, 10, f.Type().Bits())
		if err != nil {
			return fmt.Errorf("not a whole number: %q", raw)
		}
		f.SetInt(n)
	case f.CanUint():
		n, err := strconv.ParseUint(raw, 10, f.Type().Bits())
		if err != nil {
			return fmt.Errorf("not a whole number of 0 or more: %q", raw)
		}
		f.SetUint(n)
	case f.CanFloat():
		n, err := strconv.ParseFloat(raw, f.Type().Bits())
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return fmt.Errorf("not a number like 10 or 2.5: %q", raw)
		}
		f.SetFloat(n)
	case f.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fmt.Errorf("not true or false: %q", raw)
		}
		f.SetBool(b)
	case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
		var items []string
		for _, s := range strings.Split(raw, ",") {
			if s = strings.TrimSpace(s); s != "" {
				items = append(items, s)
			}
		}
		f.Set(reflect.ValueOf(items))
	default:
		return fmt.Errorf("unsupported setting type %s", f.Type())
	}
	return nil
}
