package classes

import (
	"animalgenius/app/textrules"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"animalgenius/app/passport"
	"animalgenius/app/quiz"
)

// Limits of a class.
const (
	MaxName  = 60
	MaxGrade = 12
	// MaxStudents bounds every class, limit or not (a live game holds 1,000).
	MaxStudents = 1000
	// CodeLen is the length of a class code.
	CodeLen = 6
)

// Palette is the colours a class may have: bright enough to tell classes
// apart, dark enough for white text.
var Palette = []string{"#7C3AED", "#059669", "#D97706", "#2563EB", "#DC2626", "#DB2777", "#0D9488", "#475569"}

// Icons are the animal codes; a class's icon is drawn with the animal's art.
func Icons() []string { return quiz.AnimalCodes() }

// CheckInput trims and validates a new class's settings and fills in
// defaults (the first icon and colour).
func CheckInput(in Input) (Input, error) {
	errs := FieldErrors{}
	in.Name = checkName(in.Name, errs)
	if in.Icon == "" {
		in.Icon = quiz.Owl
	}
	if in.Colour == "" {
		in.Colour = Palette[0]
	}
	checkGrade(in.Grade, errs)
	in.Icon = checkIcon(in.Icon, errs)
	in.Colour = checkColour(in.Colour, errs)
	checkSeats(in.SeatLimit, errs)
	if len(errs) > 0 {
		return in, errs
	}
	return in, nil
}

// CheckPatch validates the fields a patch sets.
func CheckPatch(p Patch) (Patch, error) {
	errs := FieldErrors{}
	if p.Name != nil {
		n := checkName(*p.Name, errs)
		p.Name = &n
	}
	if p.Grade != nil {
		checkGrade(*p.Grade, errs)
	}
	if p.Icon != nil {
		i := checkIcon(*p.Icon, errs)
		p.Icon = &i
	}
	if p.Colour != nil {
		c := checkColour(*p.Colour, errs)
		p.Colour = &c
	}
	if p.SeatLimit != nil {
		checkSeats(*p.SeatLimit, errs)
	}
	if p == (Patch{}) {
		errs["name"] = "Nothing to change: send at least one setting."
	}
	if len(errs) > 0 {
		return p, errs
	}
	return p, nil
}

func checkName(raw string, errs FieldErrors) string {
	name, err := textrules.Text(strings.Join(strings.Fields(raw), " "), false)
	switch {
	case err != nil:
		errs["name"] = "The class name: " + err.Error()
	case textrules.ContainsHidden(raw, false):
		errs["name"] = "A class name is one line: take out the tabs and line breaks."
	case strings.ContainsAny(name, "<>"):
		errs["name"] = "The class name has characters that can't be used (like < or >). Please type it again."
	case name == "":
		errs["name"] = "Give the class a name, like \"Room 7\" or \"Science 6B\"."
	case utf8.RuneCountInString(name) > MaxName:
		errs["name"] = fmt.Sprintf("The class name is too long (at most %d characters).", MaxName)
	}
	return name
}

func checkGrade(g int, errs FieldErrors) {
	if g < 0 || g > MaxGrade {
		errs["grade"] = fmt.Sprintf("Choose a grade from 1 to %d, or none.", MaxGrade)
	}
}

func checkIcon(icon string, errs FieldErrors) string {
	if !slices.Contains(Icons(), icon) {
		errs["icon"] = "Choose one of the animal icons."
	}
	return icon
}

func checkColour(c string, errs FieldErrors) string {
	c = strings.ToUpper(c)
	if !slices.Contains(Palette, c) {
		errs["colour"] = "Choose one of the colours shown."
	}
	return c
}

func checkSeats(n int, errs FieldErrors) {
	if n < 0 || n > MaxStudents {
		errs["seatLimit"] = fmt.Sprintf("The seat limit must be between 1 and %d, or 0 for no limit.", MaxStudents)
	}
}

// NewCode makes a random class code: 6 characters from passport.Alphabet.
func NewCode() string { return passport.Random(CodeLen) }

// ParseCode reads a typed class code: any case, with spaces or hyphens
// anywhere. It returns the canonical code, or false when the input cannot
// be a class code.
func ParseCode(input string) (string, bool) {
	if len(input) > 64 {
		return "", false
	}
	var b [CodeLen]byte
	n := 0
	for i := 0; i < len(input); i++ {
		c := input[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-':
			continue
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		}
		if n == CodeLen || !passport.InAlphabet(c) {
			return "", false
		}
		b[n] = c
		n++
	}
	if n != CodeLen {
		return "", false
	}
	return string(b[:]), true
}
