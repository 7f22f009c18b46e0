package insight

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"animalgenius/app/quiz"
)

func TestSafeCell(t *testing.T) {
	tests := map[string]string{
		"":         "",
		"Maya R.":  "Maya R.",
		"=1+2":     "'=1+2",
		"+SUM(A1)": "'+SUM(A1)",
		"-2":       "'-2",
		"@cmd":     "'@cmd",
		"\tx":      "'\tx",
		"\rx":      "'\rx",
		"a=b":      "a=b",
		"Zoë-Anne": "Zoë-Anne",
		"'already": "'already",
	}
	for in, want := range tests {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	evil := finished(2, "=HYPERLINK(\"x\")", "INTP", quiz.StyleVisual)
	evil.Styles = quiz.StyleCounts{Visual: 4, Kinesthetic: 3}
	class := []Member{
		finished(1, "Zoë K.", "ESTJ", quiz.StyleAuditory),
		evil,
		notYet(3, "-Abe M."),
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, class, time.UTC); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\ufeff") {
		t.Fatal("no byte order mark")
	}
	if !strings.Contains(out, "\r\n") {
		t.Fatal("no CRLF line ends")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	for _, r := range rows {
		if len(r) != len(csvHeader) {
			t.Fatalf("row of %d cells: %q", len(r), r)
		}
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q can run as a formula", c)
			}
		}
	}
	// Sorted by name: "-Abe M." sorts first, then "=HYPERLINK", then Zoë.
	if rows[1][0] != "'-Abe M." || rows[1][1] != "no" || rows[1][20] != "" {
		t.Errorf("not-yet row %q", rows[1])
	}
	if rows[2][0] != `'=HYPERLINK("x")` || rows[2][2] != "Owl" || rows[2][6] != "Hands-On" {
		t.Errorf("owl row %q", rows[2])
	}
	z := rows[3]
	if z[0] != "Zoë K." || z[2] != "Border Collie" || z[3] != "Doer" || z[4] != "ESTJ" || z[5] != "Auditory" ||
		z[7] != "6" || z[8] != "3" || z[19] != "2025-09-01 09:01" || z[20] != "COL-00001" || z[21] != "51" {
		t.Errorf("finished row %q", z)
	}
}
