package web_test

import (
	"fmt"
	"strings"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/web/hub"
)

func TestInsightBoardSocket(t *testing.T) {
	w := newInsightWorld(t)
	topic := fmt.Sprintf("class:%d", w.class)

	teacher := w.ta.Dial(w.teacher, "")
	teacher.Name = "teacher"
	teacher.Send(map[string]any{"type": "subscribe", "topic": topic})
	if m := teacher.Next("subscribed"); m["topic"] != topic {
		t.Fatalf("subscribed %v", m)
	}
	cleo := w.ta.InsightStudent(w.class, "Cleo", "ISFJ", "beaver", "doer", "visual")
	m := teacher.Next("board")
	board, _ := m["board"].(map[string]any)
	arrivals, _ := board["arrivals"].([]any)
	if m["topic"] != topic || len(arrivals) != 3 {
		t.Fatalf("board push %v", m)
	}
	last, _ := arrivals[2].(map[string]any)
	if int64(apptest.Num(last, "id")) != cleo || last["animal"] != "beaver" || last["name"] != "Cleo T." {
		t.Fatalf("newest arrival %v", last)
	}
	// A student in another class does not reach this board.
	w.ta.InsightStudent(w.otherClass, "Yan", "ESTJ", "border_collie", "doer", "visual")
	w.ta.InsightStudent(w.class, "Dara", "ENTP", "parrot", "thinker", "visual")
	m = teacher.Next("board")
	if b, _ := m["board"].(map[string]any); len(b["arrivals"].([]any)) != 4 || m["topic"] != topic {
		t.Fatalf("second push %v", m)
	}

	// Starting fresh reaches every screen of the board.
	second := w.ta.Dial(w.teacher, "")
	second.Name = "second screen"
	second.Send(map[string]any{"type": "subscribe", "topic": topic})
	second.Next("subscribed")
	w.ta.Run([]apptest.Scenario{{Name: "fresh", Method: "POST", Path: w.base + "/board/fresh", Client: w.teacher, WantStatus: 200}})
	for _, c := range []*apptest.WSClient{teacher, second} {
		m = c.Next("board")
		if b, _ := m["board"].(map[string]any); len(b["arrivals"].([]any)) != 0 || !apiTime.MatchString(fmt.Sprint(b["freshSince"])) {
			t.Fatalf("%s: fresh push %v", c.Name, m)
		}
	}

	admin := w.ta.Dial(w.admin, "")
	admin.Send(map[string]any{"type": "subscribe", "topic": topic})
	admin.Next("subscribed")
}

func TestInsightBoardSocketRefusals(t *testing.T) {
	w := newInsightWorld(t)
	topic := fmt.Sprintf("class:%d", w.class)
	cases := []struct {
		name  string
		dial  func() *apptest.WSClient
		topic string
		code  string
	}{
		{"another teacher", func() *apptest.WSClient { return w.ta.Dial(w.other, "") }, topic, "bad_topic"},
		{"a student of the class", func() *apptest.WSClient { return w.ta.Dial(w.ta.StudentClient(w.maya), "as=student") }, topic, "bad_topic"},
		{"a student with the teacher's query", func() *apptest.WSClient { return w.ta.Dial(w.ta.StudentClient(w.maya), "") }, topic, "bad_topic"},
		{"nobody", func() *apptest.WSClient { return w.ta.Dial(nil, "") }, topic, "bad_topic"},
		{"a class that does not exist", func() *apptest.WSClient { return w.ta.Dial(w.teacher, "") }, "class:99999", "bad_topic"},
		{"a class id that is not a number", func() *apptest.WSClient { return w.ta.Dial(w.teacher, "") }, "class:abc", "bad_topic"},
		{"a negative class id", func() *apptest.WSClient { return w.ta.Dial(w.teacher, "") }, "class:-4", "bad_topic"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.dial()
			c.T, c.Name = t, tc.name
			c.Send(map[string]any{"type": "subscribe", "topic": tc.topic})
			c.Error(tc.code)
			// Refused sockets get no pushes of the class.
			w.ta.InsightStudent(w.class, fmt.Sprintf("Kid%d", i), "INFJ", "panda", "feeler", "visual")
			c.Send(map[string]any{"type": "subscribe", "topic": "class:abc"})
			c.Error("bad_topic") // the next frame is the answer, not a board
		})
	}
}

