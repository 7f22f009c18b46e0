package lessons

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"animalgenius/app/jsontime"
	"animalgenius/app/textrules"
)

// MaxCommentLen is the longest feedback comment, in characters.
const MaxCommentLen = 1000

// Feedback is one teacher's stars and comment on one lesson.
type Feedback struct {
	AccountID int64         `json:"-"`
	Teacher   string        `json:"teacher,omitempty"`
	LessonID  int           `json:"lessonId"`
	Stars     int           `json:"stars"`
	Comment   string        `json:"comment"`
	UpdatedAt jsontime.Time `json:"updatedAt"`
}

// FeedbackError is feedback that breaks a rule, in words for people.
type FeedbackError struct {
	Field   string
	Message string
}

func (e *FeedbackError) Error() string { return "lessons: " + e.Message }

// CleanFeedback checks stars (1-5) and tidies the comment: valid text, at
// most MaxCommentLen characters, no words from the word filter.
func CleanFeedback(lessonID, stars int, comment string) (Feedback, error) {
	if _, ok := ByID(lessonID); !ok {
		return Feedback{}, ErrUnknownLesson
	}
	if stars < 1 || stars > 5 {
		return Feedback{}, &FeedbackError{"stars", "Choose from 1 to 5 stars."}
	}
	text, err := textrules.Text(comment, true)
	if err != nil {
		var te *textrules.Error
		if errors.As(err, &te) {
			return Feedback{}, &FeedbackError{"comment", te.Message}
		}
		return Feedback{}, err
	}
	c := tidyLines(text)
	if n := utf8.RuneCountInString(c); n > MaxCommentLen {
		return Feedback{}, &FeedbackError{"comment", fmt.Sprintf("The comment is too long (%d characters). Use %d or fewer.", n, MaxCommentLen)}
	}
	if textrules.IsProfane(c) {
		return Feedback{}, &FeedbackError{"comment", "Please keep the comment free of rude words."}
	}
	return Feedback{LessonID: lessonID, Stars: stars, Comment: c}, nil
}

// tidyLines trims each line, turns runs of spaces into one and keeps at
// most one empty line in a row (textrules.Text refused hidden characters).
func tidyLines(clean string) string {
	var out []string
	blank := false
	for line := range strings.SplitSeq(clean, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			if !blank && len(out) > 0 {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, line)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// Summary is the admins' view of one lesson's feedback.
type Summary struct {
	LessonID     int        `json:"lessonId"`
	Title        string     `json:"title"`
	Count        int        `json:"count"`
	Average      float64    `json:"average"`
	Distribution [5]int     `json:"distribution"` // [0]: 1 star ... [4]: 5 stars
	Comments     []Feedback `json:"comments"`
}

// Summarize groups feedback per lesson: count, average (two decimals),
// stars distribution and the comments, newest first. Every lesson of the
// library has a summary, with or without feedback.
func Summarize(all []Feedback) []Summary {
	lib, _ := Library()
	out := make([]Summary, len(lib))
	for i, l := range lib {
		out[i] = Summary{LessonID: l.ID, Title: l.Title, Comments: []Feedback{}}
	}
	sums := make([]int, len(lib))
	for _, f := range all {
		if f.LessonID < 1 || f.LessonID > len(lib) || f.Stars < 1 || f.Stars > 5 {
			continue
		}
		s := &out[f.LessonID-1]
		s.Count++
		s.Distribution[f.Stars-1]++
		sums[f.LessonID-1] += f.Stars
		if f.Comment != "" {
			s.Comments = append(s.Comments, f)
		}
	}
	for i := range out {
		if out[i].Count > 0 {
			out[i].Average = float64(int(float64(sums[i])/float64(out[i].Count)*100+0.5)) / 100
		}
		slices.SortStableFunc(out[i].Comments, func(a, b Feedback) int { return b.UpdatedAt.Compare(a.UpdatedAt.Time) })
	}
	return out
}
