package web

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"animalgenius/app/game"
	"animalgenius/app/questionimages"
)

// recordingSets is a library store that counts writes.
type recordingSets struct {
	writes int
	saved  game.Set
}

func (r *recordingSets) QuestionSets(context.Context, int64) ([]game.SetSummary, error) {
	return nil, nil
}
func (r *recordingSets) QuestionSet(context.Context, int64) (game.Set, error) { return r.saved, nil }
func (r *recordingSets) CreateQuestionSet(_ context.Context, s game.Set, _ time.Time) (int64, error) {
	r.writes++
	r.saved = s
	return 1, nil
}
func (r *recordingSets) UpdateQuestionSet(_ context.Context, s game.Set, _ time.Time) error {
	r.writes++
	r.saved = s
	return nil
}
func (r *recordingSets) DeleteQuestionSet(context.Context, int64, int64) error { return nil }
func (r *recordingSets) HostGames(context.Context, int64, int) ([]game.Summary, error) {
	return nil, nil
}
func (r *recordingSets) GameSummary(context.Context, int64) (game.Summary, error) {
	return game.Summary{}, game.ErrNotFound
}
func (r *recordingSets) GameResults(context.Context, int64) (*game.Results, error) {
	return nil, game.ErrNotFound
}
func (r *recordingSets) GamePlayerStudent(context.Context, int64, int) (int64, bool, error) {
	return 0, false, nil
}
func (r *recordingSets) DeleteGame(context.Context, int64, int64) error { return game.ErrNotFound }
func (r *recordingSets) DeleteClassGamePlays(context.Context, int64) (int, error) {
	return 0, nil
}

// ownPictures accepts only pictures 7 and 8 of owner 1 (8 is unfinished
// for the rule's purpose: only 7 is usable).
type ownPictures struct{}

func (ownPictures) CheckImages(_ context.Context, owner int64, ids []int64) error {
	for _, id := range ids {
		if owner != 1 || id != 7 {
			return questionimages.ErrUnknownImage
		}
	}
	return nil
}

// FuzzQuestionSetPictures: any question-set body is decoded and either
// saved with only the owner's finished pictures, or refused with a 4xx
// (unknown_image for a foreign or unfinished picture) and nothing written.
// No client can set a picture's file.
func FuzzQuestionSetPictures(f *testing.F) {
	for _, seed := range []string{
		`{"title":"T","description":"","questions":[{"text":"Q?","options":["A","B"],"correct":0,"seconds":5,"image":7}]}`,
		`{"title":"T","questions":[{"text":"Q?","options":["A","B"],"correct":1,"seconds":10,"image":8}]}`,
		`{"title":"T","questions":[{"text":"Q?","options":["A","B"],"correct":1,"seconds":10,"image":-3}]}`,
		`{"title":"T","questions":[{"text":"Q?","options":["A","B"],"correct":1,"seconds":10,"image":"7"}]}`,
		`{"title":"T","questions":[{"text":"Q?","options":["A","B"],"correct":1,"seconds":10,"image":7.5}]}`,
		`{"title":"T","questions":[{"text":"Q?","options":["A","B"],"correct":1,"seconds":10,"image":7,"imageFile":"x.png"}]}`,
		`{"title":"T","questions":[{"text":"Q?","options":["A","B"],"correct":1,"seconds":10,"ImageFile":"../../etc/passwd"}]}`,
		`{"title":"T","questions":[{"text":"Q?","options":["A","B"],"correct":1,"seconds":10,"image":9223372036854775807}]}`,
		`{"title":"T","questions":[{"text":"Q?","options":["A","B"],"correct":1,"seconds":10,"image":null}]}`,
		`{"title":"T","questions":[]}`, `{}`, `[`, `null`,
	} {
		f.Add([]byte(seed), int64(1))
	}
	f.Add([]byte(`{"title":"T","questions":[{"text":"Q?","options":["A","B"],"correct":0,"seconds":5,"image":7}]}`), int64(2))
	f.Fuzz(func(t *testing.T, body []byte, owner int64) {
		var b questionSetBody
		if err := decodeJSON(body, &b, setBodyLimit); err != nil {
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.Status < 400 || apiErr.Status >= 500 {
				t.Fatalf("decode %q: %v is not a 4xx APIError", body, err)
			}
			return
		}
		for _, q := range b.Questions {
			if q.ImageFile != "" {
				t.Fatalf("a client set a picture file: %q", body)
			}
		}
		store := &recordingSets{}
		lib := game.NewLibrary(store, nil)
		lib.UseImages(ownPictures{})
		saved, err := lib.CreateSet(context.Background(), owner, b.set())
		if err != nil {
			if store.writes != 0 {
				t.Fatalf("a refused set was written: %q", body)
			}
			var apiErr *APIError
			if !errors.As(gameError(err), &apiErr) || apiErr.Status != 400 {
				t.Fatalf("refusal of %q: %v is not a 400", body, err)
			}
			if errors.Is(err, questionimages.ErrUnknownImage) && apiErr.Code != "unknown_image" {
				t.Fatalf("foreign picture refused as %q", apiErr.Code)
			}
			return
		}
		for _, q := range saved.Questions {
			if q.Image != 0 && (q.Image != 7 || owner != 1) {
				t.Fatalf("saved picture %d for owner %d from %q", q.Image, owner, body)
			}
		}
		// What the editor gets back reads again as the same set.
		enc, _ := json.Marshal(questionSetBody{Title: saved.Title, Description: saved.Description, Questions: saved.Questions})
		var again questionSetBody
		if err := decodeJSON(enc, &again, setBodyLimit); err != nil || len(again.Questions) != len(saved.Questions) {
			t.Fatalf("round trip of %q: %v", enc, err)
		}
		for i := range again.Questions {
			if again.Questions[i].Image != saved.Questions[i].Image {
				t.Fatalf("round trip changed picture %d: %q", i, enc)
			}
		}
	})
}