// TestInsightFollowsClassWrites: the classes area's writes (a submission,
// a passport rotation, a removal, a rename) reach the cached insight and
// the live board at once.
func TestInsightFollowsClassWrites(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, teacher := ta.Teacher("maria@school.test")
	class := ta.CreateClass(teacher, "Room 7")
	base := fmt.Sprintf("/api/v1/classes/%d", class.ID)
	ta.Run([]apptest.Scenario{{Name: "empty roster cached", Path: base + "/roster", Client: teacher, WantStatus: 200, WantContent: []string{`"total":0`}}})

	board := ta.Dial(teacher, "")
	board.Send(map[string]any{"type": "subscribe", "topic": fmt.Sprintf("class:%d", class.ID)})
	board.Next("subscribed")

	_, maya := ta.Join(class.Code, "Maya", "R", apptest.AnswersAt("INFP", "visual"))
	m := board.Next("board")
	if b, _ := m["board"].(map[string]any); len(b["arrivals"].([]any)) != 1 {
		t.Fatalf("push after the submission: %v", m)
	}
	ta.Run([]apptest.Scenario{{Name: "roster after the submission", Path: base + "/roster", Client: teacher, WantStatus: 200,
		WantContent: []string{`"total":1`, `"name":"Maya R."`, `"animal":"meerkat"`, maya.PassportCode}}})

	status, body := ta.Call(teacher, "POST", fmt.Sprintf("%s/students/%d/passport", base, maya.ID), "")
	if status != 200 {
		t.Fatalf("rotate: %d %s", status, body)
	}
	ta.Run([]apptest.Scenario{{Name: "roster after the rotation", Path: base + "/roster", Client: teacher, WantStatus: 200,
		NotContent: []string{maya.PassportCode}}})

	status, body = ta.Call(teacher, "PATCH", base, `{"name":"Room 8"}`)
	if status != 200 {
		t.Fatalf("rename: %d %s", status, body)
	}
	ta.Run([]apptest.Scenario{{Name: "board after the rename", Path: base + "/board", Client: teacher, WantStatus: 200,
		WantContent: []string{`"className":"Room 8"`}}})

	status, body = ta.Call(teacher, "DELETE", fmt.Sprintf("%s/students/%d", base, maya.ID), "")
	if status != 204 && status != 200 {
		t.Fatalf("remove: %d %s", status, body)
	}
	emptied := false
	for i := 0; i < 10 && !emptied; i++ { // earlier changes may still be on their way
		m = board.Next("board")
		b, _ := m["board"].(map[string]any)
		emptied = len(b["arrivals"].([]any)) == 0
	}
	if !emptied {
		t.Fatal("the board never showed the removal")
	}
	ta.Run([]apptest.Scenario{{Name: "roster after the removal", Path: base + "/roster", Client: teacher, WantStatus: 200,
		WantContent: []string{`"total":0`}, NotContent: []string{"Maya"}}})
}

// An admin watching another teacher's board who is made a teacher again
// loses it at once: the socket is asked to reconnect, and subscribing
// again is refused.
func TestDemotedAdminLosesOtherTeachersBoards(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, ana := ta.Teacher("ana@hill.school")
	olga, olgaClient := ta.Teacher("olga@hill.school")
	_, root := ta.Admin("root@hill.school")
	cl := ta.CreateClass(ana, "Room 7")
	role := fmt.Sprintf("/api/v1/admin/accounts/%d/role", olga.ID)
	if st, body := ta.Call(root, "POST", role, `{"role":"admin"}`); st != 200 {
		t.Fatalf("promote: %d %s", st, body)
	}
	topic := fmt.Sprintf("class:%d", cl.ID)
	watch := ta.Dial(olgaClient, "")
	watch.Name = "olga as admin"
	watch.Send(map[string]any{"type": "subscribe", "topic": topic})
	watch.Next("subscribed")
	if st, body := ta.Call(root, "POST", role, `{"role":"teacher"}`); st != 200 {
		t.Fatalf("demote: %d %s", st, body)
	}
	if code, _ := watch.Closed(); code != hub.CloseReconnect {
		t.Fatalf("the demoted admin's socket closed with %d, want %d", code, hub.CloseReconnect)
	}
	again := ta.Dial(olgaClient, "")
	again.Name = "olga as teacher"
	again.Send(map[string]any{"type": "subscribe", "topic": topic})
	again.Error("bad_topic")
}

// An archived class is read-only: no new saved grouping, no "start
// fresh" on its board, until it is brought back.
func TestArchivedClassKeepsItsGroupingsAndBoard(t *testing.T) {
	w := newInsightWorld(t)
	grouping := fmt.Sprintf(`{"name":"Pairs","size":2,"balance":"genius","seed":1,"groups":[[%d,%d]]}`, w.maya, w.ben)
	if st, body := w.ta.Call(w.teacher, "POST", w.base+"/archive", ""); st != 200 {
		t.Fatalf("archive: %d %s", st, body)
	}
	for _, c := range []struct{ method, path, body string }{
		{"POST", w.base + "/groupings", grouping},
		{"POST", w.base + "/board/fresh", ""},
		{"DELETE", w.base + "/board/fresh", ""},
	} {
		if st, body := w.ta.Call(w.teacher, c.method, c.path, c.body); st != 409 || !strings.Contains(body, "class_archived") {
			t.Errorf("%s %s on an archived class: %d %s", c.method, c.path, st, body)
		}
	}
	if st, body := w.ta.Call(w.teacher, "POST", w.base+"/unarchive", ""); st != 200 {
		t.Fatalf("unarchive: %d %s", st, body)
	}
	if st, body := w.ta.Call(w.teacher, "POST", w.base+"/groupings", grouping); st != 201 {
		t.Fatalf("grouping after unarchiving: %d %s", st, body)
	}
}

// A board open on a class that is deleted hears it at once.
func TestBoardHearsItsClassDeleted(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, ana := ta.Teacher("ana@hill.school")
	cl := ta.CreateClass(ana, "Room 7")
	board := ta.Dial(ana, "")
	board.Name = "projector"
	board.Send(map[string]any{"type": "subscribe", "topic": fmt.Sprintf("class:%d", cl.ID)})
	board.Next("subscribed")
	if st, body := ta.Call(ana, "DELETE", fmt.Sprintf("/api/v1/classes/%d", cl.ID), `{"confirm":"Room 7"}`); st != 204 {
		t.Fatalf("delete: %d %s", st, body)
	}
	board.Error("class_deleted")
}
