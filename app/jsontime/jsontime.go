// Package jsontime is the one time format of the API, its socket frames
// and its exports: RFC 3339 in UTC with milliseconds, always three digits
// ("2026-12-02T08:15:30.123Z"). Every time an answer carries is a Time
// (or written with Format), so clients parse one shape everywhere.
package jsontime

import (
	"fmt"
	"time"
)

// Layout is the API's time layout (RFC 3339, UTC, milliseconds).
const Layout = "2006-01-02T15:04:05.000Z07:00"

// Time is a time.Time that goes to JSON in Layout, in UTC. Its zero value
// is the zero time (skip it with omitzero, or it is written as such).
type Time struct{ time.Time }

// Of wraps t.
func Of(t time.Time) Time { return Time{t} }

// Ptr wraps t, or is nil for nil.
func Ptr(t *time.Time) *Time {
	if t == nil {
		return nil
	}
	return &Time{*t}
}

// UnixMilli is the time of ms milliseconds since 1970 (how the store keeps them).
func UnixMilli(ms int64) Time { return Time{time.UnixMilli(ms).UTC()} }

// Format writes t in Layout.
func Format(t time.Time) string { return t.UTC().Format(Layout) }

// AppendFormat appends t in Layout to b.
func AppendFormat(b []byte, t time.Time) []byte { return t.UTC().AppendFormat(b, Layout) }

// MarshalJSON writes the time as a JSON string in Layout.
func (t Time) MarshalJSON() ([]byte, error) {
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return nil, fmt.Errorf("jsontime: year %d outside 0-9999", y)
	}
	b := make([]byte, 0, len(Layout)+2)
	b = append(b, '"')
	b = AppendFormat(b, t.Time)
	return append(b, '"'), nil
}

// UnmarshalJSON reads any RFC 3339 time (what MarshalJSON writes, or
// another zone or precision).
func (t *Time) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("jsontime: %s is not a time string", b)
	}
	p, err := time.Parse(time.RFC3339Nano, string(b[1:len(b)-1]))
	if err != nil {
		return fmt.Errorf("jsontime: %w", err)
	}
	t.Time = p
	return nil
}
