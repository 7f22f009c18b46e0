package web_test

import (
	"bytes"
	"fmt"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
	"animalgenius/sqlitestore"
)

// postQuestionImage posts one picture as the set editor does.
func postQuestionImage(t *testing.T, ta *apptest.App, c *http.Client, name, contentType string, data []byte) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, name))
	h.Set("Content-Type", contentType)
	part, _ := mw.CreatePart(h)
	part.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, ta.URL+"/api/v1/question-images", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	status, _, got := apptest.Do(t, c, req)
	return status, got
}

type questionImageState struct {
	ID       int64  `json:"id"`
	JobID    int64  `json:"jobId"`
	State    string `json:"state"`
	Progress int    `json:"progress"`
	Image    string `json:"image"`
	Thumb    string `json:"thumb"`
	Error    *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// uploadQuestionImage uploads a picture and returns its id at once (202).
func uploadQuestionImage(t *testing.T, ta *apptest.App, c *http.Client, data []byte) questionImageState {
	t.Helper()
	status, body := postQuestionImage(t, ta, c, "fox.png", "image/png", data)
	if status != http.StatusAccepted {
		t.Fatalf("upload: %d %s", status, body)
	}
	var st questionImageState
	apptest.Decode(t, body, &st)
	if st.ID == 0 || st.JobID == 0 || st.State != "queued" {
		t.Fatalf("upload answer %s", body)
	}
	return st
}

// waitQuestionImage polls the upload until it is done or failed.
func waitQuestionImage(t *testing.T, ta *apptest.App, c *http.Client, id int64) questionImageState {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		status, body := ta.Call(c, "GET", fmt.Sprintf("/api/v1/question-images/%d", id), "")
		if status != http.StatusOK {
			t.Fatalf("status of picture %d: %d %s", id, status, body)
		}
		var st questionImageState
		apptest.Decode(t, body, &st)
		if st.State == "done" || st.State == "failed" {
			return st
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("picture %d not processed in time", id)
	return questionImageState{}
}

func setWithPicture(image int64) string {
	return fmt.Sprintf(`{"title":"Pictures","description":"","questions":[
 {"text":"Which animal is this?","options":["Fox","Owl"],"correct":0,"seconds":5,"image":%d},
 {"text":"Legs of a spider?","options":["Six","Eight"],"correct":1,"seconds":5}]}`, image)
}

func TestQuestionImagesUploadAndSets(t *testing.T) {
	ta := apptest.Start(t, func(c *config.Config) { c.Uploads.QuestionPicturesPerDay = 3 })
	_, teacher := ta.Teacher("pics@school.test")
	_, other := ta.Teacher("other@school.test")
	_, adminClient := ta.Admin("admin@school.test")
	kidTeacher, _ := ta.Teacher("kids@school.test")
	_, kids := ta.EconClass(kidTeacher.ID, "Maya")
	student := ta.StudentClient(kids[0])

	mine := uploadQuestionImage(t, ta, teacher, smallPNG(t))
	theirs := uploadQuestionImage(t, ta, other, smallPNG(t))
	done := waitQuestionImage(t, ta, teacher, mine.ID)
	if done.State != "done" || done.Progress != 100 || done.Image == "" || done.Thumb == "" {
		t.Fatalf("finished upload %+v", done)
	}
	waitQuestionImage(t, ta, other, theirs.ID)

	// The picture was re-encoded (a PNG the decoder reads) and is the owner's only.
	status, hdr, body := doGet(t, teacher, ta.URL+done.Image)
	if status != http.StatusOK || hdr.Get("Content-Type") != "image/png" {
		t.Fatalf("own picture: %d %v", status, hdr)
	}
	if _, err := png.Decode(strings.NewReader(body)); err != nil {
		t.Fatalf("picture is not a PNG: %v", err)
	}
	statusPath := fmt.Sprintf("/api/v1/question-images/%d", mine.ID)
	ta.Run([]apptest.Scenario{
		{Name: "owner sees the status", Path: statusPath, Client: teacher, WantStatus: 200, WantContent: []string{`"state":"done"`, `"progress":100`}},
		{Name: "another teacher gets 404", Path: statusPath, Client: other, WantStatus: 404, WantContent: []string{`"not_found"`}, NotContent: []string{`"state"`}},
		{Name: "another teacher cannot fetch the picture", Path: statusPath + "/image", Client: other, WantStatus: 404},
		{Name: "an admin is not the owner either", Path: statusPath, Client: adminClient, WantStatus: 404},
		{Name: "a student is not signed in as a teacher", Path: statusPath, Client: student, WantStatus: 401},
		{Name: "nobody gets 401", Path: statusPath, Client: ta.NewClient(), WantStatus: 401},
		{Name: "no such picture", Path: "/api/v1/question-images/999999", Client: teacher, WantStatus: 404},
		{Name: "not an id", Path: "/api/v1/question-images/abc", Client: teacher, WantStatus: 404},
	})

	// Uploads by someone who is not a teacher, or that are not pictures.
	if st, body := postQuestionImage(t, ta, ta.NewClient(), "fox.png", "image/png", smallPNG(t)); st != http.StatusUnauthorized {
		t.Fatalf("unauthenticated upload: %d %s", st, body)
	}
	if st, body := postQuestionImage(t, ta, student, "fox.png", "image/png", smallPNG(t)); st != http.StatusUnauthorized {
		t.Fatalf("student upload: %d %s", st, body)
	}
	if st, body := postQuestionImage(t, ta, teacher, "notes.png", "image/png", []byte("this is only text, not a picture at all")); st != http.StatusUnsupportedMediaType || !strings.Contains(body, `"code"`) {
		t.Fatalf("text upload: %d %s", st, body)
	}

	ta.Run([]apptest.Scenario{
		{Name: "no file in the form", Method: "POST", Path: "/api/v1/question-images", Body: `{"file":"fox.png"}`, Client: teacher,
			WantStatus: 400, WantContent: []string{`"no_file"`}},
	})
	if st, body := postQuestionImage(t, ta, teacher, "bomb.png", "image/png", pngBombBytes()); st < 400 || st >= 500 || !strings.Contains(body, `"code"`) {
		t.Fatalf("decompression bomb: %d %s", st, body)
	}

	// Saving sets: only the teacher's own finished pictures.
	var set struct {
		ID        int64
		Questions []struct {
			Image int64 `json:"image"`
		}
	}
	postJSON(t, teacher, ta.URL+"/api/v1/question-sets", setWithPicture(mine.ID), http.StatusCreated, &set)
	if set.Questions[0].Image != mine.ID || set.Questions[1].Image != 0 {
		t.Fatalf("saved set %+v", set)
	}
	setPath := fmt.Sprintf("/api/v1/question-sets/%d", set.ID)
	before := pictureSnapshot(t, ta)
	ta.Run([]apptest.Scenario{
		{Name: "another teacher's picture", Method: "POST", Path: "/api/v1/question-sets", Body: setWithPicture(theirs.ID), Client: teacher, WantStatus: 400, WantContent: []string{`"unknown_image"`}},
		{Name: "another teacher's picture on update", Method: "PUT", Path: setPath, Body: setWithPicture(theirs.ID), Client: teacher, WantStatus: 400, WantContent: []string{`"unknown_image"`}},
		{Name: "a picture that does not exist", Method: "POST", Path: "/api/v1/question-sets", Body: setWithPicture(987654), Client: teacher, WantStatus: 400, WantContent: []string{`"unknown_image"`}},
		{Name: "a negative picture", Method: "POST", Path: "/api/v1/question-sets", Body: setWithPicture(-1), Client: teacher, WantStatus: 400},
		{Name: "a picture that is not a number", Method: "POST", Path: "/api/v1/question-sets", Body: strings.Replace(setWithPicture(1), `"image":1`, `"image":"fox.png"`, 1), Client: teacher, WantStatus: 400},
	})
	if after := pictureSnapshot(t, ta); after != before {
		t.Fatalf("a refused set changed the database:\n%s\n%s", before, after)
	}
	// An unfinished picture: the job is held back by a stopped runner.
	ta.App.Runner().Stop()
	pending := uploadQuestionImage(t, ta, teacher, noisePNG(t, 32, 32))
	if st := waitOnce(t, ta, teacher, pending.ID); st.State != "queued" {
		t.Fatalf("held upload %+v", st)
	}
	beforePending := pictureSnapshot(t, ta)
	ta.Run([]apptest.Scenario{
		{Name: "an unfinished picture", Method: "PUT", Path: setPath, Body: setWithPicture(pending.ID), Client: teacher, WantStatus: 400, WantContent: []string{`"unknown_image"`}},
	})
	if after := pictureSnapshot(t, ta); after != beforePending {
		t.Fatalf("a refused set changed the database:\n%s\n%s", beforePending, after)
	}
	ta.Run([]apptest.Scenario{
		{Name: "the set still shows the first picture", Path: setPath, Client: teacher, WantStatus: 200, WantContent: []string{fmt.Sprintf(`"image":%d`, mine.ID)}},
	})

	// The budget (3 a day here): mine, pending, then one more, then 429.
	uploadQuestionImage(t, ta, teacher, smallPNG(t))
	uploads, files := ta.CountRows("question_uploads"), countUploadFiles(t, ta)
	jobs := ta.CountRows("jobs")
	st, body := postQuestionImage(t, ta, teacher, "fox.png", "image/png", smallPNG(t))
	if st != http.StatusTooManyRequests || !strings.Contains(body, `"picture_budget"`) || !strings.Contains(body, "24 hours") {
		t.Fatalf("over budget: %d %s", st, body)
	}
	if ta.CountRows("question_uploads") != uploads || countUploadFiles(t, ta) != files || ta.CountRows("jobs") != jobs {
		t.Fatal("a refused upload left something behind")
	}
	// Another teacher's budget is their own; a picture bigger than the
	// ordinary body limit (1 MiB) is fine on this path.
	big := noisePNG(t, 800, 800)
	if len(big) <= 1<<20 {
		t.Fatalf("test picture of %d bytes is not over the body limit", len(big))
	}
	uploadQuestionImage(t, ta, other, big)
}

// waitOnce reads an upload's status once.
func waitOnce(t *testing.T, ta *apptest.App, c *http.Client, id int64) questionImageState {
	t.Helper()
	status, body := ta.Call(c, "GET", fmt.Sprintf("/api/v1/question-images/%d", id), "")
	if status != http.StatusOK {
		t.Fatalf("status: %d %s", status, body)
	}
	var st questionImageState
	apptest.Decode(t, body, &st)
	return st
}

func countUploadFiles(t *testing.T, ta *apptest.App) int {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(ta.Dir, "uploads"))
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

func doGet(t *testing.T, c *http.Client, url string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	return apptest.Do(t, c, req)
}

// A game of a set with a picture: the question frame carries imageUrl
// once the question is open (never before, never the answer), the
// game's players can fetch it, and the host sees student avatars.
func TestGamePicturesAndAvatarsOverSockets(t *testing.T) {
	ta := apptest.Start(t, nil)
	teacher, tc := ta.Teacher("host@school.test")
	_, other := ta.Teacher("other@school.test")
	_, adminClient := ta.Admin("admin@school.test")
	_, kids := ta.EconClass(teacher.ID, "Maya")
	maya := ta.StudentClient(kids[0])

	pic := uploadQuestionImage(t, ta, tc, smallPNG(t))
	if st := waitQuestionImage(t, ta, tc, pic.ID); st.State != "done" {
		t.Fatalf("upload %+v", st)
	}
	var set struct{ ID int64 }
	postJSON(t, tc, ta.URL+"/api/v1/question-sets", setWithPicture(pic.ID), http.StatusCreated, &set)
	var g createdGame
	postJSON(t, tc, ta.URL+"/api/v1/games", fmt.Sprintf(`{"setId":%d,"mode":"individual"}`, set.ID), http.StatusCreated, &g)
	host := ta.Dial(tc, "")
	host.Name = "host"
	host.Send(map[string]any{"type": "host", "game": g.ID})
	host.Next("host_state")

	student := ta.Dial(maya, "as=student")
	student.Name = "Maya"
	student.Send(map[string]any{"type": "join", "pin": g.PIN, "asStudent": true})
	joined := student.Next("joined")
	if _, has := joined["question"]; has {
		t.Fatalf("a lobby join carries a question: %v", joined)
	}
	guest := joinPlayer(t, ta, g.PIN, "Guest")
	lobby := host.Next("players")
	for apptest.Num(lobby, "count") < 2 {
		lobby = host.Next("players")
	}
	mayaNo, guestNo := apptest.Num(joined, "player"), guest.id
	avatars := map[int]bool{}
	for _, p := range lobby["players"].([]any) {
		pm := p.(map[string]any)
		avatars[apptest.Num(pm, "id")] = pm["hasAvatar"] == true
	}
	if len(avatars) != 2 || !avatars[mayaNo] || avatars[guestNo] {
		t.Fatalf("hasAvatar in the lobby: %v", lobby)
	}
	avatar := func(no int) string { return fmt.Sprintf("/api/v1/games/%d/players/%d/avatar.svg", g.ID, no) }
	ta.Run([]apptest.Scenario{
		{Name: "the host sees the student's avatar", Path: avatar(mayaNo), Client: tc, WantStatus: 200, WantContent: []string{"<svg"}},
		{Name: "an admin sees it", Path: avatar(mayaNo), Client: adminClient, WantStatus: 200, WantContent: []string{"<svg"}},
		{Name: "another teacher does not", Path: avatar(mayaNo), Client: other, WantStatus: 404, NotContent: []string{"<svg"}},
		{Name: "the student does not (not signed in as a teacher)", Path: avatar(mayaNo), Client: maya, WantStatus: 401},
		{Name: "nobody does not", Path: avatar(mayaNo), Client: ta.NewClient(), WantStatus: 401},
		{Name: "a nickname player has none", Path: avatar(guestNo), Client: tc, WantStatus: 404},
		{Name: "no such player", Path: avatar(99), Client: tc, WantStatus: 404},
		{Name: "no such game", Path: fmt.Sprintf("/api/v1/games/%d/players/%d/avatar.svg", g.ID+100, mayaNo), Client: tc, WantStatus: 404},
	})

	// The picture's address is nowhere before the question opens; then it is.
	host.Send(`{"type":"start"}`)
	q := student.Next("question")
	url, _ := q["imageUrl"].(string)
	if !strings.HasPrefix(url, fmt.Sprintf("/api/v1/games/%d/pictures/", g.ID)) {
		t.Fatalf("question frame without imageUrl: %v", q)
	}
	if _, has := q["correct"]; has {
		t.Fatal("the question frame names the answer")
	}
	if _, has := q["image"]; has {
		t.Fatal("the question frame leaks the upload id")
	}
	name := url[strings.LastIndex(url, "/")+1:]
	status, hdr, body := doGet(t, ta.NewClient(), ta.URL+url)
	if status != http.StatusOK || hdr.Get("Content-Type") != "image/png" {
		t.Fatalf("player fetch of the picture: %d %.200s", status, body)
	}
	if _, err := png.Decode(strings.NewReader(body)); err != nil {
		t.Fatal(err)
	}
	ta.Run([]apptest.Scenario{
		{Name: "the picture of another game id", Path: fmt.Sprintf("/api/v1/games/%d/pictures/%s", g.ID+1, name), WantStatus: 404},
		{Name: "a file that is no picture of the game", Path: fmt.Sprintf("/api/v1/games/%d/pictures/%s.png", g.ID, strings.Repeat("a", 64)), WantStatus: 404},
		{Name: "a path trick", Path: fmt.Sprintf("/api/v1/games/%d/pictures/..%%2Fanimalgenius.db", g.ID), WantStatus: 404},
	})
	if hq := host.Next("question"); hq["imageUrl"] != url {
		t.Fatalf("host question frame %v", hq)
	}
	guestQ := guest.Next("question")
	if guestQ["imageUrl"] != url {
		t.Fatalf("guest question frame %v", guestQ)
	}
	// A question without a picture has no imageUrl.
	host.Send(`{"type":"skip"}`)
	host.Next("reveal")
	host.Send(`{"type":"next"}`)
	if q2 := student.Next("question"); q2["imageUrl"] != nil {
		t.Fatalf("question 2 has a picture: %v", q2)
	}
	host.Send(`{"type":"end"}`)
	ended := host.Next("ended")
	if ended["podium"] == nil {
		t.Fatalf("ended %v", ended)
	}
	// Ended: the saved players still say who had an avatar; the picture is gone from the game's address.
	deadline := time.Now().Add(5 * time.Second)
	for ta.App.Server() != nil && time.Now().Before(deadline) {
		if status, _, _ := doGet(t, ta.NewClient(), ta.URL+url); status == http.StatusNotFound {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	ta.Run([]apptest.Scenario{
		{Name: "after the game the host still sees the avatar", Path: avatar(mayaNo), Client: tc, WantStatus: 200, WantContent: []string{"<svg"}},
		{Name: "after the game the picture is not served", Path: url, WantStatus: 404},
	})

	// check finds nothing wrong, then finds a missing file.
	problems, err := ta.App.Store().Check(t.Context())
	if err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	if err := os.Remove(filepath.Join(ta.Dir, "uploads", name)); err != nil {
		t.Fatal(err)
	}
	problems, err = ta.App.Store().Check(t.Context())
	if err != nil || len(problems) == 0 || !strings.Contains(strings.Join(problems, "\n"), "is missing") {
		t.Fatalf("check after removing the picture: %v %v", problems, err)
	}
}

// pictureSnapshot is the question sets, their pictures and the uploads.
func pictureSnapshot(t *testing.T, ta *apptest.App) string {
	t.Helper()
	var out string
	err := ta.App.Store().Reader.QueryRow(`SELECT
		(SELECT coalesce(group_concat(id || ':' || title || ':' || updated_at, ','), '') FROM question_sets) || ' | ' ||
		(SELECT coalesce(group_concat(set_id || '/' || position || ':' || text || ':' || coalesce(image_id, '-'), ','), '') FROM set_questions) || ' | ' ||
		(SELECT coalesce(group_concat(id || ':' || owner_id || ':' || status, ','), '') FROM question_uploads) || ' | ' ||
		(SELECT count(*) FROM jobs)`).Scan(&out)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A picture whose header is fine but whose pixels are broken passes the
// quick checks, fails in its job with words for the teacher, and cannot
// be put on a question.
func TestQuestionImageThatFailsProcessing(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, teacher := ta.Teacher("broken@school.test")
	good := noisePNG(t, 64, 64)
	broken := good[:len(good)/2]
	up := uploadQuestionImage(t, ta, teacher, broken)
	st := waitQuestionImage(t, ta, teacher, up.ID)
	if st.State != "failed" || st.Error == nil || st.Error.Code == "" || st.Error.Message == "" || st.Image != "" {
		t.Fatalf("broken picture: %+v", st)
	}
	ta.Run([]apptest.Scenario{
		{Name: "a failed picture on a question", Method: "POST", Path: "/api/v1/question-sets", Body: setWithPicture(up.ID), Client: teacher,
			WantStatus: 400, WantContent: []string{`"unknown_image"`}},
		{Name: "a failed picture has no file", Path: fmt.Sprintf("/api/v1/question-images/%d/image", up.ID), Client: teacher, WantStatus: 404},
	})
	if n := ta.CountRows("question_sets"); n != 0 {
		t.Fatalf("%d sets saved", n)
	}
}

// animalgenius check names questions that show another teacher's picture
// or a picture whose file is gone.
func TestCheckCommandQuestionPictures(t *testing.T) {
	ta := apptest.Start(t, nil)
	ta.Admin("admin@school.test")
	_, teacher := ta.Teacher("mine@school.test")
	_, other := ta.Teacher("theirs@school.test")
	mine := uploadQuestionImage(t, ta, teacher, smallPNG(t))
	theirs := uploadQuestionImage(t, ta, other, noisePNG(t, 40, 40))
	done := waitQuestionImage(t, ta, teacher, mine.ID)
	waitQuestionImage(t, ta, other, theirs.ID)
	postJSON(t, teacher, ta.URL+"/api/v1/question-sets", setWithPicture(mine.ID), http.StatusCreated, nil)
	var otherSet struct{ ID int64 }
	postJSON(t, other, ta.URL+"/api/v1/question-sets", setWithPicture(theirs.ID), http.StatusCreated, &otherSet)
	ta.Stop()
	if code, out := apptest.RunBin(t, nil, "check", "--data", ta.Dir); code != 0 || !strings.Contains(out, "ok: database is consistent") {
		t.Fatalf("check of a sound database: %d %s", code, out)
	}

	s, err := sqlitestore.Open(ta.Dir, sqlitestore.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	// Past the API: the other teacher's set now shows this teacher's picture.
	if _, err := s.Writer.Exec(`UPDATE set_questions SET image_id = ? WHERE set_id = ?`, mine.ID, otherSet.ID); err != nil {
		t.Fatal(err)
	}
	var file string
	if err := s.Reader.QueryRow(`SELECT file FROM question_uploads WHERE id = ?`, mine.ID).Scan(&file); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if done.State != "done" {
		t.Fatalf("upload %+v", done)
	}
	if err := os.Remove(filepath.Join(ta.Dir, "uploads", file)); err != nil {
		t.Fatal(err)
	}
	code, out := apptest.RunBin(t, nil, "check", "--data", ta.Dir)
	if code != 1 || !strings.Contains(out, fmt.Sprintf("set %d question 1: picture %d belongs to account", otherSet.ID, mine.ID)) ||
		!strings.Contains(out, "uploads/"+file+" is missing") {
		t.Fatalf("check: %d %s", code, out)
	}
}

// TestQuestionImagesBudgetOfOne: with a budget of one picture a day, the
// refusal says "1 question picture", not "1 question pictures".
func TestQuestionImagesBudgetOfOne(t *testing.T) {
	ta := apptest.Start(t, func(c *config.Config) { c.Uploads.QuestionPicturesPerDay = 1 })
	_, teacher := ta.Teacher("pics@school.test")
	uploadQuestionImage(t, ta, teacher, noisePNG(t, 40, 30))
	status, body := postQuestionImage(t, ta, teacher, "owl.png", "image/png", noisePNG(t, 30, 40))
	if status != http.StatusTooManyRequests || !strings.Contains(body, "You have uploaded 1 question picture in the last 24 hours") {
		t.Fatalf("second picture of a budget of one: %d %s", status, body)
	}
}
