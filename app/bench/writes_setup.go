package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"animalgenius/app/classes"
	"animalgenius/app/economy"
)

// What the writes sweep prepares through the API between its levels:
// one teacher, classes (each with its store open) for the submissions,
// and for the purchases the pupils those submissions made, their classes
// given the coins for every item of the store.

// seatsPerClass is how many pupils the sweep puts in one class.
const seatsPerClass = classes.MaxStudents

// giveCoins is the most a teacher gives in one request.
const giveCoins = 1000

// signUp makes the sweep's teacher (the server must allow open sign-up;
// the one bench starts does).
func (w *writesSweep) signUp(ctx context.Context) error {
	body := fmt.Sprintf(`{"email":"bench-writes-%s@school.example","displayName":"Bench Writes","school":"Bench","password":"bench writes passphrase %s"}`, w.run, w.run)
	resp, _, err := benchPost(ctx, w.e, "", "/api/v1/auth/signup", body, "writes setup: POST /auth/signup", nil, http.StatusCreated)
	if err != nil {
		return fmt.Errorf("teacher sign-up (the server must run with auth.signup_mode = \"open\"): %w", err)
	}
	for _, ck := range resp.Cookies() {
		if ck.Name == "ag_session" {
			w.teacher = ck.Value
		}
	}
	if w.teacher == "" {
		return errors.New("teacher sign-up: no session cookie")
	}
	return nil
}

// prepareSeats makes sure at least need seats are free in the sweep's
// classes, making classes (store open) as needed.
func (w *writesSweep) prepareSeats(ctx context.Context, need int64) error {
	free := int64(len(w.classes))*seatsPerClass - w.slots.Load()
	if free >= need {
		return nil
	}
	n := int((need - free + seatsPerClass - 1) / seatsPerClass)
	made := make([]benchClass, n)
	var mu sync.Mutex
	var firstErr error
	first := len(w.classes)
	ck := &http.Cookie{Name: "ag_session", Value: w.teacher}
	benchEach(ctx, w.e, n, func(i int) bool {
		fail := func(err error) bool {
			mu.Lock()
			firstErr = cmpOr(firstErr, err)
			mu.Unlock()
			return false
		}
		_, raw, err := benchSend(ctx, w.e, http.MethodPost, "/api/v1/classes", fmt.Sprintf(`{"name":"Bench writes %d","grade":6}`, first+i),
			"writes setup: POST /classes", ck, nil, http.StatusCreated)
		if err != nil {
			return fail(err)
		}
		var created struct{ Class benchClass }
		if err := json.Unmarshal(raw, &created); err != nil || created.Class.Code == "" {
			return fail(fmt.Errorf("create class: %v %s", err, raw))
		}
		if _, _, err := benchSend(ctx, w.e, http.MethodPut, fmt.Sprintf("/api/v1/classes/%d/store", created.Class.ID), `{"open":true}`,
			"writes setup: PUT /classes/:id/store", ck, nil, http.StatusOK); err != nil {
			return fail(err)
		}
		made[i] = created.Class
		return true
	})
	if firstErr == nil && ctx.Err() != nil {
		firstErr = ctx.Err()
	}
	if firstErr != nil {
		return fmt.Errorf("writes setup: classes: %w", firstErr)
	}
	w.classes = append(w.classes, made...)
	w.sessions = append(w.sessions, make([]string, len(w.classes)*seatsPerClass-len(w.sessions))...)
	return nil
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// nextSubmit builds the next pupil's submission: the next free seat, a
// name no one in its class has, one of four whole answer sets.
func (w *writesSweep) nextSubmit(ctx context.Context) (*http.Request, int64, bool) {
	k := w.slots.Add(1) - 1
	if k >= int64(len(w.classes))*seatsPerClass {
		return nil, k, false
	}
	cl := w.classes[k/seatsPerClass]
	seat := int(k % seatsPerClass)
	body := make([]byte, 0, 96+len(w.answers[0]))
	body = append(body, `{"firstName":"Kid `...)
	body = append(body, Name(seat/26)...)
	body = append(body, `","firstNameConfirmed":true,"lastInitial":"`...)
	body = append(body, byte('A'+seat%26))
	body = append(body, `","quiz":`...)
	body = append(body, w.answers[k%int64(len(w.answers))]...)
	body = append(body, '}')
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, w.e.base+"/api/v1/join/"+cl.Code+"/submit", bytes.NewReader(body))
	req.Header = http.Header{
		"Content-Type":    {"application/json"},
		"X-Csrf-Token":    {CSRFToken},
		"Cookie":          {"ag_csrf=" + CSRFToken},
		"Idempotency-Key": {"bench-w" + w.run + "-" + strconv.FormatInt(k, 10)},
	}
	return req, k, true
}

// saveSession keeps the student session a submission answered with.
func (w *writesSweep) saveSession(k int64, resp *http.Response) {
	for _, v := range resp.Header["Set-Cookie"] {
		if rest, ok := strings.CutPrefix(v, "ag_student="); ok {
			val, _, _ := strings.Cut(rest, ";")
			w.sessions[k] = val
		}
	}
}

