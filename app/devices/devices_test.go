package devices

import (
	"strings"
	"testing"
)

func TestIssueAndParse(t *testing.T) {
	s := NewSigner([]byte("0123456789abcdef0123456789abcdef"))
	v := s.Issue(KindStudent, 42)
	d := s.Parse(v)
	if !d.Known() || d.Kind != KindStudent || d.Owner != 42 || d.OwnerKey() != -42 {
		t.Fatalf("parsed %+v", d)
	}
	if again := s.Parse(s.Issue(KindStudent, 42)); again.ID == d.ID {
		t.Fatal("two cookies with one device id")
	}
	other := NewSigner([]byte("another box's key, 32 bytes long"))
	b := []byte(v)
	b[5] ^= 1
	for name, bad := range map[string]string{
		"empty": "", "short": v[:20], "long": v + "A", "flipped bit": string(b), "not base64": strings.Repeat("*", len(v)),
		"another box": other.Issue(KindAccount, 42),
	} {
		if d := s.Parse(bad); d.Known() {
			t.Errorf("%s: accepted as %+v", name, d)
		}
	}
	var nilSigner *Signer
	if nilSigner.Parse(v).Known() {
		t.Fatal("nil signer knows a device")
	}
}

// FuzzParse: only cookies this signer issued are known devices, and a
// known device names a valid owner.
func FuzzParse(f *testing.F) {
	s := NewSigner([]byte("0123456789abcdef0123456789abcdef"))
	f.Add(s.Issue(KindAccount, 7))
	f.Add(s.Issue(KindStudent, 1<<40))
	f.Add("")
	f.Add(strings.Repeat("A", 56))
	f.Fuzz(func(t *testing.T, v string) {
		d := s.Parse(v)
		if !d.Known() {
			return
		}
		if d.Owner <= 0 || (d.Kind != KindAccount && d.Kind != KindStudent) {
			t.Fatalf("%q parsed as %+v", v, d)
		}
	})
}

// BenchmarkParse: the per-login cost of checking a device cookie.
func BenchmarkParse(b *testing.B) {
	s := NewSigner([]byte("0123456789abcdef0123456789abcdef"))
	v := s.Issue(KindStudent, 42)
	b.ReportAllocs()
	for b.Loop() {
		if !s.Parse(v).Known() {
			b.Fatal("unknown")
		}
	}
}
