package classes

import (
	"strings"
	"testing"
)

func TestParseCode(t *testing.T) {
	good := map[string]string{
		"ABC234": "ABC234", "abc234": "ABC234", " abc 234 ": "ABC234", "abc-234": "ABC234", "a b c 2 3 4": "ABC234",
		"zzzzzz": "ZZZZZZ", "\tXYZ789\n": "XYZ789",
	}
	for in, want := range good {
		if got, ok := ParseCode(in); !ok || got != want {
			t.Errorf("ParseCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "ABC23", "ABC2345", "ABC23O", "ABC231", "ABCI23", "ABC L23", "ÅBC234", "<scrip", strings.Repeat("A", 65), "ABC_23"} {
		if got, ok := ParseCode(in); ok {
			t.Errorf("ParseCode(%q) = %q, accepted", in, got)
		}
	}
}

func TestNewCodeShape(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		c := NewCode()
		if got, ok := ParseCode(c); !ok || got != c {
			t.Fatalf("NewCode() = %q does not read back", c)
		}
		seen[c] = true
	}
	if len(seen) < 999 {
		t.Errorf("1000 codes had only %d different", len(seen))
	}
}

// TestClassNameTextRule: a class name follows textrules.Text (one line,
// no hidden or control characters, NFC).
func TestClassNameTextRule(t *testing.T) {
	for _, bad := range []string{"Room\u202e7", "Room\u200b7", "\ufeffRoom 7", "Sci\u00adence", "Room\t7", "Room\n7", "Room\x1b7", "Room\u00857"} {
		if _, err := CheckInput(Input{Name: bad}); err == nil {
			t.Errorf("class name %q accepted", bad)
		}
		name := bad
		if _, err := CheckPatch(Patch{Name: &name}); err == nil {
			t.Errorf("class rename to %q accepted", bad)
		}
	}
	in, err := CheckInput(Input{Name: "Cafe\u0301 club"})
	if err != nil || in.Name != "Café club" {
		t.Fatalf("NFC: %q %v", in.Name, err)
	}
}

func TestCheckInput(t *testing.T) {
	in, err := CheckInput(Input{Name: "  Room   7 "})
	if err != nil || in.Name != "Room 7" || in.Icon != "owl" || in.Colour != Palette[0] {
		t.Fatalf("defaults: %+v %v", in, err)
	}
	if in, err := CheckInput(Input{Name: "Science 6B", Colour: strings.ToLower(Palette[2]), Icon: "parrot", Grade: 6, SeatLimit: 30}); err != nil || in.Colour != Palette[2] {
		t.Fatalf("valid input: %+v %v", in, err)
	}
	bad := []struct {
		in    Input
		field string
	}{
		{Input{Name: ""}, "name"},
		{Input{Name: strings.Repeat("é", MaxName+1)}, "name"},
		{Input{Name: "a<b"}, "name"},
		{Input{Name: "tab\x00"}, "name"},
		{Input{Name: "x", Grade: -1}, "grade"},
		{Input{Name: "x", Grade: 13}, "grade"},
		{Input{Name: "x", Icon: "cat"}, "icon"},
		{Input{Name: "x", Colour: "#000000"}, "colour"},
		{Input{Name: "x", SeatLimit: -2}, "seatLimit"},
		{Input{Name: "x", SeatLimit: MaxStudents + 1}, "seatLimit"},
	}
	for _, tt := range bad {
		_, err := CheckInput(tt.in)
		fe, ok := err.(FieldErrors)
		if !ok || fe[tt.field] == "" {
			t.Errorf("CheckInput(%+v) = %v; want a %s error", tt.in, err, tt.field)
		}
	}
	if _, err := CheckPatch(Patch{}); err == nil {
		t.Error("empty patch accepted")
	}
	on := true
	if _, err := CheckPatch(Patch{AllowRetakes: &on}); err != nil {
		t.Errorf("retakes patch: %v", err)
	}
}

func TestFull(t *testing.T) {
	for _, tt := range []struct {
		limit, students int
		full            bool
	}{{0, 0, false}, {0, 999, false}, {0, MaxStudents, true}, {3, 2, false}, {3, 3, true}, {3, 4, true}} {
		if got := (Class{SeatLimit: tt.limit, Students: tt.students}).Full(); got != tt.full {
			t.Errorf("limit %d students %d: full %v", tt.limit, tt.students, got)
		}
	}
}

// FuzzParseCode: anything accepted is a canonical code that reads back to
// itself, in any case; nothing panics.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"ABC234", "abc 234", "", "-", "ÅBC234", "\xff", strings.Repeat("a", 70)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, ok := ParseCode(in)
		if !ok {
			return
		}
		if len(got) != CodeLen {
			t.Fatalf("ParseCode(%q) = %q", in, got)
		}
		again, ok := ParseCode(strings.ToLower(got))
		if !ok || again != got {
			t.Fatalf("ParseCode(lower(%q)) = %q, %v", got, again, ok)
		}
	})
}
