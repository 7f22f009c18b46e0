package jsontime

import (
	"encoding/json"
	"regexp"
	"testing"
	"time"
)

var shape = regexp.MustCompile(`^"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"$`)

func TestMarshalIsUTCWithMilliseconds(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	for _, tc := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 12, 2, 9, 15, 30, 123_456_789, berlin), `"2026-12-02T08:15:30.123Z"`},
		{time.Date(2026, 12, 2, 8, 15, 30, 0, time.UTC), `"2026-12-02T08:15:30.000Z"`},
		{time.Date(2026, 1, 1, 0, 0, 0, 100_000_000, time.UTC), `"2026-01-01T00:00:00.100Z"`},
		{time.UnixMilli(1764663330123), `"2025-12-02T08:15:30.123Z"`},
	} {
		b, err := json.Marshal(Of(tc.in))
		if err != nil || string(b) != tc.want || !shape.Match(b) {
			t.Errorf("%v: %s %v, want %s", tc.in, b, err, tc.want)
		}
		var back Time
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(tc.in.Truncate(time.Millisecond)) {
			t.Errorf("round trip of %s: %v %v", b, back, err)
		}
	}
}

func TestOmitzeroAndPointers(t *testing.T) {
	type v struct {
		A Time  `json:"a,omitzero"`
		B *Time `json:"b,omitempty"`
		C Time  `json:"c"`
	}
	b, err := json.Marshal(v{C: UnixMilli(0)})
	if err != nil || string(b) != `{"c":"1970-01-01T00:00:00.000Z"}` {
		t.Fatalf("%s %v", b, err)
	}
	now := time.Now()
	b, _ = json.Marshal(v{A: Of(now), B: Ptr(&now), C: Of(now)})
	if !regexp.MustCompile(`^\{"a":"[^"]+\.\d{3}Z","b":"[^"]+\.\d{3}Z","c":"[^"]+\.\d{3}Z"\}$`).Match(b) {
		t.Fatalf("%s", b)
	}
	if Ptr(nil) != nil {
		t.Fatal("Ptr(nil) is not nil")
	}
}

func TestRefusals(t *testing.T) {
	if _, err := json.Marshal(Of(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))); err == nil {
		t.Error("year 10000 written")
	}
	var x Time
	for _, bad := range []string{`123`, `"yesterday"`, `"2026-12-02"`, `""`} {
		if err := json.Unmarshal([]byte(bad), &x); err == nil {
			t.Errorf("%s read as %v", bad, x)
		}
	}
}

func BenchmarkMarshal(b *testing.B) {
	t := Of(time.Now())
	for i := 0; i < b.N; i++ {
		if _, err := t.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}
