package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/sqlitestore/storetest"
)

func TestEconomyAPI(t *testing.T) {
	app := apptest.Start(t, nil)
	teacher, tc := app.Teacher("ms.hill@school.test")
	_, other := app.Teacher("mr.stone@school.test")
	_, admin := app.Admin("it@school.test")
	class, kids := app.EconClass(teacher.ID, "Maya", "Leo", "Ana")
	otherClass, otherKids := app.EconClass(storetest.FixtureTeacher(t, app.App.Store()), "Zed")
	maya := app.StudentClient(kids[0])
	leo := app.StudentClient(kids[1])
	base := fmt.Sprintf("/api/v1/classes/%d", class)

	app.Run([]apptest.Scenario{
		// Teachers: give, take, store toggle, ownership.
		{Name: "teacher opens the store", Method: "PUT", Path: base + "/store", Body: `{"open":true}`, Client: tc, WantStatus: 200, WantContent: []string{`"storeOpen":true`}},
		{Name: "store toggle needs open", Method: "PUT", Path: base + "/store", Body: `{}`, Client: tc, WantStatus: 400},
		{Name: "give to the class", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":60,"action":"give","reason":"Great week"}`,
			Header: apptest.Key("give-class"), Client: tc, WantStatus: 200, WantContent: []string{`"coins":60`}},
		{Name: "the same request again moves nothing", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":60,"action":"give","reason":"Great week"}`,
			Header: apptest.Key("give-class"), Client: tc, WantStatus: 200, WantContent: []string{`"coins":60`}, NotContent: []string{`"coins":120`}},
		{Name: "same key, other request", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":61,"action":"give"}`,
			Header: apptest.Key("give-class"), Client: tc, WantStatus: 409, WantContent: []string{`"idempotency_key_reused"`}},
		{Name: "no key", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":5,"action":"give"}`, Client: tc, WantStatus: 400, WantContent: []string{`"idempotency_key_required"`}},
		{Name: "take below zero names the student", Method: "POST", Path: base + "/coins", Body: fmt.Sprintf(`{"studentIds":[%d,%d],"amount":70,"action":"take"}`, kids[0], kids[1]),
			Header: apptest.Key("take-70"), Client: tc, WantStatus: 409, WantContent: []string{`"not_enough_coins"`, "Maya R. (has 60)", "Leo R. (has 60)"}},
		{Name: "zero amount", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":0,"action":"give"}`, Header: apptest.Key("z"), Client: tc, WantStatus: 400},
		{Name: "negative amount", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":-5,"action":"give"}`, Header: apptest.Key("n"), Client: tc, WantStatus: 400},
		{Name: "huge amount", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":1001,"action":"give"}`, Header: apptest.Key("h"), Client: tc, WantStatus: 400},
		{Name: "overflowing amount", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":99999999999999999999,"action":"give"}`, Header: apptest.Key("o"), Client: tc, WantStatus: 400, WantContent: []string{`"wrong_type"`}},
		{Name: "fractional amount", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":2.5,"action":"give"}`, Header: apptest.Key("f"), Client: tc, WantStatus: 400, WantContent: []string{`"wrong_type"`}},
		{Name: "amount as text", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":"5","action":"give"}`, Header: apptest.Key("t"), Client: tc, WantStatus: 400, WantContent: []string{`"wrong_type"`}},
		{Name: "unknown field", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":5,"action":"give","bonus":1}`, Header: apptest.Key("u"), Client: tc, WantStatus: 400, WantContent: []string{`"unknown_field"`}},
		{Name: "malformed json", Method: "POST", Path: base + "/coins", Body: `{"all":true,`, Header: apptest.Key("m"), Client: tc, WantStatus: 400},
		{Name: "bad action", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":5,"action":"steal"}`, Header: apptest.Key("a"), Client: tc, WantStatus: 400},
		{Name: "student of another class", Method: "POST", Path: base + "/coins", Body: fmt.Sprintf(`{"studentIds":[%d],"amount":5,"action":"give"}`, otherKids[0]),
			Header: apptest.Key("x"), Client: tc, WantStatus: 404},
		{Name: "another teacher's class is 404", Method: "GET", Path: base + "/economy", Client: other, WantStatus: 404},
		{Name: "another teacher cannot give", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":5,"action":"give"}`, Header: apptest.Key("other"), Client: other, WantStatus: 404},
		{Name: "unknown class is 404", Method: "GET", Path: "/api/v1/classes/999999/economy", Client: tc, WantStatus: 404},
		{Name: "class id not a number", Method: "GET", Path: "/api/v1/classes/abc/economy", Client: tc, WantStatus: 404},
		{Name: "admin sees every class", Method: "GET", Path: fmt.Sprintf("/api/v1/classes/%d/economy", otherClass), Client: admin, WantStatus: 200},
		{Name: "students cannot use teacher routes", Method: "GET", Path: base + "/economy", Client: maya, WantStatus: 401},
		{Name: "class economy", Method: "GET", Path: base + "/economy", Client: tc, WantStatus: 200, WantContent: []string{`"storeOpen":true`, `"given":180`, `"firstName":"Maya"`}},
		{Name: "student history for its teacher", Method: "GET", Path: fmt.Sprintf("%s/students/%d/ledger", base, kids[0]), Client: tc, WantStatus: 200, WantContent: []string{`"teacher_gift"`, `Great week`}},
		{Name: "other class's student history is 404", Method: "GET", Path: fmt.Sprintf("%s/students/%d/ledger", base, otherKids[0]), Client: tc, WantStatus: 404},
		{Name: "avatar for the roster", Method: "GET", Path: fmt.Sprintf("%s/students/%d/avatar.svg", base, kids[0]), Client: tc, WantStatus: 200, WantContent: []string{"<svg", "Maya R. the owl"}},

		// Students: store, purchase, avatar, pet.
		{Name: "student dashboard", Path: "/api/v1/student/economy", Client: maya, WantStatus: 200, WantContent: []string{`"coins":60`, `"storeOpen":true`}},
		{Name: "teachers are not students", Path: "/api/v1/student/economy", Client: tc, WantStatus: 401},
		{Name: "store lists the catalog", Path: "/api/v1/student/store", Client: maya, WantStatus: 200, WantContent: []string{`"hat-party"`, `"kitten"`, `"owned":false`}},
		{Name: "buy without a key", Method: "POST", Path: "/api/v1/student/store/purchases", Body: `{"itemId":1}`, Client: maya, WantStatus: 400, WantContent: []string{`"idempotency_key_required"`}},
		{Name: "buy a missing item", Method: "POST", Path: "/api/v1/student/store/purchases", Body: `{"itemId":99999}`, Header: apptest.Key("missing"), Client: maya, WantStatus: 404},
		{Name: "buy with a bad body", Method: "POST", Path: "/api/v1/student/store/purchases", Body: `{"itemId":"one"}`, Header: apptest.Key("bad"), Client: maya, WantStatus: 400},
		{Name: "non-UTF-8 body", Method: "POST", Path: "/api/v1/student/store/purchases", Body: "{\"itemId\":1,\"x\":\"\xff\"}", Header: apptest.Key("utf"), Client: maya, WantStatus: 400, WantContent: []string{`"bad_encoding"`}},
		{Name: "too dear", Method: "POST", Path: "/api/v1/student/store/purchases", Body: `{"itemId":5}`, Header: apptest.Key("crown"), Client: maya, WantStatus: 409, WantContent: []string{`"not_enough_coins"`}},
		{Name: "buy the party hat", Method: "POST", Path: "/api/v1/student/store/purchases", Body: `{"itemId":1}`, Header: apptest.Key("hat"), Client: maya, WantStatus: 201, WantContent: []string{`"coins":35`, `"Party Hat"`}},
		{Name: "buy it again", Method: "POST", Path: "/api/v1/student/store/purchases", Body: `{"itemId":1}`, Header: apptest.Key("hat2"), Client: maya, WantStatus: 409, WantContent: []string{`"already_owned"`}},
		{Name: "dashboard shows the purchase at once", Path: "/api/v1/student/economy", Client: maya, WantStatus: 200, WantContent: []string{`"coins":35`, `"purchase"`}},
		{Name: "inventory", Path: "/api/v1/student/inventory", Client: maya, WantStatus: 200, WantContent: []string{`"hat-party"`}},
		{Name: "wear the hat", Method: "PUT", Path: "/api/v1/student/avatar", Body: `{"primary":"#e63946","secondary":"","equipped":{"hat":1,"glasses":null}}`, Client: maya, WantStatus: 200, WantContent: []string{`"primary":"#E63946"`, `"hat":1`}},
		{Name: "wear what you don't own", Method: "PUT", Path: "/api/v1/student/avatar", Body: `{"equipped":{"glasses":6}}`, Client: maya, WantStatus: 400, WantContent: []string{`"not_owned"`}},
		{Name: "another student cannot wear Maya's hat", Method: "PUT", Path: "/api/v1/student/avatar", Body: `{"equipped":{"hat":1}}`, Client: leo, WantStatus: 400, WantContent: []string{`"not_owned"`}},
		{Name: "colour off the palette", Method: "PUT", Path: "/api/v1/student/avatar", Body: `{"primary":"#123456"}`, Client: maya, WantStatus: 400},
		{Name: "unknown slot", Method: "PUT", Path: "/api/v1/student/avatar", Body: `{"equipped":{"shoes":1}}`, Client: maya, WantStatus: 400},
		{Name: "avatar shows the hat", Path: "/api/v1/student/avatar.svg", Client: maya, WantStatus: 200, WantContent: []string{`class="ag-hat"`, `fill="#E63946"`}},
		{Name: "preview", Path: "/api/v1/student/avatar/preview.svg?primary=%238B5CF6&hat=1", Client: maya, WantStatus: 200, WantContent: []string{`fill="#8B5CF6"`, `class="ag-hat"`}},
		{Name: "preview of what you don't own", Path: "/api/v1/student/avatar/preview.svg?glasses=6", Client: maya, WantStatus: 400},
		{Name: "no pet yet", Path: "/api/v1/student/pet", Client: maya, WantStatus: 200, WantContent: []string{`"pet":null`}},
		{Name: "pet with a rude name", Method: "POST", Path: "/api/v1/student/pet", Body: `{"speciesId":1,"name":"Poop"}`, Header: apptest.Key("rude"), Client: leo, WantStatus: 400, WantContent: []string{`"bad_name"`}},
		{Name: "pet with a long name", Method: "POST", Path: "/api/v1/student/pet", Body: `{"speciesId":1,"name":"` + strings.Repeat("a", 21) + `"}`, Header: apptest.Key("long"), Client: leo, WantStatus: 400},
		{Name: "adopt a kitten", Method: "POST", Path: "/api/v1/student/pet", Body: `{"speciesId":1,"name":"Mittens"}`, Header: apptest.Key("kitten"), Client: leo, WantStatus: 201, WantContent: []string{`"name":"Mittens"`, `"coins":0`, `"mood":"happy"`}},
		{Name: "a second pet", Method: "POST", Path: "/api/v1/student/pet", Body: `{"speciesId":2,"name":"Hop"}`, Header: apptest.Key("bunny"), Client: leo, WantStatus: 409},
		{Name: "feed without coins", Method: "POST", Path: "/api/v1/student/pet/care", Body: `{"action":"feed"}`, Header: apptest.Key("feed"), Client: leo, WantStatus: 409, WantContent: []string{`"not_enough_coins"`}},
		{Name: "play", Method: "POST", Path: "/api/v1/student/pet/care", Body: `{"action":"play"}`, Client: leo, WantStatus: 200, WantContent: []string{`"mood":"happy"`, `"play":30`}},
		{Name: "play again too soon", Method: "POST", Path: "/api/v1/student/pet/care", Body: `{"action":"play"}`, Client: leo, WantStatus: 429, WantContent: []string{`"cooldown"`}},
		{Name: "unknown care", Method: "POST", Path: "/api/v1/student/pet/care", Body: `{"action":"tickle"}`, Client: leo, WantStatus: 400},
		{Name: "rename", Method: "PATCH", Path: "/api/v1/student/pet", Body: `{"name":"Sir Mittens"}`, Client: leo, WantStatus: 200, WantContent: []string{`"Sir Mittens"`}},
		{Name: "Maya has no pet to care for", Method: "POST", Path: "/api/v1/student/pet/care", Body: `{"action":"pet"}`, Client: maya, WantStatus: 404, WantContent: []string{`"no_pet"`}},
		{Name: "student history", Path: "/api/v1/student/ledger", Client: leo, WantStatus: 200, WantContent: []string{`"pet_purchase"`, `"teacher_gift"`}},
		{Name: "bad history cursor", Path: "/api/v1/student/ledger?before=x", Client: leo, WantStatus: 400},

		// Closing the store stops purchases.
		{Name: "teacher closes the store", Method: "PUT", Path: base + "/store", Body: `{"open":false}`, Client: tc, WantStatus: 200},
		{Name: "closed store refuses", Method: "POST", Path: "/api/v1/student/store/purchases", Body: `{"itemId":6}`, Header: apptest.Key("closed"), Client: maya, WantStatus: 409, WantContent: []string{`"store_closed"`}},
		{Name: "dashboard shows it closed", Path: "/api/v1/student/economy", Client: maya, WantStatus: 200, WantContent: []string{`"storeOpen":false`}},

		// Admin catalog.
		{Name: "teachers cannot edit the catalog", Method: "POST", Path: "/api/v1/admin/catalog/items", Body: `{}`, Client: tc, WantStatus: 403},
		{Name: "students cannot see the admin catalog", Path: "/api/v1/admin/catalog", Client: maya, WantStatus: 401},
		{Name: "admin catalog", Path: "/api/v1/admin/catalog", Client: admin, WantStatus: 200, WantContent: []string{`"itemArt"`, `"/art/pets/kitten"`}},
		{Name: "admin adds an item", Method: "POST", Path: "/api/v1/admin/catalog/items", Body: `{"name":"Lucky Cap","slot":"hat","rarity":"rare","price":40,"image":"/art/items/hat-top.svg"}`, Client: admin, WantStatus: 201, WantContent: []string{`"Lucky Cap"`, `"active":true`}},
		{Name: "item with an outside image", Method: "POST", Path: "/api/v1/admin/catalog/items", Body: `{"name":"X","slot":"hat","rarity":"rare","price":40,"image":"http://example.invalid/x.png"}`, Client: admin, WantStatus: 400},
		{Name: "item with a bad slot", Method: "POST", Path: "/api/v1/admin/catalog/items", Body: `{"name":"X","slot":"feet","rarity":"rare","price":40,"image":"/art/items/hat-top.svg"}`, Client: admin, WantStatus: 400},
		{Name: "take an item off sale", Method: "PUT", Path: "/api/v1/admin/catalog/items/6", Body: `{"name":"Round Glasses","slot":"glasses","rarity":"common","price":20,"image":"/art/items/glasses-round.svg","active":false}`, Client: admin, WantStatus: 200, WantContent: []string{`"active":false`}},
		{Name: "update a missing item", Method: "PUT", Path: "/api/v1/admin/catalog/items/99999", Body: `{"name":"X","slot":"hat","rarity":"rare","price":40,"image":"/art/items/hat-top.svg"}`, Client: admin, WantStatus: 404},
		{Name: "admin adds a pet", Method: "POST", Path: "/api/v1/admin/catalog/species", Body: `{"name":"Hamster","rarity":"common","price":30,"hungerRate":1,"happinessRate":0.5,"art":"/art/pets/bunny"}`, Client: admin, WantStatus: 201},
		{Name: "metrics count coins, purchases and pets", Path: "/metrics", WantStatus: 200, WantContent: []string{
			`animalgenius_coins_awarded_total{type="teacher_gift"} 180`, `animalgenius_coins_spent_total{type="purchase"} 25`,
			`animalgenius_coins_spent_total{type="pet_purchase"} 60`, `animalgenius_items_purchased_total{slot="hat"} 1`,
			`animalgenius_items_purchased_total{slot="pet"} 1`, `animalgenius_pets{mood="happy"} 1`}},
		{Name: "pet rates out of range", Method: "PUT", Path: "/api/v1/admin/catalog/species/1", Body: `{"name":"Kitten","rarity":"common","price":60,"hungerRate":-1,"happinessRate":0.5}`, Client: admin, WantStatus: 400},
	})
}

// 100 concurrent purchases of one item over HTTP by a student who can
// afford one: exactly one purchase and one debit.
func TestEconomyConcurrentPurchasesOverHTTP(t *testing.T) {
	app := apptest.Start(t, nil)
	app.CreateAccount("it@school.test", "admin") // a box without an admin is a check problem of its own
	teacher, tc := app.Teacher("ms.hill@school.test")
	class, kids := app.EconClass(teacher.ID, "Maya")
	base := fmt.Sprintf("/api/v1/classes/%d", class)
	app.Run([]apptest.Scenario{
		{Name: "open", Method: "PUT", Path: base + "/store", Body: `{"open":true}`, Client: tc, WantStatus: 200},
		{Name: "give 30", Method: "POST", Path: base + "/coins", Body: `{"all":true,"amount":30,"action":"give"}`, Header: apptest.Key("g30"), Client: tc, WantStatus: 200},
	})
	maya := app.StudentClient(kids[0])
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPost, app.URL+"/api/v1/student/store/purchases", strings.NewReader(`{"itemId":1}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Idempotency-Key", fmt.Sprintf("concurrent-http-%05d", i))
			status, _, _ := apptest.Do(t, maya, req)
			mu.Lock()
			statuses[status]++
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	if statuses[201] != 1 || statuses[409] != 99 {
		t.Fatalf("statuses = %v, want one 201 and 99 409", statuses)
	}
	status, _, body := apptest.Do(t, maya, mustReq(t, "GET", app.URL+"/api/v1/student/ledger"))
	var page struct {
		Entries []struct{ Amount int } `json:"entries"`
	}
	if status != 200 || json.Unmarshal([]byte(body), &page) != nil {
		t.Fatalf("ledger: %d %s", status, body)
	}
	debits := 0
	for _, e := range page.Entries {
		if e.Amount < 0 {
			debits++
		}
	}
	if debits != 1 {
		t.Fatalf("%d debits, want 1", debits)
	}
	problems, err := app.App.Store().Check(t.Context())
	if err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

func mustReq(t *testing.T, method, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// TestEconomyCountsInWords: answers and audit lines about one coin say
// "1 coin", never "1 coins".
func TestEconomyCountsInWords(t *testing.T) {
	app := apptest.Start(t, nil)
	teacher, tc := app.Teacher("ms.hill@school.test")
	_, admin := app.Admin("it@school.test")
	class, kids := app.EconClass(teacher.ID, "Oli")
	base := fmt.Sprintf("/api/v1/classes/%d", class)
	app.Run([]apptest.Scenario{
		{Name: "give one coin", Method: "POST", Path: base + "/coins", Body: fmt.Sprintf(`{"studentIds":[%d],"amount":1,"action":"give"}`, kids[0]),
			Header: apptest.Key("give-1"), Client: tc, WantStatus: 200},
		{Name: "take more than the one", Method: "POST", Path: base + "/coins", Body: fmt.Sprintf(`{"studentIds":[%d],"amount":5,"action":"take"}`, kids[0]),
			Header: apptest.Key("take-5"), Client: tc, WantStatus: 409, WantContent: []string{`"not_enough_coins"`, "Oli R. has 1 coin."}, NotContent: []string{"1 coins"}},
		{Name: "the audit line", Path: fmt.Sprintf("/api/v1/admin/audit?student=%d", kids[0]), Client: admin, WantStatus: 200,
			WantContent: []string{`"detail":"1 coin given"`}, NotContent: []string{"1 coins"}},
	})
}

// An archived class's coins and store are paused: the teacher is told so
// in a teacher's words, never with a 500, and nothing changes.
func TestArchivedClassEconomyAnswersTheTeacher(t *testing.T) {
	app := apptest.Start(t, nil)
	teacher, tc := app.Teacher("ms.hill@school.test")
	classID, _ := app.EconClass(teacher.ID, "Maya")
	base := fmt.Sprintf("/api/v1/classes/%d", classID)
	if st, body := app.Call(tc, "POST", base+"/archive", ""); st != 200 {
		t.Fatalf("archive: %d %s", st, body)
	}
	for _, c := range []struct{ method, path, body string }{
		{"PUT", base + "/store", `{"open":true}`},
		{"PUT", base + "/store", `{"open":false}`},
	} {
		st, body := app.Call(tc, c.method, c.path, c.body)
		if st != 409 || !strings.Contains(body, "class_archived") || !strings.Contains(body, "Bring it back from the archive") || strings.Contains(body, "Ask your teacher") {
			t.Errorf("%s %s on an archived class: %d %s", c.method, c.path, st, body)
		}
	}
	st, body := app.Call(tc, "POST", base+"/coins", `{"all":true,"amount":5,"action":"give","reason":"Well done"}`, "Idempotency-Key", "archivedgift0000001")
	if st != 409 || !strings.Contains(body, "Bring it back from the archive") {
		t.Errorf("coins on an archived class: %d %s", st, body)
	}
}