// preparePairs makes sure at least need (student, item) pairs are left
// to buy: the classes the submissions filled become generations of buyers
// (given their coins first); when they are used up, more pupils submit
// (untimed) into new classes.
func (w *writesSweep) preparePairs(ctx context.Context, need int64) error {
	for {
		left := int64(0)
		if n := len(w.gens); n > 0 {
			last := w.gens[n-1]
			left = last.start + int64(len(last.cookies)*len(w.items)) - w.pairs.Load()
		}
		if left >= need {
			return nil
		}
		if w.items == nil {
			if err := w.readStore(ctx); err != nil {
				return err
			}
		}
		filled := int((min(w.slots.Load(), int64(len(w.classes))*seatsPerClass) + seatsPerClass - 1) / seatsPerClass)
		if w.fresh >= filled {
			if err := w.morePupils(ctx, need-max(left, 0)); err != nil {
				return err
			}
			continue
		}
		for ; w.fresh < filled; w.fresh++ {
			if err := w.newGeneration(ctx, w.fresh); err != nil {
				return err
			}
		}
	}
}

// morePupils submits pupils for at least want more pairs, untimed, into
// classes of their own (the classes already given coins get no one new).
func (w *writesSweep) morePupils(ctx context.Context, want int64) error {
	perPupil := int64(len(w.items))
	pupils := max((want+perPupil-1)/perPupil, 200)
	// Start at a new class.
	cur := w.slots.Load()
	w.slots.Store((cur + seatsPerClass - 1) / seatsPerClass * seatsPerClass)
	if err := w.prepareSeats(ctx, pupils); err != nil {
		return err
	}
	var failed sync.Once
	var firstErr error
	benchEach(ctx, w.e, int(pupils), func(int) bool {
		req, k, ok := w.nextSubmit(ctx)
		if !ok {
			return false
		}
		if !w.e.allow() {
			return false
		}
		resp, err := w.client.Do(req)
		if err == nil {
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				err = fmt.Errorf("status %d", resp.StatusCode)
			}
		}
		if err != nil {
			failed.Do(func() { firstErr = err })
			return false
		}
		w.saveSession(k, resp)
		return true
	})
	if firstErr != nil {
		return fmt.Errorf("writes setup: pupils for the purchases: %w", firstErr)
	}
	return ctx.Err()
}

// readStore reads the store's active items (as a pupil sees them),
// cheapest first, and what one pupil needs to buy them all.
func (w *writesSweep) readStore(ctx context.Context) error {
	var cookie string
	for _, s := range w.sessions {
		if s != "" {
			cookie = s
			break
		}
	}
	if cookie == "" {
		return errors.New("writes setup: no pupil submitted, so no one can buy")
	}
	_, raw, err := benchSend(ctx, w.e, http.MethodGet, "/api/v1/student/store", "", "writes setup: GET /student/store",
		&http.Cookie{Name: "ag_student", Value: cookie}, nil, http.StatusOK)
	if err != nil {
		return err
	}
	var st economy.Catalog
	if err := json.Unmarshal(raw, &st); err != nil {
		return fmt.Errorf("writes setup: store: %w", err)
	}
	w.items = []writesItem{}
	for _, it := range st.Items {
		if it.Active {
			w.items = append(w.items, writesItem{id: it.ID, price: it.Price, body: []byte(`{"itemId":` + strconv.FormatInt(it.ID, 10) + `}`)})
			w.perKid += it.Price
		}
	}
	if len(w.items) == 0 {
		return errors.New("writes setup: the store has no active item")
	}
	slices.SortFunc(w.items, func(a, b writesItem) int { return a.price - b.price })
	return nil
}

// newGeneration gives class i's pupils the coins for every item and
// makes them the next generation of buyers.
func (w *writesSweep) newGeneration(ctx context.Context, i int) error {
	cl := w.classes[i]
	var cookies []string
	for _, s := range w.sessions[i*seatsPerClass : (i+1)*seatsPerClass] {
		if s != "" {
			cookies = append(cookies, "ag_csrf="+CSRFToken+"; ag_student="+s)
		}
	}
	if len(cookies) == 0 {
		return nil
	}
	ck := &http.Cookie{Name: "ag_session", Value: w.teacher}
	for g := 0; g*giveCoins < w.perKid; g++ {
		key := map[string]string{"Idempotency-Key": fmt.Sprintf("bench-w%s-coins-%d-%d", w.run, cl.ID, g)}
		if _, _, err := benchSend(ctx, w.e, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/coins", cl.ID),
			fmt.Sprintf(`{"all":true,"amount":%d,"action":"give","reason":"Bench writes"}`, giveCoins),
			"writes setup: POST /classes/:id/coins", ck, key, http.StatusOK); err != nil {
			return fmt.Errorf("writes setup: coins: %w", err)
		}
	}
	start := int64(0)
	if n := len(w.gens); n > 0 {
		start = w.gens[n-1].start + int64(len(w.gens[n-1].cookies)*len(w.items))
	}
	w.gens = append(w.gens, purchaseGen{start: start, cookies: cookies})
	return nil
}

// nextPurchase builds the next pair's purchase: within a generation the
// pairs go round its pupils before the next item, so the clients of a
// level buy for different pupils at once.
func (w *writesSweep) nextPurchase(ctx context.Context) (*http.Request, int64, bool) {
	k := w.pairs.Add(1) - 1
	g := sort.Search(len(w.gens), func(i int) bool { return w.gens[i].start > k }) - 1
	if g < 0 {
		return nil, k, false
	}
	gen := w.gens[g]
	local := k - gen.start
	n := int64(len(gen.cookies))
	if local >= n*int64(len(w.items)) {
		return nil, k, false
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, w.e.base+"/api/v1/student/store/purchases", bytes.NewReader(w.items[local/n].body))
	req.Header = http.Header{
		"Content-Type":    {"application/json"},
		"X-Csrf-Token":    {CSRFToken},
		"Cookie":          {gen.cookies[local%n]},
		"Idempotency-Key": {"bench-p" + w.run + "-" + strconv.FormatInt(k, 10)},
	}
	return req, k, true
}
