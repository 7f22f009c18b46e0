package quiz

import (
	"fmt"
	"strings"
)

// Answer is one student choice: question id and option id.
type Answer struct {
	Question string `json:"q"`
	Option   string `json:"a"`
}

// PoleCounts holds one point per answer for the pole it maps to.
type PoleCounts struct {
	E int `json:"E"`
	I int `json:"I"`
	S int `json:"S"`
	N int `json:"N"`
	T int `json:"T"`
	F int `json:"F"`
	J int `json:"J"`
	P int `json:"P"`
}

// StyleCounts holds one point per learning-style answer.
type StyleCounts struct {
	Visual         int `json:"visual"`
	Auditory       int `json:"auditory"`
	ReadingWriting int `json:"readingWriting"`
	Kinesthetic    int `json:"kinesthetic"`
}

// Result is a scored submission (SPEC section 2, "Scoring").
type Result struct {
	BankVersion string `json:"bankVersion"`
	Type        string `json:"type"`   // e.g. "INFP"
	Animal      string `json:"animal"` // animal code, e.g. "meerkat"
	Genius      string `json:"genius"` // "thinker", "feeler" or "doer"
	// LearningStyle is the style with the highest count, ties to the
	// earlier of visual, auditory, readingWriting, kinesthetic. It is empty
	// only for a bank without style items.
	LearningStyle string `json:"learningStyle"`
	// Styles lists every style within one point of the top, in tie-break
	// order; more than one means a multimodal learner.
	Styles      []string    `json:"styles"`
	Multimodal  bool        `json:"multimodal"`
	Poles       PoleCounts  `json:"poles"`
	StyleCounts StyleCounts `json:"styleCounts"`
}

// AnswerError says why a set of answers does not fit the bank. Every list
// holds question ids: Missing and Duplicate in bank order of discovery,
// Unknown as sent (ids not in the bank), BadOption for known questions
// answered with an option they do not have.
type AnswerError struct {
	Missing   []string
	Duplicate []string
	Unknown   []string
	BadOption []string
}

// maxListed keeps error messages short; the full lists stay in the struct.
const maxListed = 10

func (e *AnswerError) Error() string {
	var parts []string
	add := func(label string, ids []string, quote bool) {
		if len(ids) == 0 {
			return
		}
		shown := ids
		if len(shown) > maxListed {
			shown = shown[:maxListed]
		}
		var sb strings.Builder
		sb.WriteString(label)
		for i, id := range shown {
			if i > 0 {
				sb.WriteString(", ")
			} else {
				sb.WriteString(" ")
			}
			if quote {
				fmt.Fprintf(&sb, "%q", id)
			} else {
				sb.WriteString(id)
			}
		}
		if n := len(ids) - len(shown); n > 0 {
			fmt.Fprintf(&sb, " and %d more", n)
		}
		parts = append(parts, sb.String())
	}
	add("missing answers for", e.Missing, false)
	add("answered more than once:", e.Duplicate, false)
	add("no such question:", e.Unknown, true)
	add("no such option for", e.BadOption, false)
	return "quiz: every question must be answered exactly once: " + strings.Join(parts, "; ")
}

// VersionError means the answers were made for another bank version
// (usually a page loaded before an upgrade).
type VersionError struct {
	Got, Want string
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("quiz: answers are for question bank %q but the current bank is %q; reload the quiz and answer again", e.Got, e.Want)
}

// ScoreSubmission checks the submission's bank version, then scores it.
func (b *Bank) ScoreSubmission(s Submission) (Result, error) {
	if s.BankVersion != b.version {
		return Result{}, &VersionError{Got: s.BankVersion, Want: b.version}
	}
	return b.Score(s.Answers)
}

