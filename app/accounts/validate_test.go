package accounts

import (
	"strings"
	"testing"
)

func TestNormalizeEmail(t *testing.T) {
	good := map[string]string{
		"ana@hill.school":           "ana@hill.school",
		"  Ana.Ruiz@Hill.School  ":  "ana.ruiz@hill.school",
		"a+b@x.org":                 "a+b@x.org",
		"teacher@sub.school.edu.au": "teacher@sub.school.edu.au",
	}
	for in, want := range good {
		if got, p := NormalizeEmail(in); got != want || p != "" {
			t.Errorf("%q: %q %q", in, got, p)
		}
	}
	for _, bad := range []string{"", " ", "ana", "ana@", "@hill.school", "ana@hill", "ana@@hill.school", "Ana <ana@hill.school>",
		"ana @hill.school", "ana@hill.school.", "ana\x00@hill.school", "ana\n@hill.school", "\xffana@hill.school",
		strings.Repeat("a", 65) + "@hill.school", "a@" + strings.Repeat("b", 250) + ".org", "ana\u2028@hill.school"} {
		if got, p := NormalizeEmail(bad); got != "" || p == "" {
			t.Errorf("%q accepted as %q", bad, got)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	for _, good := range []string{"purple hedgehog reads maps", "Tr0ub4dor&3xyz", "ünïcödé pässwörd", "ab12cd34ef56"} {
		if p := CheckPassword(good, "ana@hill.school"); p != "" {
			t.Errorf("%q refused: %s", good, p)
		}
	}
	for _, bad := range []string{"", "short", "123456789", "1234567890", "Password123", "password1234!", "Sunshine2024!",
		"qwertyuiop", "iloveyou123", "aaaaaaaaaaaa", "abcabcabcabc", "Ana.Ruiz@hill.school", "ana.ruiz2024", "TEACHER2025!!",
		"tab\tin password", strings.Repeat("x", 201) + "y", "bad\xffbytes here"} {
		if p := CheckPassword(bad, "ana.ruiz@hill.school"); p == "" {
			t.Errorf("%q accepted", bad)
		}
	}
	if len(commonPasswords) < 300 {
		t.Fatalf("only %d common passwords on the list", len(commonPasswords))
	}
}

// TestProfileTextRule: display and school names follow textrules.Text.
func TestProfileTextRule(t *testing.T) {
	for _, bad := range []string{"Ms\u202e Smith", "Ms\u200b Smith", "\ufeffMs Smith", "Ms Sm\u00adith", "Ms\x00Smith"} {
		errs := FieldErrors{}
		CleanProfile(bad, bad, errs)
		if errs["displayName"] == "" || errs["school"] == "" {
			t.Errorf("profile %q accepted: %v", bad, errs)
		}
	}
	errs := FieldErrors{}
	if p := CleanProfile("Zoe\u0308", "", errs); len(errs) > 0 || p.DisplayName != "Zoë" {
		t.Fatalf("NFC: %q %v", p.DisplayName, errs)
	}
}
