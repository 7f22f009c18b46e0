package passport

import (
	"strings"
	"testing"
)

func TestRandomUsesOnlyTheAlphabetAndEveryCharacter(t *testing.T) {
	seen := map[rune]int{}
	for range 2000 {
		s := Random(RandomLen)
		if len(s) != RandomLen {
			t.Fatalf("Random(%d) = %q", RandomLen, s)
		}
		for _, r := range s {
			if !strings.ContainsRune(Alphabet, r) {
				t.Fatalf("Random gave %q, outside the alphabet", r)
			}
			seen[r]++
		}
	}
	if len(seen) != len(Alphabet) {
		t.Errorf("10,000 characters used %d of the %d alphabet characters", len(seen), len(Alphabet))
	}
	// Uniform: each character is expected 10000/31 = 322 times; a bias
	// from a modulo without rejection would push some far away.
	for r, n := range seen {
		if n < 200 || n > 450 {
			t.Errorf("character %q drawn %d times of 10,000; expected about 322", r, n)
		}
	}
}

func TestNew(t *testing.T) {
	for animal, prefix := range map[string]string{"meerkat": "MEE", "panda": "PAN", "owl": "OWL", "beaver": "BEA",
		"elephant": "ELE", "otter": "OTT", "parrot": "PAR", "border_collie": "COL"} {
		code, ok := New(animal)
		if !ok || !strings.HasPrefix(code, prefix+"-") || !Valid(code) {
			t.Errorf("New(%q) = %q, %v", animal, code, ok)
		}
	}
	if _, ok := New("dragon"); ok {
		t.Error("New accepted an unknown animal")
	}
	a, _ := New("owl")
	b, _ := New("owl")
	if a == b {
		t.Errorf("two codes in a row are equal: %s", a)
	}
}

func TestParse(t *testing.T) {
	good := []struct{ in, want string }{
		{"OWL-7K3QX", "OWL-7K3QX"},
		{"owl-7k3qx", "OWL-7K3QX"},
		{"owl7k3qx", "OWL-7K3QX"},
		{"  OWL 7K3 QX ", "OWL-7K3QX"},
		{"Owl - 7k3qX", "OWL-7K3QX"},
		{"c0l-22222", "COL-22222"},
		{"col-zzzzz", "COL-ZZZZZ"},
		{"\tmee-abcde\n", "MEE-ABCDE"},
	}
	for _, tt := range good {
		got, err := Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	bad := []struct {
		in   string
		want error
	}{
		{"", ErrEmpty},
		{"  - ", ErrEmpty},
		{"OWL-7K3Q", ErrShape},
		{"OWL-7K3QXX", ErrShape},
		{"CAT-7K3QX", ErrPrefix},
		{"OWL-7K3Q0", ErrCharacters}, // 0 is not in the alphabet
		{"OWL-7K3QI", ErrCharacters},
		{"OWL-7K3Q1", ErrCharacters},
		{"OWL-7K3QL", ErrCharacters},
		{"OWL_7K3QX", ErrShape},
		{"OWL-7K3Qé", ErrShape},
		{strings.Repeat("A", MaxInput+1), ErrTooLong},
		{"<script>", ErrPrefix},
		{"<b>OWL-7K3QX</b>", ErrShape},
	}
	for _, tt := range bad {
		if got, err := Parse(tt.in); err != tt.want {
			t.Errorf("Parse(%q) = %q, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestPrefixAndValid(t *testing.T) {
	if Prefix("OWL-7K3QX") != "OWL" || Prefix("OW") != "" {
		t.Error("Prefix")
	}
	for _, c := range []string{"owl-7k3qx", "OWL7K3QX", "OWL-7K3Q0", "CAT-7K3QX", ""} {
		if Valid(c) {
			t.Errorf("Valid(%q) = true", c)
		}
	}
}

// FuzzParse checks that whatever Parse accepts is canonical, valid, and
// reads back to itself, and that it never panics.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"OWL-7K3QX", "owl7k3qx", " c0l 22222 ", "", "-", "CAT-AAAAA", "\xff\xfe", strings.Repeat("x", 70)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := Parse(in)
		if err != nil {
			return
		}
		if !Valid(got) {
			t.Fatalf("Parse(%q) = %q, which is not valid", in, got)
		}
		again, err := Parse(got)
		if err != nil || again != got {
			t.Fatalf("Parse(Parse(%q)) = %q, %v", in, again, err)
		}
		lower, err := Parse(strings.ToLower(got))
		if err != nil || lower != got {
			t.Fatalf("lower case of %q reads as %q, %v", got, lower, err)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse(" owl 7k3qx "); err != nil {
			b.Fatal(err)
		}
	}
}
