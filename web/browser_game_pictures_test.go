package web_test

import (
	"animalgenius/app/apptest"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The journeys of issues 6 and 7 in a live game: the teacher adds a
// picture to a question in the set editor (upload, processing, save) and
// hosts the set; a student joins from its session; the host's lobby shows
// the student's avatar; the question screens show the picture.
func TestBrowserGamePicturesAndAvatars(t *testing.T) {
	app := apptest.Start(t, nil)
	teacher, tc := app.Teacher("pictures@school.test")
	_, kids := app.EconClass(teacher.ID, "Maya")
	var set struct{ ID int64 }
	postJSON(t, tc, app.URL+"/api/v1/question-sets", `{"title":"Picture quiz","description":"","questions":[
 {"text":"Which animal has this coat?","options":["Zebra","Tiger"],"correct":1,"seconds":60},
 {"text":"Legs of a spider?","options":["Six","Eight"],"correct":1,"seconds":30}]}`, http.StatusCreated, &set)
	pic := filepath.Join(t.TempDir(), "stripes.png")
	if err := os.WriteFile(pic, noisePNG(t, 400, 300), 0o644); err != nil {
		t.Fatal(err)
	}

	host := apptest.NewBrowser(t)
	host.AcceptDialogs()
	host.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	host.Run("add a picture to question 1",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/games/sets/%d", app.URL, set.ID)),
		chromedp.WaitVisible(`#q-picture-0`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`#q-picture-0`, []string{pic}, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-question-picture-field="0"] img.game-q-thumb`, chromedp.ByQuery),
		waitJS(`(() => { const i = document.querySelector('[data-question-picture-field="0"] img.game-q-thumb'); return i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0; })()`),
		chromedp.Click(`//button[normalize-space()="Save"]`, chromedp.BySearch),
	)
	// The save reached the server: question 1 has the picture, question 2 none.
	var saved struct {
		Questions []struct {
			Image int64 `json:"image"`
		} `json:"questions"`
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		status, body := app.Call(tc, "GET", fmt.Sprintf("/api/v1/question-sets/%d", set.ID), "")
		if status != http.StatusOK {
			t.Fatalf("read the set: %d %s", status, body)
		}
		apptest.Decode(t, body, &saved)
		if len(saved.Questions) == 2 && saved.Questions[0].Image > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the picture was not saved with the set: %s", body)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if saved.Questions[1].Image != 0 {
		t.Fatalf("question 2 got a picture: %+v", saved)
	}

	var pin string
	host.Run("host the set",
		chromedp.Navigate(app.URL+"/teacher/games"),
		chromedp.WaitVisible(`//article[.//h3[normalize-space()="Picture quiz"]]//button[normalize-space()="Play"]`, chromedp.BySearch),
		chromedp.Click(`//article[.//h3[normalize-space()="Picture quiz"]]//button[normalize-space()="Play"]`, chromedp.BySearch),
		chromedp.WaitVisible(`.game-pin`, chromedp.ByQuery),
		chromedp.Text(`.game-pin`, &pin, chromedp.ByQuery),
	)
	pin = strings.TrimSpace(pin)

	player := apptest.NewBrowser(t)
	player.SignIn(app.URL, "ag_student", apptest.StudentToken(t, app, kids[0]))
	player.Run("the student joins as itself",
		chromedp.Navigate(app.URL+"/play/"+pin),
		chromedp.WaitVisible(`//button[contains(normalize-space(), "Join as me")]`, chromedp.BySearch),
		chromedp.Click(`//button[contains(normalize-space(), "Join as me")]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-my-avatar]`, chromedp.ByQuery),
	)
	var alt string
	host.Run("the host's lobby shows the student's avatar",
		chromedp.WaitVisible(`//h2[contains(., "1 player")]`, chromedp.BySearch),
		chromedp.WaitVisible(`img[data-player-avatar]`, chromedp.ByQuery),
		waitJS(`(() => { const i = document.querySelector('img[data-player-avatar]'); return i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0; })()`),
		chromedp.AttributeValue(`img[data-player-avatar]`, "alt", &alt, nil, chromedp.ByQuery),
	)
	if !strings.Contains(alt, "Maya") {
		t.Fatalf("avatar alt text %q", alt)
	}
	host.Run("start", chromedp.Click(`//button[contains(., "Start the game")]`, chromedp.BySearch))
	var src string
	player.Run("the player sees the question's picture",
		chromedp.WaitVisible(`img[data-question-picture]`, chromedp.ByQuery),
		waitJS(`(() => { const i = document.querySelector('img[data-question-picture]'); return i.complete && i.naturalWidth === 400 && i.getBoundingClientRect().width > 100; })()`),
		chromedp.AttributeValue(`img[data-question-picture]`, "src", &src, nil, chromedp.ByQuery),
	)
	if !strings.Contains(src, "/pictures/") {
		t.Fatalf("question picture from %q", src)
	}
	host.Run("the host sees it too",
		chromedp.WaitVisible(`img[data-question-picture]`, chromedp.ByQuery),
		waitJS(`(() => { const i = document.querySelector('img[data-question-picture]'); return i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 100; })()`),
	)
	player.Run("answer", chromedp.Click(`button.game-option.opt-1`, chromedp.ByQuery))
	host.Run("the podium shows the avatar",
		chromedp.WaitVisible(`//h2[contains(., "Top 5")]`, chromedp.BySearch),
		chromedp.Click(`//button[normalize-space(.)="End game"]`, chromedp.BySearch),
		chromedp.WaitVisible(`.game-podium img.game-avatar-small`, chromedp.ByQuery),
		waitJS(`(() => { const i = document.querySelector('.game-podium img.game-avatar-small'); return i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0; })()`),
	)
	host.Run("the saved results show the avatar on their podium",
		chromedp.Click(`//button[contains(., "See all results")]`, chromedp.BySearch),
		chromedp.WaitVisible(`a[href$="/results.csv"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.game-podium img.game-avatar-small`, chromedp.ByQuery),
		waitJS(`(() => { const i = document.querySelector('.game-podium img.game-avatar-small'); return i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0; })()`),
	)
	host.AssertClean()
	player.AssertClean()
}