// Score validates that every question is answered exactly once with one of
// its options and scores the answers. Order does not matter; answers in
// bank order take a fast path that skips the id map.
func (b *Bank) Score(answers []Answer) (Result, error) {
	n := len(b.items)
	var seenBuf [128]bool
	var seen []bool
	if n <= len(seenBuf) {
		seen = seenBuf[:n]
	} else {
		seen = make([]bool, n)
	}
	var counts [numSlots]int
	var bad *AnswerError
	for i := range answers {
		a := &answers[i]
		idx := -1
		if i < n && b.items[i].id == a.Question {
			idx = i
		} else if j, ok := b.index[a.Question]; ok {
			idx = j
		}
		if idx < 0 {
			bad = orNew(bad)
			bad.Unknown = appendOnce(bad.Unknown, a.Question)
			continue
		}
		if seen[idx] {
			bad = orNew(bad)
			bad.Duplicate = appendOnce(bad.Duplicate, a.Question)
			continue
		}
		seen[idx] = true
		it := &b.items[idx]
		slot := -1
		for j := 0; j < it.nopt; j++ {
			if it.optID[j] == a.Option {
				slot = int(it.slot[j])
				break
			}
		}
		if slot < 0 {
			bad = orNew(bad)
			bad.BadOption = append(bad.BadOption, a.Question)
			continue
		}
		counts[slot]++
	}
	if bad != nil || len(answers) < n {
		for i, ok := range seen {
			if !ok {
				bad = orNew(bad)
				bad.Missing = append(bad.Missing, b.items[i].id)
			}
		}
	}
	if bad != nil {
		return Result{}, bad
	}
	return ResultFromCounts(b.version,
		PoleCounts{
			E: counts[slotE], I: counts[slotI], S: counts[slotS], N: counts[slotN],
			T: counts[slotT], F: counts[slotF], J: counts[slotJ], P: counts[slotP],
		},
		StyleCounts{
			Visual: counts[slotVisual], Auditory: counts[slotAuditory],
			ReadingWriting: counts[slotReadingWriting], Kinesthetic: counts[slotKinesthetic],
		}), nil
}

func orNew(e *AnswerError) *AnswerError {
	if e == nil {
		return &AnswerError{}
	}
	return e
}

func appendOnce(list []string, id string) []string {
	if contains(list, id) {
		return list
	}
	return append(list, id)
}

// ResultFromCounts derives type, animal, genius and learning style from
// counts, e.g. to rebuild a result from stored counts.
func ResultFromCounts(bankVersion string, poles PoleCounts, styles StyleCounts) Result {
	bits := typeBits(poles)
	top, all := ScoreStyles(styles)
	return Result{
		BankVersion:   bankVersion,
		Type:          typeByBits[bits],
		Animal:        animalByBits[bits],
		Genius:        geniusByBits[bits],
		LearningStyle: top,
		Styles:        all,
		Multimodal:    len(all) > 1,
		Poles:         poles,
		StyleCounts:   styles,
	}
}

// ScorePoles turns pole counts into a four-letter type. Ties go to E, N,
// T and P (possible only on a partial bank).
func ScorePoles(c PoleCounts) string { return typeByBits[typeBits(c)] }

// typeBits sets bit k when axis k takes its tie-losing letter
// (I, S, F, J), so 0 is ENTP.
func typeBits(c PoleCounts) int {
	bits := 0
	if c.E < c.I {
		bits |= 1 << 3
	}
	if c.N < c.S {
		bits |= 1 << 2
	}
	if c.T < c.F {
		bits |= 1 << 1
	}
	if c.P < c.J {
		bits |= 1
	}
	return bits
}

// typeLetters[k] is {tie winner, other} for axis k.
var typeLetters = [4][2]byte{{'E', 'I'}, {'N', 'S'}, {'T', 'F'}, {'P', 'J'}}

// typeByBits, animalByBits and geniusByBits are precomputed so scoring
// does no string building or map lookups.
var typeByBits, animalByBits, geniusByBits = buildTypeTables()

func buildTypeTables() (types, animals, geniuses [16]string) {
	for bits := range 16 {
		var t [4]byte
		for k := range 4 {
			t[k] = typeLetters[k][(bits>>(3-k))&1]
		}
		types[bits] = string(t[:])
		a, ok := animalForType(types[bits])
		if !ok {
			panic("quiz: no animal for type " + types[bits])
		}
		animals[bits] = a.Code
		geniuses[bits] = a.Genius
	}
	return types, animals, geniuses
}

// ScoreStyles returns the top learning style (ties to the earlier of
// visual, auditory, readingWriting, kinesthetic) and every style within one
// point of the top, in that order. With no style answers at all it returns
// "" and nil.
func ScoreStyles(c StyleCounts) (top string, styles []string) {
	counts := [4]int{c.Visual, c.Auditory, c.ReadingWriting, c.Kinesthetic}
	best := 0
	for i := 1; i < 4; i++ {
		if counts[i] > counts[best] {
			best = i
		}
	}
	if counts[0]+counts[1]+counts[2]+counts[3] == 0 {
		return "", nil
	}
	styles = make([]string, 0, 4)
	for i, v := range counts {
		if v >= counts[best]-1 {
			styles = append(styles, styleOrder[i])
		}
	}
	return styleOrder[best], styles
}
